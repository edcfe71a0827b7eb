"""The collection analyses (`juesuan.metrics.profiles`, `trends`, `peers`) and the selections behind
them, on real series: 江苏省人民检察院's budgets 2017–2019 and the four Jiangsu departments of 2019.
Every expected value is read by hand from the PDFs (`pdftotext -layout`; pages are the PDF's own)
and combined by the arithmetic written beside it."""
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path

import pandas as pd
import pytest

from conftest import shared_raw, wan
from juesuan import report
from juesuan.errors import ParameterError
from juesuan.metrics import peers, profiles, trends

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "data" / "shared-corpus.csv"
JCY = "江苏省/人民检察院"


def rate(numerator: Decimal, denominator: Decimal) -> Decimal:
    """A ratio as the metrics keep it: 10 places, half up."""
    with localcontext() as ctx:
        ctx.prec = 50
        return (numerator / denominator).quantize(Decimal("1e-10"), rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def jcy():
    for year in (2017, 2018, 2019):
        shared_raw(f"jiangsu_jianchayuan_{year}_yusuan.pdf")
    collection = report.open_collection(str(CATALOG), department=JCY)
    return collection, profiles.profiles(collection).set_index("year")


# 收支预算总表 (万元): 支出合计, and the 支出用途 side. 2017 p.10; 2018 p.13–14; 2019 p.14.
SPENT = {2017: wan("17,996.68"), 2018: wan("21,955.35"), 2019: wan("24,169.74")}
BASIC = {2017: wan("12,323.48"), 2018: wan("13,994.31"), 2019: wan("15,844.04")}
PROJECT = {2017: wan("5,533.00"), 2018: wan("5,573.00"), 2019: wan("4,335.30")}
RESERVE = {2017: wan("140.20"), 2018: wan("2,388.04"), 2019: wan("3,990.40")}  # 单位预留机动经费


def test_the_series_is_the_departments_three_budgets(jcy):
    collection, rows = jcy
    assert collection.years == [2017, 2018, 2019] and collection.department_ids == [JCY]
    assert list(rows["kind"]) == ["预算"] * 3 and list(rows["level"]) == ["部门"] * 3 and set(rows["note"]) == {""}


def test_each_years_totals(jcy):
    _, rows = jcy
    for year in SPENT:
        assert rows.loc[year, "expenditure_total"] == rows.loc[year, "income_total"] == SPENT[year]
        assert rows.loc[year, "basic"] == BASIC[year] and rows.loc[year, "project"] == PROJECT[year]
        assert BASIC[year] + PROJECT[year] + RESERVE[year] == SPENT[year]  # the table ties


def test_growth_year_on_year_and_compound(jcy):
    _, rows = jcy
    growth = trends.growth(rows.reset_index()).set_index("year")
    assert growth.loc[2017, "status"] == "not_applicable" and growth.loc[2017, "growth_rate"] is None
    # 2018: (21,955.35 − 17,996.68) ÷ 17,996.68 = +22.00%; 2019: (24,169.74 − 21,955.35) ÷ 21,955.35 = +10.09%
    assert growth.loc[2018, "change"] == wan("3,958.67") and growth.loc[2018, "prior_year"] == 2017
    assert growth.loc[2018, "growth_rate"] == rate(SPENT[2018] - SPENT[2017], SPENT[2017])
    assert growth.loc[2019, "growth_rate"] == rate(SPENT[2019] - SPENT[2018], SPENT[2018])
    assert round(float(growth.loc[2018, "growth_rate"]), 4) == 0.2200 and round(float(growth.loc[2019, "growth_rate"]), 4) == 0.1009
    # (24,169.74 ÷ 17,996.68)^(1/2) − 1 = 15.89% a year (not the 16.04% mean of 22.00% and 10.09%)
    compound = trends.compound_growth(rows.reset_index()).iloc[0]
    with localcontext() as ctx:
        ctx.prec = 50
        expected = ((SPENT[2019] / SPENT[2017]).sqrt() - 1).quantize(Decimal("1e-10"), rounding=ROUND_HALF_UP)
    assert (compound["first_year"], compound["last_year"], compound["compound_growth_rate"]) == (2017, 2019, expected)
    assert round(float(expected), 4) == 0.1589


def test_structure_by_class_over_time(jcy):
    collection, _ = jcy
    classes = trends.classes_over_time(profiles.class_profiles(collection)).set_index("code")
    # 一般公共预算支出预算表 (万元): 合计 and the 类 204 / 208 / 221. 2017 p.14; 2018 p.17–18; 2019 p.18.
    printed = {2017: ("17,981.68", "13,641.34", "2,021.18", "2,319.16"), 2018: ("21,940.96", "16,444.36", "1,836.22", "3,660.38"),
               2019: ("24,169.74", "16,593.12", "1,890.27", "5,686.35")}
    assert list(classes.index) == ["204", "208", "221"]
    assert list(classes["item"]) == ["公共安全支出", "社会保障和就业支出", "住房保障支出"]
    for year, (total, *parts) in printed.items():
        assert wan(parts[0]) + wan(parts[1]) + wan(parts[2]) == wan(total)  # the 类 add up to the 合计
        for code, part in zip(("204", "208", "221"), parts):
            assert classes.loc[code, f"{year}_share"] == rate(wan(part), wan(total))


def test_basic_project_and_personnel_public_shares(jcy):
    _, rows = jcy
    shares = trends.shares_over_time(rows.reset_index()).set_index("year")
    # 一般公共预算基本支出预算表 (万元): 人员经费 = 301 工资福利支出 + 303 对个人和家庭的补助, 公用经费 = 合计 − 人员经费
    # 2017 p.14–15: 合计 12,308.48, 301 5,343.83, 303 4,366.59 (302 商品和服务支出 2,598.06)
    # 2018 p.18–19: 13,979.92, 10,204.52, 1,052.83 (302 2,722.57); 2019 p.18–19: 15,844.04, 11,960.62, 1,491.50 (302 2,391.92)
    printed = {2017: ("12,308.48", "5,343.83", "4,366.59", "2,598.06"), 2018: ("13,979.92", "10,204.52", "1,052.83", "2,722.57"),
               2019: ("15,844.04", "11,960.62", "1,491.50", "2,391.92")}
    for year, (basic, wages, households, goods) in printed.items():
        personnel = wan(wages) + wan(households)
        assert rows.loc[year, "personnel"] == personnel and rows.loc[year, "public"] == wan(goods) == wan(basic) - personnel
        assert shares.loc[year, "personnel_share"] == rate(personnel, wan(basic))
        assert shares.loc[year, "basic_share"] == rate(BASIC[year], SPENT[year])
        assert shares.loc[year, "project_share"] == rate(PROJECT[year], SPENT[year])


def test_three_public_and_running_costs_over_time(jcy):
    _, rows = jcy
    controls = trends.controls_over_time(rows.reset_index()).set_index("year")
    # “三公”经费、会议费、培训费支出预算表, “三公”经费 小计 (万元): 2017 p.16 584.35, 2018 p.19 484.30, 2019 p.20 418.26
    three = {2017: wan("584.35"), 2018: wan("484.30"), 2019: wan("418.26")}
    # 一般公共预算机关运行经费支出预算表 合计 (万元): 2017 p.15 6,032.55, 2018 p.20 2,722.57, 2019 p.21 2,391.92
    running = {2017: wan("6,032.55"), 2018: wan("2,722.57"), 2019: wan("2,391.92")}
    for year in three:
        assert controls.loc[year, "three_public"] == three[year] and controls.loc[year, "running_costs"] == running[year]
    assert controls.loc[2018, "three_public_growth_rate"] == rate(three[2018] - three[2017], three[2017])  # −17.12%
    # −54.87%: the 2018 narrative states a fall of 54.9% and blames a change of scope
    assert controls.loc[2018, "running_costs_growth_rate"] == rate(running[2018] - running[2017], running[2017])
    assert round(float(controls.loc[2018, "running_costs_growth_rate"]), 3) == -0.549


def test_no_year_with_a_budget_and_a_final_account_says_so(jcy):
    _, rows = jcy
    versus = trends.budget_vs_final(rows.reset_index())
    assert len(versus) == 1 and versus["status"].iloc[0] == "insufficient_data"
    assert versus["note"].iloc[0] == trends.NO_BUDGET_AND_FINAL


def _profile(year, kind, **amounts):
    row = {c: None for c in profiles.PROFILE_COLUMNS}
    return {**row, "department_id": "甲市/某局", "year": year, "kind": kind, "level": "部门", "note": "", **amounts}


def test_budget_against_final_account_where_a_year_has_both():
    rows = pd.DataFrame([_profile(2022, "预算", expenditure_total=Decimal("1000.00"), three_public=Decimal("50.00")),
                         _profile(2022, "决算", expenditure_total=Decimal("1100.00"), three_public=Decimal("40.00")),
                         _profile(2023, "预算", expenditure_total=Decimal("1200.00"))], columns=profiles.PROFILE_COLUMNS)
    versus = trends.budget_vs_final(rows).set_index("item")
    assert set(versus["year"]) == {2022}
    spent = versus.loc["本年支出合计"]
    assert (spent["budget"], spent["final"], spent["difference"]) == (Decimal("1000.00"), Decimal("1100.00"), Decimal("100.00"))
    assert spent["final_rate"] == Decimal("1.1") and versus.loc["“三公”经费", "final_rate"] == Decimal("0.8")
    assert versus.loc["机关运行经费", "status"] == "insufficient_data"  # printed in neither
    # growth stays within a kind: 2023's budget is compared with 2022's budget, not with the final account
    growth = trends.growth(rows).set_index(["kind", "year"])
    assert growth.loc[("预算", 2023), "growth_rate"] == Decimal("0.2")
    assert growth.loc[("决算", 2022), "status"] == "not_applicable"


def test_growth_across_a_gap_and_over_a_missing_figure():
    rows = pd.DataFrame([_profile(2017, "预算", expenditure_total=Decimal("100")), _profile(2019, "预算", expenditure_total=Decimal("121")),
                         _profile(2020, "预算")], columns=profiles.PROFILE_COLUMNS)
    growth = trends.growth(rows).set_index("year")
    assert growth.loc[2019, "growth_rate"] == Decimal("0.21") and "2 years apart" in growth.loc[2019, "note"]
    assert growth.loc[2020, "status"] == "insufficient_data" and growth.loc[2020, "growth_rate"] is None
    compound = trends.compound_growth(rows).iloc[0]  # over the years with a figure: (121 ÷ 100)^(1/2) − 1 = 10%
    assert (compound["last_year"], compound["compound_growth_rate"]) == (2019, Decimal("0.1"))


def test_cross_findings_of_the_series_and_a_sentence_when_none(jcy):
    collection, _ = jcy
    found, sentence = trends.cross_findings(collection)
    # 2018 against 2017 (4) and 2019 against 2018 (8): each read against both PDFs in tests/test_across.py
    assert (len(found), sentence) == (12, "")
    assert found.groupby("doc_id").size().to_dict() == {"jiangsu_jianchayuan_2018_yusuan": 4, "jiangsu_jianchayuan_2019_yusuan": 8}
    alone = collection.select(years=2019)  # no 2018 document to compare with
    found, sentence = trends.cross_findings(alone)
    assert found.empty and sentence == trends.NO_CROSS_FINDINGS


# --- peers: the four Jiangsu departments of 2019 -------------------------------------------------------------

@pytest.fixture(scope="module")
def jiangsu_2019():
    for name in ("jiangsu_jianchayuan_2019_yusuan.pdf", "jiangsu_renda-bangongting_2019_yusuan-tables.pdf",
                 "jiangsu_zhengxie-bangongting_2019_yusuan-tables.pdf", "jiangsu_shengwei-bangongting_2019_yusuan-tables.pdf"):
        shared_raw(name)
    collection = report.open_collection(str(CATALOG), year=2019, region="江苏省")
    return collection, peers.side_by_side(profiles.profiles(collection)).set_index("department_id")


def test_departments_side_by_side_normalised_by_their_spending(jiangsu_2019):
    _, side = jiangsu_2019
    # 收支预算总表 支出合计 and the “三公”经费 小计 (万元): 检察院 as above (p.14, p.20); the tables-only PDFs
    # of 2019, p.1 and p.9: 人大常委会办公厅 18,330.37 and 767.60, 政协办公厅 13,377.11 and 660.10,
    # 省委办公厅 27,664.22 and 508.20
    printed = {"江苏省/省委办公厅": ("27,664.22", "508.20"), JCY: ("24,169.74", "418.26"),
               "江苏省/人大常委会办公厅": ("18,330.37", "767.60"), "江苏省/政协办公厅": ("13,377.11", "660.10")}
    assert list(side.index) == list(printed)  # the largest spender first
    for department, (spent, three) in printed.items():
        assert side.loc[department, "expenditure_total"] == wan(spent) and side.loc[department, "three_public"] == wan(three)
        # 元 of “三公”经费 per 万元 spent: 418.26 万元 × 10,000 ÷ 24,169.74 = 173.05 元 for the 检察院
        per_wan = (wan(three) / wan(spent) * 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert side.loc[department, "three_public_per_wan"] == per_wan
    assert side.loc[JCY, "three_public_per_wan"] == Decimal("173.05")
    assert side.loc[JCY, "basic_share"] == rate(BASIC[2019], SPENT[2019])
    assert side["execution_rate"].isna().all()  # budgets: no execution


def test_classes_side_by_side(jiangsu_2019):
    collection, _ = jiangsu_2019
    classes = peers.classes_side_by_side(profiles.class_profiles(collection)).set_index("code")
    assert classes.loc["204", "人民检察院_share"] == rate(wan("16,593.12"), wan("24,169.74"))  # p.18
    assert classes.loc["204", "政协办公厅_share"] is None  # no 公共安全 spending


# --- choosing the documents ----------------------------------------------------------------------------------

def test_one_document_per_department_year_and_kind_the_departments_own():
    shared_raw("shanghai-putuo_shangwuwei_2025_yusuan-dept.pdf")
    chosen = report.select_collection(str(CATALOG), year=2025, kind="预算")
    levels = {e.department_id: (e.level, e.doc_id) for e in chosen.entries}
    # 商务委员会 publishes its 部门 and its 单位 budget for 2025: the 部门 one holds the unit
    assert levels["上海市普陀区/商务委"] == ("部门", "shanghai-putuo_shangwuwei_2025_yusuan-dept")
    assert levels["上海市/财政局"][0] == "单位"  # the only one it publishes
    assert report.collection_slug(chosen) == "peers/2025-预算"
    assert report.collection_slug(report.select_collection(str(CATALOG), department=JCY)) == "trends/江苏省-人民检察院"


def test_departments_side_by_side_compare_like_with_like():
    shared_raw("shanghai-putuo_caizhengju_2024_juesuan.pdf")
    with pytest.raises(ParameterError, match="has both kinds"):
        report.select_collection(str(CATALOG), year=2024)
    assert {e.kind for e in report.select_collection(str(CATALOG), year=2024, kind="决算").entries} == {"决算"}


@pytest.mark.parametrize("criteria, message", [
    ({"department": ""}, "parameter department"), ({"year": "twenty"}, "parameter year"), ({"year": True}, "parameter year"),
    ({"year": 2019, "kind": "决算书"}, "kind"), ({"department": JCY, "years": "2017-x"}, "years"),
    ({"year": 1990}, "no document"),
])
def test_bad_collection_parameters_are_one_line(criteria, message):
    with pytest.raises(ParameterError, match=message) as caught:
        report.select_collection(str(CATALOG), **criteria)
    assert "\n" not in str(caught.value)


def test_a_catalog_that_is_not_there_is_one_line(tmp_path):
    with pytest.raises(ParameterError, match="no such catalog"):
        report.open_collection(str(tmp_path / "nowhere.csv"), department=JCY)
    with pytest.raises(ParameterError, match="parameter catalog"):
        report.open_collection(42, department=JCY)
