"""Sign-in, roles and privacy in the app, under AppTest: at.secrets turns sign-in on, at.user
plays the signed-in person (the browser tests, tests/e2e/test_sign_in_browser.py, do the same
against a real OpenID provider). What a role may not see must not be in the page at all."""

import json
import shutil

import pytest
from streamlit.runtime.secrets import secrets_singleton

from paybench.app import auth, navigation
from paybench.datasets import dataset as dataset_files
from paybench.datasets import registry
from paybench.paths import SHIPPED_DATASET
from paybench.tools import apptest
from tests.helpers import AUTH_SECRETS, PAGES, metric, open_app, open_as, signed_in

DATA = "pages/data.py"
OFFER = "pages/offer.py"
AIJOBS = {"dataset": "aijobs"}  # the shipped real public records


def texts(at) -> str:
    """Every text on the page, Markdown escapes removed (user text such as an email is shown
    escaped)."""
    return " ".join(str(e.value) for e in [*at.title, *at.markdown, *at.info, *at.warning,
                                            *at.error, *at.caption]).replace("\\", "")


def shows_no_data(at) -> bool:
    """No metric, table, chart, download or uploader: nothing of the data was sent."""
    return not (at.metric or at.dataframe or at.table or at.get("plotly_chart")
                or at.get("download_button") or at.get("file_uploader"))


def record_tables(at) -> list:
    return [frame.value for frame in at.dataframe if "record_id" in frame.value.columns]


def entries(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


# ---- the two modes ----------------------------------------------------------------------------

def test_without_auth_the_sidebar_says_anyone_sees_everything():
    at = open_app()
    assert [w.value for w in at.sidebar.warning] == [auth.OPEN_NOTE]
    assert "anyone who can reach this server sees everything" in auth.OPEN_NOTE
    assert at.metric and not any("Signed in" in c.value for c in at.sidebar.caption)


def test_without_auth_the_local_person_has_hrs_rights_and_no_admin_tabs():
    at = open_app(AIJOBS, page=DATA)
    assert record_tables(at)  # real records, as before sign-in existed
    assert at.get("file_uploader")
    assert [tab.label for tab in at.tabs] == ["Records", "About this data", "Import your data"]


@pytest.mark.parametrize("page", PAGES)
def test_signed_out_every_page_shows_the_sign_in_screen_only(page, roles_file):
    at = apptest.open_app(AIJOBS, page, secrets=AUTH_SECRETS, user={"is_logged_in": False})
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in"]
    assert [b.label for b in at.button] == ["Sign in"]
    assert shows_no_data(at) and not at.sidebar.selectbox  # no filters, no dataset picker
    assert len(at.get("html")) == 1  # the return-link cookie's script, nothing else


@pytest.mark.parametrize(("drop", "problem"), [
    ("cookie_secret", "missing cookie_secret"),
    ("client_id", "missing client_id"),
])
def test_a_missing_auth_key_fails_closed(drop, problem, roles_file):
    secrets = {"auth": {k: v for k, v in AUTH_SECRETS["auth"].items() if k != drop}}
    at = apptest.open_app(secrets=secrets, user=signed_in("admin"))
    assert "Sign-in is misconfigured" in texts(at) and problem in texts(at)
    assert shows_no_data(at) and not at.button


@pytest.mark.parametrize(("cookie_secret", "problem"), [
    ("short", "shorter than 32 characters"),
    ("replace with the output of the command above", "still the example's placeholder"),
])
def test_a_weak_cookie_secret_fails_closed(cookie_secret, problem, roles_file):
    secrets = {"auth": {**AUTH_SECRETS["auth"], "cookie_secret": cookie_secret}}
    at = apptest.open_app(secrets=secrets, user=signed_in("admin"))
    assert problem in texts(at) and shows_no_data(at)


def test_a_secrets_file_that_does_not_parse_fails_closed(tmp_path):
    from streamlit import config

    broken = tmp_path / "secrets.toml"
    broken.write_text('[auth\nredirect_uri = "x"\n')
    saved = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(broken)])
    secrets_singleton._reset()
    try:
        at = open_app()
    finally:
        config.set_option("secrets.files", saved)
        secrets_singleton._reset()
    assert "Sign-in is misconfigured" in texts(at) and "does not parse" in texts(at)
    assert shows_no_data(at)


@pytest.mark.parametrize("roles_text", [None, "[admins]\nemails = ['ada@example.com']\n",
                                        "[admin\n"])
def test_a_missing_or_wrong_roles_file_lets_nobody_in(roles_text, tmp_path, monkeypatch):
    path = tmp_path / "roles.toml"
    if roles_text is not None:
        path.write_text(roles_text)
    monkeypatch.setenv(auth.ROLES_FILE_SETTING, str(path))
    at = apptest.open_app(secrets=AUTH_SECRETS, user=signed_in("admin"))
    assert "The roles file could not be used" in texts(at) and shows_no_data(at)


def test_a_person_no_rule_names_is_denied(roles_file, audit_log):
    at = open_as(None, page="pages/cities.py")
    assert [t.value for t in at.title] == ["No access"]
    assert "mallory@elsewhere.test has no access" in texts(at)
    assert shows_no_data(at) and [b.label for b in at.button] == ["Sign out"]
    at.run()
    assert [(e["action"], e["who"]) for e in entries(audit_log)] == [
        ("denied", "mallory@elsewhere.test")]  # once per session, not per rerun


def test_unlisted_viewer_setting_makes_them_a_viewer(roles_file):
    roles_file.write_text("unlisted = \"viewer\"\n" + roles_file.read_text())
    at = open_as(None)
    assert at.metric and "role **viewer**" in " ".join(c.value for c in at.sidebar.caption)


def test_an_old_sign_in_is_asked_again(roles_file):
    at = open_as("admin", iat=1_000_000)  # 1970: far older than 12 hours
    assert "Your sign-in is older than this server allows" in texts(at)
    assert shows_no_data(at) and [b.label for b in at.button] == ["Sign in"]


# ---- what each role sees ----------------------------------------------------------------------

@pytest.mark.parametrize("role", ["viewer", "hr", "admin"])
@pytest.mark.parametrize("page", PAGES)
def test_every_role_sees_every_page(role, page, roles_file):
    at = open_as(role, page=page)
    assert at.title[0].value in {spec.title for spec in navigation.PAGES}
    assert f"role **{role}**" in " ".join(c.value for c in at.sidebar.caption)
    assert [b.label for b in at.sidebar.button if b.label == "Sign out"] == ["Sign out"]


def test_a_viewer_sees_no_record_of_real_data(roles_file, audit_log):
    at = open_as("viewer", AIJOBS, page=DATA)
    assert not record_tables(at) and not at.get("download_button")
    assert "Listing the records of a real dataset is for HR and admins only" in texts(at)
    assert metric(at, "Records")  # the About tab's aggregates are there
    # The Records tab is the one open: its refusal is logged; the closed Import tab's is not.
    assert [(e["action"], e["what"], e["dataset"]) for e in entries(audit_log)] == [
        ("sign-in", "signed in", ""),
        ("denied", "Listing the records of a real dataset", "aijobs")]


def test_a_viewer_sees_the_samples_records_the_demo(roles_file, shipped_records):
    at = open_as("viewer", {"city": ["Seattle"], "level": ["Staff"]}, page=DATA)
    expected = shipped_records[(shipped_records["role"] == "Machine Learning Engineer")
                               & (shipped_records["city"] == "Seattle")
                               & (shipped_records["level"] == "Staff")]
    (table,) = record_tables(at)
    assert set(table["record_id"]) == set(expected["record_id"])
    assert [b.proto.label for b in at.get("download_button")] == ["Download these records (CSV)"]


def test_a_viewer_cannot_upload_or_reach_the_admin_tabs_by_link(roles_file):
    at = open_as("viewer", {"data_tab": "Import your data"}, page=DATA)
    assert not at.get("file_uploader")
    assert "Uploading data is for HR and admins only" in texts(at)
    at = open_as("viewer", {"data_tab": "Audit log"}, page=DATA)
    assert "The audit log is for admins only" in texts(at)
    assert [tab.label for tab in at.tabs] == ["Records", "About this data", "Import your data"]


def test_a_viewer_gets_the_offer_figures_and_link_but_no_downloads(roles_file):
    at = open_as("viewer", page=OFFER)
    assert metric(at, "Recommended base range") and at.code  # figures and the share link
    assert not at.get("download_button")
    assert "Downloading the offer summary is for HR and admins only" in texts(at)


def test_hr_sees_real_records_offer_downloads_and_uploads_but_no_admin_tabs(roles_file):
    at = open_as("hr", {**AIJOBS, "data_tab": "Audit log"}, page=DATA)
    assert record_tables(at) and at.get("file_uploader")
    assert "The audit log is for admins only" in texts(at)
    assert [tab.label for tab in at.tabs] == ["Records", "About this data", "Import your data"]
    at = open_as("hr", page=OFFER)
    assert [b.proto.label for b in at.get("download_button")] == [
        "Offer summary (CSV)", "Offer summary (PDF)"]


@pytest.mark.parametrize("role", ["hr", "admin"])
def test_hr_and_admin_get_real_records_offer_downloads_and_uploads(role, roles_file):
    at = open_as(role, AIJOBS, page=DATA)
    assert record_tables(at) and at.get("file_uploader")
    assert [b.proto.label for b in at.get("download_button")] == ["Download these records (CSV)"]
    at = open_as(role, page=OFFER)
    assert [b.proto.label for b in at.get("download_button")] == [
        "Offer summary (CSV)", "Offer summary (PDF)"]


@pytest.mark.parametrize(("tab", "refused"), [("Manage datasets", "Managing datasets"),
                                              ("Audit log", "The audit log")])
def test_hr_and_the_local_mode_are_refused_the_admin_tabs_by_link(tab, refused, roles_file):
    at = open_as("hr", {"data_tab": tab}, page=DATA)
    assert f"{refused} is for admins only" in texts(at)
    at = open_app({"data_tab": tab}, page=DATA)  # no sign-in configured
    assert f"{refused} needs sign-in with the admin role" in texts(at)
    assert tab not in [t.label for t in at.tabs]


def test_an_admin_reads_the_audit_log(roles_file, audit_log):
    at = open_as("admin", {"data_tab": "Audit log"}, page=DATA)
    assert [tab.label for tab in at.tabs][-2:] == ["Manage datasets", "Audit log"]
    log = next(frame.value for frame in at.dataframe if "action" in frame.value.columns)
    assert list(log["who"]) == ["ada@example.com"] and list(log["action"]) == ["sign-in"]


def test_an_admin_makes_a_kept_version_current_again(tmp_path, monkeypatch, roles_file,
                                                     audit_log, fixture_dataset):
    shared = tmp_path / "salaries.parquet"
    shutil.copyfile(SHIPPED_DATASET, shared)
    monkeypatch.setenv("PAYBENCH_DATA", str(shared))
    first = dataset_files.file_version(shared)
    replacement = tmp_path / "new.parquet"
    shutil.copyfile(fixture_dataset.path, replacement)
    second = dataset_files.publish(replacement, shared)  # an import; the first version is kept
    at = open_as("admin", {"data_tab": "Manage datasets"}, page=DATA)
    assert at.selectbox(key="manage_version").value == first
    at.button(key="manage_make_current").click().run()
    assert not at.exception
    assert dataset_files.file_version(shared) == first
    assert set(registry.kept_versions(dataset_files.open_dataset(shared))) == {first, second}
    change = entries(audit_log)[-1]
    assert (change["action"], change["who"], change["version"]) == (
        "dataset change", "ada@example.com", first)
    assert second in change["what"]


# ---- privacy settings -------------------------------------------------------------------------

def test_a_real_datasets_minimum_cell_size_comes_from_the_settings(roles_file, shipped_records):
    aijobs = dataset_files.read_records(registry.listing().find("aijobs").path)
    us_mle = aijobs[(aijobs["role"] == "Machine Learning Engineer") & (aijobs["country"] == "US")]
    roles_file.write_text(roles_file.read_text() + "[privacy.min_cell_size_by_dataset]\n"
                          f"aijobs = {len(us_mle) + 1}\n")
    at = open_as("viewer", AIJOBS)
    assert not at.metric
    assert f"Figures need at least {len(us_mle) + 1} records" in texts(at)
    at = open_as("viewer")  # the sample keeps 5
    us_sample = shipped_records[(shipped_records["role"] == "Machine Learning Engineer")
                                & (shipped_records["country"] == "US")]
    assert metric(at, "Records") == f"{len(us_sample):,}"


def test_listed_amounts_of_real_data_are_rounded_when_set(roles_file, shipped_records):
    roles_file.write_text(roles_file.read_text() + "[privacy]\nround_listed_amounts_to = 1000\n")
    at = open_as("hr", AIJOBS, page=DATA)
    (table,) = record_tables(at)
    records = dataset_files.read_records(registry.listing().find("aijobs").path).set_index(
        "record_id")
    for column in ("base_salary", "total_comp"):
        assert (table[column] % 1000 == 0).all()
        exact = records.loc[table["record_id"], column].to_numpy()
        assert (abs(table[column].to_numpy() - exact) <= 500).all()
    assert "rounded to the nearest $1,000" in texts(at)
    at = open_as("hr", page=DATA)  # the sample is listed as generated
    (sample_table,) = record_tables(at)
    generated = shipped_records.set_index("record_id").loc[sample_table["record_id"]]
    assert (sample_table["bonus"].to_numpy() == generated["bonus"].to_numpy()).all()
    assert "rounded" not in texts(at)


def test_an_upload_explored_by_hr_is_dropped_when_the_role_is_taken_away(roles_file):
    from tests.helpers import MESSY

    at = open_as("hr", page=DATA)
    at.get_by_key("data_upload").upload("messy.csv", MESSY.read_bytes(), "text/csv").run()
    at.button(key="import_check").click().run()
    at.button(key="import_explore").click().run()
    assert any("Exploring your upload" in w.value for w in at.sidebar.warning)
    roles_file.write_text('unlisted = "viewer"\n[admin]\nemails = ["ada@example.com"]\n')
    at.run()  # the next click: hr is now a viewer
    assert not any("Exploring your upload" in w.value for w in at.sidebar.warning)
    assert "role **viewer**" in " ".join(c.value for c in at.sidebar.caption)
    assert any("Calibrated sample data" in info.value for info in at.sidebar.info)
