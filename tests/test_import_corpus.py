"""Ten synthetic HRIS and ATS exports, each in the layout of a real export as publicly documented
(Workday, BambooHR, Greenhouse, Lever, ADP, Rippling, Gusto, Personio, Deel, a sheet kept by
hand), import to the outcome worked out by hand for each: rows read, kept, rejected with every
reason, duplicates; every column mapped or "not used", with pay columns left out as warnings;
role and level for each title; each place; total comp of chosen rows.

The files and their expectations are in tests/data/exports/ (expected.json: each file's
sources, assumptions and the working of every figure; changes_from_research lists where the
importer's rules differ from the first draft of the expectations, and why). Nothing here is
copied from the importer's output: the levels a level column's words mean are typed below from
the rules, and kept rows are found from the expected rejections and duplicates."""

import csv
import json
import re

import pandas as pd
import pyarrow.parquet as pq
import pytest

from paybench.datasets import importer, titles
from paybench.present import import_report
from tests.helpers import PROJECT_ROOT

EXPORTS = PROJECT_ROOT / "tests" / "data" / "exports"
EXPECTED = json.loads((EXPORTS / "expected.json").read_text(encoding="utf-8"))
FILES = list(EXPECTED["files"])
WITH_DUPLICATES = [name for name in FILES if "reject_both" in EXPECTED["files"][name]["summary"]]
# What a level column's words mean (README rules): typed here, not taken from the importer.
LEVEL_WORDS = {"entry": "Entry", "junior": "Entry", "associate": "Entry", "mid": "Mid",
               "mid-level": "Mid", "intermediate": "Mid", "senior": "Senior", "staff": "Staff",
               "lead": "Staff", "experte": "Staff", "principal": "Principal"}


def expectation(name: str) -> dict:
    return EXPECTED["files"][name]


def options_for(name: str, **extra) -> importer.ImportOptions:
    constants = expectation(name).get("options", {}).get("constants") or {}
    return importer.ImportOptions(constants={k: str(v) for k, v in constants.items()}, **extra)


def source_rows(name: str) -> list[dict[str, str]]:
    """The export's rows as the csv module reads them (row 1 = the first after the header)."""
    text = (EXPORTS / name).read_text(encoding="utf-8-sig")
    delimiter = ";" if "," not in text.splitlines()[0] else ","
    return list(csv.DictReader(text.splitlines(), delimiter=delimiter))


def counts(name: str, policy: str = "keep_latest") -> dict:
    summary = expectation(name)["summary"]
    return {**summary, **summary.get(policy, {})}


def kept_rows(name: str) -> list[int]:
    """The row numbers kept under keep-latest, in file order (the order of record_id)."""
    spec = expectation(name)
    rejected = {entry["row"] for entry in spec["rejected"]}
    dropped = set((spec.get("duplicates") or {}).get("keep_latest", {}).get("dropped", []))
    return [row for row in range(1, spec["summary"]["rows_read"] + 1)
            if row not in rejected | dropped]


def column_for(name: str, field: str) -> str | None:
    for column, use in expectation(name)["columns"].items():
        fields = use["maps_to"] if isinstance(use["maps_to"], list) else [use["maps_to"]]
        if field in fields:
            return column
    return None


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Each export imported once with the default policy (keep the latest of an employee)."""
    results = {}
    for name in FILES:
        target = tmp_path_factory.mktemp("exports") / f"{name}.parquet"
        report = importer.import_file(EXPORTS / name, target, options_for(name))
        records = pq.read_table(target).to_pandas().set_index("record_id").sort_index()
        results[name] = (report, records)
    return results


def test_the_corpus_is_ten_layouts_of_real_exports():
    assert len(FILES) >= 10
    vendors = {expectation(name)["vendor"] for name in FILES}
    assert len(vendors) == len(FILES)
    assert all(expectation(name)["source_basis"] for name in FILES
               if not name.startswith("handkept"))


@pytest.mark.parametrize("name", FILES)
def test_rows_read_kept_rejected_and_duplicates(imported, name):
    report, records = imported[name]
    expected = counts(name)
    assert report.rows_read == expected["rows_read"] == len(source_rows(name))
    assert report.rows_kept == expected["rows_kept"] == len(records) == len(kept_rows(name))
    assert report.rows_rejected == expected["rows_rejected"]
    assert report.duplicates == expected["duplicates_dropped"]
    assert report.rows_kept + report.rows_rejected + report.duplicates == report.rows_read
    assert dict(report.rejected) == expected["reasons_count"]


@pytest.mark.parametrize("name", FILES)
def test_a_rejected_row_lists_every_reason_with_its_column(imported, name):
    rejects = imported[name][0].rejects_frame()
    found = {row: sorted(zip(group["column"], group["reason"], strict=True))
             for row, group in rejects.groupby("row")}
    expected = {entry["row"]: sorted((reason["column"], reason["reason"])
                                     for reason in entry["reasons"])
                for entry in expectation(name)["rejected"]}
    assert found == expected


@pytest.mark.parametrize("name", FILES)
def test_every_column_is_mapped_or_reported_not_used(imported, name):
    report = imported[name][0]
    expected = {}
    for column, use in expectation(name)["columns"].items():
        fields = use["maps_to"] if isinstance(use["maps_to"], list) else [use["maps_to"]]
        expected[column] = [] if fields == ["not used"] else sorted(fields)
    assert {column: sorted(fields) for column, fields in report.mapping.items()} == expected
    assert report.pay_columns_not_used == (expectation(name)["warnings_pay_like_unmapped"] or [])


@pytest.mark.parametrize("name", FILES)
def test_pay_columns_left_out_are_warned_about_first(imported, name):
    report = imported[name][0]
    lines = import_report.summary_lines(report)
    left_out = report.pay_columns_not_used
    for line, column in zip(lines, left_out, strict=False):
        assert line.startswith("Warning") and column in line and "not used" in line
    assert not lines[len(left_out)].startswith("Warning")


@pytest.mark.parametrize("name", FILES)
def test_titles_give_role_and_level(name):
    for title, expected in expectation(name)["titles"].items():
        read = titles.read_titles(pd.Series([title])).iloc[0]
        assert (read["role"], _value(read["level"]), bool(read["known"])) == (
            expected["role"], expected["level_from_title"], expected["known_role"]), title


@pytest.mark.parametrize("name", FILES)
def test_kept_rows_have_the_role_and_level_their_title_and_level_column_give(imported, name):
    records = imported[name][1]
    rows = source_rows(name)
    title_column, level_column = column_for(name, "role"), column_for(name, "level")
    for record_id, row in enumerate(kept_rows(name), start=1):
        source = rows[row - 1]
        title = expectation(name)["titles"][source[title_column]]
        written = source.get(level_column, "").strip() if level_column else ""
        level = LEVEL_WORDS[written.lower()] if written else title["level_from_title"]
        assert (records.loc[record_id, "role"], records.loc[record_id, "level"]) == (
            title["role"], level), f"row {row}"


@pytest.mark.parametrize("name", FILES)
def test_level_conflicts_and_unknown_titles_are_counted(imported, name):
    report = imported[name][0]
    assert report.level_conflicts == expectation(name)["level_conflicts"]["count"]
    assert sum(report.unknown_titles.values()) == expectation(name)["unknown_titles"][
        "count_in_kept_rows"]


def expected_place(name: str, row: int, source: dict) -> dict | None:
    places = expectation(name).get("locations") or {}
    location = column_for(name, "location")
    if location:
        return places.get(source[location].strip()) if source[location].strip() else {}
    if column_for(name, "city"):
        return places.get(f"{source[column_for(name, 'city')]} / {source[column_for(name, 'state')]}")
    return next((place for key, place in places.items()
                 if re.search(rf"\(row {row}\)$", key)), None)


@pytest.mark.parametrize("name", FILES)
def test_kept_rows_places_and_the_counts_of_matched_and_unmatched(imported, name):
    report, records = imported[name]
    rows = source_rows(name)
    arrangement_column = column_for(name, "work_arrangement")
    arrangement_words = expectation(name).get("arrangement_values") or {}
    matched = unmatched = without_city = 0
    for record_id, row in enumerate(kept_rows(name), start=1):
        place = expected_place(name, row, rows[row - 1])
        if place is None:
            continue
        record = records.loc[record_id]
        for part in ("city", "state", "country", "metro"):
            if part in place:
                assert _value(record[part]) == place[part], f"row {row} {part}"
        written = rows[row - 1].get(arrangement_column, "").strip() if arrangement_column else ""
        meaning = arrangement_words.get(written) if written else None
        arrangement = meaning.split(" ")[0] if meaning else place.get("work_arrangement")
        if not (arrangement or "").startswith("rejected"):
            assert _value(record["work_arrangement"]) == arrangement, f"row {row} arrangement"
        if place.get("metro"):
            matched += 1
        elif place.get("city"):
            unmatched += 1
        else:
            without_city += 1
    if name.startswith("deel"):  # places are given for three rows only; the others have no city
        without_city = report.rows_kept - matched - unmatched
    assert (report.places_matched, report.places_unmatched, report.places_without_city) == (
        matched, unmatched, without_city)


def _value(value):
    return None if value is None or pd.isna(value) else value


@pytest.mark.parametrize("name", FILES)
def test_total_comp_is_worked_out_as_by_hand(imported, name):
    records = imported[name][1]
    position = {row: record_id for record_id, row in enumerate(kept_rows(name), start=1)}
    for entry in expectation(name).get("total_comp") or []:
        record = records.loc[position[entry["row"]]]
        found = {part: int(record[part]) for part in ("base_salary", "bonus", "equity")}
        assert found == entry["usd"], f"row {entry['row']}: {entry['working']}"
        assert int(record["total_comp"]) == entry["total_comp_usd"]


@pytest.mark.parametrize("name", WITH_DUPLICATES)
def test_rejecting_both_rows_of_a_duplicate_employee(tmp_path, name):
    report = importer.import_file(EXPORTS / name, tmp_path / "out.parquet",
                                  options_for(name, duplicate_ids="reject-both"))
    expected = counts(name, "reject_both")
    assert (report.rows_kept, report.rows_rejected, report.duplicates) == (
        expected["rows_kept"], expected["rows_rejected"], expected["duplicates_dropped"])
    assert report.rows_kept + report.rows_rejected + report.duplicates == report.rows_read
    rejects = report.rejects_frame()
    duplicates = rejects[rejects["reason"] == "duplicate employee id"]
    expected_rows = {(entry["row"], entry["reasons"][0]["column"])
                     for entry in expected["extra_rejections"]}
    assert set(zip(duplicates["row"], duplicates["column"], strict=True)) == expected_rows


@pytest.mark.parametrize("name", WITH_DUPLICATES)
def test_keeping_the_latest_row_of_a_duplicate_employee_is_reported(imported, name):
    report = imported[name][0]
    duplicate = expectation(name)["duplicates"]
    [found] = report.duplicate_employees
    assert (found.employee_id, list(found.rows), found.kept) == (
        duplicate["employee_id"], duplicate["rows"], duplicate["keep_latest"]["kept"])
    assert any(duplicate["employee_id"] in line for line in import_report.summary_lines(report))


def test_a_wrong_guess_is_fixed_with_a_mapping(tmp_path):
    """Workday's Business Title is taken for the role; the user prefers the Job Profile."""
    name = "workday_worker_compensation.csv"
    report = importer.import_file(EXPORTS / name, tmp_path / "out.parquet",
                                  options_for(name, mapping={"role": "Job Profile"}))
    assert report.mapping["Job Profile"] == ["role"] and report.mapping["Business Title"] == []
    roles = set(pq.read_table(tmp_path / "out.parquet").column("role").to_pylist())
    assert "ML Platform Engineer" not in roles and "Software Engineer" in roles
    # the script tag was in Business Title only: its row is no longer rejected for markup
    assert "markup in text" not in report.rejected


def test_a_column_guessed_wrongly_can_be_left_out(tmp_path):
    name = "bamboohr_custom_report.csv"
    report = importer.import_file(EXPORTS / name, tmp_path / "out.parquet",
                                  options_for(name, mapping={"effective_date": ""}))
    assert report.mapping["Hire Date"] == []
