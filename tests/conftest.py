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
