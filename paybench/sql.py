"""The SQL registry: queries/*.sql, one query per file, named after what it returns.

Every file starts with a header comment naming its parameters; values are always bound as
$name parameters, never formatted into the text. queries/macros/*.sql holds table macros the
connection defines once (the global filter is one); queries/write/*.sql the statements that
write dataset files; queries/experiments/*.sql variants that only measurement scripts run.
Every statement reaches DuckDB through execute() below (or arrow_table(), for rows fetched as
Arrow), so a test can check that each one is a file's text, whichever connection runs it.

A foundation module, like paths: any layer may import it; it imports no layer.
"""

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import duckdb
import pyarrow as pa

from paybench.paths import QUERIES_DIR

_PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")


def names() -> list[str]:
    return sorted(path.stem for path in QUERIES_DIR.glob("*.sql"))


@cache
def text(name: str) -> str:
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in {QUERIES_DIR}")
    return path.read_text(encoding="utf-8")


@cache
def parameters(name: str) -> frozenset[str]:
    return frozenset(_PARAMETER.findall(_without_comments(text(name))))


def header(name: str) -> str:
    """The leading comment lines: what the query returns and its parameters."""
    lines = []
    for line in text(name).splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.removeprefix("--").strip())
    return "\n".join(lines)


def write_statement(name: str) -> str:
    """A statement from queries/write/: the import's last step and the footer rewrite."""
    return (QUERIES_DIR / "write" / f"{name}.sql").read_text(encoding="utf-8")


def experiment_statement(name: str) -> str:
    """A statement from queries/experiments/: variants the measurement scripts time against the
    page queries (tools/percentile_variants.py); no page runs them."""
    return (QUERIES_DIR / "experiments" / f"{name}.sql").read_text(encoding="utf-8")


def macro_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((QUERIES_DIR / "macros").glob("*.sql"))]


def _without_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


def execute(connection: duckdb.DuckDBPyConnection, statement: str,
            params: Mapping[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
    """Run one of the registry's statements (the text of a file under queries/) with its
    parameters bound. With arrow_table(), the one place the project sends SQL to DuckDB."""
    return connection.execute(statement, dict(params or {}))


def arrow_table(connection: duckdb.DuckDBPyConnection, statement: str,
                params: Mapping[str, Any] | None = None) -> pa.Table:
    """Run one of the registry's statements and fetch its rows as an Arrow table: for a query
    whose values are computed on in numpy (about 25 ms for 2.5 million rows of two columns,
    against 60 to 100 for fetchnumpy). Through a relation, which hands DuckDB's columns over
    without the extra copy a DB-API result makes."""
    return connection.sql(statement, params=dict(params or {})).to_arrow_table()
