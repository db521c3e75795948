"""Aging to an effective date: the factors worked by hand from the budgets file, the SQL's aged
figures against the reported ones on a fixture, and the control in the link."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from paybench.datasets import calibration
from paybench.domain import aging
from paybench.domain.aging import Aging
from paybench.present.aging_text import amounts_note, method
from paybench.query import runner
from paybench.query.filters import Filters
from tests.helpers import MLE, PROJECT_ROOT, aged_to_this_year, metric, open_app

BUDGETS = calibration.salary_increase_budgets()
JAN_2026 = Aging(date(2026, 1, 1))


def test_the_budgets_file_has_a_sourced_rate_for_every_year_it_lists():
    frame = pd.read_csv(PROJECT_ROOT / "data" / "calibration" / "salary_increase_budgets.csv")
    assert set(frame["kind"]) <= {"actual", "projected"}
    assert frame["source_url"].str.startswith("https://").all()
    assert frame["budget_pct"].between(0.01, 0.08).all()
    assert frame.loc[frame["kind"] == "projected", "notes"].str.contains("UNSETTLED").all()


@pytest.mark.parametrize(("year", "expected"), [
    # 1 July 2024 to 1 January 2026: six months of 2024 at 3.9%, all of 2025 at 3.7%:
    # 1.039 ** 0.5 x 1.037 = 1.019313 x 1.037 = 1.057028
    (2024, 1.039 ** 0.5 * 1.037),
    # 1 July 2025 to 1 January 2026: six months at 3.7%: 1.037 ** 0.5 = 1.018332
    (2025, 1.037 ** 0.5),
    # 1 July 2022 to 1 January 2026: 4.1% for half of 2022, then 4.4%, 3.9%, 3.7%
    (2022, 1.041 ** 0.5 * 1.044 * 1.039 * 1.037),
    # A 2026 record aged back to 1 January 2026: six months of 2026 at 3.6%, undone
    (2026, 1.036 ** -0.5),
])
def test_factors_worked_by_hand(year, expected):
    assert aging.factor(year, JAN_2026, BUDGETS) == pytest.approx(expected, rel=1e-12)


def test_as_reported_leaves_every_amount_alone():
    assert aging.factor(2022, Aging(), BUDGETS) == 1.0
    assert aging.sql_parameter(2022, 2025, Aging(), BUDGETS) is None


def test_the_choices_run_from_this_year_back_where_the_budgets_reach():
    found = [choice.choice for choice in aging.choices(2022, 2025, date(2026, 11, 26), BUDGETS)]
    assert found == ["as reported", "aged to 2026-01-01", "aged to 2025-01-01",
                     "aged to 2024-01-01", "aged to 2023-01-01"]
    assert Aging.from_choice("aged to 2026-01-01") == JAN_2026
    with pytest.raises(ValueError):
        Aging.from_choice("aged to 2026-13-01")


def test_the_words_say_which_and_how():
    assert amounts_note(Aging()) == "Amounts as reported."
    assert amounts_note(JAN_2026) == "Amounts aged to 1 January 2026."
    text = method(JAN_2026, 2022, BUDGETS, calibration.projected_budget_years())
    assert "2022 4.1%" in text and "2025 3.7%" in text and "1 July" in text


def aged_params(filters: Filters, chosen: Aging, first_year: int, last_year: int) -> dict:
    return {**filters.sql_params(),
            "aging": aging.sql_parameter(first_year, last_year, chosen, BUDGETS)}


def test_an_aged_median_is_the_reported_one_times_its_years_factor(fixture_dataset,
                                                                   fixture_records):
    one_year = Filters(role=MLE, year_min=2024, year_max=2024)
    reported = runner.run("headline_total_comp", fixture_dataset,
                          aged_params(one_year, Aging(), 2022, 2025)).row
    aged = runner.run("headline_total_comp", fixture_dataset,
                      aged_params(one_year, JAN_2026, 2022, 2025)).row
    factor = 1.039 ** 0.5 * 1.037
    assert aged["median_total_comp"] == pytest.approx(reported["median_total_comp"] * factor)
    assert aged["mean_total_comp"] == pytest.approx(reported["mean_total_comp"] * factor)


def test_across_years_each_record_is_aged_by_its_own_year(fixture_dataset, fixture_records):
    every_year = Filters(role=MLE)
    params = aged_params(every_year, JAN_2026, 2022, 2025)
    aged = runner.run("pay_percentiles", fixture_dataset, params).frame.set_index("measure")
    records = fixture_records[fixture_records["role"] == MLE]
    factors = records["year"].map({year: aging.factor(year, JAN_2026, BUDGETS)
                                   for year in range(2022, 2026)})
    expected = np.percentile(records["total_comp"] * factors, [10, 25, 50, 75, 90])
    np.testing.assert_allclose(aged.loc["total_comp", ["p10", "p25", "p50", "p75", "p90"]]
                               .astype(float), expected)
    reported_median = np.median(records["total_comp"])
    assert aged.loc["total_comp", "p50"] != pytest.approx(reported_median * factors.iloc[0])


def test_the_control_is_in_the_link_and_as_reported_on_exploring_pages(shipped_records):
    default = open_app()
    assert default.selectbox(key="aging").value == "as reported"
    choice = f"aged to {date.today().year}-01-01"
    aged = open_app({"aging": choice})
    records = aged_to_this_year(shipped_records).query("role == @MLE and country == 'US'")
    assert metric(aged, "Mean total comp") == f"${records['total_comp'].mean():,.0f}"
    assert any(f"Amounts aged to 1 January {date.today().year}" in caption.value
               for caption in aged.caption)


def test_a_bad_aging_in_a_link_gets_a_note():
    at = open_app({"aging": "aged to 1999-01-01"})
    assert at.selectbox(key="aging").value == "as reported"
    assert any("Ignored aging" in warning.value for warning in at.sidebar.warning)
