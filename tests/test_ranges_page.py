"""The Pay ranges page under AppTest: its structure comes from the records (checked against
pandas and numpy here, never against typed-in numbers of the sample), a thin market falls back
and says so, the posting range and laws follow the link, it works on the real public dataset,
and hostile link values are dropped with a note."""

import csv
import io
import math
from datetime import date
from itertools import pairwise

import numpy as np
import pandas as pd
import pytest

from paybench.datasets.dataset import open_dataset
from paybench.domain import ranges
from paybench.domain.aging import Aging
from paybench.paths import SHIPPED_DATASET
from paybench.present import export_stamp, page_keys, ranges_summary
from paybench.present.formatting import money
from paybench.query.filters import Filters
from paybench.query.market_cell import StructureCell
from tests.helpers import MLE, aged_to_this_year, metric, open_link

PAGE = "pages/ranges.py"


def records_of(records: pd.DataFrame, role: str = MLE, **conditions) -> pd.DataFrame:
    subset = records[(records["role"] == role) & (records["country"] == "US")]
    for column, values in conditions.items():
        subset = subset[subset[column].isin(values if isinstance(values, list) else [values])]
    return subset


def structure_table(at) -> pd.DataFrame:
    return next(frame.value for frame in at.dataframe if "Midpoint" in frame.value.columns
                ).set_index("Level")


def expected_range(base: pd.Series, level: str, percentile: float = 50) -> ranges.PayRange:
    """The level's range worked out from its records: midpoint = the percentile of base salary,
    min = 2M / (2 + s), max = min (1 + s) with the default spread."""
    midpoint = float(np.percentile(base, percentile))
    spread = ranges.DEFAULT_SPREADS[level]
    minimum = 2 * midpoint / (2 + spread)
    return ranges.PayRange(minimum, midpoint, minimum * (1 + spread))


def law_groups(at) -> dict[str, str]:
    """The page's lists of laws by status ("Applies if", ...), markdown escapes removed."""
    groups = {}
    for block in at.markdown:
        for label in ranges_summary.STATUS_LABELS.values():
            if block.value.startswith(f"**{label}**"):  # bold marks removed below
                groups[label] = block.value.replace("\\", "").replace("**", "")
    return groups


def page_text(at) -> str:
    return "\n".join(element.value for kind in ("markdown", "caption", "info", "warning")
                     for element in getattr(at, kind))


def test_defaults_build_a_national_structure_from_the_records(shipped_records):
    at = open_link(PAGE)
    assert at.title[0].value == "Pay ranges"
    assert [header.value for header in at.header][:3] == [
        "Salary structure", "Posting range", "Which laws apply"]
    table = structure_table(at)
    cell = records_of(aged_to_this_year(shipped_records))
    assert list(table.index) == ["Entry", "Mid", "Senior", "Staff", "Principal"]
    midpoints = {}
    for level, group in cell.groupby("level"):
        expected = expected_range(group["base_salary"], level)
        midpoints[level] = expected.midpoint
        row = table.loc[level]
        assert row["n"] == f"{len(group):,}"
        assert (row["Min"], row["Midpoint"], row["Max"]) == (
            money(expected.minimum), money(expected.midpoint), money(expected.maximum))
        assert row["Market P25"] == money(np.percentile(group["base_salary"], 25))
    # Senior over Mid, worked from the two medians
    assert table.loc["Senior", "Progression"] == \
        f"{100 * (midpoints['Senior'] / midpoints['Mid'] - 1):.0f}%"
    assert len(at.get("plotly_chart")) == 1


def test_a_seattle_structure_and_its_posting(shipped_records):
    at = open_link(PAGE, {page_keys.RANGES_LOCATION: "City: Seattle"})
    seattle = records_of(aged_to_this_year(shipped_records), city="Seattle")
    table = structure_table(at)
    senior = expected_range(seattle.loc[seattle["level"] == "Senior", "base_salary"], "Senior")
    staff = expected_range(seattle.loc[seattle["level"] == "Staff", "base_salary"], "Staff")
    assert table.loc["Senior", "Midpoint"] == money(senior.midpoint)
    # overlap of Staff with Senior: (Senior max - Staff min) / (Staff max - Staff min)
    overlap = (senior.maximum - staff.minimum) / (staff.maximum - staff.minimum)
    assert table.loc["Staff", "Overlap"] == (
        f"{100 * overlap:.0f}%" if overlap >= 0 else f"none (gap of {100 * -overlap:.0f}%)")
    # the default posting: Senior's hiring range, min to midpoint, ends rounded outward to $1,000
    low, high = math.floor(senior.minimum / 1000) * 1000, math.ceil(senior.midpoint / 1000) * 1000
    assert metric(at, "Range to post") == f"{money(low)} – {money(high)}"
    # the work location follows the market: Seattle, and Washington's laws
    assert "Work location: Seattle, WA" in page_text(at)
    groups = law_groups(at)
    assert list(groups) == ["May apply (unsettled)"]
    assert groups["May apply (unsettled)"].count("- Washington") == 2  # the act and its amendment
    posting = next(code.value for code in at.code)
    assert f"Base salary: {money(low)} to {money(high)} a year" in posting


def test_a_level_whose_minimum_falls_below_the_one_below_is_warned_of(shipped_records):
    """Austin, as a review found it: every level's range worked out from the records, and the
    page warns exactly where a minimum is below the lower level's (and is quiet otherwise)."""
    at = open_link(PAGE, {page_keys.RANGES_LOCATION: "City: Austin"})
    austin = records_of(aged_to_this_year(shipped_records), city="Austin")
    found = {level: expected_range(austin.loc[austin["level"] == level, "base_salary"], level)
             for level in ranges.DEFAULT_SPREADS}
    levels = list(found)
    inverted = [(lower, higher) for lower, higher in pairwise(levels)
                if found[higher].minimum < found[lower].minimum]
    warnings = " ".join(warning.value for warning in at.warning).replace("\\", "")
    for lower, higher in inverted:
        assert f"{higher}'s minimum ({money(found[higher].minimum)}) is below {lower}'s" in warnings
    assert (inverted != []) == ("minimum above the one below" in warnings)
    seattle = open_link(PAGE, {page_keys.RANGES_LOCATION: "City: Seattle"})
    assert not any("is below" in warning.value for warning in seattle.warning)


def test_the_sidebar_selection_is_the_default_market(shipped_records):
    at = open_link(PAGE, {"city": ["Austin", "Denver"], "level": ["Senior"]})
    table = structure_table(at)
    # every level, not just Senior
    cell = records_of(aged_to_this_year(shipped_records), city=["Austin", "Denver"])
    assert list(table["n"]) == [f"{n:,}" for n in cell.groupby("level").size().reindex(
        table.index)]
    assert table.loc["Staff", "Midpoint"] == money(
        np.percentile(cell.loc[cell["level"] == "Staff", "base_salary"], 50))
    assert any("Austin, Denver" in caption.value for caption in at.caption)
    assert any("level filter is not used here" in caption.value for caption in at.caption)


def test_a_thin_market_falls_back_as_a_whole_and_says_so(shipped_records):
    link = {"role": "AI Engineer", "industry": ["Finance"], "company_size": ["Small"],
            page_keys.RANGES_LOCATION: "City: Madison"}
    own = records_of(aged_to_this_year(shipped_records), role="AI Engineer", industry="Finance",
                     company_size="Small", city="Madison")
    assert (own.groupby("level").size().reindex(ranges.DEFAULT_SPREADS, fill_value=0) < 5).any()
    at = open_link(PAGE, link)
    fallback = next(info.value for info in at.info if "nearest broader market" in info.value)
    assert "fewer than 5 records" in fallback
    assert "compares like with like" in fallback
    table = structure_table(at)
    # every level's n is from one and the same broader market
    used = next(caption.value for caption in at.caption if "Base salary per year" in caption.value)
    assert "Madison" not in used.split("(n =")[0]
    assert all(int(n.replace(",", "")) >= 5 for n in table["n"])


def test_a_zone_is_the_cities_of_one_tier(shipped_records):
    at = open_link(PAGE, {page_keys.RANGES_LOCATION: "Zone 1"})
    mle = records_of(aged_to_this_year(shipped_records))
    national_median = mle["total_comp"].median()
    by_city = mle.groupby("city")["total_comp"].agg(["median", "size"])
    by_city = by_city[by_city["size"] >= 5]
    zone = sorted(by_city.index[by_city["median"] / national_median >= 1.10])
    assert zone, "the default top tier has cities in the sample"
    table = structure_table(at)
    senior = mle[mle["city"].isin(zone) & (mle["level"] == "Senior")]
    assert table.loc["Senior", "n"] == f"{len(senior):,}"
    assert table.loc["Senior", "Midpoint"] == money(np.percentile(senior["base_salary"], 50))


def test_changing_the_percentile_and_a_spread_moves_the_range(shipped_records):
    at = open_link(PAGE, {page_keys.RANGES_PERCENTILE: "75", "ranges_spread_senior": "80"})
    senior = records_of(aged_to_this_year(shipped_records), level="Senior")["base_salary"]
    midpoint = float(np.percentile(senior, 75))
    minimum = 2 * midpoint / 2.8  # spread 80%
    row = structure_table(at).loc["Senior"]
    assert (row["Midpoint"], row["Min"], row["Max"], row["Spread"]) == (
        money(midpoint), money(minimum), money(minimum * 1.8), "80%")
    assert row["P50 compa-ratio"] == f"{np.percentile(senior, 50) / midpoint:.2f}"


@pytest.mark.parametrize(("link", "status", "law"), [
    ({page_keys.RANGES_WORK_LOCATION: "Denver, CO", page_keys.RANGES_EMPLOYEES: "60"},
     "Applies if", "Colorado, Equal Pay for Equal Work Act"),
    ({page_keys.RANGES_WORK_LOCATION: "Remote: anywhere in the US",
      page_keys.RANGES_EMPLOYEES: "20"}, "Applies if", "California"),
    ({page_keys.RANGES_WORK_LOCATION: "New York, NY"}, "Applies if", "New York City"),
    ({page_keys.RANGES_WORK_LOCATION: "Berlin, Germany"}, "May apply (unsettled)",
     "European Union, Pay Transparency Directive"),
])
def test_the_laws_follow_the_work_location(link, status, law):
    at = open_link(PAGE, link)
    assert law in law_groups(at)[status]


def test_structure_range_posted_is_flagged_when_too_wide(shipped_records):
    at = open_link(PAGE, {page_keys.RANGES_LEVEL: "Principal",
                          page_keys.RANGES_POSTED: ranges.STRUCTURE_RANGE})
    # Principal's default spread is 70%, above the default 60% limit
    assert metric(at, "Good-faith check") == "Too wide"
    assert any("unlikely to pass as a good-faith estimate" in w.value for w in at.warning)
    at = open_link(PAGE, {page_keys.RANGES_LEVEL: "Principal",
                          page_keys.RANGES_POSTED: ranges.STRUCTURE_RANGE,
                          page_keys.RANGES_GOOD_FAITH: "80"})
    assert metric(at, "Good-faith check") == "Within the limit"


def test_the_posting_text_follows_bonus_and_equity():
    at = open_link(PAGE, {page_keys.RANGES_BONUS: "0", page_keys.RANGES_EQUITY: "No",
                          page_keys.RANGES_WORK_LOCATION: "New York, NY"})
    posting = next(code.value for code in at.code)
    assert "no bonus or equity" in posting
    assert "Benefits" not in posting  # New York asks for the range only
    at = open_link(PAGE, {page_keys.RANGES_BONUS: "15",
                          page_keys.RANGES_WORK_LOCATION: "Denver, CO"})
    posting = next(code.value for code in at.code)
    assert "target: 15% of base salary" in posting and "equity" in posting
    assert "Benefits:" in posting  # Colorado asks for a general description


def test_the_real_public_dataset_has_no_cities_so_the_market_is_national():
    at = open_link(PAGE, {"dataset": "aijobs", page_keys.RANGES_LOCATION: "City: Seattle"})
    assert any("No city data in this dataset" in info.value for info in at.info)
    assert any("No city data in this dataset: the structure uses the national market"
               in warning.value for warning in at.warning)
    assert at.selectbox(key=page_keys.RANGES_LOCATION).options == [
        "As in the sidebar", "National"]
    table = structure_table(at)
    assert "Senior" in table.index
    assert metric(at, "Range to post").startswith("$")


HOSTILE = ["'; drop table salaries; --", "<script>alert(1)</script>", "-1", "1e400", "NaN",
           "a" * 3_000, "[x](javascript:alert(1))"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_in_every_input_are_dropped_with_notes(value):
    link = {key: value for key in page_keys.RANGES_KEYS}
    at = open_link(PAGE, link)
    notes = "\n".join(warning.value for warning in at.warning)
    assert "Ignored market location" in notes and "Ignored work location" in notes
    assert "<script>" not in notes and len(notes) < 20_000
    assert at.selectbox(key=page_keys.RANGES_LOCATION).value == "As in the sidebar"
    assert at.number_input(key=page_keys.RANGES_PERCENTILE).value == 50
    assert at.number_input(key=page_keys.RANGES_EMPLOYEES).value == 100
    assert metric(at, "Range to post").startswith("$")


def test_the_structure_export_names_its_dataset_and_kind(shipped_records):
    dataset = open_dataset(SHIPPED_DATASET)
    level = ranges.LevelMarket("Senior", 50, 90_000, 100_000, 110_000, 100_000)
    structure = ranges.build_structure([level], ranges.DEFAULT_SPREADS)
    cell = StructureCell(Filters(role=MLE), {"Senior": 50}, Filters(role=MLE), {"Senior": 50},
                         ("Senior",))
    provenance = export_stamp.stamp(dataset, Aging(), date(2026, 11, 26),
                                    "http://x/ranges?ranges_level=Senior")
    rows = list(csv.DictReader(io.StringIO(ranges_summary.structure_csv(
        structure, "national", cell, "as reported", provenance).decode())))
    assert len(rows) == 1
    row = rows[0]
    # midpoint 100k, spread 50%: 80k-120k
    assert (row["min"], row["midpoint"], row["max"]) == ("80000", "100000", "120000")
    assert row["dataset"] == "sample" and row["dataset_version"] == dataset.version
    assert row["dataset_kind"] == "calibrated sample, not real people's pay"
    assert row["figures"] == "base salary per year, as reported"
    assert row["link"].endswith("ranges_level=Senior")
