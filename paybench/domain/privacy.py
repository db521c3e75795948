"""Privacy rules for datasets of real people's pay (imports, uploads, the real public file):
the smallest cell a figure may come from, and rounding the amounts in a record listing. The
calibrated sample is the demo: it keeps the project's floor and its amounts as generated.

Settings come from the roles file's [privacy] table (parsed here, read by the app):

    [privacy]
    min_cell_size = 5                 # every real dataset; never below 5
    round_listed_amounts_to = 1000    # amounts in a real dataset's record listing; 0: exact
    [privacy.min_cell_size_by_dataset]
    hris = 10                         # a dataset's own minimum, by its name
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from paybench.domain.vocabulary import MIN_CELL_SIZE

AMOUNT_COLUMNS = ("base_salary", "bonus", "equity", "total_comp")
KEYS = {"min_cell_size", "round_listed_amounts_to", "min_cell_size_by_dataset"}


@dataclass(frozen=True)
class PrivacySettings:
    min_cell_size: int = MIN_CELL_SIZE
    min_cell_size_by_dataset: Mapping[str, int] = field(default_factory=dict)
    round_listed_amounts_to: int = 0


def parse_privacy(section: object) -> PrivacySettings:
    """The [privacy] table; ValueError naming what is wrong."""
    if not isinstance(section, Mapping):
        raise ValueError("[privacy] must be a table")
    unknown = sorted(set(section) - KEYS)
    if unknown:
        raise ValueError(f"[privacy] has unknown keys {unknown}; use {sorted(KEYS)}")
    by_dataset = section.get("min_cell_size_by_dataset", {})
    if not isinstance(by_dataset, Mapping):
        raise ValueError("[privacy.min_cell_size_by_dataset] must be a table of name = number")
    return PrivacySettings(
        min_cell_size=_floor("min_cell_size", section.get("min_cell_size", MIN_CELL_SIZE)),
        min_cell_size_by_dataset={str(name): _floor(f"min_cell_size_by_dataset.{name}", n)
                                  for name, n in by_dataset.items()},
        round_listed_amounts_to=_whole("round_listed_amounts_to",
                                       section.get("round_listed_amounts_to", 0)),
    )


def _whole(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} = {value!r}: use a whole number, 0 or more")
    return value


def _floor(name: str, value: object) -> int:
    number = _whole(name, value)
    if number < MIN_CELL_SIZE:
        raise ValueError(f"{name} = {number}: figures are never shown over fewer than "
                         f"{MIN_CELL_SIZE} records, so it cannot be lower")
    return number


def min_cell_size(settings: PrivacySettings, dataset_name: str, is_real: bool) -> int:
    """The fewest records a figure of this dataset may come from: the project's floor for the
    sample; for a real dataset its own setting, else the setting for every real dataset."""
    if not is_real:
        return MIN_CELL_SIZE
    return settings.min_cell_size_by_dataset.get(dataset_name, settings.min_cell_size)


def listing_rounding(settings: PrivacySettings, is_real: bool) -> int:
    """The step amounts in a record listing are rounded to (0: shown as recorded)."""
    return settings.round_listed_amounts_to if is_real else 0


def rounded_amounts(records: pd.DataFrame, step: int,
                    columns: Sequence[str] = AMOUNT_COLUMNS) -> pd.DataFrame:
    """A copy with each amount rounded to the nearest multiple of step, halves up (amounts are
    never negative). Each column is rounded by itself, so base + bonus + equity may differ
    from the rounded total by up to two steps."""
    if step <= 0:
        return records
    rounded = records.copy()
    for column in (c for c in columns if c in rounded.columns):
        values = rounded[column].to_numpy(dtype="float64", na_value=np.nan)
        rounded[column] = pd.Series(np.floor(values / step + 0.5) * step,
                                    index=rounded.index).astype(records[column].dtype)
    return rounded
