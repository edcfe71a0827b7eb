"""Running the report pages of many documents: `jobs` worker processes at once, each with a warm kernel.

For every document a `prepare` step reads it (a document that cannot be read fails alone), then
each document notebook runs as a `run` step (`juesuan.pages`) on a free worker (`juesuan.workers`,
which keeps one kernel for all its pages), with an outer timeout that ends the worker with its
kernel (`juesuan.processes`). Collection notebooks run once every document has been
prepared (their parses are cached by then): a trends page set per department with more than one
year, a peers page set per year and kind with more than one department (`collections_of`).

    reports/index.html                     every page set rendered into this folder, by department and year
    reports/index.json                     the rows index.html is made from, kept across batches
    reports/<doc>/<NN-topic>.html          the page
    reports/<doc>/<NN-topic>.ipynb         the executed notebook
    reports/<doc>/<NN-topic>.json          its key figures (written by the notebook itself)
    reports/<doc>/<NN-topic>.inputs.json   what it was made from, written last (`juesuan.resume`)
    reports/trends/<department>/06-trends.html, reports/peers/<year>-<kind>/07-peers.html   likewise

The index is rewritten as each page set finishes, from the batch's results and the rows earlier
batches left in index.json (a row whose pages were deleted drops out). A batch resumes: a page
whose documents, notebook and library are unchanged is kept, the others run (`force` runs all).
SIGINT or SIGTERM stop it: every running step ends with its kernel, temp files are removed, the
index lists what finished, and `BatchStopped` is raised. A step whose batch process dies (even by
SIGKILL) ends itself (`processes.exit_with_parent`). Every file is written atomically.
"""
from __future__ import annotations

import json
import re
import signal
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field, fields
from functools import partial
from typing import Callable
from pathlib import Path

from . import catalog, files, resume
from .pages import notebook_kind, notebook_paths, notebook_title
from .processes import Stopped, StopSignals, stop_on_signals
from .report import collection_slug, safe_name, select_collection, whole_departments
from .resume import PageFiles
from .workers import Workers

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
    department_id: str = ""  # what the index groups by (juesuan.departments)
    year: int | None = None
    kind: str = ""  # 决算 or 预算
    sha256: str = ""  # of the document, as juesuan.load computes it
    source_file: str = ""  # the name of the file read (no folder), for the pages' header
    status: str = "pending"  # ok | failed
    reason: str = ""
    pages: list[Page] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed" or any(p.status == "failed" for p in self.pages)

    @property
    def name(self) -> str:
        return self.doc_id or self.source


@dataclass
class CollectionResult:
    """The pages of one catalog selection: a department's years (`trends`) or one year's
    departments of one kind (`peers`), run by the notebooks of that kind."""
    scope: str  # trends | peers (pages.notebook_kind)
    slug: str  # trends/<department>, peers/<year>-<kind> (report.collection_slug)
    parameters: dict  # the notebooks' parameters, out_dir aside
    documents: dict[str, str]  # doc_id → its sha256 as catalogued
    department: str = ""  # trends: the department as it last printed its name
    department_id: str = ""
    years: list[int] = field(default_factory=list)
    kind: str = ""  # 决算 or 预算, or both (决算、预算) in a department's years
    status: str = "pending"  # ok | failed
    reason: str = ""
    pages: list[Page] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed" or any(p.status == "failed" for p in self.pages)

    @property
    def name(self) -> str:
        return self.slug


def collections_of(catalog_path: Path) -> list[CollectionResult]:
    """The collection page sets of a catalog: one per department with more than one year on
    record, one per year and kind with more than one department."""
    entries = whole_departments(catalog.entries(catalog_path))
    found = []
    for department_id in sorted({e.department_id for e in entries}):
        if len({e.year for e in entries if e.department_id == department_id}) > 1:
            found.append(_collection("trends", {"catalog": str(catalog_path), "department": department_id, "years": ""}))
    for year, kind in sorted({(e.year, e.kind) for e in entries}):
        if len({e.department_id for e in entries if (e.year, e.kind) == (year, kind)}) > 1:
            found.append(_collection("peers", {"catalog": str(catalog_path), "year": year, "region": "", "kind": kind}))
    return found


def _collection(scope: str, parameters: dict) -> CollectionResult:
    """The page set of the selection the parameters choose, as the notebook will choose it."""
    chosen = select_collection(**parameters)
    entries = chosen.entries
    return CollectionResult(scope, collection_slug(chosen), parameters, {e.doc_id: e.sha256 for e in entries},
                            department=entries[-1].department if scope == "trends" else "",
                            department_id=chosen.department_ids[0] if scope == "trends" else "",
                            years=chosen.years, kind="、".join(sorted({e.kind for e in entries})))


class BatchStopped(Exception):
    """A signal stopped the batch; `results` say what finished (kept, and in the index)."""

    def __init__(self, signum: int, results: list[DocumentResult]):
        super().__init__(signal.Signals(signum).name)
        self.signum, self.signal_name, self.results = signum, signal.Signals(signum).name, results


@dataclass
class _Inputs:
    """What every page of the batch is made from, besides its documents."""
    notebooks: dict[str, list[Path]]  # kind (document, trends, peers) → its notebooks
    titles: dict[str, str]
    versions: dict[str, str]  # notebook stem → its hash
    library: str
    force: bool


def render_batch(sources: list[str], out_dir: Path, *, jobs: int = 1, notebooks: list[Path] | None = None,
                 timeout: int = NOTEBOOK_TIMEOUT, progress: bool | None = None, force: bool = False,
                 collections: list[CollectionResult] | None = None,
                 runner: Callable | None = None) -> list[DocumentResult | CollectionResult]:
    """Render every document notebook for every source and every collection notebook for each of
    `collections` into `out_dir`, keeping the pages made from the same inputs before (unless
    `force`); write the index. The steps run on `jobs` worker processes of this machine, or as
    `runner(books, signals, jobs, timeout)` runs them (`juesuan.daskpool.render_on_dask`: on a Dask
    cluster). Returns the documents' results, then the collections'. Raises `BatchStopped` on
    SIGINT or SIGTERM, once what ran is ended and what finished is indexed."""
    from tqdm import tqdm

    notebooks = notebooks or notebook_paths()
    by_kind: dict[str, list[Path]] = {"document": [], "trends": [], "peers": []}
    for nb in notebooks:
        by_kind[notebook_kind(nb)].append(nb)
    out_dir = out_dir.resolve()
    results = [DocumentResult(source=str(s)) for s in sources]
    collections = [c for c in collections or [] if by_kind[c.scope]]
    steps_total = len(results) * (1 + len(by_kind["document"])) + sum(len(by_kind[c.scope]) for c in collections)
    bar = tqdm(total=steps_total, desc="juesuan report", unit="step", file=sys.stderr,
               disable=(not sys.stderr.isatty()) if progress is None else not progress)
    with stop_on_signals() as signals:
        books = None
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            files.remove_temps(out_dir, "index")  # of a batch process that was killed while writing it
            inputs = _Inputs(by_kind, {nb.stem: notebook_title(nb) for nb in notebooks},
                             {nb.stem: resume.notebook_version(nb) for nb in notebooks}, resume.library_version(),
                             force)
            books = _Books(results, collections, inputs, out_dir, bar, read_index(out_dir))
            (runner or run_locally)(books, signals, jobs, timeout)
            with signals.deferred():
                books.index()
        except Stopped as stop:
            _forget_unfinished(results + collections, out_dir)
            if books:
                books.index()
            else:  # stopped before the batch began: the index as it was, the documents counted
                write_index(results + collections, out_dir)
            raise BatchStopped(stop.signum, results + collections) from None
        finally:
            bar.close()
    return results + collections


def run_locally(books: _Books, signals: StopSignals, jobs: int, timeout: int) -> None:
    """The local pool: `jobs` worker processes (`juesuan.workers`) take the steps."""
    with Workers(jobs) as workers:
        _run_steps(books, workers, signals, jobs, timeout)


def _run_steps(books: _Books, workers: Workers, signals: StopSignals, jobs: int, timeout: int) -> None:
    """The thread pool: each document's prepare step, then its pages that are not kept; once every
    document is prepared, the collections' pages that are not kept. A stop comes while it waits
    for steps, or once the results at hand are booked."""
    pool = ThreadPoolExecutor(max_workers=jobs)

    def submit(result, runs):
        for run in runs:
            page, _, request = run
            target = page_files(books.out_dir, result, page)
            pending[pool.submit(_redo, workers, target, request, timeout)] = (result, run)

    try:
        pending: dict[Future, tuple] = {}
        for result in books.results:
            pending[pool.submit(workers.run, {"step": "prepare", "source": result.source}, PREPARE_TIMEOUT)] = (result, None)
        unprepared = len(books.results)
        for result, runs in (books.collection_runs() if not unprepared else []):
            submit(result, runs)
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            with signals.deferred():
                for future in done:
                    result, run = pending.pop(future)
                    if run is None:
                        submit(result, books.prepared(result, *future.result()))
                        unprepared -= 1
                        for collection, runs in (books.collection_runs() if not unprepared else []):
                            submit(collection, runs)
                    else:
                        books.page_ran(result, run, *future.result())
    finally:  # normally nothing is left; on a stop or an error, nothing may outlive the batch
        pool.shutdown(wait=False, cancel_futures=True)  # queued steps never start
        workers.stop()  # running ones end, with their kernels
        pool.shutdown(wait=True)


@dataclass
class _Books:
    """What a batch knows of its documents, collections and pages as their steps end, whatever
    runs the steps: each result booked whole (status, stamp, progress, index)."""
    results: list[DocumentResult]
    collections: list[CollectionResult]
    inputs: _Inputs
    out_dir: Path
    bar: object  # tqdm
    earlier: list  # the index's rows from earlier batches (read_index)
    used_slugs: set[str] = field(default_factory=set)

    def index(self) -> None:
        write_index(self.results + self.collections, self.out_dir, self.earlier)

    def prepared(self, result: DocumentResult, code: int, out: str, err: str) -> list[tuple[Page, dict, list[str]]]:
        """A prepare step ended: the pages to run, (page, its inputs, its command) each; the others kept."""
        from tqdm import tqdm

        self.bar.update(1)
        _prepared(result, code, out, err, self.used_slugs)
        if result.status == "failed":
            self.bar.update(len(self.inputs.notebooks["document"]))
            tqdm.write(f"✗ {result.source}: {result.reason}", file=sys.stderr)
            self.index()
            return []
        title, identity = document_heading(result)
        return self._runs(result, "document", document_parameters(result), self.stamp_of(result), title, identity)

    def stamp_of(self, result: DocumentResult):
        """notebook version → the inputs of the document's page made by that notebook."""
        return partial(resume.page_inputs, result.sha256, result.doc_id, library=self.inputs.library)

    def collection_runs(self) -> list[tuple[CollectionResult, list]]:
        """Once every document is prepared: each collection's pages to run; the others kept. A
        document's sha256 is the one its prepare step read, else the catalog's."""
        read = {r.doc_id: r.sha256 for r in self.results if r.doc_id}
        found = []
        for result in self.collections:
            documents = {doc_id: read.get(doc_id, sha) for doc_id, sha in result.documents.items()}
            years = f"{result.years[0]}–{result.years[-1]}" if len(result.years) > 1 else str(result.years[0])
            title = f"{result.department} {years}" if result.scope == "trends" else f"{years}年{result.kind}"
            stamp_of = partial(resume.collection_inputs, documents, result.parameters, library=self.inputs.library)
            scope = "跨年度趋势" if result.scope == "trends" else "同年度部门比较"
            identity = [(scope, result.department or f"{years}年各部门"), ("年度", years), ("类型", result.kind),
                        ("文件", f"{len(result.documents)} 个")]
            found.append((result, self._runs(result, result.scope, result.parameters, stamp_of, title, identity)))
        return found

    def _runs(self, result, kind: str, parameters: dict, stamp_of, title: str,
              identity: list) -> list[tuple[Page, dict, list[str]]]:
        """The pages of one result by the notebooks of its kind: (page, its inputs, its command)
        for each to run; the others kept. `identity` heads every page (`page_shell`)."""
        runs = []
        notebooks = self.inputs.notebooks[kind]
        for nb in notebooks:
            page = Page(nb.stem, self.inputs.titles[nb.stem])
            result.pages.append(page)
            stamp = stamp_of(self.inputs.versions[nb.stem])
            target = page_files(self.out_dir, result, page)
            if not self.inputs.force and resume.is_current(target, stamp):
                page.status, page.kept, page.figures = "ok", True, _read_figures(target.figures)
                self.bar.update(1)
            else:
                runs.append((page, stamp, page_request(result.slug, notebooks, nb, self.inputs.titles, title, identity,
                                                       parameters, target)))
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
        tqdm.write(f"{'✗' if failed else '✓'} {result.name}{tail}", file=sys.stderr)
        self.index()


def document_heading(result: DocumentResult) -> tuple[str, list]:
    """A document's pages' title and what their header names (`page_shell`'s identity)."""
    title = f"{result.department or result.doc_id} {result.year or ''}"
    identity = [("部门", result.department or result.doc_id), ("年度", result.year), ("类型", result.kind),
                ("文件", result.source_file or Path(result.source).name)]
    return title, identity


def document_parameters(result: DocumentResult) -> dict:
    source = str(Path(result.source).resolve()) if Path(result.source).exists() else result.source
    return {"doc": source}


def page_request(slug: str, notebooks: list[Path], notebook: Path, titles: dict[str, str], title: str, identity: list,
                 parameters: dict, target: PageFiles) -> dict:
    """The `run` step of one page (`juesuan.workers`): the notebook, where its files go, its
    parameters (out_dir: the page's folder), its title and header."""
    target.directory.mkdir(parents=True, exist_ok=True)
    shell = page_shell(slug, notebooks, notebook, titles, identity)
    return {"step": "run", "notebook": str(notebook), "output": str(target.executed), "page": str(target.html),
            "parameters": {**parameters, "out_dir": str(target.directory)},
            "title": f"{title} · {titles.get(notebook.stem, notebook.stem)}", "shell": shell}


def page_shell(slug: str, notebooks: list[Path], notebook: Path, titles: dict[str, str], identity: list) -> dict:
    """What the header of one page shows (`pages.page_header`): the index (out_dir/index.html,
    relative to the page in out_dir/<slug>/), the previous and next of the result's pages in
    notebook order, and `identity`."""
    from urllib.parse import quote

    stems = [nb.stem for nb in notebooks]
    at = stems.index(notebook.stem)
    near = {"prev": stems[at - 1] if at > 0 else None, "next": stems[at + 1] if at + 1 < len(stems) else None}
    return {"index": "../" * (slug.count("/") + 1) + "index.html",
            **{rel: {"href": f"{quote(stem)}.html", "title": titles.get(stem, stem)} for rel, stem in near.items() if stem},
            "identity": [[label, "" if text is None else str(text)] for label, text in identity]}


def page_files(out_dir: Path, result: DocumentResult | CollectionResult, page: Page) -> PageFiles:
    return PageFiles(out_dir / result.slug, page.notebook)


def _forget_unfinished(results: list[DocumentResult | CollectionResult], out_dir: Path) -> None:
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


def _redo(workers: Workers, target: PageFiles, request: dict, timeout: int) -> tuple[int, str, str]:
    """A page's run step, its old files removed first (the stamp before all)."""
    resume.forget(target)
    return workers.run(request, timeout)


INDEX_RECORDS = "index.json"
INDEX_FORMAT = 1


def write_index(results: list[DocumentResult | CollectionResult], out_dir: Path, earlier: list | None = None) -> Path:
    """index.html (`juesuan.present.index_page`) and index.json, atomically: the results that
    finished, and the rows of earlier batches (default: read from index.json) that they do not
    replace and whose pages are still there."""
    from .present import index_page

    earlier = read_index(out_dir) if earlier is None else earlier
    finished = [r for r in results if r.status != "pending"]
    replaced = {r.slug for r in finished}
    kept = [r for r in (_still_there(r, out_dir) for r in earlier if r.slug not in replaced) if r is not None]
    rows = finished + kept
    records = [{"type": "collection" if isinstance(r, CollectionResult) else "document", **asdict(r)} for r in rows]
    files.write_atomic(out_dir / INDEX_RECORDS, json.dumps({"format": INDEX_FORMAT, "rows": records},
                                                           ensure_ascii=False, indent=1) + "\n")
    text = index_page(rows, lambda slug, nb: (out_dir / slug / f"{nb}.html").exists(),
                      unfinished=len(results) - len(finished))
    return files.write_atomic(out_dir / "index.html", text)


def read_index(out_dir: Path) -> list[DocumentResult | CollectionResult]:
    """The rows an earlier batch left in index.json; none when it is missing or unreadable."""
    try:
        payload = json.loads((out_dir / INDEX_RECORDS).read_text(encoding="utf-8"))
        if payload.get("format") != INDEX_FORMAT:
            return []
        return [_from_record(record) for record in payload["rows"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def _from_record(record: dict) -> DocumentResult | CollectionResult:
    kind = CollectionResult if record.get("type") == "collection" else DocumentResult
    names = {f.name for f in fields(kind)}
    pages = [Page(**{k: v for k, v in p.items() if k in {f.name for f in fields(Page)}}) for p in record.get("pages", [])]
    return kind(**{k: v for k, v in record.items() if k in names and k != "pages"}, pages=pages)


def _still_there(result, out_dir: Path):
    """An earlier row with the pages whose files are still there; None when no page is."""
    pages = [p for p in result.pages if (out_dir / result.slug / f"{p.notebook}.html").is_file()]
    if not pages:
        return None
    result.pages = pages
    return result


def _last_line(stderr: str, code: int, default: str = "运行出错") -> str:
    """A failed step's reason, as the index shows it: its last line on stderr, in Chinese first."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return reason_words(lines[-1] if lines else f"exited with code {code}", default)


# The reasons a step fails with in English (workers.Workers: timeout, exit, stop), said in Chinese first.
REASON_WORDS = ((re.compile(r"timed out after (\S+) s"), "超时：运行超过 {0} 秒"),
                (re.compile(r"exited with code (-?\d+)"), "运行失败，退出码 {0}"),
                (re.compile(r"stopped"), "已中止"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def reason_words(line: str, default: str = "运行出错") -> str:
    """A reason in Chinese first ("中文 (English)"): a reason already in Chinese (a ParameterError says
    both) stays; a known English one is said in Chinese; any other is `default`'s: an error in the
    notebook, or for a prepare step the document that could not be read (无法读取)."""
    if CJK.search(line):
        return line
    for pattern, words in REASON_WORDS:
        found = pattern.fullmatch(line.strip())
        if found:
            return f"{words.format(*found.groups())} ({line.strip()})"
    return f"{default} ({line.strip()})"


def _prepared(result: DocumentResult, code: int, out: str, err: str, used: set[str]) -> None:
    """What a prepare step found (`workers.prepare`), or why it failed, into the result; its slug
    unless the batch gave it one before (`daskpool`: the pages' folder is known before the read)."""
    if code != 0:
        result.status, result.reason = "failed", _last_line(err, code, "无法读取")
        result.slug = result.slug or safe_name(Path(result.source).stem)
        return
    info = json.loads(out.strip().splitlines()[-1])
    result.doc_id, result.department, result.year = info["doc_id"], info["department"] or "", info["year"]
    result.department_id = info.get("department_id") or ""
    result.kind = info.get("kind") or ""
    result.sha256 = info["sha256"]
    result.source_file = info.get("source_file") or ""
    result.slug = result.slug or claim_slug(result.doc_id, used)


def claim_slug(doc_id: str, used: set[str]) -> str:
    """The folder of a document's pages: its doc_id made safe, numbered when taken (the same
    document twice, or two names that clean to one)."""
    slug, n = safe_name(doc_id), 2
    while slug in used:
        slug = f"{safe_name(doc_id)}-{n}"
        n += 1
    used.add(slug)
    return slug


def _read_figures(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("figures", {})
    except (OSError, ValueError):
        return {}
