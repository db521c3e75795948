"""The DOL prevailing wage an offer's base salary must clear for a visa filing: the occupation
(SOC code) a role files under, the wage level a level maps to, and the check itself. The reason
a check has no floor is data (`missing`); the words for it belong to the presentation layer.

The wage library gives levels I, III and IV; OFLC sets levels II and III a third and two thirds
of the way from level I to level IV, so level II is interpolated that way.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from paybench.domain.vocabulary import ANY

# Scientists file as Data Scientists, engineers as Software Developers.
SOC_TITLES = {"15-1252": "Software Developers", "15-2051": "Data Scientists"}
SOC_BY_ROLE_WORD = {"Scientist": "15-2051", "Engineer": "15-1252"}
WAGE_LEVELS = {"Entry": 1, "Mid": 2, "Senior": 3, "Staff": 4, "Principal": 4}

# Why a check has no floor.
NO_OCCUPATION = "no_occupation"  # the role maps to neither SOC code
NO_WAGE_LEVEL = "no_wage_level"  # the level maps to no DOL wage level
NO_CITY = "no_city"  # no city chosen: wages are set per metro
NO_WAGE_FOR_CITY = "no_wage_for_city"  # the city has no wages on file


@dataclass(frozen=True)
class OflcWages:
    """A metro's DOL prevailing wages (OFLC, yearly dollars) for one occupation."""

    city: str
    metro: str
    soc: str
    level1: float
    level3: float
    level4: float

    def level(self, wage_level: int) -> float:
        step = (self.level4 - self.level1) / 3
        return {1: self.level1, 2: self.level1 + step, 3: self.level3, 4: self.level4}[wage_level]


def soc_code(role: str) -> str | None:
    """The SOC code a role files under: a "… Scientist" as 15-2051, an "… Engineer" as
    15-1252; None for a role outside these two."""
    last_word = role.split()[-1] if role.split() else ""
    return SOC_BY_ROLE_WORD.get(last_word)


@dataclass(frozen=True)
class WageCheck:
    """The prevailing-wage floor for the worksite, occupation and wage level, and whether the
    offer's base clears it. floor is None when there is none to check (`missing` says why)."""

    role: str
    level: str
    city: str
    soc: str | None
    wage_level: int | None
    floor: float | None = None
    metro: str | None = None
    base_salary: float = 0.0
    missing: str = ""

    @property
    def clears(self) -> bool | None:
        return None if self.floor is None else self.base_salary >= self.floor

    @property
    def margin(self) -> float | None:
        return None if self.floor is None else self.base_salary - self.floor


def prevailing_wage_check(role: str, level: str, city: str, base_salary: float,
                          wages: Mapping[tuple[str, str], OflcWages]) -> WageCheck:
    soc, wage_level = soc_code(role), WAGE_LEVELS.get(level)
    found = {"role": role, "level": level, "city": city, "soc": soc, "wage_level": wage_level,
             "base_salary": base_salary}
    if soc is None:
        return WageCheck(**found, missing=NO_OCCUPATION)
    if wage_level is None:
        return WageCheck(**found, missing=NO_WAGE_LEVEL)
    if city == ANY:
        return WageCheck(**found, missing=NO_CITY)
    metro_wages = wages.get((city, soc))
    if metro_wages is None:
        return WageCheck(**found, missing=NO_WAGE_FOR_CITY)
    return WageCheck(**found, floor=metro_wages.level(wage_level), metro=metro_wages.metro)
