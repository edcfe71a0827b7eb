"""The pages as a reader gets them: lang="zh-CN", a viewport, a header on every page (the index,
the previous and next page of the document, its name, year, kind and file name), charts with alt
text, a print stylesheet; the header's helpers on hostile text; and every table a reader table —
Chinese headings, no index, no internal keys, no None/NaN — on the pages of the sample and, where
../shared is there, two Shanghai 决算 and a budget (rendered once for the suite: conftest `rendered`)."""
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from conftest import RENDERED_SHARED, SAMPLE
from juesuan import pages
from juesuan.batch import page_shell
from juesuan.layouts import LAYOUTS
from reader_pages import PageTables

ROOT = Path(__file__).resolve().parents[1]


class Page(HTMLParser):
    """What the tests look at in a page: <html>'s attributes, <meta>s, the header's links and text,
    every <img>, the stylesheets' text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.html, self.metas, self.images, self.header_links, self.header_text, self.styles = {}, [], [], [], [], []
        self._in_header = self._in_style = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html = attrs
        elif tag == "meta":
            self.metas.append(attrs)
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "header" and "js-shell" in (attrs.get("class") or ""):
            self._in_header += 1
        elif tag == "style":
            self._in_style += 1
        if tag == "a" and self._in_header:
            self.header_links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "header" and self._in_header:
            self._in_header -= 1
        elif tag == "style" and self._in_style:
            self._in_style -= 1

    def handle_data(self, data):
        if self._in_header:
            self.header_text.append(data)
        if self._in_style:
            self.styles.append(data)


def document_pages(rendered, name: str = SAMPLE) -> list[Path]:
    """One document's pages from the suite's one rendering (conftest `rendered`): one per document notebook."""
    found = rendered.pages(name)
    assert [p.stem for p in found] == [nb.stem for nb in pages.notebook_paths(kind="document")]
    return found


def test_every_page_is_chinese_with_a_viewport_and_a_print_stylesheet(rendered):
    for path in [*rendered.every_page(), rendered.out / "index.html"]:
        page = Page(path.read_text(encoding="utf-8"))
        assert page.html.get("lang") == "zh-CN", path.name
        assert any(m.get("name") == "viewport" and "width=device-width" in m.get("content", "") for m in page.metas), path.name
        assert re.search(r"@media\s+print\s*{", "".join(page.styles)), path.name


def test_every_page_has_a_header_naming_the_document_and_its_file(rendered):
    for path in document_pages(rendered):
        page = Page(path.read_text(encoding="utf-8"))
        header = "".join(page.header_text)
        for shown in ("忻州市人力资源和社会保障局", "2022", "决算", "xinzhou-hrss-2022.txt"):
            assert shown in header, (path.name, shown)
        assert "/" not in header.replace("xinzhou-hrss-2022.txt", ""), header  # a file name, never its path
        assert str(ROOT) not in path.read_text(encoding="utf-8").split("<main>")[0]


@pytest.mark.parametrize("name", [SAMPLE, *RENDERED_SHARED])
def test_the_header_links_the_index_and_the_neighbouring_pages_that_exist(rendered, name):
    found = document_pages(rendered, name)
    for at, path in enumerate(found):
        links = Page(path.read_text(encoding="utf-8")).header_links
        assert links, path.name
        for href in links:
            assert (path.parent / href).resolve().is_file(), (path.name, href)
        assert "../index.html" in links
        assert (found[at - 1].name in links) == (at > 0) and (at + 1 < len(found) and found[at + 1].name in links) == (at + 1 < len(found))


def test_every_chart_has_alt_text_from_its_title(rendered):
    charts = 0
    for path in document_pages(rendered):
        for image in Page(path.read_text(encoding="utf-8")).images:
            assert (image.get("alt") or "").strip(), path.name
            assert "No description" not in image["alt"]
            charts += 1
    assert charts >= 5
    execution = Page((rendered.out / "xinzhou-hrss-2022" / "02-execution.html").read_text(encoding="utf-8"))
    assert execution.images[0]["alt"] == "图表：预算执行率（决算 ÷ 年初预算）"


def test_the_stylesheet_is_one_file_shared_by_the_pages_and_the_index(rendered):
    css = pages.report_css()
    assert "@media print" in css and "overflow-x: auto" in css
    for path in (rendered.out / "index.html", rendered.out / "xinzhou-hrss-2022" / "01-overview.html"):
        assert css.strip() in path.read_text(encoding="utf-8"), path.name


def test_the_header_escapes_document_text():
    evil = '<script>alert("x")</script>局'
    text = pages.page_header({"index": '../index.html"><script>', "prev": {"href": "a.html", "title": "<b>前</b>"},
                              "identity": [["部门", evil], ["年度", "2022"], ["文件", "<img src=x onerror=alert(1)>.txt"]]})
    assert "<script" not in text and "<b>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;局" in text
    assert pages.page_header(None) == "" and pages.page_header({}) == ""


def test_a_collection_page_links_the_index_two_folders_up_and_no_neighbours():
    shell = page_shell("trends/jiangsu-jianchayuan", [Path("06-trends.ipynb")], Path("06-trends.ipynb"),
                       {"06-trends": "跨年度趋势"}, [("跨年度趋势", "江苏省人民检察院"), ("年度", "2017–2019")])
    assert shell["index"] == "../../index.html" and "prev" not in shell and "next" not in shell
    first = page_shell("doc", [Path("00-a.ipynb"), Path("01-b.ipynb")], Path("00-a.ipynb"), {"01-b": "B"}, [("年度", None)])
    assert first["next"] == {"href": "01-b.html", "title": "B"} and "prev" not in first
    assert first["identity"] == [["年度", ""]]


def test_chart_alt_text_without_a_title_is_a_description():
    output = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure size 640x480>"})
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[output])])
    pages.describe_charts(nb)
    alt = nb.cells[0].outputs[0].metadata["image/png"]["alt"]
    assert alt.startswith("图表") and "<" not in alt
    titled = nbformat.v4.new_output("display_data", data={"image/png": "x", "text/plain": '<Chart 三公经费 "x">'})
    assert pages.chart_alt(titled) == '图表：三公经费 "x"'
    hostile = nbformat.v4.new_output("display_data", data={"image/png": "x", "text/plain": '<Chart a" onerror="x"><script>>'})
    html = pages.notebook_html(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[titled, hostile])]), "t")
    images = Page(html).images
    assert [i["alt"] for i in images] == ['图表：三公经费 "x"', '图表：a" onerror="x"><script>']  # escaped: text, not markup
    assert "onerror" not in images[1] and "<script>" not in html


# What a raw DataFrame leaves in a table: Python's and pandas' missing values, a Series dump.
RAW_VALUES = re.compile(r"(?<![A-Za-z])(?:None|NaN|nan|NaT)(?![A-Za-z])|<NA>|dtype:")
# Every table key of every layout (performance_N for the self-evaluations): the machine's names.
TABLE_KEYS = sorted({t.key for layout in LAYOUTS for t in layout.tables}, key=len, reverse=True)
INTERNAL_KEY = re.compile(r"(?<![A-Za-z_])(?:" + "|".join(map(re.escape, TABLE_KEYS)) + r")(?:_\d+)?(?![A-Za-z_0-9])")
CJK = re.compile(r"[\u4e00-\u9fff]")


def reader_table_faults(table) -> list[str]:
    """What makes a parsed table no reader table: raw missing values or a Series dump in any cell, a
    table key in a heading or cell (the English gloss row may name things in English), a heading
    without Chinese, an index: an unnamed first column or a first column counting 0, 1, 2 …"""
    faults = []
    for row in [*table.headings, *table.glosses, *table.rows]:
        faults += [f"raw value {c!r}" for c in row if RAW_VALUES.search(c)]
    for row in [*table.headings, *table.rows]:
        faults += [f"table key {c!r}" for c in row if INTERNAL_KEY.search(c)]
    for row in table.headings:
        faults += [f"heading without Chinese {c!r}" for c in row if not CJK.search(c)]
    if table.headings and not table.headings[0][0].strip():
        faults.append("an unnamed first column (an index)")
    first = [row[0] for row in table.rows if row]
    if len(first) > 1 and first == [str(n) for n in range(len(first))]:
        faults.append("a first column counting 0, 1, 2 … (an index)")
    return faults


def test_a_reader_table_check_finds_what_a_raw_frame_leaves():
    import pandas as pd

    raw = pd.DataFrame({"item": ["基本支出", None], "amount": [1.5, float("nan")], "page": pd.array([1, None], dtype="Int64")})
    faults = reader_table_faults(PageTables(raw.to_html()).tables[0])
    assert "an unnamed first column (an index)" in faults and "a first column counting 0, 1, 2 … (an index)" in faults
    assert "heading without Chinese 'item'" in faults and "raw value 'NaN'" in faults and "raw value '<NA>'" in faults
    series = PageTables(f"<table><tbody><tr><td>{raw.iloc[0]}</td></tr></tbody></table>").tables[0]
    assert any("dtype:" in f for f in reader_table_faults(series))  # a Series dumped into a cell
    keyed = PageTables("<table><thead><tr><th>来源</th></tr></thead><tbody><tr><td>expenditure 本年支出合计</td></tr>"
                       "<tr><td>performance_2 is missing</td></tr><tr><td>finance 与 expenditures</td></tr></tbody></table>").tables[0]
    assert reader_table_faults(keyed) == ["table key 'expenditure 本年支出合计'", "table key 'performance_2 is missing'"]
    gloss = PageTables('<table><thead><tr><th>金额</th></tr><tr class="gloss"><th>amount</th></tr></thead>'
                       "<tbody><tr><td>1.00</td></tr></tbody></table>").tables[0]
    assert reader_table_faults(gloss) == [] and gloss.glosses == [["amount"]]


@pytest.mark.parametrize("name", [SAMPLE, *RENDERED_SHARED])
def test_every_table_on_every_page_is_a_reader_table(rendered, name):
    tables = 0
    for path in document_pages(rendered, name):
        for table in PageTables(path.read_text(encoding="utf-8")).tables:
            tables += 1
            assert not reader_table_faults(table), (path.name, reader_table_faults(table)[:5], table.headings)
    assert tables >= 15  # each page holds tables: a page of sentences alone would pass for nothing


def test_the_index_tables_are_reader_tables_too(rendered):
    tables = PageTables((rendered.out / "index.html").read_text(encoding="utf-8")).tables
    assert tables and all(not reader_table_faults(t) for t in tables), [reader_table_faults(t) for t in tables]
