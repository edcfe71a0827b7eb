"""Located tables → facts, one small function per table shape (see `layouts.spec.SHAPES`).

Every function takes a `TableHit` and returns fact rows (dicts with the facts columns but `doc_id`)
and fills the hit's description for `meta["tables"]`. Row numbers (行次, 栏次) and column-number
rows are never values; empty and not-applicable cells give no fact; printed zeros do. A value cell
printing number-like text that is no number (1,234.5.6, 1.2E+05, #VALUE!) gives no fact either: it
is recorded in `hit.unreadable` (`meta["unreadable_cells"]`), so the audit never reads it as a zero.
The self-evaluation tables are not: their cells mix figures with targets in words (≥95%).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .locate import EMPTY_NOTE, TableHit
from .numbers import Unreadable, is_blank, parse_number, read_cell, squash, to_yuan
from .readers.base import Grid

ROW_NUMBER_HEADERS = ("行次", "栏次", "序号")
CODE_HEADERS = ("编码", "科目代码")
CODE_LEVEL_HEADERS = ("类", "款", "项")
GRADES = ("优", "良", "中", "差")
TOTAL_LABELS = ("合计", "总计")
HEADER_ROWS = 6  # a table's header never takes more rows than this
_CODE = re.compile(r"^\d{2,7}$")
_LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}年度?")
_NOTE = re.compile(r"^(注|说明|备注)")
_FUND = re.compile(r"(一般公共预算|政府性基金预算|国有资本经营预算)(财政拨款)?$")


@dataclass
class Row:
    cells: list[str]
    page: int | None


def rows_of(hit: TableHit) -> list[Row]:
    """All rows of a table's grids, padded to one width; note rows go to `hit.notes`. A totals row
    in a continued grid narrower than the first is aligned right: 合计 spans the merged label
    columns (类 | 款 | 项 | 名称 on a page holding only that row), its figures are the last columns."""
    rows: list[Row] = []
    header = {tuple(squash(c) for c in cells) for cells in hit.grids[0].rows[:HEADER_ROWS]} if hit.grids else set()
    first_width = max((len(cells) for cells in hit.grids[0].rows), default=0) if hit.grids else 0
    for index, grid in enumerate(hit.grids):
        pairs = list(zip(grid.rows, grid.row_pages))
        if index:  # a continued page may repeat the header (and its 栏次 row): skip the repeat
            while pairs and (tuple(squash(c) for c in pairs[0][0]) in header or _is_numbering_row(pairs[0][0])):
                pairs.pop(0)
        for cells, page in pairs:
            totals = next((squash(c) for c in cells if squash(c)), "") in TOTAL_LABELS
            shift = max(first_width - len(cells), 0) if index and totals else 0
            rows.append(Row([""] * shift + list(cells), page))
    width = max((len(r.cells) for r in rows), default=0)
    kept = []
    for row in rows:
        row.cells += [""] * (width - len(row.cells))
        first = next((c for c in row.cells if c.strip()), "")
        if _NOTE.match(squash(first)) or EMPTY_NOTE.search(squash(first)):
            hit.notes.append(first)
        else:
            kept.append(row)
    return kept


def fact(hit: TableHit, row: Row, *, item: str, column: str, value: Decimal, code: str = "",
         side: str = "", unit: str | None = None) -> dict:
    unit = hit.unit if unit is None else unit
    return {
        "table": hit.key, "side": side, "code": code, "item": item, "column": column,
        "value": to_yuan(value, unit or ""), "unit_source": unit or "", "page": row.page,
        "decimals": max(0, -value.as_tuple().exponent),
    }


def add_fact(facts: list[dict], hit: TableHit, row: Row, value: Decimal | Unreadable | None, *, item: str,
             column: str, code: str = "", side: str = "", unit: str | None = None) -> None:
    """A value cell as `read_cell` read it: a figure becomes a fact, an unreadable cell a record in
    `hit.unreadable` (where it is, what it prints, why it is no number), a blank nothing."""
    if isinstance(value, Unreadable):
        hit.unreadable.append({"table": hit.key, "side": side, "code": code, "item": item, "column": column,
                               "page": row.page, "text": value.text, "reason_zh": value.reason_zh,
                               "reason_en": value.reason_en})
    elif value is not None:
        facts.append(fact(hit, row, item=item, column=column, value=value, code=code, side=side, unit=unit))


# --- headers -------------------------------------------------------------------------------------

def _is_numbering_row(cells: list[str]) -> bool:
    """栏次 rows: only row-number words and the column numbers 1 2 3 … (or 1.00 2.00 …)."""
    flat = [squash(c) for c in cells if squash(c)]
    words = [c for c in flat if c in ROW_NUMBER_HEADERS]
    numbers = [parse_number(c) for c in flat if c not in ROW_NUMBER_HEADERS]
    if not numbers or any(n is None or n != n.to_integral_value() for n in numbers):
        return False
    if len(numbers) == 1:
        return bool(words)
    return all(b == a + 1 for a, b in zip(numbers, numbers[1:]))


def split_header(rows: list[Row]) -> tuple[list[list[str]], int]:
    """Label rows of the header (numbering rows dropped) and the index of the first data row."""
    labels: list[list[str]] = []
    for index, row in enumerate(rows):
        if _is_numbering_row(row.cells):
            continue
        texts = [squash(c) for c in row.cells if squash(c) and parse_number(c) is None]
        if any(parse_number(c) is not None for c in row.cells) or (texts and set(texts) <= set(TOTAL_LABELS)):
            return labels, index
        labels.append([squash(c) for c in row.cells])
    return labels, len(rows)


def column_paths(labels: list[list[str]], width: int) -> list[list[str]]:
    """Each column's header path from top to bottom. A group label printed once over merged cells
    is carried right into the empty cells beside it — in every header row but the last, and only
    as far as the columns share the same labels above (a group never leaks into its neighbour)."""
    paths: list[list[str]] = [[] for _ in range(width)]
    for depth, cells in enumerate(labels):
        last = depth == len(labels) - 1
        above = [list(p) for p in paths]
        carry, origin = "", -1
        for col in range(width):
            text = cells[col] if col < len(cells) else ""
            if text:
                carry, origin = text, col
            elif not last and carry and above[col] == above[origin]:
                text = carry
            else:
                carry = ""
            if text and (not paths[col] or paths[col][-1] != text):
                paths[col].append(text)
    return paths


def canonical_column(path: list[str], hit: TableHit) -> str:
    """The spec's canonical name for a printed header path: the deepest label that is a known alias
    (a bare 小计/合计 under a group label names the group), else the printed leaf."""
    aliases = {alias: canon for canon, names in hit.spec.columns.items() for alias in (canon, *names)}
    for label in reversed(path):
        if label in aliases:
            return aliases[label]
    return path[-1] if path else ""


# --- shapes --------------------------------------------------------------------------------------

def summary_to_facts(hit: TableHit) -> list[dict]:
    """Two-sided 收入 | 支出 table; each side has a label column, maybe 行次, then amount columns.
    A 支出 side may print more than one block (by 功能分类, then by 支出用途): see `_sides`."""
    rows = rows_of(hit)
    labels, start = split_header(rows)
    width = len(rows[0].cells) if rows else 0
    paths = column_paths(labels, width)
    sides = _sides(paths, width)
    facts = []
    carry_over: dict[str, str] = {}  # side → the 结转和结余 row whose fund rows follow it
    for row in rows[start:]:
        left: tuple[str, str] | None = None  # (side, label) of the block to the left, if it printed no figure
        for side, cols in sides:
            label_col, value_cols = cols[0], [c for c in cols[1:] if not _is_row_number_col(paths[c])]
            item = squash(row.cells[label_col])
            if item in ROW_NUMBER_HEADERS:
                continue
            values = [(col, read_cell(row.cells[col], hit.unit)) for col in value_cols]
            if not item and left and side != "收入":
                side, item = left  # a label printed across blocks (当年支出小计) owns the figure at the right
            left = (side, item) if item and all(v is None for _, v in values) else None
            if "结转和结余" in item:
                carry_over[side] = item
            elif item in TOTAL_LABELS or "总计" in item:
                carry_over.pop(side, None)
            elif side in carry_over and _FUND.search(item):
                # 年初财政拨款结转和结余 is split by fund in rows that repeat the income rows' labels
                item = f"{carry_over[side]}/{item}"
            for col, value in values:
                add_fact(facts, hit, row, value, side=side, item=item or _row_number_label(row, cols, paths),
                         column=canonical_column(paths[col], hit))
    hit.columns = {canonical_column(paths[c], hit): "/".join(paths[c]) for _, cols in sides for c in cols[1:] if not _is_row_number_col(paths[c])}
    return facts


ITEM_HEADERS = ("项目", "项目名称", "功能科目名称", "科目名称")


def _sides(paths: list[list[str]], width: int) -> list[tuple[str, list[int]]]:
    """Columns of the 收入 side and of the 支出 side, split where the 支出 group label starts
    (or, without group labels, at the second 项目 column). A 支出 side printing several blocks, each
    under its own group label with its own item column (功能分类 | 支出用途), gives one side per
    block: 支出 for the first, the printed group label for the others."""
    split = next((c for c in range(1, width) if paths[c] and paths[c][0].startswith("支出")), None)
    if split is None:
        split = next((c for c in range(1, width) if paths[c] and paths[c][-1] == "项目"), width // 2)
    starts = [split] + [c for c in range(split + 1, width)
                        if len(paths[c]) > 2 and paths[c][-1] in ITEM_HEADERS and paths[c][1] not in paths[c - 1][1:2]]
    sides = [("收入", list(range(0, split)))]
    for index, first in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else width
        sides.append(("支出" if index == 0 else paths[first][1], list(range(first, end))))
    return sides


def _is_row_number_col(path: list[str]) -> bool:
    return any(label in ROW_NUMBER_HEADERS for label in path)


def _row_number_label(row: Row, cols: list[int], paths: list[list[str]]) -> str:
    """An unlabelled row keeps its figures under the row number it prints (行次61), never lost."""
    for col in cols:
        number = parse_number(row.cells[col]) if _is_row_number_col(paths[col]) else None
        if number is not None:
            return f"行次{number.normalize():f}"
    return ""


def coded_to_facts(hit: TableHit) -> list[dict]:
    """Rows keyed by a 功能分类 code (one column, or 类 | 款 | 项 columns joined) and a name."""
    rows = rows_of(hit)
    labels, start = split_header(rows)
    width = len(rows[0].cells) if rows else 0
    paths = column_paths(labels, width)
    data = rows[start:]
    code_cols = [c for c in range(width) if _is_code_col(c, paths, data)]
    value_cols = [c for c in range(width) if c not in code_cols and _is_value_col(c, paths, data)]
    label_cols = [c for c in range(width) if c not in code_cols and c not in value_cols]
    facts = []
    for row in data:
        code = "".join(squash(row.cells[c]) for c in code_cols if _CODE.match(squash(row.cells[c])))
        item = "".join(squash(row.cells[c]) for c in label_cols if squash(row.cells[c]) not in CODE_LEVEL_HEADERS)
        if not item:  # 合计 is often printed in the code column
            item = "".join(t for c in code_cols if not _CODE.match(t := squash(row.cells[c])) and t not in CODE_LEVEL_HEADERS)
        if item in ROW_NUMBER_HEADERS:
            continue
        for col in value_cols:
            add_fact(facts, hit, row, read_cell(row.cells[col], hit.unit), code=code, item=item,
                     column=canonical_column(paths[col], hit))
    hit.columns = {canonical_column(paths[c], hit): "/".join(paths[c]) for c in value_cols}
    return facts


def _is_code_col(col: int, paths: list[list[str]], data: list[Row]) -> bool:
    """A code column says so in its header (科目编码, 类/款/项 — Shanghai prints 类 款 项 in the
    合计 row) or holds mostly bare digit codes."""
    path = paths[col]
    if _is_row_number_col(path):
        return False
    if any(any(h in label for h in CODE_HEADERS) for label in path) or (path and path[-1] in CODE_LEVEL_HEADERS):
        return True
    cells = [squash(r.cells[col]) for r in data if squash(r.cells[col])]
    if any(c in CODE_LEVEL_HEADERS for c in cells[:3]):
        return True
    cells = [c for c in cells if c not in TOTAL_LABELS]
    return bool(cells) and sum(bool(_CODE.match(c)) for c in cells) > len(cells) / 2


def _is_value_col(col: int, paths: list[list[str]], data: list[Row]) -> bool:
    if _is_row_number_col(paths[col]):
        return False
    cells = [r.cells[col] for r in data if not is_blank(r.cells[col])]
    return not cells or sum(read_cell(c) is not None for c in cells) > len(cells) / 2  # figures, odd ones too


def wide_economic_to_facts(hit: TableHit) -> list[dict]:
    """Groups of (科目编码 — one column or 类 | 款 —, 科目名称, amounts…) printed side by side; each
    group's row is its own fact row. A totals label (人员经费合计) takes the next figures printed to
    its right, in its own group or a later one."""
    rows = rows_of(hit)
    labels, start = split_header(rows)
    width = len(rows[0].cells) if rows else 0
    paths = column_paths(labels, width)
    data = rows[start:]
    starts = [c for c in range(width) if any("编码" in label for label in paths[c])]
    starts = [c for i, c in enumerate(starts) if i == 0 or c > starts[i - 1] + 1] + [width]
    if len(starts) < 3:
        return coded_to_facts(hit)
    groups = []
    for first, end in zip(starts, starts[1:]):
        cols = range(first, end)
        code_cols = [c for c in cols if _is_code_col(c, paths, data)]
        value_cols = [c for c in cols if c not in code_cols and _is_value_col(c, paths, data) and any(paths[c])]
        name_cols = [c for c in cols if c not in code_cols and c not in value_cols]
        groups.append((code_cols, name_cols, value_cols))
    facts = []
    for row in data:
        pending = ""
        for code_cols, name_cols, value_cols in groups:
            code = "".join(t for c in code_cols if _CODE.match(t := squash(row.cells[c])))
            texts = [squash(row.cells[c]) for c in code_cols + name_cols]
            name = "".join(squash(row.cells[c]) for c in name_cols)
            values = [(c, read_cell(row.cells[c], hit.unit)) for c in value_cols]
            if not code:
                pending = next((t for t in texts if t.endswith("合计")), pending)
                name = pending
            for col, value in values if name else ():
                add_fact(facts, hit, row, value, code=code, item=name, column=canonical_column(paths[col], hit))
            if any(v is not None for _, v in values):
                pending = ""
    hit.columns = {canonical_column(paths[c], hit): "/".join(paths[c]) for _, _, cols in groups for c in cols}
    return facts


def crosstab_to_facts(hit: TableHit) -> list[dict]:
    """Rows of figures under a multi-level header: the level that names a spec column (预算数 |
    决算数 — at the top in the national layout, at the bottom in Shanghai's) is the fact column, or
    the spec's only column where none is printed; the deepest other label is the item, a 小计
    naming its parent, mapped to the spec's item names."""
    rows = rows_of(hit)
    labels, start = split_header(rows)
    width = len(rows[0].cells) if rows else 0
    paths = column_paths(labels, width)
    aliases = {alias: canon for canon, names in hit.spec.columns.items() for alias in (canon, *names)}
    only = next(iter(hit.spec.columns)) if len(hit.spec.columns) == 1 else None
    item_names = {name for canon, names in hit.spec.items.items() for name in (canon, *names)}
    facts = []
    for row in rows[start:]:
        for col in range(width):
            value = read_cell(row.cells[col], hit.unit)
            column = next((aliases[label] for label in paths[col] if label in aliases), only)
            if value is None or column is None:
                continue
            names = [label for label in paths[col]
                     if label not in aliases and (label in item_names or not _is_title(label, hit))]
            if len(names) >= 2 and names[-1] in ("小计", "合计"):
                names.pop()
            add_fact(facts, hit, row, value, item=canonical_item(names[-1] if names else "合计", hit), column=column)
    hit.columns = {aliases[label]: label for p in paths for label in p if label in aliases} or ({only: only} if only else {})
    return facts


def _is_title(label: str, hit: TableHit) -> bool:
    """A header cell that repeats the table's name (财政拨款“三公”经费) labels no column."""
    return label in hit.title or any(label in title for title in hit.spec.titles)


def canonical_item(label: str, hit: TableHit) -> str:
    """The spec's item name for a printed item label (因公出国（境）费 → 因公出国(境)费). A leading
    year (2024年机关运行经费预算数) says which year's figure, not which item."""
    bare = _LEADING_YEAR.sub("", label)
    for canon, names in hit.spec.items.items():
        if label == canon or label in names or bare == canon or bare in names:
            return canon
    return label


def grouped_to_facts(hit: TableHit) -> list[dict]:
    """Rows labelled by label columns from the broadest (fund group, 品目大类) to the narrowest; a
    label printed once holds for the rows below it until a broader one changes. The item is the
    path down to the row's own label, joined by '/'; a trailing 小计 names its group."""
    rows = rows_of(hit)
    labels, start = split_header(rows)
    width = len(rows[0].cells) if rows else 0
    paths = column_paths(labels, width)
    data = rows[start:]
    value_cols = [c for c in range(width) if _is_value_col(c, paths, data)]
    label_cols = [c for c in range(width) if c not in value_cols and not _is_row_number_col(paths[c])]
    facts = []
    path = [""] * len(label_cols)
    for row in data:
        printed = [k for k, c in enumerate(label_cols) if squash(row.cells[c])]
        for k in printed:
            path[k] = squash(row.cells[label_cols[k]])
        if printed:  # a broader label starts a new group: narrower ones no longer hold
            path[printed[-1] + 1:] = [""] * (len(path) - printed[-1] - 1)
            for k in range(printed[0] + 1, printed[-1]):
                path[k] = squash(row.cells[label_cols[k]])
        names = [name for name in path if name]
        if len(names) >= 2 and names[-1] == "小计":
            names.pop()
        for col in value_cols:
            add_fact(facts, hit, row, read_cell(row.cells[col], hit.unit), item="/".join(names),
                     column=canonical_column(paths[col], hit))
    hit.columns = {canonical_column(paths[c], hit): "/".join(paths[c]) for c in value_cols if paths[c]}
    return facts


# 公开10表 prints counts beside amounts: the unit of a count row follows from its words.
COUNT_UNITS = (("设备", "台(套)"), ("车", "辆"), ("台", "台(套)"), ("套", "台(套)"), ("个", "个"), ("人", "人"))


def stats_to_facts(hit: TableHit) -> list[dict]:
    """Sections (一、政府采购情况 …) each with a 项目 | 行次 | figure header, then labelled rows."""
    facts = []
    column, value_col, section = "", None, ""
    for row in rows_of(hit):
        cells = [squash(c) for c in row.cells]
        numbers = [read_cell(c, hit.unit) for c in cells]
        if cells and cells[0] in ("项目", "指标"):
            value_col = max(i for i, c in enumerate(cells) if c)
            column = canonical_column([cells[value_col]], hit)
            continue
        if all(n is None for n in numbers[1:]):
            section = cells[0] if cells and cells[0] else section
            continue
        col = value_col if value_col is not None else _last_number(numbers)
        if col is None or col == 0 or numbers[col] is None:
            continue
        unit = _count_unit(cells[0], section)
        add_fact(facts, hit, row, numbers[col], item=cells[0], column=column or "统计数", unit=unit)
    hit.columns = {"采购金额": "采购金额", "统计数": "统计数"}
    return facts


def _last_number(numbers: list[Decimal | Unreadable | None]) -> int | None:
    return max((i for i, n in enumerate(numbers) if n is not None), default=None)


def _count_unit(label: str, section: str) -> str | None:
    """Rows of the 资产占用 section are counts; everything else is money in the table's unit."""
    match = re.search(r"[（(](辆|台|套|台[（(]套[)）]|个|人)[)）]", label)
    if match:
        return "台(套)" if "台" in match.group(1) or "套" in match.group(1) else match.group(1)
    if "资产" in section or "车" in label:
        for word, unit in COUNT_UNITS:
            if word in label:
                return unit
    return None


PERF_UNITS = {"执行率": "%", "得分": "分"}


def performance_to_facts(hit: TableHit) -> list[dict]:
    """项目支出绩效自评表: the funds block (seven figures in a fixed order), indicator rows (the last
    two adjacent figures are 分值 and 得分; the item is the nearest name printed before the three
    target/actual cells), and 总分 with its grade."""
    rows = rows_of(hit)
    columns = list(hit.spec.columns)
    facts: list[dict] = []
    hit.unit = _performance_unit(rows) or hit.unit
    in_indicators = False
    hit.grade = ""
    positions: dict[str, int] = {}  # funds-block column → its header cell's index
    for row in rows:
        cells = [squash(c) for c in row.cells]
        first = next((c for c in cells if c), "")
        if first == "项目名称":
            hit.project = next((c for c in cells[1:] if c), "")
        if "分值" in cells:
            in_indicators = True
            continue
        numbers = [parse_number(c) for c in cells]
        if first in ("总分", "合计得分"):
            total = next((n for n in numbers if n is not None), None)
            if total is not None:
                facts.append(fact(hit, row, item="总分", column="得分", value=total, unit="分"))
            hit.grade = next((c for c in cells if c in GRADES), "")
            in_indicators = False
            continue
        figures = [n for n in numbers if n is not None]
        if not in_indicators:
            positions.update(_funds_header_positions(cells))
            mapped = _funds_row(numbers, columns, positions) if figures and not _is_numbering_row(row.cells) else {}
            item = first.rstrip(":：")
            for name, value in mapped.items():
                facts.append(fact(hit, row, item=item, column=name, value=value, unit=PERF_UNITS.get(name, hit.unit)))
        elif in_indicators:
            pair = max((i for i in range(len(numbers) - 1) if numbers[i] is not None and numbers[i + 1] is not None), default=None)
            if pair is None:
                continue
            item = next((c for c in reversed(cells[: max(pair - 3, 0)]) if c), "")
            facts.append(fact(hit, row, item=item, column="分值", value=numbers[pair], unit="分"))
            facts.append(fact(hit, row, item=item, column="得分", value=numbers[pair + 1], unit="分"))
    hit.columns = {name: name for name in columns} | {"分值": "分值"}
    return facts


# Printed header words of the funds block → its columns (the first word found in a cell wins).
FUNDS_HEADERS = (("目标申报", "年初预算数/目标申报数"), ("预算编制", "年初预算数/预算编制数"), ("全年预算", "全年预算数"),
                 ("全年执行", "全年执行数"), ("结", "资金结(转)余"), ("执行率", "执行率"), ("得分", "得分"))


def _funds_header_positions(cells: list[str]) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(cells):
        column = next((name for word, name in FUNDS_HEADERS if word in cell), None)
        if column and column not in found and "进度" not in cell:
            found[column] = index
    return found if len(found) >= 2 else {}


def _funds_row(numbers: list[Decimal | None], columns: list[str], positions: dict[str, int]) -> dict[str, Decimal]:
    """A funds row's figures by column: all seven printed → in order (rows are often printed a cell
    left or right of their header); fewer (a blank cell) → by the header's positions, at the shift
    (0, ±1, ±2) that puts the most figures under a header."""
    figures = [n for n in numbers if n is not None]
    if len(figures) == len(columns):
        return dict(zip(columns, figures))
    if len(figures) < 3 or not positions:
        return {}
    filled = [i for i, n in enumerate(numbers) if n is not None]
    by_index = {index: name for name, index in positions.items()}
    shift = max((0, -1, 1, -2, 2), key=lambda d: sum(i - d in by_index for i in filled))
    return {by_index[i - shift]: numbers[i] for i in filled if i - shift in by_index}


def _performance_unit(rows: list[Row]) -> str | None:
    for row in rows:
        for cell in row.cells:
            match = re.search(r"[（(](万元|元)[)）]", squash(cell))
            if match and "预算" in cell:
                return match.group(1)
    return None


SHAPE_FUNCTIONS = {
    "summary": summary_to_facts,
    "coded": coded_to_facts,
    "wide_economic": wide_economic_to_facts,
    "crosstab": crosstab_to_facts,
    "grouped": grouped_to_facts,
    "stats": stats_to_facts,
    "performance": performance_to_facts,
}


def hit_to_facts(hit: TableHit) -> list[dict]:
    return SHAPE_FUNCTIONS[hit.spec.shape](hit)


def grid_text(grid: Grid, rows: int = 2) -> str:
    """The first rows of a grid as one line, to say which grid a message is about."""
    return " | ".join(squash(c) for r in grid.rows[:rows] for c in r if squash(c))[:80]
