"""Display tables: a query result in, a frame of formatted text out. No Streamlit here."""

from collections.abc import Sequence

import pandas as pd

from paybench.datasets.dataset import Dataset
from paybench.datasets.provenance import Provenance
from paybench.domain import offer, policies, prevailing_wage, stats, vocabulary
from paybench.present.formatting import count, factor, gap, money, signed_money, signed_percent
from paybench.present.offer_summary import ROMAN
from paybench.present.ranges_summary import overlap_text, ratio_text, share_text
from paybench.query import catalog

PERCENTILE_COLUMNS = [f"p{p}" for p in vocabulary.PERCENTILES]


def percentiles(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per measure: the measure's label, n, its confidence grade, P10..P90 as money,
    and the 95% interval of P25, P50 and P75 (from the query's interval_bounds)."""
    table = pd.DataFrame({
        "Measure": frame["measure"].map(catalog.label),
        "n": frame["n"].map("{:,}".format),
        "Confidence": frame["n"].map(lambda n: stats.confidence_grade(int(n)) or "–"),
    })
    for column in PERCENTILE_COLUMNS:
        table[column.upper()] = frame[column].map(money)
    intervals = [stats.intervals_from(list(bounds), int(n))
                 for bounds, n in zip(frame["interval_bounds"], frame["n"], strict=True)]
    for percentile in stats.INTERVAL_PERCENTILES:
        table[f"P{percentile} 95% interval"] = [interval_text(found[percentile])
                                                for found in intervals]
    return table.reset_index(drop=True)


def interval_text(bounds: tuple[float, float] | None) -> str:
    """'$148,200–$152,900'; '–' when n is too small for a 95% interval."""
    return "–" if bounds is None else f"{money(bounds[0])}–{money(bounds[1])}"


def grade_note() -> str:
    """How the confidence grade follows from n, stated once for every table that shows it."""
    grades = ", ".join(f"{grade} from {least:,}" for least, grade in stats.GRADES)
    return (f"Confidence by the number of records: {grades}; fewer than "
            f"{vocabulary.MIN_CELL_SIZE} are not shown. A 95% interval holds the true "
            "percentile of the population the records come from with at least 95% "
            "probability, whatever the shape of the pay distribution (it is read off the "
            "ordered records at binomial ranks); \"–\": too few records for one.")


def offer_band(band: offer.MarketBand) -> pd.DataFrame:
    """The offer's market band as the percentile table: base salary and total comp, with n."""
    def bounds(found: offer.Intervals) -> list[float]:
        pairs = [found.get(p) or (0.0, 0.0) for p in stats.INTERVAL_PERCENTILES]
        return [value for pair in pairs for value in pair]

    frame = pd.DataFrame([
        {"measure": measure, "n": band.n, "interval_bounds": bounds(found),
         **{f"p{p}": getattr(values, f"p{p}") for p in vocabulary.PERCENTILES}}
        for measure, values, found in (("base_salary", band.base, band.base_intervals),
                                       ("total_comp", band.total_comp, band.total_comp_intervals))
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
    codes = [prevailing_wage.soc_code(role) for role in roles]
    return pd.DataFrame({
        "Role": roles,
        "SOC code": [code or "–" for code in codes],
        "Occupation": [prevailing_wage.SOC_TITLES.get(code, "no prevailing wage check")
                       for code in codes],
    })


def wage_levels() -> pd.DataFrame:
    """Which DOL wage level each level is checked against."""
    return pd.DataFrame({
        "Level": list(prevailing_wage.WAGE_LEVELS),
        "DOL wage level": [ROMAN[level] for level in prevailing_wage.WAGE_LEVELS.values()],
    })


NO_COST_OF_LIVING = "no cost-of-living figure"


def city_ranking(table: pd.DataFrame) -> pd.DataFrame:
    """One row per city in the given order, with market pay and cost of living side by side."""
    return pd.DataFrame({
        "#": range(1, len(table) + 1),
        "City": table["city"],
        "n": table["n"].map("{:,}".format),
        "Median": table["median_total_comp"].map(money),
        "Mean": table["mean_total_comp"].map(money),
        "P25–P75": [f"{money(low)}–{money(high)}" for low, high in zip(table["p25"], table["p75"],
                                                                         strict=True)],
        "Confidence": table["n"].map(lambda n: stats.confidence_grade(int(n)) or "–"),
        **{f"P{p} 95% interval": table[f"p{p}_interval"].map(interval_text)
           for p in stats.INTERVAL_PERCENTILES if f"p{p}_interval" in table},
        "Market pay vs national": table["pay_factor_vs_national"].map(factor),
        "Market pay vs San Francisco": table["pay_factor_vs_sf"].map(factor),
        "Cost of living vs San Francisco": table["cost_of_living_vs_sf"].map(
            lambda value: NO_COST_OF_LIVING if pd.isna(value) else factor(value)),
        "Median pay in San Francisco prices": table["median_in_sf_prices"].map(money),
    })


def city_level_medians(frame: pd.DataFrame, cities: list[str]) -> pd.DataFrame:
    """Compared cities by level: 'median (n = …)' per cell, levels in catalog order and
    cities in the order given."""
    cells = frame.assign(cell=[f"{money(median)} ({count(int(n))})"
                               for median, n in zip(frame["p50"], frame["n"], strict=True)])
    wide = cells.pivot(index="level", columns="city", values="cell").fillna("–")
    columns = [city for city in cities if city in wide.columns]
    wide = wide.loc[catalog.ordered("level", wide.index), columns]
    return wide.rename_axis(index="Level", columns=None).reset_index()


# ---- remote --------------------------------------------------------------------------------------

def arrangement_gaps(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per level and arrangement: n, median, mean and the median's gap against on-site."""
    rows = list(frame.itertuples(index=False))
    return pd.DataFrame({
        "Level": frame["level"],
        "Arrangement": frame["work_arrangement"],
        "n": frame["n"].map("{:,}".format),
        "Median": frame["median"].map(money),
        "Mean": frame["mean"].map(money),
        "Median vs on-site": [_gap_cell(row) for row in rows],
        "Could be noise (interval includes 0)": [_noise_cell(row) for row in rows],
    }).reset_index(drop=True)


def _gap_cell(row) -> str:
    if row.work_arrangement == stats.BASELINE_ARRANGEMENT:
        return "baseline"
    return "–" if pd.isna(row.gap) else gap(row.gap, row.gap_low, row.gap_high)


def _noise_cell(row) -> str:
    if pd.isna(row.gap):
        return ""
    return "yes" if stats.Gap(row.gap, row.gap_low, row.gap_high).includes_zero else "no"


def interval_method(method: str) -> str:
    """How the gaps' 95% intervals were made, in a sentence."""
    if method == "bootstrap":
        return (f"95% CI: a bootstrap interval ({stats.BOOTSTRAP_RESAMPLES:,} resamples of each "
                "group's median, fixed seed).")
    return (f"95% CI: the large-sample interval (over {stats.BOOTSTRAP_MAX_RECORDS:,} records: "
            "each median's standard error from its group's interquartile range).")


def gap_sentences(frame: pd.DataFrame, arrangement: str = stats.REMOTE) -> list[str]:
    """'Mid: remote -9.7% (95% CI -13.3% to -6.1%), n = 545 vs 2,622 on-site' per level."""
    baseline = frame[frame["work_arrangement"] == stats.BASELINE_ARRANGEMENT]
    baseline_n = baseline.set_index("level")["n"]
    rows = frame[(frame["work_arrangement"] == arrangement) & frame["gap"].notna()]
    return [
        f"{row.level}: {arrangement.lower()} {gap(row.gap, row.gap_low, row.gap_high)}, "
        f"{count(int(row.n))} vs {int(baseline_n[row.level]):,} on-site"
        + (" — the interval includes 0: could be noise"
           if stats.Gap(row.gap, row.gap_low, row.gap_high).includes_zero else "")
        for row in rows.itertuples(index=False)
    ]


def policy_rates(rates: pd.DataFrame, markets: pd.DataFrame) -> pd.DataFrame:
    """The policy lab's table: per city its n, market pay factor, tier by factor and tier in use
    (the one column a user edits), and what each policy pays.

    rates: policies.as_frame(); markets: cities.city_pay() for the same cities."""
    table = markets[["city", "n", "pay_factor_vs_national"]].merge(rates, on="city")
    columns = {
        "city": table["city"],
        "n": table["n"].map("{:,}".format),
        "market_factor": table["pay_factor_vs_national"].map(factor),
        "automatic_tier": table["automatic_tier"],
        "tier": table["tier"],
    }
    for policy in policies.POLICIES:
        missing = NO_COST_OF_LIVING if policy == policies.COST_OF_LIVING else "–"
        columns[policy] = [missing if pd.isna(value) else money(value) for value in table[policy]]
    return pd.DataFrame(columns)


def payroll(team_payroll: policies.Payroll) -> pd.DataFrame:
    """One row per policy: the team's yearly payroll and its difference from location-based."""
    rows = []
    for policy, total in team_payroll.totals.items():
        is_baseline = policy == policies.LOCATION
        rows.append({
            "Policy": policies.LABELS[policy],
            "Yearly payroll": money(total),
            "Against location-based": "baseline" if is_baseline
            else signed_money(team_payroll.difference(policy)),
            "In %": "" if is_baseline else signed_percent(team_payroll.relative_difference(policy)),
        })
    return pd.DataFrame(rows, columns=["Policy", "Yearly payroll", "Against location-based", "In %"])


# ---- datasets ------------------------------------------------------------------------------------

def provenance(described: Provenance) -> pd.DataFrame:
    """Where a dataset comes from, field by field."""
    return pd.DataFrame({
        "Field": ["Name (in links)", "Title", "Kind", "Source", "Licence", "How it was made",
                  "Made on"],
        "Value": [described.name, described.title, described.kind, described.source or "–",
                  described.licence or "–", described.method or "–", described.made_on or "–"],
    })


def dataset_list(datasets: Sequence[Dataset], summaries: Sequence[pd.Series]) -> pd.DataFrame:
    """One row per dataset: its name, title, kind, records, years, version and source."""
    return pd.DataFrame({
        "Name": [dataset.name for dataset in datasets],
        "Title": [dataset.provenance.title if dataset.provenance else "–" for dataset in datasets],
        "Kind": [dataset.provenance.kind if dataset.provenance else "–" for dataset in datasets],
        "Records": [f"{int(summary['n']):,}" for summary in summaries],
        "Years": [f"{summary['first_year']}–{summary['last_year']}" for summary in summaries],
        "Version": [dataset.version for dataset in datasets],
        "Source": [dataset.provenance.source if dataset.provenance else "–"
                   for dataset in datasets],
    })


NO_BONUS_OR_EQUITY = ("No record here reports a bonus or equity: the dataset may record base "
                      "salary alone (aijobs.net has one pay figure per record), so total comp "
                      "is base salary and the zeros are not a market finding.")


def no_bonus_or_equity_text(mix: pd.DataFrame) -> str:
    """The caveat for a pay mix whose bonus and equity are zero in every row; empty otherwise."""
    if mix.empty or (mix["bonus"].fillna(0) != 0).any() or (mix["equity"].fillna(0) != 0).any():
        return ""
    return NO_BONUS_OR_EQUITY


def outside_cities_text(n_without_city: int) -> str:
    """What a national figure counts beyond the cities ranked: the records with no city (in
    the calibrated sample, those in the rest of the US). Empty when there are none."""
    if n_without_city <= 0:
        return ""
    # no parentheses: the text goes inside a parenthesis of its own
    return (f", including {n_without_city:,} records without a city: {vocabulary.REST_OF_US}, "
            "the rest of the country, not ranked as a city")


def rest_of_us_not_ranked_text() -> str:
    return (f"Records in **{vocabulary.REST_OF_US}** have no city: they count in the national "
            "figure (and in the sidebar's other filters) but are not ranked or compared as a "
            "city.")


def structure(rows: Sequence[dict]) -> pd.DataFrame:
    """A salary structure as text, one row per level (rows: ranges_summary.structure_rows):
    the range and how it steps from the level below first, then the market against it."""
    return pd.DataFrame({
        "Level": [row["level"] for row in rows],
        "n": [f"{row['n']:,}" for row in rows],
        "Confidence": [row["confidence"] for row in rows],
        "Min": [money(row["min"]) for row in rows],
        "Midpoint": [money(row["midpoint"]) for row in rows],
        "Max": [money(row["max"]) for row in rows],
        "Spread": [share_text(row["spread"]) for row in rows],
        "Progression": [share_text(row["progression"]) for row in rows],
        "Overlap": [overlap_text(row["overlap"]) for row in rows],
        "Market P25": [money(row["market_p25"]) for row in rows],
        "Market P50": [money(row["market_p50"]) for row in rows],
        "Market P75": [money(row["market_p75"]) for row in rows],
        "P25 / P50 / P75 in range": [
            " / ".join(share_text(row[f"market_{p}_penetration"]) for p in ("p25", "p50", "p75"))
            if row["min"] is not None else "–" for row in rows],
        "P50 compa-ratio": [ratio_text(row["market_p50_compa_ratio"]) for row in rows],
    })
