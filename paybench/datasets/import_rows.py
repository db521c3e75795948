"""One chunk of an import's rows, read into the schema's values with every problem found.

Every check runs on every row, so a rejected row lists every reason it was rejected for, each
with its column and value. Rows are numbered from 1, the first row after the header.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from paybench.datasets import normalise, places, titles
from paybench.domain.vocabulary import MAX_TOTAL_COMP, MIN_BASE_SALARY

MAX_TEXT_LENGTH = 200
YEAR_RANGE = (1990, 2100)

# Reasons a row is rejected; each is counted in the report under these words.
ROLE_EMPTY = "role is empty"
MARKUP = "markup in text"
CONTROL = "control character in text"
TOO_LONG = f"text longer than {MAX_TEXT_LENGTH} characters"
UNKNOWN_LEVEL = "unknown level"
NO_LEVEL = "no level: the level is blank and the title names none"
NOT_A_YEAR = "year is not a year"
NOT_A_NUMBER = normalise.NOT_A_NUMBER
AMBIGUOUS = normalise.AMBIGUOUS
NEGATIVE = "negative amount"
SALARY_BLANK = "salary is blank"
ZERO_SALARY = "zero salary"
BELOW_MINIMUM = f"salary below ${MIN_BASE_SALARY:,} a year"
OVER_MAXIMUM = f"over ${MAX_TOTAL_COMP:,} a year: not a plausible salary"
UNKNOWN_CURRENCY = "unknown currency"
CURRENCY_CONFLICT = "currency conflict"
UNKNOWN_ARRANGEMENT = "unknown work arrangement"
UNKNOWN_PERIOD = normalise.UNKNOWN_PERIOD
PERIOD_CONFLICT = "pay period conflict"
NO_VESTING = "equity grant without vesting years"
AMBIGUOUS_BONUS_PERCENT = "ambiguous bonus percent"
DUPLICATE_EMPLOYEE = "duplicate employee id"

HINTS = {
    MARKUP: "HTML or other markup (“<” then a letter) is not a title, a level or a place",
    CONTROL: "a control character (tab, line break, bell, …) inside the text",
    UNKNOWN_LEVEL: "use Entry, Mid, Senior, Staff, Principal or EN/MI/SE/EX, or add the word to "
                   "data/import_aliases/levels.csv",
    NOT_A_YEAR: f"a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}, or a date",
    AMBIGUOUS: "a range, or a number that reads two ways in this file (90,000 where amounts are "
               "written 90.000,00): write one amount",
    BELOW_MINIMUM: "less than a full-time year at the US federal minimum wage ($7.25 x 2,080 "
                   "hours): a dropped “k”, or another pay period?",
    UNKNOWN_CURRENCY: "not in data/calibration/fx_rates.csv",
    CURRENCY_CONFLICT: "the currency written in the cell is not the row's currency",
    UNKNOWN_ARRANGEMENT: "use onsite, hybrid, remote, yes/no, true/false, 0/50/100, or add the "
                         "value to data/import_aliases/arrangements.csv",
    UNKNOWN_PERIOD: "a period that cannot be made yearly (per pay period, per piece, custom); "
                    "the ones read are in data/import_aliases/pay_periods.csv",
    PERIOD_CONFLICT: "the period written in the cell is not the row's pay period",
    NO_VESTING: "a grant's value needs its vesting years to give equity per year",
    AMBIGUOUS_BONUS_PERCENT: "a number between 0 and 1 in a percent column: 0.1% or 10%? "
                             "Write 10 or 10%",
    DUPLICATE_EMPLOYEE: "the same employee id on several rows (rejected both: --duplicates "
                        "keep-latest keeps the latest instead)",
}

TEXT_FIELDS = ("role", "level", "location", "city", "state", "metro", "country",
               "work_arrangement", "industry", "company_size")
AMOUNT_FIELDS = ("base_salary", "bonus", "bonus_pct", "equity", "grant_value", "total_comp",
                 "hourly_rate")
PERCENT_FIELDS = ("bonus", "bonus_pct")
MATCHED, UNMATCHED = "matched", "unmatched"  # a row's place against the metro table


@dataclass
class RowSettings:
    """What every chunk of one file is read with."""
    mapping: dict[str, str]                     # field -> column
    constants: dict[str, str] = field(default_factory=dict)
    header_currencies: dict[str, str] = field(default_factory=dict)  # column -> currency code
    number_style: str = normalise.POINT
    hours_per_year: float = 2080.0
    source: str = "import"


class Problems:
    """Every reason each row is rejected for, with its column and value."""

    def __init__(self, rows: pd.Series) -> None:
        self.rows = rows
        self.bad = pd.Series(False, index=rows.index)
        self.parts: list[pd.DataFrame] = []

    def add(self, mask: pd.Series, column: str, values: pd.Series | None, reason: str,
            detail: str | None = None) -> None:
        mask = pd.Series(mask, index=self.rows.index).fillna(False).astype(bool)
        if not mask.any():
            return
        self.bad |= mask
        shown = (values.astype("string")[mask].str.slice(0, 80) if values is not None
                 else pd.Series(pd.NA, index=mask[mask].index, dtype="string"))
        self.parts.append(pd.DataFrame({
            "row": self.rows[mask], "column": column, "value": shown, "reason": reason,
            "detail": detail if detail is not None else HINTS.get(reason, ""),
        }))

    @property
    def kept(self) -> pd.Series:
        return ~self.bad

    def reasons_of(self, reasons: list[str]) -> pd.Series:
        """Whether each row has one of these reasons so far."""
        found = pd.Series(False, index=self.rows.index)
        for part in self.parts:
            if part["reason"].iloc[0] in reasons:
                found[part.index] = True
        return found

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame(columns=["row", "column", "value", "reason", "detail"])
        return pd.concat(self.parts).sort_values("row", kind="stable").reset_index(drop=True)


def normalise_chunk(chunk: pd.DataFrame, settings: RowSettings
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(every row in the staging schema, with `valid` saying whether it passed every check;
    one row per problem found: row, column, value, reason, detail)."""
    reader = _ChunkReader(chunk, settings)
    records = pd.DataFrame(index=chunk.index)
    reader.check_text()
    reader.role_and_level(records)
    reader.year(records)
    reader.geography(records)
    reader.amounts(records)
    records["source"] = settings.source
    records["source_row"] = chunk["_row"].astype("int64")
    records["range_pair"] = chunk.get("_range_pair", pd.Series(False, index=chunk.index))
    records["employee_id"] = reader.text("employee_id")
    effective = reader.raw.get("effective_date")
    records["effective_date"] = (normalise.dates(effective).dt.floor("ms")
                                 if effective is not None else
                                 pd.Series(pd.NaT, index=chunk.index, dtype="datetime64[ms, UTC]"))
    records["valid"] = reader.problems.kept
    for column in ("base_salary", "bonus", "equity", "total_comp"):
        records[column] = records[column].where(records["valid"], 0).astype("int32")
    return records, reader.problems.frame()


class _ChunkReader:
    def __init__(self, chunk: pd.DataFrame, settings: RowSettings) -> None:
        self.index = chunk.index
        self.settings = settings
        self.raw = {name: chunk[column].astype("string").str.strip()
                    for name, column in settings.mapping.items()}
        for name, value in settings.constants.items():
            self.raw[name] = pd.Series(value, index=chunk.index, dtype="string")
        self.column = {name: settings.mapping.get(name, f"({name})") for name in self.raw}
        self.problems = Problems(chunk["_row"])
        self.none = pd.Series(False, index=chunk.index)
        self.used = {name: self.none for name in ("hourly_rate", "bonus_pct", "grant_value",
                                                  "total_comp")}
        self.bonus_share = pd.Series(np.nan, index=chunk.index)

    def text(self, name: str) -> pd.Series:
        values = self.raw.get(name)
        if values is None:
            return pd.Series(pd.NA, index=self.index, dtype="string")
        return values.mask(values == "")

    def add(self, mask, name: str, reason: str, values: pd.Series | None = None,
            detail: str | None = None) -> None:
        shown = values if values is not None else self.raw.get(name)
        self.problems.add(mask, self.column.get(name, name), shown, reason, detail)

    # ---- text, role, level, year -------------------------------------------------------------

    def check_text(self) -> None:
        for name in TEXT_FIELDS:
            values = self.raw.get(name)
            if values is None:
                continue
            self.add(normalise.has_markup(values), name, MARKUP)
            self.add(normalise.has_control_characters(values), name, CONTROL)
            self.add(values.str.len() > MAX_TEXT_LENGTH, name, TOO_LONG)

    def role_and_level(self, records: pd.DataFrame) -> None:
        read = titles.read_titles(self.text("role"))
        records["role"] = read["role"]
        records["known_role"] = read["known"]
        self.add(read["role"].isna(), "role", ROLE_EMPTY)
        given = self.text("level")
        from_column = normalise.levels(given)
        self.add(given.notna() & from_column.isna(), "level", UNKNOWN_LEVEL)
        records["level"] = from_column.fillna(read["level"].where(given.isna()))
        no_level = records["level"].isna() & given.isna()
        self.add(no_level, "level" if "level" in self.raw else "role", NO_LEVEL,
                 self.raw.get("level", self.raw.get("role")))
        records["level_conflict"] = (from_column.notna() & read["level"].notna()
                                     & (from_column != read["level"])).fillna(False).astype(bool)

    def year(self, records: pd.DataFrame) -> None:
        year = normalise.years(self.raw["year"])
        bad = year.isna() | ~year.between(*YEAR_RANGE).fillna(False)
        self.add(bad, "year", NOT_A_YEAR)
        records["year"] = year.where(~bad).astype("Int16")

    # ---- places and arrangement --------------------------------------------------------------

    def geography(self, records: pd.DataFrame) -> None:
        empty = pd.DataFrame(pd.NA, index=self.index, dtype="string",
                             columns=["city", "state", "country", "metro", "arrangement"])
        location = (places.read_locations(self.raw["location"]) if "location" in self.raw
                    else empty)
        city = places.read_locations(self.raw["city"]) if "city" in self.raw else empty
        state, state_country = places.states(self.text("state"))
        country = normalise.countries(self.text("country"))
        records["city"] = city["city"].fillna(location["city"])
        records["state"] = state.fillna(city["state"]).fillna(location["state"])
        records["country"] = (country.fillna(city["country"]).fillna(location["country"])
                              .fillna(state_country))
        metro = self.text("metro").fillna(city["metro"]).fillna(location["metro"])
        matched = places.match_metros(records["city"], records["state"], records["country"])
        records["metro"] = metro.fillna(matched["metro"])
        records["state"], records["country"] = matched["state"], matched["country"]
        records["place"] = pd.Series(pd.NA, index=self.index, dtype="string").mask(
            records["city"].notna(), UNMATCHED).mask(records["metro"].notna(), MATCHED)
        records["industry"] = self.text("industry")
        size = self.text("company_size")
        records["company_size"] = normalise.company_sizes(size).mask(size.isna())
        self._arrangement(records, location["arrangement"].fillna(city["arrangement"]))

    def _arrangement(self, records: pd.DataFrame, from_place: pd.Series) -> None:
        given = self.raw.get("work_arrangement")
        if given is None:
            records["work_arrangement"] = from_place
            return
        arrangement, unknown = normalise.arrangements(given)
        self.add(unknown, "work_arrangement", UNKNOWN_ARRANGEMENT)
        records["work_arrangement"] = arrangement.fillna(from_place)

    # ---- amounts -----------------------------------------------------------------------------

    def amounts(self, records: pd.DataFrame) -> None:
        cells = {name: normalise.parse_amounts(self.raw[name], self.settings.number_style)
                 for name in AMOUNT_FIELDS if name in self.raw}
        blank = {name: cell["amount"].isna() & cell["problem"].isna()
                 for name, cell in cells.items()}
        period = self._pay_period(cells)
        base, base_from = self._base(cells, blank, period)
        bonus, bonus_from_base = self._bonus(cells, blank, base)
        equity = self._equity(cells, blank)
        base, base_from = self._base_from_total(cells, blank, base, base_from, bonus,
                                                bonus_from_base, equity)
        bonus = bonus.where(~bonus_from_base, base * self.bonus_share).fillna(0.0)
        self._check_cells(cells)
        self.add(base_from.isna() & blank.get("base_salary", True), self._salary_field(),
                 SALARY_BLANK)

        currencies = self._currencies(cells)
        currencies["bonus"] = currencies["base_salary"].where(bonus_from_base, currencies["bonus"])
        year = records["year"].fillna(YEAR_RANGE[1]).astype(int)
        usd = {}
        for name, local in (("base_salary", base), ("bonus", bonus), ("equity", equity)):
            rate = normalise.usd_rates(currencies[name], year).fillna(1.0)
            usd[name] = (local * rate).round()
        # A yearly amount can be judged only where its period and currency were understood.
        judged = ~self.problems.reasons_of([UNKNOWN_PERIOD, PERIOD_CONFLICT, UNKNOWN_CURRENCY,
                                            CURRENCY_CONFLICT])
        from_field = base_from.fillna(self._salary_field())
        base_usd = usd["base_salary"].where(judged)
        self._by_field(base_usd == 0, from_field, ZERO_SALARY)
        self._by_field((base_usd > 0) & (base_usd < MIN_BASE_SALARY), from_field, BELOW_MINIMUM)
        total = (usd["base_salary"] + usd["bonus"] + usd["equity"]).where(judged)
        self._by_field(total > MAX_TOTAL_COMP, from_field, OVER_MAXIMUM)
        for name, values in usd.items():
            records[name] = values.where(self.problems.kept, 0).fillna(0)
        records["total_comp"] = records["base_salary"] + records["bonus"] + records["equity"]

    def _salary_field(self) -> str:
        for name in ("base_salary", "hourly_rate", "total_comp"):
            if name in self.raw:
                return name
        return "base_salary"

    def _by_field(self, mask: pd.Series, from_field: pd.Series, reason: str) -> None:
        mask = mask.fillna(False)
        for name in from_field[mask].unique():
            self.add(mask & (from_field == name), name, reason)

    def _pay_period(self, cells: dict) -> pd.Series:
        """The period each row's base salary is given in (<NA> = a year)."""
        from_column = pd.Series(pd.NA, index=self.index, dtype="string")
        if "pay_period" in self.raw:
            from_column, unknown = normalise.pay_periods(self.raw["pay_period"])
            self.add(unknown, "pay_period", UNKNOWN_PERIOD)
        if "base_salary" not in cells:
            return from_column
        in_cell = cells["base_salary"]["period"]
        self.add(in_cell.notna() & from_column.notna() & (in_cell != from_column),
                 "base_salary", PERIOD_CONFLICT)
        return in_cell.fillna(from_column)

    def _per_year(self, periods: pd.Series) -> pd.Series:
        weekly = (normalise.numbers(self.raw["weekly_hours"]) if "weekly_hours" in self.raw
                  else None)
        return normalise.periods_per_year(periods, self.settings.hours_per_year, weekly)

    def _base(self, cells, blank, period) -> tuple[pd.Series, pd.Series]:
        """(yearly base in its own currency, the field it came from): the base salary times
        its periods a year; where it is blank, an hourly rate times the hours of a year."""
        base = pd.Series(np.nan, index=self.index)
        source = pd.Series(pd.NA, index=self.index, dtype="string")
        if "base_salary" in cells:
            amount = cells["base_salary"]["amount"]
            base = amount * self._per_year(period)
            source = source.mask(amount.notna(), "base_salary")
        if "hourly_rate" in cells:
            base_blank = blank.get("base_salary", self.none | True)
            self.used["hourly_rate"] = (base_blank & ~blank["hourly_rate"]
                                        & (period.isna() | (period == "hour")).fillna(True))
            hours = self._per_year(pd.Series("hour", index=self.index, dtype="string"))
            base = base.mask(self.used["hourly_rate"], cells["hourly_rate"]["amount"] * hours)
            source = source.mask(self.used["hourly_rate"], "hourly_rate")
        return base, source

    def _bonus(self, cells, blank, base) -> tuple[pd.Series, pd.Series]:
        """(yearly bonus as an amount, whether it is a share of the base instead; the share is
        kept in self.bonus_share): "15%" in a bonus column, or a bonus-percent column where
        the bonus amount is blank (12 or 12% is 12%; 0.12 is ambiguous)."""
        bonus = pd.Series(np.nan, index=self.index)
        share = pd.Series(np.nan, index=self.index)
        if "bonus" in cells:
            cell = cells["bonus"]
            share = (cell["amount"] / 100).where(cell["percent"])
            bonus = cell["amount"].where(~cell["percent"])
        if "bonus_pct" in cells:
            cell = cells["bonus_pct"]
            use = blank.get("bonus", self.none | True) & ~blank["bonus_pct"]
            ambiguous = use & ~cell["percent"] & (cell["amount"] > 0) & (cell["amount"] < 1)
            self.add(ambiguous, "bonus_pct", AMBIGUOUS_BONUS_PERCENT)
            share = share.mask(use, cell["amount"] / 100)
            self.used["bonus_pct"] = use
        self.bonus_share = share
        return bonus, share.notna()

    def _equity(self, cells, blank) -> pd.Series:
        """Yearly equity: the equity column, or a grant's value over its vesting years."""
        equity = pd.Series(0.0, index=self.index)
        if "equity" in cells:
            equity = cells["equity"]["amount"].fillna(0.0)
        if "grant_value" in cells:
            use = blank.get("equity", self.none | True) & ~blank["grant_value"]
            years = (normalise.numbers(self.raw["vesting_years"]) if "vesting_years" in self.raw
                     else pd.Series(np.nan, index=self.index))
            no_vesting = use & ~(years > 0)
            self.add(no_vesting, "grant_value", NO_VESTING)
            equity = equity.mask(use & ~no_vesting, cells["grant_value"]["amount"] / years)
            self.used["grant_value"] = use
        return equity

    def _base_from_total(self, cells, blank, base, source, bonus, bonus_from_base, equity):
        """Where no base is given, base = total comp - bonus - equity; with a bonus given as a
        share of the base, base = (total - equity) / (1 + share)."""
        if "total_comp" not in cells:
            return base, source
        total = cells["total_comp"]["amount"]
        use = source.isna() & ~blank["total_comp"] & blank.get("base_salary", self.none | True)
        share = self.bonus_share.fillna(0.0)
        from_total = ((total - equity - bonus.fillna(0.0)).where(~bonus_from_base,
                                                                 (total - equity) / (1 + share)))
        self.used["total_comp"] = use
        return base.mask(use, from_total), source.mask(use, "total_comp")

    def _check_cells(self, cells: dict) -> None:
        """Problems in the amount cells that were read: always the base salary, bonus and
        equity; a fallback column (hourly rate, bonus percent, grant, total comp) only on the
        rows that needed it."""
        for name, cell in cells.items():
            relevant = self.used.get(name, self.none | True)
            for problem in cell["problem"].dropna().unique():
                self.add(relevant & (cell["problem"] == problem), name, problem)
            self.add(relevant & (cell["amount"] < 0), name, NEGATIVE)
            if name not in PERCENT_FIELDS:
                self.add(relevant & cell["percent"], name, NOT_A_NUMBER,
                         detail="a percentage is not an amount here")

    def _currencies(self, cells: dict) -> dict[str, pd.Series]:
        """The currency of each amount field: a currency stated in its column's header, else
        the row's currency column (or --set currency), else the cell's own, else the row's
        (the base salary's cell, or US dollars). A cell whose currency differs from the one
        that applies is rejected; so is a currency with no exchange rate."""
        declared = self.text("currency").str.upper()
        row_currency = declared
        for name in ("base_salary", "hourly_rate", "total_comp"):
            if name in cells:
                row_currency = row_currency.fillna(cells[name]["currency"])
        row_currency = row_currency.fillna("USD")
        known = normalise.known_currencies()
        self.add(declared.notna() & ~declared.isin(known), "currency", UNKNOWN_CURRENCY)
        found = {}
        for name in ("base_salary", "bonus", "equity", "grant_value", "total_comp",
                     "hourly_rate"):
            header = self.settings.header_currencies.get(self.column.get(name, ""))
            cell = cells.get(name)
            applies = declared if header is None else pd.Series(header, index=self.index,
                                                                dtype="string")
            if cell is not None:
                self._check_cell_currency(name, cell, applies)
                own = cell["currency"]
                currency = applies.fillna(own).fillna(row_currency)
                self.add(applies.isna() & own.notna() & ~own.isin(known), name,
                         UNKNOWN_CURRENCY)
            else:
                currency = applies.fillna(row_currency)
            found[name] = currency
        found["equity"] = found["equity"].where(~self.used["grant_value"], found["grant_value"])
        found["base_salary"] = (found["base_salary"]
                                .where(~self.used["hourly_rate"], found["hourly_rate"])
                                .where(~self.used["total_comp"], found["total_comp"]))
        return found

    def _check_cell_currency(self, name: str, cell: pd.DataFrame, applies: pd.Series) -> None:
        written = cell["currency"].notna() & applies.notna()
        by_code = written & cell["symbol"].isna() & (cell["currency"] != applies)
        by_symbol = written & cell["symbol"].notna() & ~normalise.symbol_fits(cell["symbol"],
                                                                               applies)
        self.add(by_code | by_symbol, name, CURRENCY_CONFLICT)
