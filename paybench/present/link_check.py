"""Checks the values a link carries against the catalog and the data, and says what it drops.

Streamlit's bound widgets already ignore values they cannot take; this module tells the user
which ones were ignored and why, so a hand-edited or stale link never fails silently.
"""

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from paybench.datasets.dataset import VERSION_LENGTH
from paybench.present.formatting import shown
from paybench.query import catalog

SINGLE_VALUE_KEYS = ("role",)
YEAR_KEY = "year"


@dataclass(frozen=True)
class LinkCheck:
    notes: list[str]
    unknown_keys: list[str]


def check_link(
    raw: Mapping[str, Sequence[str]],
    options: Mapping[str, Collection[str]],
    year_bounds: tuple[int, int] | None,
    page_keys: Collection[str] = (),
) -> LinkCheck:
    """raw: every URL key with all its values. options: the values each dimension may take."""
    notes: list[str] = []
    unknown: list[str] = []
    for key, values in raw.items():
        if key in SINGLE_VALUE_KEYS or key in catalog.MULTI_VALUE_FILTERS:
            notes += _check_values(key, values, options.get(key, ()))
        elif key == YEAR_KEY:
            notes += _check_years(values, year_bounds)
        elif key not in page_keys:
            unknown.append(key)
            notes.append(f"Ignored the link parameter “{shown(key)}”: this page does not use it.")
    return LinkCheck(notes, unknown)


def _check_values(key: str, values: Sequence[str], allowed: Collection[str]) -> list[str]:
    label = catalog.label(key).lower()
    notes = [f"Ignored {label} “{shown(value)}” from the link: not in this dataset."
             for value in values if value not in allowed]
    if key in SINGLE_VALUE_KEYS and len(values) > 1:
        notes.append(f"The link gives {len(values)} values for {label}; only one is used.")
    return notes


def _check_years(values: Sequence[str], bounds: tuple[int, int] | None) -> list[str]:
    years = [int(value) for value in values if value.strip().isdigit() and len(value) <= 4]
    usable = (bounds is not None and len(years) == len(values) == 2
              and bounds[0] <= years[0] <= years[1] <= bounds[1])
    if usable:
        return []
    span = f"{bounds[0]}–{bounds[1]}" if bounds else "none in this dataset"
    given = ", ".join(shown(value) for value in values[:2])
    return [f"Ignored years “{given}” from the link: give two years in order within {span}."]


# ---- a page's own inputs ---------------------------------------------------------------------

@dataclass(frozen=True)
class InputSpec:
    """What a page input accepts from a link: one of `choices`, or a number within `bounds`."""

    label: str
    choices: tuple[str, ...] | None = None
    from_data: bool = False  # the choices are the dataset's values
    bounds: tuple[float, float] | None = None
    clearable: bool = False  # an empty value is allowed (it means "not set")


def check_page_inputs(raw: Mapping[str, Sequence[str]], specs: Mapping[str, InputSpec],
                      ) -> list[str]:
    """Notes on the link values a page's inputs cannot take (the widgets drop them for their
    defaults). As Streamlit does, the last of several values is the one used."""
    notes: list[str] = []
    for key, values in raw.items():
        spec = specs.get(key)
        if spec is None or not values:
            continue
        if len(values) > 1:
            notes.append(f"The link gives {len(values)} values for {spec.label.lower()}; "
                         "only the last is used.")
        problem = _input_problem(values[-1], spec)
        if problem:
            notes.append(f"Ignored {spec.label.lower()} “{shown(values[-1])}” from the link: "
                         f"{problem}.")
    return notes


def _input_problem(value: str, spec: InputSpec) -> str | None:
    if value == "" and spec.clearable:
        return None
    if spec.choices is not None:
        if value in spec.choices:
            return None
        return "not in this dataset" if spec.from_data else "choose one of " + ", ".join(
            spec.choices)
    low, high = spec.bounds or (float("-inf"), float("inf"))
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if low <= number <= high:
        return None
    return f"give a number from {low:,.0f} to {high:,.0f}"


DATASET_VERSION = re.compile(f"[0-9a-f]{{{VERSION_LENGTH}}}")


def is_dataset_version(text: str) -> bool:
    """Whether the text could be a version this app writes (a short content hash)."""
    return DATASET_VERSION.fullmatch(text) is not None


def check_dataset_version(link_version: str | None, current: str) -> str | None:
    """A note when a link was made on other data than the app has now (or its version is
    not one the app writes); None when they match or the link names none."""
    if link_version is None or link_version == current:
        return None
    if not is_dataset_version(link_version):
        return (f"Ignored the link's dataset version “{shown(link_version)}”: not a version "
                f"this app writes. The numbers use the current data (version {current}).")
    return (f"The data has changed since this link was made: the link was made on dataset "
            f"version {link_version}, the app now has version {current}. The numbers below "
            "are from the current data, so they may differ from what the sender saw.")


def pinned_version_note(link_version: str | None, current: str, kept: bool) -> str | None:
    """What a link's pinned dataset version means for the view: None when it names none or
    the current one; otherwise whether the numbers come from the pinned version (kept) or
    from the current one (the pinned version is gone, or the text is not a version)."""
    if link_version is None or link_version == current:
        return None
    if not is_dataset_version(link_version):
        return (f"Ignored the link's dataset version “{shown(link_version)}”: not a version "
                f"this app writes. The numbers use the current data (version {current}).")
    if kept:
        return (f"This link pins dataset version {link_version}, as the sender saw it; the "
                f"current version is {current}.")
    return (f"The link was made on dataset version {link_version}, which is no longer kept: "
            f"the numbers are from the current version, {current}, and may differ from what "
            "the sender saw.")


def check_choices(label: str, values: Sequence[str], allowed: Collection[str],
                  most: int | None = None) -> list[str]:
    """Notes for a page input's link values that are not among its choices, or too many."""
    notes = [f"Ignored {label} “{shown(value)}” from the link: not one of the choices."
             for value in values if value not in allowed]
    if most is not None and len(values) > most:
        notes.append(f"The link gives {len(values)} values for {label}; at most {most} are used.")
    return notes


def check_whole_number(label: str, values: Sequence[str], low: int, high: int) -> list[str]:
    """A note unless the link gives no value or one whole number from low to high."""
    if not values:
        return []
    if len(values) == 1 and values[0].strip().isdigit() and low <= int(values[0]) <= high:
        return []
    given = ", ".join(shown(value) for value in values[:2])
    return [f"Ignored {label} “{given}” from the link: give a whole number from {low} to {high}."]
