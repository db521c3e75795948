"""Display tables: a query result in, a frame of formatted text out. No Streamlit here."""

import pandas as pd

from paybench import catalog, offer
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


def offer_band(band: offer.MarketBand) -> pd.DataFrame:
    """The offer's market band as the percentile table: base salary and total comp, with n."""
    frame = pd.DataFrame([
        {"measure": measure, "n": band.n, **{f"p{p}": getattr(values, f"p{p}")
                                             for p in catalog.PERCENTILES}}
        for measure, values in (("base_salary", band.base), ("total_comp", band.total_comp))
    ])
    return percentiles(frame)


def offer_package(package: offer.Package) -> pd.DataFrame:
    """What the offer pays, component by component, in year 1 and per year."""
    parts = [
        ("Base salary", package.base_salary, package.base_salary),
        ("Target bonus", package.bonus, package.bonus),
        ("Equity", package.equity_year_one, package.equity_per_year),
        ("Sign-on bonus", package.sign_on, 0.0),
        ("Total comp", package.year_one, package.annualized),
    ]
    return pd.DataFrame({
        "Component": [name for name, _, _ in parts],
        "Year 1": [money(year_one) for _, year_one, _ in parts],
        "Per year (annualized)": [money(per_year) for _, _, per_year in parts],
    })


def vesting(schedule: list[float], grant_value: float) -> pd.DataFrame:
    """Year by year: what vests, and its share of the grant."""
    return pd.DataFrame({
        "Year": [str(year) for year in range(1, len(schedule) + 1)],
        "Vests": [money(amount) for amount in schedule],
        "Share of the grant": [f"{amount / grant_value:.0%}" if grant_value else "–"
                               for amount in schedule],
    })


def soc_mapping(roles: list[str]) -> pd.DataFrame:
    """Which DOL occupation each role is checked against."""
    codes = [offer.soc_code(role) for role in roles]
    return pd.DataFrame({
        "Role": roles,
        "SOC code": [code or "–" for code in codes],
        "Occupation": [offer.SOC_TITLES.get(code, "no prevailing wage check") for code in codes],
    })


def wage_levels() -> pd.DataFrame:
    """Which DOL wage level each level is checked against."""
    return pd.DataFrame({
        "Level": list(offer.WAGE_LEVELS),
        "DOL wage level": [offer.ROMAN[level] for level in offer.WAGE_LEVELS.values()],
    })
