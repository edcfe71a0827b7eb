"""`juesuan.load`: a file or doc_id → a `Document` (meta, facts), cached by file hash and parser version."""
from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from . import cache as caching
from . import catalog, guard, layouts
from .layouts.spec import Layout
from .locate import TableHit, blocks_to_hits
from .identity import identify, looks_like_disclosure, same_department, text_kind
from .numbers import squash
from . import readers
from .errors import ReadError
from .limits import check_file
from .readers.base import Block, Grid, Line
from .tables import grid_text, hit_to_facts

# `decimals` (how many decimals the figure was printed with) is beyond DESIGN.md's list: the
# tolerance policy needs the printed precision, which a value scaled from 万元 no longer shows.
FACT_COLUMNS = ["doc_id", "table", "side", "code", "item", "column", "value", "unit_source", "page", "decimals"]

# What turns a document into its audit (claims, findings, derived facts). The audit lives a layer
# up (`juesuan.checks`), which registers it here when imported: a document never imports its checks.
_auditor: Callable | None = None
_audit_type: type | None = None  # the dataclass it returns, rebuilt from the cache field by field


def register_auditor(audit: Callable, result_type: type) -> None:
    """Called by `juesuan.checks` with its `audit_document` and the `Audit` dataclass it returns."""
    global _auditor, _audit_type
    _auditor, _audit_type = audit, result_type


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
        """Every rule outcome that is not a pass: table relations, claims, form (rule_id, severity, …).

        In a document of several files each location also names its `part` (file) and `part_page`."""
        findings = self.audit.findings
        if not self.meta.get("parts"):
            return findings
        return findings.assign(locations=[[self._with_part(loc) for loc in locs] for locs in findings["locations"]])

    @property
    def checklist(self) -> pd.DataFrame:
        """The disclosure checklist (公开情况检查表): each part the layout requires — present 是/否/无法判断,
        its pages, the heading or title found, the findings inside it.

        In a document of several files each row also names the `part` (file) of its first page."""
        checklist = self.audit.checklist
        if not self.meta.get("parts"):
            return checklist
        return checklist.assign(part=[self.part_page(int(page))[0] if pd.notna(page) else "" for page in checklist["page"]])

    def part_page(self, page: int | None) -> tuple[str, int | None]:
        """(file, page within that file) for a page of this document; its own file for one of one file."""
        for part in self.meta.get("parts") or ():
            if page and part["first_page"] <= page <= part["last_page"]:
                return part["file"], page - part["first_page"] + 1
        return Path(self.meta.get("source", "")).name, page

    def _with_part(self, location: dict) -> dict:
        if not location.get("page"):
            return location
        part, page = self.part_page(location["page"])
        return {**location, "part": part, "part_page": page}

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
        entry = caching.read(target) if target is not None else None
        if entry is not None and set(entry) == {f.name for f in fields(_audit_type)}:
            found = _audit_type(**entry)
            found.derived["doc_id"] = self.doc_id
            return found
        found = _auditor(self)
        if target is not None:
            caching.write({f.name: getattr(found, f.name) for f in fields(found)}, target)
        return found

    def table(self, key: str) -> pd.DataFrame:
        """The facts of one table (`doc.table("income")`)."""
        return self.facts[self.facts["table"] == key].reset_index(drop=True)

    def __repr__(self) -> str:
        m = self.meta
        return f"<Document {m['doc_id']}: {m['department']} {m['year']} {m['kind']}, {len(self.facts)} facts>"


def load(source: str | os.PathLike | Sequence[str | os.PathLike], *, cache: bool = True,
         doc_id: str | None = None) -> Document:
    """Parse a document (PDF, HTML page or text export) given by path or catalog doc_id — or, for a
    disclosure published as several files (the narrative and the tables apart), the list of its parts.
    `doc_id` names it where the caller knows better than the catalog in use (a collection's own).

    Raises `ReadError` with a one-line reason for input that cannot be read.
    """
    paths, shas, sha, found_id = fingerprint(source)
    doc_id = doc_id or found_id
    cache_file = caching.parse_file(sha)
    doc = _from_entry(caching.read(cache_file)) if cache else None
    if doc is not None:
        doc.meta["doc_id"] = doc_id
        doc.facts["doc_id"] = doc_id
        doc.meta["source"] = str(paths[0])
        for part, path in zip(doc.meta.get("parts") or (), paths):  # cached from another folder: where it is now
            part["path"] = str(path)
    else:
        doc = _from_entry(guard.run(_parse_entry, paths, shas, doc_id, sha, name=paths[0].name))
        if not cache:
            return doc
        caching.write(_to_entry(doc), cache_file)
    doc._cache_file = cache_file
    return doc


def fingerprint(source) -> tuple[list[Path], list[str], str, str]:
    """What `load` knows of a source before it parses: its files, their sha256s, the document's
    sha256 (one file's, or for several parts the hash of theirs, in order: the order sets the
    pages) and its doc_id. Raises `ReadError` for a source that names no readable file."""
    paths, given_id = catalog.resolve(source)
    shas = []
    for path in paths:
        check_file(path)  # before reading a byte: a FIFO or /dev/zero would never end
        shas.append(catalog.sha256_of(path.read_bytes()))
    sha = shas[0] if len(shas) == 1 else catalog.sha256_of("+".join(shas).encode())
    return paths, shas, sha, catalog.doc_id_for(paths, sha, given_id)


def _to_entry(doc: Document) -> dict:
    """A parse as cache fields: meta, facts and the blocks as plain data."""
    blocks = [{"line": b.text, "page": b.page} if isinstance(b, Line) else {"rows": b.rows, "row_pages": b.row_pages}
              for b in doc.blocks]
    return {"meta": doc.meta, "facts": doc.facts, "blocks": blocks}


def _from_entry(entry: dict | None) -> Document | None:
    if entry is None or set(entry) != {"meta", "facts", "blocks"}:
        return None
    try:
        blocks = [Line(b["line"], b["page"]) if "line" in b else Grid(b["rows"], b["row_pages"]) for b in entry["blocks"]]
    except (KeyError, TypeError):
        return None
    return Document(meta=entry["meta"], facts=entry["facts"], blocks=blocks)


def _parse_entry(paths: list[Path], shas: list[str], doc_id: str, sha256: str) -> dict:
    """The parse as cache fields (what `guard.run` brings back from its child process)."""
    return _to_entry(_parse(paths, shas, doc_id=doc_id, sha256=sha256))


def _parse(paths: list[Path], shas: list[str], *, doc_id: str, sha256: str) -> Document:
    if len(paths) == 1:
        # a workbook is tables: one without a known table is no disclosure, whatever its words
        narrative_alone = readers.format_of(paths[0]) not in WORKBOOKS
        blocks = readers.read(paths[0], early=lambda lines: _refuse_early(paths[0], lines))
        return blocks_to_document(blocks, doc_id=doc_id, source=paths[0], sha256=sha256, narrative_alone=narrative_alone)
    blocks: list[Block] = []
    parts = []
    for number, (path, sha) in enumerate(zip(paths, shas), 1):
        part = readers.read(path)
        first = _last_page(blocks) + 1
        blocks.extend(_shift_pages(part, first - 1))
        parts.append({"part": number, "file": path.name, "path": str(path), "sha256": sha,
                      "first_page": first, "last_page": _last_page(blocks), **_part_identity(part)})
    _check_parts_agree(parts)
    doc = blocks_to_document(blocks, doc_id=doc_id, source=paths[0], sha256=sha256)
    doc.meta["parts"] = parts
    return doc


def _refuse_early(path: Path, lines: list[str]) -> None:
    """A PDF whose first pages name no 决算 or 预算 and print no known table title is refused before
    the rest is read (a second, not the minutes a long file takes)."""
    if not looks_like_disclosure(lines):
        raise ReadError(f"{path.name}: not a 部门决算 or 部门预算 — its first pages name neither and print no "
                        "disclosure table title; give the published disclosure")


def _last_page(blocks: list[Block]) -> int:
    pages = [b.page for b in blocks if isinstance(b, Line) and b.page] + \
            [p for b in blocks if isinstance(b, Grid) for p in b.row_pages if p]
    return max(pages, default=0)


def _shift_pages(blocks: list[Block], offset: int) -> list[Block]:
    """A part's blocks with pages counted on from the parts before it (page 1 of part 2 follows
    the last page of part 1); `meta["parts"]` maps them back."""
    if not offset:
        return blocks
    shift = lambda page: page + offset if page else page
    return [Line(b.text, shift(b.page)) if isinstance(b, Line) else Grid(b.rows, [shift(p) for p in b.row_pages])
            for b in blocks]


def _part_identity(blocks: list[Block]) -> dict:
    layout, hits, _ = _best_layout(blocks)
    found = identify([b.text for b in blocks if isinstance(b, Line)], [h for hit in hits for h in hit.header_lines])
    return {"department": found["department"], "year": found["year"],
            "holds": [what for what, there in (("narrative", _has_narrative(blocks)), ("tables", bool(hits))) if there]}


def _check_parts_agree(parts: list[dict]) -> None:
    for key, same in (("department", same_department), ("year", lambda a, b: a == b)):
        named = [(p["file"], p[key]) for p in parts if p[key]]
        for file, value in named[1:]:
            if not same(named[0][1], value):
                raise ReadError(f"the parts name different {key}s: {named[0][0]} {named[0][1]}, {file} {value}; "
                                "give the parts of one disclosure")


NARRATIVE_CHARS = 300  # running text of at least this many characters in lines with sentence marks


def _has_narrative(blocks: list[Block]) -> bool:
    """Running text of sentences (the 说明), not only titles, header lines and notes."""
    return sum(len(b.text) for b in blocks if isinstance(b, Line) and re.search(r"[，。；]", b.text)) >= NARRATIVE_CHARS


WORKBOOKS = ("xlsx", "xls")


def blocks_to_document(blocks: list[Block], *, doc_id: str, source: Path, sha256: str,
                       narrative_alone: bool = True) -> Document:
    """Locate the tables of the best-matching layout, turn each into facts, describe the document.
    Without tables it is a disclosure's narrative when its text names a 决算 or 预算 (and
    `narrative_alone` allows one)."""
    lines = [b.text for b in blocks if isinstance(b, Line)]
    layout, hits, unplaced = _best_layout(blocks)
    kind = layout.kind if hits else text_kind(lines) if narrative_alone else None
    if kind is None:
        known = ", ".join(layout.id for layout in layouts.LAYOUTS)
        words = " and no words such as 部门决算/部门预算 in its text" if narrative_alone else ""
        raise ReadError(f"{source.name}: not a 部门决算 or 部门预算 — no tables of a known layout ({known}){words}; "
                        "give the published disclosure")
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
    for spec in layout.tables if hits else ():
        if spec.required and spec.key not in tables:
            tables[spec.key] = {"title": spec.titles[0], "label": spec.label, "status": "missing", "facts": 0}
    facts = pd.DataFrame(rows, columns=FACT_COLUMNS[1:])
    facts.insert(0, "doc_id", doc_id)
    facts["page"] = facts["page"].astype("Int64")
    facts["decimals"] = facts["decimals"].astype("int64")
    found = identify(lines, [h for hit in hits for h in hit.header_lines])
    meta = {
        "doc_id": doc_id,
        **found,
        "kind": kind,
        "level": found["level"] or "部门",
        "layout": layout.id if hits else "",
        "lacks": [what for what, there in (("narrative", _has_narrative(blocks)), ("tables", bool(hits))) if not there],
        "unit": Counter(t["unit"] for t in tables.values() if t.get("unit")).most_common(1)[0][0] if rows else "",
        "sha256": sha256,
        "source": str(source),
        "pages": max((b.page or 0 for b in blocks if isinstance(b, Line)), default=0) or None,
        "tables": tables,
        "unreadable_cells": [cell for hit in hits for cell in hit.unreadable],  # value cells printing no number
        "unplaced": [{"page": g.page, "first_rows": grid_text(g)} for g in unplaced if _holds_figures(g)],
    }
    return Document(meta=meta, facts=facts, blocks=blocks)


def _best_layout(blocks: list[Block]) -> tuple[Layout, list[TableHit], list[Grid]]:
    """The layout whose specs place the most tables (ties: the first in `layouts.LAYOUTS`).

    Where grids with figures stay unplaced, the other layouts' specs of the same kind (决算 or 预算)
    for tables this one lacks are tried too, so a document of an unseen layout still yields every table a known title names."""
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
        extra = tuple(spec for other in layouts.LAYOUTS if other.kind == layout.kind
                      for spec in other.tables if spec.key not in keys)
        wider = Layout(id=layout.id, name=layout.name, description=layout.description, tables=layout.tables + _unique(extra),
                       markers=layout.markers, kind=layout.kind)
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
