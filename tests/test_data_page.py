"""The Data page: the records behind the filters, and an upload explored in one session only."""

import json
import shutil

import pyarrow.parquet as pq
import pytest

from paybench.datasets.dataset import file_version
from paybench.paths import SHIPPED_DATASET
from tests.helpers import MESSY, MLE, metric, open_app, open_as

DATA_PAGE = "pages/data.py"


def test_records_tab_lists_what_the_filters_select(shipped_records):
    at = open_app({"city": ["Seattle"], "level": ["Staff"]}, page=DATA_PAGE)
    expected = shipped_records[(shipped_records["role"] == MLE) & (shipped_records["city"] == "Seattle")
                               & (shipped_records["level"] == "Staff")]
    table = at.dataframe[0].value
    assert len(table) == len(expected)
    assert set(table["record_id"]) == set(expected["record_id"])
    assert list(table["total_comp"]) == sorted(table["total_comp"], reverse=True)
    assert any(f"n = {len(expected):,}" in caption.value for caption in at.caption)


def test_records_of_a_thin_selection_are_not_listed():
    at = open_app({"city": ["Madison"], "level": ["Principal"], "industry": ["Manufacturing"]},
                  page=DATA_PAGE)
    assert any("at least 5 records" in warning.value for warning in at.warning)
    assert not any("record_id" in frame.value.columns for frame in at.dataframe)


def upload(at, name: str, content: bytes):
    at.get_by_key("data_upload").upload(name, content, "text/csv").run()
    assert not at.exception, at.exception
    return at


def test_an_upload_is_mapped_checked_and_explored_in_this_session_only():
    at = open_app(page=DATA_PAGE)
    upload(at, "messy.csv", MESSY.read_bytes())
    assert at.radio(key="import_format").value == "generic"
    assert at.selectbox(key="import_map_role").value == "Job Title"
    assert at.selectbox(key="import_map_base_salary").value == "Base Pay"
    at.button(key="import_check").click().run()
    assert any("rows kept: 7" in code.value for code in at.code)
    rejects = at.dataframe[-1].value
    assert {"row", "column", "reason"} <= set(rejects.columns) and len(rejects) == 8

    at.button(key="import_explore").click().run()
    assert any("Exploring your upload" in warning.value for warning in at.sidebar.warning)
    at.switch_page("pages/overview.py").run()
    # the upload has two US Machine Learning Engineer rows (row 1 and its repeat): too thin
    assert any("n = 2" in warning.value for warning in at.warning)

    someone_else = open_app()
    assert metric(someone_else, "Mean total comp") == "$167,627"


SCRIPT_ROLE = "<script>alert(1)</script> Engineer"


def test_uploaded_script_text_is_shown_as_text():
    rows = "".join(f"{SCRIPT_ROLE},Senior,Seattle,{150_000 + i},2025\n" for i in range(6))
    at = open_app(page=DATA_PAGE)
    upload(at, "script.csv", ("role,level,city,base_salary,year\n" + rows).encode())
    at.button(key="import_check").click().run()
    at.button(key="import_explore").click().run()
    assert at.selectbox(key="role").value == SCRIPT_ROLE
    table = at.dataframe[0].value
    assert list(table["role"]) == [SCRIPT_ROLE] * 6
    assert not at.get("html")
    assert all("<script>" not in block.value for block in at.markdown)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.csv", b"", "The file is empty."),
    ("dupes.csv", b"role,salary,salary\nx,1,2\n", "appears twice"),
])
def test_a_bad_upload_says_why_and_changes_nothing(name, content, message):
    at = open_app(page=DATA_PAGE)
    upload(at, name, content)
    assert any(message in error.value for error in at.error)
    assert not any("Exploring your upload" in w.value for w in at.sidebar.warning)


def test_saving_for_everyone_needs_sign_in_as_admin_and_is_off_without_sign_in():
    at = open_app(page=DATA_PAGE)
    upload(at, "messy.csv", MESSY.read_bytes())
    at.button(key="import_check").click().run()
    with pytest.raises(KeyError):
        at.button(key="import_share")
    assert any("needs sign-in with the admin role" in info.value for info in at.info)


def test_hr_explores_an_upload_but_cannot_save_it_for_everyone(roles_file):
    at = open_as("hr", page=DATA_PAGE)
    upload(at, "messy.csv", MESSY.read_bytes())
    at.button(key="import_check").click().run()
    assert at.button(key="import_explore")
    with pytest.raises(KeyError):
        at.button(key="import_share")
    assert any("is for admins only" in info.value for info in at.info)


def test_an_admin_can_save_an_upload_for_everyone(tmp_path, monkeypatch, roles_file, audit_log):
    shared = tmp_path / "salaries.parquet"
    shutil.copyfile(SHIPPED_DATASET, shared)
    monkeypatch.setenv("PAYBENCH_DATA", str(shared))
    shipped_version = file_version(SHIPPED_DATASET)
    at = open_as("admin", page=DATA_PAGE)
    upload(at, "messy.csv", MESSY.read_bytes())
    at.button(key="import_check").click().run()
    at.button(key="import_share").click().run()
    assert not at.exception
    assert pq.ParquetFile(shared).metadata.num_rows == 7
    assert (tmp_path / "versions" / f"salaries-{shipped_version}.parquet").exists()
    assert file_version(SHIPPED_DATASET) == shipped_version
    entries = [json.loads(line) for line in audit_log.read_text().splitlines()]
    assert [e["action"] for e in entries] == ["sign-in", "upload", "publish"]
    assert entries[-1]["who"] == "ada@example.com" and entries[-1]["role"] == "admin"
    assert entries[-1]["version"] == file_version(shared)
