"""Pay ranges: a salary structure from the market (min, midpoint and max per level), the range
to put in a job posting, and the pay-transparency laws that reach the posting."""

from dataclasses import replace
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from paybench.app import auth, ranges_form
from paybench.app.page import min_cell_size, show_chart, start_page
from paybench.app.query_display import count_by_level, run, show_sql
from paybench.app.session import active_dataset, current_aging, filter_options
from paybench.app.sidebar import current_filters
from paybench.app.widgets import url_text
from paybench.datasets import calibration
from paybench.domain import city_pay, pay_laws, ranges
from paybench.domain.access import Right
from paybench.domain.ranges import LevelMarket, Structure
from paybench.present import charts, link_tables, page_keys, ranges_link, ranges_summary, tables
from paybench.present.aging_text import amounts_phrase
from paybench.present.export_stamp import ExportStamp, stamp
from paybench.present.formatting import count, percent, shown
from paybench.present.ranges_link import Location, RangesInputs
from paybench.query.filters import Filters
from paybench.query.market_cell import StructureCell, choose_structure_cell, structure_filters
from paybench.query.runner import QueryResult

start_page()

AMOUNTS = amounts_phrase(current_aging())  # how the market figures are aged, in words


def market_of(location: Location, base: Filters, tiers) -> tuple[Filters | None, str,
                                                                 list[QueryResult]]:
    """The structure's market for a location: its filters (None when a zone has no city), its
    description, and the queries that found it (shown with it)."""
    if location.kind == "national":
        return replace(base, city=(), metro=()), "national market", []
    if location.kind == "city":
        metro = run("metro_of_city", city=[location.value])
        metros = () if metro.frame.empty else (str(metro.row["metro"]),)
        return replace(base, city=(location.value,), metro=metros), location.value, [metro]
    if location.kind == "metro":
        return replace(base, city=(), metro=(location.value,)), location.value, []
    if location.kind == "zone":
        national = replace(base, city=(), metro=())
        median = run("headline_total_comp", national)
        by_city = run("pay_by_city", national)
        table = city_pay.city_pay(by_city.frame, median.row["median_total_comp"],
                                  calibration.metros())
        cities = ranges.zone_cities(city_pay.markets(table), tiers, location.zone)
        description = f"zone {location.zone} ({', '.join(cities) or 'no city'})"
        return (replace(base, city=tuple(cities), metro=()) if cities else None), description, \
            [median, by_city]
    return base, "the sidebar's selection", []


def show_structure(structure: Structure, cell: StructureCell, market: str, band: QueryResult,
                   provenance: ExportStamp) -> None:
    st.caption(shown(ranges_summary.structure_caption(cell.filters.describe(), cell,
                                                      structure.midpoint_percentile,
                                                      AMOUNTS), limit=None))
    if cell.broadened:
        st.info(shown(ranges_summary.cell_fallback_text(cell, cell.exact.describe()),
                      limit=None), icon=":material/zoom_out_map:")
    title = ("Base salary range per level against the market's P25–P75 and median"
             f"<br><sup>{cell.filters.describe()}</sup>")
    show_chart(charts.structure_ranges(structure, title), "structure_ranges")
    rows = ranges_summary.structure_rows(structure)
    st.dataframe(tables.structure(rows), hide_index=True)
    thin = ranges_summary.thin_levels_text(structure)
    if thin:
        st.caption(shown(thin, limit=None))
    inverted = ranges_summary.inverted_minimums_text(structure)
    if inverted:
        st.warning(shown(inverted, limit=None), icon=":material/swap_vert:")
    st.caption("Progression: a level's midpoint over the level below's. Overlap: (max of the "
               "level below − min of this level) / (max − min of this level). In range: where "
               "the market's P25, P50 and P75 fall in each range, as range penetration, (pay − "
               "min) / (max − min). Compa-ratio: the market median / the midpoint. "
               + ranges_summary.spread_basis_text())
    show_sql(band)
    if not auth.may(Right.DOWNLOAD_DOCUMENTS):
        auth.refuse("Downloading the pay structure", Right.DOWNLOAD_DOCUMENTS, audit_it=False)
        return
    auth.download_button(
        "Structure (CSV)",
        lambda: ranges_summary.structure_csv(structure, market, cell, AMOUNTS, provenance),
        what=f"pay structure CSV: {market}", dataset=active_dataset(),
        file_name=f"pay-structure-{provenance.dataset}-{provenance.version}.csv",
        mime="text/csv", icon=":material/table:", key="structure_csv")


def show_posting(inputs: RangesInputs, structure: Structure, place: pay_laws.PostingPlace,
                 findings: list[pay_laws.Finding], market: str,
                 provenance: ExportStamp, role: str) -> None:
    level = structure.level(inputs.level)
    posted = ranges.posted_range(level.pay_range, inputs.posted, inputs.hiring_from,
                                 inputs.hiring_to)
    check = ranges.good_faith_check(posted, inputs.good_faith)
    range_col, spread_col, verdict_col = st.columns([2, 1, 1.4])
    range_col.metric("Range to post", ranges_summary.posted_range_text(posted), border=True)
    spread_col.metric("Posted spread", percent(posted.spread), border=True,
                      help="(max − min) / min")
    verdict_col.metric("Good-faith check", "Too wide" if check.too_wide else "Within the limit",
                       border=True)
    st.caption(shown(f"To post: {ranges_summary.posted_range_definition(posted, level)}. "
                     f"{ranges_summary.HIRING_RANGE_BASIS}", limit=None))
    if check.too_wide:
        st.warning(ranges_summary.good_faith_text(check), icon=":material/warning:")
    else:
        st.caption(ranges_summary.good_faith_text(check))
    st.caption(ranges_summary.GOOD_FAITH_BASIS)
    usd_per_unit = {currency: rate for currency, (rate, _) in calibration.usd_per_unit().items()}
    for limit in pay_laws.width_limit_checks(findings, posted.low, posted.high, usd_per_unit):
        alert = st.warning if limit.exceeded else st.caption
        alert(shown(ranges_summary.width_limit_text(limit), limit=None))

    needs = pay_laws.posting_needs(findings)
    text = ranges_summary.posting_text(posted, inputs.bonus_pct, inputs.equity, needs)
    st.markdown("**The posting's pay text** (copy it with the button at its top right)")
    st.code(text, language=None, wrap_lines=True)
    title = f"Pay for a {inputs.level} {role}, {place.label}"
    if not auth.may(Right.DOWNLOAD_DOCUMENTS):
        auth.refuse("Downloading the posting text", Right.DOWNLOAD_DOCUMENTS, audit_it=False)
        return
    auth.download_button(
        "Posting text with its laws (TXT)",
        lambda: ranges_summary.posting_export(title, text, posted, level, findings,
                                              inputs.employees, date.today(), market, AMOUNTS,
                                              provenance),
        what=f"posting text: {title}", dataset=active_dataset(),
        file_name=ranges_summary.file_stem(role, inputs.level, place.label) + ".txt",
        mime="text/plain", icon=":material/description:", key="posting_txt")


def show_laws(findings: list[pay_laws.Finding], place: pay_laws.PostingPlace, employees: int,
              laws: tuple[pay_laws.PayLaw, ...]) -> None:
    relevant = pay_laws.relevant(findings)
    st.caption(f"For a posting for {shown(place.label, limit=None)} by an employer of "
               f"{employees:,} employees, on {date.today()}. {ranges_summary.NOT_LEGAL_ADVICE}")
    if relevant:
        st.markdown("**What the posting must disclose, over these laws:** "
                    + shown(ranges_summary.needs_text(pay_laws.posting_needs(findings)),
                            limit=None))
    else:
        st.info(shown(ranges_summary.no_laws_text(place.label, len(laws),
                                                  laws[0].date_checked), limit=None),
                icon=":material/gavel:")
    for status in (*pay_laws.RELEVANT, pay_laws.NOT_YET):
        group = [f for f in findings if f.status == status]
        if group:
            st.markdown(f"**{ranges_summary.STATUS_LABELS[status]}** ({len(group)})\n"
                        + "\n".join(f"- **{shown(f.law.jurisdiction, limit=None)}**, "
                                    f"{shown(ranges_summary.finding_detail(f), limit=None)}"
                                    for f in group))
    with st.expander("Laws in the file that do not reach this posting, and why"):
        st.markdown("\n".join(
            f"- {shown(ranges_summary.excluded_line(f), limit=None)}"
            for f in findings if f.status == pay_laws.DOES_NOT_APPLY) or "None.")


dataset = active_dataset()
filters = current_filters()
options = filter_options(dataset)
cities, metros = options.get("city", []), options.get("metro", [])
laws, places = calibration.pay_laws(), calibration.posting_places()
tiers, tier_notes = link_tables.tiers(url_text(page_keys.RANGES_TIERS,
                                               link_tables.DEFAULT_TIERS_TEXT))
locations = ranges_link.location_options(cities, metros, len(tiers))
work_locations = ranges_link.work_location_options(list(places))

st.title("Pay ranges")
st.caption("A salary structure built from the market, the range to put in a job posting, and "
           "the pay-transparency laws that reach the posting. The role, country, work "
           "arrangement, industry, company size and years come from the sidebar; every input "
           "below lives in the link.")
ranges_form.check_link(locations, options.get("level", []), work_locations, bool(cities),
                       tier_notes)

st.header("Salary structure")
market_inputs = ranges_form.market_inputs(locations)
location = ranges_link.parse_location(market_inputs.location)
if not cities:
    st.info("No city data in this dataset: the structure uses the national market of the "
            "sidebar's selection.", icon=":material/location_off:")
if filters.level:
    st.caption("The sidebar's level filter is not used here: a structure covers every level.")
if location.kind == "zone":
    with st.expander(f"Zones: cities by market pay factor (zone {location.zone} is tier "
                     f"{location.zone})"):
        ranges_form.zone_tiers_editor()
        st.caption("A city's market pay factor is its median total comp for the role over the "
                   "national median, as on the Remote page; a city joins the first tier whose "
                   "lowest factor it reaches, and needs at least "
                   f"{min_cell_size()} records.")
market_filters, market, market_queries = market_of(location, structure_filters(filters), tiers)
for query in market_queries:
    show_sql(query)
if market_filters is None:
    st.warning(f"{shown(market.capitalize(), limit=None)}: no city reaches this tier. Choose "
               "another zone or change the tiers.", icon=":material/visibility_off:")
    st.stop()
cell = choose_structure_cell(market_filters, count_by_level, min_cell_size())
if cell is None:
    st.warning(f"Fewer than {min_cell_size()} records at every level for "
               f"{shown(market_filters.describe(), limit=None)}, even in the broadest market: "
               "no structure can be shown.", icon=":material/visibility_off:")
    st.stop()
band = run("structure_market_by_level", cell.filters,
           midpoint_percentile=market_inputs.midpoint_percentile)
structure = ranges.build_structure([LevelMarket.from_row(row) for row in band.frame.to_dict(
    "records")], market_inputs.spreads, market_inputs.midpoint_percentile)
link_params = {**{key: st.query_params.get_all(key) for key in st.query_params},
               page_keys.DATASET: [dataset.name], page_keys.DATASET_VERSION: [dataset.version],
               page_keys.AGING: [current_aging().choice]}
provenance = stamp(dataset, current_aging(), date.today(),
                   f"{st.context.url or ''}?{urlencode(link_params, doseq=True)}")
show_structure(structure, cell, cell.filters.describe(), band, provenance)

st.header("Posting range")
inputs = ranges_form.posting_inputs(market_inputs, structure.shown_levels, work_locations)
place = places[ranges_link.work_location(inputs.work_location, location, places)]
if inputs.work_location == ranges_link.AS_MARKET:
    st.caption(f"Work location: {shown(place.label, limit=None)}, where the market is (a city "
               "the law file knows), else remote anywhere in the US.")
findings = pay_laws.assess_all(laws, place, inputs.employees, date.today())
show_posting(inputs, structure, place, findings, cell.filters.describe(), provenance,
             filters.role or "role")

st.header("Which laws apply")
show_laws(findings, place, inputs.employees, laws)
st.caption(f"From data/calibration/pay_transparency_laws.csv: {len(laws)} laws, each with its "
           "public source and the date it was checked. Amounts are US dollars a year; the "
           f"structure stands on {count(cell.n)}.")
