"""One department over the years: totals, growth, structure, controls, budget against final account.

    >>> rows = profiles.profiles(collection)          # one row per document (juesuan.metrics.profiles)
    >>> trends.growth(rows, "expenditure_total")      # year on year, within each kind
    >>> trends.compound_growth(rows)                  # (last ÷ first)^(1/years) − 1
    >>> trends.budget_vs_final(rows)                  # years with both a 预算 and a 决算

A 预算 and a 决算 are different things (what was planned, what was spent): growth is taken between
documents of the same kind only, and the two kinds meet only in `budget_vs_final`. Amounts stay
exact `Decimal` in 元; rates are `Decimal` ratios to 10 places (0.2200 = 22.00%).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import pandas as pd

from .base import INSUFFICIENT, NOT_APPLICABLE, OK, RATIO_PLACES, ratio, rows_frame
from .profiles import MEASURES

TOTAL_COLUMNS = ["year", "kind", "level", "doc_id", "income_total", "expenditure_total", "fiscal_income",
                 "general_budget_expenditure"]


def _by_kind(profiles: pd.DataFrame):
    """(kind, its rows by year) for each kind, 决算 first."""
    for kind in sorted(profiles["kind"].unique(), key=lambda k: (k != "决算", k)):
        yield kind, profiles[profiles["kind"] == kind].sort_values("year")


def totals_over_time(profiles: pd.DataFrame) -> pd.DataFrame:
    """Each year's 收入 and 支出 totals, by kind and year."""
    return pd.concat([rows[TOTAL_COLUMNS] for _, rows in _by_kind(profiles)], ignore_index=True)


GROWTH_COLUMNS = ["kind", "year", "prior_year", "amount", "prior", "change", "growth_rate", "status", "note"]


def growth(profiles: pd.DataFrame, measure: str = "expenditure_total") -> pd.DataFrame:
    """`measure` against the document of the same kind before it: change and rate. The first year
    has no rate (not_applicable); a year whose figure or whose predecessor's is missing says so; a
    gap of years on record is named in the note, since the rate then spans more than one year."""
    out = []
    for kind, rows in _by_kind(profiles):
        before = None
        for year, amount in zip(rows["year"], rows[measure]):
            row = {"kind": kind, "year": year, "prior_year": before[0] if before else None, "amount": amount,
                   "prior": before[1] if before else None, "change": None, "growth_rate": None}
            if before is None:
                out.append({**row, "status": NOT_APPLICABLE, "note": "首个年度，无上年可比 (first year on record)"})
            elif amount is None or before[1] is None:
                out.append({**row, "status": INSUFFICIENT, "note": f"两年未都印出{MEASURES[measure]} ({MEASURES[measure]} is not printed in both years)"})
            else:
                rate = ratio(amount - before[1], before[1])
                gap = year - before[0]
                out.append({**row, "change": amount - before[1], "growth_rate": rate,
                            "status": OK if rate is not None else NOT_APPLICABLE,
                            "note": ("" if rate is not None else "上年数为 0，无增减率 (prior figure is zero: no rate)")
                            + (f"; {gap} years apart" if gap > 1 else "")})
            before = (year, amount)
    return rows_frame(out, GROWTH_COLUMNS).astype({"prior_year": "Int64"})


COMPOUND_COLUMNS = ["kind", "first_year", "last_year", "first", "last", "compound_growth_rate", "status", "note"]


def compound_growth(profiles: pd.DataFrame, measure: str = "expenditure_total") -> pd.DataFrame:
    """The compound annual growth rate of `measure` over the years on record, per kind:
    (last ÷ first)^(1 ÷ (last year − first year)) − 1, in 50-digit decimal arithmetic."""
    out = []
    for kind, rows in _by_kind(profiles):
        known = rows[rows[measure].notna()]
        row = {"kind": kind, "first_year": None, "last_year": None, "first": None, "last": None,
               "compound_growth_rate": None}
        if len(known) < 2:
            out.append({**row, "status": INSUFFICIENT, "note": f"{MEASURES[measure]}不足两个年度 ({MEASURES[measure]} for fewer than two years)"})
            continue
        first, last = known.iloc[0], known.iloc[-1]
        row.update(first_year=first["year"], last_year=last["year"], first=first[measure], last=last[measure])
        if first[measure] <= 0:
            out.append({**row, "status": NOT_APPLICABLE, "note": "起始数不为正，无年均增长率 (first figure is not positive: no rate)"})
            continue
        with localcontext() as ctx:
            ctx.prec = 50
            years = Decimal(int(last["year"] - first["year"]))
            rate = (last[measure] / first[measure]) ** (1 / years) - 1
        out.append({**row, "compound_growth_rate": rate.quantize(RATIO_PLACES, rounding=ROUND_HALF_UP), "status": OK,
                    "note": ""})
    return rows_frame(out, COMPOUND_COLUMNS).astype({"first_year": "Int64", "last_year": "Int64"})


SHARE_COLUMNS = ["year", "kind", "basic_share", "project_share", "personnel_share", "public_share"]


def shares_over_time(profiles: pd.DataFrame) -> pd.DataFrame:
    """基本支出 and 项目支出 as shares of 本年支出合计; 人员经费 and 公用经费 as shares of their sum
    (基本支出 of 一般公共预算), year by year."""
    out = []
    for kind, rows in _by_kind(profiles):
        for r in rows.itertuples(index=False):
            basic = None if r.personnel is None or r.public is None else r.personnel + r.public
            out.append({"year": r.year, "kind": kind, "basic_share": ratio(r.basic, r.expenditure_total),
                        "project_share": ratio(r.project, r.expenditure_total),
                        "personnel_share": ratio(r.personnel, basic), "public_share": ratio(r.public, basic)})
    return pd.DataFrame(out, columns=SHARE_COLUMNS)


def classes_over_time(class_profiles: pd.DataFrame) -> pd.DataFrame:
    """One row per functional 类 (code), one column of shares per year (`2019_share`; with both
    kinds `2019决算_share`), named as the latest document prints it (names change: 文化体育与传媒
    became 文化旅游体育与传媒 in 2019); a 类 a year does not print is blank that year."""
    if class_profiles.empty:
        return pd.DataFrame(columns=["code", "item"])
    both = class_profiles["kind"].nunique() > 1
    keyed = class_profiles.assign(column=[f"{y}{k if both else ''}_share" for y, k in
                                          zip(class_profiles["year"], class_profiles["kind"])])
    names = keyed.sort_values("year").groupby("code")["item"].last()
    columns = list(dict.fromkeys(keyed.sort_values(["kind", "year"])["column"]))
    wide = keyed.pivot(index="code", columns="column", values="share").reindex(columns=columns).astype(object)
    wide = wide.where(wide.notna(), None)
    return wide.reset_index().assign(item=lambda f: f["code"].map(names))[["code", "item", *columns]]


CONTROL_COLUMNS = ["year", "kind", "three_public", "three_public_growth_rate", "running_costs",
                   "running_costs_growth_rate"]


def controls_over_time(profiles: pd.DataFrame) -> pd.DataFrame:
    """“三公”经费 and 机关运行经费 year by year, each with its growth on the year before (same kind)."""
    three, running = growth(profiles, "three_public"), growth(profiles, "running_costs")
    return pd.DataFrame({"year": three["year"], "kind": three["kind"], "three_public": three["amount"],
                         "three_public_growth_rate": three["growth_rate"], "running_costs": running["amount"],
                         "running_costs_growth_rate": running["growth_rate"]}, columns=CONTROL_COLUMNS)


BUDGET_FINAL_COLUMNS = ["year", "item", "budget", "final", "difference", "final_rate", "status", "note"]
BUDGET_FINAL_MEASURES = ("income_total", "expenditure_total", "general_budget_expenditure", "basic", "project",
                         "three_public", "running_costs")
NO_BUDGET_AND_FINAL = ("没有哪一年同时有这个部门的预算和决算，无法对照预算与决算。"
                       " / No year has both this department's budget and its final account.")


def budget_vs_final(profiles: pd.DataFrame) -> pd.DataFrame:
    """For each year with both a 预算 and a 决算: each headline figure as budgeted and as spent,
    the difference (决算 − 预算) and 决算 ÷ 预算. Without such a year: one row saying so."""
    out = []
    for year in sorted(profiles["year"].unique()):
        kinds = profiles[profiles["year"] == year].set_index("kind")
        if not {"预算", "决算"} <= set(kinds.index):
            continue
        for measure in BUDGET_FINAL_MEASURES:
            budget, final = kinds.loc["预算", measure], kinds.loc["决算", measure]
            known = budget is not None and final is not None
            rate = ratio(final, budget) if known else None
            out.append({"year": year, "item": MEASURES[measure], "budget": budget, "final": final,
                        "difference": final - budget if known else None, "final_rate": rate,
                        "status": OK if rate is not None else (NOT_APPLICABLE if known else INSUFFICIENT),
                        "note": "" if known else "两份文件未都印出此数 (not printed in both documents)"})
    if not out:
        return pd.DataFrame([{c: None for c in BUDGET_FINAL_COLUMNS} | {"status": INSUFFICIENT, "note": NO_BUDGET_AND_FINAL}],
                            columns=BUDGET_FINAL_COLUMNS)
    return rows_frame(out, BUDGET_FINAL_COLUMNS)


NO_CROSS_FINDINGS = "跨文件核对没有发现问题。 / The checks across documents found nothing to report."


def cross_findings(collection) -> tuple[pd.DataFrame, str]:
    """The collection's findings across documents (`juesuan.checks.across`), and a sentence when
    there are none to show."""
    found = collection.cross_findings
    return found, "" if len(found) else NO_CROSS_FINDINGS


def by_kind_year(frame: pd.DataFrame, column: str) -> dict:
    """{kind: {year: value}} of one column, for key figures (years as text, JSON's keys)."""
    return {kind: {str(y): v for y, v in zip(rows["year"], rows[column]) if v is not None}
            for kind, rows in _by_kind(frame)}
