"""`juesuan facts PATH|DOC_ID [--format csv|json|parquet|xlsx] [-o OUT]`: one row per printed figure."""
from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from ..errors import UsageError
from .arguments import add_source, source_of

FORMATS = ("csv", "json", "parquet", "xlsx")
BINARY_FORMATS = ("parquet", "xlsx")


def add_parser(sub) -> argparse.ArgumentParser:
    parser = sub.add_parser("facts", help="one row per printed table figure (values in 元)")
    add_source(parser)
    parser.add_argument("--format", choices=FORMATS, help="default: from -o's suffix, else csv")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT")
    return parser


def run(args: argparse.Namespace) -> int:
    import juesuan

    doc = juesuan.load(source_of(args))
    suffix = args.output.suffix.lstrip(".") if args.output else ""
    fmt = args.format or (suffix if suffix in FORMATS else "csv")
    write_facts(doc.facts, fmt, args.output)
    if args.output:
        placed = sum(t["status"] == "ok" for t in doc.meta["tables"].values())
        print(f"{doc.doc_id}: {len(doc.facts)} facts from {placed} tables → {args.output}", file=sys.stderr)
    for entry in doc.meta["tables"].values():
        if entry.get("error"):
            print(f"warning: {entry['error']}", file=sys.stderr)
    return 0


def facts_frame_for_output(facts, fmt: str):
    """Decimals as exact strings for text formats; parquet keeps them as decimal128."""
    out = facts.copy()
    if fmt == "parquet":
        return out
    out["value"] = out["value"].map(lambda v: format(v, "f"))
    return out


def write_facts(facts, fmt: str, out: Path | None) -> None:
    import pandas as pd

    if fmt in BINARY_FORMATS and out is None:
        raise UsageError(f"--format {fmt} writes a binary file: give -o FILE")
    frame = facts_frame_for_output(facts, fmt)
    if fmt == "parquet":
        _write_parquet(frame, out)
        return
    if fmt == "xlsx":
        _write_xlsx(frame, out)
        return
    if fmt == "csv":
        text = frame.to_csv(index=False)
    else:
        records = [
            {k: (None if pd.isna(v) else int(v) if k == "page" else v) for k, v in row.items()}
            for row in frame.to_dict(orient="records")
        ]
        text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def _write_parquet(frame, out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    scale = max((-v.as_tuple().exponent for v in frame["value"]), default=0)
    scale = max(scale, 0)
    digits = max((len(v.as_tuple().digits) - v.as_tuple().exponent - scale for v in frame["value"]), default=1)
    value_type = pa.decimal128(min(38, max(digits, 1) + scale), scale)
    table = pa.Table.from_pandas(frame.drop(columns=["value"]), preserve_index=False)
    table = table.add_column(6, "value", pa.array([v.quantize(Decimal(1).scaleb(-scale)) for v in frame["value"]], type=value_type))
    pq.write_table(table, out)


def _write_xlsx(frame, out: Path) -> None:
    """Excel stores numbers as doubles: `value` is the number for spreadsheets, `value_exact` the
    exact decimal as text."""
    sheet = frame.rename(columns={"value": "value_exact"})
    sheet.insert(6, "value", sheet["value_exact"].map(float))
    sheet.to_excel(out, index=False, sheet_name="facts")
