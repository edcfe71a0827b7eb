"""Blocks → located tables: which grids belong to which table of the layout, with their title lines.

A table is found by its printed title (any alias in the layout spec, an ordinal, label or
year/department prefix allowed; a title wrapped over two lines is joined), followed within a few
header lines (公开NN表, 部门名称, 年度, 单位) by its grid. Spreadsheet exports print title and header
lines inside the table's frame: such rows are read as lines, splitting the grid where a title starts.
A grid with no title of its own continues the table before it (a page break) when no running text
came between them. Lines after a table that say it holds no data (本表无数据 …) mark it present and empty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layouts.spec import Layout, TableSpec
from .numbers import MONEY_UNITS, squash, unit_of_line
from .readers.base import Block, Grid, Line

# Header lines between a title and its grid; more than this many other lines and the title was
# a mention (table of contents, narrative), not a table heading.
MAX_HEADER_LINES = 8
# A title line is short: an optional year/department/project prefix before the title.
MAX_TITLE_PREFIX = 45

_ORDINAL = re.compile(r"^(?:公开\d+表[:：]?|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|表[一二三四五六七八九十\d]+[、:：]?)")
_TRAILER = re.compile(r"(?:[（(](?:公开\d+表|续表?|\d{4}年度?)[)）]|续表?|公开\d+表)$")
_SENTENCE = re.compile(r"[，。；！？]")
# 公开05表, or with a Chinese numeral: 公开表五, 表五 (alone on its line)
_LABEL = re.compile(r"公开(\d{1,2})表|公开表([一二三四五六七八九十]+)|^表([一二三四五六七八九十]+)$")
_NUMERALS = "一二三四五六七八九"
_YEAR_PREFIX = re.compile(r"^(?:.*?)((?:19|20)\d{2})年度?")
_HEADER_START = ("部门名称", "单位名称", "编制单位", "部门：", "部门:", "单位：", "单位:")
EMPTY_NOTE = re.compile(r"本表无数据|无数据|本年度?无.{0,12}(?:收支|支出|收入|数据|经费)|本部门无.{0,12}(?:收支|支出|收入|数据|经费)|为空表")
_PAGE_FURNITURE = re.compile(r"^[-—–\s]*(?:第?\s*\d+\s*页?(?:/共?\d+页?)?)[-—–\s]*$")


@dataclass
class TableHit:
    """One table found in the document, with everything printed around it."""

    spec: TableSpec
    key: str
    title: str
    label: str = ""
    unit: str | None = None
    unit_pending: bool = False
    header_lines: list[str] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    page: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # canonical → printed header path
    grade: str = ""  # performance tables: 优/良/中/差
    project: str = ""  # performance tables: 项目名称
    unreadable: list[dict] = field(default_factory=list)  # value cells printing no number (tables.add_fact)


def match_title(text: str, layout: Layout) -> tuple[TableSpec, str] | None:
    """The table spec whose printed title this line is (longest alias wins), with the printed title."""
    flat = _TRAILER.sub("", _ORDINAL.sub("", squash(text)))
    flat = _TRAILER.sub("", flat)
    if not flat or _SENTENCE.search(flat):
        return None
    best: tuple[int, TableSpec] | None = None
    for spec in layout.tables:
        for alias in spec.titles:
            if flat == alias or (flat.endswith(alias) and len(flat) - len(alias) <= MAX_TITLE_PREFIX):
                if best is None or len(alias) > best[0]:
                    best = (len(alias), spec)
    return (best[1], flat) if best else None


def label_of(text: str) -> str:
    """The table number a line prints, as 公开NN表 whatever its printed form ('' if none)."""
    match = _LABEL.search(squash(text))
    if not match:
        return ""
    digits, numeral = match.group(1), match.group(2) or match.group(3)
    return f"公开{int(digits) if digits else chinese_number(numeral):02d}表"


def chinese_number(numeral: str) -> int:
    """一 … 九十九 → 1 … 99."""
    tens, _, units = numeral.rpartition("十")
    value = _NUMERALS.index(units) + 1 if units else 0
    if "十" in numeral:
        value += 10 * (_NUMERALS.index(tens) + 1 if tens else 1)
    return value


def blocks_to_hits(blocks: list[Block], layout: Layout) -> tuple[list[TableHit], list[Grid]]:
    """Walk the blocks once; return the located tables in document order and the grids no table claimed."""
    blocks = unframe_grids(blocks, layout)
    hits: list[TableHit] = []
    unplaced: list[Grid] = []
    candidate: TableHit | None = None  # title seen, grid not yet
    current: TableHit | None = None  # last table that received a grid
    other_lines = 0
    counters: dict[str, int] = {}
    label = ""  # a table number printed on its own line above the title
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if isinstance(block, Line):
            found = match_title(block.text, layout)
            following = blocks[index] if index < len(blocks) else None
            if (not found and isinstance(following, Line) and following.page == block.page
                    and not match_title(following.text, layout)):
                found = match_title(block.text + following.text, layout)  # a title wrapped over two lines
                index += bool(found)
            if found:
                spec, printed = found
                counters[spec.key] = counters.get(spec.key, 0) + 1
                key = spec.key if spec.shape != "performance" else f"{spec.key}_{counters[spec.key]}"
                candidate = TableHit(spec=spec, key=key, title=printed, page=block.page, label=label_of(block.text) or label)
                if year := _YEAR_PREFIX.match(printed):
                    candidate.header_lines.append(f"{year.group(1)}年")  # the year printed before the title
                current, other_lines, label = None, 0, ""
                continue
            if len(squash(block.text)) <= 8 and label_of(block.text):
                label = label_of(block.text)
            if candidate is not None:
                other_lines += _read_header_line(candidate, block.text)
                if other_lines > MAX_HEADER_LINES:
                    candidate = None
            elif current is not None:
                flat = squash(block.text)
                if flat.startswith(("注", "说明", "备注")) or EMPTY_NOTE.search(flat):
                    current.notes.append(block.text)
                elif not _PAGE_FURNITURE.match(flat) and unit_of_line(flat) is None and not is_header_text(flat):
                    current = None
            continue
        grid = block
        if candidate is not None:
            candidate.grids.append(grid)
            hits.append(candidate)
            current, candidate = candidate, None
        elif current is not None and _continues(current, grid):
            current.grids.append(grid)
        else:
            unplaced.append(grid)
            current = None
    return _merge_repeats(hits), unplaced


def is_header_text(flat: str) -> bool:
    """A header line above a table (部门名称：…, 单位：万元, a table number), whitespace removed."""
    return flat.startswith(_HEADER_START) or unit_of_line(flat) is not None or bool(label_of(flat)) and len(flat) <= 8


def unframe_grids(blocks: list[Block], layout: Layout) -> list[Block]:
    """Grids whose rows print a table title or header lines (spreadsheet exports draw the frame
    around them) → those rows as lines, the grid split where a title starts. A grid of one column
    is text in a frame (a boxed table of contents), never a table: all its rows are lines."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Line):
            out.append(block)
            continue
        if max((len(cells) for cells in block.rows), default=0) <= 1:
            out.extend(Line(cells[0], page) for cells, page in zip(block.rows, block.row_pages) if cells and cells[0].strip())
            continue
        rows: list[tuple[list[str], int | None]] = []
        heading = True  # at the grid's top, or just after a title row
        for cells, page in zip(block.rows, block.row_pages):
            texts = [c for c in cells if c.strip()]
            lines = _row_lines(texts)
            titled = any(match_title(line, layout) for line in (*lines[:2], "".join(lines[:2]))) and not _has_figures(texts)
            if titled or (heading and (not texts or all(is_header_text(squash(l)) for l in lines))):
                if titled and rows:
                    out.append(Grid([r for r, _ in rows], [p for _, p in rows]))
                    rows = []
                out.extend(Line(line, page) for line in lines)
                heading = True
                continue
            heading = False
            rows.append((cells, page))
        if rows:
            out.append(Grid([r for r, _ in rows], [p for _, p in rows]))
    return out


def _row_lines(texts: list[str]) -> list[str]:
    """A title row's text as printed lines: one cell's lines, or several cells side by side."""
    if len(texts) == 1:
        return [line for line in texts[0].split("\n") if line.strip()]
    return [" ".join(t.replace("\n", "") for t in texts)] if texts else []


def _has_figures(texts: list[str]) -> bool:
    return any(re.fullmatch(r"-?[\d,]+(?:\.\d+)?", squash(t)) for t in texts)


def _read_header_line(hit: TableHit, text: str) -> int:
    """Take what a header line says (label, unit); return 1 if it is not a recognised header line."""
    flat = squash(text)
    hit.header_lines.append(text)
    label = label_of(flat)
    if label:
        hit.label = label
    unit = unit_of_line(flat)
    if unit is not None:
        hit.unit = unit or hit.unit
        hit.unit_pending = unit == ""
        return 0
    if hit.unit_pending and flat in MONEY_UNITS:
        hit.unit, hit.unit_pending = flat, False
        return 0
    if label or flat.startswith(_HEADER_START) or re.fullmatch(r"[（(]?\d{4}年度?[)）]?", flat):
        return 0
    return 1


def _continues(hit: TableHit, grid: Grid) -> bool:
    """A grid with no title of its own, after nothing but notes and page furniture, continues the
    table above (a page break). Its width may differ: pdfplumber finds only the rulings printed on
    that page, and a continued page often rules fewer columns."""
    return bool(hit.grids)


def _merge_repeats(hits: list[TableHit]) -> list[TableHit]:
    """A title printed again ('收入决算表（续）') continues the same table: one hit per key."""
    merged: dict[str, TableHit] = {}
    for hit in hits:
        if hit.key in merged:
            merged[hit.key].grids.extend(hit.grids)
            merged[hit.key].notes.extend(hit.notes)
        else:
            merged[hit.key] = hit
    return list(merged.values())
