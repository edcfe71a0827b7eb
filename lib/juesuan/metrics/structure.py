"""Structure (totals, shares by 类/款, 基本 vs 项目, 人员 vs 公用, income by source) and year on year."""
from __future__ import annotations

import pandas as pd

from .base import (INSUFFICIENT, NOT_APPLICABLE, OK, STATEMENT_COLUMNS, TABLE_STATUS_WORDS, ZERO, Tables, claims_of,
                   insufficient, missing_table, percent_to_ratio, printed_table, ratio, rows_frame, same_sentence,
                   with_statement)


# Direction words of a stated change (narrative rules): which sign the change has.
DOWN_WORDS = ("减少", "下降", "降低", "减")

# --- structure ------------------------------------------------------------------------------------

SHARE_COLUMNS = ["code", "item", "amount", "share", "status", "note"]
BUDGET = "本年预算数"  # the one amount column of a Jiangsu budget's tables
# The column that holds each coded table's row total.
TOTAL_COLUMN = {"general_budget_expenditure": "合计", "expenditure": "本年支出合计", "income": "本年收入合计"}


def class_shares(doc, level: str = "类", table: str = "general_budget_expenditure") -> pd.DataFrame:
    """Spending by 类 (or 款, 项) as shares of the table's 合计 row (a Jiangsu budget prints its one
    column 本年预算数)."""
    tables = Tables(doc)
    if not tables.readable(table):
        return insufficient(SHARE_COLUMNS, missing_table(tables, table))
    printed = set(tables.rows(table)["column"])
    column = TOTAL_COLUMN[table] if TOTAL_COLUMN[table] in printed or BUDGET not in printed else BUDGET
    total = tables.value(table, column, item="合计", code="")
    rows = tables.rows(table)
    rows = rows[(rows["code"].str.len() == {"类": 3, "款": 5, "项": 7}[level]) & (rows["column"] == column)]
    out = [{"code": r.code, "item": r.item, "amount": r.value, "share": ratio(r.value, total),
            "status": OK if total else INSUFFICIENT, "note": "" if total else no_row(tables, table, "合计")}
           for r in rows.sort_values("code").itertuples(index=False)]
    return rows_frame(out, SHARE_COLUMNS)


def _row_shares(tables: Tables, table: str, parts: list[str], total: str, *, item: str = "合计") -> pd.DataFrame:
    """The columns of one row as shares of its total column."""
    if not tables.readable(table):
        return insufficient(SHARE_COLUMNS, missing_table(tables, table))
    whole = tables.value(table, total, item=item, code="")
    if whole is None:
        return insufficient(SHARE_COLUMNS, no_row(tables, table, item))
    printed = set(tables.rows(table)["column"])
    out = [{"code": "", "item": part, "amount": tables.value(table, part, item=item, code=""),
            "share": ratio(tables.value(table, part, item=item, code=""), whole),
            "status": OK if whole else NOT_APPLICABLE, "note": "" if whole else f"{total}为 0 (the total is zero)"}
           for part in parts if part in printed]
    return rows_frame(out, SHARE_COLUMNS)


def basic_vs_project(doc, table: str = "expenditure") -> pd.DataFrame:
    """基本支出 and 项目支出 (and the other kinds printed) as shares of 本年支出合计 (公开03表), or of
    一般公共预算财政拨款 spending with `table="general_budget_expenditure"`. A Jiangsu budget prints
    the kinds as rows of its one column 本年预算数, 单位预留机动经费 (a reserve) among them."""
    parts = ["基本支出", "项目支出", "单位预留机动经费", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    tables = Tables(doc)
    if table == "expenditure" and set(tables.rows(table)["column"]) == {BUDGET}:
        return _item_shares(tables, table, parts)
    return _row_shares(tables, table, parts, TOTAL_COLUMN[table])


def _item_shares(tables: Tables, table: str, parts: list[str]) -> pd.DataFrame:
    """The rows of a one-column table as shares of its 合计 row."""
    whole = tables.value(table, BUDGET, item="合计")
    if whole is None:
        return insufficient(SHARE_COLUMNS, no_row(tables, table, "合计"))
    printed = set(tables.rows(table)["item"])
    out = [{"code": "", "item": part, "amount": tables.value(table, BUDGET, item=part),
            "share": ratio(tables.value(table, BUDGET, item=part), whole),
            "status": OK if whole else NOT_APPLICABLE, "note": "" if whole else "合计为 0 (the total is zero)"}
           for part in parts if part in printed]
    return rows_frame(out, SHARE_COLUMNS)


def no_row(tables: Tables, table: str, item: str) -> str:
    return f"{printed_table(tables.meta, table)}未印{item}行 (row not printed)"


def _not_read(tables: Tables, table: str) -> str:
    status = tables.status.get(table, "missing")
    if status in ("ok", "empty"):
        return no_row(tables, table, "合计")
    return f"{printed_table(tables.meta, table)}{TABLE_STATUS_WORDS.get(status, status)} (table not read)"


def income_by_source(doc) -> pd.DataFrame:
    """本年收入 by source (公开02表's 合计 row) as shares of 本年收入合计."""
    parts = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    return _row_shares(Tables(doc), "income", parts, "本年收入合计")


PERSONNEL_COLUMNS = ["item", "amount", "basic_share", "status", "note"]


# 人员经费 in the economic classification (财政部《政府收支分类科目》): 工资福利支出 and 对个人和家庭的补助;
# the rest of basic spending (商品和服务支出, 资本性支出 …) is 公用经费.
PERSONNEL_CLASSES = ("301", "303")


def personnel_vs_public(doc) -> pd.DataFrame:
    """人员经费 and 公用经费 of 一般公共预算财政拨款基本支出, as shares of their sum.

    National layout: 公开06表's 人员经费合计 / 公用经费合计 rows, column 基本支出; Shanghai: the
    基本支出决算表, where every figure is basic spending (column 合计). A Shanghai budget prints them
    as columns of the 基本支出 table's 合计 row; a Jiangsu budget prints the economic 类 only, so
    人员经费 is 301 + 303 and 公用经费 the rest of the 合计."""
    tables = Tables(doc)
    table, column = (("general_budget_economic", "基本支出") if tables.readable("general_budget_economic")
                     else ("basic_expenditure", "合计"))
    if not tables.readable(table):
        return insufficient(PERSONNEL_COLUMNS, f"{printed_table(tables.meta, 'general_budget_economic')}和"
                            f"{printed_table(tables.meta, 'basic_expenditure')}都未读出 (neither table was read)")
    values = {name: tables.value(table, column, item=f"{name}合计") for name in ("人员经费", "公用经费")}
    if any(v is None for v in values.values()):
        values = _budget_personnel(tables)
    if any(v is None for v in values.values()):
        return insufficient(PERSONNEL_COLUMNS, f"{printed_table(tables.meta, table)}未印人员经费合计、公用经费合计"
                            " (no rows for personnel and public costs)")
    basic = sum(values.values(), ZERO)
    return rows_frame([{"item": name, "amount": value, "basic_share": ratio(value, basic),
                    "status": OK if basic else NOT_APPLICABLE, "note": ""} for name, value in values.items()],
                  PERSONNEL_COLUMNS)


def _budget_personnel(tables: Tables) -> dict:
    """人员经费 and 公用经费 of a budget's 基本支出 table (None where it does not print them)."""
    printed = set(tables.rows("basic_expenditure")["column"])
    if {"人员经费", "公用经费"} <= printed:
        return {name: tables.value("basic_expenditure", name, item="合计") for name in ("人员经费", "公用经费")}
    whole = tables.value("basic_expenditure", BUDGET, item="合计") if BUDGET in printed else None
    if whole is None:
        return {"人员经费": None, "公用经费": None}
    personnel = sum((tables.value("basic_expenditure", BUDGET, code=code) or ZERO for code in PERSONNEL_CLASSES), ZERO)
    return {"人员经费": personnel, "公用经费": whole - personnel}


TOTALS_COLUMNS = ["item", "amount", "source", "status", "note"]
_TOTALS = (
    ("本年收入合计", "income", "本年收入合计", {"item": "合计", "code": ""}),
    ("本年支出合计", "expenditure", "本年支出合计", {"item": "合计", "code": ""}),
    ("财政拨款收入", "income", "财政拨款收入", {"item": "合计", "code": ""}),
    ("一般公共预算财政拨款支出", "general_budget_expenditure", "合计", {"item": "合计", "code": ""}),
    ("基本支出", "expenditure", "基本支出", {"item": "合计", "code": ""}),
    ("项目支出", "expenditure", "项目支出", {"item": "合计", "code": ""}),
)


# A budget's headline amounts: Shanghai prints them as a 决算 does (a 合计 row, one column per
# kind), Jiangsu as rows of one 本年预算数 column (BUDGET); the first printed is taken.
_BUDGET_TOTALS = (
    ("本年收入合计", (("income", "本年收入合计", {"item": "合计", "code": ""}),
                  ("income_expenditure_summary", BUDGET, {"item": "当年收入小计", "side": "收入"}),
                  ("income_expenditure_summary", BUDGET, {"item": "收入合计", "side": "收入"}))),
    ("本年支出合计", (("expenditure", "本年支出合计", {"item": "合计", "code": ""}),
                  ("expenditure", BUDGET, {"item": "合计"}))),
    ("财政拨款收入", (("income", "财政拨款收入", {"item": "合计", "code": ""}),
                  ("fiscal_summary", BUDGET, {"item": "收入合计", "side": "收入"}))),
    ("一般公共预算财政拨款支出", (("general_budget_expenditure", "合计", {"item": "合计", "code": ""}),
                          ("general_budget_expenditure", BUDGET, {"item": "合计", "code": ""}))),
    ("基本支出", (("expenditure", "基本支出", {"item": "合计", "code": ""}), ("expenditure", BUDGET, {"item": "基本支出"}))),
    ("项目支出", (("expenditure", "项目支出", {"item": "合计", "code": ""}), ("expenditure", BUDGET, {"item": "项目支出"}))),
)


def totals(doc) -> pd.DataFrame:
    """The headline amounts: 本年收入合计, 本年支出合计, 财政拨款收入, 一般公共预算财政拨款支出, 基本/项目支出
    (in a budget: the year's budget of each)."""
    tables = Tables(doc)
    wanted = (_BUDGET_TOTALS if doc.meta.get("kind") == "预算"
              else tuple((name, ((table, column, where),)) for name, table, column, where in _TOTALS))
    rows = []
    for name, where in wanted:
        value, source = tables.first_value(*where)
        rows.append({"item": name, "amount": value, "source": source or f"{where[0][0]} {where[0][1]}",
                     "status": OK if value is not None else INSUFFICIENT,
                     "note": "" if value is not None else _not_read(tables, where[0][0])})
    return rows_frame(rows, TOTALS_COLUMNS)


# The document's whole, for the size of a money finding (checks.magnitude): 本年支出合计, else the
# first 支出总计 / 支出合计 printed in 元 or 万元.
WHOLE_ITEMS = ("支出总计", "支出合计")


def document_total(doc):
    """本年支出合计 (`totals`), or the first 支出总计 / 支出合计 the tables print; None without one."""
    amounts = dict(zip(*(totals(doc)[c] for c in ("item", "amount"))))
    if amounts.get("本年支出合计"):
        return amounts["本年支出合计"]
    facts = doc.facts
    for item in WHOLE_ITEMS:
        found = facts[(facts["item"] == item) & facts["unit_source"].isin(["元", "万元"])]
        if len(found):
            return found["value"].iloc[0]
    return None


# --- year on year -----------------------------------------------------------------------------------

YOY_COLUMNS = ["subject", "code", "fund", "current", "current_source", "direction", "stated_change", "prior",
               "prior_source", "change", "rate", "stated_rate", "claim_id", "status", "note", *STATEMENT_COLUMNS]
PRIOR_FROM_AUDIT = "audit prior_year"


def year_on_year(doc) -> pd.DataFrame:
    """This year against last year, for every change the narrative states.

    Both figures come from the audit (`doc.audit.derived`, table ``prior_year``): this year's is the
    table figure the subject names (or the amount the narrative states), last year's follows from
    it and the stated change by its direction word. A change the audit cannot place says why.
    `statement` says whether the stated change and rate hold (the audit's verdicts of their claims,
    `claim_ids`); `status` whether the rate could be computed."""
    claims = claims_of(doc)
    derived = {row["claim_id"]: row for row in doc.audit.derived.to_dict("records")}
    rows, shown = [], []
    for claim in claims[claims["kind"] == "yoy_change"].itertuples(index=False):
        stated_rate = same_sentence(claims, claim, "yoy_rate")
        signed_rate = None
        if stated_rate is not None:
            signed_rate = percent_to_ratio(stated_rate.stated) * (-1 if stated_rate.direction in DOWN_WORDS else 1)
        shown.append([stated_rate.claim_id, claim.claim_id] if stated_rate is not None else [claim.claim_id])
        found = derived.get(claim.claim_id)
        row = {"subject": claim.subject, "code": claim.code, "fund": claim.fund,
               "current": found["this_year"] if found else None,
               "current_source": found["this_year_source"] if found else "", "direction": claim.direction,
               "stated_change": claim.value_yuan, "stated_rate": signed_rate, "claim_id": claim.claim_id,
               "prior": found["value"] if found else None, "prior_source": PRIOR_FROM_AUDIT if found else "",
               "change": None, "rate": None}
        if found is None:
            rows.append({**row, "status": INSUFFICIENT, "note": claim.note or "无本年数 (no figure for this year)"})
            continue
        change = row["current"] - row["prior"]
        rate = ratio(change, row["prior"])
        rows.append({**row, "change": change, "rate": rate, "status": OK if rate is not None else NOT_APPLICABLE,
                     "note": "" if rate is not None else "上年数为 0，无增减率 (last year's figure is zero: no rate)"})
    if not rows:
        return insufficient(YOY_COLUMNS, "说明未述与上年相比的增减 (the narrative states no change from last year)")
    return with_statement(rows_frame(rows, YOY_COLUMNS[:-2]), claims, shown)
