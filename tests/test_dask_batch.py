"""`juesuan report --executor dask`: a batch on a Dask LocalCluster of two workers renders the pages
the local pool renders — the same HTML (but for papermill's random cell id), key figures and
stamps; the executed notebooks record where they are; a rerun keeps every page; workers that run
another library are refused in one line."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_raw
from juesuan.batch import render_batch
from juesuan.daskpool import render_on_dask

ROOT = Path(__file__).resolve().parents[1]
CELL_ID = re.compile(r'(id="cell-id=)[0-9a-f]{8}(")')


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The sample and a Shanghai 决算 PDF, rendered by the local pool and by a LocalCluster."""
    sources = ["xinzhou-hrss-2022", str(shared_raw("shanghai-putuo_shehui-gongzuobu_2024_juesuan_flagged.pdf"))]
    local, dask = tmp_path_factory.mktemp("local"), tmp_path_factory.mktemp("dask")
    local_results = render_batch(sources, local, jobs=2, progress=False)
    dask_results = render_on_dask(sources, dask, jobs=2, progress=False)
    return sources, (local, local_results), (dask, dask_results)


def pages_of(out: Path) -> dict[str, Path]:
    return {str(p.relative_to(out)): p for p in sorted(out.glob("*/*.html"))}


def test_a_local_cluster_renders_the_pages_of_the_local_pool(both):
    _, (local, local_results), (dask, dask_results) = both
    assert all(p.status == "ok" for r in local_results + dask_results for p in r.pages)
    assert [r.slug for r in dask_results] == [r.slug for r in local_results]
    local_pages, dask_pages = pages_of(local), pages_of(dask)
    assert sorted(dask_pages) == sorted(local_pages) and len(local_pages) == 12
    for name, path in local_pages.items():
        mine, theirs = (CELL_ID.sub(r"\1ID\2", p.read_text(encoding="utf-8")) for p in (path, dask_pages[name]))
        assert mine == theirs, name
    for figures in local.glob("*/*[0-9]-*.json"):
        if not figures.name.endswith(".inputs.json"):
            assert json.loads((dask / figures.relative_to(local)).read_text(encoding="utf-8")) == \
                json.loads(figures.read_text(encoding="utf-8")), figures.name
    for stamp in local.glob("*/*.inputs.json"):
        assert (dask / stamp.relative_to(local)).read_text(encoding="utf-8") == stamp.read_text(encoding="utf-8")


def test_executed_notebooks_record_where_they_are(both):
    _, _, (dask, _) = both
    for executed in dask.glob("*/*.ipynb"):
        recorded = json.loads(executed.read_text(encoding="utf-8"))["metadata"]["papermill"]["output_path"]
        assert recorded == str(executed)


def test_a_rerun_on_the_cluster_keeps_every_page(both):
    sources, _, (dask, _) = both
    again = render_on_dask(sources, dask, jobs=2, progress=False)
    assert all(p.kept for r in again for p in r.pages) and len([p for r in again for p in r.pages]) == 12


def test_the_cli_takes_the_executor_and_refuses_a_scheduler_without_it(tmp_path):
    result = subprocess.run([sys.executable, "-m", "juesuan.cli", "report", "xinzhou-hrss-2022", "--scheduler",
                             "tcp://127.0.0.1:1", "-o", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and result.stderr.strip().splitlines() == ["juesuan: --scheduler needs --executor dask"]


def test_export_on_a_local_cluster_writes_the_package_a_local_export_writes(tmp_path):
    """The sample as text and as web page and a broken PDF: the same package (every file) either way,
    the broken one failed with the worker's reason, exit 1."""
    from test_export import SAMPLE_HTML, SAMPLE_TXT, add_broken_entry, export, run

    path = tmp_path / "catalog.csv"
    assert run("catalog", "add", SAMPLE_TXT, SAMPLE_HTML, "--catalog", path).returncode == 0
    add_broken_entry(path, tmp_path)
    local_code, _ = export("--datapackage", tmp_path / "local", "--catalog", path)
    dask_code, err = export("--datapackage", tmp_path / "dask", "--catalog", path, "--executor", "dask", "--jobs", "2")
    assert local_code == dask_code == 1, err
    written = sorted(p.name for p in (tmp_path / "local").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "dask").iterdir()) and "facts.csv" in written
    for name in written:
        mine, theirs = ((tmp_path / where / name).read_text(encoding="utf-8") for where in ("dask", "local"))
        if name == "datapackage.json":  # written a few seconds apart
            mine, theirs = ({**json.loads(t), "created": None} for t in (mine, theirs))
        assert mine == theirs, name
    assert sorted(line.split("] ")[1] for line in err.splitlines() if line.startswith("[")) == \
        ["broken-2022", "xinzhou-hrss-2022", "xinzhou-hrss-2022-html"]  # progress, one line per document


def test_workers_that_run_another_library_are_refused():
    from juesuan.daskpool import _same_library
    from juesuan.errors import UsageError

    class Client:
        def run(self, function):
            return {"tcp://10.0.0.7:4000": "0" * 64, "tcp://10.0.0.8:4000": function()}

    with pytest.raises(UsageError, match="tcp://10.0.0.7:4000") as refused:
        _same_library(Client(), __import__("juesuan.resume").resume.library_version())
    assert "10.0.0.8" not in str(refused.value) and "\n" not in str(refused.value)
