"""Sentences → claims: one row per figure the narrative states, no verdicts.

For each figure the engine reads the text between it and the figure before (its *label*): the
marker at the label's end says what kind of figure it is (`rules.MARKERS`), the rest names the
subject (`rules.SUBJECTS`, then the 类/款/项 of 支出功能分类). A label that names nothing carries the
subject of the figure before it within the section, so "教育支出年初预算…。较上年决算增加5108595.51元"
is about 教育支出; a share that names no whole is a share of the section's first amount.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import pandas as pd

from .. import classification
from ..numbers import to_yuan
from ..readers.base import Block
from . import rules
from .sentences import Sentence, blocks_to_sentences

CLAIM_COLUMNS = [
    "claim_id", "quote", "section", "subsection", "page", "kind", "subject", "basis", "stated", "unit",
    "value_yuan", "decimals", "direction", "year", "fund", "code", "level", "missing_percent_sign",
]

# Digits, minus, decimal point and percent sign as ASCII, one character for one, so offsets are kept.
_ASCII = str.maketrans("０１２３４５６７８９－．％", "0123456789-.%")
_CLAUSE = re.compile(r"[，；;：:]|,(?!\d{3})")
_TRAILING_END = re.compile(r"[，,；;：:、。！？!?]")
_UNITS = [(unit, family) for _, unit, family in rules.UNITS]
_SUBJECTS = [(re.compile(pattern), template) for pattern, template in rules.SUBJECTS]


@dataclass(frozen=True)
class Subject:
    name: str
    code: str = ""
    level: str = ""


@dataclass
class Context:
    """What one figure passes to the next within a section (reset at every heading)."""

    subject: Subject = field(default_factory=lambda: Subject(""))
    fund: str = ""
    whole: str = ""  # subject of the section's first amount: the whole of a share that names none
    budget: str = ""  # the last particular budget (年初预算 …) the section named


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    stated: str  # as printed, separators removed
    unit: str  # "" when printed without one
    family: str  # money / ratio / count / score, "" when printed without a unit
    trailing: str  # the rest of the clause after the unit ("3个项目自评等级为“优”")


@dataclass(frozen=True)
class Mention:
    """A claim stated without a figure: a grade, or no change from last year."""

    start: int
    end: int
    kind: str
    value: str


def blocks_to_claims(blocks: list[Block]) -> pd.DataFrame:
    """Every figure stated in the narrative as one row of `CLAIM_COLUMNS`."""
    rows: list[dict] = []
    context, headings = Context(), None
    for sentence in blocks_to_sentences(blocks):
        if sentence.headings != headings or sentence.sentence_no == 1:
            context, headings = Context(), sentence.headings
        rows.extend(sentence_to_claims(sentence, context))
    claims = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    for column in ("page", "decimals", "year"):
        claims[column] = claims[column].astype("Int64")
    claims["missing_percent_sign"] = claims["missing_percent_sign"].astype(bool)
    return claims


def sentence_to_claims(sentence: Sentence, context: Context) -> list[dict]:
    """The claims of one sentence, updating `context` as figures name subjects."""
    text = sentence.text.translate(_ASCII)
    events = sorted(_figures(text) + _mentions(text), key=lambda e: e.start)
    named_budget = rules.BUDGET_NAMED.search(text)
    rows, previous_end = [], 0
    for event in events:
        label = text[previous_end:event.start]
        row = (_figure_to_row(event, label, text, sentence, context, named_budget)
               if isinstance(event, Figure) else _mention_to_row(event, label, text, sentence, context))
        if row is None:
            continue
        row.update(claim_id=f"{sentence.section_no:02d}-{sentence.sentence_no:03d}-{len(rows) + 1:02d}",
                   quote=sentence.text, section=sentence.section, subsection=sentence.subsection,
                   page=sentence.page)
        rows.append(row)
        previous_end = event.end
    if not rows:
        topic = topic_to_subject(text)
        if topic:
            context.subject, context.fund = topic, ""
    return rows


# --- finding figures -----------------------------------------------------------------------------------

def _figures(text: str) -> list[Figure]:
    """Numbers with a unit, and unitless numbers at a clause end (maybe a percentage without its
    sign); bounds (90%以上) are no figures."""
    found = []
    for match in rules.NUMBER.finditer(text):
        unit = rules.UNIT.match(text, match.end())
        if unit:
            if rules.BOUND.match(text, unit.end()):
                continue
            printed, family = _UNITS[int(unit.lastgroup[1:])]
            end = unit.end()
        elif rules.UNITLESS_END.match(text, match.end()):
            printed, family, end = "", "", match.end()
        else:
            continue
        trailing = _TRAILING_END.split(text[end:], maxsplit=1)[0]
        found.append(Figure(match.start(), end, match.group().replace(",", ""), printed, family, trailing))
    return found


def _mentions(text: str) -> list[Mention]:
    mentions = []
    for match in rules.GRADE.finditer(text):
        if not re.search(r"\d+个", _clause_around(text, match.start(), match.end())):
            mentions.append(Mention(match.start(), match.end(), "grade", match.group("grade")))
    for match in rules.FLAT.finditer(text):
        clause = _clause_around(text, match.start(), match.end())
        if not rules.NOT_YOY.search(clause) or rules.YEAR_BUDGET.search(clause):
            word = match.group("direction")
            mentions.append(Mention(match.start(), match.end(), "flat",
                                    rules.FLAT_DIRECTIONS.get(word, "与上年相同")))
    return mentions


def _clause_around(text: str, start: int, end: int) -> str:
    before = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    after = next((m.start() for m in _CLAUSE.finditer(text, end)), len(text))
    return text[before:after]


# --- figures to rows -------------------------------------------------------------------------------------

def _figure_to_row(figure: Figure, label: str, text: str, sentence: Sentence, context: Context,
                   named_budget: re.Match | None) -> dict | None:
    tail = rules.FILLER.sub("", label)
    family = figure.family or "ratio"
    marker, match, basis = _marker(tail, family)
    if not figure.family and not _is_unitless_ratio(marker, match):
        return None  # a bare number that is no percentage: an ordinal, a code, 8+6 …
    kind = rules.KINDS.get((marker, family), rules.DEFAULT_KIND[family])
    rest = tail[:match.start()] if match else tail
    subject, fund = _resolve_subject(rest, figure.trailing if family == "count" else "", sentence, context)
    direction, year = "", None
    if marker == "yoy":
        direction = rules.DIRECTIONS[match.group("direction")]
        year = _comparison_year(text[:figure.start])
        basis = rules.YOY_BASES.get(match.group("against") or "") or (str(year) if year else "上年")
    elif kind == "share":
        whole = match.group("whole") if match else ""
        basis = _whole_to_basis(whole) or context.whole
        basis = "" if basis == subject.name else basis  # nothing is a share of itself: whole unknown
    elif kind in ("budget_amount", "completion_rate"):
        basis = _budget_basis(basis or match.group("basis"), named_budget, context)
    if kind == "amount" and not context.whole:
        context.whole = subject.name
    value = Decimal(figure.stated)
    return {
        "kind": kind, "subject": subject.name, "basis": basis, "stated": figure.stated,
        "unit": figure.unit or "%", "value_yuan": to_yuan(value, figure.unit) if family == "money" else None,
        "decimals": len(figure.stated.split(".", 1)[1]) if "." in figure.stated else 0,
        "direction": direction, "year": year, "fund": fund, "code": subject.code, "level": subject.level,
        "missing_percent_sign": not figure.family,
    }


def _mention_to_row(mention: Mention, label: str, text: str, sentence: Sentence, context: Context) -> dict:
    subject, fund = _resolve_subject(rules.FILLER.sub("", label), "", sentence, context)
    row = {"kind": "grade", "subject": subject.name, "basis": "", "stated": mention.value, "unit": "",
           "value_yuan": None, "decimals": None, "direction": "", "year": None, "fund": fund,
           "code": subject.code, "level": subject.level, "missing_percent_sign": False}
    if mention.kind == "flat":
        year = _comparison_year(text[:mention.end])
        row.update(kind="yoy_change", stated="", direction=mention.value, year=year,
                   basis=str(year) if year else "上年")
    return row


def _marker(tail: str, family: str) -> tuple[str, re.Match | None, str]:
    """The first marker at the label's end that gives this unit family a kind."""
    for name, pattern, basis in rules.MARKERS:
        match = pattern.search(tail)
        if match and (name, family) in rules.KINDS:
            return name, match, basis
    return "", None, ""


def _is_unitless_ratio(marker: str, match: re.Match | None) -> bool:
    if marker in rules.RATIO_MARKERS:
        return True
    return marker == "yoy" and match.group("direction") in rules.RATE_DIRECTIONS


def _comparison_year(before: str) -> int | None:
    years = rules.COMPARISON_YEAR.findall(before)
    return int(years[-1]) if years else None


def _budget_basis(printed: str, named_budget: re.Match | None, context: Context) -> str:
    """"预算" alone means the budget the sentence names elsewhere, else the section's last named one."""
    basis = printed if printed != "预算" else (named_budget.group() if named_budget else context.budget or "预算")
    if basis != "预算":
        context.budget = basis
    return basis


def _whole_to_basis(whole: str) -> str:
    if not whole:
        return ""
    known = known_subject(whole)
    return known.name if known else _clean(whole)


# --- subjects -----------------------------------------------------------------------------------------------

def _resolve_subject(rest: str, trailing: str, sentence: Sentence, context: Context) -> tuple[Subject, str]:
    """The subject the label names, else the one it carries; and the fund.

    Within the label's last clause the subject starts after the last connective ("主要包括人员经费",
    "财政将对机关事业单位养老保险基金补助"); a clause that names nothing known but is no mere generic
    words is a subject as printed. Counts may name their subject after the unit ("3个项目…").
    """
    fund_match = rules.FUND.search(rest)
    label_fund = rules.FUNDS[int(fund_match.lastgroup[1:])][1] if fund_match else ""
    rest = rules.FUND.sub("", rest)
    clauses = _CLAUSE.split(rest)
    head = rules.CONNECTIVES.split(clauses[-1])[-1]
    subject = known_subject(head)
    if subject is None and not _is_generic(head):
        subject = Subject(_clean(head))
    if subject is None and trailing:
        subject = known_subject(trailing) or (None if _is_generic(trailing) else Subject(_clean(trailing)))
    for clause in reversed(clauses):
        if subject is not None:
            break
        subject = known_subject(clause)
    if subject is None:
        if label_fund:  # "政府性基金收入预算0万元，与上年相比无变化": what follows is of that fund too
            context.fund = label_fund
        return context.subject, label_fund or context.fund or _heading_fund(sentence, rest)
    fund = label_fund or _heading_fund(sentence, rest)
    context.subject, context.fund = subject, fund
    return subject, fund


def _heading_fund(sentence: Sentence, label: str) -> str:
    """The most particular fund a heading names; plain 财政拨款 when only that is named."""
    for heading in reversed(sentence.headings):
        match = rules.FUND.search(heading)
        if match:
            return rules.FUNDS[int(match.lastgroup[1:])][1]
    named = [label, *sentence.headings]
    return rules.GENERAL_FUND if any(rules.GENERAL_FUND in text for text in named) else ""


def topic_to_subject(text: str) -> Subject | None:
    """A sentence without figures that names what the next ones are about: a classified item
    ("1、一般公共服务支出（类）财政事务（款）行政运行（项）。") or a project ("…绩效自评综述：")."""
    classified = _classified(text)
    if classified:
        return classified
    project = rules.PERFORMANCE_TOPIC.match(re.sub(r"[：:。]+$", "", text))
    if project:
        return known_subject(project.group("subject")) or Subject(_clean(project.group("subject")))
    return None


def known_subject(text: str) -> Subject | None:
    """The first subject of the rules (then a 类 name) found in `text`, normalised."""
    classified = _classified(text)
    if classified:
        return classified
    for pattern, template in _SUBJECTS:
        match = pattern.search(text)
        if match:
            return Subject(_ascii_brackets(template.format(match.group(), **match.groupdict())))
    match = _class_names().search(text)
    if match:
        code = _class_codes()[match.group()]
        return Subject(classification.name(code), code, "类")
    return None


def _classified(text: str) -> Subject | None:
    """The innermost of 类/款/项 printed, with its code when the reference table resolves it."""
    match = next((m for m in rules.CLASSIFIED.finditer(text) if m.group()), None)
    if match is None:
        return None
    subject, code = None, None
    for level in ("类", "款", "项"):
        printed = match.group(level)
        if not printed:
            continue
        digits = match.group(f"{level}_code")
        if digits and (level == "类" or code):  # the document prints the code: 司法（06款）
            code = (code or "") + digits
            subject = Subject(classification.name(code) or _clean(printed), code, level)
            continue
        try:
            code = classification.code_for_name(printed, level, within=code)
        except ValueError:  # a name several codes carry at this level: no code rather than a guess
            code = None
        subject = Subject(classification.name(code) if code else _clean(printed), code or "", level)
    return subject


@lru_cache(maxsize=None)
def _class_codes() -> dict[str, str]:
    """Every 类 name and alias of 支出功能分类 → its code (农林水利支出 → 213)."""
    table = classification.functional()
    codes = {}
    for row in table[table["level"] == "类"].itertuples(index=False):
        for name in [row.name, *filter(None, row.aliases.split("|"))]:
            codes[name] = row.code
    return codes


@lru_cache(maxsize=None)
def _class_names() -> re.Pattern:
    return re.compile("|".join(sorted(map(re.escape, _class_codes()), key=len, reverse=True)))


def _is_generic(text: str) -> bool:
    left = rules.GENERIC.sub("", rules.SUBJECT_NOISE.sub("", text))
    return len(re.findall(r"[\u4e00-\u9fff]", left)) < 2


def _clean(text: str) -> str:
    return _ascii_brackets(rules.SUBJECT_NOISE.sub("", text).strip("的"))


def _ascii_brackets(text: str) -> str:
    return text.replace("（", "(").replace("）", ")")
