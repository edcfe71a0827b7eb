"""Odd numbers in table cells (issue 10): accounting negatives read, number-like text that is no
number recorded as an unreadable cell (meta["unreadable_cells"], finding F.unreadable_number), and
every check that needs such a cell insufficient_data, never a silent zero."""
from decimal import Decimal

import pytest

from juesuan.numbers import Unreadable, parse_number, read_cell

D = Decimal


@pytest.mark.parametrize("printed, value", [
    ("(123.45)", D("-123.45")),
    ("（123.45）", D("-123.45")),  # full-width brackets
    ("(1,234.50)", D("-1234.50")),
    ("-1,234.50", D("-1234.50")),
    ("\u22125", D("-5")),  # U+2212 MINUS SIGN
    ("+12.00", D("12.00")),
    ("＋１２．５０", D("12.50")),  # full-width sign, digits and point
    ("１，２３４．５６", D("1234.56")),
    ("2 940.05", D("2940.05")),  # a cell wrapped or spaced in print
    ("0.00", D("0.00")),
    ("2010101", D("2010101")),  # a code reads as digits; only value columns take it as a figure
])
def test_a_printed_number_reads_exactly(printed, value):
    read = read_cell(printed)
    assert read == value and read.as_tuple() == value.as_tuple()  # 0.00 keeps its two decimals
    assert parse_number(printed) == value


@pytest.mark.parametrize("printed", ["", None, "-", "--", "—", "——", "———", "－", "\u2212", "/", "…", "x", "*"])
def test_a_mark_that_prints_nothing_is_a_blank(printed):
    assert read_cell(printed) is None


@pytest.mark.parametrize("printed", ["一般公共服务支出", "2023年", "100%", "≥95%", "合计", "栏次", "(一)", "2023-01-01",
                                     "2023.1.1", "e", "+"])
def test_words_are_not_unreadable_numbers(printed):
    assert read_cell(printed) is None


@pytest.mark.parametrize("printed, reason_zh, reason_en", [
    ("1,234.5.6", "多个小数点", "more than one decimal point"),
    ("12.3.", "多个小数点", "more than one decimal point"),
    ("1,23,4", "千分位分隔不当", "misplaced thousands separators"),
    ("12,34.00", "千分位分隔不当", "misplaced thousands separators"),
    ("1.2e5", "科学计数法，印出的精度已失", "scientific notation, the printed precision is lost"),
    ("1.2E+05", "科学计数法，印出的精度已失", "scientific notation, the printed precision is lost"),
    ("１．２Ｅ＋０５", "科学计数法，印出的精度已失", "scientific notation, the printed precision is lost"),
    ("NaN", "不是有限数", "not a finite number"),
    ("nan", "不是有限数", "not a finite number"),
    ("∞", "不是有限数", "not a finite number"),
    ("Infinity", "不是有限数", "not a finite number"),
    ("-inf", "不是有限数", "not a finite number"),
    ("#VALUE!", "电子表格错误值", "a spreadsheet error value"),
    ("#REF!", "电子表格错误值", "a spreadsheet error value"),
    ("#DIV/0!", "电子表格错误值", "a spreadsheet error value"),
    ("#N/A", "电子表格错误值", "a spreadsheet error value"),
    ("#####", "电子表格错误值", "a spreadsheet error value"),  # a column too narrow for its figure
    ("5.", "不是规范的数字写法", "not a well-formed number"),
    ("-(12)", "不是规范的数字写法", "not a well-formed number"),
])
def test_number_like_text_that_is_no_number_is_unreadable(printed, reason_zh, reason_en):
    assert read_cell(printed) == Unreadable(printed, reason_zh, reason_en)
    assert parse_number(printed) is None


def test_the_printed_text_is_kept_as_printed():
    assert read_cell(" 1,234.5.6 ").text == "1,234.5.6"
    assert read_cell("１．２Ｅ＋０５").text == "１．２Ｅ＋０５"


# The bounds (numbers.MAX_INTEGER_DIGITS = 16, MAX_DECIMALS = 8) hold for the figure in 元.
@pytest.mark.parametrize("printed, unit, readable", [
    ("9999999999999999", "元", True),  # 16 integer digits
    ("10000000000000000", "元", False),  # 17
    ("0.12345678", "元", True),  # 8 decimals
    ("0.123456789", "元", False),  # 9
    ("99999999", "亿元", True),  # 8 digits + 8 from 亿元 = 16
    ("100000000", "亿元", False),  # 9 + 8 = 17
    ("999999999999", "万元", True),  # 12 + 4 = 16
    ("1.123456789012", "万元", True),  # 12 decimals, 8 once scaled to 元
    ("1.1234567890123", "万元", False),  # 13 decimals, 9 in 元
    ("1" * 200, "元", False),
])
def test_a_figure_too_long_to_sum_exactly_is_unreadable(printed, unit, readable):
    read = read_cell(printed, unit)
    if readable:
        assert read == D(printed)
    else:
        assert read == Unreadable(printed, "位数过多", "too many digits")


def test_a_long_hostile_cell_reads_quickly():
    for text in ("1" * 200_000 + "x", "1" * 200_000 + "e", "1." * 100_000, "," * 100_000 + "1", "(" * 100_000 + "1"):
        assert read_cell(text) is None or isinstance(read_cell(text), Unreadable)


# =================================================================================================
# End to end: a small text export (the structure of the sample's 公开01表 and 公开07表), read by
# juesuan.load. Hand-read: 支出 本年支出合计 1212.50 = 600.00 + 612.50; 支出总计 1200.00 = 1212.50
# + (12.50) + 0 — the bracketed 结余分配 is −12.50; 收入 本年收入合计 1200.00 = 1,234.5.6 (no number)
# + 200.00: cannot be checked. 三公 决算 合计 150.00 = 0 + 75.00 + NaN: cannot be checked.
# =================================================================================================
SUMMARY = [
    "收入支出决算总表", "公开01表", "部门名称：某局", "2023年度", "金额单位：元",
    "收入\t\t\t支出\t\t",
    "项目\t行次\t决算数\t项目\t行次\t决算数",
    "栏次\t\t1\t栏次\t\t2",
    "一、一般公共预算财政拨款收入\t1.00\t1,234.5.6\t五、教育支出\t32.00\t600.00",
    "五、事业收入\t5.00\t200.00\t八、社会保障和就业支出\t39.00\t612.50",
    "本年收入合计\t27.00\t1200.00\t本年支出合计\t58.00\t1212.50",
    "使用非财政拨款结余\t28.00\t\t结余分配\t59.00\t(12.50)",
    "年初结转和结余\t29.00\t\t年末结转和结余\t60.00\t——",
    "总计\t31.00\t1200.00\t总计\t62.00\t1200.00",
]
THREE_PUBLIC = [
    "财政拨款“三公”经费支出决算表", "公开07表", "部门名称：某局", "2023年度", "金额单位：元",
    "预算数\t\t\t\t\t\t决算数\t\t\t\t\t",
    "合计\t因公出国(境)费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国(境)费\t公务用车购置及运行维护费\t\t\t公务接待费",
    "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t",
    "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12",
    "300.00\t\t150.00\t\t150.00\t150.00\t150.00\t\t75.00\t\t75.00\tNaN",
]
ODD_CELL = {"table": "income_expenditure_summary", "side": "收入", "code": "", "item": "一、一般公共预算财政拨款收入",
            "column": "决算数", "page": None, "text": "1,234.5.6", "reason_zh": "多个小数点",
            "reason_en": "more than one decimal point"}
NAN_CELL = {"table": "three_public", "side": "", "code": "", "item": "公务接待费", "column": "决算数", "page": None,
            "text": "NaN", "reason_zh": "不是有限数", "reason_en": "not a finite number"}


@pytest.fixture(scope="module")
def odd_doc(tmp_path_factory):
    import juesuan

    path = tmp_path_factory.mktemp("odd") / "odd.txt"
    path.write_text("\n".join(["某局", "2023年度部门决算公开", *SUMMARY, *THREE_PUBLIC]), encoding="utf-8")
    return juesuan.load(path)


def _outcome(doc, rule_id):
    outcomes = doc.audit.outcomes
    return outcomes[outcomes.rule_id == rule_id].iloc[0]


def test_unreadable_cells_are_recorded_in_meta_and_give_no_fact(odd_doc):
    assert odd_doc.meta["unreadable_cells"] == [ODD_CELL, NAN_CELL]
    facts = odd_doc.facts
    assert facts[facts["item"] == "一、一般公共预算财政拨款收入"].empty
    assert facts[(facts["table"] == "three_public") & (facts["item"] == "公务接待费")]["column"].tolist() == ["预算数"]


def test_a_bracketed_figure_is_a_negative_fact(odd_doc):
    facts = odd_doc.facts
    row = facts[(facts["side"] == "支出") & (facts["item"] == "结余分配")].iloc[0]
    assert (row["value"], row["decimals"]) == (D("-12.50"), 2)
    assert _outcome(odd_doc, "T1.expenditure_grand_total").outcome == "pass"  # 1212.50 − 12.50 = 1200.00


def test_the_finding_quotes_the_cell(odd_doc):
    found = odd_doc.findings[odd_doc.findings.rule_id == "F.unreadable_number"]
    assert found.message_zh.tolist() == [
        "表中印出的数应可读作数字：公开01表 收入支出决算总表（收入）：“一、一般公共预算财政拨款收入”行“决算数”栏印作“1,234.5.6”，"
        "无法读作数字（多个小数点）",
        "表中印出的数应可读作数字：公开07表 财政拨款“三公”经费支出决算表：“公务接待费”行“决算数”栏印作“NaN”，无法读作数字（不是有限数）"]
    first = found.iloc[0]
    assert first.message_en == ("Every figure printed in a table reads as a number: 公开01表 收入支出决算总表 (收入): row "
                                "一、一般公共预算财政拨款收入, column 决算数 prints '1,234.5.6', which reads as no number "
                                "(more than one decimal point)")
    assert (first.severity, first.status, first.source, first.expected, first.found) == ("error", "fail", "form", "", "1,234.5.6")
    assert first.locations == [{"table": "income_expenditure_summary", "code": "", "item": "一、一般公共预算财政拨款收入",
                                "column": "决算数", "page": None, "quote": "1,234.5.6"}]
    assert _outcome(odd_doc, "F.unreadable_number").outcome == "fail"


def test_a_relation_needing_the_cell_is_insufficient_not_zero(odd_doc):
    """Read as a blank (0), 1200.00 = 0 + 200.00 would fail; it is insufficient_data, naming the cell."""
    outcome = _outcome(odd_doc, "T1.income_total")
    assert (outcome.outcome, outcome.checks, outcome.insufficient) == ("insufficient_data", 0, 1)
    assert outcome.note == "cell unreadable: row 一、一般公共预算财政拨款收入, column 决算数 prints '1,234.5.6'"
    finding = odd_doc.findings[odd_doc.findings.rule_id == "T1.income_total"].iloc[0]
    assert finding.status == "insufficient_data"
    assert finding.message_zh == ("收入支出决算总表：本年收入合计 = 各项收入之和：无法核对（单元格无法读数："
                                  "“一、一般公共预算财政拨款收入”行“决算数”栏印作“1,234.5.6”）")
    assert {loc["item"] for loc in finding.locations} == {"本年收入合计", "一、一般公共预算财政拨款收入", "五、事业收入"}
    for rule_id in ("T1.expenditure_total", "T1.income_grand_total", "T1.balance"):  # they never meet the cell
        assert _outcome(odd_doc, rule_id).outcome == "pass"


def test_the_nonnegative_rule_skips_no_unreadable_cell(odd_doc):
    """T7.nonnegative: the seven printed figures are ≥ 0; the NaN cell is not checked against zero."""
    outcome = _outcome(odd_doc, "T7.nonnegative")
    assert (outcome.outcome, outcome.checks, outcome.failed, outcome.insufficient) == ("insufficient_data", 7, 0, 1)
    assert _outcome(odd_doc, "T7.total").outcome == "insufficient_data"  # 决算 合计 150.00 = 0 + 75.00 + NaN


def test_unreadable_cells_round_trip_through_the_cache(odd_doc, monkeypatch, tmp_path):
    import juesuan

    monkeypatch.setenv("JUESUAN_CACHE", str(tmp_path))
    source = odd_doc.meta["source"]
    parsed = juesuan.load(source)
    assert len(list(tmp_path.glob("*.json"))) == 1
    cached = juesuan.load(source)
    assert cached.meta == parsed.meta and cached.meta["unreadable_cells"] == [ODD_CELL, NAN_CELL]
    assert cached.findings.message_zh.tolist() == parsed.findings.message_zh.tolist()
    assert len(list(tmp_path.glob("*-audit-*.json"))) == 1
    again = juesuan.load(source)  # the audit from its cache too
    assert again.findings.message_zh.tolist() == parsed.findings.message_zh.tolist()


def test_a_claim_reading_an_unreadable_cell_is_unverifiable():
    """The sample's 公开02表 合计·财政拨款收入 printed #VALUE!: “财政拨款收入84,386,179.09元” and its
    share 98.34% are unverifiable, naming the cell, not mismatches against 0."""
    from pathlib import Path

    from juesuan.document import blocks_to_document
    from juesuan.readers.text import text_to_blocks

    sample = (Path(__file__).resolve().parents[1] / "data" / "raw" / "xinzhou-hrss-2022.txt").read_text(encoding="utf-8")
    row = "合计\t\t85813977.30\t84386179.09\t"
    assert sample.count(row) == 1
    blocks = text_to_blocks(sample.replace(row, "合计\t\t85813977.30\t#VALUE!\t"))
    for block in blocks:  # pages, as a PDF gives them, for the finding to name
        if hasattr(block, "row_pages"):
            block.row_pages = [8] * len(block.rows)
    doc = blocks_to_document(blocks, doc_id="t", source=Path("t.txt"), sha256="0")
    claims = doc.claims[doc.claims.subject == "财政拨款收入"]
    note = "单元格无法读数：“合计”行“财政拨款收入”栏印作“#VALUE!” (cell unreadable: row 合计, column 财政拨款收入 prints '#VALUE!')"
    assert claims[["kind", "verdict", "note"]].values.tolist() == [["amount", "unverifiable", note], ["share", "unverifiable", note]]
    finding = doc.findings[doc.findings.rule_id == "F.unreadable_number"].iloc[0]
    assert finding.message_zh.endswith("公开02表 收入决算表：“合计”行“财政拨款收入”栏印作“#VALUE!”，无法读作数字（电子表格错误值；第8页）")
    assert finding.message_en.endswith("(a spreadsheet error value; page 8)")


def test_a_blank_total_with_an_unreadable_part_names_the_cell():
    """No 本年收入合计 printed, and one income row unreadable: the reason is the cell, not the blank total."""
    import pandas as pd

    from juesuan.checks import RULES_BY_ID, rule_outcomes
    from juesuan.document import FACT_COLUMNS

    facts = pd.DataFrame([["t", "income_expenditure_summary", "收入", "", "五、事业收入", "决算数", D("200.00"), "元", None, 2]],
                         columns=FACT_COLUMNS)
    meta = {"layout": "national", "tables": {"income_expenditure_summary": {"status": "ok"}}, "unreadable_cells": [ODD_CELL]}
    outcome = rule_outcomes(facts, meta, rules=(RULES_BY_ID["T1.income_total"],)).iloc[0]
    assert (outcome.outcome, outcome.note) == (
        "insufficient_data", "cell unreadable: row 一、一般公共预算财政拨款收入, column 决算数 prints '1,234.5.6'")


def test_the_wide_economic_and_stats_shapes_record_unreadable_cells_too():
    """公开06表 (four 编码 groups side by side) and 公开10表 (sections of 项目 | 行次 | figure)."""
    from pathlib import Path

    from juesuan.document import blocks_to_document
    from juesuan.readers.text import text_to_blocks

    text = "\n".join([
        "一般公共预算财政拨款支出决算明细表", "公开06表", "金额单位：元",
        "人员经费\t\t\t\t公用经费\t\t\t\t\t\t\t\t\t\t\t",
        "\t".join(["科目编码", "科目名称", "金额", "其中：基本支出"] * 4),
        "301\t工资福利支出\t1.2E+06\t600.00\t302\t商品和服务支出\t300.00\t(20.00)\t307\t债务利息及费用支出\t\t\t310\t资本性支出\t\t",
        "部门决算公开相关信息统计表", "公开10表", "金额单位：元",
        "一、政府采购情况\t\t", "项目\t行次\t采购金额", "合计\t1\t#REF!", "货物\t2\t60.00",
    ])
    doc = blocks_to_document(text_to_blocks(text), doc_id="t", source=Path("t.txt"), sha256="0")
    assert [(c["table"], c["code"], c["item"], c["column"], c["text"]) for c in doc.meta["unreadable_cells"]] == [
        ("general_budget_economic", "301", "工资福利支出", "合计", "1.2E+06"),
        ("disclosure_stats", "", "合计", "采购金额", "#REF!")]
    facts = doc.facts.set_index(["table", "code", "column"])["value"]
    assert facts[("general_budget_economic", "302", "基本支出")] == D("-20.00")
    assert facts[("general_budget_economic", "301", "基本支出")] == D("600.00")
    assert doc.facts[doc.facts.table == "disclosure_stats"]["item"].tolist() == ["货物"]
