"""Real Shanghai 部门/单位预算 PDFs (layout `shanghai_budget`) against the pages as printed.

Every expected figure below was read off the pages rendered as images (`pdftoppm -r 80`) and typed
by hand; nothing comes from juesuan's output. Figures are printed in 元 (`2,049,197.00`, or without
decimals: `171,915,169`), except the 三公 table, printed in 万元: `wan("0.95")` is its value in 元.

For the four documents read in detail, each table's facts are also counted against the numeric cells
`pdftotext -layout` prints on that table's pages (class-code columns 类 款 项 left out; the page is
read down to the first line of running text, which ends a table).

Oddities of the documents themselves (asserted as printed):
* 万里街道 2024 prints a full 三公 table and under it "本表为空表" (the note is kept, the figures read).
* 财政局 2025 (部门) notes its empty 国有资本经营 table as "无政府性基金预算…故本表为空表".
"""
from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal

import pytest

import juesuan

from conftest import shared_raw

CZJ = "shanghai-putuo_caizhengju_2025_yusuan-dept.pdf"
SWW_UNIT = "shanghai-putuo_shangwuwei_2025_yusuan-unit.pdf"
CITY = "shanghai-city_caizhengju_2025_yusuan-unit.pdf"
WANLI = "shanghai-putuo_wanli-jiedao_2025_yusuan-dept.pdf"

TABLES = (
    "income_expenditure_summary", "income", "expenditure", "fiscal_summary", "general_budget_expenditure",
    "government_fund", "state_capital", "basic_expenditure", "three_public",
)
EMPTY = ("government_fund", "state_capital")


def yuan(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


def wan(printed: str) -> Decimal:
    return Decimal(printed.replace(",", "")) * 10000


_DOCS: dict[str, juesuan.Document] = {}


def doc(name: str) -> juesuan.Document:
    if name not in _DOCS:
        _DOCS[name] = juesuan.load(shared_raw(name))
    return _DOCS[name]


def value(d, table, item, column, code="", side=""):
    rows = d.facts[(d.facts["table"] == table) & (d.facts["item"] == item) & (d.facts["column"] == column)
                   & (d.facts["code"] == code) & (d.facts["side"] == side)]
    assert len(rows) == 1, (table, code, item, column, side, len(rows))
    return rows.iloc[0]


# (table, side, code, item, column, printed, page, unit) — read off the page images
def rows(table, page, entries, side="", unit="元"):
    return [(table, side, code, item, column, printed, page, unit) for code, item, column, printed in entries]


HAND = {
    CZJ: {
        "pages": {"income_expenditure_summary": [9], "income": [10, 11], "expenditure": [12, 13], "fiscal_summary": [14],
                  "general_budget_expenditure": [15, 16], "government_fund": [17], "state_capital": [18],
                  "basic_expenditure": [19, 20], "three_public": [21]},
        "cells": [
            *rows("income_expenditure_summary", 9, [("", "一、财政拨款收入", "本年预算数", "31,214,205.80"),
                                                     ("", "1.一般公共预算资金", "本年预算数", "31,214,205.80"),
                                                     ("", "收入总计", "本年预算数", "31,214,205.80")], side="收入"),
            *rows("income_expenditure_summary", 9, [("", "二、社会保障和就业支出", "本年预算数", "3,508,644.00"),
                                                     ("", "四、住房保障支出", "本年预算数", "4,736,957.00"),
                                                     ("", "支出总计", "本年预算数", "31,214,205.80")], side="支出"),
            *rows("income", 11, [("210", "卫生健康支出", "本年收入合计", "782,164.00"),
                                 ("2210201", "住房公积金", "财政拨款收入", "2,049,197.00"),
                                 ("", "合计", "本年收入合计", "31,214,205.80"), ("", "合计", "财政拨款收入", "31,214,205.80")]),
            *rows("expenditure", 13, [("2210203", "购房补贴", "基本支出", "2,687,760.00"),
                                      ("", "合计", "本年支出合计", "31,214,205.80"), ("", "合计", "基本支出", "25,121,091.00"),
                                      ("", "合计", "项目支出", "6,093,114.80")]),
            *rows("fiscal_summary", 14, [("", "一、一般公共预算资金", "本年预算数", "31,214,205.80"),
                                         ("", "收入总计", "本年预算数", "31,214,205.80")], side="收入"),
            *rows("fiscal_summary", 14, [("", "二、社会保障和就业支出", "合计", "3,508,644.00"),
                                         ("", "二、社会保障和就业支出", "一般公共预算财政拨款", "3,508,644.00"),
                                         ("", "支出总计", "合计", "31,214,205.80"),
                                         ("", "支出总计", "一般公共预算财政拨款", "31,214,205.80")], side="支出"),
            *rows("general_budget_expenditure", 16, [("2101101", "行政单位医疗", "基本支出", "782,164.00"),
                                                     ("", "合计", "合计", "31,214,205.80"), ("", "合计", "基本支出", "25,121,091.00"),
                                                     ("", "合计", "项目支出", "6,093,114.80")]),
            *rows("basic_expenditure", 20, [("30217", "公务接待费", "合计", "9,500.00"), ("30217", "公务接待费", "人员经费", "0.00"),
                                            ("31002", "办公设备购置", "公用经费", "90,000.00"),
                                            ("", "合计", "合计", "25,121,091.00"), ("", "合计", "人员经费", "22,826,756.00"),
                                            ("", "合计", "公用经费", "2,294,335.00")]),
            *rows("three_public", 21, [("", "合计", "本年预算数", "0.95"), ("", "公务接待费", "本年预算数", "0.95"),
                                       ("", "机关运行经费", "本年预算数", "229.43")], unit="万元"),
        ],
    },
    SWW_UNIT: {
        "pages": {"income_expenditure_summary": [9], "income": [10, 11], "expenditure": [12, 13], "fiscal_summary": [14],
                  "general_budget_expenditure": [15, 16], "government_fund": [17], "state_capital": [18],
                  "basic_expenditure": [19, 20], "three_public": [21]},
        "cells": [
            *rows("income_expenditure_summary", 9, [("", "收入总计", "本年预算数", "371,514,655.00")], side="收入"),
            *rows("income_expenditure_summary", 9, [("", "一、一般公共服务支出", "人员经费", "10,823,891.00"),
                                                     ("", "二、科学技术支出", "项目支出", "17,200,000.00"),
                                                     ("", "支出总计", "本年预算数", "371,514,655.00"),
                                                     ("", "支出总计", "人员经费", "18,120,593.00"),
                                                     ("", "支出总计", "公用经费", "1,710,062.00"),
                                                     ("", "支出总计", "项目支出", "351,684,000.00")], side="支出"),
            *rows("income", 11, [("2150899", "其他支持中小企业发展和管理支出", "财政拨款收入", "293,810,000.00"),
                                 ("", "合计", "本年收入合计", "371,514,655.00")]),
            *rows("expenditure", 13, [("2101102", "事业单位医疗", "基本支出", "249,862.00"),
                                      ("", "合计", "本年支出合计", "371,514,655.00"), ("", "合计", "基本支出", "19,830,655.00"),
                                      ("", "合计", "项目支出", "351,684,000.00")]),
            *rows("fiscal_summary", 14, [("", "收入总计", "本年预算数", "371,514,655.00")], side="收入"),
            *rows("fiscal_summary", 14, [("", "五、资源勘探工业信息等支出", "合计", "293,810,000.00"),
                                         ("", "支出总计", "一般公共预算财政拨款", "371,514,655.00")], side="支出"),
            *rows("general_budget_expenditure", 16, [("21699", "其他商业服务业等支出", "项目支出", "31,364,000.00"),
                                                     ("", "合计", "合计", "371,514,655.00"), ("", "合计", "基本支出", "19,830,655.00"),
                                                     ("", "合计", "项目支出", "351,684,000.00")]),
            *rows("basic_expenditure", 20, [("30301", "离休费", "人员经费", "251,936.00"),
                                            ("", "合计", "合计", "19,830,655.00"), ("", "合计", "人员经费", "18,120,593.00"),
                                            ("", "合计", "公用经费", "1,710,062.00")]),
            *rows("three_public", 21, [("", "合计", "本年预算数", "1.00"), ("", "公务接待费", "本年预算数", "1.00"),
                                       ("", "机关运行经费", "本年预算数", "171.01")], unit="万元"),
        ],
    },
    CITY: {
        "pages": {"income_expenditure_summary": [7], "income": [8, 9], "expenditure": [10, 11], "fiscal_summary": [12],
                  "general_budget_expenditure": [13, 14], "government_fund": [15], "state_capital": [16],
                  "basic_expenditure": [17, 18, 19], "three_public": [20]},
        "cells": [
            *rows("income_expenditure_summary", 7, [("", "一、财政拨款收入", "本年预算数", "171,915,169"),
                                                     ("", "收入总计", "本年预算数", "171,915,169")], side="收入"),
            *rows("income_expenditure_summary", 7, [("", "一、一般公共服务支出", "公用经费", "24,531,459"),
                                                     ("", "三、卫生健康支出", "项目支出", "48,000"),
                                                     ("", "支出总计", "本年预算数", "171,915,169"),
                                                     ("", "支出总计", "人员经费", "102,464,260"),
                                                     ("", "支出总计", "公用经费", "25,177,779"),
                                                     ("", "支出总计", "项目支出", "44,273,130")], side="支出"),
            *rows("income", 9, [("2109999", "其他卫生健康支出", "财政拨款收入", "48,000"),
                                ("", "合计", "本年收入合计", "171,915,169"), ("", "合计", "财政拨款收入", "171,915,169")]),
            *rows("expenditure", 11, [("210", "卫生健康支出", "项目支出", "48,000"),
                                      ("", "合计", "本年支出合计", "171,915,169"), ("", "合计", "基本支出", "127,642,039"),
                                      ("", "合计", "项目支出", "44,273,130")]),
            *rows("fiscal_summary", 12, [("", "一、一般公共预算资金", "本年预算数", "171,915,169")], side="收入"),
            *rows("fiscal_summary", 12, [("", "四、住房保障支出", "一般公共预算财政拨款", "21,800,000"),
                                         ("", "支出总计", "合计", "171,915,169")], side="支出"),
            *rows("general_budget_expenditure", 14, [("2210203", "购房补贴", "合计", "11,800,000"),
                                                     ("", "合计", "合计", "171,915,169"), ("", "合计", "基本支出", "127,642,039"),
                                                     ("", "合计", "项目支出", "44,273,130")]),
            *rows("basic_expenditure", 19, [("30302", "退休费", "人员经费", "3,514,000"), ("31002", "办公设备购置", "公用经费", "337,000"),
                                            ("", "合计", "合计", "127,642,039"), ("", "合计", "人员经费", "102,464,260"),
                                            ("", "合计", "公用经费", "25,177,779")]),
            *rows("three_public", 20, [("", "合计", "本年预算数", "346.30"), ("", "因公出国(境)费", "本年预算数", "288.70"),
                                       ("", "公务接待费", "本年预算数", "25.40"), ("", "公务用车购置及运行维护费", "本年预算数", "32.20"),
                                       ("", "公务用车运行维护费", "本年预算数", "32.20"),
                                       ("", "机关运行经费", "本年预算数", "2,517.78")], unit="万元"),
        ],
    },
    WANLI: {
        "pages": {"income_expenditure_summary": [9], "income": [10, 11, 12, 13], "expenditure": [14, 15, 16, 17, 18],
                  "fiscal_summary": [19], "general_budget_expenditure": [20, 21, 22, 23, 24], "government_fund": [25],
                  "state_capital": [26], "basic_expenditure": [27, 28], "three_public": [29]},
        "cells": [
            *rows("income_expenditure_summary", 9, [("", "收入总计", "本年预算数", "189,767,551")], side="收入"),
            *rows("income_expenditure_summary", 9, [("", "八、城乡社区支出", "本年预算数", "154,369,326"),
                                                     ("", "支出总计", "本年预算数", "189,767,551")], side="支出"),
            *rows("income", 13, [("2120104", "城管执法", "本年收入合计", "6,522,681"), ("2120104", "城管执法", "事业收入", "0"),
                                 ("", "合计", "本年收入合计", "189,767,551"), ("", "合计", "财政拨款收入", "189,767,551"),
                                 ("", "合计", "事业收入", "0"), ("", "合计", "经营收入", "0"), ("", "合计", "其他收入", "0")]),
            # p18 holds nothing but the 合计 row: the table continues without its header
            *rows("expenditure", 18, [("", "合计", "本年支出合计", "189,767,551"), ("", "合计", "基本支出", "101,341,746"),
                                      ("", "合计", "项目支出", "88,425,805")]),
            *rows("fiscal_summary", 19, [("", "一、一般公共预算资金", "本年预算数", "189,767,551")], side="收入"),
            *rows("fiscal_summary", 19, [("", "六、社会保障和就业支出", "合计", "16,091,895"),
                                         ("", "支出总计", "一般公共预算财政拨款", "189,767,551")], side="支出"),
            *rows("general_budget_expenditure", 24, [("22103", "城乡社区住宅", "基本支出", "0"),
                                                     ("", "合计", "合计", "189,767,551"), ("", "合计", "基本支出", "101,341,746"),
                                                     ("", "合计", "项目支出", "88,425,805")]),
            *rows("basic_expenditure", 28, [("30209", "物业管理费", "公用经费", "1,143,816"),
                                            ("", "合计", "合计", "101,341,746"), ("", "合计", "人员经费", "90,514,044"),
                                            ("", "合计", "公用经费", "10,827,702")]),
            *rows("three_public", 29, [("", "合计", "本年预算数", "37.91"), ("", "因公出国(境)费", "本年预算数", "0"),
                                       ("", "公务接待费", "本年预算数", "1.35"), ("", "公务用车购置及运行维护费", "本年预算数", "36.56"),
                                       ("", "公务用车购置费", "本年预算数", "15"), ("", "公务用车运行维护费", "本年预算数", "21.56"),
                                       ("", "机关运行经费", "本年预算数", "464.64")], unit="万元"),
        ],
    },
}


@pytest.mark.parametrize("name", list(HAND))
def test_tables_placed_on_their_pages(name):
    d = doc(name)
    assert d.meta["layout"] == "shanghai_budget" and d.meta["kind"] == "预算"
    for key, pages in HAND[name]["pages"].items():
        entry = d.meta["tables"][key]
        assert entry["pages"] == pages, key
        assert entry["status"] == ("empty" if key in EMPTY else "ok"), key
        assert entry["unit"] == ("万元" if key == "three_public" else "元"), key


@pytest.mark.parametrize("name", list(HAND))
def test_hand_read_cells(name):
    d = doc(name)
    for table, side, code, item, column, printed, page, unit in HAND[name]["cells"]:
        fact = value(d, table, item, column, code=code, side=side)
        expected = wan(printed) if unit == "万元" else yuan(printed)
        assert fact["value"] == expected, (table, code, item, column)
        assert (fact["page"], fact["unit_source"]) == (page, unit), (table, code, item, column)


_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_CLASS_CODE = re.compile(r"\d{2,3}")


def pdftotext_cells(path, pages: list[int]) -> int:
    """Numeric cells `pdftotext -layout` prints on a table's pages: class codes (类 款 项, the
    leading 2–3 digit tokens of a row) are not cells; running text (a sentence) ends the table."""
    count = 0
    for page in pages:
        text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                              capture_output=True, text=True, check=True).stdout
        for line in text.splitlines():
            if "，" in line or "。" in line:
                break
            tokens = line.split()
            while tokens and _CLASS_CODE.fullmatch(tokens[0]):
                tokens.pop(0)
            count += sum(bool(_AMOUNT.fullmatch(t)) for t in tokens)
    return count


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed: the cell counts need it")
@pytest.mark.parametrize("name", list(HAND))
def test_fact_counts_match_pdftotext(name):
    d = doc(name)
    for key, pages in HAND[name]["pages"].items():
        assert len(d.table(key)) == pdftotext_cells(shared_raw(name), pages), key


def test_empty_tables_keep_their_note():
    d = doc(CZJ)
    for key in EMPTY:
        assert d.meta["tables"][key]["facts"] == 0
        assert any("本表为空表" in note for note in d.meta["tables"][key]["notes"]), key


def test_three_public_in_wan_beside_tables_in_yuan():
    """One document, two units: the 三公 table's 万元 figures are scaled, the 元 tables' are not."""
    d = doc(CZJ)
    three = d.table("three_public")
    assert set(three["unit_source"]) == {"万元"}
    assert set(d.facts.loc[d.facts["table"] != "three_public", "unit_source"]) == {"元"}
    running = value(d, "three_public", "机关运行经费", "本年预算数")
    assert (running["value"], running["decimals"]) == (Decimal("2294300"), 2)  # 229.43 万元 (p21)
    # p20: 公务接待费 9,500.00 元 in the 基本支出 table is the 三公 table's 0.95 万元
    assert value(d, "basic_expenditure", "公务接待费", "合计", code="30217")["value"] == value(d, "three_public", "公务接待费", "本年预算数")["value"]


def test_each_table_ties_to_its_total():
    """Internal tie: the 类 rows of the 支出 table add up to its 合计 (pages 12–13, typed above)."""
    d = doc(CZJ)
    exp = d.table("expenditure")
    classes = exp[(exp["code"].str.len() == 3) & (exp["column"] == "本年支出合计")]["value"].sum()
    assert classes == yuan("31,214,205.80")


# (file, year, level, 收入总计, 支出总计 by column) typed from each 财务收支预算总表 page
OTHERS = [
    ("shanghai-putuo_shangwuwei_2025_yusuan-dept.pdf", 2025, "部门", "371,514,655.00", {"本年预算数": "371,514,655.00"}),  # p9
    ("shanghai-putuo_shehui-fuliyuan_2024_yusuan-unit.pdf", 2024, "单位", "12,121,164",  # p7
     {"本年预算数": "12,121,164", "人员经费": "7,380,214", "公用经费": "2,120,950", "项目支出": "2,620,000"}),
    ("shanghai-putuo_sifaju_2026_yusuan-dept.pdf", 2026, "部门", "96,282,213.44", {"本年预算数": "96,282,213.44"}),  # p10
    ("shanghai-putuo_sifaju_2026_yusuan-unit.pdf", 2026, "单位", "86,959,408.34",  # p8
     {"本年预算数": "86,959,408.34", "人员经费": "20,374,181", "公用经费": "1,744,680", "项目支出": "64,840,547"}),
    ("shanghai-putuo_wanli-jiedao_2023_yusuan-dept.pdf", 2023, "部门", "164,978,640", {"本年预算数": "164,978,640"}),  # p10
    ("shanghai-putuo_wanli-jiedao_2024_yusuan-dept.pdf", 2024, "部门", "156,211,123", {"本年预算数": "156,211,123"}),  # p10
]


@pytest.mark.parametrize("name, year, level, income_total, spending_totals", OTHERS)
def test_other_budgets_load(name, year, level, income_total, spending_totals):
    d = doc(name)
    assert (d.meta["layout"], d.meta["kind"], d.meta["year"]) == ("shanghai_budget", "预算", year)
    for key in TABLES:
        assert d.meta["tables"][key]["status"] in (("empty", "ok") if key in EMPTY + ("three_public",) else ("ok",)), key
    assert len(d.facts) > 100
    assert value(d, "income_expenditure_summary", "收入总计", "本年预算数", side="收入")["value"] == yuan(income_total)
    for column, printed in spending_totals.items():
        assert value(d, "income_expenditure_summary", "支出总计", column, side="支出")["value"] == yuan(printed), column


ALL = [(name, "单位" if name.endswith("-unit.pdf") else "部门") for name in [*HAND, *(o[0] for o in OTHERS)]]


@pytest.mark.parametrize("name, level", ALL)
def test_level_from_the_printed_text(name, level):
    assert doc(name).meta["level"] == level


DEPARTMENTS = {
    CZJ: "上海市普陀区财政局", SWW_UNIT: "上海市普陀区商务委员会", CITY: "上海市财政局",
    WANLI: "上海市普陀区人民政府万里街道办事处",
    "shanghai-putuo_sifaju_2026_yusuan-unit.pdf": "上海市普陀区司法局",
    "shanghai-putuo_shehui-fuliyuan_2024_yusuan-unit.pdf": "上海市普陀区社会福利院",
}
@pytest.mark.parametrize("name", DEPARTMENTS)
def test_department(name):
    assert doc(name).meta["department"] == DEPARTMENTS[name]
