"""Arguments several commands share: the document (one file, a doc_id, or the parts of one) and
the catalog doc_ids are looked up in."""
from __future__ import annotations

import argparse
from pathlib import Path


def add_source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", nargs="+", metavar="PATH|DOC_ID",
                        help="a file or catalog doc_id; several files: the parts of one disclosure (narrative, tables)")
    add_catalog_option(parser)


def add_catalog_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalog", type=Path, metavar="FILE",
                        help="the catalog doc_ids are looked up in (default: $JUESUAN_CATALOG, else data/catalog.csv)")


def source_of(args: argparse.Namespace):
    """What `juesuan.load` takes: the one source, or the list of parts."""
    return args.source[0] if len(args.source) == 1 else args.source


def add_document_command(sub, name: str, help_text: str) -> argparse.ArgumentParser:
    """A command that prints one document's results as JSON or a readable table."""
    parser = sub.add_parser(name, help=help_text)
    add_source(parser)
    parser.add_argument("--format", choices=("json", "table"), default="table")
    return parser
