"""The two code systems of China's government accounts, and helpers for their hierarchy.

* 支出功能分类科目 (``system="functional"``): 类 3 digits (205 教育支出), 款 5 digits
  (20503 职业教育), 项 7 digits (2050302 中等职业教育).
* 部门预算支出经济分类科目 (``system="economic"``): 类 3 digits (302 商品和服务支出),
  款 5 digits (30217 公务接待费).

A code's parent is the code without its last two digits; a 类 has none. The reference tables
ship as package data (``functional.csv``, ``economic.csv``; see ``SOURCES.md`` for where every
row comes from and what is incomplete). Codes are always strings of digits.

    >>> from juesuan import classification as cls
    >>> cls.name("2080505")
    '机关事业单位基本养老保险缴费支出'
    >>> cls.code_for_name("五、教育支出")
    '205'
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from importlib import resources

import pandas as pd

__all__ = [
    "LEVELS", "SYSTEMS", "ancestors", "code_for_name", "economic", "functional", "level",
    "name", "parent", "rollup",
]

SYSTEMS = ("functional", "economic")
LEVELS = {"functional": {3: "类", 5: "款", 7: "项"}, "economic": {3: "类", 5: "款"}}
_DIGITS_BY_LEVEL = {"类": 3, "款": 5, "项": 7}
ROLLUP_BY = ("doc_id", "table", "column")

# Ordinals that summary tables and narratives put before a 类 name: "五、", "二十三、",
# "（五）", "(5)", "5、", "5.", "1．".
_ORDINAL = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十百\d]+\s*[)）]|[一二三四五六七八九十百]+\s*[、.．]|\d+\s*[、.．])\s*")
# Narratives tag the level after the name: "教育支出（类）", "职业教育(款)".
_LEVEL_TAG = re.compile(r"[（(]\s*(?:\d+\s*)?[类款项]\s*[)）]\s*$")


# --- codes ---------------------------------------------------------------------------------------

def _code(code: object) -> str:
    text = str(code).strip() if code is not None else ""
    if not text.isdigit():
        raise ValueError(f"not a classification code: {code!r}")
    return text


def level(code: str, system: str | None = None) -> str:
    """"类", "款" or "项", from the code's length (3/5/7; the economic system has no 项).

    Without ``system`` any length valid in either system is accepted.
    """
    text = _code(code)
    lengths = LEVELS[_system(system)] if system else LEVELS["functional"]
    try:
        return lengths[len(text)]
    except KeyError:
        raise ValueError(f"code {text!r} has {len(text)} digits; expected one of {sorted(lengths)}") from None


def parent(code: str) -> str | None:
    """The code one level up (``"2050302"`` → ``"20503"`` → ``"205"`` → None)."""
    text = _code(code)
    level(text)
    return text[:-2] if len(text) > 3 else None


def ancestors(code: str) -> list[str]:
    """All codes above ``code``, 类 first: ``ancestors("2050302") == ["205", "20503"]``."""
    text = _code(code)
    level(text)
    return [text[:n] for n in range(3, len(text), 2)]


# --- reference tables ----------------------------------------------------------------------------

def _system(system: str) -> str:
    if system not in SYSTEMS:
        raise ValueError(f"system must be one of {SYSTEMS}, not {system!r}")
    return system


@lru_cache(maxsize=None)
def _table(system: str) -> pd.DataFrame:
    # keep_default_na=False: empty parents/aliases stay "" and no name is ever read as NaN.
    with resources.files(__package__).joinpath(f"{system}.csv").open(encoding="utf-8") as f:
        table = pd.read_csv(f, dtype=str, keep_default_na=False)
    return table


def functional() -> pd.DataFrame:
    """支出功能分类科目: columns ``code, name, level, parent, aliases, note`` (all strings)."""
    return _table("functional").copy()


def economic() -> pd.DataFrame:
    """部门预算支出经济分类科目: columns ``code, name, level, parent, aliases, note`` (all strings)."""
    return _table("economic").copy()


@lru_cache(maxsize=None)
def _names(system: str) -> dict[str, str]:
    table = _table(system)
    return dict(zip(table["code"], table["name"]))


def name(code: str, system: str = "functional") -> str | None:
    """The current name of ``code``, or None when the reference table does not have it."""
    return _names(_system(system)).get(str(code).strip())


def _normalize(text: str) -> str:
    """Compare names the way documents vary them: no spaces, full-width brackets, 其它 = 其他."""
    text = re.sub(r"\s+", "", str(text))
    return text.replace("(", "（").replace(")", "）").replace("其它", "其他")


def _strip_label(text: str) -> str:
    text = _ORDINAL.sub("", str(text).strip(), count=1)
    return _LEVEL_TAG.sub("", text).strip()


@lru_cache(maxsize=None)
def _name_index(system: str, level_name: str) -> dict[str, frozenset[str]]:
    """Normalized name or alias → codes of that level carrying it."""
    table = _table(system)
    index: dict[str, set[str]] = {}
    for row in table[table["level"] == level_name].itertuples(index=False):
        for label in [row.name, *filter(None, row.aliases.split("|"))]:
            index.setdefault(_normalize(label), set()).add(row.code)
    return {key: frozenset(codes) for key, codes in index.items()}


def code_for_name(label: str, level: str = "类", system: str = "functional",
                  within: str | None = None) -> str | None:
    """The code whose name (or a known alias) is ``label``, at ``level``; None if none matches.

    Summary tables print 类 rows by name only (``"五、教育支出"``), narratives tag them
    (``"教育支出（类）"``), and some documents drop or add the trailing 支出 (``"住房保障"``):
    all of these resolve. Names below 类 repeat across parents (every 款 has a 行政运行 项),
    so pass ``within`` (a code one or more levels up) to choose; an ambiguous name raises
    ValueError rather than guessing.
    """
    index = _name_index(_system(system), level)
    key = _normalize(_strip_label(label))
    if not key:
        return None
    codes = index.get(key)
    if codes is None and level == "类":
        # "社会保障和就业" for 社会保障和就业支出, and the reverse.
        other = key[:-2] if key.endswith("支出") else key + "支出"
        codes = index.get(other)
    if not codes:
        return None
    if within is not None:
        codes = frozenset(c for c in codes if c.startswith(_code(within)))
        if not codes:
            return None
    if len(codes) > 1:
        raise ValueError(f"{label!r} names several {level} codes {sorted(codes)}; pass within=")
    return next(iter(codes))


# --- rolling facts up the hierarchy --------------------------------------------------------------

def _row_code(value: object) -> str:
    """A fact's code as digits, or "" for rows that print none (合计, 人员经费合计 …)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = str(value).strip()
    return text if text.isdigit() else ""


def _row_value(value: object) -> Decimal | None:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool):
        raise TypeError(f"value must be a Decimal, not {value!r}")
    if isinstance(value, Decimal):
        return None if value.is_nan() else value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float) and value != value:
        return None
    # Floats (and strings) would silently lose the exactness the facts promise.
    raise TypeError(f"value must be a Decimal, not {type(value).__name__} {value!r}")


def rollup(facts: pd.DataFrame, level: int | str, by: tuple[str, ...] = ROLLUP_BY) -> pd.DataFrame:
    """Sum ``facts`` by code truncated to ``level`` (3/"类", 5/"款", 7/"项") within each ``by`` group.

    Tables print a 类 row, its 款 rows and their 项 rows, each with its own total, so only
    *leaf* rows are summed: a row is a leaf when no other row of the same group has a longer
    code starting with its code. Leaves shorter than ``level`` (a 类 printed without 款) keep
    their own code, so each group's output still adds up to its table total. Rows without a
    code are ignored; empty values (None/NaN) count as absent, and a code whose leaves are all
    empty gets value None. Sums are exact Decimals.

    Returns the ``by`` columns, ``code`` and ``value``, sorted by them.
    """
    digits = _DIGITS_BY_LEVEL.get(level, level) if isinstance(level, str) else level
    if digits not in (3, 5, 7):
        raise ValueError(f"level must be 3, 5, 7, 类, 款 or 项, not {level!r}")
    by = list(by)
    missing = [c for c in [*by, "code", "value"] if c not in facts.columns]
    if missing:
        raise KeyError(f"facts lack columns {missing}")

    groups: dict[tuple, list[tuple[str, Decimal | None]]] = {}
    for keys, code, value in zip(facts[by].itertuples(index=False, name=None),
                                 facts["code"], facts["value"]):
        code = _row_code(code)
        if code:
            groups.setdefault(keys, []).append((code, _row_value(value)))

    out = []
    for keys, rows in groups.items():
        # Every proper prefix of a printed code is a node with a printed child, hence no leaf.
        inner = {code[:n] for code, _ in rows for n in range(1, len(code))}
        sums: dict[str, Decimal | None] = {}
        for code, value in rows:
            if code in inner:
                continue
            target = code[:digits]
            if value is not None:
                sums[target] = (sums.get(target) or Decimal(0)) + value
            else:
                sums.setdefault(target, None)
        out.extend((*keys, code, total) for code, total in sums.items())

    result = pd.DataFrame(out, columns=[*by, "code", "value"])
    return result.sort_values([*by, "code"], kind="stable").reset_index(drop=True)
