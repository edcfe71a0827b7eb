"""Issue 12 (reports a reader trusts), two of its "wrong or misleading" items:

1. A metrics row that shows a stated figure says whether the *statement* holds — the audit's verdict
   of its claims — so "ok" never sits beside a figure the audit finds wrong (01-overview showed
   住房保障支出 rate 20.36%, stated 31.25%, status ok).
2. The audit page ranks findings by size (万元 and share of 本年支出合计, or percentage points), so a
   rounding plug does not lead a total that is off by far more.

Expected values are arithmetic of figures read by hand from data/raw/xinzhou-hrss-2022.txt."""
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest

import juesuan
from juesuan import metrics, present
from juesuan.checks import magnitude
from juesuan.metrics.base import VERDICT_WORDS

D = Decimal
MISMATCH = "不符 (与审计一致)"


@pytest.fixture(scope="module")
def sample():
    return juesuan.load("xinzhou-hrss-2022")


def stated_tables(doc) -> dict:
    """Every metrics table that shows a stated (or printed) figure beside what it computes."""
    return {name: frame for name, frame in metrics.all_metrics(doc).items()
            if any(column.startswith("stated") for column in frame.columns)}


def test_every_row_whose_stated_figure_the_audit_finds_wrong_says_so(sample):
    tables = stated_tables(sample)
    assert {"year_on_year", "budget_execution", "procurement", "performance"} <= set(tables)
    verdict = dict(zip(sample.claims["claim_id"], sample.claims["verdict"]))
    failing = sample.findings[(sample.findings["status"] == "fail")]
    mismatched_rows = 0
    for name, frame in tables.items():
        assert "statement" in frame.columns, name
        for row in frame.to_dict("records"):
            if name == "performance":  # printed figures, checked by the audit's P.* rules
                wrong = any(f["rule_id"] in ("P.execution_rate", "P.total", "P.grade")
                            and any(loc.get("table") == row["table"] for loc in f["locations"])
                            for f in failing.to_dict("records"))
            else:
                wrong = any(verdict.get(c) == "mismatch" for c in (row["claim_ids"] or "").split(",") if c)
            if wrong:
                mismatched_rows += 1
                assert row["statement"] == MISMATCH, (name, row)
            assert row["statement"] not in ("ok", ""), (name, row)  # always words, never the bare code
            if row["statement"] == VERDICT_WORDS["ok"]:
                assert not wrong, (name, row)
    # 住房保障支出 (year on year) and 金保工程's self-evaluation (总分 96.76, scores add up to 94.56)
    assert mismatched_rows >= 2


def test_housing_2022_against_2021_by_hand(sample):
    # 情况说明: 住房保障支出 …较上年增加368789.9元，增长31.25%; 公开05表 221 合计 2,179,836.72
    this_year, change, stated = D("2179836.72"), D("368789.90"), D("31.25")
    last_year = this_year - change
    assert last_year == D("1811046.82")
    with localcontext() as ctx:
        ctx.prec = 50
        rate = change / last_year
    assert (rate * 100).quantize(D("0.01"), rounding=ROUND_HALF_UP) == D("20.36")  # not 31.25
    yoy = metrics.year_on_year(sample)
    row = yoy[(yoy["subject"] == "住房保障支出")].iloc[0]
    assert row["current"] == this_year and row["prior"] == last_year
    assert row["rate"] == rate.quantize(metrics.RATIO_PLACES, rounding=ROUND_HALF_UP)
    assert row["stated_rate"] == stated / 100
    assert row["statement"] == MISMATCH and row["status"] == "ok"  # computable, and the statement is wrong
    # the same sentence is a finding of the audit page
    yoy_findings = sample.findings[sample.findings["rule_id"] == "N.yoy_rate"]
    assert any("住房保障支出" in m for m in yoy_findings["message_zh"])
    # 教育支出 …较上年决算增加5108595.51元，增长24.99%: 5,108,595.51 ÷ (25,552,618.58 − 5,108,595.51) = 24.99%
    education = yoy[yoy["subject"] == "教育支出"].iloc[0]
    assert education["statement"] == "相符"


def test_statement_words_for_what_cannot_be_computed(sample):
    yoy = metrics.year_on_year(sample).set_index("subject")
    # 农林水支出 较上年增加58810元 with 58,810.00 this year: last year 0, no rate
    assert yoy.loc["农林水支出", "statement"].startswith("不适用：上年数为 0")
    assert metrics.year_on_year(sample)["statement"].str.startswith("数据不足").any()
    # 政府采购 by kind come from 公开10表: nothing stated to hold or fail
    bought = metrics.procurement(sample).set_index("item")
    assert bought.loc["货物", "statement"] == "说明未述此数" and bought.loc["中小企业", "statement"] == "相符"


def test_findings_ranked_by_size_errors_first(sample):
    total = metrics.document_total(sample)
    assert total == D("84968418.97")  # 公开01表 本年支出合计
    ranked = magnitude.rank(sample.findings, total)
    assert len(ranked) == len(sample.findings)  # every finding kept
    assert list(ranked["severity"]) == sorted(ranked["severity"], key=magnitude.SEVERITY_ORDER.get)
    errors = ranked[ranked["severity"] == "error"]
    # Hand check of two: 住房保障支出 增长31.25% against 368,789.90 ÷ 1,811,046.82 = 20.363355%: 10.886645 points;
    # 财政拨款决算支出84,386,179.09元，占本年支出合计的100.00% against ÷ 84,968,418.97 = 99.314757%: 0.685243 points.
    housing = errors[errors["rule_id"] == "N.yoy_rate"].iloc[0]
    share = errors[errors["rule_id"] == "N.share"].iloc[0]
    assert housing["difference_pp"] == D("31.25") - D("20.363355")
    assert share["difference_pp"] == D("100") - D("99.314757")
    assert housing.name < share.name  # the larger leads
    sizes = [s for s in errors["size"] if s is not None]
    assert sizes == sorted(sizes, reverse=True)


def test_money_finding_in_wan_and_as_a_share_of_spending(sample):
    total = metrics.document_total(sample)
    sizes = magnitude.rank(sample.findings, total)
    slip = sizes[sizes["rule_id"] == "N.unit_slip"].iloc[0]
    # 教育支出 …支出决算25552618.58万元 where 公开05表 prints 25,552,618.58 元
    difference = D("25552618.58") * 10000 - D("25552618.58")
    assert slip["measure"] == "money" and slip["difference_wan"] == difference / 10000
    assert slip["total_share"] == difference / D("84968418.97")
    shown = present.evidence(sample.findings, by_size=True, total=total, document=sample).frame
    assert list(shown["规则"]) == list(sizes["rule_id"])
    row = shown[shown["规则"] == "N.unit_slip"].iloc[0]
    assert row["差额（万元）"] == "25,550,063.32"
    # each figure in the unit it was printed in: the table's 元, the narrative's 万元
    assert (row["应为"], row["实为"], row["差额"]) == ("25,552,618.58 元", "25,552,618.58 万元", "25,550,063.32 万元")
    yoy = shown[shown["规则"] == "N.yoy_rate"].iloc[0]
    # 31.25% stated, 368,789.90 ÷ 1,811,046.82 = 20.363355% recomputed: 10.886645 points, shown to 4 places
    assert (yoy["应为"], yoy["实为"], yoy["差额"]) == ("20.36%", "31.25%", "10.8866 个百分点") and yoy["差额（万元）"] == ""


def test_a_rounding_plug_ranks_below_a_large_money_error():
    # the two findings (Shanghai): 住房保障 9.55% printed for 9.5575%, 总计 0.3万元 for 2,961.68万元
    import pandas as pd

    findings = pd.DataFrame([
        {"rule_id": "N.share", "severity": "error", "status": "fail", "difference": "-0.0075", "source": "narrative", "locations": []},
        {"rule_id": "T1.expenditure_total", "severity": "error", "status": "fail", "difference": "-29613800",
         "source": "table", "locations": []},
    ])
    ranked = magnitude.rank(findings, D("29616800"))
    assert list(ranked["rule_id"]) == ["T1.expenditure_total", "N.share"]
    assert ranked["difference_pp"].iloc[1] == D("0.0075")
    assert present._places(ranked["difference_pp"].iloc[1], "") == "0.01"
