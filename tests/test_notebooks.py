"""The notebooks: their shape, their committed outputs, and a run through papermill on a second
document (a Shanghai 决算 PDF, outside data/) checking the key figures each writes."""
import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import nbformat
import pytest

from conftest import shared_raw
from juesuan import pages

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = pages.notebook_paths(ROOT / "notebooks")
SHANGHAI = "shanghai-putuo_caizhengju_2024_juesuan.pdf"
WAN = Decimal(10000)  # the Shanghai tables print 万元


def _housekeeping():
    spec = importlib.util.spec_from_file_location("notebook_housekeeping", ROOT / "scripts" / "notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_six_notebooks_numbered_00_to_05():
    assert [p.name[:3] for p in NOTEBOOKS] == ["00-", "01-", "02-", "03-", "04-", "05-"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_parameters_cell_a_chinese_h1_and_checked_key_figures(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and 'doc = "xinzhou-hrss-2022"' in tagged[0].source
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    checked = [c for c in nb.cells if c.cell_type == "code" and "# NBVAL_CHECK_OUTPUT" in c.source]
    assert len(checked) == 1 and "save_key_figures" in checked[0].source
    assert "report.open_document(doc)" in "".join(c.source for c in nb.cells)  # parameters checked by the library
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert max(len(c.source.splitlines()) for c in code if c is not checked[0]) <= 12  # the library does the work


def test_committed_outputs_hold_nothing_volatile():
    housekeeping = _housekeeping()
    found = [p for path in NOTEBOOKS for p in housekeeping.problems(nbformat.read(path, as_version=4), path.name)]
    assert found == []


def run_every_notebook(source: Path, out: Path) -> dict:
    """Every notebook run by papermill on `source`; the key figures each wrote, by notebook."""
    import papermill

    figures = {}
    for path in NOTEBOOKS:
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
    assert set(shanghai_figures) == {p.stem for p in NOTEBOOKS}
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
    assert execution["pi1_band_this_year"] == "A" and execution["pi2_band_this_year"] == "A"
    assert execution["class_execution_rate"]["行政运行"] == round(1511.89 / 1560.05, 4)  # stated per 项


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
