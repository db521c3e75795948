"""Shared fixtures: sign-in off and the audit log aside for every test, a small dataset made by
the same generator, the shipped dataset, and a check that every statement sent to DuckDB is a
registry file's text."""

import pandas as pd
import pytest
from streamlit import config as streamlit_config
from streamlit.runtime.secrets import secrets_singleton

from paybench import sql
from paybench.app.auth import ROLES_FILE_SETTING
from paybench.datasets import dataset, sample
from paybench.datasets.audit import AUDIT_LOG_SETTING
from paybench.paths import QUERIES_DIR, SHIPPED_DATASET
from paybench.query import runner

FIXTURE_ROWS = 4_000


@pytest.fixture(scope="session", autouse=True)
def pinned_access_files(tmp_path_factory):
    """What decides sign-in, pinned for the whole run (the browser tests' servers inherit the
    environment), so files on the machine cannot change a test: no secrets file (sign-in off
    unless a test gives secrets), no roles file, and the audit log in a temporary folder.
    Yields that folder."""
    folder = tmp_path_factory.mktemp("access")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ROLES_FILE_SETTING, str(folder / "no-roles.toml"))
        patch.setenv(AUDIT_LOG_SETTING, str(folder / "audit.jsonl"))
        streamlit_config.set_option("secrets.files", [str(folder / "no-secrets.toml")])
        secrets_singleton._reset()
        yield folder


@pytest.fixture
def roles_file(tmp_path, monkeypatch):
    """The roles file of tests/helpers.py (one person per role), for a test with sign-in on."""
    from tests.helpers import ROLES_TOML

    path = tmp_path / "roles.toml"
    path.write_text(ROLES_TOML)
    monkeypatch.setenv(ROLES_FILE_SETTING, str(path))
    return path


@pytest.fixture
def audit_log(tmp_path, monkeypatch):
    """A fresh, empty audit log for the test; returns its path."""
    path = tmp_path / "audit.jsonl"
    monkeypatch.setenv(AUDIT_LOG_SETTING, str(path))
    return path


@pytest.fixture(scope="session")
def fixture_records() -> pd.DataFrame:
    return sample.generate(n_records=FIXTURE_ROWS, seed=7)


@pytest.fixture(scope="session")
def fixture_dataset(tmp_path_factory, fixture_records) -> dataset.Dataset:
    path = tmp_path_factory.mktemp("data") / "fixture.parquet"
    dataset.write_parquet_atomic(dataset.to_arrow(fixture_records), path)
    return dataset.open_dataset(path)


@pytest.fixture(scope="session")
def shipped_records() -> pd.DataFrame:
    return dataset.read_records(SHIPPED_DATASET)


@pytest.fixture(autouse=True)
def _fresh_query_cache():
    runner.clear_cache()
    yield


def registry_files_text() -> set[str]:
    """The text of every SQL file under queries/, read from disk now (not through the
    registry's cache, so a statement built in memory cannot pass for a file)."""
    return {path.read_text(encoding="utf-8") for path in QUERIES_DIR.rglob("*.sql")}


@pytest.fixture
def only_registered_sql(monkeypatch) -> list[str]:
    """Every statement any connection sends DuckDB (the runner's, the file summary's, the
    importer's) goes through paybench.sql.execute or sql.arrow_table; this fails the test if one
    is not the exact text of a file under queries/. Yields the statements seen, in order."""
    allowed = registry_files_text()
    seen: list[str] = []

    def checked(real):
        def run(connection, statement, params=None):
            assert statement in allowed, f"not a registry file's text: {statement[:200]!r}"
            seen.append(statement)
            return real(connection, statement, params)
        return run

    monkeypatch.setattr(sql, "execute", checked(sql.execute))
    monkeypatch.setattr(sql, "arrow_table", checked(sql.arrow_table))
    return seen
