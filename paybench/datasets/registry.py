"""The datasets the app offers: every dataset file in the data folder (data/*.parquet), each
named by the provenance in its footer, and the default dataset first. A link names a dataset
from this list, never a file path."""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from paybench.datasets.dataset import (
    VERSION_LENGTH,
    Dataset,
    archived_path,
    open_dataset,
    open_version,
    publish,
    versions_folder,
)
from paybench.paths import DATA_DIR, default_dataset_path

HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class Listing:
    datasets: tuple[Dataset, ...]  # the default first, then by name

    @property
    def default(self) -> Dataset:
        return self.datasets[0]

    def names(self) -> list[str]:
        return [dataset.name for dataset in self.datasets]

    def find(self, name: str | None) -> Dataset | None:
        return next((dataset for dataset in self.datasets if dataset.name == name), None)


def data_folder() -> Path:
    """Where datasets live: $PAYBENCH_DATA_DIR if set, else data/."""
    return Path(os.environ.get("PAYBENCH_DATA_DIR", DATA_DIR))


def listing(folder: Path | None = None, default_path: Path | None = None) -> Listing:
    """Every dataset in the folder, and the default dataset (which may live elsewhere) first.
    Two files with the same name: the first by file name wins (the default always does)."""
    default = open_dataset(default_path or default_dataset_path())
    found = {default.name: default}
    for path in sorted((folder or data_folder()).glob("*.parquet")):
        if path.resolve() != default.path.resolve() and not path.name.startswith("."):
            dataset = open_dataset(path)
            found.setdefault(dataset.name, dataset)
    others = sorted((d for d in found.values() if d is not default), key=lambda d: d.name)
    return Listing((default, *others))


def pinned(dataset: Dataset, version: str) -> Dataset | None:
    """The dataset at the version a link pins: itself if that is its current version, its kept
    copy if an earlier version is kept, None if that version is no longer kept."""
    if version == dataset.version:
        return dataset
    return open_version(dataset.path, version)


def kept_versions(dataset: Dataset) -> list[str]:
    """The versions of a dataset kept in versions/ beside it, the most recently kept first."""
    stem, suffix = dataset.path.stem, dataset.path.suffix
    kept = sorted(versions_folder(dataset.path).glob(f"{stem}-*{suffix}"),
                  key=lambda path: path.stat().st_mtime, reverse=True)
    versions = [path.stem.removeprefix(f"{stem}-") for path in kept]
    return [v for v in versions if len(v) == VERSION_LENGTH and all(c in HEX for c in v)]


def make_current(dataset: Dataset, version: str) -> str:
    """Make a kept version the dataset's current one again, through the same atomic publish
    as an import (the version it replaces stays kept). Returns the version now current."""
    kept = archived_path(dataset.path, version)
    if version not in kept_versions(dataset):
        raise ValueError(f"version {version} of {dataset.name} is not kept")
    copy = dataset.path.with_name(f".{dataset.path.stem}.{os.getpid()}.restore.parquet")
    shutil.copyfile(kept, copy)
    return publish(copy, dataset.path)
