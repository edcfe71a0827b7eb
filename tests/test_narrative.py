"""Narrative sentences → claims (juesuan.narrative).

The sample expectations were typed by hand from the 第三部分 情况说明 of data/raw/xinzhou-hrss-2022.txt
(lines 447-616): every stated figure of sections 一 to 十, in the order printed, including the three
项目绩效自评综述 paragraphs and the 整体支出 paragraph. Nothing here was pasted from the function's output.
A tuple is (kind, subject, stated, unit, basis, direction).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from juesuan import narrative
from juesuan.readers import read
from juesuan.readers.base import Grid, Line
from juesuan.readers.text import text_to_blocks

from conftest import shared_raw

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "xinzhou-hrss-2022.txt"
TUPLE = ["kind", "subject", "stated", "unit", "basis", "direction"]


def as_tuples(claims) -> list[tuple]:
    return list(claims[TUPLE].itertuples(index=False, name=None))


def claims_of(*lines: str):
    return narrative.blocks_to_claims([Line(text) for text in lines])


# --- the bundled sample, every figure ------------------------------------------------------------

# 一、收入支出决算总体情况说明 (line 451)
OVERALL = [
    ("amount", "收入总计", "85813977.30", "元", "", ""),
    ("amount", "支出总计", "85813977.30", "元", "", ""),
    ("yoy_change", "收入总计", "213013648.28", "元", "2021", "减少"),
    ("yoy_rate", "收入总计", "71.28", "%", "2021", "下降"),
    ("yoy_change", "支出总计", "213013648.28", "元", "2021", "减少"),
    ("yoy_rate", "支出总计", "71.28", "%", "2021", "下降"),
    ("amount", "机关事业单位养老保险基金补助", "210000000", "元", "", ""),
    # "2、忻州市高级技工学校2022年高水平重点专业、实训基地项目预算、支出较上年减少…": no known subject,
    # so the clause as printed, without its ordinal and year.
    ("yoy_change", "忻州市高级技工学校高水平重点专业、实训基地项目预算、支出", "3052355.02", "元", "上年", "减少"),
]


def parts_with_shares(whole: str, rows: list[tuple[str, str, str]]) -> list[tuple]:
    """"X金额元，占比P%" lines: an amount and its share of the section's whole."""
    out = []
    for subject, amount, share in rows:
        out += [("amount", subject, amount, "元", "", ""), ("share", subject, share, "%", whole, "")]
    return out


# 二、收入决算情况说明 (lines 455-467)
INCOME = [("amount", "收入合计", "85813977.30", "元", "", "")] + parts_with_shares("收入合计", [
    ("财政拨款收入", "84386179.09", "98.34"),
    ("上级补助收入", "0.00", "0.00"),
    ("事业收入", "1272731.00", "1.48"),
    ("经营收入", "0.00", "0.00"),
    ("附属单位上缴收入", "0.00", "0.00"),
    ("其他收入", "155067.21", "0.18"),
])

# 三、支出决算情况说明 (lines 471-481)
EXPENDITURE = [("amount", "支出合计", "84968418.97", "元", "", "")] + parts_with_shares("支出合计", [
    ("基本支出", "39850490.53", "46.90"),
    ("项目支出", "45117928.44", "53.10"),
    ("上缴上级支出", "0.00", "0.00"),
    ("经营支出", "0.00", "0.00"),
    ("对附属单位补助支出", "0.00", "0.00"),
])

# 四、财政拨款收支决算总体情况说明 (line 485)
FISCAL_OVERALL = [
    ("amount", "收入总计", "84386179.09", "元", "", ""),
    ("amount", "支出总计", "84386179.09", "元", "", ""),
    ("yoy_change", "收入总计", "206631899.10", "元", "2021", "减少"),
    ("yoy_rate", "收入总计", "71", "%", "2021", "下降"),
    ("yoy_change", "支出总计", "206631899.10", "元", "2021", "减少"),
    ("yoy_rate", "支出总计", "71", "%", "2021", "下降"),
    ("amount", "机关事业单位养老保险基金补助", "210000000", "元", "", ""),
]

# 五（一） (lines 491-493; the sentence "…补助210000000元" / "直接列入…" is split over two lines)
GENERAL_BUDGET_OVERALL = [
    ("amount", "财政拨款支出", "84386179.09", "元", "", ""),
    ("share", "财政拨款支出", "100.00", "%", "支出合计", ""),
    ("yoy_change", "财政拨款支出", "206631899.10", "元", "2021", "减少"),
    ("yoy_rate", "财政拨款支出", "71", "%", "2021", "下降"),
    ("amount", "机关事业单位养老保险基金补助", "210000000", "元", "", ""),
    ("amount", "人员经费", "35356219.25", "元", "", ""),
    ("share", "人员经费", "41.90", "%", "财政拨款支出", ""),
    ("amount", "日常公用经费", "3913354.97", "元", "", ""),
    ("share", "日常公用经费", "4.64", "%", "财政拨款支出", ""),
]

# 五（二） (lines 497-504)
GENERAL_BUDGET_STRUCTURE = [("amount", "财政拨款支出", "84386179.09", "元", "", "")] + parts_with_shares("财政拨款支出", [
    ("教育支出", "25552618.58", "30.28"),
    ("社会保障和就业支出", "55307278.92", "65.54"),
    ("卫生健康支出", "1152660.87", "1.37"),
    ("农林水支出", "58810.00", "0.07"),
    ("住房保障支出", "2179836.72", "2.58"),
    ("其他支出", "134974.00", "0.16"),
])


def by_class(subject: str, budget: str, actual: str, rate: str, change: str = "", direction: str = "",
             change_rate: str = "", rate_direction: str = "", actual_unit: str = "元", against: str = "上年") -> list[tuple]:
    """"X年初预算B元，支出决算A元，完成年初预算的R%，…。较上年增加C元，增长P%" (one 类); `against` is
    the basis the change names (较上年决算增加 → 上年决算)."""
    out = [("budget_amount", subject, budget, "元", "年初预算", ""),
           ("amount", subject, actual, actual_unit, "", ""),
           ("completion_rate", subject, rate, "%", "年初预算", "")]
    if change:
        out.append(("yoy_change", subject, change, "元", against, direction))
    if change_rate:
        out.append(("yoy_rate", subject, change_rate, "%", "上年", rate_direction))
    return out


# 五（三） (lines 508-522). 教育支出 prints its 支出决算 in 万元 (a unit slip the audit will find);
# 农林水利支出 is the alias of 213 农林水支出; 社会保障和就业 repeats the 210000000 补助.
GENERAL_BUDGET_DETAIL = (
    by_class("财政拨款支出", "45821677.68", "84386179.09", "184.16")
    + by_class("教育支出", "10650400", "25552618.58", "239.92", "5108595.51", "增加", "24.99", "增长",
               actual_unit="万元", against="上年决算")  # line 510: 较上年决算增加
    + by_class("社会保障和就业支出", "31526558.33", "55307278.92", "175.43", "212135193.01", "减少", "79.32", "下降")
    + [("amount", "机关事业单位养老保险基金补助", "210000000", "元", "", "")]
    + by_class("卫生健康支出", "1160952.71", "1152660.87", "99.29", "27574.81", "减少", "2.34", "下降")
    + by_class("农林水支出", "58810", "58810", "100", "58810", "增加")
    + by_class("住房保障支出", "2289982.64", "2179836.72", "95.19", "368789.9", "增加", "31.25", "增长")
    + by_class("其他支出", "134974", "134974", "100", "5326.69", "减少", "3.80", "下降")
)

# 六 (lines 526-530): 人员经费 is stated twice in one sentence.
BASIC = [
    ("amount", "基本支出", "39269574.22", "元", "", ""),
    ("amount", "人员经费", "35356219.25", "元", "", ""),
    ("amount", "人员经费", "35356219.25", "元", "", ""),
    ("amount", "公用经费", "3913354.97", "元", "", ""),
]

# 七、八: "本年度无此项支出。" states no figure.

# 九（一） (lines 544-552). "支出预算" names no particular budget; the sentence's "完成全年预算" does.
# "与上年相同" states a change of nothing: a yoy claim without a figure.


def same_as_last_year(subject: str) -> tuple:
    return ("yoy_change", subject, "", "", "上年", "与上年相同")


THREE_PUBLIC_OVERALL = [
    ("budget_amount", "三公经费", "121200.00", "元", "全年预算", ""),
    ("amount", "三公经费", "102573.57", "元", "", ""),
    ("completion_rate", "三公经费", "84.63", "%", "全年预算", ""),
    ("yoy_change", "三公经费", "3966.77", "元", "上年", "减少"),
    ("yoy_rate", "三公经费", "3.72", "%", "上年", "下降"),
    ("amount", "因公出国(境)费", "0.00", "元", "", ""),
    ("completion_rate", "因公出国(境)费", "0.00", "%", "全年预算", ""),
    same_as_last_year("因公出国(境)费"),
    ("amount", "公务用车购置费", "0.00", "元", "", ""),
    ("completion_rate", "公务用车购置费", "0.00", "%", "全年预算", ""),
    same_as_last_year("公务用车购置费"),
    ("amount", "公务用车运行维护费", "102573.57", "元", "", ""),
    ("completion_rate", "公务用车运行维护费", "85.48", "%", "全年预算", ""),
    ("yoy_change", "公务用车运行维护费", "3966.77", "元", "上年", "减少"),
    ("yoy_rate", "公务用车运行维护费", "3.72", "%", "上年", "下降"),
    ("amount", "公务接待费", "0.00", "元", "", ""),
    ("completion_rate", "公务接待费", "0.00", "%", "全年预算", ""),
    same_as_last_year("公务接待费"),
]


def reception(subject: str, amount: str) -> list[tuple]:
    """"X接待费0元，共接待0批次，0人次": the counts carry the fee's subject, told apart by unit."""
    return [("amount", subject, amount, "元", "", ""), ("count", subject, "0", "批次", "", ""),
            ("count", subject, "0", "人次", "", "")]


# 九（二） (lines 556-562)
THREE_PUBLIC_DETAIL = [
    ("amount", "因公出国(境)费", "0.00", "元", "", ""),
    ("count", "出国团组", "0", "个", "", ""),
    ("count", "出国团组", "0", "人次", "", ""),
    ("amount", "公务用车购置费", "0.00", "元", "", ""),
    ("count", "购置车辆", "0", "辆", "", ""),
    ("amount", "公务用车运行维护费", "102573.57", "元", "", ""),
    ("count", "公务用车保有量", "5", "辆", "", ""),
] + reception("公务接待费", "0.00") + reception("国内接待费", "0") + reception("外事接待费", "0") \
  + reception("国(境)外接待费", "0")

# 十（一）（二） (lines 568-572)
RUNNING_AND_PROCUREMENT = [
    ("amount", "机关运行经费", "2593189.51", "元", "", ""),
    ("yoy_change", "机关运行经费", "336666.15", "元", "2021", "减少"),
    ("yoy_rate", "机关运行经费", "11.49", "%", "2021", "下降"),
    ("amount", "政府采购", "7349093.97", "元", "", ""),
    ("amount", "政府采购货物", "4737445.50", "元", "", ""),
    ("amount", "政府采购工程", "811699.10", "元", "", ""),
    ("amount", "政府采购服务", "1799949.37", "元", "", ""),
    ("amount", "政府采购中小企业", "725953.36", "元", "", ""),
    ("share", "政府采购中小企业", "9.88", "%", "政府采购", ""),
    ("amount", "政府采购小微企业", "80000", "元", "", ""),
    ("share", "政府采购小微企业", "1.09", "%", "政府采购", ""),
]

# 十（三） (line 576). "单价100万元以上设备" names a threshold, not a figure; the three vehicles
# after "其他用车主要是" name no known subject and keep their printed words.
VEHICLES = [("count", subject, number, "辆", "", "") for subject, number in [
    ("车辆", "5"),
    ("副部(省)级及以上领导用车", "0"),
    ("主要领导干部用车", "0"),
    ("机要通信用车", "0"),
    ("应急保障用车", "0"),
    ("执法执勤用车", "1"),
    ("特种专业技术用车", "0"),
    ("离退休干部用车", "0"),
    ("其他用车", "4"),
    ("忻州市人事考试中心试卷押运车", "1"),
    ("招生等应急公务用车", "1"),
    ("紧急或重要公务出行车", "2"),
]] + [("count", "单价100万元以上设备", "78", "台(套)", "", "")]


def funds_split(subject: str, total: str) -> list[tuple]:
    """"其中一般公共预算…支出T元、政府性基金预算…0元、国有资金经营预算…0元、社会保险基金预算…0元"."""
    return [("amount", subject, value, "元", "", "") for value in (total, "0", "0", "0")]


# 十（四）（1） (lines 582-586)
PERFORMANCE_MANAGEMENT = [
    ("count", "一级项目", "3", "个", "", ""),
    ("count", "二级项目", "21", "个", "", ""),
    ("amount", "绩效评价涉及资金", "12816900", "元", "", ""),
    ("share", "绩效评价涉及资金", "100", "%", "项目支出", ""),
] + funds_split("项目支出", "12816900") + [
    ("amount", "绩效评价涉及资金", "49887740", "元", "", ""),
] + funds_split("绩效评价涉及资金", "49887740") + [
    ("count", "部门评价项目", "0", "个", "", ""),  # "组织对0等0个0级项目开展了部门评价"
    ("amount", "绩效评价涉及资金", "0", "元", "", ""),
] + funds_split("绩效评价涉及资金", "0")


def grade_counts(*numbers: str) -> list[tuple]:
    return [("count", f"等级为{grade}的项目", number, "个", "", "") for grade, number in zip("优良中差", numbers)]


# 十（四）（2） (lines 590-592)
SELF_EVALUATION_COUNTS = (
    [("count", "一级项目", "3", "个", "", ""), ("amount", "绩效评价涉及资金", "4967700", "元", "", "")]
    + grade_counts("3", "0", "0", "0")
    + [("count", "二级项目", "21", "个", "", ""), ("amount", "绩效评价涉及资金", "12816900", "元", "", "")]
    + grade_counts("19", "1", "1", "0")
)


def project_review(project: str, score: str, budget: str, spent: str, rate: str) -> list[tuple]:
    """"…绩效自评综述：…自评得分S分，属于“优”。项目全年预算B元，执行数A元，执行率为R%"."""
    return [("score", project, score, "分", "", ""), ("grade", project, "优", "", "", ""),
            ("budget_amount", project, budget, "元", "全年预算", ""), ("amount", project, spent, "元", "", ""),
            ("completion_rate", project, rate, "%", "全年预算", "")]


# 十（四）（2） the three 绩效自评综述 (lines 596-602). "满意度90%以上", "持有率达到90%以上" are bounds,
# not stated values.
PROJECT_REVIEWS = (
    project_review("金保工程信息系统日常运营维护", "96.76", "1007943.96", "781943.33", "77.58")
    + project_review("忻州市高级技工学校采暖经费", "100", "400000", "400000", "100")
    + project_review("就业见习补助资金、失业动态监测调查费、大学生实习实训生活补贴经费", "99.5", "2980000",
                     "2980000", "100")
    + [("count", subject, number, unit, basis, "") for subject, number, unit, basis in [
        ("大学生实习实训", "158", "人", "计划"),
        ("大学生实习实训", "158", "人", "实际"),
        ("就业见习补贴", "150", "人", "计划"),
        ("就业见习补贴", "140", "人", "实际"),
        ("失业动态监测补助", "640", "户", "计划"),
        ("失业动态监测补助", "576", "户", "实际"),
    ]]
)

# 十（四）（3） 整体支出 (lines 606-608). "控制率" names no budget: the one the section last named.
# "131服务", "8+6产业集群", "2023年春风行动" are no figures.
WHOLE_DEPARTMENT = [
    ("score", "部门整体支出", "92.1", "分", "", ""),
    ("budget_amount", "部门整体支出", "53088970", "元", "全年预算", ""),
    ("amount", "部门整体支出", "49887740", "元", "", ""),
    ("completion_rate", "部门整体支出", "93.97", "%", "全年预算", ""),
    ("completion_rate", "部门整体支出", "93.97", "%", "全年预算", ""),
    ("control_rate", "三公经费", "100", "%", "", ""),  # "“三公”经费控制率100%": a policy indicator, not 决算 ÷ 预算
]

SAMPLE_CLAIMS = (OVERALL + INCOME + EXPENDITURE + FISCAL_OVERALL + GENERAL_BUDGET_OVERALL
                 + GENERAL_BUDGET_STRUCTURE + GENERAL_BUDGET_DETAIL + BASIC + THREE_PUBLIC_OVERALL
                 + THREE_PUBLIC_DETAIL + RUNNING_AND_PROCUREMENT + VEHICLES + PERFORMANCE_MANAGEMENT
                 + SELF_EVALUATION_COUNTS + PROJECT_REVIEWS + WHOLE_DEPARTMENT)
# Counted by hand per section: 一 8, 二 13, 三 11, 四 7, 五 9+13+33, 六 4, 九 18+19,
# 十 3+8+13+19+12+21+6.
SAMPLE_COUNT = 8 + 13 + 11 + 7 + (9 + 13 + 33) + 4 + (18 + 19) + (3 + 8 + 13 + 19 + 12 + 21 + 6)


@pytest.fixture(scope="module")
def sample_claims():
    return narrative.blocks_to_claims(read(SAMPLE))


def test_sample_expectations_add_up():
    assert len(SAMPLE_CLAIMS) == SAMPLE_COUNT == 217


def test_sample_has_every_stated_figure_and_no_other(sample_claims):
    assert len(sample_claims) == SAMPLE_COUNT
    assert as_tuples(sample_claims) == SAMPLE_CLAIMS


def test_sample_claim_ids_are_unique_and_ordered(sample_claims):
    ids = list(sample_claims["claim_id"])
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    assert ids[0] == "01-001-01"


def test_sample_sections_years_funds_and_codes(sample_claims):
    by_section = sample_claims.groupby("section", sort=False).size()
    assert list(by_section.index) == [
        "一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明", "四、财政拨款收支决算总体情况说明",
        "五、一般公共预算财政拨款支出决算情况说明", "六、一般公共预算财政拨款支出决算情况说明",
        "九、财政拨款“三公”经费支出决算情况说明", "十、其他重要事项情况说明",
    ]
    assert list(by_section) == [8, 13, 11, 7, 55, 4, 37, 82]
    yoy = sample_claims[sample_claims["kind"].isin(["yoy_change", "yoy_rate"])]
    assert set(yoy.loc[yoy["basis"] == "2021", "year"]) == {2021}
    assert yoy.loc[yoy["basis"] == "上年", "year"].isna().all()
    assert set(sample_claims.loc[sample_claims["section"].str.startswith("四"), "fund"]) == {"财政拨款"}
    assert set(sample_claims.loc[sample_claims["section"].str.startswith("五"), "fund"]) == {"一般公共预算财政拨款"}
    assert set(sample_claims.loc[sample_claims["section"].str.startswith("九"), "fund"]) == {"财政拨款"}
    classes = sample_claims[sample_claims["level"] == "类"].drop_duplicates("subject")
    assert dict(zip(classes["subject"], classes["code"])) == {
        "教育支出": "205", "社会保障和就业支出": "208", "卫生健康支出": "210", "农林水支出": "213",
        "住房保障支出": "221", "其他支出": "229",
    }
    assert not sample_claims["missing_percent_sign"].any()
    assert sample_claims["page"].isna().all()  # the text export has no pages


def test_sample_unit_slip_keeps_the_printed_unit(sample_claims):
    slip = sample_claims[(sample_claims["subject"] == "教育支出") & (sample_claims["kind"] == "amount")
                         & (sample_claims["unit"] == "万元")].iloc[0]
    assert slip["value_yuan"] == Decimal("255526185800")  # 25552618.58 万元, as printed
    assert slip["decimals"] == 2


# --- number formats and kinds, one small sentence each ---------------------------------------------

def test_thousands_separators_and_yuan():
    claim = claims_of("2022年度收入总计85,813,977.30元。").iloc[0]
    assert (claim["stated"], claim["unit"], claim["value_yuan"], claim["decimals"]) == (
        "85813977.30", "元", Decimal("85813977.30"), 2)


def test_wan_and_yi_scale_exactly():
    claims = claims_of("机关运行经费支出184.65万元；财政拨款收入1.2345亿元。")
    assert list(claims["value_yuan"]) == [Decimal("1846500"), Decimal("123450000")]
    assert list(claims["unit"]) == ["万元", "亿元"]


def test_fullwidth_digits_and_percent_sign():
    claims = claims_of("基本支出３９,８５０,４９０.５３元，占比４６.９０％。")
    assert as_tuples(claims) == [("amount", "基本支出", "39850490.53", "元", "", ""),
                                 ("share", "基本支出", "46.90", "%", "", "")]


def test_zero_amount_and_whole_percent():
    claims = claims_of("公务接待费支出0.00元，完成全年预算的100%。")
    assert as_tuples(claims) == [("amount", "公务接待费", "0.00", "元", "", ""),
                                 ("completion_rate", "公务接待费", "100", "%", "全年预算", "")]


def test_decrease_keeps_the_figure_positive():
    claims = claims_of("机关运行经费支出2,593,189.51元，比2021年减少336,666.15元，下降11.49%。")
    change, rate = claims.iloc[1], claims.iloc[2]
    assert (change["kind"], change["stated"], change["direction"], change["year"]) == ("yoy_change", "336666.15", "减少", 2021)
    assert (rate["kind"], rate["stated"], rate["direction"]) == ("yoy_rate", "11.49", "下降")


def test_printed_minus_sign_is_kept():
    claim = claims_of("公用经费较上年增长－3.20%。").iloc[0]
    assert (claim["kind"], claim["stated"], claim["direction"]) == ("yoy_rate", "-3.20", "增长")


def test_flat_is_a_yoy_claim_without_figure():
    claims = claims_of("与2023年度相比，财政拨款收入支出总计持平。", "决算数与预算数基本持平。",
                       "支出保持平稳。", "（如持平作持平表述）")
    assert as_tuples(claims) == [("yoy_change", "收入支出总计", "", "", "2023", "持平")]
    assert claims.iloc[0]["fund"] == "财政拨款" and claims.iloc[0]["year"] == 2023


def test_percentage_printed_without_sign_is_flagged():
    claims = claims_of("教育支出(类)25,552,618.58元，占比30.28；")
    share = claims.iloc[1]
    assert (share["kind"], share["stated"], share["unit"], bool(share["missing_percent_sign"])) == (
        "share", "30.28", "%", True)
    assert not claims.iloc[0]["missing_percent_sign"]


def test_yoy_subject_carries_from_the_paragraph_start():
    claims = claims_of("教育支出年初预算10650400元，支出决算25552618.58万元，完成年初预算的239.92%，用于人员经费、公用经费等。"
                       "较上年决算增加5108595.51元，增长24.99%，主要原因是人员工资支出增加。")
    assert as_tuples(claims) == by_class("教育支出", "10650400", "25552618.58", "239.92", "5108595.51", "增加",
                                         "24.99", "增长", actual_unit="万元", against="上年决算")
    assert set(claims["code"]) == {"205"}


def test_budget_item_paragraph_with_codes_and_last_years_execution():
    # 司法局 2026 部门预算 p.6: the 项 named with its code digits, last year's 当年预算执行数, this year's
    # budget and the change against the former
    claims = claims_of("1、公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元。"
                       "2025年当年预算执行数为1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%。")
    assert as_tuples(claims) == [("amount", "行政运行", "1672.67", "万元", "", ""),
                                 ("prior_amount", "行政运行", "1690.69", "万元", "上年当年预算执行数", ""),
                                 ("amount", "行政运行", "1672.67", "万元", "", ""),
                                 ("yoy_rate", "行政运行", "1.07", "%", "上年当年预算执行数", "减少")]
    assert set(claims["code"]) == {"2040601"}


def test_counts():
    claims = claims_of("本部门共有车辆5辆；单价100万元以上设备（不含车辆）78台（套）；出国团组共0个，0人次；3个项目自评等级为“优”。")
    assert as_tuples(claims) == [
        ("count", "车辆", "5", "辆", "", ""),
        ("count", "单价100万元以上设备", "78", "台(套)", "", ""),
        ("count", "出国团组", "0", "个", "", ""),
        ("count", "出国团组", "0", "人次", "", ""),
        ("count", "等级为优的项目", "3", "个", "", ""),
    ]


def test_bounds_ordinals_and_years_are_no_figures():
    assert claims_of("主要原因是1、2022年度人员减少；达到工作人员满意度90%以上；聚焦8+6产业集群。").empty


def test_performance_review_paragraph():
    claims = claims_of("金保工程信息系统日常运营维护绩效自评综述：根据年初设定的绩效目标，项目绩效自评得分96.76分，属于“优”。"
                       "项目全年预算1007943.96元，执行数781943.33元，执行率为77.58%。")
    assert as_tuples(claims) == project_review("金保工程信息系统日常运营维护", "96.76", "1007943.96", "781943.33", "77.58")


def test_classified_item_names_its_code():
    claims = claims_of("1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费。",
                       "年初预算为1560.05万元，支出决算为1511.89万元。")
    assert as_tuples(claims) == [("budget_amount", "行政运行", "1560.05", "万元", "年初预算", ""),
                                 ("amount", "行政运行", "1511.89", "万元", "", "")]
    assert set(claims["code"]) == {"2010601"} and set(claims["level"]) == {"项"}


def test_completion_against_full_year_budget():
    claims = claims_of("2022年度“三公”经费财政拨款支出预算121,200.00元，支出决算102,573.57元，完成全年预算的84.63%。")
    assert list(claims["basis"]) == ["全年预算", "", "全年预算"]
    assert list(claims["kind"]) == ["budget_amount", "amount", "completion_rate"]


# --- line breaks do not matter -------------------------------------------------------------------

ONE_LINE = "住房保障支出年初预算2289982.64元，支出决算数2179836.72元，完成年初预算的95.19%，主要用于在职人员住房公积金支出。"


@pytest.mark.parametrize("split_at", [
    ONE_LINE.index("算的95.19%"),  # the sample's own break: "完成年初预" / "算的95.19%"
    ONE_LINE.index("36.72元"),  # inside a number, as a PDF line may break
    ONE_LINE.index("，支出决算数"),
])
def test_sentence_split_over_two_lines_gives_the_same_claims(split_at):
    one = claims_of("三、支出决算情况说明", ONE_LINE)
    two = claims_of("三、支出决算情况说明", ONE_LINE[:split_at], ONE_LINE[split_at:])
    assert len(one) == 3
    assert one.equals(two)


def test_blocks_outside_the_narrative_are_skipped():
    blocks = text_to_blocks("\n".join([
        "目 录", "第一部分 概况\t1", "第二部分 2022年部门决算表\t6", "第三部分 情况说明\t22",
        "二、收入决算情况说明.....\t22", "第四部分 名词解释\t29",
        "第一部分 概况", "内设13个机构。",
        "第二部分 2022年部门决算表", "收入决算表", "单位：元",
    ])) + [Grid([["合计", "85,813,977.30"]])] + text_to_blocks("\n".join([
        "第三部分 情况说明", "二、收入决算情况说明", "2022年度收入合计85,813,977.30元。",
        "第四部分 名词解释", "一、财政拨款收入：指单位从同级财政部门取得的财政预算资金，共3类。",
    ]))
    claims = narrative.blocks_to_claims(blocks)
    assert as_tuples(claims) == [("amount", "收入合计", "85813977.30", "元", "", "")]
    assert narrative.sentences(blocks) == [("2022年度收入合计85,813,977.30元。", None, "二、收入决算情况说明")]


def test_table_of_contents_is_skipped():
    """A PDF prints its contents as lines; an entry with leader and page number is no sentence."""
    blocks = [Line(text, page) for text, page in [
        ("目录", 2), ("第三部分 情况说明", 2), ("二、收入决算情况说明……………3", 2),
        ("第三部分 情况说明", 3), ("二、收入决算情况说明", 3), ("2022年度收入合计85,813,977.30", 3), ("元。", 4),
    ]]
    assert narrative.sentences(blocks) == [("2022年度收入合计85,813,977.30元。", 3, "二、收入决算情况说明")]


# --- form observations ---------------------------------------------------------------------------------

def test_placeholders_and_years_in_headings():
    blocks = [Line("XX局", 1), Line("2022年度部门决算", 1), Line("第三部分 情况说明", 2),
              Line("一、收入支出决算总体情况说明", 2), Line("××单位2021年收入总计某某元。", 2)]
    form = narrative.form_observations(blocks)
    placeholders = form[form["kind"] == "placeholder"]
    assert list(placeholders["value"]) == ["XX", "××", "某某"]
    assert list(placeholders["page"]) == [1, 2, 2]
    years = form[form["kind"] == "year_in_heading"]
    assert list(zip(years["value"], years["quote"])) == [("2022", "2022年度部门决算")]


def test_sample_form_observations():
    form = narrative.form_observations(read(SAMPLE))
    assert (form["kind"] == "placeholder").sum() == 0
    assert set(form.loc[form["kind"] == "year_in_heading", "value"]) == {"2022"}
    assert "2022年度部门决算公开" in set(form["quote"])


# --- a real Shanghai PDF, five sentences read off the page -----------------------------------------------

# shanghai-putuo_caizhengju_2024_juesuan.pdf, pages 21-24, each sentence as printed (whitespace removed)
# with its claims; in the PDF the first two sentences each wrap over two lines.
SHANGHAI_SENTENCES = [
    (21, "与2023年度相比，收入支出总计减少56.95万元，下降1.87%。", [
        ("yoy_change", "收入支出总计", "56.95", "万元", "2023", "减少"),
        ("yoy_rate", "收入支出总计", "1.87", "%", "2023", "下降"),
    ]),
    (21, "本年收入合计2946.25万元，其中：", [("amount", "收入合计", "2946.25", "万元", "", "")]),
    (21, "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。", [
        ("budget_amount", "财政拨款支出", "2993.92", "万元", "年初预算", ""),
        ("amount", "财政拨款支出", "2940.05", "万元", "", ""),
        ("completion_rate", "财政拨款支出", "98.20", "%", "年初预算", ""),
    ]),
    (24, "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。", [
        ("amount", "机关运行经费", "184.65", "万元", "", ""),
        ("yoy_change", "机关运行经费", "2.55", "万元", "2023", "增加"),
        ("yoy_rate", "机关运行经费", "1.40", "%", "2023", "增长"),
    ]),
    (24, "单价100万元（含）以上设备（不含车辆）2台（套）。", [
        ("count", "单价100万元以上设备", "2", "台(套)", "", ""),
    ]),
]


@pytest.fixture(scope="module")
def shanghai_claims():
    return narrative.blocks_to_claims(read(shared_raw("shanghai-putuo_caizhengju_2024_juesuan.pdf")))


@pytest.mark.parametrize("page, sentence, expected", SHANGHAI_SENTENCES, ids=[s[1][:12] for s in SHANGHAI_SENTENCES])
def test_shanghai_pdf_sentences(shanghai_claims, page, sentence, expected):
    found = shanghai_claims[shanghai_claims["quote"] == sentence]
    assert as_tuples(found) == expected
    assert set(found["page"]) == {page}


def test_shanghai_pdf_codes_and_funds(shanghai_claims):
    item = shanghai_claims[shanghai_claims["subject"] == "行政运行"]  # p22 "1、一般公共服务支出（类）财政事务（款）行政运行（项）"
    assert list(zip(item["kind"], item["stated"], item["code"])) == [
        ("budget_amount", "1560.05", "2010601"), ("amount", "1511.89", "2010601")]
    assert set(shanghai_claims.loc[shanghai_claims["section"].str.startswith("五"), "fund"]) == {"一般公共预算财政拨款"}


def test_shanghai_pdf_and_typed_text_agree(shanghai_claims):
    """The same section typed on one line per sentence gives the claims the PDF's wrapped lines give."""
    typed = claims_of("一、收入支出决算总体情况说明",
                      "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。"
                      "主要原因：基本支出中人员进出及退休变化，以及项目支出中合同支付进度条款等原因减少支付。")
    from_pdf = shanghai_claims[shanghai_claims["section"] == "一、收入支出决算总体情况说明"]
    columns = [c for c in narrative.CLAIM_COLUMNS if c != "page"]
    assert typed[columns].reset_index(drop=True).equals(from_pdf[columns].reset_index(drop=True))
