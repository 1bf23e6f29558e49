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
        elif (
            isinstance(node, ast.Call)
            and _called_name(node.func) in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.args[0].value.split(".")[0], node.lineno))
    return found


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
