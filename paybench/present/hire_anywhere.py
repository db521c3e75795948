"""What the Hire anywhere page shows: its tables (text), its two figures (cost against overlap,
the world map) and its sentences. Data in, display out; no Streamlit here."""

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from paybench.datasets.calibration import EorFee, FxRate
from paybench.domain import employer_cost
from paybench.domain.employer_cost import Contribution
from paybench.domain.stats import CONFIDENCE
from paybench.present.charts import ALT, COLORS, LAYOUT, MONEY_AXIS, TITLE
from paybench.present.formatting import count, money, percent, shown, signed_percent
from paybench.query.country_cells import Cell

NOT_SHOWN = "–"
CELL_AS_ASKED = "as selected"


# ---- words -----------------------------------------------------------------------------------

def country_name(code: str, names: Mapping[str, str]) -> str:
    return names.get(code, code)


def cell_text(pooled: str) -> str:
    """What a country's figure pools, for the Cell column."""
    return f"pooled: {pooled}" if pooled else CELL_AS_ASKED


def us_hire_text(arrangement: str, city: str, hire: Cell | None) -> str:
    """'on-site in San Francisco', and what the cell had to pool."""
    where = f"on-site in {city}" if arrangement == "Onsite" else f"remote, living in {city}"
    if hire is None or not hire.pooled:
        return where
    return f"{where} (pooled: {', '.join(hire.pooled)})"


def pooling_sentence(family: str | None, min_n: int) -> str:
    related = (f"the role's related roles ({family})" if family
               else "related roles (this role has none in the catalog)")
    return (f"A country whose cell has fewer than {min_n} records is pooled, nearest first: "
            f"{related}, then every level of the role, then both; the Cell column says which. "
            f"A country still under {min_n} is left out.")


def needs_countries_text(countries: int, calibrated_sample: bool) -> str:
    held = {0: "no country", 1: "one country"}.get(countries, f"{countries} countries")
    why = " The calibrated sample is US-only by design." if calibrated_sample else ""
    return (f"The records of this dataset come from {held}, so there is nothing to compare."
            f"{why} Choose a dataset with records from several countries.")


def records_by_country(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Country": frame["country"].fillna("(none)").tolist(),
                         "Records": frame["n"].map("{:,}".format).tolist()})


def money_local(value: float, currency: str | None) -> str:
    if not isinstance(currency, str) or _missing(value):
        return NOT_SHOWN
    return f"{currency} {value:,.0f}"


def rate_text(currency: str | None, rates: Mapping[str, FxRate]) -> str:
    """'1 EUR = $1.0526 (2025)', or why there is none."""
    if not isinstance(currency, str):
        return "no currency on file"
    if currency == "USD":
        return "US dollar"
    rate = rates.get(currency)
    if rate is None:
        return f"no {currency} rate on file"
    return f"1 {currency} = ${rate.usd_per_unit:.4g} ({rate.year})"


def cost_notes(row: Mapping, include_unsourced: bool) -> str:
    """Why a country's cost is missing, and what its contributions rest on."""
    if not row["has_contributions"]:
        return "no employer-contribution figures for this country"
    notes = []
    if _missing(row["contributions"]):
        notes.append(f"no {row['currency']} exchange rate: contributions with caps cannot be "
                     "computed")
    if row["unsettled_counted"]:
        notes.append(_plural(row["unsettled_counted"], "unsettled rate") + " counted")
    if row["unsourced"]:
        verb = "counted (assumption)" if include_unsourced else "not counted"
        notes.append(_plural(row["unsourced"], "rate") + f" without a source {verb}")
    return "; ".join(notes)


def _plural(k: int, noun: str) -> str:
    return f"{k} {noun}" + ("" if k == 1 else "s")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def hours(value: float) -> str:
    return NOT_SHOWN if _missing(value) else f"{value:g} h"


def eor_fee_help(fee: EorFee) -> str:
    return (f"Default ${fee.per_month:,.0f}: {fee.basis}. No price list of the guide's "
            "publisher was found; other providers list more. Set your provider's price. The "
            "US hire is employed directly, with no fee.")


# ---- tables ----------------------------------------------------------------------------------

def ranked_table(table: pd.DataFrame, names: Mapping[str, str], include_unsourced: bool,
                 ) -> pd.DataFrame:
    """The ranked table: one row per country, in the table's order."""
    return pd.DataFrame({
        "Country": [country_name(c, names) for c in table["country"]],
        "Cell": [cell_text(p) for p in table["pooled"]],
        "n": table["n"].map("{:,}".format),
        "Median pay": table["median"].map(money),
        "Employer contributions": [_contribution_cell(r) for r in table.to_dict("records")],
        "EOR fee": table["eor_fee"].map(money),
        "Yearly cost": table["total_cost"].map(money),
        "vs US hire": table["vs_us_hire"].map(
            lambda v: NOT_SHOWN if _missing(v) else signed_percent(v, 0)),
        "Overlap": table["overlap_hours"].map(hours),
        "Under the minimum": table["under_minimum"].map({True: "yes", False: ""}),
        "Notes": [cost_notes(r, include_unsourced) for r in table.to_dict("records")],
    })


def _contribution_cell(row: Mapping) -> str:
    if _missing(row["contributions"]):
        return NOT_SHOWN
    return f"{money(row['contributions'])} ({percent(row['contribution_share'], 1)})"


def market_table(table: pd.DataFrame, names: Mapping[str, str],
                 rates: Mapping[str, FxRate]) -> pd.DataFrame:
    """Market pay by country: n, grade, median with its interval, P25–P75, in US dollars and
    in the local currency, and the rate used."""
    rows = table.to_dict("records")
    return pd.DataFrame({
        "Country": [country_name(r["country"], names) for r in rows],
        "Cell": [cell_text(r["pooled"]) for r in rows],
        "n": [f"{r['n']:,}" for r in rows],
        "Confidence": [r["grade"] or NOT_SHOWN for r in rows],
        "Median (USD)": [money(r["median"]) for r in rows],
        f"{CONFIDENCE:.0%} interval of the median": [_interval(r, "median") for r in rows],
        "P25–P75 (USD)": [f"{money(r['p25'])}–{money(r['p75'])}" for r in rows],
        "Median (local)": [money_local(r["median_local"], r["currency"]) for r in rows],
        "P25–P75 (local)": [_local_range(r) for r in rows],
        "Exchange rate": [rate_text(r["currency"], rates) for r in rows],
    })


def _interval(row: Mapping, name: str) -> str:
    low, high = row[f"{name}_low"], row[f"{name}_high"]
    if _missing(low) or _missing(high):
        return "too few records"
    return f"{money(low)}–{money(high)}"


def _local_range(row: Mapping) -> str:
    if _missing(row["p25_local"]):
        return NOT_SHOWN
    return (f"{money_local(row['p25_local'], row['currency'])}–"
            f"{row['p75_local']:,.0f}")


def contribution_rows(rows: pd.DataFrame, countries: Sequence[str],
                      contributions: Mapping[str, Sequence[Contribution]],
                      median_local: Mapping[str, float], include_unsourced: bool,
                      names: Mapping[str, str]) -> pd.DataFrame:
    """Every contribution row of the countries shown, with what it comes to on the country's
    median pay (local currency) and whether the estimate counts it, and why not."""
    shown = rows[rows["country_code"].isin(countries)]
    amounts, counted_flags, statuses = [], [], []
    for row in shown.to_dict("records"):
        contribution = _matching(contributions[row["country_code"]], row["component"])
        pay = median_local.get(row["country_code"])
        amounts.append(NOT_SHOWN if _missing(pay) else f"{contribution.amount(pay):,.0f}")
        counted = employer_cost.counted(contribution, include_unsourced)
        counted_flags.append("yes" if counted else "no")
        statuses.append(_status(contribution))
    return pd.DataFrame({
        "Country": [country_name(c, names) for c in shown["country_code"]],
        "Component": shown["component"].tolist(),
        "Rate": [f"{float(r) * 100:.4g}%" for r in shown["rate"]],
        "Levied on": shown["base"].tolist(),
        "Floor": [_local_amount(v, c) for v, c in zip(shown["floor_local"], shown["currency"],
                                                      strict=True)],
        "Cap": [_local_amount(v, c) for v, c in zip(shown["cap_local"], shown["currency"],
                                                    strict=True)],
        "Due above": [_local_amount(v, c) for v, c in zip(shown["due_above_local"],
                                                          shown["currency"], strict=True)],
        "On the median pay": [f"{c} {a}" if a != NOT_SHOWN else a
                              for c, a in zip(shown["currency"], amounts, strict=True)],
        "Counted": counted_flags,
        "Status": statuses,
        "Year": shown["year"].tolist(),
        "Source": [title if title else "none found" for title in shown["source_title"]],
        "Link": shown["source_url"].tolist(),
        "Checked": shown["date_checked"].tolist(),
        "Notes": shown["notes"].tolist(),
    })


def _matching(contributions: Sequence[Contribution], component: str) -> Contribution:
    return next(c for c in contributions if c.component == component)


def _status(contribution: Contribution) -> str:
    if contribution.kind == employer_cost.EXAMPLE:
        return "example, never counted"
    flags = []
    if not contribution.sourced:
        flags.append("no source")
    if contribution.unsettled:
        flags.append("unsettled")
    return ", ".join(flags) or "sourced"


def _local_amount(text: str, currency: str) -> str:
    return f"{currency} {float(text):,.0f}" if text else ""


# ---- figures ---------------------------------------------------------------------------------

COST_TITLE = "Yearly cost of a hire against working hours shared with the team, by country"
MAP_TITLE = "Yearly cost of a hire at the market median, by country"


def cost_against_overlap(table: pd.DataFrame, names: Mapping[str, str], us_total: float | None,
                         min_overlap: float, us_label: str) -> go.Figure:
    """A bubble per country with a yearly cost and an overlap: overlap across, cost up, area
    by n; under the team's minimum in red. The US hire's cost as a dashed line, the minimum
    overlap as a dotted one."""
    shown = table.dropna(subset=["total_cost", "overlap_hours"])
    largest = max(shown["n"].max(), 1) if len(shown) else 1
    colors = [COLORS["highlight"] if under else COLORS["base_salary"]
              for under in shown["under_minimum"]]
    traces = [{
        "type": "scatter", "mode": "markers+text", "x": shown["overlap_hours"].tolist(),
        "y": shown["total_cost"].tolist(), "text": shown["country"].tolist(),
        "textposition": "top center",
        "marker": {"size": shown["n"].tolist(), "sizemode": "area", "sizemin": 6,
                   "sizeref": 2 * largest / 60 ** 2, "color": colors, "opacity": 0.7},
        "customdata": [[country_name(c, names), f"{n:,}", money(m), money(t)] for c, n, m, t
                       in zip(shown["country"], shown["n"], shown["median"],
                              shown["total_cost"], strict=True)],
        "hovertemplate": "<b>%{customdata[0]}</b><br>yearly cost %{customdata[3]} "
                         "(median pay %{customdata[2]})<br>overlap %{x:g} h<br>"
                         "n = %{customdata[1]}<extra></extra>",
        "showlegend": False,
    }]
    shapes = [{"type": "line", "xref": "x", "yref": "paper", "x0": min_overlap,
               "x1": min_overlap, "y0": 0, "y1": 1, "line": {"dash": "dot", "color": "#57606a"}}]
    annotations = [{"x": min_overlap, "y": 1, "xref": "x", "yref": "paper", "showarrow": False,
                    "text": f"team minimum {min_overlap:g} h", "xanchor": "left", "yanchor": "top"}]
    if us_total is not None:
        shapes.append({"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1,
                       "y0": us_total, "y1": us_total,
                       "line": {"dash": "dash", "color": COLORS["median"]}})
        annotations.append({"x": 1, "y": us_total, "xref": "paper", "yref": "y",
                            "showarrow": False, "xanchor": "right", "yanchor": "bottom",
                            "text": f"US hire ({us_label}) {money(us_total)}"})
    return go.Figure({"data": traces, "layout": {
        **LAYOUT, "title": {**TITLE, "text": COST_TITLE}, "meta": {ALT: cost_alt(table)},
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "xaxis": {"title": {"text": "Working hours shared with the team (9 to 5 each)"},
                  "range": [-0.5, 8.5], "dtick": 1},
        "yaxis": {**MONEY_AXIS, "title": {"text": "Yearly cost (pay + contributions + fee)"}},
        "shapes": shapes, "annotations": annotations, "height": 520}})


def world_map(table: pd.DataFrame, iso3: Mapping[str, str], names: Mapping[str, str],
              ) -> go.Figure:
    """The countries with a yearly cost, shaded by it, on an outline map of the world."""
    shown = table.dropna(subset=["total_cost"])
    shown = shown[shown["country"].isin(iso3.keys())]
    customdata = [[country_name(c, names), f"{n:,}", money(m), money(t), hours(h)]
                  for c, n, m, t, h in zip(shown["country"], shown["n"], shown["median"],
                                           shown["total_cost"], shown["overlap_hours"],
                                           strict=True)]
    trace = {
        "type": "choropleth", "locationmode": "ISO-3",
        "locations": [iso3[c] for c in shown["country"]], "z": shown["total_cost"].tolist(),
        "customdata": customdata, "colorscale": "Blues", "marker": {"line": {"width": 0.5}},
        "colorbar": {"title": {"text": "Yearly cost"}, "tickprefix": "$", "tickformat": "~s"},
        "hovertemplate": "<b>%{customdata[0]}</b><br>yearly cost %{customdata[3]}<br>median "
                         "pay %{customdata[2]}, n = %{customdata[1]}<br>overlap "
                         "%{customdata[4]}<extra></extra>",
    }
    return go.Figure({"data": [trace], "layout": {
        **LAYOUT, "title": {**TITLE, "text": MAP_TITLE}, "meta": {ALT: map_alt(table)},
        "margin": {"l": 0, "r": 0, "t": 50, "b": 0},
        "height": 480,
        "geo": {"projection": {"type": "natural earth", "rotation": {"lon": 0}},
                "fitbounds": False, "resolution": 110, "showcountries": True,
                "countrycolor": "#8c959f", "showland": True, "landcolor": "#d8dee4",
                "showframe": False}}})


def cost_alt(table: pd.DataFrame) -> str:
    shown = table.dropna(subset=["total_cost", "overlap_hours"])
    return (f"Scatter chart: {len(shown)} countries ({count(int(shown['n'].sum()))} records), "
            "yearly cost of a hire (up) against hours "
            "of working-day overlap with the team (across); bubble area is the number of "
            "records; countries under the team's minimum overlap in red.")


def map_alt(table: pd.DataFrame) -> str:
    shown = table.dropna(subset=["total_cost"])
    return (f"World map: {len(shown)} countries ({count(int(shown['n'].sum()))} records) "
            "shaded by the yearly cost of a hire at the "
            "market median; the table below gives the same figures.")


def us_hire_caption(row: Mapping | None, hire: Cell | None, description: str) -> str:
    if row is None or hire is None:
        return f"A US hire ({description}): too few records to compare with."
    return (f"US hire, {description}: median pay {money(row['median'])} "
            f"({count(int(row['n']))}), employer contributions {money(row['contributions'])}, "
            "no EOR fee (employed directly).")


def left_out_sentence(codes: Sequence[str], names: Mapping[str, str], min_n: int) -> str:
    listed = ", ".join(shown(country_name(c, names)) for c in codes[:25])
    more = f" and {len(codes) - 25} more" if len(codes) > 25 else ""
    return f"Not shown, fewer than {min_n} records even when pooled: {listed}{more}."
