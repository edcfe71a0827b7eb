"""The classification reference tables and the hierarchy helpers."""
from decimal import Decimal

import pandas as pd
import pytest

from juesuan import classification as cls

LENGTHS = {"functional": {"类": 3, "款": 5, "项": 7}, "economic": {"类": 3, "款": 5}}


# --- reference tables ----------------------------------------------------------------------------

@pytest.mark.parametrize("system", cls.SYSTEMS)
def test_table_loads_with_string_codes(system):
    table = getattr(cls, system)()
    assert list(table.columns) == ["code", "name", "level", "parent", "aliases", "note"]
    assert len(table) > 100
    assert all(isinstance(c, str) and c.isdigit() for c in table["code"])
    assert table["name"].str.len().gt(0).all()


@pytest.mark.parametrize("system", cls.SYSTEMS)
def test_codes_have_the_length_of_their_level(system):
    table = getattr(cls, system)()
    assert set(table["level"]) == set(LENGTHS[system])
    for code, lvl in zip(table["code"], table["level"]):
        assert len(code) == LENGTHS[system][lvl], code
        assert cls.level(code, system) == lvl


@pytest.mark.parametrize("system", cls.SYSTEMS)
def test_codes_are_unique_and_parents_exist(system):
    table = getattr(cls, system)()
    assert not table["code"].duplicated().any()
    codes = set(table["code"])
    for code, lvl, par in zip(table["code"], table["level"], table["parent"]):
        if lvl == "类":
            assert par == ""
        else:
            assert par == code[:-2] and par in codes, code


@pytest.mark.parametrize("system", cls.SYSTEMS)
def test_aliases_differ_from_the_name(system):
    table = getattr(cls, system)()
    for name, aliases in zip(table["name"], table["aliases"]):
        assert name not in aliases.split("|")


def test_tables_are_cached_but_callers_get_their_own_copy():
    first = cls.functional()
    first.loc[0, "name"] = "changed"
    assert cls.functional().loc[0, "name"] != "changed"


def test_functional_has_every_lei():
    lei = cls.functional().query("level == '类'")
    assert set(lei["code"]) >= {
        "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215",
        "216", "217", "219", "220", "221", "222", "223", "224", "229", "230", "231", "232", "233", "234",
    }
    assert "299" not in set(lei["code"])


def test_economic_has_every_lei():
    lei = cls.economic().query("level == '类'")
    assert set(lei["code"]) == {"301", "302", "303", "307", "309", "310", "311", "312", "313", "399"}


@pytest.mark.parametrize("code, expected", [
    ("201", "一般公共服务支出"),
    ("205", "教育支出"),
    ("2050302", "中等职业教育"),
    ("20805", "行政事业单位养老支出"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("21305", "巩固脱贫衔接乡村振兴"),
    ("2210201", "住房公积金"),
    ("229", "其他支出"),
    ("2299999", "其他支出"),
    ("234", "抗疫特别国债安排的支出"),
])
def test_known_functional_codes(code, expected):
    assert cls.name(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("301", "工资福利支出"),
    ("30113", "住房公积金"),
    ("30217", "公务接待费"),
    ("30231", "公务用车运行维护费"),
    ("310", "资本性支出"),
    ("31013", "公务用车购置"),
    ("30901", "房屋建筑物购建"),
    ("31302", "对社会保险基金补助"),
])
def test_known_economic_codes(code, expected):
    assert cls.name(code, system="economic") == expected


def test_name_of_unknown_code_is_none():
    assert cls.name("2999999") is None
    assert cls.name("30217") is None              # an economic code, asked of the functional table
    assert cls.name("30217", "economic") == "公务接待费"
    with pytest.raises(ValueError):
        cls.name("205", system="budget")


def test_known_aliases():
    aliases = dict(zip(cls.functional()["code"], cls.functional()["aliases"]))
    assert "扶贫" in aliases["21305"].split("|")
    assert "行政事业单位离退休" in aliases["20805"].split("|")


# --- code helpers --------------------------------------------------------------------------------

def test_level_by_length():
    assert cls.level("205") == "类"
    assert cls.level("20503") == "款"
    assert cls.level("2050302") == "项"
    assert cls.level("30217", "economic") == "款"
    with pytest.raises(ValueError):
        cls.level("3021701", "economic")
    for bad in ("2050", "", "20a", None, "205030201"):
        with pytest.raises(ValueError):
            cls.level(bad)


def test_parent_and_ancestors():
    assert cls.parent("2050302") == "20503"
    assert cls.parent("20503") == "205"
    assert cls.parent("205") is None
    assert cls.parent("30217") == "302"
    assert cls.ancestors("2050302") == ["205", "20503"]
    assert cls.ancestors("30217") == ["302"]
    assert cls.ancestors("205") == []
    with pytest.raises(ValueError):
        cls.parent("2050")


@pytest.mark.parametrize("label, code", [
    ("五、教育支出", "205"),
    ("一、一般公共服务支出", "201"),
    ("二十三、其他支出", "229"),
    ("二十六、抗疫特别国债安排的支出", "234"),
    ("十九、住房保障支出", "221"),
    ("教育支出（类）", "205"),
    ("社会保障和就业支出（208类）", "208"),
    ("社会保障和就业", "208"),          # narratives drop the 支出
    ("农林水利支出", "213"),            # the seed's narrative
    ("农林水支出", "213"),
    ("医疗卫生与计划生育支出", "210"),  # the 2014–2018 name
    ("  七、文化旅游体育与传媒支出 ", "207"),
])
def test_code_for_lei_names(label, code):
    assert cls.code_for_name(label) == code


def test_code_for_name_unknown_and_lower_levels():
    assert cls.code_for_name("合计") is None
    assert cls.code_for_name("本年支出合计") is None
    assert cls.code_for_name("其他支出", system="economic") == "399"
    assert cls.code_for_name("职业教育", level="款") == "20503"
    assert cls.code_for_name("行政运行", level="项", within="20106") == "2010601"
    with pytest.raises(ValueError):
        cls.code_for_name("行政运行", level="项")     # every 款 has one
    assert cls.code_for_name("维修(护)费", level="款", system="economic") == "30213"


# --- rollup --------------------------------------------------------------------------------------

def _facts(rows, table="expenditure", column="本年支出合计", doc_id="d1"):
    return pd.DataFrame(
        [{"doc_id": doc_id, "table": table, "side": "", "code": code, "item": item, "column": column,
          "value": None if value is None else Decimal(value)} for code, item, value in rows]
    )


def _sums(frame):
    return {(r.doc_id, r.table, r.column, r.code): r.value for r in frame.itertuples()}


# A 类 with two 款: one printed with its 项 rows (totals repeated on every level, so counting
# them all would triple), one printed without 项; and a second 类 whose 款 has one 项.
TINY = [
    ("", "合计", "1000.50"),
    ("205", "教育支出", "600.30"),
    ("20503", "职业教育", "500.10"),
    ("2050302", "中等职业教育", "100.05"),
    ("2050303", "技校教育", "400.05"),
    ("20599", "其他教育支出", "100.20"),
    ("221", "住房保障支出", "400.20"),
    ("22102", "住房改革支出", "400.20"),
    ("2210201", "住房公积金", "400.20"),
]


def test_rollup_to_lei_counts_each_amount_once():
    got = _sums(cls.rollup(_facts(TINY), 3))
    assert got == {
        ("d1", "expenditure", "本年支出合计", "205"): Decimal("600.30"),
        ("d1", "expenditure", "本年支出合计", "221"): Decimal("400.20"),
    }
    assert all(isinstance(v, Decimal) for v in got.values())


def test_rollup_to_kuan_uses_leaves_only():
    frame = cls.rollup(_facts(TINY), "款")
    assert list(frame.columns) == ["doc_id", "table", "column", "code", "value"]
    assert _sums(frame) == {
        ("d1", "expenditure", "本年支出合计", "20503"): Decimal("500.10"),
        ("d1", "expenditure", "本年支出合计", "20599"): Decimal("100.20"),
        ("d1", "expenditure", "本年支出合计", "22102"): Decimal("400.20"),
    }
    assert sum(frame["value"]) == Decimal("1000.50")   # the printed 合计


def test_rollup_groups_by_doc_table_and_column():
    facts = pd.concat([
        _facts(TINY),
        _facts([("205", "教育支出", "7"), ("20503", "职业教育", "7"), ("2050302", "中等职业教育", "3"),
                ("2050303", "技校教育", "4")], column="基本支出"),
        # Another document prints only the 款 level: there the 款 rows are the leaves.
        _facts([("205", "教育支出", "9.99"), ("20503", "职业教育", "9.99")], doc_id="d2"),
    ], ignore_index=True)
    got = _sums(cls.rollup(facts, 3))
    assert got == {
        ("d1", "expenditure", "基本支出", "205"): Decimal("7"),
        ("d1", "expenditure", "本年支出合计", "205"): Decimal("600.30"),
        ("d1", "expenditure", "本年支出合计", "221"): Decimal("400.20"),
        ("d2", "expenditure", "本年支出合计", "205"): Decimal("9.99"),
    }


def test_rollup_keeps_shorter_leaves_and_skips_codeless_rows():
    facts = _facts([("", "人员经费合计", "50"), (None, "合计", "50"), ("229", "其他支出", "3.1"),
                    ("205", "教育支出", "2"), ("20503", "职业教育", "2")])
    got = _sums(cls.rollup(facts, 5))
    assert got == {
        ("d1", "expenditure", "本年支出合计", "20503"): Decimal("2"),
        ("d1", "expenditure", "本年支出合计", "229"): Decimal("3.1"),
    }


def test_rollup_empty_values_are_absent_not_zero():
    facts = _facts([("205", "教育支出", "5"), ("20503", "职业教育", "5"), ("2050302", "中等职业教育", None),
                    ("2050303", "技校教育", "5"), ("221", "住房保障支出", None), ("22102", "住房改革支出", None)])
    got = _sums(cls.rollup(facts, 5))
    assert got[("d1", "expenditure", "本年支出合计", "20503")] == Decimal("5")
    assert got[("d1", "expenditure", "本年支出合计", "22102")] is None


def test_rollup_economic_codes():
    facts = _facts([("301", "工资福利支出", "10.01"), ("30101", "基本工资", "6"), ("30113", "住房公积金", "4.01"),
                    ("302", "商品和服务支出", "1.5"), ("30217", "公务接待费", "0.5"),
                    ("30231", "公务用车运行维护费", "1")], table="general_budget_economic", column="合计")
    assert _sums(cls.rollup(facts, 3)) == {
        ("d1", "general_budget_economic", "合计", "301"): Decimal("10.01"),
        ("d1", "general_budget_economic", "合计", "302"): Decimal("1.5"),
    }


def test_rollup_rejects_floats_and_bad_levels():
    facts = _facts([("205", "教育支出", "1")])
    facts["value"] = [0.1]
    with pytest.raises(TypeError):
        cls.rollup(facts, 3)
    with pytest.raises(ValueError):
        cls.rollup(_facts(TINY), 4)
    with pytest.raises(KeyError):
        cls.rollup(_facts(TINY).drop(columns="doc_id"), 3)


def test_rollup_of_no_coded_rows_is_empty():
    frame = cls.rollup(_facts([("", "合计", "1")]), 3)
    assert frame.empty
    assert list(frame.columns) == ["doc_id", "table", "column", "code", "value"]
