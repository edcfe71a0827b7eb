"""The display helper every page uses (`present.display_frame`, `present.Table`, `present.evidence`)
and the words it shows (`wording`, `views`): Chinese labels with an English gloss row, blanks with
the reason in words, 万元 and 元 to two decimals with the unit named, each audit figure in the unit
it was printed in — on inputs written by hand, and on the real documents where the reading matters."""
from decimal import Decimal as D

import pandas as pd
import pytest

from juesuan import metrics, present, views, wording
from juesuan.metrics.base import printed_table
from reader_pages import PageTables

# A national document's tables as its meta names them (公开02表, 公开03表 …).
NATIONAL = {"layout": "national", "unit": "元", "tables": {
    "income": {"label": "公开02表", "title": "收入决算表", "unit": "元"},
    "expenditure": {"label": "公开03表", "title": "支出决算表", "unit": "元"},
    "three_public": {"label": "公开07表", "title": "财政拨款“三公”经费支出决算表", "unit": "元", "status": "missing"}}}
SHANGHAI = {"layout": "shanghai", "unit": "万元", "tables": {
    "expenditure": {"label": "", "title": "支出决算表", "unit": "万元"},
    "fiscal_summary": {"label": "", "title": "财政拨款收入支出决算总表", "unit": "万元"}}}


def metrics_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "item": ["本年支出合计", "因公出国(境)费", "公务接待费"],
        "amount": [D("29400500"), None, D("0")],
        "share": [D("0.7165388344"), None, None],
        "status": ["ok", "insufficient_data", "not_applicable"],
        "note": ["", "公开07表 财政拨款“三公”经费支出决算表未找到 (table not found)", "合计为 0 (the total is zero)"],
    })


def test_labels_are_chinese_with_an_english_gloss_row_and_tooltip():
    table = present.display_frame(metrics_frame())
    assert list(table.frame.columns) == ["项目", "金额（万元）", "占比", "说明"]
    page = table._repr_html_()
    gloss = PageTables(page).tables[0].glosses
    assert gloss == [["item", "amount (10,000 yuan)", "share", "note / reason"]]
    assert 'title="amount (10,000 yuan)">金额（万元）</th>' in page
    assert table.frame.columns[0] == "项目" and "<th></th>" not in page  # no index heading


def test_missing_values_are_blank_and_the_row_says_why():
    rows = present.display_frame(metrics_frame()).frame.to_dict("records")
    # 29,400,500 元 = 2,940.05 万元; 0.7165388344 = 71.65% (half up)
    assert rows[0] == {"项目": "本年支出合计", "金额（万元）": "2,940.05", "占比": "71.65%", "说明": ""}
    assert rows[1] == {"项目": "因公出国(境)费", "金额（万元）": "", "占比": "",
                       "说明": "数据不足：公开07表 财政拨款“三公”经费支出决算表未找到 (table not found)"}
    assert rows[2]["金额（万元）"] == "0.00" and rows[2]["说明"] == "不适用：合计为 0 (the total is zero)"
    quiet = present.display_frame(metrics_frame().iloc[[0]])
    assert list(quiet.frame.columns) == ["项目", "金额（万元）", "占比"]  # no row has a reason: no 说明 column


def test_amounts_in_wan_or_yuan_to_two_decimals_with_the_unit_named():
    frame = pd.DataFrame({"item": ["a", "b"], "amount": [D("241697400.05"), D("0")], "prior": [D("85813977.3"), D("5")]})
    wan = present.display_frame(frame, unit="万元").frame
    # 241,697,400.05 ÷ 10,000 = 24,169.740005 → 24,169.74; 85,813,977.30 ÷ 10,000 = 8,581.39773 → 8,581.40
    assert list(wan.columns) == ["项目", "金额（万元）", "上一年度金额（万元）"]
    assert wan.iloc[0].tolist() == ["a", "24,169.74", "8,581.40"] and wan.iloc[1].tolist() == ["b", "0.00", "0.00"]
    yuan = present.display_frame(frame, unit="元").frame
    assert list(yuan.columns) == ["项目", "金额（元）", "上一年度金额（元）"]
    assert yuan.iloc[0].tolist() == ["a", "241,697,400.05", "85,813,977.30"] and yuan.iloc[1].tolist() == ["b", "0.00", "5.00"]
    assert present.with_unit("上年数（推算）", "万元") == "上年数（推算，万元）"


def test_scores_counts_and_yes_no_are_no_money():
    frame = pd.DataFrame({"project": ["采暖经费"], "total_score": [D("99.5")], "count": [D("5")], "相等": [True]})
    shown = present.display_frame(frame, present.metric_labels("performance"), unit="万元").frame
    assert shown.iloc[0].tolist() == ["采暖经费", "99.50", "5", "是"]
    assert list(shown.columns) == ["项目", "总分", "数量", "相等"]  # not divided by 10,000, no unit


def test_sources_and_table_keys_are_printed_names():
    frame = pd.DataFrame({"item": ["本年支出合计", "机关运行经费"], "amount": [D("1"), D("2")],
                          "source": ["expenditure 本年支出合计", "narrative"], "fund": ["", "财政拨款"]})
    national = present.display_frame(frame, document=NATIONAL).frame
    assert national["来源"].tolist() == ["公开03表 支出决算表 · 本年支出合计", "情况说明"]
    assert national["资金"].tolist() == ["全部资金", "财政拨款"]  # a sentence that names no fund speaks of all
    assert present.display_frame(frame, document=SHANGHAI).frame["来源"].iloc[0] == "支出决算表 · 本年支出合计"
    assert wording.readable("同一科目编码在各表中名称相同［行 20801（income）］", NATIONAL) == \
        "同一科目编码在各表中名称相同［行 20801（公开02表 收入决算表）］"
    assert wording.readable("performance_2 的总分；incomes 不是表名", NATIONAL) == "项目支出绩效自评表 的总分；incomes 不是表名"


def test_a_table_the_document_lacks_is_named_by_its_layout():
    # Shanghai prints no 明细表: the national layout's name; its 三公 table has no number
    assert printed_table({"layout": "shanghai", "tables": {}}, "general_budget_economic") == "公开06表 一般公共预算财政拨款支出决算明细表"
    assert printed_table({"layout": "shanghai", "tables": {}}, "three_public") == "财政拨款“三公”经费支出决算表"
    assert printed_table(NATIONAL, "three_public") == "公开07表 财政拨款“三公”经费支出决算表"


def test_an_empty_table_is_a_sentence():
    table = present.display_frame(pd.DataFrame(columns=["item", "amount"]), empty="说明里没有按类陈述的占比")
    assert table._repr_html_() == "<p><em>说明里没有按类陈述的占比</em></p>" and repr(table) == "说明里没有按类陈述的占比"


# --- the audit's figures in the unit they were printed in ----------------------------------------------------

# 普陀区财政局 2024 p.21: “财政拨款收入支出总计0.3万元” against 2,961.68 万元 printed in 财政拨款收入支出决算总表
AMOUNT_CLAIM = {"claim_id": "04-001-01", "quote": "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。", "kind": "amount",
                "subject": "收入支出总计", "stated": "0.3", "unit": "万元", "value_yuan": D("3000"), "verdict": "mismatch",
                "computed": "29616800", "note": "财政拨款收入支出决算总表·总计·决算数", "page": 21}
AMOUNT_FINDING = {"rule_id": "N.amount", "severity": "error", "status": "fail", "source": "narrative",
                  "message_zh": "…", "expected": "29616800", "found": "3000", "difference": "-29613800", "tolerance": "550",
                  "locations": [{"quote": AMOUNT_CLAIM["quote"], "page": 21}]}
# p.21: “占71.73%” against 2,106.66 ÷ 2,940.05 = 71.653883%
SHARE_FINDING = {"rule_id": "N.share", "severity": "error", "status": "fail", "source": "narrative", "message_zh": "…",
                 "expected": "71.653883", "found": "71.73", "difference": "0.076117", "tolerance": "0.005292",
                 "locations": [{"quote": "一般公共服务支出（类）2106.66万元，占71.73%；", "page": 21}]}
# the sample's 附件1: 总分 printed 96.76 against a sum of scores of 94.56
SCORE_FINDING = {"rule_id": "P.total", "severity": "error", "status": "fail", "source": "performance", "message_zh": "…",
                 "expected": "94.56", "found": "96.76", "difference": "2.2", "tolerance": "0.01",
                 "locations": [{"table": "performance_1", "item": "总分", "page": None}]}


def test_finding_figures_in_their_printed_unit():
    claims = pd.DataFrame([AMOUNT_CLAIM])
    # 29,616,800 元 = 2,961.68 万元 expected, 3,000 元 = 0.30 万元 found, −29,613,800 元 = −2,961.38 万元, 550 元 = 0.055 万元
    assert wording.finding_values(AMOUNT_FINDING, SHANGHAI, claims) == {
        "expected": "2,961.68 万元", "found": "0.30 万元", "difference": "-2,961.38 万元", "tolerance": "0.055 万元"}
    # 71.653883 → 71.65%; the difference in percentage points to four places
    assert wording.finding_values(SHARE_FINDING, SHANGHAI, claims) == {
        "expected": "71.65%", "found": "71.73%", "difference": "0.0761 个百分点", "tolerance": "0.0053 个百分点"}
    assert wording.finding_values(SCORE_FINDING, NATIONAL) == {
        "expected": "94.56 分", "found": "96.76 分", "difference": "2.2 分", "tolerance": "0.01 分"}
    # a money finding of a table rule: the unit of the table its location names
    table_rule = {**AMOUNT_FINDING, "rule_id": "T1.total", "source": "table", "locations": [{"table": "expenditure"}]}
    assert wording.finding_values(table_rule, NATIONAL)["expected"] == "29,616,800.00 元"


def test_evidence_reads_in_words():
    class Doc:
        meta, claims = SHANGHAI, pd.DataFrame([AMOUNT_CLAIM])

    findings = pd.DataFrame([AMOUNT_FINDING, {**SCORE_FINDING, "severity": "warning", "status": "insufficient_data"}])
    shown = present.evidence(findings, document=Doc()).frame
    assert shown[["严重程度", "状态", "应为", "实为"]].values.tolist() == [
        ["错误", "不符", "2,961.68 万元", "0.30 万元"], ["警告", "数据不足", "94.56 分", "96.76 分"]]
    assert shown["位置"].tolist() == [f"“{AMOUNT_CLAIM['quote']}”（第21页）", "项目支出绩效自评表 · 总分"]
    assert present.where([{"table": "income", "code": "20801", "item": "人力资源和社会管理事务", "column": "本年收入合计",
                           "page": 8}], NATIONAL) == "公开02表 收入决算表 · 20801 · 人力资源和社会管理事务 · 本年收入合计（第8页）"
    assert repr(present.evidence(findings.iloc[0:0])) == present.NO_FINDINGS


def test_claims_stated_and_recomputed_in_their_unit():
    assert wording.stated(AMOUNT_CLAIM) == "0.30 万元" and wording.computed(AMOUNT_CLAIM) == "2,961.68 万元"
    share = {"stated": "71.73", "unit": "%", "computed": "71.653883"}
    assert wording.stated(share) == "71.73%" and wording.computed(share) == "71.65%"
    assert wording.stated({"stated": "5", "unit": "辆"}) == "5 辆" and wording.stated({"stated": None, "unit": "%"}) == ""


# --- views of real documents ---------------------------------------------------------------------------------------

def test_the_sample_table_list_and_facts_as_printed():
    import juesuan

    sample = juesuan.load("xinzhou-hrss-2022")
    listed = views.table_list(sample).frame
    assert list(listed.columns) == ["表号", "表名", "状态", "读出的数字"]  # a text export: no page column
    # 公开01表 收入支出决算总表 is read; 公开08表 prints “本表无数据”
    assert listed.iloc[0][["表号", "表名", "状态"]].tolist() == ["公开01表", "收入支出决算总表", "已读"]
    assert listed.iloc[7][["表号", "状态"]].tolist() == ["公开08表", "本表无数据"]
    facts = views.table_facts(sample, "income_expenditure_summary", "元")
    assert list(facts.frame.columns) == ["收支", "项目（印出的行）", "栏目（印出的列）", "金额（元）"]
    # 公开01表: 一、一般公共预算财政拨款收入 84,386,179.09 元, the first 收入 row
    assert facts.frame.iloc[0].tolist() == ["收入", "一、一般公共预算财政拨款收入", "决算数", "84,386,179.09"]
    assert facts.caption.startswith("公开01表 收入支出决算总表（金额单位：元）；本文件是文本导出，没有页码")


def test_the_ties_say_why_a_side_is_blank():
    ties = pd.DataFrame([("01表收入 = 02表合计", None, D("189767551")), ("05表 基本+项目 = 合计", D("5"), D("5"))],
                        columns=["关系", "左边", "右边"])
    ties["相等"] = ties["左边"] == ties["右边"]
    rows = views.ties_table(ties, "元").frame.to_dict("records")
    assert rows[0] == {"关系": "01表收入 = 02表合计", "左边（元）": "", "右边（元）": "189,767,551.00", "相等": "",
                       "说明": "本文件没有这一格（表的格式不同），无从比较"}
    assert rows[1]["相等"] == "是" and rows[1]["说明"] == ""


def test_the_mismatched_claims_of_a_shanghai_document(docs):
    doc = docs("shanghai-putuo_caizhengju_2024_juesuan.pdf")
    shown = views.mismatched_claims(doc).frame.set_index("事项")
    # p.21: 0.3万元 stated for 2,961.68 万元; 71.73% stated for 2,106.66 ÷ 2,940.05 = 71.65%
    assert shown.loc["收入支出总计", ["说明所述", "按表复算", "核对结果", "页码"]].tolist() == ["0.30 万元", "2,961.68 万元", "不符", "21"]
    assert shown.loc["一般公共服务支出", ["类别", "说明所述", "按表复算"]].tolist() == ["占比", "71.73%", "71.65%"]
    assert "claim_id" not in shown.columns and "04-001-01" not in views.mismatched_claims(doc)._repr_html_()
    by_verdict = views.claims_by_verdict(doc).frame
    assert by_verdict["核对结果"].tolist() == ["相符", "不符", "无从核对"] and by_verdict["条数"].iloc[1] == "4"
    assert views.page_numbers(doc).startswith("页码是文件中的页序")


def test_three_public_rows_say_whether_the_narrative_holds(docs):
    three = metrics.three_public(docs("shanghai-putuo_caizhengju_2024_juesuan.pdf")).set_index("item")
    # p.23: “因公出国（境）费决算为0.00万元，完成预算的0%” of a budget of 0 — no rate may be stated
    assert three.loc["因公出国(境)费", "statement"].startswith("不符")
    assert three.loc["因公出国(境)费", "stated_rate"] == 0 and three.loc["因公出国(境)费", "rate"] is None
    # p.18 and p.23: 公务接待费 预算 0.95 万元, 决算 0.00, “完成预算的0%” — it holds
    assert three.loc["公务接待费", "budget"] == D("9500") and three.loc["公务接待费", "statement"] == "相符"


def test_running_text_keeps_a_readable_width_on_a_phone():
    quote = "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。"  # 31 characters: a sentence
    page = present.display_frame(pd.DataFrame({"quote": [quote], "subject": ["收入支出总计"]}), {"quote": "原句"})._repr_html_()
    assert f'<div style="min-width: 14em">{quote}</div>' in page
    assert '<td style="text-align: left">收入支出总计</td>' in page  # a short cell as it is
