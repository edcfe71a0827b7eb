"""Budget execution by level (issue 12): 项 budgets rolled up to 款 and 类 by code, the rate against
全年预算 where 年初预算 is stated as 0, the chart, the key figures and the index cell.

Every expected value is arithmetic of figures read by hand (`pdftotext -layout`) from the PDFs of
../shared/corpus/raw, each printed in 万元; the page is cited beside it."""
from decimal import ROUND_HALF_UP, Decimal, localcontext
from types import SimpleNamespace

import pandas as pd
import pytest

from juesuan import metrics, plots, present
from juesuan.batch import DocumentResult, Page
from conftest import wan

D = Decimal
CAIZHENGJU = "shanghai-putuo_caizhengju_2024_juesuan.pdf"
SHEHUI = "shanghai-putuo_shehui-gongzuobu_2024_juesuan_flagged.pdf"


def exact(numerator: Decimal, denominator: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 50
        return (numerator / denominator).quantize(metrics.RATIO_PLACES, rounding=ROUND_HALF_UP)


def r4(numerator: Decimal, denominator: Decimal) -> float:
    """A ratio as the key figures hold it: a plain number to 4 decimals."""
    return float(exact(numerator, denominator).quantize(D("0.0001"), rounding=ROUND_HALF_UP))


def row(execution: pd.DataFrame, code: str, basis: str = "年初预算") -> pd.Series:
    chosen = execution[(execution["code"] == code) & (execution["basis"] == basis)]
    assert len(chosen) == 1, (code, basis)
    return chosen.iloc[0]


# --- 上海市普陀区财政局 2024 决算: 年初预算 stated per 项 ---------------------------------------------------

# 情况说明 五（三） (p.22), 年初预算 of the 项 of 201 一般公共服务支出 / 06 财政事务:
# 行政运行 1560.05, 一般行政管理事务 10.00, 信息化建设 135.90, 财政委托业务支出 450.52.
FINANCE_ITEMS = {"2010601": "1560.05", "2010602": "10.00", "2010607": "135.90", "2010608": "450.52"}
# … and of 208 社会保障和就业支出 / 05 行政事业单位养老支出: 行政单位离退休 85.55, 机关事业单位基本养老保险缴费支出
# 161.62, 机关事业单位职业年金缴费支出 80.81, 其他行政事业单位养老支出 0.94.
PENSION_ITEMS = {"2080501": "85.55", "2080505": "161.62", "2080506": "80.81", "2080599": "0.94"}


def test_items_roll_up_to_their_section_and_class(docs):
    execution = metrics.budget_execution(docs(CAIZHENGJU))
    budget = wan("1560.05") + wan("10.00") + wan("135.90") + wan("450.52")
    assert budget == wan("2156.47")
    # 一般公共预算财政拨款支出决算表 (p.15) prints 201 一般公共服务支出 2,106.66 and 20106 财政事务 2,106.66
    for code, level in (("20106", "款"), ("201", "类")):
        rolled = row(execution, code)
        assert rolled["level"] == level and rolled["origin"] == "rolled_up" and rolled["status"] == "ok"
        assert rolled["budget"] == budget and rolled["actual"] == wan("2106.66")
        assert rolled["rate"] == exact(wan("2106.66"), budget)  # 2,106.66 ÷ 2,156.47 = 97.69%
        assert rolled["stated_rate"] is None and rolled["claim_id"] is None
        assert len(rolled["claim_ids"].split(",")) == 4 and "汇总数" in rolled["statement"] and "4 个项" in rolled["statement"]
        assert rolled["note"] == ""  # its printed 项 rows tie: 1,511.89 + 10.00 + 135.25 + 449.52 = 2,106.66
    assert row(execution, "201")["subject"] == "一般公共服务支出"  # the name the table prints
    pension = row(execution, "208")
    assert pension["budget"] == sum(wan(v) for v in PENSION_ITEMS.values()) == wan("328.92")
    assert pension["actual"] == wan("326.72")  # 208 社会保障和就业支出 (p.15)
    for code, printed in FINANCE_ITEMS.items():  # the 项 stay as stated
        assert row(execution, code)["budget"] == wan(printed) and row(execution, code)["origin"] == "stated"


def test_rows_come_class_then_its_sections_then_their_items(docs):
    execution = metrics.budget_execution(docs(CAIZHENGJU))
    original = execution[execution["basis"] == "年初预算"]
    assert list(original["level"][:7]) == ["合计", "类", "款", "项", "项", "项", "项"]
    assert list(original["code"][1:7]) == ["201", "20106", "2010601", "2010602", "2010607", "2010608"]
    assert original["level"].iloc[-1] == "" and original["subject"].iloc[-1] == "三公经费"  # no code: last
    # 11 项 stated, under 4 款 and 4 类 (p.15 prints one 款 per 类)
    assert original["level"].value_counts().to_dict() == {"项": 11, "类": 4, "款": 4, "合计": 1, "": 1}


def test_key_figures_key_classes_by_name_and_items_by_code(docs):
    doc = docs(CAIZHENGJU)
    execution = metrics.budget_execution(doc)
    figures = metrics.execution_key_figures(execution, metrics.pefa_indicators(doc, execution))
    assert figures["execution_basis"] == "年初预算"
    assert figures["execution_rate"] == exact(wan("2940.05"), wan("2993.92"))  # stated 98.20%
    assert set(figures["class_execution_rate"]) == {"一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"}
    assert figures["class_execution_rate"]["一般公共服务支出"] == exact(wan("2106.66"), wan("2156.47"))
    # 住房保障支出: 住房公积金 187.75 + 购房补贴 258.50 = 446.25 budgeted (p.22), 445.69 spent (p.15)
    assert figures["class_execution_rate"]["住房保障支出"] == exact(wan("445.69"), wan("187.75") + wan("258.50"))
    assert figures["section_execution_rate"]["20805 行政事业单位养老支出"] == exact(wan("326.72"), wan("328.92"))
    assert figures["item_execution_rate"]["2010601 行政运行"] == exact(wan("1511.89"), wan("1560.05"))
    assert len(figures["item_execution_rate"]) == 11
    assert figures["pi1_band_this_year"] == "A" and figures["pi2_band_this_year"] == "A"


def _without_claim(doc, code: str):
    """The document as if the narrative had not stated the budget of one 项."""
    claims = doc.claims[~((doc.claims["kind"] == "budget_amount") & (doc.claims["code"] == code))]
    return SimpleNamespace(meta=doc.meta, facts=doc.facts, claims=claims)


def test_a_class_whose_items_are_partly_stated_is_not_rolled_up(docs):
    execution = metrics.budget_execution(_without_claim(docs(CAIZHENGJU), "2010602"))
    for code in ("20106", "201"):
        partial = row(execution, code)
        assert partial["status"] == "insufficient_data" and partial["budget"] is None and partial["rate"] is None
        assert partial["actual"] == wan("2106.66")  # the printed figure is still shown
        assert "2010602 一般行政管理事务" in partial["statement"] and "4 行" in partial["statement"]
    assert row(execution, "208")["status"] == "ok"  # the other 类 are complete
    assert "一般公共服务支出" not in metrics.execution_key_figures(execution, metrics.pefa_indicators(docs(CAIZHENGJU)))[
        "class_execution_rate"]


def test_printed_items_that_do_not_tie_to_their_section_are_said(docs):
    doc = docs(CAIZHENGJU)
    facts = doc.facts.copy()
    cell = (facts["table"] == "general_budget_expenditure") & (facts["code"] == "2010607") & (facts["column"] == "合计")
    facts.loc[cell, "value"] = wan("135.35")  # 0.10 万元 more than printed: 2,106.76 ≠ 2,106.66
    execution = metrics.budget_execution(SimpleNamespace(meta=doc.meta, facts=facts, claims=doc.claims))
    assert "不符" in row(execution, "20106")["note"] and "不符" in row(execution, "20106")["statement"]
    assert row(execution, "20106")["rate"] == exact(wan("2106.66"), wan("2156.47"))  # the printed 款 row still counts


# --- 中共上海市普陀区委社会工作部 2024 决算: 年初预算 0, 全年预算 stated -----------------------------------------

def test_zero_original_budget_takes_the_full_year_budget(docs):
    doc = docs(SHEHUI)
    execution = metrics.budget_execution(doc)
    # 情况说明 五（三） (p.18): 年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元
    original = execution[(execution["level"] == "合计") & (execution["basis"] == "年初预算")].iloc[0]
    assert original["budget"] == 0 and original["rate"] is None and original["status"] == "not_applicable"
    assert "预算数为 0，无执行率" in original["statement"]  # blank rate, the reason in words
    full = execution[(execution["level"] == "合计") & (execution["basis"] == "全年预算")].iloc[0]
    assert full["budget"] == wan("321.02") and full["actual"] == wan("307.82")  # 一般公共预算财政拨款支出决算表 合计 307.82 (p.12)
    assert metrics.execution_basis(execution) == ("全年预算", "年初预算为 0，按全年预算计算")
    figures = metrics.execution_key_figures(execution, metrics.pefa_indicators(doc, execution))
    assert figures["execution_basis"] == "全年预算"
    assert figures["execution_rate"] == exact(wan("307.82"), wan("321.02"))  # 307.82 ÷ 321.02 = 95.89%
    assert r4(wan("307.82"), wan("321.02")) == 0.9589
    # 201 一般公共服务支出: 行政运行 52.00 + 事业运行 17.68 + 其他社会工作事务支出 202.24 = 271.92 (p.18–19); 264.87 spent (p.12)
    assert figures["class_execution_rate"]["一般公共服务支出"] == exact(wan("264.87"), wan("271.92"))
    items = ("52.00", "17.68", "202.24", "9.00", "5.74", "2.23", "2.29", "18.12", "11.72")
    assert sum(wan(v) for v in items) == wan("321.02")  # the nine 项 (p.18–20) add up to the stated 全年预算
    classes = execution[(execution["level"] == "类") & (execution["basis"] == "全年预算")]
    assert sum(classes["budget"]) == wan("321.02")


def test_pefa_says_the_original_budget_is_zero(docs):
    pefa = metrics.pefa_indicators(docs(SHEHUI)).set_index("indicator")
    for indicator in ("PI-1", "PI-2"):
        assert pefa.loc[indicator, "ratio"] is None and pefa.loc[indicator, "note"].startswith("年初预算为 0")


def test_chart_names_the_full_year_basis_never_a_missing_original_budget(docs):
    chart = plots.execution_chart(metrics.budget_execution(docs(SHEHUI)))
    ax = chart.axes[0]
    assert ax.get_title() == "预算执行率（决算 ÷ 全年预算；年初预算为 0，按全年预算计算）"
    assert "说明未列年初预算" not in ax.get_title()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "合计" and set(labels[:-1]) == {"一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"}
    assert "95.89%" in [t.get_text() for t in ax.texts]


def test_chart_of_a_stated_original_budget_keeps_its_title(docs):
    chart = plots.execution_chart(metrics.budget_execution(docs(CAIZHENGJU)))
    assert chart.axes[0].get_title() == "预算执行率（决算 ÷ 年初预算）"
    assert len(chart.axes[0].get_yticklabels()) == 5  # 合计 and 4 类 (not the 11 项)


@pytest.mark.parametrize("totals, expected", [
    ([("年初预算", "0")], (None, "年初预算为 0，说明未列全年预算")),
    ([("全年预算", "100")], ("全年预算", "说明未列年初预算，按全年预算计算")),
    ([("年初预算", "90"), ("全年预算", "100")], ("年初预算", "")),
    ([], (None, "说明未列年初预算或全年预算的合计数")),
])
def test_the_headline_basis(totals, expected):
    frame = pd.DataFrame([{"level": "合计", "basis": b, "budget": D(v)} for b, v in totals],
                         columns=["level", "basis", "budget", "note"])
    assert metrics.execution_basis(frame) == expected


# --- the national sample: budgets stated per 类 --------------------------------------------------------

def test_a_document_stating_classes_has_nothing_to_roll_up():
    import juesuan

    sample = juesuan.load("xinzhou-hrss-2022")
    execution = metrics.budget_execution(sample)
    assert set(execution["origin"]) == {"stated"}
    figures = metrics.execution_key_figures(execution, metrics.pefa_indicators(sample, execution))
    assert figures["section_execution_rate"] == {} and figures["item_execution_rate"] == {}
    assert figures["execution_basis"] == "年初预算" and len(figures["class_execution_rate"]) == 6
    # 情况说明 五（三）: 三公经费 全年预算 121,200.00 元 against 公开07表's 决算数, named as printed
    three = execution[execution["subject"] == "三公经费"].iloc[0]
    assert three["actual_from"] == "公开07表 财政拨款“三公”经费支出决算表 · 决算数"
    assert execution[execution["level"] == "合计"]["actual_from"].iloc[0] == "公开05表 一般公共预算财政拨款支出决算表 · 合计"


def test_reader_tables_show_no_gaps_or_keys(docs):
    execution = metrics.budget_execution(docs(SHEHUI))
    shown = present.display_frame(execution[["level", "code", "subject", "basis", "budget", "actual", "rate", "stated_rate",
                                             "actual_from", "statement"]],
                                  present.metric_labels("budget_execution"), unit="万元").frame
    cells = shown.to_numpy().ravel().tolist()
    assert not any(word in str(c) for c in cells for word in ("None", "nan", "NaN", "general_budget_expenditure"))
    assert "执行率（复算）" in shown.columns and "预算数（万元）" in shown.columns
    assert shown.loc[shown["预算口径"] == "全年预算", "预算数（万元）"].iloc[0] == "321.02"
    pefa = present.display_frame(metrics.pefa_indicators(docs(SHEHUI)), present.metric_labels("pefa")).frame
    assert {"指标", "本年比值", "本年所在区间", "说明"} <= set(pefa.columns)


# --- the index -----------------------------------------------------------------------------------------

def _index_with(figures: dict) -> str:
    result = DocumentResult(source="x.pdf", slug="x", doc_id="x", department="某部门", year=2024, kind="决算", status="ok",
                            pages=[Page("02-execution", "2. 预算执行", status="ok", figures=figures)])
    return present.index_page([result], lambda slug, notebook: True)


def test_index_marks_a_rate_against_the_full_year_budget():
    # 社会工作部: 307.82 ÷ 321.02 = 95.89% against 全年预算; 财政局: 2,940.05 ÷ 2,993.92 = 98.20% against 年初预算
    assert present.execution_cell({"execution_rate": 0.9589, "execution_basis": "全年预算"}) == {"rate": "95.89%",
                                                                                                "basis": "全年预算"}
    assert present.execution_cell({"execution_rate": 0.982, "execution_basis": "年初预算"}) == {"rate": "98.20%", "basis": ""}
    assert present.execution_cell({"execution_rate": 0.982}) == {"rate": "98.20%", "basis": ""}  # older key figures
    assert present.execution_cell({"execution_rate": None, "execution_basis": None}) == {"rate": "—", "basis": ""}
    page = _index_with({"execution_rate": 0.9589, "execution_basis": "全年预算"})
    assert '<td class="num">95.89%<br><small>（全年预算）</small></td>' in page
    assert "按全年预算计算" in page and "“—”表示无从计算" in page
    assert '<td class="num">98.20%</td>' in _index_with({"execution_rate": 0.982, "execution_basis": "年初预算"})
    assert '<td class="num">—</td>' in _index_with({"execution_rate": None, "execution_basis": None})
