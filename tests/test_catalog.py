"""The catalog: old catalogs migrated, bad columns one line, stable department ids, `catalog add`
(idempotent, refusing bad files, pairing halves), `catalog list`, `catalog merge`."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_raw
from juesuan import catalog, departments

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TXT = ROOT / "data" / "raw" / "xinzhou-hrss-2022.txt"
SAMPLE_SHA = "2cf63735ea917a266c6342e6d09fc517c5785891a5fd22183b907e22f8c71710"
OLD_HEADER = "doc_id,file,department,year,kind,layout,sha256\n"


def run(*args):
    return subprocess.run([sys.executable, "-m", "juesuan.cli", *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def one_line_exit_2(result, *words):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and all(w in lines[0] for w in words), result.stderr


def test_old_catalog_is_read_with_the_new_columns_filled(tmp_path):
    path = tmp_path / "catalog.csv"
    path.write_text(OLD_HEADER
                    + f"xinzhou-hrss-2022,raw/xinzhou-hrss-2022.txt,忻州市人力资源和社会保障局,2022,决算,national,{SAMPLE_SHA}\n"
                    + "su-zx-2018,raw/a-text.pdf;raw/a-tables.pdf,江苏省政协办公厅,2018,预算,jiangsu_budget,abc\n",
                    encoding="utf-8")
    sample, pair = catalog.entries(path)
    assert (sample.department_id, sample.region, sample.level, sample.url, sample.parts) == (
        "忻州市/人力资源和社会保障局", "忻州市", "部门", "", 1)
    assert sample.paths == [tmp_path / "raw" / "xinzhou-hrss-2022.txt"]
    assert (pair.department_id, pair.parts) == ("江苏省/政协办公厅", 2)
    assert pair.paths == [tmp_path / "raw" / "a-text.pdf", tmp_path / "raw" / "a-tables.pdf"]
    catalog.write([sample, pair], path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(catalog.COLUMNS)
    assert catalog.entries(path) == [pair, sample]  # written in doc_id order, read back the same


def test_the_committed_catalog_has_the_new_columns():
    path = ROOT / "data" / "catalog.csv"
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(catalog.COLUMNS)
    (entry,) = catalog.entries(path)
    assert (entry.doc_id, entry.department_id, entry.sha256) == ("xinzhou-hrss-2022", "忻州市/人力资源和社会保障局", SAMPLE_SHA)


@pytest.mark.parametrize("header, word", [
    ("doc_id,file,department,year,kind,layout,sha256,colour", "unknown column 'colour'"),
    ("doc_id,file,department,year,kind,layout", "missing column 'sha256'"),
])
def test_a_bad_column_is_one_line(tmp_path, header, word):
    path = tmp_path / "catalog.csv"
    path.write_text(header + "\n", encoding="utf-8")
    one_line_exit_2(run("catalog", "list", "--catalog", path), word, str(path))
    one_line_exit_2(run("facts", "some-doc", "--catalog", path), word)


@pytest.mark.parametrize("printed, dept_id", [
    ("江苏省政协办公厅", "江苏省/政协办公厅"),
    ("江苏省人大常委会办公厅", "江苏省/人大常委会办公厅"),
    ("江苏省人大办公厅", "江苏省/人大常委会办公厅"),  # the bundled alias
    ("中国共产党江苏省委员会办公厅", "江苏省/省委办公厅"),
    ("中共江苏省委办公厅", "江苏省/省委办公厅"),
    ("江苏省委办公厅", "江苏省/省委办公厅"),
    ("中共上海市普陀区委社会工作部", "上海市普陀区/区委社会工作部"),
    ("上海市普陀区财政局", "上海市普陀区/财政局"),
    ("上海市城市管理行政执法局", "上海市/城市管理行政执法局"),  # 城市 is no district
    ("忻州市人力资源和社会保障局", "忻州市/人力资源和社会保障局"),
    ("政协办公厅", "政协办公厅"),  # no region printed
])
def test_department_ids(printed, dept_id):
    assert departments.department_id(printed, catalog.read_aliases(Path("/nowhere/catalog.csv"))) == dept_id


def test_aliases_chain_and_stop_at_a_circle():
    assert departments.canonical("苏/甲", {"苏/甲": "苏/乙", "乙": "丙"}) == "苏/丙"
    assert departments.canonical("苏/甲", {"苏/甲": "苏/乙", "苏/乙": "苏/甲"}) == "苏/乙"


def test_add_the_sample_then_facts_by_its_doc_id(tmp_path):
    cat = tmp_path / "cat.csv"
    added = run("catalog", "add", SAMPLE_TXT, "--catalog", cat)
    assert added.returncode == 0, added.stderr
    (entry,) = catalog.entries(cat)
    assert (entry.doc_id, entry.department, entry.year, entry.kind, entry.level, entry.layout, entry.parts) == (
        "xinzhou-hrss-2022", "忻州市人力资源和社会保障局", 2022, "决算", "部门", "national", 1)
    assert entry.file == str(SAMPLE_TXT) and entry.sha256 == SAMPLE_SHA  # outside the catalog's folder: absolute
    facts = run("facts", "xinzhou-hrss-2022", "--catalog", cat)
    assert facts.returncode == 0 and facts.stdout == run("facts", SAMPLE_TXT).stdout
    listing = run("catalog", "list", "--catalog", cat)
    assert listing.stdout.split() == ["doc_id", "department_id", "department", "year", "kind", "level", "layout", "parts",
                                      "xinzhou-hrss-2022", "忻州市/人力资源和社会保障局", "忻州市人力资源和社会保障局",
                                      "2022", "决算", "部门", "national", "1"]


def test_adding_twice_changes_nothing(tmp_path):
    (tmp_path / "docs").mkdir()
    shutil.copy(SAMPLE_TXT, tmp_path / "docs" / "sample.txt")
    cat = tmp_path / "catalog.csv"
    assert run("catalog", "add", tmp_path / "docs", "--catalog", cat).returncode == 0
    first = cat.read_bytes()
    assert catalog.entries(cat)[0].file == "docs/sample.txt"  # below the catalog's folder: relative
    again = run("catalog", "add", tmp_path / "docs" / "sample.txt", tmp_path / "docs", "--catalog", cat)
    assert again.returncode == 0 and cat.read_bytes() == first


def test_relative_names_files_beside_the_catalogs_folder_going_up(tmp_path):
    """--relative: a catalog in one checkout naming the documents of a folder beside it (how
    data/shared-corpus.csv names ../shared/corpus/raw), which moves with both."""
    here, moved = tmp_path / "here", tmp_path / "moved"
    (here / "shared").mkdir(parents=True)
    shutil.copy(SAMPLE_TXT, here / "shared" / "sample.txt")
    added = run("catalog", "add", here / "shared", "--catalog", here / "checkout" / "data" / "corpus.csv", "--relative")
    assert added.returncode == 0, added.stderr
    (entry,) = catalog.entries(here / "checkout" / "data" / "corpus.csv")
    assert entry.file == "../../shared/sample.txt" and entry.paths[0].resolve() == here / "shared" / "sample.txt"
    shutil.copytree(here, moved)
    (entry,) = catalog.entries(moved / "checkout" / "data" / "corpus.csv")
    assert entry.paths[0].resolve() == moved / "shared" / "sample.txt"
    facts = run("facts", entry.doc_id, "--catalog", moved / "checkout" / "data" / "corpus.csv")
    assert facts.returncode == 0 and facts.stdout.count("\n") == run("facts", SAMPLE_TXT).stdout.count("\n")


def test_a_bad_file_is_skipped_and_the_good_one_added(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SAMPLE_TXT, folder / "b-good.txt")
    (folder / "a-bad.pdf").write_bytes(b"%PDF-1.4 cut short")
    (folder / "notes.md").write_text("not a document kind catalog add walks", encoding="utf-8")
    cat = tmp_path / "catalog.csv"
    result = run("catalog", "add", folder, "--catalog", cat)
    assert result.returncode == 1
    refused = [line for line in result.stderr.splitlines() if "a-bad.pdf" in line]
    assert len(refused) == 1 and "skipped" in refused[0]
    assert "notes.md" not in result.stderr
    assert [e.file for e in catalog.entries(cat)] == ["docs/b-good.txt"]


def test_halves_pair_into_one_entry(tmp_path):
    # 2019: the narrative (renda-changweihui, no tables) and the tables (renda-bangongting, no narrative)
    # both print 江苏省人大常委会办公厅 and 2019年部门预算
    text = shared_raw("jiangsu_renda-changweihui_2019_yusuan.pdf")
    tables = shared_raw("jiangsu_renda-bangongting_2019_yusuan-tables.pdf")
    cat = tmp_path / "catalog.csv"
    result = run("catalog", "add", tables, text, "--catalog", cat)
    assert result.returncode == 0, result.stderr
    (entry,) = catalog.entries(cat)
    assert (entry.department_id, entry.year, entry.kind, entry.parts) == ("江苏省/人大常委会办公厅", 2019, "预算", 2)
    assert entry.paths == [text, tables]  # the narrative first, as juesuan.load([text, tables]) takes them


def test_merge_records_an_alias_beside_the_catalog(tmp_path):
    cat = tmp_path / "catalog.csv"
    assert run("catalog", "add", SAMPLE_TXT, "--catalog", cat).returncode == 0
    merged = run("catalog", "merge", "忻州市/人力资源和社会保障局", "忻州市/人社局", "--catalog", cat)
    assert merged.returncode == 0, merged.stderr
    assert (tmp_path / "catalog.aliases.csv").read_text(encoding="utf-8") == "alias,canonical\n忻州市/人力资源和社会保障局,忻州市/人社局\n"
    assert catalog.entries(cat)[0].department_id == "忻州市/人社局"
    assert "忻州市/人社局" in cat.read_text(encoding="utf-8")
    one_line_exit_2(run("catalog", "merge", "忻州市/人社局", "忻州市/人力资源和社会保障局", "--catalog", cat), "circle")
    one_line_exit_2(run("catalog", "merge", "忻州市/人力资源和社会保障局", "忻州市/人社局", "--catalog", cat), "nothing to merge")
