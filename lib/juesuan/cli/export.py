"""`juesuan export --datapackage OUT/ [--department D] [--years Y] [--kind K] …`: a selection of the
catalog as a Frictionless Data Package (`juesuan.datapackage`).

Progress on stderr, one line per document, then a summary. Exit 0 when every document was read,
1 when some were not (OUT/manifest.csv says which and why; the others are exported), 2 for bad usage.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from ..errors import UsageError
from .arguments import add_catalog_option


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser("export", help="导出数据包: catalogued documents as a Frictionless Data Package "
                                           "(facts, claims, findings)")
    parser.add_argument("--datapackage", type=Path, required=True, metavar="OUT",
                        help="folder for datapackage.json, one CSV per resource and manifest.csv")
    parser.add_argument("--department", metavar="D", help="a department id (江苏省/人民检察院) or printed name")
    parser.add_argument("--years", metavar="Y", help="a year (2019), a range (2017-2019) or a list (2017,2019)")
    parser.add_argument("--kind", metavar="K", help="决算 or 预算")
    parser.add_argument("--region", metavar="R", help="the region (江苏省), or the front of it")
    parser.add_argument("--level", metavar="L", help="部门 or 单位")
    add_catalog_option(parser)
    parser.add_argument("--executor", choices=("local", "dask"), default="local",
                        help="local: read the documents here, one after another (default); dask: one task per document "
                             "on a Dask cluster (--scheduler), or on a LocalCluster of --jobs workers")
    parser.add_argument("--scheduler", metavar="ADDR", help="a Dask scheduler's address (tcp://host:8786), with --executor dask")
    parser.add_argument("--jobs", type=int, default=2, metavar="N", help="workers of the LocalCluster (default 2)")
    return parser


def run(args: argparse.Namespace) -> int:
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    if args.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {args.jobs}")
    if args.executor == "dask" and importlib.util.find_spec("distributed") is None:
        raise UsageError('--executor dask 需要 dask 附加依赖: pip install -e ".[dask]" / --executor dask needs the dask extra: '
                         'pip install -e ".[dask]"')
    import juesuan
    from .. import datapackage

    say = lambda line: print(line, file=sys.stderr)  # noqa: E731
    col = juesuan.collection(department=args.department, years=args.years, kind=args.kind, region=args.region,
                             level=args.level, catalog=args.catalog, progress=None if args.executor == "dask" else say)
    if args.executor == "dask":
        from ..daskpool import read_on_dask

        read_on_dask(col, args.scheduler, args.jobs, progress=say)
    written = datapackage.write(col, args.datapackage)
    for doc_id, reason in written.failures:
        print(f"juesuan: {doc_id}: {reason}", file=sys.stderr)
    failed = len(written.failures)
    print(f"{written.documents} documents ({failed} failed), {written.facts} facts → {written.descriptor}", file=sys.stderr)
    return 1 if failed else 0
