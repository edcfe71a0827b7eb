"""A department's stable id across years: region + its name in a normal form, then aliases.

The region is read from the front of the printed name (江苏省…, 上海市普陀区…, 忻州市…): a province,
autonomous region or city, then at most one district, county or (below a province) city. Names
that start elsewhere have no region. The id is `region/name` with the region taken off the name
(江苏省/政协办公厅); a party committee keeps its level (中共江苏省委办公厅 → 江苏省/省委办公厅).

Aliases map one id, or a bare name in every region, to its canonical form: the bundled table
(`department_aliases.csv`, each alias seen in a real document) and a user's table beside the
catalog (`juesuan catalog merge`).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from .errors import ReadError
from .identity import short_name

BUNDLED_ALIASES = Path(__file__).with_name("department_aliases.csv")
ALIAS_COLUMNS = ("alias", "canonical")

_PART = r"[^\s省市区县委]"  # one character of a place name: never a level word
_REGION = re.compile(
    rf"^(?:(?P<province>{_PART}{{2,3}}省|{_PART}{{2,8}}?自治区)(?:{_PART}{{2,3}}市)?|{_PART}{{2,3}}市)"
    rf"(?:{_PART}{{1,3}}[区县])?")


def region_of(name: str) -> str:
    """The region the name starts with (上海市普陀区财政局 → 上海市普陀区), '' when none."""
    m = _REGION.match(short_name(name).removeprefix("中共"))
    return m.group(0) if m else ""


def normal_id(name: str) -> str:
    """`region/name` before aliases: short forms (identity.short_name), 中共 dropped, the region
    taken off; a name without a region is its own id."""
    name = short_name(name).removeprefix("中共")
    region = region_of(name)
    rest = name[len(region):]
    if region and rest.startswith("委"):  # 省委, 区委: the committee of that region's own level
        rest = region[-1] + rest
    return f"{region}/{rest}" if region else rest


def department_id(name: str, aliases: dict[str, str]) -> str:
    """The stable id of a printed name: its normal id, through the aliases to the canonical one."""
    if not name.strip():
        return ""
    return canonical(normal_id(name), aliases)


def canonical(dept_id: str, aliases: dict[str, str]) -> str:
    """Follow aliases (a whole id first, then the bare name in its region) until none applies."""
    seen = {dept_id}
    while True:
        region, _, rest = dept_id.rpartition("/")
        if dept_id in aliases:
            target = aliases[dept_id]
        elif rest in aliases:
            target = f"{region}/{aliases[rest]}" if region else aliases[rest]
        else:
            return dept_id
        if target in seen:  # a circle of aliases: stop where it started to repeat
            return dept_id
        seen.add(target)
        dept_id = target


def read_aliases(*paths: Path) -> dict[str, str]:
    """alias → canonical from these CSV files (absent files are skipped; later files win)."""
    table: dict[str, str] = {}
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in ALIAS_COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise ReadError(f"{path}: missing column {missing[0]!r}; an alias file has columns alias,canonical")
            for row in reader:
                table[row["alias"].strip()] = row["canonical"].strip()
    return table
