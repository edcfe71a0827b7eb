"""Properties that hold for every input, checked on many generated ones (hypothesis): reading a
printed number, scaling units to 元, the code hierarchy, and DESIGN.md's tolerance policy.

Each test runs a fixed, modest set of examples (`derandomize`: the same ones every run, so CI is
never flaky), without a deadline and without an example database (hypothesis still keeps a cache
in .hypothesis/, ignored by git)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan import classification as cls
from juesuan.checks import tolerance as tol
from juesuan.numbers import (MAX_DECIMALS, MAX_INTEGER_DIGITS, MONEY_UNITS, Unreadable, parse_number, read_cell,
                             squash, to_yuan)

FAST = settings(max_examples=150, deadline=None, derandomize=True, database=None)
SHIFT = {"元": 0, "千元": 3, "万元": 4, "亿元": 8}  # the power of ten from each money unit to 元
UNITS = st.sampled_from(sorted(SHIFT))
FULL_WIDTH = str.maketrans("0123456789.,-+()", "０１２３４５６７８９．，－＋（）")


@st.composite
def printed(draw, unit: str = "元") -> tuple[Decimal, int, int]:
    """(value, integer part, decimals) of a figure a table may print in `unit`, within read_cell's
    bounds: below 10¹⁶ and at most 8 decimals once in 元."""
    shift = SHIFT.get(unit, 0)
    decimals = draw(st.integers(0, MAX_DECIMALS + shift))
    integer = draw(st.integers(0, 10 ** (MAX_INTEGER_DIGITS - shift) - 1))
    fraction = draw(st.integers(0, 10 ** decimals - 1))
    sign = draw(st.sampled_from(["", "-"]))
    text = f"{sign}{integer}" + (f".{fraction:0{decimals}d}" if decimals else "")
    return Decimal(text), integer, decimals


def grouped(value: Decimal, integer: int, decimals: int) -> str:
    """The figure as printed with thousands separators, unsigned: 1,234,567.80."""
    fraction = format(abs(value), "f").partition(".")[2]
    return f"{integer:,}" + (f".{fraction}" if decimals else "")


# --- reading printed numbers ----------------------------------------------------------------------

@FAST
@given(st.data(), UNITS)
def test_a_printed_figure_reads_back_exactly_in_every_form(data, unit):
    value, integer, decimals = data.draw(printed(unit))
    body = grouped(value, integer, decimals)
    plain = body.replace(",", "")
    negative = value.is_signed()
    forms = [("-" if negative else "") + plain, ("-" if negative else "") + body,
             ("-" if negative else "") + body.translate(FULL_WIDTH)]
    if negative:
        forms += [f"({body})", f"（{body.translate(FULL_WIDTH)}）", f"\u2212{plain}"]
    else:
        forms += [f"+{body}"]
    for text in forms:
        read = read_cell(text, unit)
        assert read == value and read.as_tuple().exponent == -decimals, text  # the printed decimals kept
        if unit == "元":  # parse_number bounds a figure in its own unit
            assert parse_number(text) == value


@FAST
@given(st.data(), st.lists(st.integers(0, 30), max_size=4))
def test_whitespace_inside_a_printed_figure_changes_nothing(data, cuts):
    value, integer, decimals = data.draw(printed())
    text = ("-" if value.is_signed() else "") + grouped(value, integer, decimals)
    for cut in sorted(cuts, reverse=True):
        text = text[:cut] + " \n" + text[cut:]
    assert read_cell(text) == value


@FAST
@given(st.text())
def test_any_text_reads_without_raising(text):
    assert read_cell(text) is None or isinstance(read_cell(text), (Decimal, Unreadable))


NUMBER_LIKE = "0123456789.,+-()eE −（）．，０１２＋#nafiNAFIy∞!/"


@FAST
@given(st.text(alphabet=NUMBER_LIKE, max_size=24), UNITS)
def test_number_like_text_is_a_bounded_figure_or_unreadable_with_its_text(text, unit):
    read = read_cell(text, unit)
    if isinstance(read, Decimal):
        yuan = to_yuan(read, unit)
        assert abs(yuan) < Decimal(10) ** MAX_INTEGER_DIGITS and -min(yuan.as_tuple().exponent, 0) <= MAX_DECIMALS
        assert read_cell(format(read, "f"), unit) == read  # its plain form reads the same
    elif isinstance(read, Unreadable):
        assert read.text == squash(text) and read.reason_zh and read.reason_en
        assert parse_number(text) is None


# --- units ----------------------------------------------------------------------------------------

@FAST
@given(st.data(), UNITS)
def test_to_yuan_scales_exactly_and_back(data, unit):
    value, _, _ = data.draw(printed(unit))
    with localcontext() as ctx:
        ctx.prec = 100
        expected = value * MONEY_UNITS[unit]
    yuan = to_yuan(value, unit)
    assert yuan == expected
    assert yuan.scaleb(-SHIFT[unit]) == value


@FAST
@given(st.data())
def test_to_yuan_of_wan_yuan_is_ten_thousand_times(data):
    value, _, _ = data.draw(printed("万元"))
    assert to_yuan(value, "万元") == value * 10000
    assert to_yuan(value, "%") is value and to_yuan(value, "分") is value  # other units pass through


@FAST
@given(st.lists(st.tuples(UNITS, st.data()), min_size=1, max_size=60))
def test_sums_of_figures_read_are_exact_in_the_default_context(draws):
    """numbers.py: every figure in 元 is a multiple of 10⁻⁸ below 10¹⁶, so sums fit 28 digits."""
    figures = [to_yuan(data.draw(printed(unit))[0], unit) for unit, data in draws]
    with localcontext() as ctx:
        ctx.prec = 100
        reference = sum(figures, Decimal(0))
    assert sum(figures, Decimal(0)) == reference


def test_ten_thousand_of_the_largest_figures_sum_exactly():
    largest = Decimal("9999999999999999.99999999")  # 16 integer digits, 8 decimals
    assert read_cell(format(largest, "f")) == largest
    total = sum([largest] * 10_000, Decimal(0))
    assert total == Decimal("99999999999999999999.99990000")  # 10⁴ × largest, worked by hand: 10²⁰ − 10⁻⁴
    assert sum([largest] * 5_000 + [-largest] * 5_000, Decimal(0)) == 0


# --- the code hierarchy ---------------------------------------------------------------------------

CODES = st.from_regex(r"[0-9]{7}", fullmatch=True)


@FAST
@given(CODES)
def test_a_xiang_code_has_its_kuan_and_lei_as_prefixes(code):
    assert (cls.level(code), cls.level(code[:5]), cls.level(code[:3])) == ("项", "款", "类")
    assert cls.parent(code) == code[:5] and cls.parent(code[:5]) == code[:3] and cls.parent(code[:3]) is None
    assert cls.ancestors(code) == [code[:3], code[:5]]
    assert cls.level(code[:5], "economic") == "款"
    with pytest.raises(ValueError):
        cls.level(code, "economic")  # the economic system has no 项


@FAST
@given(st.from_regex(r"[0-9]{1,9}", fullmatch=True).filter(lambda c: len(c) not in (3, 5, 7)))
def test_a_code_of_another_length_is_no_level(code):
    with pytest.raises(ValueError):
        cls.level(code)


@settings(FAST, max_examples=40)  # a frame and three rollups an example: fewer of them
@given(st.dictionaries(CODES, st.decimals(min_value=-10**9, max_value=10**9, places=2), min_size=1, max_size=25))
def test_rollup_sums_the_leaves_and_never_a_printed_subtotal(leaves):
    """A table prints each 类 and 款 with its own total beside its 项: rolled up to any level, each
    code's value is the sum of the 项 under it, and the whole is the same at every level."""
    rows = dict(leaves)
    for code, value in leaves.items():
        for prefix in (code[:3], code[:5]):
            rows[prefix] = rows.get(prefix, Decimal(0)) + value
    facts = pd.DataFrame([{"doc_id": "d", "table": "t", "column": "合计", "code": c, "value": v} for c, v in rows.items()])
    whole = sum(leaves.values(), Decimal(0))
    for digits in (3, 5, 7):
        rolled = cls.rollup(facts, digits)
        expected = {}
        for code, value in leaves.items():
            expected[code[:digits]] = expected.get(code[:digits], Decimal(0)) + value
        assert dict(zip(rolled["code"], rolled["value"])) == expected
        assert sum(rolled["value"], Decimal(0)) == whole


# --- the tolerance policy (DESIGN.md) -------------------------------------------------------------

@FAST
@given(st.integers(0, 12))
def test_half_a_unit_in_the_last_place(decimals):
    assert tol.half_unit(decimals) == Decimal("0.5") / Decimal(10) ** decimals
    assert tol.half_unit(decimals) == 10 * tol.half_unit(decimals + 1)  # one more decimal, ten times tighter


@FAST
@given(st.integers(0, 500), st.integers(0, 8))
def test_a_sum_of_n_figures_has_n_plus_one_half_units(n, decimals):
    half = tol.half_unit(decimals)
    assert tol.sum_tolerance(n, half) == (n + 1) * half == tol.envelope([half] * (n + 1))


AMOUNTS = st.decimals(min_value=-10**12, max_value=10**12, places=2)
TOLERANCES = st.decimals(min_value=0, max_value=10**6, places=3)


@FAST
@given(AMOUNTS, AMOUNTS, TOLERANCES, TOLERANCES, AMOUNTS)
def test_within_is_symmetric_monotone_and_shift_free(a, b, t, more, shift):
    assert tol.within(a, b, t) == tol.within(b, a, t)
    assert tol.within(a, a, Decimal(0))
    if tol.within(a, b, t):
        assert tol.within(a, b, t + more)  # a wider tolerance never rejects what a narrower accepts
    assert tol.within(a + shift, b + shift, t) == tol.within(a, b, t)


@FAST
@given(st.lists(st.decimals(min_value=0, max_value=10**9, places=6), min_size=1, max_size=40), st.integers(0, 3))
def test_rounded_parts_add_up_to_the_rounded_total_within_the_envelope(true_values, decimals):
    """DESIGN.md: a sum of n printed figures may differ from the printed total by (n+1) × half-unit —
    every part and the total rounded to `decimals` from true values."""
    unit = Decimal(1).scaleb(-decimals)
    parts = [v.quantize(unit, ROUND_HALF_UP) for v in true_values]
    total = sum(true_values, Decimal(0)).quantize(unit, ROUND_HALF_UP)
    assert tol.within(sum(parts, Decimal(0)), total, tol.sum_tolerance(len(parts), tol.half_unit(decimals)))


@FAST
@given(st.data(), st.sampled_from(["万元", "亿元", "千元"]))
def test_inferred_precision_never_narrows_the_envelope(data, unit):
    """tolerance.printed_decimals: a figure scaled from 万元 loses trailing zeros (2940.00 → 2940),
    which only widens its half-unit, never narrows it."""
    value, _, decimals = data.draw(printed(unit))
    yuan = to_yuan(value, unit)
    assert tol.figure_half_unit(yuan, unit, decimals) == tol.half_unit(decimals) * MONEY_UNITS[unit]
    assert tol.figure_half_unit(yuan, unit) >= tol.figure_half_unit(yuan, unit, decimals)


@FAST
@given(AMOUNTS, AMOUNTS.filter(bool), TOLERANCES, TOLERANCES, st.integers(0, 4))
def test_a_percentage_tolerance_is_at_least_its_own_half_unit_and_grows_with_its_inputs(n, d, h_n, h_d, decimals):
    base = tol.percent_tolerance(n, d, Decimal(0), Decimal(0), decimals)
    assert base == tol.half_unit(decimals)  # exact inputs: only the stated figure's own rounding
    wide = tol.percent_tolerance(n, d, h_n, h_d, decimals)
    assert wide >= base
    assert tol.percent_tolerance(n, d, h_n * 2, h_d * 2, decimals) >= wide
    assert tol.percent_tolerance(-n, -d, h_n, h_d, decimals) == wide == tol.percent_tolerance(n, -d, h_n, h_d, decimals)
