"""Small statistics helpers shared by pages and queries' consumers."""

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
