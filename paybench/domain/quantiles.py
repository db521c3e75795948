"""Exact quantiles of a selection's values, as DuckDB's quantile_cont defines them, computed
from the values themselves: the numbers equal the SQL's to the last bit (tests/test_quantiles.py
checks against DuckDB), only faster on a large selection.

quantile_cont(x, q) over n values: h = (n - 1) q; with x(k) the k-th smallest (0-based),
    lo = x(floor h), hi = x(ceil h), d = h - floor h,
    result = lo when floor h = ceil h, else lo (1 - d) + hi d
in doubles, as DuckDB's CastInterpolation<double> writes it. DuckDB's build (2.0.1, x86-64 wheel)
evaluates that sum as one fused multiply-add, fma(lo, 1 - d, hi d): rounded once, not twice, so
1 time in 6 or so the last bit differs from the plain sum. interpolate() does the same, exactly.

The order statistics come from a counting selection when the values are many next to their
range in dollars: each value's whole-dollar bucket is counted (np.bincount), the running counts
say which bucket holds each wanted rank, and only the values of those few buckets are sorted.
Amounts as reported are whole dollars, so a bucket holds one value; aged amounts are not, and
the bucket's own sort orders them. O(n + range), exact for any values. With few values over a
wide range, numpy's introselect (np.partition) is cheaper, and as exact.
"""

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

# The counting selection needs a bincount over the range in dollars: worth it while the values
# are at least this share of the range (measured: a bincount over $5M costs about what
# np.partition costs on 2 million values).
COUNTING_MIN_VALUES_PER_DOLLAR = 0.5


def positions(n: int, probability: float) -> tuple[int, int, float]:
    """(floor h, ceil h, h - floor h) for h = (n - 1) probability, in doubles as DuckDB
    computes them."""
    h = float(n - 1) * float(probability)
    low = math.floor(h)
    return low, math.ceil(h), h - low


def order_statistics(values: np.ndarray, indexes: Sequence[int]) -> dict[int, float]:
    """The k-th smallest value (0-based k) for each k in indexes; values float64, without
    NaN."""
    wanted = sorted(set(indexes))
    if not wanted:
        return {}
    low = math.floor(values.min())
    offset = min(low, 0)  # amounts are never negative: then each value's bucket is its floor
    buckets = math.floor(values.max()) - offset + 1
    if len(values) >= COUNTING_MIN_VALUES_PER_DOLLAR * buckets:
        return _counting_selection(values, wanted, offset)
    chosen = np.partition(values, wanted)
    return {k: float(chosen[k]) for k in wanted}


def _counting_selection(values: np.ndarray, wanted: list[int], offset: int) -> dict[int, float]:
    # values - offset is exact (both below 2**53, the result no larger), and its integer part
    # (truncation: it is not negative) is the value's whole-dollar bucket
    keys = (values if offset == 0 else values - offset).astype(np.int64)
    counts = np.bincount(keys)
    cumulative = np.cumsum(counts)
    holding = np.searchsorted(cumulative, wanted, side="right")  # the bucket of each rank
    if np.array_equal(keys, values):  # whole numbers: a bucket holds one value
        return {k: float(bucket + offset) for k, bucket in zip(wanted, holding.tolist(), strict=True)}
    needed = np.unique(holding)
    is_needed = np.zeros(len(counts), dtype=bool)
    is_needed[needed] = True
    # the needed buckets' values, sorted: bucket by bucket, in bucket order
    inside = np.sort(values[is_needed[keys]])
    start_in_inside = dict(zip(needed.tolist(),
                               (np.cumsum(counts[needed]) - counts[needed]).tolist(),
                               strict=True))
    found = {}
    for k, bucket in zip(wanted, holding.tolist(), strict=True):
        before = int(cumulative[bucket - 1]) if bucket else 0
        found[k] = float(inside[start_in_inside[bucket] + k - before])
    return found


def quantile_cont(values: np.ndarray, probabilities: Sequence[float]) -> list[float]:
    """DuckDB's quantile_cont(values, probabilities): one value per probability; NaN for no
    values. values: float64, without NaN (leave out NULLs first, as SQL does)."""
    values = np.asarray(values, dtype=np.float64)
    n = len(values)
    if n == 0:
        return [math.nan] * len(probabilities)
    spots = [positions(n, q) for q in probabilities]
    at = order_statistics(values, [k for low, high, _ in spots for k in (low, high)])
    return [at[low] if low == high else interpolate(at[low], at[high], fraction)
            for low, high, fraction in spots]


def interpolate(low: float, high: float, fraction: float) -> float:
    """low (1 - fraction) + high fraction, with the one rounding of a fused multiply-add
    (Python 3.11 has no math.fma: the sum is exact in fractions, and float() of a fraction
    rounds correctly)."""
    return float(Fraction(low) * Fraction(1.0 - fraction) + Fraction(high * fraction))


def order_statistics_by_group(groups: np.ndarray, values: np.ndarray,
                              ranks: dict[int, Sequence[int]]) -> dict[int, list[float]]:
    """For each group that has values, its k-th smallest value for each 1-based rank k asked
    for it (NaN for a rank beyond its count). groups: a small non-negative integer per value;
    ranks: group -> the ranks wanted."""
    order = np.argsort(groups, kind="stable")
    counts = np.bincount(groups, minlength=max(ranks, default=0) + 1)
    ends = np.cumsum(counts)
    found = {}
    for group, wanted in ranks.items():
        if group >= len(counts) or not counts[group]:
            continue
        start, end = int(ends[group] - counts[group]), int(ends[group])
        own = values[order[start:end]]
        inside = sorted({k - 1 for k in wanted if 1 <= k <= len(own)})
        at = order_statistics(own, inside)
        found[group] = [at.get(k - 1, math.nan) for k in wanted]
    return found
