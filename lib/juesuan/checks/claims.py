"""Claims → verdicts: each stated figure recomputed from the tables (ok | mismatch | unverifiable).

One function per claim kind (`VERDICTS`), each returning a `Verdict`. A figure is found by its
subject (`checks.subjects`), never by its position. Tolerances follow DESIGN.md's policy through
`checks.tolerance`: the stated figure's own half-unit plus the table figure's. Year-on-year
statements yield last year's figures as derived facts (provenance `derived`, the sentence as
source). `judge` gives a claim its verdict and records the table cells it read (`Verdict.cells`),
which a mismatch's finding names, so that the evidence can show them on the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from ..numbers import MONEY_UNITS, in_unit
from . import subjects
from . import tolerance as tol
from .engine import Book, CellUnreadable
from .rules import T7, Cells

PERCENT = Decimal(100)
ZERO = Decimal(0)
GROWTH_WORDS = ("增加", "增长", "上升", "提高")
SAME_WORDS = ("持平", "与上年相同", "相同")
# 财政部《项目支出绩效评价管理办法》(财预〔2020〕10号) 第三十条: 90（含）–100 优, 80（含）–90 良,
# 60（含）–80 中, below 60 差.
GRADE_BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))


@dataclass
class Figure:
    """A table figure (or a sum of printed cells): exact value, its rounding half-unit, where it is."""

    value: Decimal
    half: Decimal
    where: str
    rows: list = field(default_factory=list)
    relation: str = "eq"  # "le": the table figure is an upper bound of the stated one


@dataclass
class Verdict:
    verdict: str  # ok | mismatch | unverifiable
    computed: Decimal | str | None = None
    tolerance: Decimal | None = None
    note: str = ""
    rule_id: str = ""
    unit_slip: bool = False
    cells: list = field(default_factory=list)  # the table cells compared (`judge`): table, side, code, item, column, page


def unverifiable(note: str) -> Verdict:
    return Verdict("unverifiable", note=note)


class Context:
    """What the verdict functions need: the facts (as a `Book`), the meta, all claims."""

    def __init__(self, book: Book, meta: dict, claims: pd.DataFrame):
        self.book, self.meta, self.claims = book, meta, claims
        self.kind = meta.get("kind")
        self.figures = subjects.figures_for(self.kind)
        self.derived: list[dict] = []
        self.read: list[dict] = []  # the cells `figure` read for the claim being judged (`judge`)

    def figure(self, cells: Cells, column: str | None = None) -> Figure | None:
        """The sum of the selected cells; None when the table is not printed. A printed table whose
        cell is blank gives an exact 0 (empty cells are absent from facts); a cell that prints no
        number raises `CellUnreadable` (the claim is unverifiable, never checked against a zero)."""
        state = self.book.state(cells.table)
        if state == "missing":
            return None
        rows = self.book.select(cells, column).to_dict("records")
        if any(r["_unreadable"] for r in rows):
            raise CellUnreadable(rows)
        self.read.extend(rows)
        value = sum((r["value"] for r in rows), ZERO)
        half = tol.envelope(tol.figure_half_unit(r["value"], r["unit_source"], r.get("decimals")) for r in rows) if rows else ZERO
        title = self.meta.get("tables", {}).get(cells.table, {}).get("title", cells.table)
        items = "、".join(dict.fromkeys(r["item"] for r in rows)) or "（空白）"
        printed = "/".join(dict.fromkeys(r["column"] for r in rows)) or column or cells.column
        return Figure(value, half, f"{title}·{items}·{printed}", rows)

    def subject_figure(self, subject: str, fund: str, code: str = "", column: str | None = None,
                       exact: bool = False) -> Figure | None:
        """The table figure the subject names; `exact` refuses an upper bound (relation "le")."""
        if subjects.is_other_fund(fund):
            return None  # 政府性基金/国有资本经营 figures are not mapped subject by subject
        fiscal = subjects.is_fiscal(fund)
        if code:
            *first, last = subjects.class_cells(code, fiscal, self.kind, subject)
            printed = next((cells for cells in first if len(self.book.select(cells, None))), last)
            return self.figure(printed)
        entries = [e for e in self.figures if e.subject == subject and (e.context != "fiscal" or fiscal)
                   and self.book.state(e.cells.table) != "missing"]
        if self.kind == "预算":
            # the budget layouts print a role in different tables or columns (基本支出: a Jiangsu row,
            # a Shanghai column): the first entry that selects a printed row, else the first printed table
            entries.sort(key=lambda e: not len(self.book.select(e.cells, column)))
        for entry in entries[:1]:
            if entry.relation != "eq" and exact:
                return None
            figure = self.figure(entry.cells, column)
            if figure is not None:
                figure.relation = entry.relation
            return figure
        return None

    def same_sentence(self, claim: dict, kind: str, subject: str | None = None) -> dict | None:
        rows = self.claims[(self.claims["quote"] == claim["quote"]) & (self.claims["kind"] == kind)]
        if subject is not None:
            rows = rows[rows["subject"] == subject]
        return rows.iloc[0].to_dict() if len(rows) else None

    def same_paragraph(self, claim: dict, kind: str) -> dict | None:
        """The figure of this kind and subject stated in this sentence, else the nearest one before
        it under the same heading ("全年预算数为…，执行数为…。…二是年度预算执行率93.97%")."""
        found = self.same_sentence(claim, kind, claim["subject"])
        if found is not None:
            return found
        c = self.claims
        rows = c[(c["kind"] == kind) & (c["subject"] == claim["subject"]) & (c["section"] == claim["section"])
                 & (c["subsection"].fillna("") == (claim["subsection"] or "")) & (c["claim_id"] < claim["claim_id"])]
        return rows.iloc[-1].to_dict() if len(rows) else None


def stated_half(claim: dict) -> Decimal:
    """Half a unit of the stated figure's last place, in 元 for money (DESIGN.md tolerance policy)."""
    half = tol.half_unit(int(claim["decimals"] or 0))
    return half * MONEY_UNITS.get(claim["unit"], Decimal(1))


def stated_value(claim: dict) -> Decimal:
    return Decimal(claim["value_yuan"]) if claim.get("value_yuan") is not None else Decimal(claim["stated"])


def compare(stated: Decimal, computed: Decimal, tolerance: Decimal, note: str = "") -> Verdict:
    verdict = "ok" if tol.within(stated, computed, tolerance) else "mismatch"
    return Verdict(verdict, computed, tolerance, note)


def performance_key(ctx: Context, subject: str) -> str | None:
    """The attachment whose project the subject names (项目名称 inside the subject or the reverse)."""
    for key, info in ctx.meta.get("tables", {}).items():
        project = info.get("project") or ""
        if key.startswith("performance_") and project and (project in subject or subject in project):
            return key
    return None


def performance_figure(ctx: Context, key: str, column: str, item: str = "资金总额") -> Figure | None:
    return ctx.figure(Cells(key, column, items=(item,)))


# --- one function per claim kind -----------------------------------------------------------------

def in_performance_scope(claim: dict, ctx: Context) -> bool:
    """Figures of the 预算绩效 part describe what was evaluated (年初预算 money), not the outturn:
    they are compared only with a project's own self-evaluation table."""
    heading = f"{claim.get('section') or ''}{claim.get('subsection') or ''}"
    return "绩效" in heading and performance_key(ctx, claim["subject"]) is None


SCOPE_NOTE = "预算绩效部分所述的评价范围金额，决算表中无对应数 (evaluation scope, not an outturn figure)"


def amount_verdict(claim: dict, ctx: Context) -> Verdict:
    subject = claim["subject"]
    if in_performance_scope(claim, ctx):
        return unverifiable(SCOPE_NOTE)
    key = performance_key(ctx, subject)
    figure = performance_figure(ctx, key, "全年执行数") if key else None
    if figure is None:
        figure = ctx.subject_figure(subject, claim["fund"], claim["code"], _three_public_column(claim))
    if figure is None:
        return unverifiable(f"表中无“{subject}”对应的数 (no table figure for {subject})")
    stated = stated_value(claim)
    tolerance = stated_half(claim) + figure.half
    if figure.relation == "le":
        verdict = Verdict("ok" if stated <= figure.value + tolerance else "mismatch", figure.value, tolerance,
                          f"应不大于 {figure.where} (at most)")
        return verdict
    verdict = compare(stated, figure.value, tolerance, figure.where)
    if verdict.verdict == "mismatch" and claim["unit"] in MONEY_UNITS:
        verdict.unit_slip = _is_unit_slip(claim, figure)
    return verdict


def _is_unit_slip(claim: dict, figure: Figure) -> bool:
    """The digits are right but the unit is off by 10⁴ (元 written as 万元, or the reverse)."""
    printed = Decimal(claim["stated"])
    half = tol.half_unit(int(claim["decimals"] or 0))
    if claim["unit"] == "万元":  # 25552618.58万元 where the table has 25552618.58 元
        return tol.within(printed, figure.value, half + figure.half)
    if claim["unit"] == "元":  # 2940.05元 where the table has 2940.05 万元
        return tol.within(printed * 10000, figure.value, half * 10000 + figure.half)
    return False


def _three_public_column(claim: dict) -> str | None:
    return "预算数" if claim["kind"] == "budget_amount" else "决算数"


def share_verdict(claim: dict, ctx: Context) -> Verdict:
    if in_performance_scope(claim, ctx):
        return unverifiable(SCOPE_NOTE)
    part = ctx.subject_figure(claim["subject"], claim["fund"], claim["code"], "决算数")
    if part is None:
        # a stated amount the tables don't print is a share of its own whole only (政府采购中小企业
        # of 政府采购), never of an unrelated table total
        amount = ctx.same_sentence(claim, "amount", claim["subject"])
        if amount is None or amount.get("value_yuan") is None or not claim["subject"].startswith(claim["basis"] or "\0"):
            return unverifiable(f"无“{claim['subject']}”的表中数 (no figure for {claim['subject']})")
        part = Figure(stated_value(amount), stated_half(amount), "说明中所述金额")
    # the whole of a share is the named total of the whole document, whatever the sentence's fund
    whole = ctx.subject_figure(claim["basis"], "", "", "决算数")
    if whole is None or whole.value == 0:
        return unverifiable(f"无法取得“{claim['basis']}”或其为0 (no whole {claim['basis']})")
    computed = part.value / whole.value * PERCENT
    tolerance = tol.percent_tolerance(part.value, whole.value, part.half, whole.half, int(claim["decimals"] or 0))
    return compare(Decimal(claim["stated"]), computed, tolerance, f"{part.where} ÷ {whole.where}")


def yoy_change_verdict(claim: dict, ctx: Context) -> Verdict:
    """Last year follows from this year and the stated change; it cannot be checked without last
    year's accounts, so the change itself is unverifiable — the derived figure is recorded."""
    this = _this_year(claim, ctx)
    if this is None:
        return unverifiable(f"无“{claim['subject']}”本年数，不能推出上年数 (no current figure)")
    direction = claim["direction"] or ""
    if claim["stated"] in ("", None):
        if any(w in direction for w in SAME_WORDS):
            last = this.value
        else:
            return unverifiable("未述变动额 (no change stated)")
    else:
        change = stated_value(claim)
        last = this.value - change if any(w in direction for w in GROWTH_WORDS) else this.value + change
    shown = in_unit(last, claim["unit"] if claim["unit"] in MONEY_UNITS else "元")  # as the sentence's unit
    if last < 0:
        return Verdict("mismatch", last, None, f"推得上年数为负 {shown} (derived prior year is negative)", rule_id="N.yoy_direction")
    ctx.derived.append(_derived_fact(claim, ctx, last, this))
    return Verdict("unverifiable", last, None, f"上年数未公开；推得上年数 {shown} (prior year derived: {shown})")


def _this_year(claim: dict, ctx: Context) -> Figure | None:
    """This year's figure of the subject: the table's, else the amount the sentence states."""
    figure = ctx.subject_figure(claim["subject"], claim["fund"], claim["code"], "决算数", exact=True)
    if figure is None:
        amount = ctx.same_sentence(claim, "amount", claim["subject"])
        if amount is not None and amount.get("value_yuan") is not None:
            return Figure(stated_value(amount), stated_half(amount), "说明中所述本年金额")
    return figure


def _derived_fact(claim: dict, ctx: Context, last: Decimal, this: Figure) -> dict:
    year = ctx.meta.get("year")
    return {"doc_id": ctx.meta.get("doc_id", ""), "table": "prior_year", "side": "", "code": claim["code"] or "",
            "item": claim["subject"], "column": f"{year - 1 if year else '上'}年{ctx.kind or '决算'}数", "value": last,
            "unit_source": "元", "page": claim["page"], "decimals": int(claim["decimals"] or 0),
            "provenance": "derived", "source": claim["quote"], "fund": claim["fund"] or "",
            "claim_id": claim["claim_id"], "this_year": this.value, "this_year_source": this.where}


def prior_amount_verdict(claim: dict, ctx: Context) -> Verdict:
    """Last year's figure as the document states it (2023年当年预算执行数为…): last year's document
    would tell; this one cannot."""
    return unverifiable(f"{claim['basis'] or '上年数'}：需上年文件核对 (last year's figure: needs last year's document)")


def _rate_from_stated_figures(claim: dict, ctx: Context) -> Verdict | None:
    """"2023年当年预算执行数为54.60万元，2024年预算安排53.84万元，比2023年预算执行数减少1.39%": the
    rate follows from the two figures the sentence states, (this − last) ÷ last."""
    last = ctx.same_sentence(claim, "prior_amount", claim["subject"])
    this = next((c for kind in ("amount", "budget_amount") if (c := ctx.same_sentence(claim, kind, claim["subject"]))), None)
    if last is None or this is None or last.get("value_yuan") is None or this.get("value_yuan") is None:
        return None
    last_value, this_value = stated_value(last), stated_value(this)
    if last_value == 0:
        return unverifiable("上年数为0，增减率无意义 (prior year is zero)")
    change = this_value - last_value
    down = not any(w in (claim["direction"] or "") for w in GROWTH_WORDS)
    if change and (change < 0) != down:
        return Verdict("mismatch", change / last_value * PERCENT, None,
                       f"增减方向与所述两数不符：{last['stated']} → {this['stated']} (direction disagrees with the figures)",
                       rule_id="N.yoy_direction")
    computed = abs(change) / last_value * PERCENT
    tolerance = tol.percent_tolerance(abs(change), last_value, stated_half(this) + stated_half(last), stated_half(last),
                                      int(claim["decimals"] or 0))
    return compare(Decimal(claim["stated"]), computed, tolerance,
                   f"|{this['stated']} − {last['stated']}| ÷ {last['stated']}（{claim['basis']}）")


def yoy_rate_verdict(claim: dict, ctx: Context) -> Verdict:
    from_figures = _rate_from_stated_figures(claim, ctx)
    if from_figures is not None:
        return from_figures
    change_claim = ctx.same_sentence(claim, "yoy_change", claim["subject"])
    this = _this_year(claim, ctx)
    if change_claim is None or change_claim["stated"] in ("", None) or this is None:
        return unverifiable("未述变动额或无本年数，增减率无从复核 (no stated change to check the rate against)")
    change = stated_value(change_claim)
    growth = any(w in (change_claim["direction"] or "") for w in GROWTH_WORDS)
    rate_growth = any(w in (claim["direction"] or "") for w in GROWTH_WORDS)
    if growth != rate_growth:
        return Verdict("mismatch", None, None, f"增减方向矛盾：{change_claim['direction']} / {claim['direction']} (direction words disagree)",
                       rule_id="N.yoy_direction")
    last = this.value - change if growth else this.value + change
    if last == 0:
        return unverifiable("上年数为0，增减率无意义 (prior year is zero)")
    computed = change / last * PERCENT
    tolerance = tol.percent_tolerance(change, last, stated_half(change_claim), this.half + stated_half(change_claim),
                                      int(claim["decimals"] or 0))
    return compare(Decimal(claim["stated"]), computed, tolerance, f"{change} ÷ 上年 {last}")


def completion_verdict(claim: dict, ctx: Context) -> Verdict:
    budget = _budget_for(claim, ctx)
    if budget is None:
        return unverifiable(f"无“{claim['basis']}”数 (no {claim['basis']} figure)")
    actual = _actual_for(claim, ctx)
    if actual is None:
        return unverifiable(f"无“{claim['subject']}”决算数 (no outturn figure)")
    if budget.value == 0:
        return Verdict("mismatch", None, None, f"{claim['basis']}为0，不应陈述完成率 (completion rate against a zero budget)",
                       rule_id="N.completion_zero_budget")
    computed = actual.value / budget.value * PERCENT
    tolerance = tol.percent_tolerance(actual.value, budget.value, actual.half, budget.half, int(claim["decimals"] or 0))
    return compare(Decimal(claim["stated"]), computed, tolerance, f"{actual.where} ÷ {budget.where}")


def _budget_for(claim: dict, ctx: Context) -> Figure | None:
    stated = ctx.same_paragraph(claim, "budget_amount")
    if stated is not None and stated.get("value_yuan") is not None and stated["basis"] == claim["basis"]:
        return Figure(stated_value(stated), stated_half(stated), f"说明中所述{stated['basis']}")
    key = performance_key(ctx, claim["subject"])
    if key:
        return performance_figure(ctx, key, "全年预算数")
    if _is_three_public(claim, ctx):  # 公开07表's 预算数 is the budget every 三公 rate is stated against
        return ctx.subject_figure(claim["subject"], claim["fund"], "", "预算数")
    return None


def _actual_for(claim: dict, ctx: Context) -> Figure | None:
    key = performance_key(ctx, claim["subject"])
    if key:
        return performance_figure(ctx, key, "全年执行数")
    figure = ctx.subject_figure(claim["subject"], claim["fund"], claim["code"], "决算数")
    if figure is None:
        amount = ctx.same_paragraph(claim, "amount")
        if amount is not None and amount.get("value_yuan") is not None:
            return Figure(stated_value(amount), stated_half(amount), "说明中所述决算数")
    return figure


def _is_three_public(claim: dict, ctx: Context) -> bool:
    return any(e.subject == claim["subject"] and e.cells.table == T7 for e in ctx.figures)


def budget_verdict(claim: dict, ctx: Context) -> Verdict:
    if ctx.kind == "预算":  # a budget's tables print budget figures: read them as any amount
        return amount_verdict(claim, ctx)
    key = performance_key(ctx, claim["subject"])
    if key:
        figure = performance_figure(ctx, key, "全年预算数")
    elif _is_three_public(claim, ctx):
        figure = ctx.subject_figure(claim["subject"], claim["fund"], "", "预算数")
    else:
        return unverifiable(f"{claim['basis'] or '预算'}数不在决算表中 (budget figures are not in the tables)")
    if figure is None:
        return unverifiable("表未印出 (table not printed)")
    return compare(stated_value(claim), figure.value, stated_half(claim) + figure.half, figure.where)


def count_verdict(claim: dict, ctx: Context) -> Verdict:
    subject = claim["subject"]
    pattern = next((p for s, p in subjects.COUNT_ROWS if s == subject), None)
    if pattern is not None:
        cells = Cells(subjects.T10, "统计数", item_pattern=pattern)
    elif subject in subjects.VEHICLE_KINDS:
        cells = Cells(subjects.T10, "统计数", items=(subject,))
    else:
        return unverifiable(f"表中无“{subject}”的计数 (no printed count)")
    figure = ctx.figure(cells)
    if figure is None:
        return unverifiable("相关信息统计表未印出 (公开10表 not printed)")
    return compare(Decimal(claim["stated"]), figure.value, ZERO, figure.where)


def score_verdict(claim: dict, ctx: Context) -> Verdict:
    key = performance_key(ctx, claim["subject"])
    if not key:
        return unverifiable("无对应的绩效自评表 (no self-evaluation table for this project)")
    figure = ctx.figure(Cells(key, "得分", items=("总分",)))
    if figure is None or not figure.rows:
        return unverifiable("自评表未印总分 (no total printed)")
    return compare(Decimal(claim["stated"]), figure.value, stated_half(claim) + figure.half, figure.where)


def grade_verdict(claim: dict, ctx: Context) -> Verdict:
    key = performance_key(ctx, claim["subject"])
    if not key:
        return unverifiable("无对应的绩效自评表 (no self-evaluation table for this project)")
    printed = ctx.meta["tables"][key].get("grade", "")
    if not printed:
        return unverifiable("自评表未印等级 (no grade printed)")
    return Verdict("ok" if printed == claim["stated"] else "mismatch", printed, None, f"{key} 等级")


VERDICTS = {
    "amount": amount_verdict,
    "share": share_verdict,
    "yoy_change": yoy_change_verdict,
    "yoy_rate": yoy_rate_verdict,
    "completion_rate": completion_verdict,
    "budget_amount": budget_verdict,
    "prior_amount": prior_amount_verdict,
    "count": count_verdict,
    "score": score_verdict,
    "grade": grade_verdict,
}


CELL_KEYS = ("table", "side", "code", "item", "column", "page")


def judge(claim: dict, ctx: Context) -> Verdict:
    """The claim's verdict by its kind (`VERDICTS`), with the table cells it was compared with as
    data (`Verdict.cells`: the cells every figure it read sums, in the order read), so that a
    reader can be shown them on the page without parsing the note."""
    ctx.read = []
    check = VERDICTS.get(claim["kind"])
    try:
        verdict = check(claim, ctx) if check else unverifiable(f"“{claim['kind']}”类陈述不作核对 (not a checked kind)")
    except CellUnreadable as odd:
        verdict = unverifiable(f"{odd.reason[0]} ({odd.reason[1]})")
    cells = ({key: _cell_value(row.get(key)) for key in CELL_KEYS} for row in ctx.read)
    verdict.cells = list({tuple(cell.values()): cell for cell in cells}.values())
    return verdict


def _cell_value(value):
    """A fact's key as JSON holds it: pages as int or None, text as text."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return int(value) if not isinstance(value, str) else value


def grade_for(score: Decimal) -> str:
    return next(grade for floor, grade in GRADE_BANDS if score >= floor)

