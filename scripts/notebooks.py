"""Notebook housekeeping: run the notebooks on their committed selections, strip what varies, check them.

    python scripts/notebooks.py run      # execute notebooks/NN-*.ipynb in place, then clean them
    python scripts/notebooks.py run 06-trends   # only these
    python scripts/notebooks.py clean    # only strip volatile metadata
    python scripts/notebooks.py check    # exit 1 listing anything volatile left (tests call this)

The document notebooks run on the bundled sample; the collection notebooks on the shared corpus
(../shared/corpus, through data/shared-corpus.csv): `run` first sets each parameters cell to its
kind's committed parameters (PARAMETERS), and leaves a collection notebook as it is, saying why,
where the corpus is absent. Committed outputs are what nbval compares (`make test`), so they must
not change between runs or machines: no timings, no execution metadata, no Python patch version,
no absolute paths, no memory addresses, no warnings. `run` also redraws the README's chart
(docs/img/budget-execution.png).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
README_CHART = ROOT / "docs" / "img" / "budget-execution.png"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# Metadata that tools add and that changes from run to run.
CELL_KEYS = ("execution", "papermill", "ExecuteTime", "collapsed", "scrolled", "jupyter")
NOTEBOOK_KEYS = ("papermill", "widgets", "toc", "varInspector")
# Output text that must never be committed (what the nbval sanitize file would otherwise hide).
VOLATILE = [
    (re.compile(r"0x[0-9a-fA-F]{6,}"), "a memory address"),
    (re.compile(r"(?<![\w.])/(?:work|tmp|home|root|Users|private|var)/[^\s'\"<]*"), "an absolute path"),
    (re.compile(r"\b\d+(?:\.\d+)?\s?(?:ms|µs|seconds)\b"), "a timing"),
    (re.compile(r"Warning\b"), "a warning"),
]


# What each kind of notebook is committed with (juesuan.pages.notebook_kind tells the kinds apart).
CORPUS_CATALOG = "../data/shared-corpus.csv"  # relative to notebooks/, and its files to data/
PARAMETERS = {
    "document": {"doc": "xinzhou-hrss-2022", "out_dir": ""},
    "trends": {"catalog": CORPUS_CATALOG, "department": "江苏省/人民检察院", "years": "", "out_dir": ""},
    "peers": {"catalog": CORPUS_CATALOG, "year": 2019, "region": "江苏省", "kind": "", "out_dir": ""},
}
ASSIGNMENT = re.compile(r"^(?P<name>\w+)(?P<eq>\s*=\s*)(?P<value>.*?)(?P<comment>\s*#.*)?$")


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def set_parameters(nb: nbformat.NotebookNode, values: dict) -> None:
    """Give the parameters cell these values, keeping its layout and comments."""
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    lines = []
    for line in cell.source.splitlines():
        match = ASSIGNMENT.match(line)
        if match and match["name"] in values:
            value = values[match["name"]]
            text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
            comment = match["comment"] or ""
            padding = max(len(match["value"]) - len(text), 0) if comment else 0
            line = f"{match['name']}{match['eq']}{text}{' ' * padding}{comment}"
        lines.append(line)
    cell.source = "\n".join(lines)


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip volatile metadata; renumber execution counts 1, 2, … in cell order."""
    for key in NOTEBOOK_KEYS:
        nb.metadata.pop(key, None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}  # its version would change with the machine
    count = 0
    for cell in nb.cells:
        for key in CELL_KEYS:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            continue
        count += 1 if cell.source.strip() else 0
        cell.execution_count = count if cell.source.strip() else None
        for output in cell.outputs:
            if "execution_count" in output:
                output["execution_count"] = cell.execution_count
    return nb


def problems(nb: nbformat.NotebookNode, name: str) -> list[str]:
    """Everything in a notebook's outputs or metadata that would change between runs."""
    found = []
    if nb.metadata.get("kernelspec") != KERNELSPEC:
        found.append(f"{name}: kernelspec is not {KERNELSPEC['name']}")
    for key in NOTEBOOK_KEYS:
        if key in nb.metadata:
            found.append(f"{name}: notebook metadata {key}")
    if "version" in nb.metadata.get("language_info", {}):
        found.append(f"{name}: language_info.version")
    for i, cell in enumerate(nb.cells):
        for key in CELL_KEYS:
            if key in cell.metadata:
                found.append(f"{name} cell {i}: metadata {key}")
        if cell.cell_type != "code":
            continue
        if cell.source.strip() and not cell.outputs and "parameters" not in cell.metadata.get("tags", []):
            found.append(f"{name} cell {i}: not executed")
        for output in cell.outputs:
            if output.get("output_type") == "error":
                found.append(f"{name} cell {i}: error {output.get('ename')}")
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append(f"{name} cell {i}: stderr output")
            for text in _texts(output):
                for pattern, what in VOLATILE:
                    if pattern.search(text):
                        found.append(f"{name} cell {i}: {what} in the output: {pattern.search(text).group()[:60]}")
    return found


def _texts(output) -> list[str]:
    if output.get("output_type") == "stream":
        return [output.get("text", "")]
    data = output.get("data", {})
    return [data[k] if isinstance(data[k], str) else "".join(data[k]) for k in ("text/plain", "text/html") if k in data]


def run(names: list[str]) -> None:
    from nbclient import NotebookClient

    from juesuan import pages

    for path in notebook_paths():
        if names and path.stem not in names and path.stem[:2] not in names:
            continue
        nb = nbformat.read(path, as_version=4)
        set_parameters(nb, PARAMETERS[pages.notebook_kind(path)])
        nbformat.write(nb, path)
        missing = pages.missing_inputs(path)
        if missing:
            print(f"left {path.relative_to(ROOT)} as it was: {missing}", file=sys.stderr)
            continue
        NotebookClient(nb, kernel_name=KERNELSPEC["name"], timeout=600,
                       resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
        nbformat.write(clean(nb), path)
        print(f"ran {path.relative_to(ROOT)}")
    if not names:
        draw_readme_chart()


def draw_readme_chart() -> None:
    import juesuan
    from juesuan import metrics, plots

    document = juesuan.load("xinzhou-hrss-2022")
    plots.save(plots.execution_chart(metrics.budget_execution(document)), README_CHART)
    print(f"drew {README_CHART.relative_to(ROOT)}")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "run":
        run(argv[1:])
    elif command == "clean":
        for path in notebook_paths():
            nbformat.write(clean(nbformat.read(path, as_version=4)), path)
    elif command != "check":
        print(__doc__, file=sys.stderr)
        return 2
    found = [p for path in notebook_paths() for p in problems(nbformat.read(path, as_version=4), path.name)]
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
