"""The notebooks: their shape, their committed outputs, and runs through papermill on a second
selection — every document notebook on a Shanghai 决算 PDF and a Jiangsu 预算 (outside data/),
the trends notebook on a Shanghai 街道's three budgets — checking the key figures each writes; and
that nbval skips a collection notebook, saying why, where the shared corpus is absent."""
import importlib.util
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import nbformat
import pytest

from conftest import shared_raw
from juesuan import pages

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = pages.notebook_paths(ROOT / "notebooks")
DOCUMENT_NOTEBOOKS = pages.notebook_paths(ROOT / "notebooks", kind="document")
SHANGHAI = "shanghai-putuo_caizhengju_2024_juesuan.pdf"
WAN = Decimal(10000)  # the Shanghai tables print 万元
CORPUS_CATALOG = ROOT / "data" / "shared-corpus.csv"
# Each kind's parameters cell as committed, and the call that checks its parameters.
COMMITTED = {
    "document": (['doc = "xinzhou-hrss-2022"'], "report.open_document(doc)"),
    "trends": (['catalog = "../data/shared-corpus.csv"', 'department = "江苏省/人民检察院"', 'years = ""'],
               "report.open_collection(catalog, department=department, years=years)"),
    "peers": (['catalog = "../data/shared-corpus.csv"', "year = 2019", 'region = "江苏省"', 'kind = ""'],
              "report.open_collection(catalog, year=year, region=region, kind=kind)"),
}


def _housekeeping():
    spec = importlib.util.spec_from_file_location("notebook_housekeeping", ROOT / "scripts" / "notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_document_notebooks_00_to_05_and_collection_notebooks_06_and_07():
    kinds = [(p.name[:3], pages.notebook_kind(p)) for p in NOTEBOOKS]
    assert kinds == [("00-", "document"), ("01-", "document"), ("02-", "document"), ("03-", "document"),
                     ("04-", "document"), ("05-", "document"), ("06-", "trends"), ("07-", "peers")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_parameters_cell_a_chinese_h1_and_checked_key_figures(path):
    nb = nbformat.read(path, as_version=4)
    assignments, opening = COMMITTED[pages.notebook_kind(path)]
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and all(a in tagged[0].source for a in assignments) and 'out_dir = ""' in tagged[0].source
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    checked = [c for c in nb.cells if c.cell_type == "code" and "# NBVAL_CHECK_OUTPUT" in c.source]
    assert len(checked) == 1 and "save_key_figures" in checked[0].source
    assert opening in "".join(c.source for c in nb.cells)  # parameters checked by the library
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert max(len(c.source.splitlines()) for c in code if c is not checked[0]) <= 12  # the library does the work


def test_a_notebook_without_a_kind_is_refused(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("source = 1", metadata={"tags": ["parameters"]})])
    nbformat.write(nb, tmp_path / "09-odd.ipynb")
    with pytest.raises(ValueError, match="assigns none of doc, department, year"):
        pages.notebook_kind(tmp_path / "09-odd.ipynb")


def test_committed_outputs_hold_nothing_volatile():
    housekeeping = _housekeeping()
    found = [p for path in NOTEBOOKS for p in housekeeping.problems(nbformat.read(path, as_version=4), path.name)]
    assert found == []


def test_housekeeping_sets_each_kinds_committed_parameters_keeping_the_comments():
    housekeeping = _housekeeping()
    nb = nbformat.read(ROOT / "notebooks" / "07-peers.ipynb", as_version=4)
    committed = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", [])).source
    housekeeping.set_parameters(nb, {"year": 2025, "region": "", "kind": "预算"})
    changed = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", [])).source.splitlines()
    assert changed[1].startswith("year = 2025 ") and changed[2].startswith('region = "" ') and changed[3].startswith('kind = "预算"')
    assert [line.split("#", 1)[1] for line in changed] == [line.split("#", 1)[1] for line in committed.splitlines()]
    for path in NOTEBOOKS:  # the committed notebooks carry their kind's parameters already
        nb = nbformat.read(path, as_version=4)
        before = nbformat.writes(nb)
        housekeeping.set_parameters(nb, housekeeping.PARAMETERS[pages.notebook_kind(path)])
        assert nbformat.writes(nb) == before, path.name


def run_every_notebook(source: Path, out: Path) -> dict:
    """Every notebook run by papermill on `source`; the key figures each wrote, by notebook."""
    import papermill

    figures = {}
    for path in DOCUMENT_NOTEBOOKS:
        papermill.execute_notebook(str(path), str(out / path.name), parameters={"doc": str(source), "out_dir": str(out)},
                                   kernel_name=pages.KERNEL, cwd=str(path.parent), progress_bar=False,
                                   execution_timeout=pages.CELL_TIMEOUT)
        figures[path.stem] = json.loads((out / f"{path.stem}.json").read_text(encoding="utf-8"))
    return figures


@pytest.fixture(scope="module")
def shanghai_figures(tmp_path_factory):
    """Every notebook on the Shanghai 决算 PDF."""
    return run_every_notebook(shared_raw(SHANGHAI), tmp_path_factory.mktemp("figures"))


def test_papermill_on_a_second_document_writes_its_key_figures(shanghai_figures):
    assert set(shanghai_figures) == {p.stem for p in DOCUMENT_NOTEBOOKS}
    for name, payload in shanghai_figures.items():
        assert payload["doc_id"] == "shanghai-putuo_caizhengju_2024_juesuan" and payload["notebook"] == name
        assert payload["department"] == "上海市普陀区财政局" and payload["year"] == 2024


def test_second_document_overview_and_tutorial(shanghai_figures):
    overview = shanghai_figures["01-overview"]["figures"]
    assert Decimal(overview["income_total"]) == Decimal("2946.25") * WAN  # 收入决算表 合计
    assert Decimal(overview["expenditure_total"]) == Decimal("2940.05") * WAN
    assert overview["layout"] == "shanghai"
    assert overview["basic_share"] == round(2336.91 / 2940.05, 4)  # 基本支出 2336.91 of 2940.05 万元
    tutorial = shanghai_figures["00-tutorial"]["figures"]
    assert all(tutorial["ties_hold"].values())
    assert tutorial["example_stated_share"] == "71.73"  # 一般公共服务支出 as the narrative states it …
    assert tutorial["example_recomputed_share"] == round(2106.66 / 2940.05, 4)  # … and from the tables: 71.65%


def test_second_document_execution(shanghai_figures):
    execution = shanghai_figures["02-execution"]["figures"]
    assert execution["execution_rate"] == round(2940.05 / 2993.92, 4) == 0.982
    assert execution["execution_basis"] == "年初预算"
    assert execution["pi1_band_this_year"] == "A" and execution["pi2_band_this_year"] == "A"
    # stated per 项 (情况说明 p.22), rolled up by code: 类 by name only, 款 and 项 by code and name
    assert set(execution["class_execution_rate"]) == {"一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"}
    # 一般公共服务支出: 2,106.66 spent ÷ (1,560.05 + 10.00 + 135.90 + 450.52 = 2,156.47) budgeted = 97.69%
    assert execution["class_execution_rate"]["一般公共服务支出"] == round(2106.66 / 2156.47, 4) == 0.9769
    assert execution["section_execution_rate"]["20106 财政事务"] == 0.9769  # the one 款 of 201
    assert execution["item_execution_rate"]["2010601 行政运行"] == round(1511.89 / 1560.05, 4)


def test_second_document_audit_controls_and_performance(shanghai_figures):
    audit = shanghai_figures["03-audit"]["figures"]
    assert set(audit["findings_by_severity"]) == {"error", "warning", "info"}
    assert audit["findings_by_severity"]["error"] >= 1 and "N.share" in audit["rules_failed"]  # the 71.73%
    controls = shanghai_figures["04-spending-controls"]["figures"]
    assert Decimal(controls["three_public_budget"]) == Decimal("0.95") * WAN
    assert Decimal(controls["three_public_actual"]) == 0 and controls["three_public_rate"] == 0.0
    assert Decimal(controls["running_costs"]) == Decimal("184.65") * WAN  # stated in the narrative
    assert Decimal(controls["procurement_total"]) == Decimal("251.25") * WAN
    assert shanghai_figures["05-performance"]["figures"]["projects"] == 0  # no self-evaluation tables


BUDGET = "jiangsu_jianchayuan_2017_yusuan.pdf"


@pytest.fixture(scope="module")
def budget_figures(tmp_path_factory):
    """Every notebook on a 部门预算 (江苏省人民检察院 2017)."""
    return run_every_notebook(shared_raw(BUDGET), tmp_path_factory.mktemp("budget"))


def test_notebooks_on_a_budget(budget_figures):
    overview = budget_figures["01-overview"]["figures"]
    assert overview["layout"] == "jiangsu_budget"
    # 收支预算总表 (p.5): 当年收入小计 17,996.68 = 财政拨款 17,981.68 + 其他资金 15.00 万元; 支出预算总表 合计 17,996.68
    assert Decimal(overview["income_total"]) == (Decimal("17981.68") + Decimal("15.00")) * WAN
    assert Decimal(overview["expenditure_total"]) == Decimal("17996.68") * WAN
    # a budget has no outturn: no execution rate, and the 三公 budget without an actual
    assert budget_figures["02-execution"]["figures"]["execution_rate"] is None
    controls = budget_figures["04-spending-controls"]["figures"]
    assert Decimal(controls["three_public_budget"]) == (Decimal("110.00") + Decimal("317.80") + Decimal("156.55")) * WAN
    assert controls["three_public_actual"] is None and controls["three_public_rate"] is None


# --- the collection notebooks ------------------------------------------------------------------------------

WANLI = "上海市普陀区/人民政府万里街道办事处"


@pytest.fixture(scope="module")
def wanli_trends(tmp_path_factory):
    """06-trends by papermill on 万里街道's three budgets (2023–2025), through the corpus catalog."""
    import papermill

    for year in (2023, 2024, 2025):
        shared_raw(f"shanghai-putuo_wanli-jiedao_{year}_yusuan-dept.pdf")
    out = tmp_path_factory.mktemp("trends")
    notebook = ROOT / "notebooks" / "06-trends.ipynb"
    papermill.execute_notebook(str(notebook), str(out / notebook.name), kernel_name=pages.KERNEL, cwd=str(notebook.parent),
                               parameters={"catalog": str(CORPUS_CATALOG), "department": WANLI, "years": "", "out_dir": str(out)},
                               progress_bar=False, execution_timeout=pages.CELL_TIMEOUT)
    return json.loads((out / "06-trends.json").read_text(encoding="utf-8"))


def test_trends_on_a_second_department(wanli_trends):
    assert wanli_trends["notebook"] == "06-trends"
    assert wanli_trends["selection"] == {"department_ids": [WANLI], "years": [2023, 2024, 2025], "kinds": ["预算"],
                                         "doc_ids": [f"shanghai-putuo_wanli-jiedao_{y}_yusuan-dept" for y in (2023, 2024, 2025)]}
    figures = wanli_trends["figures"]
    # 部门财务收支预算总表, 支出总计 (元): 2023 PDF p.10 164,978,640; 2024 p.10 156,211,123; 2025 p.9 189,767,551
    spent = {"2023": Decimal("164978640"), "2024": Decimal("156211123"), "2025": Decimal("189767551")}
    assert {y: Decimal(v) for y, v in figures["expenditure_total"]["预算"].items()} == spent
    # (156,211,123 − 164,978,640) ÷ 164,978,640 = −5.31%; (189,767,551 − 156,211,123) ÷ 156,211,123 = +21.48%
    assert figures["expenditure_growth_rate"]["预算"] == {"2024": -0.0531, "2025": 0.2148}
    # (189,767,551 ÷ 164,978,640)^(1/2) − 1 = 7.25% a year
    assert figures["expenditure_compound_growth_rate"] == {"预算": 0.0725}
    # 部门支出预算总表 合计 row, 基本支出 of 合计: 2023 p.18 99,406,297 of 164,978,640; 2025 p.18 101,341,746 of 189,767,551
    assert figures["basic_share"]["预算"]["2023"] == round(99406297 / 164978640, 4)
    assert figures["basic_share"]["预算"]["2025"] == round(101341746 / 189767551, 4)
    # “三公”经费和机关运行经费预算表 (万元): 三公 22.91 / 47.91 / 37.91, 机关运行经费 786.09 / 443.18 / 464.64
    # (2023 p.28, 2024 p.31, 2025 p.29)
    three = {y: Decimal(v) * WAN for y, v in (("2023", "22.91"), ("2024", "47.91"), ("2025", "37.91"))}
    running = {y: Decimal(v) * WAN for y, v in (("2023", "786.09"), ("2024", "443.18"), ("2025", "464.64"))}
    assert {y: Decimal(v) for y, v in figures["three_public"]["预算"].items()} == three
    assert {y: Decimal(v) for y, v in figures["running_costs"]["预算"].items()} == running
    assert figures["budget_vs_final_years"] == []  # budgets only


def test_nbval_skips_a_collection_notebook_whose_corpus_is_absent(tmp_path):
    """The committed catalog's files moved out of reach (a copy of the checkout's conftest.py,
    notebooks/06-trends.ipynb and data/shared-corpus.csv elsewhere): nbval skips every cell of
    06-trends and says why."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # tmp_path is the root: its conftest.py loads
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    shutil.copy(ROOT / "notebooks" / "06-trends.ipynb", tmp_path / "notebooks")
    shutil.copy(CORPUS_CATALOG, tmp_path / "data" / CORPUS_CATALOG.name)  # its ../../shared is not beside tmp_path
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "--nbval-lax",
                             "--nbval-current-env", str(tmp_path / "notebooks")], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed" not in result.stdout and " skipped" in result.stdout
    assert "06-trends.ipynb: 3 of the files its catalog names are absent" in result.stdout
