"""Render the bundled text export of the sample 部门决算 as a PDF and as an HTML page.

    python scripts/render_sample.py          # (re)writes data/raw/xinzhou-hrss-2022.{pdf,html}

The text export (one printed line per line, table cells separated by tabs, blank lines between
paragraphs and at page breaks) is the source of truth. Both outputs carry exactly its values, so
the parser can be tested on a PDF and an HTML page whose every cell is known:

* PDF (reportlab, WenQuanYi Micro Hei embedded): cover page, contents, narrative as flowing
  paragraphs on A4 portrait; every table on a new page under the lines that precede it in the text
  (title, 公开NN表, 部门名称, 年度, 金额单位), drawn as a plain ruled grid (so pdfplumber's default
  `extract_tables()` finds it), notes below. Tables with 10 or more columns go on landscape pages.
  Where the text has a blank line inside a table's rows (a page break in the original) the page
  breaks and the table continues on the next page without repeating its header.
* HTML: one self-contained page, a <p>/<h1>/<h2> per text line and one <table> per text table
  (a table continued over a page break stays one <table>). Its print style puts tables of 10 or
  more columns on landscape pages and keeps each row on one page, as a page made for printing
  does: printed in portrait, a browser clips the columns that overflow the page.

A cell's inner spaces mark where the printed cell wrapped (`中等职业教 育`), so a cell is printed
as one line per space-separated part (<br> in HTML); long parts may wrap further in the PDF.
Characters are never dropped or reordered, and the PDF is byte-for-byte reproducible.
"""
from __future__ import annotations

import html
import re
import sys
import time
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))
from juesuan.readers.base import Grid, Line  # noqa: E402
from juesuan.readers.text import text_to_blocks  # noqa: E402

SAMPLE = ROOT / "data" / "raw" / "xinzhou-hrss-2022.txt"
FONT = "WenQuanYiMicroHei"

FORM_RE = re.compile(r"^公开\d+表$")             # the form label under a table's title
ANNEX_RE = re.compile(r"^附件\d+\s*[:：]")
CONTENTS_RE = re.compile(r"^目\s*录$")
PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分\s")
YEAR_RE = re.compile(r"^[(（]?\d{4}年度[)）]?$")
UNIT_RE = re.compile(r"^((金额)?单位[:：].*|元)$")  # 公开07表 breaks its unit line before 元
AMOUNT_RE = re.compile(r"^[-+]?[\d,]*\d\.\d+%?$")  # right-aligned; codes stay left
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # a part with CJK may wrap anywhere

MARGIN = 40
PAGES = {"portrait": A4, "landscape": landscape(A4)}
FRAME = {name: (w - 2 * MARGIN, h - 2 * MARGIN) for name, (w, h) in PAGES.items()}
# Table font sizes to try, largest first; above the floor a table must fit without wrapping a cell.
CELL_SIZES = {"portrait": (9, 8.5, 8, 7.5, 7, 6.5, 6, 5.5, 5),
              "landscape": (7, 6.5, 6, 5.5, 5, 4.5)}
WRAP_FLOOR = {"portrait": 7, "landscape": 6}
CELL_PAD = 2


# ---------------------------------------------------------------- reading the text

def page_breaks(text: str) -> list[list[int]]:
    """For each run of tab-separated lines (the grids of `text_to_blocks`, in order), the indices of
    the rows that follow a blank line inside the run, i.e. where the original page broke.

    `text_to_blocks` skips those blank lines, so this re-scans the lines with the same rules."""
    runs: list[list[int]] = []
    rows = 0
    in_run = blank = False
    for line in text.splitlines():
        if "\t" in line:
            if not in_run:
                runs.append([])
                in_run, rows = True, 0
            elif blank:
                runs[-1].append(rows)
            rows += 1
            blank = False
        elif not line.strip():
            blank = in_run
        else:
            in_run = blank = False
    return runs


def split_at(rows: list[list[str]], breaks: list[int]) -> list[list[list[str]]]:
    edges = [0, *breaks, len(rows)]
    return [rows[a:b] for a, b in zip(edges, edges[1:])]


def heading_start(blocks, g: int) -> int | None:
    """Index of the first line printed above grid `g` on its page, or None if it has no heading.

    A 公开NN表 table's heading starts at the title just before the form label; an attachment's at
    its 附件N line; the contents at 目录."""
    i = g - 1
    while i >= 0 and isinstance(blocks[i], Line):
        text = blocks[i].text
        if FORM_RE.match(text) and i > 0 and isinstance(blocks[i - 1], Line):
            return i - 1
        if ANNEX_RE.match(text) or CONTENTS_RE.match(text):
            return i
        i -= 1
    return None


def grid_width(rows) -> int:
    return max(len(row) for row in rows)


def orientation(grid: Grid) -> str:
    return "landscape" if grid_width(grid.rows) >= 10 else "portrait"


def cell_parts(cell: str) -> list[str]:
    """The printed lines of a cell: the export marks a wrap with a space."""
    return cell.split()


def table_headings(blocks) -> dict[int, int]:
    """{index of a heading's first line: index of its grid}."""
    return {h: g for g, block in enumerate(blocks)
            if isinstance(block, Grid) and (h := heading_start(blocks, g)) is not None}


def line_roles(blocks) -> dict[int, str]:
    """Role of every Line: cover, part or body; above a table title, form, year, unit or label."""
    headings = table_headings(blocks)
    first_heading = min(headings, default=len(blocks))
    heading_of = {k: h for h, g in headings.items() for k in range(h, g)}
    roles = {}
    for i, block in enumerate(blocks):
        if not isinstance(block, Line):
            continue
        text = block.text
        if i < first_heading:
            roles[i] = "cover"
        elif i in heading_of:
            h = heading_of[i]
            # the title is the heading's first line, or the line after an attachment's 附件N
            is_title = not ANNEX_RE.match(text) and (i == h or (i == h + 1 and ANNEX_RE.match(blocks[h].text)))
            roles[i] = ("title" if is_title else "form" if FORM_RE.match(text)
                        else "year" if YEAR_RE.match(text) else "unit" if UNIT_RE.match(text) else "label")
        else:
            roles[i] = "part" if PART_RE.match(text) else "body"
    return roles


# ---------------------------------------------------------------- PDF

def register_font() -> None:
    # WenQuanYi Micro Hei (OFL) from the PyPI package paperang-p2-fonts-cjk; no system font needed.
    path = files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"
    pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))


def style(size: float, align=TA_LEFT, leading: float | None = None, before=0, after=0,
          right_indent: float = 0) -> ParagraphStyle:
    return ParagraphStyle(f"s{size}{align}{before}{after}", fontName=FONT, fontSize=size,
                          leading=leading or size * 1.25, alignment=align, wordWrap="CJK",
                          spaceBefore=before, spaceAfter=after, rightIndent=right_indent)


LINE_STYLES = {
    "cover": style(26, TA_CENTER, 40, after=30),
    "part": style(16, TA_CENTER, 24, after=12),
    "title": style(15, TA_CENTER, 22, after=4),
    "form": style(9, TA_RIGHT, 12),
    "year": style(9, TA_CENTER, 12),
    "unit": style(9, TA_RIGHT, 12),
    "label": style(9, TA_LEFT, 12),
    "body": style(10.5, TA_LEFT, 17, after=5),
}


def paragraph(text: str, st: ParagraphStyle) -> Paragraph:
    return Paragraph(xml_escape(text), st)


def column_widths(rows, size: float, avail: float) -> tuple[list[float], bool] | None:
    """Column widths for one table at one font size, and whether some cell has to wrap.

    Each column gets its widest printed line; if that is too wide for the page, the widest columns
    are capped to share the room, but never below their widest part without CJK (numbers, codes),
    so only text wraps. None if even that does not fit."""
    n = grid_width(rows)
    natural, least = [2.0 * size] * n, [2.0 * size] * n
    for row in rows:
        for j, cell in enumerate(row):
            for part in cell_parts(cell):
                w = pdfmetrics.stringWidth(part, FONT, size)
                natural[j] = max(natural[j], w)
                if not CJK_RE.search(part):
                    least[j] = max(least[j], w)
    slack = 2 * CELL_PAD + size + 1  # padding, the hanging-punctuation indent and 1pt for rounding
    natural = [w + slack for w in natural]
    least = [w + slack for w in least]
    if sum(natural) <= avail:
        scale = avail / sum(natural)  # fill the page width like the printed forms
        return [w * scale for w in natural], False
    if sum(least) > avail:
        return None
    lo, hi = 0.0, max(natural)
    for _ in range(60):
        cap = (lo + hi) / 2
        if sum(max(m, min(w, cap)) for m, w in zip(least, natural)) > avail:
            hi = cap
        else:
            lo = cap
    return [max(m, min(w, lo)) for m, w in zip(least, natural)], True


def cell_flowable(cell: str, size: float):
    if not cell:
        return ""
    align = TA_RIGHT if AMOUNT_RE.match(cell) else TA_LEFT
    return Paragraph("<br/>".join(xml_escape(p) for p in cell_parts(cell)), cell_style(size, align))


@lru_cache(maxsize=None)
def cell_style(size: float, align: int) -> ParagraphStyle:
    # reportlab's CJK wrapping lets one punctuation mark that may not start a line (。、）hang
    # past the line's end; a one-character right indent keeps it inside the cell's borders, or
    # pdfplumber would hand it to the next cell
    return style(size, align, size * 1.2, right_indent=size)


def make_table(rows, widths, size) -> Table:
    # Short rows are padded to the width of this page's part of the table, not of the whole grid:
    # the continued parts of 附件1-3 are 3 (or 10 after 9) cells wide in the text, as printed.
    n = len(widths)
    data = [[cell_flowable(c, size) for c in row] + [""] * (n - len(row)) for row in rows]
    return Table(data, colWidths=widths, style=TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),  # every cell border: pdfplumber's lattice
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), FONT, size, size * 1.2),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))


def fit_tables(segments, orient: str, heading_height: float) -> list[Table]:
    """One Table per page segment, at the largest font size where every segment fits its page
    (the first one under the heading): a table must never split anywhere the text did not."""
    avail_w, avail_h = FRAME[orient]
    for size in CELL_SIZES[orient]:
        layouts = [column_widths(seg, size, avail_w) for seg in segments]
        if any(lay is None for lay in layouts):
            continue
        if size > WRAP_FLOOR[orient] and any(wraps for _, wraps in layouts):
            continue
        tables = [make_table(seg, widths, size) for seg, (widths, _) in zip(segments, layouts)]
        heights = [t.wrap(avail_w, avail_h)[1] for t in tables]
        if heights[0] + heading_height <= avail_h and max(heights) <= avail_h:
            return tables
    raise ValueError(f"table starting {segments[0][0][:3]} does not fit a {orient} page")


class Story:
    """The flowables, with page breaks that never leave a blank page."""

    def __init__(self):
        self.items: list = []
        self.orient = "portrait"
        self.page_empty = True

    def new_page(self, orient: str) -> None:
        if self.page_empty:
            if self.items:  # only just broke: choose the template of that next page instead
                self.items[-2] = NextPageTemplate(orient)
            elif orient != self.orient:
                raise ValueError("the first page is portrait")
        else:
            self.items += [NextPageTemplate(orient), PageBreak()]
        self.orient, self.page_empty = orient, True

    def add(self, flowable) -> None:
        self.items.append(flowable)
        self.page_empty = False


def build_story(blocks, breaks) -> list:
    roles = line_roles(blocks)
    headings = table_headings(blocks)
    grid_breaks = iter(breaks)
    story = Story()
    story.add(Spacer(1, 200))  # cover lines sit in the upper middle of the first page
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if i in headings:
            # a table's heading: lay out heading and table together so both fit one page
            g = headings[i]
            orient = orientation(blocks[g])
            heading = [paragraph(blocks[k].text, LINE_STYLES[roles[k]]) for k in range(i, g)]
            heading.append(Spacer(1, 4))
            avail_w, avail_h = FRAME[orient]
            height = sum(f.wrap(avail_w, avail_h)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in heading)
            tables = fit_tables(split_at(blocks[g].rows, next(grid_breaks)), orient, height + 2)
            story.new_page(orient)
            for f in heading:
                story.add(f)
            for k, table in enumerate(tables):
                if k:
                    story.new_page(orient)
                story.add(table)
            story.add(Spacer(1, 6))  # the notes below
            i = g + 1
            continue
        if isinstance(block, Grid):  # a table without a heading still starts its own page
            orient = orientation(block)
            tables = fit_tables(split_at(block.rows, next(grid_breaks)), orient, 0)
            for table in tables:
                story.new_page(orient)
                story.add(table)
        elif roles[i] == "part":
            story.new_page("portrait")
            story.add(paragraph(block.text, LINE_STYLES["part"]))
        else:
            story.add(paragraph(block.text, LINE_STYLES[roles[i]]))
        i += 1
    return story.items


def render_pdf(blocks, breaks, out: Path, title: str) -> None:
    register_font()
    templates = []
    for name, (w, h) in PAGES.items():
        frame = Frame(MARGIN, MARGIN, w - 2 * MARGIN, h - 2 * MARGIN, id=name,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates.append(PageTemplate(id=name, frames=[frame], pagesize=(w, h)))
    doc = BaseDocTemplate(str(out), pagesize=A4, pageTemplates=templates, title=title,
                          author="", creator="juesuan scripts/render_sample.py",
                          invariant=1)  # fixed dates and document id: identical bytes every run
    doc.build(build_story(blocks, breaks))


# ---------------------------------------------------------------- HTML

CSS = """body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}
table{border-collapse:collapse;margin:.5em 0;font-size:.85em}
td{border:1px solid #000;padding:.15em .4em;vertical-align:middle}
h1,h2,.c{text-align:center}.r{text-align:right}
@page{size:A4;margin:15mm}@page wide{size:A4 landscape;margin:10mm}
@media print{body{max-width:none;margin:0}table.w{page:wide}tr{break-inside:avoid}}"""

HTML_TAGS = {"cover": ("h1", ""), "part": ("h2", ""), "title": ("h2", ""), "form": ("p", "r"),
             "year": ("p", "c"), "unit": ("p", "r"), "label": ("p", ""), "body": ("p", "")}


def render_html(blocks, title: str) -> str:
    roles = line_roles(blocks)
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           f"<title>{html.escape(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>"]
    for i, block in enumerate(blocks):
        if isinstance(block, Line):
            tag, cls = HTML_TAGS[roles[i]]
            attr = f' class="{cls}"' if cls else ""
            out.append(f"<{tag}{attr}>{html.escape(block.text)}</{tag}>")
            continue
        # the text's rows exactly, one <table> even where the original page broke; a wide table
        # prints on landscape pages, where it fits (a browser clips what overflows the page)
        out.append('<table class="w">' if orientation(block) == "landscape" else "<table>")
        for row in block.rows:
            cells = "".join("<td>" + "<br>".join(html.escape(p) for p in cell_parts(c)) + "</td>" for c in row)
            out.append(f"<tr>{cells}</tr>")
        out.append("</table>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- main

def main(source: Path = SAMPLE) -> None:
    start = time.perf_counter()
    text = source.read_text(encoding="utf-8-sig")
    blocks = text_to_blocks(text)
    breaks = page_breaks(text)
    grids = [b for b in blocks if isinstance(b, Grid)]
    if len(breaks) != len(grids):
        raise SystemExit(f"found {len(breaks)} runs of table rows but text_to_blocks made {len(grids)} grids")
    title = "".join(b.text for b in blocks[:2] if isinstance(b, Line))
    pdf, page = source.with_suffix(".pdf"), source.with_suffix(".html")
    render_pdf(blocks, breaks, pdf, title)
    page.write_text(render_html(blocks, title), encoding="utf-8")
    took = time.perf_counter() - start
    print(f"{pdf.relative_to(ROOT)} ({pdf.stat().st_size:,} bytes), "
          f"{page.relative_to(ROOT)} ({page.stat().st_size:,} bytes) in {took:.1f}s")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE)
