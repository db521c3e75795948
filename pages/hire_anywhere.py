"""Hire anywhere: for a role and level, what the market pays in each country, what the
employer pays on top, and how many working hours each country shares with the team."""

from datetime import date

import streamlit as st

from paybench.app.page import min_cell_size, show_chart, start_page
from paybench.app.query_display import probe, run, show_sql
from paybench.app.session import active_dataset, datasets, filter_options, is_calibrated_sample
from paybench.app.sidebar import current_filters, switch_dataset
from paybench.app.widgets import link_notes, link_values
from paybench.datasets import calibration
from paybench.domain import country_costs, overlap
from paybench.domain.country_costs import CostSettings, CountryFacts
from paybench.domain.vocabulary import MIN_CELL_SIZE
from paybench.present import hire_anywhere as words
from paybench.present import link_check
from paybench.present.formatting import money, shown
from paybench.present.page_keys import (
    HIRE_DATE,
    HIRE_EOR_FEE,
    HIRE_MIN_OVERLAP,
    HIRE_MIN_RECORDS,
    HIRE_RANK_BY,
    HIRE_TEAM_ZONE,
    HIRE_UNSOURCED,
    HIRE_US_ARRANGEMENT,
    HIRE_US_CITY,
)
from paybench.query import catalog, country_cells
from paybench.query.country_cells import US, US_HIRE, Cell

start_page()

DEFAULT_CITY = "San Francisco"
ARRANGEMENTS = ("Onsite", "Remote")
AUTOMATIC = "automatic"  # the team's zone follows the US hire's city
EOR_FEE_RANGE = (0.0, 10_000.0)
OVERLAP_RANGE = (0.0, 8.0)
DEFAULT_MIN_OVERLAP = 3.0
RECORDS_RANGE = (float(MIN_CELL_SIZE), 1_000.0)
DATE_RANGE = (date(2020, 1, 1), date(2035, 12, 31))
CHECKBOX_VALUES = ("true", "false")

filters = current_filters()
dataset = active_dataset()
st.title("Hire anywhere")
st.caption(f"{shown(filters.role or 'All roles')} · {shown(', '.join(filters.level) or 'all levels')}"
           " · every country in the data. The sidebar's country, metro and city filters are not "
           "applied: this page compares countries. Its other filters are.")

# ---- a dataset without countries -------------------------------------------------------------

countries_in_data = filter_options(dataset).get("country", [])
if len(countries_in_data) < 2:
    st.info("**This page needs a dataset with countries.** "
            + words.needs_countries_text(len(countries_in_data), is_calibrated_sample(dataset)),
            icon=":material/public_off:")
    for other in datasets().datasets:
        if len(filter_options(other).get("country", [])) >= 2:
            title = other.provenance.title if other.provenance else other.name
            st.button(f"Switch to {title}, records from "
                      f"{len(filter_options(other)['country'])} countries",
                      key=f"switch_to_{other.name}", on_click=switch_dataset, args=(other.name,),
                      icon=":material/swap_horiz:")
    by_country = run("records_by_country", filters.without("country"))
    st.dataframe(words.records_by_country(by_country.frame), hide_index=True)
    st.caption(f"Records of {shown(filters.without('country').describe(), limit=None)} by "
               "country in this dataset.")
    show_sql(by_country)
    st.stop()

# ---- inputs ----------------------------------------------------------------------------------

cities = sorted(calibration.us_city_time_zones())
zones = sorted(overlap.known_time_zones())
fee = calibration.eor_fee()
link_notes(
    link_check.check_choices("US city", link_values(HIRE_US_CITY), cities, most=1)
    + link_check.check_choices("work arrangement", link_values(HIRE_US_ARRANGEMENT),
                               ARRANGEMENTS, most=1)
    + link_check.check_choices("team time zone", link_values(HIRE_TEAM_ZONE),
                               [AUTOMATIC, *zones], most=1)
    + link_check.check_choices("ranking", link_values(HIRE_RANK_BY),
                               list(country_costs.RANKINGS), most=1)
    + link_check.check_choices("the unsourced-rates choice", link_values(HIRE_UNSOURCED),
                               CHECKBOX_VALUES, most=1)
    + link_check.check_date("date", link_values(HIRE_DATE), *DATE_RANGE)
    + link_check.check_page_inputs(
        {key: link_values(key) for key in (HIRE_EOR_FEE, HIRE_MIN_OVERLAP, HIRE_MIN_RECORDS)},
        {HIRE_EOR_FEE: link_check.InputSpec("Employer-of-record fee", bounds=EOR_FEE_RANGE),
         HIRE_MIN_OVERLAP: link_check.InputSpec("Minimum overlap", bounds=OVERLAP_RANGE),
         HIRE_MIN_RECORDS: link_check.InputSpec("Fewest records", bounds=RECORDS_RANGE)}))
link_date_usable = link_values(HIRE_DATE) and not link_check.check_date(
    "date", link_values(HIRE_DATE), *DATE_RANGE)
if st.session_state.get(HIRE_DATE) is None and not link_date_usable:
    # Today, written into the link: a link opened another day keeps the sender's date.
    st.session_state[HIRE_DATE] = date.today()
    st.query_params[HIRE_DATE] = date.today().isoformat()

with st.container(border=True):
    st.markdown("**The US hire to compare with, and the cost of hiring elsewhere**")
    city_col, arrangement_col, fee_col = st.columns(3)
    city = city_col.selectbox("US hire's city", cities, index=cities.index(DEFAULT_CITY),
                              key=HIRE_US_CITY, bind="query-params",
                              help="On-site: the worksite; remote: where the person lives. "
                                   "Also the team's time zone unless you set one.")
    arrangement = arrangement_col.segmented_control(
        "US hire's arrangement", ARRANGEMENTS, default="Onsite", key=HIRE_US_ARRANGEMENT,
        bind="query-params", required=True) or "Onsite"
    eor_fee = fee_col.number_input("EOR fee (USD per employee per month)", *EOR_FEE_RANGE,
                                   value=fee.per_month, step=1.0, format="%.0f",
                                   key=HIRE_EOR_FEE, bind="query-params",
                                   help=words.eor_fee_help(fee))
    st.markdown("**The team**")
    zone_col, date_col, minimum_col = st.columns(3)
    city_zone = calibration.us_city_time_zones()[city]
    zone_choice = zone_col.selectbox(
        "Team's time zone", [AUTOMATIC, *zones], key=HIRE_TEAM_ZONE, bind="query-params",
        # a fixed label: an option's label that changed with the city stayed stale on screen
        format_func=lambda z: "Same as the US hire's city" if z == AUTOMATIC else z,
        help="Working hours are 9:00 to 17:00 in each place")
    team_zone = city_zone if zone_choice == AUTOMATIC else zone_choice
    if zone_choice == AUTOMATIC:
        zone_col.caption(f"The team works in {shown(team_zone)}.")
    on = date_col.date_input("Date (for daylight saving)", value=None, min_value=DATE_RANGE[0],
                             max_value=DATE_RANGE[1], key=HIRE_DATE, bind="query-params",
                             help="Clocks change on different dates in different countries, "
                                  "so the overlap can differ by an hour around them"
                             ) or date.today()
    min_overlap = minimum_col.number_input(
        "Minimum overlap (hours)", *OVERLAP_RANGE, value=DEFAULT_MIN_OVERLAP, step=0.5, format="%.1f",
        key=HIRE_MIN_OVERLAP, bind="query-params",
        help="Countries sharing fewer working hours with the team are flagged")
    st.markdown("**The table**")
    records_col, unsourced_col, rank_col = st.columns(3)
    # a float input: Streamlit's whole-number input fails on a link value such as 1e400
    min_records = round(records_col.number_input(
        "Fewest records per country", *RECORDS_RANGE, value=float(MIN_CELL_SIZE), step=1.0,
        format="%.0f", key=HIRE_MIN_RECORDS, bind="query-params",
        help=f"A country's cell with fewer is pooled; never fewer than {MIN_CELL_SIZE}"))
    include_unsourced = unsourced_col.checkbox(
        "Count contribution rates without a source", key=HIRE_UNSOURCED, bind="query-params",
        help="7 rates in the file have no source found; left out unless you count them as "
             "assumptions")
    rank_by = rank_col.segmented_control(
        "Rank by", list(country_costs.RANKINGS), default="Yearly cost", key=HIRE_RANK_BY,
        bind="query-params", required=True) or "Yearly cost"

# ---- the cells and their pay -----------------------------------------------------------------

shared = country_cells.probe_filters(filters)
counts = probe("country_cell_counts", shared)
us_hire_asked = Cell(US_HIRE, US, (filters.role,) if filters.role else (), filters.level,
                     (arrangement,), (city,))
chosen = country_cells.choose_cells(counts, filters.role, filters.level,
                                    filters.work_arrangement, us_hire_asked, min_records)
least = max(min_records, min_cell_size())
if not chosen.cells:
    st.warning(f"No country has {least} records for this selection, even pooled: nothing to "
               "show. Broaden the sidebar's filters or lower the fewest records.",
               icon=":material/visibility_off:")
    thin = run("records_by_country", filters.without("country"))
    st.dataframe(words.records_by_country(thin.frame), hide_index=True)
    show_sql(thin)
    st.stop()

pay = run("pay_by_country", shared, **country_cells.cell_parameters(chosen.cells))
facts = CountryFacts(
    contributions=calibration.employer_contributions(),
    currencies=calibration.country_currencies(),
    usd_per_unit={code: rate.usd_per_unit for code, rate in calibration.latest_fx_rates().items()},
    time_zones=calibration.country_time_zones())
settings = CostSettings(eor_fee_per_month=eor_fee, include_unsourced=include_unsourced,
                        team_zone=team_zone, on=on, min_overlap=min_overlap)
costs = country_costs.country_costs(country_cells.pay_table(pay.frame, chosen.cells), facts,
                                    settings, zones={US_HIRE: city_zone}, us_hire_key=US_HIRE)
by_country = country_costs.ranked(costs[costs["key"] != US_HIRE], rank_by)
us_rows = costs[costs["key"] == US_HIRE].to_dict("records")
us_row = us_rows[0] if us_rows else None
us_label = words.us_hire_text(arrangement, city, chosen.us_hire)
names = dict(zip(calibration.countries()["iso2"], calibration.countries()["name"], strict=True))
family = catalog.role_family(filters.role)

# ---- where to hire ---------------------------------------------------------------------------

st.header("What a hire costs, country by country")
hire_col, fee_note_col = st.columns([2, 1])
hire_col.metric(f"US hire, {us_label}", money(us_row["total_cost"]) if us_row else "–",
                border=True, help="Yearly cost: median pay + employer contributions, no EOR fee")
fee_note_col.metric("EOR fee per year", money(eor_fee * 12), border=True,
                    help=f"{money(eor_fee)} a month × 12, outside the US")
st.caption(words.us_hire_caption(us_row, chosen.us_hire, us_label))
st.dataframe(words.ranked_table(by_country, names, include_unsourced), hide_index=True)
st.caption(
    f"Ranked by {rank_by.lower()}. Yearly cost = the median pay of the country's cell + the "
    "employer's statutory contributions on that pay (data/calibration/employer_contributions"
    ".csv, with its floors, caps and thresholds, converted at the exchange rate below) + the "
    "EOR fee outside the US. Pay is every year of the selection as reported, in US dollars. "
    "Overlap: hours of the team's 9-to-5 on "
    f"{on.isoformat()} ({shown(team_zone)}) inside the country's 9-to-5 in its main time zone, "
    "daylight saving included. " + words.pooling_sentence(family[0] if family else None, least))
if chosen.left_out:
    st.caption(words.left_out_sentence(chosen.left_out, names, least))
show_chart(words.cost_against_overlap(by_country, names, us_row["total_cost"]
                                      if us_row else None, min_overlap, us_label),
           "cost_against_overlap")
show_sql(pay)

# ---- market pay ------------------------------------------------------------------------------

st.header("Market pay by country")
rates = calibration.latest_fx_rates()
st.dataframe(words.market_table(by_country, names, rates), hide_index=True)
st.caption(
    "Median and quartiles of total comp per year. The 95% interval of the median is "
    "distribution-free (order statistics: it holds the true median with at least 95% "
    "probability, whatever the distribution); a cell too small for one says so. Confidence: "
    "high from 100 records, medium from 30, low from 5. Local currency: the US dollar figure "
    "at the latest yearly rate in data/calibration/fx_rates.csv, itself implied by the "
    "aijobs.net file (its 2025 rates come from January 2025 postings only).")

# ---- the map ---------------------------------------------------------------------------------

st.header("On the map")
iso3 = dict(zip(calibration.countries()["iso2"], calibration.countries()["iso3"], strict=True))
show_chart(words.world_map(by_country, iso3, names), "cost_map")
st.caption("Countries shaded by the yearly cost above; grey: no cost figure. The base map (Natural "
           "Earth, public domain) is served by this app.")

# ---- contributions ---------------------------------------------------------------------------

st.header("Employer contributions behind the costs")
contribution_file = calibration.employer_contribution_rows()
median_local = dict(zip(by_country["country"], by_country["median_local"], strict=True))
st.dataframe(words.contribution_rows(contribution_file, by_country["country"].tolist(),
                                     facts.contributions, median_local, include_unsourced,
                                     names),
             hide_index=True, column_config={"Link": st.column_config.LinkColumn("Link")})
st.caption(
    f"{len(contribution_file)} rows for {contribution_file['country_code'].nunique()} countries, "
    f"checked {contribution_file['date_checked'].max()}: "
    f"{(contribution_file['unsettled'] == 'yes').sum()} leave a point unsettled and "
    f"{(contribution_file['sourced'] == 'no').sum()} have no source found (not counted unless "
    "you ask). Simplified to what a yearly estimate needs: national rates, the employer types "
    "the notes assume, pay treated as the salary levied on. Not tax advice.")
