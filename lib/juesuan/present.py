"""What a reader sees: number and unit formats, tables for display, values for JSON, the index page.

    >>> from juesuan import present
    >>> present.display_frame(metrics.budget_execution(doc))   # ratios as 184.16%, amounts with separators
    >>> present.evidence(doc.findings)                        # findings as a table to read

Ratios are the columns (and key-figure keys) whose names end in rate/share/ratio/variance: plain
numbers to 4 decimals in JSON (1.8416 = 184.16%), percentages with 2 decimals for people.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable
from urllib.parse import quote

import pandas as pd

# Columns (and key-figure keys ending so) that hold ratios: plain numbers in JSON.
RATIO_SUFFIXES = ("rate", "share", "ratio", "variance")
# JSON and tables show ratios to 4 decimals (1.8416), the precision of a percentage printed with 2.
JSON_RATIO_PLACES = Decimal("1e-4")
SEVERITIES = ("error", "warning", "info")


def is_ratio_key(name: str) -> bool:
    return name.endswith(RATIO_SUFFIXES)


def plain(value):
    """A value as JSON holds it: exact decimal strings, numpy scalars as Python numbers, None for gaps."""
    if value is None or (not isinstance(value, (str, Decimal, list, dict)) and pd.isna(value)):
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def json_value(name: str, value):
    """`plain`, except that a ratio (by its name) is a plain number to 4 decimals."""
    if isinstance(value, Decimal) and is_ratio_key(name):
        return float(value.quantize(JSON_RATIO_PLACES, rounding=ROUND_HALF_UP))
    return plain(value)


def records(frame: pd.DataFrame, *, ratios: bool = False) -> list[dict]:
    """A frame as JSON records; with `ratios`, ratio columns become plain numbers (`json_value`)."""
    convert = json_value if ratios else (lambda _, v: plain(v))
    return [{k: convert(k, v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


# C0/C1 controls and escape sequences: a document's text must not drive the reader's terminal.
CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text) -> str:
    """Text from a document as a terminal may show it: control characters and escape sequences removed."""
    return CONTROL.sub("", str(text))


def format_cell(name: str, value) -> str:
    """A cell for people: ratios as percentages (184.16%), amounts with thousands separators."""
    if value is None or (not isinstance(value, (str, Decimal)) and pd.isna(value)):
        return ""
    if isinstance(value, Decimal):
        if is_ratio_key(name):
            return f"{(value * 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"
        return f"{value:,f}"
    return str(value)


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with ratios as percentages and amounts with separators (for tables and notebooks)."""
    return pd.DataFrame({col: [format_cell(col, v) for v in frame[col]] for col in frame.columns}, index=frame.index)


EVIDENCE_COLUMNS = {"rule_id": "规则", "severity": "严重程度", "status": "状态", "message_zh": "说明", "expected": "应为",
                    "found": "实为", "difference": "差额", "tolerance": "容差"}


# The disclosure checklist's columns a reader needs, in words (`display_frame(checklist[...].rename(…))`).
CHECKLIST_HEADINGS = {"part_zh": "公开项", "required": "应公开", "present": "是否公开", "conforms": "符合要求",
                      "pages": "页码", "evidence": "找到的标题", "findings": "其中的发现"}


def evidence(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings as a table to read: what the rule says, expected and found, and where (table, row,
    column and page, or the sentence quoted)."""
    if not len(findings):
        return pd.DataFrame(columns=[*EVIDENCE_COLUMNS.values(), "位置"])
    view = findings.reindex(columns=list(EVIDENCE_COLUMNS)).rename(columns=EVIDENCE_COLUMNS)
    view["位置"] = [where(locations) for locations in findings["locations"]]
    return view.reset_index(drop=True)


def where(locations) -> str:
    """A finding's locations in words: the quoted sentence or table · code · item · column, with pages."""
    parts = []
    for loc in locations or []:
        page = f"（第{loc['page']}页）" if loc.get("page") else ""
        doc = f"〔{loc['doc_id']}〕" if loc.get("doc_id") else ""  # a check across documents names each
        if loc.get("quote"):
            parts.append(f"{doc}“{loc['quote']}”{page}")
        else:
            parts.append(doc + " · ".join(str(loc[k]) for k in ("table", "code", "item", "column") if loc.get(k)) + page)
    return "；".join(parts)


# --- the index page -----------------------------------------------------------------------------------

# Which notebook's key figures give the index its columns.
INDEX_SOURCES = {"totals": "01-overview", "execution": "02-execution", "findings": "03-audit"}


def amount_wan(value) -> str:
    """An exact amount in 元 (a decimal string) as 万元 with two decimals and separators; — for none."""
    if value in (None, ""):
        return "—"
    return f"{Decimal(str(value)) / 10000:,.2f}"


def percent(value) -> str:
    """A ratio (1.8416) as 184.16%; — for none."""
    return f"{value * 100:.2f}%" if isinstance(value, (int, float)) else "—"


def index_page(results, page_written: Callable[[str, str], bool], unfinished: int = 0) -> str:
    """index.html for a batch's results (one row per document); the template escapes every text.

    `page_written(slug, notebook)` says whether a failed page was still written (then it is linked);
    `unfinished` counts the documents of the batch not listed because they have not finished."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("juesuan", "templates"), autoescape=select_autoescape(["j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    rows = []
    for r in results:
        figures = {p.notebook: p.figures for p in r.pages}
        overview, execution = figures.get(INDEX_SOURCES["totals"], {}), figures.get(INDEX_SOURCES["execution"], {})
        audit = figures.get(INDEX_SOURCES["findings"], {})
        findings = audit.get("findings_by_severity") or {}
        # 无法判断 parts (a tables-only file's narrative) are no missing parts, and no silent zero either
        undetermined = audit.get("parts_insufficient_data") or 0
        rows.append({
            "result": r,
            "income": amount_wan(overview.get("income_total")),
            "expenditure": amount_wan(overview.get("expenditure_total")),
            "execution": percent(execution.get("execution_rate")),
            "findings": [findings.get(s, "—") for s in SEVERITIES],
            "missing_parts": audit.get("missing_parts", "—"),  # required parts the checklist did not find
            "undetermined_parts": undetermined,
            "failed_pages": sum(p.status == "failed" for p in r.pages),
            "links": [{"page": p, "href": f"{quote(r.slug)}/{quote(p.notebook)}.html",
                       "written": p.status == "ok" or page_written(r.slug, p.notebook)} for p in r.pages],
        })
    return env.get_template("index.html.j2").render(rows=rows, documents=len(results), unfinished=unfinished,
                                                     failed=sum(r.failed for r in results))
