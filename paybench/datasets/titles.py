"""Role and level from job titles as people write them: "Sr. Machine Learning Engineer",
"ML Engineer II", "Senior MLE", "Staff ML Eng", "Machine Learning Engineer, Senior",
"Lead Data Scientist", "Senior Machine Learning Engineer (m/w/d)".

Level words count at the start of the title or of a part after a comma, dash or parenthesis
(the most senior one wins: "Senior Staff" is Staff); a Roman numeral at the end ("Engineer
II"). Elsewhere they belong to the role: "Data Lead", "Member of Technical Staff". What is
left once level words are removed is looked up in the role table
(data/import_aliases/roles.csv); a title the table does not know is kept as written, without
its level words, and counted as unknown."""

import re
from dataclasses import dataclass

import pandas as pd

from paybench.datasets import aliases
from paybench.domain.vocabulary import LEVELS

_GENDER_NOTE = re.compile(r"\(\s*[mwfdx*]\s*/\s*[mwfdx*]\s*(?:/\s*[mwfdx*]\s*)?\)", re.I)
_ROMAN = re.compile(r"[ivx]+")
_PARTS = re.compile(r"(,|\s[-–—]\s|\(|\))")


@dataclass(frozen=True)
class Title:
    role: str | None
    level: str | None
    known: bool  # the role is one of the role table's


def read_title(title: str, level_words: dict[str, str], roles: dict[str, str]) -> Title:
    text = " ".join(_GENDER_NOTE.sub(" ", str(title)).split())
    if not text:
        return Title(None, None, False)
    found: list[str] = []
    pieces = _PARTS.split(text)  # part, separator, part, separator, ...
    kept: list[str] = []
    for position in range(0, len(pieces), 2):
        levels, words = _read_part(pieces[position].split(), level_words)
        found += levels
        if words:
            separator = pieces[position - 1] if kept and position else ""
            closing = ")" if separator == "(" else ""
            kept.append({",": ", ", "(": " ("}.get(separator, separator) + " ".join(words)
                        + closing)
    remaining = "".join(kept).strip() or text
    level = max(found, key=LEVELS.index) if found else None
    role = roles.get(aliases.title_key(remaining))
    return Title(role or remaining, level, role is not None)


def _read_part(words: list[str], level_words: dict[str, str]) -> tuple[list[str], list[str]]:
    """(levels, the other words) of one part of a title. Level words count at the start of
    the part ("Senior Staff Engineer", "Machine Learning Engineer, Senior"); a Roman numeral at
    its end ("Engineer II"). Elsewhere they are part of the role: "Data Lead", "Member of
    Technical Staff"."""
    keys = [aliases.value_key(word).strip("()[]:;") for word in words]
    levels = []
    start = 0
    while start < len(words) and keys[start] in level_words and not _ROMAN.fullmatch(keys[start]):
        levels.append(level_words[keys[start]])
        start += 1
        if start < len(words) and keys[start] == "level" and levels:  # "Entry Level ..."
            start += 1
    end = len(words)
    if end > start and _ROMAN.fullmatch(keys[end - 1]) and keys[end - 1] in level_words:
        levels.append(level_words[keys[end - 1]])
        end -= 1
    return levels, words[start:end]


def read_titles(titles: pd.Series) -> pd.DataFrame:
    """role, level (from the title, or <NA>) and known (bool) for each title; each distinct
    title is read once."""
    text = titles.astype("string")
    level_words, roles = aliases.level_words("title"), aliases.role_aliases()
    read = {value: read_title(value, level_words, roles) for value in text.dropna().unique()}
    return pd.DataFrame({
        "role": text.map({k: v.role for k, v in read.items()}).astype("string"),
        "level": text.map({k: v.level for k, v in read.items()}).astype("string"),
        "known": text.map({k: v.known for k, v in read.items()}).fillna(False).astype(bool),
    }, index=titles.index)
