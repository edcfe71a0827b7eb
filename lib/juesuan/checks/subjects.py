"""Which printed table figure a narrative subject names — data, read by `checks.claims`.

Each entry: the claim subject (as `juesuan.narrative` normalises it), the fund context it applies in,
and the `Cells` that print the figure. The first entry that matches the claim and whose table the
document prints wins, so the national and the Shanghai layouts share one list (a Shanghai document
has `basic_expenditure` where the national one has `general_budget_economic`, and no
`disclosure_stats`). Fund contexts: `fiscal` — the sentence or its heading speaks of 财政拨款 (any
kind); `any` — always. 类/款/项 subjects with a code are resolved by code (see `class_cells`).
"""
from __future__ import annotations

from dataclasses import dataclass

from .rules import T1, T2, T3, T4, T5, T6, T7, T10, TB, Cells

FISCAL_FUNDS = ("财政拨款", "一般公共预算财政拨款", "一般公共预算")
# Funds whose figures the 财政拨款 (一般公共预算) entries below do not hold.
OTHER_FUNDS = ("政府性基金", "国有资本经营", "社会保险基金")


@dataclass(frozen=True)
class SubjectFigure:
    subject: str
    context: str  # "fiscal" or "any"
    cells: Cells
    note: str = ""
    relation: str = "eq"  # "le": the stated figure is at most this one (RULES.md: 机关运行经费 ≤ 公用经费)


def _t1(side, *items):
    return Cells(T1, "决算数", side=side, items=items)


def _t4(side, column, *items):
    return Cells(T4, column, side=side, items=items)


S = SubjectFigure
FIGURES: tuple[SubjectFigure, ...] = (
    # 财政拨款 totals (四、财政拨款收支决算总体情况) come from 公开04表
    S("收入总计", "fiscal", _t4("收入", "决算数", "收入总计", "总计")),
    S("支出总计", "fiscal", _t4("支出", "合计", "支出总计", "总计")),
    S("收入合计", "fiscal", _t4("收入", "决算数", "本年收入合计")),
    S("支出合计", "fiscal", _t4("支出", "合计", "本年支出合计")),
    # "收入支出总计" states both totals at once (they are equal by T1.balance / T4.balance)
    S("收入支出总计", "fiscal", _t4("收入", "决算数", "收入总计", "总计")),
    S("收入总计", "any", _t1("收入", "总计", "收入总计")),
    S("收入支出总计", "any", _t1("收入", "总计", "收入总计")),
    S("支出总计", "any", _t1("支出", "总计", "支出总计")),
    S("收入合计", "any", _t1("收入", "本年收入合计")),
    S("支出合计", "any", _t1("支出", "本年支出合计")),
    S("财政拨款收入", "any", Cells(T2, "财政拨款收入", items=("合计",))),
    S("财政拨款支出", "any", _t4("支出", "合计", "本年支出合计")),
    S("一般公共预算财政拨款支出", "any", Cells(T5, "合计", items=("合计",))),
    *(S(name, "any", Cells(T2, name, items=("合计",)))
      for name in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")),
    # 基本支出 and 项目支出 of 财政拨款 are the 一般公共预算 table's; of all money, 支出决算表's
    S("基本支出", "fiscal", Cells(T5, "基本支出", items=("合计",))),
    S("项目支出", "fiscal", Cells(T5, "项目支出", items=("合计",))),
    *(S(name, "any", Cells(T3, name, items=("合计",)))
      for name in ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")),
    # 人员经费 / 公用经费 are the basic part (名词解释: 基本支出 = 人员支出 + 公用支出)
    S("人员经费", "any", Cells(T6, "基本支出", items=("人员经费合计",))),
    S("人员经费", "any", Cells(TB, "合计", items=("人员经费合计",))),
    *(S(name, "any", Cells(T6, "基本支出", items=("公用经费合计",))) for name in ("公用经费", "日常公用经费")),
    *(S(name, "any", Cells(TB, "合计", items=("公用经费合计",))) for name in ("公用经费", "日常公用经费")),
    # 三公 (公开07表); the budget column is chosen by the claim (see claims.three_public_column)
    *(S(name, "any", Cells(T7, None, items=(item,)))
      for name, item in (("三公经费", "合计"), ("因公出国(境)费", "因公出国(境)费"),
                         ("公务用车购置及运行维护费", "公务用车购置及运行维护费"), ("公务用车购置费", "公务用车购置费"),
                         ("公务用车运行维护费", "公务用车运行维护费"), ("公务接待费", "公务接待费"))),
    # 公开10表 (national only)
    S("机关运行经费", "any", Cells(T10, "统计数", items=("行政单位", "参照公务员法管理事业单位")),
      note="公开10表 prints it by kind of unit; the narrative states the sum"),
    # without 公开10表: 机关运行经费 is the basic part's 公用经费 for administrative units, less otherwise
    S("机关运行经费", "any", Cells(T6, "基本支出", items=("公用经费合计",)), relation="le"),
    S("机关运行经费", "any", Cells(TB, "合计", items=("公用经费合计",)), relation="le"),
    S("政府采购", "any", Cells(T10, "采购金额", items=("合计",))),
    *(S(f"政府采购{kind}", "any", Cells(T10, "采购金额", items=(kind,))) for kind in ("货物", "工程", "服务")),
)

# A 部门预算's tables print the year's budget: one column 本年预算数 (Jiangsu), or a row's total
# column where the table splits it (Shanghai: 合计, 本年支出合计, 本年收入合计). Only one of them is
# printed per table, so the tuple selects the row's total whichever it is.
AMOUNT = ("本年预算数", "合计", "本年支出合计", "本年收入合计")


def _b(table, side="", *items, **kw):
    return Cells(table, AMOUNT, side=side, items=items, **kw)


BUDGET_FIGURES: tuple[SubjectFigure, ...] = (
    # under a 财政拨款 heading the totals are the 财政拨款收支预算总表's (as in a 决算, T4 first)
    *(S(name, "fiscal", _b(T4, side, "收入合计", "收入总计", "总计") if side == "收入" else _b(T4, side, "支出合计", "支出总计", "总计"))
      for name, side in (("收入总计", "收入"), ("收入支出总计", "收入"), ("支出总计", "支出"))),
    S("收入总计", "any", _b(T1, "收入", "收入合计", "收入总计", "总计")),
    S("收入合计", "any", _b(T1, "收入", "收入合计", "收入总计", "总计")),
    S("收入支出总计", "any", _b(T1, "收入", "收入合计", "收入总计", "总计")),
    S("支出总计", "any", _b(T1, "支出", "支出合计", "支出总计", "总计")),
    S("支出合计", "any", _b(T1, "支出", "支出合计", "支出总计", "总计")),
    S("财政拨款收入", "any", _b(T4, "收入", "收入合计", "收入总计", "总计")),
    *(S(name, "any", _b(T1, "收入", name)) for name in ("其他资金", "财政专户管理资金")),
    S("财政拨款支出", "any", _b(T4, "支出", "支出合计", "支出总计", "总计")),
    S("一般公共预算财政拨款支出", "any", _b(T5, "", "合计", "总计", codes=("",))),
    S("基本支出", "fiscal", _b(T4, "支出", "基本支出")),
    S("项目支出", "fiscal", _b(T4, "支出", "项目支出")),
    *(S(name, "fiscal", Cells(T5, name, items=("合计",), codes=("",))) for name in ("基本支出", "项目支出")),
    *(S(name, "any", _b(T3, "", name)) for name in ("基本支出", "项目支出", "单位预留机动经费", "事业单位经营支出")),
    *(S(name, "any", Cells(T3, name, items=("合计",), codes=("",))) for name in ("基本支出", "项目支出")),
    # 人员经费 / 公用经费: the economic 类 of the basic part (RULES.md: 301 + 303; 302 + 310 …)
    S("人员经费", "any", Cells(TB, "人员经费", items=("合计",), codes=("",))),
    S("公用经费", "any", Cells(TB, "公用经费", items=("合计",), codes=("",))),
    S("人员经费", "any", _b(TB, codes=("301", "303"))),
    *(S(name, "any", _b(TB, codes=("302", "307", "309", "310", "399"))) for name in ("公用经费", "日常公用经费")),
    *(S(name, "any", _b(T7, "", item))
      for name, item in (("三公经费", "合计"), ("因公出国(境)费", "因公出国(境)费"),
                         ("公务用车购置及运行维护费", "公务用车购置及运行维护费"), ("公务用车购置费", "公务用车购置费"),
                         ("公务用车运行维护费", "公务用车运行维护费"), ("公务接待费", "公务接待费"),
                         ("会议费", "会议费"), ("培训费", "培训费"))),
    # Jiangsu prints a 机关运行经费 table; Shanghai a row of its 三公 table
    S("机关运行经费", "any", _b("running_costs", "", "合计", "总计", codes=("",))),
    S("机关运行经费", "any", _b(T7, "", "机关运行经费")),
    S("政府采购", "any", _b("procurement", "", "合计", "总计")),
    *(S(f"政府采购{kind}", "any", _b("procurement", item_pattern=rf"^[一二三]、{kind}[^/]*$")) for kind in ("货物", "工程", "服务")),
)


def figures_for(kind: str | None) -> tuple[SubjectFigure, ...]:
    """The subject map of a document of this kind (决算 or 预算)."""
    return BUDGET_FIGURES if kind == "预算" else FIGURES


# Counts printed in 公开10表: claim subject → a regex on the printed row label.
COUNT_ROWS: tuple[tuple[str, str], ...] = (
    ("车辆", r"^(?:[（(]一[)）])?车辆数合计"),
    ("公务用车保有量", r"^(?:[（(]一[)）])?车辆数合计"),
    ("单价100万元以上设备", r".*单价100万元.*设备"),
)
VEHICLE_KINDS = ("副部(省)级及以上领导用车", "主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车",
                 "特种专业技术用车", "离退休干部用车", "其他用车")


def class_cells(code: str, fiscal: bool, kind: str | None = "决算", name: str = "") -> tuple[Cells, ...]:
    """A 功能分类 subject by code, the first of these cells whose table prints it: the
    一般公共预算财政拨款 table for 财政拨款 sentences, else 支出决算表. In a budget, all money by 类 is
    the 支出预算总表 by code or the 收支预算总表's 支出 row named so; 财政拨款 the 一般公共预算支出预算表."""
    if kind == "预算":
        fiscal_cells = (Cells(T5, AMOUNT, codes=(code,)),)
        if fiscal or len(code) != 3:
            return fiscal_cells
        return (Cells(T3, AMOUNT, codes=(code,)), Cells(T1, AMOUNT, side="支出", items=(name,)), *fiscal_cells)
    return (_final_class_cells(code, fiscal),)


def _final_class_cells(code: str, fiscal: bool) -> Cells:
    if fiscal:
        return Cells(T5, "合计", codes=(code,))
    return Cells(T3, "本年支出合计", codes=(code,))


def is_fiscal(fund: str) -> bool:
    return (fund or "") in FISCAL_FUNDS


def is_other_fund(fund: str) -> bool:
    return any(word in (fund or "") for word in OTHER_FUNDS)
