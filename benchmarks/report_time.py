"""How long `juesuan report` takes: the bundled sample's full set, and a batch of documents, each
with --jobs 1 and --jobs 2, and the ratio of the two.

    python benchmarks/report_time.py [--repeat N]

The batch is the sample plus the 决算 PDFs of ../shared/corpus/raw that juesuan reads (skipped
when that folder is absent). Parses are cached before timing (a cached load takes milliseconds),
so the times are those of the reports: a process per notebook, its kernel, papermill, HTML.
Medians of N runs (default 1), written to a temporary directory.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus" / "raw"
BATCH_FILES = ("shanghai-putuo_caizhengju_2024_juesuan.pdf", "shanghai-putuo_shehui-gongzuobu_2024_juesuan_flagged.pdf",
               "shanghai_TEMPLATE_2024_juesuan-template.pdf")


def timed(sources: list[str], jobs: int, repeat: int) -> float:
    from juesuan.batch import render_batch

    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            results = render_batch(sources, Path(out), jobs=jobs, progress=False)
            times.append(time.perf_counter() - start)
            failed = [r.source for r in results if r.failed]
            if failed:
                print(f"  (failed: {', '.join(failed)})", file=sys.stderr)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "lib"))
    os.environ.setdefault("JUESUAN_CACHE", tempfile.mkdtemp(prefix="juesuan-bench-cache-"))
    import juesuan
    from juesuan.pages import notebook_paths

    sets = {"sample (1 document)": ["xinzhou-hrss-2022"]}
    batch = ["xinzhou-hrss-2022"] + [str(SHARED / name) for name in BATCH_FILES if (SHARED / name).exists()]
    if len(batch) > 1:
        sets[f"batch ({len(batch)} documents)"] = batch
    for source in batch:
        juesuan.load(source)  # parse once into the cache: the timings are the reports'
    notebooks = len(notebook_paths(kind="document"))
    print(f"{os.cpu_count()} cores; {notebooks} notebooks per document; median of {args.repeat} run(s)")
    print(f"{'set':<24} {'pages':>5} {'--jobs 1':>9} {'--jobs 2':>9} {'ratio 2/1':>9}")
    for name, sources in sets.items():
        one = timed(sources, 1, args.repeat)
        two = timed(sources, 2, args.repeat)
        print(f"{name:<24} {len(sources) * notebooks:>5} {one:>8.1f}s {two:>8.1f}s {two / one:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
