"""A notebook run in a warm kernel (`juesuan.kernels`) after other notebooks gives the page a new
kernel gives: the same outputs, execution counts and HTML, after the nbval sanitisation — for the
report notebooks on the sample, and for a notebook that changes every piece of state a kernel
carries over (namespace, warning filters and registries, rcParams, pandas options, environment,
working directory, sys.path)."""
import configparser
import re
from pathlib import Path

import nbformat
import pytest

from juesuan import pages
from juesuan.kernels import WarmKernel

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SAMPLE = {"doc": "xinzhou-hrss-2022"}
# papermill gives its injected-parameters cell a new random id on every run, fresh kernel or not
CELL_ID = re.compile(r'(id="cell-id=)[0-9a-f]{8}(")')


def sanitisers() -> list[tuple[re.Pattern, str]]:
    config = configparser.ConfigParser()
    config.read(NOTEBOOKS / "nbval-sanitize.cfg", encoding="utf-8")
    return [(re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections()]


def sanitised(text: str) -> str:
    for pattern, replacement in sanitisers():
        text = pattern.sub(replacement, text)
    return text


def executed_view(path: Path) -> list:
    """What nbval compares, for every code cell: its execution count and its outputs, sanitised."""
    nb = nbformat.read(path, as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.outputs:
            data = {k: sanitised(v) if isinstance(v, str) else v for k, v in output.get("data", {}).items()}
            outputs.append((output.output_type, output.get("name"), sanitised(output.get("text", "")), data,
                            output.get("execution_count")))
        cells.append((cell.execution_count, outputs))
    return cells


def page_view(path: Path) -> str:
    return sanitised(CELL_ID.sub(r"\1ID\2", path.read_text(encoding="utf-8")))


def run(notebook: Path, out: Path, parameters: dict, kernel=None) -> tuple[Path, Path]:
    executed, page = out / f"{notebook.stem}.ipynb", out / f"{notebook.stem}.html"
    pages.run_notebook(notebook, executed, page, {**parameters, "out_dir": str(out)}, notebook.stem, kernel=kernel)
    return executed, page


@pytest.fixture(scope="module")
def kernel():
    warm = WarmKernel(NOTEBOOKS)
    yield warm
    warm.shutdown()


def test_report_notebooks_run_second_and_third_in_a_warm_kernel_equal_a_new_kernels(kernel, tmp_path):
    warm, fresh = tmp_path / "warm", tmp_path / "fresh"
    warm.mkdir(), fresh.mkdir()
    tutorial, overview, audit = (NOTEBOOKS / f"{n}.ipynb" for n in ("00-tutorial", "01-overview", "03-audit"))
    run(tutorial, warm, SAMPLE, kernel)  # the kernel's earlier notebook: it sets pandas options, draws charts
    for notebook in (overview, audit):
        warm_files = run(notebook, warm, SAMPLE, kernel)
        fresh_files = run(notebook, fresh, SAMPLE)
        assert executed_view(warm_files[0]) == executed_view(fresh_files[0]), notebook.stem
        assert page_view(warm_files[1]) == page_view(fresh_files[1]), notebook.stem
    assert "image/png" in str(executed_view(warm / "01-overview.ipynb"))  # charts compared byte for byte


SPOILER = """\
import os, sys, warnings
import matplotlib, pandas as pd
import warner
spoiled = True
warnings.filterwarnings("ignore", message="no such warning")
warner.warn()  # recorded in the module's registry (after the filters last changed): shown once from one place
matplotlib.rcParams["lines.linewidth"] = 9
pd.set_option("display.max_rows", 3)
os.environ["JUESUAN_SPOILED"] = "1"
sys.path.insert(0, "/nowhere")
os.chdir("/")
"""
PROBE = """\
import os, sys, warnings
import matplotlib, pandas as pd
import warner
warner.warn()
print("spoiled" in globals(), len(warnings.filters), matplotlib.rcParams["lines.linewidth"],
      pd.get_option("display.max_rows"), os.environ.get("JUESUAN_SPOILED"), "/nowhere" in sys.path,
      os.path.exists("warner.py"))  # the working directory is the notebook's folder
"""


def notebook(path: Path, code: str) -> Path:
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('out_dir = ""')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


WARNER = """\
import warnings


def warn():
    warnings.warn("shown once from one place by default", UserWarning)
"""


def test_state_a_notebook_changes_does_not_reach_the_next(kernel, tmp_path):
    (tmp_path / "warner.py").write_text(WARNER, encoding="utf-8")  # imported from the notebooks' folder
    spoiler, probe = notebook(tmp_path / "spoiler.ipynb", SPOILER), notebook(tmp_path / "probe.ipynb", PROBE)
    out = tmp_path / "out"
    out.mkdir()
    run(spoiler, out, {}, kernel)
    warm = executed_view(run(probe, out, {}, kernel)[0])
    fresh_dir = tmp_path / "fresh"
    fresh_dir.mkdir()
    fresh = executed_view(run(probe, fresh_dir, {})[0])
    assert warm == fresh
    printed = [o for _, outputs in fresh for o in outputs if o[1] == "stdout"]
    warned = [o for _, outputs in fresh for o in outputs if o[1] == "stderr"]
    words = printed[0][2].split()  # spoiled, filters, linewidth, max_rows, environment, sys.path, cwd
    assert words[0] == "False" and words[2:] == ["1.5", "60", "None", "False", "True"]  # matplotlib's and pandas' defaults
    assert warned and "shown once from one place by default" in warned[0][2]  # shown again, as in a new kernel
