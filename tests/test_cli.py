"""`juesuan facts` end to end: formats, the doc_id/path equivalence, bad input → one line, exit 2."""
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import juesuan

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TXT = ROOT / "data" / "raw" / "xinzhou-hrss-2022.txt"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "juesuan.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_facts_csv_by_doc_id_equals_by_path():
    by_id, by_path = run("facts", "xinzhou-hrss-2022"), run("facts", SAMPLE_TXT)
    assert by_id.returncode == 0 and by_path.returncode == 0
    assert by_id.stdout == by_path.stdout
    frame = pd.read_csv(pd.io.common.StringIO(by_id.stdout), dtype=str)
    assert list(frame.columns) == juesuan.FACT_COLUMNS
    row = frame[(frame.table == "income_expenditure_summary") & (frame["item"] == "本年收入合计")]
    assert row["value"].tolist() == ["85813977.30"]


def test_facts_json_has_exact_decimal_strings():
    out = run("facts", "xinzhou-hrss-2022", "--format", "json")
    records = json.loads(out.stdout)
    total = [r for r in records if r["table"] == "three_public" and r["item"] == "合计" and r["column"] == "决算数"]
    assert total == [dict(total[0], value="102573.57")]
    assert total[0]["page"] is None


def test_facts_parquet_keeps_values_exact(tmp_path):
    out = tmp_path / "facts.parquet"
    result = run("facts", "xinzhou-hrss-2022", "-o", out)
    assert result.returncode == 0, result.stderr
    frame = pd.read_parquet(out)
    values = dict(zip(zip(frame.table, frame.code, frame["column"]), frame["value"]))
    assert values[("income", "2080505", "本年收入合计")] == Decimal("2617002.15")


def test_facts_xlsx_has_number_and_exact_text(tmp_path):
    out = tmp_path / "facts.xlsx"
    assert run("facts", "xinzhou-hrss-2022", "--format", "xlsx", "-o", out).returncode == 0
    sheet = pd.read_excel(out, dtype={"value_exact": str, "code": str})
    row = sheet[(sheet.table == "income") & (sheet.code == "2080505") & (sheet["column"] == "本年收入合计")]
    assert row["value_exact"].tolist() == ["2617002.15"]
    assert row["value"].tolist() == [pytest.approx(2617002.15)]


def _bad(tmp_path, name, content: bytes | None):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("missing.pdf", None, "no such file or doc_id"),
        ("empty.pdf", b"", "empty"),
        ("notes.pdf", "这不是PDF".encode(), "not a PDF"),
        ("story.txt", "第一部分 概况\n本部门职责……\n".encode(), "not a 部门决算 or 部门预算"),
        ("page.html", "<html><body><p>通知</p><table><tr><td>甲</td><td>乙</td></tr></table></body></html>".encode(), "not a 部门决算 or 部门预算"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, name, content, words):
    result = run("facts", _bad(tmp_path, name, content))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_directory_is_refused(tmp_path):
    result = run("facts", tmp_path)
    assert result.returncode == 2 and "directory" in result.stderr


def test_binary_format_needs_an_output_file():
    result = run("facts", "xinzhou-hrss-2022", "--format", "parquet")
    assert result.returncode == 2 and "-o" in result.stderr


def test_cached_load_is_the_same_and_keyed_by_hash_and_parser(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_CACHE", str(tmp_path))
    first = juesuan.load("xinzhou-hrss-2022")
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1 and files[0].name.startswith(first.meta["sha256"][:24])
    again = juesuan.load("xinzhou-hrss-2022")
    assert again.facts.equals(first.facts) and again.meta == first.meta


def test_the_audit_is_cached_beside_the_parse(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_CACHE", str(tmp_path))
    first = juesuan.load("xinzhou-hrss-2022").findings
    assert len(list(tmp_path.glob("*-audit-*.json"))) == 1
    again = juesuan.load("xinzhou-hrss-2022")
    assert again._audit is None  # lazily read back, not recomputed at load
    assert again.findings[["rule_id", "expected", "found"]].equals(first[["rule_id", "expected", "found"]])


def test_report_without_the_notebooks_extra_is_one_line_naming_it(tmp_path):
    # The notebooks extra (papermill, nbconvert, nbclient, nbformat, ipykernel) not installed: blocked
    # in sys.modules, as an environment with only `pip install -e .` has them missing.
    blocked = ("papermill", "nbconvert", "nbclient", "nbformat", "ipykernel")
    code = (f"import sys\nfor name in {blocked!r}: sys.modules[name] = None\n"
            "from juesuan.cli import main\n"
            f"sys.exit(main(['report', 'xinzhou-hrss-2022', '-o', {str(tmp_path / 'reports')!r}]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    assert 'pip install -e ".[notebooks]"' in lines[0] and "make install" in lines[0]
    assert "notebooks 附加依赖" in lines[0] and "papermill" in lines[0]
    assert not (tmp_path / "reports").exists()
