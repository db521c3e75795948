"""The architecture holds: the package is laid out by layer and no module imports from a layer
above its own; only the app layer (and tools, which drive the app) imports Streamlit; every
statement reaches DuckDB through the SQL registry; page URL keys are written once."""

import ast
from pathlib import Path

import duckdb
import pytest

from paybench import sql
from paybench.datasets import importer
from paybench.datasets.importer import ImportOptions
from paybench.present import page_keys
from tests.helpers import MESSY, PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "paybench"
# Lowest first: a module may import from its own layer and the layers before it.
LAYERS = ("domain", "datasets", "query", "present", "app", "tools")
FOUNDATION = ("paybench.paths", "paybench.sql")  # importable by every layer; they import none
ENTRY_POINTS = ("paybench.cli", "paybench.__main__")  # may import any layer; nothing imports them
STREAMLIT_FREE = ("domain", "datasets", "query", "present")


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path) -> set[str]:
    """Every module the file imports, by full name ('from a import b' gives 'a.b' if that is a
    module of the package, else 'a')."""
    names = set()
    package_modules = modules()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                names.add(candidate if candidate in package_modules else node.module)
    return names


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in LAYERS else None


def test_every_module_is_in_a_layer_or_is_a_foundation_or_entry_point():
    loose = [name for name in modules() if name != "paybench" and layer_of(name) is None
             and name not in FOUNDATION + ENTRY_POINTS and name.split(".")[-1] not in LAYERS]
    assert loose == []


def violations(module: str, imported_modules: set[str]) -> list[str]:
    """The imports of `module` that break the layer rules."""
    found = []
    own = layer_of(module)
    for imported in sorted(imported_modules):
        if not imported.startswith("paybench.") or imported in FOUNDATION:
            continue
        target = layer_of(imported)
        if imported in ENTRY_POINTS and module not in ENTRY_POINTS:
            found.append(f"{module} imports the entry point {imported}")
        elif module in FOUNDATION:
            found.append(f"the foundation module {module} imports {imported}")
        elif own and target and LAYERS.index(target) > LAYERS.index(own):
            found.append(f"{module} ({own}) imports {imported} ({target}), a higher layer")
    if own in STREAMLIT_FREE and any(name.split(".")[0] == "streamlit" for name in imported_modules):
        found.append(f"{module} ({own}) imports Streamlit")
    return found


@pytest.mark.parametrize("module", sorted(modules()))
def test_no_module_breaks_the_layer_rules(module):
    assert violations(module, imports(modules()[module])) == []


@pytest.mark.parametrize(("module", "imported", "broken"), [
    ("paybench.domain.offer", "paybench.query.catalog", True),
    ("paybench.query.filters", "paybench.app.session", True),
    ("paybench.present.charts", "streamlit", True),
    ("paybench.paths", "paybench.domain.offer", True),
    ("paybench.domain.offer", "paybench.cli", True),
    ("paybench.app.session", "paybench.query.runner", False),
    ("paybench.app.session", "streamlit", False),
    ("paybench.datasets.importer", "paybench.sql", False),
])
def test_the_rules_catch_what_they_should(module, imported, broken):
    assert bool(violations(module, {imported})) is broken


# ---- SQL goes through the registry -------------------------------------------------------------

def test_only_the_registry_sends_statements_to_duckdb():
    """No module but paybench/sql.py calls a connection's execute (or sql, query) itself."""
    offenders = []
    for name, path in modules().items():
        if name == "paybench.sql":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in {"execute", "sql", "query", "executemany"}
                    and not (isinstance(node.func.value, ast.Name) and node.func.value.id in
                             {"sql", "runner"})):
                offenders.append(f"{name}:{node.lineno}")
    assert offenders == []


def test_the_registry_check_fails_on_a_statement_that_is_no_file(only_registered_sql):
    with duckdb.connect() as con, pytest.raises(AssertionError, match="not a registry file"):
        sql.execute(con, "select 1 where 'x' = 'x'")


def test_the_importer_and_the_file_summary_use_only_registry_statements(only_registered_sql,
                                                                        tmp_path):
    importer.import_file(MESSY, tmp_path / "imported.parquet", ImportOptions(constants={}))
    statements = set(only_registered_sql)
    for name in ("import_macros", "duplicate_employees", "finalise_import", "import_kept_counts",
                 "copy_with_summary", "count_rows"):
        assert sql.write_statement(name) in statements, name
    assert sql.text("filter_options_scanned") in statements


# ---- page URL keys are written once ------------------------------------------------------------

def test_pages_use_the_key_constants_not_literals():
    keys = {key for page in page_keys.PAGE_URL_KEYS.values() for key in page}
    for page in (PROJECT_ROOT / "pages").glob("*.py"):
        literals = {node.value for node in ast.walk(ast.parse(page.read_text(encoding="utf-8")))
                    if isinstance(node, ast.Constant) and isinstance(node.value, str)}
        assert not literals & keys, f"{page.name} types {sorted(literals & keys)}"


# ---- every page starts with start_page() -------------------------------------------------------

@pytest.mark.parametrize("page", sorted(path.name for path in (PROJECT_ROOT / "pages").glob("*.py")))
def test_every_page_calls_start_page_before_anything_else(page):
    """With a pages/ folder, a link straight to a page on a fresh server runs the page alone
    until st.navigation has run once; start_page() reruns through dashboard.py and its sign-in
    check. So it must come before any other statement (the docstring and imports aside)."""
    body = ast.parse((PROJECT_ROOT / "pages" / page).read_text(encoding="utf-8")).body
    rest = [node for node in body if not isinstance(node, ast.Import | ast.ImportFrom)
            and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
    assert ast.unparse(rest[0]) == "start_page()"


def test_every_download_goes_through_the_audited_button():
    """An export is written to the audit log when its file is made (auth.download_button); a
    page calling st.download_button itself would export unlogged."""
    callers = []
    for path in [*(PROJECT_ROOT / "pages").glob("*.py"), PROJECT_ROOT / "dashboard.py",
                 *(PACKAGE / "app").glob("*.py")]:
        if path.name == "auth.py" and path.parent.name == "app":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "download_button"
                    and ast.unparse(node.func.value) != "auth"):
                callers.append(f"{path.name}:{node.lineno}")
    assert callers == []
