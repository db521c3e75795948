"""Locations as exports write them, read into city, state, country and work arrangement, then
matched to the metros of data/calibration/metro_factors.csv.

Forms read: "Seattle, WA", "Seattle WA", "New York, NY, USA", "Seattle, Washington, United
States", "Toronto, ON", "London, UK", "Berlin, Germany", a city alone, names people use for
a place ("NYC", "SF Bay Area": data/import_aliases/places.csv), and a work arrangement in front
("Remote (Austin, TX)", "Remote - US", "Remote") or behind ("Austin, TX (Remote)").

A two-letter region after a city is a US state or Canadian province first: "Dover, DE" is
Delaware (write "Berlin, Germany" for Germany)."""

import re
from dataclasses import dataclass

import pandas as pd

from paybench.datasets import aliases, calibration

_ARRANGEMENT_FIRST = re.compile(r"^(?P<word>remote|hybrid|on-?site|in[- ]office)\b\s*"
                                r"(?:\((?P<inside>.*)\)|[-–—:,/]?\s*(?P<rest>.*))$", re.I)
_ARRANGEMENT_LAST = re.compile(r"^(?P<rest>.*?)\s*[(\[](?P<word>remote|hybrid|on-?site)[)\]]$", re.I)
_STATE_CODE_AT_END = re.compile(r"^(?P<city>.+?)\s+(?P<code>[A-Z]{2})$")
_ARRANGEMENTS = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "Onsite", "on-site": "Onsite",
                 "in office": "Onsite", "in-office": "Onsite"}


@dataclass(frozen=True)
class Location:
    city: str | None = None
    state: str | None = None
    country: str | None = None
    metro: str | None = None
    arrangement: str | None = None


@dataclass(frozen=True)
class _Tables:
    places: dict
    regions: dict
    countries: dict


def read_location(text: str, tables: _Tables) -> Location:
    text = " ".join(str(text).split())
    arrangement = None
    first = _ARRANGEMENT_FIRST.match(text)
    last = _ARRANGEMENT_LAST.match(text)
    if first:
        arrangement = _ARRANGEMENTS[first["word"].lower()]
        text = (first["inside"] or first["rest"] or "").strip()
    elif last:
        arrangement = _ARRANGEMENTS[last["word"].lower()]
        text = last["rest"].strip()
    place = _read_place(text, tables)
    return Location(place.city, place.state, place.country, place.metro, arrangement)


def _read_place(text: str, tables: _Tables) -> Location:
    tokens = [token.strip() for token in text.split(",") if token.strip()]
    if not tokens:
        return Location()
    country = None
    last_key = aliases.title_key(tokens[-1])
    if last_key in tables.countries and (len(tokens) > 1 or last_key not in tables.places):
        country = tables.countries[last_key]
        tokens = tokens[:-1]
        if not tokens:
            return Location(country=country)
    if len(tokens) == 1:
        alone = tokens[0]
        key = aliases.title_key(alone)
        if key in tables.places:
            return _with_country(_alias(tables.places[key]), country)
        at_end = _STATE_CODE_AT_END.match(alone)
        if at_end and at_end["code"].lower() in tables.regions:
            tokens = [at_end["city"], at_end["code"]]
    city_key = aliases.title_key(tokens[0])
    base = _alias(tables.places[city_key]) if city_key in tables.places else Location(tokens[0])
    state, state_country = base.state, None
    if len(tokens) > 1:
        region = tables.regions.get(aliases.title_key(tokens[1]))
        if region and (country is None or region[1] == country):
            state, state_country = region
    return Location(base.city, state, country or state_country or base.country, base.metro)


def _alias(place: aliases.Place) -> Location:
    return Location(place.city, place.state, place.country, place.metro)


def _with_country(location: Location, country: str | None) -> Location:
    if country is None or location.country in (None, country):
        return Location(location.city, location.state, country or location.country,
                        location.metro)
    return Location(country=country)


def read_locations(values: pd.Series) -> pd.DataFrame:
    """city, state, country, metro (from a place alias only) and arrangement for each value;
    each distinct value is read once."""
    text = values.astype("string").str.strip()
    tables = _Tables(aliases.places(), aliases.regions(), aliases.countries())
    read = {value: read_location(value, tables) for value in text.dropna().unique() if value}
    columns = {}
    for name in ("city", "state", "country", "metro", "arrangement"):
        columns[name] = text.map({k: getattr(v, name) for k, v in read.items()}).astype("string")
    return pd.DataFrame(columns, index=values.index)


def states(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(state or province code from a code or a name, its country) for a state column; text
    that is neither is kept as written with no country."""
    regions = aliases.regions()
    text = values.astype("string").str.strip().mask(lambda v: v == "")
    distinct = text.dropna().unique()
    found = {value: regions.get(aliases.title_key(value), (value, None)) for value in distinct}
    code = text.map({k: v[0] for k, v in found.items()}).astype("string")
    country = text.map({k: v[1] for k, v in found.items()}).astype("string")
    return code, country


def match_metros(city: pd.Series, state: pd.Series, country: pd.Series) -> pd.DataFrame:
    """metro, state and country for cities in the metro table (by city, and by state when it
    is known; only for the US or an unknown country). A city alone gets the table's state and
    country ("Chicago" -> IL, US); other cities keep what they had."""
    metros = calibration.metros()[["city", "state", "metro"]].drop_duplicates("city")
    table = metros.set_index("city")
    known = city.isin(table.index) & (country.isna() | (country == "US"))
    table_state = city.map(table["state"]).astype("string")
    agrees = known & (state.isna() | (state == table_state))
    return pd.DataFrame({
        "metro": city.map(table["metro"]).astype("string").where(agrees),
        "state": state.fillna(table_state.where(agrees)),
        "country": country.fillna(pd.Series("US", index=city.index, dtype="string").where(agrees)),
    }, index=city.index)
