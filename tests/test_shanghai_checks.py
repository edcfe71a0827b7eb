"""The table relations of RULES.md on the two real Shanghai 决算 PDFs: every relation these
documents print is evaluated, and each holds within the rounding envelope (figures typed by hand
from the pages in tests/test_shanghai_facts.py; the arithmetic is repeated here)."""
import pytest

import juesuan
from juesuan.checks import rule_outcomes

from conftest import shared_raw

CAIZHENGJU = "shanghai-putuo_caizhengju_2024_juesuan.pdf"
GONGZUOBU = "shanghai-putuo_shehui-gongzuobu_2024_juesuan_flagged.pdf"

# Relations printed by both documents, with one hand check each (万元):
#   T1.income_total       财政局 2,946.25 = 2,940.05 + 6.20
#   T1.balance            财政局 总计 2,995.39 = 2,995.39
#   T4.carryover_begin    财政局 年初财政拨款结转和结余 21.63 = 一般公共预算 21.63
#   T4.fund_balance.general 财政局 21.63 = 21.63 + 2,940.05 − 2,940.05
#   TB.personnel          财政局 人员经费合计 2,152.26 = 301 2,082.85 + 303 69.41
#   TB.public             财政局 公用经费合计 184.65 = 302 171.07 + 310 13.58
#   X.T5_TB.basic         财政局 基本支出 2,336.91 = 2,152.26 + 184.65
#   X.T1_T3.class_rows    财政局 208: 公开… 326.71 vs 支出决算表 326.72 — 0.01 万元 apart, inside the
#                         envelope of two figures printed to 0.01 (2 × 0.005 万元), so no finding
#   X.T5_TB.basic         社会工作部 95.36 + 10.23 = 105.59 vs 105.58 — likewise inside (3 × 0.005)
HOLD_IN_BOTH = ("T1.income_total", "T1.expenditure_total", "T1.balance", "T2.row_sum", "T2.total", "T2.hierarchy",
                "T3.row_sum", "T3.total", "T3.hierarchy", "T4.row_sum", "T4.income_total", "T4.expenditure_total",
                "T4.balance", "T4.fund_balance.general", "T5.row_sum", "T5.total", "T5.hierarchy", "T7.total",
                "X.T1_T2.income_total", "X.T1_T3.expenditure_total", "X.T1_T3.class_rows", "X.T4_T5.total",
                "X.T4_T5.class_rows", "X.T5_T3.total_le", "TB.personnel", "TB.public", "TB.hierarchy", "X.T5_TB.basic")
# The national 明细表 and 相关信息统计表 are not printed in this layout.
NOT_PRINTED = ("T6.personnel", "T6.public", "T6.hierarchy", "T10.procurement", "T10.vehicles", "X.T5_T6.basic",
               "X.T10_T6.running_costs_le")


@pytest.mark.parametrize("name", [CAIZHENGJU, GONGZUOBU])
def test_every_printed_relation_holds(name):
    doc = juesuan.load(shared_raw(name))
    outcomes = dict(zip(*rule_outcomes(doc)[["rule_id", "outcome"]].T.values))
    assert {rule: outcomes[rule] for rule in HOLD_IN_BOTH} == {rule: "pass" for rule in HOLD_IN_BOTH}
    assert {rule: outcomes[rule] for rule in NOT_PRINTED} == {rule: "not_applicable" for rule in NOT_PRINTED}
    assert "fail" not in outcomes.values() and "insufficient_data" not in outcomes.values()


def test_opening_carry_over_rule_reads_the_fund_rows():
    doc = juesuan.load(shared_raw(CAIZHENGJU))
    outcomes = dict(zip(*rule_outcomes(doc)[["rule_id", "outcome"]].T.values))
    assert outcomes["T4.carryover_begin"] == "pass"  # 21.63 = 21.63, read from "年初…/一、一般公共预算财政拨款"
