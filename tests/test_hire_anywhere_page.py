"""The Hire anywhere page under AppTest: the calibrated sample offers a dataset with countries;
on the aijobs.net records the table holds the countries the records say it should, with the
medians of the records; every input lives in the link; hostile link values are dropped with a
note, never an exception."""

import numpy as np
import pandas as pd
import pytest

from paybench.datasets import calibration
from paybench.paths import DATA_DIR
from paybench.present import page_keys
from paybench.present.formatting import money
from paybench.query import catalog
from tests.helpers import MLE, open_app

PAGE = "pages/hire_anywhere.py"
AIJOBS = {"dataset": "aijobs"}
NAMES = dict(zip(calibration.countries()["iso2"], calibration.countries()["name"], strict=True))


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    path = DATA_DIR / "aijobs.parquet"
    if not path.is_file():
        pytest.skip("data/aijobs.parquet is not here")
    return pd.read_parquet(path)


def ranked(at) -> pd.DataFrame:
    return at.dataframe[0].value


def in_link(at, key: str) -> str:
    """The value the app's URL carries under key (AppTest keeps one or a list)."""
    value = at.query_params[key]
    return value if isinstance(value, str) else value[-1]


def test_the_calibrated_sample_says_it_needs_countries_and_switches_to_a_dataset_with_them():
    at = open_app(page=PAGE)
    assert any("needs a dataset with countries" in info.value for info in at.info)
    assert not any(expander.label.endswith("pay_by_country") for expander in at.expander)
    switch = next(button for button in at.button if button.key == "switch_to_aijobs")
    switch.click().run()
    assert not at.exception
    assert at.selectbox(key=page_keys.DATASET).value == "aijobs"
    assert in_link(at, page_keys.DATASET) == "aijobs"
    assert "Country" in ranked(at).columns and len(ranked(at)) > 1


def test_the_table_holds_every_country_with_enough_ml_engineers_at_their_medians(records):
    """At 30 records at least: the countries whose ML engineers (all levels) or, pooled, ML
    and AI engineering roles number 30 or more, computed from the records here."""
    at = open_app({**AIJOBS, page_keys.HIRE_MIN_RECORDS: "30"}, page=PAGE)
    table = ranked(at).set_index("Country")
    family = catalog.role_family(MLE)[1]
    exact = records[records["role"] == MLE].groupby("country")["total_comp"]
    pooled = records[records["role"].isin(family)].groupby("country").size()
    expected = {c for c, n in exact.size().items() if n >= 30} | {c for c, n in pooled.items()
                                                                   if n >= 30}
    assert set(table.index) == {NAMES[c] for c in expected}
    for country, values in exact:
        if len(values) >= 30:
            row = table.loc[NAMES[country]]
            assert row["Cell"] == "as selected"
            assert row["n"] == f"{len(values):,}"
            assert row["Median pay"] == money(np.median(values))


def test_the_table_is_ranked_by_the_chosen_measure():
    at = open_app({**AIJOBS, page_keys.HIRE_RANK_BY: "Median pay"}, page=PAGE)
    medians = [float(v.strip("$").replace(",", "")) for v in ranked(at)["Median pay"]]
    assert medians == sorted(medians, reverse=True)


def test_every_input_is_read_from_the_link():
    """London's team on 16 March 2026 (the US on daylight saving, the UK not yet): New York
    shares 4 hours (13:00-17:00 UTC) and the UK all 8; a $500 fee is $6,000 a year."""
    link = {**AIJOBS, page_keys.HIRE_TEAM_ZONE: "Europe/London",
            page_keys.HIRE_DATE: "2026-03-16", page_keys.HIRE_EOR_FEE: "500",
            page_keys.HIRE_MIN_RECORDS: "30", page_keys.HIRE_US_CITY: "Seattle",
            page_keys.HIRE_US_ARRANGEMENT: "Remote", page_keys.HIRE_MIN_OVERLAP: "5",
            page_keys.HIRE_UNSOURCED: "true", page_keys.HIRE_RANK_BY: "Overlap"}
    at = open_app(link, page=PAGE)
    assert not at.main.warning
    table = ranked(at).set_index("Country")
    assert table.loc["United States", "Overlap"] == "4 h"
    assert table.loc["United Kingdom", "Overlap"] == "8 h"
    assert table.loc["United States", "Under the minimum"] == "yes"
    assert table.loc["United Kingdom", "EOR fee"] == "$6,000"
    assert table.loc["United States", "EOR fee"] == "$0"
    assert list(table["Overlap"]) == sorted(table["Overlap"], key=lambda h: -float(h[:-2]))
    assert any("remote, living in Seattle" in metric.label for metric in at.metric)
    for key, value in link.items():
        assert in_link(at, key) == value


def test_counting_unsourced_rates_adds_them_to_the_cost():
    """France's one unsourced rate (1.5% up to 1 PASS) is left out until asked for."""
    base = open_app({**AIJOBS, page_keys.HIRE_MIN_RECORDS: "5"}, page=PAGE)
    counted = open_app({**AIJOBS, page_keys.HIRE_MIN_RECORDS: "5",
                        page_keys.HIRE_UNSOURCED: "true"}, page=PAGE)

    def france(at):
        return ranked(at).set_index("Country").loc["France"]

    assert "without a source not counted" in france(base)["Notes"]
    assert "without a source counted (assumption)" in france(counted)["Notes"]
    assert france(counted)["Yearly cost"] > france(base)["Yearly cost"]


def test_the_contribution_table_shows_each_rows_flags():
    at = open_app(AIJOBS, page=PAGE)
    rows = at.dataframe[2].value
    assert {"Status", "Counted", "Source", "Checked"} <= set(rows.columns)
    example = rows[rows["Component"].str.contains("SUTA")].iloc[0]
    assert (example["Counted"], example["Status"]) == ("no", "example, never counted")
    assert any("96 rows for 21 countries" in caption.value for caption in at.caption)


HOSTILE = ["", "'; drop table salaries; --", "-1", "1e400", "NaN", "<script>alert(1)</script>",
           "a" * 5_000, "2026-02-30"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_link_values_are_dropped_with_a_note(value):
    link = {**AIJOBS, **dict.fromkeys(page_keys.HIRE_KEYS, value)}
    at = open_app(link, page=PAGE)
    assert len(ranked(at)) > 1  # the page still draws its table, on the defaults
    assert at.selectbox(key=page_keys.HIRE_TEAM_ZONE).value == "automatic"
    assert at.number_input(key=page_keys.HIRE_EOR_FEE).value == 199
    if value:
        assert len(at.warning) >= 5
    for warning in at.warning:
        assert len(warning.value) < 400 and "<script>" not in warning.value


def test_the_date_is_written_into_the_link():
    """A link opened on another day keeps the sender's date (daylight saving may differ)."""
    at = open_app(AIJOBS, page=PAGE)
    written = in_link(at, page_keys.HIRE_DATE)
    assert at.date_input(key=page_keys.HIRE_DATE).value.isoformat() == written


def test_the_teams_zone_follows_the_us_hires_city_and_says_which():
    """The automatic zone is the city's: named under the box, and used for the overlap."""
    at = open_app({**AIJOBS, page_keys.HIRE_US_CITY: "Austin"}, page=PAGE)
    captions = " ".join(caption.value for caption in at.caption)
    assert "The team works in America/Chicago." in captions
    assert "(America/Chicago)" in captions
    assert "America/Los_Angeles" not in captions
