"""The engine's one-way data flow, enforced: load → kustomize/flux → resolve →
rules/report/render → cli/plugin (docs/contributing.md draws it).

Each module's imports are read from its syntax tree (imports under ``if TYPE_CHECKING:`` are
annotations only and do not count), so a new upward import fails here with the module and
line that made it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "flux_catalog"

# Layers from the bottom; a module may import its own layer and the ones below it.
LAYERS: list[set[str]] = [
    {"model", "positions", "paths", "yaml_errors", "crd_data", "creators", "gc_pace",
     "construct", "__init__"},
    {"load", "policy", "secrets"},
    {"documents", "crds", "crds_fast", "images"},
    {"kustomize", "flux"},
    {"walk"},
    {"resolve", "policy_file"},
    {"rules", "report", "render", "baseline", "cache"},
    {"cli", "mkdocs_plugin", "diff", "diff_args", "buildview", "init", "__main__"},
]
LAYER = {name: index for index, names in enumerate(LAYERS) for name in names}
# What render/ and rules/ must never import (the acceptance test of issue 15).
ABOVE_THE_MODEL = {"walk", "load", "kustomize", "flux", "resolve"}
# Runtime imports that go down-to-up on purpose, each with its reason.
ALLOWED = {
    # A Catalog made by hand (tests) opens a store on first use.
    ("model", "documents"),
}


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        yield ".".join(rel.with_suffix("").parts), path


def _unit(module: str) -> str:
    """The layer unit of a dotted module: its package, or the module at the top level."""
    return module.split(".")[0]


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                for inner in ast.walk(child):
                    if hasattr(inner, "lineno"):
                        lines.add(inner.lineno)
    return lines


def _imports(module: str, path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported module relative to flux_catalog) of every runtime import."""
    tree = ast.parse(path.read_text("utf-8"))
    annotations = _type_checking_lines(tree)
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in annotations:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("flux_catalog."):
                    yield node.lineno, alias.name.removeprefix("flux_catalog.")
                else:
                    yield node.lineno, "@" + alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                name = node.module or ""
                if name.startswith("flux_catalog."):
                    yield node.lineno, name.removeprefix("flux_catalog.")
                else:
                    yield node.lineno, "@" + name
                continue
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = [*base, *(node.module.split(".") if node.module else [])]
            if node.module is None:  # from . import a, b (modules, or names of the package)
                for alias in node.names:
                    name = [*target, alias.name]
                    is_module = (PACKAGE.joinpath(*name).is_dir()
                                 or PACKAGE.joinpath(*name[:-1], f"{name[-1]}.py").is_file())
                    yield node.lineno, ".".join(name if is_module else target)
            else:
                yield node.lineno, ".".join(target)


def _all_imports() -> list[tuple[str, int, str]]:
    return [(module, line, target) for module, path in _modules()
            for line, target in _imports(module, path)]


def test_every_module_has_a_layer() -> None:
    units = {_unit(module) for module, _ in _modules()}
    assert units <= set(LAYER), f"modules without a layer: {sorted(units - set(LAYER))}"


def test_imports_flow_one_way() -> None:
    upward = []
    for module, line, target in _all_imports():
        if target.startswith("@") or not target:
            continue
        source, dest = _unit(module), _unit(target)
        if source == dest or (source, dest) in ALLOWED:
            continue
        if LAYER[dest] > LAYER[source]:
            upward.append(f"{module}:{line} imports {target}")
    assert upward == []


@pytest.mark.parametrize("package", ["render", "rules"])
def test_render_and_rules_read_the_model_only(package: str) -> None:
    found = [f"{module}:{line} imports {target}" for module, line, target in _all_imports()
             if module.startswith(package + ".") and _unit(target) in ABOVE_THE_MODEL]
    assert found == []


def test_nothing_but_the_plugin_imports_mkdocs() -> None:
    found = [f"{module}:{line} imports {target[1:]}" for module, line, target in _all_imports()
             if target.startswith(("@mkdocs", "@material"))
             and not module.startswith("mkdocs_plugin")]
    assert found == []


FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "scandir",
              "listdir", "rglob", "iterdir"}


@pytest.mark.parametrize("package", ["render", "rules", "report"])
def test_render_rules_and_report_never_touch_files(package: str) -> None:
    found = []
    for module, path in _modules():
        if not module.startswith(package + "."):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else (
                    func.attr if isinstance(func, ast.Attribute) else "")
                if name in FILE_CALLS:
                    found.append(f"{module}:{node.lineno} calls {name}()")
    assert found == []


# Modules that import a YAML library without parsing with it (dumping, node classes).
YAML_WITHOUT_PARSING = {"render.values", "render.component", "secrets.copying", "secrets.tree",
                        "secrets.kube", "secrets.memo", "diff.values", "buildview",
                        "yaml_errors", "construct"}
PARSE_CALLS = {"load", "load_all", "safe_load", "safe_load_all", "compose", "compose_all",
               "full_load", "unsafe_load"}


def test_yaml_is_parsed_only_by_the_loader() -> None:
    importers = {module for module, _, target in _all_imports()
                 if target.split(".")[0] in ("@yaml", "@ruamel")}
    assert importers - {"load"} <= YAML_WITHOUT_PARSING, sorted(importers - {"load"})
    found = []
    for module, path in _modules():
        if module not in importers or module == "load":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in PARSE_CALLS):
                found.append(f"{module}:{node.lineno} calls {node.func.attr}()")
    assert found == []


def test_no_engine_module_is_over_the_size_limit() -> None:
    """STYLE: no module over ~400 lines (a little slack for the docstring of a rule)."""
    long = [f"{module}: {len(path.read_text('utf-8').splitlines())} lines"
            for module, path in _modules()
            if len(path.read_text("utf-8").splitlines()) > 460]
    assert long == []
