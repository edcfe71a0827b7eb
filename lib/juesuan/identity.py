"""Who published a document, for which year, and what it is: department, year, kind (决算/预算) and
level (部门/单位), read from the cover, the headings and the tables' header lines.

`text_kind` reads only running text, so it can tell a disclosure from anything else before any
table is read.
"""
from __future__ import annotations

import re
from collections import Counter

from .layouts import LAYOUTS
from .layouts.spec import KINDS
from .numbers import MONEY_UNITS, squash

_COVER = re.compile(r"^(?:第[一二三四五六七八九十]+部分)?(?P<dept>.*?)(?P<year>(?:19|20)\d{2})年度?(?:部门|单位)?(?P<kind>决算|预算)")
_NAME_LINE = re.compile(r"^(?:部门|单位|编制单位|编制部门|预算单位|预算主管部门|主管部门)(?:名称)?[:：](?P<name>[^\s:：]+?)(?:(?:金额)?单位[:：].*)?$")
# Words only a 决算 or a 预算 disclosure prints: its kind named, or a table title of that kind.
_KIND_WORDS = {
    "决算": re.compile(r"(?:部门|单位)决算|决算(?:公开|说明)|(?:收支|支出|收入|总)决算表|决算总表|决算数"),
    "预算": re.compile(r"(?:部门|单位)预算|预算(?:公开|编制说明)|(?:收支|支出|收入|总)预算表|预算总表|预算数"),
}
# 部门 (a department with its units) or 单位 (one unit): the cover's 预算主管部门：/预算单位：, or the
# kind named (部门决算, 单位预算, 部门财务收支预算总表)
_LEVEL = re.compile(r"(预算主管部门|预算单位)[:：]|(部门|单位)(?:财务收支预算总表|预算表|决算|预算)")
_YEAR_LINE = re.compile(r"[（(]?((?:19|20)\d{2})年度?[)）]?")


def text_kind(lines: list[str]) -> str | None:
    """决算 or 预算 by which kind's words the text prints more often; None when it prints neither."""
    counts = {kind: sum(len(pattern.findall(squash(line))) for line in lines) for kind, pattern in _KIND_WORDS.items()}
    best = max(KINDS, key=lambda kind: counts[kind])
    return best if counts[best] else None


def looks_like_disclosure(lines: list[str]) -> bool:
    """Whether the first pages name a 决算 or 预算, or print a table title of a known layout."""
    if text_kind(lines):
        return True
    text = "".join(squash(line) for line in lines)
    return any(squash(title) in text for layout in LAYOUTS for spec in layout.tables for title in spec.titles)


def identify(lines: list[str], header_lines: list[str] = ()) -> dict:
    """Department, year, kind and level, from the running text and the tables' header lines
    (部门名称：…, 2022年度部门决算, a year printed above a table)."""
    lines = [squash(line) for line in lines]
    header = [squash(line) for line in header_lines]
    names = Counter(m.group("name") for line in (*lines, *header)
                    if (m := _NAME_LINE.match(line)) and m.group("name") not in MONEY_UNITS)
    years: Counter = Counter()
    kinds: Counter = Counter()
    cover_dept = ""
    for line in lines[:60]:
        if m := _COVER.match(line):
            years[int(m.group("year"))] += 1
            kinds[m.group("kind")] += 1
            cover_dept = cover_dept or m.group("dept").strip("（）()")
    for line in header:
        if y := _YEAR_LINE.fullmatch(line):
            years[int(y.group(1))] += 1
    level = next((m.group(1) or m.group(2) for line in lines if (m := _LEVEL.search(line))), "")
    return {
        "department": names.most_common(1)[0][0] if names else cover_dept or _cover_name(lines),
        "year": years.most_common(1)[0][0] if years else None,
        "kind": kinds.most_common(1)[0][0] if kinds else text_kind(lines),
        "level": "部门" if level.startswith(("预算主管", "部门")) else "单位" if level else "",
    }


# The full and the short forms of names that departments print both ways, longest first.
SHORT_NAMES = (
    ("中国人民政治协商会议", "政协"),
    ("人民代表大会常务委员会", "人大常委会"),
    ("人民代表大会", "人大"),
    ("中国共产党", "中共"),
    ("委员会", "委"),
)


def short_name(name: str) -> str:
    """A department's name in its short form, whitespace removed (中国共产党江苏省委员会办公厅 → 中共江苏省委办公厅)."""
    name = squash(name)
    for full, short in SHORT_NAMES:
        name = name.replace(full, short)
    return name


def same_department(a: str, b: str) -> bool:
    """Two printed names of one department: equal in their short forms, or one the other with a
    region or party prefix (中共江苏省委办公厅 / 江苏省委办公厅)."""
    a, b = (short_name(x).removeprefix("中共") for x in (a, b))
    return a == b or a.endswith(b) or b.endswith(a)


# Lines of a contents page or a heading, never a department's name.
_NOT_A_NAME = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+部分|目录?$|录$|-?\d+-?$)")


def _cover_name(lines: list[str]) -> str:
    """A cover that prints the department on its own line above '（2024）年度部门决算' (the year may end
    the name's line: 江苏省政协办公厅2018年度 / 部门预算公开)."""
    for first, following in zip(lines[:10], [lines[i + 1:i + 4] for i in range(10)]):
        if _COVER.match(first) or _NOT_A_NAME.match(first):
            continue
        if any(re.search(r"(?:部门|单位)(?:决算|预算)", f) for f in following):
            return re.sub(r"[（(]?(?:19|20)\d{2}[)）]?年度?$", "", first)
    return ""
