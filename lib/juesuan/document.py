"""`juesuan.load`: a file or doc_id → a `Document` (meta, facts), cached by file hash and parser version."""
from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from . import cache as caching
from . import catalog, layouts
from .layouts.spec import Layout
from .locate import TableHit, blocks_to_hits
from .numbers import MONEY_UNITS, squash
from . import readers
from .errors import ReadError
from .readers.base import Block, Grid, Line
from .tables import grid_text, hit_to_facts

# `decimals` (how many decimals the figure was printed with) is beyond DESIGN.md's list: the
# tolerance policy needs the printed precision, which a value scaled from 万元 no longer shows.
FACT_COLUMNS = ["doc_id", "table", "side", "code", "item", "column", "value", "unit_source", "page", "decimals"]

# What turns a document into its audit (claims, findings, derived facts). The audit lives a layer
# up (`juesuan.checks`), which registers it here when imported: a document never imports its checks.
_auditor: Callable | None = None


def register_auditor(audit: Callable) -> None:
    """Called by `juesuan.checks` with its `audit_document`."""
    global _auditor
    _auditor = audit


@dataclass
class Document:
    """A parsed disclosure: `meta` (dict), `facts` (DataFrame, one row per printed number) and the
    reader's `blocks` (the text in reading order, for the narrative)."""

    meta: dict
    facts: pd.DataFrame
    blocks: list[Block] = field(default_factory=list, repr=False)
    _audit: object = field(default=None, repr=False, compare=False)
    _cache_file: Path | None = field(default=None, repr=False, compare=False)  # where load() cached the parse

    @property
    def doc_id(self) -> str:
        return self.meta["doc_id"]

    @property
    def claims(self) -> pd.DataFrame:
        """Every figure stated in the narrative, with its verdict (ok | mismatch | unverifiable)."""
        return self.audit.claims

    @property
    def findings(self) -> pd.DataFrame:
        """Every rule outcome that is not a pass: table relations, claims, form (rule_id, severity, …)."""
        return self.audit.findings

    @property
    def audit(self):
        """The audit of this document (`juesuan.checks.audit.Audit`), computed once on first use."""
        if self._audit is None:
            self._audit = self._cached_audit()
        return self._audit

    def _content_digest(self) -> str:
        """A stable digest of what the audit reads: the text of the blocks and the facts."""
        digest = hashlib.sha256()
        for block in self.blocks:
            digest.update((block.text if isinstance(block, Line) else repr(block.rows)).encode())
        digest.update(self.facts.drop(columns="doc_id").to_csv(index=False).encode())
        return digest.hexdigest()[:12]

    def _cached_audit(self):
        """The audit, from the cache beside the parse when its sources have not changed."""
        if _auditor is None:
            raise RuntimeError("the audit is computed by juesuan.checks: `import juesuan` (or juesuan.checks) first")
        # keyed by what the audit reads too: a copy whose blocks or facts were changed is audited afresh
        target = caching.audit_file(self._cache_file, self._content_digest()) if self._cache_file else None
        found = caching.read(target) if target is not None else None
        if found is not None:
            found.derived["doc_id"] = self.doc_id
            return found
        found = _auditor(self)
        if target is not None:
            caching.write(found, target)
        return found

    def table(self, key: str) -> pd.DataFrame:
        """The facts of one table (`doc.table("income")`)."""
        return self.facts[self.facts["table"] == key].reset_index(drop=True)

    def __repr__(self) -> str:
        m = self.meta
        return f"<Document {m['doc_id']}: {m['department']} {m['year']} {m['kind']}, {len(self.facts)} facts>"


def load(source: str | os.PathLike, *, cache: bool = True) -> Document:
    """Parse a document (PDF, HTML page or text export) given by path or catalog doc_id.

    Raises `ReadError` with a one-line reason for input that cannot be read.
    """
    path, given_id = catalog.resolve(source)
    if path.is_dir():
        raise ReadError(f"{path} is a directory; give one PDF, HTML or text file")
    data = path.read_bytes()
    sha = catalog.sha256_of(data)
    doc_id = catalog.doc_id_for(path, sha, given_id)
    cache_file = caching.parse_file(sha)
    doc = caching.read(cache_file) if cache else None
    if doc is not None:
        doc.meta["doc_id"] = doc_id
        doc.facts["doc_id"] = doc_id
        doc.meta["source"] = str(path)
    else:
        doc = blocks_to_document(readers.read(path), doc_id=doc_id, source=path, sha256=sha)
        if not cache:
            return doc
        caching.write(doc, cache_file)
    doc._cache_file = cache_file
    return doc


def blocks_to_document(blocks: list[Block], *, doc_id: str, source: Path, sha256: str) -> Document:
    """Locate the tables of the best-matching layout, turn each into facts, describe the document."""
    layout, hits, unplaced = _best_layout(blocks)
    if not hits:
        known = ", ".join(layout.id for layout in layouts.LAYOUTS)
        raise ReadError(
            f"{source.name}: no disclosure tables of a known layout ({known}) found — looked for titles such as "
            "收入支出决算总表; is it a 部门决算? (部门预算 layouts are not read yet)"
        )
    rows: list[dict] = []
    tables: dict[str, dict] = {}
    for hit in hits:
        try:
            found = hit_to_facts(hit)
            error = ""
        except Exception as exc:  # one unreadable table must not lose the rest of the document
            found, error = [], f"{type(exc).__name__}: {exc}"
        rows.extend(found)
        tables[hit.key] = _describe(hit, found, error)
    for spec in layout.tables:
        if spec.required and spec.key not in tables:
            tables[spec.key] = {"title": spec.titles[0], "label": spec.label, "status": "missing", "facts": 0}
    facts = pd.DataFrame(rows, columns=FACT_COLUMNS[1:])
    facts.insert(0, "doc_id", doc_id)
    facts["page"] = facts["page"].astype("Int64")
    facts["decimals"] = facts["decimals"].astype("int64")
    meta = {
        "doc_id": doc_id,
        **_identity(blocks, hits),
        "layout": layout.id,
        "unit": Counter(t["unit"] for t in tables.values() if t.get("unit")).most_common(1)[0][0] if rows else "",
        "sha256": sha256,
        "source": str(source),
        "pages": max((b.page or 0 for b in blocks if isinstance(b, Line)), default=0) or None,
        "tables": tables,
        "unplaced": [{"page": g.page, "first_rows": grid_text(g)} for g in unplaced if _holds_figures(g)],
    }
    return Document(meta=meta, facts=facts, blocks=blocks)


def _best_layout(blocks: list[Block]) -> tuple[Layout, list[TableHit], list[Grid]]:
    """The layout whose specs place the most tables (ties: the first in `layouts.LAYOUTS`).

    Where grids with figures stay unplaced, the other layouts' specs for tables this one lacks are
    tried too, so a document of an unseen layout still yields every table a known title names."""
    best = None
    text = " ".join(squash(b.text) for b in blocks[:400] if isinstance(b, Line))
    for layout in layouts.LAYOUTS:
        hits, unplaced = blocks_to_hits(blocks, layout)
        score = (len(hits), sum(marker in text for marker in layout.markers))
        if best is None or score > best[0]:
            best = (score, layout, hits, unplaced)
    _, layout, hits, unplaced = best
    if any(_holds_figures(g) for g in unplaced):
        keys = {spec.key for spec in layout.tables}
        extra = tuple(spec for other in layouts.LAYOUTS for spec in other.tables if spec.key not in keys)
        wider = Layout(id=layout.id, description=layout.description, tables=layout.tables + _unique(extra),
                       markers=layout.markers)
        hits, unplaced = blocks_to_hits(blocks, wider)
    return layout, hits, unplaced


def _unique(specs: tuple) -> tuple:
    seen: dict[str, object] = {}
    for spec in specs:
        seen.setdefault(spec.key, spec)
    return tuple(seen.values())


def _describe(hit: TableHit, found: list[dict], error: str) -> dict:
    pages = sorted({p for g in hit.grids for p in g.row_pages if p is not None})
    if error:
        status = "unreadable"
    elif found:
        status = "ok"
    else:
        status = "empty"
    entry = {
        "title": hit.title,
        "label": hit.label,
        "unit": hit.unit or "",
        "pages": pages,
        "status": status,
        "facts": len(found),
        "columns": hit.columns,
        "notes": hit.notes,
    }
    if error:
        entry["error"] = f"{hit.title} (page {pages[0] if pages else '?'}) could not be read whole: {error}"
    if hit.spec.shape == "performance":
        entry.update(grade=hit.grade, project=hit.project)
    return entry


def _holds_figures(grid: Grid) -> bool:
    """Grids worth reporting as unplaced: they print amounts (a table of contents does not)."""
    return any(re.fullmatch(r"-?[\d,]+\.\d{2}", squash(c)) for row in grid.rows for c in row)


_COVER = re.compile(r"^(?:第[一二三四五六七八九十]+部分)?(?P<dept>.*?)(?P<year>(?:19|20)\d{2})年度?(?:部门|单位)?(?P<kind>决算|预算)")
_NAME_LINE = re.compile(r"^(?:部门|单位|编制单位|预算单位)(?:名称)?[:：](?P<name>[^\s:：]+?)(?:(?:金额)?单位[:：].*)?$")


def _cover_name(lines: list[str]) -> str:
    """A cover that prints the department on its own line above '（2024）年度部门决算'."""
    for first, following in zip(lines[:10], [lines[i + 1:i + 4] for i in range(10)]):
        if not _COVER.match(first) and any(re.search(r"(?:部门|单位)(?:决算|预算)", f) for f in following):
            return first
    return ""


def _identity(blocks: list[Block], hits: list[TableHit]) -> dict:
    """Department, year and kind, from the cover or headings (部门名称：…, 2022年度部门决算)."""
    lines = [squash(b.text) for b in blocks if isinstance(b, Line)]
    names = Counter(m.group("name") for line in lines if (m := _NAME_LINE.match(line)) and m.group("name") not in MONEY_UNITS)
    years: Counter = Counter()
    kinds: Counter = Counter()
    cover_dept = ""
    for line in lines[:60]:
        m = _COVER.match(line)
        if m:
            years[int(m.group("year"))] += 1
            kinds[m.group("kind")] += 1
            cover_dept = cover_dept or m.group("dept").strip("（）()")
    for hit in hits:
        for line in hit.header_lines:
            if y := re.fullmatch(r"[（(]?((?:19|20)\d{2})年度?[)）]?", squash(line)):
                years[int(y.group(1))] += 1
    department = names.most_common(1)[0][0] if names else cover_dept or _cover_name(lines)
    return {
        "department": department,
        "year": years.most_common(1)[0][0] if years else None,
        "kind": kinds.most_common(1)[0][0] if kinds else ("决算" if any("决算" in h.title for h in hits) else "预算"),
    }
