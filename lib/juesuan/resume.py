"""Which pages of a batch are kept: a page is redone unless it was made from the inputs it would be
made from now.

    inputs = resume.page_inputs(sha256, doc_id, notebook_version(nb), library_version())
    page = PageFiles(reports / slug, "01-overview")
    if not resume.is_current(page, inputs):
        resume.forget(page)   # the stamp first: from here on the page counts as not done
        ...run it...
        resume.record(page, inputs)   # only once it succeeded, last of its files

A page's inputs are the document (its sha256 as `juesuan.load` computes it: the file's, or for a
document in parts the hash of its parts'), its doc_id (it is printed on the page), the notebook's
bytes, and every file of the library — any module may change a page, so no list of the modules a
page reads can go stale. A collection page (trends, peers) has, instead of one document, the
sha256 of every document of its selection by doc_id, and the parameters that chose them.
The stamp `<NN-topic>.inputs.json` beside the page holds them; the page,
its executed notebook and its key figures are written before it, each atomically. A failed or
unfinished page has no stamp and is always redone. Installed packages (pandas, nbconvert) are not
inputs: after upgrading them, `juesuan report --force`.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from . import files

STAMP_SUFFIX = ".inputs.json"


@dataclass(frozen=True)
class PageFiles:
    """The files of one page of one document: `<directory>/<NN-topic>.html`, `.ipynb`, `.json`, the stamp."""
    directory: Path
    notebook: str  # NN-topic

    @property
    def html(self) -> Path:
        return self.directory / f"{self.notebook}.html"

    @property
    def executed(self) -> Path:
        return self.directory / f"{self.notebook}.ipynb"

    @property
    def figures(self) -> Path:
        return self.directory / f"{self.notebook}.json"

    @property
    def stamp(self) -> Path:
        return self.directory / f"{self.notebook}{STAMP_SUFFIX}"


def library_version() -> str:
    """A hash of every file of the library (code, layouts, reference data, templates) and its path."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in here.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def notebook_version(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def page_inputs(document_sha256: str, doc_id: str, notebook: str, library: str) -> dict:
    return {"document": document_sha256, "doc_id": doc_id, "notebook": notebook, "library": library}


def collection_inputs(documents: dict[str, str], parameters: dict, notebook: str, library: str) -> dict:
    """A collection page's inputs: every document of its selection (doc_id → sha256), the
    parameters that chose them, the notebook, the library."""
    return {"documents": dict(sorted(documents.items())), "parameters": parameters, "notebook": notebook,
            "library": library}


def is_current(page: PageFiles, inputs: dict) -> bool:
    """The page was made from `inputs`, succeeded, and its page and executed notebook are there."""
    try:
        stamped = json.loads(page.stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stamped == inputs and page.html.is_file() and page.executed.is_file()


def forget(page: PageFiles) -> None:
    """Before a page is redone: its stamp goes first, then what it made before (no stale key
    figures for a run that fails early) and the temp files of a run that was killed."""
    for path in (page.stamp, page.html, page.executed, page.figures):
        files.discard(path)
    files.remove_temps(page.directory, page.notebook)


def record(page: PageFiles, inputs: dict) -> None:
    """After a page succeeded: its stamp, the last file it gets."""
    files.write_atomic(page.stamp, json.dumps(inputs, indent=1) + "\n")
