"""What the pages say besides their tables' figures: every note of the document metrics in Chinese
first, the batch's failure reasons in Chinese first, what a 决算 without self-evaluation tables says
about 绩效 (read by hand from the PDF), and a year-on-year chart whose labels overlap nothing."""
import re
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

import juesuan
from juesuan import batch, metrics, plots

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
DOCUMENT_METRICS = (metrics.totals, metrics.class_shares, metrics.basic_vs_project, metrics.personnel_vs_public,
                    metrics.income_by_source, metrics.year_on_year, metrics.three_public, metrics.running_costs,
                    metrics.procurement, metrics.assets, metrics.performance)


def chinese_first(text: str) -> bool:
    """Chinese comes before any English ("中文 (English)", "中文 / English")."""
    latin, cjk = LATIN.search(text), CJK.search(text)
    return not latin or bool(cjk) and cjk.start() < latin.start()


def without_tables(doc):
    """The document as if no table had been found: every metric takes its missing-table path."""
    tables = {key: {**info, "status": "missing", "facts": 0} for key, info in doc.meta["tables"].items()}
    return SimpleNamespace(facts=doc.facts.iloc[0:0], meta={**doc.meta, "tables": tables}, claims=doc.claims.iloc[0:0],
                           findings=doc.findings, audit=doc.audit, blocks=doc.blocks)


@pytest.fixture(scope="module")
def sample():
    from juesuan import checks  # noqa: F401  (the audit)

    return juesuan.load("xinzhou-hrss-2022")


def test_every_note_of_the_document_metrics_is_chinese_first(sample, docs):
    seen = 0
    for doc in (sample, without_tables(sample), docs("shanghai-putuo_caizhengju_2024_juesuan.pdf"),
                docs("shanghai-putuo_wanli-jiedao_2025_yusuan-dept.pdf")):
        for analysis in DOCUMENT_METRICS:
            frame = analysis(doc)
            for column in ("note", "statement"):
                for text in frame.get(column, []):
                    if text:
                        seen += 1
                        assert chinese_first(text), (analysis.__name__, text)
                        assert not re.search(r"(?<![A-Za-z_])[a-z]+_[a-z_]+(?![A-Za-z_])", text), (analysis.__name__, text)
    assert seen > 50


def test_a_missing_table_is_named_as_printed():
    from juesuan import checks  # noqa: F401

    doc = without_tables(juesuan.load("xinzhou-hrss-2022"))
    assert metrics.three_public(doc)["note"].iloc[0] == "公开07表 财政拨款“三公”经费支出决算表未找到 (table not found)"
    assert metrics.class_shares(doc)["note"].iloc[0] == "公开05表 一般公共预算财政拨款支出决算表未找到 (table not found)"


def test_failure_reasons_in_the_index_are_chinese_first():
    assert batch.reason_words("timed out after 600 s") == "超时：运行超过 600 秒 (timed out after 600 s)"
    assert batch.reason_words("exited with code -9") == "运行失败，退出码 -9 (exited with code -9)"
    assert batch.reason_words("stopped") == "已中止 (stopped)"
    assert batch.reason_words("KeyError: 'amount'") == "运行出错 (KeyError: 'amount')"
    said = "参数 doc 无法读取 / parameter doc cannot be read: broken.pdf: not a PDF"
    assert batch.reason_words(said) == said  # a ParameterError says both already
    assert batch._last_line("", 3) == "运行失败，退出码 3 (exited with code 3)"


def test_what_a_final_account_without_self_evaluations_says_about_performance(docs):
    doc = docs("shanghai-putuo_caizhengju_2024_juesuan.pdf")
    assert metrics.performance(doc)["status"].tolist() == ["insufficient_data"]  # no 项目支出绩效自评表
    said = metrics.performance_sentences(doc)
    # p.23, 十、预算绩效管理情况, read in the PDF (the reader splits at ；and ：)
    part = said[said["heading"] == "十、预算绩效管理情况"]
    assert part["page"].tolist() == [23] * 10
    assert part["sentence"].iloc[0] == "上海市普陀区财政局2024年度预算绩效管理工作开展情况如下："
    assert part["sentence"].iloc[3] == "编报绩效目标的2024年度项目4个，涉及预算金额598.42万元；"
    assert part["sentence"].iloc[5] == ("绩效自评的2024年度项目4个，涉及预算金额598.42万元，平均得分99.43分（其中，"
                                        "绩效评级为“优”的项目4个；")
    assert part["sentence"].iloc[-1] == "绩效自评中共发现问题0个，已经完成整改的0个，正在整改的0个）。"
    # p.22, under 财政委托业务支出: the one other sentence that names 绩效
    assert said.iloc[0].tolist() == ["（三）一般公共预算财政拨款支出决算具体情况", "委托中介机构开展各类审计及绩效评价工作。", 22]
    assert len(said) == 11


def test_performance_as_pay_is_not_about_performance(sample):
    said = metrics.performance_sentences(sample)
    # the sample's 人员经费 sentence lists 事业人员绩效工资 among wages; its 绩效 part is read
    assert not said["sentence"].str.contains("主要包括在职人员基本工资").any()
    assert said["sentence"].str.startswith("根据预算绩效管理要求").any()


def label_boxes(chart):
    """The chart's bar labels and category names as drawn: (labels, ticks, the axes) in pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = chart.canvas if isinstance(chart.canvas, FigureCanvasAgg) else FigureCanvasAgg(chart)
    canvas.draw()
    ax = chart.axes[0]
    renderer = canvas.get_renderer()
    labels = [t.get_window_extent(renderer) for t in ax.texts if t.get_text()]
    ticks = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    return labels, ticks, ax.get_window_extent(renderer)


@pytest.mark.parametrize("name", ["xinzhou-hrss-2022", "shanghai-putuo_caizhengju_2024_juesuan.pdf"])
def test_the_year_on_year_chart_labels_overlap_nothing(sample, docs, name):
    doc = sample if name == "xinzhou-hrss-2022" else docs(name)
    chart = plots.year_on_year_chart(metrics.year_on_year(doc))
    labels, ticks, axes = label_boxes(chart)
    assert labels and ticks
    for label in labels:  # inside the axes, so clear of the category names left of it
        assert axes.x0 <= label.x0 and label.x1 <= axes.x1, (label, axes)
        assert not any(label.overlaps(tick) for tick in ticks)
    if name == "xinzhou-hrss-2022":  # 社会保障和就业支出's −79.32%, the widest bar, once ran into its name
        assert "-79.32%" in [t.get_text() for t in chart.axes[0].texts]


def test_every_note_of_the_trends_is_chinese_first():
    """A department's years, built by hand: a first year, a year whose 支出 is missing, a zero and a
    growth, and a 决算 beside a 预算 of the same year."""
    import pandas as pd

    from juesuan.metrics import trends

    profiles = pd.DataFrame({"kind": ["预算", "预算", "预算", "预算", "决算"], "year": [2017, 2018, 2019, 2020, 2020],
                             "expenditure_total": [D(0), None, D(5), D(6), D(7)], "income_total": [D(1)] * 5,
                             "general_budget_expenditure": [D(1)] * 5, "basic": [D(1)] * 5, "project": [D(0)] * 5,
                             "personnel": [D(1)] * 5, "public": [D(0)] * 5, "three_public": [None] * 5,
                             "running_costs": [D(1)] * 5})
    notes = [n for frame in (trends.growth(profiles), trends.compound_growth(profiles), trends.budget_vs_final(profiles))
             for n in frame["note"] if n]
    assert len(notes) >= 4 and all(chinese_first(n) for n in notes), notes


def test_the_tutorials_ties_leave_unprinted_cells_blank_rather_than_fail(docs):
    """Regression: 00-tutorial failed on jiangsu_renda-changweihui_2019_yusuan (no 公开01–05表 at all:
    None + None). A budget prints its totals in other tables and columns: every tie is blank, none is
    a silent 0 = 0. The Shanghai 决算 ties: 收入决算表 合计 2,946.25 万元 = 29,462,500 元 on both sides."""
    from juesuan import views

    for name in ("jiangsu_renda-changweihui_2019_yusuan.pdf", "jiangsu_jianchayuan_2017_yusuan.pdf"):
        ties = views.ties(docs(name))
        assert ties["相等"].isna().all() and ties["左边"].isna().all(), name
    shanghai = views.ties(docs("shanghai-putuo_caizhengju_2024_juesuan.pdf"))
    assert shanghai.iloc[0].tolist() == ["01表收入 = 02表合计", D("29462500"), D("29462500"), True]
    assert shanghai["相等"].tolist() == [True] * 5
