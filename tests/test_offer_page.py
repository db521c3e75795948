"""The offer calculator under AppTest: its numbers come from the data, its link reproduces
them, its inputs start from the sidebar unless the link sets them, and bad links get a note."""

import math
from datetime import date
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pandas as pd
import pytest

from paybench.app.auth import OPEN_NOTE
from paybench.datasets.dataset import open_dataset
from paybench.paths import CALIBRATION_DIR, SHIPPED_DATASET
from paybench.present import offer_link
from paybench.present.formatting import money
from tests.helpers import MLE, aged_to_this_year, metric, open_link

PAGE = "pages/offer.py"
VERSION = open_dataset(SHIPPED_DATASET).version
METRICS = ["Recommended base range", "Base salary (offered)",
           "Year-1 total comp", "Annualized total comp", "Market percentile", "Compa-ratio",
           "Range penetration", "Verdict", "Prevailing wage floor", "Base against the floor",
           "Fully loaded cost per year", "Fully loaded cost in year 1"]


def cell_records(records: pd.DataFrame, **conditions) -> pd.DataFrame:
    for column, value in conditions.items():
        records = records[records[column] == value]
    return records


def oflc_wage(city: str, soc: str, level: int) -> float:
    """Read straight from the calibration file, not through the app."""
    row = pd.read_csv(CALIBRATION_DIR / "metro_factors.csv").set_index("city").loc[city]
    return float(row[f"oflc_{soc.replace('-', '_')}_level{level}"])


def percentile_of(values: pd.Series, x: float) -> str:
    share = ((values < x).sum() + (values == x).sum() / 2) / len(values)
    return f"P{round(100 * share)}"


def warnings_text(at) -> str:
    return " ".join(warning.value for warning in at.warning)


def test_defaults_price_a_senior_ml_engineer_in_san_francisco_at_market(shipped_records):
    """A fresh offer is the market package at the target percentile (P50): the cell's median
    base, and its mean bonus and mean equity against its mean base; so it reads at market."""
    at = open_link(PAGE)
    assert at.title[0].value == "Offer calculator"
    assert at.selectbox(key="aging").value == f"aged to {date.today().year}-01-01"
    cell = cell_records(aged_to_this_year(shipped_records), role=MLE, level="Senior",
                        city="San Francisco", work_arrangement="Onsite")
    median_base = np.percentile(cell["base_salary"], 50)
    bonus_share = cell["bonus"].mean() / cell["base_salary"].mean()
    equity = median_base * cell["equity"].mean() / cell["base_salary"].mean()
    bonus = median_base * bonus_share
    annualized = median_base + bonus + equity
    assert metric(at, "Market base at P50") == money(median_base)
    low, high = money(0.9 * median_base), money(1.1 * median_base)
    assert metric(at, "Recommended base range") == f"{low} – {high}"
    assert metric(at, "Base salary (offered)") == money(median_base)
    assert metric(at, "Annualized total comp") == money(annualized)
    assert metric(at, "Year-1 total comp") == money(annualized)  # no sign-on; equity vests yearly
    assert metric(at, "Market percentile") == percentile_of(cell["total_comp"], annualized)
    assert metric(at, "Verdict") == "Competitive"
    assert metric(at, "Compa-ratio") == "1.00"
    assert metric(at, "Range penetration") == "50%"
    assert metric(at, "Prevailing wage floor") == money(oflc_wage("San Francisco", "15-1252", 3))
    # Cost: 42% of cash pay (base + bonus) on top of total comp.
    assert metric(at, "Fully loaded cost per year") == money(annualized + 0.42 * (
        median_base + bonus))
    # every default is shown where it is set, and can be typed over
    shown_market = {key: at.number_input(key=key).placeholder for key in (
        "offer_base_salary", "offer_bonus_target_pct", "offer_equity_per_year")}
    assert shown_market == {"offer_base_salary": f"market: {money(median_base)}",
                            "offer_bonus_target_pct": f"market: {round(100 * bonus_share, 1):g}%",
                            "offer_equity_per_year": f"market: {money(equity)}"}
    assert at.radio(key="offer_equity_type").value == "Yearly value"
    assert any("Left empty, an amount is the market's" in caption.value for caption in at.caption)
    assert any(f"n = {len(cell):,}" in caption.value for caption in at.caption)
    assert len(at.get("plotly_chart")) == 1
    assert at.query_params[offer_link.DATASET_KEY] == VERSION


@pytest.mark.parametrize("aging", ["default", "as reported"])
def test_the_default_offer_clears_the_dol_level_iii_floor_for_san_francisco(shipped_records,
                                                                            aging):
    # Issue 12: the default (Senior, San Francisco, base at the market P50) sat below the floor.
    # It clears it aged to this year (the Offer page's default) and as reported.
    at = open_link(PAGE, {} if aging == "default" else {"aging": aging})
    records = aged_to_this_year(shipped_records) if aging == "default" else shipped_records
    cell = cell_records(records, role=MLE, level="Senior", city="San Francisco",
                        work_arrangement="Onsite")
    median_base = np.percentile(cell["base_salary"], 50)
    floor = oflc_wage("San Francisco", "15-1252", 3)
    assert median_base > floor
    assert metric(at, "Base against the floor") == f"Clears it by {money(median_base - floor)}"
    assert "below the prevailing wage" not in warnings_text(at)


def test_a_full_link_prices_the_offer_it_describes(shipped_records):
    at = open_link(PAGE, {
        "offer_role": "Data Scientist", "offer_level": "Staff", "offer_city": "Seattle",
        "offer_base_salary": "175000", "offer_bonus_target_pct": "10",
        "offer_grant_value": "200000", "offer_vesting": "Front-loaded", "offer_sign_on": "25000",
        "offer_dataset": VERSION,
    })  # no equity type: a grant's value and schedule make it a grant
    # base 175k, bonus 10% = 17.5k, grant 200k over 4 years = 50k a year, 40% = 80k in year 1,
    # sign-on 25k: annualized 175 + 17.5 + 50 = 242.5k; year 1 175 + 17.5 + 80 + 25 = 297.5k.
    # Cost: 242.5k + 0.42 x 192.5k (80.85k) = 323,350; year 1 297.5k + 0.42 x 217.5k = 388,850.
    assert metric(at, "Annualized total comp") == "$242,500"
    assert metric(at, "Year-1 total comp") == "$297,500"
    assert metric(at, "Fully loaded cost per year") == "$323,350"
    assert metric(at, "Fully loaded cost in year 1") == "$388,850"
    floor = oflc_wage("Seattle", "15-2051", 4)  # a Data Scientist at Staff: 15-2051 level IV
    assert metric(at, "Prevailing wage floor") == money(floor)
    assert metric(at, "Base against the floor") == f"Below it by {money(floor - 175_000)}"
    cell = cell_records(aged_to_this_year(shipped_records), role="Data Scientist", level="Staff",
                        city="Seattle", work_arrangement="Onsite")
    assert metric(at, "Market percentile") == percentile_of(cell["total_comp"], 242_500)
    assert metric(at, "Compa-ratio") == f"{175_000 / np.percentile(cell['base_salary'], 50):.2f}"
    vesting = next(frame.value for frame in at.dataframe if "Vests" in frame.value.columns)
    assert list(vesting["Vests"]) == ["$80,000", "$60,000", "$40,000", "$20,000"]


def test_the_shared_link_reproduces_every_number_in_a_new_session():
    at = open_link(PAGE, {"offer_level": "Mid", "offer_city": "Austin",
                          "offer_work_arrangement": "Hybrid", "offer_target_percentile": "75",
                          "offer_equity_type": "Yearly value", "offer_equity_per_year": "20000",
                          "offer_dataset": VERSION})
    at.number_input(key="offer_sign_on").set_value(15_000.0).run()
    assert not at.exception
    link = next(code.value for code in at.code if "offer_dataset=" in code.value)
    query = parse_qs(urlsplit(link).query, keep_blank_values=True)
    assert {f"offer_{name}" for name in offer_link.INPUT_NAMES} <= set(query)
    assert query["offer_sign_on"] == ["15000"] and query["offer_dataset"] == [VERSION]
    reopened = open_link(PAGE, {key: values[-1] for key, values in query.items()})
    shown_before = {m.label: m.value for m in at.metric}
    assert len(shown_before) == 17
    assert {m.label: m.value for m in reopened.metric} == shown_before
    assert metric(reopened, "Year-1 total comp") != metric(reopened, "Annualized total comp")
    assert [w.value for w in reopened.warning] == [OPEN_NOTE]  # no note but sign-in being off


def test_inputs_start_from_the_sidebar_and_the_link_carries_them():
    at = open_link(PAGE, {"role": "Data Scientist", "level": ["Staff"], "city": ["Boston"]})
    assert at.selectbox(key="offer_role").value == "Data Scientist"
    assert at.selectbox(key="offer_level").value == "Staff"
    assert at.selectbox(key="offer_city").value == "Boston"
    assert at.query_params["offer_role"] == "Data Scientist"
    assert at.query_params["offer_city"] == "Boston"
    assert any("Data Scientist · Staff" in caption.value for caption in at.caption)


def test_a_link_made_here_keeps_its_own_inputs_whatever_the_sidebar_says():
    at = open_link(PAGE, {"role": "Data Scientist", "city": ["Boston"], "offer_dataset": VERSION})
    assert at.selectbox(key="offer_role").value == MLE
    assert at.selectbox(key="offer_city").value == "San Francisco"


def test_changing_an_input_changes_the_numbers():
    at = open_link(PAGE)
    before = {label: metric(at, label) for label in METRICS}
    at.number_input(key="offer_base_salary").set_value(250_000.0).run()
    assert not at.exception
    assert metric(at, "Base salary (offered)") == "$250,000"
    assert metric(at, "Compa-ratio") != before["Compa-ratio"]
    assert metric(at, "Fully loaded cost per year") != before["Fully loaded cost per year"]


def test_a_link_made_on_other_data_says_so_and_shows_current_numbers():
    at = open_link(PAGE, {"offer_dataset": "000000000000"})
    text = warnings_text(at)
    assert "The data has changed since this link was made" in text
    assert "000000000000" in text and VERSION in text
    assert metric(at, "Annualized total comp").startswith("$")


def test_a_nonsense_dataset_version_is_replaced_with_a_note():
    at = open_link(PAGE, {"offer_dataset": "<b>1.0</b>"})
    assert "not a version this app writes" in warnings_text(at)
    assert at.query_params[offer_link.DATASET_KEY] == VERSION


@pytest.mark.parametrize(("key", "value", "widget", "fallback"), [
    ("offer_target_percentile", "150", "number_input", 50.0),
    ("offer_target_percentile", "10", "number_input", 50.0),
    ("offer_base_salary", "-5000", "number_input", None),
    ("offer_sign_on", "-1", "number_input", 0.0),
    ("offer_grant_value", "1e400", "number_input", None),
    ("offer_cost_rate_pct", "abc", "number_input", 42.0),
    ("offer_city", "Atlantis", "selectbox", "San Francisco"),
    ("offer_role", "x' or '1'='1", "selectbox", MLE),
    ("offer_vesting_years", "9", "selectbox", 4),
    ("offer_equity_type", "<script>alert(1)</script>", "radio", "Yearly value"),
])
def test_bad_link_values_get_a_note_and_a_fallback(key, value, widget, fallback):
    at = open_link(PAGE, {key: value, "offer_dataset": VERSION})
    text = warnings_text(at)
    assert "Ignored" in text and "from the link" in text
    assert "<script>" not in text
    assert getattr(at, widget)(key=key).value == fallback
    assert metric(at, "Annualized total comp").startswith("$")


def test_a_city_not_in_the_data_is_ignored_for_the_default_and_the_link_agrees():
    at = open_link(PAGE, {"offer_city": "Atlantis", "city": ["Boston"], "role": "Data Scientist"})
    assert "Ignored city “Atlantis” from the link: not in this dataset." in warnings_text(at)
    assert at.selectbox(key="offer_city").value == "San Francisco"
    assert "offer_city" not in at.query_params  # the default, as the widget shows
    # inputs the link leaves out still start from the sidebar
    assert at.selectbox(key="offer_role").value == "Data Scientist"
    assert at.query_params["offer_role"] == "Data Scientist"


def test_equity_far_above_base_is_a_warning_not_a_block():
    at = open_link(PAGE, {"offer_base_salary": "150000", "offer_bonus_target_pct": "10",
                          "offer_equity_type": "Yearly value",
                          "offer_equity_per_year": "900000", "offer_dataset": VERSION})
    assert "more than 2 times the base salary" in warnings_text(at)
    # 150k + 15k bonus + 900k equity
    assert metric(at, "Annualized total comp") == "$1,065,000"


def test_a_cliff_longer_than_the_vesting_is_explained():
    at = open_link(PAGE, {"offer_grant_value": "50000", "offer_vesting_years": "1",
                          "offer_cliff_months": "24", "offer_dataset": VERSION})
    assert "longer than the vesting period" in warnings_text(at)


def test_a_thin_remote_cell_uses_all_remote_records_of_the_role_and_level(shipped_records):
    at = open_link(PAGE, {"offer_city": "Charlotte", "offer_work_arrangement": "Remote",
                          "offer_dataset": VERSION})
    own = cell_records(shipped_records, role=MLE, level="Senior", city="Charlotte",
                       work_arrangement="Remote")
    assert len(own) < 5  # the shipped data has 4: the fallback is needed
    broader = cell_records(aged_to_this_year(shipped_records), role=MLE, level="Senior",
                           work_arrangement="Remote")
    note = " ".join(info.value for info in at.info)
    assert f"has n = {len(own)}, fewer than 5" in note
    assert "without city, metro area" in note
    assert metric(at, "Market base at P50") == money(np.percentile(broader["base_salary"], 50))
    # The prevailing wage is still Charlotte's: the candidate's city is the worksite.
    assert metric(at, "Prevailing wage floor") == money(oflc_wage("Charlotte", "15-1252", 3))


def test_a_market_default_follows_the_market_cell_and_a_given_amount_stays(shipped_records):
    """An empty amount is the market's for whatever cell the inputs pick; an amount the link
    gives is kept whatever the cell."""
    at = open_link(PAGE, {"offer_level": "Mid", "offer_city": "Austin",
                          "offer_equity_per_year": "12000", "offer_dataset": VERSION})
    aged = aged_to_this_year(shipped_records)
    cell = cell_records(aged, role=MLE, level="Mid", city="Austin", work_arrangement="Onsite")
    median_base = np.percentile(cell["base_salary"], 50)
    bonus = median_base * cell["bonus"].mean() / cell["base_salary"].mean()
    assert metric(at, "Annualized total comp") == money(median_base + bonus + 12_000)
    at.selectbox(key="offer_city").set_value("Boston").run()
    boston = cell_records(aged, role=MLE, level="Mid", city="Boston", work_arrangement="Onsite")
    boston_base = np.percentile(boston["base_salary"], 50)
    boston_bonus = boston_base * boston["bonus"].mean() / boston["base_salary"].mean()
    assert metric(at, "Annualized total comp") == money(boston_base + boston_bonus + 12_000)
    assert at.number_input(key="offer_equity_per_year").value == 12_000


def test_downloads_are_offered():
    at = open_link(PAGE)
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Offer summary (CSV)", "Offer summary (PDF)"]


def test_the_offer_says_where_it_sits_in_the_cells_posted_range(shipped_records):
    cell = cell_records(aged_to_this_year(shipped_records), role=MLE, level="Staff", city="Seattle",
                        work_arrangement="Onsite")
    # the Pay ranges page's default for the cell: Staff's 60% range around the median base,
    # posted from its minimum (2M / 2.6) to its midpoint, ends rounded outward to $1,000
    midpoint = np.percentile(cell["base_salary"], 50)
    low, high = math.floor(2 * midpoint / 2.6 / 1000) * 1000, math.ceil(midpoint / 1000) * 1000
    for base, where in (((low + high) / 2, "Inside, at 50% of it"),
                        (low - 5_000, "Below it by $5,000"), (high + 5_000, "Above it by $5,000")):
        at = open_link(PAGE, {"offer_level": "Staff", "offer_city": "Seattle",
                              "offer_base_salary": f"{base:.0f}", "offer_dataset": VERSION})
        assert metric(at, "Posted range for this cell") == f"{money(low)} – {money(high)}"
        assert metric(at, "Base against the posted range") == where


def test_on_a_dataset_with_other_countries_the_offer_is_priced_on_us_records():
    """aijobs.net has records from many countries; the offer's floor, aging and cost rate are
    US figures, so its market cell holds only the US records (the review found 612 records in
    the cell where 547 were American)."""
    records = pd.read_parquet(SHIPPED_DATASET.parent / "aijobs.parquet")
    at = open_link(PAGE, {"dataset": "aijobs", "aging": "as reported",
                          "offer_work_arrangement": "Onsite"})
    cell = cell_records(records, role=MLE, level="Senior", work_arrangement="Onsite")
    us = cell[cell["country"] == "US"]
    assert len(us) < len(cell)  # the test means something only if other countries are there
    captions = " ".join(caption.value for caption in at.caption)
    assert f"(n = {len(us):,})" in captions
    assert metric(at, "Market base at P50") == money(np.percentile(us["base_salary"], 50))
