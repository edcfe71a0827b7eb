"""Departments of one year side by side, each normalised by its own spending.

    >>> rows = profiles.profiles(collection)      # one row per department (juesuan.metrics.profiles)
    >>> peers.side_by_side(rows)                  # shares, 三公 per 万元 of spending, execution
    >>> peers.classes_side_by_side(profiles.class_profiles(collection))

Departments differ in size by orders of magnitude, so each figure is divided by the department's
own 本年支出合计: what share of its spending is 基本支出, how many 元 of “三公”经费 it spends per
万元. Departments also differ in mission, so the shares describe and do not rank (the notebook
07-peers says so to its readers).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from .base import ratio

WAN = Decimal(10000)  # 元 in one 万元
FEN = Decimal("0.01")
PEER_COLUMNS = ["department_id", "department", "kind", "level", "doc_id", "expenditure_total", "basic_share",
                "project_share", "personnel_share", "three_public", "three_public_per_wan", "running_costs",
                "running_costs_share", "execution_rate", "note"]


def side_by_side(profiles: pd.DataFrame) -> pd.DataFrame:
    """One row per department: its 本年支出合计 and, relative to it, 基本/项目支出 (shares),
    人员经费 (share of 基本支出), “三公”经费 per 万元 of spending (元, to the fen), 机关运行经费 (share), and
    the execution rate (决算 ÷ 年初预算) where the document is a 决算. Largest spender first."""
    out = []
    for r in profiles.itertuples(index=False):
        basic = None if r.personnel is None or r.public is None else r.personnel + r.public
        per_wan = ratio(r.three_public, r.expenditure_total)
        out.append({"department_id": r.department_id, "department": r.department, "kind": r.kind, "level": r.level,
                    "doc_id": r.doc_id, "expenditure_total": r.expenditure_total,
                    "basic_share": ratio(r.basic, r.expenditure_total), "project_share": ratio(r.project, r.expenditure_total),
                    "personnel_share": ratio(r.personnel, basic), "three_public": r.three_public,
                    "three_public_per_wan": (per_wan * WAN).quantize(FEN, ROUND_HALF_UP) if per_wan is not None else None,
                    "running_costs": r.running_costs, "running_costs_share": ratio(r.running_costs, r.expenditure_total),
                    "execution_rate": r.execution_rate, "note": r.note})
    frame = pd.DataFrame(out, columns=PEER_COLUMNS)
    order = [-(v or 0) for v in frame["expenditure_total"]]
    return frame.assign(_o=order).sort_values(["_o", "department_id"]).drop(columns="_o").reset_index(drop=True)


def short_names(department_ids: list[str]) -> dict[str, str]:
    """Each department id by its name after the region (人民检察院), or whole where two share one."""
    tails = [d.split("/", 1)[-1] for d in department_ids]
    return {d: t if tails.count(t) == 1 else d for d, t in zip(department_ids, tails)}


def classes_side_by_side(class_profiles: pd.DataFrame) -> pd.DataFrame:
    """One row per functional 类 (code), one column of shares per department (`人民检察院_share`):
    the share of its 一般公共预算财政拨款支出 that goes to the 类; blank where it spends none."""
    if class_profiles.empty:
        return pd.DataFrame(columns=["code", "item"])
    names = short_names(sorted(class_profiles["department_id"].unique()))
    keyed = class_profiles.assign(column=class_profiles["department_id"].map(lambda d: f"{names[d]}_share"))
    items = keyed.sort_values("year").groupby("code")["item"].last()
    wide = keyed.pivot(index="code", columns="column", values="share")
    columns = [f"{names[d]}_share" for d in names]
    wide = wide.reindex(columns=columns).astype(object)
    wide = wide.where(wide.notna(), None)
    return wide.reset_index().assign(item=lambda f: f["code"].map(items))[["code", "item", *columns]]
