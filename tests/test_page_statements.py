"""No page approves a figure the audit found wrong: on every page of the rendered documents (the
sample and, where ../shared is there, two Shanghai 决算 and a budget), no table row that shows a
stated figure whose claim the audit found mismatched reads 相符 / 正常 / ok — and each such figure is
shown somewhere (the audit page lists them), so the check has something to bite on."""
import pytest

import juesuan
from conftest import RENDERED_SHARED, SAMPLE, shared_raw
from reader_pages import PageTables, rows_approving_mismatches, rows_showing

ROOT_SAMPLE = "xinzhou-hrss-2022"


def mismatched(name: str) -> list[dict]:
    """The claims the audit found wrong, from the library (the same audit the pages show)."""
    doc = juesuan.load(ROOT_SAMPLE if name == SAMPLE else shared_raw(name))
    claims = doc.claims
    return claims[claims["verdict"] == "mismatch"].to_dict("records")


@pytest.mark.parametrize("name", [SAMPLE, *RENDERED_SHARED])
def test_no_row_reads_correct_beside_a_figure_the_audit_finds_wrong(rendered, name):
    claims = mismatched(name)
    shown = {c["claim_id"]: 0 for c in claims}
    for path in rendered.pages(name):
        for table in PageTables(path.read_text(encoding="utf-8")).tables:
            assert not rows_approving_mismatches(table, claims), (path.name, rows_approving_mismatches(table, claims))
            for claim in claims:
                shown[claim["claim_id"]] += len(rows_showing(table, claim))
    assert all(shown.values()), f"mismatched claims no page shows: {[k for k, n in shown.items() if not n]}"


def test_the_three_corpus_documents_hold_mismatches_to_check():
    # 普陀区财政局: 0.3万元 stated for 2,961.68 (p.21), 71.73% for 2,106.66 ÷ 2,940.05 = 71.65% (p.21), and two
    # completion rates of 0% against a zero budget (p.23); 社会工作部: 9.55% for 29.42 ÷ 307.82 = 9.5575% and
    # 95.89% completed of a 年初预算 of 0 (p.18); the 万里街道 budget states no wrong figure.
    assert sorted(c["subject"] for c in mismatched(RENDERED_SHARED[0])) == [
        "一般公共服务支出", "公务用车购置及运行维护费", "因公出国(境)费", "收入支出总计"]
    assert sorted(c["stated"] for c in mismatched(RENDERED_SHARED[1])) == ["9.55", "95.89"]
    assert mismatched(RENDERED_SHARED[2]) == []


# --- the matcher itself, on rows written by hand -------------------------------------------------------

SHARE = {"claim_id": "05-006-02", "subject": "一般公共服务支出", "stated": "71.73", "unit": "%", "value_yuan": None}
AMOUNT = {"claim_id": "04-001-01", "subject": "收入支出总计", "stated": "0.3", "unit": "万元", "value_yuan": "3000"}


def table(html_rows: str, headings: str = "<th>事项</th><th>说明所述</th><th>核对结果</th>"):
    return PageTables(f"<table><thead><tr>{headings}</tr></thead><tbody>{html_rows}</tbody></table>").tables[0]


def test_the_matcher_fails_a_row_that_approves_a_wrong_figure():
    wrong = table("<tr><td>一般公共服务支出</td><td>71.73%</td><td>相符</td></tr>")
    assert rows_approving_mismatches(wrong, [SHARE]) == [(["一般公共服务支出", "71.73%", "相符"], "05-006-02")]
    ok = table("<tr><td>一般公共服务支出</td><td>71.73%</td><td>正常</td></tr><tr><td>一般公共服务支出</td><td>71.73%</td><td>ok</td></tr>")
    assert len(rows_approving_mismatches(ok, [SHARE])) == 2


def test_the_matcher_reads_amounts_in_the_unit_of_the_cell_or_its_heading():
    # 0.3万元 = 3,000 元: shown as 0.30 万元 in a cell, as 0.30 under a 万元 heading, as 3,000.00 under a 元 heading
    assert rows_approving_mismatches(table("<tr><td>收入支出总计</td><td>0.30 万元</td><td>相符</td></tr>"), [AMOUNT])
    wan = table("<tr><td>收入支出总计</td><td>0.30</td><td>相符</td></tr>", "<th>事项</th><th>金额（万元）</th><th>核对结果</th>")
    yuan = table("<tr><td>收入支出总计</td><td>3,000.00</td><td>相符</td></tr>", "<th>事项</th><th>上年数（推算，元）</th><th>核对结果</th>")
    assert rows_approving_mismatches(wan, [AMOUNT]) and rows_approving_mismatches(yuan, [AMOUNT])


def test_the_matcher_lets_pass_what_does_not_approve_or_shows_another_figure():
    said = table("<tr><td>一般公共服务支出</td><td>71.73%</td><td>不符 (与审计一致)</td></tr>")
    assert rows_approving_mismatches(said, [SHARE]) == [] and rows_showing(said, SHARE)
    recomputed = table("<tr><td>一般公共服务支出</td><td>71.65%</td><td>相符</td></tr>")  # the tables' own figure
    other = table("<tr><td>住房保障支出</td><td>71.73%</td><td>相符</td></tr>")  # another subject
    table_figure = table("<tr><td>收入支出总计</td><td>2,961.68</td><td>相符</td></tr>",
                         "<th>事项</th><th>本年数（万元）</th><th>核对结果</th>")
    assert rows_approving_mismatches(recomputed, [SHARE]) == rows_approving_mismatches(other, [SHARE]) == []
    assert rows_approving_mismatches(table_figure, [AMOUNT]) == []
