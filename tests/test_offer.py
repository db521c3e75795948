"""The offer maths, table-driven, with every expectation worked out by hand in a comment."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paybench.datasets import calibration
from paybench.domain import offer, prevailing_wage
from paybench.domain.aging import Aging
from paybench.domain.offer import (
    BaseRange,
    EquityGrant,
    MarketBand,
    OfferInputs,
    OfferTerms,
    Package,
    RankCounts,
)
from paybench.domain.prevailing_wage import OflcWages
from paybench.present import offer_link, offer_summary, page_keys
from paybench.query import market_cell
from paybench.query.filters import Filters
from tests.helpers import BAND, MLE


@pytest.mark.parametrize(("years", "front_loaded", "expected"), [
    (4, False, [0.25, 0.25, 0.25, 0.25]),   # 1/4 each
    (4, True, [0.4, 0.3, 0.2, 0.1]),        # 4,3,2,1 over 4+3+2+1 = 10
    (3, True, [3 / 6, 2 / 6, 1 / 6]),       # 3,2,1 over 6
    (1, True, [1.0]),                       # one year vests everything
])
def test_vesting_weights(years, front_loaded, expected):
    assert offer.vesting_weights(years, front_loaded) == pytest.approx(expected)


@pytest.mark.parametrize(("grant", "expected"), [
    # 100k over 4 years, 1-year cliff: the cliff falls at the end of year 1, so 25k a year.
    (EquityGrant(100_000, 4, 12), [25_000, 25_000, 25_000, 25_000]),
    # No cliff: the same per year.
    (EquityGrant(100_000, 4, 0), [25_000, 25_000, 25_000, 25_000]),
    # Front-loaded 40/30/20/10 of 100k.
    (EquityGrant(100_000, 4, 12, front_loaded=True), [40_000, 30_000, 20_000, 10_000]),
    # 120k over 4 years, 18-month cliff: nothing by the end of year 1 (12 < 18); at month 18
    # the accrued 18/48 vests, so by the end of year 2 all of years 1-2 has vested: 60k; then
    # 30k, 30k.
    (EquityGrant(120_000, 4, 18), [0, 60_000, 30_000, 30_000]),
    # 90k over 3 years front-loaded (1/2, 1/3, 1/6 = 45k, 30k, 15k), 24-month cliff: year 1
    # vests nothing, year 2 vests 45k + 30k = 75k, year 3 15k.
    (EquityGrant(90_000, 3, 24, front_loaded=True), [0, 75_000, 15_000]),
    # A 24-month cliff on a 1-year grant is read as the end of the grant: all in year 1.
    (EquityGrant(50_000, 1, 24), [50_000]),
    # No grant value, nothing vests.
    (EquityGrant(0, 4, 12), [0, 0, 0, 0]),
])
def test_vesting_schedule(grant, expected):
    assert offer.vesting_schedule(grant) == pytest.approx(expected)


@given(value=st.floats(0, 1e8), years=st.sampled_from(offer.VESTING_YEARS),
       cliff=st.sampled_from(offer.CLIFF_MONTHS), front_loaded=st.booleans())
def test_a_schedule_vests_the_whole_grant_and_never_takes_back(value, years, cliff, front_loaded):
    schedule = offer.vesting_schedule(EquityGrant(value, years, cliff, front_loaded))
    assert len(schedule) == years
    assert sum(schedule) == pytest.approx(value)
    assert all(amount >= -1e-6 for amount in schedule)


@pytest.mark.parametrize(("terms", "annualized", "year_one"), [
    # base 200k + bonus 10% (20k) + equity 160k/4 = 40k a year -> 260k; year 1 adds the 20k
    # sign-on and vests 25% of the grant (40k): 200 + 20 + 40 + 20 = 280k.
    (OfferTerms(200_000, 10, 20_000, grant=EquityGrant(160_000, 4, 12)), 260_000, 280_000),
    # Front-loaded: still 40k a year on average, but year 1 vests 40% = 64k:
    # 200 + 20 + 64 + 20 = 304k.
    (OfferTerms(200_000, 10, 20_000, grant=EquityGrant(160_000, 4, 12, True)), 260_000, 304_000),
    # An 18-month cliff: year 1 vests nothing: 200 + 20 + 0 + 20 = 240k.
    (OfferTerms(200_000, 10, 20_000, grant=EquityGrant(160_000, 4, 18)), 260_000, 240_000),
    # A yearly equity value of 30k, base 150k, bonus 15% (22.5k), no sign-on:
    # 150 + 22.5 + 30 = 202.5k in every year.
    (OfferTerms(150_000, 15, equity_per_year=30_000), 202_500, 202_500),
])
def test_package_year_one_and_annualized(terms, annualized, year_one):
    result = offer.package(terms)
    assert result.annualized == pytest.approx(annualized)
    assert result.year_one == pytest.approx(year_one)


def test_recommended_range_is_the_target_base_plus_minus_ten_percent():
    # base at P60 = 170k: 170k x 0.9 = 153k, 170k x 1.1 = 187k; spread (187 - 153) / 153 = 22.2%
    base_range = offer.recommended_base_range(BAND)
    assert (base_range.low, base_range.midpoint, base_range.high) == pytest.approx(
        (153_000, 170_000, 187_000))
    assert base_range.spread == pytest.approx(34_000 / 153_000)
    assert base_range.spread == pytest.approx(0.2222, abs=1e-4)


@pytest.mark.parametrize(("counts", "expected"), [
    (RankCounts(n=400, below=300, equal=0), 75.0),     # 300 / 400
    (RankCounts(n=10, below=4, equal=2), 50.0),        # (4 + 2/2) / 10
    (RankCounts(n=5, below=0, equal=0), 0.0),          # below every record
    (RankCounts(n=5, below=5, equal=0), 100.0),        # above every record
])
def test_percentile_rank_counts_ties_half(counts, expected):
    assert offer.percentile_rank(counts) == pytest.approx(expected)


@pytest.mark.parametrize(("total_comp", "label"), [
    (169_999, "Below market"),     # under P25 = 170k
    (170_000, "Competitive"),      # P25 itself is inside the band
    (245_000, "Competitive"),      # P75 itself too
    (245_001, "Top of market"),    # above P75 = 245k
])
def test_verdict_thresholds_are_p25_and_p75_of_total_comp(total_comp, label):
    result = offer.verdict(total_comp, BAND)
    assert result.label == label
    assert (result.low, result.high) == (170_000, 245_000)


def test_position_compa_ratio_and_range_penetration():
    # base 180k: compa-ratio 180 / 160 (median base) = 1.125; penetration in 153k-187k:
    # (180 - 153) / (187 - 153) = 27 / 34 = 0.794; total comp 180 + 18 + 30 = 228k: competitive.
    package = Package(180_000, 18_000, 30_000, 30_000, 0)
    base_range = BaseRange(153_000, 170_000, 187_000)
    result = offer.position(package, BAND, base_range, RankCounts(400, 260, 0))
    assert result.compa_ratio == pytest.approx(1.125)
    assert result.range_penetration == pytest.approx(27 / 34)
    assert result.percentile == pytest.approx(65.0)  # 260 / 400
    assert result.verdict.label == "Competitive"


def test_a_base_below_the_range_has_negative_penetration():
    # (140 - 153) / 34 = -0.382
    package = Package(140_000, 0, 0, 0, 0)
    result = offer.position(package, BAND, BaseRange(153_000, 170_000, 187_000),
                            RankCounts(400, 10, 0))
    assert result.range_penetration == pytest.approx(-13 / 34)


@pytest.mark.parametrize(("role", "soc"), [
    (MLE, "15-1252"), ("Software Engineer", "15-1252"), ("MLOps Engineer", "15-1252"),
    ("Data Scientist", "15-2051"), ("Research Scientist", "15-2051"),
    ("Applied Scientist", "15-2051"), ("Data Analyst", None), ("", None),
])
def test_roles_map_to_soc_codes(role, soc):
    assert prevailing_wage.soc_code(role) == soc


TESTVILLE = {("Testville", "15-1252"): OflcWages("Testville", "Test Metro", "15-1252",
                                                  level1=90_000, level3=130_000, level4=150_000)}


@pytest.mark.parametrize(("level", "base", "floor", "clears"), [
    ("Entry", 95_000, 90_000, True),        # level I from the file
    # level II interpolated: 90k + (150k - 90k) / 3 = 110k; a base equal to it clears
    ("Mid", 110_000, 110_000, True),
    ("Mid", 109_999, 110_000, False),
    ("Senior", 125_000, 130_000, False),    # level III from the file
    ("Staff", 150_000, 150_000, True),      # level IV
    ("Principal", 160_000, 150_000, True),  # level IV
])
def test_prevailing_wage_floor_by_level(level, base, floor, clears):
    check = prevailing_wage.prevailing_wage_check(MLE, level, "Testville", base, TESTVILLE)
    assert check.floor == pytest.approx(floor)
    assert check.clears is clears
    assert check.margin == pytest.approx(base - floor)
    assert check.metro == "Test Metro" and check.soc == "15-1252"


@pytest.mark.parametrize(("role", "level", "city", "reason"), [
    ("Data Scientist", "Mid", "Testville", "No prevailing wage on file for Testville"),
    ("Data Analyst", "Mid", "Testville", "does not map to 15-1252 or 15-2051"),
    (MLE, "Intern", "Testville", "does not map to a DOL wage level"),
    (MLE, "Mid", "Atlantis", "No prevailing wage on file for Atlantis"),
])
def test_prevailing_wage_without_a_floor_says_why(role, level, city, reason):
    check = prevailing_wage.prevailing_wage_check(role, level, city, 100_000, TESTVILLE)
    assert check.floor is None and check.clears is None
    assert reason in offer_summary.wage_missing_text(check)


def test_prevailing_wage_from_the_shipped_table():
    wages = calibration.oflc_wage_table()
    # Seattle, 15-1252: level III is the file's $180,710.
    senior = prevailing_wage.prevailing_wage_check(MLE, "Senior", "Seattle", 180_000, wages)
    assert senior.floor == 180_710 and senior.clears is False
    # Level II: 117,749 + (212,202 - 117,749) / 3 = 117,749 + 31,484.33 = 149,233.33
    mid = prevailing_wage.prevailing_wage_check(MLE, "Mid", "Seattle", 150_000, wages)
    assert mid.floor == pytest.approx(149_233.33, abs=0.01)
    # Data Scientist in Mountain View, Staff: level IV of 15-2051, $275,850.
    staff = prevailing_wage.prevailing_wage_check("Data Scientist", "Staff", "Mountain View", 1, wages)
    assert staff.floor == 275_850 and staff.metro == "San Jose-Sunnyvale-Santa Clara, CA"


def test_loaded_cost_loads_cash_pay_only():
    # base 200k, bonus 20k, equity 40k a year (40k in year 1), sign-on 20k, rate 42%:
    # per year 260k + 0.42 x 220k (92.4k) = 352.4k; year 1 280k + 0.42 x 240k (100.8k) = 380.8k
    package = Package(200_000, 20_000, 40_000, 40_000, 20_000)
    cost = offer.loaded_cost(package, 42)
    assert cost.loading_per_year == pytest.approx(92_400)
    assert cost.per_year == pytest.approx(352_400)
    assert cost.loading_year_one == pytest.approx(100_800)
    assert cost.year_one == pytest.approx(380_800)
    assert offer.loaded_cost(package, 0).per_year == pytest.approx(260_000)


def test_the_default_cost_rate_is_benefits_over_wages_in_the_bls_release():
    # June 2025 private industry: benefits $13.58, wages $32.07 an hour
    assert round(100 * 13.58 / 32.07) == offer.DEFAULT_COST_RATE_PCT
    basis = offer_summary.COST_RATE_BASIS
    assert "June 2025" in basis and "equity is not loaded" in basis


# ---- the cell ---------------------------------------------------------------------------------

REMOTE_MADISON = Filters(role=MLE, level=("Senior",), city=("Madison",), metro=("Madison, WI",),
                         work_arrangement=("Remote",), industry=("Finance",),
                         company_size=("Small",))


def counter(counts: dict[Filters, int]):
    return lambda cell: counts.get(cell, 0)


def test_a_thin_remote_cell_broadens_to_all_remote_records_of_the_role_and_level():
    # exact 2 -> without industry 3 -> without size 4 -> without city 4 -> without metro 150
    all_remote = Filters(role=MLE, level=("Senior",), work_arrangement=("Remote",))
    counts = {
        REMOTE_MADISON: 2,
        Filters(role=MLE, level=("Senior",), city=("Madison",), metro=("Madison, WI",),
                work_arrangement=("Remote",), company_size=("Small",)): 3,
        Filters(role=MLE, level=("Senior",), city=("Madison",), metro=("Madison, WI",),
                work_arrangement=("Remote",)): 4,
        Filters(role=MLE, level=("Senior",), metro=("Madison, WI",),
                work_arrangement=("Remote",)): 4,
        all_remote: 150,
    }
    cell = market_cell.choose_market_cell(REMOTE_MADISON, counter(counts))
    assert cell.filters == all_remote and cell.n == 150
    assert cell.exact_n == 2
    assert cell.broadened == "without industry, company size, city, metro area"


def test_a_sufficient_cell_is_used_as_it_is():
    cell = market_cell.choose_market_cell(REMOTE_MADISON, counter({REMOTE_MADISON: 5}))
    assert cell.filters == REMOTE_MADISON and cell.n == 5 and cell.broadened == ""


def test_no_cell_when_even_the_role_is_thin():
    assert market_cell.choose_market_cell(REMOTE_MADISON, lambda cell: 4) is None


def test_market_filters_leave_any_out_and_keep_the_metro():
    inputs = OfferInputs(role=MLE, level="Mid", city="Mountain View", work_arrangement="Hybrid")
    assert market_cell.market_filters(inputs, "San Jose-Sunnyvale-Santa Clara, CA") == Filters(
        role=MLE, level=("Mid",), country=("US",), city=("Mountain View",),
        metro=("San Jose-Sunnyvale-Santa Clara, CA",), work_arrangement=("Hybrid",))
    narrow = OfferInputs(industry="Finance", company_size="Large")
    filters = market_cell.market_filters(narrow, None)
    assert filters.industry == ("Finance",) and filters.company_size == ("Large",)
    assert filters.metro == ()


def test_an_offer_is_priced_on_us_records_however_far_it_broadens():
    """The floor, the aging and the cost rate are US figures: no broadening drops the country."""
    exact = market_cell.market_filters(OfferInputs(role=MLE, level="Senior"), None)
    cell = market_cell.choose_market_cell(exact, lambda cell: 5 if cell.level == () else 4)
    assert cell.broadened and cell.filters.level == ()
    assert cell.filters.country == exact.country == ("US",)


# ---- inputs, links, warnings ------------------------------------------------------------------

def test_start_values_take_the_sidebars_single_values():
    filters = Filters(role="Data Scientist", level=("Senior", "Staff"), city=("Boston",),
                      work_arrangement=("Remote",))
    assert offer_link.start_values(filters) == {"role": "Data Scientist", "city": "Boston",
                                           "work_arrangement": "Remote"}
    assert offer_link.start_values(Filters()) == {}


def test_share_params_carry_every_input_the_dataset_and_its_version():
    params = offer_link.share_params(OfferInputs(target_percentile=62.5, sign_on=20_000.0),
                                     "aijobs", "abc123", Aging(date(2026, 1, 1)))
    assert set(params) == ({f"offer_{name}" for name in offer_link.INPUT_NAMES}
                           | {"offer_dataset", "dataset", "dataset_version", "aging"})
    assert params["aging"] == "aged to 2026-01-01"
    assert params["dataset"] == "aijobs" and params["dataset_version"] == "abc123"
    assert params["offer_target_percentile"] == "62.5"
    assert params["offer_sign_on"] == "20000"
    # empty: the market's (base at the target, the cell's bonus and equity mix)
    assert params["offer_base_salary"] == params["offer_bonus_target_pct"] == ""
    assert params["offer_equity_per_year"] == params["offer_grant_value"] == ""
    assert params["offer_equity_type"] == "Yearly value"
    assert params["offer_vesting_years"] == "4" and params["offer_dataset"] == "abc123"


# BAND (tests/helpers.py): base at the target 170,000; means base 165,000, bonus 16,500,
# equity 26,000. The market package: base 170,000; bonus 16,500 / 165,000 = 10%; equity
# 170,000 x 26,000 / 165,000 = 26,787.88 a year, or 107,151.52 as a 4-year grant.
MARKET_EQUITY = 170_000 * 26_000 / 165_000


def test_empty_amounts_take_the_market_package_and_given_ones_are_kept():
    fresh = offer.offer_terms(OfferInputs(), BAND)
    assert (fresh.base_salary, fresh.bonus_target_pct) == (170_000, pytest.approx(10.0))
    assert fresh.grant is None and fresh.equity_per_year == pytest.approx(MARKET_EQUITY)
    market_grant = offer.offer_terms(OfferInputs(equity_type=offer.GRANT, vesting_years=4), BAND)
    assert market_grant.grant.value == pytest.approx(4 * MARKET_EQUITY)
    given_grant = offer.offer_terms(OfferInputs(equity_type=offer.GRANT, grant_value=100_000,
                                                vesting="Front-loaded", bonus_target_pct=0),
                                    BAND)
    assert given_grant.base_salary == 170_000 and given_grant.bonus_target_pct == 0
    assert given_grant.grant == EquityGrant(100_000, 4, 12, front_loaded=True)
    yearly = offer.offer_terms(OfferInputs(base_salary=150_000, equity_per_year=30_000,
                                           grant_value=999), BAND)
    assert yearly.base_salary == 150_000 and yearly.grant is None
    assert yearly.equity_per_year == 30_000


def test_a_fresh_offer_reads_at_market():
    # 170,000 + 10% bonus 17,000 + equity 26,787.88 = 213,787.88 a year, between BAND's total
    # comp P25 (170,000) and P75 (245,000): competitive
    result = offer.evaluate(OfferInputs(city="Testville"), BAND, RankCounts(400, 210, 0),
                            TESTVILLE)
    assert result.package.annualized == pytest.approx(170_000 + 17_000 + MARKET_EQUITY)
    assert result.position.verdict.label == "Competitive"
    assert result.position.compa_ratio == pytest.approx(170_000 / 160_000)
    assert result.position.range_penetration == pytest.approx(0.5)


@pytest.mark.parametrize(("link_inputs", "implied"), [
    (["grant_value"], {"equity_type": "Grant"}),
    (["vesting", "base_salary"], {"equity_type": "Grant"}),
    (["grant_value", "equity_type"], {}),  # the link says which
    (["equity_per_year", "base_salary"], {}),
    ([], {}),
])
def test_a_link_with_a_grant_but_no_equity_type_means_a_grant(link_inputs, implied):
    assert offer_link.implied_starts(link_inputs) == implied


@pytest.mark.parametrize(("terms", "expected"), [
    # 250k equity a year on a 100k base: more than 2 x base
    (OfferTerms(100_000, 10, equity_per_year=250_000), ["more than 2 times the base"]),
    # exactly 2 x base is not "more than"
    (OfferTerms(100_000, 10, equity_per_year=200_000), []),
    # a 24-month cliff on a 1-year grant
    (OfferTerms(100_000, 10, grant=EquityGrant(50_000, 1, 24)), ["longer than the vesting"]),
    # $10,000 base: below 7.25 x 2,080 = $15,080
    (OfferTerms(10_000, 0), ["below the US federal minimum wage"]),
    (OfferTerms(150_000, 10, grant=EquityGrant(200_000, 4, 12)), []),
])
def test_input_warnings(terms, expected):
    notes = [offer_summary.warning_text(warning)
             for warning in offer.input_warnings(terms, offer.package(terms))]
    assert len(notes) == len(expected)
    for note, words in zip(notes, expected, strict=True):
        assert words in note


def test_evaluate_ranks_the_annualized_total_comp():
    # base 160k (given), bonus 10% = 16k, equity 100k / 4 = 25k -> annualized 201k
    inputs = OfferInputs(role=MLE, level="Senior", city="Testville", base_salary=160_000,
                         bonus_target_pct=10, equity_type=offer.GRANT, grant_value=100_000,
                         sign_on=10_000, company_size=offer.ANY)
    assert offer.annualized_total_comp(inputs, BAND) == pytest.approx(201_000)
    result = offer.evaluate(inputs, BAND, RankCounts(400, 200, 0), TESTVILLE)
    assert result.package.annualized == pytest.approx(201_000)
    assert result.position.percentile == pytest.approx(50.0)  # 200 / 400
    assert result.package.year_one == pytest.approx(211_000)  # 201k + 10k sign-on
    assert result.position.compa_ratio == pytest.approx(1.0)  # 160k / 160k median base
    assert result.wage_check.floor == 130_000 and result.wage_check.clears
    assert result.vesting == pytest.approx([25_000] * 4)
    assert result.warnings == []


def test_band_from_a_query_row():
    row = {"n": 12, **{f"base_salary_p{p}": p * 1_000 for p in (10, 25, 50, 75, 90)},
           **{f"total_comp_p{p}": p * 2_000 for p in (10, 25, 50, 75, 90)},
           "base_salary_at_target": 55_000, "total_comp_at_target": 110_000,
           "mean_base_salary": 50_000, "mean_bonus": 5_000, "mean_equity": 7_000,
           "base_salary_interval_bounds": [1, 2, 40_000, 60_000, 5, 6],
           "total_comp_interval_bounds": [1, 2, 80_000, 120_000, 5, 6]}
    band = MarketBand.from_row(row, 55)
    assert band.base.p25 == 25_000 and band.total_comp.p75 == 150_000
    assert band.mean_bonus_pct_of_base == pytest.approx(10.0)  # 5k / 50k
    # n = 12: only the median has a 95% interval (ranks 3 and 10)
    assert band.total_comp_intervals == {25: None, 50: (80_000, 120_000), 75: None}


def test_the_files_level_three_is_oflcs_two_thirds_interpolation():
    # OFLC sets level III at I + 2(IV - I)/3 of hourly wages rounded to the cent; a cent an hour
    # is $20.80 a year, so half a cent of rounding moves a yearly wage by up to $10.40.
    table = calibration.oflc_wage_table()
    assert len(table) == 2 * len(calibration.metros())
    for wages in table.values():
        interpolated = wages.level1 + 2 * (wages.level4 - wages.level1) / 3
        assert abs(wages.level3 - interpolated) <= 10.40, (wages.city, wages.soc)
        assert wages.level1 < wages.level(2) < wages.level3 < wages.level4


def test_every_offer_input_is_a_registered_link_parameter():
    expected = {offer_link.url_key(name) for name in offer_link.INPUT_NAMES} | {offer_link.DATASET_KEY}
    assert set(page_keys.PAGE_URL_KEYS["offer"]) == expected
