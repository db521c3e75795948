"""Privacy rules for real datasets: the smallest cell, and rounding listed amounts."""

import pandas as pd
import pytest

from paybench.domain import privacy
from paybench.domain.privacy import PrivacySettings

SETTINGS = privacy.parse_privacy({"min_cell_size": 8, "round_listed_amounts_to": 1000,
                                  "min_cell_size_by_dataset": {"hris": 20}})


@pytest.mark.parametrize(("name", "real", "least"), [
    ("sample", False, 5),   # the calibrated sample keeps the project's floor
    ("aijobs", True, 8),    # a real dataset: the setting for every real dataset
    ("hris", True, 20),     # its own setting
    ("hris", False, 5),     # a sample named like it is still the sample
])
def test_min_cell_size(name, real, least):
    assert privacy.min_cell_size(SETTINGS, name, real) == least


def test_defaults_are_the_project_floor_and_exact_amounts():
    settings = privacy.parse_privacy({})
    assert settings == PrivacySettings(5, {}, 0)
    assert privacy.min_cell_size(settings, "aijobs", True) == 5
    assert privacy.listing_rounding(settings, True) == 0


@pytest.mark.parametrize(("section", "message"), [
    ({"min_cell_size": 4}, "cannot be lower"),
    ({"min_cell_size_by_dataset": {"hris": 3}}, "cannot be lower"),
    ({"min_cell_size": 5.5}, "whole number"),
    ({"round_listed_amounts_to": -1}, "whole number"),
    ({"round_listed_amounts_to": True}, "whole number"),
    ({"minimum": 10}, "unknown keys"),
    ({"min_cell_size_by_dataset": 10}, "must be a table"),
    ([], "must be a table"),
])
def test_a_setting_that_would_weaken_privacy_is_an_error(section, message):
    with pytest.raises(ValueError, match=message):
        privacy.parse_privacy(section)


def test_rounding_applies_to_real_data_only():
    assert privacy.listing_rounding(SETTINGS, True) == 1000
    assert privacy.listing_rounding(SETTINGS, False) == 0


def test_amounts_are_rounded_to_the_nearest_step_halves_up():
    records = pd.DataFrame({
        "record_id": [1, 2, 3, 4],
        "base_salary": [167_499, 167_500, 999, 0],
        "bonus": [1_499, 1_500, 500, 0],
        "equity": [0, 49_999, 250, 0],
        "total_comp": [168_998, 218_999, 1_749, 0],
        "level": ["Senior"] * 4,
    }).astype({"base_salary": "int32", "bonus": "int32", "equity": "int32",
               "total_comp": "int32"})
    rounded = privacy.rounded_amounts(records, 1000)
    assert list(rounded["base_salary"]) == [167_000, 168_000, 1_000, 0]
    assert list(rounded["bonus"]) == [1_000, 2_000, 1_000, 0]
    assert list(rounded["equity"]) == [0, 50_000, 0, 0]
    # the total is rounded by itself: 168,998 -> 169,000, though the parts add to 168,000
    assert list(rounded["total_comp"]) == [169_000, 219_000, 2_000, 0]
    assert list(rounded["record_id"]) == [1, 2, 3, 4] and list(rounded["level"]) == ["Senior"] * 4
    assert rounded.dtypes.equals(records.dtypes)
    assert records["base_salary"].iloc[0] == 167_499  # the input is not changed


def test_no_rounding_leaves_the_records_as_they_are():
    records = pd.DataFrame({"base_salary": [123_456]})
    assert privacy.rounded_amounts(records, 0) is records


def test_missing_amounts_stay_missing():
    records = pd.DataFrame({"bonus": pd.array([1_600, None], dtype="Int32")})
    assert list(privacy.rounded_amounts(records, 1000)["bonus"].astype(object)) == [2_000, pd.NA]
