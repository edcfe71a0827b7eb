"""A Jupyter kernel kept warm across notebooks: started once, the library imported once, each
notebook run in it as papermill would run it in a kernel of its own.

    kernel = WarmKernel()                       # starts the kernel and imports pandas, matplotlib, juesuan
    pages.run_notebook(nb, output, page, parameters, title, kernel=kernel)   # papermill, on this kernel
    kernel.shutdown()

Most of a report page's time used to be a new kernel importing pandas, matplotlib and the library
again. A warm kernel pays that once; before each notebook `fresh_state` (run silently in the
kernel, so it leaves no execution count) puts back what a notebook may have changed and a new
kernel would not have: the user namespace and history (IPython's reset, which also restarts the
execution count at 1), warning filters and the registries of warnings already shown, matplotlib's
rcParams, pandas' options, the environment, the working directory (the notebook's folder, as
papermill's kernel has it) and sys.path. What stays is what a notebook cannot tell apart from a new
kernel: imported modules, matplotlib's font list, the library's caches of reference data.
tests/test_warm_kernel.py checks that a notebook run second in a warm kernel gives the page a new
kernel gives.

papermill runs the notebook through its engine registry: the `juesuan-warm` engine (`WarmEngine`)
is papermill's own nbclient engine handed this kernel's manager and client instead of starting a
kernel, so parameters, metadata, errors and output are papermill's.
"""
from __future__ import annotations

import os
import sys
import warnings

KERNEL = "python3"  # the one kernelspec of the notebooks
START_TIMEOUT = 60  # seconds for the kernel to answer after it started
# What a kernel imports once: everything a report notebook imports, and the audit it triggers.
PRIMED_MODULES = ("pandas", "matplotlib", "juesuan.report", "juesuan.metrics", "juesuan.plots", "juesuan.present",
                  "juesuan.checks")
ENGINE = "juesuan-warm"

# --- in the kernel --------------------------------------------------------------------------------------

_saved: dict = {}


def prime() -> None:
    """In the kernel, once: import what the notebooks import, then note the state to go back to."""
    import importlib

    for name in PRIMED_MODULES:
        importlib.import_module(name)
    import matplotlib

    _saved.update(filters=list(warnings.filters), showwarning=warnings.showwarning, rc=matplotlib.rcParams.copy(),
                  environ=dict(os.environ), path=list(sys.path))


def fresh_state(cwd: str) -> None:
    """In the kernel, before each notebook: what a new kernel started in `cwd` would have (module
    docstring). Run with `silent=True`, so the execution count restarts at 1 and stays there."""
    import matplotlib
    import pandas as pd
    from IPython import get_ipython

    os.chdir(cwd)  # first: the folder the last notebook ran in may be gone (a Dask task's), and reset looks at it
    get_ipython().reset(new_session=True)
    warnings.resetwarnings()  # also invalidates every module's registry of warnings already shown
    warnings.filters[:] = _saved["filters"]
    warnings.onceregistry.clear()
    warnings.showwarning = _saved["showwarning"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated options and rcParams say so when set
        pd.reset_option("all")
        matplotlib.rcParams.update(_saved["rc"])
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    os.environ.clear()
    os.environ.update(_saved["environ"])
    sys.path[:] = _saved["path"]


# --- in the process that drives it -----------------------------------------------------------------------

class KernelError(RuntimeError):
    """The kernel did not start, or did not take the state it is given before a notebook."""


class WarmKernel:
    """One kernel, started in `cwd` and primed (`prime`); `ready(cwd)` before each notebook.

    Started like nbclient starts papermill's kernel (the same kernelspec, IPython history in
    memory), in a session of its own; `shutdown` ends it."""

    def __init__(self, cwd: str | os.PathLike = "."):
        from jupyter_client import KernelManager

        self.km = KernelManager(kernel_name=KERNEL)
        self.km.start_kernel(extra_arguments=["--HistoryManager.hist_file=:memory:"], cwd=str(cwd))
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=START_TIMEOUT)
            self._silently("import juesuan.kernels\njuesuan.kernels.prime()")
        except BaseException:
            self.shutdown()
            raise
        self.notebooks = 0  # run in it so far

    def ready(self, cwd: str | os.PathLike) -> None:
        """Before a notebook: the state of a new kernel started in `cwd`."""
        self._silently(f"import juesuan.kernels\njuesuan.kernels.fresh_state({str(cwd)!r})")
        self.notebooks += 1

    def _silently(self, code: str) -> None:
        reply = self.kc.execute_interactive(code, silent=True, store_history=False, timeout=START_TIMEOUT,
                                            output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise KernelError(f"{content.get('ename', 'error')}: {content.get('evalue', '')}")

    def alive(self) -> bool:
        return self.km.is_alive()

    def shutdown(self) -> None:
        try:
            self.kc.stop_channels()
        finally:
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=True)


def warm_engine():
    """papermill's nbclient engine on a `WarmKernel` (papermill `engine_name=ENGINE`, `warm=kernel`),
    registered on first use."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, logger, papermill_engines
    from papermill.utils import merge_kwargs, remove_args

    class WarmEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                     start_timeout=60, execution_timeout=None, warm=None, **kwargs):
            # NBClientEngine's, but for the manager and client: the warm kernel's instead of new ones
            timeout = execution_timeout or kwargs.get("timeout")
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            options = merge_kwargs(kwargs, timeout=timeout, startup_timeout=start_timeout,
                                   kernel_name=kernel_name, log=logger, log_output=log_output, stdout_file=stdout_file,
                                   stderr_file=stderr_file)
            client = PapermillNotebookClient(nb_man, km=warm.km, **options)
            client.kc = warm.kc
            return client.execute()

    if ENGINE not in papermill_engines._engines:
        papermill_engines.register(ENGINE, WarmEngine)
    return ENGINE
