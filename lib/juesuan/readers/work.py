"""The work one document costs while it is read, counted against `juesuan.limits`.

`reading(path)` opens a tally for the current thread; the readers (and the hooks of
`readers.pdfstack` deep inside the PDF stack) add to it with `add` and `set_page`. Outside a
tally nothing is counted. `peaks` keeps the largest values seen, which is how the defaults were
measured on the corpus.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

from ..limits import Limits, check, current

# per document: these add up; per page: they start again with every page
DOCUMENT = ("inflated_mb", "cells")
PAGE = ("page_stream_mb", "page_chars", "page_paths")
WHAT = {
    "inflated_mb": "decoded or unpacked data", "cells": "table cells", "page_stream_mb": "decoded streams on page {page}",
    "page_chars": "characters on page {page}", "page_paths": "lines and shapes drawn on page {page}",
}
MEGABYTE = float(2**20)
_local = threading.local()
peaks: dict[str, float] = {}


class Tally:
    def __init__(self, path: Path, limits: Limits):
        self.name, self.limits = path.name, limits
        self.counts = {name: 0.0 if name.endswith("_mb") else 0 for name in DOCUMENT + PAGE}
        self.page = 0

    def add(self, name: str, amount: float) -> None:
        value = self.counts[name] + (amount / MEGABYTE if name.endswith("_mb") else int(amount))
        self.counts[name] = value
        if value > peaks.get(name, 0):
            peaks[name] = value
        check(self.limits, name, value, f"{self.name}: {WHAT[name].format(page=self.page)}")

    def room(self, name: str) -> int | None:
        """Bytes still allowed under a megabyte limit (None: no limit), for a decoder to stop at."""
        limit = getattr(self.limits, name)
        return None if not limit else max(0, int((limit - self.counts[name]) * MEGABYTE) + 1)

    def set_page(self, number: int) -> None:
        self.page = number
        for name in PAGE:
            self.counts[name] = 0.0 if name.endswith("_mb") else 0


@contextmanager
def reading(path: Path, limits: Limits | None = None):
    """Count the work of reading `path` (nested calls keep the outer tally)."""
    outer = getattr(_local, "tally", None)
    if outer is not None:
        yield outer
        return
    _local.tally = Tally(path, limits or current())
    try:
        yield _local.tally
    finally:
        _local.tally = None


def tally() -> Tally | None:
    return getattr(_local, "tally", None)


def add(name: str, amount: float) -> None:
    found = tally()
    if found is not None:
        found.add(name, amount)


def measure(name: str, value: float, what: str) -> None:
    """A size that is no running sum (a PDF's pages, a page's cells) against its limit."""
    if value > peaks.get(name, 0):
        peaks[name] = value
    found = tally()
    check(found.limits if found else current(), name, value, f"{found.name}: {what}" if found else what)
