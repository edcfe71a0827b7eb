"""Parse time of juesuan against a bare pdfplumber pass over the same file, measured in one run.

The baseline is what any pdfplumber user pays to see a PDF's text and tables: open, then
`extract_text()` and `extract_tables()` on every page. juesuan's parse (uncached: read, locate
tables, build facts) should cost at most 1.2× that. Each is run REPEATS times, interleaved, and the
median is taken, because these machines are shared and noisy.

A PDF that is no disclosure is refused from its first pages: the last line times that refusal on a
40-page notice (target under a second) beside the bare pass over the same file.

    python benchmarks/parse_time.py [PDF …]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import pdfplumber

import juesuan

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus" / "raw"
DEFAULT = [
    ROOT / "data" / "raw" / "xinzhou-hrss-2022.pdf",
    SHARED / "shanghai-putuo_caizhengju_2024_juesuan.pdf",
    SHARED / "shanghai-putuo_shehui-gongzuobu_2024_juesuan_flagged.pdf",
    SHARED / "shanghai_TEMPLATE_2024_juesuan-template.pdf",
    SHARED / "jiangsu_jianchayuan_2017_yusuan.pdf",
    SHARED / "shanghai-putuo_sifaju_2026_yusuan-dept.pdf",
]
REPEATS = 5
TARGET = 1.2


def bare_pass(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def juesuan_parse(path: Path) -> None:
    juesuan.load(path, cache=False)


def timed(fn, path: Path) -> float:
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


def main(paths: list[Path]) -> int:
    print(f"{'file':58} {'bare s':>8} {'juesuan s':>10} {'ratio':>6}")
    ratios = []
    for path in paths:
        if not path.exists():
            print(f"{path.name:58} skipped: not found (../shared absent?)")
            continue
        bare, ours = [], []
        for _ in range(REPEATS):
            bare.append(timed(bare_pass, path))
            ours.append(timed(juesuan_parse, path))
        b, o = statistics.median(bare), statistics.median(ours)
        ratios.append(o / b)
        print(f"{path.name:58} {b:8.3f} {o:10.3f} {o / b:6.2f}")
    if ratios:
        worst = max(ratios)
        print(f"worst ratio {worst:.2f} (target ≤ {TARGET}): {'met' if worst <= TARGET else 'NOT met'}")
    refusal_time()
    return 0


def notice_pdf(path: Path, pages: int = 40) -> Path:
    """A long PDF of running text that is no disclosure (reportlab, its built-in CJK font)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path))
    for number in range(pages):
        page.setFont("STSong-Light", 11)
        for line in range(40):
            page.drawString(60, 780 - 18 * line, f"关于召开年度工作会议的通知：第{number + 1}页第{line + 1}行，请各单位按时参加。")
        page.showPage()
    page.save()
    return path


def refusal_time() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = notice_pdf(Path(folder) / "notice.pdf")
        bare, refused = [], []
        for _ in range(REPEATS):
            bare.append(timed(bare_pass, path))
            start = time.perf_counter()
            try:
                juesuan.load(path, cache=False)
            except juesuan.ReadError:
                pass
            refused.append(time.perf_counter() - start)
        b, r = statistics.median(bare), statistics.median(refused)
        print(f"{'not a disclosure (40 pages), refused':58} {b:8.3f} {r:10.3f} {r / b:6.2f}  "
              f"(target < 1 s: {'met' if r < 1 else 'NOT met'})")


if __name__ == "__main__":
    sys.exit(main([Path(p) for p in sys.argv[1:]] or DEFAULT))
