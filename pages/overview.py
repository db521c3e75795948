"""Overview: what the selection pays, with n on every figure."""

import streamlit as st

from paybench.app.page import (
    enough_records,
    figure_caption,
    min_cell_size,
    page_header,
    show_chart,
    start_page,
    thin_note,
)
from paybench.app.query_display import prefetch, run, show_sql
from paybench.app.sidebar import current_filters
from paybench.domain.stats import split_thin
from paybench.present import charts, tables
from paybench.present.formatting import count, money

start_page()

BIN_WIDTH = 10_000

filters = current_filters()
page_header("Overview", filters)

# every figure's query starts now, beside the headline's (two at a time)
prefetch(("pay_percentiles", filters, {}),
         ("total_comp_distribution", filters, {"bin_width": BIN_WIDTH}),
         ("percentiles_by_level", filters, {}), ("pay_mix_by_level", filters, {}),
         ("total_comp_by_year", filters, {}))
headline = run("headline_total_comp", filters)
n = int(headline.row["n"])
if not enough_records(filters, n, headline):
    st.stop()

mean_col, median_col, n_col = st.columns(3)
mean_col.metric("Mean total comp", money(headline.row["mean_total_comp"]), border=True,
                help="Base salary + bonus + equity per year, averaged over the selection")
median_col.metric("Median total comp", money(headline.row["median_total_comp"]), border=True)
n_col.metric("Records", f"{n:,}", border=True)
figure_caption(f"{count(n)}.")
show_sql(headline)

st.header("Percentiles")
percentiles = run("pay_percentiles", filters)
st.table(tables.percentiles(percentiles.frame).set_index("Measure"))
figure_caption(tables.grade_note())
show_sql(percentiles)

left, right = st.columns(2)
with left:
    st.header("Distribution of total comp")
    bins = run("total_comp_distribution", filters, bin_width=BIN_WIDTH)
    show_chart(charts.distribution(bins.frame, BIN_WIDTH), "distribution")
    figure_caption(f"{count(n)}; bins of {money(BIN_WIDTH)}.")
    show_sql(bins)
with right:
    st.header("Percentile bands by level")
    by_level = run("percentiles_by_level", filters)
    shown_levels, hidden = split_thin(by_level.frame, "level", min_cell_size())
    show_chart(charts.percentile_bands(shown_levels, "level"), "bands_by_level")
    figure_caption("P10–P90 and P25–P75 of total comp, and the median.")
    thin_note(hidden, "levels")
    show_sql(by_level)

left, right = st.columns(2)
with left:
    st.header("Pay mix by level")
    mix = run("pay_mix_by_level", filters)
    shown_mix, hidden = split_thin(mix.frame, "level", min_cell_size())
    show_chart(charts.pay_mix(shown_mix), "pay_mix")
    figure_caption("Mean base salary, bonus and equity per year.")
    if tables.no_bonus_or_equity_text(shown_mix):
        st.info(tables.no_bonus_or_equity_text(shown_mix), icon=":material/info:")
    thin_note(hidden, "levels")
    show_sql(mix)
with right:
    st.header("Trend by year")
    by_year = run("total_comp_by_year", filters)
    shown_years, hidden = split_thin(by_year.frame, "year", min_cell_size())
    show_chart(charts.trend(shown_years), "trend")
    figure_caption("Median total comp of each year's records, with P25–P75.")
    thin_note(hidden, "years")
    show_sql(by_year)
