"""What the library's codes are called on a page: tables by their printed number and title, the
audit's severities, outcomes and verdicts, the narrative's kinds of claim, where a figure comes from
— and figures in the unit the document printed them in.

    >>> from juesuan import wording
    >>> wording.table_name(doc.meta, "general_budget_expenditure")   # '公开05表 一般公共预算财政拨款支出决算表'
    >>> wording.source_words(doc.meta, "expenditure 本年支出合计")       # '公开03表 支出决算表 · 本年支出合计'
    >>> wording.amount(Decimal("29616800"), "万元")                     # '2,961.68 万元'
    >>> wording.finding_values(finding, doc)                           # 应为/实为/差额/容差 as printed

Keys stay the machine's (facts, JSON, tests); these are the words a reader is shown instead.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import pandas as pd

from .metrics.base import TABLE_STATUS_ENGLISH, TABLE_STATUS_WORDS, printed_table
from .numbers import places

SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}
FINDING_STATUS_WORDS = {"fail": "不符", "insufficient_data": "数据不足"}
VERDICT_WORDS = {"ok": "相符", "mismatch": "不符", "unverifiable": "无从核对"}
CLAIM_KIND_WORDS = {
    "amount": "金额", "budget_amount": "预算数", "prior_amount": "上年数", "share": "占比", "yoy_change": "增减额",
    "yoy_rate": "增减率", "completion_rate": "完成率", "control_rate": "控制率", "count": "数量", "score": "得分",
    "grade": "等级",
}
# Where a metric's figure comes from, when it is not a printed table's column.
SOURCE_WORDS = {"narrative": "情况说明", "audit prior_year": "由说明所述增减额推算"}

WAN = Decimal(10000)
UNIT_DIVISORS = {"元": Decimal(1), "万元": WAN}
CENTS = Decimal("0.01")


def table_name(meta: dict, key: str) -> str:
    """公开05表 一般公共预算财政拨款支出决算表 (see `metrics.base.printed_table`)."""
    return printed_table(meta, key)


def table_status(status: str) -> str:
    return TABLE_STATUS_WORDS.get(status, status)


def table_status_english(status: str) -> str:
    return TABLE_STATUS_ENGLISH.get(status, status)


def source_words(meta: dict, source) -> str:
    """A metric's `source` ("expenditure 本年支出合计", "narrative") as a reader knows it: the printed
    table and its column (公开03表 支出决算表 · 本年支出合计), 情况说明; text already in words stays."""
    if source is None or source == "" or not isinstance(source, str):
        return source
    if source in SOURCE_WORDS:
        return SOURCE_WORDS[source]
    key, _, column = source.partition(" ")
    if key in _keys(meta):
        return " · ".join(filter(None, (table_name(meta, key), column)))
    return source


def readable(text, meta: dict):
    """Text with every table key in it (`income`, `performance_2`) replaced by the table's printed
    name: the audit's messages name tables by key."""
    if not isinstance(text, str) or not text:
        return text
    return _key_pattern(meta).sub(lambda m: table_name(meta, m.group(0)), text)


def _keys(meta: dict) -> set[str]:
    from .layouts import LAYOUTS

    return {t.key for layout in LAYOUTS for t in layout.tables} | set(meta.get("tables", {}))


def _key_pattern(meta: dict) -> re.Pattern:
    keys = sorted(_keys(meta) | {"performance_\\d+"}, key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z_])(?:" + "|".join(k if "\\" in k else re.escape(k) for k in keys) + r")(?![A-Za-z_0-9])")


# --- figures in their printed unit ------------------------------------------------------------------------

def amount(value_yuan, unit: str = "万元", *, least: int = 2, most: int = 2) -> str:
    """An exact amount in 元 in `unit` (元 or 万元) with its unit named: 2,961.68 万元; '' for none."""
    number = _decimal(value_yuan)
    if number is None:
        return ""
    return f"{places(number / UNIT_DIVISORS.get(unit, Decimal(1)), least, most)} {unit}"


def percent(value, *, ratio: bool = True, least: int = 2, most: int = 2) -> str:
    """A ratio (0.7165) — or, with ratio=False, a number of percent (71.65) — as 71.65%; '' for none."""
    number = _decimal(value)
    if number is None:
        return ""
    return f"{places(number * 100 if ratio else number, least, most)}%"


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or (not isinstance(value, (str, Decimal)) and pd.isna(value)):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def stated(claim) -> str:
    """A claim's stated figure with its unit, at the page's precision: 71.73%, 0.30 万元 (0.3万元
    printed), 5 辆; the sentence itself is quoted beside it."""
    return _claim_figure(claim.get("stated"), claim.get("unit") or "", in_yuan=False)


def computed(claim) -> str:
    """What the audit recomputed for a claim, in the claim's unit (71.65%, 2,961.68 万元); '' for none."""
    return _claim_figure(claim.get("computed"), claim.get("unit") or "", in_yuan=True)


def _claim_figure(raw, unit: str, *, in_yuan: bool) -> str:
    """A figure of a claim in the claim's unit: a stated amount as printed, a computed one from 元."""
    value = _decimal(raw)
    if value is None:
        return ""
    if unit == "%":
        return percent(value, ratio=False)
    if unit in UNIT_DIVISORS:
        return amount(value, unit) if in_yuan else f"{places(value)} {unit}"
    return (f"{places(value, 0, 2)} {unit}" if in_yuan else f"{value:,f} {unit}").strip()


# The measure of a finding's 应为/实为 (checks.magnitude.measure_of) → how its figures are shown.
POINTS = "个百分点"


def finding_values(finding: dict, meta: dict, claims: pd.DataFrame | None = None) -> dict[str, str]:
    """A finding's expected, found, difference and tolerance as a reader reads them, in the unit the
    figures were printed in: money in the unit of its table (the table the location names, else
    the document's) and the narrative's figure in the narrative's unit (0.3万元 found against
    2,961.68 万元 expected); percentages with two decimals and their difference in percentage
    points; scores in 分. Names and figures of no known measure stay as the audit gives them."""
    from .checks.magnitude import measure_of

    fields = ("expected", "found", "difference", "tolerance")
    measure = measure_of(finding)
    if measure == "percent":
        return {"expected": percent(finding["expected"], ratio=False), "found": percent(finding["found"], ratio=False),
                "difference": _with(finding["difference"], POINTS), "tolerance": _with(finding["tolerance"], POINTS)}
    if measure == "score":
        return {f: _with(finding[f], "分", least=2 if f in ("expected", "found") else 0) for f in fields}
    if measure == "money":
        expected_unit = _table_unit(finding, meta)
        found_unit = _claim_unit(finding, claims) or expected_unit
        return {"expected": amount(finding["expected"], expected_unit), "found": amount(finding["found"], found_unit),
                "difference": amount(finding["difference"], found_unit),
                "tolerance": amount(finding["tolerance"], found_unit, most=4)}
    return {f: "" if finding.get(f) is None or pd.isna(finding.get(f)) else str(finding[f]) for f in fields}


def _with(value, unit: str, *, least: int = 2) -> str:
    number = _decimal(value)
    return "" if number is None else f"{places(number, least, 4)} {unit}"


def _table_unit(finding: dict, meta: dict) -> str:
    """The unit of the first table a finding's locations name, else the document's tables' unit."""
    for location in finding.get("locations") or []:
        unit = meta.get("tables", {}).get(location.get("table") or "", {}).get("unit")
        if unit in UNIT_DIVISORS:
            return unit
    return meta.get("unit") if meta.get("unit") in UNIT_DIVISORS else "元"


def _claim_unit(finding: dict, claims: pd.DataFrame | None) -> str:
    """The unit of the narrative figure a finding found: the claim of its quoted sentence whose
    amount in 元 is the finding's `found`."""
    if claims is None or finding.get("source") != "narrative" or not len(claims):
        return ""
    quotes = {loc.get("quote") for loc in finding.get("locations") or [] if loc.get("quote")}
    found = _decimal(finding.get("found"))
    mine = claims[claims["quote"].isin(quotes) & claims["unit"].isin(list(UNIT_DIVISORS))]
    for claim in mine.to_dict("records"):
        if found is not None and _decimal(claim.get("value_yuan")) == found:
            return claim["unit"]
    return ""


# --- English beside the Chinese headings ------------------------------------------------------------------

# Columns a researcher abroad reads by their English gloss (the second header row of a `present.Table`).
ENGLISH = {
    "item": "item", "amount": "amount", "share": "share", "status": "status", "note": "note / reason",
    "code": "classification code", "subject": "subject", "fund": "fund", "current": "this year",
    "prior": "last year (derived)", "rate": "rate (recomputed)", "stated_rate": "rate as stated",
    "stated_share": "share as stated", "statement": "statement holds?", "source": "source (printed table · column)",
    "budget": "budget", "actual": "outturn", "basic_share": "share of basic spending", "count": "count",
    "unit": "unit", "level": "level", "basis": "budget basis", "direction": "direction", "stated_change": "change as stated",
    "project": "project", "grade": "grade", "total_score": "total score", "indicator_score_sum": "sum of scores",
    "score_difference": "total − sum", "execution_rate": "execution rate (recomputed)",
    "stated_execution_rate": "execution rate as printed", "indicator": "indicator", "name_zh": "name",
    "ratio": "ratio", "band_this_year": "this year's band", "side": "side", "column": "column", "value": "amount",
    "page": "page", "year": "year", "department": "department", "kind": "kind", "difference": "difference",
    "关系": "relation", "左边": "left side", "右边": "right side", "相等": "equal", "条数": "count",
    "label": "table no.", "title": "title", "read": "status", "facts": "figures read", "pages": "pages",
    "part_zh": "part of the disclosure", "required": "required", "present": "printed", "conforms": "conforms",
    "evidence": "heading found", "findings": "findings in it",
}
UNIT_ENGLISH = {"元": "yuan", "万元": "10,000 yuan"}


def english(column: str, unit: str = "") -> str:
    """The English gloss of a column (`ENGLISH`, else its name in words), with an amount's unit."""
    gloss = ENGLISH.get(column) or (column.replace("_", " ") if column.isascii() else "")
    return f"{gloss} ({UNIT_ENGLISH[unit]})" if gloss and unit in UNIT_ENGLISH else gloss
