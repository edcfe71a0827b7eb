"""Analyses of one document: budget execution, PEFA-style indicators, structure, year on year,
三公经费, 机关运行经费, 政府采购, assets and the project self-evaluations.

    >>> from juesuan import metrics
    >>> metrics.budget_execution(doc)     # 决算 ÷ 年初预算, overall and per 类, 款 and 项
    >>> metrics.all_metrics(doc)          # every analysis, by name

Every function takes a `Document` and returns a tidy DataFrame: amounts are exact `Decimal` in 元,
ratios are `Decimal` (1.8416 means 184.16%), and each row says its `status` — ``ok``,
``insufficient_data`` (an input is missing: the `note` says which) or ``not_applicable`` (a ratio
of a zero) — so a missing figure never shows as a silent zero. A row that shows a figure the
narrative states (a `stated_…` column) also says in `statement` whether the statement holds, in
words: the audit's verdict of its claims (`claim_ids`): 不符 (与审计一致), 相符, 无从核对 (with the
reason), or 数据不足 / 不适用 where the metric could not be computed — never "ok" beside a figure the
audit finds wrong.

Analyses of a collection (`juesuan.collection`) are modules of their own, built on these:
`metrics.profiles` (each document's headline figures in one row), `metrics.trends` (a department
over the years) and `metrics.peers` (a year's departments side by side).
"""
import pandas as pd

from .base import INSUFFICIENT, NOT_APPLICABLE, OK, RATIO_PLACES, Tables, claims_of, ratio
from .controls import assets, procurement, running_costs, running_costs_total, three_public
from .execution import (budget_execution, composition_lines, execution_basis, execution_key_figures, pefa_indicators,
                        pi1_band, pi2_band)
from .performance import performance, performance_scores, performance_sentences
from .structure import (basic_vs_project, class_shares, document_total, income_by_source, personnel_vs_public, totals,
                        year_on_year)

__all__ = ["INSUFFICIENT", "NOT_APPLICABLE", "OK", "RATIO_PLACES", "Tables", "all_metrics", "assets", "basic_vs_project",
           "budget_execution", "claims_of", "class_shares", "composition_lines", "document_total", "execution_basis",
           "execution_key_figures", "income_by_source", "pefa_indicators", "performance", "performance_scores",
           "performance_sentences", "personnel_vs_public", "pi1_band", "pi2_band", "procurement", "ratio",
           "running_costs", "running_costs_total", "three_public", "totals", "year_on_year"]


def all_metrics(doc) -> dict[str, pd.DataFrame]:
    """Every analysis of this module, by name (the CLI's sections)."""
    execution = budget_execution(doc)
    return {
        "totals": totals(doc),
        "budget_execution": execution,
        "pefa": pefa_indicators(doc, execution),
        "class_shares": class_shares(doc, "类"),
        "subclass_shares": class_shares(doc, "款"),
        "basic_vs_project": basic_vs_project(doc),
        "personnel_vs_public": personnel_vs_public(doc),
        "income_by_source": income_by_source(doc),
        "year_on_year": year_on_year(doc),
        "three_public": three_public(doc),
        "running_costs": running_costs(doc),
        "procurement": procurement(doc),
        "assets": assets(doc),
        "performance": performance(doc),
    }
