"""The tolerance policy (DESIGN.md, "Tolerance policy") as pure functions on exact decimals.

    A figure printed with d decimals carries a rounding error of half a unit in the last place.
    A sum of n printed figures may differ from the printed total by (n+1) × half-unit.
    A stated percentage with 2 decimals is right when within 0.005 points plus the error
    propagated from rounded inputs.

Facts carry their printed precision (`decimals`); where a hand-built frame lacks it,
`printed_decimals` derives it from the unit and the value. Every half-unit here is in the unit of the fact's `value` (元 for money).

    >>> figure_half_unit(Decimal("29400500"), "万元")   # printed 2940.05 万元: 0.005 万元
    Decimal('50.000')
"""
from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Iterable

import pandas as pd

from ..numbers import MONEY_UNITS

# DESIGN.md, Tolerance policy: "a figure printed with d decimals carries a rounding error of
# half a unit in the last place".
HALF = Decimal("0.5")

# The national template (财政部 部门决算公开 公开01表–公开10表) prints every 元 amount with two
# decimals (84386179.09, 58810.00); a 元 figure is read as printed to 2 decimals whatever its value.
YUAN_DECIMALS = 2

# DESIGN.md, Tolerance policy: "a stated percentage with 2 decimals is right when within 0.005
# points" -- i.e. the half-unit of the stated percentage's own last place.
PERCENT_DECIMALS = 2

# Counts (公开10表 车辆 辆, 设备 台(套); narrative 人次, 批次 …) are not rounded figures: no rounding
# error, so no tolerance (DESIGN.md's policy is about figures "printed with d decimals" of a
# rounded quantity).
COUNT_UNITS = frozenset({"辆", "台(套)", "台（套）", "个", "人", "人次", "次", "批次", "团组", "家", "项"})


def half_unit(decimals: int) -> Decimal:
    """Half a unit in the last place of a figure printed with ``decimals`` decimals."""
    return HALF.scaleb(-decimals)


def printed_decimals(value: Decimal, unit_source: str) -> int | None:
    """How many decimals ``value`` (a fact in 元 or its own unit) was printed with; None for counts.

    * 元: the national template's 2 decimals (`YUAN_DECIMALS`).
    * 万元, 亿元, 千元: the value in 元 divided back into the printed unit shows its decimals
      (29400500 元 = 2940.05 万元 → 2). Trailing zeros are lost by scaling (2940.00 prints as
      2940 → 0), which only widens the envelope, never narrows it.
    * other units (%, 分): the decimals the Decimal keeps from the printed digits.
    """
    if unit_source in COUNT_UNITS:
        return None
    factor = MONEY_UNITS.get(unit_source)
    if factor == 1:
        return YUAN_DECIMALS
    if factor is not None:
        shown = value.scaleb(-(len(str(factor)) - 1)).normalize()
    else:
        shown = value
    return max(0, -shown.as_tuple().exponent)


def figure_half_unit(value: Decimal, unit_source: str, decimals: int | None = None) -> Decimal:
    """The rounding error one printed figure carries, in the unit of ``value`` (元 for money).

    ``decimals`` is the fact's printed precision (the facts column); without it the precision is
    inferred by `printed_decimals`."""
    if unit_source in COUNT_UNITS:
        return Decimal(0)
    if decimals is None or pd.isna(decimals):
        decimals = printed_decimals(value, unit_source)
    if decimals is None:
        return Decimal(0)
    factor = MONEY_UNITS.get(unit_source, Decimal(1))
    return half_unit(decimals) * factor


def sum_tolerance(n_parts: int, half: Decimal) -> Decimal:
    """DESIGN.md: a sum of n printed figures may differ from the printed total by (n+1) × half-unit."""
    if n_parts < 0:
        raise ValueError(f"n_parts must be >= 0, not {n_parts}")
    return (n_parts + 1) * half


def envelope(half_units: Iterable[Decimal]) -> Decimal:
    """The tolerance of a relation among printed figures: the sum of their half-units.

    With n parts and a total all printed to the same precision this is `sum_tolerance` (n+1 equal
    half-units); figures of mixed precision each bring their own. Blank cells are exact zeros and
    bring none.
    """
    return sum(half_units, Decimal(0))


def within(found: Decimal, expected: Decimal, tolerance: Decimal) -> bool:
    """|found − expected| ≤ tolerance, exactly."""
    return abs(found - expected) <= tolerance


def percent_tolerance(numerator: Decimal, denominator: Decimal, numerator_half: Decimal,
                      denominator_half: Decimal, stated_decimals: int = PERCENT_DECIMALS) -> Decimal:
    """Tolerance, in percentage points, of a stated percentage numerator ÷ denominator × 100.

    DESIGN.md: half a unit of the stated percentage's last place (0.005 points for 2 decimals)
    plus the error propagated from the rounded inputs. First order: a half-unit h_n in the
    numerator moves the ratio by h_n / |d|, a half-unit h_d in the denominator by |n| · h_d / d²;
    both × 100 for points.
    """
    if denominator == 0:
        raise ZeroDivisionError("a percentage of a zero denominator has no tolerance")
    with localcontext() as ctx:
        ctx.prec = 50
        propagated = numerator_half / abs(denominator) + abs(numerator) * denominator_half / (denominator * denominator)
        return half_unit(stated_decimals) + 100 * propagated


def percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """numerator ÷ denominator × 100, in percentage points (50 significant digits)."""
    with localcontext() as ctx:
        ctx.prec = 50
        return numerator * 100 / denominator
