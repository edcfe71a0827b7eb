"""The processes of a batch: ended whole, and ending themselves when the batch process is gone.

    end_tree(pid)                             # a worker (juesuan.workers) and all it started, its kernel too
    with stop_on_signals() as signals:        # SIGINT and SIGTERM raise Stopped in the main thread
        with signals.deferred(): ...          # … not within this block: as it ends
    exit_with_parent(cleanup)                 # in a worker: when the batch process dies, end the kernel and exit

A worker runs in a session of its own, and the Jupyter kernel it starts runs in yet another
(jupyter_client starts every kernel with `start_new_session`), so neither a process group nor a
session holds a worker's tree: it is found by parentage (psutil) and each of its groups is killed.
The batch holds the write end of a pipe (the lifeline, `LIFELINE` names its read end to a worker)
and never writes: when it dies, however it dies, the operating system closes it and every worker
reads end-of-file.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager, suppress
from typing import Callable, Iterator

import psutil

LIFELINE = "JUESUAN_LIFELINE"  # the environment variable naming a worker's end of the lifeline pipe
GONE_TIMEOUT = 5  # seconds to wait for killed processes to be gone (SIGKILL takes milliseconds)
STOPPED = -signal.SIGTERM  # what `Workers.run` returns for a step it did not start or that `stop` ended


class Stopped(BaseException):
    """SIGINT or SIGTERM reached the batch. A BaseException, like KeyboardInterrupt, so that no
    `except Exception` on the way swallows it."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def end_tree(pid: int) -> None:
    """End a step (the leader of its process group) and everything it started, in whatever
    session; returns when they are gone. The step itself is left for its Popen to reap."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGSTOP)  # frozen, the step starts no kernel while its tree is listed
    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    _kill(tree)


def end_children() -> None:
    """End everything this process started (a step ends its kernel), and wait until it is gone."""
    _kill(psutil.Process().children(recursive=True))


def _kill(processes: list[psutil.Process]) -> None:
    """SIGKILL each process and each process group they lead or belong to (a kernel's own children
    stay in its group even once they lose their parent), never our own group."""
    groups = set()
    for process in processes:
        with suppress(ProcessLookupError, PermissionError):
            groups.add(os.getpgid(process.pid))
    for group in groups - {os.getpgrp()}:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)
    for process in processes:
        with suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            process.kill()
    _wait_gone(processes)


def _wait_gone(processes: list[psutil.Process]) -> None:
    # Polled rather than waited for: waiting would reap a child of ours that its Popen must reap
    # (Popen then reports a killed step as exit code 0). A zombie is gone: it runs no more.
    deadline = time.monotonic() + GONE_TIMEOUT
    while processes and time.monotonic() < deadline:
        processes = [p for p in processes if _alive(p)]
        if processes:
            time.sleep(0.02)


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


class StopSignals:
    """SIGINT and SIGTERM as `Stopped`, raised in the main thread: at once (also out of a blocking
    wait), or, when they come within `deferred()`, as that block ends — so bookkeeping that must
    be whole (a page's status and its stamp, the index) is never cut in half. Only the first signal
    counts; later ones are ignored while the batch ends what runs (a second Ctrl-C must not cut
    the clean-up short)."""

    CAUGHT = (signal.SIGINT, signal.SIGTERM)

    def __init__(self):
        self._depth = 0
        self._caught: int | None = None

    def handle(self, signum, frame) -> None:
        for number in self.CAUGHT:
            signal.signal(number, signal.SIG_IGN)
        if self._depth:
            self._caught = signum
        else:
            raise Stopped(signum)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if self._caught is not None and not self._depth:
            raise Stopped(self._caught)


@contextmanager
def stop_on_signals() -> Iterator[StopSignals]:
    """Within the block SIGINT and SIGTERM raise `Stopped` (`StopSignals`); after it, the handlers
    before. Off the main thread, where Python cannot take signals, nothing is installed."""
    signals = StopSignals()
    if threading.current_thread() is not threading.main_thread():
        yield signals
        return
    previous = {number: signal.signal(number, signals.handle) for number in StopSignals.CAUGHT}
    try:
        yield signals
    finally:
        for number, action in previous.items():
            signal.signal(number, action)


def exit_with_parent(cleanup: Callable[[], None] = lambda: None) -> None:
    """In a worker: when the batch process dies (even by SIGKILL), end the kernel and all this worker
    started, exit, and run `cleanup` (remove the temp files of the page at hand) once it is gone.

    The cleanup runs in a process forked for it, after the worker has exited: the worker's main
    thread may be writing the page when the batch dies (papermill saves the notebook as the kernel
    dies under it), and only a worker that has ended writes nothing more after its cleanup.

    Why a pipe and not Linux's PR_SET_PDEATHSIG: end-of-file on the lifeline comes the moment the
    batch process is gone, on Linux and macOS alike, with no race at start-up (the pipe exists
    before the worker does), and it follows the process — PDEATHSIG fires when the *thread* that
    started the worker ends, which in a thread pool is not the batch ending. The kernel needs no
    lifeline of its own: ipykernel polls its parent once a second (JPY_PARENT_PID, set by
    jupyter_client) and exits when the worker is gone; here the worker ends it first, at once."""
    fd = os.environ.pop(LIFELINE, None)  # popped: the kernel, started from this environment, has no such pipe
    if fd is None:
        return  # run by hand, not by a batch

    def watch():
        try:
            while os.read(int(fd), 1):
                pass
        except OSError:
            return  # not a pipe after all: no lifeline, as when run by hand
        end_children()
        worker = os.getpid()
        if os.fork() == 0:  # the cleaner: waits until the worker is gone, then removes what it began
            try:
                while os.getppid() == worker:
                    time.sleep(0.01)
                cleanup()
            finally:
                os._exit(0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="juesuan-lifeline").start()
