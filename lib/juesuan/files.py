"""Files that are whole or absent: written to a temp file in the same folder, then renamed.

    files.write_atomic(target, text)        # a reader sees the old file or the new one, never half
    with files.replacing(target) as tmp:    # a writer that wants a path (papermill, nbconvert)
        write(tmp)
    files.remove_temps(folder, "01-overview")   # what a killed writer left behind

A temp file is named `.<stem>.<token>.tmp<suffix>`: hidden, marked as unfinished, and keeping the
suffix that tools check (papermill warns on an output that does not end in .ipynb). `os.replace`
within one folder is atomic on POSIX and Windows, so no file that looks complete is not.
"""
from __future__ import annotations

import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

TEMP_MARK = ".tmp"


def temp_path(target: Path) -> Path:
    """A fresh temp name beside `target` (unique per call, so threads and processes never share one)."""
    return target.with_name(f".{target.stem}.{secrets.token_hex(4)}{TEMP_MARK}{target.suffix}")


def is_temp(path: Path) -> bool:
    return path.name.startswith(".") and TEMP_MARK in path.suffixes


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temp path to write; renamed to `target` when the block ends normally, removed otherwise."""
    tmp = temp_path(target)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        discard(tmp)


def write_atomic(target: Path, data: str | bytes) -> Path:
    """Write `data` (text as UTF-8) to `target` through a temp file; returns `target`."""
    with replacing(target) as tmp:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)
    return target


def remove_temps(folder: Path, stem: str = "*") -> None:
    """Remove the temp files in `folder` (of targets named `stem`, `stem`.…, or all): a writer that
    was killed cannot remove its own. Call it only when no writer of them still runs."""
    for path in folder.glob(f".{stem}.*{TEMP_MARK}*"):
        if is_temp(path):
            discard(path)


def discard(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
