"""Chart builders: a query result in, a Plotly figure out. No Streamlit here."""

import pandas as pd
import plotly.graph_objects as go

from paybench import catalog
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
