"""What people type, turned into the schema's values."""

import math

import pandas as pd
import pytest

from paybench.datasets import normalise, places, titles


@pytest.mark.parametrize(("text", "amount", "currency", "period"), [
    ("$185,000", 185_000, "USD", None), ("185k", 185_000, None, None),
    ("185K", 185_000, None, None), ("185,000.00", 185_000, None, None),
    ("1.2M", 1_200_000, None, None), ("90000 USD", 90_000, "USD", None),
    ("USD 90000", 90_000, "USD", None), ("$ 1,000", 1_000, "USD", None),
    ("150000.5", 150_000.5, None, None), ("-5000", -5_000, None, None), ("0", 0, None, None),
    ("€85,000", 85_000, "EUR", None), ("£88,000", 88_000, "GBP", None),
    ("CAD 230,000", 230_000, "CAD", None), ("185,000.00 CAD", 185_000, "CAD", None),
    ("-$120,000", -120_000, "USD", None), ("$95/hr", 95, "USD", "hour"),
    ("$12,500/mo", 12_500, "USD", "month"), ("72.50 USD", 72.5, "USD", None),
    ("1,234,567", 1_234_567, None, None), ("90 000", 90_000, None, None),
    ("", None, None, None), ("N/A", None, None, None),
])
def test_amounts_as_written(text, amount, currency, period):
    parsed = normalise.parse_amounts(pd.Series([text])).iloc[0]
    assert (math.isnan(parsed["amount"]) if amount is None else parsed["amount"] == amount)
    assert (pd.isna(parsed["currency"]) if currency is None else parsed["currency"] == currency)
    assert (pd.isna(parsed["period"]) if period is None else parsed["period"] == period)
    assert pd.isna(parsed["problem"])


@pytest.mark.parametrize(("text", "problem"), [
    ("lots", "not a number"), ("ninety thousand", "not a number"), ("=F9*0.1", "not a number"),
    ("165,OOO.00", "not a number"), ("150-170k", "ambiguous amount"),
    ("120-140k USD", "ambiguous amount"), ("12,34", "ambiguous amount"),
    ("95.000", "ambiguous amount"),  # 95 with three decimals, or ninety-five thousand?
    ("90.000,00 EUR", "ambiguous amount"),  # a decimal comma in a file that writes points
    ("5 /fortnight", "unknown pay period"),
])
def test_amounts_that_cannot_be_read_say_why(text, problem):
    parsed = normalise.parse_amounts(pd.Series([text])).iloc[0]
    assert math.isnan(parsed["amount"]) and parsed["problem"] == problem


@pytest.mark.parametrize(("text", "amount", "problem"), [
    ("90.000,00 EUR", 90_000, None), ("95.000 EUR", 95_000, None), ("16,50 EUR", 16.5, None),
    ("115.000,00 €", 115_000, None), ("-72.000,00 EUR", -72_000, None),
    ("90,000 EUR", None, "ambiguous amount"),  # ninety thousand, or ninety with 3 decimals?
    ("185,000.00", None, "ambiguous amount"),  # a decimal point in a file that writes commas
])
def test_amounts_in_a_decimal_comma_file(text, amount, problem):
    parsed = normalise.parse_amounts(pd.Series([text]), normalise.COMMA).iloc[0]
    assert (math.isnan(parsed["amount"]) if amount is None else parsed["amount"] == amount)
    assert (pd.isna(parsed["problem"]) if problem is None else parsed["problem"] == problem)


def test_percentages_are_marked():
    parsed = normalise.parse_amounts(pd.Series(["15%", "10 %", "12"]))
    assert parsed["percent"].tolist() == [True, True, False]
    assert parsed["amount"].tolist() == [15, 10, 12]


@pytest.mark.parametrize(("cells", "style"), [
    (["185,000.00", "90,000"], "point"), (["90.000,00 EUR", "95.000 EUR"], "comma"),
    (["72.50", "16,50", "1.234.567"], "comma"),  # more cells say comma than point
    (["90,000", "185000", "$185,000"], None),    # nothing settles it
])
def test_the_files_number_style_comes_from_cells_with_one_reading(cells, style):
    assert normalise.number_style([pd.Series(cells)]) == style


@pytest.mark.parametrize(("text", "level"), [
    ("EN", "Entry"), ("mi", "Mid"), ("SE", "Senior"), ("EX", "Staff"), ("Sr.", "Senior"),
    ("Junior", "Entry"), ("Lead", "Staff"), ("Principal", "Principal"), ("Mid-level", "Mid"),
    ("Intermediate", "Mid"), ("Associate", "Entry"), ("Experte", "Staff"), ("Boss", None),
    ("P4", None), ("L5", None), ("Director", None), ("II", None),  # II counts in titles only
])
def test_levels(text, level):
    found = normalise.levels(pd.Series([text]))[0]
    assert (pd.isna(found) if level is None else found == level)


@pytest.mark.parametrize(("title", "role", "level", "known"), [
    ("Sr. Machine Learning Engineer", "Machine Learning Engineer", "Senior", True),
    ("ML Engineer II", "Machine Learning Engineer", "Mid", True),
    ("Senior MLE", "Machine Learning Engineer", "Senior", True),
    ("Staff ML Eng", "Machine Learning Engineer", "Staff", True),
    ("Machine Learning Engineer, Senior", "Machine Learning Engineer", "Senior", True),
    ("Lead Data Scientist", "Data Scientist", "Staff", True),
    ("Machine Learning Eng", "Machine Learning Engineer", None, True),
    ("Senior Staff Engineer", "Engineer", "Staff", False),  # the most senior word wins
    ("Junior Data Engineer (w/m/d)", "Data Engineer", "Entry", True),
    ("Data Scientist I", "Data Scientist", "Entry", True),
    ("Machine Learning Engineer III", "Machine Learning Engineer", "Senior", True),
    ("Software Engineer, Machine Learning", "Machine Learning Engineer", None, True),
    ("Engineering Manager, Machine Learning", "Engineering Manager, Machine Learning", None, False),
    ("Founding ML Engineer", "Founding ML Engineer", None, False),
    ("Principal Scientist", "Scientist", "Principal", False),
    ("AI Engineer", "AI Engineer", None, True),  # "AI" is not a Roman numeral's "I"
    ("Data Lead", "Data Lead", None, False),      # a level word after the role is the role's
    ("Member of Technical Staff", "Member of Technical Staff", None, False),
    ("Data Scientist (Senior)", "Data Scientist", "Senior", True),
    ("Engineer (Platform)", "Engineer (Platform)", None, False),
])
def test_roles_and_levels_from_titles(title, role, level, known):
    read = titles.read_titles(pd.Series([title])).iloc[0]
    assert read["role"] == role and bool(read["known"]) is known
    assert (pd.isna(read["level"]) if level is None else read["level"] == level)


@pytest.mark.parametrize(("text", "arrangement"), [
    ("0", "Onsite"), ("50", "Hybrid"), ("100", "Remote"), ("100.0", "Remote"),
    ("On-site", "Onsite"), ("in office", "Onsite"), ("Fully remote", "Remote"),
    ("yes", "Remote"), ("No", "Onsite"), ("TRUE", "Remote"), ("false", "Onsite"),
    ("Y", "Remote"), ("n", "Onsite"), ("1", "Remote"), ("Remote - US", "Remote"),
    ("hybrid", "Hybrid"), ("unspecified", None), ("", None),
])
def test_arrangements(text, arrangement):
    found, unknown = normalise.arrangements(pd.Series([text]))
    assert (pd.isna(found[0]) if arrangement is None else found[0] == arrangement)
    assert not unknown[0]


@pytest.mark.parametrize("text", ["mars", "Sometimes", "2"])
def test_unknown_arrangements_are_flagged(text):
    found, unknown = normalise.arrangements(pd.Series([text]))
    assert pd.isna(found[0]) and unknown[0]


@pytest.mark.parametrize(("text", "city", "state", "country", "arrangement"), [
    ("Seattle, WA", "Seattle", "WA", "US", None),
    ("Seattle WA", "Seattle", "WA", "US", None),
    ("New York, NY, USA", "New York", "NY", "US", None),
    ("NYC", "New York", "NY", "US", None),
    ("SF Bay Area", None, "CA", "US", None),
    ("Remote (Austin, TX)", "Austin", "TX", "US", "Remote"),
    ("Remote - US", None, None, "US", "Remote"),
    ("Austin, TX (Remote)", "Austin", "TX", "US", "Remote"),
    ("Seattle, Washington, United States", "Seattle", "WA", "US", None),
    ("Toronto, ON", "Toronto", "ON", "CA", None),
    ("London, England, United Kingdom", "London", None, "GB", None),
    ("Berlin", "Berlin", None, None, None),
])
def test_locations(text, city, state, country, arrangement):
    read = places.read_locations(pd.Series([text])).iloc[0]
    found = tuple(None if pd.isna(read[k]) else read[k]
                  for k in ("city", "state", "country", "arrangement"))
    assert found == (city, state, country, arrangement)


def test_cities_are_matched_to_metros_by_city_and_state():
    city = pd.Series(["Seattle", "Chicago", "Portland", "Portland", "London", "Boise"],
                     dtype="string")
    state = pd.Series(["WA", None, "OR", "ME", None, "ID"], dtype="string")
    country = pd.Series(["US", None, "US", "US", "GB", "US"], dtype="string")
    matched = places.match_metros(city, state, country)
    assert matched["metro"].tolist()[:3] == ["Seattle-Tacoma-Bellevue, WA",
                                             "Chicago-Naperville-Elgin, IL-IN",
                                             "Portland-Vancouver-Hillsboro, OR-WA"]
    assert matched["metro"].isna().tolist()[3:] == [True, True, True]
    assert (matched["state"][1], matched["country"][1]) == ("IL", "US")  # filled from the table


@pytest.mark.parametrize(("text", "year"), [
    ("2025", 2025), ("2025.0", 2025), ("2026-02-10T17:04:11Z", 2026), ("03/15/2026", 2026),
    ("15.01.2026", 2026), ("1773576000000", 2026), ("'25", None), ("20x4", None), ("", None),
])
def test_years_from_years_and_dates(text, year):
    found = normalise.years(pd.Series([text]))[0]
    assert (pd.isna(found) if year is None else found == year)


def test_us_dates_are_month_first_and_german_dates_day_first():
    found = normalise.dates(pd.Series(["03/02/2024", "03.02.2024", "1764763200000"]))
    assert [(d.year, d.month, d.day) for d in found] == [(2024, 3, 2), (2024, 2, 3),
                                                         (2025, 12, 3)]


@pytest.mark.parametrize(("text", "markup", "control"), [
    ("<script>alert(1)</script> Engineer", True, False), ("<b>Staff</b>", True, False),
    ("Seattle, WA<img src=x onerror=alert(1)>", True, False), ("Data Scientist\x07", False, True),
    ("Data\tScientist", False, True), ("R&D < 5 people", False, False), ("München", False, False),
])
def test_markup_and_control_characters(text, markup, control):
    values = pd.Series([text])
    assert bool(normalise.has_markup(values)[0]) is markup
    assert bool(normalise.has_control_characters(values)[0]) is control


def test_rates_come_from_the_dated_table_with_the_nearest_year():
    rates = normalise.usd_rates(pd.Series(["GBP", "gbp", "EUR", "XYZ", "USD"]),
                                pd.Series([2024, 2030, 2024, 2024, 2024]))
    table = normalise.fx_table().set_index(["currency", "year"])["usd_per_unit"]
    assert rates[0] == table[("GBP", 2024)]
    assert rates[1] == table[("GBP", 2025)]   # 2030 is not in the table: nearest year, 2025
    assert rates[2] == table[("EUR", 2024)]
    assert math.isnan(rates[3]) and rates[4] == 1.0


@pytest.mark.parametrize(("symbol", "currency", "fits"), [
    ("$", "USD", True), ("$", "CAD", True), ("$", "EUR", False), ("€", "EUR", True),
    ("€", "USD", False), ("£", "GBP", True),
])
def test_a_dollar_sign_fits_any_dollar_currency(symbol, currency, fits):
    assert bool(normalise.symbol_fits(pd.Series([symbol]), pd.Series([currency]))[0]) is fits
