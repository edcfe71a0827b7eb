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

import numpy as np
import pandas as pd

from . import wording
from .numbers import places

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


def format_cell(name: str, value, divisor: Decimal = Decimal(1)) -> str:
    """A cell for people: ratios as percentages (184.16%), amounts with thousands separators,
    divided by `divisor` (10,000 for 万元), to two decimals (half up); scores (分) to two decimals,
    counts as printed, yes/no as 是/否, a missing value blank."""
    if value is None or (not isinstance(value, (str, Decimal)) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        if is_ratio_key(name):
            return wording.percent(value)
        if is_count_key(name):
            return f"{value:,f}"
        return places(value / divisor if is_money_key(name) else value)
    return str(value)


def display_frame(frame: pd.DataFrame, labels: dict[str, str] | None = None, *, unit: str = "万元", document=None,
                  empty: str = "", caption: str = ""):
    """A table as a reader sees it (a `Table`): Chinese column labels (`labels`, column → what a reader
    calls it, over `LABELS`; a column `2019_share` is 2019年占比, `人民检察院_share` 人民检察院占比) with
    an English gloss beneath each, no index, amounts in `unit` named in their heading (万元: ÷ 10,000,
    元: as printed, both to two decimals), ratios as percentages with two decimals, text left and
    numbers right, everything escaped.

    Missing values are blank and the row says why: a metrics frame's `status` and `note` become one
    column 说明 (数据不足：… / 不适用：…). With `document`, a `source` names the printed table
    (公开03表 支出决算表 · 本年支出合计) and table keys in cells are the tables' printed names.
    `empty`: the sentence shown instead of a table without rows; `caption`: a line above it."""
    labels = {**LABELS, **(labels or {})}
    meta = getattr(document, "meta", document) or {}
    frame = _in_words(frame.drop(columns=[c for c in HIDDEN_COLUMNS if c in frame.columns]), meta)
    divisor, shown, numeric, english = wording.UNIT_DIVISORS[unit], {}, set(), []
    for col in frame.columns:
        label = label_of(col, labels)
        values = [v for v in frame[col] if v is not None and not (not isinstance(v, (str, Decimal)) and pd.isna(v))]
        money = any(isinstance(v, Decimal) for v in values) and is_money_key(col)
        label = with_unit(label, unit) if money else label
        shown[label] = [format_cell(col, v, divisor) for v in frame[col]]
        english.append(wording.english(col, unit if money else ""))
        if values and all(isinstance(v, Number) and not isinstance(v, (bool, np.bool_)) for v in values):
            numeric.add(label)
    return Table(pd.DataFrame(shown), numeric, english=english, empty=empty, caption=caption)


def with_unit(label: str, unit: str) -> str:
    """A heading with its unit: 金额（万元）; 上年数（推算） → 上年数（推算，万元）."""
    return f"{label[:-1]}，{unit}）" if label.endswith("）") else f"{label}（{unit}）"


# Columns a reader never needs: the audit's claim ids (the statement in words is shown instead).
HIDDEN_COLUMNS = ("claim_ids", "claim_id")
# What a metric's row status says beside its note (metrics.base: ok, insufficient_data, not_applicable).
STATUS_REASONS = {"ok": "", "insufficient_data": "数据不足", "not_applicable": "不适用"}
# A metric's fund left blank: the sentence named no fund, so it speaks of the department's whole.
BLANK_FUND = "全部资金"


def _in_words(frame: pd.DataFrame, meta: dict) -> pd.DataFrame:
    """A metrics frame's codes in words: `status` folded into `note` (the reason a value is
    missing), sources and table keys as printed names, a blank fund as 全部资金."""
    frame = frame.copy()
    if "status" in frame.columns:
        notes = frame["note"] if "note" in frame.columns else pd.Series([""] * len(frame), index=frame.index)
        frame["note"] = [_reason(status, note) for status, note in zip(frame["status"], notes)]
        frame = frame.drop(columns=["status"])
    if "note" in frame.columns and "statement" in frame.columns:  # the statement already gives the reason
        frame["note"] = ["" if note == said else note for note, said in zip(frame["note"], frame["statement"])]
    for col in ("note", "code"):  # no row has a reason to give, or a code (基本支出 has none)
        if col in frame.columns and not frame[col].fillna("").astype(str).str.strip().any():
            frame = frame.drop(columns=[col])
    for col in frame.columns:
        if col == "source" or col.endswith("_source"):
            frame[col] = [wording.source_words(meta, v) for v in frame[col]]
        elif col == "table":
            frame[col] = [wording.table_name(meta, v) if isinstance(v, str) and v else v for v in frame[col]]
        elif col == "fund":
            frame[col] = [BLANK_FUND if v in ("", None) or (isinstance(v, float) and pd.isna(v)) else v for v in frame[col]]
        elif frame[col].dtype == object:
            frame[col] = [wording.readable(v, meta) for v in frame[col]]
    return frame


def _reason(status, note) -> str:
    note = "" if note is None or (not isinstance(note, str) and pd.isna(note)) else str(note)
    word = STATUS_REASONS.get(status, str(status or ""))
    return f"{word}：{note}" if word and note else word or note


def is_count_key(name: str) -> bool:
    return name in COUNT_COLUMNS


def is_money_key(name: str) -> bool:
    """An amount in 元 (scaled to the table's unit), unless its name says ratio, score, count or 元 per 万元."""
    return not (is_ratio_key(name) or name.endswith(PER_WAN_SUFFIX) or name.endswith(SCORE_SUFFIXES) or is_count_key(name))


# Columns of 元 per 万元 of spending (an intensity, not an amount): never scaled, shown to the fen.
PER_WAN_SUFFIX = "_per_wan"
# Columns of scores (分: a self-evaluation's), shown to two decimals, and of counts, shown as printed.
SCORE_SUFFIXES = ("score", "score_sum", "score_difference", "分值", "得分")
COUNT_COLUMNS = ("count", "facts", "条数")

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
    # the document analyses (juesuan.metrics): their common columns
    "subject": "事项", "actual": "决算数", "rate": "执行率", "stated_rate": "说明所述比率", "stated_share": "说明所述占比",
    "source": "来源", "count": "数量", "unit": "单位", "fund": "资金", "basis": "预算口径", "direction": "增减方向",
    "stated_change": "说明所述增减额", "current": "本年数", "current_source": "本年数来源", "prior_source": "上年数来源",
    "indicator": "指标", "name_zh": "名称", "ratio": "比率", "band_this_year": "本年所在区间",
    "grade": "等级", "total_score": "总分", "table": "表", "page": "页码", "side": "收支", "column": "栏目",
    "value": "金额", "unit_source": "印出单位", "title": "表名", "label": "表号", "facts": "数字个数",
    "statement": "核对结果", "actual_source": "决算数来源", "budget_source": "预算数来源", "name_en": "名称（英文）",
    "score": "评分", "years": "年数", "lines": "行数", "change_source": "增减额来源",
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
    "three_public": {"budget": "预算数", "actual": "决算数", "rate": "执行率（复算）", "stated_rate": "说明所述完成率"},
    "totals": {"amount": "金额", "source": "来源（印出的表 · 栏目）"},
    "class_shares": {"code": "科目编码", "item": "科目名称"},
    "personnel_vs_public": {"basic_share": "占基本支出"},
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
    `numeric` columns right-aligned and the others (names, notes) left-aligned; text escaped.
    `english`: a gloss for each column, shown as a second header row (and the heading's tooltip);
    `empty`: the sentence shown instead of a table without rows; `caption`: a line above it."""

    def __init__(self, frame: pd.DataFrame, numeric: set[str] = frozenset(), *, english: list[str] | None = None,
                 empty: str = "", caption: str = ""):
        self.frame, self.numeric = frame, set(numeric)
        self.english = list(english or [])
        self.empty, self.caption = empty or EMPTY_TABLE, caption

    def _align(self, column: str) -> str:
        return f' style="text-align: {"right" if column in self.numeric else "left"}"'

    def _repr_html_(self) -> str:
        if self.frame.empty:
            return f"<p><em>{html.escape(self.empty)}</em></p>"
        glosses = self.english if len(self.english) == len(self.frame.columns) else [""] * len(self.frame.columns)
        head = "".join(f'<th{self._align(c)}{_title(e)}>{html.escape(str(c))}</th>' for c, e in zip(self.frame.columns, glosses))
        if any(glosses):
            head += ('</tr><tr class="gloss" lang="en">'
                     + "".join(f'<th style="text-align: {"right" if c in self.numeric else "left"}; {GLOSS_STYLE}">'
                               f"{html.escape(e)}</th>" for c, e in zip(self.frame.columns, glosses)))
        body = "".join("<tr>" + "".join(f"<td{self._align(c)}>{_cell_html(v)}</td>" for c, v in zip(self.frame.columns, row))
                       + "</tr>" for row in self.frame.itertuples(index=False))
        caption = f"<p>{html.escape(self.caption)}</p>" if self.caption else ""  # a line as wide as the page
        return f'{caption}<table class="dataframe"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def to_string(self, index: bool = False) -> str:
        """The table as text (the command line's `--format table`), or its empty sentence."""
        return self.empty if self.frame.empty else self.frame.to_string(index=False)

    def __repr__(self) -> str:
        return self.to_string()


# What an empty table says when its maker gave no sentence of its own.
EMPTY_TABLE = "（没有可列出的行 / nothing to list）"
GLOSS_STYLE = "font-weight: normal; font-size: 0.8em; color: #555"


# A cell of running text (a sentence, a rule's message) keeps a readable width on a phone: a browser
# squeezes a table to the screen and would leave it one character wide (table cells ignore min-width).
LONG_TEXT = 24
LONG_TEXT_STYLE = "min-width: 14em"


def _cell_html(value) -> str:
    text = html.escape(str(value))
    return f'<div style="{LONG_TEXT_STYLE}">{text}</div>' if len(str(value)) > LONG_TEXT else text


def _title(english: str) -> str:
    return f' title="{html.escape(english)}"' if english else ""


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


def evidence(findings: pd.DataFrame, *, by_size: bool = False, total: Decimal | None = None, document=None) -> Table:
    """Findings as a table to read (a `Table`): what the rule says, its severity and outcome in words
    (错误/警告/提示, 不符/数据不足), expected, found, difference and tolerance in the unit the figures
    were printed in (`wording.finding_values`: 2,961.68 万元, 71.73%, 分), and where (the printed
    table · code · item · column and page, or the sentence quoted); a finding across documents
    names both first. With `document`, its tables are named as it prints them and a narrative
    figure's unit is its claim's.

    With `by_size`, ranked as `checks.magnitude.rank` does (errors first, the largest difference
    first) with the difference in 万元 and as a share of `total` (本年支出合计: `metrics.document_total`)
    for money, in percentage points for rates. Size columns with nothing to show are left out."""
    documents = {"doc_id": "文件", "other_doc_id": "对照文件"}
    across = [c for c in documents if c in findings.columns]
    if not len(findings):
        return Table(pd.DataFrame(columns=["规则"]), empty=NO_FINDINGS)
    meta = getattr(document, "meta", None) or {}
    if by_size:
        from .checks import magnitude

        findings = magnitude.rank(findings, total)
    findings = findings.reset_index(drop=True)
    claims = document.claims if document is not None else None
    values = pd.DataFrame([wording.finding_values(f, meta, claims) for f in findings.to_dict("records")])
    view = findings.reindex(columns=[*across, *EVIDENCE_COLUMNS]).rename(columns={**documents, **EVIDENCE_COLUMNS})
    view["严重程度"] = [wording.SEVERITY_WORDS.get(v, v) for v in findings["severity"]]
    view["状态"] = [wording.FINDING_STATUS_WORDS.get(v, v) for v in findings["status"]]
    view["说明"] = [wording.readable(v, meta) for v in findings["message_zh"]]
    for column in ("expected", "found", "difference", "tolerance"):
        view[EVIDENCE_COLUMNS[column]] = values[column]
    if by_size:  # 差额 already shows points and 分: the sizes add money in 万元 and its share of the whole
        for column in SHOWN_SIZES:
            scaled = [v * 100 if column == "total_share" and v is not None else v for v in findings[column]]
            view[SIZE_HEADINGS[column]] = [_places(v, "%" if column == "total_share" else "") for v in scaled]
    view["位置"] = [where(locations, meta) for locations in findings["locations"]]
    view = view.drop(columns=[c for c in SIZE_HEADINGS.values() if c in view.columns and not view[c].any()])
    english = [EVIDENCE_ENGLISH.get(c, "") for c in view.columns]
    numeric = {c for c in view.columns if c in NUMERIC_EVIDENCE and all(NUMBER_START.match(v) for v in view[c] if v)}
    return Table(view, numeric, english=english)


NO_FINDINGS = "没有发现：规则全部通过。 / No findings: every rule holds."
SHOWN_SIZES = ("difference_wan", "total_share")
EVIDENCE_ENGLISH = {"文件": "document", "对照文件": "compared with", "规则": "rule", "严重程度": "severity",
                    "状态": "outcome", "说明": "what the rule says", "应为": "expected", "实为": "found",
                    "差额": "difference", "容差": "tolerance", "差额（万元）": "difference (10,000 yuan)",
                    "差额占本年支出合计": "share of the year's spending", "差额（百分点）": "difference (points)",
                    "差额（分）": "difference (score points)", "位置": "where"}
NUMERIC_EVIDENCE = {"应为", "实为", "差额", "容差", *SIZE_HEADINGS.values()}
NUMBER_START = re.compile(r"[-<\d]")  # a figure (−2,961.38 万元, <0.01), not a name


def _places(value, suffix: str) -> str:
    """Two decimals with separators (half up); a nonzero value that rounds to 0 is <0.01; blank for none."""
    if value is None or (not isinstance(value, Decimal) and pd.isna(value)):
        return ""
    shown = places(Decimal(value))
    return f"<0.01{suffix}" if Decimal(shown.replace(",", "")) == 0 and value != 0 else f"{shown}{suffix}"


def where(locations, meta: dict | None = None) -> str:
    """A finding's locations in words: the quoted sentence, or the printed table · code · item ·
    column, with pages."""
    parts = []
    for loc in locations or []:
        page = f"（第{loc['page']}页）" if loc.get("page") else ""
        doc = f"〔{loc['doc_id']}〕" if loc.get("doc_id") else ""  # a check across documents names each
        if loc.get("quote"):
            parts.append(f"{doc}“{loc['quote']}”{page}")
        else:
            named = {**loc, "table": wording.table_name(meta or {}, loc["table"]) if loc.get("table") else ""}
            parts.append(doc + " · ".join(str(named[k]) for k in ("table", "code", "item", "column") if named.get(k)) + page)
    return "；".join(parts)


# --- the index page -----------------------------------------------------------------------------------

# Which notebook's key figures give the index its columns.
INDEX_SOURCES = {"totals": "01-overview", "execution": "02-execution", "findings": "03-audit"}


def amount_wan(value) -> str:
    """An exact amount in 元 (a decimal string) as 万元 with two decimals and separators, rounded as
    the pages round (half up); — for none."""
    return "—" if value in (None, "") else places(Decimal(str(value)) / wording.WAN)


def percent(value) -> str:
    """A ratio (1.8416) as 184.16%; — for none."""
    return wording.percent(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else "—"


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
