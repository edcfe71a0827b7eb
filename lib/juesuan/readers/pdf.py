"""PDF reader: ruled tables become grids (pdfplumber's table finder), all other text becomes lines
rebuilt from the page's characters so that each line reads in x order."""
from __future__ import annotations

import logging
import os
import struct
import zlib
from bisect import bisect_left
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..errors import JuesuanError, ReadError, UsageError
from . import pdfcontent, pdfstack, work
from .base import Block, Grid, Line
from .glyphs import unify_radicals

pdfstack.install()

# A PDF may carry junk before its header; readers accept it within the first KB (PDF 1.7, annex H.3).
HEADER_WINDOW = 1024
# Chars whose baselines differ by less than this share of the font size sit on one printed line;
# sub/superscripts (about a third of an em off) do not.
BASELINE_TOLERANCE = 0.25
# A gap wider than one em (a full-width character) with no space character in it prints as a space.
# Measured on the corpus: justified lines and the auto-space Word/WPS put between Chinese and digits
# leave gaps up to 1.0 em (1.3 em in jiangsu_jianchayuan_2017 p.18-22) inside phrases such as
# "2024 年度" or "1463.8 万元"; label columns on one line are 1.5 em and more apart.
SPACE_GAP = 1.0
# A char whose box reaches above its cell's top ruling by more than this share of its height is
# drawn across the ruling (a wrapped line overflowing the cell above); a line follows the one
# before it within LINE_HEIGHT of the font size (SimSun 17.04 pt at 20.6 pt, p.12 of
# jiangsu_shengwei-bangongting_2019).
OVERFLOW = 0.15
LINE_HEIGHT = 1.6
# A browser breaks a table row at the page end and draws no rule there: the row's vertical rulings
# stop (and on the next page start) at the printed area's edge. Rulings within this many points of
# one another end together; at least MIN_CUT_RULINGS of them make a cut row.
CUT_TOLERANCE = 1.0
MIN_CUT_RULINGS = 2


# A caller may look at the text of the first pages before the rest is read (`read_pdf(…, early=…)`).
EARLY_PAGES = 5

# Which pass builds a page's objects: "lean" (`readers.pdfcontent`, the default: the same objects,
# faster) or "pdfplumber" (its own `page.objects`); both give the same blocks for every PDF of the
# corpus (tests/test_fast_reader.py), and the benchmark times both.
READER_VARIABLE = "JUESUAN_PDF_READER"
OBJECT_READERS = ("lean", "pdfplumber")


def object_reader() -> str:
    """The reader $JUESUAN_PDF_READER names (default "lean"); UsageError for another name."""
    name = os.environ.get(READER_VARIABLE, "").strip() or OBJECT_READERS[0]
    if name not in OBJECT_READERS:
        raise UsageError(f"{READER_VARIABLE}={name!r} names no PDF reader; the readers are {', '.join(OBJECT_READERS)}")
    return name


def read_pdf(path: Path, early: Callable[[list[str]], None] | None = None) -> list[Block]:
    """All pages of a PDF as lines and grids in reading order, each with its 1-based page.

    `early`, if given, sees the text of the first EARLY_PAGES pages once they are read (lines, and
    grid rows as lines; all pages when there are fewer) and may raise to stop there: a file that is no disclosure is refused
    in one pass over a few pages, not read whole."""
    check_pdf_header(path)
    blocks: list[Block] = []
    chars_seen = images_seen = pages = 0
    cut: Grid | None = None  # the previous page's last grid, when its last row runs on
    lean = object_reader() == "lean"
    try:
        with quiet_pdfminer(), pdfplumber.open(path) as pdf:
            work.measure("pages", len(pdf.pages), "pages")
            tally = work.tally()
            for number, page in enumerate(pdf.pages, start=1):
                pages = number
                if tally is not None:
                    tally.set_page(number)
                if lean:
                    page._objects = pdfcontent.page_objects(page)
                chars_seen += len(page.chars)
                images_seen += len(page.images)
                page_blocks, cut_top, cut_bottom = page_to_blocks(page, number)
                if cut is not None and cut_top is not None:
                    join_cut_row(cut, cut_top)
                blocks.extend(block for block in page_blocks if not (isinstance(block, Grid) and not block.rows))
                cut = cut_bottom
                page.close()
                if early is not None and chars_seen and number == min(EARLY_PAGES, len(pdf.pages)):
                    # a spreadsheet export prints its titles inside the table's frame: grid text counts too
                    early([b.text if isinstance(b, Line) else " ".join(c for c in row if c)
                           for b in blocks for row in ([None] if isinstance(b, Line) else b.rows)])
    except DAMAGED as error:
        raise pdf_error_to_read_error(path, error) from None
    if not pages:
        raise ReadError(f"{path.name}: the PDF has no pages; download it again")
    if not chars_seen:
        if images_seen:
            raise ReadError(f"{path.name}: no text layer — it is probably a scan; run OCR (e.g. ocrmypdf) first")
        raise ReadError(f"{path.name}: its pages hold neither text nor images — empty or damaged; download it again")
    return blocks


@contextmanager
def quiet_pdfminer():
    """pdfminer logs a warning per odd font or object (browser-printed PDFs give hundreds); what
    matters reaches the caller as a ReadError, so its logger is held to errors while reading."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def check_pdf_header(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(HEADER_WINDOW)
    if not head:
        raise ReadError(f"{path.name} is empty; download it again")
    if b"%PDF-" not in head:
        raise ReadError(f"{path.name}: not a PDF (no %PDF header); check that the download is the PDF itself")


# What the PDF stack (pdfminer, pdfplumber) raises on a damaged file: its own exceptions, and the
# Python ones a malformed object ends in (a zero-area MediaBox is a ValueError, a bad stream a zlib
# or struct error, a self-referring object a RecursionError).
DAMAGED = (PdfminerException, PSException, MalformedPDFException, ValueError, TypeError, KeyError, IndexError,
           AttributeError, AssertionError, RecursionError, OverflowError, ZeroDivisionError, zlib.error, struct.error)


def pdf_error_to_read_error(path: Path, error: Exception) -> JuesuanError:
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, JuesuanError):  # a limit reached deep in the PDF stack (pdfplumber wraps it)
        return cause
    if isinstance(cause, PDFEncryptionError):
        return ReadError(
            f"{path.name} is encrypted (a password is needed to open it); "
            "save an unprotected copy (e.g. qpdf --decrypt --password=… in.pdf out.pdf) and read that"
        )
    detail = " ".join(str(cause).split())[:200]
    return ReadError(f"{path.name}: truncated or damaged PDF ({type(cause).__name__}: {detail}); download it again")


def page_to_blocks(page, number: int) -> tuple[list[Block], Grid | None, Grid | None]:
    """One page's grids and lines, top to bottom, with the grids whose first / last row the page
    cuts (a row broken over a page break, see `cut_rows`).

    Text inside a table's box but in none of its cells (a label beside a ragged header) stays a line.
    Smaller tables take their text first, so a ruled frame drawn around a table keeps only what
    lies outside it.
    """
    chars = [char for char in page.chars if char_in_bbox(char, page.bbox)]
    for char in chars:
        char["text"] = unify_radicals(char["text"])
    top_cut, bottom_cut = cut_rows(page)
    cuts = [y for y in (top_cut, bottom_cut) if y is not None]
    drawn = page_to_printed_area(page).filter(is_drawn)
    check_rulings(drawn, number)
    tables = drawn.find_tables({"explicit_horizontal_lines": cuts} if cuts else None)
    placed: list[tuple[float, Block]] = []
    cut_top = cut_bottom = None
    for table in sorted(tables, key=lambda table: area(table.bbox)):
        box = table.bbox  # a property that walks all cells: computed once
        inside = [char for char in chars if char_in_bbox(char, box)]
        outside = [char for char in chars if not char_in_bbox(char, box)]
        grid, top, leftover = table_to_grid(table, inside, number)
        placed.append((top, grid))
        if top_cut is not None and abs(box[1] - top_cut) <= CUT_TOLERANCE:
            cut_top = grid
        if bottom_cut is not None and abs(box[3] - bottom_cut) <= CUT_TOLERANCE:
            cut_bottom = grid
        chars = outside + leftover
    placed += [(top, Line(text, number)) for top, text in chars_to_lines(chars)]
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed], cut_top, cut_bottom


# pdfplumber snaps rulings within 3 pt of one another (its snap_tolerance) into one.
SNAP = 3.0


def check_rulings(page, number: int) -> None:
    """Refuse a page whose rulings could form more cells than page_cells allows, before the table
    finder (whose work grows with the cube of the rulings) meets them."""
    rows = {int(e["top"] // SNAP) for e in page.edges if e["orientation"] == "h"}
    columns = {int(e["x0"] // SNAP) for e in page.edges if e["orientation"] == "v"}
    cells = max(len(rows) - 1, 0) * max(len(columns) - 1, 0)
    work.measure("page_cells", cells, f"cells its rulings could form on page {number}")


def cut_rows(page) -> tuple[float | None, float | None]:
    """The y where the page cuts a table row at its top and at its bottom, or None: where the
    topmost (bottommost) vertical rulings begin (end) together and no horizontal ruling crosses.

    Chromium draws each border as a thin rectangle, whose own short edges are no rulings."""
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 2 * CUT_TOLERANCE]
    if not verticals:
        return None, None
    rulings = [e for e in page.edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 4 * CUT_TOLERANCE]

    def open_at(y: float, end: str) -> float | None:
        ending = [e for e in verticals if abs(e[end] - y) <= CUT_TOLERANCE]
        if len(ending) < MIN_CUT_RULINGS:
            return None
        left, right = min(e["x0"] for e in ending), max(e["x1"] for e in ending)
        crossed = any(abs(h["top"] - y) <= CUT_TOLERANCE and h["x0"] < right and h["x1"] > left for h in rulings)
        return None if crossed else y

    return open_at(min(e["top"] for e in verticals), "top"), open_at(max(e["bottom"] for e in verticals), "bottom")


def join_cut_row(above: Grid, below: Grid) -> None:
    """Join the two halves of a row broken over a page break: the upper half is the last row of
    the grid above, the lower half the first row of the grid below, cell by cell."""
    if not above.rows or not below.rows or len(above.rows[-1]) != len(below.rows[0]):
        return
    lower = below.rows.pop(0)
    below.row_pages.pop(0)
    above.rows[-1] = ["\n".join(part for part in pair if part) for pair in zip(above.rows[-1], lower)]


def page_to_printed_area(page):
    """The page cropped to its box when something is drawn beyond it (for the table finder: a crop
    clips the boxes of chars across the edge, so chars are judged on the whole page).

    Excel exports draw whole sheets or tall cells on every page they touch and leave the page box
    to show the printed part: jiangsu_renda-bangongting_2017 p.11 carries two more tables below the
    page, shanghai-putuo_caizhengju_2025 p.8 repeats p.7's text above the page.
    """
    x0, top, x1, bottom = page.bbox
    for objects in page.objects.values():
        for obj in objects:
            if obj["x0"] < x0 - 1 or obj["x1"] > x1 + 1 or obj["top"] < top - 1 or obj["bottom"] > bottom + 1:
                return page.crop(page.bbox)
    return page


def is_drawn(obj: dict) -> bool:
    """False for a white, filled, unstroked rect: invisible on the page, but the table finder would
    take its edges for rulings. Spreadsheet exports paint every cell's padding so
    (jiangsu_jianchayuan_2018 p.13–23): one printed row became three grid rows, its label split
    above and below its figure."""
    if obj.get("object_type") != "rect" or obj.get("stroke") or not obj.get("fill"):
        return True
    color = obj.get("non_stroking_color")
    values = tuple(color) if isinstance(color, (list, tuple)) else (color,)
    white = values in ((1,), (1, 1, 1)) or values == (0, 0, 0, 0)  # gray, RGB, CMYK
    return not white


def area(bbox: tuple) -> float:
    return (bbox[2] - bbox[0]) * (bbox[3] - bbox[1])


def char_in_bbox(char: dict, bbox: tuple) -> bool:
    """The test pdfplumber's Table.extract uses: the char's centre lies in the box."""
    x0, top, x1, bottom = bbox
    return x0 <= (char["x0"] + char["x1"]) / 2 < x1 and top <= (char["top"] + char["bottom"]) / 2 < bottom


def table_to_grid(table, chars: list[dict], number: int) -> tuple[Grid, float, list[dict]]:
    """The table's rows of cell text, the top of its first text, and the chars in no cell.

    Each char goes to the smallest cell holding it: Excel exports of Jiangsu tables draw a frame
    around title and table that pdfplumber returns as one more cell, and Table.extract() would
    repeat the whole table inside it.
    """
    chars = sorted(chars, key=lambda char: char["top"] + char["bottom"])
    middles = [(char["top"] + char["bottom"]) / 2 for char in chars]
    by_cell: dict[tuple, list[dict]] = {}
    taken: set[int] = set()
    for cell in sorted(table.cells, key=area):
        start, stop = bisect_left(middles, cell[1]), bisect_left(middles, cell[3])
        held = [
            char for char in chars[start:stop]
            if id(char) not in taken and cell[0] <= (char["x0"] + char["x1"]) / 2 < cell[2]
        ]
        taken.update(map(id, held))
        by_cell.setdefault(cell, []).extend(held)
    move_overflow(by_cell)
    rows = [[cell_to_text(by_cell.get(cell, [])) if cell else "" for cell in row.cells] for row in table.rows]
    used = [char for char in chars if id(char) in taken]
    top = min((char["top"] for char in used), default=table.bbox[1])
    return Grid(rows, [number] * len(rows)), top, [char for char in chars if id(char) not in taken]


def move_overflow(by_cell: dict[tuple, list[dict]]) -> None:
    """A wrapped line that overflows its cell across the ruling below (a spreadsheet clips it
    there) goes back to the cell above: the char crosses the ruling by more than OVERFLOW of its
    height, and the cell above ends in a line one line-height above it (采购组织形 / 式,
    jiangsu_shengwei-bangongting_2019 p.12, whose 式 stood in the 合计 row)."""
    above = {(round(cell[3]), cell[0], cell[2]): cell for cell in by_cell}
    for cell, chars in by_cell.items():
        for char in list(chars):
            size = char["bottom"] - char["top"]
            if cell[1] - char["top"] <= OVERFLOW * size:
                continue
            middle = (char["x0"] + char["x1"]) / 2
            upper = next((c for (bottom, x0, x1), c in above.items()
                          if bottom == round(cell[1]) and x0 <= middle < x1 and by_cell[c]), None)
            last = max((baseline(c) for c in by_cell[upper]), default=None) if upper else None
            if last is not None and 0 < baseline(char) - last <= LINE_HEIGHT * size:
                chars.remove(char)
                by_cell[upper].append(char)


def cell_to_text(chars: list[dict]) -> str:
    return "\n".join(text for _, text in chars_to_lines(chars))


def chars_to_lines(chars: list[dict]) -> list[tuple[float, str]]:
    """(top, text) of each printed line: chars grouped by baseline, each group read left to right.

    Grouping by baseline rather than by the char box's top matters: fonts with different ascent
    (ONLYOFFICE's Times New Roman digits beside FangSong) put the boxes of one line at different
    tops, and pdfplumber's extract_text then moves the digits to a line of their own.
    """
    lines = []
    group: list[dict] = []
    anchor = 0.0
    for char in sorted(chars, key=baseline):
        base = baseline(char)
        if group and base - anchor > BASELINE_TOLERANCE * char["size"]:
            lines.append(group_to_line(group))
            group = []
        if not group:
            anchor = base
        group.append(char)
    if group:
        lines.append(group_to_line(group))
    return [line for line in lines if line[1]]


def baseline(char: dict) -> float:
    """Distance of the char's baseline from the page top; the box middle for rotated glyphs.

    Synthetic italics (a skewed matrix, c != 0, as in jiangsu_jianchayuan_2018 p.25) keep their
    baseline.
    """
    _, b, _, d, _, f = char["matrix"]
    if b == 0 and d > 0:
        return char["bottom"] - (f - char["y0"])
    return (char["top"] + char["bottom"]) / 2


def group_to_line(group: list[dict]) -> tuple[float, str]:
    """Text of one line: a space where the PDF has a space character or a gap wider than SPACE_GAP."""
    group.sort(key=lambda char: char["x0"])
    parts: list[str] = []
    space = False
    previous = None
    for char in group:
        if char["text"].isspace():
            space = True
            continue
        if previous is not None and (
            space or char["x0"] - previous["x1"] > SPACE_GAP * min(char["size"], previous["size"])
        ):
            parts.append(" ")
        parts.append(char["text"])
        previous, space = char, False
    return min(char["top"] for char in group), "".join(parts)
