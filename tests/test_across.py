"""Checks across documents (juesuan/checks/across.py): a hand-built final account and budget of one
department and year, agreeing and off by a stated amount; then the Jiangsu series of the corpus —
each year's 收支预算总表 totals against the year before, written out from both PDFs
(`pdftotext -layout`), and every cross-document finding read against both documents."""
from decimal import Decimal as D

import pandas as pd
import pytest

import juesuan
from conftest import ROOT, SHARED_RAW, shared_raw, wan
from juesuan import catalog
from juesuan.checks.across import audit_in_catalog, claims_decided, cross_audit, execution_by_item
from juesuan.checks.across_rules import CROSS_RULES_BY_ID
from juesuan.corpus import Collection
from juesuan.document import Document
from juesuan.readers.base import Line

SAMPLE = "xinzhou-hrss-2022"
DEPARTMENT = "忻州市人力资源和社会保障局"


def _entry(doc_id: str, year: int, kind: str, layout: str) -> catalog.Entry:
    return catalog.Entry(doc_id=doc_id, file=f"{doc_id}.txt", department=DEPARTMENT, year=year, kind=kind, layout=layout,
                         sha256=doc_id, department_id="忻州市/人力资源和社会保障局", region="忻州市")


def _fact(table, code, item, column, value, side="", page=1):
    return {"doc_id": "", "table": table, "side": side, "code": code, "item": item, "column": column,
            "value": D(value), "unit_source": "元", "page": page, "decimals": 2}


# The sample 决算 states its 年初预算 by 类 (公开05表 说明, p. of the text export: 05-015 … 05-026):
# 教育 10,650,400 + 社保 31,526,558.33 + 卫生 1,160,952.71 + 农林水 58,810 + 住房 2,289,982.64
# + 其他 134,974 = 45,821,677.68 元, the 财政拨款支出 年初预算 it states (05-013).
STATED_BUDGET = {"205": "10650400.00", "208": "31526558.33", "210": "1160952.71", "213": "58810.00",
                 "221": "2289982.64", "229": "134974.00"}
NAMES = {"205": "教育支出", "208": "社会保障和就业支出", "210": "卫生健康支出", "213": "农林水支出",
         "221": "住房保障支出", "229": "其他支出"}


def budget_2022(education: str = "10650400.00") -> Document:
    """A 2022 部门预算 of the sample's department, made by hand: its 一般公共预算支出预算表 by 类 and
    the 财政拨款收支预算总表's totals; `education` sets 205 教育支出."""
    by_class = {**STATED_BUDGET, "205": education}
    total = sum(D(v) for v in by_class.values())
    rows = [_fact("general_budget_expenditure", code, NAMES[code], "本年预算数", value) for code, value in by_class.items()]
    rows += [_fact("general_budget_expenditure", "", "合计", "本年预算数", total),
             _fact("fiscal_summary", "", "收入合计", "本年预算数", total, side="收入"),
             _fact("fiscal_summary", "", "支出合计", "本年预算数", total, side="支出")]
    facts = pd.DataFrame(rows, columns=juesuan.FACT_COLUMNS).assign(doc_id="hrss-2022-budget").astype({"page": "Int64"})
    tables = {key: {"status": "ok", "title": title} for key, title in
              (("general_budget_expenditure", "一般公共预算支出预算表"), ("fiscal_summary", "财政拨款收支预算总表"))}
    meta = {"doc_id": "hrss-2022-budget", "department": DEPARTMENT, "year": 2022, "kind": "预算", "level": "部门",
            "layout": "jiangsu_budget", "lacks": [], "unit": "元", "sha256": "hrss-2022-budget", "source": "budget.txt",
            "pages": None, "tables": tables}
    blocks = [Line("忻州市人力资源和社会保障局2022年部门预算", 1)]
    return Document(meta=meta, facts=facts, blocks=blocks)


def pair(budget: Document) -> Collection:
    final = juesuan.load(SAMPLE)
    entries = [_entry(SAMPLE, 2022, "决算", "national"), _entry("hrss-2022-budget", 2022, "预算", "jiangsu_budget")]
    return Collection(entries, ROOT / "data" / "catalog.csv", _documents={SAMPLE: final, "hrss-2022-budget": budget})


def verdicts(col: Collection, rule_id: str) -> pd.DataFrame:
    audit = col.cross_audit
    found = audit.verdicts[audit.verdicts["rule_id"] == rule_id]
    claims = col.document(SAMPLE).claims[["claim_id", "subject", "code", "stated"]]
    return found.merge(claims, on="claim_id")


def test_a_final_account_and_its_budget_that_agree():
    col = pair(budget_2022())
    stated = verdicts(col, "X.initial_budget_claim")
    # the seven 年初预算 the narrative states: 财政拨款支出 and the six 类, each equal to the budget's figure
    assert len(stated) == 7 and set(stated["verdict"]) == {"ok"}
    assert set(stated["decided_by"]) == {"hrss-2022-budget"}
    total = stated[stated["subject"] == "财政拨款支出"].iloc[0]
    assert D(total["computed"]) == D("45821677.68")
    rates = verdicts(col, "X.execution_rate")
    # 完成年初预算的184.16%: 84,386,179.09 ÷ 45,821,677.68 = 1.841622… → 184.16%; 教育 25,552,618.58 ÷
    # 10,650,400 = 239.92%; … all seven stated rates hold against the budget document
    assert len(rates) == 7 and set(rates["verdict"]) == {"ok"}
    assert col.cross_findings.empty
    # the claims it decided leave unverifiable: 7 budget amounts were unverifiable in the 决算 alone
    before = col.document(SAMPLE).claims
    after = claims_decided(col.document(SAMPLE), col.cross_audit)
    assert (before["verdict"] == "unverifiable").sum() - (after["verdict"] == "unverifiable").sum() == 7
    assert set(after.loc[after["decided_by"] != "", "verdict"]) == {"ok"}


def test_a_budget_off_by_ten_thousand_yuan_in_one_class():
    col = pair(budget_2022(education="10660400.00"))  # 10,000 元 more than the 决算 says was budgeted
    findings = col.cross_findings
    findings = findings[findings["message_zh"].str.contains("“教育支出”")].set_index("rule_id")
    claim = findings.loc["X.initial_budget_claim"]
    assert claim["doc_id"] == SAMPLE and claim["other_doc_id"] == "hrss-2022-budget"
    assert D(claim["expected"]) == D("10660400") and D(claim["found"]) == D("10650400")
    assert D(claim["difference"]) == D("-10000") and claim["severity"] == "error"
    # both documents named, with the 决算's sentence and the budget's cell
    assert [loc["doc_id"] for loc in claim["locations"]] == [SAMPLE, "hrss-2022-budget"]
    assert claim["locations"][1]["table"] == "general_budget_expenditure"
    rate = findings.loc["X.execution_rate"]
    # 25,552,618.58 ÷ 10,660,400 = 239.6966% against the stated 239.92%
    assert D(rate["expected"]).quantize(D("0.01")) == D("239.70") and D(rate["found"]) == D("239.92")
    # the total moved by the same 10,000 元: 45,831,677.68 against the stated 45,821,677.68
    totals = col.cross_findings[col.cross_findings["message_zh"].str.contains("“财政拨款支出”")]
    assert set(totals["rule_id"]) == {"X.initial_budget_claim", "X.execution_rate"}
    assert len(col.cross_findings) == 4  # 教育 and 财政拨款支出, each amount and rate


def test_the_budget_side_sees_the_findings_that_name_it():
    """`juesuan check` on the budget lists the final account's findings against it."""
    from juesuan.checks.across import involving

    col = pair(budget_2022(education="10660400.00"))
    seen = involving(col.cross_audit, "hrss-2022-budget")
    assert len(seen.findings) == 4 and set(seen.findings["other_doc_id"]) == {"hrss-2022-budget"}
    assert seen.verdicts.empty  # a budget's own claims are not decided by the final account


def test_execution_by_item_from_the_two_tables():
    col = pair(budget_2022())
    table = execution_by_item(col.document(SAMPLE), col.document("hrss-2022-budget")).set_index("code")
    # 公开05表 205 教育支出 合计 25,552,618.58 ÷ budget 10,650,400 = 239.9216%
    assert table.loc["205", "outturn"] == D("25552618.58") and table.loc["205", "budget"] == D("10650400.00")
    assert table.loc["205", "rate"].quantize(D("0.01")) == D("239.92")


def budget_with_prior_column(year: int, prior: dict[str, str], current: dict[str, str]) -> Document:
    rows = [_fact("general_budget_expenditure", code, NAMES[code], "本年预算数", value) for code, value in current.items()]
    rows += [_fact("general_budget_expenditure", code, NAMES[code], "上年预算数", value) for code, value in prior.items()]
    facts = pd.DataFrame(rows, columns=juesuan.FACT_COLUMNS).assign(doc_id=f"b{year}").astype({"page": "Int64"})
    meta = {"doc_id": f"b{year}", "department": DEPARTMENT, "year": year, "kind": "预算", "level": "部门", "layout": "jiangsu_budget",
            "lacks": [], "unit": "元", "sha256": f"b{year}", "source": "b.txt", "pages": None,
            "tables": {"general_budget_expenditure": {"status": "ok", "title": "一般公共预算支出预算表"}}}
    return Document(meta=meta, facts=facts, blocks=[Line("部门预算", 1)])


def test_a_budgets_prior_year_column_against_last_years_budget():
    last = budget_with_prior_column(2022, {}, {"205": "100.00", "208": "200.00"})
    agreeing = budget_with_prior_column(2023, {"205": "100.00", "208": "200.00"}, {"205": "150.00", "208": "210.00"})
    adjusted = budget_with_prior_column(2023, {"205": "100.00", "208": "250.00"}, {"205": "150.00", "208": "210.00"})
    for this, expected in ((agreeing, 0), (adjusted, 1)):
        col = Collection([_entry("b2022", 2022, "预算", "jiangsu_budget"), _entry("b2023", 2023, "预算", "jiangsu_budget")],
                         ROOT / "data" / "catalog.csv", _documents={"b2022": last, "b2023": this})
        outcomes = col.cross_audit.outcomes
        outcome = outcomes[outcomes["doc_id"] == "b2023"].set_index("rule_id").loc["X.prior_budget_column"]
        assert outcome["checks"] == 2 and outcome["failed"] == expected
    finding = col.cross_findings.iloc[0]
    # 208 上年预算数 250.00 in 2023 against 200.00 in 2022's budget: a warning (a budget may be adjusted)
    assert finding["severity"] == "warning" and D(finding["difference"]) == D("50")
    assert CROSS_RULES_BY_ID["X.prior_budget_column"].severity == "warning"


def test_a_document_with_no_partner_says_insufficient_data():
    final = juesuan.load(SAMPLE)
    col = Collection([_entry(SAMPLE, 2022, "决算", "national")], ROOT / "data" / "catalog.csv", _documents={SAMPLE: final})
    outcomes = cross_audit(col).outcomes.set_index("rule_id")
    assert outcomes.loc["X.initial_budget_claim", "outcome"] == "insufficient_data"
    assert "2022年预算" in outcomes.loc["X.initial_budget_claim", "note"]
    assert outcomes.loc["X.derived_prior", "outcome"] == "insufficient_data"  # no 2021 决算


# --- the Jiangsu series ---------------------------------------------------------------------------

SERIES_FILES = [p for p in sorted(SHARED_RAW.glob("jiangsu_*.pdf"))] if SHARED_RAW.exists() else []

# 收支预算总表 收入总计 (万元) of each department and year, from pdftotext -layout of each PDF; the
# stated change of the next year (说明 一、收支预算总体情况) is the difference of two of them:
# 检察院 2018: 21,955.35 − 17,996.68 = 3,958.67 ("各增加3958.67万元"); 2019: 24,169.74 − 21,955.35 = 2,214.39
# 人大办公厅 2018: 15,897.44 − 13,649.07 = 2,248.37; 2019: 18,330.37 − 15,897.44 = 2,432.93
# 省委办公厅 2018: 24,458.43 − 20,849.45 = 3,608.98; 2019: 27,664.22 − 24,458.43 = 3,205.79
# 政协办公厅 2018: 10,150.48 − 9,146.79 = 1,003.69; 2019: 13,377.11 − 10,150.48 = 3,226.63
TOTALS = {
    "江苏省/人民检察院": {2017: "17,996.68", 2018: "21,955.35", 2019: "24,169.74"},
    "江苏省/人大常委会办公厅": {2017: "13,649.07", 2018: "15,897.44", 2019: "18,330.37"},
    "江苏省/省委办公厅": {2017: "20,849.45", 2018: "24,458.43", 2019: "27,664.22"},
    "江苏省/政协办公厅": {2017: "9,146.79", 2018: "10,150.48", 2019: "13,377.11"},
}


@pytest.fixture(scope="module")
def jiangsu(tmp_path_factory):
    """The Jiangsu budgets catalogued by `juesuan catalog add` (text + tables halves paired)."""
    from juesuan.cli import main

    shared_raw("jiangsu_jianchayuan_2017_yusuan.pdf")
    path = tmp_path_factory.mktemp("catalog") / "catalog.csv"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUESUAN_CATALOG", str(path))  # set here so that it is unset again after: main() sets it
        assert main(["catalog", "add", *map(str, SERIES_FILES), "--catalog", str(path)]) == 0
    return juesuan.collection(catalog=path)


def test_each_years_totals_against_the_year_before(jiangsu):
    facts = jiangsu.facts
    totals = facts[(facts["table"] == "income_expenditure_summary") & (facts["side"] == "收入") & (facts["item"] == "收入合计")]
    found = {(r.department_id, r.year): r.value for r in totals.itertuples()}
    assert found == {(dept, year): wan(value) for dept, years in TOTALS.items() for year, value in years.items()}
    # the stated change of every 2018 and 2019 document gives last year's printed total exactly
    claims = jiangsu.long("claims")
    headline = claims[(claims["claim_kind"] == "yoy_change") & (claims["subject"] == "收入支出总计") & (claims["fund"].fillna("") == "")]
    decided = jiangsu.cross_audit.verdicts.merge(headline[["doc_id", "claim_id", "department_id", "year"]], on=["doc_id", "claim_id"])
    decided = decided[decided["rule_id"] == "X.derived_prior"]
    assert {(r.department_id, r.year): r.verdict for r in decided.itertuples()} == {
        (dept, year): "ok" for dept in TOTALS for year in (2018, 2019)}
    for r in decided.itertuples():
        assert D(r.computed) == wan(TOTALS[r.department_id][r.year - 1])


# Every cross-document finding on the Jiangsu budgets, read against both PDFs. Rates: (this − last) ÷ last.
EXPECTED_FINDINGS = {
    # 人大办公厅 2018 p.21 "增加1557.29万元，增长1312.56%": 2017 p.10 单位预留机动经费 128.43,
    # 2018 1,685.72: 1,557.29 ÷ 128.43 = 1212.56% — a slip of 100 points
    ("jiangsu_renda-bangongting_2018_yusuan", "X.prior_rate", "单位预留机动经费"): ("1212.56", "1312.56"),
    # 检察院 2018 p.26: 财政拨款收、支总计 and 财政拨款支出 "各增加3,958.98万元"; 2018 21,940.96 − 2017 p.12
    # 17,981.68 = 3,959.28 (the 收入 sentence says so): the derived 17,981.98 is 0.30万元 off
    ("jiangsu_jianchayuan_2018_yusuan", "X.derived_prior", "财政拨款收入"): ("179816800", "179819800"),
    ("jiangsu_jianchayuan_2018_yusuan", "X.derived_prior", "财政拨款支出"): ("179816800", "179819800"),
    # 检察院 2018 p.? "各增加3958.67万元，增长21.95%": 3,958.67 ÷ 17,996.68 = 22.00%
    ("jiangsu_jianchayuan_2018_yusuan", "X.prior_rate", "收入支出总计"): ("22.00", "21.95"),
    # 检察院 2018 p.24 "减少184.96万元，降幅9.1%": 2017 p.10 2,021.18 → 2018 1,836.22: −9.15% (9.2 at one place)
    ("jiangsu_jianchayuan_2018_yusuan", "X.prior_rate", "社会保障和就业支出"): ("-9.15", "-9.1"),
    # 检察院 2019: 2,214.39 ÷ 21,955.35 = 10.09% (stated 10.06%); 2,228.78 ÷ 21,940.96 = 10.16% (stated 10.15%,
    # in three sentences: 一般公共预算收入 p.25, 财政拨款收、支总计 p.27, 财政拨款支出 p.27)
    ("jiangsu_jianchayuan_2019_yusuan", "X.prior_rate", "收入支出总计"): ("10.09", "10.06"),
    ("jiangsu_jianchayuan_2019_yusuan", "X.prior_rate", "财政拨款收入"): ("10.16", "10.15"),
    ("jiangsu_jianchayuan_2019_yusuan", "X.prior_rate", "财政拨款支出"): ("10.16", "10.15"),
    # 检察院 2019 p.27–29 against the 2018 一般公共预算支出预算表 p.17–18:
    # 一般行政管理事务 (2,354.40 − 3,666.00) ÷ 3,666.00 = −35.78%; 未归口 28.10 ÷ 371.92 = 7.56%;
    # 住房公积金 368.97 ÷ 1,073.77 = 34.36%; 提租补贴 1,657.00 ÷ 2,586.61 = 64.06%
    ("jiangsu_jianchayuan_2019_yusuan", "X.prior_rate", "一般行政管理事务"): ("-35.78", "-35.77"),
    ("jiangsu_jianchayuan_2019_yusuan", "X.prior_rate", "未归口管理的行政单位离退休"): ("7.56", "7.57"),
    ("jiangsu_jianchayuan_2019_yusuan", "X.prior_rate", "住房公积金"): ("34.36", "34.38"),
    ("jiangsu_jianchayuan_2019_yusuan", "X.prior_rate", "提租补贴"): ("64.06", "64.07"),
    # 政协办公厅 2018 text p.? 机关运行经费 1,115.85, "减少2,233.13万元，下降66.69%": 2017 tables p.10 3,348.98;
    # 2,233.13 ÷ 3,348.98 = 66.68%
    ("jiangsu_zhengxie-bangongting_2018_yusuan", "X.prior_rate", "机关运行经费"): ("-66.68", "-66.69"),
    # 省委办公厅 2019 住房保障 3,894.09 "增加878.93万元，增长30%": 2018 tables p.3 3,015.16; 878.93 ÷ 3,015.16 = 29.15%
    ("jiangsu_shengwei-bangongting_2019_yusuan", "X.prior_rate", "住房保障支出"): ("29.15", "30"),
}


def test_every_cross_document_finding_on_the_jiangsu_budgets(jiangsu):
    findings = jiangsu.cross_findings
    claims = jiangsu.long("claims").set_index(["doc_id", "claim_id"])
    found = {}
    for row in findings.itertuples():
        subject = claims.loc[(row.doc_id, row.locations[0]["claim_id"]), "subject"]
        expected = D(row.expected)
        expected = expected.quantize(D("0.01")) if row.rule_id == "X.prior_rate" else expected
        found[(row.doc_id, row.rule_id, subject)] = (str(expected), str(D(row.found).normalize()) if "." in row.found else row.found)
        assert [loc["doc_id"] for loc in row.locations] == [row.doc_id, row.other_doc_id]  # both documents, with pages
        assert all(loc["page"] for loc in row.locations)
    expected = {key: (value[0], value[1]) for key, value in EXPECTED_FINDINGS.items()}
    assert found.keys() == expected.keys()
    for key, (computed, stated) in expected.items():
        assert D(found[key][0]) == D(computed), key
        assert D(found[key][1]) == D(stated), key


def test_check_cli_runs_the_cross_checks_of_a_catalogued_document(jiangsu, capsys, monkeypatch):
    from juesuan.cli import main

    monkeypatch.setenv("JUESUAN_CATALOG", str(jiangsu.catalog))  # undone after the test: main() sets it too
    assert main(["check", "jiangsu_jianchayuan_2019_yusuan", "--catalog", str(jiangsu.catalog)]) == 0
    out = capsys.readouterr().out
    assert "跨文档核对 checks across documents: 8 项发现 findings，对照 against jiangsu_jianchayuan_2018_yusuan" in out
    assert out.count("[error] X.prior_rate") == 8 and "由其他文件判定 decided by other documents" in out


def test_a_document_outside_the_catalog_is_checked_alone(jiangsu):
    doc = juesuan.load(SAMPLE)
    assert audit_in_catalog(doc, jiangsu.catalog) is None


def test_the_wanli_series_agrees_within_the_rounding_envelope(tmp_path_factory):
    """上海 万里街道 2023–2025 budgets, 收入总计 (元, pdftotext p.收支总表): 164,978,640; 156,211,123;
    189,767,551. 2024 "比2023年预算减少876.75万元": 164,978,640 − 156,211,123 = 8,767,517 元 = 876.75万元.
    2025 "比2024年预算增加3,355.65万元": 189,767,551 − 156,211,123 = 33,556,428 元 = 3,355.64万元 — 72 元
    over the change's own half-unit (50 元), but 18,976.76 − 15,621.11 = 3,355.65: the sentence
    subtracts its rounded figures, which the envelope (three half-units, 150 元) allows. No finding."""
    from juesuan.cli import main

    files = [shared_raw(f"shanghai-putuo_wanli-jiedao_{year}_yusuan-dept.pdf") for year in (2023, 2024, 2025)]
    path = tmp_path_factory.mktemp("wanli") / "catalog.csv"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUESUAN_CATALOG", str(path))
        assert main(["catalog", "add", *map(str, files), "--catalog", str(path)]) == 0
    col = juesuan.collection(catalog=path)
    assert col.cross_findings.empty
    claims = col.long("claims")
    income = claims[(claims["claim_kind"] == "yoy_change") & (claims["subject"] == "财政拨款收入") & (claims["year"] > 2023)]
    decided = col.cross_audit.verdicts.merge(income[["doc_id", "claim_id", "year"]], on=["doc_id", "claim_id"])
    assert {r.year: (r.verdict, D(r.computed)) for r in decided.itertuples()} == {
        2024: ("ok", D("164978640")), 2025: ("ok", D("156211123"))}
