"""The audit of one document: table relations (`checks.rules`), every narrative claim's verdict
(`checks.claims`), the project self-evaluation tables, the form and the disclosure checklist
(`checks.disclosure`) — one findings table.

    >>> doc.claims      # each stated figure with verdict, computed value, tolerance, note
    >>> doc.findings    # rule_id, severity, status, message_zh, message_en, expected, found, …
    >>> doc.checklist   # each part the layout requires: present 是/否/无法判断, pages, the findings in it
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from .. import narrative
from ..numbers import in_unit
from . import claims as verdicts
from . import tolerance as tol
from .class_names import class_name_findings
from .comparisons import comparison_findings
from .disclosure import document_to_checklist
from .engine import FINDING_COLUMNS, Book, _plain, _text, run_rules
from .rules import Cells

CLAIM_VERDICT_COLUMNS = ["verdict", "computed", "difference", "tolerance", "note"]
DERIVED_COLUMNS = ["doc_id", "table", "side", "code", "item", "column", "value", "unit_source", "page", "decimals",
                   "provenance", "source", "fund", "claim_id", "this_year", "this_year_source"]


@dataclass(frozen=True)
class NarrativeRule:
    id: str
    severity: str
    zh: str
    en: str


# Rules over the narrative and the self-evaluation tables, as data; the claim kinds map to them.
NARRATIVE_RULES: tuple[NarrativeRule, ...] = (
    NarrativeRule("N.amount", "error", "说明中的金额应等于表中对应数", "An amount in the narrative equals the table figure it names"),
    NarrativeRule("N.unit_slip", "warning", "说明中的金额单位有误（元与万元相差10⁴）", "An amount's unit is off by 10⁴ (元 written as 万元 or the reverse)"),
    NarrativeRule("N.share", "error", "占比应等于金额除以所称总数", "A share equals the amount divided by the named whole"),
    NarrativeRule("N.yoy_rate", "error", "增减率应等于增减额除以上年数", "A year-on-year rate equals the change divided by last year's figure"),
    NarrativeRule("N.yoy_direction", "error", "增减方向用词应与数值一致", "The direction words of a change agree with its sign"),
    NarrativeRule("N.completion_rate", "error", "完成率应等于决算数除以所称预算数", "A completion rate equals the outturn divided by the named budget"),
    NarrativeRule("N.completion_zero_budget", "warning", "预算数为0时不应陈述完成率", "No completion rate may be stated against a budget of 0"),
    NarrativeRule("N.budget_amount", "error", "说明中的预算数应等于表中预算数", "A budget amount in the narrative equals the table's budget figure"),
    NarrativeRule("N.budget_sum", "error", "各类年初预算之和应等于年初预算总数", "The 年初预算 by 类 adds up to the stated total 年初预算"),
    NarrativeRule("N.count", "error", "说明中的数量应等于表中数量", "A count in the narrative equals the printed count"),
    NarrativeRule("N.grade_counts", "error", "各等级项目个数之和应等于自评项目个数", "The projects by grade add up to the number of projects evaluated"),
    NarrativeRule("N.score", "error", "说明中的自评得分应等于自评表总分", "A score in the narrative equals the self-evaluation table's total"),
    NarrativeRule("N.grade", "error", "说明中的自评等级应与自评表一致", "A grade in the narrative equals the self-evaluation table's grade"),
    NarrativeRule("P.execution_rate", "error", "自评表执行率应等于全年执行数除以全年预算数", "执行率 = 全年执行数 ÷ 全年预算数 in a self-evaluation table"),
    NarrativeRule("P.budget_score", "warning", "预算执行率得分应为执行率乘以其分值（10分）", "The budget-execution score is the rate times its weight (10)"),
    NarrativeRule("P.indicator_le_weight", "error", "指标得分不应超过其分值", "No indicator scores more than its weight"),
    NarrativeRule("P.weights", "warning", "各指标分值与预算执行分值之和应为100", "The weights add up to 100"),
    NarrativeRule("P.total", "error", "总分应等于各项得分之和", "The total score equals the sum of its parts"),
    NarrativeRule("P.grade", "error", "等级应与总分相符（90分以上优，80–90良，60–80中，60以下差）", "The grade matches the total (≥90 优, ≥80 良, ≥60 中, else 差)"),
    NarrativeRule("N.comparison", "error", "比较用词（大于/小于/持平）应与所述数字一致",
                  "A comparison word (greater / less / equal) agrees with the figures stated"),
    NarrativeRule("N.class_name", "warning", "说明中带编码的科目名称应与表中一致",
                  "A subject named with its code carries the tables' name for that code"),
    NarrativeRule("F.placeholder", "error", "正文中残留模板占位符", "A template placeholder is left in the text"),
    NarrativeRule("F.report_year", "error", "封面和标题中的年度应为报告年度", "Cover and headings name the report year"),
    NarrativeRule("F.comparison_year", "error", "同比的比较年度应为上一年度", "The comparison year is the year before the report year"),
    NarrativeRule("F.as_of_year", "error", "“截至X年”的年度：决算为报告年度，预算为上一年度",
                  "A 截至 date names the report year (决算) or the year before (预算)"),
    NarrativeRule("F.percent_sign", "warning", "百分比应带%号", "A percentage carries its % sign"),
    NarrativeRule("F.punctuation", "info", "标点应无重复、引号应成对、句子应完整",
                  "No mark printed twice, quotation marks in pairs, no sentence cut short"),
    NarrativeRule("F.level_words", "warning", "单位预算（决算）的正文应称“单位”而非“部门”",
                  "A unit's document calls itself 单位, not 部门"),
    # error, as F.placeholder: the table does not disclose that figure, and no relation using it can
    # be checked (engine: insufficient_data), whatever the figure should have been
    NarrativeRule("F.unreadable_number", "error", "表中印出的数应可读作数字", "Every figure printed in a table reads as a number"),
)
RULES_BY_ID = {rule.id: rule for rule in NARRATIVE_RULES}
KIND_RULE = {"amount": "N.amount", "share": "N.share", "yoy_rate": "N.yoy_rate", "yoy_change": "N.yoy_direction",
             "completion_rate": "N.completion_rate", "budget_amount": "N.budget_amount", "count": "N.count",
             "score": "N.score", "grade": "N.grade"}
# 财政部《项目支出绩效评价管理办法》(财预〔2020〕10号) 附件: 预算执行率 carries a weight of 10 and
# all indicators together 100.
BUDGET_WEIGHT = Decimal(10)
TOTAL_WEIGHT = Decimal(100)


@dataclass
class Audit:
    claims: pd.DataFrame
    findings: pd.DataFrame
    derived: pd.DataFrame
    outcomes: pd.DataFrame
    checklist: pd.DataFrame


def audit_document(doc) -> Audit:
    from .engine import rule_outcomes

    claims = narrative.blocks_to_claims(doc.blocks)
    ctx = verdicts.Context(Book(doc.facts, doc.meta), doc.meta, claims)
    rows, findings = [], []
    for claim in claims.to_dict("records"):
        verdict = verdicts.judge(claim, ctx)
        rows.append(_verdict_columns(claim, verdict))
        if verdict.verdict == "mismatch":
            findings.append(_claim_finding(claim, verdict))
    claims = pd.concat([claims.reset_index(drop=True), pd.DataFrame(rows, columns=CLAIM_VERDICT_COLUMNS)], axis=1)
    findings += budget_sum_findings(claims) + grade_count_findings(claims)
    findings += performance_findings(ctx) + form_findings(doc, claims)
    compared, comparisons = comparison_findings(doc.blocks, claims, _finding)
    named, class_names = class_name_findings(doc, _finding)
    findings += compared + named + level_word_findings(doc) + unreadable_findings(doc.meta)
    table_findings = run_rules(doc.facts, doc.meta).assign(source="table")
    # the checklist shows every finding in the part it falls in, and adds its own (D.*)
    checklist, disclosed, disclosure_outcomes = document_to_checklist(doc, table_findings.to_dict("records") + findings)
    all_findings = pd.concat([table_findings, pd.DataFrame(findings + disclosed, columns=FINDING_COLUMNS + ["source"])],
                             ignore_index=True)
    derived = pd.DataFrame(ctx.derived, columns=DERIVED_COLUMNS)
    counts = {"N.comparison": comparisons, "N.class_name": class_names,
              "F.as_of_year": len(narrative.as_of_observations(doc.blocks)),
              "F.unreadable_number": len(doc.facts) + len(doc.meta.get("unreadable_cells") or ())}  # value cells read
    outcomes = pd.concat([rule_outcomes(doc.facts, doc.meta), narrative_outcomes(claims, all_findings, doc.meta, counts),
                          pd.DataFrame(disclosure_outcomes)], ignore_index=True)
    return Audit(claims, all_findings, derived, outcomes, checklist)


def narrative_outcomes(claims: pd.DataFrame, findings: pd.DataFrame, meta: dict, counts: dict | None = None) -> pd.DataFrame:
    """Every N./P./F. rule's outcome, passes included, so a pass is told from a rule that never ran.
    `counts`: how many checks the rules evaluated that are not claims (rule id → number)."""
    checked = claims[claims["verdict"] != "unverifiable"]
    kinds = checked["kind"].value_counts()
    performance = sum(1 for k, t in meta.get("tables", {}).items() if k.startswith("performance_") and t.get("status") == "ok")
    evaluated = {rule_id: int(kinds.get(kind, 0)) for kind, rule_id in KIND_RULE.items()}
    evaluated.update({
        "N.unit_slip": int(kinds.get("amount", 0)),
        "N.yoy_direction": int(kinds.get("yoy_rate", 0)),
        "N.completion_zero_budget": int((claims["kind"] == "completion_rate").sum()),
        "N.budget_sum": int(((claims["kind"] == "budget_amount") & (claims["code"].fillna("").str.len() == 3)).sum()),
        "N.grade_counts": int(claims["subject"].fillna("").str.startswith("等级为").sum()),
        **(counts or {}),
        "F.placeholder": 1, "F.report_year": 1, "F.punctuation": 1, "F.level_words": int(meta.get("level") == "单位"),
        "F.comparison_year": int(claims["year"].notna().sum()),
        "F.percent_sign": int(claims["unit"].isin(["%", ""]).sum()),
        **{rule.id: performance for rule in NARRATIVE_RULES if rule.id.startswith("P.")},
    })
    rows = []
    for rule in NARRATIVE_RULES:
        mine = findings[findings["rule_id"] == rule.id]
        failed, lacking = int((mine["status"] == "fail").sum()), int((mine["status"] == "insufficient_data").sum())
        checks = evaluated.get(rule.id, 0)
        outcome = "fail" if failed else "insufficient_data" if lacking else "pass" if checks else "not_applicable"
        rows.append({"rule_id": rule.id, "severity": rule.severity, "kind": "narrative", "outcome": outcome,
                     "checks": checks, "failed": failed, "insufficient": lacking, "note": ""})
    return pd.DataFrame(rows)


def _verdict_columns(claim: dict, verdict: verdicts.Verdict) -> dict:
    computed = verdict.computed
    difference = None
    if isinstance(computed, Decimal) and claim["stated"] not in ("", None) and claim["kind"] not in ("yoy_change",):
        stated = verdicts.stated_value(claim) if claim["unit"] not in ("%",) else Decimal(claim["stated"])
        difference = stated - computed
    note = verdict.note + ("；单位疑误 (unit slip)" if verdict.unit_slip else "")
    return {"verdict": verdict.verdict, "computed": _round(computed), "difference": _round(difference),
            "tolerance": _round(verdict.tolerance), "note": note}


def _round(value):
    """Ratios recomputed from exact inputs are long; six places are plenty to show them."""
    if isinstance(value, Decimal):
        return _plain(value.quantize(Decimal("0.000001")) if value.as_tuple().exponent < -6 else value)
    return value


def _finding(rule_id: str, zh: str, en: str, expected=None, found=None, tolerance=None, locations=()) -> dict:
    rule = RULES_BY_ID[rule_id]
    numeric = isinstance(expected, Decimal) and isinstance(found, Decimal)
    return {"rule_id": rule_id, "severity": rule.severity, "status": "fail",
            "message_zh": f"{rule.zh}：{zh}", "message_en": f"{rule.en}: {en}",
            "expected": _text(_round(expected)), "found": _text(_round(found)),
            "difference": _text(_round(found - expected)) if numeric else "", "tolerance": _text(_round(tolerance)),
            "locations": list(locations), "source": "narrative" if rule_id[0] == "N" else "performance" if rule_id[0] == "P" else "form"}


def _claim_location(claim: dict, compared: list | None = None) -> dict:
    """The sentence and page, the figure as the sentence states it (separators removed) and, where
    the claim was checked against the tables, the cells compared (`claims.judge`)."""
    page = claim.get("page")
    location = {"quote": claim["quote"], "page": None if page is None or pd.isna(page) else int(page)}
    if claim.get("stated") not in ("", None):
        location["figure"] = f"{claim['stated']}{'' if claim.get('missing_percent_sign') else claim['unit'] or ''}"
    if compared:
        location["compared"] = compared
    return location


def _claim_finding(claim: dict, verdict: verdicts.Verdict) -> dict:
    rule_id = "N.unit_slip" if verdict.unit_slip else verdict.rule_id or KIND_RULE[claim["kind"]]
    stated = f"{claim['stated']}{claim['unit']}"
    if verdict.unit_slip:
        zh = f"“{claim['subject']}”写作 {stated}，表中为 {_text(verdict.computed)} 元"
        en = f"{claim['subject']} is stated as {stated}; the table prints {_text(verdict.computed)} 元"
    elif isinstance(verdict.computed, Decimal):
        computed = in_unit(verdict.computed, claim["unit"] or "")  # in the unit the sentence states it in
        zh = f"“{claim['subject']}”述为 {stated}，按表计算为 {computed}（{verdict.note}）"
        en = f"{claim['subject']} is stated as {stated}; recomputed from the tables: {computed} ({verdict.note})"
    else:
        zh = f"“{claim['subject']}” {stated}：{verdict.note}"
        en = f"{claim['subject']} {stated}: {verdict.note}"
    expected = verdict.computed if isinstance(verdict.computed, Decimal) else None
    found = (Decimal(claim["stated"]) if claim["unit"] == "%" else verdicts.stated_value(claim)) if claim["stated"] not in ("", None) and expected is not None else None
    return _finding(rule_id, zh, en, expected, found, verdict.tolerance, [_claim_location(claim, verdict.cells)])


def budget_sum_findings(claims: pd.DataFrame) -> list[dict]:
    """In each section, the 年初预算 stated by 类 add up to the stated total 年初预算."""
    out = []
    budgets = claims[(claims["kind"] == "budget_amount") & (claims["basis"] == "年初预算")]
    for _, group in budgets.groupby("section", sort=False):
        totals = group[group["code"].fillna("") == ""]
        parts = group[group["code"].fillna("").str.len() == 3]
        if len(totals) != 1 or parts.empty:
            continue
        total = verdicts.stated_value(totals.iloc[0].to_dict())
        found = sum((verdicts.stated_value(p) for p in parts.to_dict("records")), Decimal(0))
        tolerance = tol.envelope([verdicts.stated_half(totals.iloc[0].to_dict())] + [verdicts.stated_half(p) for p in parts.to_dict("records")])
        if not tol.within(found, total, tolerance):
            out.append(_finding("N.budget_sum", f"各类年初预算合计 {_text(found)}，总数述为 {_text(total)}",
                                f"the 类 budgets add up to {_text(found)}; the total is stated as {_text(total)}",
                                total, found, tolerance, [_claim_location(totals.iloc[0].to_dict())]))
    return out


def grade_count_findings(claims: pd.DataFrame) -> list[dict]:
    """"自评个数21个 … ：19个项目自评等级为“优”、1个…良…": under one heading, the projects counted by
    grade after a number evaluated add up to it."""
    out = []
    counts = claims[claims["kind"] == "count"]
    for _, group in counts.groupby(["section", "subsection"], sort=False, dropna=False):
        total, graded = None, []
        for claim in [*group.to_dict("records"), None]:
            is_total = claim is not None and claim["subject"].endswith("项目") and not claim["subject"].startswith("等级为")
            if claim is None or is_total:
                if total is not None and graded:
                    out += _grade_count_finding(total, graded)
                total, graded = (claim, []) if is_total else (None, [])
            elif total is not None and claim["subject"].startswith("等级为"):
                graded.append(claim)
    return out


def _grade_count_finding(total: dict, graded: list[dict]) -> list[dict]:
    expected = Decimal(total["stated"])
    found = sum((Decimal(g["stated"]) for g in graded), Decimal(0))
    if found == expected:
        return []
    return [_finding("N.grade_counts", f"各等级合计 {found} 个，自评个数 {expected} 个",
                     f"{found} projects by grade, {expected} evaluated", expected, found, Decimal(0), [_claim_location(total)])]


def performance_findings(ctx: verdicts.Context) -> list[dict]:
    """The arithmetic of each 项目支出绩效自评表 (RULES.md, performance self-evaluation tables)."""
    out = []
    for key, info in ctx.meta.get("tables", {}).items():
        if not key.startswith("performance_") or info.get("status") != "ok":
            continue
        name = info.get("project") or key
        out += _performance_table(ctx, key, name, info.get("grade", ""))
    return out


def _performance_table(ctx: verdicts.Context, key: str, name: str, grade: str) -> list[dict]:
    out = []
    budget = ctx.figure(Cells(key, "全年预算数", items=("资金总额",)))
    spent = ctx.figure(Cells(key, "全年执行数", items=("资金总额",)))
    rate = ctx.figure(Cells(key, "执行率", items=("资金总额",)))
    score = ctx.figure(Cells(key, "得分", items=("资金总额",)))
    where = [{"table": key, "item": "资金总额", "page": _page(budget) or _page(total_figure(ctx, key))}]
    printed = lambda figure: figure is not None and bool(figure.rows)  # noqa: E731
    if not (printed(budget) and printed(spent) and printed(rate)) or not budget.value:
        out.append(_lacking("P.execution_rate", name, "资金总额的全年预算数、全年执行数或执行率", where))
    if not printed(score):
        out += [_lacking(rule_id, name, "资金总额的预算执行得分", where) for rule_id in ("P.budget_score", "P.total")]
    if printed(budget) and printed(spent) and printed(rate) and budget.value:
        computed = spent.value / budget.value * verdicts.PERCENT
        tolerance = tol.percent_tolerance(spent.value, budget.value, spent.half, budget.half, rate.rows[0]["decimals"])
        if not tol.within(rate.value, computed, tolerance):
            out.append(_finding("P.execution_rate", f"{name}：执行率印为 {rate.value}%，计算为 {_text(_round(computed))}%",
                                f"{name}: 执行率 printed {rate.value}%, computed {_text(_round(computed))}%", computed, rate.value, tolerance, where))
        if score and score.rows:
            expected = min(computed, verdicts.PERCENT) / verdicts.PERCENT * BUDGET_WEIGHT
            tolerance = score.half + tolerance * BUDGET_WEIGHT / verdicts.PERCENT
            if not tol.within(score.value, expected, tolerance):
                out.append(_finding("P.budget_score", f"{name}：预算执行得分 {score.value}，按执行率应为 {_text(_round(expected))}",
                                    f"{name}: budget score {score.value}, {_text(_round(expected))} by the rate", expected, score.value, tolerance, where))
    indicators = ctx.book.select(Cells(key, ("分值", "得分")), None)
    indicators = indicators[~indicators["item"].isin(["资金总额", "总分"]) & indicators["column"].isin(["分值", "得分"])]
    weights = {r["item"]: r["value"] for r in indicators[indicators["column"] == "分值"].to_dict("records")}
    # indicators are the rows with a 分值; fund-source rows (市县区财政资金) have 得分 but no 分值
    scores = {r["item"]: r for r in indicators[indicators["column"] == "得分"].to_dict("records") if r["item"] in weights}
    for item, row in scores.items():
        if item in weights and row["value"] > weights[item]:
            out.append(_finding("P.indicator_le_weight", f"{name}·{item}：得分 {row['value']} 超过分值 {weights[item]}",
                                f"{name} · {item}: score {row['value']} above its weight {weights[item]}", weights[item], row["value"], Decimal(0),
                                [{"table": key, "item": item, "page": _page_of(row)}]))
    total = ctx.figure(Cells(key, "得分", items=("总分",)))
    if weights and score and score.rows:
        weight_sum = sum(weights.values(), Decimal(0)) + BUDGET_WEIGHT
        if weight_sum != TOTAL_WEIGHT:
            out.append(_finding("P.weights", f"{name}：各指标分值 {sum(weights.values(), Decimal(0))} 加预算执行 {BUDGET_WEIGHT} 为 {weight_sum}",
                                f"{name}: weights add up to {weight_sum}", TOTAL_WEIGHT, weight_sum, Decimal(0), where))
    if total and total.rows and scores and score and score.rows:
        parts = [r["value"] for r in scores.values()] + [score.value]
        found = sum(parts, Decimal(0))
        # indicator scores are awarded, not measured: exact as entered; only the computed figures
        # (预算执行得分 = rate × 10, and the total) carry their printed half-unit
        tolerance = tol.envelope([score.half, total.half])
        if not tol.within(total.value, found, tolerance):
            out.append(_finding("P.total", f"{name}：各项得分之和 {_text(found)}，总分印为 {total.value}",
                                f"{name}: the scores add up to {_text(found)}; the total is printed as {total.value}",
                                found, total.value, tolerance, [{"table": key, "item": "总分", "page": _page(total)}]))
    if total and total.rows and grade and verdicts.grade_for(total.value) != grade:
        out.append(_finding("P.grade", f"{name}：总分 {total.value} 对应“{verdicts.grade_for(total.value)}”，印为“{grade}”",
                            f"{name}: a total of {total.value} is {verdicts.grade_for(total.value)}, printed {grade}",
                            verdicts.grade_for(total.value), grade, None, [{"table": key, "item": "总分", "page": _page(total)}]))
    return out


def total_figure(ctx: verdicts.Context, key: str):
    return ctx.figure(Cells(key, "得分", items=("总分",)))


def _lacking(rule_id: str, name: str, what: str, locations: list) -> dict:
    """A self-evaluation rule whose figures the table does not print: insufficient_data, not a pass."""
    finding = _finding(rule_id, f"{name}：未读到{what}，无法核对", f"{name}: cannot be checked, the table prints no {what}",
                       locations=locations)
    finding.update(status="insufficient_data", message_zh=f"{RULES_BY_ID[rule_id].zh}：{name}：未读到{what}，无法核对",
                   message_en=f"{RULES_BY_ID[rule_id].en}: {name}: cannot be checked (missing {what})")
    return finding


def _page(figure) -> int | None:
    return _page_of(figure.rows[0]) if figure and figure.rows else None


def _page_of(row: dict) -> int | None:
    page = row.get("page")
    return None if page is None or pd.isna(page) else int(page)


# "2026年部门预算安排购置车辆0辆" in a 单位预算; not the classification's name (部门预算经济分类)
DEPARTMENT_WORDS = re.compile(r"部门(?:预算|决算)(?!经济分类)")


def level_word_findings(doc) -> list[dict]:
    """A 单位 document whose sentences speak of its 部门预算/部门决算."""
    if doc.meta.get("level") != "单位":
        return []
    return [_finding("F.level_words", f"单位{doc.meta.get('kind') or ''}中写作“{match.group()}”", f"a unit's document says {match.group()}",
                     locations=[{"quote": sentence.text, "page": sentence.page}])
            for sentence in narrative.blocks_to_sentences(doc.blocks) for match in [DEPARTMENT_WORDS.search(sentence.text)] if match]


def unreadable_findings(meta: dict) -> list[dict]:
    """Each value cell that prints number-like text that is no number (meta["unreadable_cells"]),
    quoted with its table, row, column and page."""
    out = []
    for cell in meta.get("unreadable_cells") or ():
        info = meta.get("tables", {}).get(cell["table"], {})
        table = " ".join(filter(None, (info.get("label"), info.get("title") or cell["table"])))
        side_zh, side_en = (f"（{cell['side']}）", f" ({cell['side']})") if cell["side"] else ("", "")
        page_zh, page_en = (f"；第{cell['page']}页", f"; page {cell['page']}") if cell["page"] else ("", "")
        row = cell["item"] or cell["code"]
        zh = f"{table}{side_zh}：“{row}”行“{cell['column']}”栏印作“{cell['text']}”，无法读作数字（{cell['reason_zh']}{page_zh}）"
        en = (f"{table}{side_en}: row {row}, column {cell['column']} prints {cell['text']!r}, "
              f"which reads as no number ({cell['reason_en']}{page_en})")
        location = {"table": cell["table"], "code": cell["code"], "item": cell["item"], "column": cell["column"],
                    "page": cell["page"], "quote": cell["text"]}
        out.append(_finding("F.unreadable_number", zh, en, found=cell["text"], locations=[location]))
    return out


def form_findings(doc, claims: pd.DataFrame) -> list[dict]:
    out = []
    observations = narrative.form_observations(doc.blocks)
    year = doc.meta.get("year")
    placeholders = observations[observations["kind"] == "placeholder"]
    for (quote, page), group in placeholders.groupby(["quote", "page"], sort=False, dropna=False):
        tokens = "、".join(dict.fromkeys(group["value"]))
        location = [{"quote": quote, "page": None if pd.isna(page) else int(page)}]
        out.append(_finding("F.placeholder", f"“{tokens}”见于“{quote}”", f"{tokens} in {quote!r}", locations=location))
    for row in observations.to_dict("records"):
        location = [{"quote": row["quote"], "page": None if pd.isna(row["page"]) else int(row["page"])}]
        if row["kind"] == "as_of_year" and year:
            wanted = year - 1 if doc.meta.get("kind") == "预算" else year  # a budget counts stocks before its year
            if int(row["value"]) != wanted:
                out.append(_finding("F.as_of_year", f"截至 {row['value']} 年，应为 {wanted} 年", f"as of {row['value']}, expected {wanted}",
                                    wanted, int(row["value"]), locations=location))
        if row["kind"] == "punctuation":
            value = row["value"]
            what, en = (("引号不成对", "unpaired quotation marks") if value == "“”"
                        else (f"“{value}”重复", f"{value} printed twice") if len(set(value)) == 1
                        else (f"“{value}”句子不完整", f"{value}: the sentence stops short"))
            out.append(_finding("F.punctuation", what, en, locations=location))
        if row["kind"] == "year_in_heading" and year and int(row["value"]) not in (year, year + 1):
            # a 决算 is published the year after (2023 covers 2022): only other years are wrong
            out.append(_finding("F.report_year", f"标题年度 {row['value']}，报告年度 {year}", f"heading names {row['value']}, report year {year}",
                                year, int(row["value"]), locations=location))
    for claim in claims.to_dict("records"):
        if claim["kind"] in ("yoy_change", "yoy_rate") and year and not pd.isna(claim["year"]) and claim["year"] not in ("", None) and int(claim["year"]) != year - 1:
            out.append(_finding("F.comparison_year", f"比较年度 {claim['year']}，应为 {year - 1}", f"compared with {claim['year']}, expected {year - 1}",
                                year - 1, int(claim["year"]), locations=[_claim_location(claim)]))
        if claim.get("missing_percent_sign"):
            out.append(_finding("F.percent_sign", f"“{claim['subject']}” {claim['stated']} 缺%号", f"{claim['stated']} without %",
                                locations=[_claim_location(claim)]))
    return out


__all__ = ["Audit", "NARRATIVE_RULES", "audit_document"]
