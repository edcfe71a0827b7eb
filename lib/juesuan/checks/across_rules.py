"""The checks across documents as data: one entry per relation, evaluated by `checks.across`.

A rule names the kind of documents it checks (`kinds`), the other document it needs (`other`:
``prior`` — the year before, chosen by the basis the sentence names; ``prior_budget`` — last year's
budget; ``same_year_budget`` — the budget of the same year) and what it compares (`kind`):

* ``derived_prior``   last year's figure a document derives (this year ∓ the stated change,
                      `doc.audit.derived`) = the figure last year's document prints;
* ``prior_rate``      a stated growth rate = (this year − last year's printed figure) ÷ last year's;
* ``carried_column``  a budget's printed 上年预算数 = last year's budget's 本年预算数 (an adjusted
                      budget may differ legitimately: a warning);
* ``budget_in_final`` a final account's printed 年初预算 cells = the same year's budget;
* ``budget_claim``    a 年初预算 the final account's narrative states = the same year's budget;
* ``execution_rate``  a stated 完成年初预算的X% = outturn ÷ the same year's budget document.
"""
from __future__ import annotations

from dataclasses import dataclass

CROSS_KINDS = ("derived_prior", "prior_rate", "carried_column", "budget_in_final", "budget_claim", "execution_rate")
OTHERS = ("prior", "prior_budget", "same_year_budget")


@dataclass(frozen=True)
class CrossRule:
    id: str
    kind: str
    severity: str
    zh: str
    en: str
    other: str
    kinds: tuple[str, ...] = ("决算", "预算")

    def __post_init__(self):
        if self.kind not in CROSS_KINDS or self.other not in OTHERS or self.severity not in ("error", "warning", "info"):
            raise ValueError(f"cross rule {self.id}: bad kind, other or severity")


CROSS_RULES: tuple[CrossRule, ...] = (
    CrossRule("X.derived_prior", "derived_prior", "error",
              "由本年数和所述增减额推得的上年数应等于上年文件所列数",
              "Last year's figure implied by this year's and the stated change equals last year's document", "prior"),
    CrossRule("X.prior_rate", "prior_rate", "error", "所述增减率应按上年文件所列数计算",
              "A stated growth rate follows from last year's document", "prior"),
    CrossRule("X.prior_budget_column", "carried_column", "warning",
              "预算表中的上年预算数应等于上年预算文件的本年预算数（预算调整时可不同）",
              "A budget's 上年预算数 equals last year's budget (an adjusted budget may differ)", "prior_budget", ("预算",)),
    CrossRule("X.initial_budget", "budget_in_final", "error", "决算表中的年初预算数应等于同年预算文件所列数",
              "A final account's 年初预算 cells equal the same year's budget", "same_year_budget", ("决算",)),
    CrossRule("X.initial_budget_claim", "budget_claim", "error", "决算说明所述年初预算数应等于同年预算文件所列数",
              "A 年初预算 stated in a final account equals the same year's budget", "same_year_budget", ("决算",)),
    CrossRule("X.execution_rate", "execution_rate", "error", "所述完成年初预算的比例应等于决算数除以同年预算文件所列数",
              "A stated completion rate equals the outturn ÷ the same year's budget document", "same_year_budget", ("决算",)),
)
CROSS_RULES_BY_ID = {rule.id: rule for rule in CROSS_RULES}
if len(CROSS_RULES_BY_ID) != len(CROSS_RULES):  # pragma: no cover - a spec error, caught on import
    raise ValueError("duplicate cross rule ids")
