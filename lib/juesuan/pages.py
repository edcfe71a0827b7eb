"""One notebook for one document → an executed notebook and an HTML page that opens offline.

papermill runs the notebook (an explicit kernel, a timeout per cell); nbconvert's lab template,
without code cells and without anything fetched from a CDN, makes the page.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

from . import catalog, files
from .kernels import KERNEL
from .errors import JuesuanError

CELL_TIMEOUT = 300  # seconds one cell may run (papermill's execution_timeout)


def notebooks_dir() -> Path:
    return catalog.project_root() / "notebooks"


def notebook_paths(directory: Path | None = None, kind: str | None = None) -> list[Path]:
    """The report notebooks, NN-topic.ipynb in order; of one kind (`notebook_kind`) if given."""
    found = sorted(p for p in (directory or notebooks_dir()).glob("[0-9][0-9]-*.ipynb"))
    return [p for p in found if notebook_kind(p) == kind] if kind else found


# A notebook's kind, by the parameter its parameters cell assigns (the first of these found):
# `doc` — one document; `department` — a department's years; `year` — one year's departments.
KINDS = (("doc", "document"), ("department", "trends"), ("year", "peers"))


def notebook_parameters(path: Path) -> dict:
    """The names and literal values its cell tagged `parameters` assigns (papermill replaces them)."""
    import ast

    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in nb.get("cells", []) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ValueError(f"{path.name}: needs exactly one cell tagged parameters, has {len(cells)}")
    found = {}
    for node in ast.parse("".join(cells[0].get("source", ""))).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found[node.targets[0].id] = ast.literal_eval(node.value)
    return found


def notebook_kind(path: Path) -> str:
    """document, trends or peers: what its parameters cell declares (KINDS)."""
    names = notebook_parameters(path)
    for name, kind in KINDS:
        if name in names:
            return kind
    raise ValueError(f"{path.name}: its parameters cell assigns none of {', '.join(n for n, _ in KINDS)}, "
                     "so it is neither a document nor a collection notebook")


def missing_inputs(path: Path) -> str:
    """Why a notebook cannot run on its committed parameters here, or "": a collection notebook
    whose catalog (relative to the notebook's folder) names files that are absent (../shared)."""
    from .report import select_collection

    parameters = notebook_parameters(path)
    if notebook_kind(path) == "document":
        return ""
    criteria = {k: parameters[k] for k in ("department", "years", "year", "region", "kind") if k in parameters}
    catalog_file = Path(parameters.get("catalog") or catalog.catalog_path())
    catalog_file = catalog_file if catalog_file.is_absolute() else path.parent / catalog_file
    try:
        entries = select_collection(str(catalog_file), **criteria).entries
    except JuesuanError as exc:  # a catalog that cannot be read or matches nothing: the notebook cannot run either
        return f"{path.name}: {exc}"
    absent = [p.resolve() for e in entries for p in e.paths if not p.exists()]
    if not absent:
        return ""
    return (f"{path.name}: {len(absent)} of the files its catalog names are absent (e.g. {absent[0]}); "
            "its committed outputs come from the shared corpus (../shared/corpus) beside the checkout")


def notebook_title(path: Path) -> str:
    """The notebook's H1 (its first markdown line), else its file stem."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            first = "".join(cell.get("source", "")).strip().splitlines()
            if first and first[0].startswith("# "):
                return first[0][2:].strip()
    return path.stem


def offline_exporter():
    """nbconvert's lab HTML without code cells and without anything fetched from a CDN: its
    template loads require.js, MathJax and mermaid from cdnjs and widgets from unpkg; these blocks
    are emptied, and the CSS and charts are inlined already. Added: `lang="zh-CN"`, the stylesheet
    shared with the index (`templates/report.css`), the page's header (`page_header`) and each
    chart's alt text (`describe_charts`)."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    class PageExporter(HTMLExporter):
        def _init_resources(self, resources):
            resources = super()._init_resources(resources)
            resources["language_code"] = "zh-CN"  # nbconvert's own setting takes ISO 639-1 only ("zh")
            return resources

    template = "\n".join([
        "{%- extends 'index.html.j2' -%}",
        *[f"{{% block {name} %}}{{% endblock {name} %}}"
          for name in ("html_head_js", "html_head_js_mathjax", "html_head_js_mermaidjs", "jupyter_widgets")],
        # after the lab CSS, so that its rules win
        "{% block notebook_css %}{{ super() }}<style type=\"text/css\">{{ resources.juesuan_css }}</style>"
        "{% endblock notebook_css %}",
        # page_header escapes every text it is given
        "{% block body_header %}{{ super() }}{{ resources.juesuan_header }}{% endblock body_header %}",
        "{% block data_png scoped %}{{ super() | replace('<img src=', '<img alt=\"'"
        " ~ (output | get_metadata('alt', 'image/png') or '图表') | escape_html ~ '\" src=', 1) }}"
        "{% endblock data_png %}",
    ])
    return PageExporter(template_name="lab", extra_loaders=[DictLoader({"juesuan-offline.html.j2": template})],
                        template_file="juesuan-offline.html.j2", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True)


def report_css() -> str:
    """The stylesheet of the pages and the index (lib/juesuan/templates/report.css)."""
    from importlib.resources import files as package_files

    return package_files("juesuan").joinpath("templates", "report.css").read_text(encoding="utf-8")


def page_header(shell: dict | None) -> str:
    """The header of a page: links to the index and to the previous and next page of the same
    document (or collection), then what the page is about — `shell["identity"]`, pairs of
    (label, text) such as ("部门", "忻州市人力资源和社会保障局"), ("文件", "xinzhou-hrss-2022.txt").
    `shell["index"]`, `shell["prev"]`, `shell["next"]` are relative hrefs with a title
    ({"href": …, "title": …}); absent ones are left out. Every text and href is escaped."""
    if not shell:
        return ""
    from html import escape

    links = []
    if shell.get("index"):
        links.append(f'<a href="{escape(shell["index"])}">↑ 报告索引</a>')
    for rel, label in (("prev", "← 上一页"), ("next", "下一页 →")):
        target = shell.get(rel)
        if target:
            links.append(f'<a rel="{rel}" href="{escape(target["href"])}">{label}：{escape(target["title"])}</a>')
    identity = "".join(
        f'<span><span class="js-label">{escape(str(label))}</span>'
        f'{f"<strong>{escape(str(text))}</strong>" if i == 0 else escape(str(text))}</span>'
        for i, (label, text) in enumerate(shell.get("identity") or []) if text not in (None, ""))
    nav = f'<nav aria-label="报告导航">{"".join(links)}</nav>' if links else ""
    return f'<header class="js-shell">{nav}<p class="js-identity">{identity}</p></header>\n'


def chart_alt(output) -> str:
    """Alt text for a chart an output shows: its title (juesuan.plots.Chart's text form is
    `<Chart title>`), else a generic description."""
    text = output.get("data", {}).get("text/plain", "")
    text = "".join(text) if isinstance(text, list) else str(text)
    if text.startswith("<Chart ") and text.endswith(">") and text[7:-1].strip():
        return f"图表：{text[7:-1].strip()}"
    return "图表（由笔记本生成，标题见图中）"


def describe_charts(nb) -> None:
    """Every PNG output of the notebook gets its alt text (`chart_alt`) in its metadata, where the
    page template takes it from."""
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                # a NotebookNode copies a dict it is given: set the whole value, never a part of one kept
                metadata = dict(output.get("metadata") or {})
                png = metadata.get("image/png")
                png = dict(png) if isinstance(png, dict) else {}
                png.setdefault("alt", chart_alt(output))
                output["metadata"] = {**metadata, "image/png": png}


def notebook_html(nb, title: str, shell: dict | None = None) -> str:
    """An executed notebook (a NotebookNode) as the offline page, with its header (`page_header`)."""
    nb.metadata["title"] = title  # the template escapes it
    describe_charts(nb)
    body, _ = offline_exporter().from_notebook_node(nb, resources={"metadata": {"name": title},
                                                                   "juesuan_css": report_css(),
                                                                   "juesuan_header": page_header(shell)})
    return body


def run_notebook(notebook: Path, output: Path, page: Path, parameters: dict, title: str,
                 shell: dict | None = None, kernel=None, recorded_as: str | None = None) -> None:
    """papermill, then HTML (also of a notebook that failed, so its page shows where), with the
    header `shell` describes (`page_header`). With `kernel` (a `kernels.WarmKernel`), papermill
    runs the notebook in it, brought to a new kernel's state first; else in a kernel of its own.
    The executed notebook records where it is (`output`), or `recorded_as` where it will be (a
    Dask task's page, written into the output folder by the batch).

    papermill writes into a temp file as it goes; the executed notebook and the page appear whole
    or not at all (`juesuan.files`), so a run that is killed leaves nothing that looks finished."""
    import papermill

    engine = {}
    if kernel is not None:
        from . import kernels

        kernel.ready(notebook.parent)
        engine = {"engine_name": kernels.warm_engine(), "warm": kernel}
    # nbconvert takes a second to import: do it while the kernel runs the notebook.
    warm = threading.Thread(target=offline_exporter, daemon=True)
    warm.start()
    executed = files.temp_path(output)
    try:
        papermill.execute_notebook(str(notebook), str(executed), parameters=parameters, kernel_name=KERNEL,
                                   cwd=str(notebook.parent), execution_timeout=CELL_TIMEOUT,
                                   progress_bar=False, log_output=False, **engine)
    finally:
        warm.join()
        try:
            if executed.exists():
                _publish(executed, output, page, title, shell, recorded_as)
        finally:
            files.discard(executed)


def _publish(executed: Path, output: Path, page: Path, title: str, shell: dict | None = None,
             recorded_as: str | None = None) -> None:
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb.metadata.setdefault("papermill", {})["output_path"] = recorded_as or str(output)  # not papermill's temp name
    files.write_atomic(output, nbformat.writes(nb))
    files.write_atomic(page, notebook_html(nb, title, shell))
