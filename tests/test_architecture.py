"""The layering rules, read from the source: imports point one way, Qt only in ui/, no network, one `_`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "phieu_desktop"
MODULES = sorted(PACKAGE.rglob("*.py"))
NETWORK = {"socket", "ssl", "http", "urllib", "ftplib", "smtplib", "poplib", "imaplib", "telnetlib", "requests",
           "httpx", "aiohttp", "websocket", "xmlrpc", "asyncio"}


def layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def imported(path: Path) -> list[tuple[str, int]]:
    """(absolute module name, line) for every import; relative ones resolved against the package."""
    here = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if here[-1] == "__init__":
        here.pop()
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + (1 if path.name == "__init__.py" else 0)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.append((module, node.lineno))
    return names


def ours(module: str) -> str | None:
    """The layer of one of our modules ('domain', 'store', ...), or None for anything else."""
    parts = module.split(".")
    if parts[0] != "phieu_desktop" or len(parts) == 1:
        return None
    return parts[1]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_one_way(path):
    allowed = {
        "domain": {"domain"},
        "store": {"domain", "store", "files", "__init__"},
        "documents": {"domain", "store", "documents", "paths", "files"},
        "exchange": {"domain", "store", "documents", "exchange", "paths", "files", "signing"},
        "files": {"domain"},
        "imports": {"domain", "imports", "files"},  # input from outside: lists of persons
        "signing": {"domain", "signing", "paths", "files"},
        "paths": set(),
        "demo": {"domain", "store"},
        "scan": {"domain", "scan", "documents"},  # documents: only the sheet geometry (checked below)
        # a scanned stack joined to a session file: the template, the images kept, confirmed ballots entered
        "scanning": {"domain", "store", "documents", "scan", "files"},
    }.get(layer(path))
    if allowed is None:  # ui, cli (a package: one module per group of verbs), __main__ sit on top
        return
    for module, line in imported(path):
        target = ours(module)
        if target is not None:
            assert target in allowed or target == "__init__", f"{path.name}:{line} imports {module}"


@pytest.mark.parametrize("path", [p for p in MODULES if layer(p) != "cli"], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_nothing_leans_on_the_command_line(path):
    """The `phieu` command (cli/) sits on top: neither the window nor the layers below import it."""
    for module, line in imported(path):
        assert ours(module) != "cli", f"{path.name}:{line} imports {module}"


@pytest.mark.parametrize("path", [p for p in MODULES if layer(p) == "scan"], ids=lambda p: p.name)
def test_the_reader_knows_only_the_sheet_geometry(path):
    """scan/ reads images against plain geometry: no store, no reportlab, nothing of documents but its geometry."""
    for module, line in imported(path):
        if ours(module) == "documents":
            assert module == "phieu_desktop.documents.sheet_geometry", f"{path.name}:{line} imports {module}"
        assert not module.startswith("reportlab"), f"{path.name}:{line} imports {module}"


def test_sheet_geometry_is_plain_data():
    geometry = PACKAGE / "documents" / "sheet_geometry.py"
    assert all(ours(module) is None and not module.startswith("reportlab") for module, _line in imported(geometry))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_qt_only_in_the_window(path):
    if layer(path) in ("ui", "__main__"):
        return
    for module, line in imported(path):
        assert not module.startswith("PySide6"), f"{path.name}:{line} imports {module}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_network_module_anywhere(path):
    for module, line in imported(path):
        if module == "asyncio" and path == PACKAGE / "signing" / "run.py":
            continue  # pyHanko's coroutines need an event loop; nothing is fetched (allow_fetching=False)
        assert module.split(".")[0] not in NETWORK, f"{path.name}:{line} imports {module}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_translations_go_through_the_cached_lookup(path):
    """gettext.gettext searches the disk on every call (1 ms each): use phieu_desktop.domain.i18n._."""
    if path.name == "i18n.py":
        return
    for module, line in imported(path):
        assert module != "gettext", f"{path.name}:{line} imports gettext directly"


# --- no rule in a widget, one way to translate ---

COUNTS = {"returned", "issued", "summoned", "present", "present_at_vote", "entered", "checked"}
ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _count_named(node: ast.AST) -> str | None:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr in COUNTS:
            return sub.attr
        if isinstance(sub, ast.Name) and sub.id in COUNTS:
            return sub.id
    return None


@pytest.mark.parametrize("path", [p for p in MODULES if layer(p) not in ("domain", "store")],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_counts_are_compared_only_by_the_rules(path):
    """Quorum, returned <= issued, entered against returned…: compared in domain/ (or store/, which needs the file),
    never again in a widget, a document or the CLI, where a second copy could drift from the first."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare) and any(isinstance(op, ORDERING) for op in node.ops):
            name = next(filter(None, map(_count_named, [node.left, *node.comparators])), None)
            assert name is None, f"{path.name}:{node.lineno} compares {name}: {ast.unparse(node)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_one_translation_function(path):
    """`_` is domain.i18n's everywhere (Qt classes use self.tr): no module defines its own."""
    if path.name == "i18n.py":
        return
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "_":
            raise AssertionError(f"{path.name}:{node.lineno} defines its own _")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_nothing_translated_at_import_time(path):
    """A string translated when the module is imported would ignore a catalogue installed later: `_()` only inside
    functions (module-level tables use N_ and translate when shown)."""

    def visit(node: ast.AST, inside: bool) -> None:
        inside = inside or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        if not inside and isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
            raise AssertionError(f"{path.name}:{node.lineno} calls _() at import time")
        for child in ast.iter_child_nodes(node):
            visit(child, inside)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)


SQL = ("SELECT ", "INSERT INTO", "DELETE FROM", "CREATE TABLE", "PRAGMA ")


@pytest.mark.parametrize("path", [p for p in MODULES if layer(p) != "store"], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_sql_only_in_the_store(path):
    """The session file is read and written by store/ alone; everyone else calls its named operations (and may only
    name sqlite3's exceptions, to say what a damaged file or a full disk means)."""
    for module, line in imported(path):
        assert module.split(".")[0] != "sqlite_utils", f"{path.name}:{line} imports {module}"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect":
            assert ast.unparse(node.func.value) != "sqlite3", f"{path.name}:{node.lineno} opens a database"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            assert not any(word in node.value for word in SQL), f"{path.name}:{node.lineno} holds SQL"
