"""How much a finding matters: its difference in 万元 and as a share of the document's spending for
money, in percentage points for rates and shares, so that a rounding plug (9.55% printed for
9.5575%) is told from a total off by thousands of 万元.

    >>> magnitude.finding_sizes(doc.findings, metrics.document_total(doc))   # 本年支出合计
    >>> magnitude.rank(doc.findings, total)        # errors first, the largest first within each severity

Every finding is kept; a finding without a numeric difference (a name, a placeholder, a figure the
rule could not read) has no size and comes after the sized ones of its severity.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pandas as pd

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
WAN = Decimal(10000)
HUNDRED = Decimal(100)

# Rules whose 应为/实为 are percentages (the narrative's 占比, 增减率, 完成率; a self-evaluation's 执行率).
PERCENT_RULES = ("N.share", "N.yoy_rate", "N.completion_rate", "P.execution_rate")
# Rules whose 应为/实为 are scores out of a self-evaluation's 100 points: ranked as points of those 100.
SCORE_RULES = ("N.score", "P.budget_score", "P.indicator_le_weight", "P.weights", "P.total")
# Rules whose 应为/实为 are amounts in 元: the narrative's amounts and every table relation, except
# those over counts (T10.vehicles: 辆).
MONEY_NARRATIVE_RULES = ("N.amount", "N.unit_slip", "N.budget_amount", "N.budget_sum")
COUNT_RULES = ("T10.vehicles", "N.count", "N.grade_counts")

SIZE_COLUMNS = ["measure", "difference_wan", "total_share", "difference_pp", "difference_points", "size"]


def measure_of(finding: dict) -> str:
    """What a finding's 应为/实为 measure: money (元), percent, score, count or '' (no number)."""
    rule = finding["rule_id"]
    if _number(finding.get("difference")) is None:
        return ""
    if rule in PERCENT_RULES:
        return "percent"
    if rule in SCORE_RULES:
        return "score"
    if rule in COUNT_RULES:
        return "count"
    if rule in MONEY_NARRATIVE_RULES or finding.get("source") == "table":
        return "money"
    return ""


def finding_sizes(findings: pd.DataFrame, total: Decimal | None) -> pd.DataFrame:
    """For each finding (same index): `measure`, `difference_wan` (money: |实为 − 应为| in 万元),
    `total_share` (money: that difference ÷ `total`, a ratio), `difference_pp` (percent: |实为 − 应为|
    in percentage points), `difference_points` (score: |实为 − 应为| in 分) and `size`, the one scale they are ranked on: the share of the whole —
    money ÷ total, percentage points ÷ 100, score points ÷ 100 (a self-evaluation's full score);
    None for counts and findings without a number."""
    rows = []
    for finding in findings.to_dict("records"):
        measure, diff = measure_of(finding), _number(finding.get("difference"))
        diff = abs(diff) if diff is not None else None
        row = dict.fromkeys(SIZE_COLUMNS)
        row["measure"] = measure
        if measure == "money":
            row["difference_wan"] = diff / WAN
            if total:
                row["total_share"] = row["size"] = diff / total
        elif measure == "percent":
            row["difference_pp"] = diff
            row["size"] = diff / HUNDRED
        elif measure == "score":
            row["difference_points"] = diff
            row["size"] = diff / HUNDRED
        rows.append(row)
    return pd.DataFrame(rows, columns=SIZE_COLUMNS, index=findings.index)


def rank(findings: pd.DataFrame, total: Decimal | None) -> pd.DataFrame:
    """The findings with their sizes (`finding_sizes`), errors first, then warnings and notes; within
    a severity the failing findings by size, largest first, then those without a size, then those
    that could not be checked (insufficient_data), each group in the audit's order."""
    sized = pd.concat([findings, finding_sizes(findings, total)], axis=1)
    key = pd.DataFrame({
        "severity": sized["severity"].map(SEVERITY_ORDER).fillna(len(SEVERITY_ORDER)),
        "group": [0 if status == "fail" and size is not None else 1 if status == "fail" else 2
                  for status, size in zip(sized["status"], sized["size"])],
        "size": [-float(size) if size is not None else 0.0 for size in sized["size"]],
    }, index=sized.index)
    order = key.sort_values(["severity", "group", "size"], kind="stable").index
    return sized.loc[order].reset_index(drop=True)


def _number(text) -> Decimal | None:
    if text is None or isinstance(text, float) and pd.isna(text) or text == "":
        return None
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None
