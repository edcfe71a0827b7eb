"""The lean PDF reader (readers/pdfcontent.py) against pdfplumber's own page objects.

The lean reader is the default only because it is exact: every PDF of ../shared/corpus/raw and
data/raw gives the same blocks (every line and cell the tables and the narrative are read from),
meta and facts with either reader — and so the same claims and findings, which are computed from
those alone (compared outright on the sample and two corpus documents, where the audit is
costly). Its tokenizer is checked on the PDF syntax it must read as pdfminer does: values typed
by hand (PDF 1.7, 7.3), and the operators pdfminer's own parser gives for the same bytes.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import LIT
from pdfminer.utils import MATRIX_IDENTITY

import hostile
import juesuan
from juesuan import limits
from juesuan.errors import ReadError, UsageError
from juesuan.readers import pdfcontent
from juesuan.readers.pdf import READER_VARIABLE, quiet_pdfminer, read_pdf

from conftest import ROOT, SHARED_RAW, shared_raw

SAMPLE = ROOT / "data" / "raw" / "xinzhou-hrss-2022.pdf"
BUNDLED = sorted(p.name for p in (ROOT / "data" / "raw").glob("*.pdf"))
CORPUS = sorted(p.name for p in SHARED_RAW.glob("*.pdf")) or ["(../shared/corpus/raw absent)"]
AUDITED = ["shanghai-putuo_caizhengju_2024_juesuan.pdf", "shanghai-putuo_sifaju_2026_yusuan-dept.pdf"]


def parse(path: Path, reader: str, monkeypatch) -> juesuan.Document:
    monkeypatch.setenv(READER_VARIABLE, reader)  # the guard's child process inherits it
    return juesuan.load(path, cache=False)


def first_difference(ours: list, theirs: list) -> str:
    for index, (a, b) in enumerate(zip(ours, theirs)):
        if a != b:
            return f"block {index}: lean {a!r} / pdfplumber {b!r}"
    return f"lean has {len(ours)} blocks, pdfplumber {len(theirs)}"


def assert_same_document(path: Path, monkeypatch, audit: bool = False) -> None:
    lean, plumber = parse(path, "lean", monkeypatch), parse(path, "pdfplumber", monkeypatch)
    assert lean.blocks, f"{path.name}: no blocks read"
    assert lean.blocks == plumber.blocks, first_difference(lean.blocks, plumber.blocks)
    assert lean.meta == plumber.meta
    pd.testing.assert_frame_equal(lean.facts, plumber.facts)
    if audit:
        assert len(lean.claims), f"{path.name}: no claims to compare"
        pd.testing.assert_frame_equal(lean.claims, plumber.claims)
        pd.testing.assert_frame_equal(lean.findings, plumber.findings)


@pytest.mark.parametrize("name", CORPUS)
def test_both_readers_read_a_corpus_pdf_alike(name, monkeypatch):
    assert_same_document(shared_raw(name), monkeypatch, audit=name in AUDITED)


@pytest.mark.parametrize("name", BUNDLED)
def test_both_readers_read_a_bundled_pdf_alike(name, monkeypatch):
    assert_same_document(ROOT / "data" / "raw" / name, monkeypatch, audit=name == SAMPLE.name)


def test_the_lean_pass_makes_pdfplumbers_page_objects():
    """Each object of the sample's 35 pages, key by key (pdfplumber's char colours and marked-content
    tags are not made: nothing reads them)."""
    import pdfplumber

    with quiet_pdfminer(), pdfplumber.open(SAMPLE) as theirs, pdfplumber.open(SAMPLE) as ours:
        assert len(ours.pages) == 35
        for mine, reference in zip(ours.pages, theirs.pages):
            made, expected = pdfcontent.page_objects(mine), reference.objects
            assert made.keys() == expected.keys(), mine.page_number
            for kind, objects in expected.items():
                assert len(made[kind]) == len(objects), (mine.page_number, kind)
                for obj, reference_obj in zip(made[kind], objects):
                    keys = obj.keys() if kind == "char" else obj.keys() | reference_obj.keys()
                    differ = {k for k in keys if k != "stream" and obj.get(k) != reference_obj.get(k)}
                    assert not differ, (mine.page_number, kind, differ)


def test_the_sample_reads_its_first_title_either_way(monkeypatch):
    """Page 1 of the sample prints 忻州市人力资源和社会保障局 (the cover), whichever reader."""
    for reader in ("lean", "pdfplumber"):
        monkeypatch.setenv(READER_VARIABLE, reader)
        blocks = read_pdf(SAMPLE)
        assert any("忻州市人力资源和社会保障局" in block.text for block in blocks if block.page == 1 and hasattr(block, "text"))


# --- the tokenizer ---------------------------------------------------------------------------------

class Recorder:
    """Operators as they are executed, with their operands."""

    def do_Tj(self, s):
        self.seen.append(("Tj", s))

    def do_TJ(self, seq):
        self.seen.append(("TJ", seq))

    def do_re(self, x, y, w, h):
        self.seen.append(("re", x, y, w, h))

    def do_cm(self, a, b, c, d, e, f):
        self.seen.append(("cm", a, b, c, d, e, f))

    def do_d0(self, wx, wy):
        self.seen.append(("d0", wx, wy))

    def do_BDC(self, tag, props):
        self.seen.append(("BDC", tag, props))

    def do_EI(self, obj):
        self.seen.append(("EI", obj.attrs, obj.rawdata))

    def do_Q(self):
        self.seen.append(("Q",))


class LeanRecorder(Recorder, pdfcontent.LeanInterpreter):
    pass


class MinerRecorder(Recorder, PDFPageInterpreter):
    pass


def executed(data: bytes, interpreter=LeanRecorder) -> list[tuple]:
    manager = PDFResourceManager()
    recorder = interpreter(manager, PDFDevice(manager))
    recorder.seen = []
    recorder.init_resources({})
    recorder.init_state(MATRIX_IDENTITY)
    stream = PDFStream({}, data)
    stream.set_objid(1, 0)
    recorder.execute([stream])
    return recorder.seen


@pytest.mark.parametrize("data, expected", [
    # \101 is octal 65 "A"; a backslash before LF joins lines; pdfminer drops an unknown escape (\x) whole
    (rb"(a\101b\
c\x) Tj", [("Tj", b"aAbc")]),
    (rb"(p(a)r\)) Tj", [("Tj", b"p(a)r)")]),  # balanced parentheses stay, \) is one
    # hex pairs; a last odd digit is read alone, as 0x04 (pdfminer), where the reference pads it to 0x40
    (b"<48 65 6C6C 6F> Tj <414> Tj", [("Tj", b"Hello"), ("Tj", b"A\x04")]),
    (b"[(A) -120 (B) 3.5 (C)] TJ", [("TJ", [b"A", -120, b"B", 3.5, b"C"])]),
    (b"/Span << /MCID 3 /Alt (x) >> BDC", [("BDC", LIT("Span"), {"MCID": 3, "Alt": b"x"})]),
    (b"/A#42C << /N#20 1 >> BDC", [("BDC", LIT("ABC"), {"N ": 1})]),  # #42 is "B", #20 a space
    (b"1 -2 +.5 -.25 0 1. cm", [("cm", 1, -2, 0.5, -0.25, 0, 1.0)]),
    (b"- 1 2 3 4 re", [("re", 1, 2, 3, 4)]),  # a lone sign is no number
    (b"% 9 9 9 9 re\n5 6 7 8 re", [("re", 5, 6, 7, 8)]),  # a comment runs to the end of its line
    (b"true false d0", [("d0", True, False)]),
    (b"1 2 zz 3 4 re", [("re", 1, 2, 3, 4)]),  # an unknown operator leaves its operands on the stack
    (b"1 re 5 6 7 8 re", [("re", 5, 6, 7, 8)]),  # too few operands: skipped, and they are gone
    # an inline image's data runs from one byte after ID to EI and a whitespace byte, less the EOL before EI
    (b"BI /W 2 /H 1 /CS /G /BPC 8 ID \x00\xff\nEI Q",
     [("EI", {"W": 2, "H": 1, "CS": LIT("G"), "BPC": 8}, b"\x00\xff"), ("Q",)]),
    (b"BI /F /A85 ID z~> EI Q", [("EI", {"F": LIT("A85")}, b"z~>"), ("Q",)]),  # ASCII85 data ends at ~>
])
def test_the_tokenizer_reads_pdf_syntax(data, expected):
    assert executed(data) == expected


PDFMINER_SAME = [
    rb"(a\101b\
c\x) Tj (p(a)r\)) Tj (\0053\r\n\t) Tj (a\
b) Tj",
    b"<48 65 6C6C 6F> Tj <414> Tj <> Tj <4g> Tj",
    b"[(A) -120 (B) 3.5 (C)] TJ [[1] << /A 1 >> {2} (x)] TJ ] ] 1 2 3 4 re",
    b"/Span << /MCID 3 /Alt (x) /K [1 2] >> BDC /A#42C#4 << /N#20 1 /#zz 2 >> BDC",
    b"1 -2 +.5 -.25 0 1. cm 1.2.3 4-5 6+ 7 8 re . 1 2 3 4 re",
    b"% 9 9 9 9 re\r5 6 7 8 re\x00 1 2 3 4 re \x80\xff 1 2 3 4 re",
    b"true false d0 1 2 zz 3 4 re 1 re 5 6 7 8 re T* ' \" Tj",
    b"BI /W 2 /H 1 /CS /G /BPC 8 ID \x00\xff\nEI Q BI /F /A85 ID z~> EI Q BI /W 1 /H 1 ID EEI EI Q",
    b"BI /W 1 ID x EI Q [ BI /W 1 ID y EI ] TJ BI /W 1 ID z EI 1 2 3 4 re",
    b"/DeviceRGB cs 0.5 0.5 0.5 scn 1 2 3 4 re /DeviceGray CS 1 2 SCN 5 6 7 8 re",  # scn pops its own operands
    b"1 2 3 4 re (unterminated",
    b"1 2 3 4 re <4142",
]


@pytest.mark.parametrize("data", PDFMINER_SAME, ids=range(len(PDFMINER_SAME)))
def test_the_tokenizer_executes_what_pdfminer_executes(data):
    reference = executed(data, MinerRecorder)
    assert reference, "a case pdfminer executes nothing of proves nothing"
    assert executed(data) == reference


def test_an_odd_dictionary_is_refused_as_pdfminer_refuses_it():
    from pdfminer.psexceptions import PSSyntaxError

    for interpreter in (MinerRecorder, LeanRecorder):
        with pytest.raises(PSSyntaxError, match="Invalid dictionary construct"):
            executed(b"/Span << /MCID >> BDC", interpreter)


# --- limits and the choice of reader ---------------------------------------------------------------

def test_a_page_past_the_char_limit_is_refused_at_the_same_count(tmp_path, monkeypatch):
    """150 chars (hostile.many_chars: one line of 100 "1"s, counted down to whole lines: 100) under
    page_chars=60: refused at the 61st char, as pdfplumber's reader counts."""
    path = hostile.many_chars(150)(tmp_path)
    monkeypatch.setenv(limits.ENVIRONMENT, "page_chars=60")
    messages = []
    for reader in ("lean", "pdfplumber"):
        with pytest.raises(ReadError) as refused:
            parse(path, reader, monkeypatch)
        messages.append(str(refused.value))
    assert messages[0] == messages[1]
    assert "characters on page 1: 61, over the limit page_chars=60" in messages[0]


def test_an_unknown_reader_is_one_line(monkeypatch):
    monkeypatch.setenv(READER_VARIABLE, "pdfium")
    with pytest.raises(UsageError, match=r"^JUESUAN_PDF_READER='pdfium' names no PDF reader; the readers are lean, pdfplumber$"):
        read_pdf(SAMPLE)
