"""Readers turn a document file into a flat list of blocks (`Line`, `Grid`) in reading order.

`read` picks the reader by what the file holds (PDF header, zip or OLE2 signature of a workbook,
HTML tags, text) and only then by its suffix, so a PDF saved as .html or a web page saved as .txt
still reads; a file named .pdf that is not one is reported as such rather than read as text.
Every reader maps CJK radical code points to the ideographs they print as (`readers.glyphs`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from ..errors import ReadError
from ..limits import check_file
from . import work
from .base import Block, Grid, Line
from .html import read_html
from .pdf import HEADER_WINDOW, read_pdf
from .text import read_text
from .xls import OLE2_MAGIC, read_xls
from .xlsx import read_xlsx

__all__ = ["read", "ReadError", "Line", "Grid", "Block"]

SNIFF_WINDOW = 4096
HTML_START = re.compile(r"<(html|table|!doctype\s+html|body|head)\b", re.IGNORECASE)
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
ZIP_MAGIC = b"PK\x03\x04"
READERS = {"pdf": read_pdf, "html": read_html, "text": read_text, "xlsx": read_xlsx, "xls": read_xls}


def format_of(path: str | Path) -> str | None:
    """'pdf', 'xlsx', 'xls', 'html' or 'text', by the file's first bytes; None when it cannot be
    told (`read` then says what is wrong)."""
    path = Path(path)
    try:
        check_file(path)
        with path.open("rb") as handle:
            head = handle.read(SNIFF_WINDOW)
        return head_to_kind(head, path) if head.strip() else None
    except (OSError, ReadError):
        return None


def read(path: str | Path, early: Callable[[list[str]], None] | None = None) -> list[Block]:
    """Blocks of a PDF, workbook, HTML page or text export; ReadError with a one-line reason otherwise.
    `early` sees a PDF's first pages' text before the rest is read (`pdf.read_pdf`). The work
    counts against `juesuan.limits` (`readers.work`); the file is stat'ed before it is opened."""
    path = Path(path)
    check_file(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_WINDOW)
        if not head.strip():
            raise ReadError(f"{path.name} is empty; download it again")
        kind = head_to_kind(head, path)
        with work.reading(path):
            return read_pdf(path, early) if kind == "pdf" else READERS[kind](path)
    except OSError as error:
        raise ReadError(f"{path}: cannot be read ({error.strerror}); check the file and its permissions") from None


def head_to_kind(head: bytes, path: Path) -> str:
    """'pdf', 'xlsx', 'xls', 'html' or 'text' from the file's first bytes, the suffix deciding only
    among texts (read_xlsx says what a zip that is no workbook holds)."""
    suffix = path.suffix.lower()
    if b"%PDF-" in head[:HEADER_WINDOW] or suffix == ".pdf":
        return "pdf"  # read_pdf says what is wrong with a .pdf that has no PDF header
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        return "xls"
    text = head_to_text(head)
    if text is None:
        raise ReadError(
            f"{path.name} is not a PDF, workbook, HTML page or text export; "
            "give the published PDF, web page or .xlsx/.xls workbook"
        )
    if HTML_START.search(text) or suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def head_to_text(head: bytes) -> str | None:
    """The decoded start of a text file, or None for binary data.

    The window may end inside a multi-byte character, so an error in its last three bytes is
    forgiven.
    """
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return head.decode("utf-32", errors="ignore")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    if head.count(b"\x00") > len(head) // 100:  # a stray NUL in a text export is dropped on reading
        return None
    head = head.replace(b"\x00", b"")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return head.decode(encoding)
        except UnicodeDecodeError as error:
            if error.start >= len(head) - 3:
                return head[: error.start].decode(encoding)
    return None
