"""What every analysis shares: ratios, reading table cells, reading the narrative's claims, row statuses."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import pandas as pd

OK, INSUFFICIENT, NOT_APPLICABLE = "ok", "insufficient_data", "not_applicable"
ZERO = Decimal(0)

# Ratios keep 10 decimals in frames (a quotient has no exact value); `juesuan.present` shows them.
RATIO_PLACES = Decimal("1e-10")


def ratio(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator ÷ denominator to 10 decimals; None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 50
        return (numerator / denominator).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


# --- reading the tables and the narrative -------------------------------------------------------

# What a table's status means to a reader (document.meta["tables"][key]["status"]).
TABLE_STATUS_WORDS = {"ok": "已读", "empty": "本表无数据", "missing": "未找到", "unreadable": "不可读"}
TABLE_STATUS_ENGLISH = {"ok": "read", "empty": "printed empty", "missing": "not found", "unreadable": "unreadable"}


def printed_table(meta: dict, key: str) -> str:
    """A table as the document prints it: its number and title (公开05表 一般公共预算财政拨款支出决算表),
    the title alone where the layout numbers none (Shanghai); a table the document lacks by its
    layout's title (else the first layout's that has it). A self-evaluation (performance_N) is named
    by its own title."""
    info = meta.get("tables", {}).get(key) or _spec_names(meta.get("layout"), key)
    label = "" if key.startswith("performance") else info.get("label") or ""
    return " ".join(filter(None, (label, info.get("title") or key)))


def _spec_names(layout_id: str | None, key: str) -> dict:
    from ..layouts import LAYOUTS

    stem = "performance" if key.startswith("performance_") else key
    found = [(layout.id != layout_id, t) for layout in LAYOUTS for t in layout.tables if t.key == stem]
    if not found:
        return {"title": key, "label": ""}
    spec = min(found, key=lambda pair: pair[0])[1]  # the document's own layout first
    return {"title": spec.titles[0], "label": spec.label}


def missing_table(tables: "Tables", key: str) -> str:
    """Why a table gives no figures, in words: 公开07表 财政拨款“三公”经费支出决算表未找到 (not found)."""
    status = tables.status.get(key, "missing")
    return (f"{printed_table(tables.meta, key)}{TABLE_STATUS_WORDS.get(status, status)}"
            f" (table {TABLE_STATUS_ENGLISH.get(status, status)})")

def claims_of(doc) -> pd.DataFrame:
    """The narrative's claims, with the audit's verdicts."""
    return doc.claims


class Tables:
    """The facts of one document, read cell by cell with each table's status in mind."""

    def __init__(self, doc):
        self.facts, self.meta = doc.facts, doc.meta
        self.status = {key: info.get("status", "ok") for key, info in doc.meta.get("tables", {}).items()}

    def readable(self, table: str) -> bool:
        """Printed (ok) or printed empty (本表无数据: all zeros)."""
        return self.status.get(table) in ("ok", "empty")

    def rows(self, table: str) -> pd.DataFrame:
        return self.facts[self.facts["table"] == table]

    def value(self, table: str, column: str, *, item: str | None = None, code: str | None = None,
              side: str | None = None, item_contains: str | None = None) -> Decimal | None:
        """One printed cell. None when the table or the row is not printed; zero when the row is
        printed but this cell is blank (docs/facts.md: empty cells are absent) or the table prints
        本表无数据."""
        if self.status.get(table) == "empty":
            return ZERO
        if not self.readable(table):
            return None
        rows = self.rows(table)
        if code is not None:
            rows = rows[rows["code"] == code]
        if item is not None:
            rows = rows[rows["item"] == item]
        if item_contains is not None:
            rows = rows[rows["item"].str.contains(item_contains, regex=False)]
        if side is not None:
            rows = rows[rows["side"] == side]
        if rows.empty:
            return None
        cell = rows[rows["column"] == column]
        return cell["value"].iloc[0] if len(cell) else ZERO

    def first_value(self, *where: tuple) -> tuple[Decimal | None, str]:
        """The first of several (table, column, selectors) that the document prints — the table, the
        row and the column — and which it was: the budget layouts print one role in different tables
        or columns."""
        for table, column, selectors in where:
            if self.status.get(table) != "empty" and column not in set(self.rows(table)["column"]):
                continue
            value = self.value(table, column, **selectors)
            if value is not None:
                return value, f"{table} {column}"
        return None, ""


def rows_frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns).astype({"status": str}) if rows else pd.DataFrame(columns=columns)


def insufficient(columns: list[str], note: str, **values) -> pd.DataFrame:
    """One row saying what is missing."""
    row = {c: None for c in columns}
    row.update(values, status=INSUFFICIENT, note=note)
    if "statement" in columns:
        row["statement"] = statement_words([], INSUFFICIENT, note)
    return pd.DataFrame([row], columns=columns)


def sentence_of(claim_id: str) -> str:
    """claim_id SS-NNN-KK → the sentence SS-NNN it was stated in."""
    return claim_id.rsplit("-", 1)[0]


def same_sentence(claims: pd.DataFrame, claim, kind: str, basis: str | None = None) -> pd.Series | None:
    """The first claim of `kind` stated in the same sentence about the same subject (and basis)."""
    match = claims[(claims["claim_id"].map(sentence_of) == sentence_of(claim.claim_id))
                   & (claims["kind"] == kind) & (claims["subject"] == claim.subject)]
    if basis is not None:
        match = match[match["basis"] == basis]
    return match.iloc[0] if len(match) else None


def percent_to_ratio(stated: str | None) -> Decimal | None:
    if stated is None or stated == "" or pd.isna(stated):
        return None
    return Decimal(str(stated)) / 100


def code_level(code: str) -> str:
    return {3: "类", 5: "款", 7: "项"}.get(len(code), "")


# --- whether a row's statement holds ----------------------------------------------------------------

# A row that shows a stated figure says, in `statement`, whether the statement holds: the audit's
# verdict of the claims it shows (`doc.claims`), so that no row reads "ok" beside a figure the audit
# finds wrong. `status` stays the metric's own: could it be computed at all.
STATEMENT_COLUMNS = ["claim_ids", "statement"]
VERDICT_WORDS = {"mismatch": "不符 (与审计一致)", "ok": "相符", "unverifiable": "无从核对"}
STATUS_WORDS = {INSUFFICIENT: "数据不足", NOT_APPLICABLE: "不适用"}
NOT_STATED = "说明未述此数"  # a row of the tables' own figures: no statement to hold or fail


def statement_words(verdicts: list[tuple[str, str]], status: str, note: str = "") -> str:
    """What a row's status says to a reader. `verdicts`: (verdict, note) of each claim the row shows,
    the main one first. A mismatch of any wins; then a metric that could not be computed says why
    (数据不足 / 不适用); then the main claim's verdict (相符, or 无从核对 with its reason)."""
    if any(verdict == "mismatch" for verdict, _ in verdicts):
        return VERDICT_WORDS["mismatch"]
    if status in STATUS_WORDS:
        return f"{STATUS_WORDS[status]}：{note}" if note else STATUS_WORDS[status]
    if not verdicts:
        return NOT_STATED
    checked = [v for v in verdicts if v[0] == "ok"]
    if checked:
        return VERDICT_WORDS["ok"]
    reason = verdicts[0][1]
    return f"{VERDICT_WORDS['unverifiable']}：{reason}" if reason else VERDICT_WORDS["unverifiable"]


def with_statement(frame: pd.DataFrame, claims: pd.DataFrame, claim_ids: list[list[str]]) -> pd.DataFrame:
    """`frame` with `claim_ids` (the claims each row shows, comma-separated, the main one first) and
    `statement` (`statement_words` of their verdicts)."""
    verdict = dict(zip(claims["claim_id"], zip(claims["verdict"], claims["note"].fillna(""))))
    words = [statement_words([verdict[i] for i in ids if i in verdict], status, note)
             for ids, status, note in zip(claim_ids, frame["status"], frame["note"].fillna(""))]
    return frame.assign(claim_ids=[",".join(ids) for ids in claim_ids], statement=words)
