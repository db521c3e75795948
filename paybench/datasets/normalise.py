"""Turning what people type into the schema's values: levels, work arrangements, amounts,
company sizes and currencies. Vectorised over pandas Series of text; no Streamlit here."""

import re
from functools import cache

import numpy as np
import pandas as pd

from paybench.paths import CALIBRATION_DIR

# Exact codes and words first, then words found inside a job title ("Sr. Data Scientist").
LEVEL_CODES = {
    "en": "Entry", "entry": "Entry", "entry-level": "Entry", "junior": "Entry", "jr": "Entry",
    "associate": "Entry", "graduate": "Entry",
    "mi": "Mid", "mid": "Mid", "mid-level": "Mid", "intermediate": "Mid",
    "se": "Senior", "senior": "Senior", "sr": "Senior",
    "ex": "Staff", "staff": "Staff", "lead": "Staff", "expert": "Staff",
    "principal": "Principal", "distinguished": "Principal", "fellow": "Principal",
}
_TITLE_LEVEL_WORDS = [  # most senior first: "Senior Staff Engineer" is Staff
    (re.compile(r"\b(?:principal|distinguished|fellow)\b", re.I), "Principal"),
    (re.compile(r"\b(?:staff|lead)\b", re.I), "Staff"),
    (re.compile(r"\b(?:senior|sr)\b", re.I), "Senior"),
    (re.compile(r"\b(?:junior|jr|entry|graduate|associate)\b", re.I), "Entry"),
    (re.compile(r"\b(?:mid|intermediate)\b", re.I), "Mid"),
]
_LEADING_LEVEL_WORD = re.compile(
    r"^\s*(?:principal|distinguished|staff|lead|senior|sr|junior|jr|entry[- ]level|graduate|"
    r"associate|mid[- ]level|intermediate)\b\.?\s*", re.I)
ARRANGEMENT_WORDS = {
    "0": "Onsite", "onsite": "Onsite", "on-site": "Onsite", "on site": "Onsite",
    "office": "Onsite", "in office": "Onsite", "in-office": "Onsite", "in person": "Onsite",
    "in-person": "Onsite",
    "50": "Hybrid", "hybrid": "Hybrid",
    "100": "Remote", "remote": "Remote", "fully remote": "Remote", "wfh": "Remote",
}
COMPANY_SIZE_WORDS = {
    "s": "Small", "small": "Small", "m": "Medium", "medium": "Medium", "l": "Large",
    "large": "Large",
}
_AMOUNT = re.compile(
    r"^(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?\s*(?P<suffix>[km])?$", re.I)
# Only dollar signs and "USD" are stripped: "€85,000" is not a dollar amount and is rejected.
_CURRENCY_NOISE = re.compile(r"^\s*(?:usd|us\$|\$)\s*|\s*(?:usd|dollars?)\s*$", re.I)


def _key(values: pd.Series) -> pd.Series:
    return values.astype("string").str.strip().str.lower().str.rstrip(".")


def levels(values: pd.Series) -> pd.Series:
    """Canonical levels, or <NA> where the text names none."""
    return _key(values).map(LEVEL_CODES).astype("string")


def levels_from_titles(titles: pd.Series) -> pd.Series:
    """The level a job title implies ("Sr. ML Engineer" -> Senior), or <NA>."""
    found = pd.Series(pd.NA, index=titles.index, dtype="string")
    text = titles.astype("string").fillna("")
    for pattern, level in reversed(_TITLE_LEVEL_WORDS):  # most senior last, so it wins
        found = found.mask(text.str.contains(pattern), level)
    return found


def titles_without_level(titles: pd.Series) -> pd.Series:
    """The title without a leading level word: "Sr. Data Scientist" -> "Data Scientist"."""
    stripped = titles.astype("string").str.replace(_LEADING_LEVEL_WORD, "", regex=True).str.strip()
    return stripped.mask(stripped == "", titles)


def arrangements(values: pd.Series) -> pd.Series:
    key = _key(values).str.replace(r"\.0+$", "", regex=True)
    return key.map(ARRANGEMENT_WORDS).astype("string")


def company_sizes(values: pd.Series) -> pd.Series:
    """Small / Medium / Large from S/M/L or words; other text is kept as written."""
    text = values.astype("string").str.strip()
    return _key(values).map(COMPANY_SIZE_WORDS).astype("string").fillna(text)


def amounts(values: pd.Series) -> pd.Series:
    """Dollar amounts from text such as "$185,000", "185k", "185,000.00", "1.2M"; NaN where
    the text is not an amount. Negative amounts parse as negative (validation rejects them)."""
    text = values.astype("string").str.strip()
    negative = text.str.startswith("-").fillna(False)
    text = text.str.lstrip("-").str.replace(_CURRENCY_NOISE, "", regex=True).str.strip()
    parts = text.str.extract(_AMOUNT)
    number = pd.to_numeric(parts["number"].str.replace(",", "", regex=False), errors="coerce")
    decimals = pd.to_numeric("0" + parts["decimals"].fillna(""), errors="coerce").fillna(0.0)
    scale = parts["suffix"].str.lower().map({"k": 1e3, "m": 1e6}).astype(float).fillna(1.0)
    result = (number + decimals) * scale
    return result.where(~negative, -result).astype(float)


@cache
def fx_table() -> pd.DataFrame:
    return pd.read_csv(CALIBRATION_DIR / "fx_rates.csv")


def usd_rates(currencies: pd.Series, years: pd.Series) -> pd.Series:
    """US dollars per unit for each (currency, year); the nearest year in the table when the
    year is missing from it; NaN for a currency the table does not have."""
    table = fx_table()
    codes = currencies.astype("string").str.strip().str.upper()
    rates = pd.Series(np.nan, index=currencies.index)
    for code, rows in table.groupby("currency"):
        match = codes == code
        if match.any():
            known_years = rows["year"].to_numpy()
            nearest = np.abs(years[match].to_numpy()[:, None] - known_years[None, :]).argmin(1)
            rates[match] = rows["usd_per_unit"].to_numpy()[nearest]
    return rates
