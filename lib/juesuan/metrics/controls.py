"""三公经费, 机关运行经费, 政府采购 and assets."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ..layouts.national import THREE_PUBLIC_ITEMS
from .base import (INSUFFICIENT, NOT_APPLICABLE, OK, STATEMENT_COLUMNS, ZERO, Tables, claims_of, insufficient,
                   percent_to_ratio, ratio, rows_frame, with_statement)

# --- 三公经费, 机关运行经费, 政府采购, assets -----------------------------------------------------

THREE_PUBLIC_COLUMNS = ["item", "budget", "actual", "rate", "status", "note"]


def three_public(doc) -> pd.DataFrame:
    """公开07表: 三公经费 预算数 (全年预算) against 决算数, item by item.

    The table prints every item row; a blank cell there is a zero (docs/facts.md), so an item
    without facts is 0 — unless the whole table is missing or unreadable."""
    tables = Tables(doc)
    if not tables.readable("three_public"):
        return insufficient(THREE_PUBLIC_COLUMNS, f"three_public is {tables.status.get('three_public', 'missing')}")
    if doc.meta.get("kind") == "预算":  # the year's budget only; its outturn is in the year's 决算
        return rows_frame([{"item": item, "budget": tables.value("three_public", "本年预算数", item=item) or ZERO,
                            "actual": None, "rate": None, "status": INSUFFICIENT,
                            "note": "部门预算无决算数 (a budget: the outturn is in the year's final account)"}
                           for item in THREE_PUBLIC_ITEMS], THREE_PUBLIC_COLUMNS)
    rows = []
    for item in THREE_PUBLIC_ITEMS:
        budget = tables.value("three_public", "预算数", item=item) or ZERO
        actual = tables.value("three_public", "决算数", item=item) or ZERO
        rate = ratio(actual, budget)
        rows.append({"item": item, "budget": budget, "actual": actual, "rate": rate,
                     "status": OK if rate is not None else NOT_APPLICABLE,
                     "note": "" if rate is not None else "budget is zero: no execution rate"})
    return rows_frame(rows, THREE_PUBLIC_COLUMNS)


RUNNING_COLUMNS = ["item", "amount", "source", "status", "note"]
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
    narrative's figure."""
    tables, rows = Tables(doc), []
    total = running_costs_total(tables)
    if total is not None:
        for part in RUNNING_PARTS:
            value = tables.value("disclosure_stats", "统计数", item_contains=part)
            rows.append({"item": part, "amount": value if value is not None else ZERO, "source": "disclosure_stats 统计数",
                         "status": OK, "note": "" if value is not None else "row not printed: zero"})
        rows.append({"item": "机关运行经费", "amount": total, "source": "disclosure_stats 统计数", "status": OK, "note": ""})
        return rows_frame(rows, RUNNING_COLUMNS)
    budgeted, source = tables.first_value(*BUDGET_RUNNING) if doc.meta.get("kind") == "预算" else (None, "")
    if budgeted is not None:
        return rows_frame([{"item": "机关运行经费", "amount": budgeted, "source": source, "status": OK, "note": ""}],
                          RUNNING_COLUMNS)
    stated = narrative_amount(claims_of(doc), "机关运行经费")
    if stated is None:
        return insufficient(RUNNING_COLUMNS, "no 公开10表 and no 机关运行经费 figure in the narrative", item="机关运行经费")
    return rows_frame([{"item": "机关运行经费", "amount": stated, "source": "narrative", "status": OK, "note": ""}], RUNNING_COLUMNS)


def narrative_amount(claims: pd.DataFrame, subject: str) -> Decimal | None:
    found = claims[(claims["kind"] == "amount") & (claims["subject"] == subject)]
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

    Amounts by kind come from 公开10表 where printed, else the narrative; the 中小企业 amounts are
    only ever stated in the narrative. `statement` says whether the stated amounts and shares hold
    (the audit's verdicts of their claims, `claim_ids`)."""
    tables, claims = Tables(doc), claims_of(doc)
    in_table = tables.readable("disclosure_stats") and tables.value("disclosure_stats", "采购金额", item="合计") is not None
    if in_table:
        total = tables.value("disclosure_stats", "采购金额", item="合计")
        kinds = {kind: tables.value("disclosure_stats", "采购金额", item=kind) for kind in PROCUREMENT_KINDS}
        source = "disclosure_stats 采购金额"
    else:
        total = narrative_amount(claims, "政府采购")
        kinds = {kind: narrative_amount(claims, f"政府采购{kind}") for kind in PROCUREMENT_KINDS}
        source = "narrative"
    narrated = source == "narrative"
    shown = [narrative_claims(claims, subject, "amount") if narrated else []
             for subject in ("政府采购", *(f"政府采购{kind}" for kind in PROCUREMENT_KINDS))]
    if total is None:
        return insufficient(PROCUREMENT_COLUMNS, "no 政府采购 total in 公开10表 or the narrative", item="合计")
    rows = [{"item": "合计", "amount": total, "share": ratio(total, total), "stated_share": None, "source": source,
             "status": OK if total else NOT_APPLICABLE, "note": ""}]
    for kind, amount in kinds.items():
        rows.append(_share_row(kind, amount, total, None, source))
    for label, subject in SME_SUBJECTS:
        stated = claims[(claims["subject"] == subject) & (claims["kind"] == "share")]
        stated_share = percent_to_ratio(stated["stated"].iloc[0]) if len(stated) else None
        rows.append(_share_row(label, narrative_amount(claims, subject), total, stated_share, "narrative"))
        shown.append(narrative_claims(claims, subject, "share", "amount"))
    return with_statement(rows_frame(rows, PROCUREMENT_COLUMNS[:-2]), claims, shown)


def _share_row(item: str, amount: Decimal | None, total: Decimal, stated_share, source: str) -> dict:
    if amount is None:
        return {"item": item, "amount": None, "share": None, "stated_share": stated_share, "source": source,
                "status": INSUFFICIENT, "note": f"说明未述{item} ({item} is not stated)"}
    share = ratio(amount, total)
    return {"item": item, "amount": amount, "share": share, "stated_share": stated_share, "source": source,
            "status": OK if share is not None else NOT_APPLICABLE, "note": "" if share is not None else "合计为 0 (total is zero)"}


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
        return rows_frame(out, ASSET_COLUMNS)
    claims = claims_of(doc)
    where = claims["section"].fillna("") + claims["subsection"].fillna("")
    stated = claims[(claims["kind"] == "count") & claims["unit"].isin(ASSET_UNITS) & where.str.contains("资产")]
    if stated.empty:
        return insufficient(ASSET_COLUMNS, "no 公开10表 counts and no asset counts in the narrative")
    out = [{"item": c.subject, "count": Decimal(c.stated), "unit": c.unit, "source": "narrative", "status": OK, "note": ""}
           for c in stated.itertuples(index=False)]
    return rows_frame(out, ASSET_COLUMNS)
