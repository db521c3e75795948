"""Cities: where the role is paid what, market pay next to the cost of living."""

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
from paybench.app.session import dataset_cities, dataset_cities_by_records
from paybench.app.sidebar import current_filters
from paybench.app.widgets import link_notes, link_values
from paybench.datasets import calibration
from paybench.domain import city_pay
from paybench.domain.stats import split_thin
from paybench.domain.vocabulary import REST_OF_US
from paybench.present import charts, link_check, tables
from paybench.present.charts import TOP_MARK
from paybench.present.formatting import count, money, shown
from paybench.present.page_keys import CITIES_COMPARE, CITIES_RANK_BY
from paybench.query.filters import Filters

start_page()

filters = current_filters()
page_header("Cities", filters)

available = dataset_cities()
if not available:
    st.info("**No city data in this dataset.** Its records carry no city, so there is nothing "
            "to rank or compare here. Import records with a city column to use this page.",
            icon=":material/location_off:")
    st.stop()

national_filters = filters.national()
role_and_level = filters.role_and_level()
prefetch(("pay_by_city", national_filters, {}), ("pay_by_city", role_and_level, {}))
national = run("headline_total_comp", national_filters)
if not enough_records(national_filters, int(national.row["n"]), national):
    st.stop()

by_city = run("pay_by_city", national_filters)
every_city = city_pay.city_pay(by_city.frame, national.row["median_total_comp"],
                               calibration.metros(), min_cell_size())
in_selection = city_pay.selected(every_city, filters.city, filters.metro)
thin = city_pay.held_back(by_city.frame, filters.city, filters.metro, min_cell_size())

# ---- ranking -------------------------------------------------------------------------------

st.header("Cities ranked by pay")
link_notes(link_check.check_choices("ranking", link_values(CITIES_RANK_BY),
                                    city_pay.RANK_MEASURES, most=1))
rank_by = st.segmented_control("Rank by", list(city_pay.RANK_MEASURES), default="Median",
                               key=CITIES_RANK_BY, bind="query-params", required=True)
rank_by = rank_by or "Median"  # an empty ?cities_rank_by= clears it despite required=True
if in_selection.empty and REST_OF_US in filters.metro:
    st.info(tables.rest_of_us_not_ranked_text(), icon=":material/location_off:")
if in_selection.empty:
    st.warning(f"No city in {shown(filters.describe(), limit=None)} has at least "
               f"{min_cell_size()} records.", icon=":material/visibility_off:")
    show_sql(by_city)
    show_sql(national)
    st.stop()

# The top-paying cities are the dataset's, for the role and level: a selection of three cities
# does not make all three top-paying.
same_cells = role_and_level == national_filters
whole_dataset = by_city if same_cells else run("pay_by_city", role_and_level)
top = city_pay.top_paying_of(whole_dataset.frame, rank_by)
ranking = city_pay.ranked(in_selection, rank_by)
measure = city_pay.RANK_MEASURES[rank_by]
st.markdown(f"**{TOP_MARK} Top-paying cities** of the whole dataset for "
            f"{shown(role_and_level.describe(), limit=None)}, by {rank_by.lower()} total comp: "
            + ", ".join(f"{place}. {shown(city)}" for place, city in enumerate(top, start=1)))
show_chart(charts.city_ranking(ranking, measure, rank_by, top), "city_ranking")
figure_caption(f"Bars: P25–P75 of total comp; line: the {rank_by.lower()}. {TOP_MARK} and red: "
               f"one "
               f"of the {len(top)} top-paying cities above, which are ranked over every city of the "
               "dataset for the role and level, whatever the other filters.")
thin_note(thin, "cities")
intervals = run("pay_by_city_intervals", national_filters,
                city_ranks=city_pay.interval_ranks(ranking))
st.dataframe(tables.city_ranking(city_pay.with_intervals(ranking, intervals.frame)),
             hide_index=True)
st.caption(tables.grade_note())
without_city = int(national.row["n"]) - int(by_city.frame["n"].sum())
st.caption(
    f"**Market pay** is a city's median total comp divided by the national median "
    f"({money(national.row['median_total_comp'])}, {count(int(national.row['n']))}: the whole "
    f"selection with the city and metro filters left out{tables.outside_cities_text(without_city)}"
    ") or by San Francisco's median, both from this data. **Cost of living** is the price "
    "level of the city's metro divided by San Francisco's (BEA regional price parities 2024, "
    "data/calibration/metro_factors.csv). "
    "They measure different things: a city can pay less than San Francisco and still cost "
    "nearly as much to live in.")
show_sql(by_city)
show_sql(intervals)
show_sql(national)
if not same_cells:
    show_sql(whole_dataset, key="sql_pay_by_city_whole_dataset")

# ---- on the map ------------------------------------------------------------------------------

st.header("On the map")
placed, unplaced = city_pay.on_map(ranking, calibration.city_coordinates())
if placed.empty:
    st.info("None of these cities has a map point.", icon=":material/location_off:")
else:
    show_chart(charts.city_map(placed, measure, rank_by, top), "city_map")
    figure_caption(f"The cities of the ranking above, with the same numbers: colour, the "
               f"{rank_by.lower()} total comp; circle area, the records (n); hover for n and "
               f"P25–P75. {TOP_MARK}: top-paying. Points: US Census Gazetteer places "
               "(San Francisco: the centre its Public Works surveyed), "
               "data/calibration/city_coordinates.csv."
               + (" No map point: " + ", ".join(shown(city) for city in unplaced) + "."
                  if unplaced else ""))

# ---- purchasing power ------------------------------------------------------------------------

st.header("Purchasing power")
affordable = city_pay.by_purchasing_power(ranking)
unknown = ranking.loc[ranking["cost_of_living_vs_sf"].isna(), "city"]
if affordable.empty:
    st.info("None of these cities has a cost-of-living figure.")
else:
    show_chart(charts.purchasing_power(affordable), "purchasing_power")
    figure_caption("Median pay divided by the city's cost of living against San Francisco: what "
                   "the pay buys at San Francisco prices. Highest first."
               + (" No cost-of-living figure: " + ", ".join(shown(c) for c in unknown) + "."
                  if len(unknown) else ""))

# ---- side by side ----------------------------------------------------------------------------

@st.fragment
def side_by_side(filters: Filters, national_filters: Filters, available: list[str]) -> None:
    """Two to four cities by level. A fragment: choosing other cities reruns only this part
    (its query and chart), not the ranking, the map and their queries above."""
    st.header("Cities side by side")
    automatic = city_pay.automatic_comparison(filters.city, available)
    link_notes(link_check.check_choices("city", link_values(CITIES_COMPARE), available,
                                        most=city_pay.COMPARE_AT_MOST))
    chosen = st.multiselect(
        "Cities to compare", available, key=CITIES_COMPARE, bind="query-params",
        max_selections=city_pay.COMPARE_AT_MOST, placeholder="Automatic: " + ", ".join(automatic),
        help="Two to four cities. Left empty, the sidebar's cities when it selects two to four, "
        "else " + ", ".join(city_pay.PREFERRED_COMPARISON))
    compared = chosen or automatic
    if len(compared) < 2:
        st.info("Choose two to four cities to compare.", icon=":material/compare_arrows:")
        return
    bands = run("percentiles_by_city_and_level", national_filters, cities_compare=compared)
    cells = bands.frame.assign(cell=bands.frame["city"] + " · " + bands.frame["level"])
    cells, hidden = split_thin(cells, "cell", min_cell_size())
    if cells.empty:
        st.info("None of these cities has enough records at any level.")
    else:
        colors = charts.compared_colors(compared, charts.city_colors(dataset_cities_by_records()))
        show_chart(charts.city_bands(cells, compared, colors), "city_bands")
        figure_caption("Boxes: P25, median and P75 of total comp; whiskers: P10 and P90. Each "
                       "city keeps its colour in every comparison. The table gives the median "
                       "and n of each city and level.")
        st.dataframe(tables.city_level_medians(cells, compared), hide_index=True)
    thin_note(hidden, "city and level")
    show_sql(bands)


side_by_side(filters, national_filters, available)
