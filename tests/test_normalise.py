"""What people type, turned into the schema's values."""

import math

import pandas as pd
import pytest

from paybench.datasets import normalise


@pytest.mark.parametrize(("text", "amount"), [
    ("$185,000", 185_000), ("185k", 185_000), ("185K", 185_000), ("185,000.00", 185_000),
    ("1.2M", 1_200_000), ("90000 USD", 90_000), ("USD 90000", 90_000), ("$ 1,000", 1_000),
    ("150000.5", 150_000.5), ("-5000", -5_000), ("0", 0),
    ("lots", None), ("€85,000", None), ("12,34", None), ("", None), ("10%", None),
])
def test_amounts(text, amount):
    parsed = normalise.amounts(pd.Series([text]))[0]
    assert (math.isnan(parsed) if amount is None else parsed == amount)


@pytest.mark.parametrize(("text", "level"), [
    ("EN", "Entry"), ("mi", "Mid"), ("SE", "Senior"), ("EX", "Staff"), ("Sr.", "Senior"),
    ("Junior", "Entry"), ("Lead", "Staff"), ("Principal", "Principal"), ("Boss", None),
])
def test_levels(text, level):
    found = normalise.levels(pd.Series([text]))[0]
    assert (pd.isna(found) if level is None else found == level)


@pytest.mark.parametrize(("title", "level", "role"), [
    ("Sr. ML Engineer", "Senior", "ML Engineer"),
    ("Senior Staff Engineer", "Staff", "Staff Engineer"),
    ("Junior Data Scientist", "Entry", "Data Scientist"),
    ("Lead Data Engineer", "Staff", "Data Engineer"),
    ("Principal Scientist", "Principal", "Scientist"),
    ("ML Engineer", None, "ML Engineer"),
])
def test_levels_and_roles_from_titles(title, level, role):
    found = normalise.levels_from_titles(pd.Series([title]))[0]
    assert (pd.isna(found) if level is None else found == level)
    assert normalise.titles_without_level(pd.Series([title]))[0] == role


@pytest.mark.parametrize(("text", "arrangement"), [
    ("0", "Onsite"), ("50", "Hybrid"), ("100", "Remote"), ("100.0", "Remote"),
    ("On-site", "Onsite"), ("in office", "Onsite"), ("Fully remote", "Remote"), ("mars", None),
])
def test_arrangements(text, arrangement):
    found = normalise.arrangements(pd.Series([text]))[0]
    assert (pd.isna(found) if arrangement is None else found == arrangement)


def test_rates_come_from_the_dated_table_with_the_nearest_year():
    rates = normalise.usd_rates(pd.Series(["GBP", "gbp", "EUR", "XYZ", "USD"]),
                                pd.Series([2024, 2030, 2024, 2024, 2024]))
    table = normalise.fx_table().set_index(["currency", "year"])["usd_per_unit"]
    assert rates[0] == table[("GBP", 2024)]
    assert rates[1] == table[("GBP", 2025)]   # 2030 is not in the table: nearest year, 2025
    assert rates[2] == table[("EUR", 2024)]
    assert math.isnan(rates[3]) and rates[4] == 1.0
