"""Working-hours overlap between the team's zone and a country's, on a date: 9:00 to 17:00 in
each, daylight saving from zoneinfo. Each case worked out in UTC by hand."""

from datetime import date

import pytest

from paybench.datasets import calibration
from paybench.domain.overlap import is_time_zone, overlap_hours, under_minimum

NEW_YORK, LONDON = "America/New_York", "Europe/London"


@pytest.mark.parametrize(("on", "expected"), [
    # Both on standard time: New York 9-17 EST = 14:00-22:00 UTC, London GMT 9:00-17:00 UTC:
    # 14-17, 3 hours.
    (date(2026, 3, 7), 3),
    # The US moves its clocks on Sunday 8 March 2026, the UK on 29 March: in between New York
    # is on EDT, 13:00-21:00 UTC, London still on GMT: 13-17, 4 hours.
    (date(2026, 3, 8), 4),
    (date(2026, 3, 16), 4),
    # From 29 March London is on BST, 8:00-16:00 UTC: 13-16, 3 hours again.
    (date(2026, 3, 29), 3),
    # Autumn: the UK goes back on 25 October, the US on 1 November. On 28 October New York is
    # still EDT (13-21 UTC) and London GMT (9-17 UTC): 4 hours; on 2 November 3 again.
    (date(2026, 10, 28), 4),
    (date(2026, 11, 2), 3),
])
def test_new_york_and_london_across_daylight_saving_changes(on, expected):
    assert overlap_hours(NEW_YORK, LONDON, on) == expected
    assert overlap_hours(LONDON, NEW_YORK, on) == expected  # the same hours seen from London


@pytest.mark.parametrize(("team", "other", "on", "expected"), [
    # Los Angeles PST 9-17 = 17:00-01:00 UTC; Sydney's next working day on AEDT (UTC+11) is
    # 22:00-06:00 UTC: 22-01, 3 hours.
    ("America/Los_Angeles", "Australia/Sydney", date(2026, 1, 15), 3),
    # In July LA is on PDT, 16:00-00:00 UTC; Sydney on AEST (UTC+10), 23:00-07:00 UTC: 1 hour.
    ("America/Los_Angeles", "Australia/Sydney", date(2026, 7, 15), 1),
    # New York EST 14-22 UTC; Kolkata IST (UTC+5:30) 3:30-11:30 UTC: none.
    (NEW_YORK, "Asia/Kolkata", date(2026, 1, 15), 0),
    # Berlin CET 8-16 UTC against Kolkata 3:30-11:30: 3.5 hours; on CEST (7-15 UTC) 4.5.
    ("Europe/Berlin", "Asia/Kolkata", date(2026, 1, 15), 3.5),
    ("Europe/Berlin", "Asia/Kolkata", date(2026, 7, 15), 4.5),
    # The same zone: the whole day.
    (LONDON, LONDON, date(2026, 3, 29), 8),
])
def test_overlap_worked_in_utc(team, other, on, expected):
    assert overlap_hours(team, other, on) == expected


def test_under_the_minimum():
    assert under_minimum(2.5, 3) and not under_minimum(3, 3)
    assert not under_minimum(None, 3)  # no zone known: not flagged


def test_every_zone_in_the_calibration_files_is_known():
    zones = {*calibration.country_time_zones().values(), *calibration.us_city_time_zones().values()}
    assert len(calibration.country_time_zones()) == 21
    assert all(is_time_zone(zone) for zone in zones)
    assert not is_time_zone("Mars/Olympus_Mons")
