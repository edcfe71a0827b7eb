"""How fast `juesuan report` is, measured in one run on this machine, each figure beside its baseline.

    python benchmarks/report_time.py                 # 50 documents (about 20 minutes on 2 cores)
    python benchmarks/report_time.py --documents 20  # while you work

Prints:
- start-up: `juesuan --help` and a usage error against `python -c pass` (medians of 10, interleaved);
- one document: the sample's six pages with `--jobs 2` (its parse cached, as a user's second run),
  against the plain way — papermill, then nbconvert, a process each, one notebook after another;
- a batch of N documents (copies of the bundled sample and of the shared corpus's PDFs, each with
  bytes of its own so that each parses cold, in a cache of its own per run): documents per minute
  with `--jobs 1`, `--jobs 2` and on a Dask LocalCluster of two workers, and their ratios.

The machine is shared and noisy: compare the ratios printed in one run, not figures across runs.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SHARED = ROOT.parent / "shared" / "corpus" / "raw"
SAMPLE = ROOT / "data" / "raw" / "xinzhou-hrss-2022"
# Documents the batch copies: the sample (text export and PDF), the corpus's 决算 and one-file 预算.
CORPUS = ("shanghai-putuo_caizhengju_2024_juesuan.pdf", "shanghai-putuo_shehui-gongzuobu_2024_juesuan_flagged.pdf",
          "shanghai_TEMPLATE_2024_juesuan-template.pdf", "shanghai-putuo_wanli-jiedao_2025_yusuan-dept.pdf",
          "shanghai-putuo_caizhengju_2025_yusuan-dept.pdf", "shanghai-putuo_sifaju_2026_yusuan-dept.pdf",
          "jiangsu_jianchayuan_2017_yusuan.pdf", "jiangsu_renda-changweihui_2019_yusuan.pdf")
# The targets of issue 13, printed beside the figures.
TARGETS = {"documents a minute, --jobs 2": 12, "--jobs 2 ÷ --jobs 1": 1.6, "Dask ÷ local pool": 0.9,
           "one document, --jobs 2 (s)": 8, "start-up (s)": 0.3}


def seconds(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    return time.perf_counter() - start


def start_up() -> None:
    runs = {"python -c pass": [], "juesuan --help": [], "juesuan report --jobs 0": []}
    for _ in range(10):
        runs["python -c pass"].append(seconds([sys.executable, "-c", "pass"]))
        runs["juesuan --help"].append(seconds([str(BIN / "juesuan"), "--help"]))
        runs["juesuan report --jobs 0"].append(seconds([str(BIN / "juesuan"), "report", "x", "--jobs", "0"]))
    base = statistics.median(runs["python -c pass"])
    print(f"start-up (median of 10; target ≤ {TARGETS['start-up (s)']} s for juesuan)")
    for name, times in runs.items():
        print(f"  {name:<28} {statistics.median(times):6.3f} s  {statistics.median(times) / base:5.1f}× python -c pass")


def plain_way(source: str, out: Path) -> float:
    """Each notebook the plain way: papermill, then nbconvert, a process each."""
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for notebook in sorted((ROOT / "notebooks").glob("0[0-5]-*.ipynb")):
        executed = out / notebook.name
        subprocess.run([str(BIN / "papermill"), str(notebook), str(executed), "-p", "doc", source, "-p", "out_dir", str(out),
                        "--cwd", str(notebook.parent), "--no-progress-bar"], check=True, capture_output=True)
        subprocess.run([str(BIN / "jupyter-nbconvert"), "--to", "html", "--no-input", str(executed)], check=True,
                       capture_output=True)
    return time.perf_counter() - start


def one_document(work: Path) -> None:
    env = {**os.environ, "JUESUAN_CACHE": str(work / "cache-one")}
    subprocess.run([sys.executable, "-c", "import juesuan; juesuan.load('xinzhou-hrss-2022')"], check=True, env=env)
    os.environ["JUESUAN_CACHE"] = env["JUESUAN_CACHE"]
    report = seconds([str(BIN / "juesuan"), "report", "xinzhou-hrss-2022", "--jobs", "2", "--force", "-o",
                      str(work / "one")], env)
    plain = plain_way("xinzhou-hrss-2022", work / "plain")
    print(f"one document (the sample, 6 pages, parse cached)\n  juesuan report --jobs 2  {report:6.1f} s   "
          f"target ≤ {TARGETS['one document, --jobs 2 (s)']} s\n  the plain way            {plain:6.1f} s   "
          f"ratio {report / plain:.2f}")


def copies(count: int, folder: Path) -> list[str]:
    """`count` documents with bytes of their own: the sample and corpus files, cycled, each copy with
    a comment line (PDF) or blank lines (text) appended."""
    bases = [SAMPLE.with_suffix(".txt"), SAMPLE.with_suffix(".pdf")] + [SHARED / n for n in CORPUS if (SHARED / n).exists()]
    made = []
    for n in range(count):
        base = bases[n % len(bases)]
        copy = folder / f"{base.stem}-copy{n:03d}{base.suffix}"
        tail = f"\n%juesuan-benchmark-copy-{n}\n" if base.suffix == ".pdf" else "\n" * (n + 1)
        copy.write_bytes(base.read_bytes() + tail.encode())
        made.append(str(copy))
    return made


def batch(sources: list[str], work: Path, name: str, dask: bool = False, **options) -> float:
    """Documents a minute for one render of `sources`, every parse cold (a cache of its own)."""
    from juesuan.batch import render_batch
    from juesuan.daskpool import render_on_dask

    os.environ["JUESUAN_CACHE"] = str(work / f"cache-{name}")
    start = time.perf_counter()
    results = (render_on_dask if dask else render_batch)(sources, work / f"out-{name}", progress=False, **options)
    elapsed = time.perf_counter() - start
    failed = [r.name for r in results if r.failed]
    if failed:
        print(f"  ({name}: {len(failed)} failed: {', '.join(failed[:5])})")
    return len(sources) / elapsed * 60


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50, help="documents in the batch (default 50)")
    args = parser.parse_args()
    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores")
    start_up()
    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as tmp:
        work = Path(tmp)
        one_document(work)
        (work / "docs").mkdir()
        sources = copies(args.documents, work / "docs")
        print(f"batch of {len(sources)} documents (each parsed cold), documents a minute")
        one = batch(sources, work, "jobs1", jobs=1)
        two = batch(sources, work, "jobs2", jobs=2)
        dask = batch(sources, work, "dask", dask=True, jobs=2)
        print(f"  --jobs 1                 {one:6.1f}\n  --jobs 2                 {two:6.1f}   target ≥ "
              f"{TARGETS['documents a minute, --jobs 2']}\n  Dask LocalCluster (2)    {dask:6.1f}")
        print(f"  --jobs 2 ÷ --jobs 1      {two / one:6.2f}   target ≥ {TARGETS['--jobs 2 ÷ --jobs 1']}")
        print(f"  Dask ÷ local pool        {dask / two:6.2f}   target ≥ {TARGETS['Dask ÷ local pool']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
