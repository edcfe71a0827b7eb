"""The last guard around a parse: a child process with a wall-time and an address-space ceiling.

The work limits (`juesuan.limits`, counted by `readers.work`) refuse a costly file by what it
holds, the same on every machine; this guard is for what they do not foresee. The parse runs in a
child forked from this process, whose modules are already imported, so it starts in milliseconds
(no interpreter to start, nothing to import again), with RLIMIT_AS at the memory_gb limit, and is
killed after the seconds limit. Its result comes back as data (the cache's JSON encoding), never
as code. The child writes nothing to this process's stdout or stderr: in a Jupyter kernel they
belong to threads the child does not have. (A fork server would spare forking a threaded process,
but multiprocessing's re-imports the caller's main module, which breaks scripts without a
`__main__` guard; the child takes no lock another thread could hold: it parses and writes a pipe.)
Where no child can be forked (Windows, a daemon process such as a pool worker) the parse runs in
this process, under the work limits alone.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
import traceback
from typing import Callable

from . import cache
from .errors import JuesuanError, ReadError
from .limits import LimitError, Limits, current

def run(function: Callable[..., dict], *args, name: str = "the document") -> dict:
    """`function(*args)` (a module-level function returning cache fields) under the ceilings."""
    limits = current()
    context = _context()
    if context is None or not (limits.seconds or limits.memory_gb):
        return function(*args)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args, limits, os.getpid()), daemon=True)
    started = time.monotonic()
    child.start()
    sender.close()
    received = False
    try:
        if not receiver.poll(limits.seconds or None):
            raise LimitError("seconds", f"{name}: its parse took", round(time.monotonic() - started, 1), limits.seconds)
        status, payload = receiver.recv()
        received = True
    except EOFError:  # the child died without a word: killed by the kernel, or a crash below Python
        child.join()
        raise ReadError(f"{name}: the parse ended abnormally (exit code {child.exitcode}); if the file is genuine, "
                        f"raise the memory ceiling memory_gb={limits.memory_gb:g} with --limit memory_gb=N") from None
    finally:
        receiver.close()
        if not received:  # a timeout, an interrupt: the child goes too
            child.kill()
        child.join()
    if status == "ok":
        return cache.decode_fields(json.loads(payload))
    if status == "refused":
        raise ReadError(payload if payload.startswith(name) else f"{name}: {payload}")
    raise RuntimeError(f"the parse of {name} failed in its process:\n{payload}")


def _context():
    if multiprocessing.current_process().daemon or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _child(sender, function, args, limits: Limits, parent: int) -> None:
    sys.stdout = sys.stderr = open(os.devnull, "w")
    _die_with_parent(parent)
    try:
        if limits.memory_gb:
            import resource

            ceiling = int(limits.memory_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
        fields = function(*args)
        message = ("ok", json.dumps(cache.encode_fields(fields), ensure_ascii=False, separators=(",", ":")))
    except JuesuanError as error:
        message = ("refused", str(error))
    except MemoryError:
        message = ("refused", f"the parse needed more memory than memory_gb={limits.memory_gb:g} allows; "
                              "if the file is genuine, raise it with --limit memory_gb=N")
    except BaseException:
        message = ("failed", traceback.format_exc())
    sender.send(message)
    sender.close()


def _die_with_parent(parent: int) -> None:
    """A parse whose caller was killed stops too (Linux: a parent-death signal; elsewhere the
    result pipe breaks when it is done)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the caller died before the signal was armed
        os._exit(1)
