"""The hostile corpus (tests/hostile.py) under the default limits: each case's time and peak memory.

    python benchmarks/hostile_inputs.py            # every case, as `juesuan facts` would meet it
    python benchmarks/hostile_inputs.py --measure  # the real documents: the largest value of each limit

Each run is a fresh `juesuan facts` process (the parse cache in a temporary folder), so a case's
time includes the interpreter's start; `python -c pass` and the sample's parse are measured in the
same run as baselines. Target: every case under 60 s and 4 GiB. `--measure` parses the corpus
(../shared/corpus/raw and data/raw) with the limits off and prints, per limit, the largest value
seen and its document — the figures stated beside the defaults in `juesuan.limits`.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "lib"))

import hostile  # noqa: E402

RAW = ROOT / "data" / "raw"
CORPUS = ROOT.parent / "shared" / "corpus" / "raw"


def timed(command: list[str], env: dict) -> tuple[float, float, int, str]:
    """Seconds, peak resident GiB (the process and the children it waited for), exit code, last stderr line."""
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - started
    lines = err.strip().splitlines()
    return elapsed, usage.ru_maxrss / 2**20, os.waitstatus_to_exitcode(status), lines[-1] if lines else ""


def run_cases() -> int:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lib"))
    env.pop("JUESUAN_LIMITS", None)
    worst = (0.0, 0.0)
    with tempfile.TemporaryDirectory() as folder:
        env["JUESUAN_CACHE"] = str(Path(folder) / "cache")
        base, _, _, _ = timed([sys.executable, "-c", "pass"], env)
        sample, sample_mem, _, _ = timed([sys.executable, "-m", "juesuan.cli", "facts", str(RAW / f"{hostile.SAMPLE}.pdf")], env)
        print(f"baselines: python -c pass {base:.2f} s; the sample PDF's parse {sample:.2f} s, {sample_mem:.2f} GiB")
        print(f"{'case':30s} {'seconds':>8s} {'× sample':>9s} {'GiB':>6s} exit  message")
        for case in hostile.cases(RAW):
            where = Path(folder) / case.name
            where.mkdir()
            # built by a process of its own: a bomb built here would count in the next fork's peak memory
            built = subprocess.run([sys.executable, __file__, "--build", case.name, str(where)], env=env, capture_output=True,
                                   text=True, check=True)
            path = Path(built.stdout.strip())
            elapsed, memory, code, line = timed([sys.executable, "-m", "juesuan.cli", "facts", str(path)], env)
            worst = (max(worst[0], elapsed), max(worst[1], memory))
            print(f"{case.name:30s} {elapsed:8.2f} {elapsed / sample:9.2f} {memory:6.2f} {code:4d}  {line[:110]}")
    print(f"slowest case {worst[0]:.1f} s (target < 60), largest {worst[1]:.2f} GiB (target < 4)")
    return 0 if worst[0] < 60 and worst[1] < 4 else 1


def build(name: str, folder: str) -> None:
    case = next(case for case in hostile.cases(RAW) if case.name == name)
    print((case.bench or case.build)(Path(folder)))


def measure_one(path: str) -> None:
    """In this process, limits off: the document's work peaks, seconds and peak memory as JSON."""
    import resource

    os.environ["JUESUAN_LIMITS"] = ",".join(f"{name}=0" for name in ("file_mb", "pages", "inflated_mb", "page_stream_mb", "page_chars",
                                                                       "page_paths", "page_cells", "cells", "html_span", "seconds", "memory_gb"))
    import juesuan
    from juesuan.readers import work

    started = time.monotonic()
    juesuan.load(path, cache=False)
    peaks = dict(work.peaks, seconds=round(time.monotonic() - started, 1), file_mb=Path(path).stat().st_size / 2**20,
                 memory_gb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20)
    print(json.dumps(peaks))


def measure() -> int:
    documents = sorted(CORPUS.glob("*.pdf")) + sorted(CORPUS.glob("*.xlsx")) + sorted(RAW.glob(f"{hostile.SAMPLE}*"))
    documents = [d for d in documents if d.suffix != ".md"]
    if not CORPUS.exists():
        print(f"note: {CORPUS} is absent; measuring the bundled sample only", file=sys.stderr)
    largest: dict[str, tuple[float, str]] = {}
    env = dict(os.environ, PYTHONPATH=str(ROOT / "lib"))
    for document in documents:
        done = subprocess.run([sys.executable, __file__, "--measure-one", str(document)], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{document.name}: {done.stderr.strip().splitlines()[-1:]}")
            continue
        for name, value in json.loads(done.stdout.strip().splitlines()[-1]).items():
            if value > largest.get(name, (-1, ""))[0]:
                largest[name] = (value, document.name)
        print(f"{document.name}: read", file=sys.stderr)
    from juesuan.limits import Limits

    print(f"{'limit':16s} {'default':>10s} {'largest seen':>14s}  document")
    for name, default in vars(Limits()).items():
        value, where = largest.get(name, (0, "—"))
        print(f"{name:16s} {default:>10,g} {value:>14,.1f}  {where}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true")
    parser.add_argument("--measure-one", metavar="PATH")
    parser.add_argument("--build", nargs=2, metavar=("CASE", "FOLDER"))
    args = parser.parse_args()
    if args.build:
        build(*args.build)
    elif args.measure_one:
        measure_one(args.measure_one)
    else:
        sys.exit(measure() if args.measure else run_cases())
