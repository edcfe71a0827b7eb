"""Hostile inputs (tests/hostile.py, built here in a temporary folder): each is refused in one line
with exit 2, or read to the facts of the sample it was made from — under low limits, so that each
refusal comes quickly; `benchmarks/hostile_inputs.py` runs the same corpus with the defaults."""
import re
import time
from pathlib import Path

import pytest

import hostile
from juesuan import limits
from juesuan.cli import main

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
CASES = hostile.cases(RAW)
VALUE_COLUMNS = ["table", "side", "code", "item", "column", "value"]


def test_the_corpus_covers_every_category():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)
    assert sum(case.expect is None for case in CASES) >= 8  # inputs that must read, not only refusals


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


def facts_of(path) -> list[tuple]:
    import juesuan

    frame = juesuan.load(path).facts
    return sorted(map(tuple, frame[VALUE_COLUMNS].astype(str).itertuples(index=False)))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input(case, folder, capsys, monkeypatch):
    monkeypatch.setenv(limits.ENVIRONMENT, ",".join(f"{name}={value}" for name, value in case.limits.items()))
    where = folder / case.name
    where.mkdir()
    path = case.build(where)
    started = time.monotonic()
    code = main(["facts", str(path)])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    if case.expect is None:
        assert (code, err) == (0, "")
        if case.same_as:
            assert facts_of(path) == facts_of(RAW / f"{hostile.SAMPLE}.{case.same_as}")
        if case.check:
            import juesuan

            case.check(juesuan.load(path))
        return
    lines = err.strip().splitlines()
    assert code == 2 and out == ""
    assert len(lines) == 1, err  # one line, no traceback, no library warnings
    assert re.search(case.expect, lines[0]), lines[0]
    assert "Traceback" not in err
    assert elapsed < 30, f"{case.name} took {elapsed:.1f} s"  # a hang guard, not a benchmark


def test_a_refusal_at_a_limit_names_it_and_how_to_raise_it(folder, capsys, monkeypatch):
    monkeypatch.setenv(limits.ENVIRONMENT, "pages=20")
    path = hostile.many_pages(40)(folder)
    assert main(["facts", str(path)]) == 2
    assert capsys.readouterr().err.strip() == (
        "juesuan: pages-40.pdf: pages: 40, over the limit pages=20; if the file is genuine, raise it with "
        "--limit pages=N (or JUESUAN_LIMITS=pages=N)")


def test_the_limit_option_raises_a_limit(folder, capsys, monkeypatch):
    """The 40-page file passes --limit pages=50 and reaches the next check (it is no disclosure)."""
    monkeypatch.setenv(limits.ENVIRONMENT, "pages=20")
    path = folder / "pages-40.pdf"
    if not path.exists():
        hostile.many_pages(40)(folder)
    assert main(["--limit", "pages=50", "facts", str(path)]) == 2
    assert "not a 部门决算" in capsys.readouterr().err


def test_a_bad_limit_is_one_line(capsys):
    assert main(["--limit", "pages=many", "facts", "x.pdf"]) == 2
    assert capsys.readouterr().err.strip() == "juesuan: limit pages needs a number ≥ 0 (0 turns it off), not 'many'"
    assert main(["--limit", "speed=1", "facts", "x.pdf"]) == 2
    assert "unknown limit 'speed'" in capsys.readouterr().err


def test_the_time_ceiling_ends_a_parse(monkeypatch, tmp_path, capsys):
    """The sample PDF takes seconds to parse; a ceiling of 0.2 s stops its child process."""
    monkeypatch.setenv("JUESUAN_CACHE", str(tmp_path))
    monkeypatch.setenv(limits.ENVIRONMENT, "seconds=0.2")
    assert main(["facts", str(RAW / f"{hostile.SAMPLE}.pdf")]) == 2
    assert re.fullmatch(r"juesuan: xinzhou-hrss-2022\.pdf: its parse took: [\d.]+ s, over the limit seconds=0\.2 s; .*",
                        capsys.readouterr().err.strip())


def allocate(size: int) -> dict:
    return {"size": len(bytearray(size))}


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the process size from /proc (Linux)")
def test_the_memory_ceiling_ends_a_parse(monkeypatch):
    """A parse that asks for 1 GiB more than a ceiling leaves it is refused in one line; the
    parent, outside the ceiling, goes on."""
    from juesuan import guard
    from juesuan.errors import ReadError

    size = int(Path("/proc/self/status").read_text().split("VmSize:")[1].split()[0]) * 1024
    ceiling = round((size + 2**28) / 2**30, 2)
    monkeypatch.setenv(limits.ENVIRONMENT, f"memory_gb={ceiling}")
    assert guard.run(allocate, 2**20, name="small.pdf") == {"size": 2**20}
    with pytest.raises(ReadError, match=rf"^big\.pdf: the parse needed more memory than memory_gb={ceiling:g} allows"):
        guard.run(allocate, 2**30, name="big.pdf")


def test_limits_parse_and_turn_off():
    parsed = limits.parse("pages=10, file_mb=0.5,cells=0")
    assert (parsed.pages, parsed.file_mb, parsed.cells) == (10, 0.5, 0)
    assert not limits.over(parsed, "cells", 10**12)  # 0: off
    assert limits.over(parsed, "pages", 11) and not limits.over(parsed, "pages", 10)
