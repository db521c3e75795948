"""Working hours two places share: the hours of the team's working day, on a given date, that
fall inside the other place's working day. Daylight saving comes from the IANA time zone
database through the standard library's zoneinfo, for that date.

The other place's working day may fall on the team's date, the day before or the day after
(9:00 in Sydney is the previous afternoon in San Francisco), so all three are compared.
Weekends and public holidays are not modelled: every date is a working day in both places.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

WORKDAY_START = 9
WORKDAY_END = 17


def is_time_zone(name: str) -> bool:
    """An IANA zone name zoneinfo knows (a link value is checked against this)."""
    return name in known_time_zones()


def known_time_zones() -> frozenset[str]:
    return _ZONES


_ZONES = frozenset(available_timezones())


def working_day(zone: str, on: date, start_hour: int = WORKDAY_START,
                end_hour: int = WORKDAY_END) -> tuple[datetime, datetime]:
    """The working day in a zone on a date, as two instants in UTC."""
    where = ZoneInfo(zone)
    return (datetime.combine(on, time(start_hour), where).astimezone(UTC),
            datetime.combine(on, time(end_hour), where).astimezone(UTC))


def overlap_hours(team_zone: str, other_zone: str, on: date, start_hour: int = WORKDAY_START,
                  end_hour: int = WORKDAY_END) -> float:
    """Hours of the team's working day on `on` that are inside the other zone's working day
    (of the same date, the day before or the day after)."""
    team_start, team_end = working_day(team_zone, on, start_hour, end_hour)
    shared = timedelta()
    for shift in (-1, 0, 1):
        other_start, other_end = working_day(other_zone, on + timedelta(days=shift),
                                             start_hour, end_hour)
        shared += max(timedelta(), min(team_end, other_end) - max(team_start, other_start))
    return shared.total_seconds() / 3600


def under_minimum(hours: float | None, minimum: float) -> bool:
    """True when the overlap is known and below the team's minimum."""
    return hours is not None and hours < minimum
