"""Display tables: a query result in, a frame of formatted text out. No Streamlit here."""

import pandas as pd

from paybench import catalog
from paybench.formatting import money

PERCENTILE_COLUMNS = [f"p{p}" for p in catalog.PERCENTILES]


def percentiles(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per measure: the measure's label, n, and P10..P90 as money."""
    table = pd.DataFrame({
        "Measure": frame["measure"].map(catalog.label),
        "n": frame["n"].map("{:,}".format),
    })
    for column in PERCENTILE_COLUMNS:
        table[column.upper()] = frame[column].map(money)
    return table.reset_index(drop=True)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")
