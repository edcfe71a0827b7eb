"""What every reader returns: the document as a flat sequence of blocks in reading order.

A block is a line of running text (`Line`) or a ruled table as a grid of cell strings (`Grid`).
Readers know nothing about 决算 layouts; `juesuan.tables` turns blocks into facts.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """One line of running text (title, unit line, narrative sentence, note)."""

    text: str
    page: int | None = None  # 1-based; None where the source has no pages (text export, HTML)


@dataclass
class Grid:
    """One table as printed: rows of cell strings, '' for an empty or merged-over cell.

    `row_pages[i]` is the page of `rows[i]`; a table that runs over a page break arrives as two
    grids and is joined by `juesuan.tables`, so each row keeps its own page.
    """

    rows: list[list[str]]
    row_pages: list[int | None] = field(default_factory=list)

    def __post_init__(self):
        if not self.row_pages:
            self.row_pages = [None] * len(self.rows)

    @property
    def page(self) -> int | None:
        return self.row_pages[0] if self.row_pages else None


Block = Line | Grid

