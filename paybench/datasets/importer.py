"""Importing a salary file: CSV or Parquet, in the aijobs.net format or any layout whose
columns the user maps to fields. Every row is validated; rows that cannot be used are
reported with their row number, column and reason; the new dataset is written to a new
versioned file and renamed into place, so a failed or interrupted import changes nothing.

Rows are counted from 1, the first row after the header.
"""

import codecs
import csv
import io
import os
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
from paybench.datasets import calibration, file_summary, normalise, provenance
from paybench.datasets.dataset import publish
from paybench.datasets.provenance import Provenance
from paybench.datasets.schema import AMOUNT_COLUMNS, ARROW_SCHEMA, COMPRESSION
from paybench.domain.vocabulary import MAX_TOTAL_COMP

CHUNK_ROWS = 100_000
# DuckDB spills to disk beyond this while sorting, so an import's memory stays bounded
# whatever the file's size.
FINALISE_MEMORY_LIMIT = "256MB"
MAX_TEXT_LENGTH = 200
YEAR_RANGE = (1990, 2100)
FIELDS = ("role", "level", "city", "state", "metro", "country", "work_arrangement", "industry",
          "company_size", "year", "base_salary", "bonus", "equity", "total_comp", "currency")
GENERIC_ALIASES = {
    "job_title": "role", "title": "role", "position": "role",
    "experience_level": "level", "seniority": "level", "grade": "level",
    "work_year": "year", "remote_ratio": "work_arrangement", "arrangement": "work_arrangement",
    "remote": "work_arrangement", "location": "city", "salary": "base_salary", "base": "base_salary",
    "base_pay": "base_salary", "total_compensation": "total_comp", "total": "total_comp",
    "salary_currency": "currency", "company_location": "country",
}
AIJOBS_COLUMNS = ("work_year", "experience_level", "employment_type", "job_title", "salary",
                  "salary_currency", "salary_in_usd", "employee_residence", "remote_ratio",
                  "company_location", "company_size")
AIJOBS_MAPPING = {
    "role": "job_title", "level": "experience_level", "year": "work_year",
    "base_salary": "salary_in_usd", "country": "employee_residence",
    "work_arrangement": "remote_ratio", "company_size": "company_size",
}
# Canadian and Australian rows the aijobs.net file labels USD whose amounts are local currency.
AIJOBS_MISLABELLED = {"CA": "CAD", "AU": "AUD"}
STAGING_EXTRA = [("source_row", pa.int64()), ("range_pair", pa.bool_())]

Progress = Callable[[float, str], None]


class ImportFailed(Exception):
    """The file as a whole cannot be imported; the message says why in the user's terms."""


@dataclass
class ImportOptions:
    format: str = "generic"                     # "aijobs" or "generic"
    mapping: dict[str, str] = field(default_factory=dict)    # field -> column (generic)
    constants: dict[str, str] = field(default_factory=dict)  # field -> value for every row
    drop_duplicates: bool = False
    ranges: str = "keep"                        # aijobs posting ranges: "keep" or "midpoint"
    trust_usd_label: bool = False               # aijobs: take CA/AU rows labelled USD as USD
    encoding: str = "utf-8"
    source: str | None = None                   # the value of the source column
    provenance: Provenance | None = None        # written to the file's footer


@dataclass
class ImportReport:
    rows_read: int = 0
    rows_kept: int = 0
    rejected: Counter = field(default_factory=Counter)
    duplicates_dropped: int = 0
    ranges_collapsed: int = 0
    notes: list[str] = field(default_factory=list)
    rejects: list[pd.DataFrame] = field(default_factory=list)
    version: str | None = None

    def rejects_frame(self) -> pd.DataFrame:
        columns = ["row", "column", "value", "reason"]
        return pd.concat(self.rejects, ignore_index=True) if self.rejects else pd.DataFrame(
            columns=columns)

    def summary(self) -> list[str]:
        lines = [f"rows read: {self.rows_read:,}",
                 f"rows kept: {self.rows_kept:,}",
                 f"rows rejected: {sum(self.rejected.values()):,}"]
        lines += [f"  {count:,} × {reason}" for reason, count in self.rejected.most_common()]
        lines.append(f"exact duplicates dropped: {self.duplicates_dropped:,}")
        if self.ranges_collapsed:
            lines.append(f"posting ranges collapsed to their midpoint: {self.ranges_collapsed:,}")
        return lines + self.notes


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
    _check_header(list(parquet.schema_arrow.names))
    total = max(parquet.metadata.num_rows, 1)
    done = 0
    for batch in parquet.iter_batches(batch_size=CHUNK_ROWS):
        done += batch.num_rows
        frame = batch.to_pandas().astype("string").fillna("")
        yield frame, done / total


def _csv_chunks(path, options, report):
    _check_encoding(path, options.encoding)
    encoding = _python_encoding(options.encoding)
    header_line = _first_line(path, encoding)
    delimiter = _delimiter(header_line, report)
    header = next(csv.reader([header_line], delimiter=delimiter))
    _check_header(header)
    size = path.stat().st_size
    with path.open("rb") as raw:
        counted = _CountingReader(raw)
        text = io.TextIOWrapper(io.BufferedReader(counted), encoding=encoding, newline="")
        try:
            for chunk in pd.read_csv(text, sep=delimiter, dtype=str, keep_default_na=False,
                                     chunksize=CHUNK_ROWS, skipinitialspace=True):
                yield chunk, counted.bytes_read / size
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


def _check_header(header: list[str]) -> None:
    names = [str(name).strip() for name in header]
    if not any(names):
        raise ImportFailed("The first line has no column names.")
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if name in seen:
            raise ImportFailed(f"Column “{name}” appears twice (columns {seen[name]} and "
                               f"{position}). Give each column its own name.")
        seen[name] = position


# ---- mapping columns to fields -------------------------------------------------------------

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
    _check_header(names)
    return [name.strip() for name in names]


def detect_format(columns: list[str]) -> str:
    return "aijobs" if set(AIJOBS_COLUMNS) <= set(columns) else "generic"


def suggest_mapping(columns: list[str]) -> dict[str, str]:
    """field -> column for columns named like a field or a common alias."""
    mapping: dict[str, str] = {}
    for column in columns:
        key = str(column).strip().lower().replace(" ", "_").replace("-", "_")
        name = key if key in FIELDS else GENERIC_ALIASES.get(key)
        if name and name not in mapping:
            mapping[name] = column
    return mapping


def resolve_mapping(columns: list[str], options: ImportOptions) -> dict[str, str]:
    if options.format == "aijobs":
        missing = [c for c in AIJOBS_COLUMNS if c not in columns]
        if missing:
            raise ImportFailed(f"This is not an aijobs.net salaries file: no column "
                               f"{', '.join(missing)}. Use the generic format and map columns.")
        return dict(AIJOBS_MAPPING)
    mapping = {**suggest_mapping(columns), **options.mapping}
    unknown_fields = set(options.mapping) - set(FIELDS)
    if unknown_fields:
        raise ImportFailed(f"Unknown field(s) {', '.join(sorted(unknown_fields))}; fields are "
                           f"{', '.join(FIELDS)}.")
    absent = [c for c in mapping.values() if c not in columns]
    if absent:
        raise ImportFailed(f"The file has no column {', '.join(map(repr, absent))}; its columns "
                           f"are {', '.join(map(repr, columns))}.")
    given = set(mapping) | set(options.constants)
    needs = [f for f in ("role", "year") if f not in given]
    if not given & {"base_salary", "total_comp"}:
        needs.append("base_salary (or total_comp)")
    if needs:
        raise ImportFailed(f"Required column missing: {', '.join(needs)}. The file's columns "
                           f"are {', '.join(map(repr, columns))}; map one to each.")
    return mapping


# ---- normalising and validating a chunk ----------------------------------------------------

class _Rejections:
    """The first reason each row is rejected for, with its column and value."""

    def __init__(self, rows: pd.Series) -> None:
        self.rows = rows
        self.reason = pd.Series(pd.NA, index=rows.index, dtype="string")
        self.column = pd.Series(pd.NA, index=rows.index, dtype="string")
        self.value = pd.Series(pd.NA, index=rows.index, dtype="string")

    def add(self, mask: pd.Series, column: str, values: pd.Series, reason: str | pd.Series) -> None:
        new = mask.fillna(False) & self.reason.isna()
        self.reason[new] = reason[new] if isinstance(reason, pd.Series) else reason
        self.column[new] = column
        self.value[new] = values[new].astype("string").str.slice(0, 80)

    @property
    def kept(self) -> pd.Series:
        return self.reason.isna()

    def frame(self) -> pd.DataFrame:
        bad = ~self.kept
        return pd.DataFrame({"row": self.rows[bad], "column": self.column[bad],
                             "value": self.value[bad], "reason": self.reason[bad]})


def normalise_chunk(chunk: pd.DataFrame, mapping: dict[str, str], options: ImportOptions,
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(records in the staging schema, rejected rows with reasons) for one chunk of text."""
    rejections = _Rejections(chunk["_row"])
    raw = {name: chunk[column].astype("string").str.strip() for name, column in mapping.items()}
    for name, value in options.constants.items():
        raw[name] = pd.Series(value, index=chunk.index, dtype="string")
    source_column = {name: mapping.get(name, f"({name})") for name in raw}

    records = pd.DataFrame(index=chunk.index)
    _normalise_text(records, raw, source_column, rejections)
    _normalise_level(records, raw, source_column, rejections)
    _normalise_year(records, raw, source_column, rejections)
    _normalise_amounts(records, raw, source_column, rejections)
    _fill_geography(records)
    records["source"] = options.source or "import"
    records["source_row"] = chunk["_row"].astype("int64")
    records["range_pair"] = chunk.get("_range_pair", pd.Series(False, index=chunk.index))
    return records[rejections.kept], rejections.frame()


def _normalise_text(records, raw, source_column, rejections) -> None:
    for name in ("role", "city", "state", "metro", "country", "industry"):
        values = raw.get(name, pd.Series(pd.NA, index=records.index, dtype="string"))
        values = values.mask(values == "")
        rejections.add(values.str.len() > MAX_TEXT_LENGTH, source_column.get(name, name), values,
                       f"text longer than {MAX_TEXT_LENGTH} characters")
        records[name] = values
    rejections.add(records["role"].isna(), source_column["role"], raw["role"], "role is empty")
    arrangement = raw.get("work_arrangement")
    if arrangement is None:
        records["work_arrangement"] = pd.Series(pd.NA, index=records.index, dtype="string")
    else:
        records["work_arrangement"] = normalise.arrangements(arrangement)
        unknown = records["work_arrangement"].isna() & (arrangement != "")
        rejections.add(unknown, source_column["work_arrangement"], arrangement,
                       "unknown work arrangement (use onsite, hybrid, remote or 0/50/100)")
    size = raw.get("company_size")
    records["company_size"] = (normalise.company_sizes(size).mask(size == "") if size is not None
                               else pd.Series(pd.NA, index=records.index, dtype="string"))


def _normalise_level(records, raw, source_column, rejections) -> None:
    given = raw.get("level", pd.Series("", index=records.index, dtype="string")).fillna("")
    from_column = normalise.levels(given)
    from_title = normalise.levels_from_titles(records["role"]).where(given == "")
    records["level"] = from_column.fillna(from_title)
    records["role"] = records["role"].mask(from_title.notna(),
                                           normalise.titles_without_level(records["role"]))
    unknown = (given != "") & from_column.isna()
    rejections.add(unknown, source_column.get("level", "level"), given,
                   "unknown level (use Entry, Mid, Senior, Staff, Principal or EN/MI/SE/EX)")
    rejections.add(records["level"].isna(), source_column.get("level", "level"), given,
                   "no level: the level is blank and the title names none")


def _normalise_year(records, raw, source_column, rejections) -> None:
    year = pd.to_numeric(raw["year"], errors="coerce")
    bad = year.isna() | (year % 1 != 0) | ~year.between(*YEAR_RANGE)
    rejections.add(bad, source_column["year"], raw["year"],
                   f"year is not a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}")
    records["year"] = year.where(~bad).astype("Int16")


def _normalise_amounts(records, raw, source_column, rejections) -> None:
    parsed = {}
    for name in AMOUNT_COLUMNS:
        text = raw.get(name)
        if text is None:
            continue
        values = normalise.amounts(text)
        rejections.add(values.isna() & (text.fillna("") != ""), source_column[name], text,
                       "not a number")
        rejections.add(values < 0, source_column[name], text, "negative amount")
        parsed[name] = values
    bonus = parsed.get("bonus", pd.Series(0.0, index=records.index)).fillna(0.0)
    equity = parsed.get("equity", pd.Series(0.0, index=records.index)).fillna(0.0)
    base = parsed.get("base_salary")
    if base is None or ("total_comp" in parsed and base.isna().all()):
        base = parsed["total_comp"] - bonus - equity
    name = "base_salary" if "base_salary" in parsed else "total_comp"
    rejections.add(base.isna(), source_column[name], raw.get(name, base.astype("string")),
                   "salary is blank")
    rejections.add(base == 0, source_column[name], raw.get(name, base.astype("string")),
                   "zero salary")
    rate = _usd_rate(records, raw, source_column, rejections)
    amounts = {"base_salary": base, "bonus": bonus, "equity": equity}
    for column, values in amounts.items():
        records[column] = (values * rate).round()
    records["total_comp"] = records["base_salary"] + records["bonus"] + records["equity"]
    rejections.add(records["total_comp"] > MAX_TOTAL_COMP, source_column[name],
                   raw.get(name, base.astype("string")),
                   f"over ${MAX_TOTAL_COMP:,} a year: not a plausible salary")
    for column in AMOUNT_COLUMNS:
        records[column] = records[column].where(rejections.kept, 0).astype("int32")


def _usd_rate(records, raw, source_column, rejections) -> pd.Series:
    currency = raw.get("currency")
    if currency is None:
        return pd.Series(1.0, index=records.index)
    currency = currency.fillna("").str.upper().replace("", "USD")
    rate = normalise.usd_rates(currency, records["year"].fillna(YEAR_RANGE[1]).astype(int))
    rejections.add(rate.isna(), source_column["currency"], currency,
                   "unknown currency (not in data/calibration/fx_rates.csv)")
    return rate.fillna(1.0)


def _fill_geography(records: pd.DataFrame) -> None:
    metros = calibration.metros().set_index("city")
    known = records["city"].isin(metros.index)
    for column in ("state", "metro"):
        fill = records["city"].map(metros[column]).astype("string")
        records[column] = records[column].fillna(fill.where(known))
    records["country"] = records["country"].fillna(
        pd.Series("US", index=records.index, dtype="string").where(known))


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
                                          "freelance work are not comparable)"})
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
                in_usd = (normalise.amounts(chunk.loc[rows, "salary"]) * rate).round()
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
    """Read, normalise and validate every row into a staging Parquet file (unsorted)."""
    report = ImportReport()
    options.source = options.source or f"import: {path.name}"
    quirks = AijobsQuirks(options, report) if options.format == "aijobs" else None
    schema = _staging_schema()
    mapping = None
    with pq.ParquetWriter(staging, schema, compression=COMPRESSION) as writer:
        for chunk in read_chunks(path, options, report, progress):
            mapping = mapping or resolve_mapping([c for c in chunk.columns if c != "_row"], options)
            report.rows_read += len(chunk)
            if quirks:
                chunk, rejected = quirks.apply(chunk)
                _count_rejects(report, rejected)
            records, rejected = normalise_chunk(chunk, mapping, options)
            _count_rejects(report, rejected)
            writer.write_table(pa.Table.from_pandas(records, schema=schema, preserve_index=False))
    if quirks:
        report.notes += quirks.notes()
    return report


def _staging_schema() -> pa.Schema:
    fields = [f for f in ARROW_SCHEMA if f.name != "record_id"]
    return pa.schema(fields + [pa.field(name, kind) for name, kind in STAGING_EXTRA])


def _count_rejects(report: ImportReport, rejected: pd.DataFrame) -> None:
    if len(rejected):
        report.rejects.append(rejected)
        report.rejected.update(rejected["reason"].tolist())


def finalise(staging: Path, output: Path, options: ImportOptions, report: ImportReport) -> None:
    """Number, optionally de-duplicate and collapse ranges, sort, and write the dataset file."""
    params = {"staging": str(staging), "output": str(output),
              "drop_duplicates": options.drop_duplicates,
              "midpoint_ranges": options.ranges == "midpoint"}
    with duckdb.connect(config={"threads": 2, "memory_limit": FINALISE_MEMORY_LIMIT,
                                "temp_directory": str(output.parent / ".import-spill"),
                                "preserve_insertion_order": True}) as con:
        staged = _count(con, "count_rows", file=staging)
        sql.execute(con, sql.write_statement("finalise_import"), params)
        report.rows_kept = _count(con, "count_rows", file=output)
        if options.ranges == "midpoint":
            report.ranges_collapsed = _count(con, "count_collapsed_ranges", staging=staging)
    report.duplicates_dropped = staged - report.ranges_collapsed - report.rows_kept


def _count(con: duckdb.DuckDBPyConnection, statement: str, **files: Path) -> int:
    params = {name: str(path) for name, path in files.items()}
    return sql.execute(con, sql.write_statement(statement), params).fetchone()[0]


def import_file(path: Path, output: Path, options: ImportOptions,
                progress: Progress | None = None) -> ImportReport:
    """The whole import. The dataset at `output` is replaced only if every step succeeds."""
    path, output = Path(path), Path(output)
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
