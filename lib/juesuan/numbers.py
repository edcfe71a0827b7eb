"""Printed numbers → exact decimals, and printed units → their factor to 元.

Everything here is exact: `Decimal` from the printed digits, scaled by an exact power of ten.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MONEY_UNITS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－％（）", "0123456789.,-%()")
_NUMBER = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
# Cells that print "nothing here": not a zero, an absent value.
_BLANKS = {"", "-", "--", "—", "——", "———", "/", "－", "…", "x", "X", "*"}

_WS = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """Remove all whitespace (wrapped cells and labels printed with spaces read the same)."""
    return _WS.sub("", text or "")


def is_blank(cell: str | None) -> bool:
    """Empty, or a mark that prints "nothing here" (——, -, /)."""
    return squash(cell) in _BLANKS


def parse_number(cell: str | None) -> Decimal | None:
    """The exact value of a printed number, or None for an empty / not-applicable / non-numeric cell.

    Accepts thousands separators, full-width digits, a leading sign; not percentages or units.
    """
    text = squash(cell).translate(_FULLWIDTH)
    if text in _BLANKS or not _NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return None


def to_yuan(value: Decimal, unit: str) -> Decimal:
    """Scale an amount printed in `unit` to 元, exactly; other units pass through unchanged."""
    factor = MONEY_UNITS.get(unit)
    if factor is None or factor == 1:
        return value
    scaled = value.scaleb(len(str(factor)) - 1)  # 158.774 万元 → 1587740 元, digits kept exactly
    return scaled.quantize(Decimal(1)) if scaled.as_tuple().exponent > 0 else scaled


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
