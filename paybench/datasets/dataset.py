"""The dataset a view reads: a Parquet file and its version (a hash of the file's bytes).

Writes are atomic: a new file is written next to the target and renamed into place, so a
reader sees either the old dataset or the new one, never half of one. Every published version
is kept, unchanged, in versions/ beside the dataset, so a query that started on one version can
finish on it even if an import replaces the dataset meanwhile.
"""

import hashlib
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from paybench.datasets import file_summary, provenance
from paybench.datasets.provenance import Provenance
from paybench.datasets.schema import ARROW_SCHEMA, COMPRESSION, ROW_GROUP_SIZE, SORT_ORDER

VERSION_LENGTH = 12
_version_cache: dict[tuple, str] = {}
_version_lock = threading.Lock()


@dataclass(frozen=True)
class Dataset:
    path: Path
    version: str
    identity: tuple = ()  # the file's (size, mtime, inode) when its version was taken
    provenance: Provenance | None = None  # None only for a dataset made up in a test

    @property
    def name(self) -> str:
        return self.provenance.name if self.provenance else self.path.stem

    @property
    def params(self) -> dict[str, str]:
        """The SQL parameter every query takes to find its data."""
        return {"path": str(self.read_path())}

    def read_path(self) -> Path:
        """This version's file: the kept copy in versions/ when there is one (it never
        changes), else the dataset file itself."""
        archived = archived_path(self.path, self.version)
        return archived if archived.exists() else self.path

    def replaced(self) -> bool:
        """Whether the dataset file is no longer the one this version was taken from."""
        try:
            return _identity(self.path) != self.identity
        except FileNotFoundError:
            return True


def open_dataset(path: Path | str) -> Dataset:
    path = Path(path)
    version, identity = _version_and_identity(path)
    return Dataset(path=path, version=version, identity=identity,
                   provenance=_provenance(path, identity))


def open_version(path: Path | str, version: str) -> Dataset | None:
    """An earlier version of the dataset at path, from its kept copy; None if not kept."""
    path = Path(path)
    archived = archived_path(path, version)
    if not archived.exists():
        return None
    return Dataset(path=path, version=version, identity=(),
                   provenance=_provenance(archived, _identity(archived)))


_provenance_cache: dict[tuple, Provenance] = {}


def _provenance(path: Path, identity: tuple) -> Provenance:
    key = (str(path), *identity)
    if key not in _provenance_cache:
        _provenance_cache[key] = provenance.read(path)
    return _provenance_cache[key]


def file_version(path: Path) -> str:
    return _version_and_identity(Path(path))[0]


def _identity(path: Path) -> tuple:
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def _version_and_identity(path: Path) -> tuple[str, tuple]:
    """A short content hash, computed once per file state; hashed again if the file was
    replaced while it was being read."""
    while True:
        identity = _identity(path)
        key = (str(path), *identity)
        with _version_lock:
            if key in _version_cache:
                return _version_cache[key], identity
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if _identity(path) == identity:
            version = digest.hexdigest()[:VERSION_LENGTH]
            with _version_lock:
                _version_cache[key] = version
            return version, identity


def to_arrow(frame: pd.DataFrame) -> pa.Table:
    """Records in the schema's types, sorted so DuckDB can skip row groups."""
    ordered = frame.sort_values(list(SORT_ORDER), kind="stable")
    return pa.Table.from_pandas(ordered, schema=ARROW_SCHEMA, preserve_index=False)


def write_parquet_atomic(table: pa.Table, target: Path,
                         described: Provenance | None = None) -> None:
    """Write to a temporary file in the target's folder, with the summary and provenance in
    its footer (a file without a stated provenance is named after itself), fsync it, then
    rename over the target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    records = target.with_name(f".{target.name}.{os.getpid()}.records.tmp")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, records, row_group_size=ROW_GROUP_SIZE, compression=COMPRESSION)
        file_summary.write_with_summary(records, temporary,
                                        described or provenance.unnamed(target))
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        records.unlink(missing_ok=True)
        temporary.unlink(missing_ok=True)


def read_records(path: Path) -> pd.DataFrame:
    return pq.read_table(path).to_pandas()


def versions_folder(target: Path) -> Path:
    return target.parent / "versions"


def archived_path(target: Path, version: str) -> Path:
    return versions_folder(target) / f"{target.stem}-{version}{target.suffix}"


def publish(new_file: Path, target: Path) -> str:
    """Make new_file the dataset at target, keeping every version.

    The new file moves to versions/<name>-<version>.parquet; the current target is kept there
    too; then a copy of the new version is renamed over the target. Each step leaves either
    the old dataset or the new one in place, so an interruption changes nothing."""
    version = file_version(new_file)
    archived = archived_path(target, version)
    archived.parent.mkdir(parents=True, exist_ok=True)
    os.replace(new_file, archived)
    if target.exists():
        _keep(target, archived_path(target, file_version(target)))
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        _link_or_copy(archived, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return version


def _keep(current: Path, archive: Path) -> None:
    if not archive.exists():
        temporary = archive.with_name(f".{archive.name}.{os.getpid()}.tmp")
        _link_or_copy(current, temporary)
        os.replace(temporary, archive)


def _link_or_copy(source: Path, destination: Path) -> None:
    """A hard link costs nothing and keeps the bytes; a copy where links are not possible."""
    destination.unlink(missing_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copyfile(source, destination)
        with destination.open("rb") as handle:
            os.fsync(handle.fileno())
