"""The consistency relations of a 部门决算 (../shared/RULES.md) as data, one entry per relation.

`juesuan.checks.engine.run_rules` is the one evaluator. A rule names its figures with `Cells`
selectors (table, side, row, column, sign); its kind says how they relate:

* ``sum``        total = Σ parts (parts may carry sign −1). ``equal`` is a sum with one part;
                 ``le`` is part ≤ whole.
* every ``Cells`` may carry a ``key``: then the relation holds for each key separately (each
  row, each 类, each code), over the keys printed on either side; ``per_row_sum`` is a sum
  keyed by row.
* ``hierarchy``  in one table, 类 = Σ 款 = Σ 项 by code prefix, per column.
* ``nonnegative`` no figure of the selected cells is below zero.
* ``same_name`` / ``reference_name`` a code carries the same name in every table, and the name of
  the 政府收支分类科目 (juesuan.classification).

Tables are named by the canonical keys of docs/facts.md; T1 … T10 in ids follow RULES.md.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

KINDS = ("sum", "equal", "le", "per_row_sum", "hierarchy", "nonnegative", "same_name", "reference_name")
SEVERITIES = ("error", "warning", "info")
RELATION_KINDS = ("sum", "equal", "le", "per_row_sum")  # total vs parts, evaluated alike
KEYS = ("", "row", "class", "code", "item", "column")
TOLERANCES = ("rounding", "none")  # rounding: DESIGN.md's envelope (checks/tolerance.py); none: exact

T1, T2, T3 = "income_expenditure_summary", "income", "expenditure"
T4, T5, T6 = "fiscal_summary", "general_budget_expenditure", "general_budget_economic"
T7, T8, T9, T10 = "three_public", "government_fund", "state_capital", "disclosure_stats"
TB = "basic_expenditure"  # Shanghai's 一般公共预算财政拨款基本支出决算表, in place of the 明细表 (T6)
TABLE_ZH = {T6: "明细表", TB: "基本支出决算表"}

INCOME_SOURCES = ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
EXPENDITURE_KINDS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
FISCAL_COLUMNS = ("合计", *FUNDS)

# T1's three fiscal income rows are one T2 column (财政拨款收入); the others keep their name.
T1_INCOME_TO_T2_COLUMN = (
    ("一般公共预算财政拨款收入", "财政拨款收入"),
    ("政府性基金预算财政拨款收入", "财政拨款收入"),
    ("国有资本经营预算财政拨款收入", "财政拨款收入"),
)
T1_FISCAL_INCOME = tuple(item for item, _ in T1_INCOME_TO_T2_COLUMN)
GRAND_TOTAL_IN = ("总计", "收入总计")
GRAND_TOTAL_OUT = ("总计", "支出总计")

# 公开10表 机关运行经费 rows: printed by kind of unit, or as one line.
RUNNING_COSTS = ("行政单位", "参照公务员法管理事业单位", "机关运行经费", "机关运行经费支出")

# RULES.md: 人员经费 = 301 + 303; 公用经费 = 302 + 310 (+ 307, 399 … where printed). The national
# 明细表 prints 307, 309, 311, 312, 313 and 399 in its 公用经费 groups too.
PERSONNEL_CODES = ("301", "303")
PUBLIC_CODES = ("302", "307", "309", "310", "311", "312", "313", "399")

# Coded tables whose codes are 支出功能分类 (names checked against classification/functional.csv).
FUNCTIONAL_TABLES = (T2, T3, T5, T8, T9)


@dataclass(frozen=True)
class Cells:
    """A selection of printed figures of one table; their values are summed (× sign).

    Rows match on every field given: ``items`` are printed labels normalised (whitespace, leading
    ordinal such as 五、 or (一) and bracket width ignored); ``ordinal`` True/False keeps only rows
    printed with/without such an ordinal; ``item_pattern`` is a regex on the printed label;
    ``codes`` exact codes; ``code_digits`` codes of that length (3 = 类). ``column`` None takes
    the rule's current column (rules with ``columns``); a tuple selects several columns.
    ``key_map`` renames keys (normalised label → key) before they are matched across inputs.
    """

    table: str
    column: str | tuple[str, ...] | None = None
    side: str = ""
    items: tuple[str, ...] = ()
    ordinal: bool | None = None
    item_pattern: str = ""
    codes: tuple[str, ...] = ()
    code_digits: int | None = None
    sign: int = 1
    key: str = ""
    key_map: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    zh: str
    en: str
    total: Cells | None = None  # sum/equal: the printed total; le: the whole; others: the table read
    parts: tuple[Cells, ...] = ()  # sum/equal: the parts; le: the part
    columns: tuple[str, ...] = ()  # evaluate once per column (Cells with column None take it)
    tolerance: str = "rounding"
    layouts: tuple[str, ...] = ("national",)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"rule {self.id}: unknown kind {self.kind!r}; one of {KINDS}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"rule {self.id}: unknown severity {self.severity!r}; one of {SEVERITIES}")
        if self.tolerance not in TOLERANCES:
            raise ValueError(f"rule {self.id}: unknown tolerance {self.tolerance!r}; one of {TOLERANCES}")
        for cells in self.inputs:
            if cells.key not in KEYS or cells.sign not in (1, -1):
                raise ValueError(f"rule {self.id}: bad selector {cells}")
        if self.kind in RELATION_KINDS and len({bool(c.key) for c in self.inputs}) > 1:
            raise ValueError(f"rule {self.id}: either every selector has a key or none has")

    @property
    def inputs(self) -> tuple[Cells, ...]:
        return ((self.total,) if self.total else ()) + self.parts

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.table for c in self.inputs))


def _row_sum(rid: str, table: str, total: str, parts: tuple[str, ...], zh: str, en: str,
             side: str = "", signs: tuple[int, ...] = ()) -> Rule:
    """Each printed row: column ``total`` = Σ columns ``parts`` (× signs)."""
    signs = signs or (1,) * len(parts)
    return Rule(rid, "per_row_sum", "error", zh, en,
                total=Cells(table, total, side=side, key="row"),
                parts=tuple(Cells(table, c, side=side, sign=s, key="row") for c, s in zip(parts, signs)))


def _total_by_class(rid: str, table: str, columns: tuple[str, ...], label: str) -> Rule:
    return Rule(rid, "sum", "error", f"{label}合计行 = 各类级科目之和（逐列）",
                f"{table}: the 合计 row = the sum of the 类 rows, column by column",
                total=Cells(table, items=("合计",), codes=("",)),
                parts=(Cells(table, code_digits=3),), columns=columns)


def _hierarchy(rid: str, table: str, columns: tuple[str, ...], label: str) -> Rule:
    return Rule(rid, "hierarchy", "error", f"{label}类 = Σ款 = Σ项（按科目编码前缀，逐列）",
                f"{table}: each 类 = Σ its 款, each 款 = Σ its 项 (by code prefix, column by column)",
                total=Cells(table), columns=columns)


def _opening(fund: str) -> Cells:
    """A fund's opening carry-over: the row under 年初财政拨款结转和结余 (juesuan.tables names it
    "年初财政拨款结转和结余/一、一般公共预算财政拨款", ordinal as printed)."""
    return Cells(T4, "决算数", side="收入", item_pattern=rf"^年初.*结转和结余/(?:[一二三]、)?{fund}$")


def _fund_balance(fund: str, short: str) -> Rule:
    return Rule(
        f"T4.fund_balance.{short}", "sum", "error",
        f"财政拨款收入支出决算总表：{fund}年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
        f"fiscal_summary: {fund} year-end carry-over = opening carry-over + income − expenditure",
        total=Cells(T4, fund, side="支出", items=("年末财政拨款结转和结余",)),
        parts=(_opening(fund),
               Cells(T4, "决算数", side="收入", items=(fund, fund + "收入"), ordinal=True),
               Cells(T4, fund, side="支出", items=("本年支出合计",), sign=-1)))


def _three_public_le(rid: str, codes: tuple[str, ...], item: str, en: str, table: str = T6) -> Rule:
    return Rule(rid, "le", "error",
                f"{TABLE_ZH[table]}{'+'.join(codes)}（一般公共预算财政拨款）≤“三公”经费表{item}决算数",
                f"{table} {'+'.join(codes)} ≤ three_public {en} (决算数): "
                "三公 also counts other fiscal money, so ≤, not =",
                total=Cells(T7, "决算数", items=(item,)), parts=(Cells(table, "合计", codes=codes),))


RULES: tuple[Rule, ...] = (
    # --- T1 收入支出决算总表 ----------------------------------------------------------------------
    Rule("T1.income_total", "sum", "error", "收入支出决算总表：本年收入合计 = 各项收入之和",
         "income_expenditure_summary: 本年收入合计 = the sum of the income rows",
         total=Cells(T1, "决算数", side="收入", items=("本年收入合计",)),
         parts=(Cells(T1, "决算数", side="收入", ordinal=True),)),
    Rule("T1.expenditure_total", "sum", "error", "收入支出决算总表：本年支出合计 = 各类支出之和",
         "income_expenditure_summary: 本年支出合计 = the sum of the 类 rows",
         total=Cells(T1, "决算数", side="支出", items=("本年支出合计",)),
         parts=(Cells(T1, "决算数", side="支出", ordinal=True),)),
    Rule("T1.income_grand_total", "sum", "error",
         "收入支出决算总表：收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
         "income_expenditure_summary: 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
         total=Cells(T1, "决算数", side="收入", items=GRAND_TOTAL_IN),
         parts=(Cells(T1, "决算数", side="收入", items=("本年收入合计",)),
                Cells(T1, "决算数", side="收入", items=("使用非财政拨款结余",)),
                Cells(T1, "决算数", side="收入", items=("年初结转和结余",)))),
    Rule("T1.expenditure_grand_total", "sum", "error",
         "收入支出决算总表：支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
         "income_expenditure_summary: 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
         total=Cells(T1, "决算数", side="支出", items=GRAND_TOTAL_OUT),
         parts=(Cells(T1, "决算数", side="支出", items=("本年支出合计",)),
                Cells(T1, "决算数", side="支出", items=("结余分配",)),
                Cells(T1, "决算数", side="支出", items=("年末结转和结余",)))),
    Rule("T1.balance", "equal", "error", "收入支出决算总表：收入总计 = 支出总计",
         "income_expenditure_summary: total receipts = total payments",
         total=Cells(T1, "决算数", side="收入", items=GRAND_TOTAL_IN),
         parts=(Cells(T1, "决算数", side="支出", items=GRAND_TOTAL_OUT),)),
    # --- T2 收入决算表 ---------------------------------------------------------------------------
    _row_sum("T2.row_sum", T2, "本年收入合计", INCOME_SOURCES,
             "收入决算表：每行本年收入合计 = 财政拨款 + 上级补助 + 事业 + 经营 + 附属单位上缴 + 其他收入",
             "income: each row's 本年收入合计 = the sum of its six source columns"),
    _total_by_class("T2.total", T2, ("本年收入合计", *INCOME_SOURCES), "收入决算表："),
    _hierarchy("T2.hierarchy", T2, ("本年收入合计", *INCOME_SOURCES), "收入决算表："),
    # --- T3 支出决算表 ---------------------------------------------------------------------------
    _row_sum("T3.row_sum", T3, "本年支出合计", EXPENDITURE_KINDS,
             "支出决算表：每行本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助支出",
             "expenditure: each row's 本年支出合计 = the sum of its five kind columns"),
    _total_by_class("T3.total", T3, ("本年支出合计", *EXPENDITURE_KINDS), "支出决算表："),
    _hierarchy("T3.hierarchy", T3, ("本年支出合计", *EXPENDITURE_KINDS), "支出决算表："),
    # --- T4 财政拨款收入支出决算总表 ----------------------------------------------------------------
    _row_sum("T4.row_sum", T4, "合计", FUNDS,
             "财政拨款收入支出决算总表：支出每行合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算财政拨款",
             "fiscal_summary: each payment row's 合计 = the sum of its three fund columns", side="支出"),
    Rule("T4.income_total", "sum", "error", "财政拨款收入支出决算总表：本年收入合计 = 三项财政拨款收入之和",
         "fiscal_summary: 本年收入合计 = the sum of the three fiscal income rows",
         total=Cells(T4, "决算数", side="收入", items=("本年收入合计",)),
         parts=(Cells(T4, "决算数", side="收入", ordinal=True),)),
    Rule("T4.expenditure_total", "sum", "error", "财政拨款收入支出决算总表：本年支出合计 = 各类支出之和（逐列）",
         "fiscal_summary: 本年支出合计 = the sum of the 类 rows, column by column",
         total=Cells(T4, side="支出", items=("本年支出合计",)),
         parts=(Cells(T4, side="支出", ordinal=True),), columns=FISCAL_COLUMNS),
    Rule("T4.carryover_begin", "sum", "error",
         "财政拨款收入支出决算总表：年初财政拨款结转和结余 = 三项资金年初结转和结余之和",
         "fiscal_summary: opening carry-over = the sum of the three funds' opening carry-overs",
         total=Cells(T4, "决算数", side="收入", items=("年初财政拨款结转和结余",)),
         parts=tuple(_opening(fund) for fund in FUNDS)),
    Rule("T4.income_grand_total", "sum", "error",
         "财政拨款收入支出决算总表：收入总计 = 本年收入合计 + 年初财政拨款结转和结余",
         "fiscal_summary: 收入总计 = 本年收入合计 + opening carry-over",
         total=Cells(T4, "决算数", side="收入", items=GRAND_TOTAL_IN),
         parts=(Cells(T4, "决算数", side="收入", items=("本年收入合计",)),
                Cells(T4, "决算数", side="收入", items=("年初财政拨款结转和结余",)))),
    Rule("T4.expenditure_grand_total", "sum", "error",
         "财政拨款收入支出决算总表：支出总计 = 本年支出合计 + 年末财政拨款结转和结余（逐列）",
         "fiscal_summary: 支出总计 = 本年支出合计 + year-end carry-over, column by column",
         total=Cells(T4, side="支出", items=GRAND_TOTAL_OUT),
         parts=(Cells(T4, side="支出", items=("本年支出合计",)),
                Cells(T4, side="支出", items=("年末财政拨款结转和结余",))), columns=FISCAL_COLUMNS),
    Rule("T4.balance", "equal", "error", "财政拨款收入支出决算总表：收入总计 = 支出总计",
         "fiscal_summary: total receipts = total payments",
         total=Cells(T4, "决算数", side="收入", items=GRAND_TOTAL_IN),
         parts=(Cells(T4, "合计", side="支出", items=GRAND_TOTAL_OUT),)),
    _fund_balance("一般公共预算财政拨款", "general"),
    _fund_balance("政府性基金预算财政拨款", "government_fund"),
    _fund_balance("国有资本经营预算财政拨款", "state_capital"),
    # --- T5 一般公共预算财政拨款支出决算表 ------------------------------------------------------------
    _row_sum("T5.row_sum", T5, "合计", ("基本支出", "项目支出"),
             "一般公共预算财政拨款支出决算表：每行合计 = 基本支出 + 项目支出",
             "general_budget_expenditure: each row's 合计 = 基本支出 + 项目支出"),
    _total_by_class("T5.total", T5, ("合计", "基本支出", "项目支出"), "一般公共预算财政拨款支出决算表："),
    _hierarchy("T5.hierarchy", T5, ("合计", "基本支出", "项目支出"), "一般公共预算财政拨款支出决算表："),
    # --- T6 一般公共预算财政拨款支出决算明细表 (national) ------------------------------------------------
    Rule("T6.personnel", "sum", "error", "支出决算明细表：人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助（逐列）",
         "general_budget_economic: 人员经费合计 = 301 + 303, in 合计 and 基本支出",
         total=Cells(T6, items=("人员经费合计",)), parts=(Cells(T6, codes=PERSONNEL_CODES),),
         columns=("合计", "基本支出")),
    Rule("T6.public", "sum", "error",
         "支出决算明细表：公用经费合计 = 302 + 307 + 309 + 310 + 311 + 312 + 313 + 399（印出者，逐列）",
         "general_budget_economic: 公用经费合计 = 302 + 307 + 309 + 310 + 311 + 312 + 313 + 399 "
         "(those printed), in 合计 and 基本支出",
         total=Cells(T6, items=("公用经费合计",)), parts=(Cells(T6, codes=PUBLIC_CODES),),
         columns=("合计", "基本支出")),
    _hierarchy("T6.hierarchy", T6, ("合计", "基本支出"), "支出决算明细表：经济分类"),
    # --- T7 “三公”经费 ---------------------------------------------------------------------------
    Rule("T7.total", "sum", "error", "“三公”经费表：合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费（预算数、决算数分别）",
         "three_public: 合计 = abroad + official vehicles + reception, for 预算数 and 决算数 separately",
         total=Cells(T7, items=("合计",)),
         parts=(Cells(T7, items=("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")),),
         columns=("预算数", "决算数")),
    Rule("T7.vehicles", "sum", "error", "“三公”经费表：公务用车购置及运行维护费 = 公务用车购置费 + 公务用车运行维护费",
         "three_public: official vehicles = purchase + running costs, for 预算数 and 决算数 separately",
         total=Cells(T7, items=("公务用车购置及运行维护费",)),
         parts=(Cells(T7, items=("公务用车购置费", "公务用车运行维护费")),), columns=("预算数", "决算数")),
    Rule("T7.nonnegative", "nonnegative", "error", "“三公”经费表：无负数", "three_public: no negative figures",
         total=Cells(T7, ("预算数", "决算数")), tolerance="none"),
    # --- T8 政府性基金, T9 国有资本经营 ------------------------------------------------------------------
    _row_sum("T8.balance", T8, "年末结转和结余", ("年初结转和结余", "本年收入", "合计"),
             "政府性基金预算财政拨款收入支出决算表：每行年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
             "government_fund: each row's year-end carry-over = opening + income − expenditure",
             signs=(1, 1, -1)),
    _row_sum("T8.row_sum", T8, "合计", ("基本支出", "项目支出"),
             "政府性基金预算财政拨款收入支出决算表：每行本年支出小计 = 基本支出 + 项目支出",
             "government_fund: each row's expenditure 小计 = 基本支出 + 项目支出"),
    _total_by_class("T8.total", T8, ("年初结转和结余", "本年收入", "合计", "基本支出", "项目支出", "年末结转和结余"),
                    "政府性基金预算财政拨款收入支出决算表："),
    _hierarchy("T8.hierarchy", T8, ("年初结转和结余", "本年收入", "合计", "基本支出", "项目支出", "年末结转和结余"),
               "政府性基金预算财政拨款收入支出决算表："),
    _row_sum("T9.row_sum", T9, "合计", ("基本支出", "项目支出"),
             "国有资本经营预算财政拨款支出决算表：每行合计 = 基本支出 + 项目支出",
             "state_capital: each row's 合计 = 基本支出 + 项目支出"),
    _total_by_class("T9.total", T9, ("合计", "基本支出", "项目支出"), "国有资本经营预算财政拨款支出决算表："),
    _hierarchy("T9.hierarchy", T9, ("合计", "基本支出", "项目支出"), "国有资本经营预算财政拨款支出决算表："),
    # --- T10 相关信息统计表 ------------------------------------------------------------------------
    Rule("T10.procurement", "sum", "error", "相关信息统计表：政府采购合计 = 货物 + 工程 + 服务",
         "disclosure_stats: government procurement 合计 = goods + works + services",
         total=Cells(T10, "采购金额", items=("合计",)),
         parts=(Cells(T10, "采购金额", items=("货物", "工程", "服务")),)),
    Rule("T10.vehicles", "sum", "error", "相关信息统计表：车辆数合计 = 各用途车辆数之和",
         "disclosure_stats: the vehicle count = the sum of the counts by use",
         total=Cells(T10, "统计数", items=("车辆数合计（辆）", "车辆数合计")),
         parts=(Cells(T10, "统计数", item_pattern=r"^\d+\s*[.．、]"),)),
    # --- across tables ----------------------------------------------------------------------------
    Rule("X.T1_T2.income_total", "equal", "error", "收入支出决算总表本年收入合计 = 收入决算表合计",
         "income_expenditure_summary 本年收入合计 = income 合计 (本年收入合计)",
         total=Cells(T1, "决算数", side="收入", items=("本年收入合计",)),
         parts=(Cells(T2, "本年收入合计", items=("合计",), codes=("",)),)),
    Rule("X.T1_T3.expenditure_total", "equal", "error", "收入支出决算总表本年支出合计 = 支出决算表合计",
         "income_expenditure_summary 本年支出合计 = expenditure 合计 (本年支出合计)",
         total=Cells(T1, "决算数", side="支出", items=("本年支出合计",)),
         parts=(Cells(T3, "本年支出合计", items=("合计",), codes=("",)),)),
    Rule("X.T1_T2.income_rows", "equal", "error", "收入支出决算总表各项收入 = 收入决算表合计行对应栏（三项财政拨款收入合为财政拨款收入）",
         "income_expenditure_summary income rows = the matching column of the income 合计 row "
         "(the three fiscal rows together = 财政拨款收入)",
         total=Cells(T1, "决算数", side="收入", ordinal=True, key="item", key_map=T1_INCOME_TO_T2_COLUMN),
         parts=(Cells(T2, INCOME_SOURCES, items=("合计",), codes=("",), key="column"),)),
    Rule("X.T1_T3.class_rows", "equal", "error", "收入支出决算总表各类支出 = 支出决算表同类级科目本年支出合计",
         "income_expenditure_summary 类 rows = the expenditure row of the same 类",
         total=Cells(T1, "决算数", side="支出", ordinal=True, key="class"),
         parts=(Cells(T3, "本年支出合计", code_digits=3, key="class"),)),
    Rule("X.T4_T2.fiscal_income", "equal", "error", "财政拨款收入支出决算总表本年收入合计 = 收入决算表财政拨款收入合计",
         "fiscal_summary 本年收入合计 = income 合计 (财政拨款收入)",
         total=Cells(T4, "决算数", side="收入", items=("本年收入合计",)),
         parts=(Cells(T2, "财政拨款收入", items=("合计",), codes=("",)),)),
    Rule("X.T4_T1.fiscal_income", "equal", "error", "财政拨款收入支出决算总表本年收入合计 = 收入支出决算总表三项财政拨款收入之和",
         "fiscal_summary 本年收入合计 = the sum of the three fiscal income rows of income_expenditure_summary",
         total=Cells(T4, "决算数", side="收入", items=("本年收入合计",)),
         parts=(Cells(T1, "决算数", side="收入", items=T1_FISCAL_INCOME, ordinal=True),)),
    Rule("X.T4_T5.total", "equal", "error", "财政拨款收入支出决算总表一般公共预算财政拨款本年支出合计 = 一般公共预算财政拨款支出决算表合计",
         "fiscal_summary 本年支出合计 (一般公共预算) = general_budget_expenditure 合计",
         total=Cells(T4, "一般公共预算财政拨款", side="支出", items=("本年支出合计",)),
         parts=(Cells(T5, "合计", items=("合计",), codes=("",)),)),
    Rule("X.T4_T5.class_rows", "equal", "error", "财政拨款收入支出决算总表各类一般公共预算财政拨款 = 一般公共预算财政拨款支出决算表同类合计",
         "fiscal_summary 类 rows (一般公共预算) = general_budget_expenditure rows of the same 类",
         total=Cells(T4, "一般公共预算财政拨款", side="支出", ordinal=True, key="class"),
         parts=(Cells(T5, "合计", code_digits=3, key="class"),)),
    Rule("X.T4_T8.total", "equal", "error", "财政拨款收入支出决算总表政府性基金本年支出合计 = 政府性基金预算财政拨款收入支出决算表合计",
         "fiscal_summary 本年支出合计 (政府性基金) = government_fund 合计 (本年支出)",
         total=Cells(T4, "政府性基金预算财政拨款", side="支出", items=("本年支出合计",)),
         parts=(Cells(T8, "合计", items=("合计",), codes=("",)),)),
    Rule("X.T4_T8.class_rows", "equal", "error", "财政拨款收入支出决算总表各类政府性基金 = 政府性基金表同类本年支出",
         "fiscal_summary 类 rows (政府性基金) = government_fund rows of the same 类",
         total=Cells(T4, "政府性基金预算财政拨款", side="支出", ordinal=True, key="class"),
         parts=(Cells(T8, "合计", code_digits=3, key="class"),)),
    Rule("X.T4_T8.income", "equal", "error", "财政拨款收入支出决算总表政府性基金预算财政拨款收入 = 政府性基金表本年收入合计",
         "fiscal_summary 政府性基金 income = government_fund 合计 (本年收入)",
         total=Cells(T4, "决算数", side="收入", items=("政府性基金预算财政拨款", "政府性基金预算财政拨款收入"),
                     ordinal=True),
         parts=(Cells(T8, "本年收入", items=("合计",), codes=("",)),)),
    Rule("X.T4_T9.total", "equal", "error", "财政拨款收入支出决算总表国有资本经营本年支出合计 = 国有资本经营预算财政拨款支出决算表合计",
         "fiscal_summary 本年支出合计 (国有资本经营) = state_capital 合计",
         total=Cells(T4, "国有资本经营预算财政拨款", side="支出", items=("本年支出合计",)),
         parts=(Cells(T9, "合计", items=("合计",), codes=("",)),)),
    Rule("X.T4_T9.class_rows", "equal", "error", "财政拨款收入支出决算总表各类国有资本经营 = 国有资本经营表同类合计",
         "fiscal_summary 类 rows (国有资本经营) = state_capital rows of the same 类",
         total=Cells(T4, "国有资本经营预算财政拨款", side="支出", ordinal=True, key="class"),
         parts=(Cells(T9, "合计", code_digits=3, key="class"),)),
    Rule("X.T5_T6.total", "equal", "error", "一般公共预算财政拨款支出决算表合计 = 明细表人员经费合计 + 公用经费合计",
         "general_budget_expenditure 合计 = general_budget_economic 人员经费合计 + 公用经费合计",
         total=Cells(T5, "合计", items=("合计",), codes=("",)),
         parts=(Cells(T6, "合计", items=("人员经费合计", "公用经费合计")),)),
    Rule("X.T5_T6.basic", "equal", "error", "一般公共预算财政拨款支出决算表基本支出合计 = 明细表人员经费 + 公用经费的基本支出",
         "general_budget_expenditure 合计 (基本支出) = general_budget_economic 人员经费合计 + 公用经费合计 (基本支出)",
         total=Cells(T5, "基本支出", items=("合计",), codes=("",)),
         parts=(Cells(T6, "基本支出", items=("人员经费合计", "公用经费合计")),)),
    *(Rule(f"X.T5_T3.{short}_le", "le", "error",
           f"一般公共预算财政拨款支出决算表每行{t5} ≤ 支出决算表同一科目{t3}（财政拨款是全部资金的一部分）",
           f"general_budget_expenditure {t5} ≤ expenditure {t3} for the same code (fiscal money is part of all money)",
           total=Cells(T3, t3, key="code"), parts=(Cells(T5, t5, key="code"),))
      for short, t5, t3 in (("total", "合计", "本年支出合计"), ("basic", "基本支出", "基本支出"),
                            ("project", "项目支出", "项目支出"))),
    _three_public_le("X.T6_T7.abroad_le", ("30212",), "因公出国（境）费", "因公出国(境)费"),
    _three_public_le("X.T6_T7.reception_le", ("30217",), "公务接待费", "公务接待费"),
    _three_public_le("X.T6_T7.vehicle_running_le", ("30231",), "公务用车运行维护费", "公务用车运行维护费"),
    _three_public_le("X.T6_T7.vehicle_purchase_le", ("30913", "31013"), "公务用车购置费", "公务用车购置费"),
    Rule("X.T10_T6.running_costs_le", "le", "warning",
         "相关信息统计表机关运行经费 ≤ 明细表公用经费合计（基本支出）",
         "disclosure_stats 机关运行经费 ≤ general_budget_economic 公用经费合计 (基本支出): equal for "
         "administrative units, less where other units spend too",
         total=Cells(T6, "基本支出", items=("公用经费合计",)),
         parts=(Cells(T10, "统计数", items=RUNNING_COSTS),)),
    Rule("X.names.same_name", "same_name", "warning", "同一科目编码在各表中名称相同",
         "a code carries the same name in every table",  # expected: the name most tables print
         total=Cells(T3, key="code"), parts=tuple(Cells(t, key="code") for t in (T5, T2, T8, T9)),
         tolerance="none"),
    Rule("X.names.reference_name", "reference_name", "info", "科目编码与名称符合政府收支分类科目",
         "codes and names agree with the 政府收支分类科目 (juesuan.classification)",
         total=None, parts=tuple(Cells(t, key="code") for t in (*FUNCTIONAL_TABLES, T6)), tolerance="none"),
)

# The Shanghai layout prints T1–T5, T7–T9 as the national one does (T9 with more columns), no
# 明细表 and no 相关信息统计表, and a 基本支出决算表 (every figure basic spending, one 决算数
# column = 合计) whose totals tie to T5's 基本支出.
SHANGHAI_RULES: tuple[Rule, ...] = (
    Rule("TB.reference_name", "reference_name", "info", "科目编码与名称符合政府收支分类科目",
         "codes and names agree with the 政府收支分类科目 (juesuan.classification)",
         total=None, parts=tuple(Cells(t, key="code") for t in (*FUNCTIONAL_TABLES, TB)), tolerance="none",
         layouts=("shanghai",)),
    Rule("TB.personnel", "sum", "error", "基本支出决算表：人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助",
         "basic_expenditure: 人员经费合计 = 301 + 303",
         total=Cells(TB, "合计", items=("人员经费合计",)), parts=(Cells(TB, "合计", codes=PERSONNEL_CODES),),
         layouts=("shanghai",)),
    Rule("TB.public", "sum", "error", "基本支出决算表：公用经费合计 = 302 + 307 + 309 + 310 + 311 + 312 + 313 + 399（印出者）",
         "basic_expenditure: 公用经费合计 = 302 + 307 + 309 + 310 + 311 + 312 + 313 + 399 (those printed)",
         total=Cells(TB, "合计", items=("公用经费合计",)), parts=(Cells(TB, "合计", codes=PUBLIC_CODES),),
         layouts=("shanghai",)),
    replace(_hierarchy("TB.hierarchy", TB, ("合计",), "基本支出决算表：经济分类"), layouts=("shanghai",)),
    Rule("X.T5_TB.basic", "equal", "error", "一般公共预算财政拨款支出决算表基本支出合计 = 基本支出决算表人员经费合计 + 公用经费合计",
         "general_budget_expenditure 合计 (基本支出) = basic_expenditure 人员经费合计 + 公用经费合计",
         total=Cells(T5, "基本支出", items=("合计",), codes=("",)),
         parts=(Cells(TB, "合计", items=("人员经费合计", "公用经费合计")),), layouts=("shanghai",)),
    *(replace(_three_public_le(f"X.TB_T7.{short}_le", codes, item, en, TB), layouts=("shanghai",))
      for short, codes, item, en in (("abroad", ("30212",), "因公出国（境）费", "因公出国(境)费"),
                                     ("reception", ("30217",), "公务接待费", "公务接待费"),
                                     ("vehicle_running", ("30231",), "公务用车运行维护费", "公务用车运行维护费"),
                                     ("vehicle_purchase", ("30913", "31013"), "公务用车购置费", "公务用车购置费"))),
)


def _layouts(rule: Rule) -> Rule:
    """A national rule whose tables the Shanghai layout prints holds there too."""
    return rule if {T6, T10} & set(rule.tables) else replace(rule, layouts=("national", "shanghai"))


RULES = tuple(_layouts(rule) for rule in RULES) + SHANGHAI_RULES
RULES_BY_ID = {rule.id: rule for rule in RULES}
if len(RULES_BY_ID) != len(RULES):  # pragma: no cover - a spec error, caught on import
    raise ValueError("duplicate rule ids")
