"""`juesuan catalog add PATH…|DIR`, `catalog list`, `catalog merge ID_A ID_B`: the documents on record.

`add` loads each file (`juesuan.load`), pairs a tables-only file with the narrative-only file of
the same department, year, kind and level into one two-part entry, and adds what the catalog does
not hold yet (same sha256, or a file already a part of an entry: unchanged). A refused file costs
one line on stderr and exit code 1 at the end; the others are still added.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import unicodedata
from pathlib import Path

from ..errors import JuesuanError, UsageError
from .arguments import add_catalog_option

SUFFIXES = (".pdf", ".html", ".htm", ".txt", ".xlsx", ".xls")
LIST_COLUMNS = ("doc_id", "department_id", "department", "year", "kind", "level", "layout", "parts")


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser("catalog", help="the documents on record: add, list, merge department ids")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    add = actions.add_parser("add", help="add files (or every document in a folder) to the catalog")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH|DIR")
    add.add_argument("--relative", action="store_true",
                     help="name every file relative to the catalog's folder, going up with .. where it must "
                          "(default: relative below the folder, else absolute)")
    listing = actions.add_parser("list", help="show the catalog")
    listing.add_argument("--format", choices=("table", "csv"), default="table",
                         help="table: the main columns aligned; csv: every column")
    merge = actions.add_parser("merge", help="record department ID_A as an alias of ID_B")
    merge.add_argument("alias", metavar="ID_A")
    merge.add_argument("target", metavar="ID_B")
    for action in (add, listing, merge):
        add_catalog_option(action)
    return parser


def run(args: argparse.Namespace) -> int:
    return {"add": run_add, "list": run_list, "merge": run_merge}[args.action](args)


def documents_in(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The files named, a folder walked for documents (sorted); and a line per path that is neither."""
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return found, problems


def run_add(args: argparse.Namespace) -> int:
    import juesuan
    from .. import catalog

    path = catalog.catalog_path()
    rows = catalog.entries(path)
    held = {p.resolve() for entry in rows for p in entry.paths}
    found, problems = documents_in(args.paths)
    for problem in problems:
        print(f"juesuan: {problem}", file=sys.stderr)
    docs = []
    for number, file in enumerate(found, 1):
        prefix = f"[{number}/{len(found)}] {file}"
        if file.resolve() in held:
            print(f"{prefix}: already in the catalog", file=sys.stderr)
            continue
        try:
            doc = juesuan.load(file)
        except (JuesuanError, OSError) as exc:
            problems.append(str(exc))
            print(f"{prefix}: skipped: {exc}", file=sys.stderr)
            continue
        print(f"{prefix}: {doc.meta['department'] or '?'} {doc.meta['year']} {doc.meta['kind']}", file=sys.stderr)
        docs.append(doc)
    table = catalog.read_aliases(path)
    added = 0
    for doc in pair_halves(docs, table, juesuan.load):
        if any(entry.sha256 == doc.meta["sha256"] for entry in rows):
            continue
        rows.append(entry_for(doc, path, table, {e.doc_id for e in rows}, args.relative))
        added += 1
    catalog.write(rows, path)
    print(f"{added} added, {len(rows)} in {path}" + (f", {len(problems)} refused" if problems else ""), file=sys.stderr)
    return 1 if problems else 0


def pair_halves(docs: list, table: dict[str, str], load) -> list:
    """The documents, each narrative-only one joined with the one tables-only document of its
    department, year, kind and level (a half that prints no department pairs by file name:
    a-2019-text with a-2019-tables)."""
    from .. import departments

    def key(doc):
        m = doc.meta
        return m["year"], m["kind"], m["level"]

    def same(text, tables):
        a, b = (departments.department_id(d.meta["department"], table) for d in (text, tables))
        if a and b:
            return a == b
        return _stem_base(Path(text.meta["source"])) == _stem_base(Path(tables.meta["source"]))

    texts = [d for d in docs if d.meta["lacks"] == ["tables"]]
    tables = [d for d in docs if d.meta["lacks"] == ["narrative"]]
    out = [d for d in docs if d not in texts and d not in tables]
    for text in texts:
        matches = [t for t in tables if key(t) == key(text) and same(text, t)]
        if len(matches) != 1:
            out.append(text)
            continue
        try:
            out.append(load([Path(text.meta["source"]), Path(matches[0].meta["source"])]))
            tables.remove(matches[0])
        except JuesuanError as exc:
            print(f"juesuan: {Path(text.meta['source']).name} and {Path(matches[0].meta['source']).name} "
                  f"stay apart: {exc}", file=sys.stderr)
            out.append(text)
    return out + tables


def _stem_base(path: Path) -> str:
    """A file's stem without its last word (jiangsu_x_2019_yusuan-text → jiangsu_x_2019_yusuan)."""
    stem = path.stem
    cut = max(stem.rfind(c) for c in "-_ .")
    return stem[:cut] if cut > 0 else stem


def entry_for(doc, path: Path, table: dict[str, str], taken: set[str], relative: bool = False):
    """The catalog row of a loaded document."""
    from .. import catalog, departments

    m = doc.meta
    paths = [Path(p["path"]) for p in m["parts"]] if m.get("parts") else [Path(m["source"])]
    return catalog.Entry(
        doc_id=catalog.unique_doc_id(_doc_id_wanted(paths, m["sha256"], taken), taken),
        file=catalog.file_column(paths, path, relative), department=m["department"], year=m["year"] or 0,
        kind=m["kind"] or "", layout=m["layout"], sha256=m["sha256"],
        department_id=departments.department_id(m["department"], table),
        region=departments.region_of(m["department"]), level=m["level"], parts=len(paths),
        folder=path.parent)


def _doc_id_wanted(paths: list[Path], sha256: str, taken: set[str]) -> str:
    """The file's stem, or what the parts' stems share (catalog.doc_id_for), else the narrative's
    stem; when another entry holds it, the stem with the suffix (the same disclosure as .pdf and
    .html: x-2022, x-2022-html)."""
    from .. import catalog

    wanted = catalog.doc_id_for(paths, sha256, None)
    if len(paths) > 1 and wanted not in {_stem_base(p) for p in paths}:  # stems share no whole name
        wanted = paths[0].stem
    if wanted in taken and len(paths) == 1 and paths[0].suffix:
        wanted = f"{wanted}-{paths[0].suffix.lstrip('.').lower()}"
    return wanted


def run_list(args: argparse.Namespace) -> int:
    from .. import catalog

    rows = catalog.entries()
    if args.format == "csv":
        sys.stdout.write(catalog.render(rows))
        return 0
    cells = [LIST_COLUMNS] + [tuple(str(getattr(e, c)) for c in LIST_COLUMNS) for e in sorted(rows, key=lambda e: e.doc_id)]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(LIST_COLUMNS))]
    for row in cells:
        sys.stdout.write("  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip() + "\n")
    return 0


def _width(text: str) -> int:
    """Columns the text takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def run_merge(args: argparse.Namespace) -> int:
    from .. import catalog, departments, files

    path = catalog.catalog_path()
    table = catalog.read_aliases(path)
    alias, target = args.alias.strip(), departments.canonical(args.target.strip(), table)
    if not alias or not target:
        raise UsageError("give two department ids: juesuan catalog merge ID_A ID_B")
    if target == alias:  # ID_B is already an alias of ID_A
        raise UsageError(f"{args.target} is an alias of {alias}; merging would make a circle of aliases")
    if departments.canonical(alias, table) == target:
        raise UsageError(f"{alias} is already {target}; nothing to merge")
    user = catalog.aliases_path(path)
    existing = departments.read_aliases(user)
    existing[alias] = target
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(departments.ALIAS_COLUMNS)
    writer.writerows(sorted(existing.items()))
    os.makedirs(user.parent, exist_ok=True)
    files.write_atomic(user, out.getvalue())
    moved = sum(e.department_id == alias for e in catalog.entries(path, aliases={}))
    if path.exists():  # read again: entries() takes every id through the aliases, the new one too
        catalog.write(catalog.entries(path), path)
    print(f"{alias} → {target} in {user}; {moved} entries moved", file=sys.stderr)
    return 0
