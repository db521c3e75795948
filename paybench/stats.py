"""Small statistics helpers shared by pages and queries' consumers."""

import pandas as pd

from paybench.catalog import MIN_CELL_SIZE


def split_thin(frame: pd.DataFrame, label_column: str, min_n: int = MIN_CELL_SIZE,
               ) -> tuple[pd.DataFrame, list[str]]:
    """Rows with at least min_n records, and the labels of the rows held back."""
    thin = frame["n"] < min_n
    return frame[~thin], [str(value) for value in frame.loc[thin, label_column]]
