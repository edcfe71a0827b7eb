"""Excel workbook reader (.xlsx, .xlsm): each sheet as lines and one grid (see `readers.sheets`).

A workbook is a zip of XML parts, so a hostile one can be a zip bomb, an XML entity bomb or a sheet
that claims a million rows. Before openpyxl opens it, `check_package` reads the zip's directory
(declared sizes and compression ratios), then streams every XML part once through defusedxml,
counting the bytes that really come out: a DTD (forbidden in OOXML parts, ECMA-376 Part 2 [M1.18]),
more bytes than the inflated_mb limit (`juesuan.limits`), a cell with a value beyond MAX_ROWS × MAX_COLUMNS, or formulas
without cached values each stop the read with one ReadError line. Sheets are then read read-only
with `data_only=True` (values as last computed; macros of an .xlsm are never run) and only within
those caps, whatever the sheet's `dimension` claims.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

from ..errors import ReadError
from ..limits import check, current
from . import work
from .base import Block
from .sheets import Cell, rows_to_blocks, value_to_text

# Caps, far above any disclosure (the largest corpus workbook: 17 sheets of at most 3,380 rows,
# 1.2 MB of XML): a table past them is not a disclosure table, and reading on costs time and memory.
MAX_RATIO = 100  # corpus sheets compress about 13:1; zip bombs 1000:1
RATIO_FLOOR = 1024 * 1024  # tiny parts (an empty sheet) may compress better than MAX_RATIO
MAX_ROWS = 20_000
MAX_COLUMNS = 200
CHUNK = 1 << 16

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
XML_PART = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)


def read_xlsx(path: Path) -> list[Block]:
    """Every sheet's name, lines and grid, `page` being the sheet's 1-based index."""
    widths = check_package(path)
    if not openpyxl.DEFUSEDXML:
        raise ReadError("openpyxl runs without defusedxml (OPENPYXL_DEFUSEDXML=False?); install defusedxml to read workbooks")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
        try:
            blocks: list[Block] = []
            for number, sheet in enumerate(workbook.worksheets, start=1):
                # openpyxl's part name of the sheet, to read no wider than its cells reach
                width = widths.get(getattr(sheet, "_worksheet_path", "").lstrip("/"), MAX_COLUMNS)
                blocks.extend(rows_to_blocks(sheet.title, number, sheet_to_rows(sheet, width)))
            return blocks
        finally:
            workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as error:
        raise ReadError(f"{path.name}: damaged workbook ({type(error).__name__}: {error}); save it again from a spreadsheet program") from None


def sheet_to_rows(sheet, width: int) -> list[list[Cell]]:
    sheet.reset_dimensions()  # a sheet's dimension may claim A1:XFD1048576; read only what is there
    rows = []
    for row in sheet.iter_rows(max_row=MAX_ROWS, max_col=max(width, 1)):
        work.add("cells", len(row))
        rows.append([
            Cell(value_to_text(cell.value, cell.number_format) if cell.value is not None else "", vertical_borders(cell))
            for cell in row
        ])
    while rows and not any(cell.text or cell.ruled for cell in rows[-1]):
        rows.pop()  # formatted empty rows below the table
    return rows


def vertical_borders(cell) -> int:
    border = getattr(cell, "border", None)
    if border is None:
        return 0
    return bool(border.left and border.left.style) + bool(border.right and border.right.style)


def check_package(path: Path) -> dict[str, int]:
    """Refuse a zip that is not a workbook, or that would cost too much to open (see module doc);
    return each XML part's last column holding a cell, within MAX_COLUMNS."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ReadError(f"{path.name}: truncated or damaged zip file; download it again") from None
    with archive:
        members = archive.infolist()
        names = {member.filename for member in members}
        if "xl/workbook.xml" not in names:
            kind = "a Word document" if "word/document.xml" in names else "a zip archive"
            raise ReadError(
                f"{path.name} is {kind}, not an Excel workbook (no xl/workbook.xml); "
                "give the published PDF, web page, text export or .xlsx workbook"
            )
        declared = sum(member.file_size for member in members)
        work.add("inflated_mb", declared)
        for member in members:
            if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise ReadError(
                    f"{path.name}: {member.filename} is compressed {member.file_size // max(member.compress_size, 1):,}:1, "
                    f"far beyond a real workbook (a zip bomb?)"
                )
        budget = [0]  # bytes unpacked so far, counted as they stream
        missing: list[str] = []
        widths = {
            member.filename: scan_part(path, archive, member, budget, missing)
            for member in members if XML_PART.search(member.filename)
        }
        if missing:
            raise ReadError(
                f"{path.name}: {len(missing):,} formulas without cached values (first {missing[0]}) — "
                "open and save it in a spreadsheet program, which computes them"
            )
        return widths


def scan_part(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: list[int], missing: list[str]) -> int:
    """Stream one XML part through defusedxml; check its cells against the caps and for formulas.
    Return the last column holding a cell (a value or a border), within MAX_COLUMNS."""
    row_number = column = width = 0
    stack = []  # open elements; each is dropped from its parent once read, so memory stays flat
    try:
        with archive.open(member) as raw:
            for event, element in iterparse(Limited(raw, budget, path), events=("start", "end")):
                if event == "start":
                    stack.append(element)
                    if element.tag == f"{MAIN}row":
                        row_number, column = int(element.get("r") or row_number + 1), 0
                    continue
                stack.pop()
                if element.tag == f"{MAIN}c":
                    column = column_of(element.get("r")) or column + 1
                    check_cell(path, member, element, row_number, column, missing)
                    width = max(width, min(column, MAX_COLUMNS))
                if stack and stack[-1].tag != f"{MAIN}c":  # a cell's children are read at its end
                    stack[-1].remove(element)
    except DefusedXmlException:
        raise ReadError(f"{path.name}: {member.filename} declares a DTD or entities, which workbooks never do (an XML bomb?)") from None
    except zipfile.BadZipFile as error:
        raise ReadError(f"{path.name}: damaged zip member {member.filename} ({error}); download it again") from None
    except (SyntaxError, ValueError) as error:  # ElementTree.ParseError, a row number that is none
        raise ReadError(f"{path.name}: {member.filename} is not well-formed XML ({error}); save the workbook again") from None
    return width


def column_of(reference: str | None) -> int:
    if not reference:
        return 0
    try:
        return column_index_from_string(coordinate_from_string(reference)[0])
    except ValueError:
        return 0


def check_cell(path, member, element, row_number: int, column: int, missing: list[str]) -> None:
    value = element.find(f"{MAIN}v")
    has_value = (value is not None and value.text) or element.find(f"{MAIN}is") is not None
    if element.find(f"{MAIN}f") is not None and not has_value and not (value is not None and element.get("t") == "str"):
        missing.append(f"{element.get('r') or '?'} in {member.filename}")
    if has_value and (row_number > MAX_ROWS or column > MAX_COLUMNS):
        raise ReadError(
            f"{path.name}: {member.filename} has a value at {element.get('r') or f'row {row_number}'}, beyond "
            f"{MAX_ROWS:,} rows × {MAX_COLUMNS} columns; a disclosure table is far smaller — check the file"
        )


class Limited:
    """A zip member stream that stops once the workbook's parts have given more bytes than the
    inflated_mb limit in all, in case the zip's declared sizes lie."""

    def __init__(self, raw, budget: list[int], path: Path):
        self.raw, self.budget, self.path = raw, budget, path

    def read(self, size: int = CHUNK) -> bytes:
        data = self.raw.read(min(size if size and size > 0 else CHUNK, CHUNK))
        self.budget[0] += len(data)
        check(current(), "inflated_mb", self.budget[0] / 2**20, f"{self.path.name}: its unpacked parts")
        return data
