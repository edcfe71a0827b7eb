"""Checks across documents: one engine for the rules of `checks.across_rules`, over a collection.

    >>> audit = cross_audit(col)   # col = juesuan.collection(department=…)
    >>> audit.findings             # doc_id, other_doc_id + the finding columns of one document
    >>> audit.verdicts             # the claims another document decided (verdict, decided_by)
    >>> audit.outcomes             # every rule for every document: pass | fail | insufficient_data | …

Each rule names the other document it needs (`CrossRule.other`): the year before, chosen by the
basis a sentence names (上年预算 → that year's budget, 上年决算 → its final account, 上年 alone →
the same kind; 上年当年预算执行数 is neither and stays with its own document), or the same year's
budget of a final account. Both are of the same department and level (部门 with 部门, 单位 with
单位). A figure is found in the other document by the same subjects the one-document checks use
(`checks.subjects`), so a sentence's 财政拨款支出 is that document's 财政拨款支出 whatever its layout.
Tolerances are DESIGN.md's: each side's rounding half-unit, nothing wider.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from . import claims as verdicts
from . import tolerance as tol
from .. import catalog as catalogs
from ..corpus import Collection
from ..document import load
from ..errors import ReadError
from .across_rules import CROSS_RULES, CrossRule
from .audit import _round
from .engine import FINDING_COLUMNS, Book, CellUnreadable, _text, normalise_item

CROSS_FINDING_COLUMNS = ["doc_id", "other_doc_id", *FINDING_COLUMNS]
VERDICT_COLUMNS = ["doc_id", "claim_id", "rule_id", "verdict", "computed", "difference", "tolerance", "note", "decided_by"]
OUTCOME_COLUMNS = ["doc_id", "rule_id", "severity", "other_doc_id", "outcome", "checks", "failed", "note"]
RANK = {"unverifiable": 0, "ok": 1, "mismatch": 2}  # a claim's verdict: the worst of its checks
ORDER = {"not_applicable": 0, "pass": 1, "insufficient_data": 2, "fail": 3}


@dataclass
class CrossAudit:
    findings: pd.DataFrame
    verdicts: pd.DataFrame
    outcomes: pd.DataFrame


class _Side:
    """One document as the checks read it: its entry, its claims, a verdict context over its facts."""

    def __init__(self, entry, doc):
        self.entry, self.doc = entry, doc
        self.claims = doc.claims
        self.ctx = verdicts.Context(Book(doc.facts, doc.meta), doc.meta, self.claims)

    @property
    def doc_id(self) -> str:
        return self.entry.doc_id


def cross_audit(collection, rules: tuple[CrossRule, ...] = CROSS_RULES, doc_ids=None) -> CrossAudit:
    """Every rule for every document of the collection that reads (or for those of `doc_ids`, the
    others serving as the documents they are compared with)."""
    sides = {doc_id: _Side(collection.entry(doc_id), doc) for doc_id, doc in collection.documents.items()}
    findings, decided, outcomes = [], [], []
    for side in sides.values():
        if doc_ids is not None and side.doc_id not in doc_ids:
            continue
        for rule in rules:
            if side.entry.kind not in rule.kinds:
                continue
            checks = list(CHECKS[rule.kind](rule, side, sides))
            outcomes.append(_outcome(rule, side, checks))
            for check in checks:
                if check.verdict is not None:
                    decided.append(check.verdict)
                if check.finding is not None:
                    findings.append(check.finding)
    return CrossAudit(pd.DataFrame(findings, columns=CROSS_FINDING_COLUMNS),
                      pd.DataFrame(decided, columns=VERDICT_COLUMNS), pd.DataFrame(outcomes, columns=OUTCOME_COLUMNS))


def audit_in_catalog(doc, catalog=None) -> CrossAudit | None:
    """The checks across documents for one document, against the other documents of its department
    in the catalog (`catalog`, else the one in use); None when the document is not catalogued."""
    path = catalogs.catalog_path() if catalog is None else catalog
    rows = catalogs.entries(path)
    entry = next((e for e in rows if e.doc_id == doc.doc_id and e.sha256 == doc.meta.get("sha256")), None)
    if entry is None:
        return None
    kin = [e for e in rows if e.department_id == entry.department_id]
    collection = Collection(kin, path)
    loaded = {doc.doc_id: doc}
    for other in kin:
        if other.doc_id != doc.doc_id:
            try:
                loaded[other.doc_id] = load(other.paths, doc_id=other.doc_id)
            except ReadError as error:
                collection.failures.append((other.doc_id, str(error)))
    collection._documents = loaded
    return involving(cross_audit(collection), doc.doc_id)


def involving(audit: CrossAudit, doc_id: str) -> CrossAudit:
    """What concerns one document: its own checks, and the findings of others compared with it
    (a final account's 年初预算 against this budget names this budget as `other_doc_id`)."""
    findings = audit.findings[(audit.findings["doc_id"] == doc_id) | (audit.findings["other_doc_id"] == doc_id)]
    return CrossAudit(findings.reset_index(drop=True), audit.verdicts[audit.verdicts["doc_id"] == doc_id].reset_index(drop=True),
                      audit.outcomes[audit.outcomes["doc_id"] == doc_id].reset_index(drop=True))


def claims_decided(doc, audit: CrossAudit) -> pd.DataFrame:
    """A document's claims with what other documents decided: a claim's verdict is the worst of its
    own and theirs (unverifiable < ok < mismatch); `decided_by` names the document that decided it."""
    return decide(doc.claims.assign(doc_id=doc.doc_id), audit).drop(columns="doc_id")


def decide(claims: pd.DataFrame, audit: CrossAudit) -> pd.DataFrame:
    """`claims_decided` for a table of claims that carries doc_id (a collection's long claims)."""
    claims = claims.assign(decided_by="")
    at = {(d, c): i for i, d, c in zip(claims.index, claims["doc_id"], claims["claim_id"])}
    for row in audit.verdicts.itertuples():
        i = at.get((row.doc_id, row.claim_id))
        if i is None or row.verdict == "unverifiable" or RANK[row.verdict] < RANK.get(claims.at[i, "verdict"], 0):
            continue
        for column in ("verdict", "computed", "difference", "tolerance", "note"):
            claims.at[i, column] = getattr(row, column)
        claims.at[i, "decided_by"] = row.decided_by
    return claims


@dataclass
class _Check:
    status: str  # pass | fail | insufficient_data
    verdict: dict | None = None
    finding: dict | None = None
    note: str = ""


# --- which other document -------------------------------------------------------------------------

def _other(side: _Side, sides: dict, year: int, kind: str) -> _Side | None:
    e = side.entry
    found = [s for s in sides.values() if s.entry.department_id == e.department_id and s.entry.level == e.level
             and s.entry.year == year and s.entry.kind == kind and s.doc_id != e.doc_id]
    return sorted(found, key=lambda s: s.doc_id)[0] if found else None


def _prior_basis(claim: dict, side: _Side) -> tuple[int, str] | None:
    """(year, kind) of the document a year-on-year sentence compares with; None when it names a
    figure no document prints as such (上年当年预算执行数, 上年执行数)."""
    basis = str(claim.get("basis") or "")
    if "执行" in basis:
        return None
    year = claim.get("year")
    year = int(year) if year is not None and not pd.isna(year) else int(basis) if basis.isdigit() else side.entry.year - 1
    if year >= side.entry.year:  # a slip the form checks report (F.comparison_year): compare with last year
        year = side.entry.year - 1
    kind = "预算" if "预算" in basis else "决算" if "决算" in basis else side.entry.kind
    return year, kind


def _needs(rule: CrossRule, side: _Side, sides: dict) -> _Side | None:
    return _other(side, sides, _budget_year(rule, side), "预算")


def _budget_year(rule: CrossRule, side: _Side) -> int:
    return side.entry.year if rule.other == "same_year_budget" else side.entry.year - 1  # prior_budget


def _no_budget(rule: CrossRule, side: _Side) -> _Check:
    year = _budget_year(rule, side)
    return _Check("insufficient_data", note=f"目录中无{year}年预算 (no {year} budget in the catalog)")


# --- the rule kinds -------------------------------------------------------------------------------

def _prior_figure(claim: dict, other: _Side) -> verdicts.Figure | None:
    """The other document's own figure of the claim's subject: its table's, else the amount its
    narrative states for the same subject (one such statement only)."""
    figure = other.ctx.subject_figure(claim["subject"], claim["fund"], claim["code"], "决算数", exact=True)
    if figure is not None and figure.rows:  # a code or row the other year does not print is no zero
        return figure
    c = other.claims
    same = c[c["kind"].isin(("amount", "budget_amount")) & (c["subject"] == claim["subject"])
             & (c["fund"].fillna("") == (claim["fund"] or "")) & (c["code"].fillna("") == (claim["code"] or ""))
             & c["value_yuan"].notna()]
    if len(same) != 1:
        return None
    stated = same.iloc[0].to_dict()
    return verdicts.Figure(verdicts.stated_value(stated), verdicts.stated_half(stated), f"说明所述“{stated['quote'][:40]}”",
                           [{"page": stated["page"], "item": stated["subject"], "table": "", "column": ""}])


def check_derived_prior(rule: CrossRule, side: _Side, sides: dict):
    """Last year's figure derived from this year's and the stated change, against last year's document."""
    derived = {row["claim_id"]: row for row in side.doc.audit.derived.to_dict("records")}
    claims = side.claims[side.claims["kind"] == "yoy_change"]
    for claim in claims.to_dict("records"):
        if claim["claim_id"] not in derived:
            continue
        yield from _against_prior(rule, side, sides, claim, derived[claim["claim_id"]])


def _against_prior(rule, side, sides, claim, derived):
    found = _year_pair(side, sides, claim)
    if not isinstance(found, tuple):  # nothing to compare with, or why not
        if found is not None:
            yield found
        return
    other, this, last = found
    # the narrative works at its printed precision: a change of 3355.65万元 is often the difference
    # of two figures rounded to 0.01万元, so each figure is as uncertain as the document's precision
    half, work = verdicts.stated_half(claim), _working_half(claim, side)
    tolerance = half + max(this.half if this is not None else half, work) + max(last.half, work)
    value = Decimal(derived["value"])
    yield _decide(rule, side, other, claim, value, last, tolerance,
                  f"推得上年数 {_text(value)}，{other.doc_id}印出 {_text(last.value)} 元",
                  f"derived prior {_text(value)}; {other.doc_id} prints {_text(last.value)} 元")


def _year_pair(side: _Side, sides: dict, claim: dict):
    """(the other document, this year's figure or None, last year's figure) for a year-on-year
    claim; an insufficient_data `_Check` saying what is missing; None when no document compares."""
    basis = _prior_basis(claim, side)
    if basis is None:
        return None
    other = _other(side, sides, *basis)
    if other is None:
        return _Check("insufficient_data", note=f"目录中无{basis[0]}年{basis[1]} (no {basis[0]} {basis[1]} in the catalog)")
    try:
        this = side.ctx.subject_figure(claim["subject"], claim["fund"], claim["code"], "决算数", exact=True)
        last = _prior_figure(claim, other)
    except CellUnreadable:
        return _Check("insufficient_data", note="表中数字不可读 (unreadable cell)")
    if last is None:
        return _Check("insufficient_data", note=f"{other.doc_id}中无“{claim['subject']}” (not in {other.doc_id})")
    return other, this, last


def check_prior_rate(rule: CrossRule, side: _Side, sides: dict):
    """A stated growth rate against (this year − last year's printed figure) ÷ last year's."""
    for claim in side.claims[side.claims["kind"] == "yoy_rate"].to_dict("records"):
        if claim["stated"] in ("", None):
            continue
        found = _year_pair(side, sides, claim)
        if not isinstance(found, tuple):
            if found is not None:
                yield found
            continue
        other, this, last = found
        if this is None or last.value == 0:
            yield _Check("insufficient_data", note=f"无“{claim['subject']}”本年数或上年数为0 (no current figure, or last year's is 0)")
            continue
        change = this.value - last.value
        computed = tol.percent(change, last.value)  # signed: a 增长 stated for a fall is no match
        work = _working_half(claim, side)  # as in check_derived_prior: figures rounded as the text prints them
        this_half, last_half = max(this.half, work), max(last.half, work)
        tolerance = tol.percent_tolerance(change, last.value, this_half + last_half, last_half, int(claim["decimals"] or 0))
        growth = any(w in (claim["direction"] or "") for w in verdicts.GROWTH_WORDS)
        stated = Decimal(claim["stated"]) * (1 if growth else -1)
        verdict = "ok" if tol.within(stated, computed, tolerance) else "mismatch"
        sums = f"({_text(this.value)} − {_text(last.value)}) ÷ {_text(last.value)} 元"
        yield _result(rule, side, other, claim, verdict, computed, stated, tolerance,
                      f"按{other.doc_id}所列数计算为 {_percent(computed)}%（{sums}）",
                      f"{_percent(computed)}% from {other.doc_id}'s figure ({sums})", last)


def _working_half(claim: dict, side: _Side) -> Decimal:
    """The precision the narrative works at for the money of this sentence: half a unit of the most
    decimals the document prints in that unit (万元 with two decimals → 50 元, though 1657万元 or
    2354.4万元 drop their zeros); 0 when the sentence states no money."""
    c = side.claims
    money = c[c["value_yuan"].notna() & c["kind"].isin(("yoy_change", "amount", "budget_amount"))]
    units = set(money.loc[(money["quote"] == claim["quote"]) & (money["subject"] == claim["subject"]), "unit"])
    halves = [verdicts.stated_half({"decimals": int(money.loc[money["unit"] == unit, "decimals"].max()), "unit": unit})
              for unit in units]
    return min(halves, default=Decimal(0))


def check_carried_column(rule: CrossRule, side: _Side, sides: dict):
    """A budget's printed 上年预算数 cells against last year's budget's 本年预算数, cell by cell."""
    facts = side.doc.facts
    yield from _cells_against_budget(rule, side, sides, facts[facts["column"].str.contains("上年") & facts["column"].str.contains("预算")])


def check_budget_in_final(rule: CrossRule, side: _Side, sides: dict):
    """A final account's printed 年初预算 cells against the same year's budget document."""
    facts = side.doc.facts
    # only 年初预算: a 预算数 column (公开07表) is the full-year budget, which adjustments may change
    yield from _cells_against_budget(rule, side, sides, facts[facts["column"].str.contains("年初预算")])


def _cells_against_budget(rule: CrossRule, side: _Side, sides: dict, printed: pd.DataFrame):
    if not len(printed):
        return
    other = _needs(rule, side, sides)
    if other is None:
        yield _no_budget(rule, side)
        return
    yield from _cell_pairs(rule, side, other, printed, other.doc.facts, ("本年预算数", "合计", "预算数"))


def check_budget_claim(rule: CrossRule, side: _Side, sides: dict):
    """A 年初预算 a final account's narrative states, against the same year's budget document."""
    budgets = side.claims[(side.claims["kind"] == "budget_amount") & (side.claims["basis"] == "年初预算")]
    if not len(budgets):
        return
    other = _needs(rule, side, sides)
    for claim in budgets.to_dict("records"):
        if other is None:
            yield _no_budget(rule, side)
            continue
        figure = _prior_figure(claim, other)
        if figure is None:
            yield _Check("insufficient_data", note=f"{other.doc_id}中无“{claim['subject']}”")
            continue
        stated = verdicts.stated_value(claim)
        tolerance = verdicts.stated_half(claim) + figure.half
        verdict = "ok" if tol.within(stated, figure.value, tolerance) else "mismatch"
        yield _result(rule, side, other, claim, verdict, figure.value, stated, tolerance,
                      f"{other.doc_id}印出 {_text(figure.value)} 元（{figure.where}）",
                      f"{other.doc_id} prints {_text(figure.value)} 元 ({figure.where})", figure)


def check_execution_rate(rule: CrossRule, side: _Side, sides: dict):
    """A stated 完成年初预算的X% against this account's outturn ÷ the same year's budget document."""
    rates = side.claims[(side.claims["kind"] == "completion_rate") & (side.claims["basis"].fillna("").str.contains("年初预算"))]
    if not len(rates):
        return
    other = _needs(rule, side, sides)
    for claim in rates.to_dict("records"):
        if other is None:
            yield _no_budget(rule, side)
            continue
        actual = verdicts._actual_for(claim, side.ctx)
        budget = _prior_figure(claim, other)
        if actual is None or budget is None or budget.value == 0:
            yield _Check("insufficient_data", note=f"无“{claim['subject']}”决算数或预算数 (no outturn or budget figure)")
            continue
        computed = tol.percent(actual.value, budget.value)
        tolerance = tol.percent_tolerance(actual.value, budget.value, actual.half, budget.half, int(claim["decimals"] or 0))
        stated = Decimal(claim["stated"])
        verdict = "ok" if tol.within(stated, computed, tolerance) else "mismatch"
        sums = f"{_text(actual.value)} ÷ {_text(budget.value)} 元"
        yield _result(rule, side, other, claim, verdict, computed, stated, tolerance,
                      f"按{other.doc_id}所列预算数计算为 {_percent(computed)}%（{sums}）",
                      f"{_percent(computed)}% against {other.doc_id}'s budget ({sums})", budget)


CHECKS = {"derived_prior": check_derived_prior, "prior_rate": check_prior_rate, "carried_column": check_carried_column,
          "budget_in_final": check_budget_in_final, "budget_claim": check_budget_claim,
          "execution_rate": check_execution_rate}


def execution_by_item(final, budget) -> pd.DataFrame:
    """Execution per functional code from two documents of one year: the final account's 一般公共预算
    财政拨款支出 合计 ÷ the budget's, for every code either prints (rate blank where no budget)."""
    def by_code(doc, columns):
        f = doc.facts
        rows = f[(f["table"] == "general_budget_expenditure") & (f["code"] != "") & f["column"].isin(columns)]
        rows = rows.drop_duplicates(["code"], keep="first")
        return {r["code"]: (r["item"], r["value"]) for r in rows.to_dict("records")}

    outturn, planned = by_code(final, ("合计", "决算数")), by_code(budget, ("合计", "本年预算数"))
    out = []
    for code in sorted(set(outturn) | set(planned)):
        item = (outturn.get(code) or planned.get(code))[0]
        actual, plan = outturn.get(code, (None, None))[1], planned.get(code, (None, None))[1]
        rate = tol.percent(actual, plan) if actual is not None and plan else None
        out.append({"code": code, "item": item, "budget": plan, "outturn": actual, "rate": rate})
    return pd.DataFrame(out, columns=["code", "item", "budget", "outturn", "rate"])


# --- findings and outcomes ------------------------------------------------------------------------

def _cell_key(row: dict) -> tuple:
    return (row["table"], row["code"] or normalise_item(row["item"])[0])


def _cell_pairs(rule, side, other, printed: pd.DataFrame, theirs: pd.DataFrame, columns: tuple[str, ...]):
    """Each printed cell against the other document's cell of the same table and code (or label)."""
    index = {}
    for row in theirs[theirs["column"].isin(columns)].to_dict("records"):
        index.setdefault(_cell_key(row), row)
    for row in printed.to_dict("records"):
        match = index.get(_cell_key(row))
        if match is None:
            yield _Check("insufficient_data", note=f"{other.doc_id}中无“{row['item']}” (not in {other.doc_id})")
            continue
        half = tol.figure_half_unit(row["value"], row["unit_source"], row["decimals"])
        half += tol.figure_half_unit(match["value"], match["unit_source"], match["decimals"])
        if tol.within(row["value"], match["value"], half):
            yield _Check("pass")
            continue
        title = side.doc.meta.get("tables", {}).get(row["table"], {}).get("title", row["table"])
        zh = f"{title}·{row['item']}·{row['column']} {_text(row['value'])} 元，{other.doc_id}为 {_text(match['value'])} 元"
        en = f"{row['table']} {row['item']} {row['column']}: {_text(row['value'])} 元; {other.doc_id}: {_text(match['value'])} 元"
        where = [_cell_location(side, row), _cell_location(other, match)]
        yield _Check("fail", finding=_finding(rule, side, other, zh, en, match["value"], row["value"], half, where))


def _decide(rule, side, other, claim, value: Decimal, last: verdicts.Figure, tolerance: Decimal, zh: str, en: str) -> _Check:
    verdict = "ok" if tol.within(value, last.value, tolerance) else "mismatch"
    return _result(rule, side, other, claim, verdict, last.value, value, tolerance, zh, en, last)


def _result(rule, side, other, claim, verdict, computed, found, tolerance, zh, en, figure) -> _Check:
    decided = {"doc_id": side.doc_id, "claim_id": claim["claim_id"], "rule_id": rule.id, "verdict": verdict,
               "computed": _round(computed), "difference": _round(found - computed), "tolerance": _round(tolerance),
               "note": f"{zh} ({en}; decided by {other.doc_id})", "decided_by": other.doc_id}
    if verdict == "ok":
        return _Check("pass", verdict=decided)
    stated = f"{claim['stated']}{claim['unit'] or ''}"
    where = [{"doc_id": side.doc_id, "claim_id": claim["claim_id"], "quote": claim["quote"], "page": _page(claim.get("page"))},
             _figure_location(other, figure)]
    finding = _finding(rule, side, other, f"“{claim['subject']}”述为 {stated}；{zh}",
                       f"{claim['subject']} stated as {stated}; {en}", computed, found, tolerance, where)
    return _Check("fail", verdict=decided, finding=finding)


def _finding(rule, side, other, zh, en, expected, found, tolerance, locations) -> dict:
    return {"doc_id": side.doc_id, "other_doc_id": other.doc_id, "rule_id": rule.id, "severity": rule.severity,
            "status": "fail", "message_zh": f"{rule.zh}：{zh}", "message_en": f"{rule.en}: {en}",
            "expected": _text(_round(expected)), "found": _text(_round(found)),
            "difference": _text(_round(found - expected)), "tolerance": _text(_round(tolerance)), "locations": locations}


def _percent(value: Decimal) -> str:
    return _text(value.quantize(Decimal("0.01")))


def _page(page) -> int | None:
    return None if page is None or pd.isna(page) else int(page)


def _cell_location(side: _Side, row: dict) -> dict:
    part, part_page = side.doc.part_page(_page(row["page"]))
    return {"doc_id": side.doc_id, "page": _page(row["page"]), "part": part, "part_page": part_page,
            "table": row["table"], "code": row["code"], "item": row["item"], "column": row["column"]}


def _figure_location(side: _Side, figure: verdicts.Figure) -> dict:
    row = figure.rows[0] if figure.rows else {}
    page = _page(row.get("page"))
    part, part_page = side.doc.part_page(page)
    return {"doc_id": side.doc_id, "page": page, "part": part, "part_page": part_page, "table": row.get("table", ""),
            "item": row.get("item", ""), "column": row.get("column", ""), "figure": figure.where}


def _outcome(rule: CrossRule, side: _Side, checks: list[_Check]) -> dict:
    if not checks:
        outcome, note = "not_applicable", "无可核对之处 (nothing to check)"
    else:
        outcome = max((c.status for c in checks), key=ORDER.get)
        note = next((c.note for c in checks if c.status == "insufficient_data" and c.note), "")
    others = sorted({c.verdict["decided_by"] for c in checks if c.verdict} |
                    {c.finding["other_doc_id"] for c in checks if c.finding})
    return {"doc_id": side.doc_id, "rule_id": rule.id, "severity": rule.severity, "other_doc_id": ";".join(others),
            "outcome": outcome, "checks": len(checks), "failed": sum(c.status == "fail" for c in checks), "note": note}
