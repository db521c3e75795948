"""Turning what people type into the schema's values: levels, work arrangements, pay periods,
amounts (with the currency and period written in the cell), dates, company sizes, currencies
and the checks on free text. Vectorised over pandas Series of text; the words people use come
from the alias tables (paybench.datasets.aliases); no Streamlit here."""

import re
from functools import cache

import numpy as np
import pandas as pd

from paybench.datasets import aliases
from paybench.paths import CALIBRATION_DIR

# ---- free text -------------------------------------------------------------------------------

MARKUP = re.compile(r"<\s*/?[A-Za-z!?]")               # <script>, </b>, <img ...>, <!--
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")          # C0 and C1 controls, DEL


def has_markup(values: pd.Series) -> pd.Series:
    return values.astype("string").str.contains(MARKUP).fillna(False).astype(bool)


def has_control_characters(values: pd.Series) -> pd.Series:
    return values.astype("string").str.contains(CONTROL).fillna(False).astype(bool)


# ---- words looked up in the alias tables -----------------------------------------------------

def _lookup(values: pd.Series, table: dict) -> pd.Series:
    """Each value's entry in `table` by its value key, computed once per distinct value;
    <NA> where the table has none."""
    text = values.astype("string")
    distinct = text.dropna().unique()
    found = {value: table.get(aliases.value_key(value), pd.NA) for value in distinct}
    return text.map(found).astype("object").where(text.notna(), pd.NA)


def levels(values: pd.Series) -> pd.Series:
    """Canonical levels from a level column (EN/MI/SE/EX, Junior, Sr., Senior, Staff, Lead,
    Principal, ...), or <NA> where the text names none."""
    return _lookup(values, aliases.level_words("column")).astype("string")


_NO_ARRANGEMENT = "(none)"


def arrangements(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(Onsite / Hybrid / Remote or <NA>, whether the value is one the tables do not know).

    Yes/no, true/false, Y/N and 1/0 are read as remote or not; 0/50/100 as remote ratios;
    "Remote - US" as remote; "unspecified" and blanks as no arrangement."""
    table = {key: (value or _NO_ARRANGEMENT) for key, value in aliases.arrangements().items()}
    text = values.astype("string").str.strip()
    key_text = text.str.replace(r"\.0+$", "", regex=True)
    found = _lookup(key_text, table)
    leading = _lookup(key_text.str.extract(r"^\s*([A-Za-z-]+(?: [A-Za-z-]+)?)\s*(?:[-–:(,]|$)",
                                           expand=False), table)
    found = found.fillna(leading.where(leading.isin(["Remote", "Hybrid", "Onsite"])))
    blank = text.isna() | (text == "")
    unknown = found.isna() & ~blank
    result = found.where(found != _NO_ARRANGEMENT).astype("string")
    return result, unknown.astype(bool)


COMPANY_SIZE_WORDS = {
    "s": "Small", "small": "Small", "m": "Medium", "medium": "Medium", "l": "Large",
    "large": "Large",
}


def company_sizes(values: pd.Series) -> pd.Series:
    """Small / Medium / Large from S/M/L or words; other text is kept as written."""
    text = values.astype("string").str.strip()
    return _lookup(values, COMPANY_SIZE_WORDS).astype("string").fillna(text)


def countries(values: pd.Series) -> pd.Series:
    """ISO 3166-1 alpha-2 codes from names or codes (United States, USA, UK -> US, US, GB);
    a two-letter code is kept in capitals; other text as written."""
    table = aliases.countries()
    text = values.astype("string").str.strip()
    distinct = text.dropna().unique()
    found = {}
    for value in distinct:
        key = aliases.title_key(value)
        found[value] = table.get(key) or (value.upper() if re.fullmatch(r"[A-Za-z]{2}", value)
                                         else value)
    return text.map(found).astype("string").mask(text == "")


# ---- pay periods -----------------------------------------------------------------------------

PERIODS = ("year", "month", "semimonth", "two_weeks", "week", "day", "hour")
HOURS_PER_DAY = 8  # a day rate times hours per year / 8


def pay_periods(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(period name or <NA>, whether a non-blank value is not a period the tables know:
    "Pay Period", "Piece", "Paycheck" and "custom" cannot be made yearly)."""
    text = values.astype("string").str.strip()
    found = _lookup(text, aliases.pay_periods()).astype("string")
    unknown = found.isna() & text.notna() & (text != "")
    return found, unknown.astype(bool)


def periods_per_year(periods: pd.Series, hours_per_year: float,
                     weekly_hours: pd.Series | None = None) -> pd.Series:
    """How many of each period make a year (<NA> period = a year). Hourly pay is times the
    row's weekly hours x 52 when a weekly-hours column gives them, else hours per year."""
    hours = pd.Series(float(hours_per_year), index=periods.index)
    if weekly_hours is not None:
        hours = (weekly_hours.astype(float) * 52).where(weekly_hours.notna() & (weekly_hours > 0),
                                                         hours)
    fixed = {"year": 1.0, "month": 12.0, "semimonth": 24.0, "two_weeks": 26.0, "week": 52.0}
    factor = periods.map(fixed).astype(float)
    factor = factor.mask((periods == "hour").fillna(False), hours)
    factor = factor.mask((periods == "day").fillna(False), hours / HOURS_PER_DAY)
    return factor.fillna(1.0)


# ---- amounts ---------------------------------------------------------------------------------

POINT, COMMA = "point", "comma"   # 185,000.00 or 185.000,00
BLANK_WORDS = {"", "n/a", "na", "none", "null", "-", "–", "—", "nan"}
_CELL = re.compile(r"""
    ^(?P<sign>[-−])?\s*
    (?P<before>[A-Za-z]{3}(?![A-Za-z])|[A-Za-z]{1,2}\$|\$|£|€|₹)?\s*
    (?P<sign2>[-−])?\s*
    (?P<number>\d[\d.,'’ ]*?)\s*
    (?P<scale>[kKmM](?![A-Za-z]))?\s*
    (?P<percent>%)?\s*
    (?P<after>[A-Za-z]{3}(?![A-Za-z])|\$|£|€|₹)?\s*
    (?:(?:/\s*|per\s+|an?\s+)(?P<period>[A-Za-z.-]+)|(?P<pa>p\.?\s?a\.?))?\s*$
    """, re.VERBOSE)
_RANGE = re.compile(r"\d\s*(?:[-–—]|to)\s*[$£€]?\s*\d")
_FORMS = {  # number forms: which style each is written in
    "plain": re.compile(r"\d+"),
    "comma_thousands": re.compile(r"\d{1,3},\d{3}"),          # US thousands, or 3 decimals
    "dot_thousands": re.compile(r"\d{1,3}\.\d{3}"),           # European thousands, or 3 decimals
    POINT: re.compile(r"\d{1,3}(?:,\d{3}){2,}|\d{1,3}(?:,\d{3})+\.\d+|\d+\.\d+"),
    COMMA: re.compile(r"\d{1,3}(?:\.\d{3}){2,}|\d{1,3}(?:\.\d{3})+,\d+|\d+,\d+"),
    "spaced": re.compile(r"\d{1,3}(?:[ '’]\d{3})+(?:[.,]\d{1,2})?"),
}
NOT_A_NUMBER, AMBIGUOUS = "not a number", "ambiguous amount"
UNKNOWN_PERIOD = "unknown pay period"


def _number_forms(numbers: pd.Series) -> pd.Series:
    """Which form each number is written in (the first of _FORMS that matches), or <NA>."""
    form = pd.Series(pd.NA, index=numbers.index, dtype="string")
    for name, pattern in reversed(_FORMS.items()):
        form = form.mask(numbers.str.fullmatch(pattern).fillna(False), name)
    return form


def number_style(texts: list[pd.Series]) -> str | None:
    """The file's decimal separator, from the cells only one style can have written
    ("185,000.00" or "72.50" say point; "90.000,00" or "16,50" say comma); None when no cell
    says (then "90,000" is read as ninety thousand and "95.000" is ambiguous)."""
    counts = {POINT: 0, COMMA: 0}
    for text in texts:
        numbers = text.astype("string").str.extract(_CELL)["number"].str.strip()
        forms = _number_forms(numbers).value_counts()
        for style in counts:
            counts[style] += int(forms.get(style, 0))
    if counts[COMMA] > counts[POINT]:
        return COMMA
    return POINT if counts[POINT] else None


def parse_amounts(values: pd.Series, style: str | None = POINT) -> pd.DataFrame:
    """Amounts as people write them: "$185,000", "172k", "1.2M", "185,000.00 USD",
    "CAD 230,000", "90.000,00 EUR", "£88,000", "$95/hr", "$12,500/mo", "15%".

    Returns a frame with, per value: amount (float, negative if written so; NaN if blank or
    unreadable), currency (the ISO code the cell means, or <NA>), symbol (a currency symbol
    written in the cell, or <NA>), period (from "/hr", "/mo", ...), percent (a % sign) and
    problem ("not a number", "ambiguous amount" for a range or a number whose separators the
    file's style cannot settle, "unknown pay period", or <NA>)."""
    text = values.astype("string").str.strip()
    blank = text.isna() | text.str.lower().isin(BLANK_WORDS)
    result = pd.DataFrame({
        "amount": np.nan, "currency": pd.Series(pd.NA, index=text.index, dtype="string"),
        "symbol": pd.Series(pd.NA, index=text.index, dtype="string"),
        "period": pd.Series(pd.NA, index=text.index, dtype="string"),
        "percent": False, "problem": pd.Series(pd.NA, index=text.index, dtype="string"),
    }, index=text.index)
    simple = r"\d+" if style == COMMA else r"\d+(?:\.\d{1,2})?"
    plain = text.str.fullmatch(simple).fillna(False) & ~blank
    result.loc[plain, "amount"] = pd.to_numeric(text[plain], errors="coerce")
    rest = ~plain & ~blank
    if rest.any():
        _parse_written(text[rest], style, result)
    return result


def _parse_written(text: pd.Series, style: str | None, result: pd.DataFrame) -> None:
    parts = text.str.extract(_CELL)
    numbers = parts["number"].str.strip()
    form = _number_forms(numbers)
    reading = _readable(form, style or POINT)
    value = pd.to_numeric(_digits(numbers, form, style or POINT).where(reading), errors="coerce")
    scale = parts["scale"].str.lower().map({"k": 1e3, "m": 1e6}).astype(float).fillna(1.0)
    negative = (parts["sign"].notna() | parts["sign2"].notna()).to_numpy()
    amount = value * scale
    result.loc[text.index, "amount"] = np.where(negative, -amount, amount)
    result.loc[text.index, "percent"] = parts["percent"].notna()

    symbols = aliases.currency_symbols()
    for side in ("before", "after"):
        written = parts[side]
        is_symbol = written.isin(list(symbols)).fillna(False)
        code = written.str.upper().where(~is_symbol)
        meaning = written.map({s: c for s, (c, _) in symbols.items()}).astype("string")
        currency = code.fillna(meaning)
        result.loc[text.index, "currency"] = result.loc[text.index, "currency"].fillna(currency)
        result.loc[text.index, "symbol"] = result.loc[text.index, "symbol"].fillna(
            written.where(is_symbol))

    period_word = parts["period"].fillna(parts["pa"])
    period, unknown_period = pay_periods(period_word)
    result.loc[text.index, "period"] = period

    problem = pd.Series(pd.NA, index=text.index, dtype="string")
    unreadable = parts["number"].isna() | form.isna() | text.str.startswith("=")
    problem = problem.mask(unknown_period & ~unreadable, UNKNOWN_PERIOD)
    problem = problem.mask(~reading & ~unreadable, AMBIGUOUS)
    problem = problem.mask(unreadable, NOT_A_NUMBER)
    problem = problem.mask(text.str.contains(_RANGE).fillna(False), AMBIGUOUS)
    result.loc[text.index, "problem"] = problem
    result.loc[text.index, "amount"] = result.loc[text.index, "amount"].where(problem.isna())


def _readable(form: pd.Series, style: str) -> pd.Series:
    """Whether a number in this form has one reading in a file of this style."""
    other = COMMA if style == POINT else POINT
    single_group = "dot_thousands" if style == POINT else "comma_thousands"
    return form.notna() & ~form.isin([other, single_group])


def _digits(numbers: pd.Series, form: pd.Series, style: str) -> pd.Series:
    """The number as Python reads it: grouping removed, the decimal separator a point."""
    grouping, decimal = (",", ".") if style == POINT else (".", ",")
    spaced = (form == "spaced").fillna(False)
    digits = numbers.str.replace(grouping, "", regex=False).str.replace(decimal, ".", regex=False)
    spaced_digits = numbers.str.replace(r"[ '’]", "", regex=True).str.replace(",", ".",
                                                                              regex=False)
    return digits.mask(spaced, spaced_digits)


def numbers(values: pd.Series) -> pd.Series:
    """Plain numbers (weekly hours, vesting years): "40", "4", "37,5", "4 years"; NaN else."""
    text = values.astype("string").str.strip().str.replace(",", ".", regex=False)
    found = text.str.extract(r"^(\d+(?:\.\d+)?)\s*(?:[A-Za-z]+)?$", expand=False)
    return pd.to_numeric(found, errors="coerce").astype(float)


# ---- dates and years -------------------------------------------------------------------------

_DATE_FORMS = (  # pattern, how to read it
    (re.compile(r"\d{4}"), {"format": "%Y"}),
    (re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[T ].*)?"), {"format": "ISO8601"}),
    (re.compile(r"\d{1,2}/\d{1,2}/\d{4}"), {"format": "%m/%d/%Y"}),     # US exports
    (re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}"), {"format": "%d.%m.%Y"}),   # German exports
    (re.compile(r"\d{12,13}"), {"unit": "ms"}),                         # epoch milliseconds
    (re.compile(r"\d{9,10}"), {"unit": "s"}),                           # epoch seconds
)


def dates(values: pd.Series) -> pd.Series:
    """Dates (UTC) from the ways exports write them: 2026-03-01, 2026-02-10T17:04:11Z,
    03/15/2026 (month first, as US exports do), 15.01.2026 (day first), epoch milliseconds or
    seconds, or a year alone (1 January); NaT where the text is none of these."""
    text = values.astype("string").str.strip()
    distinct = pd.Series(text.dropna().unique(), dtype="string")
    parsed = pd.Series(pd.NaT, index=distinct.index, dtype="datetime64[ns, UTC]")
    for pattern, how in _DATE_FORMS:
        match = distinct.str.fullmatch(pattern).fillna(False) & parsed.isna()
        if match.any():
            chosen = distinct[match]
            if "unit" in how:
                chosen = pd.to_numeric(chosen)
            parsed[match] = pd.to_datetime(chosen, errors="coerce", utc=True, **how)
    lookup = dict(zip(distinct, parsed, strict=True))
    return pd.to_datetime(text.map(lookup).astype(object), utc=True)


def years(values: pd.Series) -> pd.Series:
    """Years from a year column ("2025", "2025.0") or from a date column (its year)."""
    text = values.astype("string").str.strip().str.replace(r"^(\d{4})\.0+$", r"\1", regex=True)
    return dates(text).dt.year.astype("Int64")


# ---- currencies ------------------------------------------------------------------------------

@cache
def fx_table() -> pd.DataFrame:
    return pd.read_csv(CALIBRATION_DIR / "fx_rates.csv")


def known_currencies() -> set[str]:
    return {"USD", *fx_table()["currency"]}


def usd_rates(currencies: pd.Series, years: pd.Series) -> pd.Series:
    """US dollars per unit for each (currency, year); the nearest year in the table when the
    year is missing from it; NaN for a currency the table does not have."""
    table = fx_table()
    codes = currencies.astype("string").str.strip().str.upper()
    rates = pd.Series(np.nan, index=currencies.index)
    rates[(codes == "USD").fillna(False)] = 1.0
    for code, rows in table.groupby("currency"):
        match = (codes == code).fillna(False)
        if match.any():
            known_years = rows["year"].to_numpy()
            nearest = np.abs(years[match].to_numpy()[:, None] - known_years[None, :]).argmin(1)
            rates[match] = rows["usd_per_unit"].to_numpy()[nearest]
    return rates


def symbol_fits(symbols: pd.Series, currencies: pd.Series) -> pd.Series:
    """Whether a currency symbol written in a cell ("$") can stand for the row's currency
    ("CAD": yes, "EUR": no). True where there is no symbol or no currency."""
    table = aliases.currency_symbols()
    pairs = symbols.astype("string") + " " + currencies.astype("string")
    verdicts = {pair: pair.split(" ")[1] in table.get(pair.split(" ")[0], ("", frozenset()))[1]
                for pair in pairs.dropna().unique()}
    return pairs.map(verdicts).fillna(True).astype(bool)
