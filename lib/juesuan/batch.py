"""Running the report pages of many documents: each step in a process of its own, `jobs` at once.

For every document a `prepare` step reads it (a document that cannot be read fails alone), then
each notebook runs as a `run` step (`juesuan.pages`), with an outer timeout that ends the step with
its kernel (`juesuan.processes`). `index.html` lists the documents that finished, with their
headline figures and links; it is rewritten as each document finishes.

    reports/index.html
    reports/<doc>/<NN-topic>.html          the page
    reports/<doc>/<NN-topic>.ipynb         the executed notebook
    reports/<doc>/<NN-topic>.json          its key figures (written by the notebook itself)
    reports/<doc>/<NN-topic>.inputs.json   what it was made from, written last (`juesuan.resume`)

A batch resumes: a page whose document, notebook and library are unchanged is kept, the others run
(`force` runs all). SIGINT or SIGTERM stop it: every running step ends with its kernel, temp files
are removed, the index lists what finished, and `BatchStopped` is raised. A step whose batch process
dies (even by SIGKILL) ends itself (`processes.exit_with_parent`). Every file is written atomically.
"""
from __future__ import annotations

import json
import signal
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from . import files, resume
from .errors import ParameterError
from .pages import notebook_paths, notebook_title, run_notebook
from .processes import Steps, Stopped, StopSignals, exit_with_parent, stop_on_signals
from .report import open_document, safe_name
from .resume import PageFiles

NOTEBOOK_TIMEOUT = 600  # seconds one notebook may take in all, start-up and HTML included
PREPARE_TIMEOUT = 300  # seconds to read (parse) one document before its notebooks run


@dataclass
class Page:
    notebook: str  # stem, NN-topic
    title: str
    status: str = "pending"  # ok | failed | skipped
    reason: str = ""
    figures: dict = field(default_factory=dict)
    kept: bool = False  # made by an earlier batch from the same inputs, not run again


@dataclass
class DocumentResult:
    source: str
    slug: str = ""
    doc_id: str = ""
    department: str = ""
    year: int | None = None
    kind: str = ""  # 决算 or 预算
    sha256: str = ""  # of the document, as juesuan.load computes it
    status: str = "pending"  # ok | failed
    reason: str = ""
    pages: list[Page] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed" or any(p.status == "failed" for p in self.pages)


class BatchStopped(Exception):
    """A signal stopped the batch; `results` say what finished (kept, and in the index)."""

    def __init__(self, signum: int, results: list[DocumentResult]):
        super().__init__(signal.Signals(signum).name)
        self.signum, self.signal_name, self.results = signum, signal.Signals(signum).name, results


@dataclass
class _Inputs:
    """What every page of the batch is made from, besides its document."""
    notebooks: list[Path]
    titles: dict[str, str]
    versions: dict[str, str]  # notebook stem → its hash
    library: str
    force: bool


def render_batch(sources: list[str], out_dir: Path, *, jobs: int = 1, notebooks: list[Path] | None = None,
                 timeout: int = NOTEBOOK_TIMEOUT, progress: bool | None = None,
                 force: bool = False) -> list[DocumentResult]:
    """Render every notebook for every source into `out_dir`, `jobs` processes at once, keeping the
    pages made from the same inputs before (unless `force`); write the index. Raises `BatchStopped`
    on SIGINT or SIGTERM, once what ran is ended and what finished is indexed."""
    from tqdm import tqdm

    notebooks = notebooks or notebook_paths()
    out_dir = out_dir.resolve()
    results = [DocumentResult(source=str(s)) for s in sources]
    bar = tqdm(total=len(results) * (1 + len(notebooks)), desc="juesuan report", unit="step", file=sys.stderr,
               disable=(not sys.stderr.isatty()) if progress is None else not progress)
    with stop_on_signals() as signals:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            files.remove_temps(out_dir, "index")  # of a batch process that was killed while writing it
            inputs = _Inputs(notebooks, {nb.stem: notebook_title(nb) for nb in notebooks},
                             {nb.stem: resume.notebook_version(nb) for nb in notebooks}, resume.library_version(),
                             force)
            with Steps() as steps:
                _run_steps(_Books(results, inputs, out_dir, bar), steps, signals, jobs, timeout)
            with signals.deferred():
                write_index(results, out_dir)
        except Stopped as stop:
            _forget_unfinished(results, out_dir)
            write_index(results, out_dir)
            raise BatchStopped(stop.signum, results) from None
        finally:
            bar.close()
    return results


def _run_steps(books: _Books, steps: Steps, signals: StopSignals, jobs: int, timeout: int) -> None:
    """The thread pool: each document's prepare step, then its pages that are not kept. A stop
    comes while it waits for steps, or once the results at hand are booked."""
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        pending: dict[Future, tuple] = {}
        for result in books.results:
            pending[pool.submit(steps.run, _prepare_command(result.source), PREPARE_TIMEOUT)] = (result, None)
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            with signals.deferred():
                for future in done:
                    result, run = pending.pop(future)
                    if run is None:
                        for run in books.prepared(result, *future.result()):
                            page, _, command = run
                            target = page_files(books.out_dir, result, page)
                            pending[pool.submit(_redo, steps, target, command, timeout)] = (result, run)
                    else:
                        books.page_ran(result, run, *future.result())
    finally:  # normally nothing is left; on a stop or an error, nothing may outlive the batch
        pool.shutdown(wait=False, cancel_futures=True)  # queued steps never start
        steps.stop()  # running ones end, with their kernels
        pool.shutdown(wait=True)


@dataclass
class _Books:
    """What a batch knows of its documents and pages as their steps end, whatever runs the steps:
    each result booked whole (status, stamp, progress, index)."""
    results: list[DocumentResult]
    inputs: _Inputs
    out_dir: Path
    bar: object  # tqdm
    used_slugs: set[str] = field(default_factory=set)

    def prepared(self, result: DocumentResult, code: int, out: str, err: str) -> list[tuple[Page, dict, list[str]]]:
        """A prepare step ended: the pages to run, (page, its inputs, its command) each; the others kept."""
        from tqdm import tqdm

        self.bar.update(1)
        _prepared(result, code, out, err, self.used_slugs)
        if result.status == "failed":
            self.bar.update(len(self.inputs.notebooks))
            tqdm.write(f"✗ {result.source}: {result.reason}", file=sys.stderr)
            write_index(self.results, self.out_dir)
            return []
        runs = []
        for nb in self.inputs.notebooks:
            page = Page(nb.stem, self.inputs.titles[nb.stem])
            result.pages.append(page)
            stamp = resume.page_inputs(result.sha256, result.doc_id, self.inputs.versions[nb.stem], self.inputs.library)
            target = page_files(self.out_dir, result, page)
            if not self.inputs.force and resume.is_current(target, stamp):
                page.status, page.kept, page.figures = "ok", True, _read_figures(target.figures)
                self.bar.update(1)
            else:
                runs.append((page, stamp, _notebook_command(nb, result, page, self.out_dir)))
        self._maybe_finished(result)
        return runs

    def page_ran(self, result: DocumentResult, run: tuple, code: int, out: str, err: str) -> None:
        """A page's run step ended: its status, and its stamp when it succeeded."""
        page, stamp, _ = run
        self.bar.update(1)
        target = page_files(self.out_dir, result, page)
        page.status, page.reason = ("ok", "") if code == 0 else ("failed", _last_line(err, code))
        page.figures = _read_figures(target.figures)
        if page.status == "ok":
            resume.record(target, stamp)
        self._maybe_finished(result)

    def _maybe_finished(self, result: DocumentResult) -> None:
        from tqdm import tqdm

        if any(p.status == "pending" for p in result.pages):
            return
        result.status = "failed" if result.failed else "ok"
        failed = [p for p in result.pages if p.status == "failed"]
        tail = f" ({len(failed)} of {len(result.pages)} notebooks failed)" if failed else ""
        tqdm.write(f"{'✗' if failed else '✓'} {result.doc_id}{tail}", file=sys.stderr)
        write_index(self.results, self.out_dir)


def page_files(out_dir: Path, result: DocumentResult, page: Page) -> PageFiles:
    return PageFiles(out_dir / result.slug, page.notebook)


def _forget_unfinished(results: list[DocumentResult], out_dir: Path) -> None:
    """After a stop, once every writer is gone: what the unfinished pages had begun goes (an
    executed notebook without its page, temp files), so only finished pages are left. A page that
    has its stamp still (one not reached under `force`) is kept."""
    for result in results:
        for page in result.pages:
            target = page_files(out_dir, result, page)
            if page.status == "pending" and not target.stamp.exists():
                resume.forget(target)
        if result.slug and (out_dir / result.slug).is_dir():
            files.remove_temps(out_dir / result.slug)


def _redo(steps: Steps, target: PageFiles, command: list[str], timeout: int) -> tuple[int, str, str]:
    """A page's run step, its old files removed first (the stamp before all)."""
    resume.forget(target)
    return steps.run(command, timeout)


def write_index(results: list[DocumentResult], out_dir: Path) -> Path:
    """index.html: one row per document that finished (`juesuan.present.index_page`), atomically."""
    from .present import index_page

    finished = [r for r in results if r.status != "pending"]
    text = index_page(finished, lambda slug, nb: (out_dir / slug / f"{nb}.html").exists(),
                      unfinished=len(results) - len(finished))
    return files.write_atomic(out_dir / "index.html", text)


def _last_line(stderr: str, code: int) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1] if lines else f"exited with code {code}"


def _prepared(result: DocumentResult, code: int, out: str, err: str, used: set[str]) -> None:
    if code != 0:
        result.status, result.reason = "failed", _last_line(err, code)
        result.slug = safe_name(Path(result.source).stem)
        return
    info = json.loads(out.strip().splitlines()[-1])
    result.doc_id, result.department, result.year = info["doc_id"], info["department"] or "", info["year"]
    result.kind = info.get("kind") or ""
    result.sha256 = info["sha256"]
    slug = safe_name(result.doc_id)
    n = 2
    while slug in used:  # the same document twice, or two names that clean to one
        slug = f"{safe_name(result.doc_id)}-{n}"
        n += 1
    used.add(slug)
    result.slug = slug


def _prepare_command(source: str) -> list[str]:
    return [sys.executable, "-m", "juesuan.batch", "prepare", source]


def _notebook_command(nb: Path, result: DocumentResult, page: Page, out_dir: Path) -> list[str]:
    directory = out_dir / result.slug
    directory.mkdir(parents=True, exist_ok=True)
    parameters = {"doc": str(Path(result.source).resolve()) if Path(result.source).exists() else result.source,
                  "out_dir": str(directory)}
    title = f"{result.department or result.doc_id} {result.year or ''} · {page.title}"
    return [sys.executable, "-m", "juesuan.batch", "run", str(nb), str(directory / f"{nb.stem}.ipynb"),
            str(directory / f"{nb.stem}.html"), json.dumps(parameters, ensure_ascii=False), title]


def _read_figures(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("figures", {})
    except (OSError, ValueError):
        return {}


# --- one step, in a process of its own ------------------------------------------------------------------

def _worker(argv: list[str]) -> int:
    """`python -m juesuan.batch prepare SOURCE` / `… run NOTEBOOK OUTPUT PAGE PARAMS_JSON TITLE`:
    one step of the batch in a process of its own, so that a timeout or a stop can end it, and that
    ends itself when the batch process is gone. Failure: the last line on stderr is the reason."""
    try:
        if argv[0] == "prepare":
            exit_with_parent()
            document = open_document(argv[1])
            meta = document.meta
            print(json.dumps({"doc_id": document.doc_id, "department": meta.get("department"), "year": meta.get("year"),
                              "kind": meta.get("kind"), "layout": meta.get("layout"), "sha256": meta["sha256"]},
                             ensure_ascii=False))
        else:
            notebook, output, page, parameters, title = argv[1:6]
            output = Path(output)
            # The batch is gone before it recorded this page: what the page had begun goes.
            exit_with_parent(lambda: resume.forget(PageFiles(output.parent, output.stem)))
            run_notebook(Path(notebook), output, Path(page), json.loads(parameters), title)
        return 0
    except Exception as exc:  # the reason, in one line, for the index
        print(_one_line(exc), file=sys.stderr)
        return 1


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, ParameterError):
        return " ".join(str(exc).split())[:500]
    name = getattr(exc, "ename", None) or type(exc).__name__
    value = getattr(exc, "evalue", None) or str(exc)
    text = f"{name}: {value}" if name not in str(value) else str(value)
    return " ".join(text.split())[:500]


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1:]))
