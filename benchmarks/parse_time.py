"""Parse time of juesuan against a bare pdfplumber pass over the same file, measured in one run.

The baseline is what any pdfplumber user pays to see a PDF's text and tables: open, then
`extract_text()` and `extract_tables()` on every page. juesuan's parse (uncached: read, locate
tables, build facts) should cost at most 1.2× that. Each is run REPEATS times, interleaved, and the
median is taken, because these machines are shared and noisy.

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
    return 0


if __name__ == "__main__":
    sys.exit(main([Path(p) for p in sys.argv[1:]] or DEFAULT))
