"""`juesuan check PATH|DOC_ID [--format json|table] [--catalog CAT]`: claims, findings and the
disclosure checklist as JSON (DESIGN.md keys) or as a readable list.

A document listed in the catalog (`--catalog`, else the default) is also checked against the other
documents of its department there (`juesuan.checks.across`): its claims those documents decide
leave `unverifiable` (`decided_by` names the document), and their findings are listed apart."""
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
    from ..checks.across import audit_in_catalog

    doc = juesuan.load(source_of(args))
    cross = audit_in_catalog(doc)
    sys.stdout.write(audit_json(doc, cross) if args.format == "json" else audit_table(doc, cross))
    return 0


def audit_json(doc, cross=None) -> str:
    from ..checks.across import claims_decided
    from ..present import records

    findings = doc.findings
    claims = claims_decided(doc, cross) if cross is not None else doc.claims.assign(decided_by="")
    payload = {
        "doc_id": doc.doc_id,
        "department": doc.meta["department"],
        "year": doc.meta["year"],
        "layout": doc.meta["layout"],
        "summary": {
            "claims": claims["verdict"].value_counts().to_dict(),
            "findings": findings.groupby(["severity", "status"]).size().reset_index(name="count").to_dict("records"),
            "cross_findings": None if cross is None else len(cross.findings),
            "checklist": _present_counts(doc.checklist),
        },
        "claims": records(claims),
        "findings": records(findings),
        "cross_findings": None if cross is None else records(cross.findings),
        "cross_outcomes": None if cross is None else records(cross.outcomes),
        "checklist": records(doc.checklist),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def audit_table(doc, cross=None) -> str:
    from ..checks.across import claims_decided
    from ..present import printable

    findings = doc.findings
    claims = claims_decided(doc, cross) if cross is not None else doc.claims
    verdicts = claims["verdict"].value_counts()
    decided = int((claims["decided_by"] != "").sum()) if "decided_by" in claims else 0
    lines = [f"{doc.meta['department']} {doc.meta['year']}年度{doc.meta['kind']} ({doc.doc_id}, layout {doc.meta['layout']})",
             f"说明中的数字 claims: {len(claims)} — " + ", ".join(f"{k} {verdicts.get(k, 0)}" for k in ("ok", "mismatch", "unverifiable"))
             + (f"（其中 {decided} 个由其他文件判定 decided by other documents）" if decided else ""),
             f"发现 findings: {len(findings)}"]
    lines += _finding_lines(findings)
    lines += checklist_lines(doc.checklist)
    if cross is None:
        lines.append("跨文档核对 checks across documents: 本文件不在目录中 (the document is not in the catalog; "
                     "`juesuan catalog add` it to compare it with the department's other documents)")
    else:
        named = {o for v in cross.outcomes["other_doc_id"] for o in v.split(";") if o}
        others = sorted((named | set(cross.findings["doc_id"]) | set(cross.findings["other_doc_id"])) - {doc.doc_id})
        lines.append(f"跨文档核对 checks across documents: {len(cross.findings)} 项发现 findings"
                     + (f"，对照 against {', '.join(others)}" if others else "，目录中无可对照的文件 (no other document of this department to compare with)"))
        lines += _finding_lines(cross.findings)
    return "\n".join(printable(line) for line in lines) + "\n"


def _finding_lines(findings) -> list[str]:
    lines = []
    order = findings.assign(_o=findings["severity"].map(SEVERITY_ORDER)).sort_values(["_o", "rule_id"], kind="stable")
    for row in order.itertuples():
        where = "; ".join(_where(loc) for loc in row.locations[:2])
        lines.append(f"[{row.severity}] {row.rule_id} ({row.status}) {row.message_zh}")
        lines.append(f"    {row.message_en}" + (f"  @ {where}" if where else ""))
    return lines


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
    doc = f"{location['doc_id']} " if location.get("doc_id") else ""
    return doc + " ".join(x for x in (page, what) if x)
