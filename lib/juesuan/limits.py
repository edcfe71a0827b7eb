"""How much work one document may cost, counted in work (pages, bytes, characters, cells) so that a
refusal does not depend on the machine's speed; a time and memory ceiling is the last guard.

The defaults hold every real document seen with room to spare: beside each, the largest value
measured on the corpus (`benchmarks/hostile_inputs.py --measure` prints them). Raise one with
`juesuan … --limit NAME=VALUE` or `JUESUAN_LIMITS="NAME=VALUE,…"` (batch steps and notebook
kernels inherit the variable); 0 turns a limit off.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import ReadError, UsageError

ENVIRONMENT = "JUESUAN_LIMITS"


@dataclass(frozen=True)
class Limits:
    file_mb: float = 200  # size of one input file (corpus: 3.5 MB)
    pages: int = 2000  # pages of a PDF (corpus: 48)
    inflated_mb: float = 1024  # decoded streams of a PDF, unpacked parts of a workbook (corpus: 5.3 MB)
    page_stream_mb: float = 64  # decoded streams while one page is read (corpus: 4.2 MB)
    page_chars: int = 30_000  # characters drawn on one page (corpus: 2,515)
    page_paths: int = 30_000  # lines, rectangles and curves drawn on one page (corpus: 1,273)
    page_cells: int = 5_000  # cells the rulings of one page could form (corpus: 640)
    cells: int = 2_000_000  # table cells of a web page, text export or workbook (corpus: 156,290)
    html_span: int = 1000  # colspan / rowspan of one cell, as HTML caps colspan (corpus: 1)
    seconds: float = 300  # wall time of one parse (corpus: 10.4 s)
    memory_gb: float = 4  # address space of the parse's process (corpus: 0.2 GB resident at most)


NAMES = tuple(f.name for f in fields(Limits))
UNITS = {"file_mb": "MB", "inflated_mb": "MB", "page_stream_mb": "MB", "seconds": "s", "memory_gb": "GB"}


def parse(text: str, base: Limits | None = None) -> Limits:
    """`"pages=5000,file_mb=500"` over `base` (the defaults); UsageError naming a bad item."""
    values = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, value = item.partition("=")
        name = name.strip()
        if name not in NAMES:
            raise UsageError(f"unknown limit {name!r}; the limits are {', '.join(NAMES)}")
        try:
            number = float(value)
        except ValueError:
            number = -1
        if not number >= 0 or number == float("inf"):
            raise UsageError(f"limit {name} needs a number ≥ 0 (0 turns it off), not {value.strip()!r}")
        values[name] = int(number) if isinstance(getattr(Limits, name), int) and number.is_integer() else number
    return replace(base or Limits(), **values)


def current() -> Limits:
    """The defaults, with what $JUESUAN_LIMITS sets."""
    return parse(os.environ.get(ENVIRONMENT, ""))


def extend_environment(items: list[str]) -> None:
    """Add `--limit NAME=VALUE` items to $JUESUAN_LIMITS, checked, so that child processes see them too."""
    text = ",".join(filter(None, [os.environ.get(ENVIRONMENT, ""), *items]))
    parse(text)
    os.environ[ENVIRONMENT] = text


class LimitError(ReadError):
    """A document that would cost more work than a limit allows."""

    def __init__(self, name: str, what: str, found: float, limit: float):
        unit = UNITS.get(name, "")
        shown = f"{found:,.1f}" if isinstance(found, float) else f"{found:,}"
        cap = (f"{int(limit):,}" if float(limit).is_integer() else f"{limit:g}") + (f" {unit}" if unit else "")
        super().__init__(f"{what}: {shown}{' ' + unit if unit else ''}, over the limit {name}={cap}; "
                         f"if the file is genuine, raise it with --limit {name}=N (or {ENVIRONMENT}={name}=N)")
        self.name, self.found, self.limit = name, found, limit


def over(limits: Limits, name: str, found: float) -> bool:
    limit = getattr(limits, name)
    return bool(limit) and found > limit


def check(limits: Limits, name: str, found: float, what: str) -> None:
    """LimitError when `found` exceeds the limit `name` (in the limit's unit)."""
    if over(limits, name, found):
        raise LimitError(name, what, found, getattr(limits, name))


def check_file(path: Path, limits: Limits | None = None) -> os.stat_result:
    """Stat before reading: a regular file (not a FIFO, device or socket, which may never end) no
    larger than the file_mb limit."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ReadError(f"no such file: {path}; give a path or a doc_id from data/catalog.csv") from None
    except OSError as error:
        raise ReadError(f"{path}: cannot be read ({error.strerror}); check the file and its permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(f"{path} is a directory; give one document file (PDF, HTML page, text export or workbook)")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"{path.name} is not a regular file (a pipe, device or socket); save the document to a file first")
    check(limits or current(), "file_mb", info.st_size / 2**20, f"{path.name}: its size")
    return info
