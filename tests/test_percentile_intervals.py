"""Distribution-free intervals for percentiles from order statistics, and the confidence grade
by n: worked by hand for small n, checked by simulation, and against a bootstrap."""

import numpy as np
import pytest

from paybench.domain.stats import RankInterval, confidence_grade, order_statistic_ranks


@pytest.mark.parametrize(("n", "p", "expected"), [
    # Median of 6: B ~ Bin(6, 1/2). P(B < 1) = 1/64 = 0.0156 <= 0.025, P(B < 2) = 7/64 > 0.025,
    # so l = 1; P(B >= 6) = 1/64 <= 0.025, P(B >= 5) = 7/64 > 0.025, so u = 6; coverage
    # P(1 <= B <= 5) = 1 - 2/64 = 0.96875.
    (6, 0.5, RankInterval(1, 6, 0.96875)),
    # Median of 10: P(B < 2) = 11/1024 = 0.0107, P(B < 3) = 56/1024 = 0.0547: l = 2; by
    # symmetry u = 9; coverage 1 - 2 x 11/1024 = 0.978515625.
    (10, 0.5, RankInterval(2, 9, 0.978515625)),
    # Median of 5: even the whole range covers only 1 - 2/32 = 0.9375 < 0.95: no interval.
    (5, 0.5, None),
    # P25 of 10: P(B < 1) = 0.75^10 = 0.0563 > 0.025: no lower bound, so no interval.
    (10, 0.25, None),
])
def test_ranks_worked_by_hand(n, p, expected):
    found = order_statistic_ranks(n, p)
    if expected is None:
        assert found is None
    else:
        assert (found.lower, found.upper) == (expected.lower, expected.upper)
        assert found.coverage == pytest.approx(expected.coverage)


@pytest.mark.parametrize("n", [20, 57, 300, 5_000])
@pytest.mark.parametrize("p", [0.25, 0.5, 0.75])
def test_an_interval_covers_at_least_95_percent_and_p25_mirrors_p75(n, p):
    found = order_statistic_ranks(n, p)
    assert found.coverage >= 0.95
    mirror = order_statistic_ranks(n, 1 - p)
    assert (mirror.lower, mirror.upper) == (n + 1 - found.upper, n + 1 - found.lower)


def test_simulated_coverage_is_at_least_95_percent():
    """Samples of 40 log-normal values (a skewed, pay-like distribution): the interval for
    the median holds the true median in at least 95% of 4,000 samples (less a margin for the
    simulation's own error, 3 standard errors)."""
    rng = np.random.default_rng(1)
    n, trials = 40, 4_000
    ranks = order_statistic_ranks(n, 0.5)
    samples = np.sort(rng.lognormal(12, 0.3, size=(trials, n)), axis=1)
    true_median = np.exp(12)
    held = (samples[:, ranks.lower - 1] <= true_median) & (true_median <= samples[:, ranks.upper - 1])
    assert held.mean() >= ranks.coverage - 3 * np.sqrt(0.05 * 0.95 / trials)


def test_the_interval_agrees_with_a_bootstrap_on_a_fixture(fixture_records):
    """On the fixture's ML engineer total comp, the order-statistic interval for each quartile
    and a percentile bootstrap (2,000 resamples) give endpoints within 2% of each other."""
    values = np.sort(fixture_records.query("role == 'Machine Learning Engineer'")["total_comp"]
                     .to_numpy(float))
    rng = np.random.default_rng(2)
    for p in (0.25, 0.5, 0.75):
        ranks = order_statistic_ranks(len(values), p)
        resampled = np.quantile(rng.choice(values, size=(2_000, len(values))), p, axis=1)
        boot_low, boot_high = np.quantile(resampled, [0.025, 0.975])
        assert values[ranks.lower - 1] == pytest.approx(boot_low, rel=0.02)
        assert values[ranks.upper - 1] == pytest.approx(boot_high, rel=0.02)


@pytest.mark.parametrize(("n", "grade"), [(0, None), (4, None), (5, "low"), (29, "low"),
                                          (30, "medium"), (99, "medium"), (100, "high")])
def test_confidence_grade_by_n(n, grade):
    assert confidence_grade(n) == grade
