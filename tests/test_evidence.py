"""Evidence on the page (juesuan.evidence): each error and warning finding with a crop of the PDF page,
the stated figure boxed red and the table cells compared boxed blue; for text input the sentence with
its figure marked.

The places a test checks are found here independently of juesuan.evidence: pdfplumber's own search
on the page for a string written out by hand from the page (`pdftotext -layout -f N -l N FILE -`).
"""
from __future__ import annotations

import copy
import re
import time

import pandas as pd
import pdfplumber
import pytest

import juesuan
from juesuan import evidence
from juesuan.evidence import render
from juesuan.evidence.markup import marked_quote, to_html
from juesuan.evidence.search import figure_span
from juesuan.evidence.targets import printed_forms

from conftest import shared_raw

FINANCE = "shanghai-putuo_caizhengju_2024_juesuan.pdf"
SOCIAL = "shanghai-putuo_shehui-gongzuobu_2024_juesuan_flagged.pdf"
LIMIT_BYTES = 60 * 1024  # issue 12: each embedded image at most 60 KB

# The stated figure of every error finding of the two Shanghai 决算, by hand from pdftotext:
# 财政局 p.21 "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元" and "一般公共服务支出（类）2106.66万元，占71.73%";
# 社会工作部 p.18 "住房保障支出（类）29.42 万元，占 9.55%". Each is a whole number on its page: no digit or point beside it.
STATED = {
    FINANCE: {("N.amount", 21, r"(?<![\d.])0\.3(?![\d.])"), ("N.share", 21, r"(?<![\d.])71\.73%")},
    SOCIAL: {("N.share", 18, r"(?<![\d.])9\.55%")},
}


@pytest.fixture(scope="module")
def collected(docs):
    """`evidence.collect` of a corpus document, once per module."""
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = evidence.collect(docs(name))
        return cache[name]
    return get


def chars_of(path, page: int, pattern: str) -> list[dict]:
    """The chars of the one place the pattern matches on the page (pdfplumber's search, not juesuan's)."""
    with pdfplumber.open(path) as pdf:
        matches = pdf.pages[page - 1].search(pattern)
    assert len(matches) == 1, f"{pattern!r} should be printed once on p.{page}, found {len(matches)}"
    return matches[0]["chars"]


def holds(bbox, chars) -> bool:
    x0, top, x1, bottom = bbox
    return all(x0 <= c["x0"] and c["x1"] <= x1 and top <= c["top"] and c["bottom"] <= bottom for c in chars)


@pytest.mark.parametrize("name", [FINANCE, SOCIAL])
def test_every_error_finding_has_a_crop_holding_its_stated_figure(name, docs, collected):
    doc, found = docs(name), collected(name)
    errors = [item for item in found.items if item.finding["severity"] == "error"]
    assert {item.finding["rule_id"] for item in errors} == {rule for rule, _, _ in STATED[name]}
    for rule, page, pattern in STATED[name]:
        item = next(i for i in errors if i.finding["rule_id"] == rule)
        assert item.crops, f"{rule}: no crop ({item.notes})"
        assert all(len(crop.png) <= LIMIT_BYTES and crop.png.startswith(b"\x89PNG") for crop in item.crops)
        red = [crop for crop in item.crops if any(box.role == "stated" for box in crop.boxes)]
        assert [crop.page for crop in red] == [page]
        figure = chars_of(shared_raw(name), page, pattern)
        assert holds(red[0].bbox, figure), f"{rule}: crop {red[0].bbox} misses {pattern} on p.{page}"
        assert any(holds(box.bbox, figure) for box in red[0].boxes if box.role == "stated")
        assert red[0].alt.startswith(f"第{page}页：说明所述") and "（红框）" in red[0].alt


def test_the_cells_compared_are_boxed_where_the_finding_names_them(docs, collected):
    """财政局 N.share "占71.73%": 2,106.66 ÷ 2,940.05. p.15 prints 2,106.66 twice in the 合计 column, for 201
    一般公共服务支出 (the upper) and for 201 06 财政事务 below it; the 类 is the one compared. p.13 prints 2,940.05
    three times on one row: 本年收入合计 (x≈232), 本年支出合计 · 合计 (x≈464, the one compared) and the
    一般公共预算财政拨款 column (x≈546)."""
    item = next(i for i in collected(FINANCE).items if i.finding["rule_id"] == "N.share")
    by_page = {crop.page: crop for crop in item.crops}
    assert sorted(by_page) == [13, 15, 21]
    with pdfplumber.open(shared_raw(FINANCE)) as pdf:
        upper, lower = sorted(pdf.pages[14].search("2,106.66"), key=lambda m: m["top"])
        left, middle, right = sorted(pdf.pages[12].search("2,940.05"), key=lambda m: m["x0"])
    blue15 = [box for box in by_page[15].boxes if box.role == "compared"]
    assert [box.text for box in blue15] == ["2,106.66"]
    assert holds(blue15[0].bbox, upper["chars"]) and not holds(blue15[0].bbox, lower["chars"])
    blue13 = [box for box in by_page[13].boxes if box.role == "compared"]
    assert len(blue13) == 1 and holds(blue13[0].bbox, middle["chars"])
    assert not holds(blue13[0].bbox, left["chars"]) and not holds(blue13[0].bbox, right["chars"])
    assert "一般公共预算财政拨款支出决算表" in by_page[15].alt and "（蓝框）" in by_page[15].alt
    assert "比较的表中数字" in by_page[15].caption


def test_a_table_rule_boxes_its_cells(docs):
    """普陀区司法局 2026 单位预算 p.11, 支出预算总表 row 204 06 01 行政运行: 本年支出合计 14,348,853.34, 基本支出
    14,348,853.34, 项目支出 64,840,547.00 (pdftotext p.11, line 10) — 14,348,853.34 + 64,840,547.00 ≠
    14,348,853.34 (S3.row_sum); all three cells the rule names are boxed, on that row (64,840,547.00 is also
    printed for 204 and 204 06 above it)."""
    name = "shanghai-putuo_sifaju_2026_yusuan-unit.pdf"
    doc = docs(name)
    row_sum = doc.findings[(doc.findings.rule_id == "S3.row_sum") & doc.findings.message_zh.str.contains("2040601")]
    found = evidence.collect(doc, row_sum.head(1))
    (crop,) = found.items[0].crops
    assert crop.page == 11 and sorted(box.text for box in crop.boxes) == ["14,348,853.34", "14,348,853.34", "64,840,547.00"]
    with pdfplumber.open(shared_raw(name)) as pdf:
        project = [m for m in pdf.pages[10].search("64,840,547.00")]
    row_of = {round(box.bbox[1]) for box in crop.boxes}
    assert len(row_of) == 1  # one printed row
    assert any(holds(box.bbox, m["chars"]) for box in crop.boxes for m in project if round(m["top"]) in row_of)


def test_text_input_quotes_each_sentence_with_its_figure_marked():
    """The bundled sample is a text export: no pages, so each error and warning of the narrative is its
    sentence with the stated figure in <mark> (情况说明, data/raw/xinzhou-hrss-2022.txt)."""
    doc = juesuan.load("xinzhou-hrss-2022")
    found = evidence.collect(doc)
    assert found.renders == {} and not any(item.crops for item in found.items) and not found.pdf
    assert "没有可截取的页面" in to_html(found) and "红框" not in to_html(found)
    marked = {item.finding["rule_id"]: item.quotes for item in found.items if item.quotes}
    assert marked["N.share"] == ["忻州市人力资源和社会保障局2022年财政拨款决算支出84,386,179.09元，占本年支出合计的<mark>100.00%</mark>。"]
    assert marked["N.yoy_rate"] == ["较上年增加368789.9元，增长<mark>31.25%</mark>，主要原因是住房公积金基数增加，住房公积金缴费相应增加。"]
    assert "支出决算<mark>25552618.58万元</mark>，完成年初预算的239.92%" in marked["N.unit_slip"][0]
    # "0.00元" comes first in both sentences; the figure stated is the rate
    zero = [q for item in found.items if item.finding["rule_id"] == "N.completion_zero_budget" for q in item.quotes]
    assert sorted(zero) == ["公务用车购置费支出0.00元，完成全年预算的<mark>0.00%</mark>，与上年相同，主要原因是：",
                            "因公出国（境）费支出0.00元，完成全年预算的<mark>0.00%</mark>，与上年相同，主要原因是："]
    # every sentence finding of the sample has its quote, and a table rule its cells in words
    for item in found.items:
        sentences = [loc for loc in item.finding["locations"] if loc.get("quote")]
        assert len(item.quotes) == len(sentences)
        assert item.quotes or item.cells
    share = next(item for item in found.items if item.finding["rule_id"] == "N.share")
    # 公开04表 本年支出合计 84,386,179.09 元 and 公开01表 本年支出合计 84,968,418.97 元: 84,386,179.09 ÷ 84,968,418.97 = 99.31%
    assert share.cells == ["公开04表 财政拨款收入支出决算总表（支出） · 本年支出合计 · 合计：84,386,179.09 元",
                           "公开01表 收入支出决算总表（支出） · 本年支出合计 · 决算数：84,968,418.97 元"]


def test_a_hostile_quote_stays_text():
    quote = "<script>alert('x')</script>占本年支出合计的12.50%<img src=x onerror=alert(1)>"
    marked, note = marked_quote(quote, "12.50%")
    assert note == "" and "<script>" not in marked and "<img" not in marked
    assert marked == ("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;占本年支出合计的<mark>12.50%</mark>"
                      "&lt;img src=x onerror=alert(1)&gt;")
    doc = juesuan.load("xinzhou-hrss-2022")
    finding = {"rule_id": "N.share", "severity": "error", "status": "fail", "message_zh": "<b>说明</b>", "message_en": "",
               "expected": "12.3", "found": "12.50", "difference": "0.2", "tolerance": "0.005", "source": "narrative",
               "locations": [{"quote": quote, "page": None, "figure": "12.50%"}]}
    page = to_html(evidence.collect(doc, pd.DataFrame([finding])))
    assert "<script>" not in page and "&lt;b&gt;说明&lt;/b&gt;" in page and "<mark>12.50%</mark>" in page


def test_a_figure_not_on_its_page_is_said_in_words(docs):
    """71.73% is printed on p.21 of the 财政局 PDF, not on p.3 (the 目录) nor p.4."""
    doc = docs(FINANCE)
    for page in (3, 4):
        with pdfplumber.open(shared_raw(FINANCE)) as pdf:
            assert not pdf.pages[page - 1].search("71.73")
    finding = {"rule_id": "N.share", "severity": "warning", "status": "fail", "message_zh": "占比", "message_en": "",
               "expected": "71.65", "found": "71.73", "difference": "0.08", "tolerance": "0.005", "source": "narrative",
               "locations": [{"quote": "一般公共服务支出（类）2106.66万元，占71.73%；", "page": 3, "figure": "71.73%"}]}
    (item,) = evidence.collect(doc, pd.DataFrame([finding])).items
    assert item.crops == [] and item.notes == ["未能在第3页找到所述数字“71.73%”"]
    assert item.quotes == ["一般公共服务支出（类）2106.66万元，占<mark>71.73%</mark>；"]  # the sentence, at least
    assert "未能在第3页找到所述数字" in to_html(evidence.collect(doc, pd.DataFrame([finding])))


def test_a_file_changed_since_it_was_read_is_not_cut(docs):
    doc = copy.copy(docs(FINANCE))
    doc.meta = {**doc.meta, "sha256": "0" * 64}
    share = doc.findings[doc.findings.rule_id == "N.share"]
    (item,) = evidence.collect(doc, share).items
    assert item.crops == [] and any("已改动" in note for note in item.notes)


def test_many_findings_render_each_page_once_and_stay_small(docs, monkeypatch):
    """Every error and warning of the 财政局 document 30 times over (120 findings): each page the shown ones
    name is read once and rendered once, LIMIT findings are shown and the rest counted, every image within
    60 KB."""
    doc = docs(FINANCE)
    many = pd.concat([doc.findings[doc.findings.severity.isin(["error", "warning"])]] * 30, ignore_index=True)
    rendered, read = [], []
    to_image = pdfplumber.page.Page.to_image
    monkeypatch.setattr(pdfplumber.page.Page, "to_image", lambda self, **kw: rendered.append(self.page_number) or to_image(self, **kw))
    page_text = render.PageText
    monkeypatch.setattr(render, "PageText", lambda page, number, *rest: read.append(number) or page_text(page, number, *rest))
    started = time.perf_counter()
    found = evidence.collect(doc, many)
    elapsed = time.perf_counter() - started
    assert len(found.items) == evidence.LIMIT and found.omitted == 4 * 30 - evidence.LIMIT
    # the 60 errors come first (N.amount: p.21, p.13; N.share: p.21, p.15, p.13), so the 40 shown are errors
    assert all(item.finding["severity"] == "error" for item in found.items)
    assert sorted(rendered) == sorted(set(rendered)) == [13, 15, 21]
    assert sorted(read) == sorted(set(read))
    assert all(len(crop.png) <= LIMIT_BYTES for item in found.items for crop in item.crops)
    assert elapsed < 60, f"{elapsed:.1f} s for {len(found.items)} findings"  # a bound, not a benchmark


def test_a_crop_of_a_whole_page_stays_within_60_kb(docs):
    """The densest table page of the 财政局 PDF (p.15), cut whole at 120 dpi, still fits once shrunk."""
    doc = docs(FINANCE)
    with render.Pages(doc) as pages:
        text = pages.text(15)
        corners = [render.Box("compared", 15, (text.bbox[0] + 1, text.bbox[1] + 1, text.bbox[0] + 2, text.bbox[1] + 2), ""),
                   render.Box("compared", 15, (text.bbox[2] - 2, text.bbox[3] - 2, text.bbox[2] - 1, text.bbox[3] - 1), "")]
        crop = pages.crop(15, corners, [])
    assert len(crop.png) <= LIMIT_BYTES and crop.bbox == tuple(float(v) for v in text.bbox)


def test_printed_forms_of_a_fact():
    # 21,066,600 元 in a 万元 table with 2 decimals prints 2,106.66; an accountant's negative too
    assert printed_forms(21066600, "万元", 2) == ("2,106.66", "2106.66")
    assert printed_forms(-12345, "元", 2) == ("-12,345.00", "−12,345.00", "-12345.00", "−12345.00", "(12,345.00)", "(12345.00)")
    assert printed_forms(95.89, "%", 2) == ("95.89",)


@pytest.mark.parametrize("text, figure, expected", [
    ("支出决算为2,106.66万元，占71.73%", "2106.66万元", "2,106.66万元"),
    ("完成预算的0%；其中0.00万元", "0%", "0%"),
    ("合计12106.66万元，其中2106.66", "2106.66万元", "2106.66"),  # a whole number only: not inside 12106.66
    ("增长１０.０６％", "10.06%", "１０.０６％"),  # full-width digits read as theirs
])
def test_the_stated_figure_in_its_sentence(text, figure, expected):
    start, end = figure_span(text, figure)
    assert text[start:end] == expected


def test_the_html_names_every_finding_in_order(docs, collected):
    page = to_html(collected(FINANCE))
    assert page.count('<section class="js-evidence-item">') == 4
    assert page.count("data:image/png;base64,") == 7  # p.21 + p.13 (N.amount), p.21 + p.15 + p.13 (N.share), p.23 twice
    titles = re.findall(r"<strong>\d+\. 【(.+?)】(.+?)</strong>", page)
    assert titles == [("错误", "N.amount"), ("错误", "N.share"), ("警告", "N.completion_zero_budget"),
                      ("警告", "N.completion_zero_budget")]


def test_expected_and_found_are_in_the_unit_they_were_printed_in(collected):
    """财政局 p.21 states 收入支出总计 0.3 万元; p.13 prints 总计 2,961.68 万元 (29,616,800 元 ÷ 10,000).
    p.21 states 一般公共服务支出 71.73%; 2,106.66 ÷ 2,940.05 = 71.6538…% → 71.65%."""
    items = {item.finding["rule_id"]: item for item in collected(FINANCE).items}
    assert items["N.amount"].figures["expected"] == "2,961.68 万元" and items["N.amount"].figures["found"] == "0.30 万元"
    assert "按表计算为 2,961.68万元" in items["N.amount"].message  # not the bare 29616800 元
    assert (items["N.share"].figures["expected"], items["N.share"].figures["found"]) == ("71.65%", "71.73%")
    page = to_html(collected(FINANCE))
    assert "应为 2,961.68 万元 · 实为 0.30 万元" in page and "29616800" not in page
