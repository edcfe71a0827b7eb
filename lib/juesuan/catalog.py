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
    file: str
    department: str
    year: int
    kind: str
    layout: str
    sha256: str

    @property
    def path(self) -> Path:
        return data_dir() / self.file


def entries() -> list[Entry]:
    path = data_dir() / "catalog.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [Entry(**{**row, "year": int(row["year"])}) for row in rows]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def resolve(source: str | os.PathLike) -> tuple[Path, str | None]:
    """A path that exists, else a catalog doc_id; returns the file and the doc_id if catalogued."""
    path = Path(source)
    if path.exists():
        return path, None
    for entry in entries():
        if entry.doc_id == str(source):
            return entry.path, entry.doc_id
    raise ReadError(f"no such file or doc_id: {source}; give a path to a PDF/HTML/text file or a doc_id listed in data/catalog.csv")


def doc_id_for(path: Path, sha256: str, given: str | None) -> str:
    """The catalog's id for these bytes, else the id the caller gave, else the file's stem."""
    for entry in entries():
        if entry.sha256 == sha256:
            return entry.doc_id
    return given or path.stem
