"""三公经费, 机关运行经费, 政府采购 and assets."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ..layouts.national import THREE_PUBLIC_ITEMS
from .base import (INSUFFICIENT, NOT_APPLICABLE, OK, STATEMENT_COLUMNS, ZERO, Tables, claims_of, insufficient,
                   missing_table, percent_to_ratio, ratio, rows_frame, with_statement)

# --- 三公经费, 机关运行经费, 政府采购, assets -----------------------------------------------------

THREE_PUBLIC_COLUMNS = ["item", "budget", "actual", "rate", "stated_rate", "status", "note", *STATEMENT_COLUMNS]
# The narrative calls the 07表's 合计 row “三公”经费 (narrative rules: subject 三公经费).
THREE_PUBLIC_SUBJECTS = {"合计": "三公经费"}


def three_public(doc) -> pd.DataFrame:
    """公开07表: 三公经费 预算数 (全年预算) against 决算数, item by item, beside the completion rate
    the narrative states (`stated_rate`); `statement` says whether the narrative's figures for the
    item (决算数, 预算数, 完成率) hold — the audit's verdicts of their claims (`claim_ids`).

    The table prints every item row; a blank cell there is a zero (docs/facts.md), so an item
    without facts is 0 — unless the whole table is missing or unreadable."""
    tables, claims = Tables(doc), claims_of(doc)
    if not tables.readable("three_public"):
        return insufficient(THREE_PUBLIC_COLUMNS, missing_table(tables, "three_public"))
    subjects = [THREE_PUBLIC_SUBJECTS.get(item, item) for item in THREE_PUBLIC_ITEMS]
    shown = [narrative_claims(claims, subject, "completion_rate", "amount", "budget_amount") for subject in subjects]
    rates = [_stated_ratio(claims, subject, "completion_rate") for subject in subjects]
    if doc.meta.get("kind") == "预算":  # the year's budget only; its outturn is in the year's 决算
        rows = [{"item": item, "budget": tables.value("three_public", "本年预算数", item=item) or ZERO,
                 "actual": None, "rate": None, "stated_rate": None, "status": INSUFFICIENT,
                 "note": "部门预算无决算数 (a budget: the outturn is in the year's final account)"}
                for item in THREE_PUBLIC_ITEMS]
        # the row's figure is the budget, whole: its statement is the verdict of the budget the narrative states
        said = with_statement(rows_frame(rows, THREE_PUBLIC_COLUMNS[:-2]).assign(status=OK), claims, shown)
        return said.assign(status=INSUFFICIENT)
    rows = []
    for item, stated_rate in zip(THREE_PUBLIC_ITEMS, rates):
        budget = tables.value("three_public", "预算数", item=item) or ZERO
        actual = tables.value("three_public", "决算数", item=item) or ZERO
        rate = ratio(actual, budget)
        rows.append({"item": item, "budget": budget, "actual": actual, "rate": rate, "stated_rate": stated_rate,
                     "status": OK if rate is not None else NOT_APPLICABLE,
                     "note": "" if rate is not None else "预算数为 0，无执行率 (budget is zero: no execution rate)"})
    return with_statement(rows_frame(rows, THREE_PUBLIC_COLUMNS[:-2]), claims, shown)


def _stated_ratio(claims: pd.DataFrame, subject: str, kind: str):
    found = claims[(claims["kind"] == kind) & (claims["subject"] == subject)]
    return percent_to_ratio(found["stated"].iloc[0]) if len(found) else None


RUNNING_COLUMNS = ["item", "amount", "source", "status", "note", *STATEMENT_COLUMNS]
# 公开10表 rows of 机关运行经费 (the 财政部 template splits it by kind of unit).
RUNNING_PARTS = ("行政单位", "参照公务员法管理事业单位")


def running_costs_total(tables: Tables) -> Decimal | None:
    parts = [tables.value("disclosure_stats", "统计数", item_contains=part) for part in RUNNING_PARTS]
    if not tables.readable("disclosure_stats") or all(p is None for p in parts):
        return None
    return sum((p for p in parts if p is not None), ZERO)


# Where a budget prints its 机关运行经费: Jiangsu in a table of its own (合计 row), Shanghai as the
# last column of the “三公”经费和机关运行经费预算表.
BUDGET_RUNNING = (("running_costs", "本年预算数", {"item": "合计"}), ("three_public", "本年预算数", {"item": "机关运行经费"}))


def running_costs(doc) -> pd.DataFrame:
    """机关运行经费: 公开10表 (行政单位 + 参照公务员法管理事业单位) or a budget's own table, else the
    narrative's figure; `statement` says whether the narrative's 机关运行经费 holds (its claims'
    verdicts, `claim_ids`) on the total's row."""
    tables, claims = Tables(doc), claims_of(doc)
    stated = narrative_claims(claims, "机关运行经费", "amount", "budget_amount")
    total = running_costs_total(tables)
    if total is not None:
        rows = []
        for part in RUNNING_PARTS:
            value = tables.value("disclosure_stats", "统计数", item_contains=part)
            rows.append({"item": part, "amount": value if value is not None else ZERO, "source": "disclosure_stats 统计数",
                         "status": OK, "note": "" if value is not None else "未印此行，记为 0 (row not printed: zero)"})
        rows.append({"item": "机关运行经费", "amount": total, "source": "disclosure_stats 统计数", "status": OK, "note": ""})
        return with_statement(rows_frame(rows, RUNNING_COLUMNS[:-2]), claims, [[], [], stated])
    budgeted, source = tables.first_value(*BUDGET_RUNNING) if doc.meta.get("kind") == "预算" else (None, "")
    amount = budgeted if budgeted is not None else narrative_amount(claims, "机关运行经费")
    if amount is None:
        return insufficient(RUNNING_COLUMNS, "表中和说明中都没有机关运行经费 (no table and no figure in the narrative)",
                            item="机关运行经费")
    row = {"item": "机关运行经费", "amount": amount, "source": source if budgeted is not None else "narrative",
           "status": OK, "note": ""}
    return with_statement(rows_frame([row], RUNNING_COLUMNS[:-2]), claims, [stated])


def narrative_amount(claims: pd.DataFrame, subject: str, kinds: tuple = ("amount",)) -> Decimal | None:
    """The first amount the narrative states about `subject` (of these kinds), in 元."""
    found = claims[claims["kind"].isin(kinds) & (claims["subject"] == subject)]
    return found["value_yuan"].iloc[0] if len(found) else None


def narrative_claims(claims: pd.DataFrame, subject: str, *kinds: str) -> list[str]:
    """The first claim of each kind stated about `subject` (its claim_id)."""
    out = []
    for kind in kinds:
        found = claims[(claims["kind"] == kind) & (claims["subject"] == subject)]
        out += found["claim_id"].iloc[:1].tolist()
    return out


PROCUREMENT_COLUMNS = ["item", "amount", "share", "stated_share", "source", "status", "note", *STATEMENT_COLUMNS]
PROCUREMENT_KINDS = ("货物", "工程", "服务")
# Narrative subjects of 政府采购 (narrative rules name them so).
SME_SUBJECTS = (("中小企业", "政府采购中小企业"), ("小微企业", "政府采购小微企业"))


def procurement(doc) -> pd.DataFrame:
    """政府采购 by kind (货物/工程/服务) and the shares awarded to 中小企业 and 小微企业.

    Amounts by kind come from 公开10表 where printed, else the narrative (a budget's narrative states
    them as 预算: 政府采购预算4821.20万元); the 中小企业 amounts are only ever stated in the narrative.
    `statement` says whether the stated amounts and shares hold (the audit's verdicts of their
    claims, `claim_ids`)."""
    tables, claims = Tables(doc), claims_of(doc)
    stated_as = ("amount", "budget_amount") if doc.meta.get("kind") == "预算" else ("amount",)
    in_table = tables.readable("disclosure_stats") and tables.value("disclosure_stats", "采购金额", item="合计") is not None
    if in_table:
        total = tables.value("disclosure_stats", "采购金额", item="合计")
        kinds = {kind: tables.value("disclosure_stats", "采购金额", item=kind) for kind in PROCUREMENT_KINDS}
        source = "disclosure_stats 采购金额"
    else:
        total = narrative_amount(claims, "政府采购", stated_as)
        kinds = {kind: narrative_amount(claims, f"政府采购{kind}", stated_as) for kind in PROCUREMENT_KINDS}
        source = "narrative"
    narrated = source == "narrative"
    shown = [narrative_claims(claims, subject, *stated_as) if narrated else []
             for subject in ("政府采购", *(f"政府采购{kind}" for kind in PROCUREMENT_KINDS))]
    if total is None:
        return insufficient(PROCUREMENT_COLUMNS, "表中和说明中都没有政府采购合计 (no procurement total in the tables or"
                            " the narrative)", item="合计")
    rows = [{"item": "合计", "amount": total, "share": ratio(total, total), "stated_share": None, "source": source,
             "status": OK if total else NOT_APPLICABLE, "note": ""}]
    for kind, amount in kinds.items():
        rows.append(_share_row(kind, amount, total, None, source))
    for label, subject in SME_SUBJECTS:
        stated = claims[(claims["subject"] == subject) & (claims["kind"] == "share")]
        stated_share = percent_to_ratio(stated["stated"].iloc[0]) if len(stated) else None
        rows.append(_share_row(label, narrative_amount(claims, subject, stated_as), total, stated_share, "narrative"))
        shown.append(narrative_claims(claims, subject, "share", *stated_as))
    return with_statement(rows_frame(rows, PROCUREMENT_COLUMNS[:-2]), claims, shown)


def _share_row(item: str, amount: Decimal | None, total: Decimal, stated_share, source: str) -> dict:
    if amount is None:
        return {"item": item, "amount": None, "share": None, "stated_share": stated_share, "source": source,
                "status": INSUFFICIENT, "note": f"说明未述{item} ({item} is not stated)"}
    share = ratio(amount, total)
    return {"item": item, "amount": amount, "share": share, "stated_share": stated_share, "source": source,
            "status": OK if share is not None else NOT_APPLICABLE, "note": "" if share is not None else "合计为 0 (total is zero)"}


ASSET_COLUMNS = ["item", "count", "unit", "source", "status", "note", *STATEMENT_COLUMNS]
ASSET_UNITS = ("辆", "台(套)")


def assets(doc) -> pd.DataFrame:
    """Vehicles by use and equipment above 1,000,000 元: 公开10表's counts, else the narrative's;
    `statement` says whether the narrative's count of the row holds (its claim's verdict)."""
    tables, claims = Tables(doc), claims_of(doc)
    rows = tables.rows("disclosure_stats")
    counted = rows[rows["unit_source"].isin(ASSET_UNITS)]
    counts = claims[(claims["kind"] == "count") & claims["unit"].isin(ASSET_UNITS)]
    if len(counted):
        out = [{"item": r.item, "count": r.value, "unit": r.unit_source, "source": "disclosure_stats 统计数",
                "status": OK, "note": ""} for r in counted.itertuples(index=False)]
        # a claim checked against a row names it in its note (表·行·列)
        shown = [counts.loc[counts["note"].fillna("").str.contains(f"·{r['item']}·", regex=False), "claim_id"].iloc[:1].tolist()
                 for r in out]
        return with_statement(rows_frame(out, ASSET_COLUMNS[:-2]), claims, shown)
    where = counts["section"].fillna("") + counts["subsection"].fillna("")
    stated = counts[where.str.contains("资产")]
    if stated.empty:
        return insufficient(ASSET_COLUMNS, "表中和说明中都没有资产数量 (no asset counts in the tables or the narrative)")
    out = [{"item": c.subject, "count": Decimal(c.stated), "unit": c.unit, "source": "narrative", "status": OK, "note": ""}
           for c in stated.itertuples(index=False)]
    return with_statement(rows_frame(out, ASSET_COLUMNS[:-2]), claims, [[c] for c in stated["claim_id"]])
