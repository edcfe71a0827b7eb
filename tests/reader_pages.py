"""What the page tests read: every table of a rendered page (its headings, the English gloss row
apart, and its rows of cell texts), and the matcher that finds a row showing a claim's stated figure."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser


@dataclass
class HtmlTable:
    headings: list[list[str]] = field(default_factory=list)  # header rows, the gloss row left out
    glosses: list[list[str]] = field(default_factory=list)  # the English gloss rows (class="gloss")
    rows: list[list[str]] = field(default_factory=list)  # body rows: cell texts

    def columns(self) -> list[str]:
        return self.headings[0] if self.headings else []


class PageTables(HTMLParser):
    """Every <table> of a page, nested or not, with its cells' text (entities decoded)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tables: list[HtmlTable] = []
        self._open: list[HtmlTable] = []
        self._row: list[str] | None = None
        self._row_kind = ""
        self._cell: list[str] | None = None
        self._in_head = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._open.append(HtmlTable())
        elif tag == "thead":
            self._in_head += 1
        elif tag == "tr" and self._open:
            gloss = "gloss" in (attrs.get("class") or "")
            self._row, self._row_kind = [], "gloss" if gloss else "head" if self._in_head else ""
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._open:
            table = self._open[-1]
            if self._row_kind == "gloss":
                table.glosses.append(self._row)
            elif self._row_kind == "head":
                table.headings.append(self._row)
            else:
                table.rows.append(self._row)
            self._row = None
        elif tag == "thead" and self._in_head:
            self._in_head -= 1
        elif tag == "table" and self._open:
            self.tables.append(self._open.pop())

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


# --- does a row show a claim's stated figure? --------------------------------------------------------------

NUMBER = re.compile(r"^(-?[\d,]+(?:\.(\d+))?)\s*(%|万元|元)?$")
HEADING_UNIT = re.compile(r"[（(](?:[^（）()]*[，,])?\s*(万元|元)[)）]$")
DIVISOR = {"元": Decimal(1), "万元": Decimal(10000)}
APPROVING = ("相符", "正常")


def cell_figure(cell: str, heading: str) -> tuple[Decimal, str, int] | None:
    """A cell's figure: (number, unit, decimals) — the unit from the cell (71.73%, 0.30 万元) or from
    its column's heading (金额（万元）); None for text."""
    found = NUMBER.match(cell.strip())
    if not found:
        return None
    try:
        number = Decimal(found.group(1).replace(",", ""))
    except InvalidOperation:
        return None
    in_heading = HEADING_UNIT.search(heading or "")
    unit = found.group(3) or (in_heading.group(1) if in_heading else "")
    return number, unit, len(found.group(2) or "")


def shows_stated(cell: str, heading: str, claim: dict) -> bool:
    """Whether a cell shows the claim's stated figure, in whatever unit the cell is in: a percentage
    equal to the stated one as the cell rounds it; an amount whose value in 元 is the stated amount
    to the cell's last place."""
    figure = cell_figure(cell, heading)
    if figure is None or claim.get("stated") in (None, ""):
        return False
    number, unit, places = figure
    half = Decimal(5).scaleb(-places - 1)
    if claim["unit"] == "%":
        return unit == "%" and abs(number - Decimal(str(claim["stated"]))) <= half
    if claim["unit"] in DIVISOR and unit in DIVISOR:
        return abs(number - Decimal(str(claim["value_yuan"])) / DIVISOR[unit]) <= half
    return False


def approves(cell: str) -> bool:
    text = cell.strip()
    return text.startswith(APPROVING) or text.lower() == "ok"


def rows_approving_mismatches(table: HtmlTable, claims: list[dict]) -> list[tuple[list[str], str]]:
    """The rows of a table that show a mismatched claim's stated figure (a cell naming its subject and
    a cell showing its figure) and still read 相符 / 正常 / ok in a cell; with the claim's id."""
    columns = table.columns()
    wrong = []
    for row in table.rows:
        headings = columns if len(columns) == len(row) else [""] * len(row)
        for claim in claims:
            named = any(claim["subject"] and claim["subject"] in cell for cell in row)
            if named and any(shows_stated(c, h, claim) for c, h in zip(row, headings)) and any(map(approves, row)):
                wrong.append((row, claim["claim_id"]))
    return wrong


def rows_showing(table: HtmlTable, claim: dict) -> list[list[str]]:
    columns = table.columns()
    return [row for row in table.rows
            if any(claim["subject"] in cell for cell in row)
            and any(shows_stated(c, h, claim) for c, h in zip(row, columns if len(columns) == len(row) else [""] * len(row)))]
