"""nbval on notebooks/: a collection notebook is committed with outputs from the shared corpus
(../shared/corpus, named by data/shared-corpus.csv); where the files its catalog names are absent,
each of its cells is skipped with the reason (`juesuan.pages.missing_inputs`) instead of failing.

It sits at the root rather than in notebooks/: conftest modules without a package share the name
`conftest`, and the tests import theirs (`from conftest import shared_raw`), which must load last."""
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


def pytest_collection_modifyitems(config, items):
    from juesuan.pages import missing_inputs

    reasons: dict[Path, str] = {}
    for item in items:
        path = Path(str(item.fspath)).resolve()
        if path.suffix != ".ipynb" or path.parent != NOTEBOOKS:
            continue
        if path not in reasons:
            reasons[path] = missing_inputs(path)
        if reasons[path]:
            item.add_marker(pytest.mark.skip(reason=reasons[path]))
