"""`juesuan check` end to end: JSON with DESIGN.md's keys and exact decimal strings, the readable
table with its counts, doc_id and path alike, unreadable input → one line on stderr and exit 2."""
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import juesuan

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TXT = ROOT / "data" / "raw" / "xinzhou-hrss-2022.txt"
CLAIM_KEYS = ["claim_id", "quote", "section", "subsection", "page", "kind", "subject", "basis", "stated", "unit",
              "value_yuan", "decimals", "direction", "year", "fund", "code", "level", "missing_percent_sign",
              "verdict", "computed", "difference", "tolerance", "note", "decided_by"]
FINDING_KEYS = ["rule_id", "severity", "status", "message_zh", "message_en", "expected", "found", "difference",
                "tolerance", "locations", "source"]


def run(*args):
    return subprocess.run([sys.executable, "-m", "juesuan.cli", *map(str, args)], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def payload():
    result = run("check", "xinzhou-hrss-2022", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_keys(payload):
    assert {"doc_id", "claims", "findings"} <= set(payload)
    assert payload["doc_id"] == "xinzhou-hrss-2022"
    assert len(payload["claims"]) == 217 and len(payload["findings"]) == 11
    assert all(list(c) == CLAIM_KEYS for c in payload["claims"])
    assert all(list(f) == FINDING_KEYS for f in payload["findings"])


def test_json_numbers_are_exact_decimal_strings(payload):
    claims = {c["claim_id"]: c for c in payload["claims"]}
    income = claims["02-002-01"]  # "财政拨款收入84,386,179.09元"
    assert (income["stated"], income["value_yuan"], income["computed"], income["tolerance"]) == (
        "84386179.09", "84386179.09", "84386179.09", "0.01")
    slip = next(c for c in payload["claims"] if c["unit"] == "万元")  # "支出决算25552618.58万元"
    assert (slip["value_yuan"], slip["computed"], slip["verdict"]) == ("255526185800", "25552618.58", "mismatch")
    share = next(f for f in payload["findings"] if f["rule_id"] == "N.share")
    assert (share["expected"], share["found"], share["difference"], share["tolerance"]) == ("99.314757", "100", "0.685243", "0.005")
    for record in payload["claims"]:
        for key in ("value_yuan", "computed", "difference", "tolerance"):
            value = record[key]
            assert value is None or isinstance(value, str), (key, value)  # never a float
            if value is not None and record["kind"] != "grade":
                Decimal(value)
    for record in payload["findings"]:
        assert all(isinstance(record[k], str) for k in ("expected", "found", "difference", "tolerance"))


def test_json_matches_the_python_side(payload):
    doc = juesuan.load("xinzhou-hrss-2022")
    assert [c["verdict"] for c in payload["claims"]] == doc.claims["verdict"].tolist()
    assert [f["rule_id"] for f in payload["findings"]] == doc.findings["rule_id"].tolist()
    assert payload["summary"]["claims"] == doc.claims["verdict"].value_counts().to_dict()


def test_doc_id_and_path_print_the_same():
    assert run("check", "xinzhou-hrss-2022", "--format", "json").stdout == run("check", SAMPLE_TXT, "--format", "json").stdout


def test_table_prints_the_counts():
    result = run("check", "xinzhou-hrss-2022", "--format", "table")
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    doc = juesuan.load("xinzhou-hrss-2022")
    counts = doc.claims["verdict"].value_counts()
    assert lines[0].startswith("忻州市人力资源和社会保障局 2022年度决算")
    assert lines[1] == (f"说明中的数字 claims: 217 — ok {counts['ok']}, mismatch {counts['mismatch']}, "
                        f"unverifiable {counts['unverifiable']}")
    assert lines[2] == "发现 findings: 11"
    heads = [line for line in lines[3:] if line.startswith("[")]
    assert len(heads) == 11
    assert [h.split("]")[0] for h in heads] == ["[error"] * 3 + ["[warning"] * 8  # errors first
    assert run("check", "xinzhou-hrss-2022").stdout == result.stdout  # table is the default


@pytest.mark.parametrize("name, content, words", [
    ("missing.pdf", None, "no such file or doc_id"),
    ("empty.pdf", b"", "empty"),
    ("notes.pdf", "这不是PDF".encode(), "not a PDF"),
    ("story.txt", "第一部分 概况\n本部门职责……\n".encode(), "not a 部门决算 or 部门预算"),
])
def test_unreadable_input_is_one_line_and_exit_2(tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    for fmt in ("json", "table"):
        result = run("check", path, "--format", fmt)
        assert result.returncode == 2 and result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and "Traceback" not in result.stderr, result.stderr


def test_a_directory_is_refused(tmp_path):
    result = run("check", tmp_path)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1 and "directory" in result.stderr


def test_a_bad_format_is_exit_2():
    result = run("check", "xinzhou-hrss-2022", "--format", "xml")
    assert result.returncode == 2 and result.stdout == ""
    assert "invalid choice: 'xml'" in result.stderr.strip().splitlines()[-1]


def test_the_table_strips_a_documents_terminal_escapes(tmp_path):
    """A department name holding escape sequences must not clear or recolour the reader's terminal."""
    text = (ROOT / "data" / "raw" / "xinzhou-hrss-2022.txt").read_text(encoding="utf-8")
    evil = tmp_path / "evil.txt"
    evil.write_text(text.replace("忻州市人力资源和社会保障局", "忻州\x1b[2J\x1b[31m市局\x07"), encoding="utf-8")
    result = run("check", evil, "--format", "table")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert result.stdout.splitlines()[0].startswith("忻州市局 2022年度决算")
