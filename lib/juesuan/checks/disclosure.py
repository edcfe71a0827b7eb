"""The disclosure checklist (公开情况检查表): does a document print every part its layout and kind
require — cover, contents, 主要职能, 机构设置, the 情况说明, each table, the 三公 and 机关运行经费
explanations, 政府采购, 国有资产, 绩效, 名词解释 — where, and which findings fall inside each part.

One checklist per layout, as data (`CHECKLISTS`); one engine (`document_to_checklist`). A part is
found in the document's outline (`narrative.blocks_to_outline`: the cover, the 目录 line, the
headings and title lines after the contents) or, for a table, in `meta["tables"]`. A part a file
cannot be examined for — a tables-only file has no 说明 to look in (`meta["lacks"]`) — is
无法判断 (insufficient_data), never 否 and never a silent pass.

    >>> doc.checklist   # item_id, part_zh, part_en, required, present 是/否/无法判断, conforms, page, pages, evidence, findings, note

Sources. National and Jiangsu lists: 《地方预决算公开操作规程》(财预〔2016〕143号) — 部门预决算 print
their tables and a 说明 of the department's 职责 and 机构设置, the changes in income and spending,
机关运行经费, 政府采购, 国有资产占用 and 绩效, with a 名词解释. Shanghai budgets: the 普陀区财政局
“部门预算公开情况检查表” (../shared/corpus/raw/shanghai-putuo_sifaju_2026_yusuan-dept.xlsx) and the
templates' contents pages. Shanghai final accounts: the 2024 template's contents
(shanghai_TEMPLATE_2024_juesuan-template.pdf).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .. import layouts, narrative
from ..readers.base import Grid, Line
from .rules import SEVERITIES

CHECKLIST_COLUMNS = ["item_id", "part_zh", "part_en", "required", "present", "conforms", "page", "pages",
                     "evidence", "findings", "note"]
LEVELS = ("部门", "单位")
# How a part is recognised, and which half of a disclosure prints it: a file lacking that half
# (meta["lacks"]: "narrative" or "tables") cannot be examined for the part.
HOW = {
    "cover": ("the first page's lines before the contents or the first heading name a 决算 or 预算", "narrative"),
    "contents": ("a 目录 line", "narrative"),
    "heading": ("the first heading or title line after the contents that a pattern of `headings` finds "
                "(re.search, whitespace removed)", "narrative"),
    "tables": ("one row per table of the layout spec, by its printed title: meta['tables'][key]['status']", "tables"),
}
HALF_WORDS = {"narrative": ("说明（文字）部分", "narrative"), "tables": ("表格部分", "tables")}
# A heading's ordinal: 一、 … 十四、 or （一） … — parts inside the 说明 are numbered
ORDINAL = r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"


@dataclass(frozen=True)
class Part:
    id: str
    zh: str
    en: str
    how: str = "heading"  # a key of HOW
    headings: tuple[str, ...] = ()  # how="heading": patterns, searched in each heading and title line
    severity: str = "warning"  # of the D.missing_part finding when a required part is missing
    levels: tuple[str, ...] = LEVELS  # the levels (部门/单位) that must print it
    within: tuple[str, ...] = ()  # the parts it is printed inside: a finding in it is one of theirs too
    note: str = ""  # why a level need not print it

    def __post_init__(self):
        if self.how not in HOW:
            raise ValueError(f"part {self.id}: unknown how {self.how!r}; one of {sorted(HOW)}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"part {self.id}: unknown severity {self.severity!r}")
        if not set(self.levels) <= set(LEVELS) or (self.how == "heading") != bool(self.headings):
            raise ValueError(f"part {self.id}: bad levels or headings")
        for pattern in self.headings:
            re.compile(pattern)


@dataclass(frozen=True)
class Checklist:
    layout: str  # the layout spec whose documents it checks (`layouts.get`)
    parts: tuple[Part, ...]  # in print order; the part of how="tables" stands for the layout's tables

    def __post_init__(self):
        ids = [p.id for p in self.parts]
        if len(ids) != len(set(ids)) or [p.how for p in self.parts].count("tables") != 1:
            raise ValueError(f"checklist {self.layout}: duplicate parts, or not exactly one tables part")
        for part in self.parts:
            if not set(part.within) <= set(ids):
                raise ValueError(f"checklist {self.layout}: part {part.id} is within an unknown part")
        layouts.get(self.layout)  # an unknown layout fails here, on import


@dataclass(frozen=True)
class DisclosureRule:
    id: str
    severity: str  # D.missing_part: the severest a part carries; each finding takes its part's
    zh: str
    en: str


DISCLOSURE_RULES = (
    DisclosureRule("D.missing_part", "error", "应公开的部分应齐全", "Every part the layout requires is published"),
    DisclosureRule("D.blank_page", "info", "文件中不应有空白页", "No blank page inside the document"),
)
RULES_BY_ID = {rule.id: rule for rule in DISCLOSURE_RULES}

# --- the parts, shared where the role is the same -----------------------------------------------------

COVER = Part("cover", "封面", "cover", how="cover")
CONTENTS = Part("contents", "目录", "table of contents", how="contents")
FUNCTIONS = Part("functions", "主要职能", "main functions", headings=(r"(?:职能|职责)$",))
ORGANISATION = Part("organisation", "机构设置", "organisation", headings=(r"机构设置|单位构成",))
GLOSSARY = Part("glossary", "名词解释", "glossary", headings=(r"名词解释$",))
TABLES = Part("tables", "公开表格", "tables", how="tables", severity="error")
_PART_HEADING = r"^第[一二三四五六七八九十]+部分"


def _three_public(*within: str) -> Part:
    return Part("three_public", "“三公”经费说明", "explanation of the 三公 expenses",
                headings=(r"三公.{0,2}经费.*(?:说明|情况)$",), within=within)


# A numbered heading naming the subject, not a table's title ("十、一般公共预算机关运行经费支出预算表"
# in a contents list) — a table's explanation may be ("…支出预算表情况说明", jiangsu 2017).
NOT_A_TITLE = r"(?<!表)$"
# 财预〔2016〕143号 asks for 国有资产占用 and 绩效 “逐步公开” (progressively), and Jiangsu's 2017
# budgets print neither: where a checklist follows it, their absence is info, not a warning.
PROGRESSIVE = "info"


def _running_costs(*within: str) -> Part:
    return Part("running_costs", "机关运行经费说明", "explanation of the running costs (机关运行经费)",
                headings=(ORDINAL + r".*机关运行经费.*" + NOT_A_TITLE,), within=within)


def _procurement(*within: str) -> Part:
    return Part("procurement", "政府采购情况说明", "government procurement", headings=(ORDINAL + r".*政府采购.*" + NOT_A_TITLE,),
                within=within)


def _assets(severity: str, *within: str) -> Part:
    return Part("assets", "国有资产占用情况", "state assets held", headings=(ORDINAL + r".*国有资产.*" + NOT_A_TITLE,),
                severity=severity, within=within)


def _performance(kind: str, severity: str, *within: str) -> Part:
    zh, en = ("预算绩效情况（绩效评价）", "performance evaluation") if kind == "决算" else ("预算绩效目标", "performance targets")
    return Part("performance", zh, en, headings=(ORDINAL + r".*绩效.*" + NOT_A_TITLE,), severity=severity, within=within)


def _other(zh: str, *within: str) -> Part:
    return Part("other", zh, "other important matters", headings=(r"其他重要事项的?情况说明$",), within=within)


# 决算: 概况, the tables, 第三部分 情况说明 (the 三公, 其他重要事项 and 绩效 sections inside it), 名词解释.
# The national template puts 预算绩效 under 其他重要事项; Shanghai's gives it a section of its own and
# prints 国有资产 and 绩效 in every document (its 2024 template), so their absence is a warning there.
FINAL_EXPLANATION = Part("explanation", "部门决算情况说明", "explanation of the final account",
                         headings=(_PART_HEADING + r".*情况说明$",), severity="error")
NATIONAL = Checklist("national", (
    COVER, CONTENTS, FUNCTIONS, ORGANISATION, TABLES, FINAL_EXPLANATION, _three_public("explanation"),
    _other("其他重要事项情况说明", "explanation"), _running_costs("explanation", "other"),
    _procurement("explanation", "other"), _assets(PROGRESSIVE, "explanation", "other"),
    _performance("决算", PROGRESSIVE, "explanation", "other"), GLOSSARY))
SHANGHAI = Checklist("shanghai", (
    COVER, CONTENTS, FUNCTIONS, ORGANISATION, TABLES, FINAL_EXPLANATION, _three_public("explanation"),
    _performance("决算", "warning", "explanation"), _other("其他重要事项的情况说明", "explanation"),
    _running_costs("explanation", "other"), _procurement("explanation", "other"),
    _assets("warning", "explanation", "other"), GLOSSARY))
JIANGSU_BUDGET = Checklist("jiangsu_budget", (
    COVER, CONTENTS, FUNCTIONS, ORGANISATION, TABLES,
    Part("explanation", "部门预算情况说明", "explanation of the budget", severity="error",
         headings=(_PART_HEADING + r".*预算情况说明$", r"^(?:19|20)\d{2}年度?部门预算情况说明$")),
    _three_public("explanation"), _running_costs("explanation"), _procurement("explanation"),
    _assets(PROGRESSIVE, "explanation"), _performance("预算", PROGRESSIVE, "explanation"), GLOSSARY))
SHANGHAI_BUDGET = Checklist("shanghai_budget", (
    COVER, CONTENTS, FUNCTIONS, ORGANISATION, GLOSSARY,
    Part("explanation", "预算编制说明", "explanation of the budget", headings=(r"预算编制说明$",), severity="error"),
    TABLES,
    Part("other", "其他相关情况说明", "other relevant matters", headings=(r"其他相关情况说明$",)),
    _three_public("other"), _running_costs("other"), _procurement("other"), _performance("预算", "warning", "other"),
    _assets("warning", "other"),
    Part("projects", "项目经费情况说明", "project statements", headings=(r"(?:项目|专项|资金).*经费情况说明$",),
         levels=("部门",), note="单位预算不含项目经费情况说明：上海市单位预算的目录只到“六、其他相关情况说明”，"
                                "财政局的检查表亦记为符合要求 / Shanghai's unit budgets print no project statements "
                                "(their contents end at 六、其他相关情况说明; the bureau's checklist accepts it)"),
))
CHECKLISTS = {checklist.layout: checklist for checklist in (NATIONAL, SHANGHAI, JIANGSU_BUDGET, SHANGHAI_BUDGET)}


# --- the engine -------------------------------------------------------------------------------------

@dataclass
class _Row:
    """A checklist row while it is built: where it starts in the outline, what it holds."""

    part: Part
    item_id: str
    zh: str
    en: str
    required: bool
    present: str  # 是 | 否 | 无法判断
    page: int | None = None
    pages: list[int] = field(default_factory=list)
    evidence: str = ""
    note: str = ""
    position: int | None = None
    tables: tuple[str, ...] = ()  # the meta["tables"] keys it stands for
    findings: list[dict] = field(default_factory=list)


def checklist_for(meta: dict, outline: narrative.Outline) -> Checklist:
    """The layout's checklist; a file without tables (no layout) gets the checklist of its kind
    whose headings it matches best."""
    if meta.get("layout") in CHECKLISTS:
        return CHECKLISTS[meta["layout"]]
    candidates = [c for c in CHECKLISTS.values() if layouts.get(c.layout).kind == meta.get("kind")] or list(CHECKLISTS.values())
    return max(candidates, key=lambda c: sum(_heading(p, outline) is not None for p in c.parts if p.how == "heading"))


def document_to_checklist(doc, findings: list[dict]) -> tuple[pd.DataFrame, list[dict], list[dict]]:
    """The document's checklist, its D.* findings (a required part missing, a part that cannot be
    examined, a blank page) and their outcomes. `findings` are the audit's other findings, shown in
    the rows of the parts they fall in."""
    outline = narrative.blocks_to_outline(doc.blocks)
    checklist = checklist_for(doc.meta, outline)
    rows = _rows(checklist, doc.meta, outline)
    own = blank_page_findings(doc.blocks) + missing_part_findings(rows)
    _place(rows, [*findings, *own], outline)
    frame = pd.DataFrame([_record(row) for row in rows], columns=CHECKLIST_COLUMNS)
    frame["page"] = frame["page"].astype("Int64")
    return frame, own, _outcomes(rows, own, doc.meta)


def _rows(checklist: Checklist, meta: dict, outline: narrative.Outline) -> list[_Row]:
    level = meta.get("level") or "部门"
    # a file without tables has no layout of its own: its table rows say whose checklist it got
    lacking = {half: _lacking_note(half, "" if meta.get("layout") or half != "tables" else checklist.layout)
               for half in meta.get("lacks") or ()}
    rows: list[_Row] = []
    for part in checklist.parts:
        if part.how == "tables":
            for spec in layouts.get(checklist.layout).tables:
                # a title is searched after the table before it: a text export has no pages to start from
                after = max((r.position for r in rows if r.position is not None), default=0)
                rows.append(_table_row(part, spec, meta, outline, level, after, lacking.get("tables", "")))
            continue
        row = _Row(part, part.id, part.zh, part.en, required=level in part.levels, present="否",
                   note="" if level in part.levels else part.note)
        if HOW[part.how][1] in lacking:
            row.present, row.note = "无法判断", lacking[HOW[part.how][1]]
        elif part.how == "cover" and not outline.cover and outline.page_starts and outline.page_starts[0][0] > 1:
            row.present = "无法判断"  # jiangsu_zhengxie-bangongting_2019_yusuan-text: five images and a page number
            row.note = "第1页无可读文字（封面或为图片） / page 1 holds no readable text (an image cover?)"
        elif part.how == "cover":
            if any(re.search(r"决算|预算", h.text) for h in outline.cover):
                row.present, row.page, row.evidence, row.position = "是", outline.cover[0].page, " ".join(
                    h.text for h in outline.cover[:3]), 0
        else:
            found = outline.contents if part.how == "contents" else _heading(part, outline)
            if found is not None:
                row.present, row.page, row.evidence, row.position = "是", found.page, found.text, found.position
        rows.append(row)
    return rows


def _heading(part: Part, outline: narrative.Outline):
    return next((h for h in outline.headings if any(re.search(p, h.text) for p in part.headings)), None)


def _table_row(part: Part, spec, meta: dict, outline: narrative.Outline, level: str, after: int, lacking: str) -> _Row:
    """One table of the layout, named as the document's level prints it (a Shanghai unit budget's
    titles begin 单位…); a table printed once per project (项目支出绩效自评表) stands for them all."""
    title = next((t for t in spec.titles if t.startswith("单位")), spec.titles[0]) if level == "单位" else spec.titles[0]
    keys = tuple(k for k in meta.get("tables", {}) if k == spec.key or re.fullmatch(rf"{spec.key}_\d+", k))
    row = _Row(part, f"table.{spec.key}", " ".join(filter(None, (spec.label, title))), f"table {spec.key}",
               required=spec.required, present="否", tables=keys or (spec.key,),
               note="" if spec.required else "版式不要求 / not required by the layout")
    entries = [meta["tables"][k] for k in keys if meta["tables"][k].get("status") != "missing"]
    if lacking:
        row.present, row.note = "无法判断", lacking
    elif entries:
        row.pages = sorted({p for entry in entries for p in entry.get("pages") or ()})
        row.present, row.page = "是", row.pages[0] if row.pages else None
        row.evidence = "；".join(" ".join(filter(None, (e.get("label"), e.get("title")))) for e in entries)
        row.position = outline.position(entries[0].get("title"), row.page, after)
        notes = [("本表无数据（空表）/ printed empty" if e["status"] == "empty" else
                  f"无法完整读取 / {e.get('error', '')}" if e["status"] == "unreadable" else "")
                 for e in entries]
        row.note = "；".join(dict.fromkeys(n for n in notes if n)) or row.note
    return row


def _lacking_note(half: str, layout: str = "") -> str:
    """Why a part cannot be examined; a file without tables says whose checklist it got."""
    zh, en = HALF_WORDS[half]
    by_zh, by_en = (f"（按 {layout} 版式的检查表）", f" (checked against the {layout} list)") if layout else ("", "")
    return f"本文件不含{zh}，无法检查{by_zh} / this file holds no {en}, so it cannot be examined{by_en}"


def blank_page_findings(blocks) -> list[dict]:
    """A page inside the document that holds no text: blank, or graphics only (an empty ruled
    page after the contents, shanghai-putuo_sifaju_2026_yusuan-dept p.3)."""
    pages = {b.page for b in blocks if isinstance(b, Line) and b.page} | \
            {p for b in blocks if isinstance(b, Grid) for p in b.row_pages if p}
    rule = RULES_BY_ID["D.blank_page"]
    return [_finding(rule, rule.severity, f"第{page}页无文字（空白页，或仅有图形）", f"page {page} holds no text (blank, or graphics only)",
                     [{"page": page}])
            for page in range(min(pages, default=1), max(pages, default=0) + 1) if page not in pages]


def missing_part_findings(rows: list[_Row]) -> list[dict]:
    """One finding per required part missing (the part's severity); one insufficient_data finding
    per reason parts cannot be examined (a half of the disclosure the file lacks, an unreadable
    cover), naming the parts."""
    rule = RULES_BY_ID["D.missing_part"]
    out = []
    for row in rows:
        if row.required and row.present == "否":
            found = _finding(rule, row.part.severity, f"未找到“{row.zh}”", f"no {row.en} found ({row.zh})", [])
            row.findings.append(found)
            out.append(found)
    reasons: dict[str, list[_Row]] = {}
    for row in rows:
        if row.required and row.present == "无法判断":
            reasons.setdefault(row.note, []).append(row)
    for note, parts in reasons.items():
        zh, en = note.split(" / ", 1)
        found = _finding(rule, rule.severity, f"{zh}：{'、'.join(r.zh for r in parts)}",
                         f"{en}: {', '.join(r.en for r in parts)}", [])
        found["status"] = "insufficient_data"
        out.append(found)
    return out


def _finding(rule: DisclosureRule, severity: str, zh: str, en: str, locations: list) -> dict:
    return {"rule_id": rule.id, "severity": severity, "status": "fail", "message_zh": f"{rule.zh}：{zh}",
            "message_en": f"{rule.en}: {en}", "expected": "", "found": "", "difference": "", "tolerance": "",
            "locations": locations, "source": "disclosure"}


def _place(rows: list[_Row], findings: list[dict], outline: narrative.Outline) -> None:
    """Each failing finding into the rows of the parts it falls in: a table location into that
    table's row; a quote or a page into every part whose span holds it. A part's span runs from its
    heading to the next part found that is not printed inside it."""
    placed = sorted((r for r in rows if r.position is not None), key=lambda r: r.position)
    spans = []
    for i, row in enumerate(placed):
        end = next((later.position for later in placed[i + 1:] if row.part.id not in later.part.within), len(outline.text))
        spans.append((row, row.position, end))
        if not row.pages and row.page is not None:
            row.pages = list(range(row.page, (outline.page_at(max(end - 1, row.position)) or row.page) + 1))
    by_table = {key: row for row in rows for key in row.tables}
    for finding in findings:
        if finding["status"] != "fail" or finding["rule_id"] == "D.missing_part":
            continue
        holders: dict[int, _Row] = {}
        for location in finding["locations"]:
            if location.get("table") in by_table:
                holders[id(by_table[location["table"]])] = by_table[location["table"]]
                continue
            at = outline.position(location.get("quote"), location.get("page"))
            for row, start, end in spans if at is not None else ():
                if start <= at < end:
                    holders[id(row)] = row
        for row in holders.values():
            row.findings.append(finding)


def _record(row: _Row) -> dict:
    counts: dict[str, int] = {}
    for finding in row.findings:
        counts[finding["rule_id"]] = counts.get(finding["rule_id"], 0) + 1
    conforms = row.present if row.present == "无法判断" else "否" if (row.required and row.present == "否") or counts else "是"
    return {"item_id": row.item_id, "part_zh": row.zh, "part_en": row.en, "required": "是" if row.required else "否",
            "present": row.present, "conforms": conforms, "page": row.page, "pages": pages_text(row.pages),
            "evidence": row.evidence, "findings": ", ".join(f"{k}×{n}" if n > 1 else k for k, n in counts.items()),
            "note": row.note}


def pages_text(pages: list[int]) -> str:
    """[8, 9, 12] → "8–9, 12"."""
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in runs)


def _outcomes(rows: list[_Row], own: list[dict], meta: dict) -> list[dict]:
    """D.* outcomes, passes included: parts examined; pages examined (a text export has none)."""
    examined = sum(row.required and row.present != "无法判断" for row in rows)
    pages = meta.get("pages") or 0
    out = []
    for rule, checks in ((RULES_BY_ID["D.missing_part"], examined), (RULES_BY_ID["D.blank_page"], pages)):
        mine = [f for f in own if f["rule_id"] == rule.id]
        failed = sum(f["status"] == "fail" for f in mine)
        lacking = sum(f["status"] == "insufficient_data" for f in mine)
        outcome = "fail" if failed else "insufficient_data" if lacking else "pass" if checks else "not_applicable"
        out.append({"rule_id": rule.id, "severity": rule.severity, "kind": "disclosure", "outcome": outcome,
                    "checks": checks, "failed": failed, "insufficient": lacking, "note": ""})
    return out


__all__ = ["CHECKLISTS", "CHECKLIST_COLUMNS", "Checklist", "DISCLOSURE_RULES", "Part", "checklist_for",
           "document_to_checklist", "pages_text"]
