"""The words of pay data that every layer shares: the fixed orders of levels, work arrangements
and company sizes, the percentiles the product reports, the smallest cell it shows as a number,
and the bounds a plausible yearly amount respects."""

from collections.abc import Iterable, Sequence

LEVELS = ("Entry", "Mid", "Senior", "Staff", "Principal")
WORK_ARRANGEMENTS = ("Onsite", "Hybrid", "Remote")
COMPANY_SIZES = ("Small", "Medium", "Large")
PERCENTILES = (10, 25, 50, 75, 90)
MIN_CELL_SIZE = 5  # fewer records than this and a figure is not shown as a number
DEFAULT_ROLE = "Machine Learning Engineer"
ANY = "Any"  # a choice (of city, company size, industry) that does not narrow a market cell
# Where records outside the listed cities sit: they have no city, and this as their metro.
REST_OF_US = "Rest of US"

# A yearly base salary below the US federal minimum wage for a full-time year is not a
# salary record; above five million a year it is a typo or an executive outlier.
MIN_BASE_SALARY = 15_080  # $7.25 x 2,080 hours
MAX_TOTAL_COMP = 5_000_000


def in_order(values: Iterable, order: Sequence) -> list:
    """Values in a fixed order; values outside that order follow, by name."""
    rank = {value: position for position, value in enumerate(order)}
    return sorted(values, key=lambda value: (rank.get(value, len(order)), str(value)))
