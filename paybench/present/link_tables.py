"""Small editable tables carried in a link as compact text, and their validation.

A table is written as rows "first:second" joined by commas, e.g. a team "Seattle:3,Austin:2" or
pay tiers "100:1.1,90:0.95,80". A blank cell stays blank ("Austin:"), so a row the user is still
filling in survives the round trip through the link. Reading is lenient (any text gives rows to
show in the editor); validation is strict and says in plain words what it ignored. No Streamlit.
"""

import math
from collections.abc import Collection, Mapping
from itertools import pairwise

import pandas as pd

from paybench.domain.policies import DEFAULT_TIERS, Tier
from paybench.present.formatting import shown

MAX_TEXT_LENGTH = 2_000
MAX_ROWS = 50
MAX_HEAD_COUNT = 1_000
MAX_TIERS = 6
MAX_FACTOR = 10.0
MAX_TIER_PERCENT = 200.0

DEFAULT_TEAM = {"San Francisco": 3, "Seattle": 2, "New York": 2, "Austin": 2, "Denver": 1,
                "Indianapolis": 1}
# Characters that separate cells and rows are written as %-escapes inside a name.
_ESCAPES = {"%": "%25", ",": "%2C", ":": "%3A"}


# ---- text <-> rows ---------------------------------------------------------------------------

def rows_from_text(text: str, columns: tuple[str, str]) -> pd.DataFrame:
    """Lenient: every comma-separated entry becomes a row of two strings ('' when blank)."""
    rows = []
    for entry in text[:MAX_TEXT_LENGTH].split(",")[:MAX_ROWS]:
        first, _, second = entry.rpartition(":") if ":" in entry else (entry, "", "")
        if first.strip() or second.strip():
            rows.append((_unescape(first.strip()), second.strip()))
    return pd.DataFrame(rows, columns=list(columns), dtype=object)


def text_from_rows(rows: pd.DataFrame) -> str:
    """The first two columns of each row as "first:second"; wholly blank rows are dropped."""
    entries = []
    for first, second in rows.iloc[:, :2].itertuples(index=False):
        first, second = _cell_text(first), _cell_text(second)
        if first or second:
            entries.append(f"{_escape(first)}:{second}")
    return ",".join(entries)


def text_from_mapping(values: Mapping[str, float]) -> str:
    return text_from_rows(pd.DataFrame(list(values.items())))


def _cell_text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value).strip()


def _escape(name: str) -> str:
    return "".join(_ESCAPES.get(character, character) for character in name)


def _unescape(name: str) -> str:
    for character, escape in reversed(_ESCAPES.items()):
        name = name.replace(escape, character)
    return name


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _whole_number(text: str, low: int, high: int) -> int | None:
    value = _number(text)
    if value is None or not value.is_integer() or not low <= value <= high:
        return None
    return int(value)


def _too_long(text: str) -> bool:
    return len(text) > MAX_TEXT_LENGTH or text.count(",") >= MAX_ROWS


# ---- a planned team: city -> head count ------------------------------------------------------

TEAM_COLUMNS = ("city", "head_count")
DEFAULT_TEAM_TEXT = text_from_mapping(DEFAULT_TEAM)


def team_rows(text: str) -> pd.DataFrame:
    rows = rows_from_text(text, TEAM_COLUMNS)
    rows["head_count"] = pd.to_numeric(rows["head_count"], errors="coerce")
    return rows


def team(text: str, cities: Collection[str]) -> tuple[dict[str, int], list[str]]:
    """The team a link describes, and a note for every entry it ignored."""
    notes = ["The team in the link is too long; only its beginning is used."] if _too_long(text) else []
    planned: dict[str, int] = {}
    for city, head_count in rows_from_text(text, TEAM_COLUMNS).itertuples(index=False):
        count = _whole_number(head_count, 1, MAX_HEAD_COUNT)
        if not city:
            notes.append("A row of the team has no city yet.")
        elif city not in cities:
            notes.append(f"Ignored “{shown(city)}” in the team: no such city in this dataset.")
        elif count is None:
            notes.append(f"Ignored {shown(city)} in the team: the head count must be a whole "
                         f"number from 1 to {MAX_HEAD_COUNT:,}.")
        else:
            planned[city] = planned.get(city, 0) + count
    return planned, notes


# ---- pay tiers: percent of the top tier, lowest market pay factor ----------------------------

TIER_COLUMNS = ("percent", "min_factor")
DEFAULT_TIERS_TEXT = text_from_rows(pd.DataFrame(
    [(tier.percent, tier.min_factor) for tier in DEFAULT_TIERS], dtype=object))
_DEFAULT_PERCENTS = ", ".join(f"{tier.percent:g}%" for tier in DEFAULT_TIERS)


def tier_rows(text: str) -> pd.DataFrame:
    rows = rows_from_text(text, TIER_COLUMNS)
    return rows.apply(pd.to_numeric, errors="coerce").astype(float)


def tiers(text: str) -> tuple[tuple[Tier, ...], list[str]]:
    """The tiers a link describes, or the default tiers and what is wrong with the link's."""
    rows = rows_from_text(text, TIER_COLUMNS)
    problems = _tier_problems(rows)
    if problems:
        return DEFAULT_TIERS, [f"Using the default tiers ({_DEFAULT_PERCENTS}): {problems[0]}"]
    last = len(rows) - 1
    return tuple(Tier(float(percent), None if number == last else float(min_factor))
                 for number, (percent, min_factor) in enumerate(rows.itertuples(index=False))), []


def _tier_problems(rows: pd.DataFrame) -> list[str]:
    if not 1 <= len(rows) <= MAX_TIERS:
        return [f"give 1 to {MAX_TIERS} tiers."]
    problems = []
    percents = [_number(value) for value in rows["percent"]]
    factors = [_number(value) for value in rows["min_factor"]][:-1]  # the last takes the rest
    for number, percent in enumerate(percents, start=1):
        if percent is None or not 0 < percent <= MAX_TIER_PERCENT:
            problems.append(f"tier {number} needs a percentage above 0 and at most "
                            f"{MAX_TIER_PERCENT:g}.")
    for number, factor in enumerate(factors, start=1):
        if factor is None or not 0 < factor <= MAX_FACTOR:
            problems.append(f"tier {number} needs a lowest market pay factor above 0 and at most "
                            f"{MAX_FACTOR:g} (every tier but the last).")
    if not problems and any(low >= high for high, low in pairwise(factors)):
        problems.append("each tier's lowest market pay factor must be below the tier above's.")
    return problems


# ---- tier assignments the user changed: city -> tier number ----------------------------------

def tier_overrides(text: str, cities: Collection[str], tier_count: int,
                   ) -> tuple[dict[str, int], list[str]]:
    overrides: dict[str, int] = {}
    notes = []
    for city, tier in rows_from_text(text, ("city", "tier")).itertuples(index=False):
        number = _whole_number(tier, 1, tier_count)
        if city not in cities:
            notes.append(f"Ignored the tier of “{shown(city)}”: no such city in this dataset.")
        elif number is None:
            notes.append(f"Ignored the tier of {shown(city)}: give a tier from 1 to {tier_count}.")
        else:
            overrides[city] = number
    return overrides, notes


# ---- a data editor's changes -------------------------------------------------------------

def apply_edits(rows: pd.DataFrame, edits: dict) -> pd.DataFrame:
    """A data editor's changes (its edited_rows, deleted_rows and added_rows, keyed by row
    position) applied to the rows it was given."""
    edited = rows.reset_index(drop=True)
    for position, changes in edits.get("edited_rows", {}).items():
        for column, value in changes.items():
            edited.loc[int(position), column] = value
    edited = edited.drop(index=[int(position) for position in edits.get("deleted_rows", [])])
    added = [row for row in edits.get("added_rows", []) if row]
    if added:
        edited = pd.concat([edited, pd.DataFrame(added, columns=edited.columns)])
    return edited.reset_index(drop=True)


def tier_overrides_text(edited: pd.DataFrame, kept: Mapping[str, int] | None = None) -> str:
    """The tiers a user set in the policy table, where they differ from the tier by factor,
    after the overrides `kept` of cities the table does not show (they stay in the link)."""
    changed = edited[edited["tier"].notna() & (edited["tier"] != edited["automatic_tier"])]
    return text_from_mapping({**(kept or {}),
                              **dict(zip(changed["city"], changed["tier"], strict=True))})


def not_in(overrides: Mapping[str, int], cities: Collection[str]) -> dict[str, int]:
    """The overrides of cities other than `cities`."""
    left_out = set(cities)
    return {city: tier for city, tier in overrides.items() if city not in left_out}
