"""`juesuan metrics PATH|DOC_ID [--format json|table]`: the numbers behind the notebooks."""
from __future__ import annotations

import argparse
import json
import sys

from .arguments import add_document_command, source_of


def add_parser(sub) -> argparse.ArgumentParser:
    return add_document_command(sub, "metrics", "execution rates, structure, year on year, PEFA-style indicators")


def run(args: argparse.Namespace) -> int:
    import juesuan
    from ..metrics import all_metrics

    doc = juesuan.load(source_of(args))
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
