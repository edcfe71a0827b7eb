"""Legacy Excel workbook reader (.xls, BIFF in an OLE2 compound file) by xlrd, giving the same
blocks as `readers.xlsx` (see `readers.sheets`).

An OLE2 file is also what Office makes of a password-protected .xlsx (the encrypted package beside
an EncryptionInfo stream, MS-OFFCRYPTO §2.3.4), and of a .doc: both are named for what they are.
BIFF stores every formula's last result, so an .xls has no "formulas without cached values".
"""
from __future__ import annotations

from pathlib import Path

import xlrd
from xlrd.compdoc import CompDocError

from ..errors import ReadError
from .base import Block
from .sheets import Cell, rows_to_blocks, value_to_text
from .xlsx import MAX_COLUMNS, MAX_ROWS

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))


def read_xls(path: Path) -> list[Block]:
    data = path.read_bytes()  # its size was checked against file_mb (`readers.read`)
    if any(name in data for name in ENCRYPTED_STREAMS):
        raise ReadError(f"{path.name} is a password-protected workbook; save an unprotected copy and read that")
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=_Quiet())
    except (xlrd.XLRDError, CompDocError, AssertionError, IndexError, ValueError) as error:
        if "encrypted" in str(error).lower():
            raise ReadError(f"{path.name} is a password-protected workbook; save an unprotected copy and read that") from None
        if "workbook" in str(error).lower() and "find" in str(error).lower():
            raise ReadError(f"{path.name}: an OLE2 file without a workbook (a Word .doc?); give the PDF, web page or workbook") from None
        raise ReadError(f"{path.name}: damaged .xls workbook ({error}); save it again from a spreadsheet program") from None
    blocks: list[Block] = []
    for number in range(book.nsheets):
        sheet = book.sheet_by_index(number)
        if sheet.nrows > MAX_ROWS or sheet.ncols > MAX_COLUMNS:
            raise ReadError(
                f"{path.name}: sheet {sheet.name} has {sheet.nrows:,} rows × {sheet.ncols} columns, beyond "
                f"{MAX_ROWS:,} × {MAX_COLUMNS}; a disclosure table is far smaller — check the file"
            )
        blocks.extend(rows_to_blocks(sheet.name, number + 1, sheet_to_rows(book, sheet)))
        book.unload_sheet(number)
    return blocks


def sheet_to_rows(book, sheet) -> list[list[Cell]]:
    rows = []
    for r in range(sheet.nrows):
        row = []
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
            number_format = book.format_map[xf.format_key].format_str if xf and xf.format_key in book.format_map else None
            row.append(Cell(value_to_text(cell_value(book, cell), number_format), vertical_borders(xf)))
        rows.append(row)
    return rows


def cell_value(book, cell):
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    return cell.value


def vertical_borders(xf) -> int:
    if xf is None:
        return 0
    return bool(xf.border.left_line_style) + bool(xf.border.right_line_style)


class _Quiet:
    """xlrd writes warnings to a log file; a reader reports through ReadError only."""

    def write(self, _text: str) -> None:
        pass
