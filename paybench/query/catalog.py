"""Every dimension and measure the app shows: its key, label, and order, in one place.

A dimension's key is at once the column name, the widget key, the URL parameter and the SQL
parameter, so one vocabulary runs from the link to the query.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from paybench.domain.vocabulary import (
    COMPANY_SIZES,
    LEVELS,
    REST_OF_US,
    WORK_ARRANGEMENTS,
    in_order,
)

DEFAULT_COUNTRY = "US"


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    order: tuple[str, ...] = ()  # fixed display order; values from the data otherwise sort by name
    help: str = ""


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    help: str = ""


DIMENSIONS = {d.key: d for d in (
    Dimension("role", "Role"),
    Dimension("level", "Level", LEVELS, "Entry to Principal; imported levels are mapped onto these"),
    Dimension("country", "Country"),
    Dimension("metro", "Metro area", help="US metropolitan statistical area; " + REST_OF_US
              + ": records outside the listed cities' metros, with no city"),
    Dimension("city", "City"),
    Dimension("work_arrangement", "Work arrangement", WORK_ARRANGEMENTS),
    Dimension("industry", "Industry"),
    Dimension("company_size", "Company size", COMPANY_SIZES,
              "Small: under 50 employees; Medium: 50 to 250; Large: over 250"),
    Dimension("year", "Years"),
)}

# The global filters that take several values (an empty selection means all).
MULTI_VALUE_FILTERS = ("level", "country", "metro", "city", "work_arrangement", "industry",
                       "company_size")

MEASURES = {m.key: m for m in (
    Measure("total_comp", "Total comp", "base salary + bonus + equity per year"),
    Measure("base_salary", "Base salary"),
    Measure("bonus", "Bonus", "yearly cash bonus"),
    Measure("equity", "Equity", "yearly value of equity (grant value / vesting years)"),
)}

# Related roles: a role's family, the roles a thin cell may pool (Hire anywhere's fallback).
# Titles as the importer maps them; a role outside every family has no related roles.
ROLE_FAMILIES = {
    "machine learning and AI engineering": (
        "Machine Learning Engineer", "AI Engineer", "MLOps Engineer", "Research Engineer",
        "Machine Learning Infrastructure Engineer", "ML Infrastructure Engineer",
        "Machine Learning Platform Engineer", "Machine Learning Software Engineer",
        "Machine Learning Developer", "Machine Learning Research Engineer",
        "Applied Machine Learning Engineer", "Lead Machine Learning Engineer",
        "Principal Machine Learning Engineer", "Staff Machine Learning Engineer",
        "Machine Learning Model Engineer", "Machine Learning Quality Engineer",
        "Machine Learning Performance Engineer", "AI Machine Learning Engineer",
        "Deep Learning Engineer", "Computer Vision Engineer", "Computer Vision Software Engineer",
        "NLP Engineer", "AI Developer", "AI Software Engineer", "AI Research Engineer"),
    "machine learning and AI research": (
        "Research Scientist", "Applied Scientist", "Machine Learning Scientist", "AI Scientist",
        "Machine Learning Researcher", "AI Researcher", "AI Research Scientist",
        "Applied Machine Learning Scientist", "Applied Research Scientist",
        "Deep Learning Researcher"),
    "data science": (
        "Data Scientist", "Applied Data Scientist", "Lead Data Scientist",
        "Principal Data Scientist", "Staff Data Scientist", "AI Data Scientist",
        "Decision Scientist"),
    "data engineering": (
        "Data Engineer", "Analytics Engineer", "Big Data Engineer", "AI Data Engineer",
        "Data Infrastructure Engineer", "ETL Developer"),
    "software engineering": (
        "Software Engineer", "Software Developer", "Software Development Engineer"),
}


def role_family(role: str | None) -> tuple[str, tuple[str, ...]] | None:
    """The family a role belongs to and its roles, or None when it has no related roles."""
    for family, roles in ROLE_FAMILIES.items():
        if role in roles:
            return family, roles
    return None


def label(key: str) -> str:
    if key in DIMENSIONS:
        return DIMENSIONS[key].label
    return MEASURES[key].label


def ordered(key: str, values: Iterable[str]) -> list[str]:
    """Values in the dimension's display order; values outside that order follow, by name."""
    return in_order(values, DIMENSIONS[key].order)
