"""The `juesuan` command (DESIGN.md: stable, scripts depend on it).

Exit 0 on success, 2 with one line on stderr for input that cannot be read or a bad option.
"""
from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd

from .checks.output import cmd_check
from .document import load
from .metrics import cmd_metrics
from .report import cmd_report
from .readers.base import ReadError

FORMATS = ("csv", "json", "parquet", "xlsx")
BINARY_FORMATS = ("parquet", "xlsx")


class UsageError(Exception):
    """A bad option: reported like unreadable input, one line and exit code 2."""


def facts_frame_for_output(facts: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """Decimals as exact strings for text formats; parquet keeps them as decimal128."""
    out = facts.copy()
    if fmt == "parquet":
        return out
    out["value"] = out["value"].map(lambda v: format(v, "f"))
    return out


def write_facts(facts: pd.DataFrame, fmt: str, out: Path | None) -> None:
    if fmt in BINARY_FORMATS and out is None:
        raise UsageError(f"--format {fmt} writes a binary file: give -o FILE")
    frame = facts_frame_for_output(facts, fmt)
    if fmt == "csv":
        text = frame.to_csv(index=False)
    elif fmt == "json":
        records = [
            {k: (None if pd.isna(v) else int(v) if k == "page" else v) for k, v in row.items()}
            for row in frame.to_dict(orient="records")
        ]
        text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    elif fmt == "parquet":
        _write_parquet(frame, out)
        return
    else:
        _write_xlsx(frame, out)
        return
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def _write_parquet(frame: pd.DataFrame, out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    scale = max((-v.as_tuple().exponent for v in frame["value"]), default=0)
    scale = max(scale, 0)
    digits = max((len(v.as_tuple().digits) - v.as_tuple().exponent - scale for v in frame["value"]), default=1)
    value_type = pa.decimal128(min(38, max(digits, 1) + scale), scale)
    table = pa.Table.from_pandas(frame.drop(columns=["value"]), preserve_index=False)
    table = table.add_column(6, "value", pa.array([v.quantize(Decimal(1).scaleb(-scale)) for v in frame["value"]], type=value_type))
    pq.write_table(table, out)


def _write_xlsx(frame: pd.DataFrame, out: Path) -> None:
    """Excel stores numbers as doubles: `value` is the number for spreadsheets, `value_exact` the
    exact decimal as text."""
    sheet = frame.rename(columns={"value": "value_exact"})
    sheet.insert(6, "value", sheet["value_exact"].map(float))
    sheet.to_excel(out, index=False, sheet_name="facts")


def cmd_facts(args: argparse.Namespace) -> int:
    doc = load(args.source)
    fmt = args.format or (args.output.suffix.lstrip(".") if args.output and args.output.suffix.lstrip(".") in FORMATS else "csv")
    write_facts(doc.facts, fmt, args.output)
    if args.output:
        print(f"{doc.doc_id}: {len(doc.facts)} facts from {sum(t['status'] == 'ok' for t in doc.meta['tables'].values())} tables → {args.output}", file=sys.stderr)
    for entry in doc.meta["tables"].values():
        if entry.get("error"):
            print(f"warning: {entry['error']}", file=sys.stderr)
    return 0


class Parser(argparse.ArgumentParser):
    """A bad option is one line on stderr and exit code 2, like unreadable input."""

    def error(self, message: str):
        self.exit(2, f"juesuan: {message} (juesuan --help lists the commands and options)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="juesuan", description="部门决算/预算 → exact, tidy data")
    sub = parser.add_subparsers(dest="command", required=True)
    facts = sub.add_parser("facts", help="one row per printed table figure (values in 元)")
    facts.add_argument("source", metavar="PATH|DOC_ID")
    facts.add_argument("--format", choices=FORMATS, help="default: from -o's suffix, else csv")
    facts.add_argument("-o", "--output", type=Path, metavar="OUT")
    facts.set_defaults(run=cmd_facts)
    check = sub.add_parser("check", help="claims of the narrative with verdicts, and findings")
    check.add_argument("source", metavar="PATH|DOC_ID")
    check.add_argument("--format", choices=("json", "table"), default="table")
    check.set_defaults(run=cmd_check)
    metrics = sub.add_parser("metrics", help="execution rates, structure, year on year, PEFA-style indicators")
    metrics.add_argument("source", metavar="PATH|DOC_ID")
    metrics.add_argument("--format", choices=("json", "table"), default="table")
    metrics.set_defaults(run=cmd_metrics)
    report = sub.add_parser("report", help="run the notebooks for documents and write HTML reports with an index")
    report.add_argument("sources", nargs="*", metavar="PATH|DOC_ID")
    report.add_argument("--all", action="store_true", help="every document of data/catalog.csv")
    report.add_argument("--jobs", type=int, default=1, metavar="N", help="notebooks run at once (default 1)")
    report.add_argument("-o", "--output", type=Path, default=Path("reports"), metavar="DIR", help="default: reports/")
    report.set_defaults(run=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ReadError, UsageError) as exc:
        print(f"juesuan: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"juesuan: cannot read or write {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
