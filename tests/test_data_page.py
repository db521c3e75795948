"""The Data page: the records behind the filters, and an upload explored in one session only."""

import json
import shutil

import pyarrow.parquet as pq
import pytest

from paybench.datasets.dataset import file_version
from paybench.paths import SHIPPED_DATASET
from tests.helpers import MESSY, MLE, PROJECT_ROOT, metric, open_app, open_as

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
    mapping = next(frame.value for frame in at.dataframe if "used as" in frame.value.columns)
    assert len(mapping) == 11 and set(mapping["used as"]) >= {"role", "base salary"}

    at.button(key="import_explore").click().run()
    assert any("Exploring your upload" in warning.value for warning in at.sidebar.warning)
    # kept rows by hand: 1, 3 (ML Engineer) and 14 are US Machine Learning Engineers, the
    # upload's most common role, which the role filter starts on
    assert at.selectbox(key="role").value == MLE
    at.switch_page("pages/overview.py").run()
    assert any("n = 3" in warning.value for warning in at.warning)

    someone_else = open_app()
    assert metric(someone_else, "Mean total comp") == "$167,627"


def test_the_data_page_lists_an_uploads_rows_whatever_their_number():
    rows = ("role,level,city,base_salary,year\n"
            + "".join(f"Data Scientist,Senior,Seattle,{150_000 + i},2025\n" for i in range(3))
            + "ML Engineer,Staff,Austin,200000,2025\n")
    at = open_app(page=DATA_PAGE)
    upload(at, "small.csv", rows.encode())
    at.button(key="import_check").click().run()
    at.button(key="import_explore").click().run()
    assert at.selectbox(key="role").value == "Data Scientist"  # the role the upload holds most of
    table = at.dataframe[0].value
    assert sorted(table["base_salary"]) == [150_000, 150_001, 150_002]
    assert not any("at least 5 records" in warning.value for warning in at.warning)


def test_the_about_tab_describes_the_upload():
    at = open_app(page=DATA_PAGE)
    upload(at, "messy.csv", MESSY.read_bytes())
    at.button(key="import_check").click().run()
    at.button(key="import_explore").click().run()
    about = " ".join(block.value for block in at.markdown)
    assert "messy.csv" in about.replace("\\", "")
    assert "15 rows read, 7 kept, 8 rejected, 0 duplicates" in about
    mapping = next(frame.value for frame in at.dataframe if "used as" in frame.value.columns)
    assert mapping.set_index("column").loc["Job Title", "used as"] == "role"
    assert not any(header.value == "Calibration figures and assumptions"
                   for header in at.subheader)


def test_pay_columns_left_out_are_warned_about_before_anything_is_used():
    workday = PROJECT_ROOT / "tests" / "data" / "exports" / "workday_worker_compensation.csv"
    at = open_app(page=DATA_PAGE)
    upload(at, "workday.csv", workday.read_bytes())
    warned = [w.value for w in at.warning if "looks like pay" in w.value]
    assert len(warned) == 2 and "Allowance Plan" in warned[0] and "One" in warned[1]
    at.text_input(key="import_set_year").input("2026").run()
    at.button(key="import_check").click().run()
    in_order = [(getattr(node, "type", ""), str(getattr(node, "value", ""))) for node in at.main]
    report = in_order[next(i for i, (kind, _) in enumerate(in_order) if kind == "button"):]
    alerts = [(kind, value) for kind, value in report if kind in ("warning", "success")]
    assert [kind for kind, _ in alerts[:3]] == ["warning", "warning", "success"]
    assert "Allowance Plan" in alerts[0][1] and "One" in alerts[1][1]  # they head the report


SCRIPT_ROLE = "<script>alert(1)</script> Engineer"


def test_uploaded_script_text_is_rejected_and_shown_as_text():
    rows = "".join(f"{SCRIPT_ROLE},Senior,Seattle,{150_000 + i},2025\n" for i in range(6))
    rows += "Data Scientist,Senior,Seattle,150000,2025\n"
    at = open_app(page=DATA_PAGE)
    upload(at, "script.csv", ("role,level,city,base_salary,year\n" + rows).encode())
    at.button(key="import_check").click().run()
    rejects = at.dataframe[-1].value
    assert list(rejects["value"]) == [SCRIPT_ROLE] * 6
    assert set(rejects["reason"]) == {"markup in text"}
    at.button(key="import_explore").click().run()
    assert at.selectbox(key="role").options == ["Data Scientist"]
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


def test_not_even_an_admin_saves_an_upload_over_the_shipped_sample(monkeypatch, roles_file,
                                                                   audit_log):
    monkeypatch.delenv("PAYBENCH_DATA", raising=False)
    at = open_as("admin", page=DATA_PAGE)
    upload(at, "messy.csv", MESSY.read_bytes())
    at.button(key="import_check").click().run()
    with pytest.raises(KeyError):
        at.button(key="import_share")
    assert any("never replaces the shipped sample" in caption.value for caption in at.caption)


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
