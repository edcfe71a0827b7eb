"""The notebooks as batch HTML reports, and the helpers the notebooks call.

    juesuan report [PATH|DOC_ID …] [--all] [--jobs N] [-o reports/]

For every chosen document each notebook of `notebooks/` runs under papermill (an explicit kernel,
a timeout per cell and an outer one per notebook, in its own process) and becomes one HTML page
without code cells that opens offline; `reports/index.html` lists the documents with their
headline figures, findings by severity and links. A document or notebook that fails is shown as
failed in the index and the batch goes on; the command exits 1 at the end, saying how many failed.

    reports/index.html
    reports/<doc>/<NN-topic>.html     the page
    reports/<doc>/<NN-topic>.ipynb    the executed notebook
    reports/<doc>/<NN-topic>.json     its key figures (written by the notebook itself)
"""
from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
import unicodedata
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from . import catalog

KERNEL = "python3"  # the one kernelspec of the notebooks; resolved to the interpreter running the batch
CELL_TIMEOUT = 300  # seconds one cell may run (papermill's execution_timeout)
NOTEBOOK_TIMEOUT = 600  # seconds one notebook may take in all, start-up and HTML included
PREPARE_TIMEOUT = 300  # seconds to read (parse) one document before its notebooks run
SEVERITIES = ("error", "warning", "info")


class ParameterError(ValueError):
    """A notebook parameter that cannot be used; the message says which and why."""


# --- helpers for the notebooks -------------------------------------------------------------------

def notebooks_dir() -> Path:
    return catalog.project_root() / "notebooks"


def notebook_paths(directory: Path | None = None) -> list[Path]:
    """The report notebooks, NN-topic.ipynb in order."""
    return sorted(p for p in (directory or notebooks_dir()).glob("[0-9][0-9]-*.ipynb"))


def open_document(doc):
    """Check the notebook's `doc` parameter and load it: a catalog doc_id or a path to a file."""
    from .document import load
    from .readers.base import ReadError

    if not isinstance(doc, (str, os.PathLike)) or not str(doc).strip():
        raise ParameterError(f"参数 doc 应为 data/catalog.csv 中的 doc_id 或文件路径，而不是 {doc!r} "
                             f"/ parameter doc must be a catalog doc_id or a file path, not {doc!r}")
    try:
        return load(str(doc).strip())
    except ReadError as exc:
        raise ParameterError(f"参数 doc 无法读取 / parameter doc cannot be read: {exc}") from None


def check_out_dir(out_dir) -> str:
    if not isinstance(out_dir, (str, os.PathLike)):
        raise ParameterError(f"参数 out_dir 应为目录路径或空字符串 / parameter out_dir must be a path or '', not {out_dir!r}")
    return str(out_dir)


def safe_name(text: str, limit: int = 80) -> str:
    """A file name for any document name: letters, digits (any script), '.', '-' and '_' only,
    no leading dot, at most `limit` characters; a name that had to change gets a short hash so
    two different names never meet."""
    import hashlib

    normal = unicodedata.normalize("NFKC", str(text))
    cleaned = re.sub(r"[^\w.\-]+", "-", normal, flags=re.UNICODE).strip("-.") or "document"
    if cleaned != text or len(cleaned) > limit:
        digest = hashlib.sha256(str(text).encode("utf-8")).hexdigest()[:8]
        cleaned = f"{cleaned[:limit - 9]}-{digest}"
    return cleaned


def document_dir(document, out_dir: str = "") -> Path:
    """Where a document's pages and key figures go: `out_dir`, else reports/<doc>/ of the checkout."""
    return Path(out_dir) if out_dir else catalog.project_root() / "reports" / safe_name(document.doc_id)


def heading(document):
    """The document's name as an HTML heading, its text escaped (it comes from the document)."""
    from IPython.display import HTML

    meta = document.meta
    name = html.escape(str(meta.get("department") or meta["doc_id"]))
    detail = html.escape(f"{meta.get('year') or ''}年度部门{meta.get('kind') or ''} · {meta['doc_id']} · 版式 {meta.get('layout')}")
    return HTML(f"<h2>{name}</h2><p>{detail}</p>")


def save_key_figures(document, notebook: str, figures: dict, out_dir: str = "") -> str:
    """Write a notebook's key figures as JSON beside its page; returns the figures as JSON text.

    Amounts are exact decimal strings in 元, ratios (keys ending rate/share/ratio/variance) plain
    numbers (1.8416 = 184.16%)."""
    from .metrics import json_value

    clean = _jsonable(figures, json_value)
    payload = {"doc_id": document.doc_id, "department": document.meta.get("department"),
               "year": document.meta.get("year"), "notebook": notebook, "figures": clean}
    target = document_dir(document, out_dir) / f"{notebook}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return json.dumps(clean, ensure_ascii=False, indent=1)


def _jsonable(value, convert, key: str = ""):
    from .metrics import is_ratio_key

    if isinstance(value, dict):  # {"class_rate": {"教育支出": …}}: the children of a ratio key are ratios
        return {str(k): _jsonable(v, convert, key if is_ratio_key(key) else str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, convert, key) for v in value]
    return convert(key, value)


def evidence(findings):
    """Findings as a table to read: what the rule says, expected and found, and where (table, row,
    column and page, or the sentence quoted)."""
    import pandas as pd

    columns = {"rule_id": "规则", "severity": "严重程度", "status": "状态", "message_zh": "说明", "expected": "应为",
               "found": "实为", "difference": "差额", "tolerance": "容差"}
    view = findings.reindex(columns=list(columns)).rename(columns=columns)
    view["位置"] = [_where(locations) for locations in findings["locations"]] if len(findings) else []
    return view.reset_index(drop=True) if len(findings) else pd.DataFrame(columns=[*columns.values(), "位置"])


def _where(locations) -> str:
    parts = []
    for loc in locations or []:
        if loc.get("quote"):
            parts.append(f"“{loc['quote']}”" + (f"（第{loc['page']}页）" if loc.get("page") else ""))
            continue
        cell = " · ".join(str(loc[k]) for k in ("table", "code", "item", "column") if loc.get(k))
        parts.append(cell + (f"（第{loc['page']}页）" if loc.get("page") else ""))
    return "；".join(parts)


# --- one notebook, in its own process ----------------------------------------------------------------

def offline_exporter():
    """nbconvert's lab HTML without code cells and without anything fetched from a CDN: its
    template loads require.js, MathJax and mermaid from cdnjs and widgets from unpkg; these blocks
    are emptied, and the CSS and charts are inlined already."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    template = "\n".join([
        "{%- extends 'index.html.j2' -%}",
        *[f"{{% block {name} %}}{{% endblock {name} %}}"
          for name in ("html_head_js", "html_head_js_mathjax", "html_head_js_mermaidjs", "jupyter_widgets")],
    ])
    return HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"juesuan-offline.html.j2": template})],
                        template_file="juesuan-offline.html.j2", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True)


def notebook_to_html(notebook: Path, target: Path, title: str) -> None:
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    nb.metadata["title"] = title  # the template escapes it
    body, _ = offline_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    target.write_text(body, encoding="utf-8")


def run_notebook(notebook: Path, output: Path, page: Path, parameters: dict, title: str) -> None:
    """papermill, then HTML (also of a notebook that failed, so its page shows where)."""
    import threading

    import papermill

    # nbconvert takes a second to import: do it while the kernel runs the notebook.
    warm = threading.Thread(target=offline_exporter, daemon=True)
    warm.start()
    try:
        papermill.execute_notebook(str(notebook), str(output), parameters=parameters, kernel_name=KERNEL,
                                   cwd=str(notebook.parent), execution_timeout=CELL_TIMEOUT,
                                   progress_bar=False, log_output=False)
    finally:
        warm.join()
        if output.exists():
            notebook_to_html(output, page, title)


def _worker(argv: list[str]) -> int:
    """`python -m juesuan.report prepare SOURCE` / `… run NOTEBOOK OUTPUT PAGE PARAMS_JSON TITLE`:
    one step of the batch in a process of its own, so that a timeout can end it. Failure: the last
    line on stderr is the reason."""
    try:
        if argv[0] == "prepare":
            document = open_document(argv[1])
            meta = document.meta
            print(json.dumps({"doc_id": document.doc_id, "department": meta.get("department"), "year": meta.get("year"),
                              "layout": meta.get("layout")}, ensure_ascii=False))
        else:
            notebook, output, page, parameters, title = argv[1:6]
            run_notebook(Path(notebook), Path(output), Path(page), json.loads(parameters), title)
        return 0
    except Exception as exc:  # the reason, in one line, for the index
        print(_one_line(exc), file=sys.stderr)
        return 1


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, ParameterError):
        return " ".join(str(exc).split())[:500]
    name = getattr(exc, "ename", None) or type(exc).__name__
    value = getattr(exc, "evalue", None) or str(exc)
    text = f"{name}: {value}" if name not in str(value) else str(value)
    return " ".join(text.split())[:500]


# --- the batch ----------------------------------------------------------------------------------------

@dataclass
class Page:
    notebook: str  # stem, NN-topic
    title: str
    status: str = "pending"  # ok | failed | skipped
    reason: str = ""
    figures: dict = field(default_factory=dict)


@dataclass
class DocumentResult:
    source: str
    slug: str = ""
    doc_id: str = ""
    department: str = ""
    year: int | None = None
    status: str = "pending"  # ok | failed
    reason: str = ""
    pages: list[Page] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed" or any(p.status == "failed" for p in self.pages)


def _run(command: list[str], timeout: int) -> tuple[int, str, str]:
    """A subprocess in its own process group, ended whole when it outlives `timeout`."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return -1, "", f"timed out after {timeout} s"
    return process.returncode, out, err


def _last_line(stderr: str, code: int) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1] if lines else f"exited with code {code}"


def notebook_title(path: Path) -> str:
    """The notebook's H1 (its first markdown line), else its file stem."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            first = "".join(cell.get("source", "")).strip().splitlines()
            if first and first[0].startswith("# "):
                return first[0][2:].strip()
    return path.stem


def render_batch(sources: list[str], out_dir: Path, *, jobs: int = 1, notebooks: list[Path] | None = None,
                 timeout: int = NOTEBOOK_TIMEOUT, progress: bool | None = None) -> list[DocumentResult]:
    """Render every notebook for every source into `out_dir`, `jobs` processes at once; write the index."""
    from tqdm import tqdm

    notebooks = notebooks or notebook_paths()
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    titles = {nb.stem: notebook_title(nb) for nb in notebooks}
    results = [DocumentResult(source=str(s)) for s in sources]
    bar = tqdm(total=len(results) * (1 + len(notebooks)), desc="juesuan report", unit="step", file=sys.stderr,
               disable=(not sys.stderr.isatty()) if progress is None else not progress)
    used_slugs: set[str] = set()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        pending: dict[Future, tuple] = {}
        for result in results:
            command = [sys.executable, "-m", "juesuan.report", "prepare", result.source]
            pending[pool.submit(_run, command, PREPARE_TIMEOUT)] = ("prepare", result, None)
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                step, result, page = pending.pop(future)
                code, out, err = future.result()
                bar.update(1)
                if step == "prepare":
                    _prepared(result, code, out, err, titles, used_slugs)
                    if result.status == "failed":
                        bar.update(len(notebooks))
                        tqdm.write(f"✗ {result.source}: {result.reason}", file=sys.stderr)
                        continue
                    for nb in notebooks:
                        page = Page(nb.stem, titles[nb.stem])
                        result.pages.append(page)
                        pending[pool.submit(_run, _notebook_command(nb, result, page, out_dir), timeout)] = ("run", result, page)
                else:
                    page.status, page.reason = ("ok", "") if code == 0 else ("failed", _last_line(err, code))
                    page.figures = _read_figures(out_dir / result.slug / f"{page.notebook}.json")
                    if all(p.status != "pending" for p in result.pages):
                        result.status = "failed" if result.failed else "ok"
                        failed = [p for p in result.pages if p.status == "failed"]
                        mark = "✗" if failed else "✓"
                        tail = f" ({len(failed)} of {len(result.pages)} notebooks failed)" if failed else ""
                        tqdm.write(f"{mark} {result.doc_id}{tail}", file=sys.stderr)
    bar.close()
    write_index(results, out_dir)
    return results


def _prepared(result: DocumentResult, code: int, out: str, err: str, titles: dict, used: set[str]) -> None:
    if code != 0:
        result.status, result.reason = "failed", _last_line(err, code)
        result.slug = safe_name(Path(result.source).stem)
        return
    info = json.loads(out.strip().splitlines()[-1])
    result.doc_id, result.department, result.year = info["doc_id"], info["department"] or "", info["year"]
    slug = safe_name(result.doc_id)
    n = 2
    while slug in used:  # the same document twice, or two names that clean to one
        slug = f"{safe_name(result.doc_id)}-{n}"
        n += 1
    used.add(slug)
    result.slug = slug


def _notebook_command(nb: Path, result: DocumentResult, page: Page, out_dir: Path) -> list[str]:
    directory = out_dir / result.slug
    directory.mkdir(parents=True, exist_ok=True)
    parameters = {"doc": str(Path(result.source).resolve()) if Path(result.source).exists() else result.source,
                  "out_dir": str(directory)}
    title = f"{result.department or result.doc_id} {result.year or ''} · {page.title}"
    return [sys.executable, "-m", "juesuan.report", "run", str(nb), str(directory / f"{nb.stem}.ipynb"),
            str(directory / f"{nb.stem}.html"), json.dumps(parameters, ensure_ascii=False), title]


def _read_figures(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("figures", {})
    except (OSError, ValueError):
        return {}


# --- the index ----------------------------------------------------------------------------------------

INDEX_STYLE = """
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2em; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .45em .6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.failed { color: #b00020; }
.ok { color: #1b5e20; }
.links a { margin-right: .8em; white-space: nowrap; }
"""


# Which notebook's key figures give the index its columns.
INDEX_SOURCES = {"totals": "01-overview", "execution": "02-execution", "findings": "03-audit"}


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _amount(value) -> str:
    """An exact amount in 元 (a decimal string) as 万元 for the index."""
    if value in (None, ""):
        return "—"
    return f"{Decimal(str(value)) / 10000:,.2f}"


def _percent(value) -> str:
    return f"{value * 100:.2f}%" if isinstance(value, (int, float)) else "—"


def _link(slug: str, page: Page, exists: bool) -> str:
    """A page's link; a failed page is marked with its reason (and linked when it was written)."""
    href = f"{quote(slug)}/{quote(page.notebook)}.html"
    if page.status == "ok":
        return f'<a href="{href}">{_e(page.title)}</a>'
    name = f'<a class="failed" href="{href}">✗ {_e(page.title)}</a>' if exists else f'<span class="failed">✗ {_e(page.title)}</span>'
    return f'{name}<br><small class="failed">{_e(page.reason)}</small>'


def write_index(results: list[DocumentResult], out_dir: Path) -> Path:
    """index.html: one row per document; every text from a document is escaped."""
    rows = []
    for r in results:
        figures = {p.notebook: p.figures for p in r.pages}
        overview, execution = figures.get(INDEX_SOURCES["totals"], {}), figures.get(INDEX_SOURCES["execution"], {})
        findings = figures.get(INDEX_SOURCES["findings"], {}).get("findings_by_severity") or {}
        status = (f'<span class="failed">失败 failed</span><br>{_e(r.reason)}' if r.status == "failed" and not r.pages
                  else f'<span class="failed">部分失败 failed: {sum(p.status == "failed" for p in r.pages)}/{len(r.pages)}</span>'
                  if r.failed else '<span class="ok">完成 ok</span>')
        links = " ".join(_link(r.slug, p, (out_dir / r.slug / f"{p.notebook}.html").exists()) for p in r.pages)
        rows.append(
            "<tr>"
            f"<td>{_e(r.department) or _e(r.source)}<br><small>{_e(r.doc_id)}</small></td>"
            f"<td>{_e(r.year)}</td>"
            f"<td class='num'>{_amount(overview.get('income_total'))}</td>"
            f"<td class='num'>{_amount(overview.get('expenditure_total'))}</td>"
            f"<td class='num'>{_percent(execution.get('execution_rate'))}</td>"
            + "".join(f"<td class='num'>{_e(findings.get(s, '—'))}</td>" for s in SEVERITIES)
            + f"<td>{status}</td><td class='links'>{links}</td></tr>")
    failed = sum(r.failed for r in results)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>部门决算分析报告 · juesuan</title>
<style>{INDEX_STYLE}</style></head><body>
<h1>部门决算分析报告</h1>
<p>{len(results)} 个文件，{failed} 个失败 / {len(results)} documents, {failed} failed.
金额单位：万元；执行率 = 一般公共预算财政拨款支出决算 ÷ 年初预算。</p>
<table><thead><tr><th>部门 department</th><th>年度</th><th>本年收入合计</th><th>本年支出合计</th><th>预算执行率</th>
<th>错误 error</th><th>警告 warning</th><th>提示 info</th><th>状态 status</th><th>报告 pages</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
    target = out_dir / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


# --- the command ----------------------------------------------------------------------------------------

def _usage_error_class():
    """cli's UsageError — that of the module actually running: under `python -m juesuan.cli` it is
    `__main__`, whose class is not `juesuan.cli.UsageError`, and its handler catches only its own."""
    running = sys.modules.get("__main__")
    spec = getattr(running, "__spec__", None)
    if spec is not None and spec.name == "juesuan.cli":
        return running.UsageError
    from .cli import UsageError

    return UsageError


def cmd_report(args) -> int:
    """`juesuan report [PATH|DOC_ID …] [--all] [--jobs N] [-o DIR]`."""
    UsageError = _usage_error_class()
    if args.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {args.jobs}")
    sources = list(args.sources)
    if args.all:
        sources += [entry.doc_id for entry in catalog.entries() if entry.doc_id not in sources]
    if not sources:
        raise UsageError("give one or more PATH|DOC_ID, or --all for every document of data/catalog.csv")
    if not notebook_paths():
        raise UsageError(f"no notebooks NN-topic.ipynb in {notebooks_dir()}")
    results = render_batch(sources, args.output, jobs=args.jobs)
    index = args.output / "index.html"
    failed = [r for r in results if r.failed]
    pages = sum(len(r.pages) for r in results)
    if failed:
        print(f"juesuan report: {len(failed)} of {len(results)} documents failed; see {index}", file=sys.stderr)
        return 1
    documents = f"{len(results)} document{'s' if len(results) != 1 else ''}"
    print(f"juesuan report: {documents}, {pages} pages → {index}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1:]))
