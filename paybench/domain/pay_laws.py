"""Which pay-transparency laws reach a job posting, and what they ask of it. The laws come
from data/calibration/pay_transparency_laws.csv (read in datasets/calibration.py); this module
only reasons over them. No Streamlit, no files, no sentences: findings carry codes, and
present/ranges_summary.py says them in words.

How a law is assessed for a posting (a work location, or remote anywhere in a country or the
EU), an employer of a given size, on a date:
1. Where: an on-site posting is covered when the work location lies in the law's jurisdiction
   (a city, county, state or province, country, or the EU). A remote posting open anywhere in a
   country (or the EU) reaches the laws of the places inside it whose `applies_to_remote` is
   "yes"; "unsettled" makes the law one that may apply; "no" rules it out.
2. When: not yet in force before its effective date; an unknown date, or an in-force status the
   file marks unsettled (a law that may have lapsed), makes it one that may apply. A directive
   binds employers only through national law, so it may apply.
3. Who: an employer below the size threshold is not covered. Where the file counts employees
   only in the jurisdiction, or requires at least one employee there (or the employer to be
   located there), the law applies if that is so: the page states the condition. Where the
   file says counting is unsettled, or the threshold is unknown, the law may apply.
A law's status is the weakest that any step gives: does not apply, not yet in force, may
apply, applies if (a condition the app cannot check), applies.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

# ---- statuses and reasons --------------------------------------------------------------------

APPLIES = "applies"
APPLIES_IF = "applies if"
MAY_APPLY = "may apply"
NOT_YET = "not yet in force"
DOES_NOT_APPLY = "does not apply"
STATUS_ORDER = (APPLIES, APPLIES_IF, MAY_APPLY, NOT_YET, DOES_NOT_APPLY)
RELEVANT = (APPLIES, APPLIES_IF, MAY_APPLY)  # what a posting should meet

# Rule the law out for the posting.
OUTSIDE = "outside"  # the work location is not in the jurisdiction
REMOTE_EXCLUDED = "remote excluded"  # the law does not reach hire-anywhere remote roles
BELOW_THRESHOLD = "below threshold"  # detail: the threshold
# Not yet.
STARTS_LATER = "starts later"  # detail: the effective date
# Unsettled points: the law may apply.
REMOTE_UNSETTLED = "remote unsettled"
COUNT_UNSETTLED = "count unsettled"  # detail: the threshold
PRESENCE_UNSETTLED = "presence unsettled"
THRESHOLD_UNKNOWN = "threshold unknown"
DATE_UNKNOWN = "date unknown"
IN_FORCE_UNSETTLED = "in force unsettled"
THROUGH_NATIONAL_LAW = "through national law"
# Conditions the app cannot check: the law applies if they hold.
EMPLOYEES_THERE = "employees there"  # detail: how many must work in the jurisdiction
PRESENCE = "presence"  # an employee in the jurisdiction, or the employer located there

EXCLUSIONS = (OUTSIDE, REMOTE_EXCLUDED, BELOW_THRESHOLD)
UNSETTLED = (REMOTE_UNSETTLED, COUNT_UNSETTLED, PRESENCE_UNSETTLED, THRESHOLD_UNKNOWN,
             DATE_UNKNOWN, IN_FORCE_UNSETTLED, THROUGH_NATIONAL_LAW)
CONDITIONS = (EMPLOYEES_THERE, PRESENCE)

# Coded columns of the law file (data/calibration/README.md).
COUNTED_ANYWHERE, COUNTED_THERE = "anywhere", "in jurisdiction"
COUNTED_UNSETTLED, NO_THRESHOLD = "unsettled", "no threshold"
YES, NO, UNSETTLED_VALUE = "yes", "no", "unsettled"
IN_FORCE_THROUGH_NATIONAL_LAW = "through national law"

# What a law may ask a posting to disclose, and how the file says whether it does.
DISCLOSURES = ("range", "benefits", "bonus", "equity")
REQUIRED, NOT_REQUIRED, NOT_NAMED, PARTLY = "required", "not required", "not named", "partly"
NEED_UNSETTLED = "unsettled"
JURISDICTION_ORDER = ("supranational", "country", "state", "county", "city")
# How `when_disclosed` says the duty is in the posting itself.
IN_POSTING_WORDS = ("posting", "advertisement", "listing", "vacancy notice", "job ad")


@dataclass(frozen=True)
class Reason:
    kind: str
    detail: object = None


@dataclass(frozen=True)
class WidthLimit:
    """A numeric limit on a posted range's width, in the law's currency."""

    max_spread: float | None  # (max − min) / min
    max_width: float | None  # max − min
    exempt_above: float | None  # no limit when the range's top is above this
    currency: str
    status: str  # "in force" or "proposed"


@dataclass(frozen=True)
class PayLaw:
    """A row of the law file, its codes parsed, its words kept as the file has them."""

    law_id: str
    jurisdiction: str
    jurisdiction_type: str
    country: str
    state: str
    city: str
    name: str
    citation: str
    effective_date: date | None
    threshold: int | None
    counts_employees_where: str
    disclosures: Mapping[str, str]  # DISCLOSURES -> the file's text
    other_disclosures: str
    applies_to_remote: str
    remote_rule: str
    when_disclosed: str
    source_url: str
    source_title: str
    employees_counted: str
    needs_presence: str
    in_force: str
    width_limit: WidthLimit | None
    date_checked: date
    notes: str

    @classmethod
    def from_row(cls, row: Mapping[str, str]) -> "PayLaw":
        text = {key: (value or "").strip() for key, value in row.items()}
        return cls(
            law_id=text["law_id"], jurisdiction=text["jurisdiction"],
            jurisdiction_type=text["jurisdiction_type"], country=text["country"],
            state=text["state"], city=text["city"], name=text["law_name"],
            citation=text["citation"], effective_date=_date(text["effective_date"]),
            threshold=int(text["employer_size_threshold"]) if text["employer_size_threshold"]
            else None,
            counts_employees_where=text["counts_employees_where"],
            disclosures={item: text[f"discloses_{item}"] for item in DISCLOSURES},
            other_disclosures=text["other_disclosures"],
            applies_to_remote=text["applies_to_remote"], remote_rule=text["remote_rule"],
            when_disclosed=text["when_disclosed"], source_url=text["source_url"],
            source_title=text["source_title"], employees_counted=text["employees_counted"],
            needs_presence=text["needs_presence"], in_force=text["in_force"],
            width_limit=_width_limit(text), date_checked=_date(text["date_checked"]),
            notes=text["notes"],
        )

    @property
    def posting_duty(self) -> bool:
        """Whether the law asks for a range at all (one, Columbus's, asks for none)."""
        return disclosure_need(self.disclosures["range"]) == REQUIRED

    @property
    def in_posting(self) -> bool:
        """Whether what it asks for goes in the posting itself, as `when_disclosed` says; some
        laws ask for it only on request, after an interview or before employment starts."""
        when = self.when_disclosed.lower()
        return self.posting_duty and any(word in when for word in IN_POSTING_WORDS)


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _number(text: str) -> float | None:
    return float(text) if text else None


def _width_limit(text: Mapping[str, str]) -> WidthLimit | None:
    if not (text["max_spread"] or text["max_width"]):
        return None
    return WidthLimit(_number(text["max_spread"]), _number(text["max_width"]),
                      _number(text["width_exempt_above"]), text["width_currency"] or "USD",
                      text["width_limit_status"])


def disclosure_need(text: str) -> str:
    """The file's words on one disclosure as a code: "yes (...)" is required, "no ..." not
    required, "unsettled ..." unsettled, "not named ..." not named; anything else (a partial
    duty, such as D.C.'s healthcare benefits before the interview) is partly."""
    lowered = text.lower()
    for prefix, need in (("yes", REQUIRED), ("no", NOT_REQUIRED), ("unsettled", NEED_UNSETTLED),
                         ("not named", NOT_NAMED)):
        if lowered == prefix or lowered.startswith((prefix + " ", prefix + "(", prefix + ";")):
            return need
    return PARTLY


# ---- where a posting is ----------------------------------------------------------------------

@dataclass(frozen=True)
class PostingPlace:
    """A posting's work location, or remote anywhere in a country or the EU (`remote`)."""

    label: str
    city: str = ""
    county: str = ""
    state: str = ""
    country: str = ""
    union: str = ""  # "EU" for a place in (or remote anywhere in) the European Union
    remote: bool = False
    union_members: frozenset[str] = field(default_factory=frozenset)  # for remote in the union

    @property
    def countries(self) -> frozenset[str]:
        """The countries a remote posting is open in."""
        return frozenset({self.country}) if self.country else self.union_members


def in_jurisdiction(law: PayLaw, place: PostingPlace) -> bool:
    """Whether an on-site work location lies in the law's jurisdiction."""
    kind = law.jurisdiction_type
    if kind == "supranational":
        return bool(place.union) and place.union == law.country
    if kind == "country":
        return place.country == law.country
    same_state = place.country == law.country and place.state == law.state
    if kind == "state":
        return same_state
    if kind == "county":
        return same_state and place.county == law.jurisdiction
    return same_state and place.city == law.city


def within_remote_scope(law: PayLaw, place: PostingPlace) -> bool:
    """Whether the law's jurisdiction lies where a remote posting is open."""
    if place.union and law.country == place.union:
        return True
    return law.country in place.countries


# ---- assessing a law -------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    law: PayLaw
    status: str
    reasons: tuple[Reason, ...]

    def has(self, kind: str) -> bool:
        return any(reason.kind == kind for reason in self.reasons)


def assess(law: PayLaw, place: PostingPlace, employees: int, on: date) -> Finding:
    reasons = [*_where(law, place), *_when(law, on), *_who(law, employees)]
    return Finding(law, _status(reasons), tuple(reasons))


def _where(law: PayLaw, place: PostingPlace) -> list[Reason]:
    if not place.remote:
        return [] if in_jurisdiction(law, place) else [Reason(OUTSIDE)]
    if not within_remote_scope(law, place):
        return [Reason(OUTSIDE)]
    if law.applies_to_remote == YES:
        return []
    if law.applies_to_remote == NO:
        return [Reason(REMOTE_EXCLUDED)]
    return [Reason(REMOTE_UNSETTLED)]


def _when(law: PayLaw, on: date) -> list[Reason]:
    reasons = []
    if law.effective_date is None:
        reasons.append(Reason(DATE_UNKNOWN))
    elif law.effective_date > on:
        reasons.append(Reason(STARTS_LATER, law.effective_date))
    if law.in_force == UNSETTLED_VALUE:
        reasons.append(Reason(IN_FORCE_UNSETTLED))
    elif law.in_force == IN_FORCE_THROUGH_NATIONAL_LAW:
        reasons.append(Reason(THROUGH_NATIONAL_LAW))
    return reasons


def _who(law: PayLaw, employees: int) -> list[Reason]:
    if law.employees_counted == NO_THRESHOLD:
        counting: list[Reason] = []
    elif law.threshold is None:
        counting = [Reason(THRESHOLD_UNKNOWN)]
    elif employees < law.threshold:
        return [Reason(BELOW_THRESHOLD, law.threshold)]
    elif law.employees_counted == COUNTED_THERE:
        counting = [Reason(EMPLOYEES_THERE, law.threshold)]
    elif law.employees_counted == COUNTED_UNSETTLED:
        counting = [Reason(COUNT_UNSETTLED, law.threshold)]
    else:
        counting = []
    if law.needs_presence == YES and not any(r.kind == EMPLOYEES_THERE for r in counting):
        counting.append(Reason(PRESENCE))
    elif law.needs_presence == UNSETTLED_VALUE:
        counting.append(Reason(PRESENCE_UNSETTLED))
    return counting


def _status(reasons: Sequence[Reason]) -> str:
    kinds = {reason.kind for reason in reasons}
    if kinds & set(EXCLUSIONS):
        return DOES_NOT_APPLY
    if STARTS_LATER in kinds:
        return NOT_YET
    if kinds & set(UNSETTLED):
        return MAY_APPLY
    if kinds & set(CONDITIONS):
        return APPLIES_IF
    return APPLIES


def assess_all(laws: Iterable[PayLaw], place: PostingPlace, employees: int,
               on: date) -> list[Finding]:
    """Every law's finding: the strongest status first, then the broadest jurisdiction, then
    the earliest date."""
    findings = [assess(law, place, employees, on) for law in laws]
    return sorted(findings, key=lambda f: (
        STATUS_ORDER.index(f.status), _rank(f.law.jurisdiction_type),
        f.law.effective_date or date.max, f.law.law_id))


def _rank(jurisdiction_type: str) -> int:
    return (JURISDICTION_ORDER.index(jurisdiction_type) if jurisdiction_type in JURISDICTION_ORDER
            else len(JURISDICTION_ORDER))


def relevant(findings: Iterable[Finding]) -> list[Finding]:
    """The findings a posting should meet: the laws that apply, apply if, or may apply."""
    return [finding for finding in findings if finding.status in RELEVANT]


# ---- what the posting must say ---------------------------------------------------------------

def posting_needs(findings: Iterable[Finding]) -> dict[str, str]:
    """Per disclosure, over the laws a posting should meet that ask for it in the posting
    itself: required if any requires it; else unsettled if any is unsettled, silent (not
    named) or partial; else not required."""
    needs = {}
    chosen = [finding for finding in relevant(findings) if finding.law.in_posting]
    for item in DISCLOSURES:
        found = {disclosure_need(finding.law.disclosures[item]) for finding in chosen}
        if REQUIRED in found:
            needs[item] = REQUIRED
        elif found & {NEED_UNSETTLED, NOT_NAMED, PARTLY}:
            needs[item] = NEED_UNSETTLED
        else:
            needs[item] = NOT_REQUIRED
    return needs


@dataclass(frozen=True)
class WidthLimitCheck:
    """A law's limit on a posted range's width, in US dollars, against the posted range."""

    law: PayLaw
    status: str  # the finding's status
    limit: WidthLimit
    usd_per_unit: float  # the rate the limit was converted at (1 for US dollars)
    exempt: bool  # the range's top is above the exemption
    exceeded: bool

    @property
    def max_width_usd(self) -> float | None:
        return None if self.limit.max_width is None else self.limit.max_width * self.usd_per_unit

    @property
    def exempt_above_usd(self) -> float | None:
        limit = self.limit.exempt_above
        return None if limit is None else limit * self.usd_per_unit


def width_limit_checks(findings: Iterable[Finding], low: float, high: float,
                       usd_per_unit: Mapping[str, float]) -> list[WidthLimitCheck]:
    """The numeric width limits of the laws a posting should meet, against a range in US
    dollars. A limit in a currency without a rate is left out."""
    checks = []
    for finding in relevant(findings):
        limit = finding.law.width_limit
        if limit is None or (limit.currency != "USD" and limit.currency not in usd_per_unit):
            continue
        rate = 1.0 if limit.currency == "USD" else usd_per_unit[limit.currency]
        exempt = limit.exempt_above is not None and high > limit.exempt_above * rate
        exceeded = not exempt and (
            (limit.max_spread is not None and (high - low) / low > limit.max_spread)
            or (limit.max_width is not None and high - low > limit.max_width * rate))
        checks.append(WidthLimitCheck(finding.law, finding.status, limit, rate, exempt, exceeded))
    return checks
