"""The national 部门决算 layout: 公开01表 … 公开10表, amounts in 元, plus the 项目支出绩效自评表 attachments.

Titles and column labels are those of the 财政部 部门决算公开 template as printed (whitespace removed).
"""
from .spec import Layout, TableSpec

TOTAL = ("合计", "小计", "本年支出合计", "金额", "决算数", "决算数合计")
BASIC = ("基本支出", "其中：基本支出", "其中:基本支出")

INCOME_SOURCES = {
    "本年收入合计": ("合计",),
    "财政拨款收入": (),
    "上级补助收入": (),
    "事业收入": (),
    "经营收入": (),
    "附属单位上缴收入": (),
    "其他收入": (),
}

EXPENDITURE_KINDS = {
    "本年支出合计": ("合计",),
    "基本支出": (),
    "项目支出": (),
    "上缴上级支出": (),
    "经营支出": (),
    "对附属单位补助支出": (),
}

FISCAL_FUNDS = {
    "决算数": ("金额",),
    "合计": ("小计",),
    "一般公共预算财政拨款": ("一般公共预算",),
    "政府性基金预算财政拨款": ("政府性基金预算",),
    "国有资本经营预算财政拨款": ("国有资本经营预算",),
}

FUND_FLOWS = {
    "年初结转和结余": (),
    "本年收入": (),
    "合计": ("小计", "本年支出"),
    "基本支出": (),
    "项目支出": (),
    "年末结转和结余": (),
}

THREE_PUBLIC_ITEMS = {
    "合计": (),
    "因公出国(境)费": ("因公出国（境）费",),
    "公务用车购置及运行维护费": ("公务用车购置及运行费",),
    "公务用车购置费": (),
    "公务用车运行维护费": ("公务用车运行费",),
    "公务接待费": (),
}

TABLES = (
    TableSpec(
        key="income_expenditure_summary",
        titles=("收入支出决算总表",),
        label="公开01表",
        shape="summary",
        columns={"决算数": ("金额",)},
    ),
    TableSpec(key="income", titles=("收入决算表",), label="公开02表", shape="coded", columns=INCOME_SOURCES),
    TableSpec(key="expenditure", titles=("支出决算表",), label="公开03表", shape="coded", columns=EXPENDITURE_KINDS),
    TableSpec(
        key="fiscal_summary",
        titles=("财政拨款收入支出决算总表",),
        label="公开04表",
        shape="summary",
        columns=FISCAL_FUNDS,
    ),
    TableSpec(
        key="general_budget_expenditure",
        titles=("一般公共预算财政拨款支出决算表",),
        label="公开05表",
        shape="coded",
        columns={"合计": TOTAL, "基本支出": (), "项目支出": ()},
    ),
    TableSpec(
        key="general_budget_economic",
        titles=("一般公共预算财政拨款支出决算明细表", "一般公共预算财政拨款基本支出决算明细表"),
        label="公开06表",
        shape="wide_economic",
        columns={"合计": TOTAL, "基本支出": BASIC[1:]},
        note="人员经费 (301, 303) and 公用经费 (302, 307, 309, 310, 399 …) groups side by side.",
    ),
    TableSpec(
        key="three_public",
        titles=("财政拨款“三公”经费支出决算表", "财政拨款三公经费支出决算表", "“三公”经费支出决算表"),
        label="公开07表",
        shape="crosstab",
        columns={"预算数": ("全年预算数",), "决算数": ()},
        items=THREE_PUBLIC_ITEMS,
    ),
    TableSpec(
        key="government_fund",
        titles=("政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款支出决算表"),
        label="公开08表",
        shape="coded",
        columns=FUND_FLOWS,
    ),
    TableSpec(
        key="state_capital",
        titles=("国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表"),
        label="公开09表",
        shape="coded",
        columns={"合计": ("小计",), "基本支出": (), "项目支出": ()},
    ),
    TableSpec(
        key="disclosure_stats",
        titles=("部门决算公开相关信息统计表", "部门决算相关信息统计表"),
        label="公开10表",
        shape="stats",
        columns={"采购金额": (), "统计数": ("决算数", "金额")},
    ),
    TableSpec(
        key="performance",
        titles=("项目支出绩效自评表",),
        shape="performance",
        required=False,
        columns={
            "年初预算数/目标申报数": (),
            "年初预算数/预算编制数": (),
            "全年预算数": (),
            "全年执行数": (),
            "资金结(转)余": ("资金结转余", "结转结余"),
            "执行率": (),
            "得分": (),
        },
        note="One per project (performance_1, performance_2 …); amounts printed in 万元.",
    ),
)

LAYOUT = Layout(
    id="national",
    name="财政部统一格式（公开01–10表）",
    description="财政部 national template: 公开01表–公开10表 in 元, 明细表 by economic code, 相关信息统计表",
    tables=TABLES,
    markers=("公开01表", "公开06表", "公开10表", "支出决算明细表"),
)
