"""`juesuan report` end to end: a batch with a file that fails, HTML escaping of document text,
safe file names, pages that open offline; and the charts' CJK font."""
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from juesuan import metrics, plots, present, report
from juesuan.batch import DocumentResult, Page, write_index
from juesuan.pages import notebook_paths
from juesuan.errors import ParameterError

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TXT = ROOT / "data" / "raw" / "xinzhou-hrss-2022.txt"
EVIL_NAME = '<script>alert("x")</script>局'


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "juesuan.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One batch: the sample, the sample renamed to a department holding <script> (in a file whose
    name holds <, > and quotes), and a file that is not a PDF."""
    inputs = tmp_path_factory.mktemp("inputs")
    evil = inputs / 'evil <script> "doc".txt'
    evil.write_text(SAMPLE_TXT.read_text(encoding="utf-8").replace("忻州市人力资源和社会保障局", EVIL_NAME), encoding="utf-8")
    bad = inputs / "broken.pdf"
    bad.write_bytes(b"this is not a PDF")
    out = tmp_path_factory.mktemp("reports")
    result = run_cli("report", "xinzhou-hrss-2022", evil, bad, "--jobs", "2", "-o", out)
    return result, out


def test_a_bad_file_fails_alone_and_the_batch_exits_nonzero_with_a_count(batch):
    result, out = batch
    assert result.returncode == 1
    assert "juesuan report: 1 of 3 documents failed" in result.stderr.strip().splitlines()[-1]
    index = (out / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>.*?</tr>", index, flags=re.S)[1:]  # without the header row
    assert len(rows) == 3
    failed = next(row for row in rows if "broken.pdf" in row)
    assert "failed" in failed and "not a PDF" in failed
    sample = next(row for row in rows if "xinzhou-hrss-2022" in row)
    assert "完成 ok" in sample and "184.16%" in sample and "8,581.40" in sample  # 85813977.30 元 in 万元
    pages = sorted(p.name for p in (out / "xinzhou-hrss-2022").glob("*.html"))
    assert pages == [f"{nb.stem}.html" for nb in notebook_paths(kind="document")]
    assert all(f'href="xinzhou-hrss-2022/{name}"' in sample for name in pages)


def test_document_text_is_escaped_in_the_index_and_the_pages(batch):
    _, out = batch
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in index.lower()
    # the index template (Jinja2 autoescape) writes a quote as &#34;
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;局" in index
    folder = out / report.safe_name('evil <script> "doc"')
    for page in folder.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page.name
    overview = (folder / "01-overview.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in overview  # the heading shows the name as text


def test_output_file_names_are_safe(batch):
    _, out = batch
    for path in out.rglob("*"):
        assert re.fullmatch(r"[\w.\-]+", path.name), path.name
        assert not path.name.startswith(".")


def test_pages_open_offline(batch):
    _, out = batch
    pages = list(out.rglob("*.html"))
    assert len(pages) == 13  # 2 documents × 6 notebooks + the index
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src\s*=\s*[\"']?(?:https?:)?//", text, flags=re.I), page
        assert not re.search(r"<link[^>]+href\s*=\s*[\"']?(?:https?:)?//", text, flags=re.I), page
        assert not re.search(r"@import\s+(?:url\()?[\"']?(?:https?:)?//", text, flags=re.I), page
        assert not re.search(r"mathjax|require(?:\.min)?\.js|cdnjs|unpkg|jsdelivr", text, flags=re.I), page
    chart = (out / "xinzhou-hrss-2022" / "02-execution.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in chart  # charts are embedded
    assert "def " not in chart and "import juesuan" not in chart  # no code cells


def test_key_figures_json_beside_each_page(batch):
    import json

    _, out = batch
    figures = json.loads((out / "xinzhou-hrss-2022" / "02-execution.json").read_text(encoding="utf-8"))
    assert figures["figures"]["execution_rate"] == 1.8416
    assert figures["doc_id"] == "xinzhou-hrss-2022" and figures["notebook"] == "02-execution"


def test_index_escapes_every_text_it_is_given(tmp_path):
    result = DocumentResult(source="x.pdf", slug="x", doc_id='"><img src=x onerror=alert(1)>', department=EVIL_NAME,
                            year=2024, status="failed", reason="<b>bad</b>",
                            pages=[Page("01-overview", "<i>title</i>", status="failed", reason="<script>x</script>")])
    text = write_index([result], tmp_path).read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text and "<b>bad" not in text and "<i>title" not in text
    assert "&lt;script&gt;" in text


@pytest.mark.parametrize("name", ['<script>alert(1)</script>', "../../etc/passwd", "a/b\\c:d*e?f", ".hidden", "",
                                  "忻州市人力资源和社会保障局", "x" * 300, "con", "a b\tc\nd"])
def test_safe_name(name):
    safe = report.safe_name(name)
    assert re.fullmatch(r"[\w.\-]+", safe) and not safe.startswith((".", "-")) and len(safe) <= 80
    assert "/" not in safe and "\\" not in safe


def test_safe_names_of_different_names_differ():
    assert report.safe_name("a<b") != report.safe_name("a>b")
    assert report.safe_name("xinzhou-hrss-2022") == "xinzhou-hrss-2022"  # a clean name stays as it is


def test_usage_errors_are_one_line_exit_2(tmp_path):
    for args in (["report", "--jobs", "0", "xinzhou-hrss-2022"], ["report"]):
        result = run_cli(*args, "-o", tmp_path)
        assert result.returncode == 2, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_bad_doc_parameter_is_explained():
    with pytest.raises(ParameterError, match="parameter doc"):
        report.open_document(42)
    with pytest.raises(ParameterError, match="cannot be read"):
        report.open_document("no-such-document")


def test_charts_have_every_glyph():
    doc = __import__("juesuan").load("xinzhou-hrss-2022")
    charts = [
        plots.execution_chart(metrics.budget_execution(doc)),
        plots.shares_chart(metrics.class_shares(doc), "一般公共预算财政拨款支出按类"),
        plots.budget_actual_chart(metrics.three_public(doc), "“三公”经费：预算与决算"),
        plots.year_on_year_chart(metrics.year_on_year(doc)),
        plots.scores_chart(metrics.performance(doc)),
        plots.execution_chart(metrics.budget_execution(doc).iloc[0:0]),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" is a UserWarning
        for chart in charts:
            assert chart._repr_png_().startswith(b"\x89PNG")
    assert plots.FONT_NAME == "WenQuanYi Micro Hei"


def test_reader_tables_have_chinese_labels_amounts_in_wan_and_no_index():
    from decimal import Decimal

    import pandas as pd

    frame = pd.DataFrame({"year": [2018, 2019], "expenditure_total": [Decimal("219553500"), Decimal("241697400.05")],
                          "growth_rate": [None, Decimal("0.1008587884")], "three_public_per_wan": [None, Decimal("173.05")],
                          "note": ["first year on record", "<b>x</b>"], "2019_share": [None, Decimal("0.5")]})
    table = present.display_frame(frame, present.LABELS, unit="万元")
    assert list(table.frame.columns) == ["年度", "本年支出合计（万元）", "增减率", "每万元支出的“三公”经费（元）", "说明", "2019年占比"]
    assert table.frame.iloc[1].tolist() == ["2019", "24,169.74", "10.09%", "173.05", "<b>x</b>", "50.00%"]  # 24,169.7400 half up
    page = table._repr_html_()
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>" not in page  # document text escaped
    assert '<td style="text-align: right">24,169.74</td>' in page and '<td style="text-align: left">first year on record</td>' in page
    assert page.count("<th ") == 6 * 2 and page.count("<td ") == 12  # no index column; a gloss row of 6 under the headings
    assert '<tr class="gloss" lang="en">' in page and ">growth rate</th>" in page
    assert repr(table).splitlines()[1].split()[0] == "2018"
