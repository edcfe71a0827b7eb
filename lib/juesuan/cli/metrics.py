"""`juesuan metrics PATH|DOC_ID [--format json|table]`: the numbers behind the notebooks."""
from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser("metrics", help="execution rates, structure, year on year, PEFA-style indicators")
    parser.add_argument("source", nargs="+", metavar="PATH|DOC_ID",
                        help="a file or catalog doc_id; several files: the parts of one disclosure (narrative, tables)")
    parser.add_argument("--format", choices=("json", "table"), default="table")
    return parser


def run(args: argparse.Namespace) -> int:
    import juesuan
    from ..metrics import all_metrics

    doc = juesuan.load(args.source[0] if len(args.source) == 1 else args.source)
    results = all_metrics(doc)
    sys.stdout.write(metrics_to_json(doc, results) if args.format == "json" else metrics_to_table(doc, results))
    return 0


def metrics_to_json(doc, results: dict) -> str:
    from ..present import records

    meta = doc.meta
    payload = {"doc_id": meta["doc_id"], "department": meta["department"], "year": meta["year"],
               "metrics": {name: records(frame, ratios=True) for name, frame in results.items()}}
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def metrics_to_table(doc, results: dict) -> str:
    from ..present import display_frame

    lines = [f"{doc.meta['doc_id']}: {doc.meta['department']} {doc.meta['year']}"]
    for name, frame in results.items():
        lines += ["", f"== {name} ==", display_frame(frame).to_string(index=False)]
    return "\n".join(lines) + "\n"
