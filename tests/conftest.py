from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_RAW = ROOT.parent / "shared" / "corpus" / "raw"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory):
    """Tests parse into their own cache, never the user's data/processed."""
    import os

    os.environ["JUESUAN_CACHE"] = str(tmp_path_factory.mktemp("cache"))


def shared_raw(name: str) -> Path:
    """A real document of ../shared/corpus/raw, or a skip saying why it is not there."""
    path = SHARED_RAW / name
    if not path.exists():
        pytest.skip(f"../shared/corpus/raw is absent (looked for {path}); the real-PDF tests need the shared corpus beside the checkout")
    return path


@pytest.fixture(scope="module")
def docs():
    """`docs(name)`: a corpus document loaded once per test module."""
    import juesuan

    cache: dict = {}

    def load(name):
        if name not in cache:
            cache[name] = juesuan.load(shared_raw(name))
        return cache[name]
    return load


def wan(printed: str):
    """A figure printed in 万元 ("17,981.68") in 元, exactly."""
    from decimal import Decimal

    return Decimal(printed.replace(",", "")) * 10000


# The documents whose report pages the suite renders once (`rendered`): the bundled sample, two
# Shanghai 决算 PDFs and a Shanghai department budget of ../shared.
SAMPLE = "xinzhou-hrss-2022"
RENDERED_SHARED = ("shanghai-putuo_caizhengju_2024_juesuan.pdf", "shanghai-putuo_shehui-gongzuobu_2024_juesuan_flagged.pdf",
                   "shanghai-putuo_wanli-jiedao_2025_yusuan-dept.pdf")


class Rendered:
    """The report folder `juesuan report` wrote for the sample and, where ../shared is there, the
    three corpus documents; `pages(name)` is one document's pages (a corpus one skips, saying why,
    where ../shared is absent)."""

    def __init__(self, out: Path, shared: bool):
        self.out, self.shared = out, shared

    def documents(self) -> list[str]:
        """The slugs rendered: the sample's doc_id, the corpus files' stems."""
        return [SAMPLE, *(Path(name).stem for name in RENDERED_SHARED if self.shared)]

    def pages(self, name: str = SAMPLE) -> list[Path]:
        if name != SAMPLE:
            shared_raw(name)  # skips with the reason where ../shared is absent
        return sorted((self.out / Path(name).stem).glob("*.html"))

    def every_page(self) -> list[Path]:
        return [page for slug in self.documents() for page in sorted((self.out / slug).glob("*.html"))]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Rendered:
    """Every document notebook's page for the sample and the three corpus documents, rendered once
    for the whole suite by `juesuan report … --jobs 2`."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("reports")
    shared = all((SHARED_RAW / name).exists() for name in RENDERED_SHARED)
    sources = [SAMPLE, *(str(SHARED_RAW / name) for name in RENDERED_SHARED if shared)]
    result = subprocess.run([sys.executable, "-m", "juesuan.cli", "report", *sources, "--jobs", "2", "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return Rendered(out, shared)
