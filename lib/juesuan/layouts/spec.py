"""The shape of a layout spec, checked when a spec module is loaded.

A layout is data: which tables a published document set holds, the printed titles and labels that
find them, how each table is shaped, and the canonical names of its columns. `juesuan.tables`
is the one engine that reads any table through its spec.
"""
from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("决算", "预算")

# How a grid turns into facts; one function each in juesuan.tables.
SHAPES = {
    "summary": "two-sided 收入 | 支出 table: label, 行次, amount columns on each side",
    "coded": "rows keyed by a 功能分类 code (printed in one column or as 类 | 款 | 项) and a name",
    "wide_economic": "economic-code groups (编码, 名称, 金额, 基本支出) printed side by side",
    "crosstab": "one row of figures under a two-level header: group → fact column, leaf → item",
    "grouped": "rows labelled by a path of label columns (group, sub-item …), each printed once and carried down",
    "stats": "sectioned list of items with 行次 and one figure each (公开10表)",
    "performance": "项目支出绩效自评表: funds block, indicators with 分值/得分, 总分 and grade",
}


@dataclass(frozen=True)
class TableSpec:
    key: str  # canonical table key used in facts, rules and notebooks
    titles: tuple[str, ...]  # printed titles (whitespace removed); the first is the official one
    shape: str
    label: str = ""  # printed table number, e.g. 公开01表
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical → printed aliases
    items: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical row items → aliases
    required: bool = True  # a document of this layout is expected to print it
    note: str = ""  # usage warning in words

    def __post_init__(self):
        if self.shape not in SHAPES:
            raise ValueError(f"table {self.key}: unknown shape {self.shape!r}; one of {sorted(SHAPES)}")
        if not self.titles:
            raise ValueError(f"table {self.key}: needs at least one printed title")
        seen: dict[str, str] = {}
        for canonical, aliases in self.columns.items():
            for alias in (canonical, *aliases):
                if seen.setdefault(alias, canonical) != canonical:
                    raise ValueError(f"table {self.key}: column alias {alias!r} names two columns")


@dataclass(frozen=True)
class Layout:
    id: str
    name: str  # what a reader calls it, in Chinese (shown on the pages beside the id)
    description: str
    tables: tuple[TableSpec, ...]
    markers: tuple[str, ...] = ()  # printed words that identify the layout (e.g. 公开01表)
    kind: str = "决算"  # 决算 (final account) or 预算 (budget): a document is matched only against layouts of its kind

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"layout {self.id}: kind {self.kind!r} is not one of {KINDS}")
        keys = [t.key for t in self.tables]
        if len(keys) != len(set(keys)):
            raise ValueError(f"layout {self.id}: duplicate table keys")

    def table(self, key: str) -> TableSpec:
        for spec in self.tables:
            if spec.key == key:
                return spec
        raise KeyError(key)
