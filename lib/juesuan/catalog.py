"""The catalog of documents (`data/catalog.csv`, or the file `$JUESUAN_CATALOG` names) and how a
PATH or a doc_id becomes a file.

A row is one disclosure: its doc_id, the stable department_id (departments.py), what identity.py
read from it, the number of files it came in (`parts`, joined by ";" in `file`), where it was
published (`url`, may be empty) and its sha256 (a document in parts: the hash of its parts'
sha256s, as `juesuan.load` computes it). Paths are relative to the catalog's folder when the file
lies below it, else absolute, so a catalog moves with its documents; a catalog written with
`relative` names every file relative to its folder, going up with `..` where it must, so that a
catalog committed in one checkout can name the documents of a folder beside it. A catalog written before the
department_id, region, level, url and parts columns existed is read with them filled in.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import departments, files
from .errors import ReadError


def project_root() -> Path:
    """The checkout this package runs from (lib/juesuan → ../..), or $JUESUAN_HOME."""
    return Path(os.environ.get("JUESUAN_HOME") or Path(__file__).resolve().parents[2])


def data_dir() -> Path:
    return project_root() / "data"


def catalog_path() -> Path:
    """The catalog in use: $JUESUAN_CATALOG (the CLI's --catalog sets it), else data/catalog.csv."""
    return Path(os.environ.get("JUESUAN_CATALOG") or data_dir() / "catalog.csv")


def catalog_name() -> str:
    """The catalog as messages name it."""
    return str(catalog_path()) if os.environ.get("JUESUAN_CATALOG") else "data/catalog.csv"


def aliases_path(catalog: Path) -> Path:
    """The user's department aliases, beside the catalog (catalog.aliases.csv)."""
    return catalog.with_name(catalog.stem + ".aliases.csv")


def read_aliases(catalog: Path | None = None) -> dict[str, str]:
    """The bundled aliases, then the user's beside the catalog (which win)."""
    return departments.read_aliases(departments.BUNDLED_ALIASES, aliases_path(catalog or catalog_path()))


PART_SEPARATOR = ";"
LEVELS = ("部门", "单位")


@dataclass(frozen=True)
class Entry:
    doc_id: str
    file: str  # relative to the catalog's folder, or absolute; several parts joined by ";"
    department: str
    year: int
    kind: str
    layout: str
    sha256: str
    department_id: str = ""
    region: str = ""
    level: str = "部门"
    url: str = ""
    parts: int = 1
    folder: Path | None = field(default=None, compare=False, repr=False)  # where `file` is relative to

    @property
    def paths(self) -> list[Path]:
        folder = self.folder or catalog_path().parent
        return [folder / part.strip() for part in self.file.split(PART_SEPARATOR) if part.strip()]


# The columns as written, in this order; the first seven are the original catalog's and required.
COLUMNS = ("doc_id", "department_id", "department", "region", "year", "kind", "level", "layout",
           "parts", "file", "url", "sha256")
REQUIRED = ("doc_id", "file", "department", "year", "kind", "layout", "sha256")


def entries(path: Path | None = None, aliases: dict[str, str] | None = None) -> list[Entry]:
    """The catalog's rows (of `path`, else the catalog in use), department ids taken through the
    aliases (default: the bundled and the user's); none when the file does not exist."""
    path = path or catalog_path()
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        unknown = [c for c in header if c not in COLUMNS]
        if unknown:
            raise ReadError(f"{path}: unknown column {unknown[0]!r}; a catalog's columns are {','.join(COLUMNS)}")
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise ReadError(f"{path}: missing column {missing[0]!r}; a catalog needs {','.join(REQUIRED)}")
        rows = list(reader)
    table = read_aliases(path) if aliases is None else aliases
    return [_entry(row, number, path, table) for number, row in enumerate(rows, 2)]


def _entry(row: dict, line: int, path: Path, table: dict[str, str]) -> Entry:
    """One row as an Entry, the columns an older catalog lacks filled in."""
    values = {k: (v or "").strip() for k, v in row.items() if k is not None}
    for key in ("year", "parts"):
        if values.get(key) and not values[key].isdigit():
            raise ReadError(f"{path}, line {line}: {key} {values[key]!r} is not a whole number")
    if values.get("level") and values["level"] not in LEVELS:
        raise ReadError(f"{path}, line {line}: level {values['level']!r} is neither 部门 nor 单位")
    parts = [p for p in values["file"].split(PART_SEPARATOR) if p.strip()]
    return Entry(
        doc_id=values["doc_id"], file=values["file"], department=values["department"],
        year=int(values["year"]) if values["year"] else 0, kind=values["kind"], layout=values["layout"],
        sha256=values["sha256"],
        department_id=departments.canonical(values["department_id"], table) if values.get("department_id")
        else departments.department_id(values["department"], table),
        region=values.get("region") or departments.region_of(values["department"]),
        level=values.get("level") or "部门",
        url=values.get("url", ""),
        parts=int(values.get("parts") or len(parts) or 1),
        folder=path.parent,
    )


def render(rows: list[Entry]) -> str:
    """The catalog's text: the header of COLUMNS and one line per entry, in doc_id order."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in sorted(rows, key=lambda e: e.doc_id):
        writer.writerow({k: v for k, v in asdict(entry).items() if k in COLUMNS})
    return out.getvalue()


def write(rows: list[Entry], path: Path | None = None) -> bool:
    """Write the catalog whole (atomically) when its text changes; whether it did."""
    path = path or catalog_path()
    text = render(rows)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(path, text)
    return True


def file_column(paths: list[Path], catalog: Path, relative: bool = False) -> str:
    """The `file` value for these paths: relative to the catalog's folder when below it (or always,
    with `relative`: `../../shared/corpus/raw/x.pdf`), else absolute."""
    folder = catalog.resolve().parent
    named = []
    for path in paths:
        path = path.resolve()
        if path.is_relative_to(folder):
            named.append(str(path.relative_to(folder)))
        else:
            named.append(os.path.relpath(path, folder) if relative else str(path))
    return PART_SEPARATOR.join(named)


def unique_doc_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`… when another entry holds it."""
    doc_id, number = wanted, 1
    while doc_id in taken:
        number += 1
        doc_id = f"{wanted}-{number}"
    return doc_id


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def resolve(source) -> tuple[list[Path], str | None]:
    """The files a source names, and its doc_id if catalogued: a path that exists, a catalog
    doc_id (one file or several parts), or a list of paths (the parts of one disclosure)."""
    if not isinstance(source, (str, os.PathLike)):
        paths = [Path(part) for part in source]
        if not paths:
            raise ReadError(f"no file given; give a path, a doc_id from {catalog_name()}, or the parts of one disclosure")
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise ReadError(f"no such file: {missing[0]}; give the paths of the parts of one disclosure")
        return paths, None
    path = Path(source)
    if path.exists():
        return [path], None
    for entry in entries():
        if entry.doc_id == str(source):
            return entry.paths, entry.doc_id
    raise ReadError(f"no such file or doc_id: {source}; give a path to a PDF/HTML/text file or a doc_id listed in {catalog_name()}")


def doc_id_for(paths: list[Path], sha256: str, given: str | None) -> str:
    """The catalog's id for these bytes, else the id the caller gave, else the file's stem (for
    several parts, what their stems share: a-2017-text + a-2017-tables → a-2017)."""
    for entry in entries():
        if entry.sha256 == sha256:
            return entry.doc_id
    if given:
        return given
    stems = [p.stem for p in paths]
    shared = os.path.commonprefix(stems) if len(stems) > 1 else ""
    if any(len(stem) > len(shared) and stem[len(shared)] not in "-_ ." for stem in stems):
        shared = shared[:max(shared.rfind(c) for c in "-_ .") + 1]  # back to a whole word: …-text, …-tables
    return shared.rstrip("-_ .") or stems[0]
