"""Remote: what on-site, hybrid and remote work pay by level, and a lab comparing four ways
to pay people who work remotely."""

from dataclasses import replace
from functools import partial

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
from paybench.app.query_display import run, show_sql
from paybench.app.session import dataset_cities, dataset_levels
from paybench.app.sidebar import current_filters
from paybench.app.widgets import link_notes, link_values, linked_editor, url_text
from paybench.datasets import calibration
from paybench.domain import city_pay, policies
from paybench.domain.stats import (
    arrangement_comparison,
    bootstrap_or_formula,
    remote_share,
    split_thin,
)
from paybench.present import charts, link_check, link_tables, tables
from paybench.present.formatting import count, factor, money, percent, shown
from paybench.present.page_keys import (
    REMOTE_POLICY_LEVEL,
    REMOTE_POLICY_PERCENTILE,
    REMOTE_TEAM,
    REMOTE_TIER_OVERRIDES,
    REMOTE_TIERS,
)

start_page()

PERCENTILE_RANGE = (5, 95)
DEFAULT_LEVEL = "Senior"
AUTOMATIC = "automatic"  # the level option that follows the sidebar: a link means the same anywhere

filters = current_filters()
page_header("Remote", filters)

# ---- work arrangements by level --------------------------------------------------------------

st.header("On-site, hybrid and remote by level")
compared = filters.without("work_arrangement")
groups = run("total_comp_by_level_and_arrangement", compared)
if not enough_records(compared, int(groups.frame["n"].sum()), groups):
    st.stop()
if filters.work_arrangement:
    st.caption("The work-arrangement filter is not applied in this section: it compares them.")

share, remote, total = remote_share(groups.frame)
share_col, remote_col, all_col = st.columns(3)
share_col.metric("Remote share of records", percent(share, 1), border=True)
remote_col.metric("Remote records", f"{remote:,}", border=True)
all_col.metric("Records", f"{total:,}", border=True)

interval = bootstrap_or_formula(total)
records = run("total_comp_records", compared) if interval == "bootstrap" else None
comparison = arrangement_comparison(groups.frame, None if records is None else records.frame,
                                    min_cell_size())
comparison = comparison.assign(group=comparison["level"] + " " + comparison["work_arrangement"])
comparison, hidden = split_thin(comparison, "group", min_cell_size())
show_chart(charts.arrangement_gaps(comparison), "arrangement_gaps")
st.markdown("**Remote against on-site**, median total comp by level:\n"
            + "\n".join(f"- {line}" for line in tables.gap_sentences(comparison)))
figure_caption("Gap: the arrangement's median total comp against on-site's at the same level. "
               + tables.interval_method(interval) + " When it includes 0, the gap could be noise.")
st.dataframe(tables.arrangement_gaps(comparison), hide_index=True)
thin_note(hidden, "groups")
show_sql(groups)
if records is not None:
    show_sql(records)

# ---- the pay-policy lab ----------------------------------------------------------------------

st.header("Pay-policy lab")
st.markdown(
    "What would a remote hire be paid in each city under four policies? Every policy starts "
    "from the **national rate**: the chosen percentile of total comp for the role and level "
    "across the whole selection: every city, and the records with no city (in the calibrated "
    "sample, the rest of the US); the sidebar's city and metro filters choose the cities shown, "
    "not the rate.\n"
    "- **Location-based**: the national rate × the city's market pay factor (its median ÷ the "
    "national median, from this data).\n"
    "- **One national rate**: the same pay wherever the person lives.\n"
    "- **Tiered zones**: cities join tiers by market pay factor; the top tier pays its cities' "
    "market rate (weighted by records), the others a percentage of that.\n"
    "- **Cost of living**: the national rate × the city's cost-of-living factor, rebased so the "
    "records-weighted average city gets the national rate.")

available = dataset_cities()
if not available:
    st.info("**The pay-policy lab needs cities: no city data in this dataset.**",
            icon=":material/location_off:")
    st.stop()

levels = dataset_levels()
default_level = DEFAULT_LEVEL if DEFAULT_LEVEL in levels else next(iter(levels), None)
automatic_level = filters.single_level() or default_level
link_notes(link_check.check_choices("level", link_values(REMOTE_POLICY_LEVEL),
                                    [AUTOMATIC, *levels], most=1)
           + link_check.check_whole_number("percentile", link_values(REMOTE_POLICY_PERCENTILE),
                                           *PERCENTILE_RANGE))


def level_label(option: str) -> str:
    if option != AUTOMATIC:
        return option
    if automatic_level is None:
        return "every level (no levels in this dataset)"
    return f"{automatic_level} ({'as in the sidebar' if filters.single_level() else 'default'})"


level_col, percentile_col = st.columns(2)
choice = level_col.selectbox(
    "Level", [AUTOMATIC, *levels], format_func=level_label, key=REMOTE_POLICY_LEVEL,
    bind="query-params", help=f"Follows the sidebar when it selects one level, else {DEFAULT_LEVEL}")
level = automatic_level if choice == AUTOMATIC else choice
percentile = percentile_col.slider("National rate at percentile", *PERCENTILE_RANGE, 50, step=5,
                                   key=REMOTE_POLICY_PERCENTILE, bind="query-params",
                                   help="The percentile of total comp every policy starts from")

lab_filters = replace(filters.national(), level=(level,) if level else ())
national = run("headline_total_comp", lab_filters)
if not enough_records(lab_filters, int(national.row["n"]), national, offer_broader=False):
    st.caption("The lab uses the level chosen above: choose another, or broaden the filters.")
    st.stop()
rate = run("total_comp_at_percentile", lab_filters, remote_policy_percentile=percentile)
by_city = run("pay_by_city", lab_filters)
market_table = city_pay.city_pay(by_city.frame, national.row["median_total_comp"],
                                 calibration.metros(), min_cell_size())
thin_cities = city_pay.held_back(by_city.frame, filters.city, filters.metro, min_cell_size())
if market_table.empty:
    st.info(f"No city has at least {min_cell_size()} records for "
            f"{shown(lab_filters.describe(), limit=None)}. Choose another level or broaden the "
            "filters.", icon=":material/visibility_off:")
    for result in (national, rate, by_city):
        show_sql(result)
    st.stop()

tiers_text = url_text(REMOTE_TIERS, link_tables.DEFAULT_TIERS_TEXT)
tiers, tier_notes = link_tables.tiers(tiers_text)
overrides, override_notes = link_tables.tier_overrides(
    url_text(REMOTE_TIER_OVERRIDES, ""), available, len(tiers))
team_text = url_text(REMOTE_TEAM, link_tables.DEFAULT_TEAM_TEXT)
team, team_notes = link_tables.team(team_text, available)
link_notes(tier_notes + override_notes)
# Policies are company-wide: computed over every city, so a city's pay does not depend on which
# cities the sidebar shows; the sidebar's cities choose the rows shown.
lab = policies.policy_lab(city_pay.markets(market_table), float(rate.row["total_comp"]), tiers,
                          overrides, team)
shown_markets = city_pay.selected(market_table, filters.city, filters.metro)
st.markdown(
    (f"**Cities shown: the sidebar's** ({', '.join(shown(city) for city in filters.city)})."
     if filters.city else
     f"**Cities shown: the sidebar's metro areas** ({shown(', '.join(filters.metro))})."
     if filters.metro else
     f"**Cities shown: every city** with at least {min_cell_size()} records at this level "
     f"({len(market_table)}): choose cities in the sidebar to see only those.")
    + " The national rate, the top tier's rate and the average cost of living are computed "
    "over every city, so what a city is paid does not change with the cities shown.")

rate_col, top_col, col_col = st.columns(3)
rate_col.metric(f"National rate (P{percentile})", money(lab.national_rate), border=True,
                help=f"{shown(lab_filters.describe(), limit=None)}, {count(int(rate.row['n']))}")
top_col.metric("Top-tier rate", money(lab.top_tier_rate), border=True,
               help="The national rate × the records-weighted market pay factor of the top tier")
col_col.metric("Average cost of living vs San Francisco", factor(lab.cost_of_living_base),
               border=True,
               help="Records-weighted over every city with a figure; the cost-of-living policy "
               "divides each city's factor by it")
if lab.top_tier_rate is None:
    st.warning("No city is in the top tier, so the tiered policy pays nothing here: lower the "
               "top tier's lowest market pay factor or move a city into it.")
show_sql(national)
show_sql(rate)

st.subheader("Tiers")
tier_col, explanation_col = st.columns(2)
with tier_col:
    linked_editor(
        REMOTE_TIERS, link_tables.tier_rows(tiers_text), link_tables.text_from_rows,
        link_tables.DEFAULT_TIERS_TEXT, num_rows="dynamic", column_config={
            "percent": st.column_config.NumberColumn("% of the top tier", min_value=1,
                                                     max_value=200, step=1, format="%g%%"),
            "min_factor": st.column_config.NumberColumn(
                "Lowest market pay factor", min_value=0.01, max_value=10, step=0.01,
                format="%.2f×"),
        })
explanation_col.markdown(
    "Top tier first. A city joins the first tier whose **lowest market pay factor** (its "
    "median ÷ the national median) it reaches; the last tier takes every other city, so its "
    "factor is not used. The top tier pays the market rate of its cities, averaged with "
    "records as weights; each other tier pays its percentage of that. Move a single city with "
    "the Tier column below.")

st.subheader("What each policy pays, by city")
rates_frame = policies.as_frame(lab.rates_in(shown_markets["city"]))
if rates_frame.empty:
    st.info(f"None of the sidebar's cities has at least {min_cell_size()} records at this level.",
            icon=":material/visibility_off:")
else:
    show_chart(charts.policy_rates(rates_frame), "policy_rates")
    linked_editor(
        REMOTE_TIER_OVERRIDES, tables.policy_rates(rates_frame, shown_markets),
        partial(link_tables.tier_overrides_text, kept=link_tables.not_in(
            overrides, rates_frame["city"])), "",
        disabled=["city", "n", "market_factor", "automatic_tier", *policies.POLICIES],
        column_config={
            "city": "City", "n": "n", "market_factor": "Market pay vs national",
            "automatic_tier": st.column_config.NumberColumn("Tier by factor"),
            "tier": st.column_config.SelectboxColumn(
                "Tier", options=list(range(1, len(tiers) + 1)), required=True,
                help="Edit to move a city"),
            **{policy: label for policy, label in policies.LABELS.items()},
        })
    figure_caption(f"Cost of living: national rate × (city factor vs San Francisco ÷ "
                       f"{factor(lab.cost_of_living_base).removesuffix('×')}, the records-weighted mean "
                       "of every city with a figure).")
thin_note(thin_cities, "cities")
show_sql(by_city)

# ---- a planned team --------------------------------------------------------------------------

st.subheader("A planned team")
link_notes(team_notes)
team_col, payroll_col = st.columns([1, 2])
with team_col:
    linked_editor(
        REMOTE_TEAM, link_tables.team_rows(team_text), link_tables.text_from_rows,
        link_tables.DEFAULT_TEAM_TEXT, num_rows="dynamic", column_config={
            "city": st.column_config.SelectboxColumn("City", options=available, required=True),
            "head_count": st.column_config.NumberColumn("Head count", min_value=1,
                                                        max_value=link_tables.MAX_HEAD_COUNT,
                                                        step=1, required=True),
        })
payroll = lab.payroll
with payroll_col:
    if not payroll.totals:
        st.info("Add people in cities with enough records to see what the team costs.")
    else:
        st.dataframe(tables.payroll(payroll), hide_index=True)
        st.caption(f"Yearly total comp of {payroll.head_count:,} people at the level chosen above."
                   + (" Left out of every total (too few records at this level, or no "
                      "cost-of-living figure): " + ", ".join(shown(c) for c in payroll.left_out)
                      + "." if payroll.left_out else ""))
