"""The parse and audit caches: where they live, how they are keyed, reading and writing them.

A parse is keyed by the file's sha256 and a hash of the parser's own source, an audit by the
parse's key, the audit's sources and a digest of what it reads — so a change to the code never
serves a stale result, with no version number to forget. Files are written atomically: a reader in
another process never sees half a file.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from . import catalog

# What a parse depends on (paths below lib/juesuan; a folder means its .py and .csv files).
PARSER_SOURCES = ("readers", "layouts", "locate.py", "tables.py", "numbers.py", "document.py", "catalog.py",
                  "cache.py", "errors.py")
# The audit also depends on the narrative reader, the rules and the classification tables.
AUDIT_SOURCES = PARSER_SOURCES + ("narrative", "checks", "classification")


def parser_version() -> str:
    return source_version(PARSER_SOURCES)


def audit_version() -> str:
    return source_version(AUDIT_SOURCES)


def source_version(names: tuple[str, ...]) -> str:
    """A short hash of the named modules' source (and a folder's CSV reference data)."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in names:
        target = here / name
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            digest.update(path.read_bytes())
        if target.is_dir():
            for path in sorted(target.glob("*.csv")):
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cache_dir() -> Path:
    """`$JUESUAN_CACHE`, else data/processed/ of the checkout."""
    return Path(os.environ.get("JUESUAN_CACHE") or catalog.data_dir() / "processed")


def parse_file(sha256: str) -> Path:
    """Where the parse of a file with this sha256 is cached."""
    return cache_dir() / f"{sha256[:24]}-{parser_version()}.pkl"


def audit_file(parse: Path, content: str) -> Path:
    """Where the audit of a cached parse is kept, for the content digest `content` it read."""
    return parse.with_name(f"{parse.stem}-audit-{audit_version()}-{content}.pkl")


def read(target: Path):
    """The object cached at `target`, or None when there is none."""
    if not target.exists():
        return None
    with target.open("rb") as f:
        return pickle.load(f)


def write(obj, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as f:
        pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(target)
