"""Remote: what on-site, hybrid and remote work pay by level, and a lab comparing four ways
to pay people who work remotely."""

from dataclasses import replace

import streamlit as st

from paybench.app import ui
from paybench.datasets import calibration
from paybench.domain import city_pay, policies
from paybench.domain.stats import (
    arrangement_comparison,
    bootstrap_or_formula,
    remote_share,
    split_thin,
)
from paybench.present import charts, link_check, link_tables, tables
from paybench.present.formatting import count, money, percent, shown
from paybench.query import catalog

ui.start_page()

PERCENTILE_RANGE = (5, 95)
DEFAULT_LEVEL = "Senior"
AUTOMATIC = "automatic"  # the level option that follows the sidebar: a link means the same anywhere

filters = ui.current_filters()
ui.page_header("Remote", filters)

# ---- work arrangements by level --------------------------------------------------------------

st.subheader("On-site, hybrid and remote by level")
compared = filters.without("work_arrangement")
groups = ui.run("total_comp_by_level_and_arrangement", compared)
if not ui.enough_records(compared, int(groups["n"].sum())):
    st.stop()
if filters.work_arrangement:
    st.caption("The work-arrangement filter is not applied in this section: it compares them.")

share, remote, total = remote_share(groups)
share_col, remote_col, all_col = st.columns(3)
share_col.metric("Remote share of records", percent(share, 1), border=True)
remote_col.metric("Remote records", f"{remote:,}", border=True)
all_col.metric("Records", f"{total:,}", border=True)

interval = bootstrap_or_formula(total)
records = ui.run("total_comp_records", compared) if interval == "bootstrap" else None
comparison = arrangement_comparison(groups, records)
comparison = comparison.assign(group=comparison["level"] + " " + comparison["work_arrangement"])
comparison, hidden = split_thin(comparison, "group")
st.plotly_chart(charts.arrangement_gaps(comparison), key="arrangement_gaps")
st.markdown("**Remote against on-site**, median total comp by level:\n"
            + "\n".join(f"- {line}" for line in tables.gap_sentences(comparison)))
st.caption("Gap: the arrangement's median total comp against on-site's at the same level. "
           + tables.interval_method(interval) + " When it includes 0, the gap could be noise.")
st.dataframe(tables.arrangement_gaps(comparison), hide_index=True)
ui.thin_note(hidden, "groups")
ui.show_sql("total_comp_by_level_and_arrangement", compared)
if records is not None:
    ui.show_sql("total_comp_records", compared)

# ---- the pay-policy lab ----------------------------------------------------------------------

st.header("Pay-policy lab")
st.markdown(
    "What would a remote hire be paid in each city under four policies? Every policy starts "
    "from the **national rate**: the chosen percentile of total comp for the role and level "
    "across every city of the selection.\n"
    "- **Location-based**: the national rate × the city's market pay factor (its median ÷ the "
    "national median, from this data).\n"
    "- **One national rate**: the same pay wherever the person lives.\n"
    "- **Tiered zones**: cities join tiers by market pay factor; the top tier pays its cities' "
    "market rate (weighted by records), the others a percentage of that.\n"
    "- **Cost of living**: the national rate × the city's cost-of-living factor, rebased so the "
    "records-weighted average city gets the national rate.")

available = ui.dataset_cities()
if not available:
    st.info("**The pay-policy lab needs cities: no city data in this dataset.**",
            icon=":material/location_off:")
    st.stop()

levels = ui.filter_options(ui.active_dataset()).get("level", [])
automatic_level = filters.single_level() or (
    DEFAULT_LEVEL if DEFAULT_LEVEL in levels else levels[0])
ui.link_notes(link_check.check_choices("level", ui.link_values("remote_policy_level"),
                                     [AUTOMATIC, *levels], most=1)
              + link_check.check_whole_number("percentile", ui.link_values("remote_policy_percentile"),
                                            *PERCENTILE_RANGE))


def level_label(option: str) -> str:
    if option != AUTOMATIC:
        return option
    return f"{automatic_level} ({'as in the sidebar' if filters.single_level() else 'default'})"


level_col, percentile_col = st.columns(2)
choice = level_col.selectbox(
    "Level", [AUTOMATIC, *levels], format_func=level_label, key="remote_policy_level",
    bind="query-params", help=f"Follows the sidebar when it selects one level, else {DEFAULT_LEVEL}")
level = automatic_level if choice == AUTOMATIC else choice
percentile = percentile_col.slider("National rate at percentile", *PERCENTILE_RANGE, 50, step=5,
                                   key="remote_policy_percentile", bind="query-params",
                                   help="The percentile of total comp every policy starts from")

lab_filters = replace(filters.national(), level=(level,))
national = ui.run("headline_total_comp", lab_filters).iloc[0]
if national["n"] < catalog.MIN_CELL_SIZE:
    st.warning(f"{count(int(national['n']))} for {shown(lab_filters.describe(), limit=None)}: the "
               f"lab needs at least {catalog.MIN_CELL_SIZE}. Choose another level or broaden the "
               "filters.", icon=":material/visibility_off:")
    st.stop()
rate = ui.run("total_comp_at_percentile", lab_filters, remote_policy_percentile=percentile)
national_rate = float(rate["total_comp"].iloc[0])
by_city = ui.run("pay_by_city", lab_filters)
market_table = city_pay.city_pay(by_city, national["median_total_comp"], calibration.metros())
markets = city_pay.markets(market_table)
thin_cities = city_pay.held_back(by_city, (), ())
if not markets:
    st.info(f"No city has at least {catalog.MIN_CELL_SIZE} records for "
            f"{shown(lab_filters.describe(), limit=None)}. Choose another level or broaden the "
            "filters.", icon=":material/visibility_off:")
    st.stop()

tiers_text = ui.url_text("remote_tiers", link_tables.DEFAULT_TIERS_TEXT)
tiers, tier_notes = link_tables.tiers(tiers_text)
overrides, override_notes = link_tables.tier_overrides(
    ui.url_text("remote_tier_overrides", ""), available, len(tiers))
ui.link_notes(tier_notes + override_notes)
rates = policies.city_rates(markets, national_rate, tiers, overrides)
top_rate = policies.top_tier_rate(national_rate, markets,
                                  policies.tier_assignments(markets, tiers, overrides))
col_base = policies.cost_of_living_base(markets)

rate_col, top_col, col_col = st.columns(3)
rate_col.metric(f"National rate (P{percentile})", money(national_rate), border=True,
                help=f"{shown(lab_filters.describe(), limit=None)}, {count(int(rate['n'].iloc[0]))}")
top_col.metric("Top-tier rate", money(top_rate), border=True,
               help="The national rate × the records-weighted market pay factor of the top tier")
col_col.metric("Average cost of living vs San Francisco", "–" if col_base is None else
               f"{col_base:.2f}×", border=True,
               help="Records-weighted over the cities shown; the cost-of-living policy divides "
               "each city's factor by it")
if top_rate is None:
    st.warning("No city is in the top tier, so the tiered policy pays nothing here: lower the "
               "top tier's lowest market pay factor or move a city into it.")

st.subheader("Tiers")
tier_col, explanation_col = st.columns(2)
with tier_col:
    ui.linked_editor(
        "remote_tiers", link_tables.tier_rows(tiers_text), link_tables.text_from_rows,
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
st.plotly_chart(charts.policy_rates(policies.as_frame(rates)), key="policy_rates")
ui.linked_editor(
    "remote_tier_overrides", tables.policy_rates(policies.as_frame(rates), market_table),
    tables.tier_overrides_text, "", disabled=["city", "n", "market_factor", "automatic_tier",
                                              *policies.POLICIES],
    column_config={
        "city": "City", "n": "n", "market_factor": "Market pay vs national",
        "automatic_tier": st.column_config.NumberColumn("Tier by factor"),
        "tier": st.column_config.SelectboxColumn("Tier", options=list(range(1, len(tiers) + 1)),
                                                 required=True, help="Edit to move a city"),
        **{policy: label for policy, label in policies.LABELS.items()},
    })
st.caption(f"Cost of living: national rate × (city factor vs San Francisco ÷ "
           f"{'–' if col_base is None else f'{col_base:.2f}'}, the records-weighted mean of "
           "the cities shown).")
ui.thin_note(thin_cities, "cities")
ui.show_sql("total_comp_at_percentile", lab_filters, remote_policy_percentile=percentile)

# ---- a planned team --------------------------------------------------------------------------

st.subheader("A planned team")
team_text = ui.url_text("remote_team", link_tables.DEFAULT_TEAM_TEXT)
team, team_notes = link_tables.team(team_text, available)
ui.link_notes(team_notes)
team_col, payroll_col = st.columns([1, 2])
with team_col:
    ui.linked_editor(
        "remote_team", link_tables.team_rows(team_text), link_tables.text_from_rows,
        link_tables.DEFAULT_TEAM_TEXT, num_rows="dynamic", column_config={
            "city": st.column_config.SelectboxColumn("City", options=available, required=True),
            "head_count": st.column_config.NumberColumn("Head count", min_value=1,
                                                        max_value=link_tables.MAX_HEAD_COUNT,
                                                        step=1, required=True),
        })
payroll = policies.team_payroll(rates, team)
with payroll_col:
    if not payroll.totals:
        st.info("Add people in cities with enough records to see what the team costs.")
    else:
        st.dataframe(tables.payroll(payroll), hide_index=True)
        st.caption(f"Yearly total comp of {payroll.head_count:,} people at the level chosen above."
                   + (" Left out of every total (too few records at this level, or no "
                      "cost-of-living figure): " + ", ".join(shown(c) for c in payroll.left_out)
                      + "." if payroll.left_out else ""))
