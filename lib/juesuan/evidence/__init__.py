"""The place on the page of each finding: page crops and highlighted quotes.

    >>> from juesuan import evidence
    >>> evidence.show(doc)             # in a notebook: each error and warning with its place on the page
    >>> found = evidence.collect(doc)  # the same as data: found.items[i].crops[j].bbox, .png, .boxes …

For a PDF, each error or warning finding gets a crop of the page with the stated figure boxed in
red and the table cells it was compared with (or, for a table rule, the cells it names) in blue —
one crop per page they are printed on. The places are found again on the page (`evidence.search`),
not carried through the parse. For a text export or a web page, which have no pages, the sentence
is quoted with the stated figure marked, and the cells are named with what they print. What cannot
be found is said in words ("未能在第N页找到所述数字"), never left blank.

The work is bounded: only error and warning findings, at most LIMIT of them (the rest are counted),
each PDF opened once, each page read once and rendered once however many findings point at it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..wording import finding_values, readable
from .markup import cell_words, marked_quote, to_html
from .render import Crop, Pages, Unavailable
from .search import Box, Hit, find_stated
from .targets import COMPARED, STATED, Target, finding_to_targets

SEVERITIES = ("error", "warning")
# Findings shown with their evidence, the most important first: enough for any document in the
# corpus (at most a dozen each); a page of hundreds of crops would be too heavy to open or mail.
LIMIT = 40


@dataclass
class Item:
    """One finding and its evidence: crops of PDF pages, the sentence with its figure marked (escaped
    HTML), the cells in words, and what could not be shown, in words."""

    finding: dict
    figures: dict[str, str] = field(default_factory=dict)  # 应为/实为/差额 in the printed unit (wording)
    message: str = ""  # the finding's message, tables named as printed
    crops: list[Crop] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Evidence:
    """The evidence of a document's error and warning findings, ranked (`checks.magnitude.rank`)."""

    items: list[Item]
    omitted: int = 0  # error and warning findings past LIMIT, not shown
    renders: dict[int, int] = field(default_factory=dict)  # page → times rendered
    pdf: bool = True  # whether the document has pages to cut (a PDF), else quotes and cells in words


def collect(document, findings: pd.DataFrame | None = None, *, limit: int = LIMIT) -> Evidence:
    """The evidence of the document's error and warning findings (or of `findings`), most important
    first, as `present.evidence(…, by_size=True)` orders them."""
    from ..checks import magnitude
    from ..metrics import document_total

    findings = document.findings if findings is None else findings
    chosen = findings[findings["severity"].isin(SEVERITIES)]
    ranked = magnitude.rank(chosen, document_total(document)).to_dict("records") if len(chosen) else []
    with Pages(document) as pages:
        items = [finding_to_item(finding, document, pages) for finding in ranked[:limit]]
        return Evidence(items, max(0, len(ranked) - limit), dict(pages.renders), pages.is_pdf(1))


def show(document, findings: pd.DataFrame | None = None):
    """What a notebook shows: each error and warning finding with its place on the page (HTML)."""
    from IPython.display import HTML

    return HTML(to_html(collect(document, findings)))


def finding_to_item(finding: dict, document, pages: Pages) -> Item:
    """One finding's evidence: a crop per page its figures are found on, else its sentence marked and
    its cells in words, and what could not be found, said so."""
    item = Item(finding, finding_values(finding, document.meta, document.claims),
                readable(finding["message_zh"], document.meta))
    targets = finding_to_targets(finding, document.facts, document.meta)
    if not targets:
        item.notes.append("本条发现不指向页面上的数字或原句（如缺失的公开项），无可截取")
    found: dict[int, list[tuple[Target, Hit]]] = {}  # page → what is on it, pages in the order first met
    for target in targets:
        if not pages.is_pdf(target.page):
            if target.role == STATED:
                quote, note = marked_quote(target.quote, target.figure)
                item.quotes.append(quote)
                item.notes += [note] if note else []
            else:
                item.cells.append(cell_words(target))
            continue
        hit, why = locate(target, pages)
        if hit is None:
            item.notes.append(why)
            if target.role == STATED:  # the sentence at least, with its figure marked
                item.quotes.append(marked_quote(target.quote, target.figure)[0])
            continue
        for page in dict.fromkeys(box.page for box in hit.boxes):
            found.setdefault(page, []).append((target, hit))
    for page, hits in found.items():  # the sentence's page first, then the cells' as compared
        try:
            item.crops.append(page_crop(pages, page, hits, any(t.role == STATED for t in targets)))
        except Unavailable as why:
            item.notes.append(str(why))
    return item


def locate(target: Target, pages: Pages) -> tuple[Hit | None, str]:
    """Where the target is printed, or None and why in words. A neighbouring page is read only when
    needed: the table's header page when the cell's own page cannot tell its columns apart, the
    next page when the sentence is not whole on its own (it runs on over the page break)."""
    try:
        page = pages.text(target.page)
        if target.role == COMPARED:
            hit, why = page.find_cell(target)
            heading = target.heading_page
            if hit is None and heading and heading != target.page and pages.is_pdf(heading):
                hit, why = page.find_cell(target, pages.text(heading))
            return hit, why
        hit, why = find_stated([page], target)
        last = pages.document.meta.get("pages") or target.page
        if hit is None and target.page < last and pages.is_pdf(target.page + 1):
            try:
                hit, why = find_stated([page, pages.text(target.page + 1)], target)
            except Unavailable:
                pass
        return hit, why
    except Unavailable as why:
        return None, str(why)


def page_crop(pages: Pages, page: int, hits: list[tuple[Target, Hit]], narrative: bool) -> Crop:
    """One crop of the page with every box of the finding on it, its alt text and caption in words
    (`narrative`: the finding is a stated figure's, so its blue cells are what it was compared with)."""
    boxes = [box for _, hit in hits for box in hit.boxes if box.page == page]
    context = [box for _, hit in hits for box in hit.context if box.page == page]
    crop = pages.crop(page, boxes, context)
    where = pages.where(page)
    stated = [target.label for target, _ in hits if target.role == STATED]
    compared = compared_words([(target, hit) for target, hit in hits if target.role == COMPARED], page)
    crop.alt = f"{where}：" + "与".join(filter(None, ("、".join(stated) + "（红框）" if stated else "",
                                                   compared + "（蓝框）" if compared else "")))
    crop.caption = f"{where}。" + "；".join(filter(None, (
        f"红框：{'、'.join(stated)}" if stated else "",
        f"蓝框：{'比较的表中数字' if narrative else '规则涉及的表中数字'}——{compared}" if compared else "")))
    return crop


def compared_words(hits: list[tuple[Target, Hit]], page: int) -> str:
    """The cells boxed on a page in words, each table named once: 公开05表 …决算表：201 一般公共服务支出 ·
    合计“2,106.66”；公开04表 …：本年支出合计 · 合计“2,940.05”"""
    tables: dict[str, list[str]] = {}
    for target, hit in hits:
        printed = "".join(box.text for box in hit.boxes if box.page == page)
        tables.setdefault(target.table_label, []).append(f"{target.cell_label}“{printed}”")
    return "；".join(f"{table}：{'、'.join(cells)}" for table, cells in tables.items())


__all__ = ["Box", "Crop", "Evidence", "Item", "LIMIT", "collect", "show", "to_html"]
