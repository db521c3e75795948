"""Money and text formatting; what a link's values are checked against."""

import pytest

from paybench.present import formatting, offer_link
from paybench.present.link_check import check_dataset_version, check_link, check_page_inputs

OPTIONS = {"role": ["Machine Learning Engineer", "Data Scientist"], "city": ["Seattle", "Austin"],
           "level": ["Entry", "Mid"]}


@pytest.mark.parametrize(("value", "long", "short"), [
    (167_627, "$167,627", "$168k"),
    (167_627.4, "$167,627", "$168k"),
    (999, "$999", "$999"),
    (1_234_567, "$1,234,567", "$1.2M"),
    (-2_500, "-$2,500", "-$2k"),
    (None, "–", "–"),
    (float("nan"), "–", "–"),
])
def test_money(value, long, short):
    assert formatting.money(value) == long
    assert formatting.money_short(value) == short


def test_shown_escapes_markdown_and_cuts_long_text():
    assert formatting.shown("[click](javascript:alert(1))") == (
        r"\[click\]\(javascript\:alert\(1\)\)")
    assert formatting.shown("<b>x</b>") == r"\<b\>x\</b\>"
    assert len(formatting.shown("a" * 10_000)) == formatting.SHOWN_TEXT_LIMIT + 1
    assert formatting.shown("a" * 100, limit=None) == "a" * 100


def test_a_clean_link_has_no_notes():
    check = check_link({"role": ["Data Scientist"], "city": ["Seattle"], "year": ["2023", "2025"]},
                       OPTIONS, (2022, 2025))
    assert check.notes == [] and check.unknown_keys == []


def test_unknown_values_are_named_in_a_note():
    check = check_link({"city": ["Seattle", "Atlantis"], "role": ["CEO"]}, OPTIONS, (2022, 2025))
    assert any("Atlantis" in note and "city" in note for note in check.notes)
    assert any("CEO" in note and "role" in note for note in check.notes)
    assert not any("Seattle" in note for note in check.notes)


@pytest.mark.parametrize("years", [["2019", "2025"], ["2025", "2023"], ["abc", "2024"], ["2024"],
                                   ["2023", "2024", "2025"], ["99999999999999999999", "2024"]])
def test_bad_year_ranges_get_a_note(years):
    assert len(check_link({"year": years}, OPTIONS, (2022, 2025)).notes) == 1


def test_unknown_keys_are_reported_unless_the_page_uses_them():
    check = check_link({"utm_source": ["x"], "target_percentile": ["75"]}, OPTIONS, (2022, 2025),
                       page_keys=("target_percentile",))
    assert check.unknown_keys == ["utm_source"] and len(check.notes) == 1


def test_hostile_values_are_escaped_and_cut_in_notes():
    check = check_link({"city": ["<script>alert(1)</script>" + "x" * 10_000]}, OPTIONS, (2022, 2025))
    note = check.notes[0]
    assert "<script>" not in note and len(note) < 200


# ---- a page's own inputs (the offer calculator's) ----------------------------------------------

OFFER_SPECS = offer_link.input_specs({"role": ["Data Scientist"], "city": ["Seattle", "Boston"],
                                 "level": ["Senior"], "industry": ["Finance"],
                                 "company_size": ["Small"]})


@pytest.mark.parametrize(("key", "value", "words"), [
    ("offer_target_percentile", "150", "give a number from 25 to 90"),
    ("offer_target_percentile", "24.9", "give a number from 25 to 90"),
    ("offer_target_percentile", "abc", "give a number from 25 to 90"),
    ("offer_base_salary", "-5000", "give a number from 0 to 5,000,000"),
    ("offer_sign_on", "inf", "give a number from 0 to 5,000,000"),
    ("offer_grant_value", "nan", "give a number from 0 to 50,000,000"),
    ("offer_cost_rate_pct", "", "give a number from 0 to 100"),
    ("offer_city", "Atlantis", "not in this dataset"),
    ("offer_industry", "Any'; drop table x; --", "not in this dataset"),
    ("offer_vesting_years", "9", "choose one of 1, 2, 3, 4, 5, 6"),
    ("offer_equity_type", "Options", "choose one of Grant, Yearly value"),
])
def test_bad_offer_link_values_are_named_and_rejected(key, value, words):
    notes = check_page_inputs({key: [value]}, OFFER_SPECS)
    assert len(notes) == 1 and words in notes[0]
    assert key.removeprefix("offer_").split("_")[0] in notes[0].lower()


@pytest.mark.parametrize(("key", "value"), [
    ("offer_target_percentile", "75"), ("offer_target_percentile", "62.5"),
    ("offer_base_salary", ""), ("offer_base_salary", "180000"),
    ("offer_bonus_target_pct", "12.5"), ("offer_city", "Boston"), ("offer_industry", "Any"),
    ("offer_vesting_years", "3"), ("offer_cliff_months", "0"), ("offer_vesting", "Front-loaded"),
])
def test_good_offer_link_values_pass(key, value):
    assert check_page_inputs({key: [value]}, OFFER_SPECS) == []


def test_several_values_for_one_input_use_the_last():
    notes = check_page_inputs({"offer_city": ["Atlantis", "Boston"]}, OFFER_SPECS)
    assert notes == ["The link gives 2 values for city; only the last is used."]


def test_hostile_input_values_are_escaped_and_cut():
    notes = check_page_inputs({"offer_city": ["<script>alert(1)</script>" + "x" * 5_000]},
                              OFFER_SPECS)
    assert "<script>" not in notes[0] and len(notes[0]) < 200


@pytest.mark.parametrize(("link_version", "words"), [
    (None, None),
    ("199bfe0f9371", None),
    ("000000000000", "The data has changed since this link was made"),
    ("not-a-version", "not a version this app writes"),
])
def test_dataset_version_notes(link_version, words):
    note = check_dataset_version(link_version, "199bfe0f9371")
    if words is None:
        assert note is None
    else:
        assert words in note and "199bfe0f9371" in note
        assert link_version in note or "not a version" in note
