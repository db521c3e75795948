"""Small statistics helpers shared by pages and queries' consumers."""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from paybench import catalog
from paybench.catalog import MIN_CELL_SIZE

BOOTSTRAP_RESAMPLES = 1_000
BOOTSTRAP_SEED = 167_627  # fixed, so an interval is the same on every run and in every browser
CONFIDENCE = 0.95
BASELINE_ARRANGEMENT = "Onsite"
REMOTE = "Remote"
_RESAMPLES_PER_BATCH = 100  # bounds the memory of one batch of resampled indices


def split_thin(frame: pd.DataFrame, label_column: str, min_n: int = MIN_CELL_SIZE,
               ) -> tuple[pd.DataFrame, list[str]]:
    """Rows with at least min_n records, and the labels of the rows held back."""
    thin = frame["n"] < min_n
    return frame[~thin], [str(value) for value in frame.loc[thin, label_column]]


# ---- a gap between two medians, with a bootstrap interval -------------------------------------

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


def median_gap(baseline: np.ndarray, other: np.ndarray, resamples: int = BOOTSTRAP_RESAMPLES,
               seed: int = BOOTSTRAP_SEED) -> Gap:
    """median(other) / median(baseline) - 1, with a percentile bootstrap interval: both groups
    are resampled independently `resamples` times with a fixed seed."""
    return _median_gap(tuple(np.sort(baseline)), tuple(np.sort(other)), resamples, seed)


@lru_cache(maxsize=256)
def _median_gap(baseline: tuple, other: tuple, resamples: int, seed: int) -> Gap:
    rng = np.random.default_rng(seed)
    base, comp = np.asarray(baseline, dtype=float), np.asarray(other, dtype=float)
    gaps = bootstrap_medians(comp, resamples, rng) / bootstrap_medians(base, resamples, rng) - 1
    tail = (1 - CONFIDENCE) / 2
    low, high = np.quantile(gaps, [tail, 1 - tail])
    return Gap(float(np.median(comp) / np.median(base) - 1), float(low), float(high))


def bootstrap_medians(values: np.ndarray, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """The medians of `resamples` resamples (with replacement) of values."""
    batches = []
    for start in range(0, resamples, _RESAMPLES_PER_BATCH):
        size = min(_RESAMPLES_PER_BATCH, resamples - start)
        picks = rng.integers(0, len(values), size=(size, len(values)))
        batches.append(np.median(values[picks], axis=1))
    return np.concatenate(batches)


# ---- work arrangements -------------------------------------------------------------------------

ARRANGEMENT_COLUMNS = ["level", "work_arrangement", "n", "median", "mean", "gap", "gap_low",
                       "gap_high"]


def arrangement_comparison(records: pd.DataFrame) -> pd.DataFrame:
    """Per level and work arrangement: n, median and mean total comp, and the gap of the median
    against on-site at the same level with its 95% interval (NaN for on-site itself, and when
    either group has fewer than MIN_CELL_SIZE records). Levels and arrangements in catalog order.

    records: one row per record with level, work_arrangement and total_comp."""
    groups = {key: group["total_comp"].to_numpy()
              for key, group in records.groupby(["level", "work_arrangement"])}
    rows = []
    for level in catalog.ordered("level", {level for level, _ in groups}):
        baseline = groups.get((level, BASELINE_ARRANGEMENT))
        for arrangement in catalog.ordered("work_arrangement", {a for lv, a in groups if lv == level}):
            values = groups[(level, arrangement)]
            comparable = (arrangement != BASELINE_ARRANGEMENT and baseline is not None
                          and min(len(values), len(baseline)) >= MIN_CELL_SIZE)
            gap = median_gap(baseline, values) if comparable else Gap(np.nan, np.nan, np.nan)
            rows.append({"level": level, "work_arrangement": arrangement, "n": len(values),
                         "median": float(np.median(values)), "mean": float(values.mean()),
                         "gap": gap.estimate, "gap_low": gap.low, "gap_high": gap.high})
    return pd.DataFrame(rows, columns=ARRANGEMENT_COLUMNS)


def remote_share(records: pd.DataFrame) -> tuple[float, int, int]:
    """(share of remote records, remote records, all records)."""
    remote, total = int((records["work_arrangement"] == REMOTE).sum()), len(records)
    return remote / total if total else np.nan, remote, total
