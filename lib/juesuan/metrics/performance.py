"""Project performance self-evaluations (项目支出绩效自评表)."""
from __future__ import annotations

import re

import pandas as pd

from .base import INSUFFICIENT, OK, ZERO, Tables, insufficient, missing_table, ratio, rows_frame, statement_words

# --- project performance self-evaluations -------------------------------------------------------------

PERFORMANCE_COLUMNS = ["table", "project", "grade", "total_score", "indicator_score_sum", "score_difference",
                       "full_year_budget", "executed", "stated_execution_rate", "execution_rate", "status", "note", "statement"]


NO_SELF_EVALUATION = "文件未附项目支出绩效自评表 (no project self-evaluation tables)"


def performance(doc) -> pd.DataFrame:
    """One row per 项目支出绩效自评表: its grade and 总分, the sum of the scores it prints (the funds
    row's 得分 plus every indicator's), and 全年执行数 ÷ 全年预算数 beside the printed 执行率;
    `statement` says whether the printed figures hold (the audit's P.execution_rate, P.total and
    P.grade for the table)."""
    tables = Tables(doc)
    keys = [k for k in doc.meta.get("tables", {}) if k.startswith("performance_")]
    if not keys:
        return insufficient(PERFORMANCE_COLUMNS, NO_SELF_EVALUATION)
    rows = []
    for key in sorted(keys, key=lambda k: int(k.split("_")[1])):
        info = doc.meta["tables"][key]
        if not tables.readable(key):
            rows.append({"table": key, "project": info.get("project", ""), "status": INSUFFICIENT,
                         "note": missing_table(tables, key)})
            continue
        facts = tables.rows(key)
        funds = facts[facts["item"] == "资金总额"]
        indicators = facts[(facts["column"] == "得分") & ~facts["item"].isin(["总分"]) & (facts["unit_source"] == "分")
                           & ~facts["item"].isin(set(facts.loc[facts["column"] == "全年预算数", "item"]) - {"资金总额"})]
        total = tables.value(key, "得分", item="总分")
        score_sum = sum(indicators["value"], ZERO)
        budget = tables.value(key, "全年预算数", item="资金总额")
        executed = tables.value(key, "全年执行数", item="资金总额")
        stated_rate = tables.value(key, "执行率", item="资金总额") if len(funds) else None
        rows.append({
            "table": key, "project": info.get("project", ""), "grade": info.get("grade", ""), "total_score": total,
            "indicator_score_sum": score_sum, "score_difference": (total - score_sum) if total is not None else None,
            "full_year_budget": budget, "executed": executed,
            "stated_execution_rate": stated_rate / 100 if stated_rate is not None else None,
            "execution_rate": ratio(executed, budget),
            "status": OK if total is not None else INSUFFICIENT, "note": "" if total is not None else "未印总分 (no total score)",
        })
    frame = rows_frame(rows, PERFORMANCE_COLUMNS[:-1])
    return frame.assign(statement=[statement_words(_rate_verdicts(doc.findings, key), status, note)
                                   for key, status, note in zip(frame["table"], frame["status"], frame["note"].fillna(""))])


# The audit's rules over the figures a row of `performance` shows: 执行率, 总分 and 等级.
SHOWN_RULES = ("P.execution_rate", "P.total", "P.grade")


def _rate_verdicts(findings: pd.DataFrame, table: str) -> list[tuple[str, str]]:
    """The audit's verdict of the figures a self-evaluation table prints (`SHOWN_RULES`): a failing
    finding is a mismatch, one without its inputs unverifiable (with the reason), else they hold."""
    mine = findings[findings["rule_id"].isin(SHOWN_RULES)
                    & findings["locations"].map(lambda locs: any(loc.get("table") == table for loc in locs or []))]
    if (mine["status"] == "fail").any():
        return [("mismatch", "")]
    if len(mine):
        return [("unverifiable", mine["message_zh"].iloc[0])]
    return [("ok", "")]


def performance_scores(doc, table: str) -> pd.DataFrame:
    """The scores one self-evaluation prints: each indicator's 分值 and 得分, the funds row's 得分."""
    facts = Tables(doc).rows(table)
    scored = facts[facts["unit_source"] == "分"]
    wide = scored.pivot_table(index="item", columns="column", values="value", aggfunc="first", sort=False)
    wide = wide.reindex(columns=["分值", "得分"]).reset_index()
    return wide[wide["item"] != "总分"].reset_index(drop=True)


# --- what the narrative says about 绩效 ------------------------------------------------------------------

PERFORMANCE_WORD = "绩效"
# 绩效 as a kind of pay (绩效工资, 基础绩效奖) says nothing about how the money performed.
PAY_WORDS = re.compile(r"绩效(?:工资|奖)")
SENTENCE_COLUMNS = ["heading", "sentence", "page"]


def performance_sentences(doc) -> pd.DataFrame:
    """What the narrative says about 绩效, for a document without self-evaluation tables (a Shanghai
    决算 reports its 预算绩效管理情况 in words): every narrative sentence under a heading that names
    绩效, and every other one that mentions it, in the document's order, each with the heading it
    falls under (the innermost) and its page (None in a file without pages). 绩效 as pay (绩效工资)
    does not count."""
    from ..narrative import blocks_to_sentences

    rows = [{"heading": s.headings[-1] if s.headings else "", "sentence": s.text, "page": s.page}
            for s in blocks_to_sentences(doc.blocks)
            if PERFORMANCE_WORD in PAY_WORDS.sub("", s.text) or any(PERFORMANCE_WORD in h for h in s.headings)]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
