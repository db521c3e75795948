"""What every download states about its numbers: the dataset (name, title, kind, version), how
its amounts are aged, and the day it was made; for a record listing as columns on every row,
for a summary as rows of its own."""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from paybench.datasets.dataset import Dataset
from paybench.datasets.provenance import KIND_SAMPLE, KIND_UNKNOWN
from paybench.domain.aging import Aging
from paybench.present.aging_text import amounts_note

KIND_WORDS = {KIND_SAMPLE: "calibrated sample, not real people's pay",
              KIND_UNKNOWN: "unknown origin (the file carries no provenance)"}


@dataclass(frozen=True)
class ExportStamp:
    dataset: str  # the name a link carries
    title: str
    kind: str  # in words, e.g. "calibrated sample, not real people's pay"
    source: str
    version: str
    amounts: str  # "Amounts as reported." or "Amounts aged to 1 January 2026."
    made_on: date
    link: str = ""

    def rows(self) -> list[tuple[str, str]]:
        found = [("Dataset", f"{self.title} ({self.dataset})"), ("Kind of records", self.kind),
                 ("Source", self.source or "–"), ("Dataset version", self.version),
                 ("Amounts", self.amounts), ("Made on", self.made_on.isoformat())]
        return found + ([("Link", self.link)] if self.link else [])


def stamp(dataset: Dataset, aging: Aging, made_on: date, link: str = "") -> ExportStamp:
    described = dataset.provenance
    kind = described.kind if described else KIND_UNKNOWN
    return ExportStamp(
        dataset=dataset.name, title=described.title if described else dataset.path.name,
        kind=KIND_WORDS.get(kind, kind), source=described.source if described else "",
        version=dataset.version, amounts=amounts_note(aging), made_on=made_on, link=link)


STAMP_COLUMNS = {"dataset": "dataset", "dataset_kind": "kind", "dataset_version": "version",
                 "amounts": "amounts", "exported_on": "made_on"}


def records_csv(records: pd.DataFrame, export: ExportStamp) -> bytes:
    """The records as CSV, each row carrying where it comes from and how it is aged (columns,
    so every tool reads the file as it is)."""
    stamped = records.assign(**{column: str(getattr(export, field))
                                for column, field in STAMP_COLUMNS.items()})
    return stamped.to_csv(index=False).encode("utf-8")
