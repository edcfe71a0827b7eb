"""`juesuan check PATH|DOC_ID [--format json|table]`: claims and findings as JSON (DESIGN.md keys) or
as a readable list."""
from __future__ import annotations

import argparse
import json
import sys

from .arguments import add_document_command, source_of

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def add_parser(sub) -> argparse.ArgumentParser:
    return add_document_command(sub, "check", "claims of the narrative with verdicts, and findings")


def run(args: argparse.Namespace) -> int:
    import juesuan

    doc = juesuan.load(source_of(args))
    sys.stdout.write(audit_json(doc) if args.format == "json" else audit_table(doc))
    return 0


def audit_json(doc) -> str:
    from ..present import records

    findings = doc.findings
    payload = {
        "doc_id": doc.doc_id,
        "department": doc.meta["department"],
        "year": doc.meta["year"],
        "layout": doc.meta["layout"],
        "summary": {
            "claims": doc.claims["verdict"].value_counts().to_dict(),
            "findings": findings.groupby(["severity", "status"]).size().reset_index(name="count").to_dict("records"),
        },
        "claims": records(doc.claims),
        "findings": records(findings),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def audit_table(doc) -> str:
    from ..present import printable

    claims, findings = doc.claims, doc.findings
    verdicts = claims["verdict"].value_counts()
    lines = [f"{doc.meta['department']} {doc.meta['year']}年度{doc.meta['kind']} ({doc.doc_id}, layout {doc.meta['layout']})",
             f"说明中的数字 claims: {len(claims)} — " + ", ".join(f"{k} {verdicts.get(k, 0)}" for k in ("ok", "mismatch", "unverifiable")),
             f"发现 findings: {len(findings)}"]
    order = findings.assign(_o=findings["severity"].map(SEVERITY_ORDER)).sort_values(["_o", "rule_id"], kind="stable")
    for row in order.itertuples():
        where = "; ".join(_where(loc) for loc in row.locations[:2])
        lines.append(f"[{row.severity}] {row.rule_id} ({row.status}) {row.message_zh}")
        lines.append(f"    {row.message_en}" + (f"  @ {where}" if where else ""))
    return "\n".join(printable(line) for line in lines) + "\n"


def _where(location: dict) -> str:
    page = f"p.{location['page']}" if location.get("page") else ""
    what = location.get("table") or (location.get("quote") or "")[:30]
    return " ".join(x for x in (page, what) if x)
