"""Blocks → the narrative's sentences, each with its page and the headings it falls under.

Only the narrative parts count (第N部分 whose heading says 情况/说明/绩效: the 情况说明 and any
performance part), not the cover, the table of contents, 概况, the tables or the 名词解释; a document
without 第N部分 headings is narrative throughout. Lines are joined into paragraphs whatever the
reader's line breaks were (a paragraph ends only at a heading, a table, or before a line that starts
with an ordinal), and split into sentences at 。；：！？, so the same text through the text reader and
the PDF reader gives the same sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import squash, unit_of_line
from ..readers.base import Block, Grid

PART = re.compile(r"^第[一二三四五六七八九十]+部分")
NARRATIVE_PART = re.compile(r"情况|说明|绩效")
# Heading ordinals by depth: 一、 > （一） > 1、 > （1）. A part (第三部分) is depth 0.
ORDINALS = [
    (1, re.compile(r"^[一二三四五六七八九十]+[、.．]")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    (3, re.compile(r"^\d+[、.．](?!\d)")),
    (4, re.compile(r"^[（(]\d+[)）]")),
]
# A numbered line is a heading, not the first line of a numbered paragraph, when it ends the way
# headings do and holds no clause punctuation ("（三）财政拨款支出决算具体情况" vs
# "3、一般公共服务支出（类）社会工作事务（款）其他社会工作" wrapping on).
HEADING_END = re.compile(r"(?:情况|说明|结果|事项|概况|职责|职能|构成|解释|附件|决算表|预算表)。?$")
CLAUSE_PUNCT = re.compile(r"[，,；;：:。]")
# The tail of a heading wrapped onto the next line ("…部门决算情况" / "说明") is this short at most.
WRAPPED_HEADING_TAIL = 6
SENTENCE = re.compile(r"[^。；;：:！？!?]+[。；;：:！？!?]*")
BULLET = re.compile(r"^[-•●·▪]+(?!\d)")  # "- 教育支出(类)…", not a minus sign
PAGE_NUMBER = re.compile(r"^[-—–─]*第?\d{1,3}页?(?:/共?\d+页?)?[-—–─]*$")  # "21", "- 21 -", "─7─", "第3页/共9页"
TABLE_NOTE = re.compile(r"^(?:公开\d+表$|(?:注|备注)\d*[:：])")
TOC_TITLE = re.compile(r"^目录$")
TOC_LEADER = re.compile(r"[.．…·]*\d*$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the narrative, whitespace removed."""

    text: str
    page: int | None
    headings: tuple[str, ...]  # the headings above it, outermost (一、…) first; the part excluded
    section_no: int  # 1-based over the sections that hold sentences, in document order
    sentence_no: int  # 1-based within its section

    @property
    def section(self) -> str:
        return self.headings[0] if self.headings else ""

    @property
    def subsection(self) -> str:
        return self.headings[-1] if len(self.headings) > 1 else ""


def sentences(blocks: list[Block]) -> list[tuple[str, int | None, str]]:
    """(sentence, page of its first line, section heading) for every narrative sentence."""
    return [(s.text, s.page, s.section) for s in blocks_to_sentences(blocks)]


def heading_level(text: str) -> int | None:
    """0 for a part heading, 1-4 for a numbered heading, None for anything else."""
    if PART.match(text):
        return None if CLAUSE_PUNCT.search(text) else 0
    for level, ordinal in ORDINALS:
        if ordinal.match(text):
            body = text[:-1] if text.endswith("。") else text
            return level if HEADING_END.search(text) and not CLAUSE_PUNCT.search(body) else None
    return None


def starts_numbered(text: str) -> bool:
    return bool(PART.match(text)) or any(ordinal.match(text) for _, ordinal in ORDINALS)


def blocks_to_sentences(blocks: list[Block]) -> list[Sentence]:
    """Walk the blocks once: headings set the context, narrative lines gather into paragraphs."""
    items = merge_wrapped_headings(_without_toc(blocks_to_items(blocks)))
    narrative = not any(isinstance(item, tuple) and heading_level(item[0]) == 0 for item in items)
    headings: dict[int, str] = {}
    section_key = 0  # bumps at every part and 一、 heading
    numbers: dict[int, int] = {}  # section_key → section_no, given when the section's first sentence comes
    counts: dict[int, int] = {}
    paragraph: list[tuple[str, int | None]] = []
    out: list[Sentence] = []

    def flush() -> None:
        if not paragraph:
            return
        number = numbers.setdefault(section_key, len(numbers) + 1)
        chain = tuple(headings[level] for level in sorted(headings))
        for text, page in paragraph_to_sentences(paragraph):
            counts[number] = counts.get(number, 0) + 1
            out.append(Sentence(text, page, chain, number, counts[number]))
        paragraph.clear()

    for item in items:
        if isinstance(item, Grid):
            flush()
            continue
        text, page = item
        level = heading_level(text)
        if level is not None:
            flush()
            headings = {k: v for k, v in headings.items() if k < level}
            if level == 0:
                narrative = bool(NARRATIVE_PART.search(text))
            else:
                headings[level] = text
            if level <= 1:
                section_key += 1
            continue
        if not narrative:
            continue
        if starts_numbered(text):
            flush()
        paragraph.append((text, page))
    flush()
    return out


def paragraph_to_sentences(lines: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    """Join a paragraph's lines with nothing between them (Chinese wraps mid-word, even mid-number:
    "完成年初预" / "算的95.19%") and split it into sentences, each with the page of its first character."""
    text = "".join(line for line, _ in lines)
    starts, pages, offset = [], [], 0
    for line, page in lines:
        starts.append(offset)
        pages.append(page)
        offset += len(line)
    result = []
    for match in SENTENCE.finditer(text):
        line_index = max(i for i, start in enumerate(starts) if start <= match.start())
        result.append((match.group(), pages[line_index]))
    return result


def blocks_to_items(blocks: list[Block]) -> list[tuple[str, int | None] | Grid]:
    """Lines as (text without whitespace or bullet, page); page numbers and table furniture dropped."""
    items: list[tuple[str, int | None] | Grid] = []
    for block in blocks:
        if isinstance(block, Grid):
            items.append(block)
            continue
        text = BULLET.sub("", squash(block.text))
        if not text or PAGE_NUMBER.match(text) or TABLE_NOTE.match(text) or unit_of_line(text) is not None:
            continue
        items.append((text, block.page))
    return items


def _without_toc(items: list) -> list:
    """Drop the table of contents (`contents_span`)."""
    span = contents_span(items)
    return items if span is None else items[:span[0]] + items[span[1]:]


def contents_span(items: list) -> tuple[int, int] | None:
    """(index of the 目录 line, index of the first item after the contents): the contents run to the
    first heading they list that the body repeats. A contents page whose entries never come back
    spans only its title line."""
    start = next((i for i, item in enumerate(items) if isinstance(item, tuple) and TOC_TITLE.match(item[0])), None)
    if start is None:
        return None
    seen: set[str] = set()
    for i in range(start + 1, len(items)):
        item = items[i]
        entries = [row[0] for row in item.rows if row] if isinstance(item, Grid) else [item[0]]
        keys = [TOC_LEADER.sub("", squash(entry)) for entry in entries]
        if isinstance(item, tuple) and keys[0] in seen and heading_level(keys[0]) is not None:
            return start, i
        seen.update(keys)
    return start, start + 1


_YEAR = re.compile(r"(?:19|20)\d{2}年度?")


def _is_part_tail(heading: str, tail: str) -> bool:
    """"第三部分江苏省人大常委会办公厅" + "2017年度部门预算情况说明": a part's title wrapped after the
    department, its tail naming the year and what the part is."""
    return bool(PART.match(heading)) and bool(_YEAR.match(tail)) and bool(re.search(r"(?:决算|预算)", tail))


def merge_wrapped_headings(items: list) -> list:
    """"第三部分…部门决算情况" + "说明" → one heading, so the short tail is not taken for a sentence."""
    merged: list = []
    for item in items:
        previous = merged[-1] if merged else None
        if (isinstance(item, tuple) and isinstance(previous, tuple)
                and heading_level(previous[0]) is not None
                and (len(item[0]) <= WRAPPED_HEADING_TAIL or _is_part_tail(previous[0], item[0]))
                and not CLAUSE_PUNCT.search(item[0]) and not re.search(r"\d", _YEAR.sub("", item[0]))
                and not starts_numbered(item[0])
                and heading_level(previous[0] + item[0]) is not None):
            merged[-1] = (previous[0] + item[0], previous[1])
            continue
        merged.append(item)
    return merged
