"""DESIGN's import rules, checked on the package's source.

Only `store/` touches SQLite, only `ingest/pdf.py` reads PDFs with pypdf, only
`embed.py` loads sentence-transformers, only `tui/` imports Textual and only
`cli/` imports click. The rules are read from the syntax tree, so an import
inside a function (the lazy imports the package prefers) counts as well as one
at the top of a module, and so does ``importlib.import_module("name")``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reviewkit"

#: top-level module -> the package paths (relative to reviewkit/) allowed to import it;
#: a path ending in "/" allows everything below that folder.
RULES: dict[str, tuple[str, ...]] = {
    "sqlite_utils": ("store/",),
    "sqlite3": ("store/",),
    "pypdf": ("ingest/pdf.py",),
    "sentence_transformers": ("embed.py",),
    "faiss": ("search/ann.py",),
    "textual": ("tui/",),
    "click": ("cli/",),
}


def _imported_modules(tree: ast.AST) -> list[tuple[str, int]]:
    """Top-level names of every module the tree imports, with the line of the import."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name.split(".")[0], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0], node.lineno))
        elif (dynamic := _dynamic_import(node)) is not None:
            found.append((dynamic.split(".")[0], node.lineno))
    return found


def _dynamic_import(node: ast.AST) -> str | None:
    """The module named by ``importlib.import_module("name")`` or ``__import__("name")``."""
    if (
        isinstance(node, ast.Call)
        and _called_name(node.func) in {"import_module", "__import__"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return None


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _allowed(relative: str, places: tuple[str, ...]) -> bool:
    return any(relative.startswith(p) if p.endswith("/") else relative == p for p in places)


def _imports_by_file() -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        out[relative] = _imported_modules(tree)
    return out


@pytest.fixture(scope="module")
def imports() -> dict[str, list[tuple[str, int]]]:
    return _imports_by_file()


@pytest.mark.parametrize("module", sorted(RULES))
def test_only_its_own_layer_imports(module: str, imports: dict[str, list[tuple[str, int]]]) -> None:
    places = RULES[module]
    offenders = [
        f"reviewkit/{relative}:{line}"
        for relative, found in imports.items()
        for name, line in found
        if name == module and not _allowed(relative, places)
    ]
    assert offenders == [], f"only {', '.join(places)} may import {module}; found {offenders}"


@pytest.mark.parametrize(
    ("module", "relative"),
    [
        ("sqlite_utils", "store/db.py"),
        ("sqlite3", "store/db.py"),
        ("pypdf", "ingest/pdf.py"),
        ("sentence_transformers", "embed.py"),
        ("textual", "tui/app.py"),
        ("click", "cli/common.py"),
    ],
)
def test_the_scan_sees_the_allowed_imports(
    module: str, relative: str, imports: dict[str, list[tuple[str, int]]]
) -> None:
    # Guards the guard: a scanner that found nothing would pass every rule above.
    assert module in {name for name, _ in imports[relative]}


def test_the_scan_sees_lazy_and_dynamic_imports() -> None:
    source = (
        "import importlib\n"
        "def f():\n"
        "    import textual.app\n"
        "    from click import echo\n"
        "    importlib.import_module('pypdf.errors')\n"
        "    __import__('sqlite3')\n"
        "from . import sibling\n"
    )
    names = sorted(name for name, _ in _imported_modules(ast.parse(source)))
    assert names == ["click", "importlib", "pypdf", "sqlite3", "textual"]


def test_sentence_transformers_is_imported_lazily() -> None:
    # DESIGN: embed.py imports it only when a model is needed, never at import time.
    tree = ast.parse((PACKAGE / "embed.py").read_text(encoding="utf-8"))
    scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    inside = {
        n for node in tree.body if isinstance(node, scopes) for n, _ in _imported_modules(node)
    }
    # `if TYPE_CHECKING:` imports never run, so they count as lazy too.
    runs_at_import = [
        node
        for node in tree.body
        if not isinstance(node, scopes)
        and not (isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test))
    ]
    at_top = {n for node in runs_at_import for n, _ in _imported_modules(node)}
    assert "sentence_transformers" in inside
    assert "sentence_transformers" not in at_top


def test_only_the_store_runs_sql() -> None:
    """Outside store/, nothing reaches through a Store to its database connection."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("store/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in {"execute", "executescript", "query", "conn"}
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "db"
            ):
                offenders.append(f"{relative}:{node.lineno} .db.{node.attr}")
    assert not offenders, "SQL outside reviewkit/store/: " + ", ".join(offenders)


# -- floors ---------------------------------------------------------------------------

#: The package's floors, bottom to top (DESIGN.md, "Floors"). A module may import
#: from its own unit and from units on lower floors, never from a sibling on its
#: floor or from above.
FLOORS: tuple[frozenset[str], ...] = (
    frozenset({"__init__", "errors"}),
    frozenset({"document", "config", "vocabulary", "normalise"}),
    frozenset({"store"}),
    frozenset({"embed"}),
    frozenset({"ingest", "extract", "screen"}),
    frozenset({"search"}),
    frozenset({"synthesise"}),
    frozenset({"export"}),
    frozenset({"pipeline"}),
    frozenset({"tui", "demo", "serve"}),
    frozenset({"cli"}),
    frozenset({"__main__"}),
)
FLOOR_OF = {unit: n for n, units in enumerate(FLOORS) for unit in units}


def _unit(relative: str) -> str:
    """The top-level unit a package path belongs to: "screen/engine.py" -> "screen"."""
    head = relative.split("/")[0]
    return head.removesuffix(".py")


def _internal_imports(tree: ast.AST, relative: str) -> list[tuple[str, int]]:
    """The reviewkit units a module imports (absolute, relative or dynamic), with lines."""
    package = relative.split("/")[:-1]
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            parts = base + (node.module.split(".") if node.module else [])
            names = [parts[0]] if parts else [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] == "reviewkit":
                names = [parts[1]] if len(parts) > 1 else [_submodule(a.name) for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1] for a in node.names if a.name.startswith("reviewkit.")]
        elif (dynamic := _dynamic_import(node)) is not None and dynamic.startswith("reviewkit."):
            names = [dynamic.split(".")[1]]
        found.extend((name.removesuffix(".py"), node.lineno) for name in names)
    return found


def _submodule(name: str) -> str:
    """`from reviewkit import name`: a unit when one is called so, else the package's own."""
    return name if (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file() else "__init__"


def _floor_violations(trees: dict[str, ast.AST]) -> list[str]:
    out = []
    for relative, tree in trees.items():
        unit = _unit(relative)
        for target, line in _internal_imports(tree, relative):
            if target == unit:
                continue
            if FLOOR_OF.get(target, len(FLOORS)) >= FLOOR_OF[unit]:
                out.append(f"reviewkit/{relative}:{line}: {unit} imports {target}")
    return out


def _package_trees() -> dict[str, ast.AST]:
    return {
        path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_every_unit_of_the_package_has_a_floor() -> None:
    units = {_unit(relative) for relative in _package_trees()}
    assert units - set(FLOOR_OF) == set(), "give each new top-level module a floor in FLOORS"


def test_nothing_imports_a_sibling_or_from_above() -> None:
    assert _floor_violations(_package_trees()) == []


@pytest.mark.parametrize(
    ("relative", "source"),
    [
        ("store/records.py", "from reviewkit.screen.dedup import DuplicateIndex\n"),
        ("ingest/parse.py", "def f():\n    from reviewkit.extract.run import extract_values\n"),
        (
            "screen/status.py",
            "import importlib\nimportlib.import_module('reviewkit.extract.run')\n",
        ),
        ("vocabulary.py", "from reviewkit.store import Store\n"),
        ("screen/engine.py", "from ..search import query\n"),
    ],
)
def test_an_upward_or_sideways_import_is_caught(relative: str, source: str) -> None:
    assert len(_floor_violations({relative: ast.parse(source)})) == 1


def test_imports_within_a_unit_and_downwards_pass() -> None:
    source = (
        "from reviewkit.store import Store\nfrom . import dedup\nfrom .model import make_model\n"
    )
    assert _floor_violations({"screen/importing.py": ast.parse(source)}) == []
