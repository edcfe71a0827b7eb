"""What a reader sees: number and unit formats, tables for display, values for JSON, the index page.

    >>> from juesuan import present
    >>> present.display_frame(metrics.budget_execution(doc))   # ratios as 184.16%, amounts with separators
    >>> present.evidence(doc.findings)                        # findings as a table to read

Ratios are the columns (and key-figure keys) whose names end in rate/share/ratio/variance: plain
numbers to 4 decimals in JSON (1.8416 = 184.16%), percentages with 2 decimals for people.
"""
from __future__ import annotations

import html
import re
from decimal import ROUND_HALF_UP, Decimal
from numbers import Number
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


def format_cell(name: str, value, scale: tuple = (Decimal(1), None)) -> str:
    """A cell for people: ratios as percentages (184.16%), amounts with thousands separators,
    divided by `scale`'s divisor and rounded to its places (half up) when it has them."""
    if value is None or (not isinstance(value, (str, Decimal)) and pd.isna(value)):
        return ""
    if isinstance(value, Decimal):
        if is_ratio_key(name):
            return f"{(value * 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"
        divisor, places = scale if not name.endswith(PER_WAN_SUFFIX) else (Decimal(1), Decimal("0.01"))
        value = value / divisor
        return f"{value.quantize(places, rounding=ROUND_HALF_UP) if places else value:,f}"
    return str(value)


def display_frame(frame: pd.DataFrame, labels: dict[str, str] | None = None, *, unit: str = "元"):
    """A copy with ratios as percentages and amounts with separators (for tables and notebooks).

    With `labels` (column → what a reader calls it; `LABELS` holds the common ones), the table as a
    reader sees it: columns renamed (a column `2019_share` is 2019年占比, `人民检察院_share` 人民检察院占比),
    amounts in `unit` (万元: ÷ 10,000 to two decimals), shown without the index (a `Table`)."""
    if labels is None:
        return pd.DataFrame({col: [format_cell(col, v) for v in frame[col]] for col in frame.columns}, index=frame.index)
    scale, shown, numeric = AMOUNT_UNITS[unit], {}, set()
    for col in frame.columns:
        label = label_of(col, labels)
        values = [v for v in frame[col] if v is not None and not (not isinstance(v, (str, Decimal)) and pd.isna(v))]
        amount = any(isinstance(v, Decimal) for v in values) and not is_ratio_key(col) and not col.endswith(PER_WAN_SUFFIX)
        label = f"{label}（{unit}）" if amount and unit != "元" else label
        shown[label] = [format_cell(col, v, scale) for v in frame[col]]
        if values and all(isinstance(v, Number) and not isinstance(v, bool) for v in values):
            numeric.add(label)
    return Table(pd.DataFrame(shown), numeric)


# Divisors of an amount in 元 for display, and the places shown.
AMOUNT_UNITS = {"元": (Decimal(1), None), "万元": (Decimal(10000), Decimal("0.01"))}
# Columns of 元 per 万元 of spending (an intensity, not an amount): never scaled, shown to the fen.
PER_WAN_SUFFIX = "_per_wan"

# What readers call the columns of the collection analyses (juesuan.metrics.profiles, trends, peers).
LABELS = {
    "department_id": "部门编号", "department": "部门", "region": "地区", "year": "年度", "kind": "类型", "level": "级次",
    "doc_id": "文件", "layout": "版式", "code": "科目编码", "item": "项目", "amount": "金额", "prior_year": "上一年度", "prior": "上一年度金额",
    "change": "增减额", "growth_rate": "增减率", "first_year": "起始年度", "last_year": "截止年度", "first": "起始金额",
    "last": "截止金额", "compound_growth_rate": "年均复合增长率", "income_total": "本年收入合计",
    "expenditure_total": "本年支出合计", "fiscal_income": "财政拨款收入", "general_budget_expenditure": "一般公共预算财政拨款支出",
    "basic": "基本支出", "project": "项目支出", "personnel": "人员经费", "public": "公用经费",
    "basic_share": "基本支出占比", "project_share": "项目支出占比", "personnel_share": "人员经费占基本支出",
    "public_share": "公用经费占基本支出", "three_public": "“三公”经费", "three_public_growth_rate": "“三公”经费增减率",
    "three_public_per_wan": "每万元支出的“三公”经费（元）", "running_costs": "机关运行经费",
    "running_costs_growth_rate": "机关运行经费增减率", "running_costs_share": "机关运行经费占支出",
    "execution_rate": "预算执行率", "budget": "预算数", "final": "决算数", "difference": "决算 − 预算",
    "final_rate": "决算 ÷ 预算", "share": "占比", "status": "状态", "note": "说明",
}


# The metrics tables that show a stated (or printed) figure beside the recomputed one, as readers call
# their columns; `statement` is whether the statement holds (the audit's verdict), never `status`.
METRIC_LABELS = {
    "year_on_year": {"subject": "事项", "fund": "资金", "current": "本年数", "prior": "上年数（推算）",
                     "rate": "增减率（复算）", "stated_rate": "说明所述增减率"},
    "budget_execution": {"level": "级次", "subject": "事项", "basis": "预算口径", "budget": "预算数",
                         "actual": "决算数", "rate": "执行率（复算）", "stated_rate": "说明所述完成率",
                         "actual_from": "决算数出处"},
    "composition": {"code": "科目编码", "subject": "类", "budget": "年初预算 Bᵢ", "actual": "决算 Aᵢ"},
    "pefa": {"indicator": "指标", "name_zh": "名称", "ratio": "本年比值", "band_this_year": "本年所在区间",
             "lines": "行数", "note": "说明"},
    "procurement": {"item": "项目", "share": "占比（复算）", "stated_share": "说明所述占比"},
    "performance": {"project": "项目", "grade": "等级", "total_score": "总分", "indicator_score_sum": "各项得分之和",
                    "score_difference": "总分 − 各项得分之和", "execution_rate": "执行率（复算）",
                    "stated_execution_rate": "表中印出的执行率"},
}
STATEMENT_LABEL = "核对结果"


def metric_labels(name: str) -> dict[str, str]:
    """Column labels for one metrics table (`METRIC_LABELS`), over the common `LABELS`."""
    return {**LABELS, **METRIC_LABELS.get(name, {}), "statement": STATEMENT_LABEL}


def label_of(column: str, labels: dict[str, str]) -> str:
    if column in labels:
        return labels[column]
    stem = column[: -len("_share")] if column.endswith("_share") else ""
    if stem:
        return f"{stem}年占比" if stem[:4].isdigit() else f"{stem}占比"
    return column


class Table:
    """A table for readers: HTML and text without the index (a DataFrame always shows one), the
    `numeric` columns right-aligned and the others (names, notes) left-aligned; text escaped."""

    def __init__(self, frame: pd.DataFrame, numeric: set[str] = frozenset()):
        self.frame, self.numeric = frame, set(numeric)

    def _align(self, column: str) -> str:
        return f' style="text-align: {"right" if column in self.numeric else "left"}"'

    def _repr_html_(self) -> str:
        head = "".join(f"<th{self._align(c)}>{html.escape(str(c))}</th>" for c in self.frame.columns)
        body = "".join("<tr>" + "".join(f"<td{self._align(c)}>{html.escape(str(v))}</td>" for c, v in zip(self.frame.columns, row))
                       + "</tr>" for row in self.frame.itertuples(index=False))
        return f'<table class="dataframe"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def note(text: str):
    """A sentence shown in a notebook where a table has nothing to show."""
    from IPython.display import HTML

    return HTML(f"<p><em>{html.escape(text)}</em></p>")


EVIDENCE_COLUMNS = {"rule_id": "规则", "severity": "严重程度", "status": "状态", "message_zh": "说明", "expected": "应为",
                    "found": "实为", "difference": "差额", "tolerance": "容差"}


# The disclosure checklist's columns a reader needs, in words (`display_frame(checklist[...].rename(…))`).
CHECKLIST_HEADINGS = {"part_zh": "公开项", "required": "应公开", "present": "是否公开", "conforms": "符合要求",
                      "pages": "页码", "evidence": "找到的标题", "findings": "其中的发现"}


# The size columns of `evidence(…, by_size=True)` (checks.magnitude.finding_sizes).
SIZE_HEADINGS = {"difference_wan": "差额（万元）", "total_share": "差额占本年支出合计", "difference_pp": "差额（百分点）",
                 "difference_points": "差额（分）"}
BY_SIZE_NOTE = ("发现按严重程度排列（错误在前），同一严重程度内按差额大小排列，大者在前：金额按差额占本年支出合计的比例，"
                "百分比按相差的百分点，自评得分按相差的分数占满分 100 分的比例；没有数值差额的发现（名称、格式等）和无法核对的排在其后。"
                " / Findings by severity, then by size: money as a share of the year's spending, rates in percentage points.")


def evidence(findings: pd.DataFrame, *, by_size: bool = False, total: Decimal | None = None) -> pd.DataFrame:
    """Findings as a table to read: what the rule says, expected and found, and where (table, row,
    column and page, or the sentence quoted); a finding across documents names both first.

    With `by_size`, ranked as `checks.magnitude.rank` does (errors first, the largest difference
    first) with the difference in 万元 and as a share of `total` (本年支出合计: `metrics.document_total`)
    for money, in percentage points for rates; `BY_SIZE_NOTE` says so in words."""
    documents = {"doc_id": "文件", "other_doc_id": "对照文件"}
    across = [c for c in documents if c in findings.columns]
    sizes = list(SIZE_HEADINGS.values()) if by_size else []
    if not len(findings):
        return pd.DataFrame(columns=[*(documents[c] for c in across), *EVIDENCE_COLUMNS.values(), *sizes, "位置"])
    if by_size:
        from .checks import magnitude

        findings = magnitude.rank(findings, total)
    view = findings.reindex(columns=[*across, *EVIDENCE_COLUMNS]).rename(columns={**documents, **EVIDENCE_COLUMNS})
    if by_size:
        for column, heading in SIZE_HEADINGS.items():
            scaled = [v * 100 if column == "total_share" and v is not None else v for v in findings[column]]
            view[heading] = [_places(v, "%" if column == "total_share" else "") for v in scaled]
    view["位置"] = [where(locations) for locations in findings["locations"]]
    return view.reset_index(drop=True)


def _places(value, suffix: str) -> str:
    """Two decimals with separators (half up); a nonzero value that rounds to 0 is <0.01; blank for none."""
    if value is None or (not isinstance(value, Decimal) and pd.isna(value)):
        return ""
    shown = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"<0.01{suffix}" if shown == 0 and value != 0 else f"{shown:,f}{suffix}"


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


def execution_cell(figures: dict) -> dict:
    """The index's execution rate from 02-execution's key figures: `rate` (98.20%; — for none) and
    `basis`, named only where it is not 年初预算 (全年预算: 年初预算 was 0 or not stated), shown
    beside the rate as 95.89%（全年预算）. Key figures written before `execution_basis` existed
    were against 年初预算."""
    rate = percent(figures.get("execution_rate"))
    basis = figures.get("execution_basis") or "年初预算"
    return {"rate": rate, "basis": "" if rate == "—" or basis == "年初预算" else basis}


def index_page(results, page_written: Callable[[str, str], bool], unfinished: int = 0) -> str:
    """index.html for a batch's results (one row per document, grouped by department, a
    department's trends pages beside its name; one row per peers page set, by year); the
    template escapes every text.

    `page_written(slug, notebook)` says whether a failed page was still written (then it is linked);
    `unfinished` counts the documents of the batch not listed because they have not finished."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("juesuan", "templates"), autoescape=select_autoescape(["j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    documents = [r for r in results if not getattr(r, "scope", "")]
    rows = []
    for r in documents:
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
            "execution": execution_cell(execution),
            "findings": [findings.get(s, "—") for s in SEVERITIES],
            "missing_parts": audit.get("missing_parts", "—"),  # required parts the checklist did not find
            "undetermined_parts": undetermined,
            "failed_pages": sum(p.status == "failed" for p in r.pages),
            "links": _links(r, page_written),
        })
    collections = [{"result": c, "links": _links(c, page_written)} for c in results if getattr(c, "scope", "")]
    return env.get_template("index.html.j2").render(groups=_by_department(rows, collections),
                                                     peers=sorted((c for c in collections if c["result"].scope == "peers"),
                                                                  key=lambda c: (c["result"].years, c["result"].kind)),
                                                     documents=len(documents), unfinished=unfinished,
                                                     failed=sum(r.failed for r in documents))


def _links(result, page_written: Callable[[str, str], bool]) -> list[dict]:
    return [{"page": p, "href": f"{quote(result.slug)}/{quote(p.notebook)}.html",
             "written": p.status == "ok" or page_written(result.slug, p.notebook)} for p in result.pages]


def _by_department(rows: list[dict], collections: list[dict]) -> list[dict]:
    """The documents' rows grouped by department (by year and kind within), each group with its
    trends pages; documents that could not be read last."""
    groups: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: (r["result"].year or 0, r["result"].kind)):
        r = row["result"]
        key = r.department_id or r.department or ""
        group = groups.setdefault(key, {"department": r.department, "department_id": r.department_id, "rows": [],
                                        "trends": None})
        group["department"] = r.department or group["department"]  # the latest year's name
        group["rows"].append(row)
    for c in collections:
        if c["result"].scope == "trends":
            group = groups.setdefault(c["result"].department_id, {"department": c["result"].department,
                                                                  "department_id": c["result"].department_id,
                                                                  "rows": [], "trends": None})
            group["trends"] = c
    return sorted(groups.values(), key=lambda g: (not g["department_id"] and not g["department"], g["department_id"]))
