"""Stopping and resuming `juesuan report`, under each executor: SIGTERM to the batch and SIGKILL of
it end the whole process tree (worker processes, their kernels in sessions of their own; the Dask
LocalCluster's workers) and leave only whole files; a rerun keeps the pages that finished;
unchanged pages are kept, `--force` and an edited notebook run theirs again. The documents: the
sample and copies of it with other bytes (newlines appended) — two for the local pool, four for
Dask, whose pages arrive a document at a time (so that one has finished while others run)."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat
import psutil
import pytest

from juesuan import files
from juesuan.batch import render_batch
from juesuan.daskpool import render_on_dask
from juesuan.pages import notebook_paths
from juesuan.resume import STAMP_SUFFIX

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TXT = ROOT / "data" / "raw" / "xinzhou-hrss-2022.txt"
MARK = "JUESUAN_TEST_MARK"  # set in the batch's environment; every process it starts inherits it
NOTEBOOKS = 6
FIRST_PAGE_DEADLINE = 300  # seconds for the first page and a running kernel: generous, on a loaded machine
GONE_WITHIN = 5  # seconds the brief allows the tree to take to disappear


@dataclass
class Setup:
    executor: str
    sources: list[str]

    @property
    def options(self) -> list[str]:
        return ["--jobs", "2", "--executor", self.executor]

    @property
    def pages(self) -> int:
        return len(self.sources) * NOTEBOOKS


@pytest.fixture(scope="module", params=["local", "dask"])
def setup(request, tmp_path_factory) -> Setup:
    folder = tmp_path_factory.mktemp("inputs")
    copies = []
    for n in range(1 if request.param == "local" else 3):
        copy = folder / f"xinzhou-copy-{n + 1}.txt"
        copy.write_bytes(SAMPLE_TXT.read_bytes() + b"\n" * (n + 1))
        copies.append(str(copy))
    return Setup(request.param, ["xinzhou-hrss-2022", *copies])


def report(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan.cli", "report", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=env)


def counts(line: str) -> tuple[int, int]:
    """(kept, run) from the closing line: `juesuan report: 2 documents, 12 pages (8 kept, 4 run) → …`."""
    found = re.search(r"(\d+) pages? \((\d+) kept, (\d+) run\)", line)
    assert found, line
    assert int(found[1]) == int(found[2]) + int(found[3])
    return int(found[2]), int(found[3])


def marked(mark: str) -> list[psutil.Process]:
    """The live processes carrying the mark, in whatever session or process group."""
    found = []
    for process in psutil.process_iter():
        try:
            if process.status() != psutil.STATUS_ZOMBIE and process.environ().get(MARK) == mark:
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return found


def command_line(process: psutil.Process) -> str:
    """A process's command line, or "" once it has ended (it may between listing and asking)."""
    try:
        return " ".join(process.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied):  # ZombieProcess is a NoSuchProcess
        return ""


def stamps(out: Path) -> list[Path]:
    return sorted(out.glob(f"*/*{STAMP_SUFFIX}"))


def unwhole(out: Path) -> list[str]:
    """Every file under `out` that is a temp file or not whole: an .html not a complete document,
    a .json or .ipynb that does not load."""
    problems = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        if files.is_temp(path) or ".tmp" in path.name:
            problems.append(f"temp file {path.name}")
        elif path.suffix == ".html":
            text = path.read_text(encoding="utf-8").strip()
            if not (text.lower().startswith("<!doctype html>") and text.endswith("</html>")):
                problems.append(f"incomplete page {path.name}")
        elif path.suffix in (".json", ".ipynb"):
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                problems.append(f"broken {path.name}")
    return problems


@dataclass
class StoppedBatch:
    code: int  # of the batch process
    last_line: str
    left: list[str]  # processes of the tree alive GONE_WITHIN s after the signal
    seconds: float  # how long the tree took to disappear
    killed_kernels: int  # kernels running when the signal came
    stamped: list[Path]  # pages with stamps once it stopped
    unwhole: list[str]
    index: str | None
    unstamped_pages: list[str]  # page files without a stamp beside them
    rerun: subprocess.CompletedProcess


def stop_midway(setup: Setup, out: Path, signum: int) -> StoppedBatch:
    """Start a batch with two jobs; once a page has finished and a kernel runs, send `signum` to
    the batch process; watch its tree go; rerun the batch to the end."""
    mark = uuid.uuid4().hex
    env = {**os.environ, MARK: mark}
    process = subprocess.Popen([sys.executable, "-m", "juesuan.cli", "report", *setup.sources, *setup.options, "-o", str(out)],
                               cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + FIRST_PAGE_DEADLINE
    while not (stamps(out) and (kernels := [p for p in marked(mark) if "ipykernel" in command_line(p)])):
        assert process.poll() is None, f"the batch ended before it could be stopped: {process.stderr.read()}"
        assert time.monotonic() < deadline, "no page finished with a kernel running in time"
        time.sleep(0.1)
    os.kill(process.pid, signum)
    sent = time.monotonic()
    while (left := marked(mark)) and time.monotonic() - sent < GONE_WITHIN:
        time.sleep(0.02)
    seconds = time.monotonic() - sent
    _, stderr = process.communicate()
    index = out / "index.html"
    page_files = [p for p in out.glob("*/*") if not p.name.endswith(STAMP_SUFFIX)]
    unstamped = [p.name for p in page_files if not (p.parent / f"{p.name.split('.')[0]}{STAMP_SUFFIX}").exists()]
    found = StoppedBatch(process.returncode, (stderr.strip().splitlines() or [""])[-1],
                    [line for p in left if (line := command_line(p))], seconds, len(kernels), stamps(out), unwhole(out),
                    index.read_text(encoding="utf-8") if index.exists() else None, unstamped,
                    rerun=report(*setup.sources, *setup.options, "-o", out))
    return found


@pytest.fixture(scope="module")
def sigterm(setup, tmp_path_factory) -> tuple[StoppedBatch, Path]:
    out = tmp_path_factory.mktemp("sigterm")
    return stop_midway(setup, out, signal.SIGTERM), out


@pytest.fixture(scope="module")
def sigkill(setup, tmp_path_factory) -> tuple[StoppedBatch, Path]:
    out = tmp_path_factory.mktemp("sigkill")
    return stop_midway(setup, out, signal.SIGKILL), out


# --- SIGTERM: the batch ends its tree, says what it kept, indexes what finished ---------------------------

def test_sigterm_ends_every_step_and_kernel_within_5_s(sigterm):
    stopped, _ = sigterm
    assert stopped.killed_kernels >= 1  # a kernel, in a session of its own, was running
    assert stopped.left == [], f"still running {stopped.seconds:.1f} s after SIGTERM: {stopped.left}"


def test_sigterm_exits_143_with_one_line_counting_the_pages_kept(sigterm):
    stopped, _ = sigterm
    assert stopped.code == 128 + signal.SIGTERM
    found = re.fullmatch(r"juesuan report: stopped \(SIGTERM\); (\d+) pages? finished and kept, rerun to continue",
                         stopped.last_line)
    assert found, stopped.last_line
    assert int(found[1]) == len(stopped.stamped) > 0


def test_sigterm_leaves_whole_files_finished_pages_only_and_an_index(sigterm, setup):
    stopped, _ = sigterm
    assert stopped.unwhole == []
    assert stopped.unstamped_pages == []  # what unfinished pages had begun is gone
    assert stopped.index is not None and stopped.index.rstrip().endswith("</html>")
    listed = len(re.findall(r"<tr>", stopped.index)) - 1  # without the header row
    assert listed < len(setup.sources) and ("尚未完成" in stopped.index)  # the unfinished ones are counted, not listed


def test_a_rerun_after_sigterm_keeps_the_pages_that_finished(sigterm, setup):
    stopped, out = sigterm
    assert stopped.rerun.returncode == 0, stopped.rerun.stderr
    kept, run = counts(stopped.rerun.stderr.strip().splitlines()[-1])
    assert kept == len(stopped.stamped) > 0 and kept + run == setup.pages
    assert len(stamps(out)) == setup.pages and unwhole(out) == []


# --- SIGKILL of the batch: each step notices and ends its kernel -----------------------------------------

def test_sigkill_of_the_batch_ends_every_step_and_kernel_within_5_s(sigkill):
    stopped, _ = sigkill
    assert stopped.code == -signal.SIGKILL
    assert stopped.killed_kernels >= 1
    assert stopped.left == [], f"still running {stopped.seconds:.1f} s after SIGKILL: {stopped.left}"


def test_sigkill_of_the_batch_leaves_whole_files(sigkill):
    stopped, _ = sigkill
    assert stopped.unwhole == []


def test_a_rerun_after_sigkill_keeps_the_pages_that_finished(sigkill, setup):
    stopped, out = sigkill
    assert stopped.rerun.returncode == 0, stopped.rerun.stderr
    kept, run = counts(stopped.rerun.stderr.strip().splitlines()[-1])
    assert kept == len(stopped.stamped) > 0 and kept + run == setup.pages
    assert len(stamps(out)) == setup.pages and unwhole(out) == []


# --- resuming ----------------------------------------------------------------------------------------------

def test_unchanged_pages_are_kept_an_edited_notebook_reruns_its_own_and_force_runs_all(sigterm, setup, tmp_path):
    _, out = sigterm  # a batch stopped and rerun to its end: every page there, stamped
    assert len(notebook_paths(kind="document")) == 6
    again = report(*setup.sources, *setup.options, "-o", out)
    assert again.returncode == 0, again.stderr
    assert counts(again.stderr.strip().splitlines()[-1]) == (setup.pages, 0)

    edited = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", edited)
    notebook = edited / "05-performance.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("本页经过修改 / edited"))
    nbformat.write(nb, notebook)
    render = render_batch if setup.executor == "local" else render_on_dask
    results = render(setup.sources, out, jobs=2, notebooks=notebook_paths(edited), progress=False)
    ran = sorted((r.slug, p.notebook) for r in results for p in r.pages if not p.kept)
    assert ran == sorted((r.slug, "05-performance") for r in results)
    assert all(p.status == "ok" for r in results for p in r.pages)
    assert "本页经过修改" in (out / results[0].slug / "05-performance.html").read_text(encoding="utf-8")

    forced = report(*setup.sources, "--force", *setup.options, "-o", out)  # the project's notebooks, every page run
    assert forced.returncode == 0, forced.stderr
    assert counts(forced.stderr.strip().splitlines()[-1]) == (0, setup.pages)
    assert "本页经过修改" not in (out / results[0].slug / "05-performance.html").read_text(encoding="utf-8")


def test_sigint_before_any_page_finished_exits_130_and_leaves_nothing_running(setup, tmp_path):
    mark = uuid.uuid4().hex
    process = subprocess.Popen([sys.executable, "-m", "juesuan.cli", "report", *setup.sources, *setup.options, "-o",
                                str(tmp_path)],
                               cwd=ROOT, env={**os.environ, MARK: mark}, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + FIRST_PAGE_DEADLINE
    while len(marked(mark)) < 2:  # the batch and a worker of it
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate()
    assert process.returncode == 128 + signal.SIGINT
    assert stderr.strip().splitlines()[-1] == "juesuan report: stopped (SIGINT); 0 pages finished and kept, rerun to continue"
    assert marked(mark) == [] and unwhole(tmp_path) == []


def test_a_write_that_fails_halfway_leaves_the_old_file_and_no_temp(tmp_path):
    target = files.write_atomic(tmp_path / "01-overview.json", '{"old": 1}')
    with pytest.raises(RuntimeError):
        with files.replacing(target) as tmp:
            tmp.write_text('{"ne', encoding="utf-8")
            raise RuntimeError("killed")
    assert json.loads(target.read_text(encoding="utf-8")) == {"old": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["01-overview.json"]
