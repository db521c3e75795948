"""The dataset a view reads: a Parquet file and its version (a hash of the file's bytes).

Writes are atomic: a new file is written next to the target and renamed into place, so a
reader sees either the old dataset or the new one, never half of one.
"""

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from paybench.schema import ARROW_SCHEMA, ROW_GROUP_SIZE, SORT_ORDER

VERSION_LENGTH = 12
_version_cache: dict[tuple, str] = {}
_version_lock = threading.Lock()


@dataclass(frozen=True)
class Dataset:
    path: Path
    version: str

    @property
    def params(self) -> dict[str, str]:
        """The SQL parameter every query takes to find its data."""
        return {"path": str(self.path)}


def open_dataset(path: Path | str) -> Dataset:
    path = Path(path)
    return Dataset(path=path, version=file_version(path))


def file_version(path: Path) -> str:
    """A short content hash, computed once per file state (size, mtime, inode)."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    with _version_lock:
        if key in _version_cache:
            return _version_cache[key]
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    version = digest.hexdigest()[:VERSION_LENGTH]
    with _version_lock:
        _version_cache[key] = version
    return version


def to_arrow(frame: pd.DataFrame) -> pa.Table:
    """Records in the schema's types, sorted so DuckDB can skip row groups."""
    ordered = frame.sort_values(list(SORT_ORDER), kind="stable")
    return pa.Table.from_pandas(ordered, schema=ARROW_SCHEMA, preserve_index=False)


def write_parquet_atomic(table: pa.Table, target: Path) -> None:
    """Write to a temporary file in the target's folder, fsync it, then rename over the target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, temporary, row_group_size=ROW_GROUP_SIZE, compression="zstd")
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def read_records(path: Path) -> pd.DataFrame:
    return pq.read_table(path).to_pandas()
