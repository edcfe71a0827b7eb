"""Charts of the metrics (matplotlib), titled and labelled in Chinese with their units.

    >>> from juesuan import metrics, plots
    >>> plots.execution_chart(metrics.budget_execution(doc))

Text is set in WenQuanYi Micro Hei (SIL OFL 1.1), shipped by the PyPI package
`paperang-p2-fonts-cjk` and registered with matplotlib on import, so Chinese labels render
without missing-glyph warnings and without any font installed on the system.
"""
from __future__ import annotations

import io
from decimal import Decimal
from importlib import resources
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

WAN = Decimal(10000)
WIDTH = 8.0  # inches at 100 dpi: 800 px, the width of a report page's output area
COLORS = {"budget": "#9ecae1", "actual": "#3182bd", "over": "#de2d26", "under": "#3182bd", "line": "#636363"}


def cjk_font_path() -> Path:
    return Path(str(resources.files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"))


def use_cjk_font() -> str:
    """Register the bundled CJK font with matplotlib and make it the default; returns its name."""
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
    # The font has no U+2212 MINUS SIGN: draw negative ticks with an ASCII hyphen instead.
    matplotlib.rcParams["axes.unicode_minus"] = False
    return name


FONT_NAME = use_cjk_font()


class Chart(Figure):
    """A matplotlib Figure that shows itself as a PNG in Jupyter (`_repr_png_`).

    Charts are bare Figures, not pyplot's: nothing stays in pyplot's registry between charts, and
    a notebook shows each chart once, as the cell's value, whatever backend the kernel has."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()

    def __repr__(self) -> str:
        titles = [ax.get_title() for ax in self.axes if ax.get_title()]
        return f"<Chart {titles[0] if titles else ''}>"


def _figure(rows: int, row_height: float = 0.42) -> tuple[Figure, Axes]:
    fig = Chart(figsize=(WIDTH, 1.3 + row_height * max(rows, 1)), dpi=100, layout="constrained")
    ax = fig.subplots()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _percent(value: Decimal) -> float:
    return float(value * 100)


def _wan(value: Decimal) -> float:
    return float(value / WAN)


def _empty(title: str, reason: str) -> Figure:
    """A chart that says why it has nothing to show (rather than an empty axis)."""
    fig, ax = _figure(1)
    ax.axis("off")
    ax.set_title(title)
    ax.text(0.5, 0.5, reason, ha="center", va="center", transform=ax.transAxes, color=COLORS["line"])
    return fig


def execution_chart(execution: pd.DataFrame, basis: str | None = None) -> Figure:
    """Execution rate of the whole and per 类 (stated, or rolled up from its 款 and 项) against the
    100% line, against `basis`; by default the headline's (`metrics.execution_basis`): 年初预算, or
    全年预算 where 年初预算 is 0 or not stated — which the title then says."""
    from .metrics import execution_basis

    reason = ""
    if basis is None:
        basis, reason = execution_basis(execution)
    if basis is None:
        return _empty("预算执行率（决算 ÷ 年初预算）", f"{reason}，无法计算执行率")
    title = f"预算执行率（决算 ÷ {basis}；{reason}）" if reason else f"预算执行率（决算 ÷ {basis}）"
    rows = execution[(execution["basis"] == basis) & (execution["status"] == "ok") & execution["level"].isin(["合计", "类"])]
    if rows.empty:
        return _empty(title, f"无可计算的{basis}执行率")
    rows = rows.iloc[::-1]
    labels = ["合计" if lv == "合计" else s for lv, s in zip(rows["level"], rows["subject"])]
    values = [_percent(r) for r in rows["rate"]]
    fig, ax = _figure(len(rows))
    colors = [COLORS["over"] if v > 100 else COLORS["under"] for v in values]
    bars = ax.barh(labels, values, color=colors)
    ax.axvline(100, color=COLORS["line"], linestyle="--", linewidth=1)
    ax.bar_label(bars, labels=[f"{v:.2f}%" for v in values], padding=3)
    ax.set_xlim(0, max(values + [100]) * 1.18)
    ax.set_xlabel("执行率（%），虚线为 100%")
    ax.set_title(title)
    return fig


def shares_chart(frame: pd.DataFrame, title: str, label: str = "item") -> Figure:
    """Amounts (万元) of a structure table, each labelled with its share."""
    rows = frame[frame["status"] == "ok"]
    if rows.empty:
        return _empty(title, "缺少数据")
    rows = rows.iloc[::-1]
    fig, ax = _figure(len(rows))
    amounts = [_wan(a) for a in rows["amount"]]
    bars = ax.barh(list(rows[label]), amounts, color=COLORS["actual"])
    share_column = next(c for c in rows.columns if c.endswith("share"))
    ax.bar_label(bars, labels=[f"{_percent(s):.2f}%" if s is not None else "" for s in rows[share_column]], padding=3)
    ax.set_xlim(0, max(amounts + [0]) * 1.2 or 1)
    ax.set_xlabel("金额（万元）")
    ax.set_title(title)
    return fig


def budget_actual_chart(frame: pd.DataFrame, title: str, label: str = "item", budget: str = "budget",
                        actual: str = "actual") -> Figure:
    """预算 and 决算 side by side (万元), e.g. 三公经费 by item; a budget, which has no 决算, its 预算 alone."""
    rows = frame.dropna(subset=[budget])
    if rows.empty:
        return _empty(title, "缺少数据")
    planned_only = rows[actual].isna().all()
    rows = rows.iloc[::-1] if planned_only else rows.dropna(subset=[actual]).iloc[::-1]
    fig, ax = _figure(round(len(rows) * (1 if planned_only else 1.5)))
    positions = range(len(rows))
    height = 0.6 if planned_only else 0.4
    offset = 0 if planned_only else height / 2
    ax.barh([p + offset for p in positions], [_wan(v) for v in rows[budget]], height, label="预算数", color=COLORS["budget"])
    if not planned_only:
        ax.barh([p - offset for p in positions], [_wan(v) for v in rows[actual]], height, label="决算数",
                color=COLORS["actual"])
    ax.set_yticks(list(positions), list(rows[label]))
    ax.set_xlabel("金额（万元）" + ("，预算无决算数" if planned_only else ""))
    ax.legend(loc="lower right", frameon=False)
    ax.set_title(title)
    return fig


def year_on_year_chart(yoy: pd.DataFrame, title: str = "与上年相比的增减率（上年数由说明所述增减额推算）") -> Figure:
    """The recomputed rate of change for each change the narrative states, growth right, decline left.

    Each bar is named by its subject with its fund beneath (收入总计 / （财政拨款）) and labelled with
    its rate at its outer end; the axis is widened until every label lies inside it, so no label
    runs into the names on the left or out of the chart on the right."""
    rows = yoy[(yoy["status"] == "ok") & yoy["rate"].notna()].drop_duplicates(subset=["subject", "fund", "current"])
    if rows.empty:
        return _empty(title, "说明未列可推算上年数的增减额")
    rows = rows.iloc[::-1]
    labels = [f"{s}\n（{f}）" if f else s for s, f in zip(rows["subject"], rows["fund"])]
    values = [_percent(r) for r in rows["rate"]]
    fig, ax = _figure(len(rows), row_height=0.55)
    bars = ax.barh(labels, values, color=[COLORS["over"] if v < 0 else COLORS["under"] for v in values])
    texts = ax.bar_label(bars, labels=[f"{v:+.2f}%" for v in values], padding=4)
    ax.axvline(0, color=COLORS["line"], linewidth=1)
    reach = max(abs(v) for v in values) or 1
    ax.set_xlim(min(min(values), -reach * 0.1) * 1.1, max(max(values), reach * 0.1) * 1.1)  # each side as it needs
    ax.spines["left"].set_visible(False)  # the bars start at the 0 line, drawn above
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("增减率（%）")
    ax.set_title(title)
    fit_labels(fig, ax, texts)
    return fig


def fit_labels(fig: Figure, ax: Axes, texts, margin: float = 6.0) -> None:
    """Widen the x axis until every text (a bar's label) lies inside the axes, `margin` pixels clear
    of its edges: a label running past the left edge would print over the category names."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    for _ in range(4):  # the constrained layout moves the axes as the limits change: settle it
        canvas.draw()
        box = ax.get_window_extent()
        left, right = ax.get_xlim()
        per_pixel = (right - left) / box.width
        spans = [t.get_window_extent() for t in texts if t.get_text()]
        over_left = max([box.x0 + margin - t.x0 for t in spans] + [0])
        over_right = max([t.x1 - (box.x1 - margin) for t in spans] + [0])
        if over_left <= 0 and over_right <= 0:
            return
        ax.set_xlim(left - over_left * per_pixel * 1.2, right + over_right * per_pixel * 1.2)


def scores_chart(performance: pd.DataFrame, title: str = "项目绩效自评总分") -> Figure:
    """Each project's printed 总分 with its grade."""
    rows = performance[performance["status"] == "ok"]
    if rows.empty:
        return _empty(title, "文件未附项目支出绩效自评表")
    rows = rows.iloc[::-1]
    fig, ax = _figure(len(rows))
    names = [p if len(p) <= 16 else p[:15] + "…" for p in rows["project"]]
    bars = ax.barh(names, [float(s) for s in rows["total_score"]], color=COLORS["actual"])
    shown = [f"{Decimal(s).quantize(Decimal('0.01'))}（{g}）" for s, g in zip(rows["total_score"], rows["grade"])]
    ax.bar_label(bars, labels=shown, padding=3)  # two decimals, as the table above it
    ax.axvline(90, color=COLORS["line"], linestyle="--", linewidth=1)
    ax.set_xlim(0, 115)
    ax.set_xlabel("得分（分），虚线为“优”的下限 90 分")
    ax.set_title(title)
    return fig


# --- collections: a department over the years, departments side by side -----------------------------

SERIES_COLORS = ("#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#fd8d3c", "#9ecae1", "#a1d99b")
# A 决算 is what was spent, a 预算 what was planned: the plan drawn lighter and hatched.
KIND_STYLES = {"决算": {"color": COLORS["actual"]}, "预算": {"color": COLORS["budget"], "hatch": "//", "edgecolor": "white"}}


def trend_chart(frame: pd.DataFrame, columns: dict[str, str], title: str) -> Figure:
    """Amounts (万元) year by year: a panel per column, each on its own scale (“三公”经费 is a
    hundredth of a department's spending), a bar per year and kind, each labelled."""
    kinds = [k for k in KIND_STYLES if k in set(frame["kind"])]
    years = sorted(frame["year"].unique())
    if frame.empty or all(frame[c].isna().all() for c in columns):
        return _empty(title, "缺少数据")
    fig = Chart(figsize=(WIDTH, 3.6), dpi=100, layout="constrained")
    axes = fig.subplots(1, len(columns), squeeze=False)[0]
    width = 0.8 / len(kinds)
    for ax, (column, label) in zip(axes, columns.items()):
        ax.spines[["top", "right"]].set_visible(False)
        for number, kind in enumerate(kinds):
            rows = frame[(frame["kind"] == kind) & frame[column].notna()]
            positions = [years.index(y) + (number - (len(kinds) - 1) / 2) * width for y in rows["year"]]
            values = [_wan(v) for v in rows[column]]
            bars = ax.bar(positions, values, width, label=kind, **KIND_STYLES[kind])
            ax.bar_label(bars, labels=[f"{v:,.2f}" for v in values], padding=2, fontsize=8)
        ax.set_xticks(range(len(years)), [str(y) for y in years])
        ax.set_ylim(0, (ax.get_ylim()[1] or 1) * 1.15)
        ax.set_title(label, fontsize=10)
        ax.set_ylabel("金额（万元）")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncol=len(kinds), frameon=False,
               fontsize=9)
    fig.suptitle(title)
    return fig


def stacked_shares_chart(wide: pd.DataFrame, title: str) -> Figure:
    """Shares by 类 (rows of `wide`, one `…_share` column per bar) as 100% stacked bars, each part
    of 5% or more labelled."""
    columns = [c for c in wide.columns if c.endswith("_share")]
    if wide.empty or not columns:
        return _empty(title, "缺少数据")
    fig = Chart(figsize=(WIDTH, 1.6 + 0.55 * len(columns) + 0.25 * len(wide)), dpi=100, layout="constrained")
    ax = fig.subplots()
    ax.spines[["top", "right"]].set_visible(False)
    bars = [c[: -len("_share")] for c in columns]
    left = [0.0] * len(columns)
    for number, row in enumerate(wide.to_dict("records")):
        values = [_percent(row[c]) if row[c] is not None else 0.0 for c in columns]
        drawn = ax.barh(bars, values, left=left, color=SERIES_COLORS[number % len(SERIES_COLORS)], label=row["item"])
        ax.bar_label(drawn, labels=[f"{v:.1f}%" if v >= 5 else "" for v in values], label_type="center", color="white",
                     fontsize=8)
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()  # the first year on top
    ax.set_xlim(0, 100)
    ax.set_xlabel("占比（%）")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=min(len(wide), 4), frameon=False, fontsize=9)
    ax.set_title(title)
    return fig


def peers_chart(frame: pd.DataFrame, column: str, title: str, label: str = "department") -> Figure:
    """One bar per department: a ratio column in %, `…_per_wan` in 元 per 万元, an amount in 万元."""
    rows = frame[frame[column].notna()]
    if rows.empty:
        return _empty(title, "缺少数据")
    rows = rows.iloc[::-1]
    if column.endswith(("rate", "share")):
        values, unit, text = [_percent(v) for v in rows[column]], "占比（%）", "{:.2f}%"
    elif column.endswith("_per_wan"):
        values, unit, text = [float(v) for v in rows[column]], "元 / 万元支出", "{:,.2f}"
    else:
        values, unit, text = [_wan(v) for v in rows[column]], "金额（万元）", "{:,.2f}"
    fig, ax = _figure(len(rows))
    bars = ax.barh(list(rows[label]), values, color=COLORS["actual"])
    ax.bar_label(bars, labels=[text.format(v) for v in values], padding=3)
    ax.set_xlim(0, max(values + [0]) * 1.2 or 1)
    ax.set_xlabel(unit)
    ax.set_title(title)
    return fig


def save(fig: Figure, path: str | Path) -> Path:
    """Write a chart as PNG without the matplotlib version or a date in its metadata."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png", metadata={"Software": None})
    return path
