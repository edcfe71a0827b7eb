"""Readers: what each one makes of good input, the one-line ReadError for bad input, and the reading
order of real PDFs (expected text typed from the rendered pages, not copied from reader output)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from juesuan.errors import ReadError
from juesuan.readers import Grid, Line, read
from juesuan.readers.html import read_html
from juesuan.readers.pdf import chars_to_lines, read_pdf

from conftest import SHARED_RAW, shared_raw


# --- generated PDFs --------------------------------------------------------------------------------

def make_pdf(path: Path, *pages, encrypt: str | None = None) -> Path:
    """A PDF whose page i is drawn by pages[i](canvas) (reportlab, points from the bottom left)."""
    canvas = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab makes the test PDFs")
    pdf = canvas.Canvas(str(path), pagesize=(595, 842), encrypt=encrypt)
    for draw in pages:
        draw(pdf)
        pdf.showPage()
    pdf.save()
    return path


def text_page(pdf) -> None:
    pdf.drawString(72, 760, "Budget 2024")


def table_page(pdf) -> None:
    """A title, a ruled 3x2 table, a note below it."""
    pdf.drawString(72, 760, "Table 1 Summary")
    pdf.grid([72, 272, 472], [700, 670, 640, 610])
    for row, (label, value) in enumerate([("Item", "Amount"), ("Income", "2,995.39"), ("Total", "2,995.39")]):
        pdf.drawString(80, 680 - 30 * row, label)
        pdf.drawString(280, 680 - 30 * row, value)
    pdf.drawString(72, 580, "Note: in 10,000 yuan")


def framed_table_page(pdf) -> None:
    """A ruled frame around a title and a table, sharing the table's bottom and right edges, as the
    Excel exports of jiangsu_shengwei-bangongting draw it."""
    pdf.rect(50, 610, 422, 160)
    pdf.drawString(72, 740, "Framed title")
    pdf.grid([172, 322, 472], [670, 640, 610])
    pdf.drawString(180, 650, "Income")
    pdf.drawString(330, 650, "12.50")
    pdf.drawString(180, 620, "Total")
    pdf.drawString(330, 620, "12.50")


def off_page_text(pdf) -> None:
    pdf.drawString(72, 760, "Printed line")
    pdf.drawString(72, -200, "Drawn below the page")
    pdf.drawString(700, 500, "Drawn right of the page")


def shapes_only(pdf) -> None:
    pdf.rect(72, 600, 200, 100, fill=1)
    pdf.circle(300, 400, 50, fill=1)


def test_pdf_lines_and_grids_in_page_order(tmp_path):
    blocks = read_pdf(make_pdf(tmp_path / "two.pdf", table_page, text_page))
    assert [type(block).__name__ for block in blocks] == ["Line", "Grid", "Line", "Line"]
    title, grid, note, second = blocks
    assert (title.text, title.page) == ("Table 1 Summary", 1)
    assert grid.rows == [["Item", "Amount"], ["Income", "2,995.39"], ["Total", "2,995.39"]]
    assert grid.row_pages == [1, 1, 1]
    assert (note.text, note.page) == ("Note: in 10,000 yuan", 1)
    assert (second.text, second.page) == ("Budget 2024", 2)


def test_frame_around_a_table_does_not_repeat_its_cells(tmp_path):
    """jiangsu_shengwei-bangongting_2017 tables: a frame around title and table made Table.extract()
    put the whole table into one more cell."""
    (grid,) = read_pdf(make_pdf(tmp_path / "framed.pdf", framed_table_page))
    assert grid.rows == [["Framed title", "", ""], ["", "Income", "12.50"], ["", "Total", "12.50"]]


def cut_row_page_one(pdf) -> None:
    """A table whose last row runs to the page's end with no rule under it, as a browser breaks it."""
    for x in (72, 272, 472):
        pdf.line(x, 700, x, 40)
    for y in (700, 670):
        pdf.line(72, y, 472, y)
    pdf.drawString(80, 680, "Item")
    pdf.drawString(280, 680, "Amount")
    pdf.drawString(80, 650, "Travel and")
    pdf.drawString(280, 650, "1.00")


def cut_row_page_two(pdf) -> None:
    """The rest of that row from the page's top, no rule above it, then one more row."""
    for x in (72, 272, 472):
        pdf.line(x, 800, x, 740)
    for y in (770, 740):
        pdf.line(72, y, 472, y)
    pdf.drawString(80, 780, "transport")
    pdf.drawString(80, 750, "Total")
    pdf.drawString(280, 750, "1.00")


def test_row_broken_over_a_page_break_is_joined(tmp_path):
    """xinzhou-hrss-2022 printed by Chromium in portrait: the browser breaks rows at the page end
    and draws no rule there; each half used to be lost as running text."""
    above, below = read_pdf(make_pdf(tmp_path / "cut.pdf", cut_row_page_one, cut_row_page_two))
    assert above.rows == [["Item", "Amount"], ["Travel and\ntransport", "1.00"]]
    assert below.rows == [["Total", "1.00"]]
    assert below.row_pages == [2]


def test_text_drawn_off_the_page_is_not_read(tmp_path):
    """jiangsu_renda-bangongting_2017 p.11 draws two tables below the page box."""
    blocks = read_pdf(make_pdf(tmp_path / "off.pdf", off_page_text))
    assert [block.text for block in blocks] == ["Printed line"]


def test_digits_on_another_font_box_stay_in_their_line():
    """shanghai-putuo_caizhengju_2024 (ONLYOFFICE): the Times New Roman digits' boxes sit 4.9 pt lower
    than the FangSong characters of the same line, though both share the baseline."""

    def char(text, x0, width, top):
        bottom = top + 12
        return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": bottom, "size": 12.0,
                "y0": 842 - bottom, "matrix": (1, 0, 0, 1, x0, 842 - 194.62)}

    chars = [char("总", 300, 12, 183.05), char("计", 312, 12, 183.05)]
    chars += [char(digit, 324 + 6 * i, 6, 187.93) for i, digit in enumerate("2995")]
    chars += [char("万", 348, 12, 183.05), char("元", 360, 12, 183.05)]
    for item in chars[2:6]:
        item["y0"] = 842 - 199.93  # a deeper descent: same baseline, lower box
    assert chars_to_lines(chars) == [(183.05, "总计2995万元")]


# --- bad input -------------------------------------------------------------------------------------

def assert_read_error(path, *words):
    with pytest.raises(ReadError) as caught:
        read(path)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return message


def test_empty_file(tmp_path):
    empty = tmp_path / "report.pdf"
    empty.write_bytes(b"")
    assert_read_error(empty, "report.pdf", "is empty")


def test_text_named_pdf(tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_text("<html><body>404 Not Found</body></html>", encoding="utf-8")
    assert_read_error(fake, "report.pdf", "not a PDF")


def test_truncated_pdf(tmp_path):
    whole = make_pdf(tmp_path / "whole.pdf", table_page).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    assert_read_error(cut, "cut.pdf", "truncated or damaged")


def test_truncated_corpus_pdf(tmp_path):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(shared_raw("shanghai-putuo_caizhengju_2024_juesuan.pdf").read_bytes()[:2048])
    assert_read_error(cut, "truncated or damaged")


def test_encrypted_pdf(tmp_path):
    locked = make_pdf(tmp_path / "locked.pdf", text_page, encrypt="secret")
    assert_read_error(locked, "locked.pdf", "encrypted", "password")


def scanned_page(pdf) -> None:
    """A page that is one picture (what a scanner makes): an image, no text."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    pdf.drawImage(ImageReader(Image.new("L", (64, 64), 200)), 72, 400, 300, 300)


def test_pdf_without_text_layer(tmp_path):
    scan = make_pdf(tmp_path / "scan.pdf", scanned_page)
    assert_read_error(scan, "scan.pdf", "no text layer", "scan", "OCR")


def test_pdf_of_shapes_only_is_not_called_a_scan(tmp_path):
    shapes = make_pdf(tmp_path / "shapes.pdf", shapes_only)
    assert_read_error(shapes, "shapes.pdf", "neither text nor images")


def test_missing_path(tmp_path):
    assert_read_error(tmp_path / "nowhere.pdf", "no such file", "doc_id", "data/catalog.csv")


def test_directory(tmp_path):
    assert_read_error(tmp_path, "directory")


def test_zip_without_a_workbook(tmp_path):
    """Workbooks are read (tests/test_xlsx_reader.py); another zip is named for what it is."""
    sheet = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert_read_error(sheet, "budget.xlsx", "a zip archive, not an Excel workbook")


def test_binary_file(tmp_path):
    blob = tmp_path / "photo.jpg"
    blob.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    assert_read_error(blob, "photo.jpg", "not a PDF, workbook, HTML page or text export")


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("blank.html", b"  \n ", ["is empty"]),
        ("words.html", "只有文字，没有标签".encode("utf-8"), ["not an HTML page"]),
        ("frames.html", b"<html><frameset><frame src='a.html'></frameset></html>", ["no <body>", "frame"]),
        ("script.html", b"<html><body><script>load()</script></body></html>", ["no text or tables"]),
    ],
)
def test_bad_html(tmp_path, name, content, words):
    page = tmp_path / name
    page.write_bytes(content)
    assert_read_error(page, name, *words)


# --- HTML ------------------------------------------------------------------------------------------

GBK_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>不读</title><style>td {{ color: red }}</style><script>var x = "不读";</script></head>
<body>
<h2>朱镕基路小学2024年度部门决算</h2>
<div>单位：万元<p>本年收入合计  <b>2,946.25</b>万元，
   其中：财政拨款收入2,940.05万元。</p></div>
<table border="1">
  <caption>收入支出决算总表</caption>
  <tr><th rowspan="2">项目</th><th colspan="2">决算数</th></tr>
  <tr><td>本年<br>收入</td><td>合计</td></tr>
  <tr><td>一、财政拨款收入</td><td>2,940.05</td><td>&nbsp;</td></tr>
  <tr><td colspan="3">注：本表无政府性基金</td></tr>
</table>
<ul><li>一、主要职能</li><li> </li><li>二、机构设置</li></ul>
<p style="display: none">不读</p>
</body></html>
"""


def test_html_gbk_spans_and_breaks(tmp_path):
    page = tmp_path / "page.htm"
    page.write_bytes(GBK_PAGE.encode("gbk"))  # 镕 is GBK but not GB2312, as on many real pages
    blocks = read(page)
    assert [block.text for block in blocks if isinstance(block, Line)] == [
        "朱镕基路小学2024年度部门决算",
        "单位：万元",
        "本年收入合计  2,946.25万元， 其中：财政拨款收入2,940.05万元。",
        "收入支出决算总表",
        "一、主要职能",
        "二、机构设置",
    ]
    (grid,) = [block for block in blocks if isinstance(block, Grid)]
    assert grid.rows == [
        ["项目", "决算数", ""],
        ["", "本年\n收入", "合计"],
        ["一、财政拨款收入", "2,940.05", ""],
        ["注：本表无政府性基金", "", ""],
    ]
    assert grid.row_pages == [None] * 4
    assert all(block.page is None for block in blocks)
    assert isinstance(blocks[4], Grid)  # after its caption, before the list


def test_html_rowspan_in_a_middle_column(tmp_path):
    page = tmp_path / "spans.html"
    page.write_text(
        "<html><body><table>"
        "<tr><td>a</td><td rowspan='3'>b</td><td>c</td></tr>"
        "<tr><td>d</td><td>e</td></tr>"
        "<tr><td>f</td></tr>"
        "<tr><td colspan='2' rowspan='2'>g</td><td>h</td></tr>"
        "<tr><td>i</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    (grid,) = read_html(page)
    assert grid.rows == [
        ["a", "b", "c"],
        ["d", "", "e"],
        ["f", "", ""],
        ["g", "", "h"],
        ["", "", "i"],
    ]


def test_html_layout_table_yields_only_its_inner_data_table(tmp_path):
    page = tmp_path / "nested.html"
    page.write_text(
        "<html><body><table><tr><td>部门决算公开</td></tr><tr><td>"
        "<table><tr><td>项目</td><td>决算数</td></tr><tr><td>合计</td><td>12.50</td></tr></table>"
        "</td></tr><tr><td><table><tr><td></td></tr></table></td></tr></table></body></html>",
        encoding="utf-8",
    )
    blocks = read_html(page)
    assert len(blocks) == 2
    assert blocks[0] == Line("部门决算公开")
    assert blocks[1].rows == [["项目", "决算数"], ["合计", "12.50"]]


def test_html_utf8_without_declaration(tmp_path):
    page = tmp_path / "plain.html"
    page.write_bytes("<p>收入合计</p><table><tr><td>1.00</td></tr></table>".encode("utf-8"))
    blocks = read(page)
    assert blocks[0] == Line("收入合计")
    assert blocks[1].rows == [["1.00"]]


# --- dispatch --------------------------------------------------------------------------------------

def test_dispatch_by_content_before_suffix(tmp_path):
    html_as_txt = tmp_path / "saved.txt"
    html_as_txt.write_text("<!doctype html><html><body><p>收入</p></body></html>", encoding="utf-8")
    assert read(html_as_txt) == [Line("收入")]

    pdf_as_html = tmp_path / "download.html"
    pdf_as_html.write_bytes(make_pdf(tmp_path / "real.pdf", text_page).read_bytes())
    assert read(pdf_as_html) == [Line("Budget 2024", 1)]

    text = tmp_path / "export.txt"
    text.write_bytes("项目\t决算数\n合计\t12.50\n\n说明文字\n".encode("gb18030"))
    blocks = read(str(text))
    assert blocks[0].rows == [["项目", "决算数"], ["合计", "12.50"]]
    assert blocks[1] == Line("说明文字")


# --- real PDFs -------------------------------------------------------------------------------------

def page_text(blocks, page: int) -> str:
    """The running text of one page, its printed lines joined without separator."""
    return "".join(block.text for block in blocks if isinstance(block, Line) and block.page == page)


@pytest.fixture(scope="module")
def putuo_finance():
    return read(shared_raw("shanghai-putuo_caizhengju_2024_juesuan.pdf"))


# Typed from pages 21 and 24 of the rendered PDF (情况说明).
PUTUO_FINANCE_SENTENCES = {
    21: [
        "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。",
        "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；",
        "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%；",
        "一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。",
    ],
    24: [
        "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。",
        "截至2024年12月31日，上海市普陀区财政局共有车辆0辆，",
    ],
}


@pytest.mark.parametrize("page, sentence", [(p, s) for p, ss in PUTUO_FINANCE_SENTENCES.items() for s in ss])
def test_onlyoffice_narrative_reads_as_printed(putuo_finance, page, sentence):
    assert sentence in page_text(putuo_finance, page)


def test_onlyoffice_first_narrative_line(putuo_finance):
    lines = [block.text for block in putuo_finance if isinstance(block, Line) and block.page == 21]
    assert "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入" in lines


def test_onlyoffice_summary_table(putuo_finance):
    """Page 6, 收入支出决算总表, as printed: title and unit line, then the grid."""
    page6 = [block for block in putuo_finance if block.page == 6]
    assert [block.text for block in page6 if isinstance(block, Line)][-2:] == ["收入支出决算总表", "单位：万元"]
    (grid,) = [block for block in page6 if isinstance(block, Grid)]
    assert grid.rows[2] == ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"]
    assert grid.rows[-1] == ["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"]


# Typed from pages 17 and 18 of the rendered PDF.
WPS_SENTENCES = {
    17: [
        "中共上海市普陀区委社会工作部2024年度收入支出总计307.82万元。与2023年度相比，收入支出总计增加307.82万元，增长100.00%。",
        "本年支出合计307.82万元，其中：基本支出105.58万元，占34.30%；项目支出202.24万元，占65.70%。",
    ],
    18: [
        "一般公共服务支出（类）264.87万元，占86.05%；社会保障和就业支出（类）10.82万元，占3.52%；",
        "全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%。",
    ],
}


@pytest.fixture(scope="module")
def putuo_social_work():
    return read(shared_raw("shanghai-putuo_shehui-gongzuobu_2024_juesuan_flagged.pdf"))


@pytest.mark.parametrize("page, sentence", [(p, s) for p, ss in WPS_SENTENCES.items() for s in ss])
def test_wps_narrative_reads_as_printed(putuo_social_work, page, sentence):
    assert sentence in page_text(putuo_social_work, page)


def test_synthetic_italic_digits_stay_in_their_line():
    """jiangsu_jianchayuan_2018 p.25 fills the blanks of a form with skewed (italic) digits; the form
    pads them with typed spaces, so whitespace is left out of the comparison."""
    blocks = read(shared_raw("jiangsu_jianchayuan_2018_yusuan.pdf"))
    first = next(block.text for block in blocks if isinstance(block, Line) and block.page == 25)
    assert "".join(first.split()) == "万元，增长0.72%。主要原因是南京铁路检察院增加了40"


def test_tables_drawn_below_the_page_are_dropped():
    """jiangsu_renda-bangongting_2017 p.11 prints 财政拨款支出预算表; the next two tables are drawn
    below the page box and printed on pages 12-13."""
    blocks = read(shared_raw("jiangsu_renda-bangongting_2017_yusuan.pdf"))
    page11 = " ".join(
        block.text if isinstance(block, Line) else " ".join(cell for row in block.rows for cell in row)
        for block in blocks if block.page == 11
    )
    assert "财政拨款支出预算表" in page11
    assert "财政拨款基本支出预算表" not in page11


CORPUS_PDFS = sorted(path.name for path in SHARED_RAW.glob("*.pdf")) if SHARED_RAW.is_dir() else []


@pytest.mark.skipif(not CORPUS_PDFS, reason="../shared/corpus is absent: the real-PDF tests need the shared corpus beside the checkout")
@pytest.mark.parametrize("name", CORPUS_PDFS)
def test_every_corpus_pdf_reads(name):
    blocks = read(SHARED_RAW / name)
    assert blocks
    pages = [block.page for block in blocks]
    assert pages == sorted(pages) and pages[0] >= 1
    for grid in (block for block in blocks if isinstance(block, Grid)):
        assert len({len(row) for row in grid.rows}) == 1, "a grid is rectangular"
        assert set(grid.row_pages) == {grid.page}


ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be"])
def test_text_with_a_byte_order_mark(tmp_path, encoding):
    """UTF-16 and UTF-32 exports (with their BOM) read as the UTF-8 sample does."""
    sample = ROOT / "data" / "raw" / "xinzhou-hrss-2022.txt"
    path = tmp_path / f"sample-{encoding}.txt"
    text = sample.read_text(encoding="utf-8")
    path.write_bytes(("\ufeff" + text).encode(encoding) if encoding.endswith("-be") else text.encode(encoding))
    assert read(path) == read(sample)


def minimal_pdf(path: Path, *, media_box="0 0 200 200", pages=1, text=True) -> Path:
    """A small well-formed PDF written by hand (objects, xref, trailer) with the given MediaBox."""
    content = b"BT /F1 12 Tf 20 100 Td (Hello) Tj ET" if text else b""
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    objects += [f"<< /Type /Page /Parent 2 0 R /MediaBox [{media_box}] /Contents 3 0 R "
                "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>".encode()
                for _ in range(pages)]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


@pytest.mark.parametrize("case, message", [
    ({"media_box": "0 0 0 0"}, "truncated or damaged PDF"),  # a zero-area page (ValueError in the PDF stack)
    ({"pages": 0}, "has no pages"),
    ({"text": False}, "neither text nor images"),  # not "probably a scan": there is no image either
])
def test_damaged_and_empty_pdfs_are_one_line(tmp_path, case, message):
    path = minimal_pdf(tmp_path / "odd.pdf", **case)
    with pytest.raises(ReadError, match=message) as caught:
        read(path)
    assert "\n" not in str(caught.value)


def test_the_minimal_pdf_itself_reads(tmp_path):
    blocks = read(minimal_pdf(tmp_path / "ok.pdf"))
    assert [b.text for b in blocks if isinstance(b, Line)] == ["Hello"]
