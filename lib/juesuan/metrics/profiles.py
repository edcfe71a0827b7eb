"""Each document of a collection in one row: the headline figures the trends and peers analyses
compare, read by the per-document metrics (`structure`, `controls`, `execution`).

    >>> profiles.profiles(collection)        # one row per document read, amounts in 元 (Decimal)
    >>> profiles.class_profiles(collection)  # one row per document and functional 类

A figure a document does not print is None, and the row's `note` says which and why; it is never
taken as zero. The same layouts print their figures in different tables (a Jiangsu budget's
基本支出 is a row, a 决算's a column): the per-document metrics know where, this module does not.
"""
from __future__ import annotations

import pandas as pd

from .base import OK
from .controls import running_costs, three_public
from .execution import budget_execution
from .structure import class_shares, personnel_vs_public, totals

ENTRY_COLUMNS = ["department_id", "department", "region", "year", "kind", "level", "doc_id"]
# metrics.totals' items → the profile's columns
TOTALS = {"本年收入合计": "income_total", "本年支出合计": "expenditure_total", "财政拨款收入": "fiscal_income",
          "一般公共预算财政拨款支出": "general_budget_expenditure", "基本支出": "basic", "项目支出": "project"}
# Every measure of a profile, with the name a reader knows it by.
MEASURES = {**{column: item for item, column in TOTALS.items()},
            "personnel": "人员经费", "public": "公用经费", "three_public": "“三公”经费",
            "three_public_budget": "“三公”经费预算数", "running_costs": "机关运行经费", "execution_rate": "预算执行率"}
PROFILE_COLUMNS = [*ENTRY_COLUMNS, *MEASURES, "note"]
CLASS_COLUMNS = [*ENTRY_COLUMNS, "code", "item", "amount", "share"]


def profile(doc) -> dict:
    """One document's headline figures (MEASURES), None where it does not print one, and a note
    naming what is missing. `three_public` is the document's own figure: the 预算数 of a budget,
    the 决算数 of a final account (whose 预算数 is `three_public_budget`); `execution_rate` (决算 ÷
    年初预算, overall) exists for final accounts only."""
    row, missing = {}, []
    for item, amount, note in zip(*(totals(doc)[c] for c in ("item", "amount", "note"))):
        row[TOTALS[item]] = amount
        if amount is None:
            missing.append(f"{item}: {note}")
    split = personnel_vs_public(doc)
    split = dict(zip(split["item"], split["amount"])) if (split["status"] == OK).all() else {}
    row["personnel"], row["public"] = split.get("人员经费"), split.get("公用经费")
    if not split:
        missing.append("人员经费/公用经费: not printed")
    three = three_public(doc)
    whole = three[three["item"] == "合计"]
    final = doc.meta.get("kind") == "决算"
    row["three_public_budget"] = whole["budget"].iloc[0] if len(whole) else None
    row["three_public"] = (whole["actual"] if final else whole["budget"]).iloc[0] if len(whole) else None
    if row["three_public"] is None:
        missing.append(f"“三公”经费: {three['note'].iloc[0]}")
    running = running_costs(doc)
    running = running[(running["item"] == "机关运行经费") & (running["status"] == OK)]
    row["running_costs"] = running["amount"].iloc[0] if len(running) else None
    if row["running_costs"] is None:
        missing.append("机关运行经费: not printed or stated")
    row["execution_rate"] = _execution_rate(doc) if final else None
    row["note"] = "; ".join(missing)
    return row


def _execution_rate(doc):
    execution = budget_execution(doc)
    overall = execution[(execution["level"] == "合计") & (execution["basis"] == "年初预算") & (execution["status"] == OK)]
    return overall["rate"].iloc[0] if len(overall) else None


def _entry_values(collection, doc_id: str) -> dict:
    entry = collection.entry(doc_id)
    return {c: getattr(entry, c) for c in ENTRY_COLUMNS}


def profiles(collection) -> pd.DataFrame:
    """One row per document of the collection that reads (PROFILE_COLUMNS), by department, year and kind."""
    rows = [{**_entry_values(collection, doc_id), **profile(doc)} for doc_id, doc in collection.documents.items()]
    frame = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    return frame.sort_values(["department_id", "kind", "year"], kind="stable").reset_index(drop=True)


def class_profiles(collection) -> pd.DataFrame:
    """一般公共预算财政拨款支出 by functional 类 (the first three digits of the code) for every
    document: amount and share of the table's 合计, one row per document and 类."""
    rows = []
    for doc_id, doc in collection.documents.items():
        shares = class_shares(doc, "类")
        for r in shares[shares["status"] == OK].itertuples(index=False):
            rows.append({**_entry_values(collection, doc_id), "code": r.code[:3], "item": r.item, "amount": r.amount,
                         "share": r.share})
    return pd.DataFrame(rows, columns=CLASS_COLUMNS)
