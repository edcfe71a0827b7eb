"""Two real Shanghai 9-table 部门决算 PDFs (and the blank template) against the pages as printed.

Every expected value below was read off the PDF pages rendered as images (pdfplumber
`page.to_image(resolution=130)`, small figures re-checked on 170-190 dpi crops) and typed in by hand.
Nothing here comes from juesuan's output or from a text extraction. Figures are printed in 万元 with
two decimals; `wan("2,940.05")` turns the printed figure into 元 exactly.

Every printed figure of every table is typed (not only a sample), so for each table the test checks:
each typed cell matches exactly one fact (value, page, unit, decimals); the number of facts equals
the number of non-empty numeric cells counted on the page images (HAND_COUNTS, with how it was
counted); and no fact exists that is not typed here. Cells printed empty are written "" and must have
no fact; printed zeros (0.00) are facts.

Names follow docs/facts.md and lib/juesuan/layouts/shanghai.py.

Inconsistencies in the documents themselves (asserted as printed, see test_ties_*):
* 上海市普陀区财政局: 社会保障和就业支出 (208) is 326.71 in both summary tables but 326.72 in the
  收入/支出/一般公共预算 tables (whose 项 rows 84.65+160.75+80.38+0.94 do add to 326.72). Hence in
  those three tables the 类 rows add up to 0.01 more than the printed 合计 (2,946.26 vs 2,946.25;
  2,940.06 vs 2,940.05; 基本支出 2,336.92 vs 2,336.91). In the 基本支出决算表 the 款 rows of 301 add to
  2,082.86 (printed 2,082.85) and those of 302 to 171.09 (printed 171.07).
* 中共上海市普陀区委社会工作部 (filed under "bad"): in the 基本支出决算表 the 款 rows of 302 add to 10.22
  (printed 10.23), and 人员经费合计 95.36 + 公用经费合计 10.23 = 105.59, while the 支出决算表 and
  一般公共预算财政拨款支出决算表 print 基本支出 105.58 (the narrative repeats both: 105.58 = 95.36 + 10.23).
"""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest

import juesuan

RAW = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "raw"
if not RAW.is_dir():
    pytest.skip(
        f"../shared/corpus/raw is absent (looked for {RAW}); the Shanghai real-PDF tests need the shared corpus beside the checkout",
        allow_module_level=True,
    )

CAIZHENGJU = "shanghai-putuo_caizhengju_2024_juesuan.pdf"
SHEHUI = "shanghai-putuo_shehui-gongzuobu_2024_juesuan_flagged.pdf"
TEMPLATE = "shanghai_TEMPLATE_2024_juesuan-template.pdf"

TABLES = (
    "income_expenditure_summary", "income", "expenditure", "fiscal_summary", "general_budget_expenditure",
    "basic_expenditure", "three_public", "government_fund", "state_capital",
)


def wan(printed: str) -> Decimal:
    """A figure printed in 万元, in 元."""
    return Decimal(printed.replace(",", "")) * 10000


class Cell(NamedTuple):
    table: str
    side: str
    code: str
    item: str
    column: str
    printed: str
    page: int

    @property
    def key(self):
        return (self.table, self.side, self.code, self.item, self.column)


INCOME_COLUMNS = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
EXPENDITURE_COLUMNS = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
GBE_COLUMNS = ("合计", "基本支出", "项目支出")
FISCAL_OUT_COLUMNS = ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
THREE_PUBLIC_ITEMS = ("合计", "因公出国(境)费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")


def coded(table: str, columns: tuple, rows: list) -> list[Cell]:
    """Rows (page, code, item, *cells in printed column order)."""
    out = []
    for page, code, item, *cells in rows:
        assert len(cells) == len(columns), (table, code, item)
        out += [Cell(table, "", code, item, col, p, page) for col, p in zip(columns, cells) if p]
    return out


def sided(table: str, side: str, columns: tuple, rows: list) -> list[Cell]:
    """Rows (page, item, *cells) of one side of a two-sided summary table."""
    out = []
    for page, item, *cells in rows:
        assert len(cells) == len(columns), (table, side, item)
        out += [Cell(table, side, "", item, col, p, page) for col, p in zip(columns, cells) if p]
    return out


def basic(rows: list) -> list[Cell]:
    """基本支出决算表 rows (page, code, item, 决算数): column 合计."""
    return [Cell("basic_expenditure", "", code, item, "合计", p, page) for page, code, item, p in rows]


def three_public(page: int, rows: list) -> list[Cell]:
    """三公 rows (item, 预算数, 决算数)."""
    out = []
    for item, budget, actual in rows:
        out += [Cell("three_public", "", "", item, col, p, page) for col, p in (("预算数", budget), ("决算数", actual)) if p]
    return out


# =============================================================================================
# 上海市普陀区财政局 2024 (ONLYOFFICE export): tables on pages 6-20. 类 | 款 | 项 printed in
# separate columns.
# =============================================================================================
CZJ_SUMMARY_IN = [  # 收入支出决算总表, 收入 side, column 决算数
    (6, "一、一般公共预算财政拨款收入", "2,940.05"),
    (6, "二、政府性基金预算财政拨款收入", ""),
    (6, "三、国有资本经营预算财政拨款收入", ""),
    (6, "四、上级补助收入", ""),
    (6, "五、事业收入", ""),
    (6, "六、经营收入", ""),
    (6, "七、附属单位上缴收入", ""),
    (6, "八、其他收入", "6.20"),
    (6, "本年收入合计", "2,946.25"),
    (7, "使用非财政拨款结余（含专用结余）", ""),  # p7: the table continues after the page break
    (7, "年初结转和结余", "49.14"),
    (7, "总计", "2,995.39"),
]
CZJ_SUMMARY_OUT = [  # 支出 side; the 22 other 支出 rows print no figure
    (6, "一、一般公共服务支出", "2,106.66"),
    (6, "八、社会保障和就业支出", "326.71"),
    (6, "九、卫生健康支出", "60.99"),
    (6, "十九、住房保障支出", "445.69"),
    (6, "本年支出合计", "2,940.05"),
    (7, "结余分配", ""),
    (7, "年末结转和结余", "55.34"),
    (7, "总计", "2,995.39"),
]

CZJ_INCOME = [
    (8, "", "合计", "2,946.25", "2,940.05", "", "", "", "", "6.20"),
    (8, "201", "一般公共服务支出", "2,112.86", "2,106.66", "", "", "", "", "6.20"),
    (8, "20106", "财政事务", "2,112.86", "2,106.66", "", "", "", "", "6.20"),
    (8, "2010601", "行政运行", "1,511.90", "1,511.89", "", "", "", "", "0.01"),
    (8, "2010602", "一般行政管理事务", "16.19", "10.00", "", "", "", "", "6.19"),
    (8, "2010607", "信息化建设", "135.25", "135.25", "", "", "", "", ""),
    (8, "2010608", "财政委托业务支出", "449.52", "449.52", "", "", "", "", ""),
    (8, "208", "社会保障和就业支出", "326.72", "326.72", "", "", "", "", ""),
    (8, "20805", "行政事业单位养老支出", "326.72", "326.72", "", "", "", "", ""),
    (8, "2080501", "行政单位离退休", "84.65", "84.65", "", "", "", "", ""),
    (8, "2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", "", "", "", "", ""),
    (8, "2080506", "机关事业单位职业年金缴费支出", "80.38", "80.38", "", "", "", "", ""),
    (8, "2080599", "其他行政事业单位养老支出", "0.94", "0.94", "", "", "", "", ""),
    (8, "210", "卫生健康支出", "60.99", "60.99", "", "", "", "", ""),
    (8, "21011", "行政事业单位医疗", "60.99", "60.99", "", "", "", "", ""),
    (9, "2101101", "行政单位医疗", "60.99", "60.99", "", "", "", "", ""),  # after the page break
    (9, "221", "住房保障支出", "445.69", "445.69", "", "", "", "", ""),
    (9, "22102", "住房改革支出", "445.69", "445.69", "", "", "", "", ""),
    (9, "2210201", "住房公积金", "187.19", "187.19", "", "", "", "", ""),
    (9, "2210203", "购房补贴", "258.50", "258.50", "", "", "", "", ""),
]

CZJ_EXPENDITURE = [
    (10, "", "合计", "2,940.05", "2,336.91", "603.14", "", "", ""),
    (10, "201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14", "", "", ""),
    (10, "20106", "财政事务", "2,106.66", "1,503.52", "603.14", "", "", ""),
    (10, "2010601", "行政运行", "1,511.89", "1,503.52", "8.37", "", "", ""),
    (10, "2010602", "一般行政管理事务", "10.00", "", "10.00", "", "", ""),
    (10, "2010607", "信息化建设", "135.25", "", "135.25", "", "", ""),
    (10, "2010608", "财政委托业务支出", "449.52", "", "449.52", "", "", ""),
    (10, "208", "社会保障和就业支出", "326.72", "326.72", "", "", "", ""),
    (10, "20805", "行政事业单位养老支出", "326.72", "326.72", "", "", "", ""),
    (10, "2080501", "行政单位离退休", "84.65", "84.65", "", "", "", ""),
    (10, "2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", "", "", "", ""),
    (10, "2080506", "机关事业单位职业年金缴费支出", "80.38", "80.38", "", "", "", ""),
    (11, "2080599", "其他行政事业单位养老支出", "0.94", "0.94", "", "", "", ""),  # after the page break
    (11, "210", "卫生健康支出", "60.99", "60.99", "", "", "", ""),
    (11, "21011", "行政事业单位医疗", "60.99", "60.99", "", "", "", ""),
    (11, "2101101", "行政单位医疗", "60.99", "60.99", "", "", "", ""),
    (11, "221", "住房保障支出", "445.69", "445.69", "", "", "", ""),
    (11, "22102", "住房改革支出", "445.69", "445.69", "", "", "", ""),
    (11, "2210201", "住房公积金", "187.19", "187.19", "", "", "", ""),
    (11, "2210203", "购房补贴", "258.50", "258.50", "", "", "", ""),
]

CZJ_FISCAL_IN = [  # 财政拨款收入支出决算总表, 收入 side, column 决算数
    (12, "一、一般公共预算财政拨款", "2,940.05"),
    (12, "二、政府性基金预算财政拨款", ""),
    (12, "三、国有资本经营预算财政拨款", ""),
    (13, "本年收入合计", "2,940.05"),
    (13, "年初财政拨款结转和结余", "21.63"),
    (13, "年初财政拨款结转和结余/一、一般公共预算财政拨款", "21.63"),
    (13, "年初财政拨款结转和结余/二、政府性基金预算财政拨款", ""),
    (13, "年初财政拨款结转和结余/三、国有资本经营预算财政拨款", ""),
    (13, "总计", "2,961.68"),
]
CZJ_FISCAL_OUT = [  # 支出 side; the other 支出 rows print no figure
    (12, "一、一般公共服务支出", "2,106.66", "2,106.66", "", ""),
    (12, "八、社会保障和就业支出", "326.71", "326.71", "", ""),
    (12, "九、卫生健康支出", "60.99", "60.99", "", ""),
    (13, "十九、住房保障支出", "445.69", "445.69", "", ""),  # after the page break
    (13, "本年支出合计", "2,940.05", "2,940.05", "", ""),
    (13, "年末财政拨款结转和结余", "21.63", "21.63", "", ""),
    (13, "总计", "2,961.68", "2,961.68", "", ""),
]

CZJ_GBE = [  # 一般公共预算财政拨款支出决算表, one page, 合计 printed last
    (15, "201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"),
    (15, "20106", "财政事务", "2,106.66", "1,503.52", "603.14"),
    (15, "2010601", "行政运行", "1,511.89", "1,503.52", "8.37"),
    (15, "2010602", "一般行政管理事务", "10.00", "", "10.00"),
    (15, "2010607", "信息化建设", "135.25", "", "135.25"),
    (15, "2010608", "财政委托业务支出", "449.52", "", "449.52"),
    (15, "208", "社会保障和就业支出", "326.72", "326.72", ""),
    (15, "20805", "行政事业单位养老支出", "326.72", "326.72", ""),
    (15, "2080501", "行政单位离退休", "84.65", "84.65", ""),
    (15, "2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", ""),
    (15, "2080506", "机关事业单位职业年金缴费支出", "80.38", "80.38", ""),
    (15, "2080599", "其他行政事业单位养老支出", "0.94", "0.94", ""),
    (15, "210", "卫生健康支出", "60.99", "60.99", ""),
    (15, "21011", "行政事业单位医疗", "60.99", "60.99", ""),
    (15, "2101101", "行政单位医疗", "60.99", "60.99", ""),
    (15, "221", "住房保障支出", "445.69", "445.69", ""),
    (15, "22102", "住房改革支出", "445.69", "445.69", ""),
    (15, "2210201", "住房公积金", "187.19", "187.19", ""),
    (15, "2210203", "购房补贴", "258.50", "258.50", ""),
    (15, "", "合计", "2,940.05", "2,336.91", "603.14"),
]

CZJ_BASIC = [  # 一般公共预算财政拨款基本支出决算表: only the rows printing a 决算数 (the rest are empty)
    # p16, left half (人员经费)
    (16, "301", "工资福利支出", "2,082.85"),
    (16, "30101", "基本工资", "262.33"),
    (16, "30102", "津贴补贴", "1,238.58"),
    (16, "30108", "机关事业单位基本养老保险缴费", "160.75"),
    (16, "30109", "职业年金缴费", "80.38"),
    (16, "30110", "职工基本医疗保险缴费", "60.99"),
    (16, "30112", "其他社会保障缴费", "1.61"),
    (16, "30113", "住房公积金", "187.19"),
    (16, "30199", "其他工资福利支出", "91.03"),
    (16, "303", "对个人和家庭的补助", "69.41"),
    (16, "30302", "退休费", "69.10"),
    # p16, right half (公用经费)
    (16, "302", "商品和服务支出", "171.07"),
    (16, "30201", "办公费", "21.21"),
    (16, "30202", "印刷费", "7.61"),
    (16, "30204", "手续费", "0.09"),
    (16, "30207", "邮电费", "4.88"),
    (16, "30211", "差旅费", "1.20"),
    (16, "30213", "维修（护）费", "2.83"),
    (16, "30216", "培训费", "4.05"),
    # p17, after the page break
    (17, "30309", "奖励金", "0.31"),
    (17, "30226", "劳务费", "2.01"),
    (17, "30228", "工会经费", "24.42"),
    (17, "30229", "福利费", "42.77"),
    (17, "30239", "其他交通费用", "48.49"),
    (17, "30299", "其他商品和服务支出", "11.53"),
    (17, "310", "资本性支出", "13.58"),
    (17, "31002", "办公设备购置", "13.58"),
    (17, "", "人员经费合计", "2,152.26"),
    (17, "", "公用经费合计", "184.65"),
]

CZJ_THREE_PUBLIC = [  # one printed line (p18); every 决算数 is empty
    ("合计", "0.95", ""),
    ("因公出国(境)费", "", ""),
    ("公务用车购置及运行维护费", "", ""),
    ("公务用车购置费", "", ""),
    ("公务用车运行维护费", "", ""),
    ("公务接待费", "0.95", ""),
]

CZJ_CELLS = (
    sided("income_expenditure_summary", "收入", ("决算数",), CZJ_SUMMARY_IN)
    + sided("income_expenditure_summary", "支出", ("决算数",), CZJ_SUMMARY_OUT)
    + coded("income", INCOME_COLUMNS, CZJ_INCOME)
    + coded("expenditure", EXPENDITURE_COLUMNS, CZJ_EXPENDITURE)
    + sided("fiscal_summary", "收入", ("决算数",), CZJ_FISCAL_IN)
    + sided("fiscal_summary", "支出", FISCAL_OUT_COLUMNS, CZJ_FISCAL_OUT)
    + coded("general_budget_expenditure", GBE_COLUMNS, CZJ_GBE)
    + basic(CZJ_BASIC)
    + three_public(18, CZJ_THREE_PUBLIC)
)

# Non-empty numeric cells counted on the page images (independently of the rows typed above).
CZJ_COUNTS = {
    # p6: 收入 3 (一、, 八、, 本年收入合计) + 支出 5 (一、, 八、, 九、, 十九、, 本年支出合计);
    # p7: 年初结转和结余, 总计 | 年末结转和结余, 总计 = 4.
    "income_expenditure_summary": 8 + 4,
    # p8: 15 rows; 合计, 201, 20106, 2010601, 2010602 print 3 figures (+其他收入), 10 rows print 2 → 5×3 + 10×2 = 35;
    # p9: 5 rows × 2 = 10.
    "income": 35 + 10,
    # p10: 12 rows; 合计, 201, 20106, 2010601 print 3, 8 rows print 2 → 12 + 16 = 28; p11: 8 rows × 2 = 16.
    "expenditure": 28 + 16,
    # p12: 收入 1 + 支出 3 rows × 2 = 7; p13: 收入 4 (本年收入合计, 年初…, its 一、, 总计) + 支出 4 rows × 2 = 12.
    "fiscal_summary": 7 + 12,
    # p15: 19 coded rows + 合计; 4 rows × 3 (201, 20106, 2010601, 合计) + 16 rows × 2 = 44.
    "general_budget_expenditure": 12 + 32,
    # p16: 11 left (301 group 9, 303, 30302) + 8 right (302 group) = 19;
    # p17: 1 left (30309) + 7 right (30226 … 31002) + 2 totals = 10.
    "basic_expenditure": 19 + 10,
    "three_public": 2,  # p18: 合计 预算数, 公务接待费 预算数
    "government_fund": 0,  # p19: 本表无数据
    "state_capital": 0,  # p20: 本表无数据
}


# =============================================================================================
# 中共上海市普陀区委社会工作部 2024 (WPS export, "flagged"): tables on pages 5-16. Codes printed
# joined (2013901) in one column.
# =============================================================================================
SHG_SUMMARY_IN = [
    (5, "一、一般公共预算财政拨款收入", "307.82"),
    (5, "二、政府性基金预算财政拨款收入", ""),
    (5, "三、国有资本经营预算财政拨款收入", ""),
    (5, "四、上级补助收入", ""),
    (5, "五、事业收入", ""),
    (5, "六、经营收入", ""),
    (5, "七、附属单位上缴收入", ""),
    (5, "八、其他收入", ""),
    (5, "本年收入合计", "307.82"),
    (5, "使用非财政拨款结余", ""),
    (5, "年初结转和结余", ""),
    (5, "总计", "307.82"),
]
SHG_SUMMARY_OUT = [
    (5, "一、一般公共服务支出", "264.87"),
    (5, "八、社会保障和就业支出", "10.82"),
    (5, "九、卫生健康支出", "2.71"),
    (5, "十九、住房保障支出", "29.42"),
    (5, "本年支出合计", "307.82"),
    (5, "结余分配", ""),
    (5, "年末结转和结余", ""),
    (5, "总计", "307.82"),
]

SHG_INCOME = [
    (6, "", "合计", "307.82", "307.82", "", "", "", "", ""),
    (6, "201", "一般公共服务支出", "264.87", "264.87", "", "", "", "", ""),
    (6, "20139", "社会工作事务", "264.87", "264.87", "", "", "", "", ""),
    (6, "2013901", "行政运行", "51.32", "51.32", "", "", "", "", ""),
    (6, "2013950", "事业运行", "11.31", "11.31", "", "", "", "", ""),
    (6, "2013999", "其他社会工作事务支出", "202.24", "202.24", "", "", "", "", ""),
    (6, "208", "社会保障和就业支出", "10.82", "10.82", "", "", "", "", ""),
    (6, "20805", "行政事业单位养老支出", "10.82", "10.82", "", "", "", "", ""),
    (6, "2080505", "机关事业单位基本养老保险缴费支出", "6.18", "6.18", "", "", "", "", ""),
    (6, "2080506", "机关事业单位职业年金缴费支出", "4.64", "4.64", "", "", "", "", ""),
    (6, "210", "卫生健康支出", "2.71", "2.71", "", "", "", "", ""),
    (6, "21011", "行政事业单位医疗", "2.71", "2.71", "", "", "", "", ""),
    (7, "2101101", "行政单位医疗", "2.22", "2.22", "", "", "", "", ""),  # after the page break
    (7, "2101102", "事业单位医疗", "0.49", "0.49", "", "", "", "", ""),
    (7, "221", "住房保障支出", "29.42", "29.42", "", "", "", "", ""),
    (7, "22102", "住房改革支出", "29.42", "29.42", "", "", "", "", ""),
    (7, "2210201", "住房公积金", "17.70", "17.70", "", "", "", "", ""),
    (7, "2210203", "购房补贴", "11.72", "11.72", "", "", "", "", ""),
]

SHG_EXPENDITURE = [
    (8, "", "合计", "307.82", "105.58", "202.24", "", "", ""),
    (8, "201", "一般公共服务支出", "264.87", "62.63", "202.24", "", "", ""),
    (8, "20139", "社会工作事务", "264.87", "62.63", "202.24", "", "", ""),
    (8, "2013901", "行政运行", "51.32", "51.32", "", "", "", ""),
    (8, "2013950", "事业运行", "11.31", "11.31", "", "", "", ""),
    (8, "2013999", "其他社会工作事务支出", "202.24", "", "202.24", "", "", ""),
    (8, "208", "社会保障和就业支出", "10.82", "10.82", "", "", "", ""),
    (8, "20805", "行政事业单位养老支出", "10.82", "10.82", "", "", "", ""),
    (8, "2080505", "机关事业单位基本养老保险缴费支出", "6.18", "6.18", "", "", "", ""),
    (8, "2080506", "机关事业单位职业年金缴费支出", "4.64", "4.64", "", "", "", ""),
    (8, "210", "卫生健康支出", "2.71", "2.71", "", "", "", ""),
    (8, "21011", "行政事业单位医疗", "2.71", "2.71", "", "", "", ""),
    (9, "2101101", "行政单位医疗", "2.22", "2.22", "", "", "", ""),  # after the page break
    (9, "2101102", "事业单位医疗", "0.49", "0.49", "", "", "", ""),
    (9, "221", "住房保障支出", "29.42", "29.42", "", "", "", ""),
    (9, "22102", "住房改革支出", "29.42", "29.42", "", "", "", ""),
    (9, "2210201", "住房公积金", "17.70", "17.70", "", "", "", ""),
    (9, "2210203", "购房补贴", "11.72", "11.72", "", "", "", ""),
]

SHG_FISCAL_IN = [
    (10, "一、一般公共预算财政拨款", "307.82"),
    (10, "二、政府性基金预算财政拨款", ""),
    (10, "三、国有资本经营预算财政拨款", ""),
    (11, "本年收入合计", "307.82"),
    (11, "年初财政拨款结转和结余", ""),
    (11, "年初财政拨款结转和结余/一、一般公共预算财政拨款", ""),
    (11, "总计", "307.82"),
]
SHG_FISCAL_OUT = [
    (10, "一、一般公共服务支出", "264.87", "264.87", "", ""),
    (10, "八、社会保障和就业支出", "10.82", "10.82", "", ""),
    (10, "九、卫生健康支出", "2.71", "2.71", "", ""),
    (11, "十九、住房保障支出", "29.42", "29.42", "", ""),  # after the page break
    (11, "本年支出合计", "307.82", "307.82", "", ""),
    (11, "年末财政拨款结转和结余", "", "", "", ""),
    (11, "总计", "307.82", "307.82", "", ""),
]

SHG_GBE = [
    (12, "201", "一般公共服务支出", "264.87", "62.63", "202.24"),
    (12, "20139", "社会工作事务", "264.87", "62.63", "202.24"),
    (12, "2013901", "行政运行", "51.32", "51.32", ""),
    (12, "2013950", "事业运行", "11.31", "11.31", ""),
    (12, "2013999", "其他社会工作事务支出", "202.24", "", "202.24"),
    (12, "208", "社会保障和就业支出", "10.82", "10.82", ""),
    (12, "20805", "行政事业单位养老支出", "10.82", "10.82", ""),
    (12, "2080505", "机关事业单位基本养老保险缴费支出", "6.18", "6.18", ""),
    (12, "2080506", "机关事业单位职业年金缴费支出", "4.64", "4.64", ""),
    (12, "210", "卫生健康支出", "2.71", "2.71", ""),
    (12, "21011", "行政事业单位医疗", "2.71", "2.71", ""),
    (12, "2101101", "行政单位医疗", "2.22", "2.22", ""),
    (12, "2101102", "事业单位医疗", "0.49", "0.49", ""),
    (12, "221", "住房保障支出", "29.42", "29.42", ""),
    (12, "22102", "住房改革支出", "29.42", "29.42", ""),
    (12, "2210201", "住房公积金", "17.70", "17.70", ""),
    (12, "2210203", "购房补贴", "11.72", "11.72", ""),
    (12, "", "合计", "307.82", "105.58", "202.24"),
]

SHG_BASIC = [  # one page (p13); every row prints a figure, most of them 0.00
    (13, "301", "工资福利支出", "95.36"),
    (13, "30101", "基本工资", "14.12"),
    (13, "30102", "津贴补贴", "39.72"),
    (13, "30103", "奖金", "0.00"),
    (13, "30106", "伙食补助费", "0.00"),
    (13, "30107", "绩效工资", "10.16"),
    (13, "30108", "机关事业单位基本养老保险缴费", "6.18"),
    (13, "30109", "职业年金缴费", "4.64"),
    (13, "30110", "职工基本医疗保险缴费", "2.71"),
    (13, "30111", "公务员医疗补助缴费", "0.00"),
    (13, "30112", "其他社会保障缴费", "0.09"),
    (13, "30113", "住房公积金", "17.70"),
    (13, "30114", "医疗费", "0.00"),
    (13, "30199", "其他工资福利支出", "0.04"),
    (13, "303", "对个人和家庭的补助", "0.00"),
    (13, "30301", "离休费", "0.00"),
    (13, "30302", "退休费", "0.00"),
    (13, "30303", "退职（役）费", "0.00"),
    (13, "30304", "抚恤金", "0.00"),
    (13, "30305", "生活补助", "0.00"),
    (13, "30306", "救济费", "0.00"),
    (13, "30307", "医疗费补助", "0.00"),
    (13, "30308", "助学金", "0.00"),
    (13, "30309", "奖励金", "0.00"),
    (13, "30310", "个人农业生产补贴", "0.00"),
    (13, "30311", "代缴社会保险费", "0.00"),
    (13, "30399", "其他对个人和家庭的补助", "0.00"),
    (13, "302", "商品和服务支出", "10.23"),
    (13, "30201", "办公费", "3.78"),
    (13, "30202", "印刷费", "0.00"),
    (13, "30203", "咨询费", "0.00"),
    (13, "30204", "手续费", "0.00"),
    (13, "30205", "水费", "0.00"),
    (13, "30206", "电费", "0.00"),
    (13, "30207", "邮电费", "0.00"),
    (13, "30208", "取暖费", "0.00"),
    (13, "30209", "物业管理费", "0.00"),
    (13, "30211", "差旅费", "1.15"),
    (13, "30212", "因公出国（境）费用", "0.00"),
    (13, "30213", "维修（护）费", "0.02"),
    (13, "30214", "租赁费", "0.00"),
    (13, "30215", "会议费", "0.00"),
    (13, "30216", "培训费", "0.00"),
    (13, "30217", "公务接待费", "0.00"),
    (13, "30218", "专用材料费", "0.00"),
    (13, "30224", "被装购置费", "0.00"),
    (13, "30225", "专用燃料费", "0.00"),
    (13, "30226", "劳务费", "0.68"),
    (13, "30227", "委托业务费", "0.48"),
    (13, "30228", "工会经费", "0.00"),
    (13, "30229", "福利费", "1.48"),
    (13, "30231", "公务用车运行维护费", "0.00"),
    (13, "30239", "其他交通费用", "2.43"),
    (13, "30240", "税金及附加费用", "0.00"),
    (13, "30299", "其他商品和服务支出", "0.20"),
    (13, "310", "资本性支出", "0.00"),
    (13, "31001", "房屋建筑物购建", "0.00"),
    (13, "31002", "办公设备购置", "0.00"),
    (13, "31003", "专用设备购置", "0.00"),
    (13, "31007", "信息网络及软件购置更新", "0.00"),
    (13, "31013", "公务用车购置", "0.00"),
    (13, "31019", "其他交通工具购置", "0.00"),
    (13, "31021", "文物和陈列品购置", "0.00"),
    (13, "31022", "无形资产购置", "0.00"),
    (13, "31099", "其他资本性支出", "0.00"),
    (13, "", "人员经费合计", "95.36"),
    (13, "", "公用经费合计", "10.23"),
]

SHG_CELLS = (
    sided("income_expenditure_summary", "收入", ("决算数",), SHG_SUMMARY_IN)
    + sided("income_expenditure_summary", "支出", ("决算数",), SHG_SUMMARY_OUT)
    + coded("income", INCOME_COLUMNS, SHG_INCOME)
    + coded("expenditure", EXPENDITURE_COLUMNS, SHG_EXPENDITURE)
    + sided("fiscal_summary", "收入", ("决算数",), SHG_FISCAL_IN)
    + sided("fiscal_summary", "支出", FISCAL_OUT_COLUMNS, SHG_FISCAL_OUT)
    + coded("general_budget_expenditure", GBE_COLUMNS, SHG_GBE)
    + basic(SHG_BASIC)
)

SHG_COUNTS = {
    # p5: 收入 3 (一、, 本年收入合计, 总计) + 支出 6 (一、, 八、, 九、, 十九、, 本年支出合计, 总计).
    "income_expenditure_summary": 3 + 6,
    # p6: 12 rows × 2 (本年收入合计, 财政拨款收入) = 24; p7: 6 rows × 2 = 12.
    "income": 24 + 12,
    # p8: 12 rows; 合计, 201, 20139 print 3, 9 rows print 2 → 9 + 18 = 27; p9: 6 rows × 2 = 12.
    "expenditure": 27 + 12,
    # p10: 收入 1 + 支出 3 rows × 2 = 7; p11: 收入 2 (本年收入合计, 总计) + 支出 3 rows × 2 = 8.
    "fiscal_summary": 7 + 8,
    # p12: 17 coded rows + 合计; 201, 20139, 合计 print 3, 15 rows print 2 → 9 + 30 = 39.
    "general_budget_expenditure": 9 + 30,
    # p13: left 27 rows (301 + 13 款, 303 + 12 款), right 38 rows (302 + 27 款, 310 + 9 款),
    # every one printed (mostly 0.00), + 人员经费合计 + 公用经费合计 → 27 + 38 + 2 = 67.
    "basic_expenditure": 27 + 38 + 2,
    "three_public": 0,  # p14: 本表无数据 ("没有财政拨款“三公”经费支出")
    "government_fund": 0,  # p15: 本表无数据
    "state_capital": 0,  # p16: 本表无数据
}

DOCS = {
    CAIZHENGJU: {"department": "上海市普陀区财政局", "cells": CZJ_CELLS, "counts": CZJ_COUNTS},
    SHEHUI: {"department": "中共上海市普陀区委社会工作部", "cells": SHG_CELLS, "counts": SHG_COUNTS},
}


# ---------------------------------------------------------------------------------------------
_LOADED: dict = {}


def doc_of(name: str):
    path = RAW / name
    if not path.exists():
        pytest.skip(f"{path} is absent from ../shared/corpus/raw")
    if name not in _LOADED:
        _LOADED[name] = juesuan.load(path)
    return _LOADED[name]


@pytest.fixture(scope="module", autouse=True)
def _forget_loaded():
    yield
    _LOADED.clear()


def matching(facts, cell: Cell):
    return facts[
        (facts["table"] == cell.table)
        & (facts["side"] == cell.side)
        & (facts["code"] == cell.code)
        & (facts["item"] == cell.item)
        & (facts["column"] == cell.column)
    ]


def typed(cells, table, code="", item=None, column="合计", side=""):
    """A typed figure (in 元) by its key, for the ties below: the hand-typed constants, not facts."""
    found = [
        c for c in cells
        if c.table == table and c.side == side and c.code == code and c.column == column and (item is None or c.item == item)
    ]
    assert len(found) == 1, (table, side, code, item, column, found)
    return wan(found[0].printed)


# =============================================================================================
# Tests
# =============================================================================================
@pytest.mark.parametrize("name", list(DOCS))
def test_meta(name):
    doc = doc_of(name)
    meta = doc.meta
    assert meta["department"] == DOCS[name]["department"]
    assert meta["year"] == 2024
    assert meta["kind"] == "决算"
    assert meta["layout"] == "shanghai"
    assert meta["unit"] == "万元"
    assert set(meta["tables"]) == set(TABLES)
    for key in TABLES:
        assert meta["tables"][key]["unit"] == "万元", key
    assert set(doc.facts["unit_source"]) == {"万元"}


@pytest.mark.parametrize("name", list(DOCS))
def test_hand_counts_agree_with_typed_cells(name):
    """My own check: the figures typed row by row are as many as those counted on the pages."""
    per_table = Counter(c.table for c in DOCS[name]["cells"])
    assert {t: per_table.get(t, 0) for t in TABLES} == DOCS[name]["counts"]
    keys = [c.key for c in DOCS[name]["cells"]]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]


@pytest.mark.parametrize("name,table", [(n, t) for n in DOCS for t in TABLES])
def test_every_printed_figure(name, table):
    """Each typed figure is exactly one fact with the printed value (in 元), page, unit and decimals;
    no fact of the table is missing from the pages, none is invented."""
    doc = doc_of(name)
    facts = doc.table(table)
    cells = [c for c in DOCS[name]["cells"] if c.table == table]
    problems = []
    for cell in cells:
        rows = matching(facts, cell)
        key = f"{table} side={cell.side!r} code={cell.code!r} item={cell.item!r} column={cell.column!r}"
        if len(rows) != 1:
            problems.append(f"{key}: {len(rows)} facts (printed {cell.printed} on p{cell.page})")
            continue
        fact = rows.iloc[0]
        if fact["value"] != wan(cell.printed):
            problems.append(f"{key}: printed {cell.printed} 万元 = {wan(cell.printed)} 元, fact {fact['value']}")
        if fact["page"] != cell.page:
            problems.append(f"{key}: printed on p{cell.page}, fact page {fact['page']}")
        if fact["unit_source"] != "万元" or fact["decimals"] != 2:
            problems.append(f"{key}: unit_source {fact['unit_source']!r}, decimals {fact['decimals']} (printed 万元, 2)")
    typed_keys = {c.key for c in cells}
    for _, fact in facts.iterrows():
        key = (fact["table"], fact["side"], fact["code"], fact["item"], fact["column"])
        if key not in typed_keys:
            problems.append(f"not printed: {key} = {fact['value']} (p{fact['page']})")
    if len(facts) != DOCS[name]["counts"][table]:
        problems.append(f"{table}: {len(facts)} facts, {DOCS[name]['counts'][table]} figures counted on the pages")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", list(DOCS))
def test_empty_tables(name):
    meta = doc_of(name).meta
    empty = [t for t in TABLES if DOCS[name]["counts"][t] == 0]
    assert empty, name
    for table in empty:
        assert meta["tables"][table]["status"] == "empty", table
        assert meta["tables"][table]["facts"] == 0, table
        assert len(doc_of(name).table(table)) == 0, table
    for table in set(TABLES) - set(empty):
        assert meta["tables"][table]["status"] == "ok", table
        assert meta["tables"][table]["facts"] == DOCS[name]["counts"][table], table


def test_pages_across_page_breaks():
    """Rows printed after a page break carry the next page (spot checks, besides every cell above)."""
    czj = doc_of(CAIZHENGJU)
    shg = doc_of(SHEHUI)

    def page(doc, table, **key):
        rows = doc.table(table)
        for column, wanted in key.items():
            rows = rows[rows[column] == wanted]
        assert len(rows) >= 1, (table, key)
        assert rows["page"].nunique() == 1, (table, key, rows["page"].tolist())
        return rows["page"].iloc[0]

    assert page(czj, "income", code="21011") == 8 and page(czj, "income", code="2101101") == 9
    assert page(czj, "expenditure", code="2080506") == 10 and page(czj, "expenditure", code="2080599") == 11
    assert page(czj, "income_expenditure_summary", side="收入", item="本年收入合计") == 6
    assert page(czj, "income_expenditure_summary", side="收入", item="总计") == 7
    assert page(czj, "fiscal_summary", side="支出", item="九、卫生健康支出") == 12
    assert page(czj, "fiscal_summary", side="支出", item="十九、住房保障支出") == 13
    assert page(czj, "basic_expenditure", code="30216") == 16 and page(czj, "basic_expenditure", code="30309") == 17
    assert page(czj, "basic_expenditure", item="人员经费合计") == 17
    assert page(shg, "income", code="21011") == 6 and page(shg, "income", code="2101101") == 7
    assert page(shg, "expenditure", code="21011") == 8 and page(shg, "expenditure", code="2101102") == 9
    assert page(shg, "fiscal_summary", side="支出", item="十九、住房保障支出") == 11


def test_ties_caizhengju():
    """Internal ties of the typed constants, table by table (checks my typing). Where the printed
    document does not tie, the difference is asserted as printed."""
    c = CZJ_CELLS
    s = lambda table, side, item, column="决算数": typed(c, table, item=item, column=column, side=side)  # noqa: E731
    # 收入支出决算总表
    t = "income_expenditure_summary"
    assert s(t, "收入", "一、一般公共预算财政拨款收入") + s(t, "收入", "八、其他收入") == s(t, "收入", "本年收入合计")
    assert s(t, "收入", "本年收入合计") + s(t, "收入", "年初结转和结余") == s(t, "收入", "总计") == s(t, "支出", "总计")
    assert (s(t, "支出", "一、一般公共服务支出") + s(t, "支出", "八、社会保障和就业支出") + s(t, "支出", "九、卫生健康支出")
            + s(t, "支出", "十九、住房保障支出")) == s(t, "支出", "本年支出合计")
    assert s(t, "支出", "本年支出合计") + s(t, "支出", "年末结转和结余") == s(t, "支出", "总计")
    # 收入决算表: the 项 rows tie to their 款, each row ties across; the 类 rows add to 合计 + 0.01
    t = "income"
    assert typed(c, t, "2010601", column="本年收入合计") == typed(c, t, "2010601", column="财政拨款收入") + typed(c, t, "2010601", column="其他收入")
    assert sum(typed(c, t, k, column="本年收入合计") for k in ("2010601", "2010602", "2010607", "2010608")) == typed(c, t, "20106", column="本年收入合计")
    assert sum(typed(c, t, k, column="本年收入合计") for k in ("2080501", "2080505", "2080506", "2080599")) == typed(c, t, "20805", column="本年收入合计")
    assert typed(c, t, "", column="其他收入") == typed(c, t, "201", column="其他收入")
    classes = sum(typed(c, t, k, column="本年收入合计") for k in ("201", "208", "210", "221"))
    assert classes == typed(c, t, "", column="本年收入合计") + wan("0.01")  # printed 2,946.25; rows add to 2,946.26
    # 支出决算表
    t = "expenditure"
    assert typed(c, t, "", column="基本支出") + typed(c, t, "", column="项目支出") == typed(c, t, "", column="本年支出合计")
    assert sum(typed(c, t, k, column="项目支出") for k in ("2010601", "2010602", "2010607", "2010608")) == typed(c, t, "", column="项目支出")
    classes = sum(typed(c, t, k, column="基本支出") for k in ("201", "208", "210", "221"))
    assert classes == typed(c, t, "", column="基本支出") + wan("0.01")  # printed 2,336.91; rows add to 2,336.92
    # 财政拨款收入支出决算总表
    t = "fiscal_summary"
    out = sum(s(t, "支出", i, "合计") for i in ("一、一般公共服务支出", "八、社会保障和就业支出", "九、卫生健康支出", "十九、住房保障支出"))
    assert out == s(t, "支出", "本年支出合计", "合计") == s(t, "收入", "本年收入合计")
    assert s(t, "收入", "本年收入合计") + s(t, "收入", "年初财政拨款结转和结余") == s(t, "收入", "总计")
    assert s(t, "支出", "本年支出合计", "合计") + s(t, "支出", "年末财政拨款结转和结余", "合计") == s(t, "支出", "总计", "合计")
    # 一般公共预算财政拨款支出决算表
    t = "general_budget_expenditure"
    assert typed(c, t, "", item="合计", column="基本支出") + typed(c, t, "", item="合计", column="项目支出") == typed(c, t, "", item="合计")
    assert sum(typed(c, t, k) for k in ("2210201", "2210203")) == typed(c, t, "22102")
    assert sum(typed(c, t, k) for k in ("201", "208", "210", "221")) == typed(c, t, "", item="合计") + wan("0.01")  # 2,940.06 vs 2,940.05
    # 一般公共预算财政拨款基本支出决算表: 人员经费 = 301 + 303, 公用经费 = 302 + 310, their sum = 基本支出
    t = "basic_expenditure"
    assert typed(c, t, "301") + typed(c, t, "303") == typed(c, t, item="人员经费合计")
    assert typed(c, t, "302") + typed(c, t, "310") == typed(c, t, item="公用经费合计")
    assert typed(c, t, item="人员经费合计") + typed(c, t, item="公用经费合计") == typed(c, "general_budget_expenditure", "", item="合计", column="基本支出")
    assert typed(c, t, "30302") + typed(c, t, "30309") == typed(c, t, "303")
    p301 = ("30101", "30102", "30108", "30109", "30110", "30112", "30113", "30199")
    assert sum(typed(c, t, k) for k in p301) == typed(c, t, "301") + wan("0.01")  # rows 2,082.86, printed 2,082.85
    p302 = ("30201", "30202", "30204", "30207", "30211", "30213", "30216", "30226", "30228", "30229", "30239", "30299")
    assert sum(typed(c, t, k) for k in p302) == typed(c, t, "302") + wan("0.02")  # rows 171.09, printed 171.07
    # 三公: 合计 = 因公出国 + 公务用车 + 公务接待 (预算数; only 接待 printed)
    assert typed(c, "three_public", item="合计", column="预算数") == typed(c, "three_public", item="公务接待费", column="预算数")
    # across tables: 208 is 326.71 in the two summary tables, 326.72 elsewhere
    assert s("income_expenditure_summary", "支出", "八、社会保障和就业支出") + wan("0.01") == typed(c, "expenditure", "208", column="本年支出合计")


def test_ties_shehui():
    c = SHG_CELLS
    s = lambda table, side, item, column="决算数": typed(c, table, item=item, column=column, side=side)  # noqa: E731
    t = "income_expenditure_summary"
    out = sum(s(t, "支出", i) for i in ("一、一般公共服务支出", "八、社会保障和就业支出", "九、卫生健康支出", "十九、住房保障支出"))
    assert out == s(t, "支出", "本年支出合计") == s(t, "收入", "本年收入合计") == s(t, "收入", "总计") == s(t, "支出", "总计")
    t = "income"
    assert sum(typed(c, t, k, column="本年收入合计") for k in ("201", "208", "210", "221")) == typed(c, t, "", column="本年收入合计")
    assert sum(typed(c, t, k, column="财政拨款收入") for k in ("2013901", "2013950", "2013999")) == typed(c, t, "20139", column="财政拨款收入")
    t = "expenditure"
    assert sum(typed(c, t, k, column="基本支出") for k in ("201", "208", "210", "221")) == typed(c, t, "", column="基本支出")
    assert typed(c, t, "", column="基本支出") + typed(c, t, "", column="项目支出") == typed(c, t, "", column="本年支出合计")
    t = "fiscal_summary"
    out = sum(s(t, "支出", i, "一般公共预算财政拨款") for i in ("一、一般公共服务支出", "八、社会保障和就业支出", "九、卫生健康支出", "十九、住房保障支出"))
    assert out == s(t, "支出", "总计", "一般公共预算财政拨款") == s(t, "收入", "总计") == s(t, "收入", "一、一般公共预算财政拨款")
    t = "general_budget_expenditure"
    assert sum(typed(c, t, k) for k in ("2101101", "2101102")) == typed(c, t, "21011")
    assert sum(typed(c, t, k) for k in ("201", "208", "210", "221")) == typed(c, t, "", item="合计")
    assert sum(typed(c, t, k, column="基本支出") for k in ("201", "208", "210", "221")) == typed(c, t, "", item="合计", column="基本支出")
    t = "basic_expenditure"
    p301 = ("30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111", "30112", "30113", "30114", "30199")
    assert sum(typed(c, t, k) for k in p301) == typed(c, t, "301")
    assert typed(c, t, "301") + typed(c, t, "303") == typed(c, t, item="人员经费合计")
    assert typed(c, t, "302") + typed(c, t, "310") == typed(c, t, item="公用经费合计")
    p302 = [code for _, code, _, _ in SHG_BASIC if code.startswith("302") and len(code) == 5]
    assert len(p302) == 27
    assert sum(typed(c, t, k) for k in p302) + wan("0.01") == typed(c, t, "302")  # rows 10.22, printed 10.23
    # the document's inconsistency: 人员经费 + 公用经费 = 105.59, but 基本支出 is printed 105.58
    basic_total = typed(c, t, item="人员经费合计") + typed(c, t, item="公用经费合计")
    assert basic_total == typed(c, "general_budget_expenditure", "", item="合计", column="基本支出") + wan("0.01")
    assert basic_total == typed(c, "expenditure", "", column="基本支出") + wan("0.01")


def test_template_has_the_nine_tables_all_empty():
    doc = doc_of(TEMPLATE)
    assert doc.meta["layout"] == "shanghai"
    assert doc.meta["department"] == "上海市XX局"
    assert doc.meta["year"] == 2024
    assert doc.meta["kind"] == "决算"
    assert len(doc.facts) == 0
    assert set(doc.meta["tables"]) == set(TABLES)
    for key in TABLES:
        assert doc.meta["tables"][key]["status"] == "empty", key
        assert doc.meta["tables"][key]["facts"] == 0, key
