"""Where a target is printed on a PDF page, found again on the page rather than carried through the
parse: the page's characters as the PDF reader sees them (radicals unified, lines rebuilt by
baseline, `readers.pdf`), the narrative's text joined as `narrative.sentences` joins it (no
whitespace, page numbers and unit lines dropped), so that a quote matches whatever line breaks or
spaces the page puts between its characters.

A stated figure is found inside its sentence; a table cell by its printed figure, choosing among
several places that print it by the row label (item, code) on the same ruled row and the column
header above it. What cannot be found, or not told apart, is said in words — never a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..narrative.sentences import BULLET, PAGE_NUMBER, TABLE_NOTE
from ..numbers import squash, unit_of_line
from ..readers.glyphs import unify_radicals
from ..readers.pdf import BASELINE_TOLERANCE, SPACE_GAP, baseline, char_in_bbox
from .targets import Target

# Digits and number marks as ASCII, one character for one, so positions in the text are kept.
ASCII = str.maketrans("０１２３４５６７８９．，％－（）\u2212", "0123456789.,%-()-")
NUMBER_MARKS = re.compile(r"[\d.,%\-()]")
# A figure found by the words around it (its sentence not found whole) needs this many of the
# sentence's characters beside it on the page: "完成预算的0%" is stated twice on a page of 三公 lines.
MIN_CONTEXT = 8
# Scores of a place that prints a cell's figure: its row's label, its row's code, its column's header.
ITEM_SCORE, CODE_SCORE, COLUMN_SCORE = 4, 2, 1
# A header seen in part (cut by the figure's column band) counts when this share of it is there.
PARTIAL_HEADER = 0.6
# A column header further above its cell than this (points) is not shown in the crop.
HEADER_REACH = 200.0


@dataclass(frozen=True)
class Box:
    """A place on a page: `bbox` = (x0, top, x1, bottom) in PDF points from the page's top left
    (pdfplumber's coordinates), on the document's page `page`."""

    role: str
    page: int
    bbox: tuple[float, float, float, float]
    text: str


@dataclass
class Hit:
    """What a target is found as: the boxes to draw, and the boxes to show around them (the
    sentence's lines, the row label, the column header)."""

    boxes: list[Box]
    context: list[Box] = field(default_factory=list)


class PageText:
    """One page's characters, lines and rulings, read once."""

    def __init__(self, page, number: int, where: str = ""):
        self.number = number
        self.where = where or f"第{number}页"  # in words, for what is not found ("x-tables.pdf第9页" in parts)
        self.bbox = tuple(page.bbox)
        chars = []
        for char in page.chars:
            if char_in_bbox(char, page.bbox) and not char["text"].isspace():
                chars.append({**char, "text": unify_radicals(char["text"])})
        self.lines = chars_to_rows(chars)
        for index, line in enumerate(self.lines):
            for char in line:
                char["_line"], char["_page"] = index, number
        edges = page.edges
        self.horizontal = [(e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h"]
        self.vertical = [(e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v"]
        self.narrative = narrative_text(self.lines)

    # --- cells --------------------------------------------------------------------------------------

    def find_cell(self, target: Target, heading: PageText | None = None) -> tuple[Hit | None, str]:
        """The place that prints the target's cell, or None and why, in words. `heading` is the page
        that prints the table's column headers when this page continues the table without them."""
        if target.by_label:
            places = self._label_places(target.item)
            shown = target.item
        else:
            places = self._figure_places(target.texts)
            shown = target.texts[0] if target.texts else ""
        if not shown:
            return None, f"表中未印此格（{target.label}）"
        if not places:
            return None, f"{self.where}未见“{shown}”（{target.label}）"
        scored = sorted(((self._score(chars, target, heading), i, chars) for i, chars in enumerate(places)),
                        key=lambda s: (-s[0][0], s[1]))
        (best, label, header), _, chars = scored[0]
        tied = [s for s in scored if s[0][0] == best]
        if len(places) > 1 and (best < CODE_SCORE or len(tied) > 1):
            return None, f"{self.where}有{len(places)}处“{shown}”，未能确定是哪一格（{target.label}）"
        return Hit(box_lines(target.role, chars), [box_of("context", c) for c in (label, header) if c]), ""

    def _figure_places(self, forms: tuple[str, ...]) -> list[list[dict]]:
        """Each run of characters on one line that prints one of the forms as a whole number."""
        places: list[list[dict]] = []
        seen: set[tuple] = set()
        for line in self.lines:
            text, owners = spaced_text(line, self._rulings_across(line))
            ascii_text = text.translate(ASCII)
            for form in forms:
                pattern = re.compile(rf"(?<![\d.,]){re.escape(form.translate(ASCII))}(?![\d])(?!\.\d)")
                for match in pattern.finditer(ascii_text):
                    chars = [c for c in owners[match.start():match.end()] if c is not None]
                    key = tuple(id(c) for c in chars)
                    if chars and key not in seen:
                        seen.add(key)
                        places.append(chars)
        return sorted(places, key=lambda chars: (chars[0]["_line"], chars[0]["x0"]))

    def _rulings_across(self, line: list[dict]) -> list[float]:
        """The x of every vertical ruling that crosses the line's middle."""
        middle = sum(middle_y(c) for c in line) / len(line)
        return [x for x, a, b in self.vertical if a <= middle <= b]

    def _label_places(self, item: str) -> list[list[dict]]:
        """Each place the row label is printed, read down the page's words with figures and codes
        left out, so that a label wrapped in its cell ("其他人力资" / "源和社会保" / "障管理事务支出",
        with the row's code and figures on a line between) reads whole."""
        wanted = NUMBER_MARKS.sub("", item)
        words = [c for line in self.lines for c in line if not NUMBER_MARKS.fullmatch(c["text"])]
        owners = [c for c in words for _ in c["text"]]
        text = "".join(c["text"] for c in words)
        places = []
        start = text.find(wanted) if wanted else -1
        while start >= 0:
            places.append(unique(owners[start:start + len(wanted)]))
            start = text.find(wanted, start + 1)
        return places

    def _score(self, chars: list[dict], target: Target, heading: PageText | None) -> tuple[int, list[dict], list[dict]]:
        """How well the place's row and column name the target's: (score, label chars, header chars)."""
        x0, top, x1, bottom = bbox_of(chars)
        upper, lower = self._row_band(chars)
        own = {id(c) for c in chars}
        row = [c for line in self.lines for c in line
               if upper < middle_y(c) < lower and c["x1"] <= x1 + 1 and id(c) not in own]
        score, label = 0, []
        item = NUMBER_MARKS.sub("", target.item)
        if item and not target.by_label:
            words = [c for c in label_cell([c for c in row if c["x1"] <= x0 + 1]) if not NUMBER_MARKS.fullmatch(c["text"])]
            label = _run(words, item)
            # the label whole, or a label holding it ("行政事业单位医疗" holds "事业单位医疗": half)
            score += (ITEM_SCORE if len(label) == len(words) else ITEM_SCORE // 2) if label else 0
        if target.code:
            leading = "".join(c["text"] for c in sorted(row, key=lambda c: c["x0"]))
            score += CODE_SCORE if re.match(rf"{re.escape(target.code)}(?!\d)", squash(leading)) else 0
        header: list[dict] = []
        if target.column and not target.by_label:
            left, right = self._column_band(chars)
            above = [c for line in self.lines for c in line if left < middle_x(c) < right and middle_y(c) < upper]
            header = _run(above, target.column[-1], last=True)
            if header and upper - max(c["bottom"] for c in header) > HEADER_REACH:
                header = []  # named in the caption; a crop down a whole page to show it would be too tall
            text = "".join(c["text"] for c in above)
            if heading is not None and heading is not self:
                text += heading.column_heading(left, right)
            score += header_score(target.column, text)
            if item and not label and item in text:
                score += ITEM_SCORE // 2  # a table printed across: its items head the columns (三公 tables)
        return score, label, header

    def column_heading(self, left: float, right: float) -> str:
        """The text printed between two x positions from the table's top ruling down to the first
        figure there: a column's header on the page that prints it, for the pages that continue the
        table (rulings keep their x); the lines above the table ("2022年度") are left out."""
        middle = (left + right) / 2
        tops = [y for y, a, b in self.horizontal if a <= middle <= b]
        start = min(tops) if tops else float("-inf")
        band = [c for line in self.lines for c in line if left < middle_x(c) < right and c["top"] >= start]
        figures = [c["top"] for c in band if c["text"].isdigit()]
        first = min(figures) if figures else float("inf")
        return "".join(c["text"] for c in band if c["bottom"] <= first)

    def _row_band(self, chars: list[dict]) -> tuple[float, float]:
        """The nearest rulings above and below the place that cross it, else its own line's height."""
        x0, top, x1, bottom = bbox_of(chars)
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        above = [y for y, a, b in self.horizontal if y <= cy and a <= cx <= b]
        below = [y for y, a, b in self.horizontal if y >= cy and a <= cx <= b]
        height = bottom - top
        return (max(above) if above else top - height / 4), (min(below) if below else bottom + height / 4)

    def _column_band(self, chars: list[dict]) -> tuple[float, float]:
        """The x span of the place's column: halfway to the next text on its line on either side,
        within the nearest rulings that cross its line (a table drawn without column rulings, or
        with its frame only, still has gaps between its columns)."""
        x0, top, x1, bottom = bbox_of(chars)
        own = {id(c) for c in chars}
        line = [c for c in self.lines[chars[0]["_line"]] if id(c) not in own]
        before = [c["x1"] for c in line if c["x1"] <= x0]
        after = [c["x0"] for c in line if c["x0"] >= x1]
        width = x1 - x0
        left = (max(before) + x0) / 2 if before else x0 - width
        right = (min(after) + x1) / 2 if after else x1 + width
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        rulings_left = [x for x, a, b in self.vertical if x <= cx and a <= cy <= b]
        rulings_right = [x for x, a, b in self.vertical if x >= cx and a <= cy <= b]
        if rulings_left:
            left = max(left, max(rulings_left))
        if rulings_right:
            right = min(right, min(rulings_right))
        return left, right


def label_cell(chars: list[dict]) -> list[dict]:
    """The row's label nearest left of a figure: the row's text left of it in cells (runs of
    characters closer than SPACE_GAP ems; a label wrapped over lines stays one cell), the first
    cell that is not all figures counting right to left — past the other figures of the row and
    its 行次, and not as far as the other side's label of a two-sided table."""
    cells: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: c["x0"]):
        if cells and char["x0"] - max(c["x1"] for c in cells[-1]) <= SPACE_GAP * char["size"]:
            cells[-1].append(char)
        else:
            cells.append([char])
    for cell in reversed(cells):
        if not all(NUMBER_MARKS.fullmatch(c["text"]) for c in cell):
            return cell
    return []


def header_score(column: tuple[str, ...], text: str) -> int:
    """How well the text above a place names the column: its printed label whole (2 × COLUMN_SCORE),
    or most of it (COLUMN_SCORE: a header wider than the figure's column is cut by the band,
    "预算编制数" seen as "算编制数"), and COLUMN_SCORE more when every outer header is there too."""
    last = column[-1]
    if last in text:
        score = 2 * COLUMN_SCORE
    else:
        score = COLUMN_SCORE if _longest_common(last, text) >= max(2, PARTIAL_HEADER * len(last)) else 0
    if score and len(column) > 1 and all(part in text for part in column[:-1]):
        score += COLUMN_SCORE  # only with the label itself: a sibling column has the same outer header
    return score


def _longest_common(a: str, b: str) -> int:
    """The length of the longest run of characters the two texts share."""
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


# --- stated figures ---------------------------------------------------------------------------------

def find_stated(pages: list[PageText], target: Target) -> tuple[Hit | None, str]:
    """The stated figure inside its sentence, on the sentence's page or the next (a sentence runs
    on over a page break); without a figure, the sentence itself."""
    text = "".join(page.narrative[0] for page in pages)
    owners = [c for page in pages for c in page.narrative[1]]
    quote = squash(target.quote)
    first = pages[0].where
    at = text.find(quote) if quote else -1
    if at >= 0:
        lines = box_lines("context", _lines_of(owners[at:at + len(quote)], pages))
        if not target.figure:
            return Hit(box_lines(target.role, owners[at:at + len(quote)]), lines), ""
        span = figure_span(quote, target.figure)
        if span is not None:
            return Hit(box_lines(target.role, owners[at + span[0]:at + span[1]]), lines), ""
    if target.figure:
        found = _by_context(text, owners, quote, target.figure)
        if found is not None:
            return Hit(box_lines(target.role, found), box_lines("context", _lines_of(found, pages))), ""
        return None, f"未能在{first}找到所述数字“{target.figure}”"
    return None, f"未能在{first}找到所述原句"


def figure_pattern(figure: str) -> re.Pattern:
    """A stated figure as a pattern over ASCII text: its digits with or without thousands
    separators, a whole number (no digit beside it), its unit optional (`unit` group)."""
    match = re.fullmatch(r"(-?)(\d+)(\.\d+)?(.*)", figure.translate(ASCII))
    if match is None:
        return re.compile(re.escape(figure))
    sign, whole, fraction, unit = match.groups()
    digits = "[,，]?".join(re.escape(d) for d in whole)
    number = rf"(?<![\d.,，]){re.escape(sign)}{digits}{re.escape(fraction or '')}(?!\d)(?!\.\d)"
    return re.compile(rf"{number}(?P<unit>{re.escape(unit)})?" if unit else number)


def figure_span(text: str, figure: str) -> tuple[int, int] | None:
    """Where the figure stands in the text (number and unit), preferring a place printed with its unit."""
    pattern = figure_pattern(figure)
    matches = list(pattern.finditer(text.translate(ASCII)))
    if not matches:
        return None
    with_unit = [m for m in matches if "unit" in pattern.groupindex and m.group("unit")]
    best = (with_unit or matches)[0]
    return best.start(), best.end()


def _by_context(text: str, owners: list[dict], quote: str, figure: str) -> list[dict] | None:
    """The figure where the page's words around it are the sentence's: the most characters in
    common before and after it, at least MIN_CONTEXT, and one place only."""
    span = figure_span(quote, figure)
    before, after = (quote[:span[0]], quote[span[1]:]) if span else (quote, "")
    pattern = figure_pattern(figure)
    scored = []
    for match in pattern.finditer(text.translate(ASCII)):
        score = _common_suffix(before, text[:match.start()]) + _common_prefix(after, text[match.end():])
        scored.append((score, match.start(), match.end()))
    if not scored:
        return None
    best = max(s[0] for s in scored)
    places = [s for s in scored if s[0] == best]
    if best < min(MIN_CONTEXT, len(before) + len(after)) or len(places) > 1:
        return None
    return owners[places[0][1]:places[0][2]]


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _lines_of(chars: list[dict], pages: list[PageText]) -> list[dict]:
    """Every character of the lines the given characters stand on."""
    by_page = {page.number: page for page in pages}
    keys = dict.fromkeys((c["_page"], c["_line"]) for c in chars)
    return [c for page, line in keys for c in by_page[page].lines[line]]


# --- the page's text ----------------------------------------------------------------------------------

def chars_to_rows(chars: list[dict]) -> list[list[dict]]:
    """The page's printed lines as the PDF reader groups them (`readers.pdf.chars_to_lines`): chars
    by baseline, each line left to right."""
    lines: list[list[dict]] = []
    group: list[dict] = []
    anchor = 0.0
    for char in sorted(chars, key=baseline):
        base = baseline(char)
        if group and base - anchor > BASELINE_TOLERANCE * char["size"]:
            lines.append(sorted(group, key=lambda c: c["x0"]))
            group = []
        if not group:
            anchor = base
        group.append(char)
    if group:
        lines.append(sorted(group, key=lambda c: c["x0"]))
    return lines


def narrative_text(lines: list[list[dict]]) -> tuple[str, list[dict]]:
    """The page's text as the narrative joins it (`narrative.sentences.blocks_to_items`): each line
    without whitespace and without a leading bullet, page numbers, table notes and unit lines
    dropped, lines joined with nothing between; beside it, the char each text position comes from."""
    text: list[str] = []
    owners: list[dict] = []
    for line in lines:
        flat = "".join(c["text"] for c in line)
        if not flat or PAGE_NUMBER.match(flat) or TABLE_NOTE.match(flat) or unit_of_line(flat) is not None:
            continue
        skip = len(flat) - len(BULLET.sub("", flat))
        for char in line:
            for piece in char["text"]:
                if skip:
                    skip -= 1
                    continue
                text.append(piece)
                owners.append(char)
    return "".join(text), owners


def spaced_text(line: list[dict], rulings: list[float] = ()) -> tuple[str, list[dict | None]]:
    """A line's text with a space where the reader puts one (a gap wider than SPACE_GAP ems) or a
    ruling runs between two characters (figures of adjacent cells printed close: "267.80│156.55"),
    and the char of each position (None for the spaces)."""
    text: list[str] = []
    owners: list[dict | None] = []
    previous = None
    for char in line:
        if previous is not None and (
            char["x0"] - previous["x1"] > SPACE_GAP * min(char["size"], previous["size"])
            or any(previous["x1"] - 1 <= x <= char["x0"] + 1 for x in rulings)
        ):
            text.append(" ")
            owners.append(None)
        for piece in char["text"]:
            text.append(piece)
            owners.append(char)
        previous = char
    return "".join(text), owners


def _run(chars: list[dict], wanted: str, last: bool = False) -> list[dict]:
    """The chars that spell `wanted` in reading order (the last place with `last`), or []."""
    ordered = sorted(chars, key=lambda c: (c["_line"], c["x0"]))
    owners = [c for c in ordered for _ in c["text"]]
    text = "".join(c["text"] for c in ordered)
    at = text.rfind(wanted) if last else text.find(wanted)
    return unique(owners[at:at + len(wanted)]) if wanted and at >= 0 else []


def unique(chars: list[dict]) -> list[dict]:
    """The chars once each, in order (a char whose text is two characters owns two positions)."""
    return list({id(c): c for c in chars}.values())


def box_lines(role: str, chars: list[dict]) -> list[Box]:
    """One box per page line the chars stand on (a figure wrapped over a line break gives two)."""
    groups: dict[tuple, list[dict]] = {}
    for char in chars:
        groups.setdefault((char["_page"], char["_line"]), []).append(char)
    return [box_of(role, group) for group in groups.values()]


def box_of(role: str, chars: list[dict]) -> Box:
    return Box(role, chars[0]["_page"], bbox_of(chars), "".join(c["text"] for c in chars))


def bbox_of(chars: list[dict]) -> tuple[float, float, float, float]:
    return (min(c["x0"] for c in chars), min(c["top"] for c in chars), max(c["x1"] for c in chars),
            max(c["bottom"] for c in chars))


def middle_x(char: dict) -> float:
    return (char["x0"] + char["x1"]) / 2


def middle_y(char: dict) -> float:
    return (char["top"] + char["bottom"]) / 2
