"""Whatever a file holds, an import keeps only rows the schema can hold, and accounts for every
row: kept + rejected + duplicates = rows read (hypothesis writes the files: values people type,
values from the exports, and arbitrary text)."""

import csv
import io
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from paybench.datasets import importer, normalise
from paybench.datasets.import_rows import MAX_TEXT_LENGTH, YEAR_RANGE
from paybench.datasets.schema import ARROW_SCHEMA
from paybench.domain.vocabulary import (
    LEVELS,
    MAX_TOTAL_COMP,
    MIN_BASE_SALARY,
    WORK_ARRANGEMENTS,
)

HEADER = ["Employee ID", "Job Title", "Level", "Location", "Remote", "Base Salary", "Pay Period",
          "Bonus", "Equity", "Currency", "Year"]
# Written so that it reads one way in a file of either number style (185,000.00 or 185.000,00).
GOOD_ROW = ["", "Machine Learning Engineer", "Senior", "Seattle, WA", "no", "185000", "Year",
            "10%", "40k", "USD", "2025"]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
               max_size=24)


def written(*examples: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(examples), TEXT)


ROW = st.tuples(
    st.sampled_from(["", "a", "b", "c", "d"]),
    written("Sr. Machine Learning Engineer", "ML Engineer II", "Data Lead", "Data Scientist",
            "", "<b>Staff</b> Data Scientist", "Engineer\x07", "Machine Learning Engineer, Senior",
            "x" * (MAX_TEXT_LENGTH + 1)),
    written("", "Senior", "EN", "P4", "Boss", "Lead", "Experte"),
    written("Seattle, WA", "Remote - US", "NYC", "Berlin", "", "Remote (Austin, TX)",
            "Portland, ME", "<img src=x>"),
    written("yes", "no", "0", "1", "hybrid", "", "Sometimes", "TRUE", "unspecified"),
    written("$185,000", "172k", "$95/hr", "-5", "0", "165", "90.000,00 EUR", "120-140k", "",
            "1e9", "9,999,999,999", "€185,000.00", "CAD 160,000", "14,000"),
    written("", "Year", "Month", "Hour", "Piece", "biweekly"),
    written("10%", "5,000", "", "0.1", "N/A", "-1", "=A1*2"),
    written("", "40k", "1,000,000,000", "$50k"),
    written("USD", "EUR", "", "XYZ", "gbp", "CAD"),
    written("2025", "2026-01-01", "'25", "", "1989", "1773576000000"),
)


def csv_text(rows: list[tuple]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows([*rows, GOOD_ROW])  # one good row, so every file keeps at least one
    return out.getvalue()


# No shrinking: each example is a whole import, and shrinking one took minutes on this machine;
# a failure is reported as found.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(rows=st.lists(ROW, max_size=12), policy=st.sampled_from(importer.DUPLICATE_POLICIES),
       drop_exact=st.booleans())
def test_kept_rows_fit_the_schema_and_every_row_is_accounted_for(rows, policy, drop_exact):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "export.csv"
        source.write_text(csv_text(rows), encoding="utf-8")
        target = Path(folder) / "out.parquet"
        report = importer.import_file(source, target, importer.ImportOptions(
            duplicate_ids=policy, drop_duplicates=drop_exact))
        table = pq.read_table(target)

    assert report.rows_read == len(rows) + 1
    assert report.rows_kept + report.rows_rejected + report.duplicates == report.rows_read
    assert report.rows_kept == table.num_rows
    rejects = report.rejects_frame()
    assert rejects["row"].nunique() == report.rows_rejected
    assert rejects["reason"].str.len().gt(0).all()

    assert [(f.name, f.type) for f in table.schema] == [(f.name, f.type) for f in ARROW_SCHEMA]
    for record in table.to_pylist():
        assert record["role"] and len(record["role"]) <= MAX_TEXT_LENGTH
        for text in (record[name] for name in ("role", "city", "state", "metro", "country")):
            assert text is None or not (normalise.MARKUP.search(text)
                                        or normalise.CONTROL.search(text))
        assert record["level"] in LEVELS
        assert record["work_arrangement"] in (*WORK_ARRANGEMENTS, None)
        assert YEAR_RANGE[0] <= record["year"] <= YEAR_RANGE[1]
        assert record["base_salary"] >= MIN_BASE_SALARY
        assert record["bonus"] >= 0 and record["equity"] >= 0
        assert record["total_comp"] == record["base_salary"] + record["bonus"] + record["equity"]
        assert record["total_comp"] <= MAX_TOTAL_COMP
