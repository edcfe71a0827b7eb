"""The sample as text, as PDF, as HTML and as a workbook gives the same facts (the PDF and HTML are
rendered from the text by scripts/render_sample.py, the workbook by scripts/render_workbook.py, so
every value is known)."""
from pathlib import Path

import pytest

import juesuan

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def text_facts():
    return juesuan.load(RAW / "xinzhou-hrss-2022.txt").facts


RENDITIONS = ["xinzhou-hrss-2022.pdf", "xinzhou-hrss-2022.html", "xinzhou-hrss-2022.xlsx", "xinzhou-hrss-2022-chromium.pdf"]


@pytest.mark.parametrize("rendition", RENDITIONS)
def test_rendition_gives_the_same_facts_as_the_text(text_facts, rendition):
    other = juesuan.load(RAW / rendition)
    facts = other.facts
    assert len(facts) == len(text_facts)
    key = ["table", "side", "code", "item", "column", "value", "unit_source"]  # doc_id is the file's stem
    left = text_facts[key].astype(str).values.tolist()
    right = facts[key].astype(str).values.tolist()
    assert left == right  # row for row, in document order


def test_pdf_facts_carry_pages():
    doc = juesuan.load(RAW / "xinzhou-hrss-2022.pdf")
    assert doc.facts["page"].notna().all()
    assert doc.meta["pages"] > 20
    first = doc.table("income_expenditure_summary")
    assert first["page"].nunique() >= 1


def test_text_and_html_have_no_pages():
    assert juesuan.load(RAW / "xinzhou-hrss-2022.txt").facts["page"].isna().all()
    assert juesuan.load(RAW / "xinzhou-hrss-2022.html").facts["page"].isna().all()


def test_browser_printed_pdf_reads_quietly(capfd):
    """The HTML printed by headless Chromium (scripts/print_sample_chromium.py): Kangxi radicals in
    the text, tables split across pages, and a pdfminer warning per font that must not reach stderr."""
    from juesuan.readers import read

    blocks = read(RAW / "xinzhou-hrss-2022-chromium.pdf")
    assert not capfd.readouterr().err
    text = "".join(block.text for block in blocks if hasattr(block, "text"))
    assert "收入支出决算总表" in text and not any(0x2E80 <= ord(char) < 0x2FE0 for char in text)


def test_workbook_facts_point_at_their_sheet():
    """A workbook's `page` is the sheet's 1-based index: 公开01表 is the workbook's fifth sheet."""
    facts = juesuan.load(RAW / "xinzhou-hrss-2022.xlsx").facts
    assert set(facts.loc[facts["table"] == "income_expenditure_summary", "page"]) == {5}
    assert facts["page"].is_monotonic_increasing


def test_renditions_keep_the_meta():
    metas = [juesuan.load(RAW / f"xinzhou-hrss-2022.{ext}").meta for ext in ("txt", "pdf", "html", "xlsx")]
    for meta in metas:
        assert (meta["department"], meta["year"], meta["kind"], meta["layout"]) == ("忻州市人力资源和社会保障局", 2022, "决算", "national")
        assert {k: v["status"] for k, v in meta["tables"].items()} == {k: v["status"] for k, v in metas[0]["tables"].items()}
