"""The query runner: one DuckDB connection per process, a fresh cursor per query, results
fetched fully and cached on (query name, dataset version, parameters).

A run returns the result together with what produced it (the query's name, the parameters
actually bound, the dataset file and version), so a page shows exactly that next to its figure.
It does not import Streamlit, so the benchmark, the CLI and the tests use it as the app does.
"""

import threading
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from paybench import sql
from paybench.datasets.dataset import Dataset
from paybench.query.computed import COMPUTED

CACHE_ENTRIES = 1024
VERSION_READ_ATTEMPTS = 3
# Queries a page asks for ahead (prefetch) run on these threads while its script goes on:
# DuckDB works outside the GIL and an exact quantile selects on one core, so two queries at
# once keep both cores busy (a page's six queries at 10M: 1.2 to 1.4 times faster).
PREFETCH_THREADS = 2


@dataclass(frozen=True)
class QueryResult:
    """A query's result and its provenance: the name of its SQL file, the parameters bound
    (the dataset path left out: dataset_file and dataset_version name the data)."""

    name: str
    params: Mapping[str, Any]
    dataset_file: str
    dataset_version: str
    frame: pd.DataFrame

    @property
    def row(self) -> pd.Series:
        """The first row, for queries that return one."""
        return self.frame.iloc[0]


class QueryParameterError(ValueError):
    """A query was called with parameters other than those its SQL names."""


class DatasetReplaced(RuntimeError):
    """The dataset file changed under a query and its version was not kept to read again."""


class _ResultCache:
    """A small thread-safe LRU of result frames."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[Hashable, pd.DataFrame] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> pd.DataFrame | None:
        with self._lock:
            if key not in self._entries:
                return None
            self._entries.move_to_end(key)
            return self._entries[key]

    def put(self, key: Hashable, frame: pd.DataFrame) -> None:
        with self._lock:
            self._entries[key] = frame
            self._entries.move_to_end(key)
            while len(self._entries) > self.capacity:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_cache = _ResultCache(CACHE_ENTRIES)
_connection: duckdb.DuckDBPyConnection | None = None
_connection_lock = threading.Lock()
_prefetcher = ThreadPoolExecutor(PREFETCH_THREADS, thread_name_prefix="paybench-prefetch")
_in_flight: dict[Hashable, Future] = {}
_in_flight_lock = threading.Lock()


def connection() -> duckdb.DuckDBPyConnection:
    """The process's one connection, with the SQL macros defined. Never query it directly
    from a thread: take a cursor."""
    global _connection
    with _connection_lock:
        if _connection is None:
            con = duckdb.connect(":memory:", config={"threads": 2})
            for macro in sql.macro_texts():
                sql.execute(con, macro)
            _connection = con
        return _connection


def run(name: str, dataset: Dataset, params: Mapping[str, Any] | None = None) -> QueryResult:
    """Run queries/<name>.sql on the dataset with bound parameters; cached, returns a copy.
    If the same run was prefetched, its result is waited for (or, not started yet, the run
    is made here)."""
    bound = {**dataset.params, **(params or {})}
    _check_parameters(name, bound)
    key = (name, dataset.version, _freeze(bound, skip="path"))
    cached = _cache.get(key)
    if cached is None:
        with _in_flight_lock:
            ahead = _in_flight.get(key)
        if ahead is not None and not ahead.cancel():
            cached = ahead.result()
        else:
            if ahead is not None:  # cancelled before it started: run it here
                with _in_flight_lock:
                    _in_flight.pop(key, None)
            cached = _execute_on_version(name, dataset, bound)
            _cache.put(key, cached)
    shown = {key: value for key, value in bound.items() if key != "path"}
    return QueryResult(name, shown, dataset.path.name, dataset.version, cached.copy())


def prefetch(name: str, dataset: Dataset, params: Mapping[str, Any] | None = None) -> None:
    """Start a run that a page will ask for soon, on another thread, so it overlaps with the
    page's other queries; run() then finds its result. Nothing happens if the result is cached
    or already on its way. A run that fails here raises its error in run(), for the page."""
    bound = {**dataset.params, **(params or {})}
    _check_parameters(name, bound)
    key = (name, dataset.version, _freeze(bound, skip="path"))
    if _cache.get(key) is not None:
        return
    with _in_flight_lock:
        if key in _in_flight:
            return
        _in_flight[key] = _prefetcher.submit(_prefetched, key, name, dataset, bound)


def _prefetched(key: Hashable, name: str, dataset: Dataset, bound: dict) -> pd.DataFrame:
    try:
        result = _execute_on_version(name, dataset, bound)
        _cache.put(key, result)
        return result
    finally:
        with _in_flight_lock:
            _in_flight.pop(key, None)


def _execute_on_version(name: str, dataset: Dataset, bound: dict) -> pd.DataFrame:
    """Run on the dataset's own version, even if an import replaces the file meanwhile: a
    result read from a replaced file is thrown away and read again from the kept copy."""
    for _ in range(VERSION_READ_ATTEMPTS):
        read_path = dataset.read_path()
        try:
            result = execute(name, {**bound, "path": str(read_path)})
        except duckdb.Error:
            if read_path != dataset.path or not dataset.replaced():
                raise
            continue
        if read_path != dataset.path or not dataset.replaced():
            return result
    raise DatasetReplaced(f"dataset version {dataset.version} was replaced and not kept")


def execute(name: str, bound: Mapping[str, Any]) -> pd.DataFrame:
    """Run a query without the cache (the benchmark times this). A query of
    query/computed.py's COMPUTED fetches its rows as Arrow and its figure is computed from
    them."""
    with connection().cursor() as cursor:
        if name in COMPUTED:
            return COMPUTED[name](sql.arrow_table(cursor, sql.text(name), bound), bound)
        return sql.execute(cursor, sql.text(name), bound).df()


def clear_cache() -> None:
    _cache.clear()


def _check_parameters(name: str, bound: Mapping[str, Any]) -> None:
    expected = sql.parameters(name)
    missing, extra = expected - bound.keys(), bound.keys() - expected - {"path"}
    if missing or extra:
        raise QueryParameterError(
            f"query {name!r}: missing {sorted(missing)}, unexpected {sorted(extra)}")


def _freeze(params: Mapping[str, Any], skip: str = "") -> tuple:
    """Parameters as a hashable cache key: lists become tuples, structs sorted items, at any
    depth."""
    return tuple(sorted((key, _frozen(value)) for key, value in params.items() if key != skip))


def _frozen(value: Any) -> Hashable:
    if isinstance(value, Mapping):
        return _freeze(value)
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)  # a list of structs, too
    return value

