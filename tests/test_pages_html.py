"""The pages as a reader gets them: lang="zh-CN", a viewport, a header on every page (the index,
the previous and next page of the document, its name, year, kind and file name), charts with alt
text, a print stylesheet; the header's helpers on hostile text."""
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from juesuan import pages
from juesuan.batch import page_shell

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


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    result = subprocess.run([sys.executable, "-m", "juesuan.cli", "report", "xinzhou-hrss-2022", "--jobs", "2", "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def document_pages(out: Path) -> list[Path]:
    found = sorted((out / "xinzhou-hrss-2022").glob("*.html"))
    assert [p.stem for p in found] == [nb.stem for nb in pages.notebook_paths(kind="document")]
    return found


def test_every_page_is_chinese_with_a_viewport_and_a_print_stylesheet(rendered):
    for path in [*document_pages(rendered), rendered / "index.html"]:
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


def test_the_header_links_the_index_and_the_neighbouring_pages_that_exist(rendered):
    found = document_pages(rendered)
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
    execution = Page((rendered / "xinzhou-hrss-2022" / "02-execution.html").read_text(encoding="utf-8"))
    assert execution.images[0]["alt"] == "图表：预算执行率（决算 ÷ 年初预算）"


def test_the_stylesheet_is_one_file_shared_by_the_pages_and_the_index(rendered):
    css = pages.report_css()
    assert "@media print" in css and "overflow-x: auto" in css
    for path in (rendered / "index.html", rendered / "xinzhou-hrss-2022" / "01-overview.html"):
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
