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
