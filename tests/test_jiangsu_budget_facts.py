"""Jiangsu provincial 部门预算 PDFs (2017–2019, layout jiangsu_budget) against the pages as printed.

Expected figures were read off the page images (pdftoppm at 80–100 dpi) and typed by hand; page
numbers are in the comments. Figures are printed in 万元 with two decimals; `wan("17,981.68")` is
the printed figure in 元. The count of numeric cells per table is made independently of juesuan's
grids with `pdftotext -layout` on the table's pages. Parse defects found by the budget relations
have their regression tests in test_jiangsu_budget_issues.py.
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from juesuan.layouts import get
from juesuan.locate import match_title

from conftest import shared_raw, wan

LAYOUT = get("jiangsu_budget")




def value(doc, table, item, side="", code=None):
    f = doc.table(table)
    f = f[(f["item"] == item) & (f["side"] == side)]
    if code is not None:
        f = f[f["code"] == code]
    assert len(f) == 1, (table, side, code, item, f)
    return f.iloc[0]


# --- jiangsu_jianchayuan_2017_yusuan.pdf (titles 一、收支预算总表 …, no 公开NN表 labels) -------------
J17 = "jiangsu_jianchayuan_2017_yusuan.pdf"
J17_CELLS = [  # (table, side, code, item, printed, page)
    # 收支预算总表 p10: 收入 | 支出 by 功能分类 | 支出 by 支出用途
    ("income_expenditure_summary", "收入", "", "一、财政拨款", "17,981.68", 10),
    ("income_expenditure_summary", "收入", "", "1.一般公共预算", "17,981.68", 10),
    ("income_expenditure_summary", "收入", "", "三、其他资金", "15.00", 10),
    ("income_expenditure_summary", "收入", "", "当年收入小计", "17,996.68", 10),
    ("income_expenditure_summary", "收入", "", "收入合计", "17,996.68", 10),
    ("income_expenditure_summary", "支出", "", "四、公共安全支出", "13,656.34", 10),
    ("income_expenditure_summary", "支出", "", "八、社会保障和就业支出", "2,021.18", 10),
    ("income_expenditure_summary", "支出", "", "十八、住房保障支出", "2,319.16", 10),
    ("income_expenditure_summary", "支出", "", "当年支出小计", "17,996.68", 10),
    ("income_expenditure_summary", "支出", "", "支出合计", "17,996.68", 10),
    ("income_expenditure_summary", "支出用途", "", "一、基本支出", "12,323.48", 10),
    ("income_expenditure_summary", "支出用途", "", "二、项目支出", "5,533.00", 10),
    ("income_expenditure_summary", "支出用途", "", "三、单位预留机动经费", "140.20", 10),
    # 收入预算总表 p11
    ("income", "", "", "收入总计", "17,996.68", 11),
    ("income", "", "", "一般公共预算资金", "17,981.68", 11),
    ("income", "", "", "一般公共预算资金/公共财政拨款(补助)资金", "17,981.68", 11),
    ("income", "", "", "其他资金", "15.00", 11),
    ("income", "", "", "其他资金/其他收入", "15.00", 11),
    # 支出预算总表 p11
    ("expenditure", "", "", "合计", "17,996.68", 11),
    ("expenditure", "", "", "基本支出", "12,323.48", 11),
    ("expenditure", "", "", "项目支出", "5,533.00", 11),
    ("expenditure", "", "", "单位预留机动经费", "140.20", 11),
    # 财政拨款收支预算总表 p11–12
    ("fiscal_summary", "收入", "", "一、一般公共预算", "17,981.68", 11),
    ("fiscal_summary", "支出", "", "一、基本支出", "12,308.48", 11),
    ("fiscal_summary", "支出", "", "二、项目支出", "5,533.00", 12),
    ("fiscal_summary", "支出", "", "三、单位预留机动经费", "140.20", 12),
    ("fiscal_summary", "收入", "", "收入合计", "17,981.68", 12),
    ("fiscal_summary", "支出", "", "支出合计", "17,981.68", 12),
    # 财政拨款支出预算表 p12 (sample)
    ("fiscal_expenditure", "", "", "合计", "17,981.68", 12),
    ("fiscal_expenditure", "", "204", "公共安全支出", "13,641.34", 12),
    ("fiscal_expenditure", "", "2040401", "行政运行", "7,968.14", 12),
    ("fiscal_expenditure", "", "2210202", "提租补贴", "1,534.94", 12),
    # 财政拨款基本支出预算表 p12 (sample)
    ("fiscal_basic_economic", "", "", "合计", "12,308.48", 12),
    ("fiscal_basic_economic", "", "301", "工资福利支出", "5,343.83", 12),
    ("fiscal_basic_economic", "", "30101", "基本工资", "2,010.25", 12),
    # 一般公共预算基本支出预算表, continued on p15 (sample)
    ("basic_expenditure", "", "303", "对个人和家庭的补助", "4,366.59", 15),
    ("basic_expenditure", "", "30312", "提租补贴", "1,534.94", 15),
    # 机关运行经费 p15 (sample)
    ("running_costs", "", "", "合计", "6,032.55", 15),
    ("running_costs", "", "302", "商品和服务支出", "5,890.55", 15),
    ("running_costs", "", "30211", "差旅费", "1,070.00", 15),
    # “三公”经费、会议费、培训费 p16: one row
    ("three_public", "", "", "总计", "1,452.35", 16),
    ("three_public", "", "", "合计", "584.35", 16),
    ("three_public", "", "", "因公出国(境)费", "110.00", 16),
    ("three_public", "", "", "公务用车购置及运行维护费", "317.80", 16),
    ("three_public", "", "", "公务用车购置费", "50.00", 16),
    ("three_public", "", "", "公务用车运行维护费", "267.80", 16),
    ("three_public", "", "", "公务接待费", "156.55", 16),
    ("three_public", "", "", "会议费", "168.00", 16),
    ("three_public", "", "", "培训费", "700.00", 16),
    # 政府采购支出预算表 p16 (sample)
    ("procurement", "", "", "合计", "2,889.80", 16),
    ("procurement", "", "", "一、货物A", "334.00", 16),
    ("procurement", "", "", "一、货物A/办公、办案设备更新购置费/办公设备购置", "120.00", 16),
]


@pytest.mark.parametrize("table,side,code,item,printed,page", J17_CELLS)
def test_jianchayuan_2017_cells(docs, table, side, code, item, printed, page):
    row = value(docs(J17), table, item, side, code)
    assert (row["value"], row["page"], row["unit_source"], row["decimals"]) == (wan(printed), page, "万元", 2)


def test_jianchayuan_2017_ties_and_meta(docs):
    doc = docs(J17)
    assert (doc.meta["layout"], doc.meta["kind"], doc.meta["department"], doc.meta["year"]) == (
        "jiangsu_budget", "预算", "江苏省人民检察院", 2017)
    # p10: both 支出 blocks add up to the printed 当年支出小计 17,996.68
    assert wan("13,656.34") + wan("2,021.18") + wan("2,319.16") == wan("17,996.68")
    assert wan("12,323.48") + wan("5,533.00") + wan("140.20") == wan("17,996.68")
    # p16: 总计 = 三公 小计 + 会议费 + 培训费
    assert wan("584.35") + wan("168.00") + wan("700.00") == wan("1,452.35")
    assert doc.meta["tables"]["government_fund"]["status"] == "empty"  # p13 prints 合计 without a figure


# --- one 2018 and one 2019 file: the 收支预算总表 in full, 三公 (2018) -------------------------------
ZX18, ZX19 = "jiangsu_zhengxie-bangongting_2018_yusuan-tables.pdf", "jiangsu_zhengxie-bangongting_2019_yusuan-tables.pdf"
SUMMARY_CELLS = {
    ZX18: [  # p1, labelled 公开01表
        ("收入", "一、财政拨款", "10,070.48"), ("收入", "1.一般公共预算", "10,070.48"), ("收入", "三、其他资金", "80.00"),
        ("收入", "当年收入小计", "10,150.48"), ("收入", "收入合计", "10,150.48"),
        ("支出", "一、一般公共服务支出", "7,827.46"), ("支出", "八、社会保障和就业支出", "823.76"),
        ("支出", "十八、住房保障支出", "1,499.26"), ("支出", "当年支出小计", "10,150.48"), ("支出", "支出合计", "10,150.48"),
        ("支出用途", "一、基本支出", "5,678.17"), ("支出用途", "二、项目支出", "3,314.68"),
        ("支出用途", "三、单位预留机动经费", "1,157.63"),
    ],
    ZX19: [  # p1, labelled 公开01表
        ("收入", "一、财政拨款", "13,297.11"), ("收入", "1.一般公共预算", "13,297.11"), ("收入", "三、其他资金", "80.00"),
        ("收入", "当年收入小计", "13,377.11"), ("收入", "收入合计", "13,377.11"),
        ("支出", "一、一般公共服务支出", "10,271.56"), ("支出", "八、社会保障和就业支出", "858.51"),
        ("支出", "十八、住房保障支出", "2,247.04"), ("支出", "当年支出小计", "13,377.11"), ("支出", "支出合计", "13,377.11"),
        ("支出用途", "一、基本支出", "6,522.75"), ("支出用途", "二、项目支出", "4,968.34"),
        ("支出用途", "三、单位预留机动经费", "1,886.02"),
    ],
}
ZX18_THREE_PUBLIC = [  # p9, 公开09表: 合计 | 三公 小计, 出国, 车 小计, 购置 (empty), 运行维护, 接待 | 会议费 | 培训费
    ("总计", "1,656.86"), ("合计", "675.10"), ("因公出国(境)费", "106.00"), ("公务用车购置及运行维护费", "156.60"),
    ("公务用车运行维护费", "156.60"), ("公务接待费", "412.50"), ("会议费", "884.16"), ("培训费", "97.60"),
]


@pytest.mark.parametrize("name", [ZX18, ZX19])
def test_summary_cells(docs, name):
    doc = docs(name)
    table = doc.table("income_expenditure_summary")
    assert len(table) == len(SUMMARY_CELLS[name])  # every printed figure, nothing more
    for side, item, printed in SUMMARY_CELLS[name]:
        row = value(doc, "income_expenditure_summary", item, side)
        assert (row["value"], row["page"]) == (wan(printed), 1), (side, item)
    assert doc.meta["tables"]["income_expenditure_summary"]["label"] == "公开01表"


def test_zhengxie_2018_three_public(docs):
    doc = docs(ZX18)
    assert {r.item: r.value for r in doc.table("three_public").itertuples()} == {i: wan(p) for i, p in ZX18_THREE_PUBLIC}
    assert wan("675.10") + wan("884.16") + wan("97.60") == wan("1,656.86")
    assert wan("106.00") + wan("156.60") + wan("412.50") == wan("675.10")


# --- numeric cells per table against pdftotext -layout ---------------------------------------------
_FIGURE = re.compile(r"(?<![\d,.])-?\d{1,3}(?:,\d{3})*\.\d+(?![\d,.])|(?<![\d,.])-?\d+\.\d+(?![\d,.])")


def pdftotext_counts(path, pages: dict[str, list[int]]) -> dict[str, int]:
    """Figures (numbers with decimals) printed between one table's title and the next title or the
    running text that follows; page numbers (bare integers) are not figures."""
    counts: dict[str, int] = {}
    first, last = min(p for ps in pages.values() for p in ps), max(p for ps in pages.values() for p in ps)
    text = subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [line for line in text.splitlines() if line.strip()]
    key = None
    for index, line in enumerate(lines):
        joined = line + (lines[index + 1] if index + 1 < len(lines) else "")
        found = match_title(line, LAYOUT) or (None if index + 1 < len(lines) and match_title(lines[index + 1], LAYOUT)
                                              else match_title(joined, LAYOUT))
        if found:
            key = found[0].key
            continue
        if re.search(r"[，。；]", line):  # running text after the last table
            key = None
        if key is not None and not re.fullmatch(r"\s*\d+\s*", line):
            counts[key] = counts.get(key, 0) + len(_FIGURE.findall(line))
    return counts


@pytest.mark.parametrize("name", [J17, ZX18, ZX19, "jiangsu_jianchayuan_2018_yusuan.pdf"])
def test_numeric_cells_match_pdftotext(docs, name):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; `make test` installs it")
    doc = docs(name)
    tables = {k: t for k, t in doc.meta["tables"].items() if t.get("pages")}
    counts = pdftotext_counts(shared_raw(name), {k: t["pages"] for k, t in tables.items()})
    assert {k: t["facts"] for k, t in tables.items()} == {k: counts.get(k, 0) for k in tables}


# --- every other Jiangsu budget file ---------------------------------------------------------------
# (file, department, year, tables placed, facts read by juesuan (a regression count, not hand-made),
#  收入合计 and 支出合计 of the 收支预算总表 read from the page image)
OTHERS = [
    pytest.param("jiangsu_jianchayuan_2018_yusuan.pdf", "江苏省人民检察院", 2018, 12, 194, "21,955.35"),  # p14
    pytest.param("jiangsu_jianchayuan_2019_yusuan.pdf", "江苏省人民检察院", 2019, 12, 187, "24,169.74"),  # p14
    pytest.param("jiangsu_renda-bangongting_2017_yusuan.pdf", "江苏省人大常委会办公厅", 2017, 12, 162, "13,649.07"),  # p9
    pytest.param("jiangsu_renda-bangongting_2018_yusuan.pdf", "江苏省人大常委会办公厅", 2018, 12, 158, "15897.44"),  # p8
    pytest.param("jiangsu_renda-bangongting_2019_yusuan-tables.pdf", "江苏省人大常委会办公厅", 2019, 12, 163, "18,330.37"),  # p1
    pytest.param("jiangsu_shengwei-bangongting_2017_yusuan-tables.pdf", "中国共产党江苏省委员会办公厅", 2017, 12, 187, "20,849.45"),  # p1
    pytest.param("jiangsu_shengwei-bangongting_2018_yusuan-tables.pdf", "中共江苏省委办公厅", 2018, 12, 178, "24,458.43"),  # p3
    pytest.param("jiangsu_shengwei-bangongting_2019_yusuan-tables.pdf", "中共江苏省委办公厅", 2019, 12, 181, "27,664.22"),  # p1
    pytest.param("jiangsu_zhengxie-bangongting_2017_yusuan-tables.pdf", "江苏省政协办公厅", 2017, 12, 175, "9,146.79"),  # p1
]


@pytest.mark.parametrize("name,department,year,placed,facts,total", OTHERS)
def test_other_files(docs, name, department, year, placed, facts, total):
    doc = docs(name)
    tables = doc.meta["tables"]
    assert (doc.meta["layout"], doc.meta["kind"], doc.meta["year"]) == ("jiangsu_budget", "预算", year)
    assert sum(t["status"] in ("ok", "empty") for t in tables.values()) == placed
    assert len(doc.facts) == facts
    assert value(doc, "income_expenditure_summary", "收入合计", "收入")["value"] == wan(total)
    assert value(doc, "income_expenditure_summary", "支出合计", "支出")["value"] == wan(total)
    assert doc.meta["department"] == department
