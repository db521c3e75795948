"""The importer's alias tables: how people name columns and write titles, levels, work
arrangements, pay periods, places and currencies. They are plain CSV files under
data/import_aliases/ (README.md there describes each), so a user extends them by adding a
line; a file is read again when it changes."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from paybench.paths import import_aliases_dir

_NOT_WORD = re.compile(r"[^\w]+|_+")
_SPACES = re.compile(r"\s+")


def column_key(name: str) -> str:
    """A column name as the tables write it: lowercase words separated by single spaces, with
    "#" read as "number" and "%" as "percent" ("Employee #" -> "employee number",
    "Remote (Y/N)" -> "remote y n")."""
    text = str(name).lower().replace("#", " number ").replace("%", " percent ")
    return _NOT_WORD.sub(" ", text).strip()


def value_key(text: str) -> str:
    """A cell value as the tables write it: lowercase, single spaces, no dots ("Sr." -> "sr",
    "p.a." -> "pa", "On-site" -> "on-site")."""
    return _SPACES.sub(" ", str(text).lower().replace(".", "")).strip()


def _path(name: str) -> Path:
    return import_aliases_dir() / name


def _read(name: str) -> pd.DataFrame:
    path = _path(name)
    return _read_file(path, path.stat().st_mtime_ns)


@cache
def _read_file(path: Path, modified: int) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False).map(str.strip)


def column_aliases() -> list[tuple[str, str]]:
    """(column key, field) in the table's order, which is the order of preference when two
    columns of a file could fill the same field."""
    table = _read("columns.csv")
    return [(column_key(column), field) for column, field in zip(table["column"], table["field"],
                                                                 strict=True)]


def role_aliases() -> dict[str, str]:
    """Title key (level words removed) -> the catalog's role."""
    table = _read("roles.csv")
    return {_title_key(title): role for title, role in zip(table["title"], table["role"],
                                                           strict=True)}


def _title_key(title: str) -> str:
    return _NOT_WORD.sub(" ", value_key(title)).strip()


def title_key(title: str) -> str:
    """A title as roles.csv writes it: lowercase words, punctuation dropped."""
    return _title_key(title)


def known_roles() -> set[str]:
    return set(_read("roles.csv")["role"])


def level_words(read_from: str) -> dict[str, str]:
    """word -> level, for a level column ("column") or for words in a title ("title")."""
    table = _read("levels.csv")
    rows = table[table["read_from"].isin([read_from, "both"])]
    return {value_key(word): level for word, level in zip(rows["word"], rows["level"], strict=True)}


def arrangements() -> dict[str, str | None]:
    """value -> Onsite / Hybrid / Remote, or None for a value that says nothing (unspecified)."""
    table = _read("arrangements.csv")
    return {value_key(value): (arrangement or None)
            for value, arrangement in zip(table["value"], table["arrangement"], strict=True)}


def pay_periods() -> dict[str, str]:
    table = _read("pay_periods.csv")
    return {value_key(value): period for value, period in zip(table["value"], table["period"],
                                                               strict=True)}


@dataclass(frozen=True)
class Place:
    city: str | None
    state: str | None
    metro: str | None
    country: str | None


def places() -> dict[str, Place]:
    """Names people write for a place (NYC, SF Bay Area) -> what they mean."""
    table = _read("places.csv")
    return {_title_key(row.written): Place(row.city or None, row.state or None, row.metro or None,
                                           row.country or None)
            for row in table.itertuples(index=False)}


def regions() -> dict[str, tuple[str, str]]:
    """US state or Canadian province, by code or name (lowercase) -> (code, country)."""
    table = _read("regions.csv")
    found = {}
    for row in table.itertuples(index=False):
        found[row.code.lower()] = (row.code, row.country)
        found[_title_key(row.name)] = (row.code, row.country)
    return found


def countries() -> dict[str, str]:
    """Country name or code (lowercase) -> ISO 3166-1 alpha-2 code."""
    table = _read("countries.csv")
    return {_title_key(name): code for name, code in zip(table["name"], table["code"], strict=True)}


def currency_symbols() -> dict[str, tuple[str, frozenset[str]]]:
    """symbol -> (the currency it means alone, every currency it is written for)."""
    table = _read("currency_symbols.csv")
    return {row.symbol: (row.currency, frozenset(row.also_written_for.split()))
            for row in table.itertuples(index=False)}


def pay_words() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(pay words, not-pay words), each as (word, "word" or "prefix")."""
    table = _read("pay_words.csv")
    pay = [(value_key(w), m) for w, m, k in table.itertuples(index=False) if k == "pay"]
    not_pay = [(value_key(w), m) for w, m, k in table.itertuples(index=False) if k == "not pay"]
    return pay, not_pay
