"""The datasets the app offers: every dataset file in the data folder (data/*.parquet), each
named by the provenance in its footer, and the default dataset first. A link names a dataset
from this list, never a file path."""

import os
from dataclasses import dataclass
from pathlib import Path

from paybench.datasets.dataset import Dataset, open_dataset, open_version
from paybench.paths import DATA_DIR, default_dataset_path


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
