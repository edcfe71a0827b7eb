"""The Shanghai 9-table 部门预算 layout (上海市 and its districts, 2023–2026 templates).

Department budgets title each table 部门…, unit budgets 预算单位… or 单位…: both are aliases. Tables
print 元 (with or without thousands separators, 0 or 2 decimals) except the 三公 table, printed in
万元: every table's unit is read from its own header. 类 | 款 | 项 are separate columns; an empty
table prints 本表为空表 (or nothing at all). The 项目经费情况说明 and 绩效目标 pages that follow
are narrative.
"""
from __future__ import annotations


from .national import EXPENDITURE_KINDS, FISCAL_FUNDS, INCOME_SOURCES, THREE_PUBLIC_ITEMS
from .spec import Layout, TableSpec

# The budget of the year; the name the Jiangsu budget layout gives it too.
BUDGET = "本年预算数"

# 决算 column names where the role is the same: a 预算 prints 合计 for 本年收入合计, 事业单位经营收入
# for 经营收入, 一般公共预算 for 一般公共预算财政拨款 (the national vocabularies' aliases).
INCOME = {k: v for k, v in INCOME_SOURCES.items() if k not in ("上级补助收入", "附属单位上缴收入")}
INCOME["经营收入"] = ("事业单位经营收入",)
EXPENDITURE = {k: v for k, v in EXPENDITURE_KINDS.items() if k in ("本年支出合计", "基本支出", "项目支出")}
FISCAL = {BUDGET: ("预算数",), **{k: v for k, v in FISCAL_FUNDS.items() if k != "决算数"}}
FUNCTIONAL = {"合计": (), "基本支出": (), "项目支出": ()}

# The 三公 table prints 合计 under the group label “三公”经费预算数 (2023–2024: 2024年“三公”经费预算数),
# the car costs as 小计 | 购置费 | 运行费, and 机关运行经费预算数 beside them.
THREE_PUBLIC = {
    **THREE_PUBLIC_ITEMS,
    "合计": ("“三公”经费预算数",),
    "公务用车购置费": ("购置费",),
    "公务用车运行维护费": (*THREE_PUBLIC_ITEMS["公务用车运行维护费"], "运行费"),
    "机关运行经费": ("机关运行经费预算数",),
}


def _titles(core: str) -> tuple[str, ...]:
    """部门… (department budget) first, then the unit budget's 单位… (预算单位… ends with it)."""
    return (f"部门{core}", f"单位{core}")


TABLES = (
    TableSpec(
        key="income_expenditure_summary",
        titles=_titles("财务收支预算总表"),
        shape="summary",
        columns={BUDGET: ("预算数", "合计"), "人员经费": (), "公用经费": (), "项目支出": ()},
        note="Unit budgets split the 支出 side's 预算数 into 合计 (column 本年预算数), 基本支出 (人员经费 | 公用经费) and 项目支出.",
    ),
    TableSpec(key="income", titles=_titles("收入预算总表"), shape="coded", columns=INCOME),
    TableSpec(key="expenditure", titles=_titles("支出预算总表"), shape="coded", columns=EXPENDITURE),
    TableSpec(key="fiscal_summary", titles=_titles("财政拨款收支预算总表"), shape="summary", columns=FISCAL),
    TableSpec(
        key="general_budget_expenditure",
        titles=_titles("一般公共预算支出功能分类预算表"),
        shape="coded",
        columns=FUNCTIONAL,
    ),
    TableSpec(
        key="government_fund",
        titles=_titles("政府性基金预算支出功能分类预算表"),
        shape="coded",
        columns=FUNCTIONAL,
        note="Usually printed empty (本表为空表).",
    ),
    TableSpec(
        key="state_capital",
        titles=_titles("国有资本经营预算支出功能分类预算表"),
        shape="coded",
        columns=FUNCTIONAL,
        note="Usually printed empty (本表为空表).",
    ),
    TableSpec(
        key="basic_expenditure",
        titles=_titles("一般公共预算基本支出部门预算经济分类预算表"),
        shape="coded",
        columns={"合计": (), "人员经费": (), "公用经费": ()},
        note="基本支出 by 部门预算经济分类 code (类 | 款 joined: 30101).",
    ),
    TableSpec(
        key="three_public",
        titles=(*_titles("“三公”经费和机关运行经费预算表"), "“三公”经费和机关运行经费预算表"),
        shape="crosstab",
        columns={BUDGET: ()},
        items=THREE_PUBLIC,
        note="Printed in 万元 while the other tables print 元; 机关运行经费 is an item beside the 三公 items.",
    ),
)

LAYOUT = Layout(
    id="shanghai_budget",
    name="上海市部门/单位预算九表格式",
    kind="预算",
    description="上海市 9-table 部门/单位预算: 元 (三公 in 万元), 类|款|项 columns, 部门预算经济分类 基本支出 table",
    tables=TABLES,
    markers=("财务收支预算总表", "一般公共预算基本支出部门预算经济分类预算表"),
)
