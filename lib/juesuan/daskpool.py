"""The Dask executor of a batch: one task per document (and one per collection page set) on a Dask
distributed cluster, each task run by the same worker process (`juesuan.workers`, a warm kernel)
that the local pool uses.

    juesuan report --all --executor dask --scheduler tcp://scheduler:8786
    juesuan report DOC … --executor dask --jobs 2      # a LocalCluster of 2 workers on this machine

Inputs by path, outputs by value. A task names its document by path (or catalog doc_id), which
every worker must see at the same path — a province's documents, the catalog and the parse cache
live on a shared file system anyway, and a document is read once, by the worker its task went to,
so that its pages need no second parse. The task's pages come back as the bytes of their files,
and the batch process alone writes them into the output folder (atomically, then their stamps),
as the local pool does: a worker that dies or is cut off leaves nothing half-written there, and a
rerun keeps what finished. The notebooks travel with the task (they are small), so that workers
need the package installed, not a checkout.

The batch decides before a task starts which pages are current (`resume`): it fingerprints each
document (its sha256 and doc_id, `document.fingerprint`, without parsing) to name its folder and
find the pages' stamps there, and sends only the notebooks to run.

SIGINT or SIGTERM: the batch sets the batch's stop event, cancels the tasks not started, and indexes
what finished; a task that runs stops before its next page (its worker process and kernel end with
the page at hand). A LocalCluster the batch started is ended at once, workers, worker processes and
kernels; its workers also end themselves when the batch process dies (`EndWithBatch`).
"""
from __future__ import annotations

import atexit
import json
import logging
import os
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from distributed import WorkerPlugin

from . import files, resume
from .batch import (PREPARE_TIMEOUT, DocumentResult, Page, _prepared, claim_slug, document_heading, document_parameters,
                    page_files, page_request, render_batch)
from .cache import cache_dir, parser_version
from .document import fingerprint, load
from .errors import JuesuanError, ReadError, UsageError
from .pages import notebook_title
from .processes import STOPPED, end_children, end_tree
from .resume import PageFiles
from .workers import Workers, one_line

WAIT = 0.5  # seconds between looks at the signals while tasks run
# A LocalCluster's workers: no statistical profiler (it samples the task's thread a hundred times a
# second, for a dashboard nobody opens here).
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False}
EXECUTED_SUFFIXES = (".html", ".ipynb", ".json")  # a page's files, as a task sends them back

# --- in the batch process ----------------------------------------------------------------------------------


@contextmanager
def cluster(scheduler: str | None, jobs: int, library: str | None = None):
    """A client of the cluster at `scheduler`, or of a LocalCluster of `jobs` workers (ended whole
    when the block ends with an error or a stop); the workers must run this library (`library`:
    its hash, when the caller has it already)."""
    import dask
    from distributed import Client, LocalCluster

    local = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        with dask.config.set(LOCAL_CONFIG):
            local = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                                 silence_logs=logging.ERROR)
        client = Client(local)
        client.register_plugin(EndWithBatch(os.getpid()))
    finished = False
    try:
        _same_library(client, library or resume.library_version())
        yield client
        finished = True
    finally:
        if local is not None and not finished:  # ours, stopped: end its workers with what they run, now
            for worker in list(local.workers.values()):
                pid = getattr(getattr(worker, "process", None), "pid", None)
                if pid:
                    end_tree(pid)
        client.close(timeout=5)
        if local is not None:
            local.close(timeout=5)


def _done(pending: dict) -> list:
    """The tasks of `pending` that finished within WAIT seconds (none: look at the signals, wait again)."""
    from distributed import wait

    try:
        return list(wait(list(pending), timeout=WAIT, return_when="FIRST_COMPLETED").done)
    except TimeoutError:
        return []


def render_on_dask(sources: list[str], out_dir: Path, *, scheduler: str | None = None, **options) -> list:
    """`batch.render_batch` with its steps on the Dask cluster at `scheduler`, or on a LocalCluster
    of `jobs` workers; the same options, results and stops."""
    return render_batch(sources, out_dir, runner=partial(run_on_dask, scheduler=scheduler), **options)


def run_on_dask(books, signals, jobs: int, timeout: int, scheduler: str | None = None) -> None:
    """The batch's documents, then its collections, as tasks on the cluster at `scheduler` (or a
    LocalCluster of `jobs` workers); each result booked as its task returns."""
    from distributed import Event

    with cluster(scheduler, jobs, books.inputs.library) as client:
        stop = Event(f"juesuan-stop-{uuid.uuid4().hex}", client=client)
        pending: dict = {}
        try:
            for result in books.results:
                task = document_task_of(books, result, timeout, stop.name)
                if task is not None:
                    pending[client.submit(document_task, task, pure=False)] = result
            collections_sent = False
            while pending or not collections_sent:
                if not pending:
                    collections_sent = True
                    for collection, runs in books.collection_runs():
                        if runs:
                            task = collection_task_of(books, runs, timeout, stop.name)
                            pending[client.submit(collection_task, task, pure=False)] = (collection, runs)
                    continue
                done = _done(pending)
                with signals.deferred():
                    for future in done:
                        _book(books, pending.pop(future), future)
        finally:
            stop.set()
            client.cancel(list(pending))


def read_on_dask(col, scheduler: str | None, jobs: int, progress=None) -> None:
    """Read and audit every document of a collection as one task each on the cluster; their parse and
    audit come back as cache entries, written into this machine's cache, so that the collection then
    reads each document from it (`Collection.reader`). A document that cannot be read is a failure of
    the collection with the worker's reason, and is not read again here."""
    reasons: dict[str, str] = {}
    with cluster(scheduler, jobs) as client:
        pending = {client.submit(read_task, {"paths": [str(p.resolve()) for p in entry.paths], "doc_id": entry.doc_id},
                                 pure=False): entry for entry in col.entries}
        done_count = 0
        while pending:
            for future in _done(pending):
                entry = pending.pop(future)
                done_count += 1
                try:
                    code, _, err, cached = future.result()
                except Exception as exc:
                    code, err, cached = 1, f"Dask: {one_line(exc)}", {}
                if code:
                    reasons[entry.doc_id] = err
                for name, data in cached.items():
                    files.write_atomic(cache_dir() / name, data.decode("utf-8"))
                if progress:
                    progress(f"[{done_count}/{len(col.entries)}] {entry.doc_id}")

    def read(entry):
        if entry.doc_id in reasons:
            raise ReadError(reasons[entry.doc_id])
        return load(entry.paths, doc_id=entry.doc_id)

    col.reader = read


def document_task_of(books, result, timeout: int, stop: str) -> dict | None:
    """The task of one document: which notebooks to run (those whose page is not current). A
    source that names no readable file fails here, alone, as its prepare step would."""
    try:
        paths, _, sha256, doc_id = fingerprint(result.source)
    except JuesuanError as exc:
        books.prepared(result, 1, "", one_line(exc))
        return None
    result.slug, result.sha256, result.doc_id = claim_slug(doc_id, books.used_slugs), sha256, doc_id
    stamp_of = books.stamp_of(result)
    notebooks = books.inputs.notebooks["document"]
    run = [nb.stem for nb in notebooks
           if books.inputs.force or not resume.is_current(page_files(books.out_dir, result, Page(nb.stem, "")),
                                                           stamp_of(books.inputs.versions[nb.stem]))]
    source = str(paths[0].resolve()) if len(paths) == 1 and Path(result.source).exists() else result.source
    return {"source": source, "slug": result.slug, "notebooks": _notebook_bytes(notebooks), "run": run,
            "timeout": timeout, "stop": stop, "out_dir": str(books.out_dir)}


def collection_task_of(books, runs: list, timeout: int, stop: str) -> dict:
    """The task of one collection page set: its page requests as the batch made them (the worker
    puts its own folders in)."""
    notebooks = {Path(request["notebook"]) for _, _, request in runs}
    return {"notebooks": _notebook_bytes(sorted(notebooks)), "requests": [request for _, _, request in runs],
            "timeout": timeout, "stop": stop}


def _notebook_bytes(notebooks: list[Path]) -> dict[str, bytes]:
    return {nb.name: nb.read_bytes() for nb in notebooks}


def _book(books, pending, future) -> None:
    """A task came back: its document's prepare step and pages (or its collection's pages) booked,
    their files written into the output folder first."""
    try:
        outcome = future.result()
    except Exception as exc:  # the task itself failed: a worker lost, a cancelled task
        outcome = {"prepare": [1, "", f"Dask: {one_line(exc)}"], "pages": {}}
    if isinstance(pending, tuple):
        result, runs = pending
    else:
        result = pending
        runs = books.prepared(result, *outcome["prepare"])
    for run in runs:
        page = run[0]
        code, out, err, sent = outcome["pages"].get(page.notebook, (1, "", "页面未运行 / the page was not run", {}))
        target = page_files(books.out_dir, result, page)
        resume.forget(target)
        _write_page(target, sent)
        books.page_ran(result, run, code, out, err)


def _write_page(target: PageFiles, sent: dict[str, bytes]) -> None:
    """A page's files as a task sent them (the executed notebook records where it is written here:
    the task ran it with `recorded_as`), each written atomically."""
    for suffix, data in sent.items():
        files.write_atomic(target.directory / f"{target.notebook}{suffix}", data)


def _same_library(client, library: str) -> None:
    """Workers must run the library the batch runs: a page's stamp names the library that made it."""
    found = client.run(resume.library_version)
    other = sorted(address for address, version in found.items() if version != library)
    if other:
        raise UsageError(f"Dask 工作进程的 juesuan 与本机不同（{', '.join(other)}）：请在各工作进程安装同一版本 / "
                         f"the Dask workers {', '.join(other)} run another version of juesuan than this machine; "
                         "install the same one on every worker")


class EndWithBatch(WorkerPlugin):
    """A worker plugin for the LocalCluster a batch starts: the worker ends itself, its worker
    process and kernel when the batch process (its parent) is gone, even by SIGKILL."""

    def __init__(self, parent: int):
        self.parent = parent

    def setup(self, worker=None) -> None:
        threading.Thread(target=_watch_parent, args=(self.parent,), daemon=True, name="juesuan-end-with-batch").start()
        _workers().start()  # the worker process and its kernel start now, while the batch plans its tasks


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    end_children()
    os._exit(1)


# --- in a Dask worker --------------------------------------------------------------------------------------

_pool: Workers | None = None
_pool_lock = threading.Lock()


def _workers() -> Workers:
    """This Dask worker's one juesuan worker process (with its warm kernel), kept across tasks."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = Workers(1).__enter__()
            atexit.register(_pool.__exit__, None, None, None)
        return _pool


def _stopping(task: dict) -> bool:
    from distributed import Event

    try:
        return Event(task["stop"]).is_set()
    except Exception:  # no scheduler to ask: the batch is gone, stop
        return True


def document_task(task: dict) -> dict:
    """Read the document, then run the notebooks `task["run"]` names into pages in a temporary
    folder; their files come back as bytes."""
    pool = _workers()
    with tempfile.TemporaryDirectory(prefix="juesuan-task-") as tmp:
        notebooks = _unpack(task["notebooks"], Path(tmp) / "notebooks")
        prepared = pool.run({"step": "prepare", "source": task["source"]}, PREPARE_TIMEOUT)
        pages: dict = {}
        if prepared[0] == 0 and task["run"]:
            result = DocumentResult(source=task["source"], slug=task["slug"])
            _prepared(result, *prepared, set())
            title, identity = document_heading(result)
            titles = {nb.stem: notebook_title(nb) for nb in notebooks}
            for nb in notebooks:
                if nb.stem in task["run"] and not _stopping(task):
                    target = PageFiles(Path(tmp) / "out", nb.stem)
                    request = page_request(result.slug, notebooks, nb, titles, title, identity,
                                           document_parameters(result), target)
                    request["recorded_as"] = str(Path(task["out_dir"]) / result.slug / f"{nb.stem}.ipynb")
                    pages[nb.stem] = _ran(pool.run(request, task["timeout"]), target)
        return {"prepare": list(prepared), "pages": pages}


def collection_task(task: dict) -> dict:
    """Run a collection's page requests with this worker's folders in place of the batch's."""
    pool = _workers()
    with tempfile.TemporaryDirectory(prefix="juesuan-task-") as tmp:
        folder = _unpack(task["notebooks"], Path(tmp) / "notebooks")[0].parent
        pages: dict = {}
        for request in task["requests"]:
            if _stopping(task):
                break
            stem = Path(request["page"]).stem
            target = PageFiles(Path(tmp) / "out", stem)
            target.directory.mkdir(parents=True, exist_ok=True)
            local = {**request, "notebook": str(folder / Path(request["notebook"]).name),
                     "output": str(target.executed), "page": str(target.html), "recorded_as": request["output"],
                     "parameters": {**request["parameters"], "out_dir": str(target.directory)}}
            pages[stem] = _ran(pool.run(local, task["timeout"]), target)
        return {"prepare": [0, "", ""], "pages": pages}


def read_task(task: dict) -> tuple[int, str, str, dict[str, bytes]]:
    """Read and audit one document (its parts' paths, its doc_id) in this worker's juesuan worker
    process, and send back its parse and audit as the cache holds them."""
    code, out, err = _workers().run({"step": "prepare", "source": task["paths"], "doc_id": task["doc_id"]},
                                    PREPARE_TIMEOUT)
    if code:
        return code, out, err, {}
    sha256 = json.loads(out.strip().splitlines()[-1])["sha256"]
    entries = cache_dir().glob(f"{sha256[:24]}-{parser_version()}*.json")  # the parse and its audits
    return code, out, err, {path.name: path.read_bytes() for path in entries}


def _unpack(notebooks: dict[str, bytes], folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    for name, data in notebooks.items():
        (folder / name).write_bytes(data)
    return sorted(folder / name for name in notebooks)


def _ran(reply: tuple[int, str, str], target: PageFiles) -> tuple[int, str, str, dict[str, bytes]]:
    code, out, err = reply
    if code == STOPPED:
        return code, out, err, {}
    sent = {suffix: path.read_bytes() for suffix in EXECUTED_SUFFIXES
            if (path := target.directory / f"{target.notebook}{suffix}").is_file()}
    return code, out, err, sent
