"""Render the bundled text export of the sample 部门决算 as an Excel workbook.

    python scripts/render_workbook.py        # (re)writes data/raw/xinzhou-hrss-2022.xlsx

One sheet per table, as departments export them: the lines the text prints above a table (title,
公开NN表, 部门名称, 年度, 金额单位) as rows of text in column A, the table as ruled cells, its notes
and the narrative that follows it as rows below. The cover, the contents and each 第N部分 start
sheets of their own. Amounts are numeric cells with a `#,##0.00`-style format of the printed
decimals (so the reader must turn binary floats back into the printed digits), whole numbers are
numbers in General format, a cell that wraps in print (`中等职业教 育` in the text) holds its
printed lines. Sheets are named by the form label (公开01表), the attachment (附件1) or the line
that starts them, within Excel's 31 characters. Dates inside and in the zip are fixed, so every run
writes the same bytes.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_sample import (ANNEX_RE, FORM_RE, ROOT, SAMPLE, cell_parts, line_roles,  # noqa: E402
                           table_headings, text_to_blocks)
from juesuan.readers.base import Grid, Line  # noqa: E402

THIN = Side(style="thin")
RULED = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
NUMBER_RE = re.compile(r"^-?(0|[1-9]\d*)(\.(\d+))?$")
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
FIXED_TIME = dt.datetime(2023, 1, 1)


def blocks_to_sheets(blocks) -> list[tuple[str, list]]:
    """(sheet name, blocks) in order: a sheet starts at the cover, each table heading, each part."""
    roles = line_roles(blocks)
    starts = set(table_headings(blocks)) | {i for i, role in roles.items() if role == "part"}
    parts: list[list] = [[]]
    for i, block in enumerate(blocks):
        if i in starts and parts[-1]:
            parts.append([])
        parts[-1].append(block)
    names: list[str] = []
    for part in parts:
        name = sheet_name(part) if names else "封面"
        names.append(name if name not in names else f"{name[:28]}（续）")
    return list(zip(names, parts))


def sheet_name(part) -> str:
    """The form label or attachment number above the sheet's table, else its first line."""
    for block in part:
        if isinstance(block, Grid):
            break
        if FORM_RE.match(block.text):
            return block.text
        if ANNEX_RE.match(block.text):
            return re.match(r"附件\d+", block.text).group(0)
    return SHEET_NAME_BAD.sub("", part[0].text)[:31]


def cell_value(text: str) -> tuple[object, str]:
    """The value to store and its number format: printed amounts as numbers, all else as text."""
    match = NUMBER_RE.match(text)
    if not match:
        return ("\n".join(cell_parts(text)) or None), "General"
    if match.group(3) is None:
        return int(text), "General"
    return float(text), "#,##0." + "0" * len(match.group(3))


def fill_sheet(sheet, blocks) -> None:
    row = 1
    for block in blocks:
        if isinstance(block, Line):
            sheet.cell(row, 1, block.text)
            row += 1
            continue
        for cells in block.rows:
            for column, text in enumerate(cells, start=1):
                value, number_format = cell_value(text)
                cell = sheet.cell(row, column, value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # 绩效 targets print "=100%": text, not a formula
                cell.border, cell.number_format, cell.alignment = RULED, number_format, WRAP
            row += 1


def render_workbook(source: Path = SAMPLE) -> Path:
    blocks = text_to_blocks(source.read_text(encoding="utf-8-sig"))
    book = Workbook()
    book.remove(book.active)
    for name, part in blocks_to_sheets(blocks):
        fill_sheet(book.create_sheet(name), part)
    book.properties.created = FIXED_TIME
    book.properties.creator = "juesuan scripts/render_workbook.py"
    out = source.with_suffix(".xlsx")
    book.save(out)
    fix_dates(out)
    return out


def fix_dates(path: Path) -> None:
    """openpyxl stamps the save time into docProps/core.xml and every zip entry: fix both."""
    with zipfile.ZipFile(path) as archive:
        parts = [(item.filename, archive.read(item)) for item in archive.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    out = render_workbook(Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE)
    print(f"{out.relative_to(ROOT)} ({out.stat().st_size:,} bytes)")
