"""Parse time of juesuan against a bare pdfplumber pass over the same file, measured in one run.

The baseline is what any pdfplumber user pays to see a PDF's text and tables: open, then
`extract_text()` and `extract_tables()` on every page. juesuan's parse (uncached: read, locate
tables, build facts) is timed with each of its two PDF readers (`JUESUAN_PDF_READER`): "lean", the
default (`readers.pdfcontent`), and "pdfplumber" (pdfplumber's own page objects); the target is
lean ≤ 1.2× the bare pass, the stretch target ≤ 0.5×. Each is run REPEATS times, interleaved, and
the median is taken, because these machines are shared and noisy.

Parse cost must stay linear in pages: a 400-page PDF (a 25-page corpus PDF 16 times over, built
with pypdfium2 in a temporary folder) is timed against 16 parses of the 25-page file, and the
ratio printed (about 1 or below is linear).

A PDF that is no disclosure is refused from its first pages: the last line times that refusal on a
40-page notice (target under a second) beside the bare pass over the same file.

    python benchmarks/parse_time.py [PDF …]
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

import juesuan
from juesuan.readers.pdf import READER_VARIABLE

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
LINEAR_SOURCE = SHARED / "jiangsu_jianchayuan_2017_yusuan.pdf"  # 25 pages
COPIES = 16
REPEATS = 5
LONG_REPEATS = 3  # the 400-page parse takes seconds
TARGET, STRETCH = 1.2, 0.5


def bare_pass(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def parse_with(reader: str):
    def parse(path: Path) -> None:
        os.environ[READER_VARIABLE] = reader  # the guard's child process inherits it
        juesuan.load(path, cache=False)
    return parse


PASSES = {"bare": bare_pass, "pdfplumber": parse_with("pdfplumber"), "lean": parse_with("lean")}


def timed(fn, path: Path) -> float:
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


def medians(passes: dict, path: Path, repeats: int) -> dict[str, float]:
    """Median seconds of each pass over `path`, the passes interleaved run by run."""
    runs: dict[str, list[float]] = {name: [] for name in passes}
    for _ in range(repeats):
        for name, fn in passes.items():
            runs[name].append(timed(fn, path))
    return {name: statistics.median(values) for name, values in runs.items()}


def main(paths: list[Path]) -> int:
    saved = os.environ.get(READER_VARIABLE)
    try:
        parse_times(paths)
        linearity(LINEAR_SOURCE)
        os.environ[READER_VARIABLE] = "lean"
        refusal_time()
    finally:
        if saved is None:
            os.environ.pop(READER_VARIABLE, None)
        else:
            os.environ[READER_VARIABLE] = saved
    return 0


def parse_times(paths: list[Path]) -> None:
    print(f"{'file':58} {'bare s':>7} {'pdfplumber s':>12} {'lean s':>7} {'pdfplumber/bare':>15} "
          f"{'lean/bare':>9} {'lean/pdfplumber':>15}")
    ratios = []
    for path in paths:
        if not path.exists():
            print(f"{path.name:58} skipped: not found (../shared absent?)")
            continue
        m = medians(PASSES, path, REPEATS)
        ratios.append(m["lean"] / m["bare"])
        print(f"{path.name:58} {m['bare']:7.3f} {m['pdfplumber']:12.3f} {m['lean']:7.3f} "
              f"{m['pdfplumber'] / m['bare']:15.2f} {m['lean'] / m['bare']:9.2f} {m['lean'] / m['pdfplumber']:15.2f}")
    if ratios:
        worst = max(ratios)
        print(f"worst lean/bare {worst:.2f} (target ≤ {TARGET}: {'met' if worst <= TARGET else 'NOT met'}; "
              f"stretch ≤ {STRETCH}: {'met' if worst <= STRETCH else 'NOT met'})")


def concatenated(source: Path, copies: int, target: Path) -> Path:
    """`source`'s pages `copies` times over in one PDF (pypdfium2, which comes with pdfplumber)."""
    import pypdfium2 as pdfium

    original, joined = pdfium.PdfDocument(str(source)), pdfium.PdfDocument.new()
    try:
        for _ in range(copies):
            joined.import_pages(original)
        joined.save(str(target))
    finally:
        joined.close()
        original.close()
    return target


def linearity(source: Path) -> None:
    """The 400-page parse against 16 parses of its 25 pages (lean reader)."""
    if not source.exists():
        print(f"{'400-page vs 16 × 25-page parse':58} skipped: {source.name} not found (../shared absent?)")
        return
    lean = PASSES["lean"]
    with tempfile.TemporaryDirectory() as folder:
        long = concatenated(source, COPIES, Path(folder) / f"{source.stem}-x{COPIES}.pdf")
        short, whole = [], []
        for _ in range(LONG_REPEATS):
            short.append(timed(lean, source))
            whole.append(timed(lean, long))
        short += [timed(lean, source) for _ in range(REPEATS - LONG_REPEATS)]
    one, total = statistics.median(short), statistics.median(whole)
    print(f"{f'{COPIES * 25}-page vs {COPIES} × 25-page parse ({source.name})':58} 25 pages {one:.3f} s, "
          f"{COPIES * 25} pages {total:.3f} s, ratio {total / (COPIES * one):.2f} (linear: about 1 or below)")


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
        print(f"{'not a disclosure (40 pages), refused':58} {b:7.3f} {'':>12} {r:7.3f} {'':>15} {r / b:9.2f}  "
              f"(target < 1 s: {'met' if r < 1 else 'NOT met'})")


if __name__ == "__main__":
    sys.exit(main([Path(p) for p in sys.argv[1:]] or DEFAULT))
