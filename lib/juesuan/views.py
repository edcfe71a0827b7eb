"""A document's own parts as tables to read: the tables it prints, one table's facts, a claim and
what the audit made of it, the audit's counts, the mismatched claims, the self-evaluations' scores
and, where a document has none, what its narrative says about 绩效.

    >>> from juesuan import views
    >>> views.table_list(doc)                  # 表号, 表名, 状态 (已读/本表无数据/未找到/不可读), 页码
    >>> views.table_facts(doc, "income_expenditure_summary", unit="元")
    >>> views.mismatched_claims(doc)           # the narrative's figures the audit found wrong

Each returns a `present.Table` (or a sentence where there is nothing to show); the formats are
`present`'s and the words `wording`'s, so every page reads alike.
"""
from __future__ import annotations

import html

import pandas as pd

from . import wording
from .present import Table, display_frame

# --- the tables a document prints -------------------------------------------------------------------------


def table_list(document) -> Table:
    """The document's tables as it prints them: number (公开01表; none in a Shanghai document),
    title, whether they were read (已读 / 本表无数据 / 未找到 / 不可读), how many figures and on which pages."""
    rows = []
    for key, info in document.meta.get("tables", {}).items():
        pages = [p for p in info.get("pages") or [] if p]
        rows.append({"label": "" if key.startswith("performance") else info.get("label") or "",
                     "title": info.get("title") or key, "read": wording.table_status(info.get("status", "")),
                     "facts": int(info.get("facts") or 0), "pages": _page_span(pages)})
    frame = pd.DataFrame(rows, columns=["label", "title", "read", "facts", "pages"])
    frame = frame.drop(columns=[c for c in ("label", "pages") if blank(frame[c])])  # Shanghai numbers none; a text export has no pages
    labels = {"label": "表号", "title": "表名", "read": "状态", "facts": "读出的数字", "pages": "页码"}
    return display_frame(frame, labels, empty="文件中没有找到任何表。 / No table found in the file.")


def blank(column: pd.Series) -> bool:
    """Nothing in the column but blanks and missing values."""
    return all(v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) or str(v).strip() == "" for v in column)


def _page_span(pages: list[int]) -> str:
    if not pages:
        return ""
    return str(pages[0]) if pages[0] == pages[-1] else f"{pages[0]}–{pages[-1]}"


def table_facts(document, key: str, unit: str | None = None) -> Table:
    """One table's facts as a reader reads the printed table: side (收入/支出), code, printed row and
    column, the amount in `unit` (the document's printed unit when None) and the page; the 收入 rows
    first, as printed. A column that is blank throughout (no codes in 公开01表; no pages in a text
    export) is left out, and the caption says so for pages."""
    unit = unit or printed_unit(document)
    facts = document.table(key)
    view = facts.sort_values("side", key=lambda s: s.map({"收入": 0, "支出": 1}).fillna(2), kind="stable")
    view = view[["side", "code", "item", "column", "value", "page"]].rename(columns={"value": "amount"})
    empty = [c for c in ("side", "code", "page") if blank(view[c])]
    caption = f"{wording.table_name(document.meta, key)}（金额单位：{unit}）"
    if "page" in empty:
        caption += "；本文件是文本导出，没有页码 (a text export: no page numbers)"
    labels = {"side": "收支", "item": "项目（印出的行）", "column": "栏目（印出的列）", "page": "页码"}
    return display_frame(view.drop(columns=empty), labels, unit=unit, caption=caption,
                         empty=f"{wording.table_name(document.meta, key)}没有读出数字。")


def ties(document) -> pd.DataFrame:
    """The tutorial's five basic ties of a national 决算 as a frame (关系, 左边, 右边, 相等): each side
    read cell by cell (`metrics.Tables`: 表名, 列名, 行名), a sum only of cells that are printed. A
    side whose table, row or column the document does not print (a budget's tables are laid out
    otherwise) is None, and so is 相等: no silent zero, no error."""
    from .metrics import Tables

    t, gb = Tables(document), "general_budget_expenditure"

    def cell(table, column, **where):
        return t.first_value((table, column, where))[0]  # None unless the table prints that column

    def total(*cells):
        return None if any(c is None for c in cells) else sum(cells)

    relations = [
        ("01表收入 = 02表合计", cell("income_expenditure_summary", "决算数", item="本年收入合计", side="收入"),
         cell("income", "本年收入合计", item="合计")),
        ("01表支出 = 03表合计", cell("income_expenditure_summary", "决算数", item="本年支出合计", side="支出"),
         cell("expenditure", "本年支出合计", item="合计")),
        ("03表 基本+项目 = 合计", total(cell("expenditure", "基本支出", item="合计"), cell("expenditure", "项目支出", item="合计")),
         cell("expenditure", "本年支出合计", item="合计")),
        ("04表一般公共预算 = 05表合计", cell("fiscal_summary", "一般公共预算财政拨款", item="本年支出合计", side="支出"),
         cell(gb, "合计", item="合计")),
        ("05表 基本+项目 = 合计", total(cell(gb, "基本支出", item="合计"), cell(gb, "项目支出", item="合计")),
         cell(gb, "合计", item="合计")),
    ]
    return pd.DataFrame([(name, left, right, None if left is None or right is None else left == right)
                         for name, left, right in relations], columns=["关系", "左边", "右边", "相等"])


def ties_table(ties: pd.DataFrame, unit: str = "元") -> Table:
    """The tutorial's ties (关系, 左边, 右边, 相等) for reading: amounts in `unit`, 相等 as 是/否, and
    where one side is not printed (another layout names its cells otherwise) a blank with the reason."""
    missing = [a is None or b is None for a, b in zip(ties["左边"], ties["右边"])]
    view = ties.assign(相等=[None if gap else held for gap, held in zip(missing, ties["相等"])],
                       说明=["本文件没有这一格（表的格式不同），无从比较" if gap else "" for gap in missing])
    return display_frame(view.drop(columns=[] if any(missing) else ["说明"]), unit=unit)


def printed_unit(document) -> str:
    """The unit the document prints its tables in (元 for the bundled sample, 万元 for Shanghai 决算)."""
    unit = document.meta.get("unit")
    return unit if unit in wording.UNIT_DIVISORS else "元"


def page_numbers(document) -> str:
    """What the pages of this document's locations are, in one sentence (shown where the audit cites pages)."""
    has_pages = document.facts["page"].notna().any() or document.claims["page"].notna().any()
    if not has_pages:
        return ("本文件没有页码（文本导出或网页），“页码”一栏和“位置”中的页码因此空缺。"
                " / The file has no pages (a text export or web page): no page numbers are given.")
    return ("页码是文件中的页序（第 1 页为文件的第一页），可能与文件上印的页码不同。"
            " / Pages count the file's pages from 1, which may differ from the page numbers printed on them.")


# --- the narrative's claims ------------------------------------------------------------------------------------

CLAIM_LABELS = {"quote": "原句", "kind": "类别", "subject": "事项", "stated": "说明所述", "computed": "按表复算",
                "verdict": "核对结果", "note": "依据或原因", "page": "页码"}


def claims_table(claims: pd.DataFrame, document, *, shown: tuple = tuple(CLAIM_LABELS), empty: str = "") -> Table:
    """Claims as a reader checks them: the sentence, what kind of figure, about what, the figure as
    stated and as recomputed (in its own unit: 71.73% against 71.65%), the verdict in words
    (相符/不符/无从核对) with its basis or reason, and the page; `shown` picks the columns."""
    view = pd.DataFrame({
        "quote": claims["quote"], "kind": [wording.CLAIM_KIND_WORDS.get(k, k) for k in claims["kind"]],
        "subject": claims["subject"], "stated": [wording.stated(c) for c in claims.to_dict("records")],
        "computed": [wording.computed(c) for c in claims.to_dict("records")],
        "verdict": [wording.VERDICT_WORDS.get(v, v) for v in claims["verdict"]],
        "note": [wording.readable(n, document.meta) for n in claims["note"].fillna("")],
        "page": [int(p) if pd.notna(p) else "" for p in claims["page"]],
    })
    view = view[[c for c in shown if c != "page" or not blank(view["page"])]]
    table = display_frame(view, CLAIM_LABELS, empty=empty)
    table.numeric |= {"说明所述", "按表复算"}
    return table


def recomputed_share(part, whole, claim, unit: str = "元"):
    """The tutorial's recomputation in one sentence: part ÷ whole in the printed unit, the quotient to
    four decimals and rounded to the two the narrative prints, beside what it states and the audit's
    verdict: 2,106.66 万元 ÷ 2,940.05 万元 = 71.6539%，四舍五入到两位是 71.65%；说明写的是 71.73%（审计：不符）。"""
    from .metrics import ratio
    from .present import note

    quotient = ratio(part, whole)
    if quotient is None:
        return note("缺少该类或合计的数，无法复算。 / The class or the total is not printed: nothing to recompute.")
    verdict = wording.VERDICT_WORDS.get(claim["verdict"], claim["verdict"])
    return note(f"{wording.amount(part, unit)} ÷ {wording.amount(whole, unit)} = {wording.percent(quotient, most=4, least=4)}，"
                f"四舍五入到两位是 {wording.percent(quotient)}；说明写的是 {wording.stated(claim)}（审计：{verdict}）。")


def mismatched_claims(document) -> Table:
    """The narrative's figures the audit found wrong (verdict mismatch), each with its sentence."""
    claims = document.claims
    return claims_table(claims[claims["verdict"] == "mismatch"], document,
                        empty="说明中的数字经核对没有不符的。 / No figure of the narrative disagrees with the tables.")


def claims_by_verdict(document) -> Table:
    """How many of the narrative's figures agree, disagree, or cannot be checked."""
    counts = document.claims["verdict"].value_counts()
    rows = [{"verdict": words, "条数": int(counts.get(verdict, 0))} for verdict, words in wording.VERDICT_WORDS.items()]
    return display_frame(pd.DataFrame(rows), {"verdict": "核对结果"},
                         empty="说明中没有可核对的数字。 / The narrative states no figure.")


def findings_by_severity(document) -> Table:
    """How many findings of each severity failed and how many could not be checked."""
    findings = document.findings
    rows = []
    for severity, words in wording.SEVERITY_WORDS.items():
        mine = findings[findings["severity"] == severity]
        rows.append({"severity": words, "不符": int((mine["status"] == "fail").sum()),
                     "数据不足": int((mine["status"] == "insufficient_data").sum())})
    labels = {"severity": "严重程度", "不符": "不符（条）", "数据不足": "数据不足、无法判断（条）"}
    table = display_frame(pd.DataFrame(rows), labels)
    table.english = ["severity", "failed", "insufficient data"]
    return table


# --- the self-evaluations ----------------------------------------------------------------------------------------

def performance_scores(document, projects: pd.DataFrame) -> Table:
    """Each self-evaluation's printed scores, project by project: indicator, 分值 and 得分."""
    from .metrics import performance_scores as scores_of

    parts = [scores_of(document, row.table).assign(project=row.project) for row in projects.itertuples()]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["project", "item", "分值", "得分"])
    labels = {"project": "项目", "item": "指标（印出的行）"}
    unweighted = frame["分值"].isna().any()  # the funds block prints 得分 only
    table = display_frame(frame[["project", "item", "分值", "得分"]], labels,
                          caption=FUNDS_ROWS if unweighted else "",
                          empty="文件未附项目支出绩效自评表，没有得分可列。 / No self-evaluation tables: no scores.")
    table.english = ["project", "indicator", "weight", "score"]
    return table


FUNDS_ROWS = ("分值空白的是资金行（资金总额及其来源）：自评表在这里只印得分，不印分值（预算执行一项满分 10 分）。"
              " / The funds rows print a score but no weight (budget execution is worth 10 points).")


def performance_text(document):
    """For a document without self-evaluation tables: what its narrative says about 绩效
    (`metrics.performance_sentences`), paragraph by paragraph with headings and pages — or one
    sentence saying it says nothing."""
    from IPython.display import HTML

    from .metrics import performance_sentences

    said = performance_sentences(document)
    head = ("<p><em>情况说明中关于绩效的文字（原文照录，附标题和页码）： / What the narrative says about performance"
            " (quoted, with headings and pages):</em></p>")
    if said.empty:
        return HTML("<p><em>本文件未附项目支出绩效自评表，情况说明也没有提到绩效。"
                    " / No self-evaluation tables, and the narrative says nothing about performance.</em></p>")
    paragraphs = []
    for heading, group in said.groupby((said["heading"] != said["heading"].shift()).cumsum(), sort=False):
        pages = _page_span(sorted({int(p) for p in group["page"] if pd.notna(p)}))
        where = f"（第{pages}页）" if pages else ""
        title = html.escape(group["heading"].iloc[0] or "情况说明")
        paragraphs.append(f"<p><strong>{title}</strong>{where}</p><blockquote><p>{html.escape(''.join(group['sentence']))}"
                          "</p></blockquote>")
    return HTML(head + "".join(paragraphs))
