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
