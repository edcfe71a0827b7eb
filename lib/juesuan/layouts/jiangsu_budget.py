"""The Jiangsu provincial 部门预算 layout (江苏省省级部门, 2017–2019): 12 tables, amounts in 万元.

Every table prints one figure column, the budget of the year (金额; 机关运行经费支出 in the running
costs table, 总计 in the procurement table): canonical column 本年预算数. 2017–2018 files print
titles with an ordinal or the year and department and no 公开NN表 label; 2019 files print labels as
公开01表, 公开表一 or 表一. Spreadsheet exports print title and header lines inside the table's frame.
"""
from .national import THREE_PUBLIC_ITEMS
from .spec import Layout, TableSpec

BUDGET = {"本年预算数": ("金额", "总计", "机关运行经费支出")}

# 公开09表 prints one row: 合计 (三公 + 会议费 + 培训费), the 三公 group (小计, its items), 会议费, 培训费.
# The 三公 subtotal keeps the 决算 table's name 合计; the printed 合计 over everything is 总计.
THREE_PUBLIC_BUDGET_ITEMS = {
    "总计": ("合计",),
    **{k: v for k, v in THREE_PUBLIC_ITEMS.items() if k != "合计"},
    "合计": ("“三公”经费", "三公经费"),
    "会议费": (),
    "培训费": (),
}

TABLES = (
    TableSpec(
        key="income_expenditure_summary",
        titles=("收支预算总表",),
        label="公开01表",
        shape="summary",
        columns=BUDGET,
        note="Three blocks: 收入; 支出 by 功能分类 (side 支出); 支出 by 支出用途 (side 支出用途).",
    ),
    TableSpec(
        key="income",
        titles=("收入预算总表",),
        label="公开02表",
        shape="grouped",
        columns=BUDGET,
        note="Fund groups (一般公共预算资金 …) with their sources; a group's 小计 is the group's row.",
    ),
    TableSpec(
        key="expenditure",
        titles=("支出预算总表",),
        label="公开03表",
        shape="crosstab",
        columns=BUDGET,
        note="One row: items 合计, 基本支出, 项目支出, 单位预留机动经费, 结转下年资金.",
    ),
    TableSpec(key="fiscal_summary", titles=("财政拨款收支预算总表",), label="公开04表", shape="summary", columns=BUDGET),
    TableSpec(
        key="fiscal_expenditure",
        titles=("财政拨款支出预算表（功能科目）", "财政拨款支出预算表"),
        label="公开05表",
        shape="coded",
        columns=BUDGET,
    ),
    TableSpec(
        key="fiscal_basic_economic",
        titles=("财政拨款基本支出预算表（经济科目）", "财政拨款基本支出预算表"),
        label="公开06表",
        shape="coded",
        columns=BUDGET,
    ),
    TableSpec(
        key="general_budget_expenditure",
        titles=("一般公共预算支出预算表（功能科目）", "一般公共预算支出预算表"),
        label="公开07表",
        shape="coded",
        columns=BUDGET,
    ),
    TableSpec(
        key="basic_expenditure",
        titles=("一般公共预算基本支出预算表（经济科目）", "一般公共预算基本支出预算表"),
        label="公开08表",
        shape="coded",
        columns=BUDGET,
    ),
    TableSpec(
        key="three_public",
        titles=(
            "“三公”经费、会议费、培训费支出预算表",
            "“三公”经费、会议费、培训费支出预算表（一般公共预算）",
            "三公经费、会议费、培训费支出预算表",
        ),
        label="公开09表",
        shape="crosstab",
        columns=BUDGET,
        items=THREE_PUBLIC_BUDGET_ITEMS,
    ),
    TableSpec(
        key="government_fund",
        titles=(
            "政府性基金预算财政拨款支出预算表",
            "财政拨款政府性基金支出预算表",
            "政府性基金财政拨款支出预算表",
            "政府性基金支出预算表",
        ),
        label="公开10表",
        shape="coded",
        columns=BUDGET,
        note="Printed empty (合计 without a figure) by departments without fund spending.",
    ),
    TableSpec(
        key="running_costs",
        titles=("一般公共预算机关运行经费支出预算表", "机关运行经费支出预算表"),
        label="公开11表",
        shape="coded",
        columns=BUDGET,
    ),
    TableSpec(
        key="procurement",
        titles=("政府采购预算表", "政府采购支出预算表"),
        label="公开12表",
        shape="grouped",
        columns=BUDGET,
        note="Items are the printed path 品目大类/专项名称/经济科目/采购物品名称/采购组织形式 as far as a row prints it.",
    ),
)

LAYOUT = Layout(
    id="jiangsu_budget",
    name="江苏省省级部门预算格式",
    kind="预算",
    description="江苏省 省级部门预算 2017–2019: 12 tables in 万元, one 金额 column, 收支预算总表 in three blocks",
    tables=TABLES,
    markers=("收支预算总表", "单位预留机动经费", "财政拨款收支预算总表"),
)
