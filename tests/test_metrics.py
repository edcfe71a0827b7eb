"""Metrics on the bundled sample and a Shanghai 决算: every expected value is arithmetic of figures
read by hand from the document (情况说明 for the 年初预算, the tables for the 决算)."""
import copy
import json
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path

import pandas as pd
import pytest

import juesuan
from juesuan import metrics, present
from conftest import shared_raw

ROOT = Path(__file__).resolve().parents[1]
D = Decimal


def r4(value: Decimal) -> Decimal:
    """A ratio as the narrative prints it: 4 decimals (2 for the percentage)."""
    return value.quantize(D("0.0001"), rounding=ROUND_HALF_UP)


def exact(numerator: Decimal, denominator: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        return (numerator / denominator).quantize(metrics.RATIO_PLACES, rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def sample():
    return juesuan.load("xinzhou-hrss-2022")


# 情况说明 五（三）: 年初预算 as stated; 公开05表: 决算 (合计 column), by 类 code.
BUDGET = {"": D("45821677.68"), "205": D("10650400"), "208": D("31526558.33"), "210": D("1160952.71"),
          "213": D("58810"), "221": D("2289982.64"), "229": D("134974")}
ACTUAL = {"": D("84386179.09"), "205": D("25552618.58"), "208": D("55307278.92"), "210": D("1152660.87"),
          "213": D("58810.00"), "221": D("2179836.72"), "229": D("134974.00")}


def test_execution_rates_overall_and_per_class_are_the_issues_figures(sample):
    rows = metrics.budget_execution(sample)
    original = rows[rows["basis"] == "年初预算"].set_index("code")
    # 84386179.09 / 45821677.68 = 1.8416…; 25552618.58 / 10650400 = 2.3992…
    expected = {"": D("1.8416"), "205": D("2.3992"), "208": D("1.7543"), "210": D("0.9929"), "213": D("1"),
                "221": D("0.9519"), "229": D("1")}
    assert set(original.index) == set(expected)
    for code, printed in expected.items():
        row = original.loc[code]
        assert row["budget"] == BUDGET[code] and row["actual"] == ACTUAL[code]
        assert row["rate"] == exact(ACTUAL[code], BUDGET[code])
        assert r4(row["rate"]) == printed, code
        assert row["stated_rate"] == printed  # the narrative's own 完成年初预算的 x%
        assert row["status"] == "ok"
    assert original.loc["", "level"] == "合计" and original.loc["205", "level"] == "类"


def test_full_year_budgets_where_stated(sample):
    rows = metrics.budget_execution(sample)
    full = rows[rows["basis"] == "全年预算"].set_index("subject")
    # 三公经费: 公开07表 决算数 102573.57 against the stated 全年预算 121,200.00
    assert full.loc["三公经费", "rate"] == exact(D("102573.57"), D("121200.00"))
    assert full.loc["三公经费", "actual_source"] == "three_public 决算数"
    # 部门整体支出: both figures stated in the narrative, 49887740 / 53088970 = 93.97%
    assert r4(full.loc["部门整体支出", "rate"]) == D("0.9397")
    assert full.loc["部门整体支出", "actual_source"] == "narrative"


def test_pefa_pi1_and_pi2_with_bands_and_the_three_year_caveat(sample):
    pefa = metrics.pefa_indicators(sample).set_index("indicator")
    assert pefa.loc["PI-1", "ratio"] == exact(ACTUAL[""], BUDGET[""])
    assert pefa.loc["PI-1", "band_this_year"] == "D"  # 184% is outside 85–115%
    classes = [c for c in BUDGET if c]
    sum_a = sum(ACTUAL[c] for c in classes)
    sum_b = sum(BUDGET[c] for c in classes)
    assert sum_b == BUDGET[""]  # the 类 budgets add up to the stated total
    with localcontext() as ctx:
        ctx.prec = 50
        deviation = sum(abs(ACTUAL[c] - BUDGET[c] * sum_a / sum_b) for c in classes)
    assert pefa.loc["PI-2", "ratio"] == exact(deviation, sum_a)
    assert r4(pefa.loc["PI-2", "ratio"]) == D("0.1407")
    assert pefa.loc["PI-2", "band_this_year"] == "C"  # 10% ≤ 14.07% < 15%
    assert pefa.loc["PI-2", "lines"] == 6
    for indicator in ("PI-1", "PI-2"):
        assert pefa.loc[indicator, "score"] is None and pefa.loc[indicator, "years"] == 1
        assert "三年" in pefa.loc[indicator, "note"] and "three years" in pefa.loc[indicator, "note"]


@pytest.mark.parametrize("outturn, band", [("1.05", "A"), ("0.95", "A"), ("1.0501", "B"), ("0.90", "B"),
                                           ("0.8999", "C"), ("1.15", "C"), ("1.1501", "D")])
def test_pi1_bands_at_their_edges(outturn, band):
    assert metrics.pi1_band(D(outturn)) == band


@pytest.mark.parametrize("variance, band", [("0.0499", "A"), ("0.05", "B"), ("0.1499", "C"), ("0.15", "D")])
def test_pi2_bands_at_their_edges(variance, band):
    assert metrics.pi2_band(D(variance)) == band


def test_structure_shares(sample):
    classes = metrics.class_shares(sample, "类").set_index("code")
    assert classes.loc["205", "share"] == exact(D("25552618.58"), D("84386179.09"))  # 30.28%
    assert sum(classes["amount"]) == D("84386179.09")  # the 类 rows add up to 公开05表's 合计
    assert len(metrics.class_shares(sample, "款")) == 10
    basic = metrics.basic_vs_project(sample).set_index("item")
    assert basic.loc["基本支出", "share"] == exact(D("39850490.53"), D("84968418.97"))  # 46.90%
    assert r4(basic.loc["项目支出", "share"]) == D("0.5310")
    people = metrics.personnel_vs_public(sample).set_index("item")
    basic_total = D("35356219.25") + D("3913354.97")  # 公开06表 人员经费合计 + 公用经费合计, 基本支出 column
    assert people.loc["人员经费", "basic_share"] == exact(D("35356219.25"), basic_total)
    income = metrics.income_by_source(sample).set_index("item")
    assert income.loc["财政拨款收入", "share"] == exact(D("84386179.09"), D("85813977.30"))  # 98.34%
    assert list(income.index) == ["财政拨款收入", "事业收入", "其他收入"]  # the sources printed


def test_year_on_year_prior_figures(sample):
    yoy = metrics.year_on_year(sample)
    by = {(r.subject, r.fund): r for r in yoy.itertuples()}
    education = by[("教育支出", "一般公共预算财政拨款")]
    assert education.prior == D("25552618.58") - D("5108595.51")  # 增加 5108595.51 → 20444023.07
    assert r4(education.rate) == D("0.2499")
    running = by[("机关运行经费", "")]
    assert running.current == D("1183793.33") + D("1409396.18")  # 公开10表 行政单位 + 参公事业单位
    assert running.prior == running.current + D("336666.15")  # 减少 336666.15
    assert r4(running.rate) == D("-0.1149")
    farming = by[("农林水支出", "一般公共预算财政拨款")]
    assert farming.prior == 0 and farming.rate is None and farming.status == "not_applicable"
    unknown = yoy[yoy["subject"].str.startswith("忻州市高级技工学校")].iloc[0]
    assert unknown["status"] == "insufficient_data" and unknown["prior"] is None


def test_three_public_running_costs_procurement_assets(sample):
    three = metrics.three_public(sample).set_index("item")
    assert three.loc["合计", "rate"] == exact(D("102573.57"), D("121200.00"))  # 84.63%
    assert r4(three.loc["公务用车运行维护费", "rate"]) == D("0.8548")  # 102573.57 / 120000.00
    assert three.loc["因公出国(境)费", "status"] == "not_applicable"  # 0 budget: no rate, not 0%
    running = metrics.running_costs(sample).set_index("item")
    assert running.loc["机关运行经费", "amount"] == D("2593189.51")
    purchases = metrics.procurement(sample).set_index("item")
    assert purchases.loc["货物", "amount"] + purchases.loc["工程", "amount"] + purchases.loc["服务", "amount"] == D("7349093.97")
    assert purchases.loc["中小企业", "share"] == exact(D("725953.36"), D("7349093.97"))  # 9.88%
    assert purchases.loc["中小企业", "stated_share"] == D("0.0988")
    assets = metrics.assets(sample).set_index("item")
    assert assets.loc["(一)车辆数合计(辆)", "count"] == 5 and assets.loc["(一)车辆数合计(辆)", "unit"] == "辆"


def test_performance_scores_and_their_arithmetic(sample):
    projects = metrics.performance(sample).set_index("table")
    first = projects.loc["performance_1"]
    # 附件1: indicator 得分 20+10+10+2.9+3.9+10+20+5+5, plus the funds row's 7.76; 总分 printed 96.76
    parts = [D(x) for x in ("20", "10", "10", "2.9", "3.9", "10", "20", "5", "5", "7.76")]
    assert first["indicator_score_sum"] == sum(parts) == D("94.56")
    assert first["score_difference"] == D("96.76") - D("94.56")
    assert first["execution_rate"] == exact(D("78.194") * 10000, D("100.794") * 10000)  # 77.58%
    assert first["grade"] == "优" and projects.loc["performance_2", "score_difference"] == 0


def _without(doc, table):
    """The sample with one table unreadable, as a damaged PDF would leave it."""
    broken = copy.copy(doc)
    broken.meta = copy.deepcopy(doc.meta)
    broken.meta["tables"][table]["status"] = "unreadable"
    broken.facts = doc.facts[doc.facts["table"] != table].reset_index(drop=True)
    return broken


def test_a_missing_table_is_insufficient_data_never_zero(sample):
    broken = _without(sample, "general_budget_expenditure")
    rows = metrics.budget_execution(broken)
    original = rows[rows["basis"] == "年初预算"]
    assert set(original["status"]) == {"insufficient_data"}
    assert original["actual"].isna().all() and original["rate"].isna().all()
    pefa = metrics.pefa_indicators(broken).set_index("indicator")
    assert set(pefa["status"]) == {"insufficient_data"} and pefa["ratio"].isna().all()
    assert metrics.class_shares(broken)["status"].tolist() == ["insufficient_data"]
    assert metrics.three_public(_without(sample, "three_public"))["status"].tolist() == ["insufficient_data"]


def test_no_narrative_budgets_says_so(sample):
    silent = copy.copy(sample)
    silent.blocks = []
    silent._audit = None
    rows = metrics.budget_execution(silent)
    assert rows["status"].tolist() == ["insufficient_data"] and "年初预算" in rows["note"].iloc[0]


def test_shanghai_rates_and_pi2_from_items_rolled_up_to_classes():
    doc = juesuan.load(shared_raw("shanghai-putuo_caizhengju_2024_juesuan.pdf"))
    rows = metrics.budget_execution(doc)
    total = rows[(rows["level"] == "合计") & (rows["basis"] == "年初预算")].iloc[0]
    assert total["rate"] == exact(D("2940.05") * 10000, D("2993.92") * 10000)  # stated 98.20%
    assert r4(total["rate"]) == D("0.9820")
    lines = metrics.composition_lines(doc).set_index("code")
    # 项 budgets stated in 万元: 行政运行 1560.05 + 一般行政管理事务 10.00 + 信息化建设 135.90 + 财政委托业务 450.52
    assert lines.loc["201", "budget"] == (D("1560.05") + D("10.00") + D("135.90") + D("450.52")) * 10000
    assert lines.loc["201", "actual"] == D("2106.66") * 10000
    pefa = metrics.pefa_indicators(doc).set_index("indicator")
    assert pefa.loc["PI-2", "status"] == "ok" and pefa.loc["PI-2", "band_this_year"] == "A"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "juesuan.cli", *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def test_cli_metrics_json_has_plain_ratios_and_exact_amounts():
    result = run_cli("metrics", "xinzhou-hrss-2022", "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    total = next(r for r in payload["metrics"]["budget_execution"] if r["level"] == "合计" and r["basis"] == "年初预算")
    assert total["rate"] == 1.8416 and total["budget"] == "45821677.68" and total["actual"] == "84386179.09"
    assert set(payload["metrics"]) >= {"budget_execution", "pefa", "class_shares", "year_on_year", "three_public",
                                       "running_costs", "procurement", "assets", "performance"}


def test_cli_metrics_table_and_bad_input(tmp_path):
    table = run_cli("metrics", "xinzhou-hrss-2022")
    assert table.returncode == 0 and "184.16%" in table.stdout and "== pefa ==" in table.stdout
    missing = run_cli("metrics", tmp_path / "nothing.pdf")
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "Traceback" not in missing.stderr


def test_json_value_rounds_ratios_and_keeps_amounts_exact():
    assert present.json_value("rate", D("1.8416480695")) == 1.8416
    assert present.json_value("amount", D("84386179.09")) == "84386179.09"
    assert present.json_value("rate", None) is None and present.json_value("note", pd.NA) is None
