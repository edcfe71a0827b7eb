"""What the spreadsheet readers (xlsx, xls) share: a cell's value as the sheet displays it, and a
sheet's rows as lines and one grid.

A sheet becomes, in order: its name as a `Line` (layout specs may alias sheet names, which in
templates differ from the printed titles), the rows above its table as lines (title, 单位：万元 …),
the table as one `Grid`, and the rows below it as lines (notes). The table is the run of ruled rows
(a row with at least two vertical cell borders, as a printed table has); a sheet without any ruled
row takes the rows with two or more filled cells instead. `page` is the sheet's 1-based index in
the workbook, so facts point at the sheet a reader opens.

Numbers are binary floats in the file: each becomes the decimal string the sheet displays, with
the decimals its number format gives (`0.00`, `#,##0.00_ `, `0%`), half away from zero like Excel,
from the float's shortest repr rounded to Excel's 15 significant digits — never `Decimal(float)`.
Thousands separators, currency signs, colours and padding are left out, and negatives print as
`-1.50` whatever brackets the format draws: the cell string is the displayed number, in the form
`juesuan.numbers` parses (a code column formatted `#,##0` stays `2080505`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .base import Block, Grid, Line
from .glyphs import unify_radicals

# Excel stores and displays 15 significant digits ("Excel specifications and limits": number precision).
EXCEL_DIGITS = 15
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')  # literals, escapes, padding, fills, [Red]/[$¥-804]
_LITERAL = re.compile(r'"([^"]*)"|\\(.)|_.|\*.|\[[^\]]*\]')


@dataclass
class Cell:
    text: str
    ruled: int = 0  # vertical borders drawn on this cell (left, right): 0, 1 or 2


def value_to_text(value, number_format: str | None) -> str:
    """A cell value as the sheet shows it: numbers by their format, dates ISO, booleans TRUE/FALSE."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_to_text(value, number_format or "General")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return clean_text(str(value))


def clean_text(text: str) -> str:
    """Radicals unified, each line stripped, blank lines dropped (a PDF prints no empty lines)."""
    lines = (line.strip() for line in unify_radicals(text).replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def number_to_text(value: int | float, number_format: str) -> str:
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if not exact.is_finite():
        return repr(value)
    if len(exact.as_tuple().digits) > EXCEL_DIGITS:  # 0.30000000000000004 shows as 0.3
        exact = exact.quantize(Decimal(1).scaleb(exact.adjusted() - EXCEL_DIGITS + 1), ROUND_HALF_UP)
    raw = format_section(number_format, exact)
    section = _QUOTED.sub("", raw)
    if not number_format.strip() or re.search(r"[Ee][+-]|/|@|general", section, re.IGNORECASE):
        return plain(exact.normalize())  # General, scientific and fraction formats: the shortest number
    if not re.search(r"[0#?]", section):
        return _LITERAL.sub(lambda m: m.group(1) or m.group(2) or "", raw).strip()  # a zero shown as "-"
    if "%" in section:
        exact = exact.scaleb(2)
    number = re.search(r"[0#?,.]*[0#?][0#?,.]*", section).group(0)
    integer, _, fraction = number.partition(".")
    thousands = len(number) - len(number.rstrip(",")) + len(integer) - len(integer.rstrip(","))
    exact = exact.scaleb(-3 * thousands)  # "0.0,," shows millions
    places = len(re.findall(r"[0#?]", fraction))
    shown = exact.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return ("-" if shown < 0 else "") + plain(abs(shown)) + ("%" if "%" in section else "")


def format_section(number_format: str, exact: Decimal) -> str:
    """The section of the format that applies to this number (positive;negative;zero;text)."""
    sections = split_sections(number_format)
    if exact < 0 and len(sections) > 1:
        return sections[1]
    if exact == 0 and len(sections) > 2:
        return sections[2]
    return sections[0]


def split_sections(number_format: str) -> list[str]:
    parts, start, quoted = [], 0, False
    for i, char in enumerate(number_format):
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted and (i == 0 or number_format[i - 1] != "\\"):
            parts.append(number_format[start:i])
            start = i + 1
    return parts + [number_format[start:]]


def plain(number: Decimal) -> str:
    """Fixed-point digits without exponent."""
    return format(number, "f")


def rows_to_blocks(name: str, page: int, rows: list[list[Cell]]) -> list[Block]:
    """A sheet's name, the lines above its table, the table's grid, the lines below it."""
    blocks: list[Block] = [Line(clean_text(name) or name, page)]
    ruled = [i for i, row in enumerate(rows) if sum(cell.ruled for cell in row) >= 2]
    filled = [i for i, row in enumerate(rows) if any(cell.text for cell in row)]
    table = [i for i in ruled if i in set(filled)] or [
        i for i, row in enumerate(rows) if sum(bool(cell.text) for cell in row) >= 2
    ]
    if not table:
        return blocks + [line for row in rows for line in row_to_lines(row, page)]
    top, bottom = table[0], table[-1]
    blocks += [line for row in rows[:top] for line in row_to_lines(row, page)]
    grid = rows[top:bottom + 1]
    used = [j for row in grid for j, cell in enumerate(row) if cell.text or cell.ruled]
    left, right = min(used), max(used) + 1
    cells = [[row[j].text if j < len(row) else "" for j in range(left, right)] for row in grid]
    blocks.append(Grid(cells, [page] * len(cells)))
    blocks += [line for row in rows[bottom + 1:] for line in row_to_lines(row, page)]
    return blocks


def row_to_lines(row: list[Cell], page: int) -> list[Line]:
    """One filled cell gives a line per line of its text; several give one line, cells spaced."""
    texts = [cell.text for cell in row if cell.text]
    if len(texts) == 1:
        return [Line(text, page) for text in texts[0].split("\n")]
    return [Line(" ".join(" ".join(text.split("\n")) for text in texts), page)] if texts else []
