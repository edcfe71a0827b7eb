"""Consistency rules (juesuan.checks): the specs themselves, every rule passing and failing on a small
hand-built facts table, the rounding envelope from both sides, missing and empty tables, and the
bundled sample's outcome for every rule.

Facts here are built by hand (`fact`), in 元 unless a case says otherwise; the 万元 cases multiply
the printed figure by 10000, as juesuan's reader does.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

import juesuan
from juesuan import layouts
from juesuan.checks import FINDING_COLUMNS, RULES, RULES_BY_ID, rule_outcomes, run_rules
from juesuan.checks import tolerance as tol
from juesuan.checks.budget_rules import BUDGET_RULES
from juesuan.checks.engine import EVALUATORS, normalise_item
from juesuan.numbers import to_yuan
from juesuan.checks.rules import KINDS, SEVERITIES, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TB

D = Decimal
CJK = re.compile(r"[\u4e00-\u9fff]")


def fact(table: str, code: str, item: str, column: str, value: str, side: str = "", unit: str = "元") -> dict:
    """One facts row as docs/facts.md describes it (value exact, in 元 for money)."""
    return {"doc_id": "test", "table": table, "side": side, "code": code, "item": item, "column": column,
            "value": D(value), "unit_source": unit, "page": 1}


def frame(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=juesuan.FACT_COLUMNS)
    out["page"] = out["page"].astype("Int64")
    return out


def meta_for(rule_or_tables, **status) -> dict:
    """A national-layout meta in which the rule's tables are printed (status ok) unless overridden."""
    tables = rule_or_tables.tables if hasattr(rule_or_tables, "tables") else rule_or_tables
    info = {key: {"status": "ok"} for key in tables}
    info.update({key: {"status": value} for key, value in status.items()})
    layout = rule_or_tables.layouts[0] if hasattr(rule_or_tables, "layouts") else "national"
    return {"layout": layout, "tables": info}


def outcome(rule_id: str, rows: list[dict], **status) -> str:
    rule = RULES_BY_ID[rule_id]
    table = rule_outcomes(frame(rows), meta_for(rule, **status), rules=(rule,))
    return table.loc[0, "outcome"]


def findings(rule_id: str, rows: list[dict], **status) -> pd.DataFrame:
    rule = RULES_BY_ID[rule_id]
    return run_rules(frame(rows), meta_for(rule, **status), rules=(rule,))


def changed(rows: list[dict], index: int, **changes) -> list[dict]:
    out = [dict(r) for r in rows]
    out[index].update({k: D(v) if k == "value" else v for k, v in changes.items()})
    return out


# --- one passing case per rule --------------------------------------------------------------------
# rule id → (rows that tie exactly, index of the row a failing case changes, its failing value,
#            figures in the check that row enters (its envelope is that many half-units), or None
#            for rules without a rounding envelope).
F = fact
IN, OUT = "收入", "支出"
CASES: dict[str, tuple[list[dict], int, str, int | None]] = {
    "T1.income_total": ([F(T1, "", "本年收入合计", "决算数", "120.00", IN),
                         F(T1, "", "一、一般公共预算财政拨款收入", "决算数", "100.00", IN),
                         F(T1, "", "五、事业收入", "决算数", "20.00", IN)], 0, "120.10", 3),
    "T1.expenditure_total": ([F(T1, "", "本年支出合计", "决算数", "100.00", OUT),
                              F(T1, "", "五、教育支出", "决算数", "70.00", OUT),
                              F(T1, "", "八、社会保障和就业支出", "决算数", "30.00", OUT)], 0, "99.00", 3),
    "T1.income_grand_total": ([F(T1, "", "总计", "决算数", "125.00", IN),
                               F(T1, "", "本年收入合计", "决算数", "120.00", IN),
                               F(T1, "", "年初结转和结余", "决算数", "5.00", IN)], 0, "126.00", 3),
    "T1.expenditure_grand_total": ([F(T1, "", "总计", "决算数", "125.00", OUT),
                                    F(T1, "", "本年支出合计", "决算数", "100.00", OUT),
                                    F(T1, "", "结余分配", "决算数", "10.00", OUT),
                                    F(T1, "", "年末结转和结余", "决算数", "15.00", OUT)], 0, "125.50", 4),
    "T1.balance": ([F(T1, "", "总计", "决算数", "125.00", IN),
                    F(T1, "", "总计", "决算数", "125.00", OUT)], 1, "125.05", 2),
    "T2.row_sum": ([F(T2, "205", "教育支出", "本年收入合计", "30.00"),
                    F(T2, "205", "教育支出", "财政拨款收入", "20.00"),
                    F(T2, "205", "教育支出", "事业收入", "10.00")], 0, "31.00", 3),
    "T2.total": ([F(T2, "", "合计", "本年收入合计", "50.00"),
                  F(T2, "205", "教育支出", "本年收入合计", "30.00"),
                  F(T2, "208", "社会保障和就业支出", "本年收入合计", "20.00")], 0, "51.00", 3),
    "T2.hierarchy": ([F(T2, "205", "教育支出", "财政拨款收入", "30.00"),
                      F(T2, "20503", "职业教育", "财政拨款收入", "30.00"),
                      F(T2, "2050302", "中等职业教育", "财政拨款收入", "10.00"),
                      F(T2, "2050303", "技校教育", "财政拨款收入", "20.00")], 3, "21.00", 3),
    "T3.row_sum": ([F(T3, "205", "教育支出", "本年支出合计", "30.00"),
                    F(T3, "205", "教育支出", "基本支出", "10.00"),
                    F(T3, "205", "教育支出", "项目支出", "20.00")], 2, "20.50", 3),
    "T3.total": ([F(T3, "", "合计", "基本支出", "50.00"),
                  F(T3, "205", "教育支出", "基本支出", "30.00"),
                  F(T3, "208", "社会保障和就业支出", "基本支出", "20.00")], 2, "19.00", 3),
    "T3.hierarchy": ([F(T3, "208", "社会保障和就业支出", "项目支出", "30.00"),
                      F(T3, "20801", "人力资源和社会保障管理事务", "项目支出", "30.00"),
                      F(T3, "2080101", "行政运行", "项目支出", "30.00")], 0, "31.00", 2),
    "T4.row_sum": ([F(T4, "", "五、教育支出", "合计", "30.00", OUT),
                    F(T4, "", "五、教育支出", "一般公共预算财政拨款", "20.00", OUT),
                    F(T4, "", "五、教育支出", "政府性基金预算财政拨款", "10.00", OUT)], 0, "30.10", 3),
    "T4.income_total": ([F(T4, "", "本年收入合计", "决算数", "30.00", IN),
                         F(T4, "", "一、一般公共预算财政拨款", "决算数", "20.00", IN),
                         F(T4, "", "二、政府性基金预算财政拨款", "决算数", "10.00", IN)], 0, "32.00", 3),
    "T4.expenditure_total": ([F(T4, "", "本年支出合计", "合计", "30.00", OUT),
                              F(T4, "", "五、教育支出", "合计", "25.00", OUT),
                              F(T4, "", "八、社会保障和就业支出", "合计", "5.00", OUT)], 0, "29.00", 3),
    "T4.carryover_begin": ([F(T4, "", "年初财政拨款结转和结余", "决算数", "8.00", IN),
                            F(T4, "", "年初财政拨款结转和结余/一般公共预算财政拨款", "决算数", "5.00", IN),
                            F(T4, "", "年初财政拨款结转和结余/二、政府性基金预算财政拨款", "决算数", "3.00", IN),
                            # the income row of the same fund (with its ordinal) is no carry-over:
                            F(T4, "", "一、一般公共预算财政拨款", "决算数", "20.00", IN)], 0, "9.00", 3),
    "T4.income_grand_total": ([F(T4, "", "收入总计", "决算数", "38.00", IN),
                               F(T4, "", "本年收入合计", "决算数", "30.00", IN),
                               F(T4, "", "年初财政拨款结转和结余", "决算数", "8.00", IN)], 0, "38.50", 3),
    "T4.expenditure_grand_total": ([F(T4, "", "总计", "合计", "38.00", OUT),
                                    F(T4, "", "本年支出合计", "合计", "30.00", OUT),
                                    F(T4, "", "年末财政拨款结转和结余", "合计", "8.00", OUT)], 0, "37.00", 3),
    "T4.balance": ([F(T4, "", "收入总计", "决算数", "38.00", IN),
                    F(T4, "", "总计", "合计", "38.00", OUT)], 1, "39.00", 2),
    **{f"T4.fund_balance.{short}": ([F(T4, "", "年末财政拨款结转和结余", fund, "7.00", OUT),
                                     F(T4, "", f"年初财政拨款结转和结余/{fund}", "决算数", "5.00", IN),  # opening
                                     F(T4, "", f"{n}、{fund}", "决算数", "20.00", IN),  # income
                                     F(T4, "", "本年支出合计", fund, "18.00", OUT)], 0, "8.00", 4)
       for short, n, fund in (("general", "一", "一般公共预算财政拨款"),
                              ("government_fund", "二", "政府性基金预算财政拨款"),
                              ("state_capital", "三", "国有资本经营预算财政拨款"))},
    "T5.row_sum": ([F(T5, "205", "教育支出", "合计", "30.00"),
                    F(T5, "205", "教育支出", "基本支出", "10.00"),
                    F(T5, "205", "教育支出", "项目支出", "20.00")], 1, "11.00", 3),
    "T5.total": ([F(T5, "", "合计", "合计", "50.00"),
                  F(T5, "205", "教育支出", "合计", "30.00"),
                  F(T5, "221", "住房保障支出", "合计", "20.00")], 0, "50.50", 3),
    "T5.hierarchy": ([F(T5, "221", "住房保障支出", "基本支出", "20.00"),
                      F(T5, "22102", "住房改革支出", "基本支出", "20.00"),
                      F(T5, "2210201", "住房公积金", "基本支出", "12.00"),
                      F(T5, "2210203", "购房补贴", "基本支出", "8.00")], 0, "21.00", 2),
    "T6.personnel": ([F(T6, "", "人员经费合计", "合计", "100.00"),
                      F(T6, "301", "工资福利支出", "合计", "60.00"),
                      F(T6, "303", "对个人和家庭的补助", "合计", "40.00"),
                      # 302 is 公用经费, not 人员经费:
                      F(T6, "302", "商品和服务支出", "合计", "7.00")], 0, "101.00", 3),
    "T6.public": ([F(T6, "", "公用经费合计", "基本支出", "50.00"),
                   F(T6, "302", "商品和服务支出", "基本支出", "30.00"),
                   F(T6, "310", "资本性支出", "基本支出", "15.00"),
                   F(T6, "399", "其他支出", "基本支出", "5.00")], 3, "6.00", 4),
    "T6.hierarchy": ([F(T6, "301", "工资福利支出", "合计", "60.00"),
                      F(T6, "30101", "基本工资", "合计", "40.00"),
                      F(T6, "30102", "津贴补贴", "合计", "20.00")], 2, "20.10", 3),
    "T7.total": ([F(T7, "", "合计", "预算数", "100.00"),
                  F(T7, "", "因公出国(境)费", "预算数", "10.00"),
                  F(T7, "", "公务用车购置及运行维护费", "预算数", "70.00"),
                  F(T7, "", "公务接待费", "预算数", "20.00")], 1, "11.00", 4),
    "T7.vehicles": ([F(T7, "", "公务用车购置及运行维护费", "决算数", "80.00"),
                     F(T7, "", "公务用车购置费", "决算数", "50.00"),
                     F(T7, "", "公务用车运行维护费", "决算数", "30.00")], 0, "80.10", 3),
    "T7.nonnegative": ([F(T7, "", "合计", "决算数", "10.00"),
                        F(T7, "", "公务接待费", "决算数", "0.00")], 1, "-0.01", None),
    "T8.balance": ([F(T8, "2296002", "用于社会福利的彩票公益金支出", "年末结转和结余", "3.00"),
                    F(T8, "2296002", "用于社会福利的彩票公益金支出", "年初结转和结余", "5.00"),
                    F(T8, "2296002", "用于社会福利的彩票公益金支出", "本年收入", "10.00"),
                    F(T8, "2296002", "用于社会福利的彩票公益金支出", "合计", "12.00")], 0, "4.00", 4),
    "T8.row_sum": ([F(T8, "229", "其他支出", "合计", "12.00"),
                    F(T8, "229", "其他支出", "基本支出", "2.00"),
                    F(T8, "229", "其他支出", "项目支出", "10.00")], 0, "12.50", 3),
    "T8.total": ([F(T8, "", "合计", "本年收入", "10.00"),
                  F(T8, "229", "其他支出", "本年收入", "10.00")], 0, "10.20", 2),
    "T8.hierarchy": ([F(T8, "229", "其他支出", "合计", "12.00"),
                      F(T8, "22960", "彩票公益金安排的支出", "合计", "12.00"),
                      F(T8, "2296002", "用于社会福利的彩票公益金支出", "合计", "12.00")], 2, "11.00", 2),
    "T9.row_sum": ([F(T9, "223", "国有资本经营预算支出", "合计", "12.00"),
                    F(T9, "223", "国有资本经营预算支出", "项目支出", "12.00")], 0, "13.00", 2),
    "T9.total": ([F(T9, "", "合计", "合计", "12.00"),
                  F(T9, "223", "国有资本经营预算支出", "合计", "12.00")], 0, "12.10", 2),
    "T9.hierarchy": ([F(T9, "223", "国有资本经营预算支出", "项目支出", "12.00"),
                      F(T9, "22301", "解决历史遗留问题及改革成本支出", "项目支出", "12.00")], 0, "12.30", 2),
    "T10.procurement": ([F(T10, "", "合计", "采购金额", "100.00"),
                         F(T10, "", "货物", "采购金额", "50.00"),
                         F(T10, "", "工程", "采购金额", "30.00"),
                         F(T10, "", "服务", "采购金额", "20.00")], 0, "100.05", 4),
    "T10.vehicles": ([F(T10, "", "(一)车辆数合计(辆)", "统计数", "5", unit="辆"),
                      F(T10, "", "5.执法执勤用车", "统计数", "1", unit="辆"),
                      F(T10, "", "8.其他用车", "统计数", "4", unit="辆"),
                      # a count of equipment is no vehicle:
                      F(T10, "", "(二)单价100万元(含)以上设备(不含车辆)", "统计数", "78", unit="台(套)")],
                     0, "6", None),
    "X.T1_T2.income_total": ([F(T1, "", "本年收入合计", "决算数", "120.00", IN),
                              F(T2, "", "合计", "本年收入合计", "120.00")], 1, "121.00", 2),
    "X.T1_T3.expenditure_total": ([F(T1, "", "本年支出合计", "决算数", "100.00", OUT),
                                   F(T3, "", "合计", "本年支出合计", "100.00")], 0, "100.02", 2),
    "X.T1_T2.income_rows": ([F(T1, "", "一、一般公共预算财政拨款收入", "决算数", "100.00", IN),
                             F(T1, "", "二、政府性基金预算财政拨款收入", "决算数", "10.00", IN),
                             F(T1, "", "五、事业收入", "决算数", "20.00", IN),
                             F(T2, "", "合计", "财政拨款收入", "110.00"),
                             F(T2, "", "合计", "事业收入", "20.00")], 4, "21.00", 2),
    "X.T1_T3.class_rows": ([F(T1, "", "五、教育支出", "决算数", "70.00", OUT),
                            F(T1, "", "十九、住房保障支出", "决算数", "30.00", OUT),
                            F(T3, "205", "教育支出", "本年支出合计", "70.00"),
                            F(T3, "221", "住房保障支出", "本年支出合计", "30.00")], 2, "71.00", 2),
    "X.T4_T2.fiscal_income": ([F(T4, "", "本年收入合计", "决算数", "110.00", IN),
                               F(T2, "", "合计", "财政拨款收入", "110.00")], 0, "111.00", 2),
    "X.T4_T1.fiscal_income": ([F(T4, "", "本年收入合计", "决算数", "110.00", IN),
                               F(T1, "", "一、一般公共预算财政拨款收入", "决算数", "100.00", IN),
                               F(T1, "", "二、政府性基金预算财政拨款收入", "决算数", "10.00", IN),
                               F(T1, "", "五、事业收入", "决算数", "20.00", IN)], 2, "11.00", 3),
    "X.T4_T5.total": ([F(T4, "", "本年支出合计", "一般公共预算财政拨款", "30.00", OUT),
                       F(T5, "", "合计", "合计", "30.00")], 1, "30.50", 2),
    "X.T4_T5.class_rows": ([F(T4, "", "五、教育支出", "一般公共预算财政拨款", "30.00", OUT),
                            F(T5, "205", "教育支出", "合计", "30.00")], 1, "29.00", 2),
    "X.T4_T8.total": ([F(T4, "", "本年支出合计", "政府性基金预算财政拨款", "12.00", OUT),
                       F(T8, "", "合计", "合计", "12.00")], 1, "12.50", 2),
    "X.T4_T8.class_rows": ([F(T4, "", "二十三、其他支出", "政府性基金预算财政拨款", "12.00", OUT),
                            F(T8, "229", "其他支出", "合计", "12.00")], 1, "13.00", 2),
    "X.T4_T8.income": ([F(T4, "", "二、政府性基金预算财政拨款", "决算数", "10.00", IN),
                        F(T8, "", "合计", "本年收入", "10.00")], 0, "11.00", 2),
    "X.T4_T9.total": ([F(T4, "", "本年支出合计", "国有资本经营预算财政拨款", "12.00", OUT),
                       F(T9, "", "合计", "合计", "12.00")], 0, "11.00", 2),
    "X.T4_T9.class_rows": ([F(T4, "", "二十一、国有资本经营预算支出", "国有资本经营预算财政拨款", "12.00", OUT),
                            F(T9, "223", "国有资本经营预算支出", "合计", "12.00")], 1, "12.10", 2),
    "X.T5_T6.total": ([F(T5, "", "合计", "合计", "150.00"),
                       F(T6, "", "人员经费合计", "合计", "100.00"),
                       F(T6, "", "公用经费合计", "合计", "50.00")], 0, "151.00", 3),
    "X.T5_T6.basic": ([F(T5, "", "合计", "基本支出", "90.00"),
                       F(T6, "", "人员经费合计", "基本支出", "60.00"),
                       F(T6, "", "公用经费合计", "基本支出", "30.00")], 2, "31.00", 3),
    # ≤ rules tie exactly (part = whole), so raising the part by its envelope is the boundary.
    "X.T5_T3.total_le": ([F(T3, "205", "教育支出", "本年支出合计", "40.00"),
                          F(T5, "205", "教育支出", "合计", "40.00"),
                          F(T3, "208", "社会保障和就业支出", "本年支出合计", "40.00"),
                          F(T5, "208", "社会保障和就业支出", "合计", "25.00")], 1, "41.00", 2),
    "X.T5_T3.basic_le": ([F(T3, "205", "教育支出", "基本支出", "10.00"),
                          F(T5, "205", "教育支出", "基本支出", "10.00")], 1, "10.50", 2),
    "X.T5_T3.project_le": ([F(T3, "", "合计", "项目支出", "20.00"),
                            F(T5, "", "合计", "项目支出", "20.00")], 1, "20.10", 2),
    "X.T6_T7.abroad_le": ([F(T7, "", "因公出国(境)费", "决算数", "8.00"),
                           F(T6, "30212", "因公出国（境）费用", "合计", "8.00")], 1, "9.00", 2),
    "X.T6_T7.reception_le": ([F(T7, "", "公务接待费", "决算数", "3.00"),
                              F(T6, "30217", "公务接待费", "合计", "3.00")], 1, "3.50", 2),
    "X.T6_T7.vehicle_running_le": ([F(T7, "", "公务用车运行维护费", "决算数", "102573.57"),
                                    F(T6, "30231", "公务用车运行维护费", "合计", "102573.57")], 1, "102573.59", 2),
    "X.T6_T7.vehicle_purchase_le": ([F(T7, "", "公务用车购置费", "决算数", "5.00"),
                                     F(T6, "30913", "公务用车购置", "合计", "2.00"),
                                     F(T6, "31013", "公务用车购置", "合计", "3.00")], 2, "4.00", 3),
    "X.T10_T6.running_costs_le": ([F(T6, "", "公用经费合计", "基本支出", "40.00"),
                                   F(T10, "", "(一)行政单位", "统计数", "30.00"),
                                   F(T10, "", "(二)参照公务员法管理事业单位", "统计数", "10.00")], 1, "31.00", 3),
    "X.names.same_name": ([F(T3, "205", "教育支出", "本年支出合计", "1.00"),
                           F(T5, "205", "教育支出", "合计", "1.00"),
                           F(T2, "205", "教育 支出", "本年收入合计", "1.00")], 2, None, None),
    "X.names.reference_name": ([F(T2, "2210201", "住房公积金", "本年收入合计", "1.00"),
                                F(T6, "30217", "公务接待费", "合计", "1.00")], 0, None, None),
    # Shanghai 基本支出决算表 (TB): one 决算数 column, all basic spending
    "TB.reference_name": ([F(TB, "30217", "公务接待费", "合计", "1.00"),
                           F(T2, "2210201", "住房公积金", "本年收入合计", "1.00")], 0, None, None),
    "TB.personnel": ([F(TB, "", "人员经费合计", "合计", "100.00"),
                      F(TB, "301", "工资福利支出", "合计", "60.00"),
                      F(TB, "303", "对个人和家庭的补助", "合计", "40.00"),
                      F(TB, "302", "商品和服务支出", "合计", "7.00")], 0, "101.00", 3),
    "TB.public": ([F(TB, "", "公用经费合计", "合计", "50.00"),
                   F(TB, "302", "商品和服务支出", "合计", "30.00"),
                   F(TB, "310", "资本性支出", "合计", "20.00")], 0, "49.00", 3),
    "TB.hierarchy": ([F(TB, "301", "工资福利支出", "合计", "60.00"),
                      F(TB, "30101", "基本工资", "合计", "45.00"),
                      F(TB, "30102", "津贴补贴", "合计", "15.00")], 0, "61.00", 3),
    "X.T5_TB.basic": ([F(T5, "", "合计", "基本支出", "150.00"),
                       F(TB, "", "人员经费合计", "合计", "100.00"),
                       F(TB, "", "公用经费合计", "合计", "50.00")], 0, "151.00", 3),
    "X.TB_T7.abroad_le": ([F(T7, "", "因公出国(境)费", "决算数", "8.00"),
                           F(TB, "30212", "因公出国（境）费用", "合计", "8.00")], 1, "9.00", 2),
    "X.TB_T7.reception_le": ([F(T7, "", "公务接待费", "决算数", "3.00"),
                              F(TB, "30217", "公务接待费", "合计", "3.00")], 1, "3.50", 2),
    "X.TB_T7.vehicle_running_le": ([F(T7, "", "公务用车运行维护费", "决算数", "5.00"),
                                    F(TB, "30231", "公务用车运行维护费", "合计", "5.00")], 1, "6.00", 2),
    "X.TB_T7.vehicle_purchase_le": ([F(T7, "", "公务用车购置费", "决算数", "30.00"),
                                     F(TB, "31013", "公务用车购置", "合计", "30.00")], 1, "31.00", 2),
}
# The two name rules fail on a changed name, not a changed value.
NAME_CHANGES = {"X.names.same_name": "教育事业支出", "X.names.reference_name": "住房公积",
                "TB.reference_name": "公务招待费"}


def failing_rows(rule_id: str) -> list[dict]:
    rows, index, value, _ = CASES[rule_id]
    if rule_id in NAME_CHANGES:
        return changed(rows, index, item=NAME_CHANGES[rule_id])
    return changed(rows, index, value=value)


# --- the specs themselves ---------------------------------------------------------------------------

NATIONAL = layouts.get("national")


def test_rule_ids_are_unique_and_well_formed():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"(T\d+|TB|X)(\.[A-Za-z0-9_]+)+", i) for i in ids), ids


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_bilingual_with_valid_severity_and_kind(rule):
    assert CJK.search(rule.zh), f"{rule.id}: Chinese description"
    assert re.search(r"[A-Za-z]{3,}", rule.en) and rule.en.split()[0].isascii(), f"{rule.id}: English description"
    assert rule.severity in SEVERITIES and rule.kind in KINDS


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_inputs_name_known_tables_and_columns(rule):
    for cells in rule.inputs:
        spec = layouts.get(rule.layouts[-1]).table(cells.table) if cells.table == TB else NATIONAL.table(cells.table)
        columns = cells.column if cells.column is not None else rule.columns
        for column in (columns,) if isinstance(columns, str) else columns:
            assert column in spec.columns, f"{rule.id}: {cells.table} has no column {column!r}"
        if cells.column is None and rule.kind not in ("hierarchy", "same_name", "reference_name"):
            assert rule.columns, f"{rule.id}: a selector without column needs the rule's columns"


def test_every_kind_is_used_and_evaluated_and_every_rule_has_a_case():
    assert {rule.kind for rule in RULES} == set(KINDS) == set(EVALUATORS)
    assert set(CASES) == set(RULES_BY_ID), "rules without a test case, or cases of no rule"


# --- every rule passes and fails ----------------------------------------------------------------------

@pytest.mark.parametrize("rule_id", list(CASES))
def test_rule_passes_on_its_case(rule_id):
    rows = CASES[rule_id][0]
    assert outcome(rule_id, rows) == "pass"
    assert findings(rule_id, rows).empty


@pytest.mark.parametrize("rule_id", list(CASES))
def test_rule_fails_on_one_changed_figure(rule_id):
    rows = failing_rows(rule_id)
    assert outcome(rule_id, rows) == "fail"
    found = findings(rule_id, rows)
    assert list(found.columns) == FINDING_COLUMNS
    assert list(found["status"]) == ["fail"] and list(found["rule_id"]) == [rule_id]
    row = found.iloc[0]
    assert row["severity"] == RULES_BY_ID[rule_id].severity
    assert CJK.search(row["message_zh"]) and row["message_en"].startswith(RULES_BY_ID[rule_id].en)
    changed_row = rows[CASES[rule_id][1]]
    assert {"table": changed_row["table"], "code": changed_row["code"], "item": changed_row["item"],
            "column": changed_row["column"], "page": 1} in row["locations"]


ENVELOPED = [rule_id for rule_id, case in CASES.items() if case[3] is not None]


@pytest.mark.parametrize("rule_id", ENVELOPED)
def test_envelope_in_yuan_from_both_sides(rule_id):
    """Shift the case's changed figure by exactly k half-units (k = figures in its check, each printed
    in 元 to 2 decimals: 0.005): still a pass; by 0.001 more: a fail. ≤ rules only from above."""
    rows, index, _, k = CASES[rule_id]
    base = rows[index]["value"]
    edge = k * tol.half_unit(tol.YUAN_DECIMALS)
    directions = (1,) if RULES_BY_ID[rule_id].kind == "le" else (1, -1)
    for sign in directions:
        assert outcome(rule_id, changed(rows, index, value=base + sign * edge)) == "pass", sign
        assert outcome(rule_id, changed(rows, index, value=base + sign * (edge + D("0.001")))) == "fail", sign


def _wan(printed: str) -> str:
    """A figure printed in 万元, in 元 as the reader stores it."""
    return str(to_yuan(D(printed), "万元"))


WAN_PARTS = ("2940.05", "1234.56", "100.01")  # printed in 万元, 2 decimals each → half-unit 50 元
WAN_TOTAL = D("4274.62")  # = 2940.05 + 1234.56 + 100.01


def _wan_income(total_yuan: Decimal) -> list[dict]:
    items = ("一、一般公共预算财政拨款收入", "五、事业收入", "八、其他收入")
    return [F(T1, "", "本年收入合计", "决算数", str(total_yuan), IN, unit="万元"),
            *(F(T1, "", item, "决算数", _wan(v), IN, unit="万元") for item, v in zip(items, WAN_PARTS))]


def test_envelope_in_wan_three_parts_from_both_sides():
    # (n+1) × half-unit = (3+1) × 50 元 = 200 元 = 0.02 万元 (DESIGN.md tolerance policy).
    exact = to_yuan(WAN_TOTAL, "万元")
    assert outcome("T1.income_total", _wan_income(exact)) == "pass"
    assert outcome("T1.income_total", _wan_income(exact + 200)) == "pass"  # 4274.64 万元
    assert outcome("T1.income_total", _wan_income(exact - 200)) == "pass"  # 4274.60 万元
    assert outcome("T1.income_total", _wan_income(exact + 201)) == "fail"
    assert outcome("T1.income_total", _wan_income(exact - 201)) == "fail"
    row = findings("T1.income_total", _wan_income(exact + 201)).iloc[0]
    # the total 42746401 元 shows 4 decimals in 万元 (4274.6401): half-unit 0.5 元, parts 3 × 50 元.
    assert (row["expected"], row["found"], row["difference"], row["tolerance"]) == \
        ("42746200", "42746401", "201", "150.5")


def test_envelope_in_wan_two_figures_across_tables():
    # T1 本年收入合计 = T2 合计: 2 figures → 100 元 = 0.01 万元.
    def rows(t2_printed: str):
        return [F(T1, "", "本年收入合计", "决算数", _wan("4274.62"), IN, unit="万元"),
                F(T2, "", "合计", "本年收入合计", _wan(t2_printed), unit="万元")]
    assert outcome("X.T1_T2.income_total", rows("4274.63")) == "pass"
    assert outcome("X.T1_T2.income_total", rows("4274.61")) == "pass"
    assert outcome("X.T1_T2.income_total", rows("4274.64")) == "fail"


def test_a_known_anomaly_gets_no_wider_tolerance():
    """Severity and tolerance are data on the rule; nothing widens them per document."""
    assert all(rule.tolerance in ("rounding", "none") for rule in RULES)
    assert {rule.tolerance for rule in RULES if rule.kind in ("same_name", "reference_name", "nonnegative")} == {"none"}


# --- missing, empty and blank -------------------------------------------------------------------------

@pytest.mark.parametrize("rule_id", [r.id for r in RULES if r.kind not in ("same_name", "reference_name")])
def test_a_missing_table_is_insufficient_data_never_a_pass(rule_id):
    rule = RULES_BY_ID[rule_id]
    rows = CASES[rule_id][0]
    for table in rule.tables:
        kept = [r for r in rows if r["table"] != table]
        assert outcome(rule_id, kept, **{table: "missing"}) == "insufficient_data", table
        found = findings(rule_id, kept, **{table: "unreadable"})
        assert list(found["status"]) == ["insufficient_data"]
        assert table in found.iloc[0]["message_en"] and "缺少表" in found.iloc[0]["message_zh"]


def test_without_meta_a_table_absent_from_the_facts_is_missing():
    rows = [r for r in CASES["X.T1_T2.income_total"][0] if r["table"] == T1]
    out = rule_outcomes(frame(rows), None, rules=(RULES_BY_ID["X.T1_T2.income_total"],))
    assert out.loc[0, "outcome"] == "insufficient_data"


def test_an_absent_total_row_is_insufficient_data():
    rows = CASES["T1.income_total"][0][1:]  # the parts, without 本年收入合计
    assert outcome("T1.income_total", rows) == "insufficient_data"
    found = findings("T1.income_total", rows)
    assert list(found["status"]) == ["insufficient_data"] and found.iloc[0]["expected"] == "120.00"


def test_a_blank_total_whose_parts_net_to_zero_agrees():
    # 公开04表 prints 年末财政拨款结转和结余 blank when income = expenditure (the sample does).
    rows = [F(T4, "", "一、一般公共预算财政拨款", "决算数", "20.00", IN),
            F(T4, "", "本年支出合计", "一般公共预算财政拨款", "20.00", OUT)]
    assert outcome("T4.fund_balance.general", rows) == "pass"
    assert outcome("T4.fund_balance.general", changed(rows, 1, value="19.00")) == "insufficient_data"


def test_nothing_printed_is_not_applicable():
    assert outcome("T4.carryover_begin", []) == "not_applicable"
    assert outcome("T2.hierarchy", []) == "not_applicable"


def test_a_blank_cell_in_a_printed_row_is_zero():
    # 本年支出合计 is printed (合计 column), its 政府性基金 cell is blank: 0, against a printed 类 row.
    rows = [F(T4, "", "本年支出合计", "合计", "12.00", OUT),
            F(T4, "", "二十三、其他支出", "政府性基金预算财政拨款", "12.00", OUT),
            F(T4, "", "二十三、其他支出", "合计", "12.00", OUT)]
    found = findings("T4.expenditure_total", rows)
    assert list(found["status"]) == ["fail"]
    assert (found.iloc[0]["expected"], found.iloc[0]["found"]) == ("12.00", "0")


def test_an_empty_table_counts_as_zeros():
    # 公开08表 printed with 本表无数据: its 合计 is 0.
    t4 = [F(T4, "", "本年支出合计", "合计", "30.00", OUT),
          F(T4, "", "本年支出合计", "一般公共预算财政拨款", "30.00", OUT)]
    assert outcome("X.T4_T8.total", t4, **{T8: "empty"}) == "pass"
    spent = t4 + [F(T4, "", "本年支出合计", "政府性基金预算财政拨款", "5.00", OUT)]
    found = findings("X.T4_T8.total", spent, **{T8: "empty"})
    assert (found.iloc[0]["status"], found.iloc[0]["expected"], found.iloc[0]["found"]) == ("fail", "0", "5.00")
    assert outcome("T8.total", [], **{T8: "empty"}) == "pass"
    assert outcome("T8.row_sum", [], **{T8: "empty"}) == "not_applicable"


def test_a_class_name_that_maps_to_no_code_is_insufficient_data():
    rows = [F(T1, "", "五、教育支出", "决算数", "70.00", OUT), F(T1, "", "二十七、某某支出", "决算数", "1.00", OUT),
            F(T3, "205", "教育支出", "本年支出合计", "70.00")]
    found = findings("X.T1_T3.class_rows", rows)
    assert list(found["status"]) == ["insufficient_data"] and "某某支出" in found.iloc[0]["message_zh"]


def test_a_rule_of_another_layout_is_not_applicable():
    rule = RULES_BY_ID["T6.personnel"]  # the Shanghai layout prints no 明细表
    meta = {**meta_for(rule), "layout": "shanghai"}
    assert rule_outcomes(frame(CASES["T6.personnel"][0]), meta, rules=(rule,)).loc[0, "outcome"] == "not_applicable"


def test_item_labels_normalise_printed_ordinals():
    assert normalise_item("五、教育支出") == ("教育支出", True)
    assert normalise_item("二十三、其他支出") == ("其他支出", True)
    assert normalise_item("(一)车辆数合计(辆)") == ("车辆数合计（辆）", True)
    assert normalise_item("5.执法执勤用车") == ("执法执勤用车", True)
    assert normalise_item("一般公共预算财政拨款") == ("一般公共预算财政拨款", False)


# --- tolerance policy (checks/tolerance.py) -----------------------------------------------------------

def test_printed_decimals_from_unit_and_value():
    assert tol.printed_decimals(D("58810"), "元") == 2  # the national template prints 元 to 2 decimals
    assert tol.printed_decimals(D("29400500"), "万元") == 2  # 2940.05 万元
    assert tol.printed_decimals(D("1587740"), "万元") == 3  # 158.774 万元
    assert tol.printed_decimals(D("29400000"), "万元") == 0  # 2940 (or 2940.00: zeros are lost)
    assert tol.printed_decimals(D("98.30"), "%") == 2
    assert tol.printed_decimals(D("5"), "辆") is None


def test_half_units():
    assert tol.half_unit(2) == D("0.005")
    assert tol.figure_half_unit(D("29400500"), "万元") == 50  # 0.005 万元
    assert tol.figure_half_unit(D("84386179.09"), "元") == D("0.005")
    assert tol.figure_half_unit(D("5"), "辆") == 0  # counts are exact
    assert tol.sum_tolerance(3, D(50)) == 200  # (n+1) × half-unit
    assert tol.envelope([D(50)] * 4) == tol.sum_tolerance(3, D(50))
    with pytest.raises(ValueError):
        tol.sum_tolerance(-1, D(1))


def test_within_from_both_sides():
    assert tol.within(D("100.02"), D("100"), D("0.02"))
    assert tol.within(D("99.98"), D("100"), D("0.02"))
    assert not tol.within(D("100.021"), D("100"), D("0.02"))
    assert not tol.within(D("99.979"), D("100"), D("0.02"))


def test_percent_tolerance_propagates_the_inputs_half_units():
    # 1.23 万元 of 4.56 万元 = 26.973…%; each input carries 50 元 (0.005 万元).
    n, d, h = D("12300"), D("45600"), D(50)
    expected = D("0.005") + 100 * (h / d + n * h / (d * d))
    assert abs(tol.percent_tolerance(n, d, h, h) - expected) < D("1e-25")  # test side: 28 digits
    computed = tol.percent(n, d)
    allowed = tol.percent_tolerance(n, d, h, h)
    assert D("0.14") < allowed < D("0.15")
    assert tol.within(D("27.11"), computed, allowed)  # 26.9737 + 0.1363
    assert not tol.within(D("27.12"), computed, allowed)
    assert tol.within(D("26.84"), computed, allowed)
    assert not tol.within(D("26.82"), computed, allowed)
    # The sample: 财政拨款收入 84,386,179.09 of 85,813,977.30 元 stated as 98.34%.
    big = tol.percent_tolerance(D("84386179.09"), D("85813977.30"), D("0.005"), D("0.005"))
    assert D("0.005") < big < D("0.0050001")
    assert tol.within(D("98.34"), tol.percent(D("84386179.09"), D("85813977.30")), big)
    assert not tol.within(D("98.35"), tol.percent(D("84386179.09"), D("85813977.30")), big)
    with pytest.raises(ZeroDivisionError):
        tol.percent_tolerance(D(1), D(0), h, h)


# --- the bundled sample -------------------------------------------------------------------------------
# Read off data/raw/xinzhou-hrss-2022.txt (公开01–10表 in 元, so each figure carries 0.005 元).

# Every relation ties to the fen except the names: 公开02表 prints four codes under other names than
# 公开03/05表 (the names the 2022 科目 uses; the 02表 ones are older names, aliases in classification).
SAMPLE_FINDINGS = [
    ("X.names.same_name", "人力资源和社会保障管理事务", "人力资源和社会管理事务", "20801"),
    ("X.names.same_name", "其他人力资源和社会保障管理事务支出", "其他人力资源和社会管理事务支出", "2080199"),
    ("X.names.same_name", "巩固脱贫衔接乡村振兴", "巩固脱贫攻坚衔接乡村振兴", "21305"),
    ("X.names.same_name", "其他巩固脱贫衔接乡村振兴支出", "其他巩固脱贫攻坚衔接乡村振兴支出", "2130599"),
]

SAMPLE_OUTCOMES = {
    # 01表: 本年收入合计 85813977.30 = 84386179.09 + 1272731.00 + 155067.21
    "T1.income_total": "pass",
    # 本年支出合计 84968418.97 = 26132420.39 + 55309716.99 + 1152660.87 + 58810.00 + 2179836.72 + 134974.00
    "T1.expenditure_total": "pass",
    # 收入 总计 85813977.30 = 85813977.30 + (使用非财政拨款结余, 年初结转和结余 blank)
    "T1.income_grand_total": "pass",
    # 支出 总计 85813977.30 = 84968418.97 + 694374.90 + 151183.43
    "T1.expenditure_grand_total": "pass",
    "T1.balance": "pass",  # 85813977.30 = 85813977.30
    # 02表: e.g. 2080105 102530.01 = 99969.80 + 2560.21; 合计 85813977.30 = 84386179.09 + 1272731.00 + 155067.21
    "T2.row_sum": "pass",
    # 合计 85813977.30 = 26825349.58 + 55462346.13 + 1152660.87 + 58810.00 + 2179836.72 + 134974.00
    "T2.total": "pass",
    # e.g. 20801 29395355.06 = 18535063.12 + 102530.01 + 1468152.54 + 866070.00 + 1495800.00 + 6927739.39
    "T2.hierarchy": "pass",
    "T3.row_sum": "pass",  # 合计 84968418.97 = 39850490.53 + 45117928.44; 2080105 101084.30 = 1114.50 + 99969.80
    "T3.total": "pass",  # 基本支出 39850490.53 = 12980955.41 + 23537037.53 + 1152660.87 + 2179836.72
    "T3.hierarchy": "pass",  # 208 基本 23537037.53 = 20191535.38 + 2617002.15 + 728500.00
    # 04表: every 类 row prints 合计 = 一般公共预算财政拨款 (e.g. 教育 25552618.58), funds 08/09 blank
    "T4.row_sum": "pass",
    "T4.income_total": "pass",  # 84386179.09 = 84386179.09
    "T4.expenditure_total": "pass",  # 84386179.09 = 25552618.58 + 55307278.92 + 1152660.87 + 58810.00 + 2179836.72 + 134974.00
    "T4.carryover_begin": "not_applicable",  # 年初财政拨款结转和结余 and its three rows all blank
    "T4.income_grand_total": "pass",  # 收入总计 84386179.09 = 84386179.09 + blank
    "T4.expenditure_grand_total": "pass",  # 总计 84386179.09 = 84386179.09 + blank, in 合计 and 一般公共预算
    "T4.balance": "pass",  # 84386179.09 = 84386179.09
    # 年末 (blank) = 年初 (blank) + 84386179.09 − 84386179.09 = 0: the blank agrees
    "T4.fund_balance.general": "pass",
    "T4.fund_balance.government_fund": "not_applicable",  # nothing printed for the fund
    "T4.fund_balance.state_capital": "not_applicable",
    # 05表: 合计 84386179.09 = 39269574.22 + 45116604.87
    "T5.row_sum": "pass",
    "T5.total": "pass",  # 84386179.09 = 25552618.58 + 55307278.92 + 1152660.87 + 58810.00 + 2179836.72 + 134974.00
    "T5.hierarchy": "pass",  # e.g. 20801 29240287.85 = 18535063.12 + 99969.80 + 1468152.54 + 866070 + 1495800 + 6775232.39
    # 06表: 人员经费合计 61413144.36 = 32851505.14 + 28561639.22; 基本 35356219.25 = 31182084.95 + 4174134.30
    "T6.personnel": "pass",
    # 公用经费合计 22973034.73 = 17183399.28 + 5789635.45; 基本 3913354.97 = 3726856.52 + 186498.45
    "T6.public": "pass",
    "T6.hierarchy": "pass",  # e.g. 310 5789635.45 = 1618791.00 + 1814804.45 + 2356040.00
    # 07表: 预算 121200.00 = 120000.00 + 1200.00; 决算 102573.57 = 102573.57
    "T7.total": "pass",
    "T7.vehicles": "pass",  # 120000.00 = 120000.00 (运行维护); 102573.57 = 102573.57
    "T7.nonnegative": "pass",
    # 08表 and 09表 print 本表无数据 (status empty): their 合计 rows are zeros, they have no rows
    "T8.balance": "not_applicable",
    "T8.row_sum": "not_applicable",
    "T8.total": "pass",
    "T8.hierarchy": "not_applicable",
    "T9.row_sum": "not_applicable",
    "T9.total": "pass",
    "T9.hierarchy": "not_applicable",
    # 10表: 7349093.97 = 4737445.50 + 811699.10 + 1799949.37; 车辆 5 = 1 + 4
    "T10.procurement": "pass",
    "T10.vehicles": "pass",
    "X.T1_T2.income_total": "pass",  # 85813977.30 = 85813977.30
    "X.T1_T3.expenditure_total": "pass",  # 84968418.97 = 84968418.97
    # 财政拨款收入 84386179.09, 事业收入 1272731.00, 其他收入 155067.21 in both
    "X.T1_T2.income_rows": "pass",
    "X.T1_T3.class_rows": "pass",  # e.g. 教育 26132420.39 = 205 26132420.39 (six 类)
    "X.T4_T2.fiscal_income": "pass",  # 84386179.09 = 84386179.09
    "X.T4_T1.fiscal_income": "pass",  # 84386179.09 = 84386179.09
    "X.T4_T5.total": "pass",  # 84386179.09 = 84386179.09
    "X.T4_T5.class_rows": "pass",  # e.g. 社会保障和就业 55307278.92 = 208 55307278.92
    "X.T4_T8.total": "pass",  # 04表 政府性基金 blank in the printed 本年支出合计 row = 08表 empty: 0 = 0
    "X.T4_T8.class_rows": "not_applicable",
    "X.T4_T8.income": "not_applicable",  # 二、政府性基金预算财政拨款 blank, 08表 empty
    "X.T4_T9.total": "pass",
    "X.T4_T9.class_rows": "not_applicable",
    "X.T5_T6.total": "pass",  # 84386179.09 = 61413144.36 + 22973034.73
    "X.T5_T6.basic": "pass",  # 39269574.22 = 35356219.25 + 3913354.97
    "X.T5_T3.total_le": "pass",  # e.g. 2080105 99969.80 ≤ 101084.30
    "X.T5_T3.basic_le": "pass",  # e.g. 合计 39269574.22 ≤ 39850490.53
    "X.T5_T3.project_le": "pass",  # e.g. 20801 9049866.97 ≤ 9051190.54
    "X.T6_T7.abroad_le": "not_applicable",  # 30212 and 因公出国(境)费 both blank
    # 30217 blank ≤ 公务接待费 决算数 blank; the 公务接待费 row is printed (预算数 1200.00), so 0 ≤ 0
    "X.T6_T7.reception_le": "pass",
    "X.T6_T7.vehicle_running_le": "pass",  # 30231 102573.57 ≤ 102573.57
    "X.T6_T7.vehicle_purchase_le": "not_applicable",
    "X.T10_T6.running_costs_le": "pass",  # 1183793.33 + 1409396.18 = 2593189.51 ≤ 3913354.97
    "X.names.same_name": "fail",  # the four names of SAMPLE_FINDINGS
    "X.names.reference_name": "pass",  # every printed name is the 科目 name or a known alias
    # the Shanghai 基本支出决算表 rules do not apply to a national document
    **{rule_id: "not_applicable" for rule_id in ("TB.reference_name", "TB.personnel", "TB.public", "TB.hierarchy", "X.T5_TB.basic",
                                                  "X.TB_T7.abroad_le", "X.TB_T7.reception_le",
                                                  "X.TB_T7.vehicle_running_le", "X.TB_T7.vehicle_purchase_le")},
    # nor do the 部门预算 relations (checks/budget_rules.py)
    **{rule.id: "not_applicable" for rule in BUDGET_RULES},
}


@pytest.fixture(scope="module")
def sample():
    return juesuan.load("xinzhou-hrss-2022")


def test_sample_outcome_of_every_rule(sample):
    out = rule_outcomes(sample)
    assert dict(zip(out["rule_id"], out["outcome"])) == SAMPLE_OUTCOMES


def test_sample_findings(sample):
    found = run_rules(sample)
    assert (found["status"] == "fail").sum() == len(SAMPLE_FINDINGS)
    assert set(found["status"]) == {"fail"}, "no insufficient_data on the sample"
    got = [(r.rule_id, r.expected, r.found, r.locations[0]["code"]) for r in found.itertuples()]
    assert got == SAMPLE_FINDINGS
    assert all(loc["table"] == T2 for loc in (r.locations[0] for r in found.itertuples()))
    assert set(found["severity"]) == {"warning"}


def test_sample_money_relations_all_tie(sample):
    """Every numeric relation the sample prints ties: no error finding."""
    found = run_rules(sample)
    assert not (found["severity"] == "error").any()
