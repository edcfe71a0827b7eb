"""The parse and audit caches hold data, never code: what a damaged, planted or foreign entry gives,
and what happens where the cache cannot be written."""
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import juesuan
from juesuan import cache

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "xinzhou-hrss-2022"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_CACHE", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def fresh():
    return juesuan.load(SAMPLE, cache=False)


def _entry(cache_dir: Path) -> Path:
    (entry,) = [p for p in cache_dir.glob("*.json") if "-audit-" not in p.name]
    return entry


def test_a_cached_load_is_the_parse_and_the_audit_exactly(cache_dir, fresh):
    juesuan.load(SAMPLE).findings  # writes the parse and the audit
    again = juesuan.load(SAMPLE)
    pd.testing.assert_frame_equal(again.facts, fresh.facts)
    assert again.blocks == fresh.blocks and again.meta == fresh.meta
    for name in ("claims", "findings", "derived", "outcomes", "checklist"):
        pd.testing.assert_frame_equal(getattr(again.audit, name), getattr(fresh.audit, name))


@pytest.mark.parametrize("damage", ["truncated", "empty", "random", "another format", "not an object"])
def test_a_damaged_entry_is_ignored_and_rewritten(cache_dir, fresh, damage):
    juesuan.load(SAMPLE)
    entry = _entry(cache_dir)
    text = entry.read_bytes()
    entry.write_bytes({"truncated": text[: len(text) // 2], "empty": b"", "random": os.urandom(4096),
                       "another format": text.replace(b'"format":1', b'"format":999'),
                       "not an object": b"[1, 2, 3]"}[damage])
    again = juesuan.load(SAMPLE)
    pd.testing.assert_frame_equal(again.facts, fresh.facts)
    assert _entry(cache_dir).read_bytes() == text  # rewritten as it was


def test_another_documents_entry_planted_under_this_key_is_not_served(cache_dir, fresh):
    other = juesuan.load(ROOT / "data" / "raw" / "xinzhou-hrss-2022.html")  # another file, another key
    juesuan.load(SAMPLE)
    mine = cache.parse_file(fresh.meta["sha256"])
    theirs = cache.parse_file(other.meta["sha256"])
    mine.write_bytes(theirs.read_bytes())
    again = juesuan.load(SAMPLE)
    assert again.meta["source"].endswith(".txt") and again.meta["pages"] == fresh.meta["pages"]
    pd.testing.assert_frame_equal(again.facts, fresh.facts)


def test_a_planted_pickle_is_removed_unread(cache_dir, tmp_path):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    planted = cache_dir / (cache.parse_file("0" * 64).stem + ".pkl")
    planted.write_bytes(pickle.dumps(Payload()))
    cache._swept.discard(str(cache_dir))
    juesuan.load(SAMPLE)
    assert not marker.exists() and not planted.exists()


def test_an_unwritable_cache_warns_once_and_the_result_still_comes(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    env = {**os.environ, "JUESUAN_CACHE": str(blocked / "cache")}
    result = subprocess.run([sys.executable, "-m", "juesuan.cli", "check", SAMPLE, "--format", "json"],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0 and '"doc_id": "xinzhou-hrss-2022"' in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "cannot write the cache" in line]
    assert len(warnings) == 1
