"""Eight threads run every page query against one runner while imports swap the dataset:
no errors, and every result equals a single-threaded reference for the version it ran on."""

import random
import shutil
import threading
import time

import pandas as pd
import pytest

from paybench import sql
from paybench.datasets import sample
from paybench.datasets.dataset import open_dataset, publish, to_arrow, write_parquet_atomic
from paybench.query import runner
from paybench.query.filters import Filters
from tests.helpers import EXTRA_PARAMETERS

THREADS = 8
QUERIES_PER_THREAD = 30  # a fixed amount of work, not a time: the machine may be busy
FILTER_SETS = [
    Filters(role="Machine Learning Engineer", country=("US",)),
    Filters(role="Data Scientist", level=("Senior", "Staff"), city=("Seattle", "Austin")),
    Filters(role="Software Engineer", work_arrangement=("Remote",), year_min=2024),
]


def calls() -> list[tuple[str, dict]]:
    """Every registered query with each filter set (the path is added per dataset)."""
    made = []
    for name in sql.names():
        wanted = sql.parameters(name)
        for filters in FILTER_SETS:
            candidates = {**filters.sql_params(), **EXTRA_PARAMETERS}
            params = {k: v for k, v in candidates.items() if k in wanted}
            made.append((name, params))
            if not params:
                break
    return made


def key(name: str, params: dict) -> tuple:
    return name, repr(sorted(params.items()))


@pytest.fixture
def two_versions(tmp_path):
    """A dataset file and a second version ready to be published over it, with references."""
    target = tmp_path / "salaries.parquet"
    write_parquet_atomic(to_arrow(sample.generate(3_000, seed=21)), target)
    other = tmp_path / "other.parquet"
    write_parquet_atomic(to_arrow(sample.generate(3_500, seed=22)), other)
    references = {}
    for path in (target, other):
        dataset = open_dataset(path)
        references[dataset.version] = {
            key(name, params): runner.execute(name, {**dataset.params, **params})
            for name, params in calls()}
    return target, other, references


def test_queries_during_imports_match_their_versions(two_versions):
    target, other, references = two_versions
    versions = list(references)
    work = calls()
    results, errors = [], []
    stop = threading.Event()

    def reader(seed: int) -> None:
        chooser = random.Random(seed)
        for _ in range(QUERIES_PER_THREAD):
            name, params = chooser.choice(work)
            try:
                dataset = open_dataset(target)
                frame = runner.run(name, dataset, params).frame
                results.append((dataset.version, key(name, params), frame))
            except Exception as error:  # every failure is a finding
                errors.append(repr(error))

    def importer() -> None:
        sources = [other, target.parent / "first.parquet"]
        shutil.copyfile(target, sources[1])
        turn = 0
        while not stop.is_set():
            copy = target.with_name(f"incoming-{turn}.parquet")
            shutil.copyfile(sources[turn % 2], copy)
            publish(copy, target)
            runner.clear_cache()  # so readers keep querying files, not the cache
            turn += 1
            time.sleep(0.01)

    readers = [threading.Thread(target=reader, args=(i,)) for i in range(THREADS)]
    swapper = threading.Thread(target=importer)
    for thread in [*readers, swapper]:
        thread.start()
    for thread in readers:
        thread.join(timeout=600)
    stop.set()
    swapper.join(timeout=60)

    assert errors == []
    assert len(results) == THREADS * QUERIES_PER_THREAD
    assert {version for version, _, _ in results} == set(versions), "both versions were read"
    for version, call, frame in results:
        pd.testing.assert_frame_equal(frame, references[version][call])
