"""The worker processes of a batch: each keeps one warm kernel (`kernels.WarmKernel`) and takes the
batch's steps one at a time — reading a document (`prepare`), running a notebook into a page (`run`).

    with Workers(jobs) as workers:                       # in the batch process
        code, out, err = workers.run(request, timeout)   # from any thread: a free worker takes it
        workers.stop()                                   # ends every worker with its kernel

    python -m juesuan.workers                            # a worker: one JSON request a line on stdin,
                                                         # one JSON reply a line on stdout

A worker pays for starting Python, importing the library and starting a kernel once, not once per
page; its kernel starts while it reads its first document. A step that fails leaves the worker
running (its kernel is started anew if the failure was a notebook's: its state is not trusted); a
step that outlives its timeout ends the worker with its kernel, and the next step starts a new one.
Workers are started as steps were (`processes`): each in a session of its own with the batch's
lifeline, so that a stop, a timeout or the batch's death ends them and their kernels whole, and a
worker whose batch dies forgets the page it was writing.
"""
from __future__ import annotations

import json
import os
import queue
import select
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from . import catalog, resume
from .errors import JuesuanError
from .processes import LIFELINE, STOPPED, end_tree, exit_with_parent
from .resume import PageFiles

RECYCLE = 200  # notebooks one kernel runs before it is started anew (what a long batch leaks, it frees)
LOG_TAIL = 4096  # bytes of a worker's stderr read for the reason it died


class Worker:
    """One worker process, started in a session of its own; `call` sends a step and waits for its
    reply. Its stderr (and its kernel's) goes to a temp file, read only for the reason it died."""

    def __init__(self, lifeline: int):
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([sys.executable, "-m", "juesuan.workers"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.log, start_new_session=True,
                                        pass_fds=(lifeline,), env={**os.environ, LIFELINE: str(lifeline)})
        self._buffer = b""

    def call(self, request: dict, timeout: float) -> tuple[int, str, str]:
        """(exit code, stdout, stderr) of one step, as a step process would give them; a worker that
        died or timed out is gone afterwards (`alive` is False)."""
        try:
            self.process.stdin.write(json.dumps(request, ensure_ascii=False).encode() + b"\n")
            self.process.stdin.flush()
        except OSError:
            return self._died()
        line = self._reply(time.monotonic() + timeout)
        if line is None:
            if self.process.poll() is None:  # still running: out of time
                self.end()
                return -1, "", f"timed out after {timeout} s"
            return self._died()
        reply = json.loads(line)
        return reply["code"], reply["out"], reply["err"]

    def _reply(self, deadline: float) -> bytes | None:
        """The next line on the worker's stdout; None at end of file or at the deadline."""
        fd = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line

    def _died(self) -> tuple[int, str, str]:
        code = self.process.wait()
        self.log.seek(max(0, self.log.seek(0, os.SEEK_END) - LOG_TAIL))
        tail = self.log.read().decode("utf-8", "replace")
        return code or 1, "", tail or f"exited with code {code}"

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def end(self) -> None:
        """End the worker and everything it started (its kernel), and reap it."""
        end_tree(self.process.pid)
        self.process.wait()

    def close(self) -> None:
        if self.alive:
            self.end()
        for stream in (self.process.stdin, self.process.stdout, self.log):
            stream.close()


class Workers:
    """At most `jobs` workers, started when a step first needs one; `run` from any thread."""

    def __init__(self, jobs: int):
        self._lock = threading.Lock()
        self._free: queue.Queue[Worker | None] = queue.Queue()
        for _ in range(jobs):
            self._free.put(None)  # a place for a worker not started yet
        self._workers: set[Worker] = set()
        self.stopped = False
        self._lifeline, self._keep = os.pipe()  # the lifeline (processes): EOF for every worker when the batch dies

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
        for worker in list(self._workers):
            worker.close()
        os.close(self._lifeline)
        os.close(self._keep)

    def run(self, request: dict, timeout: float) -> tuple[int, str, str]:
        """One step on a free worker: (exit code, stdout, stderr); `STOPPED` once `stop` was called."""
        worker = self._free.get()
        try:
            with self._lock:  # stop() cannot miss a worker that starts while it runs
                if self.stopped:
                    return STOPPED, "", "stopped"
                if worker is None or not worker.alive:
                    if worker is not None:
                        self._retire(worker)
                    worker = Worker(self._lifeline)
                    self._workers.add(worker)
            code, out, err = worker.call(request, timeout)
            return (STOPPED, "", "stopped") if self.stopped else (code, out, err)
        finally:
            self._free.put(worker)

    def start(self) -> None:
        """Start every worker now (each starts its kernel), not when a step first needs it."""
        with self._lock:
            places = [self._free.get() for _ in range(self._free.qsize())]
            for i, worker in enumerate(places):
                if worker is None and not self.stopped:
                    places[i] = Worker(self._lifeline)
                    self._workers.add(places[i])
            for worker in places:
                self._free.put(worker)

    def _retire(self, worker: Worker) -> None:
        worker.close()
        self._workers.discard(worker)

    def stop(self) -> None:
        """End every worker with its kernel, and start no more; returns when they are gone."""
        with self._lock:
            self.stopped = True
            running = [w for w in self._workers if w.alive]
        for worker in running:
            end_tree(worker.process.pid)


# --- in a worker process ------------------------------------------------------------------------------

class _Kernels:
    """The worker's kernel: started in the background as the worker starts (it is ready by the time
    the first document is read), started anew after a failed notebook and every RECYCLE notebooks."""

    def __init__(self):
        self._starter = ThreadPoolExecutor(max_workers=1)
        self._future = self._start()

    def _start(self) -> Future:
        from .kernels import WarmKernel
        from .pages import notebooks_dir

        return self._starter.submit(WarmKernel, notebooks_dir())

    def get(self):
        kernel = self._future.result()
        if not kernel.alive() or kernel.notebooks >= RECYCLE:
            self.renew()
            kernel = self._future.result()
        return kernel

    def renew(self) -> None:
        """After a failure: shut the kernel down (if it started) and start another."""
        if self._future.done() and self._future.exception() is None:
            self._future.result().shutdown()
        self._future = self._start()

    def shutdown(self) -> None:
        if self._future.done() and self._future.exception() is None:
            self._future.result().shutdown()


def prepare(source: str | list[str], doc_id: str | None = None) -> str:
    """Read and audit a document (both cached, for the notebooks or for whoever asked) and say what
    it is, as one JSON line. `source`: a path or doc_id, or the paths of a document's parts (then
    `doc_id` names it, as the catalog does)."""
    from .report import open_document

    if isinstance(source, list):
        from . import checks  # noqa: F401  (gives the document its audit)
        from .document import load

        document = load(source, doc_id=doc_id)
    else:
        document = open_document(source)
    document.findings  # the audit, cached beside the parse
    meta = document.meta
    return json.dumps({"doc_id": document.doc_id, "department": meta.get("department"),
                       "department_id": department_id(document), "year": meta.get("year"), "kind": meta.get("kind"),
                       "layout": meta.get("layout"), "sha256": meta["sha256"],
                       "source_file": Path(meta.get("source") or "").name}, ensure_ascii=False)


def department_id(document) -> str:
    """The catalog's department id of the document, else the one its printed name gives."""
    from . import departments

    for entry in catalog.entries():
        if entry.doc_id == document.doc_id and entry.sha256 == document.meta["sha256"]:
            return entry.department_id
    return departments.department_id(document.meta.get("department") or "", catalog.read_aliases())


def one_line(exc: BaseException) -> str:
    """A failure's reason in one line, for the index."""
    if isinstance(exc, JuesuanError):  # juesuan's own reasons are one line already, and say what is wrong
        return " ".join(str(exc).split())[:500]
    name = getattr(exc, "ename", None) or type(exc).__name__
    value = getattr(exc, "evalue", None) or str(exc)
    text = f"{name}: {value}" if name not in str(value) else str(value)
    return " ".join(text.split())[:500]


def serve() -> int:
    """The worker's loop: a request a line on stdin, its reply a line on stdout, until end of file."""
    from .pages import run_notebook

    current: list[PageFiles] = []  # the page being written, forgotten if the batch dies meanwhile
    exit_with_parent(lambda: [resume.forget(page) for page in current])
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # what the library or the kernel prints goes to the log, never into the replies
    kernels = _Kernels()
    try:
        for line in sys.stdin:
            request, out, err, code = json.loads(line), "", "", 0
            try:
                if request["step"] == "prepare":
                    out = prepare(request["source"], request.get("doc_id"))
                else:
                    output = Path(request["output"])
                    current[:] = [PageFiles(output.parent, output.stem)]
                    try:
                        run_notebook(Path(request["notebook"]), output, Path(request["page"]), request["parameters"],
                                     request["title"], request.get("shell"), kernel=kernels.get(),
                                     recorded_as=request.get("recorded_as"))
                    except Exception:
                        kernels.renew()  # a notebook that failed may have left its kernel in any state
                        raise
                    finally:
                        current.clear()
            except Exception as exc:
                code, err = 1, one_line(exc)
            replies.write(json.dumps({"code": code, "out": out, "err": err}, ensure_ascii=False) + "\n")
    finally:
        kernels.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(serve())
