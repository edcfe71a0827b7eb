"""What to look for on the page, and where: a finding's locations → targets.

A sentence location (`{"quote", "page", "figure", "compared"}`, `checks.audit`) gives the stated
figure in its sentence and the table cells it was compared with; a cell location (`{"table", "code",
"item", "column", "page"}`, the table rules) gives the cell itself. A cell is looked for by what the
page prints: its fact's value in the table's printed unit, with its printed decimals, with or
without thousands separators — or, for a finding about names, its row label.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pandas as pd

from ..numbers import MONEY_UNITS, squash

STATED, COMPARED = "stated", "compared"
CELL_KEYS = ("table", "side", "code", "item", "column")
# Rules over the names printed beside a code (checks.rules): their evidence is the row label.
NAME_RULES = ("X.names.",)


@dataclass(frozen=True)
class Target:
    """One thing to find on one page: the stated figure in its sentence, or a table cell."""

    role: str  # STATED: the figure the narrative states; COMPARED: a table cell it was compared with
    page: int | None  # the document's 1-based page; None where the source has no pages
    label: str  # in words, for captions and notes: 说明所述“71.73%”, or the cell's table · row · column
    quote: str = ""  # the sentence (a stated figure)
    figure: str = ""  # the figure as the sentence states it, separators removed ("71.73%")
    texts: tuple[str, ...] = ()  # the printed forms of a cell's figure ("2,106.66", "2106.66")
    item: str = ""  # the cell's row label, whitespace removed
    code: str = ""  # the cell's row code (功能分类 digits), "" where none
    column: tuple[str, ...] = ()  # the printed header of the cell's column, outermost first
    by_label: bool = False  # a finding about names: the row label is what is wrong, not the figure
    heading_page: int | None = None  # the page that prints the cell's table's column headers (its first)
    table_label: str = ""  # a cell's table, as printed (公开05表 一般公共预算财政拨款支出决算表)
    cell_label: str = ""  # a cell's row and column within its table (201 一般公共服务支出 · 合计)
    unit: str = ""  # the unit the cell's table prints it in (万元, 元, %)


def finding_to_targets(finding: dict, facts: pd.DataFrame, meta: dict) -> list[Target]:
    """The targets of one finding, in the order of its locations (a sentence's compared cells
    after the sentence)."""
    names = _about_names(finding)
    out: list[Target] = []
    for location in finding.get("locations") or ():
        if location.get("quote") and not location.get("table"):
            out.append(Target(STATED, _page(location.get("page")), stated_label(location), quote=location["quote"],
                              figure=location.get("figure") or ""))
            for cell in location.get("compared") or ():
                out += cell_targets(cell, facts, meta, names)
        elif location.get("table"):
            out += cell_targets(location, facts, meta, names)
    return out


def stated_label(location: dict) -> str:
    figure = location.get("figure")
    return f"说明所述“{figure}”" if figure else "说明原句"


def cell_targets(location: dict, facts: pd.DataFrame, meta: dict, by_label: bool = False) -> list[Target]:
    """One target per fact the location names (a location without a column names its row's
    cells); one without printed forms where the cell gives no fact (then it is reported unfound)."""
    info = (meta.get("tables") or {}).get(location["table"], {})
    heading = _page((info.get("pages") or [None])[0])
    rows = _facts_at(location, facts)
    if not rows:
        text = location.get("quote")  # a cell that prints no number (F.unreadable_number) quotes its text
        return [Target(COMPARED, _page(location.get("page")), cell_label(location, info), texts=(text,) if text else (),
                       table_label=table_label(location, info), cell_label=row_and_column(location),
                       item=squash(location.get("item")), code=location.get("code") or "",
                       column=_printed_column(location.get("column"), info), by_label=by_label, heading_page=heading)]
    return [Target(COMPARED, _page(row.get("page")) or _page(location.get("page")), cell_label(row, info),
                   table_label=table_label(row, info), cell_label=row_and_column(row), unit=row.get("unit_source") or "",
                   texts=printed_forms(row["value"], row.get("unit_source"), row.get("decimals")),
                   item=squash(row.get("item")), code=row.get("code") or "",
                   column=_printed_column(row.get("column"), info), by_label=by_label, heading_page=heading)
            for row in rows]


def cell_label(cell: dict, info: dict) -> str:
    """公开05表 一般公共预算财政拨款支出决算表 · 201 一般公共服务支出 · 合计"""
    return " · ".join(filter(None, (table_label(cell, info), row_and_column(cell))))


def table_label(cell: dict, info: dict) -> str:
    """The table as printed, with the side of a two-sided table: 财政拨款收入支出决算总表（支出）"""
    table = " ".join(filter(None, (info.get("label"), info.get("title") or cell.get("table"))))
    return table + (f"（{cell['side']}）" if cell.get("side") else "")


def row_and_column(cell: dict) -> str:
    """201 一般公共服务支出 · 合计"""
    row = " ".join(filter(None, (cell.get("code"), cell.get("item"))))
    return " · ".join(filter(None, (row, cell.get("column"))))


def printed_forms(value, unit: str | None, decimals) -> tuple[str, ...]:
    """How a table prints a fact's value: in its own unit (元 ÷ 10,000 for a 万元 table), with its
    printed decimals, with thousands separators and without, negatives as −x and (x)."""
    try:
        shown = Decimal(value) / MONEY_UNITS.get(unit or "", Decimal(1))
    except (InvalidOperation, TypeError, ValueError):
        return ()
    if decimals is not None and not pd.isna(decimals):
        shown = shown.quantize(Decimal(1).scaleb(-int(decimals)))
    size = abs(shown)
    forms = list(dict.fromkeys((f"{size:,f}", format(size, "f"))))
    if shown < 0:
        forms = [f"{sign}{form}" for form in forms for sign in ("-", "−")] + [f"({form})" for form in forms]
    return tuple(forms)


def _facts_at(location: dict, facts: pd.DataFrame) -> list[dict]:
    """The facts a cell location names: its table and every key it gives, on its page where it has one."""
    if facts is None or not len(facts):
        return []
    selected = facts[facts["table"] == location["table"]]
    for key in CELL_KEYS[1:]:
        if location.get(key) not in (None, "") and key in selected.columns:
            selected = selected[selected[key] == location[key]]
    page = _page(location.get("page"))
    if page is not None and "page" in selected.columns:
        selected = selected[selected["page"] == page]
    return selected.to_dict("records")


def _printed_column(column: str | None, info: dict) -> tuple[str, ...]:
    """The printed header path of a canonical column ("支出/合计" → ("支出", "合计")), whitespace removed."""
    printed = (info.get("columns") or {}).get(column or "", column or "")
    return tuple(part for part in (squash(p) for p in printed.split("/")) if part)


def _about_names(finding: dict) -> bool:
    """A finding about a row's printed name (X.names.…: one code, two names), not its figure."""
    return str(finding.get("rule_id") or "").startswith(NAME_RULES)


def _page(value) -> int | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return int(value)
