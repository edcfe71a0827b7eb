"""Form facts the audit checks besides the figures: template placeholders left in the text, the
years the cover, headings and table titles name (the report year must be the same throughout), and
punctuation a reader would trip on (a mark printed twice, quotation marks that do not pair up)."""
from __future__ import annotations

import re

import pandas as pd

from ..numbers import squash
from ..readers.base import Block, Line
from . import rules
from .sentences import CLAUSE_PUNCT, TOC_TITLE, blocks_to_items, heading_level, merge_wrapped_headings

FORM_COLUMNS = ["kind", "value", "quote", "page"]

# A title line: a bare year ("2022年度", "(2022年度)") or a line ending the way document and table
# titles do ("2022年度部门决算公开", "…项目支出绩效自评表 (2022年度)"); not a wrapped sentence that
# happens to break after a word like 预算 ("…2024年度无国有资本经营预算" / "财政拨款收入和支出。").
TITLE = re.compile(r"^[（(]?(?:19|20)\d{2}年度?[)）]?$"
                   r"|(?:部门决算|部门预算|决算公开|预算公开|决算表|预算表|自评表)(?:[（(](?:19|20)\d{2}年度?[)）])?$")


def form_observations(blocks: list[Block]) -> pd.DataFrame:
    """One row per placeholder (kind `placeholder`, value the token) and per year named in a cover
    line, heading or title (kind `year_in_heading`, value the year), with the line and its page."""
    rows = [("placeholder", match.group(), text, block.page)
            for block in blocks if isinstance(block, Line)
            for text in [squash(block.text)]
            for match in rules.PLACEHOLDER.finditer(text)]
    for text, page in heading_lines(blocks):
        for year in dict.fromkeys(rules.YEAR.findall(text)):
            rows.append(("year_in_heading", year, text, page))
    rows += punctuation_observations(blocks) + as_of_observations(blocks)
    observations = pd.DataFrame(rows, columns=FORM_COLUMNS)
    observations["page"] = observations["page"].astype("Int64")
    return observations


def heading_lines(blocks: list[Block]) -> list[tuple[str, int | None]]:
    """The cover lines (before the contents or the first heading), the headings and the titles."""
    lines = [item for item in merge_wrapped_headings(blocks_to_items(blocks)) if isinstance(item, tuple)]
    cover_end = next((i for i, (text, _) in enumerate(lines)
                      if TOC_TITLE.match(text) or heading_level(text) is not None), len(lines))
    # a numbered paragraph that runs on in sentences ("1、…（01项）1672.67万元。2025年当年预算执行数为…")
    # is text, not a heading: the years it names are its figures' years
    first_page = lines[0][1] if lines else None  # a cover is one page, however its contents are printed
    return [(text, page) for i, (text, page) in enumerate(lines)
            if (i < cover_end and page == first_page) or (heading_level(text) is not None and "。" not in text.rstrip("。"))
            or (TITLE.search(text) and not CLAUSE_PUNCT.search(text))]


# A mark printed twice ("支出。。", "，，") and a sentence whose quotation marks do not pair up.
DOUBLED_MARK = re.compile(r"([。，；、！？：])\1")
# A sentence that stops where its content should begin: "主要原因是。", "主要用于："
CUT_SHORT = re.compile(r"(?:原因(?:是|为|：|:)|用于|包括)[。；]")
SENTENCE_END = re.compile(r"(?<=[。！？])")


# "截至2022年12月31日": the date a stock (assets, vehicles) is counted at
AS_OF = re.compile(r"截[至止]((?:19|20)\d{2})年")


def page_texts(blocks: list[Block]) -> dict:
    """Each page's running text, its lines joined without whitespace (Chinese wraps mid-word)."""
    by_page: dict = {}
    for block in blocks:
        if isinstance(block, Line):
            by_page.setdefault(block.page, []).append(squash(block.text))
    return {page: "".join(lines) for page, lines in by_page.items()}


def as_of_observations(blocks: list[Block]) -> list[tuple]:
    """(kind `as_of_year`, the year, the text around it, page) per 截至X年 date."""
    return [("as_of_year", match.group(1), text[max(0, match.start() - 10):match.end() + 20], page)
            for page, text in page_texts(blocks).items() for match in AS_OF.finditer(text)]


def punctuation_observations(blocks: list[Block]) -> list[tuple]:
    """(kind `punctuation`, the mark, the sentence, page) per doubled mark and per sentence whose
    “ and ” do not pair up, in the running text page by page."""
    rows = []
    for page, text in page_texts(blocks).items():
        for pattern in (DOUBLED_MARK, CUT_SHORT):
            for match in pattern.finditer(text):
                rows.append(("punctuation", match.group(), text[max(0, match.start() - 30):match.end() + 10], page))
        for sentence in SENTENCE_END.split(text):
            if sentence.count("“") != sentence.count("”"):
                rows.append(("punctuation", "“”", sentence, page))
    return rows
