"""`juesuan export --datapackage OUT/ [--department D] [--years Y] [--kind K] …`: a selection of the
catalog as a Frictionless Data Package (`juesuan.datapackage`).

Progress on stderr, one line per document, then a summary. Exit 0 when every document was read,
1 when some were not (OUT/manifest.csv says which and why; the others are exported), 2 for bad usage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    return parser


def run(args: argparse.Namespace) -> int:
    import juesuan
    from .. import datapackage

    col = juesuan.collection(department=args.department, years=args.years, kind=args.kind, region=args.region,
                             level=args.level, catalog=args.catalog,
                             progress=lambda line: print(line, file=sys.stderr))
    written = datapackage.write(col, args.datapackage)
    for doc_id, reason in written.failures:
        print(f"juesuan: {doc_id}: {reason}", file=sys.stderr)
    failed = len(written.failures)
    print(f"{written.documents} documents ({failed} failed), {written.facts} facts → {written.descriptor}", file=sys.stderr)
    return 1 if failed else 0
