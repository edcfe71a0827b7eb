"""A disclosure published as two files (the narrative and the tables apart), each half alone, halves
that do not belong together, and a PDF that is no disclosure at all, refused before its tables are read."""
import subprocess
import sys
from pathlib import Path

import pytest

import juesuan
import juesuan.checks
from conftest import shared_raw

ROOT = Path(__file__).resolve().parents[1]
TEXT, TABLES = "jiangsu_shengwei-bangongting_2017_yusuan-text.pdf", "jiangsu_shengwei-bangongting_2017_yusuan-tables.pdf"


@pytest.fixture(scope="module")
def two_files():
    return juesuan.load([shared_raw(TEXT), shared_raw(TABLES)])


def test_two_files_load_as_one_document(two_files):
    meta = two_files.meta
    assert two_files.doc_id == "jiangsu_shengwei-bangongting_2017_yusuan"  # what the two stems share
    assert (meta["kind"], meta["layout"], meta["year"], meta["lacks"]) == ("预算", "jiangsu_budget", 2017, [])
    # the text part has 13 pages (pdfinfo), so the tables part's page 1 is the document's page 14
    assert [(p["file"], p["first_page"], p["last_page"], p["holds"]) for p in meta["parts"]] == [
        (TEXT, 1, 13, ["narrative"]), (TABLES, 14, 27, ["tables"])]
    # its 收支预算总表 is on the tables part's page 1: 收入合计 20,849.45 万元
    summary = two_files.table("income_expenditure_summary")
    total = summary[(summary["item"] == "收入合计") & (summary["side"] == "收入")].iloc[0]
    assert (total["value"], total["page"]) == (208494500, 14)
    assert two_files.part_page(14) == (TABLES, 1)


def test_a_cached_pair_names_its_files_where_they_are_now(two_files, tmp_path, monkeypatch):
    """The parse is cached by content: loaded again through other paths (a copy, another working
    folder), its parts name those paths, not the first load's (catalog add pairs files by them)."""
    import shutil

    copies = [shutil.copy(shared_raw(name), tmp_path / name) for name in (TEXT, TABLES)]
    monkeypatch.chdir(tmp_path)
    again = juesuan.load([Path(TEXT), Path(TABLES)])
    assert again.meta["sha256"] == two_files.meta["sha256"]
    assert [p["path"] for p in again.meta["parts"]] == [TEXT, TABLES]
    assert [Path(p["path"]).resolve() for p in again.meta["parts"]] == [Path(c).resolve() for c in copies]


def test_every_location_names_its_part_and_page(two_files):
    located = [loc for locs in two_files.findings["locations"] for loc in locs if loc.get("page")]
    assert located, "the audit of the two files reports findings with pages"
    for loc in located:
        file, page = two_files.part_page(loc["page"])
        assert (loc["part"], loc["part_page"]) == (file, page)


def test_each_half_alone_loads_and_says_what_it_lacks():
    text = juesuan.load(shared_raw(TEXT))
    assert (text.meta["kind"], text.meta["lacks"], len(text.facts)) == ("预算", ["tables"], 0)
    assert text.meta["department"] == "江苏省委办公厅" and text.meta["year"] == 2017  # the cover: 江苏省委办公厅2017年部门预算
    tables = juesuan.load(shared_raw(TABLES))
    assert tables.meta["lacks"] == ["narrative"] and len(tables.facts) > 0
    # a narrative without its tables is not checked against table relations
    outcomes = juesuan.checks.rule_outcomes(text)
    assert set(outcomes["outcome"]) == {"not_applicable"}


def test_halves_of_two_departments_are_refused_in_one_line():
    other = shared_raw("jiangsu_zhengxie-bangongting_2017_yusuan-tables.pdf")
    result = subprocess.run([sys.executable, "-m", "juesuan.cli", "facts", str(shared_raw(TEXT)), str(other)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "different departments" in result.stderr


def test_facts_of_two_files_on_the_command_line():
    result = subprocess.run([sys.executable, "-m", "juesuan.cli", "facts", str(shared_raw(TEXT)), str(shared_raw(TABLES)),
                             "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and '"doc_id": "jiangsu_shengwei-bangongting_2017_yusuan"' in result.stdout


def test_a_pdf_that_is_no_disclosure_is_refused_from_its_first_pages(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "notice.pdf"
    page = canvas.Canvas(str(path))
    for number in range(40):  # a long file: the refusal must not read it all
        page.setFont("STSong-Light", 14)
        page.drawString(72, 720, f"关于召开年度工作会议的通知（第{number + 1}页）")
        page.showPage()
    page.save()
    with pytest.raises(juesuan.ReadError, match="not a 部门决算 or 部门预算"):
        juesuan.load(path, cache=False)
