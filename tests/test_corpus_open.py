"""Every real PDF of ../shared/corpus/raw opens without crashing: it loads, or (a layout juesuan does
not read yet, e.g. the 部门预算 sets) it is refused with the one-line ReadError the CLI prints."""
from pathlib import Path

import pytest

import juesuan
from juesuan.errors import ReadError

from conftest import SHARED_RAW

PDFS = sorted(p.name for p in SHARED_RAW.glob("*.pdf")) if SHARED_RAW.exists() else []


@pytest.mark.skipif(not PDFS, reason="../shared/corpus/raw is absent: the real-PDF tests need the shared corpus beside the checkout")
@pytest.mark.parametrize("name", PDFS)
def test_real_pdf_opens(name):
    try:
        doc = juesuan.load(SHARED_RAW / name)
    except ReadError as error:
        message = str(error)
        assert "\n" not in message and name in message
        assert "yusuan" in name, "a 决算 of a known layout must load"
        return
    assert doc.meta["year"] in range(2015, 2031)
    assert doc.meta["kind"] == ("决算" if "juesuan" in name else "预算")
    assert set(doc.facts.columns) == set(juesuan.FACT_COLUMNS)
