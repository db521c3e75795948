"""Employer cost by country: the statutory contributions of the shipped calibration file on a
given pay, worked by hand (floors, caps and thresholds included), the EOR fee, and the yearly
total in US dollars."""

import pytest

from paybench.datasets import calibration
from paybench.domain import employer_cost
from paybench.domain.employer_cost import Contribution, yearly_cost

ROWS = calibration.employer_contributions()


def local_total(country: str, pay: float, include_unsourced: bool = False) -> float:
    """Counted contributions on a pay in the country's own currency (a rate of 1)."""
    return employer_cost.contributions_usd(ROWS[country], pay, 1.0, include_unsourced)


@pytest.mark.parametrize(("country", "pay", "expected"), [
    # US federal: OASDI 6.2% x 100,000 = 6,200; Medicare 1.45% = 1,450; FUTA 0.6% on the first
    # 7,000 only (capped) = 42; the California SUTA row is an example, never counted: 7,692.
    ("US", 100_000, 7_692.00),
    # OASDI stops at the 184,500 wage base: 6.2% x 184,500 = 11,439; Medicare 1.45% x 200,000
    # = 2,900; FUTA 42: 14,381.
    ("US", 200_000, 14_381.00),
    # GB: employer NIC 15% above the 5,000 threshold: 15% x 95,000 = 14,250; auto-enrolment
    # pension 3% on the 6,240-50,270 band only (capped): 3% x 44,030 = 1,320.90: 15,570.90.
    ("GB", 100_000, 15_570.90),
    # GB under the 10,000 auto-enrolment trigger: no pension; NIC 15% x 4,000 = 600.
    ("GB", 9_000, 600.00),
    # DE: pension 9.3% and unemployment 1.3% under the 101,400 ceiling: 9,300 + 1,300; health
    # 7.3%, its supplementary 1.45% and care 1.8% capped at 69,750: 5,091.75 + 1,011.375 +
    # 1,255.50. Total 17,958.625.
    ("DE", 100_000, 17_958.625),
    # DE under every ceiling: (9.3 + 1.3 + 7.3 + 1.45 + 1.8)% x 50,000 = 21.15% = 10,575.
    ("DE", 50_000, 10_575.00),
    # FR at 100,000 (above the 48,060 PASS), the unsourced prevoyance row left out:
    # uncapped 13 + 0.3 + 2.11 + 5.25 + 0.5 + 1 + 0.68 = 22.84% = 22,840; unemployment 4% and
    # AGS 0.25% under 4 PASS = 4,250; capped at 1 PASS: old-age 8.55%, AGIRC-ARRCO T1 4.72%,
    # CEG T1 1.29% = 14.56% x 48,060 = 6,997.536; 1 to 8 PASS: T2 12.95% + CEG T2 1.62% =
    # 14.57% x 51,940 = 7,567.658; CET 0.21% of the whole pay (due above 1 PASS) = 210.
    # Total 41,865.194.
    ("FR", 100_000, 41_865.194),
    # FR at 40,000, under 1 PASS: no T2, no CEG T2, no CET (not due): 22.84% + 4.25% + 14.56%
    # = 41.65% x 40,000 = 16,660.
    ("FR", 40_000, 16_660.00),
    # CA: CPP 5.95% between 3,500 and 74,600 = 4,230.45; CPP2 4% between 74,600 and 85,000 =
    # 416; EI 2.282% up to 68,900 = 1,572.298. Total 6,218.748.
    ("CA", 100_000, 6_218.748),
])
def test_contributions_worked_by_hand(country, pay, expected):
    assert local_total(country, pay) == pytest.approx(expected, abs=0.005)


def test_a_rate_without_a_source_counts_only_when_asked():
    """FR's executive death and disability cover (1.5% up to 1 PASS) has no source: left out
    by default, and 1.5% x 48,060 = 720.90 more when counted."""
    left_out = local_total("FR", 100_000)
    counted = local_total("FR", 100_000, include_unsourced=True)
    assert counted - left_out == pytest.approx(720.90)
    unsourced = [c for c in ROWS["FR"] if not c.sourced]
    assert [c.component for c in unsourced] == [
        "mandatory executive death/disability cover (prevoyance cadres)"]


def test_the_file_keeps_its_flags():
    """96 rows for 21 countries as researched; 24 leave a point unsettled, 7 have no source,
    one (a US state's unemployment tax) is only an example."""
    rows = [c for country in ROWS.values() for c in country]
    assert len(rows) == 96 and len(ROWS) == 21
    assert sum(c.unsettled for c in rows) == 24
    assert sum(not c.sourced for c in rows) == 7
    assert [c.component for c in rows if c.kind == employer_cost.EXAMPLE] == [
        "state unemployment (SUTA) - ASSUMPTION: California new-employer rate"]
    text = calibration.employer_contribution_rows()
    assert (text.loc[text["sourced"] == "no", "source_url"] == "").all()
    assert (text.loc[text["sourced"] == "yes", "source_url"] != "").all()


def test_yearly_cost_converts_pay_to_the_local_currency_and_back():
    """A UK hire paid $125,000 at $1.25 per pound earns 100,000 pounds: contributions
    15,570.90 pounds = $19,463.625; an EOR fee of $199 a month = $2,388 a year; total
    125,000 + 19,463.625 + 2,388 = $146,851.625."""
    cost = yearly_cost(125_000, ROWS["GB"], 1.25, 199)
    assert cost.contributions == pytest.approx(19_463.625)
    assert cost.eor_fee == 2_388
    assert cost.total == pytest.approx(146_851.625)
    assert cost.contribution_share == pytest.approx(19_463.625 / 125_000)


def test_without_an_exchange_rate_only_plain_shares_of_pay_are_computed():
    """Argentina's rows are plain shares (20.4% + 6% = 26.4%): $50,000 gives $13,200 with no
    rate. Egypt's social insurance is capped in pounds: without a rate it cannot be done."""
    assert employer_cost.contributions_usd(ROWS["AR"], 50_000, None) == pytest.approx(13_200)
    egypt = yearly_cost(50_000, ROWS["EG"], None, 199)
    assert egypt.contributions is None and egypt.total is None


@pytest.mark.parametrize(("contribution", "pay", "expected", "capped"), [
    (Contribution("flat", 0.1), 50_000, 5_000, False),
    (Contribution("band", 0.1, floor=10_000, cap=30_000), 50_000, 2_000, True),
    (Contribution("band", 0.1, floor=10_000, cap=30_000), 5_000, 0, False),
    (Contribution("threshold", 0.1, cap=80_000, due_above=20_000), 20_000, 0, False),
    (Contribution("threshold", 0.1, cap=80_000, due_above=20_000), 20_001, 2_000.1, False),
])
def test_floor_cap_and_threshold(contribution, pay, expected, capped):
    assert contribution.amount(pay) == pytest.approx(expected)
    assert contribution.capped_at(pay) is capped
