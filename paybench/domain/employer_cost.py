"""What a hire costs the employer each year in a country: the pay, the statutory employer
contributions on it (each with the floor, cap and threshold the law sets), and an
employer-of-record fee. No Streamlit, no files: the contributions come in as data
(data/calibration/employer_contributions.csv, read by datasets/calibration.py).

A contribution on a yearly pay P in local currency is

    rate x max(0, min(P, cap) - floor)

with no cap meaning none and no floor meaning 0; a contribution with a threshold
(`due_above`) is owed only when P exceeds it (and then on the band above). Pay is treated
as the salary the contributions are levied on: a simplification for a yearly estimate.
"""

from collections.abc import Sequence
from dataclasses import dataclass

MONTHS = 12
STATUTORY = "statutory"
EXAMPLE = "example"  # an illustration (one US state's unemployment tax): shown, never counted


@dataclass(frozen=True)
class Contribution:
    """One employer contribution of a country, amounts in its currency per year."""

    component: str
    rate: float
    floor: float = 0.0
    cap: float | None = None
    due_above: float | None = None
    kind: str = STATUTORY
    unsettled: bool = False  # the source leaves a point open (the file's notes say which)
    sourced: bool = True  # False: no source was found; counted only when asked

    @property
    def linear(self) -> bool:
        """True when the amount is the rate times the pay whatever the pay: no floor, cap or
        threshold, so it needs no exchange rate."""
        return not self.floor and self.cap is None and self.due_above is None

    def amount(self, pay: float) -> float:
        """The contribution on a yearly pay, both in the country's currency."""
        if self.due_above is not None and pay <= self.due_above:
            return 0.0
        top = pay if self.cap is None else min(pay, self.cap)
        return self.rate * max(0.0, top - self.floor)

    def capped_at(self, pay: float) -> bool:
        """True when the cap stops the contribution from growing with this pay."""
        return self.cap is not None and pay > self.cap


def counted(contribution: Contribution, include_unsourced: bool = False) -> bool:
    """Whether the estimate counts a contribution: examples never; a rate without a source
    only when the user asks for it (it is then an assumption, and the page says so)."""
    if contribution.kind == EXAMPLE:
        return False
    return contribution.sourced or include_unsourced


def contributions_usd(contributions: Sequence[Contribution], pay_usd: float,
                      usd_per_unit: float | None, include_unsourced: bool = False,
                      ) -> float | None:
    """The yearly employer contributions counted on a pay given in US dollars, in US dollars.

    The pay is converted to the local currency at usd_per_unit (US dollars per unit), the
    floors, caps and thresholds applied there, and the total converted back. Without a rate,
    only contributions that are a plain share of pay can be computed: None if any counted
    contribution has a floor, cap or threshold."""
    rows = [c for c in contributions if counted(c, include_unsourced)]
    if usd_per_unit is None:
        if not all(c.linear for c in rows):
            return None
        return sum(c.rate for c in rows) * pay_usd
    pay_local = pay_usd / usd_per_unit
    return sum(c.amount(pay_local) for c in rows) * usd_per_unit


def eor_fee_per_year(fee_per_month: float) -> float:
    return fee_per_month * MONTHS


@dataclass(frozen=True)
class YearlyCost:
    """A hire's yearly cost in US dollars; contributions None when they cannot be computed."""

    pay: float
    contributions: float | None
    eor_fee: float

    @property
    def total(self) -> float | None:
        """Pay + employer contributions + fees; None when the contributions are unknown."""
        if self.contributions is None:
            return None
        return self.pay + self.contributions + self.eor_fee

    @property
    def contribution_share(self) -> float | None:
        """Contributions as a share of pay."""
        if self.contributions is None or not self.pay:
            return None
        return self.contributions / self.pay


def yearly_cost(pay_usd: float, contributions: Sequence[Contribution], usd_per_unit: float | None,
                eor_fee_per_month: float, include_unsourced: bool = False) -> YearlyCost:
    """Pay, employer contributions and the fee of a hire for a year. A hire employed directly
    (no employer of record) has a fee of 0."""
    return YearlyCost(
        pay=pay_usd,
        contributions=contributions_usd(contributions, pay_usd, usd_per_unit, include_unsourced),
        eor_fee=eor_fee_per_year(eor_fee_per_month),
    )
