"""The consistency relations of a 部门预算 as data, for the same evaluator as the 决算's (`rules.py`).

RULES.md speaks of a 决算; a budget's tables tie in the same way, and its vocabulary is extended here:

* B1 收支预算总表 (`income_expenditure_summary`): 当年收入小计 = Σ income rows (一、 二、 …);
  当年支出小计 = Σ 类 rows = Σ the rows by 用途 (基本 + 项目 + 单位预留机动经费, side 支出用途);
  收入合计 = 支出合计.
* B2 收入预算总表: 收入总计 = Σ its sources; B3 支出预算总表: 合计 = 基本 + 项目 + 单位预留机动经费 (+ …).
* B4 财政拨款收支预算总表: 收入合计 = Σ funds = 支出合计 = Σ 用途; its income = B1's 财政拨款 row.
* functional tables (财政拨款 and 一般公共预算 支出预算表): 合计 = Σ 类, 类 = Σ 款 = Σ 项; the
  一般公共预算 table's 合计 = B4's 一般公共预算 income, the 财政拨款 table's = B4's 支出合计.
* economic tables (基本支出预算表): 合计 = Σ 类, 类 = Σ 款; the 财政拨款 one's 合计 = B4's 基本支出;
  the 一般公共预算 one's ≤ it (the 政府性基金 part is the difference).
* 三公: 合计 = 出国 + 车(购置 + 运行) + 接待; 总计 = 合计 + 会议费 + 培训费.
* 机关运行经费, 政府采购: 合计 = Σ their 类 / kinds; no figure below zero in any table.

Ids start with B; `layouts` names the budget layouts each holds for. Tolerances as everywhere
(DESIGN.md: half a unit of each printed last place; n parts and a total).
"""
from __future__ import annotations

from dataclasses import replace

from ..layouts.jiangsu_budget import LAYOUT as JIANGSU_BUDGET
from ..layouts.shanghai_budget import LAYOUT as SHANGHAI_BUDGET
from .rules import T1, T2, T3, T4, T5, T7, T8, T9, TB, Cells, Rule, _hierarchy, _row_sum, _total_by_class

AMOUNT = "本年预算数"
JIANGSU = ("jiangsu_budget",)
BUDGET_LAYOUTS = ("jiangsu_budget", "shanghai_budget")
FISCAL_EXPENDITURE = "fiscal_expenditure"  # 财政拨款支出预算表（功能科目）
FISCAL_BASIC = "fiscal_basic_economic"  # 财政拨款基本支出预算表（经济科目）
RUNNING_COSTS = "running_costs"
PROCUREMENT = "procurement"

# A top-level row: printed with a Chinese-numeral ordinal (一、财政拨款), not a sub-row (1.一般公共预算).
TOP_ROW = r"^[一二三四五六七八九十]+[、.．]"
SUBTOTAL_IN = ("当年收入小计", "本年收入小计", "本年收入合计")
SUBTOTAL_OUT = ("当年支出小计", "本年支出小计", "本年支出合计")
TOTAL_IN = ("收入合计", "收入总计", "总计")
TOTAL_OUT = ("支出合计", "支出总计", "总计")
CARRY_IN = ("上年结转", "上年结转资金", "上年结转结余", "上年财政拨款结转")
CARRY_OUT = ("结转下年", "结转下年资金", "年末结转和结余")
PURPOSES = ("基本支出", "项目支出", "单位预留机动经费", "上缴上级支出", "事业单位经营支出", "对附属单位补助支出")


def _c(table: str, *items: str, side: str = "", **kw) -> Cells:
    return Cells(table, AMOUNT, side=side, items=items, **kw)


def _by_class(rid: str, table: str, label: str, layouts: tuple[str, ...]) -> tuple[Rule, Rule]:
    """合计 = Σ 类 and 类 = Σ 款 = Σ 项 for one coded table."""
    return (Rule(f"{rid}.total", "sum", "error", f"{label}：合计 = 各类级科目之和", f"{table}: 合计 = the sum of the 类 rows",
                 total=Cells(table, AMOUNT, items=("合计", "总计"), codes=("",)),
                 parts=(Cells(table, AMOUNT, code_digits=3),), layouts=layouts),
            replace(_hierarchy(f"{rid}.hierarchy", table, (AMOUNT,), f"{label}："), layouts=layouts))


JIANGSU_RULES: tuple[Rule, ...] = (
    # --- B1 收支预算总表 -------------------------------------------------------------------------
    Rule("B1.income_subtotal", "sum", "error", "收支预算总表：当年收入小计 = 各项收入之和",
         "income_expenditure_summary: 当年收入小计 = the sum of the income rows",
         total=_c(T1, *SUBTOTAL_IN, side="收入"), parts=(_c(T1, side="收入", item_pattern=TOP_ROW),), layouts=JIANGSU),
    Rule("B1.expenditure_subtotal", "sum", "error", "收支预算总表：当年支出小计 = 各类支出之和",
         "income_expenditure_summary: 当年支出小计 = the sum of the 类 rows",
         total=_c(T1, *SUBTOTAL_OUT, side="支出"), parts=(_c(T1, side="支出", item_pattern=TOP_ROW),), layouts=JIANGSU),
    Rule("B1.purpose_subtotal", "sum", "error", "收支预算总表：当年支出小计 = 按用途各项支出之和（基本 + 项目 + 单位预留机动经费）",
         "income_expenditure_summary: 当年支出小计 = the rows by purpose (基本 + 项目 + 单位预留机动经费)",
         total=_c(T1, *SUBTOTAL_OUT, side="支出"), parts=(_c(T1, side="支出用途", item_pattern=TOP_ROW),), layouts=JIANGSU),
    Rule("B1.income_total", "sum", "error", "收支预算总表：收入合计 = 当年收入小计 + 上年结转",
         "income_expenditure_summary: 收入合计 = 当年收入小计 + 上年结转",
         total=_c(T1, *TOTAL_IN, side="收入"),
         parts=(_c(T1, *SUBTOTAL_IN, side="收入"), _c(T1, *CARRY_IN, side="收入")), layouts=JIANGSU),
    Rule("B1.expenditure_total", "sum", "error", "收支预算总表：支出合计 = 当年支出小计 + 结转下年",
         "income_expenditure_summary: 支出合计 = 当年支出小计 + 结转下年",
         total=_c(T1, *TOTAL_OUT, side="支出"),
         parts=(_c(T1, *SUBTOTAL_OUT, side="支出"), _c(T1, *CARRY_OUT, side="支出")), layouts=JIANGSU),
    Rule("B1.balance", "equal", "error", "收支预算总表：收入合计 = 支出合计", "income_expenditure_summary: 收入合计 = 支出合计",
         total=_c(T1, *TOTAL_IN, side="收入"), parts=(_c(T1, *TOTAL_OUT, side="支出"),), layouts=JIANGSU),
    # --- B2 收入预算总表, B3 支出预算总表 --------------------------------------------------------------
    Rule("B2.total", "sum", "error", "收入预算总表：收入总计 = 各项来源之和", "income: 收入总计 = the sum of its sources",
         total=_c(T2, "收入总计", "合计", "总计"), parts=(_c(T2, item_pattern=r"^(?!收入总计$|合计$|总计$)[^/]+$"),),
         layouts=JIANGSU),
    Rule("B3.total", "sum", "error", "支出预算总表：合计 = 基本支出 + 项目支出 + 单位预留机动经费（印出者）",
         "expenditure: 合计 = 基本支出 + 项目支出 + 单位预留机动经费 (those printed)",
         total=_c(T3, "合计", "总计", "支出总计"), parts=(_c(T3, *PURPOSES),), layouts=JIANGSU),
    Rule("X.B1_B2.income", "equal", "error", "收支预算总表收入合计 = 收入预算总表收入总计",
         "income_expenditure_summary 收入合计 = income 收入总计",
         total=_c(T1, *TOTAL_IN, side="收入"), parts=(_c(T2, "收入总计", "合计", "总计"),), layouts=JIANGSU),
    Rule("X.B1_B3.expenditure", "equal", "error", "收支预算总表当年支出小计 = 支出预算总表合计",
         "income_expenditure_summary 当年支出小计 = expenditure 合计",
         total=_c(T1, *SUBTOTAL_OUT, side="支出"), parts=(_c(T3, "合计", "总计", "支出总计"),), layouts=JIANGSU),
    # --- B4 财政拨款收支预算总表 --------------------------------------------------------------------
    Rule("B4.income_total", "sum", "error", "财政拨款收支预算总表：收入合计 = 各项财政拨款之和",
         "fiscal_summary: 收入合计 = the sum of the funds", total=_c(T4, *TOTAL_IN, side="收入"),
         parts=(_c(T4, side="收入", item_pattern=TOP_ROW),), layouts=JIANGSU),
    Rule("B4.expenditure_total", "sum", "error", "财政拨款收支预算总表：支出合计 = 按用途各项支出之和",
         "fiscal_summary: 支出合计 = the rows by purpose", total=_c(T4, *TOTAL_OUT, side="支出"),
         parts=(_c(T4, side="支出", item_pattern=TOP_ROW),), layouts=JIANGSU),
    Rule("B4.balance", "equal", "error", "财政拨款收支预算总表：收入合计 = 支出合计", "fiscal_summary: 收入合计 = 支出合计",
         total=_c(T4, *TOTAL_IN, side="收入"), parts=(_c(T4, *TOTAL_OUT, side="支出"),), layouts=JIANGSU),
    Rule("X.B4_B1.fiscal_income", "equal", "error", "财政拨款收支预算总表收入合计 = 收支预算总表财政拨款收入",
         "fiscal_summary 收入合计 = income_expenditure_summary's 财政拨款 row",
         total=_c(T4, *TOTAL_IN, side="收入"), parts=(_c(T1, "财政拨款", "财政拨款收入", side="收入"),), layouts=JIANGSU),
    Rule("X.B4_B1.basic_le", "le", "error", "财政拨款收支预算总表基本支出 ≤ 收支预算总表基本支出",
         "fiscal_summary 基本支出 ≤ income_expenditure_summary 基本支出 (the latter counts all money)",
         total=_c(T1, "基本支出", side="支出用途"), parts=(_c(T4, "基本支出", side="支出"),), layouts=JIANGSU),
    # --- functional and economic tables ------------------------------------------------------------
    *_by_class("B5", FISCAL_EXPENDITURE, "财政拨款支出预算表（功能科目）", JIANGSU),
    *_by_class("B7", T5, "一般公共预算支出预算表（功能科目）", JIANGSU),
    *_by_class("B6", FISCAL_BASIC, "财政拨款基本支出预算表（经济科目）", JIANGSU),
    *_by_class("B8", TB, "一般公共预算基本支出预算表（经济科目）", JIANGSU),
    *_by_class("B11", RUNNING_COSTS, "一般公共预算机关运行经费支出预算表", JIANGSU),
    Rule("X.B5_B4.total", "equal", "error", "财政拨款支出预算表合计 = 财政拨款收支预算总表支出合计",
         "fiscal_expenditure 合计 = fiscal_summary 支出合计",
         total=_c(FISCAL_EXPENDITURE, "合计", "总计", codes=("",)), parts=(_c(T4, *TOTAL_OUT, side="支出"),), layouts=JIANGSU),
    Rule("X.B7_B4.total", "equal", "error", "一般公共预算支出预算表合计 = 财政拨款收支预算总表一般公共预算收入",
         "general_budget_expenditure 合计 = fiscal_summary's 一般公共预算 income",
         total=_c(T5, "合计", "总计", codes=("",)),
         parts=(_c(T4, "一般公共预算", "一般公共预算拨款", "一般公共预算资金", side="收入"),), layouts=JIANGSU),
    Rule("X.B6_B4.basic", "equal", "error", "财政拨款基本支出预算表合计 = 财政拨款收支预算总表基本支出",
         "fiscal_basic_economic 合计 = fiscal_summary 基本支出",
         total=_c(FISCAL_BASIC, "合计", "总计", codes=("",)), parts=(_c(T4, "基本支出", side="支出"),), layouts=JIANGSU),
    Rule("X.B8_B6.basic_le", "le", "error", "一般公共预算基本支出预算表合计 ≤ 财政拨款基本支出预算表合计",
         "basic_expenditure 合计 ≤ fiscal_basic_economic 合计 (the 政府性基金 part is the difference)",
         total=_c(FISCAL_BASIC, "合计", "总计", codes=("",)), parts=(_c(TB, "合计", "总计", codes=("",)),), layouts=JIANGSU),
    # --- 三公, 政府采购 ------------------------------------------------------------------------------
    Rule("B9.total", "sum", "error", "“三公”经费表：合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费",
         "three_public: 合计 = abroad + vehicles + reception", total=_c(T7, "合计"),
         parts=(_c(T7, "因公出国(境)费", "公务用车购置及运行维护费", "公务接待费"),), layouts=BUDGET_LAYOUTS),
    Rule("B9.vehicles", "sum", "error", "“三公”经费表：公务用车购置及运行维护费 = 公务用车购置费 + 公务用车运行维护费",
         "three_public: vehicles = purchase + running", total=_c(T7, "公务用车购置及运行维护费"),
         parts=(_c(T7, "公务用车购置费", "公务用车运行维护费"),), layouts=BUDGET_LAYOUTS),
    Rule("B9.grand_total", "sum", "error", "“三公”经费、会议费、培训费表：总计 = 三公经费合计 + 会议费 + 培训费",
         "three_public: 总计 = 三公 合计 + 会议费 + 培训费", total=_c(T7, "总计"),
         parts=(_c(T7, "合计", "会议费", "培训费"),), layouts=JIANGSU),
    Rule("B12.total", "sum", "error", "政府采购预算表：合计 = 货物 + 工程 + 服务", "procurement: 合计 = goods + works + services",
         total=_c(PROCUREMENT, "合计", "总计"), parts=(_c(PROCUREMENT, item_pattern=r"^[一二三四五六七八九十]+[、.．][^/]*$"),),
         layouts=JIANGSU),
    *(Rule(f"B.nonnegative.{spec.key}", "nonnegative", "error", "预算表中无负数", f"{spec.key}: no negative figure",
           total=Cells(spec.key), layouts=JIANGSU) for spec in JIANGSU_BUDGET.tables),
)


# --- the Shanghai 部门/单位预算 (layout shanghai_budget) ----------------------------------------------
SHANGHAI = ("shanghai_budget",)
SUMMARY_COLUMNS = (AMOUNT, "人员经费", "公用经费", "项目支出")  # unit budgets split the 支出 side by kind
INCOME_COLUMNS = ("本年收入合计", "财政拨款收入", "事业收入", "经营收入", "其他收入")
FISCAL_OUT = ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
FUNCTIONAL_COLUMNS = ("合计", "基本支出", "项目支出")


def _coded(rid: str, table: str, label: str, total: str, parts: tuple[str, ...], columns: tuple[str, ...]):
    """A coded table: 合计 = Σ 类, 类 = Σ 款 = Σ 项 (column by column), each row's total = Σ its parts."""
    return (replace(_total_by_class(f"{rid}.total", table, columns, f"{label}："), layouts=SHANGHAI),
            replace(_hierarchy(f"{rid}.hierarchy", table, columns, f"{label}："), layouts=SHANGHAI),
            replace(_row_sum(f"{rid}.row_sum", table, total, parts, f"{label}：每行{total} = {' + '.join(parts)}",
                             f"{table}: each row's {total} = {' + '.join(parts)}"), layouts=SHANGHAI))


SHANGHAI_RULES: tuple[Rule, ...] = (
    Rule("S1.income_total", "sum", "error", "财务收支预算总表：收入总计 = 各项收入之和",
         "income_expenditure_summary: 收入总计 = the sum of the income rows",
         total=_c(T1, *TOTAL_IN, side="收入"), parts=(_c(T1, side="收入", item_pattern=TOP_ROW),), layouts=SHANGHAI),
    Rule("S1.expenditure_total", "sum", "error", "财务收支预算总表：支出总计 = 各类支出之和（逐列）",
         "income_expenditure_summary: 支出总计 = the sum of the 类 rows, column by column",
         total=Cells(T1, side="支出", items=TOTAL_OUT), parts=(Cells(T1, side="支出", item_pattern=TOP_ROW),),
         columns=SUMMARY_COLUMNS, layouts=SHANGHAI),
    Rule("S1.balance", "equal", "error", "财务收支预算总表：收入总计 = 支出总计", "income_expenditure_summary: 收入总计 = 支出总计",
         total=_c(T1, *TOTAL_IN, side="收入"), parts=(_c(T1, *TOTAL_OUT, side="支出"),), layouts=SHANGHAI),
    *_coded("S2", T2, "收入预算总表", "本年收入合计", INCOME_COLUMNS[1:], INCOME_COLUMNS),
    *_coded("S3", T3, "支出预算总表", "本年支出合计", ("基本支出", "项目支出"), ("本年支出合计", "基本支出", "项目支出")),
    Rule("X.S1_S3.expenditure", "equal", "error", "财务收支预算总表支出总计 = 支出预算总表合计",
         "income_expenditure_summary 支出总计 = expenditure 合计",
         total=_c(T1, *TOTAL_OUT, side="支出"), parts=(Cells(T3, "本年支出合计", items=("合计",), codes=("",)),),
         layouts=SHANGHAI),
    Rule("S4.income_total", "sum", "error", "财政拨款收支预算总表：收入总计 = 各项财政拨款之和",
         "fiscal_summary: 收入总计 = the sum of the funds", total=_c(T4, *TOTAL_IN, side="收入"),
         parts=(_c(T4, side="收入", item_pattern=TOP_ROW),), layouts=SHANGHAI),
    Rule("S4.expenditure_total", "sum", "error", "财政拨款收支预算总表：支出总计 = 各类支出之和（逐列）",
         "fiscal_summary: 支出总计 = the sum of the 类 rows, column by column",
         total=Cells(T4, side="支出", items=TOTAL_OUT), parts=(Cells(T4, side="支出", item_pattern=TOP_ROW),),
         columns=FISCAL_OUT, layouts=SHANGHAI),
    replace(_row_sum("S4.row_sum", T4, "合计", FISCAL_OUT[1:], "财政拨款收支预算总表：每行合计 = 各项财政拨款之和",
                     "fiscal_summary: each row's 合计 = the sum of its funds", side="支出"), layouts=SHANGHAI),
    Rule("S4.balance", "equal", "error", "财政拨款收支预算总表：收入总计 = 支出总计", "fiscal_summary: 收入总计 = 支出总计",
         total=_c(T4, *TOTAL_IN, side="收入"), parts=(Cells(T4, "合计", side="支出", items=TOTAL_OUT),), layouts=SHANGHAI),
    *_coded("S5", T5, "一般公共预算支出功能分类预算表", "合计", ("基本支出", "项目支出"), FUNCTIONAL_COLUMNS),
    Rule("X.S5_S4.total", "equal", "error", "一般公共预算支出功能分类预算表合计 = 财政拨款收支预算总表一般公共预算支出总计",
         "general_budget_expenditure 合计 = fiscal_summary 支出总计 (一般公共预算)",
         total=Cells(T5, "合计", items=("合计",), codes=("",)),
         parts=(Cells(T4, "一般公共预算财政拨款", side="支出", items=TOTAL_OUT),), layouts=SHANGHAI),
    *_coded("S6", T8, "政府性基金预算支出功能分类预算表", "合计", ("基本支出", "项目支出"), FUNCTIONAL_COLUMNS),
    *_coded("S7", T9, "国有资本经营预算支出功能分类预算表", "合计", ("基本支出", "项目支出"), FUNCTIONAL_COLUMNS),
    *_coded("S8", TB, "一般公共预算基本支出经济分类预算表", "合计", ("人员经费", "公用经费"), ("合计", "人员经费", "公用经费")),
    Rule("X.S8_S5.basic", "equal", "error", "基本支出经济分类预算表合计 = 一般公共预算支出功能分类预算表基本支出合计",
         "basic_expenditure 合计 = general_budget_expenditure 基本支出 合计",
         total=Cells(TB, "合计", items=("合计",), codes=("",)),
         parts=(Cells(T5, "基本支出", items=("合计",), codes=("",)),), layouts=SHANGHAI),
    *(Rule(f"S.nonnegative.{spec.key}", "nonnegative", "error", "预算表中无负数", f"{spec.key}: no negative figure",
           total=Cells(spec.key), layouts=SHANGHAI) for spec in SHANGHAI_BUDGET.tables),
)

BUDGET_RULES = JIANGSU_RULES + SHANGHAI_RULES
