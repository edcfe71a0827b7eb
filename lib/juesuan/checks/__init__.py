"""Consistency checks: the relations of a 部门决算 as data (`RULES`) and one evaluator (`run_rules`).

    >>> from juesuan.checks import run_rules, rule_outcomes
    >>> run_rules(doc)        # findings: what fails, or cannot be checked
    >>> rule_outcomes(doc)    # every rule's outcome, passes included

Importing this package gives every `Document` its audit (`doc.claims`, `doc.findings`) and every
collection its checks across documents (`checks.across`: `col.cross_audit`, `col.cross_findings`).
"""
from ..corpus import register_cross_auditor
from ..document import register_auditor
from .across import CrossAudit, cross_audit
from .audit import Audit, audit_document
from .engine import FINDING_COLUMNS, OUTCOME_COLUMNS, evaluate, rule_outcomes, run_rules
from .rules import RULES, RULES_BY_ID, Cells, Rule

register_auditor(audit_document, Audit)
register_cross_auditor(cross_audit)

__all__ = ["CrossAudit", "FINDING_COLUMNS", "OUTCOME_COLUMNS", "RULES", "RULES_BY_ID", "Cells", "Rule", "audit_document", "cross_audit",
           "evaluate", "rule_outcomes", "run_rules"]
