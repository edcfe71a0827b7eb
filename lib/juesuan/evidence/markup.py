"""The evidence as HTML for a notebook or a report page: one self-contained block (images embedded as
data URIs, its own few style rules), every text from the document escaped."""
from __future__ import annotations

import base64
import html
from ..wording import FINDING_STATUS_WORDS, SEVERITY_WORDS
from .render import COLOURS
from .search import figure_span
from .targets import Target

FIGURE_WORDS = (("expected", "应为"), ("found", "实为"), ("difference", "差额"))


def _rgb(role: str) -> str:
    return "rgb({}, {}, {})".format(*COLOURS[role])


# A crop shrinks to the width on a phone, as the charts do: the whole crop and its boxes stay in
# view, and a phone's 2–3 device pixels per CSS pixel keep the 120 dpi text sharp enough to zoom into.
STYLE = f"""<style>
.js-evidence-item {{ border-top: 1px solid #ccd5e0; padding: .6em 0 .4em; }}
.js-evidence-item p {{ margin: .3em 0; }}
.js-evidence figure {{ margin: .5em 0 .8em; }}
.js-evidence img {{ max-width: 100%; height: auto; border: 1px solid #ccd5e0; }}
.js-evidence figcaption {{ font-size: .9em; color: #444; margin-top: .2em; }}
.js-evidence blockquote {{ margin: .4em 0; padding: .3em .8em; border-left: 3px solid #ccd5e0; background: #f7f9fb; }}
.js-evidence mark {{ background: #ffe08a; color: inherit; padding: 0 .1em; }}
.js-evidence .js-red {{ color: {_rgb("stated")}; font-weight: bold; }}
.js-evidence .js-blue {{ color: {_rgb("compared")}; font-weight: bold; }}
.js-evidence .js-missing {{ color: #8a4b00; }}
</style>"""

LEGEND = ("<p>每条错误和警告按重要性排列，附原文页面截图：<span class=\"js-red\">红框</span>为说明所述的数字，"
          "<span class=\"js-blue\">蓝框</span>为与之比较的表中数字（表格规则的发现：规则涉及的表中数字）。<br>"
          "<em>Each error and warning, most important first, with a crop of the page: red, the figure the "
          "narrative states; blue, the table cells it was compared with (or the cells a table rule names).</em></p>")
# A text export, a web page or a workbook has no page to cut.
LEGEND_WITHOUT_PAGES = ("<p>每条错误和警告按重要性排列。本文件不是 PDF（文本、网页或电子表格），没有可截取的页面，"
                        "故引出原句，以底色标出所述的数字，并写出比较的表中数字。<br><em>Each error and warning, most "
                        "important first. The document is no PDF (text, web page or workbook), so there is no page to "
                        "cut: the sentence is quoted with the figure marked, and the table cells are named with their "
                        "figures.</em></p>")


def to_html(evidence) -> str:
    """The whole block: the legend, one section per finding, and how many were left out."""
    parts = [STYLE, '<div class="js-evidence">', LEGEND if evidence.pdf else LEGEND_WITHOUT_PAGES]
    if not evidence.items:
        parts.append("<p>本文件没有错误或警告，无须页面证据。<em>No errors or warnings.</em></p>")
    for number, item in enumerate(evidence.items, start=1):
        parts.append(item_html(number, item))
    if evidence.omitted:
        parts.append(f"<p class=\"js-missing\">另有 {evidence.omitted} 条错误或警告未附页面证据（见上表）。"
                     f"<em>{evidence.omitted} more are listed in the table above without crops.</em></p>")
    parts.append("</div>")
    return "\n".join(parts)


def item_html(number: int, item) -> str:
    finding = item.finding
    severity = SEVERITY_WORDS.get(finding["severity"], finding["severity"])
    status = FINDING_STATUS_WORDS.get(finding.get("status"), finding.get("status") or "")
    out = ['<section class="js-evidence-item">',
           f"<p><strong>{number}. 【{_e(severity)}】{_e(finding['rule_id'])}</strong>（{_e(status)}）"
           f"{_e(item.message or finding['message_zh'])}</p>"]
    figures = " · ".join(f"{word} {_e(item.figures[key])}" for key, word in FIGURE_WORDS if item.figures.get(key))
    if figures:
        out.append(f"<p>{figures}</p>")
    for crop in item.crops:
        out.append(figure_html(crop))
    for quote in item.quotes:
        out.append(f"<blockquote>{quote}</blockquote>")
    if item.cells:
        heading = "比较的表中数字" if item.quotes else "规则涉及的表中数字"
        out.append(f"<p>{heading}：</p><ul>" + "".join(f"<li>{_e(cell)}</li>" for cell in item.cells) + "</ul>")
    for note in item.notes:
        out.append(f'<p class="js-missing">{_e(note)}</p>')
    out.append("</section>")
    return "\n".join(out)


def figure_html(crop) -> str:
    """The crop embedded (a data URI; the page stays one file) with its alt text and caption."""
    data = base64.b64encode(crop.png).decode("ascii")
    width, height = crop.size
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{_e(crop.alt)}" width="{width}" height="{height}" '
            f'loading="lazy"><figcaption>{_e(crop.caption)}</figcaption></figure>')


def marked_quote(quote: str, figure: str) -> tuple[str, str]:
    """The sentence, escaped, with the stated figure in <mark>; and a note when the figure is not in it."""
    span = figure_span(quote, figure) if figure else None
    if span is None:
        note = f"原句中未找到所述数字“{figure}”" if figure else ""
        return _e(quote), note
    start, end = span
    return f"{_e(quote[:start])}<mark>{_e(quote[start:end])}</mark>{_e(quote[end:])}", ""


def cell_words(target: Target) -> str:
    """A table cell in words, for input without pages: its table, row and column and the figure
    the facts hold, in the table's unit; for a finding about names, the row's name."""
    if target.by_label:
        return f"{target.table_label}：{target.code} “{target.item}”"
    if not target.texts:
        return f"{target.label}（表中无此格的数）"
    unit = target.unit if target.unit == "%" else f" {target.unit}"
    return f"{target.label}：{target.texts[0]}{unit}".rstrip()


def _e(text) -> str:
    return html.escape(str(text), quote=True)
