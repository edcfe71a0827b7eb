"""The package's architecture, as its imports show it (DESIGN.md, "Shape"): every module sits in a
layer, imports point down the layers, no module imports itself back through others, no module
outgrows what a reader holds in mind, and `juesuan --help` imports nothing heavy."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lib" / "juesuan"

# Lowest first. A module may import its own layer's modules and any layer below, never above.
LAYERS = (
    ("errors", "numbers", "limits", "files"),
    ("readers", "classification"),
    ("layouts",),
    ("locate",),
    ("tables",),
    ("catalog", "departments", "cache", "identity", "guard"),
    ("document", "corpus"),
    ("narrative",),
    ("checks",),
    ("metrics",),
    ("present", "plots", "evidence", "wording", "views"),
    ("report",),
    ("pages", "kernels"),
    ("batch", "processes", "resume", "workers", "datapackage"),
    ("daskpool",),
    ("cli",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    """Dotted names below juesuan (`checks.audit`, `checks` for its __init__) → file."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The juesuan modules `name` imports, at module level or inside functions."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
            elif node.module and node.module.split(".")[0] == "juesuan":
                base = []
            else:
                continue
            module = [*base, *(node.module.split(".") if node.module else [])]
            if module and module[0] == "juesuan":
                module = module[1:]
            for alias in node.names:
                sub = ".".join([*module, alias.name])
                targets.add(sub if sub in MODULES else ".".join(module))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "juesuan" and len(parts) > 1:
                    targets.add(".".join(parts[1:]))
    return {t for t in targets if t and t != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_every_module_has_a_layer():
    unplaced = sorted({name.split(".")[0] for name in MODULES} - set(RANK))
    assert not unplaced, f"modules in no layer of tests/test_layers.py (place them, and in DESIGN.md): {unplaced}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_down_the_layers(name):
    upward = [t for t in GRAPH[name] if RANK[t.split(".")[0]] > RANK[name.split(".")[0]]]
    assert not upward, f"{name} imports {upward}, which sit above it"


def test_no_import_circle():
    def ancestors(module: str) -> set[str]:
        parts = module.split(".")
        return {".".join(parts[:i]) for i in range(1, len(parts))}

    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(GRAPH[module] - ancestors(module)):
            assert state.get(target) != "open", f"import circle: {' → '.join([*trail, module, target])}"
            if target not in state:
                visit(target, [*trail, module])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [])


def test_the_package_root_imports_only_the_errors_eagerly():
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    eager = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert [(n.module, n.level) for n in eager if isinstance(n, ast.ImportFrom)] == [("errors", 1)]
    assert not [n for n in eager if isinstance(n, ast.Import)]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_outgrows_600_lines(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it by job"


def test_help_imports_nothing_heavy():
    probe = ("import sys\nfrom juesuan.cli import build_parser\nbuild_parser().format_help()\n"
             "print(sorted(m for m in ('pandas', 'numpy', 'pdfplumber', 'matplotlib', 'lxml', 'papermill') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
