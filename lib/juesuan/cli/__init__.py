"""The `juesuan` command (DESIGN.md: stable, scripts depend on it): one module per command.

Each command module holds `add_parser(sub)` and `run(args)`, and imports what it needs inside
`run`, so `juesuan --help` imports nothing heavy. Exit 0 on success, 2 with one line on stderr for
input that cannot be read or a bad option.
"""
from __future__ import annotations

import argparse
import os
import sys

from .. import limits
from ..errors import JuesuanError
from . import catalog, check, export, facts, metrics, report

COMMANDS = (facts, check, metrics, report, catalog, export)


class Parser(argparse.ArgumentParser):
    """A bad option is one line on stderr and exit code 2, like unreadable input."""

    def error(self, message: str):
        self.exit(2, f"juesuan: {message} (juesuan --help lists the commands and options)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="juesuan", description="部门决算/预算 → exact, tidy data")
    parser.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE",
                        help="raise (or lower) a work limit, e.g. --limit pages=5000; 0 turns it off "
                             "(README, \"Limits and safety\")")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for command in COMMANDS:
        command.add_parser(sub).set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        limits.extend_environment(args.limit)  # in the environment: batch steps and kernels see it too
        if getattr(args, "catalog", None):  # likewise: every doc_id is looked up in this catalog
            os.environ["JUESUAN_CATALOG"] = str(args.catalog.resolve())
        return args.run(args)
    except JuesuanError as exc:
        print(f"juesuan: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"juesuan: cannot read or write {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
