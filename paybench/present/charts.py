"""Chart builders: a query result in, a Plotly figure out. No Streamlit here.

Every figure carries a title, drawn on it, and a description for screen readers that says what
it shows, built from the same data with n (alt_text(figure); the page passes it to
st.plotly_chart as alt, which becomes the chart's accessible name). Colour never carries meaning
alone: what a colour marks is also in a label or a marker.

Each figure is made in one go.Figure call from plain dicts and lists. Adding traces one by one,
then update_layout, with pandas columns as values, took three times as long (6-21 ms a figure),
and a page draws two to four of them on every rerun."""

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from paybench.domain import policies, ranges, vocabulary
from paybench.present.formatting import count, money, signed_percent
from paybench.query import catalog

COLORS = {"base_salary": "#1f6feb", "bonus": "#bf8700", "equity": "#8250df",
          "band_outer": "rgba(31,111,235,0.25)", "band_inner": "rgba(31,111,235,0.6)",
          "median": "#0b2a5b", "highlight": "#d1242f"}
MONEY_AXIS = {"tickprefix": "$", "tickformat": "~s", "rangemode": "tozero"}
LAYOUT = {"margin": {"l": 10, "r": 10, "t": 40, "b": 10},
          "legend": {"orientation": "h", "y": -0.15}, "hoverlabel": {"namelength": -1}}
TITLE = {"x": 0, "xanchor": "left", "xref": "paper", "font": {"size": 15}}
ALT = "alt"  # the key of the description in a figure's layout.meta


def _figure(traces: list[dict], title: str, alt: str, **layout) -> go.Figure:
    """A figure from trace dicts (each with its "type"), its title, its description for screen
    readers (kept in layout.meta, see alt_text) and layout settings on top of LAYOUT; a setting
    that is a dict is merged one level deep with LAYOUT's."""
    merged = {**LAYOUT, "title": {**TITLE, "text": title}, "meta": {ALT: alt}}
    for key, value in layout.items():
        merged[key] = {**merged[key], **value} if isinstance(merged.get(key), dict) else value
    return go.Figure({"data": traces, "layout": merged})


def alt_text(figure: go.Figure) -> str:
    """What the figure shows, in words, for its accessible name."""
    return figure.layout.meta[ALT]


def _listed(parts: Sequence[str], at_most: int = 6) -> str:
    """'a, b and c'; a long list is cut: 'a, b, c, d, e, f and 3 more'."""
    parts = list(parts)
    if len(parts) > at_most:
        parts = [*parts[:at_most], f"{len(parts) - at_most} more"]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _values(column) -> list:
    """A column as a plain list: Plotly converts lists faster than pandas columns."""
    return column.tolist() if hasattr(column, "tolist") else list(column)


def _rows(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    """customdata: one list per row."""
    return frame[columns].to_numpy().tolist()


def _axis_title(text: str) -> dict:
    return {"title": {"text": text}}


def with_n(labels: pd.Series, n: pd.Series) -> list[str]:
    """Category labels that carry their sample size: 'Senior<br>n = 5,250'."""
    return [f"{label}<br>{count(int(size))}" for label, size in zip(labels, n, strict=True)]


def in_catalog_order(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """The rows in the catalog's order of `key` (stable)."""
    labels = [str(value) for value in frame[key]]
    rank = {value: position for position, value in enumerate(catalog.ordered(key, set(labels)))}
    order = sorted(range(len(labels)), key=lambda row: rank[labels[row]])
    return frame.take(order).reset_index(drop=True)


def _distribution_bars(bins: pd.DataFrame, bin_width: int) -> dict:
    starts = bins["bin_start"]
    return {"type": "bar", "x": _values(starts + bin_width / 2), "y": _values(bins["n"]),
            "width": bin_width * 0.95,
            "customdata": [f"{money(s)}–{money(s + bin_width - 1)}" for s in starts],
            "marker": {"color": COLORS["base_salary"]},
            "hovertemplate": "%{customdata}: %{y:,} records<extra></extra>"}


def _distribution_alt(bins: pd.DataFrame, bin_width: int, what: str) -> str:
    n = int(bins["n"].sum())
    if not n:
        return f"Histogram of total comp per year {what}: no records."
    peak = bins.loc[bins["n"].idxmax()]
    first, last = bins["bin_start"].min(), bins["bin_start"].max() + bin_width - 1
    return (f"Histogram of total comp per year {what}, {count(n)} in bins of {money(bin_width)}, "
            f"from {money(first)} to {money(last)}; the most records ({int(peak['n']):,}) "
            f"between {money(peak['bin_start'])} and {money(peak['bin_start'] + bin_width - 1)}.")


def distribution(bins: pd.DataFrame, bin_width: int) -> go.Figure:
    """Histogram of total comp from pre-binned counts."""
    n = int(bins["n"].sum())
    return _figure([_distribution_bars(bins, bin_width)],
                   f"Records by total comp ({count(n)})",
                   _distribution_alt(bins, bin_width, "in the selection"),
                   xaxis={**MONEY_AXIS, **_axis_title("Total comp per year")},
                   yaxis=_axis_title("Records"), bargap=0)


def _band(categories: list, frame: pd.DataFrame, low: str, high: str, name: str, color: str,
          horizontal: bool = False) -> dict:
    """A bar per category from the `low` to the `high` column, labelled with both in its
    hover; horizontal bars put the categories on the y axis."""
    lengths = _values(frame[high] - frame[low])
    axes = {"y": categories, "x": lengths, "orientation": "h"} if horizontal else \
        {"x": categories, "y": lengths}
    return {"type": "bar", **axes, "base": _values(frame[low]), "name": name,
            "marker": {"color": color}, "customdata": _rows(frame, [low, high]),
            "hovertemplate": f"{low.upper()} $%{{customdata[0]:,.0f}} – {high.upper()} "
                             "$%{customdata[1]:,.0f}<extra></extra>"}


def percentile_bands(frame: pd.DataFrame, key: str) -> go.Figure:
    """P10-P90 and P25-P75 bands with the median, one column per category of `key`."""
    frame = in_catalog_order(frame, key) if catalog.DIMENSIONS[key].order else frame
    x = with_n(frame[key], frame["n"])
    label = catalog.label(key).lower()
    medians = [f"{value} {money(median)} ({count(int(n))})"
               for value, median, n in zip(frame[key], frame["p50"], frame["n"], strict=True)]
    alt = (f"Total comp by {label}: a P10–P90 and a P25–P75 band and the median for each "
           f"{label}. Medians: {_listed(medians, at_most=10)}." if len(frame)
           else f"Total comp by {label}: no {label} has enough records.")
    return _figure([
        {**_band(x, frame, "p10", "p90", "P10–P90", COLORS["band_outer"]), "width": 0.55},
        {**_band(x, frame, "p25", "p75", "P25–P75", COLORS["band_inner"]), "width": 0.55},
        {"type": "scatter", "x": x, "y": _values(frame["p50"]), "name": "Median",
         "mode": "markers",
         "marker": {"symbol": "line-ew", "size": 34,
                    "line": {"width": 3, "color": COLORS["median"]}},
         "hovertemplate": "Median $%{y:,.0f}<extra></extra>"},
    ], f"Total comp by {label}: P10–P90, P25–P75 and median", alt, barmode="overlay",
        yaxis={**MONEY_AXIS, **_axis_title("Total comp per year")})


def pay_mix(frame: pd.DataFrame) -> go.Figure:
    """Mean base, bonus and equity per level, stacked."""
    frame = in_catalog_order(frame, "level")
    x = with_n(frame["level"], frame["n"])
    levels = [f"{row.level} {money(row.base_salary)} base, {money(row.bonus)} bonus, "
              f"{money(row.equity)} equity ({count(int(row.n))})"
              for row in frame.itertuples(index=False)]
    alt = (f"Stacked bars of mean base salary, bonus and equity per level: {_listed(levels, 10)}."
           if len(frame) else "Mean pay mix by level: no level has enough records.")
    return _figure([
        {"type": "bar", "x": x, "y": _values(frame[part]), "name": catalog.label(part),
         "marker": {"color": COLORS[part]},
         "customdata": _values(frame[part] / frame["total_comp"]),
         "hovertemplate": f"{catalog.label(part)}: $%{{y:,.0f}} (%{{customdata:.0%}})"
                          "<extra></extra>"}
        for part in ("base_salary", "bonus", "equity")
    ], "Mean base, bonus and equity by level", alt, barmode="stack",
        yaxis={**MONEY_AXIS, **_axis_title("Mean per year")})


def trend(frame: pd.DataFrame) -> go.Figure:
    """Median total comp by year with its P25-P75 band."""
    years = _values(frame["year"].astype(int))
    points = [f"{int(row.year)} {money(row.median)} ({count(int(row.n))})"
              for row in frame.itertuples(index=False)]
    alt = (f"Line of median total comp by year with its P25–P75 band: {_listed(points, 10)}."
           if len(frame) else "Median total comp by year: no year has enough records.")
    return _figure([
        {"type": "scatter", "x": years, "y": _values(frame["p75"]), "mode": "lines",
         "line": {"width": 0}, "showlegend": False, "hoverinfo": "skip"},
        {"type": "scatter", "x": years, "y": _values(frame["p25"]), "mode": "lines",
         "line": {"width": 0}, "fill": "tonexty", "fillcolor": COLORS["band_outer"],
         "name": "P25–P75", "hoverinfo": "skip"},
        {"type": "scatter", "x": years, "y": _values(frame["median"]), "mode": "lines+markers",
         "name": "Median", "line": {"color": COLORS["median"]},
         "customdata": _values(frame["n"]),
         "hovertemplate": "%{x}: median $%{y:,.0f} (n = %{customdata:,})<extra></extra>"},
    ], "Median total comp by year, with P25–P75", alt, xaxis={"dtick": 1, **_axis_title("Year")},
        yaxis={**MONEY_AXIS, **_axis_title("Total comp per year")})


def offer_on_market(bins: pd.DataFrame, bin_width: int, band_p25: float, band_median: float,
                    band_p75: float, offer_total_comp: float, offer_label: str) -> go.Figure:
    """The cell's total comp distribution with its P25-P75 band and median, and the offer as
    a line. Lines and band are legend entries, so no label sits on top of another."""
    top = float(bins["n"].max()) * 1.08 if len(bins) else 1.0
    n = int(bins["n"].sum())
    alt = (_distribution_alt(bins, bin_width, "in the offer's market cell")
           + f" Market P25–P75 {money(band_p25)}–{money(band_p75)}, median {money(band_median)}; "
           f"{offer_label[:1].lower() + offer_label[1:]}.")
    return _figure([
        {**_distribution_bars(bins, bin_width), "name": "Records in the cell",
         "showlegend": True},
        {"type": "scatter", "x": [band_p25, band_p75, band_p75, band_p25, band_p25],
         "y": [0, 0, top, top, 0], "fill": "toself", "fillcolor": "rgba(31,111,235,0.12)",
         "line": {"width": 0}, "mode": "lines",
         "name": f"Market P25–P75 ({money(band_p25)}–{money(band_p75)})", "hoverinfo": "skip"},
        _vertical_line(band_median, top, f"Market median {money(band_median)}",
                       COLORS["median"], "dash"),
        _vertical_line(offer_total_comp, top, offer_label, COLORS["highlight"], "solid"),
    ], f"The offer against its market cell ({count(n)})", alt,
        bargap=0, yaxis={"range": [0, top], **_axis_title("Records")},
        # the cell's own range, not from $0
        xaxis={**MONEY_AXIS, "rangemode": "normal", **_axis_title("Total comp per year")})


def _vertical_line(x: float, top: float, name: str, color: str, dash: str) -> dict:
    return {"type": "scatter", "x": [x, x], "y": [0, top], "mode": "lines", "name": name,
            "line": {"color": color, "width": 3, "dash": dash},
            "hovertemplate": f"{name}<extra></extra>"}


# ---- cities ------------------------------------------------------------------------------------

ROW_HEIGHT = 24  # pixels per city in a horizontal chart
POLICY_COLORS = {policies.LOCATION: "#1f6feb", policies.NATIONAL: "#0b2a5b",
                 policies.TIERED: "#bf8700", policies.COST_OF_LIVING: "#1a7f37"}
POLICY_SYMBOLS = {policies.LOCATION: "circle", policies.NATIONAL: "line-ns",
                  policies.TIERED: "diamond", policies.COST_OF_LIVING: "square"}
# One colour per city, kept everywhere (city_colors); each has at least 3:1 contrast with the
# white background, as WCAG asks of graphics. Red is left out: it marks the top-paying cities.
CITY_PALETTE = ("#1f6feb", "#bf8700", "#8250df", "#1a7f37", "#bf3989", "#0b7285", "#953800",
                "#6e7781")
TOP_MARK = "★"
MAP_HEIGHT = 460


def _city_height(cities: int) -> int:
    return 160 + ROW_HEIGHT * cities


def city_labels(table: pd.DataFrame, top: Sequence[str] = ()) -> list[str]:
    """One-line row labels for horizontal charts: 'Seattle · n = 1,188', marked
    '★ Seattle · n = 1,188' when the city is one of `top`."""
    marked = set(top)
    return [f"{TOP_MARK + ' ' if city in marked else ''}{city} · {count(int(n))}"
            for city, n in zip(table["city"], table["n"], strict=True)]


def _horizontal(traces: list[dict], rows: int, title: str, alt: str,
                yaxis: dict | None = None, **layout) -> go.Figure:
    """Rows top to bottom in the frame's order, the legend between the title and the plot."""
    return _figure(traces, title, alt, height=_city_height(rows),
                   yaxis={"autorange": "reversed", **(yaxis or {})},
                   legend={"y": 1.0, "yanchor": "bottom", "x": 0}, margin={"t": 70}, **layout)


def _top_text(table: pd.DataFrame, top: Sequence[str]) -> str:
    """Which of the dataset's top-paying cities the chart marks, in a sentence."""
    marked = [city for city in top if city in set(table["city"])]
    if not marked:
        return f"None of the dataset's top {len(top)} for this role and level is shown."
    return (f"Marked {TOP_MARK}: {_listed(marked)}, of the dataset's top {len(top)} for this "
            "role and level.")


def city_ranking(table: pd.DataFrame, measure: str, label: str, top: Sequence[str]) -> go.Figure:
    """One row per city, highest first: the P25-P75 band and the ranking measure. The
    dataset's top-paying cities (`top`, which may include cities not in the table) are in the
    highlight colour and marked with a star in their label. `measure` is the column ranked by."""
    labels = city_labels(table, top)
    table = table.assign(label=labels, is_top=table["city"].isin(top))
    traces = []
    for is_top, name, color in ((True, f"P25–P75, {TOP_MARK} the dataset's top {len(top)}",
                                 COLORS["highlight"]),
                                (False, "P25–P75", COLORS["band_inner"])):
        rows = table[table["is_top"] == is_top]
        traces.append({**_band(_values(rows["label"]), rows, "p25", "p75", name, color,
                               horizontal=True), "width": 0.6})
    traces.append({"type": "scatter", "y": labels, "x": _values(table[measure]),
                   "mode": "markers", "name": label,
                   "marker": {"symbol": "line-ns", "size": 16,
                              "line": {"width": 3, "color": COLORS["median"]}},
                   "hovertemplate": f"{label} $%{{x:,.0f}}<extra></extra>"})
    first, last = table.iloc[0], table.iloc[-1]
    alt = (f"Bar chart of {len(table)} cities ranked by {label.lower()} total comp, each with "
           f"its P25–P75 range: highest {first['city']} {money(first[measure])} "
           f"({count(int(first['n']))})"
           + ("" if len(table) == 1 else
              f", lowest {last['city']} {money(last[measure])} ({count(int(last['n']))})")
           + ". " + _top_text(table, top))
    return _horizontal(traces, len(table), f"Cities ranked by {label.lower()} total comp", alt,
                       yaxis={"categoryorder": "array", "categoryarray": labels},
                       xaxis={**MONEY_AXIS, "rangemode": "normal",
                              **_axis_title("Total comp per year")})


def city_map(table: pd.DataFrame, measure: str, label: str, top: Sequence[str]) -> go.Figure:
    """The cities of a ranking on a map of the United States: a circle per city, its area by
    records and its colour by `measure` (labelled `label`), the dataset's top-paying cities
    starred; the hover gives n and P25-P75. table: the ranking's rows with lat and lon."""
    marked = table["city"].isin(top)
    largest = float(table["n"].max()) if len(table) else 1.0
    low, high = table.loc[table[measure].idxmin()], table.loc[table[measure].idxmax()]
    alt = (f"Map of the United States with {len(table)} cities, one circle each, its area by "
           f"records and its colour by {label.lower()} total comp: from {low['city']} "
           f"{money(low[measure])} to {high['city']} {money(high[measure])}. "
           + _top_text(table, top))
    return _figure([{
        "type": "scattergeo", "lat": _values(table["lat"]), "lon": _values(table["lon"]),
        "mode": "markers+text", "text": [TOP_MARK if is_top else "" for is_top in marked],
        "textposition": "top center", "textfont": {"size": 14, "color": COLORS["median"]},
        "name": label,
        "customdata": _rows(table, ["city", "n", measure, "p25", "p75"]),
        "marker": {"size": _values(table["n"]), "sizemode": "area", "sizemin": 5,
                   "sizeref": 2 * largest / 40 ** 2, "color": _values(table[measure]),
                   "colorscale": "Viridis", "line": {"width": 1, "color": COLORS["median"]},
                   "colorbar": {"title": {"text": f"{label}<br>total comp"}, "tickprefix": "$",
                                "tickformat": "~s", "thickness": 14}},
        "hovertemplate": "<b>%{customdata[0]}</b><br>" + label + " $%{customdata[2]:,.0f}<br>"
                         "P25–P75 $%{customdata[3]:,.0f}–$%{customdata[4]:,.0f}<br>"
                         "n = %{customdata[1]:,}<extra></extra>",
    }], f"Where the cities are: {label.lower()} total comp by colour, records by size", alt,
        height=MAP_HEIGHT, showlegend=False,
        geo={"scope": "usa", "resolution": 110, "fitbounds": False, "showland": True,
             "landcolor": "#f4f4f2", "subunitcolor": "#b8b8b8", "countrycolor": "#b8b8b8",
             "showlakes": False, "bgcolor": "rgba(0,0,0,0)"})


def purchasing_power(table: pd.DataFrame) -> go.Figure:
    """Median pay as paid and in San Francisco prices, one row per city."""
    labels = city_labels(table)
    best = table.iloc[0]
    alt = (f"Grouped bars for {len(table)} cities: median total comp as paid and in San "
           f"Francisco prices (divided by the city's cost of living against San Francisco's), "
           f"highest in San Francisco prices first: {best['city']} "
           f"{money(best['median_in_sf_prices'])} ({money(best['median_total_comp'])} as paid).")
    return _horizontal([
        {"type": "bar", "y": labels, "x": _values(table["median_total_comp"]),
         "orientation": "h", "name": "Median pay", "marker": {"color": COLORS["band_outer"]},
         "hovertemplate": "Median pay $%{x:,.0f}<extra></extra>"},
        {"type": "bar", "y": labels, "x": _values(table["median_in_sf_prices"]),
         "orientation": "h", "name": "Median pay in San Francisco prices",
         "marker": {"color": COLORS["base_salary"]},
         "customdata": _values(table["cost_of_living_vs_sf"]),
         "hovertemplate": "In San Francisco prices $%{x:,.0f} "
                          "(cost of living %{customdata:.2f} × San Francisco's)<extra></extra>"},
    ], len(table), "Median pay, as paid and in San Francisco prices", alt, barmode="group",
        xaxis={**MONEY_AXIS, **_axis_title("Median total comp per year")})


def city_colors(cities: Sequence[str]) -> dict[str, str]:
    """Each city's colour, by its place in the dataset's list of cities (most records first):
    the same city has the same colour in every chart and every comparison."""
    return {city: CITY_PALETTE[place % len(CITY_PALETTE)] for place, city in enumerate(cities)}


def compared_colors(cities: Sequence[str], stable: dict[str, str]) -> dict[str, str]:
    """The colours of cities drawn together: each city's own (city_colors), unless a city
    before it in the dataset's list already has that colour here (the palette repeats after
    len(CITY_PALETTE) cities); then the first palette colour not yet used."""
    place = {city: number for number, city in enumerate(stable)}
    colors: dict[str, str] = {}
    for city in sorted(cities, key=lambda name: (place.get(name, len(place)), name)):
        own = stable.get(city)
        free = [color for color in CITY_PALETTE if color not in colors.values()]
        colors[city] = own if own and own not in colors.values() else (free or CITY_PALETTE)[0]
    return colors


def city_bands(frame: pd.DataFrame, cities: list[str], colors: dict[str, str] | None = None,
               ) -> go.Figure:
    """Each compared city's P10, P25, median, P75 and P90 (the whiskers) by level, side by
    side, in the order of `cities`, each city in its colour (`colors`, from compared_colors;
    by default the palette in the order of `cities`)."""
    present = [city for city in cities if city in set(frame["city"])]
    colors = colors or compared_colors(present, city_colors(present))
    traces, named = [], []
    for city in present:
        rows = in_catalog_order(frame[frame["city"] == city], "level")
        name = f"{city} ({count(int(rows['n'].sum()))})"
        named.append(name)
        traces.append({"type": "box", "x": _values(rows["level"]), "name": name,
                       "q1": _values(rows["p25"]), "median": _values(rows["p50"]),
                       "q3": _values(rows["p75"]), "lowerfence": _values(rows["p10"]),
                       "upperfence": _values(rows["p90"]), "marker": {"color": colors[city]}})
    alt = (f"Box plots of total comp by level, one box per city and level (whiskers P10 and "
           f"P90, box P25 to P75, line the median), left to right: {_listed(named)}.")
    return _figure(traces, "Total comp by level, city by city", alt, boxmode="group",
                   yaxis={**MONEY_AXIS, **_axis_title("Total comp per year")},
                   xaxis={"categoryorder": "array", "categoryarray": list(vocabulary.LEVELS)})


# ---- remote ------------------------------------------------------------------------------------

ARRANGEMENT_COLORS = {"Hybrid": "#bf8700", "Remote": "#8250df"}
ARRANGEMENT_SYMBOLS = {"Hybrid": "diamond", "Remote": "circle"}


def arrangement_gaps(frame: pd.DataFrame) -> go.Figure:
    """Each arrangement's median gap against on-site by level, with its 95% interval as error
    bars, and a line at zero: an interval that crosses the line could be noise. Arrangements
    differ in marker shape as well as colour."""
    traces, gaps = [], []
    for arrangement, rows in frame.dropna(subset=["gap"]).groupby("work_arrangement", sort=False):
        rows = in_catalog_order(rows, "level")
        gaps += [f"{arrangement.lower()} at {row.level} {signed_percent(row.gap)} "
                 f"({count(int(row.n))})" for row in rows.itertuples(index=False)]
        traces.append({
            "type": "scatter", "x": _values(rows["level"]), "y": _values(rows["gap"]),
            "mode": "markers", "name": f"{arrangement} vs on-site",
            "marker": {"size": 11, "symbol": ARRANGEMENT_SYMBOLS.get(arrangement, "square"),
                       "color": ARRANGEMENT_COLORS.get(arrangement, COLORS["median"])},
            "error_y": {"type": "data", "symmetric": False,
                        "array": _values(rows["gap_high"] - rows["gap"]),
                        "arrayminus": _values(rows["gap"] - rows["gap_low"])},
            "customdata": _rows(rows, ["gap_low", "gap_high", "n"]),
            "hovertemplate": f"{arrangement}, %{{x}}: %{{y:+.1%}} (95% CI "
                             "%{customdata[0]:+.1%} to %{customdata[1]:+.1%}), "
                             "n = %{customdata[2]:,}<extra></extra>",
        })
    zero_line = {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": 0,
                 "y1": 0, "line": {"color": COLORS["median"], "width": 1}}
    alt = (f"Median total comp of hybrid and remote work against on-site, by level, with 95% "
           f"intervals: {_listed(gaps, 10)}." if gaps
           else "Median total comp against on-site by level: no gap to show.")
    return _figure(traces, "Median total comp against on-site, by level (95% interval)", alt,
                   scattermode="group", shapes=[zero_line],
                   xaxis={"categoryorder": "array", "categoryarray": list(vocabulary.LEVELS)},
                   yaxis={"tickformat": "+.0%", **_axis_title("Median total comp vs on-site")})


def policy_rates(frame: pd.DataFrame) -> go.Figure:
    """What each policy pays in each city: one marker per policy on a row per city; the
    national rate as a tall tick, so its markers read as one line.
    frame: policies.as_frame(), one row per city with a column per policy."""
    cities = _values(frame["city"])
    location = frame.dropna(subset=[policies.LOCATION])
    national = frame[policies.NATIONAL].dropna()
    alt = (f"Dot plot of the yearly pay each of four policies gives in {len(frame)} "
           f"{'city' if len(frame) == 1 else 'cities'}, one row per city"
           + (f": the national rate {money(national.iloc[0])}" if len(national) else "")
           + (f"; location-based from {money(location[policies.LOCATION].min())} to "
              f"{money(location[policies.LOCATION].max())}" if len(location) else "") + ".")
    return _horizontal([
        {"type": "scatter", "y": cities, "x": _values(frame[policy]), "mode": "markers",
         "name": policies.LABELS[policy],
         "marker": {"size": 16 if policy == policies.NATIONAL else 10,
                    "color": POLICY_COLORS[policy], "symbol": POLICY_SYMBOLS[policy],
                    "line": {"width": 3, "color": POLICY_COLORS[policy]}},
         "hovertemplate": f"{policies.LABELS[policy]}: $%{{x:,.0f}}<extra>%{{y}}</extra>"}
        for policy in policies.POLICIES
    ], len(frame), "Yearly pay under each policy, by city", alt,
        xaxis={**MONEY_AXIS, "rangemode": "normal", **_axis_title("Yearly pay")})


# ---- pay ranges --------------------------------------------------------------------------------

def structure_ranges(structure: ranges.Structure, title: str) -> go.Figure:
    """Each level's range (min to max, with its midpoint) next to the market's P25–P75 base
    salary and median, for the levels that have a range."""
    levels = [level for level in structure.levels if level.pay_range is not None]
    x = [f"{level.level}<br>{count(level.market.n)}" for level in levels]
    low = [level.pay_range.minimum for level in levels]
    high = [level.pay_range.maximum for level in levels]
    market_low = [level.market.base_p25 for level in levels]
    market_high = [level.market.base_p75 for level in levels]
    alt = ("Base salary range per level, min to max with its midpoint, next to the market's "
           "P25 to P75 base salary and its median: "
           + _listed([f"{level.level} {money(level.pay_range.minimum)} to "
                      f"{money(level.pay_range.maximum)} (market median "
                      f"{money(level.market.base_p50)}, {count(level.market.n)})"
                      for level in levels]))
    return _figure([
        {"type": "bar", "x": x, "y": [h - lo for lo, h in zip(low, high, strict=True)],
         "base": low, "width": 0.6, "name": "Range (min – max)",
         "marker": {"color": COLORS["band_outer"], "line": {"color": COLORS["base_salary"],
                                                            "width": 1}},
         "customdata": [[lo, h] for lo, h in zip(low, high, strict=True)],
         "hovertemplate": "Range $%{customdata[0]:,.0f} – $%{customdata[1]:,.0f}<extra></extra>"},
        {"type": "bar", "x": x, "y": [h - lo for lo, h in zip(market_low, market_high,
                                                              strict=True)],
         "base": market_low, "width": 0.25, "name": "Market P25–P75 base salary",
         "marker": {"color": COLORS["band_inner"]},
         "customdata": [[lo, h] for lo, h in zip(market_low, market_high, strict=True)],
         "hovertemplate": "Market P25 $%{customdata[0]:,.0f} – P75 $%{customdata[1]:,.0f}"
                          "<extra></extra>"},
        {"type": "scatter", "x": x, "y": [level.pay_range.midpoint for level in levels],
         "mode": "markers", "name": "Midpoint",
         "marker": {"symbol": "line-ew", "size": 40,
                    "line": {"width": 3, "color": COLORS["median"]}},
         "hovertemplate": "Midpoint $%{y:,.0f}<extra></extra>"},
        {"type": "scatter", "x": x, "y": [level.market.base_p50 for level in levels],
         "mode": "markers", "name": "Market median base salary",
         "marker": {"symbol": "diamond", "size": 11, "color": COLORS["highlight"]},
         "hovertemplate": "Market median $%{y:,.0f}<extra></extra>"},
    ], title, alt, barmode="overlay",
        yaxis={**MONEY_AXIS, "rangemode": "normal", **_axis_title("Base salary per year")})
