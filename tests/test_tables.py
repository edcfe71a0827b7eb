"""The table engine on small grids built here: each shape, continued tables, empty tables, and a
table that cannot be read whole."""
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan import tables
from juesuan.document import blocks_to_document
from juesuan.layouts import NATIONAL
from juesuan.locate import blocks_to_hits
from juesuan.readers.base import Grid, Line
from juesuan.readers.text import text_to_blocks


def doc_of(text: str):
    return blocks_to_document(text_to_blocks(text), doc_id="t", source=Path("t.txt"), sha256="0")


def value(doc, **key):
    rows = doc.facts
    for column, wanted in key.items():
        rows = rows[rows[column] == wanted]
    assert len(rows) == 1, f"{key}: {len(rows)} rows"
    return rows["value"].iloc[0]


INCOME = "\n".join([
    "收入决算表", "公开02表", "部门名称：某局", "2023年度", "单位：万元",
    "项目\t\t本年收入合计\t财政拨款收入\t其他收入",
    "功能分类科目编码\t科目名称\t\t\t",
    "栏次\t\t1\t2\t3",
    "合计\t\t1,234.56\t1,200.00\t34.56",
    "201\t一般公共 服务支出\t1,234.56\t1,200.00\t34.56",
    "",
    "20101\t人大事务\t1,234.56\t1,200.00\t0.00",
])


def test_coded_table_in_wan_yuan_with_wrapped_name_and_page_break():
    doc = doc_of(INCOME)
    assert value(doc, code="", item="合计", column="本年收入合计") == Decimal("12345600")  # 1,234.56 万元
    assert value(doc, code="201", column="其他收入") == Decimal("345600")
    assert value(doc, code="201", column="财政拨款收入").as_tuple().exponent == 0
    assert doc.facts[doc.facts.code == "201"]["item"].unique().tolist() == ["一般公共服务支出"]
    assert value(doc, code="20101", column="其他收入") == 0  # a printed zero is a fact
    assert set(doc.facts["unit_source"]) == {"万元"}
    assert doc.meta["tables"]["income"]["status"] == "ok"
    assert doc.meta["tables"]["expenditure"]["status"] == "missing"


def test_split_code_columns_are_joined():
    text = "\n".join([
        "支出决算表", "单位：万元",
        "项目\t\t\t\t本年支出合计\t基本支出\t项目支出",
        "支出功能分类科目编码\t\t\t科目名称\t\t\t",
        "类\t款\t项\t合计\t10.00\t6.00\t4.00",
        "201\t06\t01\t行政运行\t10.00\t6.00\t4.00",
    ])
    doc = doc_of(text)
    assert value(doc, code="2010601", column="基本支出") == Decimal("60000")
    assert value(doc, item="合计", column="本年支出合计") == Decimal("100000")


def test_empty_table_is_present_and_empty():
    text = "\n".join([
        "政府性基金预算财政拨款收入支出决算表", "公开08表", "单位：元",
        "项目\t\t年初结转和结余\t本年收入\t本年支出",
        "功能分类科目编码\t科目名称\t\t\t",
        "合计\t\t\t\t",
        "说明：本表无数据",
        "收入决算表", "单位：元",
        "项目\t\t本年收入合计", "合计\t\t5.00",
    ])
    doc = doc_of(text)
    assert doc.meta["tables"]["government_fund"]["status"] == "empty"
    assert doc.table("government_fund").empty


def test_a_table_that_cannot_be_read_is_reported_and_the_rest_loads(monkeypatch):
    def broken(hit):
        raise ValueError("cells out of line")

    monkeypatch.setitem(tables.SHAPE_FUNCTIONS, "coded", broken)
    blocks = [Line("收入支出决算总表", 3), Line("单位：元", 3),
              Grid([["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"], ["本年收入合计", "9.00", "本年支出合计", "9.00"]], [3, 3, 3]),
              Line("收入决算表", 4), Line("单位：元", 4),
              Grid([["项目", "", "本年收入合计"], ["合计", "", "9.00"]], [4, 4])]
    doc = blocks_to_document(blocks, doc_id="t", source=Path("t.pdf"), sha256="0")
    entry = doc.meta["tables"]["income"]
    assert entry["status"] == "unreadable" and "page 4" in entry["error"] and "cells out of line" in entry["error"]
    assert value(doc, side="收入", item="本年收入合计") == Decimal("9.00")
    assert doc.facts["page"].tolist() == [3, 3]


def test_a_mention_of_a_title_in_running_text_is_not_a_table():
    blocks = text_to_blocks("\n".join(["详见收入决算表。"] + ["正文"] * 3 + ["项目\t金额", "甲\t1.00"]))
    hits, unplaced = blocks_to_hits(blocks, NATIONAL)
    assert hits == [] and len(unplaced) == 1


@pytest.mark.parametrize("cells, expected", [
    (["栏次", "", "1", "2", "3"], True),
    (["1", "2", "3", "4"], True),
    (["1.00", "2.00", "3.00"], True),
    (["一、一般公共预算财政拨款收入", "1.00", "84386179.09"], False),
    (["项目", "行次", "决算数"], False),
])
def test_numbering_rows(cells, expected):
    assert tables._is_numbering_row(cells) is expected


def test_a_continued_page_that_repeats_the_header_adds_no_figures():
    header = ["项目\t\t本年支出合计\t基本支出", "功能分类科目编码\t科目名称\t\t", "栏次\t\t1\t2"]
    text = "\n".join(["支出决算表", "单位：元", *header, "合计\t\t30.00\t30.00", "205\t教育支出\t10.00\t10.00",
                      "注：本页完。", *header, "208\t社会保障和就业支出\t20.00\t20.00"])
    doc = doc_of(text)
    table = doc.table("expenditure")
    assert len(table) == 6  # 合计, 205, 208 × two columns; the repeated 栏次 row's 1 and 2 are no figures
    assert value(doc, code="208", column="基本支出") == Decimal("20.00")


def test_an_unseen_layout_borrows_titles_and_reports_what_it_cannot_place():
    # national 公开NN表 titles, a Shanghai-style 基本支出决算表, and a grid no spec names
    text = "\n".join([
        "收入支出决算总表", "公开01表", "金额单位：元",
        "收入\t\t支出\t", "项目\t决算数\t项目\t决算数", "本年收入合计\t9.00\t本年支出合计\t9.00",
        "一般公共预算财政拨款基本支出决算表", "单位：元",
        "经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数",
        "301\t工资福利支出\t6.00\t302\t商品和服务支出\t3.00",
        "人员经费合计\t\t6.00\t公用经费合计\t\t3.00",
        "某某专项资金明细表", "单位：元",
        "项目\t金额", "甲项目\t4.50",
    ])
    doc = doc_of(text)
    assert doc.meta["layout"] == "national"
    assert value(doc, table="basic_expenditure", code="301") == Decimal("6.00")
    assert value(doc, table="basic_expenditure", item="公用经费合计") == Decimal("3.00")
    assert [u["first_rows"] for u in doc.meta["unplaced"]] == ["项目 | 金额 | 甲项目 | 4.50"]
