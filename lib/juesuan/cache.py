"""The parse and audit caches: where they live, how they are keyed, reading and writing them.

A parse is keyed by the file's sha256 and a hash of the parser's own source, an audit by the
parse's key, the audit's sources and a digest of what it reads — so a change to the code never
serves a stale result, with no version number to forget.

Entries are data, never code: JSON holding the format version, the key it was written under, and
frames as columns, dtypes and rows (exact decimals as strings). A file that does not parse, is of
another format version or names another key is ignored (and rewritten); old pickles are removed
unread. Writes are atomic (a temp file, then rename); a cache folder that cannot be written costs
one warning and the result is still returned.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd

from . import catalog, files

FORMAT = 1  # bump when the layout of an entry changes
# What a parse depends on (paths below lib/juesuan; a folder means its .py and .csv files).
PARSER_SOURCES = ("readers", "layouts", "locate.py", "tables.py", "numbers.py", "document.py", "catalog.py",
                  "cache.py", "errors.py", "identity.py")
# The audit also depends on the narrative reader, the rules and the classification tables.
AUDIT_SOURCES = PARSER_SOURCES + ("narrative", "checks", "classification")
_warned: set[str] = set()  # folders already warned about
_swept: set[str] = set()  # folders already rid of old pickles


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
    return cache_dir() / f"{sha256[:24]}-{parser_version()}.json"


def audit_file(parse: Path, content: str) -> Path:
    """Where the audit of a cached parse is kept, for the content digest `content` it read."""
    return parse.with_name(f"{parse.stem}-audit-{audit_version()}-{content}.json")


def read(target: Path) -> dict | None:
    """The entry cached at `target` (its fields, frames as DataFrames), or None when there is none
    that can be trusted: missing, unreadable, of another format, or written under another key."""
    _remove_pickles(target.parent)
    try:
        entry = json.loads(target.read_text(encoding="utf-8"))
        if entry.get("format") != FORMAT or entry.get("key") != target.stem:
            raise ValueError("another format or key")
        return decode_fields(entry["fields"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        files.discard(target)  # damaged or planted: ignored, and rewritten by the caller
        return None


def write(fields: dict, target: Path) -> None:
    """Cache `fields` (JSON values, DataFrames, Decimals) at `target`, atomically."""
    entry = {"format": FORMAT, "key": target.stem, "fields": encode_fields(fields)}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        files.write_atomic(target, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    except OSError as error:
        folder = str(target.parent)
        if folder not in _warned:  # once per folder, not once per document
            _warned.add(folder)
            print(f"juesuan: warning: cannot write the cache in {folder} ({error.strerror or error}); "
                  "results are computed but not kept (set JUESUAN_CACHE to a writable folder)", file=sys.stderr)


# --- values as JSON ---------------------------------------------------------------------------------

def encode_fields(fields: dict) -> dict:
    """Fields (JSON values, DataFrames, Decimals) as plain JSON values; `decode_fields` inverts it."""
    return {name: _encode(value) for name, value in fields.items()}


def decode_fields(encoded: dict) -> dict:
    return {name: _decode(value) for name, value in encoded.items()}


def _encode(value):
    if isinstance(value, pd.DataFrame):
        return {"$frame": {"columns": list(value.columns), "dtypes": [str(t) for t in value.dtypes],
                           "rows": [[_encode(v) for v in row] for row in value.itertuples(index=False)]}}
    if isinstance(value, Decimal):
        return {"$decimal": format(value, "f") if value.is_finite() else str(value)}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _decode(value):
    if isinstance(value, dict):
        if "$decimal" in value:
            return Decimal(value["$decimal"])
        if "$frame" in value:
            spec = value["$frame"]
            rows = [[_decode(v) for v in row] for row in spec["rows"]]
            frame = pd.DataFrame(rows, columns=spec["columns"], dtype=object)
            return frame.astype(dict(zip(spec["columns"], spec["dtypes"])))
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _remove_pickles(folder: Path) -> None:
    """Entries of the old pickle cache could run code when loaded: removed, never read (once per
    folder and process)."""
    if str(folder) in _swept:
        return
    _swept.add(str(folder))
    for old in folder.glob("*.pkl"):
        files.discard(old)
