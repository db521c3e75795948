"""The salary record schema: columns, types, and the bounds a plausible amount must respect."""

import pyarrow as pa

COLUMNS = (
    "record_id", "role", "level", "city", "state", "metro", "country", "work_arrangement",
    "industry", "company_size", "year", "base_salary", "bonus", "equity", "total_comp", "source",
)
TEXT_COLUMNS = (
    "role", "level", "city", "state", "metro", "country", "work_arrangement", "industry",
    "company_size", "source",
)
AMOUNT_COLUMNS = ("base_salary", "bonus", "equity", "total_comp")

_TYPES = {"record_id": pa.int64(), "year": pa.int16()}
_TYPES.update({name: pa.string() for name in TEXT_COLUMNS})
_TYPES.update({name: pa.int32() for name in AMOUNT_COLUMNS})
ARROW_SCHEMA = pa.schema([(name, _TYPES[name]) for name in COLUMNS])

# The sort order the Parquet file is written in: the columns pages filter on, so DuckDB
# skips row groups that cannot match; then total comp, so each cell's amounts arrive as a
# sorted run and percentiles sort faster (1.4x on 2.5 million records).
SORT_ORDER = ("role", "level", "city", "total_comp", "record_id")
ROW_GROUP_SIZE = 100_000
# Snappy decodes faster than zstd: at 10 million records a scan of the default selection takes
# about 10 ms instead of 15, for a file half as large again (185 MB against 125 MB). The SQL
# writers (queries/write/*.sql) name the same codec.
COMPRESSION = "snappy"
