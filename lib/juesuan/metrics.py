"""Analyses of one document: budget execution, PEFA-style indicators, structure, year on year,
三公经费, 机关运行经费, 政府采购, assets and the project self-evaluations.

    >>> from juesuan import metrics
    >>> metrics.budget_execution(doc)     # 决算 ÷ 年初预算, overall and per 类
    >>> metrics.all_metrics(doc)          # every analysis, by name

Every function takes a `Document` and returns a tidy DataFrame: amounts are exact `Decimal` in 元,
ratios are `Decimal` (1.8416 means 184.16%), and each row says its `status` — ``ok``,
``insufficient_data`` (an input is missing: the `note` says which) or ``not_applicable`` (a ratio
of a zero) — so a missing figure never shows as a silent zero.
"""
from __future__ import annotations

import json
import sys
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pandas as pd

from . import classification
from .checks import tolerance
from .layouts.national import THREE_PUBLIC_ITEMS
from .numbers import MONEY_UNITS

OK, INSUFFICIENT, NOT_APPLICABLE = "ok", "insufficient_data", "not_applicable"
ZERO = Decimal(0)

# Ratios keep 10 decimals in frames (a quotient has no exact value); JSON and tables show 4
# (1.8416), the precision of a percentage printed with 2 decimals.
RATIO_PLACES = Decimal("1e-10")
JSON_RATIO_PLACES = Decimal("1e-4")
# Columns (and key-figure keys ending so) that hold ratios: plain numbers in JSON.
RATIO_SUFFIXES = ("rate", "share", "ratio", "variance")

# Budget bases the narrative states: 年初预算 (the budget passed before the year) and the
# adjusted 全年预算 / 调整预算 (after in-year changes).
BUDGET_BASES = ("年初预算", "全年预算", "调整预算")
# Narrative subjects that name the whole of 一般公共预算财政拨款 spending (公开05表's 合计 row).
TOTAL_SUBJECTS = ("财政拨款支出", "一般公共预算财政拨款支出", "一般公共预算支出", "支出")
THREE_PUBLIC = "三公经费"

# Direction words of a stated change (narrative rules): which sign the change has.
DOWN_WORDS = ("减少", "下降", "降低", "减")


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator ÷ denominator to 10 decimals; None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 50
        return (numerator / denominator).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def is_ratio_key(name: str) -> bool:
    return name.endswith(RATIO_SUFFIXES)


def json_value(name: str, value):
    """A value as JSON wants it: ratios plain numbers to 4 decimals, amounts exact decimal strings."""
    if value is None or (not isinstance(value, (str, Decimal, list, dict)) and pd.isna(value)):
        return None
    if isinstance(value, Decimal):
        if is_ratio_key(name):
            return float(value.quantize(JSON_RATIO_PLACES, rounding=ROUND_HALF_UP))
        return format(value, "f")
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


# --- reading the tables and the narrative -------------------------------------------------------

def claims_of(doc) -> pd.DataFrame:
    """The narrative's claims, with the audit's verdicts."""
    return doc.claims


class Tables:
    """The facts of one document, read cell by cell with each table's status in mind."""

    def __init__(self, doc):
        self.facts = doc.facts
        self.status = {key: info.get("status", "ok") for key, info in doc.meta.get("tables", {}).items()}

    def readable(self, table: str) -> bool:
        """Printed (ok) or printed empty (本表无数据: all zeros)."""
        return self.status.get(table) in ("ok", "empty")

    def rows(self, table: str) -> pd.DataFrame:
        return self.facts[self.facts["table"] == table]

    def value(self, table: str, column: str, *, item: str | None = None, code: str | None = None,
              side: str | None = None, item_contains: str | None = None) -> Decimal | None:
        """One printed cell. None when the table or the row is not printed; zero when the row is
        printed but this cell is blank (docs/facts.md: empty cells are absent) or the table prints
        本表无数据."""
        if self.status.get(table) == "empty":
            return ZERO
        if not self.readable(table):
            return None
        rows = self.rows(table)
        if code is not None:
            rows = rows[rows["code"] == code]
        if item is not None:
            rows = rows[rows["item"] == item]
        if item_contains is not None:
            rows = rows[rows["item"].str.contains(item_contains, regex=False)]
        if side is not None:
            rows = rows[rows["side"] == side]
        if rows.empty:
            return None
        cell = rows[rows["column"] == column]
        return cell["value"].iloc[0] if len(cell) else ZERO


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns).astype({"status": str}) if rows else pd.DataFrame(columns=columns)


def _insufficient(columns: list[str], note: str, **values) -> pd.DataFrame:
    """One row saying what is missing."""
    row = {c: None for c in columns}
    row.update(values, status=INSUFFICIENT, note=note)
    return pd.DataFrame([row], columns=columns)


def _sentence(claim_id: str) -> str:
    """claim_id SS-NNN-KK → the sentence SS-NNN it was stated in."""
    return claim_id.rsplit("-", 1)[0]


def _same_sentence(claims: pd.DataFrame, claim, kind: str, basis: str | None = None) -> pd.Series | None:
    """The first claim of `kind` stated in the same sentence about the same subject (and basis)."""
    match = claims[(claims["claim_id"].map(_sentence) == _sentence(claim.claim_id))
                   & (claims["kind"] == kind) & (claims["subject"] == claim.subject)]
    if basis is not None:
        match = match[match["basis"] == basis]
    return match.iloc[0] if len(match) else None


def _percent_to_ratio(stated: str | None) -> Decimal | None:
    if stated is None or stated == "" or pd.isna(stated):
        return None
    return Decimal(str(stated)) / 100


def _level(code: str) -> str:
    return {3: "类", 5: "款", 7: "项"}.get(len(code), "")


# --- budget execution and the PEFA-style indicators -----------------------------------------------

EXECUTION_COLUMNS = ["level", "code", "subject", "basis", "budget", "actual", "rate", "stated_rate",
                     "actual_source", "claim_id", "status", "note"]
_LEVEL_ORDER = {"合计": 0, "类": 1, "款": 2, "项": 3, "": 4}


def budget_execution(doc) -> pd.DataFrame:
    """决算 ÷ 预算 for every budget the narrative states (年初预算, and 全年预算 where stated).

    The budget is the narrative's figure (the tables print no budget); the 决算 is the table's:
    公开05表 (`general_budget_expenditure`) column 合计 by the subject's code, its 合计 row for the
    whole, 公开07表 for 三公经费. A subject no table carries takes the 决算 stated beside its budget.
    `stated_rate` is the narrative's own 完成…预算的 x% as a ratio, to compare.
    """
    tables, claims = Tables(doc), claims_of(doc)
    budgets = claims[(claims["kind"] == "budget_amount") & claims["basis"].isin(BUDGET_BASES)]
    rows, seen = [], set()
    for claim in budgets.itertuples(index=False):
        key = (claim.subject, claim.code, claim.basis)
        if key in seen or claim.value_yuan is None:
            continue
        seen.add(key)
        level, actual, source = _actual_for(claim, tables, claims)
        completion = _same_sentence(claims, claim, "completion_rate", claim.basis)
        rate = ratio(actual, claim.value_yuan)
        if actual is None:
            status, note = INSUFFICIENT, f"no 决算 figure for {claim.subject} ({source})"
        elif rate is None:
            status, note = NOT_APPLICABLE, "budget is zero: no execution rate"
        else:
            status, note = OK, ""
        rows.append({
            "level": level, "code": claim.code, "subject": claim.subject, "basis": claim.basis,
            "budget": claim.value_yuan, "actual": actual, "rate": rate,
            "stated_rate": _percent_to_ratio(completion.stated) if completion is not None else None,
            "actual_source": source, "claim_id": claim.claim_id, "status": status, "note": note,
        })
    if not rows:
        return _insufficient(EXECUTION_COLUMNS, "the narrative states no 年初预算 or 全年预算 figure")
    frame = _frame(rows, EXECUTION_COLUMNS)
    order = frame["basis"].map(BUDGET_BASES.index) * 10 + frame["level"].map(_LEVEL_ORDER).fillna(4)
    return frame.assign(_o=order).sort_values(["_o", "code"], kind="stable").drop(columns="_o").reset_index(drop=True)


def _actual_for(claim, tables: Tables, claims: pd.DataFrame) -> tuple[str, Decimal | None, str]:
    """(level, 决算, where it was read) for one budget claim."""
    if claim.code:
        value = tables.value("general_budget_expenditure", "合计", code=claim.code)
        return claim.level or _level(claim.code), value, "general_budget_expenditure 合计"
    if claim.subject in TOTAL_SUBJECTS:
        value = tables.value("general_budget_expenditure", "合计", item="合计")
        return "合计", value, "general_budget_expenditure 合计"
    if claim.subject == THREE_PUBLIC:
        return "", tables.value("three_public", "决算数", item="合计"), "three_public 决算数"
    stated = _same_sentence(claims, claim, "amount")
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


# --- structure ------------------------------------------------------------------------------------

SHARE_COLUMNS = ["code", "item", "amount", "share", "status", "note"]
# The column that holds each coded table's row total.
TOTAL_COLUMN = {"general_budget_expenditure": "合计", "expenditure": "本年支出合计", "income": "本年收入合计"}


def class_shares(doc, level: str = "类", table: str = "general_budget_expenditure") -> pd.DataFrame:
    """Spending by 类 (or 款, 项) as shares of the table's 合计 row."""
    tables, column = Tables(doc), TOTAL_COLUMN[table]
    if not tables.readable(table):
        return _insufficient(SHARE_COLUMNS, f"{table} is {tables.status.get(table, 'missing')}")
    total = tables.value(table, column, item="合计", code="")
    rows = tables.rows(table)
    rows = rows[(rows["code"].str.len() == {"类": 3, "款": 5, "项": 7}[level]) & (rows["column"] == column)]
    out = [{"code": r.code, "item": r.item, "amount": r.value, "share": ratio(r.value, total),
            "status": OK if total else INSUFFICIENT, "note": "" if total else f"no 合计 row in {table}"}
           for r in rows.sort_values("code").itertuples(index=False)]
    return _frame(out, SHARE_COLUMNS)


def _row_shares(tables: Tables, table: str, parts: list[str], total: str, *, item: str = "合计") -> pd.DataFrame:
    """The columns of one row as shares of its total column."""
    if not tables.readable(table):
        return _insufficient(SHARE_COLUMNS, f"{table} is {tables.status.get(table, 'missing')}")
    whole = tables.value(table, total, item=item, code="")
    if whole is None:
        return _insufficient(SHARE_COLUMNS, f"no {item} row in {table}")
    printed = set(tables.rows(table)["column"])
    out = [{"code": "", "item": part, "amount": tables.value(table, part, item=item, code=""),
            "share": ratio(tables.value(table, part, item=item, code=""), whole),
            "status": OK if whole else NOT_APPLICABLE, "note": "" if whole else f"{total} is zero"}
           for part in parts if part in printed]
    return _frame(out, SHARE_COLUMNS)


def basic_vs_project(doc, table: str = "expenditure") -> pd.DataFrame:
    """基本支出 and 项目支出 (and the other kinds printed) as shares of 本年支出合计 (公开03表), or of
    一般公共预算财政拨款 spending with `table="general_budget_expenditure"`."""
    parts = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    return _row_shares(Tables(doc), table, parts, TOTAL_COLUMN[table])


def income_by_source(doc) -> pd.DataFrame:
    """本年收入 by source (公开02表's 合计 row) as shares of 本年收入合计."""
    parts = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    return _row_shares(Tables(doc), "income", parts, "本年收入合计")


PERSONNEL_COLUMNS = ["item", "amount", "basic_share", "status", "note"]


def personnel_vs_public(doc) -> pd.DataFrame:
    """人员经费 and 公用经费 of 一般公共预算财政拨款基本支出, as shares of their sum.

    National layout: 公开06表's 人员经费合计 / 公用经费合计 rows, column 基本支出; Shanghai: the
    基本支出决算表, where every figure is basic spending (column 合计)."""
    tables = Tables(doc)
    table, column = (("general_budget_economic", "基本支出") if tables.readable("general_budget_economic")
                     else ("basic_expenditure", "合计"))
    if not tables.readable(table):
        return _insufficient(PERSONNEL_COLUMNS, "neither 公开06表 nor the 基本支出决算表 is readable")
    values = {name: tables.value(table, column, item=f"{name}合计") for name in ("人员经费", "公用经费")}
    if any(v is None for v in values.values()):
        return _insufficient(PERSONNEL_COLUMNS, f"{table} prints no 人员经费合计 / 公用经费合计 row")
    basic = sum(values.values(), ZERO)
    return _frame([{"item": name, "amount": value, "basic_share": ratio(value, basic),
                    "status": OK if basic else NOT_APPLICABLE, "note": ""} for name, value in values.items()],
                  PERSONNEL_COLUMNS)


TOTALS_COLUMNS = ["item", "amount", "source", "status", "note"]
_TOTALS = (
    ("本年收入合计", "income", "本年收入合计", {"item": "合计", "code": ""}),
    ("本年支出合计", "expenditure", "本年支出合计", {"item": "合计", "code": ""}),
    ("财政拨款收入", "income", "财政拨款收入", {"item": "合计", "code": ""}),
    ("一般公共预算财政拨款支出", "general_budget_expenditure", "合计", {"item": "合计", "code": ""}),
    ("基本支出", "expenditure", "基本支出", {"item": "合计", "code": ""}),
    ("项目支出", "expenditure", "项目支出", {"item": "合计", "code": ""}),
)


def totals(doc) -> pd.DataFrame:
    """The headline amounts: 本年收入合计, 本年支出合计, 财政拨款收入, 一般公共预算财政拨款支出, 基本/项目支出."""
    tables = Tables(doc)
    rows = []
    for name, table, column, where in _TOTALS:
        value = tables.value(table, column, **where)
        rows.append({"item": name, "amount": value, "source": f"{table} {column}",
                     "status": OK if value is not None else INSUFFICIENT,
                     "note": "" if value is not None else f"{table} is {tables.status.get(table, 'missing')} or has no 合计 row"})
    return _frame(rows, TOTALS_COLUMNS)


# --- year on year -----------------------------------------------------------------------------------

YOY_COLUMNS = ["subject", "code", "fund", "current", "current_source", "direction", "stated_change", "prior",
               "prior_source", "change", "rate", "stated_rate", "claim_id", "status", "note"]
PRIOR_FROM_AUDIT = "audit prior_year"


def year_on_year(doc) -> pd.DataFrame:
    """This year against last year, for every change the narrative states.

    Both figures come from the audit (`doc.audit.derived`, table ``prior_year``): this year's is the
    table figure the subject names (or the amount the narrative states), last year's follows from
    it and the stated change by its direction word. A change the audit cannot place says why."""
    claims = claims_of(doc)
    derived = {row["claim_id"]: row for row in doc.audit.derived.to_dict("records")}
    rows = []
    for claim in claims[claims["kind"] == "yoy_change"].itertuples(index=False):
        stated_rate = _same_sentence(claims, claim, "yoy_rate")
        signed_rate = None
        if stated_rate is not None:
            signed_rate = _percent_to_ratio(stated_rate.stated) * (-1 if stated_rate.direction in DOWN_WORDS else 1)
        found = derived.get(claim.claim_id)
        row = {"subject": claim.subject, "code": claim.code, "fund": claim.fund,
               "current": found["this_year"] if found else None,
               "current_source": found["this_year_source"] if found else "", "direction": claim.direction,
               "stated_change": claim.value_yuan, "stated_rate": signed_rate, "claim_id": claim.claim_id,
               "prior": found["value"] if found else None, "prior_source": PRIOR_FROM_AUDIT if found else "",
               "change": None, "rate": None}
        if found is None:
            rows.append({**row, "status": INSUFFICIENT, "note": claim.note or "no figure for this year"})
            continue
        change = row["current"] - row["prior"]
        rate = ratio(change, row["prior"])
        rows.append({**row, "change": change, "rate": rate, "status": OK if rate is not None else NOT_APPLICABLE,
                     "note": "" if rate is not None else "last year's figure is zero: no rate"})
    if not rows:
        return _insufficient(YOY_COLUMNS, "the narrative states no change from last year")
    return _frame(rows, YOY_COLUMNS)


# --- 三公经费, 机关运行经费, 政府采购, assets -----------------------------------------------------

THREE_PUBLIC_COLUMNS = ["item", "budget", "actual", "rate", "status", "note"]


def three_public(doc) -> pd.DataFrame:
    """公开07表: 三公经费 预算数 (全年预算) against 决算数, item by item.

    The table prints every item row; a blank cell there is a zero (docs/facts.md), so an item
    without facts is 0 — unless the whole table is missing or unreadable."""
    tables = Tables(doc)
    if not tables.readable("three_public"):
        return _insufficient(THREE_PUBLIC_COLUMNS, f"three_public is {tables.status.get('three_public', 'missing')}")
    rows = []
    for item in THREE_PUBLIC_ITEMS:
        budget = tables.value("three_public", "预算数", item=item) or ZERO
        actual = tables.value("three_public", "决算数", item=item) or ZERO
        rate = ratio(actual, budget)
        rows.append({"item": item, "budget": budget, "actual": actual, "rate": rate,
                     "status": OK if rate is not None else NOT_APPLICABLE,
                     "note": "" if rate is not None else "budget is zero: no execution rate"})
    return _frame(rows, THREE_PUBLIC_COLUMNS)


RUNNING_COLUMNS = ["item", "amount", "source", "status", "note"]
# 公开10表 rows of 机关运行经费 (the 财政部 template splits it by kind of unit).
RUNNING_PARTS = ("行政单位", "参照公务员法管理事业单位")


def running_costs_total(tables: Tables) -> Decimal | None:
    parts = [tables.value("disclosure_stats", "统计数", item_contains=part) for part in RUNNING_PARTS]
    if not tables.readable("disclosure_stats") or all(p is None for p in parts):
        return None
    return sum((p for p in parts if p is not None), ZERO)


def running_costs(doc) -> pd.DataFrame:
    """机关运行经费: 公开10表 (行政单位 + 参照公务员法管理事业单位), else the narrative's figure."""
    tables, rows = Tables(doc), []
    total = running_costs_total(tables)
    if total is not None:
        for part in RUNNING_PARTS:
            value = tables.value("disclosure_stats", "统计数", item_contains=part)
            rows.append({"item": part, "amount": value if value is not None else ZERO, "source": "disclosure_stats 统计数",
                         "status": OK, "note": "" if value is not None else "row not printed: zero"})
        rows.append({"item": "机关运行经费", "amount": total, "source": "disclosure_stats 统计数", "status": OK, "note": ""})
        return _frame(rows, RUNNING_COLUMNS)
    stated = _narrative_amount(claims_of(doc), "机关运行经费")
    if stated is None:
        return _insufficient(RUNNING_COLUMNS, "no 公开10表 and no 机关运行经费 figure in the narrative", item="机关运行经费")
    return _frame([{"item": "机关运行经费", "amount": stated, "source": "narrative", "status": OK, "note": ""}], RUNNING_COLUMNS)


def _narrative_amount(claims: pd.DataFrame, subject: str) -> Decimal | None:
    found = claims[(claims["kind"] == "amount") & (claims["subject"] == subject)]
    return found["value_yuan"].iloc[0] if len(found) else None


PROCUREMENT_COLUMNS = ["item", "amount", "share", "stated_share", "source", "status", "note"]
PROCUREMENT_KINDS = ("货物", "工程", "服务")
# Narrative subjects of 政府采购 (narrative rules name them so).
SME_SUBJECTS = (("中小企业", "政府采购中小企业"), ("小微企业", "政府采购小微企业"))


def procurement(doc) -> pd.DataFrame:
    """政府采购 by kind (货物/工程/服务) and the shares awarded to 中小企业 and 小微企业.

    Amounts by kind come from 公开10表 where printed, else the narrative; the 中小企业 amounts are
    only ever stated in the narrative."""
    tables, claims = Tables(doc), claims_of(doc)
    in_table = tables.readable("disclosure_stats") and tables.value("disclosure_stats", "采购金额", item="合计") is not None
    if in_table:
        total = tables.value("disclosure_stats", "采购金额", item="合计")
        kinds = {kind: tables.value("disclosure_stats", "采购金额", item=kind) for kind in PROCUREMENT_KINDS}
        source = "disclosure_stats 采购金额"
    else:
        total = _narrative_amount(claims, "政府采购")
        kinds = {kind: _narrative_amount(claims, f"政府采购{kind}") for kind in PROCUREMENT_KINDS}
        source = "narrative"
    if total is None:
        return _insufficient(PROCUREMENT_COLUMNS, "no 政府采购 total in 公开10表 or the narrative", item="合计")
    rows = [{"item": "合计", "amount": total, "share": ratio(total, total), "stated_share": None, "source": source,
             "status": OK if total else NOT_APPLICABLE, "note": ""}]
    for kind, amount in kinds.items():
        rows.append(_share_row(kind, amount, total, None, source))
    for label, subject in SME_SUBJECTS:
        stated = claims[(claims["subject"] == subject) & (claims["kind"] == "share")]
        stated_share = _percent_to_ratio(stated["stated"].iloc[0]) if len(stated) else None
        rows.append(_share_row(label, _narrative_amount(claims, subject), total, stated_share, "narrative"))
    return _frame(rows, PROCUREMENT_COLUMNS)


def _share_row(item: str, amount: Decimal | None, total: Decimal, stated_share, source: str) -> dict:
    if amount is None:
        return {"item": item, "amount": None, "share": None, "stated_share": stated_share, "source": source,
                "status": INSUFFICIENT, "note": f"{item} is not stated"}
    share = ratio(amount, total)
    return {"item": item, "amount": amount, "share": share, "stated_share": stated_share, "source": source,
            "status": OK if share is not None else NOT_APPLICABLE, "note": "" if share is not None else "total is zero"}


ASSET_COLUMNS = ["item", "count", "unit", "source", "status", "note"]
ASSET_UNITS = ("辆", "台(套)")


def assets(doc) -> pd.DataFrame:
    """Vehicles by use and equipment above 1,000,000 元: 公开10表's counts, else the narrative's."""
    tables = Tables(doc)
    rows = tables.rows("disclosure_stats")
    counted = rows[rows["unit_source"].isin(ASSET_UNITS)]
    if len(counted):
        out = [{"item": r.item, "count": r.value, "unit": r.unit_source, "source": "disclosure_stats 统计数",
                "status": OK, "note": ""} for r in counted.itertuples(index=False)]
        return _frame(out, ASSET_COLUMNS)
    claims = claims_of(doc)
    where = claims["section"].fillna("") + claims["subsection"].fillna("")
    stated = claims[(claims["kind"] == "count") & claims["unit"].isin(ASSET_UNITS) & where.str.contains("资产")]
    if stated.empty:
        return _insufficient(ASSET_COLUMNS, "no 公开10表 counts and no asset counts in the narrative")
    out = [{"item": c.subject, "count": Decimal(c.stated), "unit": c.unit, "source": "narrative", "status": OK, "note": ""}
           for c in stated.itertuples(index=False)]
    return _frame(out, ASSET_COLUMNS)


# --- project performance self-evaluations -------------------------------------------------------------

PERFORMANCE_COLUMNS = ["table", "project", "grade", "total_score", "indicator_score_sum", "score_difference",
                       "full_year_budget", "executed", "stated_execution_rate", "execution_rate", "status", "note"]


def performance(doc) -> pd.DataFrame:
    """One row per 项目支出绩效自评表: its grade and 总分, the sum of the scores it prints (the funds
    row's 得分 plus every indicator's), and 全年执行数 ÷ 全年预算数 beside the printed 执行率."""
    tables = Tables(doc)
    keys = [k for k in doc.meta.get("tables", {}) if k.startswith("performance_")]
    if not keys:
        return _insufficient(PERFORMANCE_COLUMNS, "the document prints no 项目支出绩效自评表")
    rows = []
    for key in sorted(keys, key=lambda k: int(k.split("_")[1])):
        info = doc.meta["tables"][key]
        if not tables.readable(key):
            rows.append({"table": key, "project": info.get("project", ""), "status": INSUFFICIENT,
                         "note": f"{key} is {info.get('status')}"})
            continue
        facts = tables.rows(key)
        funds = facts[facts["item"] == "资金总额"]
        indicators = facts[(facts["column"] == "得分") & ~facts["item"].isin(["总分"]) & (facts["unit_source"] == "分")
                           & ~facts["item"].isin(set(facts.loc[facts["column"] == "全年预算数", "item"]) - {"资金总额"})]
        total = tables.value(key, "得分", item="总分")
        score_sum = sum(indicators["value"], ZERO)
        budget = tables.value(key, "全年预算数", item="资金总额")
        executed = tables.value(key, "全年执行数", item="资金总额")
        stated_rate = tables.value(key, "执行率", item="资金总额") if len(funds) else None
        rows.append({
            "table": key, "project": info.get("project", ""), "grade": info.get("grade", ""), "total_score": total,
            "indicator_score_sum": score_sum, "score_difference": (total - score_sum) if total is not None else None,
            "full_year_budget": budget, "executed": executed,
            "stated_execution_rate": stated_rate / 100 if stated_rate is not None else None,
            "execution_rate": ratio(executed, budget),
            "status": OK if total is not None else INSUFFICIENT, "note": "" if total is not None else "no 总分 printed",
        })
    return _frame(rows, PERFORMANCE_COLUMNS)


def performance_scores(doc, table: str) -> pd.DataFrame:
    """The scores one self-evaluation prints: each indicator's 分值 and 得分, the funds row's 得分."""
    facts = Tables(doc).rows(table)
    scored = facts[facts["unit_source"] == "分"]
    wide = scored.pivot_table(index="item", columns="column", values="value", aggfunc="first", sort=False)
    wide = wide.reindex(columns=["分值", "得分"]).reset_index()
    return wide[wide["item"] != "总分"].reset_index(drop=True)


# --- everything, for the CLI ---------------------------------------------------------------------------

def all_metrics(doc) -> dict[str, pd.DataFrame]:
    """Every analysis of this module, by name (the CLI's sections)."""
    execution = budget_execution(doc)
    return {
        "totals": totals(doc),
        "budget_execution": execution,
        "pefa": pefa_indicators(doc, execution),
        "class_shares": class_shares(doc, "类"),
        "subclass_shares": class_shares(doc, "款"),
        "basic_vs_project": basic_vs_project(doc),
        "personnel_vs_public": personnel_vs_public(doc),
        "income_by_source": income_by_source(doc),
        "year_on_year": year_on_year(doc),
        "three_public": three_public(doc),
        "running_costs": running_costs(doc),
        "procurement": procurement(doc),
        "assets": assets(doc),
        "performance": performance(doc),
    }


def frame_to_records(frame: pd.DataFrame) -> list[dict]:
    return [{k: json_value(k, v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def metrics_to_json(doc, results: dict[str, pd.DataFrame]) -> str:
    meta = doc.meta
    payload = {"doc_id": meta["doc_id"], "department": meta["department"], "year": meta["year"],
               "metrics": {name: frame_to_records(frame) for name, frame in results.items()}}
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


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


def metrics_to_table(doc, results: dict[str, pd.DataFrame]) -> str:
    lines = [f"{doc.meta['doc_id']}: {doc.meta['department']} {doc.meta['year']}"]
    for name, frame in results.items():
        lines += ["", f"== {name} ==", display_frame(frame).to_string(index=False)]
    return "\n".join(lines) + "\n"


def cmd_metrics(args) -> int:
    """`juesuan metrics PATH|DOC_ID [--format json|table]`."""
    from .document import load

    doc = load(args.source)
    results = all_metrics(doc)
    text = metrics_to_json(doc, results) if args.format == "json" else metrics_to_table(doc, results)
    sys.stdout.write(text)
    return 0
