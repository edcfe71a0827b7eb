"""HTML reader: each data table becomes a grid (spans filled with ''), each run of text in a block
element becomes a line, in document order. Web pages carry no page numbers."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from ..errors import ReadError
from . import work
from .base import Block, Grid, Line
from .glyphs import unify_radicals

HEAD_WINDOW = 4096
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
HTML_TAG = re.compile(r"<\s*(!doctype|html|head|body|table|div|p|span|h[1-6]|br)\b", re.IGNORECASE)
SOURCE_BREAK = re.compile(r"\s*[\t\n\r\f\v]\s*")
# Pages labelled GB2312 or GBK routinely use characters outside it; GB18030 decodes all of them.
GB_ALIASES = {"gb2312", "gb_2312", "gb_2312-80", "gbk", "x-gbk", "cp936", "gb18030", "euc-cn"}
SKIPPED_TAGS = {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "select"}
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
}
# Declared charsets that decode any bytes: a Chinese page mislabelled with one of them is decoded as
# UTF-8 or GB18030 when its bytes are valid as such (these documents are Chinese, never Western).
SINGLE_BYTE = re.compile(r"^(iso-?8859-\d+|latin-?\d?|l\d|windows-125\d|cp125\d|us-ascii|ascii|cp819)$")


def read_html(path: Path) -> list[Block]:
    """The page's body as lines and grids in document order (pages None)."""
    text = unify_radicals(html_bytes_to_text(path.read_bytes(), path))
    if not HTML_TAG.search(text):
        raise ReadError(f"{path.name}: not an HTML page (no HTML tags found); give the saved web page or its PDF")
    body = text_to_body(text, path)
    blocks = element_to_blocks(body)
    if not blocks:
        raise ReadError(
            f"{path.name}: the page body holds no text or tables; if the report is loaded by script or in a "
            "frame, save the page from the browser after it has shown the report"
        )
    return blocks


def html_bytes_to_text(raw: bytes, path: Path) -> str:
    """Decode by BOM, then the declared charset, then UTF-8, then GB18030."""
    if not raw.strip():
        raise ReadError(f"{path.name} is empty")
    for encoding in dict.fromkeys(candidate_encodings(raw)):
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReadError(f"{path.name}: text in an unknown encoding (not UTF-8 or GB18030); save the page as UTF-8")


def candidate_encodings(raw: bytes) -> list[str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ["utf-16"]
    declared = CHARSET.search(raw[:HEAD_WINDOW]) or XML_ENCODING.search(raw[:HEAD_WINDOW])
    encodings = []
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if SINGLE_BYTE.match(name):
            return ["utf-8-sig", "gb18030", name]
        encodings.append("gb18030" if name in GB_ALIASES else name)
    return encodings + ["utf-8-sig", "gb18030"]


def text_to_body(text: str, path: Path):
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        document = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except etree.ParserError:
        raise ReadError(f"{path.name} is empty") from None
    body = document.find("body")
    if body is None:
        raise ReadError(
            f"{path.name}: the page has no <body> (a frameset or script-only page); "
            "open it in a browser and save the frame that shows the report"
        )
    return body


def element_to_blocks(element) -> list[Block]:
    """Lines and grids of an element, in document order.

    Inline text accumulates until a block element starts or ends or a <br> breaks it, so one run of
    text in a <p>, <li>, heading or <div> makes one line. A table whose nested tables hold no text is
    a data table and becomes a grid; a table holding other tables is layout and is read as text.
    """
    blocks: list[Block] = []
    buffer: list[str] = []

    def flush() -> None:
        text = rendered_space("".join(buffer))
        buffer.clear()
        if text:
            blocks.append(Line(text))

    def walk(node) -> None:
        tag = node.tag
        if not isinstance(tag, str) or tag in SKIPPED_TAGS or is_hidden(node):
            return  # processing instructions and entities, scripts, hidden elements
        if tag == "br":
            flush()
            return
        if tag == "table" and is_data_table(node):
            flush()
            blocks.extend(data_table_to_blocks(node))
            return
        if tag in BLOCK_TAGS:
            flush()
        if node.text:
            buffer.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                buffer.append(child.tail)
        if tag in BLOCK_TAGS:
            flush()

    walk(element)
    flush()
    return blocks


def rendered_space(text: str) -> str:
    """Source line breaks and indentation become one space; spaces typed inside the text stay."""
    return SOURCE_BREAK.sub(" ", text.replace("\xa0", " ")).strip()


def is_hidden(node) -> bool:
    style = (node.get("style") or "").replace(" ", "").lower()
    return node.get("hidden") is not None or "display:none" in style


def is_data_table(table) -> bool:
    return not any(inner.text_content().strip() for inner in table.iterdescendants("table"))


def data_table_to_blocks(table) -> list[Block]:
    """The caption as a line, then the grid; nothing for a table without text (a spacer)."""
    blocks: list[Block] = [
        block for caption in table.iterchildren("caption") for block in element_to_blocks(caption)
    ]
    rows = table_to_rows(table)
    if any(cell for row in rows for cell in row):
        blocks.append(Grid(rows))
    return blocks


def table_to_rows(table) -> list[list[str]]:
    """Cell texts as printed: a cell spanning n columns is followed by n-1 '' cells, a cell spanning
    n rows leaves '' in its columns of the n-1 rows below, and short rows are padded."""
    rows: list[list[str]] = []
    pending: dict[int, int] = {}  # column -> rows below still covered by a rowspan
    for tr in table.iter("tr"):
        if next(tr.iterancestors("table"), None) is not table or is_hidden(tr):
            continue
        covered = set(pending)
        pending = {column: left - 1 for column, left in pending.items() if left > 1}
        row: list[str] = []
        for cell in tr.iterchildren("td", "th"):
            before = len(row)
            while len(row) in covered:
                row.append("")
            colspan, rowspan = span(cell.get("colspan"), "columns"), span(cell.get("rowspan"), "rows")
            if rowspan > 1:
                pending.update({len(row) + offset: rowspan - 1 for offset in range(colspan)})
            work.add("cells", colspan + len(row) - before)
            row.append(cell_to_text(cell))
            row.extend([""] * (colspan - 1))
        row.extend([""] * (max(covered, default=-1) + 1 - len(row)))
        rows.append(row)
    width = max((len(row) for row in rows), default=0)
    work.add("cells", sum(width - len(row) for row in rows))  # the padding
    return [row + [""] * (width - len(row)) for row in rows]


def span(value: str | None, what: str) -> int:
    """A colspan / rowspan as a number ≥ 1, within the html_span limit (HTML's own caps, 1000
    columns and 65534 rows, still let a 6 KB page ask for millions of cells)."""
    digits = re.match(r"\s*(\d{1,9})", value or "")
    number = max(int(digits.group(1)), 1) if digits else 1
    work.measure("html_span", number, f"a table cell spanning {what}")
    return number


def cell_to_text(cell) -> str:
    return "\n".join(block.text for block in element_to_blocks(cell) if isinstance(block, Line))
