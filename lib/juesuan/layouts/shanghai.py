"""The Shanghai 9-table 部门决算 layout (上海市 2024 template, as published by 普陀区 departments).

No 公开NN表 labels, amounts in 万元 with 2 decimals, 类 | 款 | 项 often printed in separate columns,
a 基本支出决算表 (人员经费 | 公用经费 side by side by economic code) in place of the national 明细表,
no 相关信息统计表 (its figures are stated in the narrative instead).
"""
from .national import BASIC, EXPENDITURE_KINDS, FISCAL_FUNDS, FUND_FLOWS, INCOME_SOURCES, THREE_PUBLIC_ITEMS, TOTAL
from .spec import Layout, TableSpec

TABLES = (
    TableSpec(key="income_expenditure_summary", titles=("收入支出决算总表",), shape="summary", columns={"决算数": ("金额",)}),
    TableSpec(key="income", titles=("收入决算表",), shape="coded", columns=INCOME_SOURCES),
    TableSpec(key="expenditure", titles=("支出决算表",), shape="coded", columns=EXPENDITURE_KINDS),
    TableSpec(key="fiscal_summary", titles=("财政拨款收入支出决算总表",), shape="summary", columns=FISCAL_FUNDS),
    TableSpec(
        key="general_budget_expenditure",
        titles=("一般公共预算财政拨款支出决算表",),
        shape="coded",
        columns={"合计": TOTAL, "基本支出": (), "项目支出": ()},
    ),
    TableSpec(
        key="basic_expenditure",
        titles=("一般公共预算财政拨款基本支出决算表",),
        shape="wide_economic",
        columns={"合计": TOTAL, "基本支出": BASIC[1:]},
        note="基本支出 only: every figure is basic spending, printed under 决算数 (column 合计).",
    ),
    TableSpec(
        key="three_public",
        titles=("财政拨款“三公”经费支出决算表", "财政拨款三公经费支出决算表"),
        shape="crosstab",
        columns={"预算数": ("全年预算数",), "决算数": ()},
        items=THREE_PUBLIC_ITEMS,
    ),
    TableSpec(key="government_fund", titles=("政府性基金预算财政拨款收入支出决算表",), shape="coded", columns=FUND_FLOWS),
    TableSpec(key="state_capital", titles=("国有资本经营预算财政拨款收入支出决算表",), shape="coded", columns=FUND_FLOWS),
)

LAYOUT = Layout(
    id="shanghai",
    name="上海市九表格式",
    description="上海市 9-table template: 万元, 类|款|项 columns, 一般公共预算财政拨款基本支出决算表, no 公开NN表 labels",
    tables=TABLES,
    markers=("一般公共预算财政拨款基本支出决算表",),
)
