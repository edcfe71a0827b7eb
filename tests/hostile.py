"""A corpus of hostile inputs, built in a folder at test time (never committed): crafted PDFs,
pages, text exports and workbooks that once hung, exhausted memory, crashed or misread.

Each case names what it builds, the limits it runs under in the tests (low, so that a refusal
comes in well under a second) and what juesuan must do: refuse in one line (exit 2) with a
message matching `expect`, or read it (`expect=None`). Bombs are written in chunks so that
neither the builder nor the test holds the inflated data. `benchmarks/hostile_inputs.py` runs the
same corpus with the default limits.
"""
from __future__ import annotations

import io
import os
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

MB = 1 << 20


@dataclass
class Case:
    name: str
    build: Callable[[Path], Path]  # folder → the input's path
    expect: str | None  # a regex the one-line refusal matches; None: the document reads
    limits: dict = field(default_factory=dict)  # what the tests lower (JUESUAN_LIMITS)
    same_as: str = ""  # a case that reads: the sample file (data/raw) whose facts it must give
    bench: Callable[[Path], Path] | None = None  # the full-size input the benchmark meets instead
    check: Callable | None = None  # a case that reads: asserts on its Document


# --- a small PDF writer ----------------------------------------------------------------------------

def pdf_bytes(objects: dict[int, bytes], *, root: int = 1, trailer: bytes = b"", header: bytes = b"%PDF-1.4\n") -> bytes:
    """A PDF of numbered objects (bodies without `obj`/`endobj`) with a correct xref table."""
    out = io.BytesIO()
    out.write(header)
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    size = max(objects) + 1
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer, xref))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def one_page(content: bytes, *, media: bytes = b"[0 0 595 842]", content_extra: bytes = b"") -> bytes:
    return pdf_bytes({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>" % media,
        4: stream(content, content_extra),
        5: FONT,
    })


def text_content(lines: list[str]) -> bytes:
    body = b"".join(b"BT /F1 10 Tf 40 %d Td (%s) Tj ET\n" % (800 - 14 * i, line.encode("latin-1")) for i, line in enumerate(lines))
    return body


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def deflate_zeros(size: int) -> bytes:
    """zlib data that inflates to `size` zero bytes, compressed a chunk at a time."""
    packer, chunk, out = zlib.compressobj(9), bytes(MB), []
    for _ in range(size // MB):
        out.append(packer.compress(chunk))
    out.append(packer.flush())
    return b"".join(out)


def bomb_pdf(inflated: int) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        data = deflate_zeros(inflated)
        return write(folder, "bomb.pdf", one_page(data, content_extra=b"/Filter /FlateDecode "))
    return build


def self_reference(folder: Path) -> Path:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 6 0 R /Contents 4 0 R >>",
        4: stream(text_content(["2022"])),
        6: b"6 0 R",
    }
    return write(folder, "self-reference.pdf", pdf_bytes(objects))


def mutual_reference(folder: Path) -> Path:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox 7 0 R /Resources 6 0 R /Contents 4 0 R >>",
        4: stream(text_content(["2022"])),
        6: b"7 0 R",
        7: b"6 0 R",
    }
    return write(folder, "mutual-reference.pdf", pdf_bytes(objects))


def page_tree_cycle(folder: Path) -> Path:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        4: stream(b""),
    }
    return write(folder, "page-tree-cycle.pdf", pdf_bytes(objects))


def deep_array(folder: Path) -> Path:
    depth = 200_000
    return write(folder, "deep-array.pdf", one_page(text_content(["x"]), media=b"[" * depth + b"]" * depth))


def zero_mediabox(folder: Path) -> Path:
    return write(folder, "zero-mediabox.pdf", one_page(text_content(["2022"]), media=b"[0 0 0 0]"))


def truncated(folder: Path) -> Path:
    data = one_page(text_content(["2022 annual final accounts"] * 20))
    return write(folder, "truncated.pdf", data[: len(data) // 2])


def no_pages(folder: Path) -> Path:
    return write(folder, "no-pages.pdf", pdf_bytes({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"}))


def bad_stream(folder: Path) -> Path:
    return write(folder, "bad-stream.pdf", one_page(os.urandom(4096), content_extra=b"/Filter /FlateDecode "))


def shapes_only(folder: Path) -> Path:
    return write(folder, "shapes-only.pdf", one_page(b"10 10 100 100 re S"))


def image_only(folder: Path) -> Path:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        4: stream(b"q 200 0 0 200 100 500 cm /Im1 Do Q"),
        5: stream(bytes(16 * 16), b"/Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 "),
    }
    return write(folder, "scan.pdf", pdf_bytes(objects))


def not_a_pdf(folder: Path) -> Path:
    return write(folder, "not-a-pdf.pdf", b"<html><body>404 Not Found</body></html>")


def many_pages(count: int) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        kids = b" ".join(b"%d 0 R" % (10 + i) for i in range(count))
        objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
                   4: stream(text_content(["page"])), 5: FONT}
        for i in range(count):
            objects[10 + i] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        return write(folder, f"pages-{count}.pdf", pdf_bytes(objects))
    return build


def many_chars(count: int) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        per_line = 100
        lines = ["1" * per_line] * (count // per_line)
        body = b"BT /F1 1 Tf " + b"".join(b"1 0 0 1 10 %.2f Tm (%s) Tj\n" % (5 + (i % 800), line.encode()) for i, line in enumerate(lines)) + b"ET"
        return write(folder, f"chars-{count}.pdf", one_page(body))
    return build


def ruled_grid(n: int) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        step = 500 / n
        lines = [b"%.2f %.2f m %.2f %.2f l S" % (40, 40 + i * step, 540, 40 + i * step) for i in range(n + 1)]
        lines += [b"%.2f %.2f m %.2f %.2f l S" % (40 + i * step, 40, 40 + i * step, 540) for i in range(n + 1)]
        return write(folder, f"grid-{n}.pdf", one_page(b"0.1 w\n" + b"\n".join(lines) + b"\n" + text_content(["grid"])))
    return build


def ruled_grid_with_text(n: int, digits: int = 5) -> Callable[[Path], Path]:
    """n × n ruled cells, a number in each: the table finder's and the cell filler's worst case."""
    def build(folder: Path) -> Path:
        step = 800 / n
        lines = [b"%.2f %.2f m %.2f %.2f l S" % (20, 20 + i * step, 820, 20 + i * step) for i in range(n + 1)]
        lines += [b"%.2f %.2f m %.2f %.2f l S" % (20 + i * step, 20, 20 + i * step, 820) for i in range(n + 1)]
        size = step / (digits + 1)
        text = [b"BT /F1 %.2f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET" % (size, 21 + col * step, 21 + row * step, b"9" * digits)
                for row in range(n) for col in range(n)]
        return write(folder, f"grid-text-{n}.pdf", one_page(b"0.1 w\n" + b"\n".join(lines + text), media=b"[0 0 840 840]"))
    return build


def big_content(size: int) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        filler = b"% " + b"x" * 1000 + b"\n"
        return write(folder, "big-content.pdf", one_page(filler * (size // len(filler)) + text_content(["2022"])))
    return build


PADDING = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    box, j = list(range(256)), 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def rc4_encrypted(user: bytes) -> Callable[[Path], Path]:
    """One page encrypted with the standard security handler, revision 2 (40-bit RC4): with an
    empty user password it opens without one (an owner password only restricts printing)."""
    import hashlib

    def build(folder: Path) -> Path:
        owner_key = hashlib.md5((b"owner" + PADDING)[:32]).digest()[:5]
        o_entry = rc4(owner_key, (user + PADDING)[:32])
        file_id, permissions = b"0123456789abcdef", -44
        key = hashlib.md5((user + PADDING)[:32] + o_entry + permissions.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
        u_entry = rc4(key, PADDING)
        content = text_content(["2022 encrypted"])
        object_key = hashlib.md5(key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
        objects = {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            4: stream(rc4(object_key, content)),
            5: FONT,
            6: b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (o_entry.hex().encode(), u_entry.hex().encode(), permissions),
        }
        trailer = b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (file_id.hex().encode(), file_id.hex().encode())
        return write(folder, f"rc4-{'user' if user else 'owner'}.pdf", pdf_bytes(objects, trailer=trailer))
    return build


def bad_font(folder: Path) -> Path:
    """A font whose descriptor has a broken FontBBox: pdfminer warns once per glyph."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: stream(text_content(["annual report"] * 40)),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Odd /FirstChar 32 /LastChar 126 /FontDescriptor 6 0 R >>",
        6: b"<< /Type /FontDescriptor /FontName /Odd /FontBBox [0 0 x] /Flags 32 >>",
    }
    return write(folder, "bad-font.pdf", pdf_bytes(objects))


def altered_pdf(sample_pdf: Path, name: str, change: Callable[[bytes], bytes]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        return write(folder, name, change(sample_pdf.read_bytes()))
    return build


def reencoded(sample: Path, name: str, encoding: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        return write(folder, name, sample.read_text(encoding="utf-8").encode(encoding))
    return build


# --- web pages, text exports, workbooks, special files ----------------------------------------------

def html_span_bomb(folder: Path) -> Path:
    return write(folder, "span-bomb.html", b"<html><body><table>" + b"<tr><td colspan=1000 rowspan=65534>1</td></tr>" * 20
                 + b"</table></body></html>")


def html_deep(folder: Path) -> Path:
    depth = 100_000
    return write(folder, "deep.html", b"<html><body>" + b"<div>" * depth + b"x" + b"</div>" * depth + b"</body></html>")


def html_entities(folder: Path) -> Path:
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)) + b"]>"
    return write(folder, "entities.html", laughs + b"<html><body><p>&lol9;</p></body></html>")


def html_many_cells(cells: int) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        row = b"<tr>" + b"<td>1</td>" * 100 + b"</tr>"
        return write(folder, "many-cells.html", b"<html><body><table>" + row * (cells // 100) + b"</table></body></html>")
    return build


def text_tabs(folder: Path) -> Path:
    return write(folder, "tabs.txt", "2022年度部门决算\n".encode() + b"\t" * 200_000 + b"\n")


def text_utf16(sample: Path) -> Callable[[Path], Path]:
    return reencoded(sample, "utf16.txt", "utf-16")


def html_gbk_as_latin1(sample: Path) -> Callable[[Path], Path]:
    """The sample's tables as a web page in GBK that declares ISO-8859-1."""
    def build(folder: Path) -> Path:
        rows = []
        for line in sample.read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in line.split("\t")) + "</tr>")
            elif line.strip():
                rows.append(f"</table><p>{line}</p><table>")
        page = '<html><head><meta charset="iso-8859-1"></head><body><table>' + "".join(rows) + "</table></body></html>"
        return write(folder, "gbk-latin1.html", page.encode("gb18030"))
    return build


def text_nul_name(sample: Path) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        text = sample.read_text(encoding="utf-8").replace("人力资源", "人力\x00资源", 1)
        return write(folder, "nul.txt", text.encode())
    return build


def text_escape_name(sample: Path) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        text = sample.read_text(encoding="utf-8").replace("忻州市", "忻州市\x1b[2J\x1b]0;owned\x07", 1)
        return write(folder, "escape.txt", text.encode())
    return build


def binary_junk(folder: Path) -> Path:
    return write(folder, "junk.txt", bytes(range(256)) * 64)


def empty(folder: Path) -> Path:
    return write(folder, "empty.pdf", b"")


def oversize(size: int) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "oversize.txt"
        with path.open("wb") as handle:
            handle.truncate(size)  # sparse: the size is real, the disk is not used
        return path
    return build


def fifo(folder: Path) -> Path:
    path = folder / "fifo.txt"
    os.mkfifo(path)
    return path


def device(folder: Path) -> Path:
    path = folder / "zero.pdf"
    path.symlink_to("/dev/zero")
    return path


def directory(folder: Path) -> Path:
    path = folder / "folder.pdf"
    path.mkdir()
    return path


def workbook(sheet_xml: bytes, name: str, extra: dict[str, bytes] | None = None) -> Callable[[Path], Path]:
    """A minimal .xlsx holding one sheet."""
    def build(folder: Path) -> Path:
        path = folder / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
            archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="公开01表" sheetId="1" r:id="rId1"/></sheets></workbook>')
            archive.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
            archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
            for member, data in (extra or {}).items():
                archive.writestr(member, data)
        return path
    return build


SHEET = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>'


def zip_bomb(inflated: int) -> Callable[[Path], Path]:
    """A workbook whose sheet inflates to `inflated` bytes of whitespace inside the XML."""
    def build(folder: Path) -> Path:
        path = folder / "zip-bomb.xlsx"
        workbook(SHEET % b"", "zip-bomb.xlsx")(folder)
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("xl/sharedStrings.xml", "w") as member:
            member.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            chunk = b" " * MB
            for _ in range(inflated // MB):
                member.write(chunk)
            member.write(b"</sst>")
        return path
    return build


def sheet_entities(folder: Path) -> Path:
    doctype = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(8)) + b"]>"
    sheet = b'<?xml version="1.0"?>' + doctype + (SHEET % b'<row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row>')[21:]
    return workbook(sheet, "entities.xlsx")(folder)


def sheet_huge_dimension(folder: Path) -> Path:
    rows = b'<row r="1"><c r="A1" t="inlineStr"><is><t>1</t></is></c><c r="XFD1048576"><v>1</v></c></row>'
    return workbook(SHEET % rows, "huge-dimension.xlsx")(folder)


def zip_not_workbook(folder: Path) -> Path:
    path = folder / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return path


def ole_truncated(folder: Path) -> Path:
    return write(folder, "truncated.xls", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(100))


def xls_encrypted(folder: Path) -> Path:
    return write(folder, "encrypted.xls", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(64))


def cut_in_half(sample: Path, name: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        data = sample.read_bytes()
        return write(folder, name, data[: len(data) // 2])
    return build


# The sample's 一般公共预算财政拨款收入 as 公开01表 prints it (84,386,179.09 元, line 76 of the export).
INCOME = "84386179.09"


def odd_income(sample: Path, printed: str, name: str) -> Callable[[Path], Path]:
    """The sample with its 一般公共预算财政拨款收入 cell printed as `printed`."""
    def build(folder: Path) -> Path:
        text = sample.read_text(encoding="utf-8")
        line = next(line for line in text.splitlines() if line.startswith("一、一般公共预算财政拨款收入\t"))
        return write(folder, name, text.replace(line, line.replace(INCOME, printed, 1), 1).encode())
    return build


def income_fact(doc):
    facts = doc.facts
    return facts[(facts["table"] == "income_expenditure_summary") & (facts["item"] == "一、一般公共预算财政拨款收入")
                 & (facts["side"] == "收入")]["value"].tolist()


def unreadable_income(doc) -> None:
    assert income_fact(doc) == []  # no fact, and no zero either
    findings = doc.findings[doc.findings["rule_id"] == "F.unreadable_number"]
    assert len(findings) == 1 and "一般公共预算财政拨款收入" in findings["message_zh"].iloc[0]


def negative_income(doc) -> None:
    from decimal import Decimal

    assert income_fact(doc) == [Decimal("-84386179.09")]


SAMPLE = "xinzhou-hrss-2022"


def cases(raw: Path) -> list[Case]:
    """Every hostile input; `raw` is the bundled sample's folder (data/raw)."""
    sample, pdf, page = raw / f"{SAMPLE}.txt", raw / f"{SAMPLE}.pdf", raw / f"{SAMPLE}.html"
    return [
        # hangs and unbounded work
        Case("pdf-self-reference", self_reference, r"damaged PDF \(PDFValueError: object 6 is a circular chain"),
        Case("pdf-mutual-reference", mutual_reference, r"damaged PDF \(PDFValueError: object \d is a circular chain"),
        Case("pdf-page-tree-cycle", page_tree_cycle, r"neither text nor images"),
        Case("pdf-deep-array", deep_array, r"damaged PDF \(RecursionError"),
        Case("pdf-inflate-bomb", bomb_pdf(64 * MB), r"inflated_mb", {"inflated_mb": 8, "page_stream_mb": 8}, bench=bomb_pdf(1100 * MB)),
        Case("pdf-page-stream", big_content(4 * MB), r"page_stream_mb", {"page_stream_mb": 1}, bench=big_content(100 * MB)),
        Case("pdf-many-pages", many_pages(40), r"pages", {"pages": 20}, bench=many_pages(5000)),
        Case("pdf-many-chars", many_chars(20_000), r"page_chars", {"page_chars": 5000}, bench=many_chars(200_000)),
        Case("pdf-ruled-grid", ruled_grid(120), r"page_cells", {"page_cells": 1000}, bench=ruled_grid_with_text(120)),
        Case("pdf-grid-under-limits", ruled_grid_with_text(20), r"not a 部门决算", bench=ruled_grid_with_text(70, 6)),
        Case("html-span-bomb", html_span_bomb, r"html_span"),
        Case("html-many-cells", html_many_cells(50_000), r"cells", {"cells": 10_000}, bench=html_many_cells(3_000_000)),
        Case("html-deep", html_deep, r"holds no text or tables"),
        Case("fifo", fifo, r"not a regular file"),
        Case("dev-zero", device, r"not a regular file"),
        Case("oversize", oversize(64 * MB), r"file_mb", {"file_mb": 16}, bench=oversize(300 * MB)),
        Case("xlsx-zip-bomb", zip_bomb(64 * MB), r"over the limit inflated_mb=8 MB", {"inflated_mb": 8}, bench=zip_bomb(1100 * MB)),
        Case("xlsx-entities", sheet_entities, r"declares a DTD or entities"),
        Case("xlsx-huge-dimension", sheet_huge_dimension, r"XFD1048576, beyond 20,000 rows"),
        # tracebacks
        Case("pdf-zero-mediabox", zero_mediabox, r"damaged PDF \(ValueError: Bounding box"),
        Case("pdf-truncated", truncated, r"damaged PDF"),
        Case("pdf-bad-stream", bad_stream, r"neither text nor images"),
        Case("pdf-no-pages", no_pages, r"no pages"),
        Case("pdf-shapes-only", shapes_only, r"neither text nor images"),
        Case("pdf-scan", image_only, r"scan"),
        Case("pdf-not-a-pdf", not_a_pdf, r"not a PDF"),
        Case("pdf-empty", empty, r"empty"),
        Case("text-tabs", text_tabs, r"cells", {"cells": 10_000}),
        Case("text-binary", binary_junk, r"not a PDF, workbook"),
        Case("directory", directory, r"directory"),
        Case("html-entities", html_entities, r"not a 部门决算"),
        Case("zip-not-workbook", zip_not_workbook, r"a zip archive, not an Excel workbook"),
        Case("xls-truncated", ole_truncated, r"damaged \.xls workbook"),
        # read correctly
        Case("pdf-rc4-user-password", rc4_encrypted(b"secret"), r"encrypted"),
        Case("pdf-bad-fontbbox", bad_font, r"not a 部门决算"),
        Case("xlsx-truncated", cut_in_half(raw / f"{SAMPLE}.xlsx", "truncated.xlsx"), r"damaged zip"),
        Case("xls-encrypted", xls_encrypted, r"password-protected"),
        # read correctly
        Case("pdf-rc4-owner-password", rc4_encrypted(b""), r"not a 部门决算"),  # decrypted and read: no disclosure
        Case("pdf-junk-before-header", altered_pdf(pdf, "junk-first.pdf", lambda data: b"junk " * 100 + b"\n" + data), None, same_as="pdf"),
        Case("pdf-trailing-garbage", altered_pdf(pdf, "trailing.pdf", lambda data: data + os.urandom(2048)), None, same_as="pdf"),
        Case("text-utf16", text_utf16(sample), None, same_as="txt"),
        Case("text-utf32", reencoded(sample, "utf32.txt", "utf-32"), None, same_as="txt"),
        Case("text-gb18030", reencoded(sample, "gb.txt", "gb18030"), None, same_as="txt"),
        Case("html-utf16", lambda folder: write(folder, "utf16.html", page.read_text(encoding="utf-8").encode("utf-16")), None, same_as="html"),
        Case("html-gbk-declared-latin1", html_gbk_as_latin1(sample), None, same_as="txt"),
        Case("text-nul-in-name", text_nul_name(sample), None, same_as="txt"),
        Case("text-escape-in-name", text_escape_name(sample), None, same_as="txt"),
        Case("text-fullwidth-number", odd_income(sample, "８４３８６１７９．０９", "fullwidth.txt"), None, same_as="txt"),
        # odd numbers: read, or reported with no fact and never as zero
        Case("text-number-in-parentheses", odd_income(sample, f"({INCOME})", "parentheses.txt"), None, check=negative_income),
        Case("text-number-two-points", odd_income(sample, "84,386,179.09.1", "two-points.txt"), None, check=unreadable_income),
        Case("text-number-scientific", odd_income(sample, "8.4386E+07", "scientific.txt"), None, check=unreadable_income),
        Case("text-number-nan", odd_income(sample, "NaN", "nan.txt"), None, check=unreadable_income),
        Case("text-number-infinity", odd_income(sample, "∞", "infinity.txt"), None, check=unreadable_income),
        Case("text-number-200-digits", odd_income(sample, "9" * 200, "digits.txt"), None, check=unreadable_income),
    ]
