"""The disclosure checklist (公开情况检查表, `juesuan.checks.disclosure`): every part a layout requires,
found on its page or missing, with the findings that fall inside it.

Expected values are read by hand from the documents: `pdftotext -layout` of each PDF, pages counted
as a PDF viewer counts them (the comments name the page of each part), and the bundled text export's
lines. The 司法局 2026 budgets are also compared with the 普陀区财政局's own checklists for them."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import juesuan
from juesuan import layouts, present
from juesuan.batch import DocumentResult, Page
from juesuan.checks.disclosure import CHECKLISTS, LEVELS, Checklist, Part, pages_text
from juesuan.document import blocks_to_document
from juesuan.readers.text import text_to_blocks

from conftest import shared_raw

ROOT = Path(__file__).resolve().parents[1]
PRESENT, ABSENT, UNDETERMINED = "是", "否", "无法判断"


def rows(doc) -> dict:
    return {row.item_id: row for row in doc.checklist.itertuples()}


def disclosure_findings(doc):
    return doc.findings[doc.findings.source == "disclosure"]


# --- the specs themselves ---------------------------------------------------------------------------

def test_every_layout_has_a_checklist_of_its_own():
    assert set(CHECKLISTS) == {layout.id for layout in layouts.LAYOUTS}
    for layout_id, checklist in CHECKLISTS.items():
        assert checklist.layout == layout_id
        assert [p.how for p in checklist.parts].count("tables") == 1
        for part in checklist.parts:
            assert set(part.levels) <= set(LEVELS) and part.zh and part.en


@pytest.mark.parametrize("bad", [
    lambda: Part("x", "某", "x", how="guess"),                           # no such way of finding a part
    lambda: Part("x", "某", "x", severity="fatal", headings=("某",)),    # no such severity
    lambda: Part("x", "某", "x"),                                        # a heading part without a pattern
    lambda: Part("x", "某", "x", headings=("某",), levels=("处室",)),     # no such level
    lambda: Checklist("national", (Part("t", "表", "t", how="tables"), Part("a", "某", "a", headings=("某",), within=("b",)))),
    lambda: Checklist("national", (Part("a", "某", "a", headings=("某",)),)),  # no tables part
    lambda: Checklist("nowhere", (Part("t", "表", "t", how="tables"),)),     # no such layout
])
def test_a_bad_spec_is_refused_on_load(bad):
    with pytest.raises((ValueError, KeyError)):
        bad()


def test_pages_text():
    assert (pages_text([]), pages_text([8]), pages_text([9, 8]), pages_text([8, 9, 12, 14, 15])) == ("", "8", "8–9", "8–9, 12, 14–15")


# --- the bundled sample: a 决算 in the national layout ----------------------------------------------

# The text export's lines (data/raw/xinzhou-hrss-2022.txt), whitespace removed: line 1–2 the cover,
# 8 目录, 39 一、本部门（单位）职责, 45 二、机构设置情况, 447 第三部分 情况说明, 540 九、…, 564 十、…,
# 566/570/574/578 （一）…（四）, 618 第四部分 名词解释.
SAMPLE_EVIDENCE = {
    "cover": "忻州市人力资源和社会保障局 2022年度部门决算公开", "contents": "目录",
    "functions": "一、本部门（单位）职责", "organisation": "二、机构设置情况", "explanation": "第三部分情况说明",
    "three_public": "九、财政拨款“三公”经费支出决算情况说明", "other": "十、其他重要事项情况说明",
    "running_costs": "（一）机关运行经费支出情况说明", "procurement": "（二）政府采购情况说明",
    "assets": "（三）国有资产占用情况说明", "performance": "（四）预算绩效情况说明", "glossary": "第四部分名词解释",
}
NATIONAL_TABLES = 10 + 1  # 公开01表 … 公开10表, and the 项目支出绩效自评表 (printed once per project, not required)


def test_the_sample_prints_every_part():
    doc = juesuan.load("xinzhou-hrss-2022")
    checklist = doc.checklist
    assert len(checklist) == len(SAMPLE_EVIDENCE) + NATIONAL_TABLES
    assert set(checklist.present) == {PRESENT} and disclosure_findings(doc).empty
    found = rows(doc)
    assert {key: found[key].evidence for key in SAMPLE_EVIDENCE} == SAMPLE_EVIDENCE
    assert found["table.income"].evidence == "公开02表 收入决算表" and found["table.government_fund"].note.startswith("本表无数据")
    # three self-evaluation tables (附件1–3): one row, not required by the layout
    assert (found["table.performance"].required, found["table.performance"].evidence.count("；")) == (ABSENT, 2)
    assert set(checklist.pages) == {""}  # a text export has no page numbers
    # the findings fall in their parts: the 100.00% share and the 万元 slip in the 情况说明, the two
    # 0.00% completion rates against a zero budget in its 三公 section as well
    assert found["explanation"].findings == "N.share, N.unit_slip, N.yoy_rate, N.completion_zero_budget×2"
    assert found["three_public"].findings == "N.completion_zero_budget×2"
    assert found["table.income"].findings == "X.names.same_name×4"


# data/raw/xinzhou-hrss-2022.pdf, the sample rendered in the national layout (pdftotext -layout):
# p.1 cover, p.2 目录, p.3 职责 and 机构设置, p.7 公开01表 … p.22 公开10表, p.23 第三部分, p.25 九、…
# 十、（一）（二）（三）, p.26 （四）预算绩效, p.28 第四部分 名词解释, p.30/32/34 附件1–3.
SAMPLE_PDF_PAGES = {"cover": 1, "contents": 2, "functions": 3, "organisation": 3, "table.income_expenditure_summary": 7,
                    "table.disclosure_stats": 22, "explanation": 23, "three_public": 25, "other": 25, "running_costs": 25,
                    "procurement": 25, "assets": 25, "performance": 26, "glossary": 28, "table.performance": 30}


def test_the_sample_pdf_gives_each_part_its_page():
    doc = juesuan.load(ROOT / "data" / "raw" / "xinzhou-hrss-2022.pdf")
    found = rows(doc)
    assert {key: found[key].page for key in SAMPLE_PDF_PAGES} == SAMPLE_PDF_PAGES
    # the 情况说明 runs from its part heading to the 名词解释, its sections inside it
    assert (found["explanation"].pages, found["table.performance"].pages) == ("23–27", "30–35")
    sample = juesuan.load("xinzhou-hrss-2022")
    assert doc.checklist.drop(columns=["page", "pages"]).equals(sample.checklist.drop(columns=["page", "pages"]))


# --- the Shanghai 司法局 2026 budgets and the finance bureau's checklists ----------------------------

# The bureau's 符合要求 column (shanghai-putuo_sifaju_2026_yusuan-dept.xlsx / -unit.xlsx, read by hand),
# by our item: 封面, 目录, 主要职能, 机构设置, 名词解释, 预算编制说明, the nine tables, 其他相关说明,
# 项目经费情况说明. Its first item, 及时性 (published on time), is no property of the file.
BUREAU_ITEMS = ["cover", "contents", "functions", "organisation", "glossary", "explanation",
                "table.income_expenditure_summary", "table.income", "table.expenditure", "table.fiscal_summary",
                "table.general_budget_expenditure", "table.government_fund", "table.state_capital",
                "table.basic_expenditure", "table.three_public", "other", "projects"]
BUREAU = {
    "dept": dict(zip(BUREAU_ITEMS, "是 否 否 是 是 否 是 是 是 是 是 是 是 是 是 是 否".split())),
    "unit": dict(zip(BUREAU_ITEMS, "是 是 是 是 是 否 是 是 否 是 否 是 是 是 是 否 是".split())),
}


@pytest.mark.parametrize("level", ["dept", "unit"])
def test_the_bureau_verdicts_are_read_right(level):
    """BUREAU is the sheet's 符合要求 column (column D), its 及时性 row left out."""
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(shared_raw(f"shanghai-putuo_sifaju_2026_yusuan-{level}.xlsx"), read_only=True).active
    verdicts = [row[3] for row in sheet.iter_rows(values_only=True) if row[3] in ("是", "否") and row[0] != "及时性"]
    assert verdicts == list(BUREAU[level].values())


def test_the_dept_budget_against_the_bureau(docs):
    """shanghai-putuo_sifaju_2026_yusuan-dept.pdf (23 pages): p.1 cover, p.2 目录, p.3 blank, p.4–5 主要职能,
    p.6 机构设置, p.7 名词解释, p.8–9 预算编制说明, p.10–21 the nine tables, p.22 其他相关情况说明 (一–五),
    p.23 人民调解项目经费情况说明.

    Reproduced, item for item, from the bureau's sheet: 目录 否 (“目录后有一页多余的空表页”: D.blank_page on
    p.3), 预算编制说明 否 (its five comparisons with 2026 instead of 2025: F.comparison_year×5; “。。”:
    F.punctuation; the +17.62% on a fall: N.yoy_direction; 201.50 vs 208.8: N.amount; 医疗卫生与计划生育支出
    vs 卫生健康支出: N.class_name), 项目经费情况说明 否 (the extra ”: F.punctuation), everything else 是.
    Out of scope: 主要职能 否 (“部分文字未正常显示”, how the page renders, not its text) and the missing
    full stop after “工作量增加” (a line without punctuation reads as a title)."""
    doc = docs("shanghai-putuo_sifaju_2026_yusuan-dept.pdf")
    found = rows(doc)
    ours = {key: found[key].conforms for key in BUREAU_ITEMS}
    assert {k: v for k, v in ours.items() if v != BUREAU["dept"][k]} == {"functions": PRESENT}
    assert set(doc.checklist.present) == {PRESENT}
    assert {key: found[key].page for key in ("cover", "contents", "functions", "organisation", "glossary", "explanation",
                                             "table.income_expenditure_summary", "table.three_public", "other", "projects")} == {
        "cover": 1, "contents": 2, "functions": 4, "organisation": 6, "glossary": 7, "explanation": 8,
        "table.income_expenditure_summary": 10, "table.three_public": 21, "other": 22, "projects": 23}
    assert found["explanation"].pages == "8–9" and found["table.expenditure"].pages == "12–13"
    assert found["contents"].findings == "D.blank_page"
    assert "F.comparison_year×5" in found["explanation"].findings and "F.punctuation" in found["explanation"].findings
    assert found["projects"].findings == "F.punctuation" and found["projects"].evidence == "人民调解项目经费情况说明"
    blank = disclosure_findings(doc)
    assert blank[["rule_id", "severity", "status"]].values.tolist() == [["D.blank_page", "info", "fail"]]
    assert blank.iloc[0].locations == [{"page": 3}] and "第3页" in blank.iloc[0].message_zh


def test_the_unit_budget_against_the_bureau(docs):
    """shanghai-putuo_sifaju_2026_yusuan-unit.pdf (21 pages): p.1 cover, p.2 目录 (一 … 六, no 项目经费情况说明),
    p.3 主要职能, p.4 机构设置, p.5 名词解释, p.6–7 预算编制说明, p.8–20 the nine tables, p.21 其他相关情况说明.

    Every item of the bureau's sheet is reproduced: 预算编制说明 否 (1.10% for a 15.13% fall: N.yoy_rate;
    56.12 vs 57.8 and 207 vs 170.03: N.amount; the +21.74% on a fall: N.yoy_direction; 210类: N.class_name),
    单位支出预算总表 and 单位一般公共预算支出功能分类预算表 否 (行政运行 prints 项目支出 64,840,547.00 beside
    a 合计 of 14,348,853.34: S3.row_sum, S5.row_sum), 其他相关说明 否 (“主要原因是。”: F.punctuation;
    “部门预算安排…” in a unit's document: F.level_words×2), and 项目经费情况说明 是 — a unit budget need not
    print one. Out of scope: the template wording “增加（减少）” left in item 1."""
    doc = docs("shanghai-putuo_sifaju_2026_yusuan-unit.pdf")
    found = rows(doc)
    assert {key: found[key].conforms for key in BUREAU_ITEMS} == BUREAU["unit"]
    assert {key: found[key].page for key in ("functions", "organisation", "glossary", "explanation", "other")} == {
        "functions": 3, "organisation": 4, "glossary": 5, "explanation": 6, "other": 21}
    assert found["table.income_expenditure_summary"].part_zh == "单位财务收支预算总表"  # a unit's tables, named as printed
    assert "S3.row_sum" in found["table.expenditure"].findings and "S5.row_sum" in found["table.general_budget_expenditure"].findings
    assert found["other"].findings == "F.punctuation, F.level_words×2"
    assert found["assets"].findings == "F.level_words×2"  # 五、国有资产占有使用情况 is where 部门预算 is written
    projects = found["projects"]
    assert (projects.required, projects.present, projects.conforms) == (ABSENT, ABSENT, PRESENT) and "单位预算" in projects.note
    assert disclosure_findings(doc).empty


# --- Jiangsu budgets ---------------------------------------------------------------------------------

# jiangsu_jianchayuan_2019_yusuan.pdf (33 pages, pdftotext -layout): p.1 cover, p.2 目录, p.3 一、主要职责,
# p.5 二、部门机构设置及预算单位构成情况, p.14 公开01表 … p.22 公开12表, p.25 第三部分, p.30 九、…“三公”…
# (wrapped: “…支出预” / “算情况说明”), p.31 十一、机关运行经费 and 十二、政府采购, p.32 十三、国有资产,
# 十四、预算绩效目标 and 第四部分 名词解释.
JIANGSU_2019_PAGES = {"cover": 1, "contents": 2, "functions": 3, "organisation": 5, "table.income_expenditure_summary": 14,
                      "table.procurement": 22, "explanation": 25, "three_public": 30, "running_costs": 31, "procurement": 31,
                      "assets": 32, "performance": 32, "glossary": 32}


def test_a_jiangsu_budget_prints_every_part(docs):
    doc = docs("jiangsu_jianchayuan_2019_yusuan.pdf")
    found = rows(doc)
    assert {key: found[key].page for key in JIANGSU_2019_PAGES} == JIANGSU_2019_PAGES
    assert len(doc.checklist) == 11 + 12  # eleven narrative parts, 公开01表 … 公开12表
    assert set(doc.checklist.present) == {PRESENT} and disclosure_findings(doc).empty
    assert found["three_public"].evidence == "九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明"
    assert found["table.procurement"].pages == "22–24"


def test_a_2017_jiangsu_budget_lacks_assets_and_performance(docs):
    """jiangsu_jianchayuan_2017_yusuan.pdf: its 情况说明 (p.18–23) ends at 十二、2017年部门政府采购预算表
    情况说明 — no 国有资产 and no 绩效 section. 财预〔2016〕143号 asks for them progressively: info."""
    doc = docs("jiangsu_jianchayuan_2017_yusuan.pdf")
    found = rows(doc)
    assert (found["assets"].present, found["performance"].present, found["procurement"].page) == (ABSENT, ABSENT, 23)
    missing = disclosure_findings(doc)
    assert missing[["rule_id", "severity", "status"]].values.tolist() == [["D.missing_part", "info", "fail"]] * 2
    assert missing.message_zh.tolist() == ["应公开的部分应齐全：未找到“国有资产占用情况”", "应公开的部分应齐全：未找到“预算绩效目标”"]
    outcome = doc.audit.outcomes.set_index("rule_id").loc["D.missing_part"]
    assert (outcome.outcome, outcome.failed, outcome.checks) == ("fail", 2, 11 + 12)


def test_a_tables_only_file_cannot_be_examined_for_its_narrative(docs):
    """jiangsu_zhengxie-bangongting_2019_yusuan-tables.pdf: 公开01表 … 公开12表, one a page (p.1–12), no
    narrative (meta lacks it): its narrative parts are 无法判断, never 否."""
    doc = docs("jiangsu_zhengxie-bangongting_2019_yusuan-tables.pdf")
    checklist = doc.checklist
    tables = checklist[checklist.item_id.str.startswith("table.")]
    assert tables.page.tolist() == list(range(1, 13)) and set(tables.present) == {PRESENT}
    narrative = checklist[~checklist.item_id.str.startswith("table.")]
    assert len(narrative) == 11 and set(narrative.present) == {UNDETERMINED} and set(narrative.conforms) == {UNDETERMINED}
    (finding,) = disclosure_findings(doc).itertuples()
    assert (finding.rule_id, finding.status) == ("D.missing_part", "insufficient_data")
    assert "本文件不含说明（文字）部分" in finding.message_zh and "名词解释" in finding.message_zh


def test_a_narrative_only_file_gets_its_kinds_checklist(docs):
    """jiangsu_zhengxie-bangongting_2019_yusuan-text.pdf: no tables, so no layout; its headings are
    Jiangsu's. Its p.1 holds five images and a page number: the cover cannot be read, not missing."""
    doc = docs("jiangsu_zhengxie-bangongting_2019_yusuan-text.pdf")
    found = rows(doc)
    assert doc.meta["layout"] == "" and "table.fiscal_basic_economic" in found  # a Jiangsu table
    assert found["table.income"].present == UNDETERMINED and "jiangsu_budget" in found["table.income"].note
    assert found["cover"].present == UNDETERMINED and found["functions"].page == 3
    assert disclosure_findings(doc).status.tolist() == ["insufficient_data"] * 2


def test_two_files_of_one_disclosure_name_the_file_of_each_part(docs):
    text, tables = "jiangsu_shengwei-bangongting_2017_yusuan-text.pdf", "jiangsu_shengwei-bangongting_2017_yusuan-tables.pdf"
    doc = juesuan.load([shared_raw(text), shared_raw(tables)])
    found = rows(doc)
    assert (found["functions"].part, found["table.income"].part) == (text, tables)
    assert found["table.income_expenditure_summary"].page == 14  # page 1 of the tables file
    assert set(doc.checklist.present) - {PRESENT} == {ABSENT}  # 国有资产, 绩效 (2017): nothing 无法判断


# --- a small document missing a part ----------------------------------------------------------------

COVER = ["上海市普陀区司法局2026年部门预算", "预算主管部门：上海市普陀区司法局",
         "目录", "一、部门主要职能", "二、部门机构设置", "三、名词解释", "四、部门预算编制说明", "五、部门预算表",
         "六、其他相关情况说明", "七、项目经费情况说明"]
FUNCTIONS = ["上海市普陀区司法局主要职能", "上海市普陀区司法局是主管本区司法工作的区政府工作部门，主要职责是：贯彻执行国家和本市有关"
             "法律、法规、规章和方针、政策，制定本区工作规划、年度计划并组织实施；完成区委、区政府交办的其他任务。"]
ORGANISATION = ["上海市普陀区司法局机构设置", "上海市普陀区司法局部门预算是包括本部以及下属1家预算单位的综合收支计划。"]
GLOSSARY = ["名词解释", "（一）财政拨款收入：是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款。"]
EXPLANATION = ["2026年部门预算编制说明",
               "2026年，上海市普陀区司法局收入预算100万元，其中：财政拨款收入100万元，比上年预算增加10万元；事业收入0万元。",
               "支出预算100万元，其中：财政拨款支出预算100万元，比上年预算增加10万元。财政拨款收入支出增加的主要原因是业务量增加。"]
OTHER = ["其他相关情况说明", "一、2026年“三公”经费预算情况说明", "2026年“三公”经费预算数为1万元，与上年预算数持平。",
         "二、机关运行经费预算", "2026年上海市普陀区司法局财政拨款的机关运行经费预算为5万元。",
         "三、政府采购预算情况", "2026年本部门政府采购预算3万元，其中：政府采购服务预算3万元。",
         "四、绩效目标设置情况", "2026年度，本部门编报绩效目标的项目共2个，涉及项目预算资金50万元。",
         "五、国有资产占有使用情况", "截至2025年8月31日，上海市普陀区司法局共有车辆1辆，其中：执法执勤用车1辆。"]
PROJECTS = ["人民调解项目经费情况说明", "一、项目概述", "本项目用于保障本区人民调解工作的开展，通过政府购买服务提高调解工作的专业化水平。"]


def small(*parts: list[str], level: str = "部门"):
    """A Shanghai budget's narrative as the text reader gives it (no tables, no pages)."""
    lines = [line.replace("部门预算", f"{level}预算") if i < 2 else line for i, line in enumerate(COVER)]
    for part in parts:
        lines += part
    return blocks_to_document(text_to_blocks("\n".join(lines)), doc_id="small", source=Path("small.txt"), sha256="0")


def test_a_missing_glossary_is_a_warning_naming_the_part():
    """The contents list 三、名词解释, the body never prints it: the contents entry is no evidence."""
    doc = small(FUNCTIONS, ORGANISATION, EXPLANATION, OTHER, PROJECTS)
    found = rows(doc)
    assert (doc.meta["kind"], doc.meta["layout"], doc.meta["lacks"]) == ("预算", "", ["tables"])
    assert (found["glossary"].present, found["glossary"].conforms, found["glossary"].findings) == (ABSENT, ABSENT, "D.missing_part")
    assert found["functions"].evidence == "上海市普陀区司法局主要职能" and found["three_public"].evidence == "一、2026年“三公”经费预算情况说明"
    missing = disclosure_findings(doc)
    fail = missing[missing.status == "fail"]
    assert fail[["rule_id", "severity"]].values.tolist() == [["D.missing_part", "warning"]]
    assert "名词解释" in fail.iloc[0].message_zh and "glossary" in fail.iloc[0].message_en
    assert list(fail.columns) == [*juesuan.checks.FINDING_COLUMNS, "source"]
    # the nine tables are in no file: insufficient_data, against the Shanghai budget's list
    lacking = missing[missing.status == "insufficient_data"].iloc[0]
    assert "shanghai_budget" in lacking.message_zh and "部门财务收支预算总表" in lacking.message_zh
    # nothing else is wrong with the small document
    assert set(doc.findings.rule_id) == {"D.missing_part"}


def test_a_missing_explanation_is_an_error():
    doc = small(FUNCTIONS, ORGANISATION, GLOSSARY, OTHER, PROJECTS)
    fail = disclosure_findings(doc).query("status == 'fail'")
    assert fail[["severity", "message_zh"]].values.tolist() == [["error", "应公开的部分应齐全：未找到“预算编制说明”"]]


def test_a_unit_budget_need_not_print_project_statements():
    doc = small(FUNCTIONS, ORGANISATION, GLOSSARY, EXPLANATION, OTHER, level="单位")
    assert doc.meta["level"] == "单位"
    projects = rows(doc)["projects"]
    assert (projects.required, projects.present, projects.conforms) == (ABSENT, ABSENT, PRESENT)
    assert disclosure_findings(doc).query("status == 'fail'").empty
    assert small(FUNCTIONS, ORGANISATION, GLOSSARY, EXPLANATION, OTHER).checklist.set_index("item_id").loc[
        "projects", "present"] == ABSENT  # a department's budget must


# --- the command, the index ---------------------------------------------------------------------------

def run(*args):
    return subprocess.run([sys.executable, "-m", "juesuan.cli", *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def test_check_prints_the_checklist_in_text_and_json():
    text = run("check", "xinzhou-hrss-2022").stdout.splitlines()
    start = next(i for i, line in enumerate(text) if line.startswith("公开完整性"))
    doc = juesuan.load("xinzhou-hrss-2022")
    assert text[start] == f"公开完整性 disclosure checklist: 是 {len(SAMPLE_EVIDENCE) + NATIONAL_TABLES - 1}, 否 0, 无法判断 0"
    assert text[start + 1:start + 3] == ["  是 封面", "  是 目录"]
    assert text[start + 1 + len(SAMPLE_EVIDENCE) + NATIONAL_TABLES - 1:][0] == "  是 名词解释"
    payload = json.loads(run("check", "xinzhou-hrss-2022", "--format", "json").stdout)
    assert [r["item_id"] for r in payload["checklist"]] == doc.checklist.item_id.tolist()
    assert payload["checklist"][0]["page"] is None and payload["summary"]["checklist"] == {"是": 22}


def test_check_shows_the_pages_and_findings_of_a_part():
    text = run("check", shared_raw("shanghai-putuo_sifaju_2026_yusuan-dept.pdf")).stdout.splitlines()
    assert "  是 目录 p.2 · D.blank_page" in text and "  是 项目经费情况说明 p.23 · F.punctuation" in text


def test_the_index_counts_the_missing_parts(tmp_path):
    figures = {"findings_by_severity": {"error": 1, "warning": 2, "info": 0}, "missing_parts": 2, "parts_insufficient_data": 11}
    result = DocumentResult(source="x.pdf", slug="x", doc_id="x", department="某局", year=2019, kind="预算", status="ok",
                            pages=[Page("03-audit", "审计", status="ok", figures=figures)])
    html = present.index_page([result], lambda slug, notebook: True)
    assert "缺失公开项" in html
    assert '<td class="num">2<br><small>无法判断 11</small></td>' in html
