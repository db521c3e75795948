"""Money and text formatting; what a link's values are checked against."""

import pytest

from paybench import formatting
from paybench.urlstate import check_link

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
