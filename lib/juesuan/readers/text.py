"""Plain-text export: one line per printed line, table cells separated by tabs, blank lines between
paragraphs and at page breaks (so the export carries no page numbers)."""
from __future__ import annotations

from pathlib import Path

from ..errors import ReadError
from . import work
from .base import Block, Grid, Line
from .glyphs import unify_radicals


# A byte-order mark names its encoding (UTF-32 before UTF-16: its little-endian mark begins with UTF-16's).
BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def read_text(path: Path) -> list[Block]:
    raw = path.read_bytes()
    encoding = next((name for bom, name in BOMS if raw.startswith(bom)), None)
    try:
        text = raw.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError:
        if encoding:
            raise ReadError(f"{path.name}: its byte-order mark says {encoding.upper()} but it does not decode as such; save it as UTF-8")
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise ReadError(f"{path.name}: not UTF-8 or GB18030 text; save it as UTF-8 and try again")
    return text_to_blocks(unify_radicals(text.replace("\x00", "")))


def text_to_blocks(text: str) -> list[Block]:
    """Runs of tab-separated lines become one grid; blank lines inside a run (page breaks) are
    skipped, any other line ends it."""
    blocks: list[Block] = []
    grid: list[list[str]] | None = None
    for raw_line in text.splitlines():
        line = raw_line.rstrip("\r\n")
        if "\t" in line:
            if grid is None:
                grid = []
                blocks.append(Grid(grid))
            work.add("cells", line.count("\t") + 1)
            grid.append([cell.strip() for cell in line.split("\t")])
            continue
        if not line.strip():
            continue
        grid = None
        blocks.append(Line(line.strip()))
    for block in blocks:
        if isinstance(block, Grid):
            block.row_pages = [None] * len(block.rows)
    return blocks
