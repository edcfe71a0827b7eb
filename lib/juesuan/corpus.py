"""Many documents at once (`juesuan.collection`): a selection of the catalog, its documents and one long facts table.

    >>> col = juesuan.collection(department="江苏省/人民检察院", kind="预算")
    >>> col.entries            # the catalog rows selected, by department, year, kind, level
    >>> col.facts              # every document's facts, with department_id, year, kind, level
    >>> col.series()           # {department_id: [entries by year]} for departments with 2+ years

A department is named by its id (`江苏省/人民检察院`), by any printed name that normalises to it
(`江苏省人民检察院`, an alias), or by the part after the region when only one department has it
(`人民检察院`). A document that cannot be read is left out and kept in `col.failures` with its reason,
so one bad file does not stop a province's collection. Checks across documents live in
`juesuan.checks.across`, which gives each collection its `cross_audit` and `cross_findings`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import catalog as catalogs
from . import departments
from .document import FACT_COLUMNS, Document, load
from .errors import ParameterError, ReadError

KINDS = ("决算", "预算")
# A collection's facts: a document's (docs/facts.md) with who and when beside the doc_id.
COLLECTION_FACT_COLUMNS = ["doc_id", "department_id", "year", "kind", "level", *FACT_COLUMNS[1:]]
ENTRY_COLUMNS = ["doc_id", "department_id", "department", "region", "year", "kind", "level", "layout", "parts", "file"]

_cross_auditor: Callable | None = None


def register_cross_auditor(audit: Callable) -> None:
    """`juesuan.checks` gives collections their checks across documents (it sits above this layer)."""
    global _cross_auditor
    _cross_auditor = audit


@dataclass
class Collection:
    """Catalog entries and, loaded on first use, their documents."""

    entries: list[catalogs.Entry]
    catalog: Path
    progress: Callable[[str], None] | None = field(default=None, repr=False)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, one-line reason)
    # How one entry is read: `load`, unless a batch read them elsewhere first (`juesuan.daskpool`).
    reader: Callable[[catalogs.Entry], Document] | None = field(default=None, repr=False)
    _documents: dict[str, Document] | None = field(default=None, repr=False)
    _cross: object = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"<Collection {len(self.entries)} documents, {len(self.department_ids)} departments from {self.catalog}>"

    @property
    def department_ids(self) -> list[str]:
        return sorted({e.department_id for e in self.entries})

    @property
    def years(self) -> list[int]:
        return sorted({e.year for e in self.entries})

    def table(self) -> pd.DataFrame:
        """The entries as a table (ENTRY_COLUMNS), by department, year, kind and level."""
        rows = [{c: getattr(e, c) for c in ENTRY_COLUMNS} for e in self.entries]
        return pd.DataFrame(rows, columns=ENTRY_COLUMNS)

    @property
    def documents(self) -> dict[str, Document]:
        """doc_id → Document, for every entry that reads (the others are in `failures`)."""
        if self._documents is None:
            self._documents, self.failures = {}, []
            for number, entry in enumerate(self.entries, 1):
                if self.progress:
                    self.progress(f"[{number}/{len(self.entries)}] {entry.doc_id}")
                try:
                    read = self.reader or (lambda e: load(e.paths, doc_id=e.doc_id))
                    self._documents[entry.doc_id] = read(entry)
                except ReadError as error:
                    self.failures.append((entry.doc_id, str(error)))
        return self._documents

    def document(self, doc_id: str) -> Document:
        if doc_id not in self.documents:
            reason = dict(self.failures).get(doc_id)
            raise ReadError(f"{doc_id}: {reason}" if reason else f"{doc_id} is not in this collection")
        return self.documents[doc_id]

    def entry(self, doc_id: str) -> catalogs.Entry:
        return next(e for e in self.entries if e.doc_id == doc_id)

    @property
    def facts(self) -> pd.DataFrame:
        """One long table of every document's facts (COLLECTION_FACT_COLUMNS); values in 元, Decimal."""
        frames = []
        for doc_id, doc in self.documents.items():
            entry = self.entry(doc_id)
            frames.append(doc.facts.assign(department_id=entry.department_id, year=entry.year, kind=entry.kind,
                                           level=entry.level)[COLLECTION_FACT_COLUMNS])
        if not frames:
            return pd.DataFrame(columns=COLLECTION_FACT_COLUMNS)
        return pd.concat(frames, ignore_index=True)

    def long(self, frame: str) -> pd.DataFrame:
        """Every document's `claims` or `findings` in one table, doc_id, department_id, year, kind and
        level first. A column of the frame's own that shares one of these names keeps its values
        under the frame's prefix: a claim's `year` (the year it compares with) is `claim_year`."""
        if frame not in ("claims", "findings"):
            raise ParameterError(f"frame {frame!r}: one of claims, findings")
        first = ["doc_id", "department_id", "year", "kind", "level"]
        frames = []
        for doc_id, doc in self.documents.items():
            entry = self.entry(doc_id)
            table = getattr(doc, frame)
            table = table.rename(columns={c: f"{frame[:-1]}_{c}" for c in table.columns if c in first})
            frames.append(table.assign(doc_id=doc_id, department_id=entry.department_id, year=entry.year,
                                       kind=entry.kind, level=entry.level))
        if not frames:
            return pd.DataFrame(columns=first)
        found = pd.concat(frames, ignore_index=True)
        return found[first + [c for c in found.columns if c not in first]]

    @property
    def cross_audit(self):
        """The checks across documents (`juesuan.checks.across.CrossAudit`: findings, verdicts,
        outcomes), computed once on first use."""
        if self._cross is None:
            if _cross_auditor is None:
                raise RuntimeError("checks across documents come from juesuan.checks: `import juesuan` first")
            self._cross = _cross_auditor(self)
        return self._cross

    @property
    def cross_findings(self) -> pd.DataFrame:
        """One row per disagreement between two documents: doc_id, other_doc_id and a finding's columns."""
        return self.cross_audit.findings

    def select(self, **criteria) -> Collection:
        """A narrower collection (same criteria as `collection`), sharing the documents loaded so far."""
        chosen = select(self.entries, **criteria)
        loaded = self._documents
        documents = None if loaded is None else {e.doc_id: loaded[e.doc_id] for e in chosen if e.doc_id in loaded}
        failed = [f for f in self.failures if f[0] in {e.doc_id for e in chosen}]
        return Collection(chosen, self.catalog, self.progress, failed, reader=self.reader,
                          _documents=documents if documents is not None and len(documents) + len(failed) == len(chosen)
                          else None)

    def series(self) -> dict[str, list[catalogs.Entry]]:
        """department_id → its entries by year, for departments with more than one year on record."""
        found: dict[str, list] = {}
        for entry in self.entries:
            found.setdefault(entry.department_id, []).append(entry)
        return {d: rows for d, rows in sorted(found.items()) if len({e.year for e in rows}) > 1}


def collection(department: str | None = None, years: int | Iterable[int] | None = None, kind: str | None = None,
               region: str | None = None, level: str | None = None, catalog: str | Path | None = None,
               progress: Callable[[str], None] | None = None) -> Collection:
    """The catalogued documents that match every criterion given (all of them when none is).

    Raises `ParameterError` with one line when a criterion is malformed or nothing matches."""
    path = Path(catalog) if catalog else catalogs.catalog_path()
    if catalog and not path.exists():
        raise ParameterError(f"no such catalog: {path}; make one with `juesuan catalog add PATH… --catalog {path}`")
    rows = catalogs.entries(path)
    if not rows:
        raise ParameterError(f"{path}: the catalog is empty; add documents with `juesuan catalog add PATH…`")
    chosen = select(rows, department=department, years=years, kind=kind, region=region, level=level,
                    aliases=catalogs.read_aliases(path))
    if not chosen:
        asked = ", ".join(f"{k}={v}" for k, v in (("department", department), ("years", years), ("kind", kind),
                                                   ("region", region), ("level", level)) if v not in (None, ""))
        raise ParameterError(f"no document in {path} matches {asked}; `juesuan catalog list` shows what is there")
    return Collection(chosen, path, progress)


def select(rows: list[catalogs.Entry], department: str | None = None, years=None, kind: str | None = None,
           region: str | None = None, level: str | None = None, aliases: dict[str, str] | None = None) -> list[catalogs.Entry]:
    """The rows matching every criterion given, by department, year, kind and level."""
    if kind not in (None, "") and kind not in KINDS:
        raise ParameterError(f"kind {kind!r}: one of {', '.join(KINDS)}")
    if level not in (None, "") and level not in catalogs.LEVELS:
        raise ParameterError(f"level {level!r}: one of {', '.join(catalogs.LEVELS)}")
    wanted_years = _years(years)
    if department not in (None, ""):
        ids = department_ids(rows, department, aliases or {})
        rows = [e for e in rows if e.department_id in ids]
    chosen = [e for e in rows
              if (wanted_years is None or e.year in wanted_years) and (not kind or e.kind == kind)
              and (not region or e.region == region or e.region.startswith(region)) and (not level or e.level == level)]
    return sorted(chosen, key=lambda e: (e.department_id, e.year, e.kind, e.level, e.doc_id))


def department_ids(rows: list[catalogs.Entry], name: str, aliases: dict[str, str]) -> set[str]:
    """The department ids `name` stands for: an id, a printed name, or an id's name after the region."""
    name = name.strip()
    known = {e.department_id for e in rows}
    if name in known:
        return {name}
    normalised = departments.department_id(name, aliases)
    if normalised in known:
        return {normalised}
    short = departments.canonical(name, aliases)
    by_tail = {d for d in known if d.split("/", 1)[-1] in (name, short)}
    if len(by_tail) > 1:
        raise ParameterError(f"department {name!r} is ambiguous: {', '.join(sorted(by_tail))}; give the id")
    return by_tail


def _years(years) -> set[int] | None:
    if years in (None, ""):
        return None
    if isinstance(years, int):
        return {years}
    if isinstance(years, str):
        text = years.strip()
        try:
            if "-" in text[1:] or "–" in text:
                first, last = (int(t) for t in text.replace("–", "-").split("-", 1))
                return set(range(first, last + 1))
            return {int(t) for t in text.replace("，", ",").split(",") if t.strip()}
        except ValueError:
            raise ParameterError(f"years {years!r}: a year (2019), a range (2017-2019) or a list (2017,2019)") from None
    try:
        return {int(y) for y in years}
    except (TypeError, ValueError):
        raise ParameterError(f"years {years!r}: a year, a range or a list of years") from None
