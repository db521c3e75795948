"""The app under Streamlit's AppTest: every page runs, filters come from the link, thin and
empty selections are explained, hostile links are shrugged off."""

import json

import pandas as pd
import pytest

from paybench.paths import SHIPPED_DATASET
from paybench.present.formatting import money
from paybench.present.tables import NO_BONUS_OR_EQUITY
from tests.helpers import MLE, PAGES, metric, open_app


def expected_headline(records, **conditions) -> tuple[int, float]:
    subset = records
    for column, values in conditions.items():
        subset = subset[subset[column].isin(values if isinstance(values, list) else [values])]
    return len(subset), subset["total_comp"].mean()


def test_defaults_show_the_guides_us_average():
    at = open_app()
    assert at.selectbox(key="role").value == MLE
    assert at.multiselect(key="country").value == ["US"]
    assert metric(at, "Mean total comp") == "$167,627"
    assert metric(at, "Records") == "15,000"
    assert len(at.get("plotly_chart")) == 4
    assert any("Calibrated sample" in info.value for info in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_defaults(page):
    at = open_app(page=page)
    assert at.title[0].value in {"Overview", "Cities", "Remote", "Offer calculator", "Pay ranges",
                                 "Hire anywhere", "Data"}


def test_data_page_states_version_rows_and_years(shipped_records):
    at = open_app(page="pages/data.py")
    assert metric(at, "Records") == f"{len(shipped_records):,}"
    assert metric(at, "Years") == "2022–2025"
    assert len(metric(at, "Dataset version")) == 12
    assert any("167,627" in block.value for block in at.markdown)


@pytest.mark.parametrize("query", [
    {"level": ["Senior"], "city": ["Seattle"]},
    {"role": "Data Scientist", "work_arrangement": ["Remote", "Hybrid"]},
    {"industry": ["Finance"], "company_size": ["Large"], "year": ["2024", "2025"]},
    {"metro": ["San Jose-Sunnyvale-Santa Clara, CA"], "level": ["Staff", "Principal"]},
    {"metro": ["Rest of US"], "level": ["Entry"]},  # the records outside the listed cities
])
def test_link_filters_drive_the_headline(query, shipped_records):
    at = open_app(query)
    conditions = {key: value for key, value in query.items() if key != "year"}
    conditions.setdefault("role", MLE)
    records = shipped_records
    if "year" in query:
        low, high = map(int, query["year"])
        records = records[records["year"].between(low, high)]
    n, mean = expected_headline(records, **conditions)
    assert metric(at, "Records") == f"{n:,}"
    assert metric(at, "Mean total comp") == money(mean)
    for key, value in query.items():
        widget = at.get_by_key(key)
        expected = tuple(map(int, value)) if key == "year" else value
        assert widget.value == expected


def test_changing_a_filter_changes_the_numbers():
    at = open_app()
    before = metric(at, "Mean total comp")
    at.multiselect(key="city").set_value(["San Francisco"]).run()
    assert not at.exception
    assert metric(at, "Mean total comp") != before


def test_a_thin_selection_shows_no_numbers_and_offers_a_broader_cell():
    at = open_app({"city": ["Madison"], "level": ["Principal"], "industry": ["Manufacturing"]})
    assert not at.metric
    assert any("at least 5 records" in warning.value for warning in at.warning)
    button = at.button(key="broaden")
    assert "without city" in button.label
    button.click().run()
    assert not at.exception
    assert at.multiselect(key="city").value == []
    assert int(metric(at, "Records").replace(",", "")) >= 5


def test_an_empty_selection_is_explained():
    at = open_app({"role": "AI Engineer", "city": ["Madison"], "year": ["2022", "2022"],
                   "level": ["Principal"], "industry": ["Cybersecurity"]})
    assert not at.metric and not at.get("plotly_chart")
    assert any("n = 0" in warning.value for warning in at.warning)


@pytest.mark.parametrize("query", [
    {"city": ["'; drop table salaries; --"]},
    {"role": "x' or '1'='1"},
    {"city": ["Atlantis", "Seattle"]},
    {"level": ["<script>alert(1)</script>"]},
    {"industry": ["a" * 10_000]},
    {"year": ["1' or 1=1", "2025"]},
    {"utm_source": ["newsletter"], "level": ["Mid", "Mid"]},
])
def test_hostile_links_are_dropped_with_a_note(query):
    at = open_app(query)
    assert at.sidebar.warning, "the sidebar should say what was ignored"
    assert all(len(w.value) < 300 for w in at.sidebar.warning)
    assert at.selectbox(key="role").value == MLE
    assert set(at.multiselect(key="city").value) <= {"Seattle"}
    assert metric(at, "Mean total comp").startswith("$")


def test_each_figure_reveals_its_sql_and_parameters_when_asked():
    from paybench import sql

    at = open_app({"city": ["Seattle"]})
    assert not at.code  # nothing drawn until opened
    at.session_state["sql_headline_total_comp"] = True
    at.run()
    code, params = (block.value for block in at.code)
    assert code.strip() == sql.text("headline_total_comp").strip()
    bound = json.loads(params)["filters"]
    assert bound["city"] == ["Seattle"] and bound["role"] == "Machine Learning Engineer"


def test_a_dataset_without_bonus_or_equity_says_its_zeros_are_not_a_finding():
    """aijobs.net records one pay figure: its pay mix and the offer's market package say the
    zeros are the dataset's, not the market's; the sample, which has both, says nothing."""
    aijobs = pd.read_parquet(SHIPPED_DATASET.parent / "aijobs.parquet", columns=["bonus", "equity"])
    assert (aijobs == 0).all().all()  # the premise: no record reports either
    for page in (None, "pages/offer.py"):
        shown = open_app({"dataset": "aijobs"}, page=page)
        texts = [element.value for kind in ("info", "caption") for element in getattr(shown, kind)]
        assert NO_BONUS_OR_EQUITY in texts, page
        sample = open_app(page=page)
        texts = [element.value for kind in ("info", "caption") for element in getattr(sample, kind)]
        assert NO_BONUS_OR_EQUITY not in texts, page
