"""`juesuan export --datapackage`: a collection as a Frictionless Data Package that validates, reads
back to the same exact facts, lists every entry in its manifest (a bad file costs its own rows
only), says what it did on stderr and in its exit code, and overwrites only its own files."""
import csv
import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr
from decimal import Decimal
from pathlib import Path

import frictionless
import pandas as pd
import pytest

import juesuan
from conftest import shared_raw
from juesuan import catalog, corpus, datapackage, layouts
from juesuan.checks.audit import CLAIM_VERDICT_COLUMNS
from juesuan.checks.engine import FINDING_COLUMNS
from juesuan.cli import main
from juesuan.narrative import CLAIM_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TXT = ROOT / "data" / "raw" / "xinzhou-hrss-2022.txt"
SAMPLE_HTML = ROOT / "data" / "raw" / "xinzhou-hrss-2022.html"
SAMPLE_DEPARTMENT = "忻州市/人力资源和社会保障局"
CROSS_COLUMNS = ["doc_id", "other_doc_id", *FINDING_COLUMNS]
KEY = ["table", "side", "code", "item", "column"]


def export(*args) -> tuple[int, str]:
    """`juesuan export ARGS…` in this process: exit code and stderr."""
    err, saved = io.StringIO(), os.environ.get("JUESUAN_CATALOG")
    try:
        with redirect_stderr(err):
            try:
                code = main(["export", *map(str, args)])
            except SystemExit as exit:  # argparse refusing an option
                code = exit.code
    finally:  # main() sets it from --catalog
        if saved is None:
            os.environ.pop("JUESUAN_CATALOG", None)
        else:
            os.environ["JUESUAN_CATALOG"] = saved
    return code, err.getvalue()


def run(*args):
    return subprocess.run([sys.executable, "-m", "juesuan.cli", *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def add_broken_entry(path: Path, folder: Path) -> None:
    """A truncated PDF, catalogued by writing its row directly (`catalog add` would refuse it)."""
    data = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"  # and nothing after
    (folder / "broken-2022.pdf").write_bytes(data)
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=catalog.COLUMNS, lineterminator="\n").writerow({
            "doc_id": "broken-2022", "department_id": "测试县/财政局", "department": "测试县财政局", "region": "测试县",
            "year": 2022, "kind": "决算", "level": "部门", "layout": "national", "parts": 1, "file": "broken-2022.pdf",
            "url": "", "sha256": catalog.sha256_of(data)})


def read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / name, dtype=str, keep_default_na=False)


def facts_key(frame: pd.DataFrame) -> list[tuple]:
    """Each fact as (table, side, code, item, column, exact value), sorted."""
    return sorted(zip(*(frame[c] for c in KEY), (Decimal(v) for v in frame["value"])))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample as text and as web page (two entries, `catalog add`) and a broken PDF, exported."""
    folder = tmp_path_factory.mktemp("export")
    path = folder / "catalog.csv"
    added = run("catalog", "add", SAMPLE_TXT, SAMPLE_HTML, "--catalog", path)
    assert added.returncode == 0, added.stderr
    add_broken_entry(path, folder)
    code, err = export("--datapackage", folder / "out", "--catalog", path)
    order = [e.doc_id for e in juesuan.collection(catalog=path).entries]
    return {"out": folder / "out", "catalog": path, "code": code, "stderr": err, "order": order}


def test_the_package_validates(sample):
    report = frictionless.validate(sample["out"] / "datapackage.json")
    assert report.valid, report.flatten(["type", "note", "fieldName", "rowNumber"])[:10]


def test_a_bad_file_fails_alone_exit_1(sample):
    assert sample["code"] == 1, sample["stderr"]
    manifest = read(sample["out"], "manifest.csv")
    assert list(manifest.columns) == ["document", "status", "reason"]
    rows = {r.document: r for r in manifest.itertuples()}
    assert set(rows) == set(sample["order"]) == {"broken-2022", "xinzhou-hrss-2022", "xinzhou-hrss-2022-html"}
    assert rows["broken-2022"].status == "failed" and "broken-2022.pdf" in rows["broken-2022"].reason
    assert "\n" not in rows["broken-2022"].reason
    assert [rows[d].status for d in ("xinzhou-hrss-2022", "xinzhou-hrss-2022-html")] == ["ok", "ok"]
    assert set(read(sample["out"], "catalog.csv")["doc_id"]) == set(rows)  # the failed one too: manifest and keys agree
    assert "broken-2022" not in set(read(sample["out"], "facts.csv")["doc_id"])


def test_progress_and_summary_on_stderr(sample):
    lines = sample["stderr"].strip().splitlines()
    assert lines[:3] == [f"[{n}/3] {doc_id}" for n, doc_id in enumerate(sample["order"], 1)]
    assert lines[3].startswith("juesuan: broken-2022: ")
    facts = len(read(sample["out"], "facts.csv"))
    assert lines[-1] == f"3 documents (1 failed), {facts} facts → {sample['out'] / 'datapackage.json'}"


@pytest.mark.parametrize("doc_id, source", [("xinzhou-hrss-2022", SAMPLE_TXT), ("xinzhou-hrss-2022-html", SAMPLE_HTML)])
def test_facts_read_back_exactly(sample, doc_id, source):
    facts = read(sample["out"], "facts.csv")
    mine = facts[facts["doc_id"] == doc_id]
    assert facts_key(mine) == facts_key(juesuan.load(source).facts)
    assert set(mine["department_id"]) == {SAMPLE_DEPARTMENT} and set(mine["year"]) == {"2022"}
    assert set(mine["kind"]) == {"决算"} and set(mine["level"]) == {"部门"}


@pytest.mark.parametrize("doc_id", ["xinzhou-hrss-2022", "xinzhou-hrss-2022-html"])
def test_hand_read_figures(sample, doc_id):
    facts = read(sample["out"], "facts.csv")
    facts = facts[facts["doc_id"] == doc_id]

    def value(table, item, column, side="", code=""):
        row = facts[(facts.table == table) & (facts.item == item) & (facts.column == column) & (facts.side == side)
                    & (facts.code == code)]
        assert len(row) == 1, (table, item, column)
        return Decimal(row["value"].iloc[0])

    # 公开01表 收入总计 = 一般公共预算财政拨款收入 84,386,179.09 + 事业收入 1,272,731.00 + 其他收入 155,067.21
    assert value("income_expenditure_summary", "总计", "决算数", side="收入") == Decimal("85813977.30")
    assert Decimal("84386179.09") + Decimal("1272731.00") + Decimal("155067.21") == Decimal("85813977.30")
    # 公开05表 合计 (小计) = 基本支出 39,269,574.22 + 项目支出 45,116,604.87
    assert value("general_budget_expenditure", "合计", "合计") == Decimal("39269574.22") + Decimal("45116604.87")
    # 公开05表 2080101 行政运行 = 基本支出 18,324,845.12 + 项目支出 210,218.00
    assert value("general_budget_expenditure", "行政运行", "合计", code="2080101") == Decimal("18535063.12")
    # 绩效自评表 金保工程 资金总额 全年预算数 100.794 万元, exactly 1,007,940 元
    funds = facts[(facts.item == "资金总额") & (facts.column == "全年预算数")]
    assert Decimal("1007940") in {Decimal(v) for v in funds["value"]}


def test_values_are_plain_decimal_text(sample):
    facts = read(sample["out"], "facts.csv")
    assert facts["value"].str.fullmatch(r"-?\d+(\.\d+)?").all()
    claims = read(sample["out"], "claims.csv")
    for column in ("value_yuan", "difference", "tolerance"):
        assert claims[column].str.fullmatch(r"(-?\d+(\.\d+)?)?").all(), column


def test_findings_within_and_across_documents(sample):
    findings = read(sample["out"], "findings.csv")
    own = findings[findings["scope"] == "document"]
    for doc_id, source in (("xinzhou-hrss-2022", SAMPLE_TXT), ("xinzhou-hrss-2022-html", SAMPLE_HTML)):
        assert (own["doc_id"] == doc_id).sum() == len(juesuan.load(source).findings)
    assert (own["other_doc_id"] == "").all()
    # two copies of one 2022 final account: no last year's document, no budget, so nothing across
    assert (findings["scope"] == "across").sum() == 0
    locations = [json.loads(text) for text in own["locations"]]
    assert all(isinstance(loc, list) and all("table" in one or "quote" in one for one in loc) for loc in locations)
    assert {"table", "quote"} <= {key for loc in locations for one in loc for key in one}


def test_collection_claims_keep_their_own_kind_year_and_level(sample):
    """Regression: Collection.long overwrote a claim's kind (amount …), year (the year it compares
    with) and level (类/款/项) with the document's."""
    claims = read(sample["out"], "claims.csv")
    claims = claims[claims["doc_id"] == "xinzhou-hrss-2022"]
    doc = juesuan.load(SAMPLE_TXT).claims
    assert len(claims) == len(doc)
    assert set(claims["kind"]) == {"决算"}
    assert claims["claim_kind"].tolist() == doc["kind"].tolist()
    assert claims["claim_year"].tolist() == ["" if pd.isna(y) else str(y) for y in doc["year"]]
    assert claims["claim_level"].tolist() == doc["level"].tolist()
    assert "2021" in set(claims["claim_year"]) and "类" in set(claims["claim_level"])


def test_descriptor_maps_the_facts_to_fiscal_concepts(sample):
    package = json.loads((sample["out"] / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "juesuan-collection" and "部门决算" in package["title"] and "budgets" in package["title"]
    assert package["created"].endswith("Z") and "licenses" not in package
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == ["facts", "claims", "findings", "catalog"]
    assert resources["catalog"]["schema"]["primaryKey"] == ["doc_id"]
    for name in ("facts", "claims", "findings"):
        keys = resources[name]["schema"]["foreignKeys"]
        assert {"fields": ["doc_id"], "reference": {"resource": "catalog", "fields": ["doc_id"]}} in keys
    fields = {f["name"]: f for f in resources["facts"]["schema"]["fields"]}
    assert all(f["title"] and f["description"] for f in fields.values())
    assert fields["value"]["type"] == "number" and fields["value"]["bareNumber"] is True
    assert fields["value"]["fdp"]["currency"] == "CNY" and fields["value"]["fdp"]["columnType"] == "value"
    assert fields["kind"]["fdp"]["values"] == {"决算": "executed", "预算": "approved"}
    assert fields["side"]["fdp"]["values"]["收入"] == "revenue"
    assert fields["year"]["fdp"]["columnType"] == "date:fiscal-year"
    assert fields["department_id"]["fdp"]["columnType"] == "administrative-classification:generic:code"
    by_table = fields["code"]["fdp"]["byTable"]
    assert "general_budget_economic" in by_table["economic-classification:generic:code"]
    assert "general_budget_expenditure" in by_table["functional-classification:generic:code"]


def test_schemas_name_the_library_columns():
    names = lambda fields: [f.name for f in fields]
    who = ["doc_id", "department_id", "year", "kind", "level"]
    assert names(datapackage.FACT_FIELDS) == corpus.COLLECTION_FACT_COLUMNS
    own = {"kind": "claim_kind", "year": "claim_year", "level": "claim_level"}
    assert names(datapackage.CLAIM_FIELDS) == who + [own.get(c, c) for c in CLAIM_COLUMNS + CLAIM_VERDICT_COLUMNS] + ["decided_by"]
    assert names(datapackage.FINDING_FIELDS) == who + ["scope", "other_doc_id", *FINDING_COLUMNS, "source"]
    assert names(datapackage.CATALOG_FIELDS) == [*corpus.ENTRY_COLUMNS, "url", "sha256"]
    assert set(datapackage.FACT_FDP) <= set(corpus.COLLECTION_FACT_COLUMNS)


def test_the_fiscal_mapping_names_real_tables_and_columns():
    specs = [spec for layout in layouts.LAYOUTS for spec in layout.tables]
    coded = {s.key for s in specs if s.shape in ("coded", "wide_economic")}
    functional, economic = set(datapackage.FUNCTIONAL_CODE_TABLES), set(datapackage.ECONOMIC_CODE_TABLES)
    assert functional | economic == coded and not functional & economic  # every coded table in one system
    keys = {s.key for s in specs}
    assert set(datapackage.REVENUE_TABLES) | set(datapackage.EXPENDITURE_TABLES) <= keys
    assert set(datapackage.PHASE_BY_COLUMN) <= {c for s in specs for c in s.columns}


def test_cells_are_exact_text():
    frame = pd.DataFrame({"a": [Decimal("2.194096E+8"), Decimal("0.000001"), None],
                          "b": [True, False, pd.NA], "c": [[{"page": None}], "x", float("nan")]})
    assert datapackage.frame_to_csv(frame, ["a", "b", "c", "d"]).splitlines() == [
        "a,b,c,d", '219409600,true,"[{""page"": null}]",', "0.000001,false,x,", ",,,"]
    with pytest.raises(TypeError, match="float"):
        datapackage.frame_to_csv(pd.DataFrame({"a": [1.5]}), ["a"])


def test_exit_0_and_only_our_files_are_replaced(sample, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "facts.csv").write_text("stale", encoding="utf-8")
    code, err = export("--datapackage", out, "--catalog", sample["catalog"], "--department", SAMPLE_DEPARTMENT,
                       "--years", "2022", "--kind", "决算")
    assert code == 0, err
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert read(out, "facts.csv").columns[0] == "doc_id"
    assert set(read(out, "manifest.csv")["status"]) == {"ok"}
    assert sorted(p.name for p in out.iterdir()) == sorted(["notes.txt", *datapackage.FILES])
    assert frictionless.validate(out / "datapackage.json").valid


@pytest.mark.parametrize("args, words", [
    (["--years", "last"], ["years 'last'"]),
    (["--kind", "草案"], ["kind '草案'"]),
    (["--department", "无此部门"], ["no document", "无此部门"]),
])
def test_bad_selection_is_one_line_exit_2(sample, tmp_path, args, words):
    code, err = export("--datapackage", tmp_path / "out", "--catalog", sample["catalog"], *args)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and all(w in lines[0] for w in words), err
    assert not (tmp_path / "out").exists()


def test_bad_places_are_one_line_exit_2(sample, tmp_path):
    code, err = export("--catalog", sample["catalog"])
    assert code == 2 and "--datapackage" in err and len(err.strip().splitlines()) == 1
    (tmp_path / "file").write_text("", encoding="utf-8")
    code, err = export("--datapackage", tmp_path / "file", "--catalog", sample["catalog"])
    assert code == 2 and "is a file" in err and len(err.strip().splitlines()) == 1
    # the catalog's own folder: its catalog.csv would be overwritten by the catalog resource
    code, err = export("--datapackage", sample["catalog"].parent, "--catalog", sample["catalog"])
    assert code == 2 and "reads" in err and len(err.strip().splitlines()) == 1
    code, err = export("--datapackage", tmp_path / "out", "--catalog", tmp_path / "none.csv")
    assert code == 2 and "no such catalog" in err


def test_two_jiangsu_budgets(tmp_path):
    files = [shared_raw(f"jiangsu_jianchayuan_{year}_yusuan.pdf") for year in (2018, 2019)]
    path = tmp_path / "catalog.csv"
    added = run("catalog", "add", *files, "--catalog", path)
    assert added.returncode == 0, added.stderr
    out = tmp_path / "out"
    code, err = export("--datapackage", out, "--catalog", path, "--department", "江苏省人民检察院", "--years", "2018-2019")
    assert code == 0, err
    assert err.strip().splitlines()[-1].startswith("2 documents (0 failed), ")
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["type", "note", "fieldName", "rowNumber"])[:10]
    facts = read(out, "facts.csv")
    for file in files:
        doc = juesuan.load(file)
        mine = facts[facts["doc_id"] == file.stem]
        assert facts_key(mine) == facts_key(doc.facts)
    assert set(facts["department_id"]) == {"江苏省/人民检察院"} and set(facts["kind"]) == {"预算"}
    assert facts["value"].str.fullmatch(r"-?\d+(\.\d+)?").all()  # 万元 scaled: 219409600, never 2.194096E+8

    def value(year, side, item):
        row = facts[(facts.year == str(year)) & (facts.table == "income_expenditure_summary") & (facts.side == side)
                    & (facts.item == item)]
        return Decimal(row["value"].item())

    wan = Decimal(10000)
    # 2018 公开01表 收入合计 21,955.35 万元 = 财政拨款 21,940.96 + 其他资金 14.39
    assert value(2018, "收入", "收入合计") == (Decimal("21940.96") + Decimal("14.39")) * wan
    # 2019 支出合计 24,169.74 万元 = 基本支出 15,844.04 + 项目支出 4,335.30 + 单位预留机动经费 3,990.40 (支出用途)
    assert value(2019, "支出", "支出合计") == (Decimal("15844.04") + Decimal("4335.30") + Decimal("3990.40")) * wan
    assert value(2019, "支出用途", "一、基本支出") == Decimal("15844.04") * wan
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert "2018–2019" in package["description"]
    # the checks across documents: 2019's stated rates against 2018's figures (tests/test_across.py
    # reads each against both PDFs), e.g. 提租补贴 1,657.00 ÷ 2,586.61 = 64.06%, stated 64.07%
    findings = read(out, "findings.csv")
    across = findings[findings["scope"] == "across"]
    assert len(across) == 8 and set(across["rule_id"]) == {"X.prior_rate"}
    assert set(across["doc_id"]) == {"jiangsu_jianchayuan_2019_yusuan"}
    assert set(across["other_doc_id"]) == {"jiangsu_jianchayuan_2018_yusuan"}
    assert all([loc["doc_id"] for loc in json.loads(text)] == ["jiangsu_jianchayuan_2019_yusuan", "jiangsu_jianchayuan_2018_yusuan"]
               for text in across["locations"])
    claims = read(out, "claims.csv")
    assert (claims["decided_by"] == "jiangsu_jianchayuan_2018_yusuan").sum() > 0
    assert set(claims.loc[claims["doc_id"] == "jiangsu_jianchayuan_2018_yusuan", "decided_by"]) == {""}
