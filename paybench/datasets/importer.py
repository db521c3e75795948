"""Importing a salary file: CSV or Parquet, in the aijobs.net format or any layout, such as an
HRIS or ATS export, whose columns are matched to fields by name (data/import_aliases/) or by
the user. Every source column is accounted for (mapped to a field, or not used); every row is
checked and a rejected row lists every reason, with its column and value; the new dataset is
written to a new versioned file and renamed into place, so a failed or interrupted import
changes nothing, and the shipped sample is never replaced unless asked for.

Rows are counted from 1, the first row after the header.
"""

import codecs
import csv
import io
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from paybench import sql
from paybench.datasets import aliases, file_summary, import_rows, normalise, provenance
from paybench.datasets.dataset import publish
from paybench.datasets.import_rows import UNMATCHED, RowSettings
from paybench.datasets.provenance import Provenance
from paybench.datasets.schema import ARROW_SCHEMA, COMPRESSION
from paybench.paths import SHIPPED_DATASET

CHUNK_ROWS = 100_000
# DuckDB spills to disk beyond this while sorting, so an import's memory stays bounded
# whatever the file's size.
FINALISE_MEMORY_LIMIT = "256MB"
HOURS_PER_YEAR = 2080  # 40 hours x 52 weeks: an hourly rate's full-time year (editable)
# The fields a column can fill, in the order the app's mapping form shows them.
FIELDS = ("role", "level", "employee_id", "location", "city", "state", "metro", "country",
          "work_arrangement", "industry", "company_size", "year", "effective_date",
          "base_salary", "pay_period", "hourly_rate", "weekly_hours", "bonus", "bonus_pct",
          "equity", "grant_value", "vesting_years", "total_comp", "currency")
DUPLICATE_POLICIES = ("keep-latest", "reject-both")
AIJOBS_COLUMNS = ("work_year", "experience_level", "employment_type", "job_title", "salary",
                  "salary_currency", "salary_in_usd", "employee_residence", "remote_ratio",
                  "company_location", "company_size")
AIJOBS_MAPPING = {
    "role": "job_title", "level": "experience_level", "year": "work_year",
    "base_salary": "salary_in_usd", "country": "employee_residence",
    "work_arrangement": "remote_ratio", "company_size": "company_size",
}
# Columns the aijobs.net format reads for its quirks rather than as a field.
AIJOBS_CHECKS = {"employment_type": "full-time check", "salary": "currency check",
                 "salary_currency": "currency check", "company_location": "currency check"}
# Canadian and Australian rows the aijobs.net file labels USD whose amounts are local currency.
AIJOBS_MISLABELLED = {"CA": "CAD", "AU": "AUD"}
_HEADER_CURRENCY = re.compile(r"[(\[]\s*([A-Za-z]{3})\s*[)\]]")
STAGING_EXTRA = [("source_row", pa.int64()), ("range_pair", pa.bool_()),
                 ("employee_id", pa.string()), ("effective_date", pa.timestamp("ms", tz="UTC")),
                 ("valid", pa.bool_()), ("level_conflict", pa.bool_()),
                 ("known_role", pa.bool_()), ("place", pa.string())]

Progress = Callable[[float, str], None]


class ImportFailed(Exception):
    """The file as a whole cannot be imported; the message says why in the user's terms."""


@dataclass
class ImportOptions:
    format: str = "generic"                     # "aijobs" or "generic"
    mapping: dict[str, str] = field(default_factory=dict)    # field -> column ("" = none)
    constants: dict[str, str] = field(default_factory=dict)  # field -> value for every row
    drop_duplicates: bool = False               # rows that repeat another row exactly
    duplicate_ids: str = "keep-latest"          # the same employee id twice: or "reject-both"
    hours_per_year: float = HOURS_PER_YEAR
    number_style: str = "auto"                  # "point" (185,000.00), "comma" (185.000,00)
    ranges: str = "keep"                        # aijobs posting ranges: "keep" or "midpoint"
    trust_usd_label: bool = False               # aijobs: take CA/AU rows labelled USD as USD
    encoding: str = "utf-8"
    source: str | None = None                   # the value of the source column
    provenance: Provenance | None = None        # written to the file's footer
    replace_sample: bool = False                # allow writing over data/salaries.parquet


@dataclass(frozen=True)
class ColumnUse:
    """What one source column became: the fields it fills (none: not used), and whether its
    name says pay (an unused pay column is a warning)."""
    column: str
    fields: tuple[str, ...]
    pay_like: bool


@dataclass(frozen=True)
class DuplicateEmployee:
    employee_id: str
    rows: tuple[int, ...]
    kept: int | None            # the row kept (keep-latest), None when none is
    by_date: bool               # the latest was chosen by the effective date


@dataclass
class ImportReport:
    rows_read: int = 0
    rows_kept: int = 0
    rows_rejected: int = 0
    rejected: Counter = field(default_factory=Counter)  # reason -> rows rejected for it
    duplicates_dropped: int = 0          # exact repeats of another row (--drop-duplicates)
    employee_duplicates: int = 0         # earlier rows of an employee (keep-latest)
    duplicate_employees: list[DuplicateEmployee] = field(default_factory=list)
    duplicate_policy: str = "keep-latest"
    ranges_collapsed: int = 0
    columns: list[ColumnUse] = field(default_factory=list)
    number_style: str = normalise.POINT
    number_style_found: bool = False     # read from the file's cells, not assumed
    hours_per_year: float = HOURS_PER_YEAR
    level_conflicts: int = 0             # kept rows whose title and level column disagree
    unknown_titles: Counter = field(default_factory=Counter)  # role kept as written -> rows
    places_matched: int = 0              # kept rows matched to a metro
    places_unmatched: int = 0            # kept rows with a city the metro table does not have
    places_without_city: int = 0
    unmatched_places: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    rejects: list[pd.DataFrame] = field(default_factory=list)
    version: str | None = None

    @property
    def duplicates(self) -> int:
        return self.duplicates_dropped + self.employee_duplicates

    @property
    def pay_columns_not_used(self) -> list[str]:
        return [use.column for use in self.columns if use.pay_like and not use.fields]

    @property
    def mapping(self) -> dict[str, list[str]]:
        """column -> the fields it fills ([] = not used), in the file's order."""
        return {use.column: list(use.fields) for use in self.columns}

    def rejects_frame(self) -> pd.DataFrame:
        columns = ["row", "column", "value", "reason", "detail"]
        if not self.rejects:
            return pd.DataFrame(columns=columns)
        frame = pd.concat(self.rejects, ignore_index=True)
        return frame.sort_values("row", kind="stable").reset_index(drop=True)[columns]


# ---- reading ---------------------------------------------------------------------------------

class _CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read, for the progress bar."""

    def __init__(self, handle) -> None:
        self.handle, self.bytes_read = handle, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self.handle.readinto(buffer)
        self.bytes_read += count or 0
        return count


def read_chunks(path: Path, options: ImportOptions, report: ImportReport,
                progress: Progress | None = None) -> Iterator[pd.DataFrame]:
    """The file's rows as frames of text, CHUNK_ROWS at a time, each with a `_row` column."""
    if path.stat().st_size == 0:
        raise ImportFailed("The file is empty.")
    reader = _parquet_chunks if path.suffix.lower() == ".parquet" else _csv_chunks
    next_row = 1
    for chunk, done in reader(path, options, report):
        chunk.insert(0, "_row", np.arange(next_row, next_row + len(chunk)))
        next_row += len(chunk)
        if progress:
            progress(done, f"read {next_row - 1:,} rows")
        yield chunk
    if next_row == 1:
        raise ImportFailed("The file has a header but no data rows.")


def _parquet_chunks(path, options, report):
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise ImportFailed(f"This is not a readable Parquet file ({error}).") from error
    names = _clean_header(list(parquet.schema_arrow.names))
    total = max(parquet.metadata.num_rows, 1)
    done = 0
    for batch in parquet.iter_batches(batch_size=CHUNK_ROWS):
        done += batch.num_rows
        frame = batch.to_pandas().astype("string").fillna("")
        frame.columns = names
        yield frame, done / total


def _csv_chunks(path, options, report):
    _check_encoding(path, options.encoding)
    encoding = _python_encoding(options.encoding)
    header_line = _first_line(path, encoding)
    delimiter = _delimiter(header_line, report)
    names = _clean_header(next(csv.reader([header_line], delimiter=delimiter)))
    size = path.stat().st_size
    with path.open("rb") as raw:
        counted = _CountingReader(raw)
        text = io.TextIOWrapper(io.BufferedReader(counted), encoding=encoding, newline="")
        try:
            for chunk in pd.read_csv(text, sep=delimiter, dtype=str, keep_default_na=False,
                                     chunksize=CHUNK_ROWS, skipinitialspace=True, header=0,
                                     names=names, index_col=False):
                yield chunk.fillna(""), counted.bytes_read / size
        except pd.errors.ParserError as error:
            raise ImportFailed(f"The file is not a well-formed table: {error}") from error


def _check_encoding(path: Path, encoding: str) -> None:
    """Name the line of the first byte that is not valid in the encoding, before reading."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                line += block[: error.start].count(b"\n")
                raise ImportFailed(
                    f"Line {line} is not valid {encoding} (byte 0x{block[error.start]:02x}). "
                    f"Save the file as UTF-8, or give its encoding (for example latin-1)."
                ) from error
            line += block.count(b"\n")


def _python_encoding(encoding: str) -> str:
    """UTF-8 is read as utf-8-sig, so a byte-order mark never ends up in a column name."""
    return "utf-8-sig" if encoding.lower().replace("_", "-") in {"utf-8", "utf8"} else encoding


def _first_line(path: Path, encoding: str) -> str:
    with path.open(encoding=encoding, newline="") as handle:
        return handle.readline().rstrip("\r\n")


def _delimiter(header_line: str, report: ImportReport) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    if counts[","] == 0 and counts[best] > 0:
        name = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}[best]
        report.notes.append(f"The file separates columns with {name}, not commas; read it so.")
        return best
    return ","


def _clean_header(header: list[str]) -> list[str]:
    """Column names without surrounding spaces; a blank name becomes "(unnamed column N)".
    A name given twice stops the import."""
    names = [str(name).strip() or f"(unnamed column {position})"
             for position, name in enumerate(header, start=1)]
    if all(name.startswith("(unnamed column") for name in names):
        raise ImportFailed("The first line has no column names.")
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if name in seen:
            raise ImportFailed(f"Column “{name}” appears twice (columns {seen[name]} and "
                               f"{position}). Give each column its own name.")
        seen[name] = position
    return names


# ---- columns and fields ----------------------------------------------------------------------

def read_columns(path: Path, encoding: str = "utf-8") -> list[str]:
    """The file's column names, after the same checks an import makes of its header."""
    path = Path(path)
    if path.stat().st_size == 0:
        raise ImportFailed("The file is empty.")
    if path.suffix.lower() == ".parquet":
        try:
            names = list(pq.ParquetFile(path).schema_arrow.names)
        except (pa.ArrowInvalid, OSError) as error:
            raise ImportFailed(f"This is not a readable Parquet file ({error}).") from error
    else:
        _check_encoding(path, encoding)
        line = _first_line(path, _python_encoding(encoding))
        names = next(csv.reader([line], delimiter=_delimiter(line, ImportReport())))
    return _clean_header(names)


def detect_format(columns: list[str]) -> str:
    return "aijobs" if set(AIJOBS_COLUMNS) <= set(columns) else "generic"


def header_currency(column: str) -> str | None:
    """A currency the column's name states: "Annual Equity Value (USD)" -> USD."""
    found = _HEADER_CURRENCY.search(column)
    code = found.group(1).upper() if found else None
    return code if code in normalise.known_currencies() else None


def _column_key(column: str) -> str:
    return aliases.column_key(_HEADER_CURRENCY.sub(" ", column) if header_currency(column)
                              else column)


def suggest_mapping(columns: list[str]) -> dict[str, str]:
    """field -> column for columns named like a field or an alias in
    data/import_aliases/columns.csv; where several columns could fill a field, the alias
    listed first wins. One column may fill two fields (Created At: year and effective date)."""
    by_key: dict[str, str] = {}
    for column in columns:
        by_key.setdefault(_column_key(column), column)
    mapping: dict[str, str] = {}
    for field_name in FIELDS:
        named = field_name.replace("_", " ")
        if named in by_key:
            mapping[field_name] = by_key[named]
    for key, field_name in aliases.column_aliases():
        if field_name not in mapping and key in by_key:
            mapping[field_name] = by_key[key]
    return {name: mapping[name] for name in FIELDS if name in mapping}


def resolve_mapping(columns: list[str], options: ImportOptions) -> dict[str, str]:
    if options.format == "aijobs":
        missing = [c for c in AIJOBS_COLUMNS if c not in columns]
        if missing:
            raise ImportFailed(f"This is not an aijobs.net salaries file: no column "
                               f"{', '.join(missing)}. Use the generic format and map columns.")
        return dict(AIJOBS_MAPPING)
    unknown_fields = (set(options.mapping) | set(options.constants)) - set(FIELDS)
    if unknown_fields:
        raise ImportFailed(f"Unknown field(s) {', '.join(sorted(unknown_fields))}; fields are "
                           f"{', '.join(FIELDS)}.")
    mapping = suggest_mapping(columns)
    for name, column in options.mapping.items():
        if column:
            mapping[name] = column
        else:
            mapping.pop(name, None)  # --map field= : the field is not in the file
    for name in options.constants:
        mapping.pop(name, None)
    absent = [c for c in mapping.values() if c not in columns]
    if absent:
        raise ImportFailed(f"The file has no column {', '.join(map(repr, absent))}; its columns "
                           f"are {', '.join(map(repr, columns))}.")
    given = set(mapping) | set(options.constants)
    needs = [f for f in ("role", "year") if f not in given]
    if not given & {"base_salary", "total_comp", "hourly_rate"}:
        needs.append("base_salary (or total_comp, or hourly_rate)")
    if needs:
        raise ImportFailed(f"Required column missing: {', '.join(needs)}. The file's columns "
                           f"are {', '.join(map(repr, columns))}; map one to each.")
    return {name: mapping[name] for name in FIELDS if name in mapping}


def pay_like(column: str) -> bool:
    """Whether a column's name says pay: a pay word (salary, bonus, equity, stock, RSU,
    commission, allowance, wage, payment, options, ...) and no word that says otherwise (cost,
    ratio, grade, schedule, frequency, type, date, ...): data/import_aliases/pay_words.csv."""
    words = aliases.column_key(column).split()
    pay, not_pay = aliases.pay_words()

    def says(entries: list[tuple[str, str]]) -> bool:
        return any(word == entry or (how == "prefix" and word.startswith(entry))
                   for word in words for entry, how in entries)

    return says(pay) and not says(not_pay)


def account_for_columns(columns: list[str], mapping: dict[str, str],
                        checks: dict[str, str] | None = None) -> list[ColumnUse]:
    """Every source column, with the fields it fills (or none) and whether it looks like pay."""
    fills: dict[str, list[str]] = {column: [] for column in columns}
    for name, column in mapping.items():
        fills.setdefault(column, []).append(name)
    for column, what in (checks or {}).items():
        if column in fills:
            fills[column].append(f"({what})")
    return [ColumnUse(column, tuple(fills[column]), pay_like(column)) for column in columns]


def _settings(chunk: pd.DataFrame, columns: list[str], options: ImportOptions,
              report: ImportReport) -> RowSettings:
    mapping = resolve_mapping(columns, options)
    checks = AIJOBS_CHECKS if options.format == "aijobs" else None
    report.columns = account_for_columns(columns, mapping, checks)
    amount_columns = [chunk[mapping[name]] for name in import_rows.AMOUNT_FIELDS
                      if name in mapping]
    amount_columns += [pd.Series([options.constants[name]]) for name in import_rows.AMOUNT_FIELDS
                       if name in options.constants]
    if options.number_style in (normalise.POINT, normalise.COMMA):
        style, found = options.number_style, False
    else:
        detected = normalise.number_style(amount_columns)
        style, found = detected or normalise.POINT, detected is not None
    report.number_style, report.number_style_found = style, found
    report.hours_per_year = options.hours_per_year
    report.duplicate_policy = options.duplicate_ids
    currencies = {column: code for column in mapping.values()
                  if (code := header_currency(column))}
    return RowSettings(mapping=mapping, constants=dict(options.constants),
                       header_currencies=currencies, number_style=style,
                       hours_per_year=float(options.hours_per_year),
                       source=options.source or "import")


# ---- the aijobs.net format's quirks --------------------------------------------------------

class AijobsQuirks:
    """Full-time rows only; CA/AU rows labelled USD re-read as local currency; adjacent rows
    that differ only in salary (a posting's low and high ends) marked as range pairs."""

    def __init__(self, options: ImportOptions, report: ImportReport) -> None:
        self.options, self.report = options, report
        self.previous: pd.Series | None = None
        self.mislabelled = Counter()
        self.range_pairs = 0

    def apply(self, chunk: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        chunk = chunk.copy()
        chunk["_range_pair"] = self._range_pairs(chunk)
        if not self.options.trust_usd_label:
            self._relabel_local_currency(chunk)
        full_time = chunk["employment_type"].str.strip().str.upper() == "FT"
        rejects = pd.DataFrame({"row": chunk.loc[~full_time, "_row"], "column": "employment_type",
                                "value": chunk.loc[~full_time, "employment_type"],
                                "reason": "not full-time (salaries of part-time, contract and "
                                          "freelance work are not comparable)", "detail": ""})
        return chunk[full_time], rejects

    def _range_pairs(self, chunk: pd.DataFrame) -> pd.Series:
        same_columns = [c for c in AIJOBS_COLUMNS if c not in ("salary", "salary_in_usd")]
        rows = chunk[list(AIJOBS_COLUMNS)]
        previous = rows.shift()
        if self.previous is not None:
            previous.iloc[0] = self.previous
        candidate = ((rows[same_columns] == previous[same_columns]).all(axis=1)
                     & (rows["salary"] != previous["salary"])).to_numpy()
        paired = np.zeros(len(rows), dtype=bool)
        for position in np.flatnonzero(candidate):  # a row closes at most one pair
            if position == 0 or not paired[position - 1]:
                paired[position] = True
        self.range_pairs += int(paired.sum())
        self.previous = rows.iloc[-1]
        return pd.Series(paired, index=chunk.index)

    def _relabel_local_currency(self, chunk: pd.DataFrame) -> None:
        for country, currency in AIJOBS_MISLABELLED.items():
            rows = ((chunk["salary_currency"] == "USD") & (chunk["employee_residence"] == country)
                    & (chunk["company_location"] == country))
            if rows.any():
                years = pd.to_numeric(chunk.loc[rows, "work_year"], errors="coerce").fillna(2024)
                rate = normalise.usd_rates(pd.Series(currency, index=years.index), years.astype(int))
                salary = normalise.parse_amounts(chunk.loc[rows, "salary"])["amount"]
                in_usd = (salary * rate).round()
                chunk.loc[rows, "salary_in_usd"] = in_usd.astype("Int64").astype("string")
                self.mislabelled[country] += int(rows.sum())

    def notes(self) -> list[str]:
        notes = []
        for country, count in self.mislabelled.items():
            notes.append(
                f"{count:,} rows in {country} labelled USD were read as "
                f"{AIJOBS_MISLABELLED[country]} (their amounts match local pay, not US pay) and "
                "converted at that year's rate in fx_rates.csv; --trust-usd-label keeps them as USD.")
        if self.range_pairs:
            action = ("collapsed to one row at the midpoint" if self.options.ranges == "midpoint"
                      else "both rows kept, so each such posting counts twice "
                           "(--ranges midpoint keeps one row at the midpoint)")
            notes.append(f"{self.range_pairs:,} pairs of adjacent rows differ only in salary, "
                         f"most likely the low and high ends of a posted range: {action}.")
        return notes


# ---- the whole import ----------------------------------------------------------------------

def stage(path: Path, options: ImportOptions, staging: Path,
          progress: Progress | None = None) -> ImportReport:
    """Read and check every row into a staging Parquet file (unsorted): each row with the
    values read and whether it passed every check."""
    report = ImportReport()
    options.source = options.source or f"import: {path.name}"
    quirks = AijobsQuirks(options, report) if options.format == "aijobs" else None
    schema = _staging_schema()
    settings = None
    with pq.ParquetWriter(staging, schema, compression=COMPRESSION) as writer:
        for chunk in read_chunks(path, options, report, progress):
            if settings is None:
                columns = [c for c in chunk.columns if c != "_row"]
                settings = _settings(chunk, columns, options, report)
            report.rows_read += len(chunk)
            if quirks:
                chunk, rejected = quirks.apply(chunk)
                _count_rejects(report, rejected)
            records, rejected = import_rows.normalise_chunk(chunk, settings)
            _count_rejects(report, rejected)
            writer.write_table(pa.Table.from_pandas(records[schema.names], schema=schema,
                                                    preserve_index=False))
    if quirks:
        report.notes += quirks.notes()
    return report


def _staging_schema() -> pa.Schema:
    fields = [f for f in ARROW_SCHEMA if f.name != "record_id"]
    return pa.schema(fields + [pa.field(name, kind) for name, kind in STAGING_EXTRA])


def _count_rejects(report: ImportReport, rejected: pd.DataFrame) -> None:
    if len(rejected):
        report.rejects.append(rejected)
        report.rows_rejected += rejected["row"].nunique()
        report.rejected.update(rejected.drop_duplicates(["row", "reason"])["reason"].tolist())


def _resolve_duplicate_employees(duplicates: pd.DataFrame, options: ImportOptions,
                                 report: ImportReport) -> list[int]:
    """The rows an employee's repeats take out of the dataset. keep-latest: every row but the
    latest (by effective date, then by position in the file) is dropped as a duplicate;
    reject-both: every row of the id is rejected."""
    excluded: list[int] = []
    id_column = next((use.column for use in report.columns if "employee_id" in use.fields),
                     "(employee_id)")
    rejects = []
    for employee_id, rows in duplicates.groupby("employee_id", sort=False):
        rows = rows.sort_values("source_row")
        numbers = tuple(int(r) for r in rows["source_row"])
        latest = rows[rows["recency"] == 1].iloc[0]
        if options.duplicate_ids == "reject-both":
            excluded += [int(r) for r in rows.loc[rows["valid"], "source_row"]]
            report.rows_rejected += int(rows["valid"].sum())
            report.rejected[import_rows.DUPLICATE_EMPLOYEE] += len(rows)
            rejects.append(pd.DataFrame({
                "row": list(numbers), "column": id_column, "value": employee_id,
                "reason": import_rows.DUPLICATE_EMPLOYEE,
                "detail": f"{employee_id} is on rows {', '.join(map(str, numbers))}"}))
            kept = None
        else:
            dropped = rows[(rows["recency"] > 1) & rows["valid"]]
            excluded += [int(r) for r in dropped["source_row"]]
            report.employee_duplicates += len(dropped)
            kept = int(latest["source_row"]) if latest["valid"] else None
        report.duplicate_employees.append(DuplicateEmployee(
            str(employee_id), numbers, kept, bool(rows["dated"].all())))
    if rejects:
        report.rejects.append(pd.concat(rejects, ignore_index=True))
    return excluded


def finalise(staging: Path, output: Path, options: ImportOptions, report: ImportReport) -> None:
    """Resolve repeated employees, number, optionally de-duplicate and collapse ranges, sort,
    and write the dataset file; count what the kept rows hold."""
    excluded = output.with_name(f".{output.stem}.{os.getpid()}.excluded.parquet")
    params = {"staging": str(staging), "excluded": str(excluded),
              "drop_duplicates": options.drop_duplicates,
              "midpoint_ranges": options.ranges == "midpoint"}
    try:
        with duckdb.connect(config={"threads": 2, "memory_limit": FINALISE_MEMORY_LIMIT,
                                    "temp_directory": str(output.parent / ".import-spill"),
                                    "preserve_insertion_order": True}) as con:
            duplicates = sql.execute(con, sql.write_statement("duplicate_employees"),
                                     {"staging": str(staging)}).df()
            rows = _resolve_duplicate_employees(duplicates, options, report)
            pq.write_table(pa.table({"source_row": pa.array(rows, pa.int64())}), excluded)
            sql.execute(con, sql.write_statement("import_macros"))
            staged = _count(con, "count_valid_staged", staging=staging, excluded=excluded)
            sql.execute(con, sql.write_statement("finalise_import"), {**params,
                                                                      "output": str(output)})
            report.rows_kept = _count(con, "count_rows", file=output)
            if options.ranges == "midpoint":
                report.ranges_collapsed = _count(con, "count_collapsed_ranges", staging=staging,
                                                 excluded=excluded)
            _count_kept_rows(con, params, report)
    finally:
        excluded.unlink(missing_ok=True)
    report.duplicates_dropped = staged - report.ranges_collapsed - report.rows_kept


def _count(con: duckdb.DuckDBPyConnection, statement: str, **files: Path) -> int:
    params = {name: str(path) for name, path in files.items()}
    return sql.execute(con, sql.write_statement(statement), params).fetchone()[0]


def _count_kept_rows(con: duckdb.DuckDBPyConnection, params: dict,
                     report: ImportReport) -> None:
    counts = sql.execute(con, sql.write_statement("import_kept_counts"), params).df().iloc[0]
    report.level_conflicts = int(counts["level_conflicts"])
    report.places_matched = int(counts["matched"])
    report.places_unmatched = int(counts["unmatched"])
    report.places_without_city = int(counts["without_city"])
    details = sql.execute(con, sql.write_statement("import_kept_details"), params).df()
    for kind, counter in (("unknown title", report.unknown_titles),
                          (UNMATCHED, report.unmatched_places)):
        rows = details[details["kind"] == kind]
        counter.update(dict(zip(rows["value"], rows["n"].astype(int), strict=True)))


def import_file(path: Path, output: Path, options: ImportOptions,
                progress: Progress | None = None) -> ImportReport:
    """The whole import. The dataset at `output` is replaced only if every step succeeds;
    the shipped sample is never replaced unless options.replace_sample says so."""
    path, output = Path(path), Path(output)
    refuse_the_sample(output, options.replace_sample)
    if options.duplicate_ids not in DUPLICATE_POLICIES:
        raise ImportFailed(f"Duplicate employees: choose {' or '.join(DUPLICATE_POLICIES)}.")
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(output)
    staging = output.with_name(f".{output.stem}.{os.getpid()}.staging.parquet")
    ordered = output.with_name(f".{output.stem}.{os.getpid()}.sorted.parquet")
    finished = output.with_name(f".{output.stem}.{os.getpid()}.new.parquet")
    try:
        report = stage(path, options, staging, progress)
        if progress:
            progress(1.0, "sorting and writing the dataset")
        finalise(staging, ordered, options, report)
        if report.rows_kept == 0:
            raise ImportFailed("No row could be used; the current dataset is unchanged. "
                               "See the rejected rows for why.")
        file_summary.write_with_summary(ordered, finished,
                                        options.provenance or provenance.unnamed(output))
        report.version = publish(finished, output)
        return report
    finally:
        for temporary in (staging, ordered, finished):
            temporary.unlink(missing_ok=True)


def is_shipped_sample(output: Path) -> bool:
    return Path(output).resolve() == SHIPPED_DATASET.resolve()


def refuse_the_sample(output: Path, replace_sample: bool = False) -> None:
    """An import never writes over the shipped sample unless asked to in so many words."""
    if is_shipped_sample(output) and not replace_sample:
        raise ImportFailed(
            f"{SHIPPED_DATASET.name} is the shipped calibrated sample; an import never replaces "
            "it. Write the import to a file of its own (for example data/imported.parquet), or "
            "pass --replace-sample to replace the sample on purpose.")


def _remove_abandoned(output: Path) -> None:
    """Temporary files of imports whose process is gone (killed midway) are deleted."""
    for leftover in output.parent.glob(f".{output.stem}.*.parquet"):
        pid = leftover.name.split(".")[2]
        if pid.isdigit() and not _process_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
