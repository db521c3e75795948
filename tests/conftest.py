"""Shared fixtures: a small dataset made by the same generator, and the shipped dataset."""

from pathlib import Path

import pandas as pd
import pytest

from paybench.datasets import dataset, sample
from paybench.paths import SHIPPED_DATASET
from paybench.query import runner

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ROWS = 4_000


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
