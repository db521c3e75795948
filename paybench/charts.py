"""Chart builders: a query result in, a Plotly figure out. No Streamlit here."""

import pandas as pd
import plotly.graph_objects as go

from paybench import catalog, policies
from paybench.formatting import count, money

COLORS = {"base_salary": "#1f6feb", "bonus": "#bf8700", "equity": "#8250df",
          "band_outer": "rgba(31,111,235,0.25)", "band_inner": "rgba(31,111,235,0.6)",
          "median": "#0b2a5b", "highlight": "#d1242f"}
MONEY_AXIS = {"tickprefix": "$", "tickformat": "~s", "rangemode": "tozero"}


def _layout(fig: go.Figure, **kwargs) -> go.Figure:
    fig.update_layout(margin={"l": 10, "r": 10, "t": 30, "b": 10}, legend_orientation="h",
                      legend_y=-0.15, hoverlabel_namelength=-1, **kwargs)
    return fig


def with_n(labels: pd.Series, n: pd.Series) -> list[str]:
    """Category labels that carry their sample size: 'Senior<br>n = 5,250'."""
    return [f"{label}<br>{count(int(size))}" for label, size in zip(labels, n, strict=True)]


def in_catalog_order(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    order = catalog.ordered(key, frame[key].astype(str))
    return frame.set_index(frame[key].astype(str)).loc[order].reset_index(drop=True)


def distribution(bins: pd.DataFrame, bin_width: int) -> go.Figure:
    """Histogram of total comp from pre-binned counts."""
    starts = bins["bin_start"]
    ranges = [f"{money(s)}–{money(s + bin_width - 1)}" for s in starts]
    fig = go.Figure(go.Bar(
        x=starts + bin_width / 2, y=bins["n"], width=bin_width * 0.95, customdata=ranges,
        marker_color=COLORS["base_salary"], hovertemplate="%{customdata}: %{y:,} records<extra></extra>",
    ))
    return _layout(fig, xaxis={**MONEY_AXIS, "title": "Total comp per year"},
                   yaxis={"title": "Records"}, bargap=0)


def percentile_bands(frame: pd.DataFrame, key: str) -> go.Figure:
    """P10-P90 and P25-P75 bands with the median, one column per category of `key`."""
    frame = in_catalog_order(frame, key) if catalog.DIMENSIONS[key].order else frame
    x = with_n(frame[key], frame["n"])
    fig = go.Figure([
        go.Bar(x=x, base=frame["p10"], y=frame["p90"] - frame["p10"], name="P10–P90",
               marker_color=COLORS["band_outer"], width=0.55,
               customdata=frame[["p10", "p90"]], hovertemplate="P10 $%{customdata[0]:,.0f} – "
               "P90 $%{customdata[1]:,.0f}<extra></extra>"),
        go.Bar(x=x, base=frame["p25"], y=frame["p75"] - frame["p25"], name="P25–P75",
               marker_color=COLORS["band_inner"], width=0.55,
               customdata=frame[["p25", "p75"]], hovertemplate="P25 $%{customdata[0]:,.0f} – "
               "P75 $%{customdata[1]:,.0f}<extra></extra>"),
        go.Scatter(x=x, y=frame["p50"], name="Median", mode="markers",
                   marker={"symbol": "line-ew", "size": 34, "line": {"width": 3,
                           "color": COLORS["median"]}},
                   hovertemplate="Median $%{y:,.0f}<extra></extra>"),
    ])
    return _layout(fig, barmode="overlay", yaxis={**MONEY_AXIS, "title": "Total comp per year"})


def pay_mix(frame: pd.DataFrame) -> go.Figure:
    """Mean base, bonus and equity per level, stacked."""
    frame = in_catalog_order(frame, "level")
    x = with_n(frame["level"], frame["n"])
    fig = go.Figure([
        go.Bar(x=x, y=frame[part], name=catalog.label(part), marker_color=COLORS[part],
               customdata=frame[part] / frame["total_comp"],
               hovertemplate=f"{catalog.label(part)}: $%{{y:,.0f}} (%{{customdata:.0%}})<extra></extra>")
        for part in ("base_salary", "bonus", "equity")
    ])
    return _layout(fig, barmode="stack", yaxis={**MONEY_AXIS, "title": "Mean per year"})


def trend(frame: pd.DataFrame) -> go.Figure:
    """Median total comp by year with its P25-P75 band."""
    years = frame["year"].astype(int)
    fig = go.Figure([
        go.Scatter(x=years, y=frame["p75"], mode="lines", line_width=0, showlegend=False,
                   hoverinfo="skip"),
        go.Scatter(x=years, y=frame["p25"], mode="lines", line_width=0, fill="tonexty",
                   fillcolor=COLORS["band_outer"], name="P25–P75", hoverinfo="skip"),
        go.Scatter(x=years, y=frame["median"], mode="lines+markers", name="Median",
                   line_color=COLORS["median"], customdata=frame["n"],
                   hovertemplate="%{x}: median $%{y:,.0f} (n = %{customdata:,})<extra></extra>"),
    ])
    return _layout(fig, xaxis={"dtick": 1, "title": "Year"},
                   yaxis={**MONEY_AXIS, "title": "Total comp per year"})


def offer_on_market(bins: pd.DataFrame, bin_width: int, band_p25: float, band_median: float,
                    band_p75: float, offer_total_comp: float, offer_label: str) -> go.Figure:
    """The cell's total comp distribution with its P25-P75 band and median, and the offer as
    a line. Lines and band are legend entries, so no label sits on top of another."""
    fig = distribution(bins, bin_width)
    fig.data[0].name = "Records in the cell"
    fig.data[0].showlegend = True
    top = float(bins["n"].max()) * 1.08 if len(bins) else 1.0
    fig.add_traces([
        go.Scatter(x=[band_p25, band_p75, band_p75, band_p25, band_p25], y=[0, 0, top, top, 0],
                   fill="toself", fillcolor="rgba(31,111,235,0.12)", line_width=0,
                   mode="lines", name=f"Market P25–P75 ({money(band_p25)}–{money(band_p75)})",
                   hoverinfo="skip"),
        _vertical_line(band_median, top, f"Market median {money(band_median)}",
                       COLORS["median"], "dash"),
        _vertical_line(offer_total_comp, top, offer_label, COLORS["highlight"], "solid"),
    ])
    fig.update_yaxes(range=[0, top])
    fig.update_xaxes(rangemode="normal")  # the cell's own range, not from $0
    return fig


def _vertical_line(x: float, top: float, name: str, color: str, dash: str) -> go.Scatter:
    return go.Scatter(x=[x, x], y=[0, top], mode="lines", name=name,
                      line={"color": color, "width": 3, "dash": dash},
                      hovertemplate=f"{name}<extra></extra>")


# ---- cities ------------------------------------------------------------------------------------

ROW_HEIGHT = 24  # pixels per city in a horizontal chart
POLICY_COLORS = {policies.LOCATION: "#1f6feb", policies.NATIONAL: "#0b2a5b",
                 policies.TIERED: "#bf8700", policies.COST_OF_LIVING: "#1a7f37"}
POLICY_SYMBOLS = {policies.LOCATION: "circle", policies.NATIONAL: "line-ns",
                  policies.TIERED: "diamond", policies.COST_OF_LIVING: "square"}
CITY_COLORS = ("#1f6feb", "#bf8700", "#8250df", "#1a7f37")


def _city_height(cities: int) -> int:
    return 140 + ROW_HEIGHT * cities


def city_labels(table: pd.DataFrame) -> list[str]:
    """One-line row labels for horizontal charts: 'Seattle · n = 1,188'."""
    return [f"{city} · {count(int(n))}" for city, n in zip(table["city"], table["n"], strict=True)]


def _horizontal(fig: go.Figure, rows: int, **kwargs) -> go.Figure:
    """Rows top to bottom in the frame's order, the legend above the plot."""
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=_city_height(rows), **kwargs).update_layout(
        legend={"y": 1.0, "yanchor": "bottom", "x": 0}, margin_t=40)


def city_ranking(table: pd.DataFrame, measure: str, label: str, top: list[str]) -> go.Figure:
    """One row per city, highest first: the P25-P75 band and the ranking measure; the
    top-paying cities in the highlight colour. `measure` is the column ranked by."""
    table = table.assign(label=city_labels(table), is_top=table["city"].isin(top))
    fig = go.Figure()
    for is_top, name, color in ((True, f"P25–P75, top {len(top)}", COLORS["highlight"]),
                                (False, "P25–P75", COLORS["band_inner"])):
        rows = table[table["is_top"] == is_top]
        fig.add_trace(go.Bar(
            y=rows["label"], x=rows["p75"] - rows["p25"], base=rows["p25"], orientation="h",
            name=name, marker_color=color, width=0.6, customdata=rows[["p25", "p75"]],
            hovertemplate="P25 $%{customdata[0]:,.0f} – P75 $%{customdata[1]:,.0f}<extra></extra>"))
    fig.add_trace(go.Scatter(
        y=table["label"], x=table[measure], mode="markers", name=label,
        marker={"symbol": "line-ns", "size": 16, "line": {"width": 3, "color": COLORS["median"]}},
        hovertemplate=f"{label} $%{{x:,.0f}}<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=table["label"].tolist())
    return _horizontal(fig, len(table), xaxis={**MONEY_AXIS, "rangemode": "normal",
                                                "title": "Total comp per year"})


def purchasing_power(table: pd.DataFrame) -> go.Figure:
    """Median pay as paid and in San Francisco prices, one row per city."""
    labels = city_labels(table)
    fig = go.Figure([
        go.Bar(y=labels, x=table["median_total_comp"], orientation="h", name="Median pay",
               marker_color=COLORS["band_outer"],
               hovertemplate="Median pay $%{x:,.0f}<extra></extra>"),
        go.Bar(y=labels, x=table["median_in_sf_prices"], orientation="h",
               name="Median pay in San Francisco prices", marker_color=COLORS["base_salary"],
               customdata=table["cost_of_living_vs_sf"],
               hovertemplate="In San Francisco prices $%{x:,.0f} "
               "(cost of living %{customdata:.2f} × San Francisco's)<extra></extra>"),
    ])
    return _horizontal(fig, len(table), barmode="group",
                       xaxis={**MONEY_AXIS, "title": "Median total comp per year"})


def city_bands(frame: pd.DataFrame, cities: list[str]) -> go.Figure:
    """Each compared city's P10, P25, median, P75 and P90 (the whiskers) by level, side by
    side, in the order of `cities`."""
    fig = go.Figure()
    present = [city for city in cities if city in set(frame["city"])]
    for color, city in zip(CITY_COLORS, present, strict=False):
        rows = in_catalog_order(frame[frame["city"] == city], "level")
        fig.add_trace(go.Box(
            x=rows["level"], name=f"{city} ({count(int(rows['n'].sum()))})", q1=rows["p25"],
            median=rows["p50"], q3=rows["p75"], lowerfence=rows["p10"], upperfence=rows["p90"],
            marker_color=color,
        ))
    return _layout(fig, boxmode="group", yaxis={**MONEY_AXIS, "title": "Total comp per year"},
                   xaxis={"categoryorder": "array", "categoryarray": list(catalog.LEVELS)})


# ---- remote ------------------------------------------------------------------------------------

ARRANGEMENT_COLORS = {"Hybrid": "#bf8700", "Remote": "#8250df"}


def arrangement_gaps(frame: pd.DataFrame) -> go.Figure:
    """Each arrangement's median gap against on-site by level, with its 95% interval as error
    bars, and a line at zero: an interval that crosses the line could be noise."""
    fig = go.Figure()
    for arrangement, rows in frame.dropna(subset=["gap"]).groupby("work_arrangement", sort=False):
        rows = in_catalog_order(rows, "level")
        fig.add_trace(go.Scatter(
            x=rows["level"], y=rows["gap"], mode="markers", name=f"{arrangement} vs on-site",
            marker={"size": 11, "color": ARRANGEMENT_COLORS.get(arrangement, COLORS["median"])},
            error_y={"type": "data", "symmetric": False, "array": rows["gap_high"] - rows["gap"],
                     "arrayminus": rows["gap"] - rows["gap_low"]},
            customdata=rows[["gap_low", "gap_high", "n"]],
            hovertemplate=f"{arrangement}, %{{x}}: %{{y:+.1%}} (95% CI %{{customdata[0]:+.1%}} "
            "to %{customdata[1]:+.1%}), n = %{customdata[2]:,}<extra></extra>",
        ))
    fig.add_hline(y=0, line_color=COLORS["median"], line_width=1)
    return _layout(fig, scattermode="group",
                   xaxis={"categoryorder": "array", "categoryarray": list(catalog.LEVELS)},
                   yaxis={"tickformat": "+.0%", "title": "Median total comp vs on-site"})


def policy_rates(frame: pd.DataFrame) -> go.Figure:
    """What each policy pays in each city: one marker per policy on a row per city; the
    national rate as a tall tick, so its markers read as one line.
    frame: policies.as_frame(), one row per city with a column per policy."""
    fig = go.Figure([
        go.Scatter(y=frame["city"], x=frame[policy], mode="markers", name=policies.LABELS[policy],
                   marker={"size": 16 if policy == policies.NATIONAL else 10,
                           "color": POLICY_COLORS[policy], "symbol": POLICY_SYMBOLS[policy],
                           "line": {"width": 3, "color": POLICY_COLORS[policy]}},
                   hovertemplate=f"{policies.LABELS[policy]}: $%{{x:,.0f}}<extra>%{{y}}</extra>")
        for policy in policies.POLICIES
    ])
    return _horizontal(fig, len(frame), xaxis={**MONEY_AXIS, "rangemode": "normal",
                                                "title": "Yearly pay"})
