"""Blocks → the document's outline: the cover, the contents and every heading or title line of the
body, each with its page and its place in the running text — what the disclosure checklist
(`checks.disclosure`) looks for. Headings and contents are found by the sentence reader's rules
(`sentences.heading_level`, `contents_span`, `merge_wrapped_headings`).

    >>> outline = blocks_to_outline(doc.blocks)
    >>> [(h.text, h.page) for h in outline.headings]      # [('上海市普陀区司法局主要职能', 4), …]
    >>> outline.position("2026年，上海市普陀区司法局收入预算9628.22万元", 8)   # where a quote starts
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..numbers import squash
from ..readers.base import Block, Grid
from .sentences import CLAUSE_PUNCT, blocks_to_items, contents_span, heading_level, merge_wrapped_headings, starts_numbered

# A title or heading line is this short at most: the longest part heading seen is 35 characters
# (九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明, jiangsu_jianchayuan_2019).
TITLE_CHARS = 40
# A numbered heading wrapped before its last words ("十一、一般公共预算“三公”经费、会议费、培训费支" /
# "出预算表情况说明", jiangsu_renda-bangongting_2017 p.28) ran to the margin: its first line is this
# long at least (24 there), its tail on the same page this short at most. A short numbered list
# entry ("2.普陀区法律援助中心", 12) before the next page's title (名词解释) is no wrapped heading.
WRAPPED_HEAD_CHARS = 16
WRAPPED_TAIL_CHARS = 10
# A quote not found whole (a form quote is cut from the page's text, page numbers and all) is
# found by its first characters: enough to be unique on its page, few enough that a dropped line
# rarely falls inside.
QUOTE_KEY = 12
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class Heading:
    text: str  # whitespace removed; a heading wrapped over two lines joined
    page: int | None
    level: int | None  # 0 a part (第三部分…), 1–4 a numbered heading, None another title line
    position: int  # where it starts in `Outline.text`


@dataclass(frozen=True)
class Outline:
    cover: tuple[Heading, ...]  # the first page's lines before the contents or the first heading
    contents: Heading | None  # the 目录 line
    headings: tuple[Heading, ...]  # the body's headings and title lines, in reading order
    text: str  # every line of the document joined, whitespace removed: positions count in it
    page_starts: tuple[tuple[int, int], ...]  # (page, position of its first line), pages in order

    def position(self, quote: str | None, page: int | None, after: int = 0) -> int | None:
        """Where a quoted passage starts: searched from the first line of its page, or, without a
        page (a text export), from `after`. For a page without a quote, where that page's text
        begins — or, for a page without text, just before the text of the next page that has some."""
        pages = [p for p, _ in self.page_starts]
        index = bisect.bisect_left(pages, page) if page is not None else None
        if index is not None and index == len(pages):
            return len(self.text)
        start = self.page_starts[index][1] if index is not None else after
        for key in dict.fromkeys((squash(quote or ""), squash(quote or "")[:QUOTE_KEY])):
            found = self.text.find(key, start) if key else -1
            if found >= 0:
                return found
        if index is None:
            return None
        return start if pages[index] == page else max(start - 1, 0)

    def page_at(self, position: int) -> int | None:
        """The page of the line holding `position`."""
        positions = [start for _, start in self.page_starts]
        index = bisect.bisect_right(positions, position) - 1
        return self.page_starts[index][0] if index >= 0 else None


def blocks_to_outline(blocks: list[Block]) -> Outline:
    """The outline of a document: its cover lines, its 目录 line, and the headings and short
    title lines after the contents (a contents page's own entries are not headings of the body)."""
    items = blocks_to_items(blocks)
    span = contents_span(items)
    body_start = span[1] if span else 0  # the body's wrapped headings joined, as the sentence reader joins them
    items = items[:body_start] + merge_wrapped_headings(items[body_start:])
    lines: list[tuple[str, int | None, int]] = []  # (text, page, position) of every line, in order
    position = 0
    for item in items:
        if isinstance(item, tuple):
            lines.append((item[0], item[1], position))
            position += len(item[0])
    page_starts: dict[int, int] = {}
    for _, page, at in lines:
        if page is not None:
            page_starts.setdefault(page, at)
    text, starts = "".join(line for line, _, _ in lines), tuple(sorted(page_starts.items()))
    if span is None:
        return Outline(_cover(items), None, _headings(lines), text, starts)
    toc, body = (sum(isinstance(item, tuple) for item in items[:end]) for end in span)
    contents = Heading(lines[toc][0], lines[toc][1], None, lines[toc][2])
    if span[1] == span[0] + 1:  # a contents list the body never repeats is still there: skip its entries
        body += _contents_entries(lines[body:], contents)
    return Outline(_cover(items[:span[0]]), contents, _headings(lines[body:]), text, starts)


def _contents_entries(lines: list[tuple[str, int | None, int]], contents: Heading) -> int:
    """How many of the lines after 目录 are its entries: those on the contents page or, in a text
    export without pages, the numbered lines without clause punctuation that follow it ("一、部门主要
    职能", "1.2026年部门财务收支预算总表"; the body's first title, "…主要职能", is not numbered)."""
    count = 0
    for text, page, _ in lines:
        entry = page == contents.page if contents.page is not None else (
            starts_numbered(text) and not CLAUSE_PUNCT.search(text))
        if not entry:
            break
        count += 1
    return count


def _cover(items: list) -> tuple[Heading, ...]:
    """The first page's lines before the first heading, and the cells of a box drawn around them
    (jiangsu_jianchayuan_2018 p.1): a cover is one page; a text export without pages counts every
    line before the contents or the first heading."""
    entries: list[tuple[str, int | None, int]] = []
    position = 0
    for item in items:
        if isinstance(item, Grid):
            page = item.row_pages[0] if item.row_pages else None
            entries += [(squash(cell), page, position) for row in item.rows for cell in row if squash(cell)]
        else:
            entries.append((item[0], item[1], position))
            position += len(item[0])
    first_page = entries[0][1] if entries else None
    cover: list[Heading] = []
    for text, page, at in entries:
        if page != first_page or heading_level(text) is not None:
            break
        cover.append(Heading(text, page, None, at))
    return tuple(cover)


def _headings(lines: list[tuple[str, int | None, int]]) -> tuple[Heading, ...]:
    """Headings and title lines: a numbered or part heading (`heading_level`), or any line short
    enough and without clause punctuation; a numbered heading wrapped before its last words is
    joined with its tail."""
    out: list[Heading] = []
    skip = False
    for i, (text, page, at) in enumerate(lines):
        if skip:
            skip = False
            continue
        tail = lines[i + 1][0] if i + 1 < len(lines) and lines[i + 1][1] == page else ""
        joined = text + tail
        if (starts_numbered(text) and heading_level(text) is None and not CLAUSE_PUNCT.search(text) and tail
                and len(text) >= WRAPPED_HEAD_CHARS and len(tail) <= WRAPPED_TAIL_CHARS and not CLAUSE_PUNCT.search(tail) and not _DIGITS.search(tail)
                and heading_level(joined) is not None):
            out.append(Heading(joined, page, heading_level(joined), at))
            skip = True
            continue
        level = heading_level(text)
        if level is not None or (len(text) <= TITLE_CHARS and not CLAUSE_PUNCT.search(text)):
            out.append(Heading(text, page, level, at))
    return tuple(out)
