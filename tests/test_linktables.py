"""Tables carried in a link as text: they round-trip, and bad values get a note, never an error."""

import math

import pandas as pd
import pytest

from paybench.domain.policies import DEFAULT_TIERS, Tier
from paybench.present import link_tables
from paybench.present.link_check import check_choices, check_whole_number

CITIES = {"Seattle", "Austin", "St. Louis", "Winston-Salem, NC"}


def test_a_team_round_trips_through_its_text():
    team = {"Seattle": 3, "St. Louis": 1, "Winston-Salem, NC": 2}
    text = link_tables.text_from_mapping(team)
    assert text == "Seattle:3,St. Louis:1,Winston-Salem%2C NC:2"
    assert link_tables.team(text, CITIES) == (team, [])


def test_the_default_team_is_valid_in_the_shipped_cities():
    team, notes = link_tables.team(link_tables.DEFAULT_TEAM_TEXT, set(link_tables.DEFAULT_TEAM))
    assert team == link_tables.DEFAULT_TEAM and notes == []


@pytest.mark.parametrize(("text", "team", "noted"), [
    ("Seattle:3,Atlantis:2", {"Seattle": 3}, "Atlantis"),
    ("Seattle:3,Austin:abc", {"Seattle": 3}, "whole number"),
    ("Seattle:0", {}, "whole number"),
    ("Seattle:1.5", {}, "whole number"),
    ("Seattle:1001", {}, "1,000"),
    ("Seattle:-2", {}, "whole number"),
    ("Seattle:nan", {}, "whole number"),
    ("Austin:inf", {}, "whole number"),
    ("Seattle", {}, "whole number"),
    (":4", {}, "no city"),
    ("<script>alert(1)</script>:3", {}, "no such city"),
])
def test_bad_team_entries_are_dropped_with_a_note(text, team, noted):
    planned, notes = link_tables.team(text, CITIES)
    assert planned == team
    assert len(notes) == 1 and noted in notes[0]
    assert "<script>" not in notes[0]


def test_repeated_cities_add_up_and_blank_entries_are_skipped():
    assert link_tables.team("Seattle:2,, Seattle : 3 ,", CITIES) == ({"Seattle": 5}, [])


def test_an_overlong_team_is_cut_with_a_note():
    team, notes = link_tables.team(",".join(["Seattle:1"] * 500), CITIES)
    assert team == {"Seattle": link_tables.MAX_ROWS}
    assert notes == ["The team in the link is too long; only its beginning is used."]


def test_editor_rows_keep_unfinished_rows_in_the_text():
    rows = pd.DataFrame({"city": ["Seattle", "Austin", None], "head_count": [3.0, math.nan, 2.0]})
    assert link_tables.text_from_rows(rows) == "Seattle:3,Austin:,:2"
    back = link_tables.team_rows("Seattle:3,Austin:,:2")
    assert list(back["city"]) == ["Seattle", "Austin", ""]
    assert back["head_count"].tolist()[0] == 3 and math.isnan(back["head_count"].tolist()[1])


def test_default_tiers_read_back_from_their_text():
    assert link_tables.DEFAULT_TIERS_TEXT == "100:1.1,90:0.95,80:"
    assert link_tables.tiers(link_tables.DEFAULT_TIERS_TEXT) == (DEFAULT_TIERS, [])


@pytest.mark.parametrize(("text", "tiers"), [
    ("100:1.2,85:0.9,70:0.7,60", (Tier(100, 1.2), Tier(85, 0.9), Tier(70, 0.7), Tier(60, None))),
    ("110:1,70:0.5", (Tier(110, 1.0), Tier(70, None))),  # the last tier's factor is not used
    ("100", (Tier(100, None),)),
])
def test_custom_tiers(text, tiers):
    assert link_tables.tiers(text) == (tiers, [])


@pytest.mark.parametrize(("text", "problem"), [
    ("100:1.1,90:1.2,80", "below the tier above"),
    ("100:1.1,90,80", "tier 2 needs a lowest market pay factor"),
    ("100:1.1,abc:0.9,80", "tier 2 needs a percentage"),
    ("100:1.1,0:0.9,80", "tier 2 needs a percentage"),
    ("100:1.1,90:0.9,80:0.8,70:0.7,60:0.6,50:0.5,40", "1 to 6 tiers"),
    ("", "1 to 6 tiers"),
    ("100:99,80", "at most 10"),
    ("100:-1,80", "above 0"),
])
def test_bad_tiers_fall_back_to_the_defaults_with_a_note(text, problem):
    tiers, notes = link_tables.tiers(text)
    assert tiers == DEFAULT_TIERS
    assert len(notes) == 1 and problem in notes[0] and "default tiers" in notes[0]


def test_tier_rows_show_what_the_link_says_even_when_it_is_wrong():
    rows = link_tables.tier_rows("100:1.1,90:abc")
    assert rows["percent"].tolist() == [100.0, 90.0]
    assert rows["min_factor"].tolist()[0] == 1.1 and math.isnan(rows["min_factor"].tolist()[1])


@pytest.mark.parametrize(("text", "overrides", "notes"), [
    ("Austin:1,Seattle:3", {"Austin": 1, "Seattle": 3}, 0),
    ("Austin:4", {}, 1),
    ("Austin:0,Seattle:x", {}, 2),
    ("Atlantis:1", {}, 1),
    ("", {}, 0),
])
def test_tier_overrides(text, overrides, notes):
    parsed, messages = link_tables.tier_overrides(text, CITIES, tier_count=3)
    assert parsed == overrides and len(messages) == notes


def test_page_choices_and_numbers_in_a_link_get_notes():
    assert check_choices("city", ["Seattle"], CITIES, most=4) == []
    assert "Atlantis" in check_choices("city", ["Atlantis"], CITIES)[0]
    assert "at most 4" in check_choices("city", ["Seattle"] * 5, CITIES, most=4)[0]
    assert check_whole_number("percentile", [], 5, 95) == []
    assert check_whole_number("percentile", ["75"], 5, 95) == []
    for bad in (["500"], ["abc"], ["4"], ["50", "60"], ["7.5"]):
        assert "whole number from 5 to 95" in check_whole_number("percentile", bad, 5, 95)[0]
