"""Running the report pages of many documents: each step in a process of its own, `jobs` at once.

For every document a `prepare` step reads it (a document that cannot be read fails alone), then
each notebook runs as a `run` step (`juesuan.pages`), with an outer timeout that ends the step's
whole process group. `index.html` lists the documents with their headline figures and links.

    reports/index.html
    reports/<doc>/<NN-topic>.html     the page
    reports/<doc>/<NN-topic>.ipynb    the executed notebook
    reports/<doc>/<NN-topic>.json     its key figures (written by the notebook itself)
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ParameterError
from .pages import notebook_paths, notebook_title, run_notebook
from .report import open_document, safe_name

NOTEBOOK_TIMEOUT = 600  # seconds one notebook may take in all, start-up and HTML included
PREPARE_TIMEOUT = 300  # seconds to read (parse) one document before its notebooks run


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
    kind: str = ""  # 决算 or 预算
    status: str = "pending"  # ok | failed
    reason: str = ""
    pages: list[Page] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed" or any(p.status == "failed" for p in self.pages)


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
            command = [sys.executable, "-m", "juesuan.batch", "prepare", result.source]
            pending[pool.submit(_run, command, PREPARE_TIMEOUT)] = ("prepare", result, None)
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                step, result, page = pending.pop(future)
                code, out, err = future.result()
                bar.update(1)
                if step == "prepare":
                    _prepared(result, code, out, err, used_slugs)
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


def write_index(results: list[DocumentResult], out_dir: Path) -> Path:
    """index.html: one row per document (`juesuan.present.index_page`)."""
    from .present import index_page

    target = out_dir / "index.html"
    target.write_text(index_page(results, lambda slug, nb: (out_dir / slug / f"{nb}.html").exists()), encoding="utf-8")
    return target


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


def _prepared(result: DocumentResult, code: int, out: str, err: str, used: set[str]) -> None:
    if code != 0:
        result.status, result.reason = "failed", _last_line(err, code)
        result.slug = safe_name(Path(result.source).stem)
        return
    info = json.loads(out.strip().splitlines()[-1])
    result.doc_id, result.department, result.year = info["doc_id"], info["department"] or "", info["year"]
    result.kind = info.get("kind") or ""
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
    return [sys.executable, "-m", "juesuan.batch", "run", str(nb), str(directory / f"{nb.stem}.ipynb"),
            str(directory / f"{nb.stem}.html"), json.dumps(parameters, ensure_ascii=False), title]


def _read_figures(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("figures", {})
    except (OSError, ValueError):
        return {}


# --- one step, in a process of its own ------------------------------------------------------------------

def _worker(argv: list[str]) -> int:
    """`python -m juesuan.batch prepare SOURCE` / `… run NOTEBOOK OUTPUT PAGE PARAMS_JSON TITLE`:
    one step of the batch in a process of its own, so that a timeout can end it. Failure: the last
    line on stderr is the reason."""
    try:
        if argv[0] == "prepare":
            document = open_document(argv[1])
            meta = document.meta
            print(json.dumps({"doc_id": document.doc_id, "department": meta.get("department"), "year": meta.get("year"),
                              "kind": meta.get("kind"), "layout": meta.get("layout")}, ensure_ascii=False))
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


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1:]))
