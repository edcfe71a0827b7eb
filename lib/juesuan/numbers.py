"""Printed numbers → exact decimals, and printed units → their factor to 元.

Everything here is exact: `Decimal` from the printed digits, scaled by an exact power of ten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MONEY_UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_SHIFT = {unit: factor.adjusted() for unit, factor in MONEY_UNITS.items()}  # 万元 → 4: the power of ten to 元

# Full-width digits and marks, and the minus sign U+2212, read as their ASCII forms.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋％（）ｅＥ\u2212", "0123456789.,-+%()eE-")
_PLAIN = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_NUMBER = re.compile(rf"([-+]?)({_PLAIN})|\(({_PLAIN})\)")  # (123.45): the accountant's negative
# Cells that print "nothing here": not a zero, an absent value.
_BLANKS = {"", "-", "--", "—", "——", "———", "/", "－", "…", "x", "X", "*"}

# Sums stay exact. Every figure is kept, in 元 (or its own unit), as a multiple of 10⁻⁸ below 10¹⁶;
# a signed sum of up to 10⁴ of them (a whole document prints fewer: the corpus at most 875) is a
# multiple of 10⁻⁸ below 10²⁰, which takes at most 20 + 8 = 28 digits, the precision of Python's
# default decimal context: no sum, difference or tolerance in the checks ever rounds. A bound on
# significant digits alone would not do (10²⁷ and 0.1 have one each; their sum takes 29), nor one
# before scaling (a figure in 亿元 gains eight digits in 元). Real figures stay far inside: 10¹⁶ 元
# (1亿亿元) is over 300 times the national budget's spending (全国一般公共预算支出 2023: 27.46万亿元);
# the corpus prints at most 10 integer digits in 元 and 3 decimals (万元).
MAX_INTEGER_DIGITS = 16
MAX_DECIMALS = 8


@dataclass(frozen=True)
class Unreadable:
    """A value cell that prints something number-like that is no number: the text and why."""

    text: str
    reason_zh: str
    reason_en: str


# Number-like text that is no number. Each pattern is linear in the text's length (no two adjacent
# repeats that share characters), so a long hostile cell costs no more than reading it.
_SPREADSHEET_ERROR = re.compile(r"#(?:VALUE!|REF!|DIV/0!|N/A|NAME\?|NUM!|NULL!|SPILL!|CALC!)|#{2,}", re.IGNORECASE)
_NOT_FINITE = re.compile(r"[-+]?(?:nan|inf(?:inity)?|∞)", re.IGNORECASE)
_NUMBER_CHARS = re.compile(r"[-+()0-9.,eE]+")
_SCIENTIFIC = re.compile(r"[-+(]?[0-9.,]+[eE][-+]?[0-9]+\)?")
# A date (2023-01-01, 2023.1.1: the 计划开始日期 of a 绩效目标 table) is words, not a malformed figure.
_DATE = re.compile(r"(?:19|20)[0-9]{2}([-./])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12][0-9]|3[01])")
TOO_MANY_DIGITS = ("位数过多", "too many digits")

_WS = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """Remove all whitespace (wrapped cells and labels printed with spaces read the same)."""
    return _WS.sub("", text or "")


def is_blank(cell: str | None) -> bool:
    """Empty, or a mark that prints "nothing here" (——, -, /)."""
    return squash(cell) in _BLANKS


def read_cell(cell: str | None, unit: str = "") -> Decimal | Unreadable | None:
    """A value cell, read: its exact value; None for a blank, a not-applicable mark (——) or words;
    `Unreadable` for number-like text that is no number (1,234.5.6, 1.2E+05, NaN, ∞, #VALUE!) and
    for a figure too long to sum exactly in `unit` (see MAX_INTEGER_DIGITS).

    Accepts thousands separators, full-width digits, a leading sign (+, -, −) or brackets for a
    negative ((123.45), （123.45）); not percentages or units.
    """
    printed = squash(cell)
    text = printed.translate(_FULLWIDTH)
    if text in _BLANKS:
        return None
    match = _NUMBER.fullmatch(text)
    if match:
        sign, digits, bracketed = match.groups()
        value = Decimal((bracketed or digits).replace(",", ""))  # exact: the constructor never rounds
        value = -value if bracketed or sign == "-" else value
        return value if _fits(value, unit) else Unreadable(printed, *TOO_MANY_DIGITS)
    if _SPREADSHEET_ERROR.fullmatch(text):
        return Unreadable(printed, "电子表格错误值", "a spreadsheet error value")
    if _NOT_FINITE.fullmatch(text):
        return Unreadable(printed, "不是有限数", "not a finite number")
    if _NUMBER_CHARS.fullmatch(text) and any(c.isdigit() for c in text) and not _DATE.fullmatch(text):
        return Unreadable(printed, *_malformed(text))
    return None


def _malformed(text: str) -> tuple[str, str]:
    """Why digits and marks make no number, (zh, en)."""
    if _SCIENTIFIC.fullmatch(text):
        return "科学计数法，印出的精度已失", "scientific notation, the printed precision is lost"
    if text.count(".") > 1:
        return "多个小数点", "more than one decimal point"
    if "," in text:
        return "千分位分隔不当", "misplaced thousands separators"
    return "不是规范的数字写法", "not a well-formed number"


def _fits(value: Decimal, unit: str) -> bool:
    """Below 10^MAX_INTEGER_DIGITS with at most MAX_DECIMALS decimals once scaled to 元."""
    shift = _SHIFT.get(unit, 0)
    return value.adjusted() + shift < MAX_INTEGER_DIGITS and -(value.as_tuple().exponent + shift) <= MAX_DECIMALS


def parse_number(cell: str | None) -> Decimal | None:
    """The exact value of a printed number, or None for anything else (see `read_cell`)."""
    value = read_cell(cell)
    return value if isinstance(value, Decimal) else None


def to_yuan(value: Decimal, unit: str) -> Decimal:
    """Scale an amount printed in `unit` to 元, exactly (for any figure `read_cell` reads: beyond its
    bounds the context's 28 digits would round); other units pass through unchanged."""
    shift = _SHIFT.get(unit, 0)
    if not shift:
        return value
    scaled = value.scaleb(shift)  # 158.774 万元 → 1587740 元, digits kept exactly
    return scaled.quantize(Decimal(1)) if scaled.as_tuple().exponent > 0 else scaled


def places(value: Decimal, least: int = 2, most: int = 2) -> str:
    """A decimal for people: separators, rounded half up to `most` places and shown with at least
    `least` (trailing zeros beyond it dropped): 0.0550 → 0.055, 2961.38 → 2,961.38."""
    shown = value.quantize(Decimal(1).scaleb(-most), rounding=ROUND_HALF_UP)
    text = f"{shown:,f}"
    if most > least and "." in text:
        whole, _, fraction = text.partition(".")
        fraction = fraction.rstrip("0").ljust(least, "0")
        text = f"{whole}.{fraction}" if fraction else whole
    return text


def in_unit(value: Decimal, unit: str, places_shown: int = 2) -> str:
    """A figure as a reader of the document expects it, in the unit a figure was printed in: an
    amount in 元 shown in `unit` (29616800, 万元 → "2,961.68万元"), a percentage (71.653883, % →
    "71.65%"), with `places_shown` decimals and thousands separators; any other unit after the
    figure as it is."""
    if unit in MONEY_UNITS:
        value = value / MONEY_UNITS[unit]
    elif unit != "%":
        return f"{value:f}{unit}"
    return f"{places(value, places_shown, places_shown)}{unit}"


_UNIT_IN_LINE = re.compile(r"单位[:：](万元|千元|亿元|元)(?![\u4e00-\u9fff])")
_UNIT_PENDING = re.compile(r"单位[:：]$")


def unit_of_line(text: str) -> str | None:
    """'金额单位：元' → '元'; '编制单位：某局 单位：万元' → '万元'; '金额单位：' (unit printed on the
    next line) → ''; a line without a unit → None."""
    flat = squash(text).translate(_FULLWIDTH)
    match = _UNIT_IN_LINE.search(flat)
    if match:
        return match.group(1)
    return "" if _UNIT_PENDING.search(flat) else None
