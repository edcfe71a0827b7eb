"""A collection as a Frictionless Data Package: `datapackage.json`, one CSV per resource, a manifest.

    >>> col = juesuan.collection(department="江苏省/人民检察院")
    >>> written = datapackage.write(col, Path("out"))   # out/datapackage.json, facts.csv, … manifest.csv

Resources: `facts` (every printed figure, docs/facts.md), `claims` (every stated figure with its
verdict), `findings` (each document's own and those across documents, told apart by `scope`) and
`catalog` (the entries selected, the primary key the others' doc_id refers to). Exact decimals are
written as plain decimal strings in 元 (never floats, never exponents), missing values as empty
cells, a finding's locations as JSON text. `manifest.csv` (not a resource) lists every entry as
ok or failed with the reason, so one unreadable file costs its own rows only.

The facts' columns keep their names and say which Fiscal Data Package concept each carries (`fdp`
on the field: the columnType of the FDP 1.0rc1 budget taxonomy, the phase and direction words of
FDP 0.3); where the concept depends on the row (the phase a column names, the direction of a table
without a side, the classification a table's codes follow) the field's `fdp` says how.
"""
from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pandas as pd

from . import files
from .checks.across import decide
from .checks.engine import ECONOMIC_TABLES
from .corpus import Collection
from .errors import ParameterError

NAME = "juesuan-collection"
FDP_SPEC = "https://specs.frictionlessdata.io/fiscal-data-package/"

# Tables whose codes are 支出经济分类: the engine's, and the Jiangsu budget's 经济科目 tables (docs/facts.md).
ECONOMIC_CODE_TABLES = (*ECONOMIC_TABLES, "fiscal_basic_economic", "running_costs")
FUNCTIONAL_CODE_TABLES = ("income", "expenditure", "general_budget_expenditure", "government_fund", "state_capital",
                          "fiscal_expenditure")
# The direction of a table that prints no side: all of one direction, or left out (government_fund
# prints 本年收入 beside its spending, Shanghai's state_capital its 收入 and 支出 columns).
REVENUE_TABLES = ("income",)
EXPENDITURE_TABLES = ("expenditure", "general_budget_expenditure", "general_budget_economic", "basic_expenditure",
                      "fiscal_expenditure", "fiscal_basic_economic", "three_public", "running_costs", "procurement")
# Columns that name their own phase. The 三公 table's 预算数 is the 全年预算数 "按规定程序调整后的预算数"
# (its printed note); in a 项目支出绩效自评表 目标申报数 comes from the project's 目标申报表 and 预算编制数
# from its 预算支出明细表 (the table's 备注 1–3).
PHASE_BY_COLUMN = {"预算数": "adjusted", "年初预算数/目标申报数": "proposed", "年初预算数/预算编制数": "approved",
                   "全年预算数": "adjusted", "全年执行数": "executed"}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Table Schema type
    title: str  # Chinese
    description: str  # English
    constraints: dict = field(default_factory=dict)

    def schema(self) -> dict:
        out = {"name": self.name, "type": self.type, "title": self.title, "description": self.description}
        if self.type == "number":
            out["bareNumber"] = True
        if self.constraints:
            out["constraints"] = self.constraints
        return out


WHO = [
    Field("doc_id", "string", "文档编号", "The document's catalog id (resource catalog).", {"required": True}),
    Field("department_id", "string", "部门编号",
          "The department's stable id across years: region and short name (江苏省/人民检察院)."),
    Field("year", "integer", "年度", "The fiscal year the document reports (a calendar year)."),
    Field("kind", "string", "类型", "决算 (final account) or 预算 (budget).", {"enum": ["决算", "预算"]}),
    Field("level", "string", "级次", "部门 (a department's account, its units consolidated) or 单位 (one unit's).",
          {"enum": ["部门", "单位"]}),
]

FACT_FIELDS = WHO + [
    Field("table", "string", "表", "Canonical table key (docs/facts.md): income, general_budget_expenditure, performance_1 …"),
    Field("side", "string", "收支", "收入 / 支出 in the two-sided summary tables (01, 04; a budget's 支出用途 block too), else empty."),
    Field("code", "string", "科目编码", "Subject code digits joined (2080505, 30101); empty where the row prints none."),
    Field("item", "string", "项目", "The printed row label, all whitespace removed (wrapped cells joined): 中等职业教育, 合计."),
    Field("column", "string", "栏目", "The layout's canonical name for the printed column label (决算数, 本年预算数, 基本支出 …)."),
    Field("value", "number", "数值", "Exact decimal; in 元 when unit_source is a money unit (元/万元/亿元, scaled exactly), "
          "else the printed number in its own unit (辆, 台(套), %, 分)."),
    Field("unit_source", "string", "原单位", "The unit the figure was printed in."),
    Field("page", "integer", "页码", "1-based page of the source; empty for sources without pages (text export, HTML)."),
    Field("decimals", "integer", "小数位数", "How many decimals the figure was printed with (2,940.05 万元 → 2): "
          "the audit's rounding tolerance comes from it."),
]

# The Fiscal Data Package concept of each facts column that carries one: the columnType of the FDP
# 1.0rc1 budget taxonomy, the phase and direction words of FDP 0.3, and how a row decides where it
# is the row's table or column that does.
FACT_FDP = {
    "department_id": {"concept": "administrative classification", "columnType": "administrative-classification:generic:code"},
    "year": {"concept": "fiscal period", "columnType": "date:fiscal-year"},
    "kind": {"concept": "phase", "columnType": "phase:id", "values": {"决算": "executed", "预算": "approved"},
             "byColumn": PHASE_BY_COLUMN,
             "note": "A fact's phase is its document's kind, unless its column names a phase of its own (byColumn)."},
    "side": {"concept": "direction", "columnType": "direction",
             "values": {"收入": "revenue", "支出": "expenditure", "支出用途": "expenditure"},
             "byTable": {"revenue": list(REVENUE_TABLES), "expenditure": list(EXPENDITURE_TABLES)},
             "note": "A row without a side takes its table's direction (byTable); the other tables mix directions."},
    "code": {"concept": "functional or economic classification",
             "byTable": {"functional-classification:generic:code": list(FUNCTIONAL_CODE_TABLES),
                         "economic-classification:generic:code": list(ECONOMIC_CODE_TABLES)},
             "note": "政府收支分类科目: 支出功能分类 codes in the functional tables, 支出经济分类 codes in the economic ones."},
    "item": {"concept": "classification label", "labelOf": "code"},
    "value": {"concept": "amount", "columnType": "value", "currency": "CNY", "unit": "元", "factor": 1,
              "note": "An amount where unit_source is 元, 万元 or 亿元; a count, rate or score otherwise."},
}

# A claim's own kind, year and level are prefixed: the document's stand first (Collection.long).
CLAIM_FIELDS = WHO + [
    Field("claim_id", "string", "陈述编号", "Section, sentence and figure number within the document (01-001-01)."),
    Field("quote", "string", "原句", "The sentence as printed."),
    Field("section", "string", "章节", "The narrative section heading."),
    Field("subsection", "string", "小节", "The subsection heading, empty where none."),
    Field("page", "integer", "页码", "1-based page; empty for sources without pages."),
    Field("claim_kind", "string", "陈述类型",
          "What the figure states: amount, share, yoy_change, yoy_rate, prior_amount, budget_amount, completion_rate, "
          "control_rate, count, score, grade."),
    Field("subject", "string", "主题", "What the figure is about (收入总计, a 功能分类 subject …)."),
    Field("basis", "string", "比较基准", "What a change, share or completion is taken against (2021, 上年决算, 年初预算 …)."),
    Field("stated", "string", "所述数值", "The figure as printed, separators removed (a grade: its word)."),
    Field("unit", "string", "单位", "The printed unit (元, 万元, %, 个 …)."),
    Field("value_yuan", "number", "金额（元）", "A money figure in 元, exact; empty for others."),
    Field("decimals", "integer", "小数位数", "How many decimals the figure was printed with."),
    Field("direction", "string", "增减", "The direction a year-on-year statement names (增加, 减少, 持平 …)."),
    Field("claim_year", "integer", "比较年度", "The year a year-on-year statement compares with."),
    Field("fund", "string", "资金", "The fund the sentence speaks of, where it names one."),
    Field("code", "string", "科目编码", "The 支出功能分类 code of the subject, where it names one."),
    Field("claim_level", "string", "科目级次", "The subject's level in the classification: 类, 款 or 项."),
    Field("missing_percent_sign", "boolean", "缺百分号", "A rate printed without its % sign."),
    Field("verdict", "string", "核对结论", "ok, mismatch or unverifiable.", {"enum": ["ok", "mismatch", "unverifiable"]}),
    Field("computed", "string", "核算值", "What the tables give: an exact decimal, or a grade's word; empty when unverifiable."),
    Field("difference", "number", "差额", "Stated minus computed, exact."),
    Field("tolerance", "number", "容差", "The rounding tolerance the comparison allowed (half a printed unit of each figure)."),
    Field("note", "string", "说明", "Which table figure was compared, or why the claim cannot be checked."),
    Field("decided_by", "string", "判定文档", "The other document that decided the verdict (checks across documents); "
          "empty when the document's own tables did."),
]

FINDING_FIELDS = WHO + [
    Field("scope", "string", "范围", "文档内 document: a check within the document; 跨文档 across: a check across "
          "documents (with other_doc_id).", {"required": True, "enum": ["document", "across"]}),
    Field("other_doc_id", "string", "对照文档编号", "The other document of a check across documents; empty otherwise."),
    Field("rule_id", "string", "规则编号", "The rule's id (RULES.md: T…, B…, S…, X…, N…, P…, F…)."),
    Field("severity", "string", "严重程度", "error, warning or info."),
    Field("status", "string", "状态", "fail, or insufficient_data (the figures the rule needs are not all printed)."),
    Field("message_zh", "string", "说明（中文）", "The finding in Chinese."),
    Field("message_en", "string", "说明（英文）", "The finding in English."),
    Field("expected", "string", "应为", "What the rule expects: an exact decimal or a name."),
    Field("found", "string", "印为", "What the document prints: an exact decimal or a name."),
    Field("difference", "number", "差额", "Found minus expected, exact; empty where not two figures."),
    Field("tolerance", "number", "容差", "The tolerance allowed, exact; empty where none applies."),
    Field("locations", "string", "位置", "JSON text: a list of objects, one per figure involved: a table cell "
          "(table, code, item, column, page) or a sentence (quote, page; figure: the figure it states, separators "
          "removed; compared: the table cells it was compared with, each table, side, code, item, column and page "
          "of the document); part and part_page too for a document in several files."),
    Field("source", "string", "来源", "What a document's own finding checks: table, narrative, performance or form; "
          "empty across documents."),
]

CATALOG_FIELDS = WHO[:2] + [
    Field("department", "string", "部门名称", "The department's name as printed."),
    Field("region", "string", "地区", "The region read from the front of the printed name (江苏省, 忻州市)."),
] + WHO[2:] + [
    Field("layout", "string", "版式", "The layout juesuan read it with (national, shanghai, jiangsu_budget, shanghai_budget)."),
    Field("parts", "integer", "文件数", "How many files the disclosure was published in."),
    Field("file", "string", "文件", "The file as catalogued (relative to the catalog's folder, or absolute; parts joined by ;)."),
    Field("url", "string", "来源网址", "Where it was published, where known."),
    Field("sha256", "string", "SHA-256", "The file's sha256 (several parts: the hash of their sha256s)."),
]

MANIFEST_COLUMNS = ["document", "status", "reason"]
DOC_KEY = {"fields": ["doc_id"], "reference": {"resource": "catalog", "fields": ["doc_id"]}}
# name → (title, fields, keys): the resources in the order written and described.
RESOURCES = {
    "facts": ("事实 (facts): every figure printed in the tables, one row each", FACT_FIELDS,
              {"foreignKeys": [DOC_KEY]}),
    "claims": ("陈述 (claims): every figure the narrative states, with its verdict", CLAIM_FIELDS,
               {"primaryKey": ["doc_id", "claim_id"], "foreignKeys": [DOC_KEY]}),
    "findings": ("发现 (findings): what fails or cannot be checked, within and across documents", FINDING_FIELDS,
                 {"foreignKeys": [DOC_KEY, {"fields": ["other_doc_id"], "reference": DOC_KEY["reference"]}]}),
    "catalog": ("目录 (catalog): the documents selected", CATALOG_FIELDS, {"primaryKey": ["doc_id"]}),
}
FILES = (*(f"{name}.csv" for name in RESOURCES), "manifest.csv", "datapackage.json")  # the descriptor last


@dataclass(frozen=True)
class Written:
    """What `write` wrote: the descriptor's path and what the package holds."""

    descriptor: Path
    documents: int
    failures: list[tuple[str, str]]
    facts: int


def write(col: Collection, out: Path) -> Written:
    """Write the collection's package into folder `out` (made if missing), each file atomically and
    the descriptor last; other files in `out` are left alone."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ParameterError(f"{out} 是文件，数据包须写入文件夹 ({out} is a file; give a folder for the data package)")
    read = [path for path in (col.catalog, *(p for e in col.entries for p in e.paths)) if path.exists()]
    for name in FILES:
        target = out / name
        if target.exists() and any(target.samefile(path) for path in read):
            raise ParameterError(f"{target} 是本次导出所读的文件 ({target} is a file this export reads; "
                                  "give another folder for the data package)")
    tables = collection_to_tables(col)
    texts = {f"{name}.csv": frame_to_csv(tables[name], [f.name for f in fields])
             for name, (_, fields, _) in RESOURCES.items()}
    texts["manifest.csv"] = frame_to_csv(manifest(col), MANIFEST_COLUMNS)
    texts["datapackage.json"] = json.dumps(descriptor(col, tables), ensure_ascii=False, indent=2) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        files.remove_temps(out, Path(name).stem)  # what an export killed here before left
        files.write_atomic(out / name, texts[name])
    return Written(out / "datapackage.json", len(col.entries), list(col.failures), len(tables["facts"]))


def collection_to_tables(col: Collection) -> dict[str, pd.DataFrame]:
    """The four resources as frames (loading the documents)."""
    entries = {e.doc_id: e for e in col.entries}
    own = col.long("findings").assign(scope="document")
    cross = col.cross_findings.assign(scope="across")
    for key in ("department_id", "year", "kind", "level"):
        cross[key] = [getattr(entries[doc_id], key) for doc_id in cross["doc_id"]]
    found = [frame for frame in (own, cross) if len(frame)]
    return {
        "facts": col.facts,
        "claims": decide(col.long("claims"), col.cross_audit),  # what other documents decided, with decided_by
        "findings": pd.concat(found, ignore_index=True) if found else own,
        "catalog": pd.DataFrame([{f.name: getattr(e, f.name) for f in CATALOG_FIELDS} for e in col.entries]),
    }


def manifest(col: Collection) -> pd.DataFrame:
    """One row per entry: ok, or failed with the one-line reason."""
    loaded = col.documents  # loading them is what records the failures
    failed = dict(col.failures)
    return pd.DataFrame([{"document": e.doc_id, "status": "ok" if e.doc_id in loaded else "failed",
                          "reason": failed.get(e.doc_id, "")} for e in col.entries], columns=MANIFEST_COLUMNS)


def descriptor(col: Collection, tables: dict[str, pd.DataFrame]) -> dict:
    """The datapackage.json of these tables."""
    years = col.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    count, departments = len(col.entries), len(col.department_ids)
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "部门决算与部门预算数据集 (juesuan collection of departmental final accounts and budgets)",
        "description": f"部门决算/预算 {count} 份（{departments} 个部门，{span} 年），金额为精确小数，单位元 "
                       f"(read by juesuan; documents: {count}, departments: {departments}, years: {span}; "
                       f"amounts as exact decimals in 元).",
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "keywords": ["部门决算", "部门预算", "final accounts", "budgets", "fiscal data"],
        "fiscal": {"specification": FDP_SPEC, "resource": "facts", "countryCode": "cn", "granularity": "aggregated",
                   "note": "Each facts field's fdp names the Fiscal Data Package concept it carries."},
        "resources": [_resource(name, title, fields, keys, len(tables[name]))
                      for name, (title, fields, keys) in RESOURCES.items()],
    }


def _resource(name: str, title: str, fields: list[Field], keys: dict, rows: int) -> dict:
    schemas = [f.schema() | ({"fdp": FACT_FDP[f.name]} if name == "facts" and f.name in FACT_FDP else {})
               for f in fields]
    return {"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": title, "description": f"{rows} rows",
            "schema": {"fields": schemas, "missingValues": [""], **keys}}


def frame_to_csv(frame: pd.DataFrame, columns: list[str]) -> str:
    """CSV text of these columns (absent ones empty): exact decimals plain, JSON for lists and dicts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    rows = frame.reindex(columns=columns).itertuples(index=False, name=None)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue()


def _cell(value) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):  # a column one part of a concatenation lacks
            return ""
        raise TypeError(f"a float ({value!r}) where exact decimals are written")
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=_json_value)
    return str(value)


def _json_value(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if value is pd.NA:
        return None
    raise TypeError(f"{type(value).__name__} in a location")
