"""The bundled documents (`data/catalog.csv`) and how a PATH or a doc_id becomes a file."""
from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ReadError

def project_root() -> Path:
    """The checkout this package runs from (lib/juesuan → ../..), or $JUESUAN_HOME."""
    return Path(os.environ.get("JUESUAN_HOME") or Path(__file__).resolve().parents[2])


def data_dir() -> Path:
    return project_root() / "data"


@dataclass(frozen=True)
class Entry:
    doc_id: str
    file: str  # below data/; a disclosure published as several files lists them joined by ";"
    department: str
    year: int
    kind: str
    layout: str
    sha256: str

    @property
    def paths(self) -> list[Path]:
        return [data_dir() / part.strip() for part in self.file.split(PART_SEPARATOR) if part.strip()]


PART_SEPARATOR = ";"


def entries() -> list[Entry]:
    path = data_dir() / "catalog.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [Entry(**{**row, "year": int(row["year"])}) for row in rows]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def resolve(source) -> tuple[list[Path], str | None]:
    """The files a source names, and its doc_id if catalogued: a path that exists, a catalog
    doc_id (one file or several parts), or a list of paths (the parts of one disclosure)."""
    if not isinstance(source, (str, os.PathLike)):
        paths = [Path(part) for part in source]
        if not paths:
            raise ReadError("no file given; give a path, a doc_id from data/catalog.csv, or the parts of one disclosure")
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
    raise ReadError(f"no such file or doc_id: {source}; give a path to a PDF/HTML/text file or a doc_id listed in data/catalog.csv")


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
