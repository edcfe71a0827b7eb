"""Consistency checks: the relations of a 部门决算 as data (`RULES`) and one evaluator (`run_rules`).

    >>> from juesuan.checks import run_rules, rule_outcomes
    >>> run_rules(doc)        # findings: what fails, or cannot be checked
    >>> rule_outcomes(doc)    # every rule's outcome, passes included

Importing this package gives every `Document` its audit (`doc.claims`, `doc.findings`).
"""
from ..document import register_auditor
from .audit import Audit, audit_document
from .engine import FINDING_COLUMNS, OUTCOME_COLUMNS, evaluate, rule_outcomes, run_rules
from .rules import RULES, RULES_BY_ID, Cells, Rule

register_auditor(audit_document, Audit)

__all__ = ["FINDING_COLUMNS", "OUTCOME_COLUMNS", "RULES", "RULES_BY_ID", "Cells", "Rule", "audit_document",
           "evaluate", "rule_outcomes", "run_rules"]
