"""Workbook readers (.xlsx/.xlsm by openpyxl, .xls by xlrd): blocks like the other readers give, and
one ReadError line, quickly, for every hostile workbook (each made small in tmp_path)."""
from __future__ import annotations

import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Border, Side

from juesuan.errors import ReadError
from juesuan.readers import Grid, Line, read
from juesuan.readers.xlsx import MAX_COLUMNS, MAX_ROWS

from conftest import shared_raw

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def make_workbook(path: Path, formulas: bool = False) -> Path:
    """A title, a unit line, a ruled table of binary-float amounts, a note; a second sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "收入表"
    sheet["A1"] = "收入决算表"
    sheet["A2"], sheet["C2"] = "部门：某局", "单位：万元"
    rows = [("项目", "金额", "占比"), ("财政拨款收入", 2940.05, 0.9979), ("其他收入", 6.2, 0.0021),
            ("合计", "=B4+B5" if formulas else 2946.25, 1)]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(r, c, value)
            cell.border = BOX
            if r > 3:
                cell.number_format = "#,##0.00_ " if c == 2 else "0.00%"
    sheet["A7"] = "注：本表反映本年度收入。"
    other = book.create_sheet("说明")
    other["A1"] = "一、主要职能\n  二、机构设置"
    other["A2"], other["B2"] = True, 0.1 + 0.2
    book.save(path)
    return path


def rewrite(source: Path, target: Path, parts: dict[str, bytes], declared: dict[str, int] | None = None) -> Path:
    """A copy of a workbook with some parts replaced (and some sizes declared falsely)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, parts.pop(item.filename, None) or old.read(item.filename))
        for name, data in parts.items():
            new.writestr(name, data)
    if declared:
        raw = bytearray(target.read_bytes())
        for name, size in declared.items():
            encoded = name.encode()
            for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
                at = raw.find(signature + b"")
                while at != -1:
                    name_at = at + (46 if signature == b"PK\x01\x02" else 30)
                    if raw[name_at:name_at + len(encoded)] == encoded:
                        raw[at + offset:at + offset + 4] = struct.pack("<I", size)
                    at = raw.find(signature, at + 4)
        target.write_bytes(bytes(raw))
    return target


def assert_read_error(path: Path, *words: str) -> str:
    with pytest.raises(ReadError) as caught:
        read(path)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return message


# --- good workbooks --------------------------------------------------------------------------------

def test_sheet_name_lines_grid_and_notes(tmp_path):
    blocks = read(make_workbook(tmp_path / "book.xlsx"))
    assert blocks[:3] == [Line("收入表", 1), Line("收入决算表", 1), Line("部门：某局 单位：万元", 1)]
    grid = blocks[3]
    assert grid.rows == [
        ["项目", "金额", "占比"],
        ["财政拨款收入", "2940.05", "99.79%"],
        ["其他收入", "6.20", "0.21%"],
        ["合计", "2946.25", "100.00%"],
    ]
    assert grid.row_pages == [1] * 4
    assert blocks[4:] == [
        Line("注：本表反映本年度收入。", 1),
        Line("说明", 2), Line("一、主要职能", 2), Line("二、机构设置", 2),
        Grid([["TRUE", "0.3"]], [2]),  # no ruled row: the rows with two filled cells are the table
    ]


def test_macro_enabled_workbook_gives_its_values_only(tmp_path):
    book = make_workbook(tmp_path / "book.xlsx")
    macro = rewrite(book, tmp_path / "book.xlsm", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 never run"})
    assert read(macro) == read(book)


def test_legacy_xls(tmp_path):
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the test .xls")
    book = xlwt.Workbook()
    sheet = book.add_sheet("支出表")
    ruled = xlwt.easyxf("borders: left thin, right thin, top thin, bottom thin", num_format_str="#,##0.00")
    sheet.write(0, 0, "支出决算表")
    sheet.write(1, 0, "单位：元")
    for r, (label, value) in enumerate([("项目", "金额"), ("基本支出", 1234.5), ("合计", 1234.5)], start=2):
        sheet.write(r, 0, label, ruled)
        sheet.write(r, 1, value, ruled)
    path = tmp_path / "old.xls"
    book.save(str(path))
    assert read(path) == [
        Line("支出表", 1), Line("支出决算表", 1), Line("单位：元", 1),
        Grid([["项目", "金额"], ["基本支出", "1234.50"], ["合计", "1234.50"]], [1, 1, 1]),
    ]


def test_template_workbook_reads_every_sheet():
    """shanghai-putuo_TEMPLATE_2026: 17 sheets whose names differ from the printed titles."""
    blocks = read(shared_raw("shanghai-putuo_TEMPLATE_2026_yusuan-dept-template.xlsx"))
    names = [block.text for block in blocks if isinstance(block, Line) and block is first_of_page(blocks, block)]
    assert len(names) == 17
    assert names[:2] == ["封面", "目录"] and names[6] == "部门收支总表"
    assert names[-1] == "项目经费情况说明"
    sheet7 = [block for block in blocks if block.page == 7]
    assert [block.text for block in sheet7 if isinstance(block, Line)] == [
        "部门收支总表", "2026年部门财务收支预算总表", "编制部门： 单位：元",
    ]
    (grid,) = [block for block in sheet7 if isinstance(block, Grid)]
    assert grid.rows[:2] == [["本年收入", "", "本年支出", ""], ["项目", "预算数", "项目", "预算数"]]
    assert grid.rows[2][0] == "一、财政拨款收入"
    assert sum(isinstance(block, Grid) for block in blocks) == 9  # the nine budget tables
    pages = [block.page for block in blocks]
    assert pages == sorted(pages)


def first_of_page(blocks, block):
    return next(other for other in blocks if other.page == block.page)


def test_review_checklist_reads_though_it_is_no_disclosure():
    """The 司法局 2026 workbook is a reviewer's checklist; reading it is fine, the layout step refuses it."""
    blocks = read(shared_raw("shanghai-putuo_sifaju_2026_yusuan-dept.xlsx"))
    assert blocks[0] == Line("2026年部门预算", 1)
    (grid,) = [block for block in blocks if isinstance(block, Grid)]
    assert grid.rows[0][0] == "2026年度部门预算公开检查内容"


# --- hostile and broken workbooks ------------------------------------------------------------------

def test_formulas_without_cached_values(tmp_path):
    assert_read_error(make_workbook(tmp_path / "f.xlsx", formulas=True), "formulas without cached values", "open and save it")


def test_password_protected_workbook(tmp_path):
    """Office saves an encrypted .xlsx as an OLE2 file holding EncryptionInfo and EncryptedPackage."""
    locked = tmp_path / "locked.xlsx"
    names = b"".join(name.encode("utf-16-le").ljust(64, b"\0") for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + names)
    assert_read_error(locked, "locked.xlsx", "password-protected workbook")


def test_zip_bomb(tmp_path):
    book = make_workbook(tmp_path / "book.xlsx")
    bomb = rewrite(book, tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": b"<a>" + b" " * (50 << 20) + b"</a>"})
    assert bomb.stat().st_size < 1 << 20
    assert_read_error(bomb, "bomb.xlsx", "zip bomb")


def test_zip_bomb_with_lying_sizes(tmp_path):
    """Declared sizes of a few bytes for 50 MB of XML: zipfile stops at the declared size, the CRC fails."""
    book = make_workbook(tmp_path / "book.xlsx")
    liar = rewrite(book, tmp_path / "liar.xlsx", {"xl/worksheets/sheet1.xml": b"<a>" + b" " * (50 << 20) + b"</a>"},
                   declared={"xl/worksheets/sheet1.xml": 1000})
    assert_read_error(liar, "liar.xlsx", "damaged")


def test_xml_entity_bomb(tmp_path):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>'
              b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&d;</t></si></sst>')
    book = make_workbook(tmp_path / "book.xlsx")
    for part in ("xl/sharedStrings.xml", "xl/workbook.xml"):
        bomb = rewrite(book, tmp_path / "laughs.xlsx", {part: laughs})
        assert_read_error(bomb, "laughs.xlsx", part, "DTD or entities")


def sheet_xml(cells: str, dimension: str = "A1:B2") -> bytes:
    return (f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>').encode()


def test_dimension_claiming_a_million_rows_and_columns(tmp_path):
    book = make_workbook(tmp_path / "book.xlsx")
    cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>收入</t></is></c><c r="B1"><v>1.5</v></c></row>'
    liar = rewrite(book, tmp_path / "wide.xlsx", {"xl/worksheets/sheet1.xml": sheet_xml(cells, "A1:XFD1048576")})
    assert read(liar)[:2] == [Line("收入表", 1), Grid([["收入", "1.5"]], [1])]


@pytest.mark.parametrize("where", [f"{openpyxl.utils.get_column_letter(MAX_COLUMNS + 1)}1", f"A{MAX_ROWS + 1}"])
def test_values_beyond_the_caps(tmp_path, where):
    book = make_workbook(tmp_path / "book.xlsx")
    row = int("".join(filter(str.isdigit, where)))
    cells = f'<row r="1"><c r="A1"><v>1</v></c></row><row r="{row}"><c r="{where}"><v>2</v></c></row>'
    far = rewrite(book, tmp_path / "far.xlsx", {"xl/worksheets/sheet1.xml": sheet_xml(cells)})
    assert_read_error(far, "far.xlsx", where, f"{MAX_ROWS:,} rows × {MAX_COLUMNS} columns")


def test_zip_that_is_no_workbook(tmp_path):
    document = tmp_path / "report.xlsx"
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    assert_read_error(document, "report.xlsx", "a Word document", "not an Excel workbook")


def test_damaged_workbook(tmp_path):
    whole = make_workbook(tmp_path / "book.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    assert_read_error(cut, "cut.xlsx", "damaged")


def test_no_reader_resolves_xml_entities(tmp_path):
    """openpyxl parses sheets through defusedxml (and check_package every part first); the HTML
    reader's libxml2 HTML parser leaves entity references as they are, internal or external."""
    assert openpyxl.DEFUSEDXML
    page = tmp_path / "laughs.html"
    page.write_text(
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY e SYSTEM "file:///etc/passwd">]><html><body><p>收入&b;</p><p>x&e;</p></body></html>',
        encoding="utf-8",
    )
    texts = [block.text for block in read(page)]
    assert "收入&b;" in texts and "x&e;" in texts
    assert not any("haha" in text or "root:" in text for text in texts)


def test_template_workbook_loads_as_a_template():
    """Every table of the 2026 template is found by the title printed in its sheet and is empty;
    its placeholders (上海市普陀区XX局, x,xxx万元) are findings, no figure is checked ok."""
    import juesuan

    doc = juesuan.load(shared_raw("shanghai-putuo_TEMPLATE_2026_yusuan-dept-template.xlsx"))
    assert (doc.meta["kind"], doc.meta["layout"], doc.meta["year"], len(doc.facts)) == ("预算", "shanghai_budget", 2026, 0)
    assert {t["status"] for t in doc.meta["tables"].values()} == {"empty"} and len(doc.meta["tables"]) == 9
    assert (doc.findings.rule_id == "F.placeholder").any()
    assert not (doc.claims.verdict == "ok").any()


def test_review_checklist_is_refused_in_one_line():
    result = subprocess.run([sys.executable, "-m", "juesuan.cli", "facts", str(shared_raw("shanghai-putuo_sifaju_2026_yusuan-dept.xlsx"))],
                            capture_output=True, text=True)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "not a 部门决算 or 部门预算" in result.stderr
