"""Overview: what the selection pays, with n on every figure."""

import streamlit as st

from paybench.app import ui
from paybench.domain.stats import split_thin
from paybench.present import charts, tables
from paybench.present.formatting import count, money

ui.start_page()

BIN_WIDTH = 10_000

filters = ui.current_filters()
ui.page_header("Overview", filters)

headline = ui.run("headline_total_comp", filters).iloc[0]
n = int(headline["n"])
if not ui.enough_records(filters, n):
    st.stop()

mean_col, median_col, n_col = st.columns(3)
mean_col.metric("Mean total comp", money(headline["mean_total_comp"]), border=True,
                help="Base salary + bonus + equity per year, averaged over the selection")
median_col.metric("Median total comp", money(headline["median_total_comp"]), border=True)
n_col.metric("Records", f"{n:,}", border=True)
ui.show_sql("headline_total_comp", filters)

st.subheader("Percentiles")
percentiles = ui.run("pay_percentiles", filters)
st.table(tables.percentiles(percentiles).set_index("Measure"))
ui.show_sql("pay_percentiles", filters)

left, right = st.columns(2)
with left:
    st.subheader("Distribution of total comp")
    bins = ui.run("total_comp_distribution", filters, bin_width=BIN_WIDTH)
    st.plotly_chart(charts.distribution(bins, BIN_WIDTH), key="distribution")
    st.caption(f"{count(n)}; bins of {money(BIN_WIDTH)}")
    ui.show_sql("total_comp_distribution", filters, bin_width=BIN_WIDTH)
with right:
    st.subheader("Percentile bands by level")
    by_level, hidden = split_thin(ui.run("percentiles_by_level", filters), "level")
    st.plotly_chart(charts.percentile_bands(by_level, "level"), key="bands_by_level")
    ui.thin_note(hidden, "levels")
    ui.show_sql("percentiles_by_level", filters)

left, right = st.columns(2)
with left:
    st.subheader("Pay mix by level")
    mix, hidden = split_thin(ui.run("pay_mix_by_level", filters), "level")
    st.plotly_chart(charts.pay_mix(mix), key="pay_mix")
    ui.thin_note(hidden, "levels")
    ui.show_sql("pay_mix_by_level", filters)
with right:
    st.subheader("Trend by year")
    by_year, hidden = split_thin(ui.run("total_comp_by_year", filters), "year")
    st.plotly_chart(charts.trend(by_year), key="trend")
    ui.thin_note(hidden, "years")
    ui.show_sql("total_comp_by_year", filters)
