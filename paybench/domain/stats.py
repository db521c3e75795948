"""Small statistics helpers shared by pages and queries' consumers: thin cells, confidence
grades by n, distribution-free intervals for percentiles, and the remote gap's interval."""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from paybench.domain.vocabulary import LEVELS, MIN_CELL_SIZE, WORK_ARRANGEMENTS, in_order

BOOTSTRAP_RESAMPLES = 1_000
BOOTSTRAP_SEED = 167_627  # fixed, so an interval is the same on every run and in every browser
CONFIDENCE = 0.95
BASELINE_ARRANGEMENT = "Onsite"
REMOTE = "Remote"
NORMAL_QUANTILE_975 = 1.959964
# Up to this many records the remote gap's interval is a bootstrap of the records themselves;
# beyond, the records are not fetched and the interval comes from each group's interquartile
# range (at that size the two agree to a fraction of a point).
BOOTSTRAP_MAX_RECORDS = 50_000


def split_thin(frame: pd.DataFrame, label_column: str, min_n: int = MIN_CELL_SIZE,
               ) -> tuple[pd.DataFrame, list[str]]:
    """Rows with at least min_n records, and the labels of the rows held back."""
    thin = frame["n"] < min_n
    return frame[~thin], [str(value) for value in frame.loc[thin, label_column]]


# ---- how far a percentile can be trusted ------------------------------------------------

# The confidence grade of a figure by its n, stated once (the pages say which applies).
GRADES = ((100, "high"), (30, "medium"), (MIN_CELL_SIZE, "low"))


def confidence_grade(n: int) -> str | None:
    """'high' from 100 records, 'medium' from 30, 'low' from MIN_CELL_SIZE; None below (a
    figure over fewer records is not shown)."""
    return next((grade for least, grade in GRADES if n >= least), None)


@dataclass(frozen=True)
class RankInterval:
    """A distribution-free interval for the p-quantile of n values: from the lower-th to the
    upper-th smallest value (1-based ranks). It holds the true quantile with probability at
    least `coverage`, whatever the distribution (the count of values below the quantile is
    Binomial(n, p))."""

    lower: int
    upper: int
    coverage: float


def order_statistic_ranks(n: int, p: float, confidence: float = CONFIDENCE,
                          ) -> RankInterval | None:
    """The ranks of the equal-tailed interval: the largest lower rank l with P(B < l) <=
    alpha/2 and the smallest upper rank u with P(B >= u) <= alpha/2, B ~ Binomial(n, p) the
    count of values at or below the quantile. None when n is too small for an interval with
    that confidence (the median of 5 values, say)."""
    tail = (1 - confidence) / 2
    first, cdf = _binomial_cdf(n, p)  # cdf[i] = P(B <= first + i); 1 beyond the window
    below = np.flatnonzero(cdf <= tail)
    above = np.flatnonzero(1 - cdf <= tail)
    lower = first + int(below[-1]) + 1 if len(below) else 0
    upper = first + int(above[0]) + 1 if len(above) else n + 1
    if lower < 1 or upper > n:
        return None
    coverage = float(cdf[upper - 1 - first] - cdf[lower - 1 - first])  # P(l <= B <= u - 1)
    return RankInterval(lower, upper, coverage)


def _binomial_cdf(n: int, p: float) -> tuple[int, np.ndarray]:
    """P(B <= k) for k from `first` to the window's end. For large n only the window of 10
    standard deviations around n p is summed (the mass left out is below 1e-20); within it each
    probability follows from the one before: P(k + 1) = P(k) (n - k) / (k + 1) p / (1 - p)."""
    spread = 10 * math.sqrt(n * p * (1 - p)) + 10
    first, last = max(0, math.floor(n * p - spread)), min(n, math.ceil(n * p + spread))
    log_first = (math.lgamma(n + 1) - math.lgamma(first + 1) - math.lgamma(n - first + 1)
                 + first * math.log(p) + (n - first) * math.log1p(-p))
    k = np.arange(first, last, dtype=float)
    steps = np.log(n - k) - np.log(k + 1) + math.log(p) - math.log1p(-p)
    log_pmf = log_first + np.concatenate(([0.0], np.cumsum(steps)))
    return first, np.minimum(np.cumsum(np.exp(log_pmf)), 1.0)


def rank_quantile(rank: int, n: int) -> float:
    """The probability at which DuckDB's quantile_cont returns the rank-th smallest of n values
    (its linear interpolation lands exactly on position rank - 1 of 0 to n - 1)."""
    return (rank - 1) / (n - 1)


INTERVAL_PERCENTILES = (25, 50, 75)  # the percentiles shown with their intervals


def interval_quantiles(n: int) -> list[float]:
    """The probabilities to ask quantile_cont for, beside the percentiles themselves: the lower
    and upper rank of each INTERVAL_PERCENTILES interval, in that order. A percentile with no
    interval at this n asks for the median in its place (read back as no interval)."""
    found = []
    for percentile in INTERVAL_PERCENTILES:
        ranks = order_statistic_ranks(n, percentile / 100) if n > 1 else None
        found += ([rank_quantile(ranks.lower, n), rank_quantile(ranks.upper, n)] if ranks
                  else [0.5, 0.5])
    return found


def intervals_from(values: list[float], n: int) -> dict[int, tuple[float, float] | None]:
    """The values quantile_cont returned for interval_quantiles(n), as (low, high) by
    percentile; None where n is too small for an interval."""
    return {percentile: (values[2 * i], values[2 * i + 1])
            if n > 1 and order_statistic_ranks(n, percentile / 100) else None
            for i, percentile in enumerate(INTERVAL_PERCENTILES)}


# ---- a gap between two medians, with its interval -------------------------------------

@dataclass(frozen=True)
class Gap:
    """One group's median against a baseline's, as a share: -0.094 is 9.4% less."""

    estimate: float
    low: float
    high: float

    @property
    def includes_zero(self) -> bool:
        """True when the interval cannot tell the gap from no gap at all."""
        return self.low <= 0 <= self.high


NO_GAP = Gap(np.nan, np.nan, np.nan)


def median_gap(baseline: np.ndarray, other: np.ndarray, resamples: int = BOOTSTRAP_RESAMPLES,
               seed: int = BOOTSTRAP_SEED) -> Gap:
    """median(other) / median(baseline) - 1, with a percentile bootstrap interval: both groups
    are resampled independently `resamples` times with a fixed seed."""
    rng = np.random.default_rng(seed)
    base, comp = np.sort(np.asarray(baseline, float)), np.sort(np.asarray(other, float))
    gaps = bootstrap_medians(comp, resamples, rng) / bootstrap_medians(base, resamples, rng) - 1
    tail = (1 - CONFIDENCE) / 2
    low, high = np.quantile(gaps, [tail, 1 - tail])
    return Gap(float(np.median(comp) / np.median(base) - 1), float(low), float(high))


def bootstrap_medians(ordered: np.ndarray, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """The medians of `resamples` resamples (with replacement) of the sorted values, drawn from
    their exact distribution rather than by resampling n values each time.

    A resample's k-th smallest value is the sorted values' entry at index floor(n U) where U is
    the k-th smallest of n uniforms, which is Beta(k, n + 1 - k); given it, the next smallest
    is U + (1 - U) Beta(1, n - k). So each resample costs a draw or two, not n."""
    n = len(ordered)
    k = (n + 1) // 2
    lower = rng.beta(k, n + 1 - k, resamples)
    if n % 2:
        return _at(ordered, lower)
    upper = lower + (1 - lower) * rng.beta(1, n - k, resamples)
    return (_at(ordered, lower) + _at(ordered, upper)) / 2


def _at(ordered: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
    return ordered[np.minimum((uniforms * len(ordered)).astype(int), len(ordered) - 1)]


def large_sample_gap(baseline: pd.Series, other: pd.Series) -> Gap:
    """The gap of two large groups' medians with the large-sample interval: a median's standard
    error is 1.2533 sigma / sqrt(n), sigma estimated as IQR / 1.349, combined on the log scale.

    Each group: a row with n, median, p25 and p75."""
    log_gap = np.log(other["median"] / baseline["median"])
    variance = sum((1.2533 * (g["p75"] - g["p25"]) / 1.349 / g["median"]) ** 2 / g["n"]
                   for g in (baseline, other))
    z = NORMAL_QUANTILE_975
    return Gap(float(np.expm1(log_gap)), float(np.expm1(log_gap - z * np.sqrt(variance))),
               float(np.expm1(log_gap + z * np.sqrt(variance))))


# ---- work arrangements -------------------------------------------------------------------------

ARRANGEMENT_COLUMNS = ["level", "work_arrangement", "n", "median", "mean", "gap", "gap_low",
                       "gap_high"]


def arrangement_comparison(groups: pd.DataFrame, records: pd.DataFrame | None,
                           min_n: int = MIN_CELL_SIZE) -> pd.DataFrame:
    """Per level and work arrangement: n, median and mean total comp, and the gap of the median
    against on-site at the same level with its 95% interval (NaN for on-site itself, and when
    either group has fewer than min_n records). Levels and arrangements in their fixed order.

    groups: one row per level and arrangement with n, mean, p25, median and p75.
    records: the records themselves (level, work_arrangement, total_comp) for a bootstrap
    interval, or None for the large-sample interval (see bootstrap_or_formula)."""
    by_group = groups.set_index(["level", "work_arrangement"])
    values = ({} if records is None else
              {key: group["total_comp"].to_numpy()
               for key, group in records.groupby(["level", "work_arrangement"])})
    rows = []
    for level in in_order(by_group.index.get_level_values(0).unique(), LEVELS):
        arrangements = by_group.loc[level].index
        for arrangement in in_order(arrangements, WORK_ARRANGEMENTS):
            group = by_group.loc[(level, arrangement)]
            gap = _gap(level, arrangement, by_group, values, min_n)
            rows.append({"level": level, "work_arrangement": arrangement, "n": int(group["n"]),
                         "median": float(group["median"]), "mean": float(group["mean"]),
                         "gap": gap.estimate, "gap_low": gap.low, "gap_high": gap.high})
    return pd.DataFrame(rows, columns=ARRANGEMENT_COLUMNS)


def _gap(level: str, arrangement: str, by_group: pd.DataFrame, values: dict,
         min_n: int) -> Gap:
    baseline_key = (level, BASELINE_ARRANGEMENT)
    if arrangement == BASELINE_ARRANGEMENT or baseline_key not in by_group.index:
        return NO_GAP
    group, baseline = by_group.loc[(level, arrangement)], by_group.loc[baseline_key]
    if min(group["n"], baseline["n"]) < min_n:
        return NO_GAP
    if values:
        return median_gap(values[baseline_key], values[(level, arrangement)])
    return large_sample_gap(baseline, group)


def bootstrap_or_formula(records: int) -> str:
    """Which interval a selection of this many records gets: "bootstrap" up to
    BOOTSTRAP_MAX_RECORDS (the records are fetched and resampled), else "formula"."""
    return "bootstrap" if records <= BOOTSTRAP_MAX_RECORDS else "formula"


def remote_share(groups: pd.DataFrame) -> tuple[float, int, int]:
    """(share of remote records, remote records, all records); groups as for
    arrangement_comparison."""
    remote = int(groups.loc[groups["work_arrangement"] == REMOTE, "n"].sum())
    total = int(groups["n"].sum())
    return remote / total if total else np.nan, remote, total
