"""The summary a dataset file carries in its Parquet footer: every filter's values with their
counts, and the row count, years and sources. Computed from the records when the file is
written, so the sidebar and the Data page read it in a millisecond whatever the file's size,
instead of scanning every record once per dataset version. The footer key is
paybench_summary (queries/write/copy_with_summary.sql writes it, queries/filter_options.sql
and queries/dataset_summary.sql read it)."""

import json
from pathlib import Path

import duckdb

from paybench import sql
from paybench.datasets.provenance import Provenance


def summary_json(path: Path) -> str:
    """The summary of a dataset file, counted from its records by the scanned queries."""
    with duckdb.connect(config={"threads": 2}) as con:
        options = sql.execute(con, sql.text("filter_options_scanned"), {"path": str(path)}).df()
        summary = sql.execute(con, sql.text("dataset_summary_scanned"), {"path": str(path)}).df()
    return json.dumps({
        "filter_options": options.to_dict(orient="records"),
        "dataset_summary": json.loads(summary.to_json(orient="records"))[0],
    })


def write_with_summary(source: Path, output: Path, provenance: Provenance) -> None:
    """Write `source` again as `output` with its summary and provenance in the footer."""
    with duckdb.connect(config={"threads": 2, "preserve_insertion_order": True}) as con:
        sql.execute(con, sql.write_statement("copy_with_summary"), {
            "source": str(source), "output": str(output), "summary": summary_json(source),
            "provenance": provenance.to_json()})
