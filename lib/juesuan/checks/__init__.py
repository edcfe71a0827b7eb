"""Consistency checks: the relations of a 部门决算 as data (`RULES`) and one evaluator (`run_rules`).

    >>> from juesuan.checks import run_rules, rule_outcomes
    >>> run_rules(doc)        # findings: what fails, or cannot be checked
    >>> rule_outcomes(doc)    # every rule's outcome, passes included
"""
from .engine import FINDING_COLUMNS, OUTCOME_COLUMNS, evaluate, rule_outcomes, run_rules
from .rules import RULES, RULES_BY_ID, Cells, Rule

__all__ = ["FINDING_COLUMNS", "OUTCOME_COLUMNS", "RULES", "RULES_BY_ID", "Cells", "Rule", "evaluate",
           "rule_outcomes", "run_rules"]
