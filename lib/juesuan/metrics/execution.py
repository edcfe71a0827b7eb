"""Budget execution (决算 ÷ 预算) and the PEFA-style indicators PI-1 and PI-2."""
from __future__ import annotations

from decimal import Decimal, localcontext

import pandas as pd

from .. import classification
from ..checks import tolerance
from ..numbers import MONEY_UNITS
from .base import (INSUFFICIENT, NOT_APPLICABLE, OK, STATEMENT_COLUMNS, ZERO, Tables, claims_of, code_level, insufficient,
                   percent_to_ratio, ratio, rows_frame, same_sentence, with_statement)


# Budget bases the narrative states: 年初预算 (the budget passed before the year) and the
# adjusted 全年预算 / 调整预算 (after in-year changes).
BUDGET_BASES = ("年初预算", "全年预算", "调整预算")
# Narrative subjects that name the whole of 一般公共预算财政拨款 spending (公开05表's 合计 row).
TOTAL_SUBJECTS = ("财政拨款支出", "一般公共预算财政拨款支出", "一般公共预算支出", "支出")
THREE_PUBLIC = "三公经费"

# --- budget execution and the PEFA-style indicators -----------------------------------------------

EXECUTION_COLUMNS = ["level", "code", "subject", "basis", "budget", "actual", "rate", "stated_rate",
                     "actual_source", "claim_id", "status", "note", *STATEMENT_COLUMNS]
_LEVEL_ORDER = {"合计": 0, "类": 1, "款": 2, "项": 3, "": 4}


def budget_execution(doc) -> pd.DataFrame:
    """决算 ÷ 预算 for every budget the narrative states (年初预算, and 全年预算 where stated).

    The budget is the narrative's figure (the tables print no budget); the 决算 is the table's:
    公开05表 (`general_budget_expenditure`) column 合计 by the subject's code, its 合计 row for the
    whole, 公开07表 for 三公经费. A subject no table carries takes the 决算 stated beside its budget.
    `stated_rate` is the narrative's own 完成…预算的 x% as a ratio, to compare; `statement` says
    whether the stated budget and rate hold (the audit's verdicts of their claims, `claim_ids`),
    `status` whether the rate could be computed.
    """
    if doc.meta.get("kind") == "预算":
        return insufficient(EXECUTION_COLUMNS, "部门预算无决算数：执行率需同年的部门决算 (a budget: execution needs the year's final account)")
    tables, claims = Tables(doc), claims_of(doc)
    budgets = claims[(claims["kind"] == "budget_amount") & claims["basis"].isin(BUDGET_BASES)]
    rows, seen, shown = [], set(), {}
    for claim in budgets.itertuples(index=False):
        key = (claim.subject, claim.code, claim.basis)
        if key in seen or claim.value_yuan is None:
            continue
        seen.add(key)
        level, actual, source = _actual_for(claim, tables, claims)
        completion = same_sentence(claims, claim, "completion_rate", claim.basis)
        rate = ratio(actual, claim.value_yuan)
        if actual is None:
            status, note = INSUFFICIENT, f"无“{claim.subject}”的决算数 (no 决算 figure for {claim.subject}, {source})"
        elif rate is None:
            status, note = NOT_APPLICABLE, "预算数为 0，无执行率 (budget is zero: no execution rate)"
        else:
            status, note = OK, ""
        shown[claim.claim_id] = [c.claim_id for c in (completion, claim) if c is not None]
        if source == "narrative" and (stated := same_sentence(claims, claim, "amount")) is not None:
            shown[claim.claim_id].append(stated.claim_id)  # the 决算 shown is stated too
        rows.append({
            "level": level, "code": claim.code, "subject": claim.subject, "basis": claim.basis,
            "budget": claim.value_yuan, "actual": actual, "rate": rate,
            "stated_rate": percent_to_ratio(completion.stated) if completion is not None else None,
            "actual_source": source, "claim_id": claim.claim_id, "status": status, "note": note,
        })
    if not rows:
        return insufficient(EXECUTION_COLUMNS, "the narrative states no 年初预算 or 全年预算 figure")
    frame = rows_frame(rows, EXECUTION_COLUMNS[:-2])
    frame = with_statement(frame, claims, [shown[c] for c in frame["claim_id"]])
    order = frame["basis"].map(BUDGET_BASES.index) * 10 + frame["level"].map(_LEVEL_ORDER).fillna(4)
    return frame.assign(_o=order).sort_values(["_o", "code"], kind="stable").drop(columns="_o").reset_index(drop=True)


def _actual_for(claim, tables: Tables, claims: pd.DataFrame) -> tuple[str, Decimal | None, str]:
    """(level, 决算, where it was read) for one budget claim."""
    if claim.code:
        value = tables.value("general_budget_expenditure", "合计", code=claim.code)
        return claim.level or code_level(claim.code), value, "general_budget_expenditure 合计"
    if claim.subject in TOTAL_SUBJECTS:
        value = tables.value("general_budget_expenditure", "合计", item="合计")
        return "合计", value, "general_budget_expenditure 合计"
    if claim.subject == THREE_PUBLIC:
        return "", tables.value("three_public", "决算数", item="合计"), "three_public 决算数"
    stated = same_sentence(claims, claim, "amount")
    return "", (stated.value_yuan if stated is not None else None), "narrative"


# PEFA Framework 2016 (revised 2019 guidance), PI-1 "Aggregate expenditure outturn": A 95–105%,
# B 90–110%, C 85–115% of the approved budget "in at least two of the last three years"; D otherwise.
PI1_BANDS = (("A", Decimal("0.95"), Decimal("1.05")), ("B", Decimal("0.90"), Decimal("1.10")),
             ("C", Decimal("0.85"), Decimal("1.15")))
# PEFA 2016, PI-2.1 "Expenditure composition outturn by function": variance below 5% (A), 10% (B),
# 15% (C) "in at least two of the last three years"; D otherwise.
PI2_BANDS = (("A", Decimal("0.05")), ("B", Decimal("0.10")), ("C", Decimal("0.15")))
PEFA_CAVEAT = ("PEFA 评分要求最近三年中至少两年落在区间内；此处只有一年，只给出本年所在区间，不是 PEFA 评分。"
               " / A PEFA score needs two of the last three years in the band; this is one year's band, not a score.")
PEFA_COLUMNS = ["indicator", "name_zh", "name_en", "ratio", "band_this_year", "score", "years", "lines", "status", "note"]


def pi1_band(outturn: Decimal) -> str:
    for band, low, high in PI1_BANDS:
        if low <= outturn <= high:
            return band
    return "D"


def pi2_band(variance: Decimal) -> str:
    for band, limit in PI2_BANDS:
        if variance < limit:
            return band
    return "D"


def composition_lines(doc, execution: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 类 lines of PI-2: budget Bᵢ (stated, finer levels summed up to their 类) and 决算 Aᵢ
    (公开05表), with every 类 the table prints; a 类 spent without a stated budget has Bᵢ = 0."""
    execution = budget_execution(doc) if execution is None else execution
    tables = Tables(doc)
    stated = execution[(execution["basis"] == "年初预算") & execution["level"].isin(["类", "款", "项"])]
    if stated.empty:
        return pd.DataFrame(columns=["code", "subject", "budget", "actual"])
    # The narrative states one level (类 in the national sample, 项 in Shanghai's): use the coarsest.
    coarsest = min(stated["level"], key=lambda lv: _LEVEL_ORDER[lv])
    stated = stated[stated["level"] == coarsest]
    budgets: dict[str, Decimal] = {}
    for code, budget in zip(stated["code"], stated["budget"]):
        budgets[code[:3]] = budgets.get(code[:3], ZERO) + budget
    table = tables.rows("general_budget_expenditure")
    classes = table[(table["code"].str.len() == 3) & (table["column"] == "合计")]
    actuals = dict(zip(classes["code"], classes["value"]))
    codes = sorted(set(budgets) | set(actuals))
    return pd.DataFrame({
        "code": codes,
        "subject": [classification.name(c) or c for c in codes],
        "budget": [budgets.get(c, ZERO) for c in codes],
        "actual": [actuals.get(c) if tables.readable("general_budget_expenditure") else None for c in codes],
    })


def _claim_half_units(doc, claim_ids: set[str]) -> list[Decimal]:
    """Half a unit in the last place of each stated figure (DESIGN.md tolerance policy)."""
    claims = claims_of(doc)
    chosen = claims[claims["claim_id"].isin(claim_ids)]
    return [tolerance.half_unit(int(d)) * MONEY_UNITS.get(u, Decimal(1)) for d, u in zip(chosen["decimals"], chosen["unit"])]


def pefa_indicators(doc, execution: pd.DataFrame | None = None) -> pd.DataFrame:
    """PI-1 aggregate outturn (ΣA ÷ ΣB) and PI-2 composition variance Σ|Aᵢ − Bᵢ·ΣA/ΣB| ÷ ΣA over
    the 类 of 一般公共预算财政拨款 spending, each with the band its one year falls in."""
    execution = budget_execution(doc) if execution is None else execution
    rows = [_pi1(execution), _pi2(doc, execution)]
    return pd.DataFrame(rows, columns=PEFA_COLUMNS)


def _pi1(execution: pd.DataFrame) -> dict:
    row = {"indicator": "PI-1", "name_zh": "总支出执行偏差（决算 ÷ 年初预算）", "name_en": "Aggregate expenditure outturn",
           "years": 1, "score": None, "lines": 1}
    total = execution[(execution["level"] == "合计") & (execution["basis"] == "年初预算") & (execution["status"] == OK)]
    if total.empty:
        return {**row, "ratio": None, "band_this_year": None, "status": INSUFFICIENT,
                "note": "no 年初预算 total with a 决算 total (公开05表 合计)"}
    outturn = total["rate"].iloc[0]
    return {**row, "ratio": outturn, "band_this_year": pi1_band(outturn), "status": OK, "note": PEFA_CAVEAT}


def _pi2(doc, execution: pd.DataFrame) -> dict:
    row = {"indicator": "PI-2", "name_zh": "支出结构偏差（按功能分类 类）", "name_en": "Expenditure composition outturn (by function)",
           "years": 1, "score": None}
    lines = composition_lines(doc, execution)
    total = execution[(execution["level"] == "合计") & (execution["basis"] == "年初预算")]
    missing = None
    if lines.empty:
        missing = "the narrative states no 年初预算 by 类, 款 or 项"
    elif lines["actual"].isna().any():
        missing = "公开05表 is not readable"
    elif total.empty:
        missing = "no 年初预算 total to check that the lines cover the whole budget"
    else:
        # The lines must add up to the whole budget, within the rounding of printed figures
        # (DESIGN.md tolerance policy: n parts and a total, each half a unit in the last place).
        stated_total, budget_sum = total["budget"].iloc[0], sum(lines["budget"], ZERO)
        used = execution[execution["basis"] == "年初预算"]["claim_id"]
        allowed = tolerance.envelope(_claim_half_units(doc, set(used)))
        if not tolerance.within(budget_sum, stated_total, allowed):
            missing = (f"the stated budgets by line add up to {budget_sum} 元, not the stated total {stated_total} 元: "
                       "the composition is incomplete")
    if missing:
        return {**row, "ratio": None, "band_this_year": None, "lines": len(lines), "status": INSUFFICIENT, "note": missing}
    sum_a, sum_b = sum(lines["actual"], ZERO), sum(lines["budget"], ZERO)
    with localcontext() as ctx:
        ctx.prec = 50
        deviation = sum(abs(a - b * sum_a / sum_b) for a, b in zip(lines["actual"], lines["budget"]))
    variance = ratio(deviation, sum_a)
    return {**row, "ratio": variance, "band_this_year": pi2_band(variance), "lines": len(lines), "status": OK,
            "note": PEFA_CAVEAT}
