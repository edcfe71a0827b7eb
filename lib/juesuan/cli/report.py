"""`juesuan report [PATH|DOC_ID …] [--all] [--jobs N] [--force] [-o DIR]`: the notebooks as HTML pages with an index.

Each document gets the document notebooks' pages; `--all` adds the collection notebooks' pages of
the catalog: a trends page set per department with more than one year, a peers page set per year
and kind with more than one department (`juesuan.batch.collections_of`). The index keeps the rows
of earlier runs into the same folder whose pages are still there.

A document or notebook that fails is shown as failed in the index and the batch goes on; the
command exits 1 at the end, saying how many failed. A rerun keeps every page whose document,
notebook and library are unchanged and runs the rest; `--force` runs all. SIGINT (Ctrl-C) or
SIGTERM stop the batch with all its processes: the finished pages are kept and indexed, one line
says how many, and the exit code is 128 + the signal (130 for SIGINT, 143 for SIGTERM), as a shell
reports a command a signal ended — so a script tells a stop from a failure (1) or bad input (2).
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from ..errors import UsageError
from .arguments import add_catalog_option


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser("report", help="run the notebooks for documents and write HTML reports with an index",
                            description="Pages made before from the same document, notebook and library are kept; "
                                        "Ctrl-C or SIGTERM stop the batch, keeping what finished (exit 130/143).")
    parser.add_argument("sources", nargs="*", metavar="PATH|DOC_ID")
    parser.add_argument("--all", action="store_true",
                        help="every document of the catalog, and the trends and peers pages of its departments and years")
    add_catalog_option(parser)
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="notebooks run at once (default 1)")
    parser.add_argument("--force", action="store_true",
                        help="run every page again, also those whose document, notebook and library are unchanged")
    parser.add_argument("--executor", choices=("local", "dask"), default="local",
                        help="local: --jobs worker processes on this machine (default); dask: one task per document "
                             "on a Dask cluster (--scheduler), or on a LocalCluster of --jobs workers")
    parser.add_argument("--scheduler", metavar="ADDR", help="a Dask scheduler's address (tcp://host:8786), with --executor dask")
    parser.add_argument("-o", "--output", type=Path, default=Path("reports"), metavar="DIR", help="default: reports/")
    return parser


# What a batch imports beyond juesuan's own dependencies: the `notebooks` extra of pyproject.toml.
NOTEBOOK_MODULES = ("papermill", "nbconvert", "nbformat", "nbclient", "ipykernel", "tqdm", "psutil")


def check_notebook_extra() -> None:
    """One line (UsageError) naming the extra to install when a module the batch needs is missing."""
    missing = [name for name in NOTEBOOK_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        names = ", ".join(missing)
        raise UsageError(f"report 需要 notebooks 附加依赖（缺少 {names}）: pip install -e \".[notebooks]\" 或 make install"
                         f" / report needs the notebooks extra (missing {names}):"
                         f" pip install -e \".[notebooks]\" or make install")


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {args.jobs}")
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    check_notebook_extra()  # before the batch's imports (psutil, papermill) can fail with a traceback
    if args.executor == "dask" and importlib.util.find_spec("distributed") is None:
        raise UsageError('--executor dask 需要 dask 附加依赖: pip install -e ".[dask]" / --executor dask needs the dask extra: '
                         'pip install -e ".[dask]"')
    from .. import catalog
    from ..batch import BatchStopped, collections_of, render_batch
    from ..pages import notebook_paths, notebooks_dir
    sources = list(args.sources)
    collections = []
    if args.all:
        sources += [entry.doc_id for entry in catalog.entries() if entry.doc_id not in sources]
        collections = collections_of(catalog.catalog_path())
    if not sources:
        raise UsageError("give one or more PATH|DOC_ID, or --all for every document of the catalog")
    if not notebook_paths():
        raise UsageError(f"no notebooks NN-topic.ipynb in {notebooks_dir()}")
    try:
        options = {"jobs": args.jobs, "force": args.force, "collections": collections}
        if args.executor == "dask":
            from ..daskpool import render_on_dask

            results = render_on_dask(sources, args.output, scheduler=args.scheduler, **options)
        else:
            results = render_batch(sources, args.output, **options)
    except BatchStopped as stop:
        done = sum(p.status == "ok" for r in stop.results for p in r.pages)
        print(f"juesuan report: stopped ({stop.signal_name}); {_pages(done)} finished and kept, rerun to continue",
              file=sys.stderr)
        return 128 + stop.signum
    index = args.output / "index.html"
    documents = [r for r in results if not getattr(r, "scope", "")]
    sets = len(results) - len(documents)
    pages = [p for r in results for p in r.pages]
    kept = sum(p.kept for p in pages)
    counts = f"{_pages(len(pages))} ({kept} kept, {len(pages) - kept} run)"
    also = f", {sets} trends and peers page set{'s' if sets != 1 else ''}" if sets else ""
    failed = [r for r in documents if r.failed]
    failed_sets = sum(r.failed for r in results) - len(failed)
    if failed or failed_sets:
        what = f"{len(failed)} of {len(documents)} documents" + (f" and {failed_sets} of {sets} page sets" if sets else "")
        print(f"juesuan report: {what} failed, {counts}; see {index}", file=sys.stderr)
        return 1
    print(f"juesuan report: {len(documents)} document{'s' if len(documents) != 1 else ''}{also}, {counts} → {index}",
          file=sys.stderr)
    return 0


def _pages(n: int) -> str:
    return f"{n} page{'s' if n != 1 else ''}"
