"""Budget execution (决算 ÷ 预算) by level (合计, 类, 款, 项) and the PEFA-style indicators PI-1 and PI-2."""
from __future__ import annotations

from decimal import Decimal, localcontext

import pandas as pd

from .. import classification
from ..checks import tolerance
from ..numbers import MONEY_UNITS
from .base import (INSUFFICIENT, NOT_APPLICABLE, OK, STATEMENT_COLUMNS, STATUS_WORDS, VERDICT_WORDS, ZERO, Tables,
                   claims_of, code_level, insufficient, percent_to_ratio, printed_table, ratio, rows_frame, same_sentence,
                   statement_words,
                   with_statement)


# Budget bases the narrative states: 年初预算 (the budget passed before the year) and the
# adjusted 全年预算 / 调整预算 (after in-year changes).
BUDGET_BASES = ("年初预算", "全年预算", "调整预算")
# Narrative subjects that name the whole of 一般公共预算财政拨款 spending (公开05表's 合计 row).
TOTAL_SUBJECTS = ("财政拨款支出", "一般公共预算财政拨款支出", "一般公共预算支出", "支出")
THREE_PUBLIC = "三公经费"

# --- budget execution by level ---------------------------------------------------------------------

EXECUTION_COLUMNS = ["level", "code", "subject", "basis", "budget", "actual", "rate", "stated_rate",
                     "actual_source", "actual_from", "origin", "claim_id", "status", "note", *STATEMENT_COLUMNS]
_LEVEL_ORDER = {"合计": 0, "类": 1, "款": 2, "项": 3, "": 4}
# `origin`: a budget the narrative states, or one summed from the stated budgets of finer codes.
STATED, ROLLED_UP = "stated", "rolled_up"
# Where 公开05表 (`general_budget_expenditure`) prints each functional code's 决算.
GENERAL = "general_budget_expenditure"
GENERAL_SOURCE = f"{GENERAL} 合计"
NARRATIVE = "narrative"
ZERO_BUDGET = "预算数为 0，无执行率 (budget is zero: no execution rate)"


def budget_execution(doc) -> pd.DataFrame:
    """决算 ÷ 预算 for every budget the narrative states (年初预算, and 全年预算 where stated), and
    for each coarser functional level (款, 类) rolled up from them by code.

    The budget is the narrative's figure (the tables print no budget); the 决算 is the table's:
    公开05表 (`general_budget_expenditure`) column 合计 by the subject's code, its 合计 row for the
    whole, 公开07表 for 三公经费. A subject no table carries takes the 决算 stated beside its budget.
    `stated_rate` is the narrative's own 完成…预算的 x% as a ratio, to compare; `statement` says
    whether the stated budget and rate hold (the audit's verdicts of their claims, `claim_ids`),
    `status` whether the rate could be computed. `actual_source` names the cell as a key
    (``general_budget_expenditure 合计``), `actual_from` as the document prints it (公开05表
    一般公共预算财政拨款支出决算表 · 合计). `origin` is ``stated`` or ``rolled_up`` (`rolled_up_levels`).

    Rows come in reading order: by basis, the 合计 first, then the functional codes in code order
    (each 类 followed by its 款 and their 项), then the subjects without a code (三公经费, projects).
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
            status, note = NOT_APPLICABLE, ZERO_BUDGET
        else:
            status, note = OK, ""
        shown[claim.claim_id] = [c.claim_id for c in (completion, claim) if c is not None]
        if source == NARRATIVE and (stated := same_sentence(claims, claim, "amount")) is not None:
            shown[claim.claim_id].append(stated.claim_id)  # the 决算 shown is stated too
        rows.append({
            "level": level, "code": claim.code, "subject": claim.subject, "basis": claim.basis,
            "budget": claim.value_yuan, "actual": actual, "rate": rate,
            "stated_rate": percent_to_ratio(completion.stated) if completion is not None else None,
            "actual_source": source, "actual_from": source_words(doc, source), "origin": STATED,
            "claim_id": claim.claim_id, "status": status, "note": note,
        })
    if not rows:
        return insufficient(EXECUTION_COLUMNS, "说明未列年初预算或全年预算 (the narrative states no 年初预算 or 全年预算 figure)")
    frame = rows_frame(rows, EXECUTION_COLUMNS[:-2])
    frame = _with_reason(with_statement(frame, claims, [shown[c] for c in frame["claim_id"]]))
    return _reading_order(pd.concat([frame, rolled_up_levels(doc, frame, tables, claims)], ignore_index=True))


def _with_reason(frame: pd.DataFrame) -> pd.DataFrame:
    """A row without a rate says why in `statement` too, when a mismatch is what the statement
    names (年初预算 0 with a stated 完成年初预算的 95.89%: 不符, and there is no rate to show)."""
    mismatch = (frame["statement"] == VERDICT_WORDS["mismatch"]) & (frame["status"] != OK)
    reasons = [f"{words}；{note}" if wrong else words for words, note, wrong in zip(frame["statement"], frame["note"], mismatch)]
    return frame.assign(statement=reasons)


def _actual_for(claim, tables: Tables, claims: pd.DataFrame) -> tuple[str, Decimal | None, str]:
    """(level, 决算, where it was read) for one budget claim."""
    if claim.code:
        value = tables.value(GENERAL, "合计", code=claim.code)
        return claim.level or code_level(claim.code), value, GENERAL_SOURCE
    if claim.subject in TOTAL_SUBJECTS:
        value = tables.value(GENERAL, "合计", item="合计")
        return "合计", value, GENERAL_SOURCE
    if claim.subject == THREE_PUBLIC:
        return "", tables.value("three_public", "决算数", item="合计"), "three_public 决算数"
    stated = same_sentence(claims, claim, "amount")
    return "", (stated.value_yuan if stated is not None else None), NARRATIVE


def source_words(doc, source: str) -> str:
    """Where a 决算 was read, as the document names it: ``general_budget_expenditure 合计`` →
    公开05表 一般公共预算财政拨款支出决算表 · 合计 (a layout without table numbers: the title alone)."""
    if source == NARRATIVE:
        return "情况说明所述"
    table, _, column = source.partition(" ")
    name = printed_table(doc.meta, table)
    return f"{name} · {column}" if column else name


def _reading_order(frame: pd.DataFrame) -> pd.DataFrame:
    basis = frame["basis"].map(lambda b: BUDGET_BASES.index(b) if b in BUDGET_BASES else len(BUDGET_BASES))
    part = frame["level"].map(lambda lv: 0 if lv == "合计" else 1 if lv in ("类", "款", "项") else 2)
    code = [c if p == 1 else "" for c, p in zip(frame["code"].fillna(""), part)]
    ordered = frame.assign(_b=basis, _p=part, _c=code).sort_values(["_b", "_p", "_c"], kind="stable")
    return ordered.drop(columns=["_b", "_p", "_c"]).reset_index(drop=True)


# --- rolling stated budgets up to coarser levels ---------------------------------------------------

def rolled_up_levels(doc, stated: pd.DataFrame, tables: Tables | None = None,
                     claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per 款 and 类 above the stated budgets (the narrative states Shanghai's per 项),
    whose budget is the sum of the stated budgets under it and whose 决算 is the row 公开05表
    prints for that code.

    A coarser row is rolled up only where its budget is complete: every leaf row 公开05表 prints
    under the code (a 项, or a 款 printed without 项) must lie under a stated budget. Otherwise the
    sum of what is stated is not the 类's budget, and a rate against it would overstate execution;
    the row then says which printed rows lack a stated budget (status insufficient_data, no
    budget, no rate) rather than show a partial sum as the whole. A code the narrative states
    itself keeps its stated row and is not rolled up; where both a 款 and its 项 are stated, the
    款 is the part (no double counting). The 合计 is never rolled up: the narrative states it, and
    PI-2 checks that the stated lines add up to it. The note also says when the printed 项 rows of
    a code do not add up to its printed row (DESIGN.md tolerance: the half-units of the printed
    figures); the 决算 shown stays the printed row.
    """
    tables = Tables(doc) if tables is None else tables
    claims = claims_of(doc) if claims is None else claims
    verdicts = dict(zip(claims["claim_id"], claims["verdict"]))
    printed = _printed_codes(tables)
    coded = stated[stated["level"].isin(["类", "款", "项"]) & stated["code"].fillna("").str.fullmatch(r"\d{3}(\d{2}){0,2}")]
    rows = []
    for basis, group in coded.groupby("basis", sort=False):
        budgets = dict(zip(group["code"][::-1], group["budget"][::-1]))  # the first stated row of a code wins
        claim_ids = dict(zip(group["code"][::-1], group["claim_id"][::-1]))
        for code in sorted({c[:n] for c in budgets for n in (3, 5) if n < len(c)} - set(budgets)):
            parts = _parts(code, budgets)
            row = _rollup_row(doc, code, basis, {p: budgets[p] for p in parts}, tables, printed)
            ids = [claim_ids[p] for p in parts]
            row["statement"] = _rollup_statement(row, parts, [verdicts.get(i) for i in ids])
            rows.append({**row, "claim_ids": ",".join(ids)})
    return pd.DataFrame(rows, columns=EXECUTION_COLUMNS) if rows else pd.DataFrame(columns=EXECUTION_COLUMNS)


def _parts(code: str, budgets: dict[str, Decimal]) -> list[str]:
    """The stated codes under `code` that no other stated code under it contains."""
    under = [c for c in budgets if c.startswith(code) and c != code]
    return sorted(c for c in under if not any(o != c and c.startswith(o) for o in under))


def _printed_codes(tables: Tables) -> pd.DataFrame:
    """公开05表's coded rows of the 合计 column (code, item, value and its printed precision)."""
    rows = tables.rows(GENERAL)
    return rows[(rows["column"] == "合计") & rows["code"].fillna("").str.fullmatch(r"\d{3}(\d{2}){0,2}")]


def _rollup_row(doc, code: str, basis: str, parts: dict[str, Decimal], tables: Tables, printed: pd.DataFrame) -> dict:
    level = code_level(code)
    names = dict(zip(printed["code"], printed["item"]))
    leaves = _leaves(set(printed["code"]), code)
    uncovered = [leaf for leaf in leaves if not any(leaf.startswith(p) for p in parts)]
    actual, budget = tables.value(GENERAL, "合计", code=code), sum(parts.values(), ZERO)
    if not tables.readable(GENERAL):
        status, note = INSUFFICIENT, "公开05表无法读取 (公开05表 is not readable)"
    elif uncovered:
        budget, status = None, INSUFFICIENT
        missing = "、".join(f"{c} {names.get(c, '')}".strip() for c in uncovered)
        note = (f"公开05表在此{level}下印出 {len(leaves)} 行，说明只列了其中 {len(leaves) - len(uncovered)} 行的{basis}"
                f"（未列：{missing}），不汇总 (budgets stated for {len(leaves) - len(uncovered)} of the {len(leaves)} "
                "rows printed under this code: not rolled up)")
    elif actual is None:
        status, note = INSUFFICIENT, f"公开05表未印出 {code} 的决算数 (公开05表 prints no 决算 for {code})"
    elif budget == 0:
        status, note = NOT_APPLICABLE, ZERO_BUDGET
    else:
        status, note = OK, _tie_note(printed, code, leaves)
    rate = ratio(actual, budget) if status == OK else None
    return {"level": level, "code": code, "subject": names.get(code) or classification.name(code) or code,
            "basis": basis, "budget": budget, "actual": actual, "rate": rate, "stated_rate": None,
            "actual_source": GENERAL_SOURCE, "actual_from": source_words(doc, GENERAL_SOURCE), "origin": ROLLED_UP,
            "claim_id": None, "status": status, "note": note}


def _leaves(codes: set[str], code: str) -> list[str]:
    """The printed codes under `code` (or `code` itself) with no printed code below them."""
    under = [c for c in codes if c.startswith(code)]
    return sorted(c for c in under if not any(o != c and o.startswith(c) for o in under))


def _tie_note(printed: pd.DataFrame, code: str, leaves: list[str]) -> str:
    """Words when the printed leaf rows under `code` do not add up to its printed row."""
    if leaves == [code]:
        return ""
    cells = printed[printed["code"].isin([code, *leaves])]
    total = cells.loc[cells["code"] == code, "value"].iloc[0]
    parts = sum(cells.loc[cells["code"] != code, "value"], ZERO)
    allowed = tolerance.envelope(tolerance.figure_half_unit(v, u, d)
                                 for v, u, d in zip(cells["value"], cells["unit_source"], cells["decimals"]))
    if tolerance.within(parts, total, allowed):
        return ""
    return (f"公开05表中 {code} 印出 {total} 元，其下各行之和 {parts} 元，不符 "
            f"(the rows printed under {code} add up to {parts} 元, not its printed {total} 元)")


def _rollup_statement(row: dict, parts: list[str], verdicts: list[str | None]) -> str:
    """What a rolled-up row says to a reader: its budget is a sum, stated at no level of its own."""
    if "mismatch" in verdicts:
        words = VERDICT_WORDS["mismatch"]
        return f"{words}；{row['note']}" if row["status"] != OK and row["note"] else words
    if row["status"] in STATUS_WORDS:
        return statement_words([], row["status"], row["note"])
    levels = "、".join(dict.fromkeys(code_level(p) for p in parts))
    text = f"汇总数：说明所述 {len(parts)} 个{levels}的{row['basis']}之和（此级说明未单独陈述）"
    return f"{text}；{row['note']}" if row["note"] else text


# --- the headline rate and the notebook's key figures -------------------------------------------------

def execution_basis(execution: pd.DataFrame) -> tuple[str | None, str]:
    """The budget the headline rate is against, and why in words where it is not 年初预算.

    年初预算 where the narrative states its total and it is not 0; else the adjusted budget
    (全年预算 or 调整预算) where its total is stated (a department set up during the year states
    年初预算 0 and a 全年预算); else none, with the reason."""
    totals = execution[execution["level"] == "合计"]
    stated = {b: totals.loc[totals["basis"] == b, "budget"].iloc[0] for b in BUDGET_BASES if (totals["basis"] == b).any()}
    adjusted = next((b for b in BUDGET_BASES[1:] if b in stated), None)
    if "年初预算" in stated and stated["年初预算"] != 0:
        return "年初预算", ""
    if "年初预算" in stated:
        return (adjusted, f"年初预算为 0，按{adjusted}计算") if adjusted else (None, "年初预算为 0，说明未列全年预算")
    if adjusted:
        return adjusted, f"说明未列年初预算，按{adjusted}计算"
    if len(execution) == 1 and execution["status"].iloc[0] == INSUFFICIENT:  # a budget, or no budget stated at all
        return None, execution["note"].iloc[0].split(" (")[0]  # its words in Chinese
    return None, "说明未列年初预算或全年预算的合计数"


def execution_key_figures(execution: pd.DataFrame, pefa: pd.DataFrame) -> dict:
    """The key figures of the execution notebook: the headline rate and its basis, the rates by
    类 (keyed by name), 款 and 项 (keyed by code and name: 项 names repeat across 款) against the
    same basis, and PEFA's PI-1 and PI-2 with this year's band."""
    basis, _ = execution_basis(execution)
    rows = execution[(execution["basis"] == basis) & (execution["status"] == OK)]
    total = rows[rows["level"] == "合计"]["rate"]
    pi = pefa.set_index("indicator")
    return {
        "execution_rate": total.iloc[0] if len(total) else None,
        "execution_basis": basis if len(total) else None,
        "class_execution_rate": _rates(rows, "类", lambda code, name: name),
        "section_execution_rate": _rates(rows, "款", "{} {}".format),
        "item_execution_rate": _rates(rows, "项", "{} {}".format),
        "pi1_ratio": pi.loc["PI-1", "ratio"], "pi1_band_this_year": pi.loc["PI-1", "band_this_year"],
        "pi2_variance": pi.loc["PI-2", "ratio"], "pi2_band_this_year": pi.loc["PI-2", "band_this_year"],
    }


def _rates(rows: pd.DataFrame, level: str, key) -> dict:
    chosen = rows[rows["level"] == level]
    return {key(code, name): rate for code, name, rate in zip(chosen["code"], chosen["subject"], chosen["rate"])}


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
    (公开05表), with every 类 the table prints; a 类 spent without a stated budget has Bᵢ = 0.

    Only stated budgets count (not the rolled-up rows of `budget_execution`): PI-2 checks itself
    that the lines add up to the stated total, so a 类 whose 项 are partly stated shows there."""
    execution = budget_execution(doc) if execution is None else execution
    tables = Tables(doc)
    stated = execution[(execution["basis"] == "年初预算") & execution["level"].isin(["类", "款", "项"])
                       & (execution["origin"] == STATED)]
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
    original = execution[(execution["level"] == "合计") & (execution["basis"] == "年初预算")]
    total = original[original["status"] == OK]
    if total.empty:
        zero = len(original) and original["budget"].iloc[0] == 0
        note = ("年初预算为 0：PI-1 以年初批准的预算为基数，无从计算 (the original budget is 0: PI-1 has no base)" if zero
                else "无年初预算合计或其决算数（公开05表 合计） (no 年初预算 total with a 决算 total)")
        return {**row, "ratio": None, "band_this_year": None, "status": INSUFFICIENT, "note": note}
    outturn = total["rate"].iloc[0]
    return {**row, "ratio": outturn, "band_this_year": pi1_band(outturn), "status": OK, "note": PEFA_CAVEAT}


def _pi2(doc, execution: pd.DataFrame) -> dict:
    row = {"indicator": "PI-2", "name_zh": "支出结构偏差（按功能分类 类）", "name_en": "Expenditure composition outturn (by function)",
           "years": 1, "score": None}
    lines = composition_lines(doc, execution)
    total = execution[(execution["level"] == "合计") & (execution["basis"] == "年初预算")]
    missing = None
    if len(total) and total["budget"].iloc[0] == 0:
        missing = "年初预算为 0：PI-2 以年初批准的预算为基数，无从计算 (the original budget is 0: PI-2 has no base)"
    elif lines.empty:
        missing = "说明未按类、款或项列年初预算 (the narrative states no 年初预算 by 类, 款 or 项)"
    elif lines["actual"].isna().any():
        missing = "公开05表无法读取 (公开05表 is not readable)"
    elif total.empty:
        missing = "说明未列年初预算合计，无从核对各类是否涵盖全部预算 (no 年初预算 total to check the lines against)"
    else:
        # The lines must add up to the whole budget, within the rounding of printed figures
        # (DESIGN.md tolerance policy: n parts and a total, each half a unit in the last place).
        stated_total, budget_sum = total["budget"].iloc[0], sum(lines["budget"], ZERO)
        used = execution[execution["basis"] == "年初预算"]["claim_id"]
        allowed = tolerance.envelope(_claim_half_units(doc, set(used)))
        if not tolerance.within(budget_sum, stated_total, allowed):
            missing = (f"各类年初预算之和 {budget_sum} 元，与所述合计 {stated_total} 元不符：结构不完整 "
                       f"(the stated budgets by line add up to {budget_sum} 元, not the stated total {stated_total} 元)")
    if missing:
        return {**row, "ratio": None, "band_this_year": None, "lines": len(lines), "status": INSUFFICIENT, "note": missing}
    sum_a, sum_b = sum(lines["actual"], ZERO), sum(lines["budget"], ZERO)
    with localcontext() as ctx:
        ctx.prec = 50
        deviation = sum(abs(a - b * sum_a / sum_b) for a, b in zip(lines["actual"], lines["budget"]))
    variance = ratio(deviation, sum_a)
    return {**row, "ratio": variance, "band_this_year": pi2_band(variance), "lines": len(lines), "status": OK,
            "note": PEFA_CAVEAT}
