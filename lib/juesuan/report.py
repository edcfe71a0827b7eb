"""What a notebook calls: its parameters checked, the document loaded, a heading, key figures saved.

    doc = report.open_document(doc)          # the `doc` parameter: a catalog doc_id or a path
    out_dir = report.check_out_dir(out_dir)
    report.heading(document)                 # the department as an HTML heading
    report.cross_checks(document)            # against the department's other catalogued documents
    report.save_key_figures(document, "01-overview", {...}, out_dir)

A collection notebook takes a catalog selection instead: a department's years (06-trends) or one
year's departments (07-peers).

    collection = report.open_collection(catalog, department=department, years=years)
    collection = report.open_collection(catalog, year=year, region=region, kind=kind)
    report.collection_heading(collection)
    report.save_key_figures(collection, "06-trends", {...}, out_dir)

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
    detail = html.escape(f"{meta.get('year') or ''}年度{level}{meta.get('kind') or ''} · {meta['doc_id']} · 版式：{layout_name(meta)}")
    note = f"<p><em>{html.escape(BUDGET_NOTE.format(level=level))}</em></p>" if meta.get("kind") == "预算" else ""
    return HTML(f"<h2>{name}</h2><p>{detail}</p>{note}")


def layout_name(meta: dict) -> str:
    """The document's layout as a reader calls it, its id beside: 上海市九表格式（shanghai）."""
    from .layouts import get

    try:
        return f"{get(meta['layout']).name}（{meta['layout']}）"
    except KeyError:
        return str(meta.get("layout") or "未识别")


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


def save_key_figures(subject, notebook: str, figures: dict, out_dir: str = "") -> str:
    """Write a notebook's key figures as JSON beside its page (atomically: a page killed halfway
    leaves no half a file); returns the figures as JSON text. `subject` is the Document, or the
    Collection of a collection notebook (the payload then names its selection).

    Amounts are exact decimal strings in 元, ratios (keys ending rate/share/ratio/variance) plain
    numbers (1.8416 = 184.16%)."""
    from .corpus import Collection

    clean = _jsonable(figures)
    if isinstance(subject, Collection):
        payload = {"selection": selection_of(subject), "notebook": notebook, "figures": clean}
        target = collection_dir(subject, out_dir) / f"{notebook}.json"
    else:
        payload = {"doc_id": subject.doc_id, "department": subject.meta.get("department"),
                   "year": subject.meta.get("year"), "notebook": notebook, "figures": clean}
        target = document_dir(subject, out_dir) / f"{notebook}.json"
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


# --- collection notebooks -------------------------------------------------------------------------------

def select_collection(catalog="", *, department=None, years=None, year=None, region=None, kind=None):
    """The documents a collection notebook's parameters choose, not read yet: a department's years
    (`department`, optionally `years`: 2019, "2017-2019", "2017,2019") or one year's departments
    (`year`, optionally `region` and `kind`). One document per department, year and kind: the
    部门 one where a department also publishes its 单位 ones (the 部门 document holds its units).
    Departments side by side compare like with like: a year that has both kinds needs `kind`.

    `catalog` is a catalog CSV's path (relative to the working directory; "" = the catalog in use)."""
    from . import corpus

    if not isinstance(catalog, (str, os.PathLike)):
        raise ParameterError(f"参数 catalog 应为目录文件（catalog CSV）的路径或空字符串 / parameter catalog must be a path or '', not {catalog!r}")
    for name, value in (("region", region), ("kind", kind)):
        if value is not None and not isinstance(value, str):
            raise ParameterError(f"参数 {name} 应为文字或空字符串 / parameter {name} must be text or '', not {value!r}")
    if department is not None:
        if not isinstance(department, str) or not department.strip():
            raise ParameterError(f"参数 department 应为部门编号（如 江苏省/人民检察院）或部门名称 / parameter department "
                                 f"must be a department id (江苏省/人民检察院) or name, not {department!r}")
        criteria = {"department": department.strip(), "years": years or None}
    else:
        criteria = {"years": _year(year), "region": region or None}
    try:
        chosen = corpus.collection(catalog=str(catalog).strip() or None, kind=kind or None, **criteria)
    except ReadError as exc:
        raise ParameterError(f"参数 catalog 无法读取 / parameter catalog cannot be read: {exc}") from None
    entries = whole_departments(chosen.entries)
    kinds = sorted({e.kind for e in entries})
    if department is None and len(kinds) > 1:
        raise ParameterError(f"{year} 年既有决算也有预算，请用参数 kind 选一种 / {year} has both kinds: "
                             f"set the parameter kind to 决算 or 预算, so that departments compare like with like")
    return corpus.Collection(entries, chosen.catalog)


def whole_departments(entries: list) -> list:
    """One entry per department, year and kind: the 部门 one where there is one."""
    best: dict[tuple, object] = {}
    for entry in entries:
        key = (entry.department_id, entry.year, entry.kind)
        if key not in best or (best[key].level != "部门" and entry.level == "部门"):
            best[key] = entry
    return [e for e in entries if best[(e.department_id, e.year, e.kind)] is e]


def _year(year) -> int:
    text = str(year).strip() if isinstance(year, (int, str)) and not isinstance(year, bool) else ""
    if not text.isdigit():
        raise ParameterError(f"参数 year 应为年度（如 2019）/ parameter year must be a year such as 2019, not {year!r}")
    return int(text)


def open_collection(catalog="", **criteria):
    """`select_collection`, its documents read (a document that cannot be read is left out and kept
    in `collection.failures`; none readable is one line)."""
    from . import checks  # noqa: F401  (gives the documents their audit, collections their checks across documents)

    collection = select_collection(catalog, **criteria)
    if not collection.documents:
        doc_id, reason = collection.failures[0]
        raise ParameterError(f"所选文件都无法读取 / none of the documents chosen can be read; {doc_id}: {reason}")
    return collection


def selection_of(collection) -> dict:
    """What a collection page was made from, for its key figures."""
    return {"department_ids": collection.department_ids, "years": collection.years,
            "kinds": sorted({e.kind for e in collection.entries}), "doc_ids": [e.doc_id for e in collection.entries]}


def collection_slug(collection) -> str:
    """Where a collection's pages go below reports/: trends/<department> for one department's
    years, peers/<year>-<kind> for one year's departments."""
    if len(collection.department_ids) == 1:
        return f"trends/{safe_name(collection.department_ids[0].replace('/', '-'))}"  # region-name
    kinds = sorted({e.kind for e in collection.entries})
    return f"peers/{safe_name('-'.join([*map(str, collection.years), *kinds]))}"


def collection_dir(collection, out_dir: str = "") -> Path:
    return Path(out_dir) if out_dir else catalog.project_root() / "reports" / collection_slug(collection)


COLLECTION_BUDGET_NOTE = ("这些都是预算：表中印的是预算数，比较的是各年（或各部门）安排了多少，而不是实际花了多少。"
                          " / Budgets only: these compare what was planned, not what was spent.")


def collection_heading(collection):
    """The collection as an HTML heading: the department and its years, or the year and its
    departments; which documents, and which could not be read."""
    from IPython.display import HTML

    entries = collection.entries
    kinds = "、".join(sorted({e.kind for e in entries}))
    years = collection.years
    span = f"{years[0]}–{years[-1]}年" if len(years) > 1 else f"{years[0]}年"
    if len(collection.department_ids) == 1:
        title = entries[-1].department or collection.department_ids[0]
        detail = f"{span} · {len(entries)} 份{kinds} · {collection.department_ids[0]} · 目录 {collection.catalog.name}"
    else:
        regions = "、".join(sorted({e.region for e in entries if e.region}))
        title = f"{span}{kinds} · {len(collection.department_ids)} 个部门"
        detail = f"{regions} · 目录 {collection.catalog.name}"
    parts = [f"<h2>{html.escape(title)}</h2>", f"<p>{html.escape(detail)}</p>"]
    if kinds == "预算":
        parts.append(f"<p><em>{html.escape(COLLECTION_BUDGET_NOTE)}</em></p>")
    for doc_id, reason in collection.failures:
        parts.append(f"<p><strong>未能读取 / not read:</strong> {html.escape(doc_id)}: {html.escape(reason)}</p>")
    return HTML("".join(parts))
