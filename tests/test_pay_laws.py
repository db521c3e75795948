"""Which pay-transparency laws reach a posting, table-driven on the shipped law file. The rows
the tests rely on are checked against their published figures first (a law's threshold and
date are public facts, so they are typed in here from the sources the file names)."""

import csv
from datetime import date

import pytest

from paybench.datasets import calibration
from paybench.domain import pay_laws
from paybench.domain.pay_laws import (
    APPLIES,
    APPLIES_IF,
    DOES_NOT_APPLY,
    MAY_APPLY,
    NOT_YET,
    PostingPlace,
)
from paybench.paths import CALIBRATION_DIR
from paybench.present import ranges_summary

LAWS = calibration.pay_laws()
PLACES = calibration.posting_places()
CHECKED = date(2026, 11, 26)  # the day the file was checked
LAW_FILE = CALIBRATION_DIR / "pay_transparency_laws.csv"


# ---- the file -------------------------------------------------------------------------------

def test_the_law_file_has_every_column_and_a_source_for_every_row():
    with open(LAW_FILE, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 37
    assert len({row["law_id"] for row in rows}) == len(rows)
    for row in rows:
        assert row["source_url"].startswith(("https://", "http://")), row["law_id"]
        assert row["source_title"] and date.fromisoformat(row["date_checked"]) == CHECKED
        assert row["applies_to_remote"] in ("yes", "no", "unsettled")
        assert row["employees_counted"] in ("anywhere", "in jurisdiction", "unsettled",
                                            "no threshold")
        assert row["needs_presence"] in ("yes", "no", "unsettled")
        assert row["in_force"] in ("yes", "unsettled", "through national law")
        assert row["jurisdiction_type"] in pay_laws.JURISDICTION_ORDER
    with open(CALIBRATION_DIR / "sources.csv", newline="") as handle:
        sources = {row["file"] for row in csv.DictReader(handle)}
    assert {"pay_transparency_laws.csv", "posting_locations.csv"} <= sources


# law_id: (jurisdiction, effective date, employer-size threshold, reaches hire-anywhere remote)
PUBLISHED = {
    "co-epewa": ("Colorado", date(2021, 1, 1), 1, "yes"),
    "ca-sb1162": ("California", date(2023, 1, 1), 15, "yes"),
    "wa-essb5761": ("Washington", date(2023, 1, 1), 15, "yes"),
    "nyc-ll32": ("New York City", date(2022, 11, 1), 4, "yes"),
    "ny-state-194b": ("New York State", date(2023, 9, 17), 4, "unsettled"),
    "ma-h4890": ("Massachusetts", date(2025, 10, 29), 25, "unsettled"),
    "hi-act203": ("Hawaii", date(2024, 1, 1), 50, "unsettled"),
    "mn-181173": ("Minnesota", date(2025, 1, 1), 30, "unsettled"),
    "nj-s2310": ("New Jersey", date(2025, 6, 1), 10, "unsettled"),
    "de-hb105": ("Delaware", date(2027, 9, 26), 26, "unsettled"),
    "on-esa-job-postings": ("Ontario", date(2026, 1, 1), 25, "unsettled"),
    "bc-pta-2023": ("British Columbia", date(2023, 11, 1), 1, "yes"),
    "eu-2023-970": ("European Union", date(2026, 6, 7), 1, "unsettled"),
    "it-dlgs-2026": ("Italy", date(2026, 6, 7), 1, "unsettled"),
    "columbus-salary-history": ("Columbus", date(2024, 3, 1), 15, "no"),
}


def law(law_id: str) -> pay_laws.PayLaw:
    return next(each for each in LAWS if each.law_id == law_id)


@pytest.mark.parametrize("law_id", sorted(PUBLISHED))
def test_the_rows_the_tests_rely_on(law_id):
    jurisdiction, effective, threshold, remote = PUBLISHED[law_id]
    row = law(law_id)
    assert (row.jurisdiction, row.effective_date, row.threshold, row.applies_to_remote) == (
        jurisdiction, effective, threshold, remote)


def test_ontarios_width_cap_and_new_jerseys_proposed_cap():
    ontario = law("on-esa-job-postings").width_limit
    assert (ontario.max_width, ontario.exempt_above, ontario.currency, ontario.status) == (
        50_000, 200_000, "CAD", "in force")
    new_jersey = law("nj-s2310").width_limit
    assert (new_jersey.max_spread, new_jersey.status) == (0.6, "proposed")


# ---- applicability ----------------------------------------------------------------------------

def statuses(place: str, employees: int, on: date = CHECKED) -> dict[str, str]:
    return {f.law.law_id: f.status
            for f in pay_laws.assess_all(LAWS, PLACES[place], employees, on)}


def relevant_ids(place: str, employees: int, on: date = CHECKED) -> set[str]:
    return {f.law.law_id for f in pay_laws.relevant(
        pay_laws.assess_all(LAWS, PLACES[place], employees, on))}


@pytest.mark.parametrize(("place", "employees", "expected"), [
    # A 20-person company posting a remote US role. Colorado reaches remote roles and covers an
    # employer with an employee there; California and NYC reach remote roles and count staff
    # anywhere, but need one employee there; Washington's need for one is unsettled; laws whose
    # remote reach is unsettled may apply; Massachusetts (25), Minnesota (30) and Hawaii (50)
    # are above 20, and so is Delaware (26, from 2027-09-26); Columbus asks for no range and
    # does not reach remote roles; the EU and Canadian laws are outside the US.
    ("Remote: anywhere in the US", 20, {
        "co-epewa": APPLIES_IF, "ca-sb1162": APPLIES_IF, "ca-sb642": APPLIES_IF,
        "nyc-ll32": APPLIES_IF, "wa-essb5761": MAY_APPLY, "il-hb3129": MAY_APPLY,
        "ny-state-194b": MAY_APPLY, "nj-s2310": MAY_APPLY, "md-sb525": MAY_APPLY,
        "ma-h4890": DOES_NOT_APPLY, "mn-181173": DOES_NOT_APPLY, "hi-act203": DOES_NOT_APPLY,
        "columbus-salary-history": DOES_NOT_APPLY, "de-hb105": DOES_NOT_APPLY,
        "eu-2023-970": DOES_NOT_APPLY, "bc-pta-2023": DOES_NOT_APPLY}),
    # A 60-person company in Denver: Colorado's act, if it has an employee in Colorado;
    # nothing else in the file is about Denver.
    ("Denver, CO", 60, {"co-epewa": APPLIES_IF, "ca-sb1162": DOES_NOT_APPLY,
                        "nyc-ll32": DOES_NOT_APPLY, "eu-2023-970": DOES_NOT_APPLY}),
    # A New York City role: the city law (one employee in the city needed) and the state law
    # (whether its 4 must be in New York is unsettled); Westchester's is another county.
    ("New York, NY", 100, {"nyc-ll32": APPLIES_IF, "ny-state-194b": MAY_APPLY,
                           "westchester-700-03": DOES_NOT_APPLY,
                           "co-epewa": DOES_NOT_APPLY}),
    # A Berlin role: the EU directive, which binds employers only through national law
    # (Germany's is not in the file).
    ("Berlin, Germany", 100, {"eu-2023-970": MAY_APPLY, "it-dlgs-2026": DOES_NOT_APPLY}),
    # Milan: Italy's decree applies to every employer from 2026-06-07; the directive too.
    ("Milan, Italy", 10, {"it-dlgs-2026": APPLIES, "eu-2023-970": MAY_APPLY,
                          "pl-labour-code-2025": DOES_NOT_APPLY}),
    # Toronto: Ontario's rules from 25 employees (where they are counted is unsettled) ...
    ("Toronto, Ontario", 30, {"on-esa-job-postings": MAY_APPLY, "bc-pta-2023": DOES_NOT_APPLY}),
    # ... and not for 20.
    ("Toronto, Ontario", 20, {"on-esa-job-postings": DOES_NOT_APPLY}),
    # Vancouver: British Columbia's act, every employer, no condition.
    ("Vancouver, British Columbia", 3, {"bc-pta-2023": APPLIES}),
    # Remote anywhere in Canada: BC reaches it; Ontario's 25 rule out 10; PEI's remote reach
    # is unsettled.
    ("Remote: anywhere in Canada", 10, {"bc-pta-2023": APPLIES,
                                        "on-esa-job-postings": DOES_NOT_APPLY,
                                        "pe-esa-5-9": MAY_APPLY, "co-epewa": DOES_NOT_APPLY}),
    # Jersey City with 8 people: the city's ordinance from 5 employees in the city; the state
    # law from 10.
    ("Jersey City, NJ", 8, {"jersey-city-22-045": APPLIES_IF, "nj-s2310": DOES_NOT_APPLY}),
    # Newark with 50: New Jersey's law counts employees anywhere and needs no presence.
    ("Newark, NJ", 50, {"nj-s2310": APPLIES, "jersey-city-22-045": DOES_NOT_APPLY}),
    # White Plains: Westchester's law may have lapsed when the state law took effect.
    ("White Plains, NY", 10, {"westchester-700-03": MAY_APPLY, "ny-state-194b": MAY_APPLY}),
    # Wilmington before Delaware's law takes effect.
    ("Wilmington, DE", 50, {"de-hb105": NOT_YET}),
    # London: the file has no UK law.
    ("London, United Kingdom", 500, {"eu-2023-970": DOES_NOT_APPLY}),
])
def test_which_laws_reach_a_posting(place, employees, expected):
    found = statuses(place, employees)
    assert {law_id: found[law_id] for law_id in expected} == expected


@pytest.mark.parametrize(("place", "employees", "relevant"), [
    ("Denver, CO", 60, {"co-epewa"}),
    ("New York, NY", 100, {"nyc-ll32", "ny-state-194b"}),
    ("Berlin, Germany", 100, {"eu-2023-970"}),
    ("London, United Kingdom", 500, set()),
    ("Seattle, WA", 100, {"wa-essb5761", "wa-ssb5408"}),
])
def test_the_whole_list_for_a_place(place, employees, relevant):
    assert relevant_ids(place, employees) == relevant


def test_delaware_once_in_force_may_apply():
    # from 2027-09-26; whether its 26 employees must work in Delaware is unsettled
    assert statuses("Wilmington, DE", 50, date(2027, 10, 1))["de-hb105"] == MAY_APPLY


def test_the_reasons_behind_a_status():
    findings = {f.law.law_id: f for f in pay_laws.assess_all(
        LAWS, PLACES["Remote: anywhere in the US"], 20, CHECKED)}
    colorado = findings["co-epewa"]
    assert colorado.reasons == (pay_laws.Reason(pay_laws.EMPLOYEES_THERE, 1),)
    assert ranges_summary.finding_reasons_text(colorado) == \
        "at least one employee works in Colorado"
    # Hawaii's remote reach is unsettled, but 20 employees are below its 50 anyway
    hawaii = findings["hi-act203"]
    assert hawaii.has(pay_laws.REMOTE_UNSETTLED) and hawaii.has(pay_laws.BELOW_THRESHOLD)
    assert ranges_summary.finding_reasons_text(hawaii) == \
        "it covers employers of 50 or more employees"
    assert findings["columbus-salary-history"].has(pay_laws.REMOTE_EXCLUDED)
    assert findings["il-hb3129"].has(pay_laws.REMOTE_UNSETTLED)
    delaware = pay_laws.assess(law("de-hb105"), PLACES["Remote: anywhere in the US"], 30, CHECKED)
    assert delaware.status == NOT_YET
    assert "takes effect on 2027-09-26" in ranges_summary.finding_line(delaware)


def test_strongest_status_first():
    order = [f.status for f in pay_laws.assess_all(LAWS, PLACES["Remote: anywhere in the US"],
                                                   20, CHECKED)]
    ranks = [pay_laws.STATUS_ORDER.index(status) for status in order]
    assert ranks == sorted(ranks)


# ---- what a posting must say ---------------------------------------------------------------

@pytest.mark.parametrize(("place", "employees", "needs"), [
    # Colorado, Washington and others ask for benefits and bonuses; Illinois names stock
    # options.
    ("Remote: anywhere in the US", 20, {"range": "required", "benefits": "required",
                                        "bonus": "required", "equity": "required"}),
    # New York City and State: the range only (CCHR: equity need not be included).
    ("New York, NY", 100, {"range": "required", "benefits": "not required",
                           "bonus": "not required", "equity": "not required"}),
    # The directive: the range; whether its "pay" includes the rest was not verified.
    ("Berlin, Germany", 100, {"range": "required", "benefits": "unsettled",
                              "bonus": "unsettled", "equity": "unsettled"}),
    # Toledo asks for the pay scale only on request after a conditional offer: nothing in the
    # posting itself (Ohio has no state law in the file).
    ("Toledo, OH", 20, {"range": "not required", "benefits": "not required",
                        "bonus": "not required", "equity": "not required"}),
    # No law: nothing required.
    ("London, United Kingdom", 500, {"range": "not required", "benefits": "not required",
                                     "bonus": "not required", "equity": "not required"}),
])
def test_what_the_posting_must_disclose(place, employees, needs):
    findings = pay_laws.assess_all(LAWS, PLACES[place], employees, CHECKED)
    assert pay_laws.posting_needs(findings) == needs


def test_columbus_asks_for_no_range_and_some_laws_ask_outside_the_posting():
    assert not law("columbus-salary-history").posting_duty
    assert law("co-epewa").posting_duty and law("co-epewa").in_posting
    # on request, after an interview, before employment starts: a duty, not in the posting
    for law_id in ("toledo-768", "cincinnati-83-2019", "ct-pa21-30", "ri-pay-equity",
                   "nv-sb293", "mt-ln112-2025", "sk-transposition"):
        assert law(law_id).posting_duty and not law(law_id).in_posting, law_id
    for law_id in ("nyc-ll32", "hi-act203", "eu-2023-970", "pl-labour-code-2025",
                   "on-esa-job-postings", "dc-wtoa-2023"):
        assert law(law_id).in_posting, law_id


@pytest.mark.parametrize(("text", "need"), [
    ("yes", pay_laws.REQUIRED), ("yes (general description)", pay_laws.REQUIRED),
    ("no", pay_laws.NOT_REQUIRED), ("no (CCHR: insurance ...)", pay_laws.NOT_REQUIRED),
    ("not named; only as part of 'other compensation'", pay_laws.NOT_NAMED),
    ("unsettled (Art. 5 text not read directly)", pay_laws.NEED_UNSETTLED),
    ("healthcare benefits: their existence must be disclosed", pay_laws.PARTLY),
])
def test_how_the_file_says_what_a_law_asks(text, need):
    assert pay_laws.disclosure_need(text) == need


# ---- numeric width limits --------------------------------------------------------------------

@pytest.mark.parametrize(("low", "high", "exempt", "exceeded"), [
    # at 0.75 USD per CAD the cap is 37,500 USD and the exemption 150,000 USD
    (100_000, 150_000, False, True),    # 50k wide
    (100_000, 130_000, False, False),   # 30k wide
    (100_000, 160_000, True, False),    # the top is above 150k: exempt
])
def test_ontarios_cap_in_us_dollars(low, high, exempt, exceeded):
    findings = pay_laws.assess_all(LAWS, PLACES["Toronto, Ontario"], 30, CHECKED)
    (check,) = pay_laws.width_limit_checks(findings, low, high, {"CAD": 0.75})
    assert check.max_width_usd == pytest.approx(37_500)
    assert (check.exempt, check.exceeded) == (exempt, exceeded)


def test_new_jerseys_proposed_cap_on_the_spread():
    findings = pay_laws.assess_all(LAWS, PLACES["Newark, NJ"], 50, CHECKED)
    # 80k-140k: spread 75%, above the proposed 60%; 80k-125k: 56.25%, within it
    (wide,) = pay_laws.width_limit_checks(findings, 80_000, 140_000, {})
    (narrow,) = pay_laws.width_limit_checks(findings, 80_000, 125_000, {})
    assert wide.exceeded and not narrow.exceeded
    assert "proposed" in ranges_summary.width_limit_text(wide)


def test_a_law_that_does_not_reach_the_posting_sets_no_limit():
    findings = pay_laws.assess_all(LAWS, PLACES["Toronto, Ontario"], 20, CHECKED)
    assert pay_laws.width_limit_checks(findings, 100_000, 200_000, {"CAD": 0.75}) == []


# ---- places -------------------------------------------------------------------------------

def test_every_city_of_the_sample_is_a_work_location():
    with open(CALIBRATION_DIR / "metro_factors.csv", newline="") as handle:
        cities = {row["city"] for row in csv.DictReader(handle)}
    us_places = {place.city for place in PLACES.values() if place.country == "US"}
    assert cities <= us_places


def test_remote_in_the_eu_is_open_in_every_member_state_in_the_file():
    remote = PLACES["Remote: anywhere in the EU"]
    assert remote.remote and {"DE", "IT", "PL", "MT", "LT", "SK", "FR"} <= remote.countries
    assert "GB" not in remote.countries
    assert statuses("Remote: anywhere in the EU", 10)["it-dlgs-2026"] == MAY_APPLY


def test_an_on_site_place_outside_every_jurisdiction():
    place = PostingPlace("Nowhere", city="Nowhere", country="ZZ")
    assert pay_laws.relevant(pay_laws.assess_all(LAWS, place, 1000, CHECKED)) == []
