"""`juesuan report [PATH|DOC_ID …] [--all] [--jobs N] [-o DIR]`: the notebooks as HTML pages with an index.

A document or notebook that fails is shown as failed in the index and the batch goes on; the
command exits 1 at the end, saying how many failed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser("report", help="run the notebooks for documents and write HTML reports with an index")
    parser.add_argument("sources", nargs="*", metavar="PATH|DOC_ID")
    parser.add_argument("--all", action="store_true", help="every document of data/catalog.csv")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="notebooks run at once (default 1)")
    parser.add_argument("-o", "--output", type=Path, default=Path("reports"), metavar="DIR", help="default: reports/")
    return parser


def run(args: argparse.Namespace) -> int:
    from .. import catalog
    from ..batch import render_batch
    from ..pages import notebook_paths, notebooks_dir

    if args.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {args.jobs}")
    sources = list(args.sources)
    if args.all:
        sources += [entry.doc_id for entry in catalog.entries() if entry.doc_id not in sources]
    if not sources:
        raise UsageError("give one or more PATH|DOC_ID, or --all for every document of data/catalog.csv")
    if not notebook_paths():
        raise UsageError(f"no notebooks NN-topic.ipynb in {notebooks_dir()}")
    results = render_batch(sources, args.output, jobs=args.jobs)
    index = args.output / "index.html"
    failed = [r for r in results if r.failed]
    pages = sum(len(r.pages) for r in results)
    if failed:
        print(f"juesuan report: {len(failed)} of {len(results)} documents failed; see {index}", file=sys.stderr)
        return 1
    documents = f"{len(results)} document{'s' if len(results) != 1 else ''}"
    print(f"juesuan report: {documents}, {pages} pages → {index}", file=sys.stderr)
    return 0
