"""One evaluator for the rules of `juesuan.checks.rules`: facts + meta → findings and outcomes.

    >>> findings = run_rules(doc)            # a Document, or (facts, meta)
    >>> outcomes = rule_outcomes(doc)        # one row per rule: pass | fail | insufficient_data | not_applicable

Reading the facts (docs/facts.md):
* a table whose meta status is ``missing`` or ``unreadable`` (or that is neither in meta nor in
  the facts) makes every rule reading it ``insufficient_data``, never a silent pass;
* a table printed empty (status ``empty``, 本表无数据) is all zeros: its totals are printed zeros;
* a blank cell is a zero (facts drop blank cells) -- except that the printed total of an unkeyed
  relation (本年收入合计, 合计 …) whose whole row is absent is not read as zero: if the parts net to
  something the rule is ``insufficient_data``; if they net to zero as well, the blank total agrees;
* a cell that prints no number (``meta["unreadable_cells"]``: 1,234.5.6, 1.2E+05) is no zero: the
  Book holds it as a row without a value, and every check whose selection meets it is
  ``insufficient_data``, naming the cell.
Tolerances follow DESIGN.md via `checks.tolerance`; a known anomaly gets no wider one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from .. import classification
from ..numbers import squash
from . import tolerance as tol
from .budget_rules import BUDGET_RULES
from .rules import RELATION_KINDS, RULES, Cells, Rule

# The 决算 relations and the 部门预算 ones: each rule says the layouts it holds for.
ALL_RULES = RULES + BUDGET_RULES
if len({rule.id for rule in ALL_RULES}) != len(ALL_RULES):  # pragma: no cover - a spec error, caught on import
    raise ValueError("duplicate rule ids")

FINDING_COLUMNS = ["rule_id", "severity", "status", "message_zh", "message_en", "expected", "found",
                   "difference", "tolerance", "locations"]
OUTCOME_COLUMNS = ["rule_id", "severity", "kind", "outcome", "checks", "failed", "insufficient", "note"]
ORDER = {"not_applicable": 0, "pass": 1, "insufficient_data": 2, "fail": 3}  # worst wins

# A leading ordinal of a printed label: 五、 二十三、 (一) （二） 5. 1．
_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百]+[、.．]|\d+[、.．])")
ZERO = Decimal(0)
ECONOMIC_TABLES = ("general_budget_economic", "basic_expenditure")  # coded by 经济分类, not 功能分类


def normalise_item(label: str) -> tuple[str, bool]:
    """A printed label → (name without leading ordinal, brackets full-width, 其它 = 其他; had an ordinal)."""
    text = squash(str(label))
    match = _ORDINAL.match(text)
    if match:
        text = text[match.end():]
    return text.replace("(", "（").replace(")", "）").replace("其它", "其他"), bool(match)


@dataclass
class Check:
    """One comparison a rule made (one key, one column)."""

    status: str
    where: tuple[str, str] = ("", "")  # (zh, en): the column and row compared
    expected: Decimal | str | None = None
    found: Decimal | str | None = None
    tolerance: Decimal | None = None
    figures: list = field(default_factory=list)  # facts rows involved (dicts)
    reason: tuple[str, str] = ("", "")  # (zh, en) why insufficient / what a pass relied on


class CellUnreadable(Exception):
    """A selection meets a cell that prints no number: what is computed from it cannot be checked."""

    def __init__(self, rows: list[dict]):
        self.reason = unreadable_reason(rows)
        super().__init__(self.reason[1])


def unreadable_reason(rows: list[dict]) -> tuple[str, str]:
    """(zh, en) naming the unreadable cells among `rows`."""
    odd = [r for r in rows if r["_unreadable"]]
    zh = "、".join(f"“{r['item'] or r['code']}”行“{r['column']}”栏印作“{r['_text']}”" for r in odd)
    en = "; ".join(f"row {r['item'] or r['code']}, column {r['column']} prints {r['_text']!r}" for r in odd)
    return f"单元格无法读数：{zh}", f"cell unreadable: {en}"


class Book:
    """The facts of one document, indexed for selection, with each table's status. The cells that
    print no number are rows too, flagged `_unreadable`, with value None and their printed `_text`."""

    def __init__(self, facts: pd.DataFrame, meta: dict | None):
        facts = facts.assign(_unreadable=False)
        odd = (meta or {}).get("unreadable_cells") or []
        if odd:
            odd = pd.DataFrame(odd).rename(columns={"text": "_text"}).drop(columns=["reason_zh", "reason_en"])
            facts = pd.concat([facts, odd.assign(value=None, unit_source="", decimals=0, _unreadable=True)],
                              ignore_index=True)
        for name in ("side", "code", "item", "column", "unit_source"):
            facts[name] = facts[name].fillna("").astype(str)
        labels = [normalise_item(item) for item in facts["item"]]
        facts["_name"] = [name for name, _ in labels]
        facts["_ordinal"] = [ordinal for _, ordinal in labels]
        self.facts = facts
        tables = (meta or {}).get("tables")
        self.status = {key: "ok" for key in facts["table"].unique()}
        if tables is not None:
            self.status.update({key: info.get("status", "ok") for key, info in tables.items()})
        self.layout = (meta or {}).get("layout", "")
        self.holds_no_tables = "tables" in (meta or {}).get("lacks", ())  # a narrative published apart from its tables

    def state(self, table: str) -> str:
        """ok | empty | missing (missing, unreadable, or unknown)."""
        status = self.status.get(table, "missing")
        return status if status in ("ok", "empty") else "missing"

    def select(self, cells: Cells, column: str | None, *, any_column: bool = False) -> pd.DataFrame:
        f = self.facts
        mask = f["table"] == cells.table
        if cells.side:
            mask &= f["side"] == cells.side
        if cells.items:
            mask &= f["_name"].isin({normalise_item(i)[0] for i in cells.items})
        if cells.ordinal is not None:
            mask &= f["_ordinal"] == cells.ordinal
        if cells.item_pattern:
            mask &= f["item"].str.match(cells.item_pattern)
        if cells.codes:
            mask &= f["code"].isin(cells.codes)
        if cells.code_digits:
            mask &= f["code"].str.len().eq(cells.code_digits) & f["code"].str.isdigit()
        wanted = cells.column if cells.column is not None else column
        if not any_column and wanted is not None:
            mask &= f["column"].isin((wanted,) if isinstance(wanted, str) else wanted)
        return f[mask]

    def groups(self, cells: Cells, column: str | None) -> dict:
        """Selected rows by key (see Cells.key); a name that maps to no 类 code keys as ("?", name)."""
        rows = self.select(cells, column)
        mapping = dict(cells.key_map)
        out: dict = {}
        for row in rows.to_dict("records"):
            out.setdefault(_key(cells.key, row, mapping), []).append(row)
        return out


def _key(kind: str, row: dict, mapping: dict):
    if kind == "row":
        return (row["side"], row["code"], row["item"])
    if kind == "code":
        return row["code"]
    if kind == "column":
        return row["column"]
    if kind == "item":
        return mapping.get(row["_name"], row["_name"])
    if kind == "class":
        if row["code"].isdigit():
            return row["code"][:3]
        try:
            code = classification.code_for_name(row["item"], "类")
        except ValueError:
            code = None
        return code or ("?", row["_name"])
    return ""


# --- evaluation -----------------------------------------------------------------------------------

def _value(rows, sign: int = 1) -> Decimal:
    return sum((sign * r["value"] for r in rows), ZERO)


def _halves(rule: Rule, rows) -> Decimal:
    if rule.tolerance == "none":
        return ZERO
    return tol.envelope(tol.figure_half_unit(r["value"], r["unit_source"], r.get("decimals")) for r in rows)


def _compare(rule: Rule, where: str, total_rows, parts: list[tuple[Cells, list]]) -> Check:
    figures = list(total_rows) + [r for _, rows in parts for r in rows]
    if any(r["_unreadable"] for r in figures):
        return Check("insufficient_data", where, figures=figures, reason=unreadable_reason(figures))
    found = _value(total_rows)
    expected = sum((_value(rows, cells.sign) for cells, rows in parts), ZERO)
    envelope = _halves(rule, figures)
    if rule.kind == "le":  # total is the whole, parts the part: report part (found) against whole
        found, expected = expected, found
        ok = found <= expected + envelope
    else:
        ok = tol.within(found, expected, envelope)
    return Check("pass" if ok else "fail", where, expected, found, envelope, figures)


def _where(column: str | None, key, table: str = "") -> tuple[str, str]:
    """(zh, en) of the column and row a check compared: ("列 合计；行 205", "column 合计; row 205")."""
    zh, en = [], []
    if column:
        zh.append(f"列 {column}")
        en.append(f"column {column}")
    if key not in ("", None):
        row = "/".join(str(k) for k in key if k) if isinstance(key, tuple) else str(key)
        zh.append(f"行 {row}" + (f"（{table}）" if table else ""))
        en.append(f"row {row}" + (f" ({table})" if table else ""))
    return "；".join(zh), "; ".join(en)


def _eval_relation(rule: Rule, book: Book, column: str | None) -> list[Check]:
    where = _where(column, None)
    if any(c.key for c in rule.inputs):
        total = book.groups(rule.total, column)
        parts = [(c, book.groups(c, column)) for c in rule.parts]
        keys = set(total).union(*(g for _, g in parts))
        checks = []
        for key in sorted(keys, key=str):
            if isinstance(key, tuple) and key[0] == "?":
                checks.append(Check("insufficient_data", _where(column, key), figures=total.get(key, []),
                                    reason=(f"“{key[1]}”不是可识别的类级科目名称", f"{key[1]!r} names no known 类")))
                continue
            checks.append(_compare(rule, _where(column, key), total.get(key, []),
                                   [(c, g.get(key, [])) for c, g in parts]))
        return checks or [Check("not_applicable", where)]
    total_rows = book.select(rule.total, column).to_dict("records")
    parts = [(c, book.select(c, column).to_dict("records")) for c in rule.parts]
    printed = bool(total_rows) or book.state(rule.total.table) == "empty" \
        or not book.select(rule.total, column, any_column=True).empty
    if printed:
        return [_compare(rule, where, total_rows, parts)]
    part_rows = [r for _, rows in parts for r in rows]
    if not part_rows:
        return [Check("not_applicable", where)]
    check = _compare(rule, where, [], parts)
    if check.status == "insufficient_data":  # a part prints no number
        return [check]
    if check.status == "pass":
        check.reason = ("合计行未印出，各项相抵为零", "total row blank; the parts net to zero")
        return [check]
    missing = Check("insufficient_data", where, figures=part_rows,
                    reason=("合计行未印出", "the total row is not printed"))
    if rule.kind == "le":
        missing.found = check.found  # the part; the whole is what is missing
    else:
        missing.expected = check.expected  # what the missing total should print
    return [missing]


def _eval_hierarchy(rule: Rule, book: Book, column: str | None) -> list[Check]:
    rows = book.select(rule.total, column)
    rows = rows[rows["code"].str.isdigit()].to_dict("records")
    by_code: dict[str, list] = {}
    for row in rows:
        by_code.setdefault(row["code"], []).append(row)
    parents = sorted({c[:-2] for c in by_code if len(c) > 3})
    checks = []
    for parent in parents:
        children = [c for c in by_code if len(c) == len(parent) + 2 and c.startswith(parent)]
        child_rows = [r for c in children for r in by_code[c]]
        checks.append(_compare(rule, _where(column, parent), by_code.get(parent, []),
                               [(Cells(rule.total.table), child_rows)]))
    return checks or [Check("not_applicable", _where(column, None))]


def _eval_nonnegative(rule: Rule, book: Book, column: str | None) -> list[Check]:
    checks = [_nonnegative(r) for r in book.select(rule.total, column).to_dict("records")]
    return checks or [Check("not_applicable", _where(column, None))]


def _nonnegative(row: dict) -> Check:
    where = _where(row["column"], row["item"] or row["code"])
    if row["_unreadable"]:
        return Check("insufficient_data", where, figures=[row], reason=unreadable_reason([row]))
    return Check("pass" if row["value"] >= 0 else "fail", where, ZERO, row["value"], ZERO, [row])


def _eval_same_name(rule: Rule, book: Book, column: str | None) -> list[Check]:
    names: dict[str, list[dict]] = {}
    for cells in rule.inputs:
        rows = book.select(cells, None)
        for row in rows[rows["code"].str.isdigit()].drop_duplicates(["code", "item"]).to_dict("records"):
            names.setdefault(row["code"], []).append(row)
    checks = []
    for code, rows in sorted(names.items()):
        if len({r["table"] for r in rows}) < 2:
            continue
        counts = pd.Series([r["_name"] for r in rows]).value_counts(sort=True)
        usual = counts.index[0] if len(counts) else ""
        odd = [r for r in rows if r["_name"] != usual]
        if not odd:
            checks.append(Check("pass", _where(None, code), usual, usual, None, rows))
        for r in odd:
            checks.append(Check("fail", _where(None, code, r["table"]), usual, r["_name"], None,
                                [r] + [x for x in rows if x["_name"] == usual]))
    return checks or [Check("not_applicable")]


def _eval_reference_name(rule: Rule, book: Book, column: str | None) -> list[Check]:
    checks = []
    for cells in rule.inputs:
        system = "economic" if cells.table in ECONOMIC_TABLES else "functional"
        ref = _reference(system)
        rows = book.select(cells, None)
        for row in rows[rows["code"].str.isdigit()].drop_duplicates(["code", "item"]).to_dict("records"):
            where = _where(None, row["code"], row["table"])
            if row["code"] not in ref:
                checks.append(Check("insufficient_data", where, found=row["_name"], figures=[row],
                                    reason=(f"分类参考表无编码 {row['code']}",
                                            f"code {row['code']} is not in the {system} reference table")))
                continue
            name, accepted = ref[row["code"]]
            checks.append(Check("pass" if row["_name"] in accepted else "fail", where, name, row["_name"],
                                None, [row]))
    return checks or [Check("not_applicable")]


_REFERENCE: dict[str, dict] = {}


def _reference(system: str) -> dict[str, tuple[str, set[str]]]:
    """code → (official name, normalised names and aliases accepted)."""
    if system not in _REFERENCE:
        table = classification.functional() if system == "functional" else classification.economic()
        _REFERENCE[system] = {
            row.code: (row.name, {normalise_item(n)[0] for n in [row.name, *filter(None, row.aliases.split("|"))]})
            for row in table.itertuples(index=False)}
    return _REFERENCE[system]


EVALUATORS = {**{kind: _eval_relation for kind in RELATION_KINDS}, "hierarchy": _eval_hierarchy,
              "nonnegative": _eval_nonnegative, "same_name": _eval_same_name,
              "reference_name": _eval_reference_name}
NAME_KINDS = ("same_name", "reference_name")  # read whichever of their tables are printed


def evaluate_rule(rule: Rule, book: Book) -> list[Check]:
    if book.layout and book.layout not in rule.layouts:
        return [Check("not_applicable", reason=("版式不适用", f"layout {book.layout} does not print it"))]
    if book.holds_no_tables:
        return [Check("not_applicable", reason=("文件未含表格", "the document holds no tables"))]
    if rule.kind not in NAME_KINDS:
        missing = [t for t in rule.tables if book.state(t) == "missing"]
        if missing:
            return [Check("insufficient_data", reason=(f"缺少表 {'、'.join(missing)}", f"missing table {', '.join(missing)}"))]
    return [check for column in (rule.columns or (None,)) for check in EVALUATORS[rule.kind](rule, book, column)]


# --- public API -----------------------------------------------------------------------------------

def evaluate(doc_or_facts, meta: dict | None = None, rules: tuple[Rule, ...] = ALL_RULES):
    """(findings, outcomes) for a Document or a facts DataFrame with its meta."""
    facts, meta = _facts_and_meta(doc_or_facts, meta)
    book = Book(facts, meta)
    findings, outcomes = [], []
    for rule in rules:
        checks = evaluate_rule(rule, book)
        outcome = max((c.status for c in checks), key=ORDER.__getitem__)
        notes = [c.reason[1] for c in checks if c.reason[1]]
        outcomes.append({"rule_id": rule.id, "severity": rule.severity, "kind": rule.kind, "outcome": outcome,
                         "checks": sum(c.status in ("pass", "fail") for c in checks),
                         "failed": sum(c.status == "fail" for c in checks),
                         "insufficient": sum(c.status == "insufficient_data" for c in checks),
                         "note": "; ".join(dict.fromkeys(notes))})
        findings.extend(_finding(rule, c) for c in checks if c.status in ("fail", "insufficient_data"))
    return (pd.DataFrame(findings, columns=FINDING_COLUMNS),
            pd.DataFrame(outcomes, columns=OUTCOME_COLUMNS))


def run_rules(doc_or_facts, meta: dict | None = None, rules: tuple[Rule, ...] = ALL_RULES) -> pd.DataFrame:
    """The findings: one row per failing or uncheckable comparison (columns `FINDING_COLUMNS`)."""
    return evaluate(doc_or_facts, meta, rules)[0]


def rule_outcomes(doc_or_facts, meta: dict | None = None, rules: tuple[Rule, ...] = ALL_RULES) -> pd.DataFrame:
    """Every rule's outcome (pass | fail | insufficient_data | not_applicable) and its counts."""
    return evaluate(doc_or_facts, meta, rules)[1]


def _facts_and_meta(doc_or_facts, meta):
    if isinstance(doc_or_facts, pd.DataFrame):
        return doc_or_facts, meta
    return doc_or_facts.facts, meta if meta is not None else doc_or_facts.meta


def _text(value) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _plain(value: Decimal | None) -> Decimal | None:
    """A tolerance without trailing zeros (50.000 × 3 → 150), never in exponent form."""
    if value is None:
        return None
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def _finding(rule: Rule, check: Check) -> dict:
    where = f"［{check.where[0]}］" if check.where[0] else ""
    where_en = f" [{check.where[1]}]" if check.where[1] else ""
    numeric = isinstance(check.found, Decimal) and isinstance(check.expected, Decimal)
    difference = check.found - check.expected if numeric else None
    if check.status == "insufficient_data":
        zh = f"{rule.zh}{where}：无法核对（{check.reason[0]}）"
        en = f"{rule.en}{where_en}: cannot be checked ({check.reason[1]})"
    elif rule.kind == "le":
        zh = f"{rule.zh}{where}：{_text(check.found)} 大于 {_text(check.expected)}，超出 {_text(difference)}（容差 {_text(_plain(check.tolerance))}）"
        en = f"{rule.en}{where_en}: {_text(check.found)} exceeds {_text(check.expected)} by {_text(difference)} (tolerance {_text(_plain(check.tolerance))})"
    elif numeric:
        zh = f"{rule.zh}{where}：印出 {_text(check.found)}，应为 {_text(check.expected)}，相差 {_text(difference)}，超出容差 {_text(_plain(check.tolerance))}"
        en = f"{rule.en}{where_en}: printed {_text(check.found)}, expected {_text(check.expected)}, off by {_text(difference)}, beyond the tolerance {_text(_plain(check.tolerance))}"
    else:
        zh = f"{rule.zh}{where}：印为“{check.found}”，应为“{check.expected}”"
        en = f"{rule.en}{where_en}: printed {check.found!r}, expected {check.expected!r}"
    return {"rule_id": rule.id, "severity": rule.severity, "status": check.status, "message_zh": zh,
            "message_en": en, "expected": _text(check.expected), "found": _text(check.found),
            "difference": _text(difference), "tolerance": _text(_plain(check.tolerance)),
            "locations": [_location(r) for r in check.figures]}


def _location(row: dict) -> dict:
    page = row.get("page")
    return {"table": row["table"], "code": row["code"], "item": row["item"], "column": row["column"],
            "page": None if page is None or pd.isna(page) else int(page)}
