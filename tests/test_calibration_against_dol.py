"""The calibrated sample against public wage levels: ML engineer base salaries by city and
level against the DOL prevailing wages (OFLC, SOC 15-1252 Software Developers, the occupation
the Offer page files an ML engineer under), city pay against San Francisco's, the level ladder
and the pay mix against their stated public basis.

Every expectation is computed here from the records and the calibration files with pandas,
not through the generator or the app. Records: US ML engineers on-site or hybrid (a remote
record is paid for the candidate's location less the remote gap, so it is no worksite wage).
"""

import numpy as np
import pandas as pd
import pytest

from paybench.paths import CALIBRATION_DIR
from tests.helpers import MLE

# Entry -> level I, Mid -> II, Senior -> III, Staff and Principal -> IV.
DOL_LEVEL = {"Entry": 1, "Mid": 2, "Senior": 3, "Staff": 4, "Principal": 4}
LEVELS = list(DOL_LEVEL)
MIN_N = 30
REST_OF_US = "Rest of US"


def calibration_file(name: str) -> pd.DataFrame:
    return pd.read_csv(CALIBRATION_DIR / f"{name}.csv", keep_default_na=False)


def dol_levels(level1: float, level3: float, level4: float) -> dict[int, float]:
    """OFLC's four levels: II and III a third and two thirds of the way from I to IV; the
    library publishes III itself."""
    return {1: level1, 2: level1 + (level4 - level1) / 3, 3: level3, 4: level4}


def metro_wages() -> dict[str, dict[int, float]]:
    frame = calibration_file("metro_factors")
    return {row.city: dol_levels(row.oflc_15_1252_level1, row.oflc_15_1252_level3,
                                 row.oflc_15_1252_level4) for row in frame.itertuples()}


@pytest.fixture(scope="module")
def in_office(shipped_records) -> pd.DataFrame:
    records = shipped_records
    return records[(records["role"] == MLE) & (records["country"] == "US")
                   & (records["work_arrangement"] != "Remote")]


@pytest.fixture(scope="module")
def city_cells(in_office) -> pd.DataFrame:
    """City x level: n, median base, the matching DOL wage and their ratio."""
    cells = (in_office.dropna(subset=["city"]).groupby(["city", "level"])["base_salary"]
             .agg(n="size", median_base="median").reset_index())
    wages = metro_wages()
    cells["dol_wage"] = [wages[city][DOL_LEVEL[level]]
                         for city, level in zip(cells["city"], cells["level"], strict=True)]
    cells["ratio"] = cells["median_base"] / cells["dol_wage"]
    return cells


def test_city_level_cells_sit_just_above_the_dol_wage_for_their_level(city_cells):
    checked = city_cells[city_cells["n"] >= MIN_N]
    assert len(checked) >= 60  # most of the big cities' cells, not a handful
    assert 1.00 <= checked["ratio"].median() <= 1.15
    assert checked["ratio"].min() >= 0.90, checked.nsmallest(3, "ratio")


def test_the_issues_example_cells_now_clear_their_level(city_cells):
    # Issue 12: Austin Entry's median base was $76,000 against a level I wage of $90,355.
    cells = city_cells.set_index(["city", "level"])
    assert cells.loc[("Austin", "Entry"), "dol_wage"] == 90_355
    assert cells.loc[("Austin", "Entry"), "ratio"] >= 1.0
    # ... and Principal's median base ($148,000) was below Entry's ($103,000 + bonus + equity).
    national = cells.groupby(level="level")["median_base"].median()
    assert national["Principal"] > national["Staff"] > national["Entry"]


def test_each_citys_base_against_san_franciscos_follows_the_dol_level_iii_ratio(in_office):
    # All levels together, ML engineers on-site and hybrid; DOL 15-1252 level III (Senior).
    median_base = in_office.dropna(subset=["city"]).groupby("city")["base_salary"].median()
    level3 = calibration_file("metro_factors").set_index("city")["oflc_15_1252_level3"]
    pay_ratio = median_base / median_base["San Francisco"]
    dol_ratio = level3 / level3["San Francisco"]
    relative = (pay_ratio / dol_ratio.loc[pay_ratio.index] - 1).abs()
    assert len(relative) == 34
    assert relative.max() <= 0.10, relative.nlargest(3)


def test_rest_of_us_cells_sit_just_above_the_non_hub_dol_wages(in_office):
    rest = in_office[in_office["metro"] == REST_OF_US]
    assert rest["city"].isna().all()
    row = calibration_file("rest_of_us_wages").set_index("soc").loc["15-1252"]
    wages = dol_levels(float(row["level1"]), float(row["level3"]), float(row["level4"]))
    medians = rest.groupby("level")["base_salary"].median()
    ratios = pd.Series({level: medians[level] / wages[DOL_LEVEL[level]] for level in LEVELS})
    assert (rest.groupby("level").size() >= MIN_N).all()
    assert 1.00 <= ratios.median() <= 1.15 and ratios.min() >= 0.90, ratios


def test_base_rises_with_level_as_the_stated_ratios_say(shipped_records):
    records = shipped_records[(shipped_records["role"] == MLE)]
    medians = records.groupby("level")["base_salary"].median().loc[LEVELS]
    stated = calibration_file("level_base_ratios").set_index("level")["base_vs_mid"].astype(float)
    measured = medians / medians["Mid"]
    assert (measured - stated.loc[LEVELS]).abs().max() <= 0.03, measured
    # Every step up pays clearly more: at least 5% more base.
    assert (medians.to_numpy()[1:] / medians.to_numpy()[:-1]).min() >= 1.05


def test_the_level_ratios_are_the_median_of_their_public_sources():
    ratios = calibration_file("level_base_ratios").set_index("level")
    sources = ["oflc_15_1252_metro_median", "oews_15_1252_percentile_ratio",
               "aijobs_mle_median_ratio"]
    for level in ["Entry", "Senior", "Staff"]:
        values = ratios.loc[level, sources].astype(float)
        # rounded to two decimals (1.185 to 1.19)
        assert float(ratios.loc[level, "base_vs_mid"]) == pytest.approx(values.median(),
                                                                        abs=0.0051), level
    assert ratios.loc["Principal", "basis"].startswith("assumption")


def test_the_oflc_ladder_in_the_basis_is_the_metros_median_ladder():
    # One row per metro (Mountain View and San Jose share one): level / level II, median.
    frame = calibration_file("metro_factors").drop_duplicates("metro")
    levels = [dol_levels(*row) for row in frame[["oflc_15_1252_level1", "oflc_15_1252_level3",
                                                 "oflc_15_1252_level4"]].itertuples(index=False)]
    ladder = {level: np.median([lv[DOL_LEVEL[level]] / lv[2] for lv in levels])
              for level in ["Entry", "Senior", "Staff"]}
    stated = calibration_file("level_base_ratios").set_index("level")["oflc_15_1252_metro_median"]
    for level, value in ladder.items():
        assert float(stated[level]) == pytest.approx(value, abs=0.0005), level


def test_the_oews_ladder_in_the_basis_interpolates_the_published_percentiles():
    oews = calibration_file("oews_national")
    oews = oews[oews["soc"] == "15-1252"].set_index("measure")["value"].astype(float)
    points = [10, 25, 50, 75, 90]
    wages = [oews[f"annual wage p{p}"] for p in points]

    def at(percentile: float) -> float:
        return float(np.interp(percentile, points, wages))
    # Levels I-IV are the 17th, 34th, 50th and 67th percentiles; Principal is placed at p75.
    expected = {"Entry": at(17) / at(34), "Senior": at(50) / at(34), "Staff": at(67) / at(34),
                "Principal": at(75) / at(34)}
    stated = calibration_file("level_base_ratios").set_index("level")
    for level, value in expected.items():
        assert float(stated.loc[level, "oews_15_1252_percentile_ratio"]) == pytest.approx(
            value, abs=0.0005), level


def test_bonus_and_equity_have_a_stated_public_basis_and_rise_with_level():
    assumptions = calibration_file("sample_assumptions")
    for part in ("bonus_share", "equity_share"):
        rows = assumptions[assumptions["parameter"] == part].set_index("key").loc[LEVELS]
        assert rows["value"].astype(float).is_monotonic_increasing, part
        for basis in rows["basis"]:
            assert "BLS OEWS" in basis and "unsettled" in basis


def test_bonus_and_equity_together_match_the_guide_against_bls_base_wages(shipped_records):
    # OEWS wages are base pay; the guide's mean is base + bonus + equity. The gap between
    # them, 1 - 144,570 / 167,627 = 13.8%, is the share of ML engineer pay in bonus and equity.
    oews = calibration_file("oews_national")
    mean_wage = float(oews[(oews["soc"] == "15-1252")
                           & (oews["measure"] == "annual mean wage")]["value"].iloc[0])
    records = shipped_records[shipped_records["role"] == MLE]
    non_base = (records["bonus"].sum() + records["equity"].sum()) / records["total_comp"].sum()
    assert non_base == pytest.approx(1 - mean_wage / 167_627, abs=0.02)


def test_every_calibration_file_is_listed_with_its_source():
    listed = set(calibration_file("sources")["file"])
    on_disk = {path.name for path in CALIBRATION_DIR.glob("*.csv")} - {"sources.csv"}
    assert on_disk == listed
