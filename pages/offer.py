"""Offer calculator: HR sets an offer against the market; finance opens its link and sees the
same offer and what it costs."""

from datetime import date

import streamlit as st

from paybench.app import auth, offer_form
from paybench.app.page import aging_method, figure_caption, min_cell_size, show_chart, start_page
from paybench.app.query_display import count_records, run, show_sql
from paybench.app.session import active_dataset, current_aging, dataset_summary, filter_options
from paybench.app.sidebar import current_filters
from paybench.datasets import calibration
from paybench.datasets.dataset import Dataset
from paybench.domain import offer, prevailing_wage, stats
from paybench.domain.access import Right
from paybench.domain.offer import RankCounts
from paybench.domain.vocabulary import ANY
from paybench.present import charts, export_stamp, offer_link, offer_summary, tables
from paybench.present.formatting import count, money, percent, shown
from paybench.present.offer_summary import percentile_text, ratio_text, target_text
from paybench.query.market_cell import MarketCell, choose_market_cell, market_filters
from paybench.query.runner import QueryResult

start_page()

BIN_WIDTH = 10_000


def city_metro(city: str) -> QueryResult | None:
    """The metro of the offer's city, which its market cell keeps when it broadens."""
    return None if city == ANY else run("metro_of_city", city=[city])


def show_market_band(result: offer.OfferResult, cell: MarketCell,
                     queries: list[QueryResult]) -> None:
    st.header("Market band")
    figure_caption(f"From {shown(cell.filters.describe(), limit=None)} ({count(cell.n)}), all "
                   "years.")
    if cell.broadened:
        st.info(shown(offer_summary.cell_fallback_text(cell), limit=None),
                icon=":material/zoom_out_map:")
    st.dataframe(tables.offer_band(result.band), hide_index=True)
    st.caption(tables.grade_note())
    for query in queries:
        show_sql(query)


def show_recommendation(result: offer.OfferResult) -> None:
    band, inputs = result.band, result.inputs
    target = target_text(inputs.target_percentile)
    st.header("Recommended base")
    range_col, base_col, total_col = st.columns([2, 1, 1])
    range_col.metric("Recommended base range", offer_summary.base_range_text(result.base_range),
                     border=True)
    base_col.metric(f"Market base at {target}", money(band.base_at_target), border=True)
    total_col.metric(f"Market total comp at {target}", money(band.total_comp_at_target),
                     border=True)
    st.caption(f"The range is the {offer_summary.base_range_definition(inputs, result.base_range)}"
               f". In this cell bonus averages {band.mean_bonus_pct_of_base:.1f}% of base and "
               f"equity {money(band.mean_equity)} a year (means).")


def show_package(result: offer.OfferResult) -> None:
    package = result.package
    st.header("The offer")
    base_col, year_one_col, annual_col = st.columns(3)
    base_col.metric("Base salary (offered)", money(package.base_salary), border=True,
                    help="Left empty in the form: the market base at the target percentile, "
                    "the middle of the recommended range"
                    if result.inputs.base_salary is None else None)
    year_one_col.metric("Year-1 total comp", money(package.year_one), border=True,
                        help="Base + target bonus + equity vesting in year 1 + sign-on")
    annual_col.metric("Annualized total comp", money(package.annualized), border=True,
                      help="Base + target bonus + equity per year (grant / vesting years); "
                           "no sign-on")
    left, right = st.columns(2)
    left.dataframe(tables.offer_package(package), hide_index=True)
    if result.vesting:
        right.dataframe(tables.vesting(result.vesting, result.grant_value), hide_index=True)
    right.caption(f"Equity: {offer_summary.equity_text(result)}. Bonus target: "
                  f"{offer_summary.bonus_text(result)}.")


def show_position(result: offer.OfferResult, bins: QueryResult, ranked: QueryResult) -> None:
    position, band = result.position, result.band
    st.header("Where the offer falls")
    rank_col, compa_col, penetration_col, verdict_col = st.columns([1, 1, 1, 1.5])
    rank_col.metric("Market percentile", percentile_text(position.percentile), border=True,
                    help="Share of the cell's records with lower total comp (ties count "
                         "half), against the offer's annualized total comp")
    compa_col.metric("Compa-ratio", ratio_text(position.compa_ratio), border=True,
                     help="Offer base / market median base")
    penetration_col.metric("Range penetration", percent(position.range_penetration),
                           border=True, help="(base − range min) / (range max − range min)")
    verdict_col.metric("Verdict", position.verdict.label, border=True)
    st.caption("Verdict on annualized total comp: "
               f"{offer_summary.verdict_thresholds_text(position.verdict)}.")
    offer_label = (f"This offer {money(result.package.annualized)} "
                   f"({percentile_text(position.percentile)})")
    show_chart(charts.offer_on_market(
        bins.frame, BIN_WIDTH, band.total_comp.p25, band.total_comp.p50, band.total_comp.p75,
        result.package.annualized, offer_label), "offer_on_market")
    figure_caption(f"Total comp per year in the market cell ({count(band.n)}), bins of "
                   f"{money(BIN_WIDTH)}; the offer at its annualized total comp.")
    show_sql(ranked)
    show_sql(bins)
    show_against_posted(result)


def show_against_posted(result: offer.OfferResult) -> None:
    against = result.against_posted
    posted_col, place_col = st.columns(2)  # wide enough for a range and a sentence
    posted_col.metric("Posted range for this cell", offer_summary.posted_range_text(against),
                      border=True)
    place_col.metric("Base against the posted range", offer_summary.against_posted_text(against),
                     border=True, help="Inside: the base's range penetration in the posted "
                                       "range, (base − low) / (high − low)")
    st.caption("The posted range is "
               f"{offer_summary.posted_range_basis(against, result.inputs.level)}. The Pay "
               "ranges page builds it, and the laws that apply to a posting.")


def show_prevailing_wage(result: offer.OfferResult, roles: list[str]) -> None:
    check = result.wage_check
    st.header("DOL prevailing wage")
    floor_col, result_col = st.columns(2)
    floor_col.metric("Prevailing wage floor", money(check.floor), border=True)
    result_col.metric("Base against the floor", offer_summary.wage_result_text(check),
                      border=True)
    if check.floor is None:
        st.caption(shown(offer_summary.wage_missing_text(check), limit=None))
    else:
        level = offer_summary.wage_level_text(check, result.inputs.level)
        st.caption(f"Level {level} for {check.soc} {prevailing_wage.SOC_TITLES[check.soc]} in "
                   f"{shown(check.metro, limit=None)}, the worksite's metro (for a remote hire, "
                   "the candidate's city's), DOL OFLC July 2025 – June 2026. Compared with the "
                   f"base salary, as the prevailing wage is a base wage. "
                   f"{offer_summary.WAGE_FLOOR_NOTE}")
        if not check.clears:
            st.warning(f"The base is {money(-check.margin)} below the prevailing wage: a visa "
                       "filing at this level would need a higher base.", icon=":material/gavel:")
    with st.expander("How roles and levels map to DOL occupations and wage levels"):
        left, right = st.columns(2)
        left.dataframe(tables.soc_mapping(roles), hide_index=True)
        right.dataframe(tables.wage_levels(), hide_index=True)
        st.caption("The wage library gives levels I, III and IV; level II is interpolated as "
                   "OFLC sets it: I + (IV − I) / 3.")


def show_cost(result: offer.OfferResult) -> None:
    cost = result.cost
    st.header("Cost for finance")
    per_year_col, year_one_col, loading_col = st.columns(3)
    per_year_col.metric("Fully loaded cost per year", money(cost.per_year), border=True,
                        help="Annualized total comp + employer taxes and benefits")
    year_one_col.metric("Fully loaded cost in year 1", money(cost.year_one), border=True,
                        help="Year-1 total comp (with sign-on) + employer taxes and benefits")
    loading_col.metric("Employer taxes and benefits per year", money(cost.loading_per_year),
                       border=True, help=f"{cost.rate_pct:g}% of base + bonus")
    st.caption(f"Rate {cost.rate_pct:g}% of cash pay (editable above). Default "
               f"{offer.DEFAULT_COST_RATE_PCT:g}%: {offer_summary.COST_RATE_BASIS}")


def show_share_and_downloads(result: offer.OfferResult, cell: MarketCell, link: str,
                             provenance: export_stamp.ExportStamp, dataset: Dataset) -> None:
    st.header("Share and download")
    st.caption("The link carries every input and the dataset version: finance opens it and "
               "sees this offer and these numbers. Copy it with the button at its top right.")
    st.code(link, language=None, wrap_lines=True)
    if not auth.may(Right.DOWNLOAD_DOCUMENTS):
        auth.refuse("Downloading the offer summary", Right.DOWNLOAD_DOCUMENTS, audit_it=False)
        return
    rows = offer_summary.rows(result, cell, provenance)
    stem = offer_summary.file_stem(result)
    csv_col, pdf_col, _ = st.columns([1, 1, 2])
    with csv_col:
        auth.download_button("Offer summary (CSV)", lambda: offer_summary.to_csv(rows),
                             what="offer summary CSV", dataset=dataset, file_name=f"{stem}.csv",
                             mime="text/csv", key="offer_csv", icon=":material/table:")
    with pdf_col:
        auth.download_button("Offer summary (PDF)",
                             lambda: offer_summary.to_pdf(rows, offer_summary.title(result)),
                             what="offer summary PDF", dataset=dataset, file_name=f"{stem}.pdf",
                             mime="application/pdf", key="offer_pdf",
                             icon=":material/picture_as_pdf:")
    st.caption(f"Data: {shown(provenance.title, limit=None)} ({provenance.kind}), dataset "
               f"version {provenance.version}. {provenance.amounts} Made on "
               f"{provenance.made_on.isoformat()}.")


dataset = active_dataset()
summary = dataset_summary(dataset)
st.title("Offer calculator")
st.caption("The offer uses its own inputs below, not the sidebar's filters. They start from the "
           "sidebar's selection where it names a single value, and they live in the link, so "
           "whoever opens it sees this offer as you set it. Its market is the dataset's US "
           "records: the prevailing wage, the aging and the cost rate are US figures.")
st.caption(aging_method(dataset))

form = st.container(border=True)
market = offer_form.market_inputs(form, dataset, current_filters())
metro = city_metro(market.city)
metro_name = None if metro is None or metro.frame.empty else str(metro.row["metro"])
cell = choose_market_cell(market_filters(market, metro_name), count_records,
                          min_cell_size())
band_query = None if cell is None else run(
    "offer_market_band", cell.filters, target_percentile=market.target_percentile,
    interval_quantiles=stats.interval_quantiles(cell.n))
band = None if band_query is None else offer.MarketBand.from_row(band_query.row,
                                                                 market.target_percentile)
inputs = offer_form.offer_inputs(form, market, band, dataset)
if cell is None:
    st.warning(f"Fewer than {min_cell_size()} records for {shown(inputs.role)} in this "
               "dataset, even without level, location, industry or size: no market band can "
               "be shown.",
               icon=":material/visibility_off:")
    if metro is not None:
        show_sql(metro)
    st.stop()

ranked = run("total_comp_rank", cell.filters,
             total_comp=offer.annualized_total_comp(inputs, band))
result = offer.evaluate(inputs, band, RankCounts.from_row(ranked.row),
                        calibration.oflc_wage_table())
for warning in result.warnings:
    st.warning(offer_summary.warning_text(warning), icon=":material/warning:")

show_market_band(result, cell, [band_query] + ([metro] if metro is not None else []))
show_recommendation(result)
show_package(result)
show_position(result, run("total_comp_distribution", cell.filters, bin_width=BIN_WIDTH), ranked)
show_prevailing_wage(result, filter_options(dataset).get("role", []))
show_cost(result)
share_query = offer_link.share_query(inputs, dataset.name, dataset.version, current_aging())
link = f"{st.context.url or ''}?{share_query}"
show_share_and_downloads(result, cell, link, export_stamp.stamp(dataset, current_aging(),
                                                               date.today(), link), dataset)
