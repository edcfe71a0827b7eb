"""`juesuan report --all` on a small catalog: the documents' pages, a trends page for the department
with two years and a peers page for the year with two departments, an index that groups them by
department and year, and an index that keeps the rows of earlier runs whose pages are still there.

The catalog holds the sample (忻州市人社局 2022), the sample with every 2022 made 2023, and the sample
renamed to 忻州市财政局; the project home is a copy with three notebooks (01-overview and the two
collection notebooks), so that the batch stays short."""
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TXT = ROOT / "data" / "raw" / "xinzhou-hrss-2022.txt"
TRENDS = "trends/忻州市-人力资源和社会保障局"
PEERS = "peers/2022-决算"
EXPENDITURE = Decimal("84968418.97")  # the sample's 本年支出合计 (公开01表), 元


def report(home: Path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "JUESUAN_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "juesuan.cli", "report", *map(str, args)], capture_output=True, text=True,
                          cwd=home, env=env)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    base = tmp_path_factory.mktemp("report-all")
    docs = base / "docs"
    docs.mkdir()
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    (docs / "xinzhou-hrss-2022.txt").write_text(text, encoding="utf-8")
    (docs / "xinzhou-hrss-2023.txt").write_text(text.replace("2022", "2023"), encoding="utf-8")
    (docs / "xinzhou-czj-2022.txt").write_text(text.replace("忻州市人力资源和社会保障局", "忻州市财政局"), encoding="utf-8")
    home = base / "home"
    (home / "notebooks").mkdir(parents=True)
    for name in ("01-overview", "06-trends", "07-peers"):
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", home / "notebooks")
    catalog = base / "catalog.csv"
    added = subprocess.run([sys.executable, "-m", "juesuan.cli", "catalog", "add", docs, "--catalog", catalog],
                           capture_output=True, text=True)
    assert added.returncode == 0, added.stderr
    out = base / "reports"
    first = report(home, "--all", "--catalog", catalog, "--jobs", "2", "-o", out)
    return home, catalog, out, first


def index_of(out: Path) -> str:
    return (out / "index.html").read_text(encoding="utf-8")


def test_all_renders_the_documents_a_trends_page_and_a_peers_page(setup):
    _, _, out, first = setup
    assert first.returncode == 0, first.stderr
    assert first.stderr.strip().splitlines()[-1].startswith(
        "juesuan report: 3 documents, 2 trends and peers page sets, 5 pages (0 kept, 5 run)")
    for folder in ("xinzhou-hrss-2022", "xinzhou-hrss-2023", "xinzhou-czj-2022"):
        assert (out / folder / "01-overview.html").is_file()
    for folder, notebook in ((TRENDS, "06-trends"), (PEERS, "07-peers")):
        for suffix in (".html", ".ipynb", ".json", ".inputs.json"):
            assert (out / folder / f"{notebook}{suffix}").is_file(), folder + suffix


def test_the_collection_pages_key_figures_and_stamps(setup):
    _, _, out, _ = setup
    trends = json.loads((out / TRENDS / "06-trends.json").read_text(encoding="utf-8"))
    assert trends["selection"]["doc_ids"] == ["xinzhou-hrss-2022", "xinzhou-hrss-2023"]
    figures = trends["figures"]
    assert {y: Decimal(v) for y, v in figures["expenditure_total"]["决算"].items()} == {"2022": EXPENDITURE, "2023": EXPENDITURE}
    assert figures["expenditure_growth_rate"] == {"决算": {"2023": 0.0}}  # the same figures, a year apart
    peers = json.loads((out / PEERS / "07-peers.json").read_text(encoding="utf-8"))
    assert peers["figures"]["departments"] == ["忻州市/人力资源和社会保障局", "忻州市/财政局"]  # equal spending: by id
    assert peers["figures"]["execution_rate"] == {"忻州市/人力资源和社会保障局": 1.8416, "忻州市/财政局": 1.8416}
    stamp = json.loads((out / PEERS / "07-peers.inputs.json").read_text(encoding="utf-8"))
    assert sorted(stamp["documents"]) == ["xinzhou-czj-2022", "xinzhou-hrss-2022"]
    assert stamp["parameters"]["year"] == 2022 and stamp["parameters"]["kind"] == "决算"


def test_the_index_groups_by_department_and_year(setup):
    _, _, out, _ = setup
    index = index_of(out)
    assert "<title>部门预决算分析报告 · juesuan</title>" in index and "<h1>部门预决算分析报告</h1>" in index
    groups = re.findall(r'<tr class="group"><th colspan="11">(.*?)</th></tr>', index, flags=re.S)
    assert [g.split("<", 1)[0].strip() for g in groups] == ["忻州市人力资源和社会保障局", "忻州市财政局"]
    assert "跨年度趋势" in groups[0] and f'href="{quote(TRENDS)}/06-trends.html"' in groups[0] and "06-trends" not in groups[1]
    body = index.split(groups[0], 1)[1].split(groups[1], 1)[0]  # the 人社局's rows: 2022, then 2023
    assert re.findall(r"<td>(20\d\d)</td>\s*<td>(决算|预算)</td>", body) == [("2022", "决算"), ("2023", "决算")]
    peers = index.split("按年度比较", 1)[1]
    assert re.search(r"<td>2022</td><td>决算</td><td>2 个</td>", peers) and "07-peers.html" in peers


def test_the_index_keeps_earlier_rows_until_their_pages_are_deleted(setup):
    home, catalog, out, _ = setup
    again = report(home, "--all", "--catalog", catalog, "-o", out)
    assert again.returncode == 0 and "5 pages (5 kept, 0 run)" in again.stderr  # resumed: every page current
    one = report(home, "xinzhou-hrss-2022", "--catalog", catalog, "-o", out)
    assert one.returncode == 0 and "1 document, 1 page (1 kept, 0 run)" in one.stderr
    index = index_of(out)
    assert "xinzhou-czj-2022" in index and "xinzhou-hrss-2023" in index  # earlier rows kept
    assert "06-trends.html" in index and "07-peers.html" in index
    shutil.rmtree(out / "xinzhou-czj-2022")
    shutil.rmtree(out / "peers")
    after = report(home, "xinzhou-hrss-2022", "--catalog", catalog, "-o", out)
    assert after.returncode == 0
    index = index_of(out)
    assert "xinzhou-czj-2022" not in index and "07-peers.html" not in index and "按年度比较" not in index
    assert "xinzhou-hrss-2023" in index and "06-trends.html" in index
    rows = json.loads((out / "index.json").read_text(encoding="utf-8"))["rows"]
    assert sorted(r["slug"] for r in rows) == sorted(["xinzhou-hrss-2022", "xinzhou-hrss-2023", TRENDS])
