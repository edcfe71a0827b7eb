"""What a notebook calls: its parameters checked, the document loaded, a heading, key figures saved.

    doc = report.open_document(doc)          # the `doc` parameter: a catalog doc_id or a path
    out_dir = report.check_out_dir(out_dir)
    report.heading(document)                 # the department as an HTML heading
    report.cross_checks(document)            # against the department's other catalogued documents
    report.save_key_figures(document, "01-overview", {...}, out_dir)

Running the notebooks for many documents is `juesuan.batch`; how things look is `juesuan.present`.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import unicodedata
from pathlib import Path

from . import catalog, files
from .errors import ParameterError, ReadError


def open_document(doc):
    """Check the notebook's `doc` parameter and load it: a catalog doc_id or a path to a file."""
    from . import checks  # noqa: F401  (gives the document its audit)
    from .document import load

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
    normal = unicodedata.normalize("NFKC", str(text))
    cleaned = re.sub(r"[^\w.\-]+", "-", normal, flags=re.UNICODE).strip("-.") or "document"
    if cleaned != text or len(cleaned) > limit:
        digest = hashlib.sha256(str(text).encode("utf-8")).hexdigest()[:8]
        cleaned = f"{cleaned[:limit - 9]}-{digest}"
    return cleaned


def document_dir(document, out_dir: str = "") -> Path:
    """Where a document's pages and key figures go: `out_dir`, else reports/<doc>/ of the checkout."""
    return Path(out_dir) if out_dir else catalog.project_root() / "reports" / safe_name(document.doc_id)


BUDGET_NOTE = ("这是一份{level}预算：表中印的是预算数。预算执行率（决算 ÷ 预算）和三公经费的执行情况要用同年的{level}决算才能计算，"
               "本页只列预算能说明的内容（结构、基本与项目、人员与公用、三公与机关运行经费预算、说明所述的比上年增减）。"
               " / A budget: its tables print budget figures; execution needs the same year's final account.")


def heading(document):
    """The document's name as an HTML heading, its text escaped (it comes from the document); a
    budget says in one sentence what it cannot show."""
    from IPython.display import HTML

    meta = document.meta
    level = meta.get("level") or "部门"
    name = html.escape(str(meta.get("department") or meta["doc_id"]))
    detail = html.escape(f"{meta.get('year') or ''}年度{level}{meta.get('kind') or ''} · {meta['doc_id']} · 版式 {meta.get('layout')}")
    note = f"<p><em>{html.escape(BUDGET_NOTE.format(level=level))}</em></p>" if meta.get("kind") == "预算" else ""
    return HTML(f"<h2>{name}</h2><p>{detail}</p>{note}")


def cross_checks(document):
    """The checks across documents of a catalogued document as a table to read (`present.evidence`,
    each location naming its document), or a sentence saying why there are none."""
    from IPython.display import Markdown

    from . import present
    from .checks.across import audit_in_catalog

    audit = audit_in_catalog(document)
    if audit is None:
        return Markdown("本文件不在目录中，未做跨文档核对。*(The document is not in the catalog: no checks across documents.)*")
    named = {o for v in audit.outcomes["other_doc_id"] for o in v.split(";") if o}
    others = sorted((named | set(audit.findings["doc_id"]) | set(audit.findings["other_doc_id"])) - {document.doc_id})
    if not others:
        return Markdown("目录中没有可对照的本部门其他文件（上年的预算或决算、同年的预算），无从跨文档核对。"
                        "*(No other document of this department in the catalog to compare with.)*")
    if not len(audit.findings):
        return Markdown(f"与 {'、'.join(others)} 对照，没有不符之处。*(No disagreement with {', '.join(others)}.)*")
    return present.evidence(audit.findings)


def save_key_figures(document, notebook: str, figures: dict, out_dir: str = "") -> str:
    """Write a notebook's key figures as JSON beside its page (atomically: a page killed halfway
    leaves no half a file); returns the figures as JSON text.

    Amounts are exact decimal strings in 元, ratios (keys ending rate/share/ratio/variance) plain
    numbers (1.8416 = 184.16%)."""
    clean = _jsonable(figures)
    payload = {"doc_id": document.doc_id, "department": document.meta.get("department"),
               "year": document.meta.get("year"), "notebook": notebook, "figures": clean}
    target = document_dir(document, out_dir) / f"{notebook}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    files.write_atomic(target, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    return json.dumps(clean, ensure_ascii=False, indent=1)


def _jsonable(value, key: str = ""):
    from .present import is_ratio_key, json_value

    if isinstance(value, dict):  # {"class_rate": {"教育支出": …}}: the children of a ratio key are ratios
        return {str(k): _jsonable(v, key if is_ratio_key(key) else str(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, key) for v in value]
    return json_value(key, value)
