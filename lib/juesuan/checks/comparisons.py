"""Comparison words between two stated figures (RULES.md: "决算数大于预算数" must agree with the
figures): a sentence that says how the 决算 stands to the 预算 — 大于 / 超过 / 高于, 小于 / 低于,
等于 / 持平 — is read against the nearest amount and budget stated before it under the same heading
("年初预算为2,993.92万元，支出决算为2,940.05万元，完成年初预算的98.20%。决算数小于预算数的主要原因：…").
"""
from __future__ import annotations

import re

import pandas as pd

from .. import narrative
from . import claims as verdicts

# actual (决算数, 执行数) → word → budget (预算数, 年初预算, 全年预算数 …)
COMPARISON = re.compile(r"(?:决算数?|执行数|实际支出)(?P<word>大于|超过|高于|多于|小于|低于|少于|等于|持平于?|与)"
                        r"(?P<basis>年初预算|全年预算|调整后?预算|预算)数?(?:持平|相同|一致)?")
WORDS = {"大于": ">", "超过": ">", "高于": ">", "多于": ">", "小于": "<", "低于": "<", "少于": "<",
         "等于": "=", "持平": "=", "持平于": "=", "与": "="}


def comparison_findings(blocks, claims: pd.DataFrame, finding) -> tuple[list[dict], int]:
    """Findings for comparison words the figures contradict, and how many comparisons were read.
    `finding` builds a finding (checks.audit._finding)."""
    out, checked = [], 0
    for sentence in narrative.blocks_to_sentences(blocks):
        match = COMPARISON.search(sentence.text)
        if not match:
            continue
        before = claims[(claims["section"] == sentence.section) & (claims["subsection"].fillna("") == (sentence.subsection or ""))
                        & (claims["claim_id"] < f"{sentence.section_no:02d}-{sentence.sentence_no:03d}")]
        actual = before[before["kind"] == "amount"].tail(1)
        budget = before[before["kind"] == "budget_amount"].tail(1)
        if actual.empty or budget.empty or actual.iloc[0]["value_yuan"] is None or budget.iloc[0]["value_yuan"] is None:
            continue
        checked += 1
        a, b = actual.iloc[0].to_dict(), budget.iloc[0].to_dict()
        tolerance = verdicts.stated_half(a) + verdicts.stated_half(b)
        av, bv = verdicts.stated_value(a), verdicts.stated_value(b)
        relation = WORDS[match.group("word")]
        # contradicted only where no true values within the printed rounding could bear the word out
        holds = {">": bv - av < tolerance, "<": av - bv < tolerance, "=": abs(av - bv) <= tolerance}[relation]
        if not holds:
            word = match.group("word")
            out.append(finding("N.comparison", f"说“{match.group()}”，而所述决算 {a['stated']}{a['unit']}、{b['basis'] or '预算'} {b['stated']}{b['unit']}",
                               f"says {word} but the stated figures are {a['stated']} and {b['stated']} {b['unit']}",
                               bv, av, tolerance, locations=[{"quote": sentence.text, "page": sentence.page}]))
    return out, checked
