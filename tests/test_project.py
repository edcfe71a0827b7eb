"""The project's own shape: dependencies in sync, layout specs sound, README commands present."""
import re
import tomllib
from pathlib import Path

import pytest

from juesuan import layouts
from juesuan.layouts.spec import SHAPES, TableSpec
from juesuan.tables import SHAPE_FUNCTIONS

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {r for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= set(extra)
    env_text = (ROOT / "environment.yml").read_text(encoding="utf-8").split("dependencies:", 1)[1]
    env_lines = [line.strip()[2:] for line in env_text.splitlines() if line.strip().startswith("- ")]
    listed = {line for line in env_lines if not line.startswith(("python", "pip", "-e"))}
    norm = lambda reqs: {_name(r): r.replace(" ", "") for r in reqs}
    assert norm(listed) == norm(wanted), "environment.yml and pyproject.toml name different dependencies or bounds"


def test_every_shape_has_one_engine_function_and_is_used():
    assert set(SHAPE_FUNCTIONS) == set(SHAPES)
    used = {spec.shape for layout in layouts.LAYOUTS for spec in layout.tables}
    assert used == set(SHAPES), f"shapes defined but used by no layout: {set(SHAPES) - used}"


def test_layout_specs_have_unique_titles_and_labels():
    for layout in layouts.LAYOUTS:
        titles = [t for spec in layout.tables for t in spec.titles]
        assert len(titles) == len(set(titles)), layout.id
        labels = [spec.label for spec in layout.tables if spec.label]
        assert len(labels) == len(set(labels)), layout.id


def test_spec_rejects_unknown_shape_and_ambiguous_alias():
    with pytest.raises(ValueError, match="unknown shape"):
        TableSpec(key="x", titles=("某表",), shape="pivot")
    with pytest.raises(ValueError, match="names two columns"):
        TableSpec(key="x", titles=("某表",), shape="coded", columns={"合计": ("小计",), "基本支出": ("小计",)})


def test_readme_opens_with_the_two_commands_and_ci_calls_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make report" in head and "make test" in head
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


ACTIVATE = re.compile(r"^(\.|source) \.venv/bin/activate\b")


def _readme_blocks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w+)\n(.*?)^```", readme, re.S | re.M)]


def test_readme_shell_examples_run_in_a_fresh_shell():
    # A fresh shell has no juesuan, python or papermill of .venv on PATH: every command of the README's
    # shell examples is a make target, called as .venv/bin/…, or comes after `. .venv/bin/activate`.
    activated, continued, late = False, False, []
    for lang, body in _readme_blocks():
        if lang != "sh":
            continue
        for line in body.splitlines():
            command = line.split("#", 1)[0].strip()
            was_continued, continued = continued, command.endswith("\\")
            if not command or was_continued:
                continue
            if ACTIVATE.match(command):
                activated = True
            elif not (activated or command.startswith(("make ", ".venv/bin/"))):
                late.append(command)
    assert activated, "the README never says `. .venv/bin/activate`"
    assert not late, f"run before `. .venv/bin/activate` (or without .venv/bin/): {late}"


def test_readme_python_examples_import_juesuan():
    unimported = [body.splitlines()[0] for lang, body in _readme_blocks()
                  if lang == "python" and "juesuan." in body and "import juesuan" not in body]
    assert not unimported, f"Python examples using juesuan without `import juesuan`: {unimported}"
