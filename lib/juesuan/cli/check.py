"""`juesuan check PATH|DOC_ID [--format json|table]`: claims, findings and the disclosure checklist
as JSON (DESIGN.md keys) or as a readable list."""
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
            "checklist": _present_counts(doc.checklist),
        },
        "claims": records(doc.claims),
        "findings": records(findings),
        "checklist": records(doc.checklist),
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
    lines += checklist_lines(doc.checklist)
    return "\n".join(printable(line) for line in lines) + "\n"


def checklist_lines(checklist) -> list[str]:
    """公开完整性: one line per part — 是/否/无法判断, its pages, the findings inside it."""
    counts = _present_counts(checklist)
    lines = ["公开完整性 disclosure checklist: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in ("是", "否", "无法判断"))]
    for row in checklist.itertuples():
        mark = row.present if row.required == "是" or row.present == "是" else "—"  # a part this level need not print
        pages = f" p.{row.pages}" if row.pages else ""
        extra = " (不要求 not required)" if row.required == "否" else ""
        lines.append(f"  {mark} {row.part_zh}{pages}{extra}" + (f" · {row.findings}" if row.findings else ""))
    return lines


def _present_counts(checklist) -> dict:
    """是 / 否 / 无法判断 over the parts a document must print."""
    return {k: int(v) for k, v in checklist.loc[checklist["required"] == "是", "present"].value_counts().items()}


def _where(location: dict) -> str:
    page = f"p.{location['page']}" if location.get("page") else ""
    what = location.get("table") or (location.get("quote") or "")[:30]
    return " ".join(x for x in (page, what) if x)
