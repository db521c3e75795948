"""The Pay ranges page's inputs: one widget per input, keyed and bound to the URL under its
ranges_* key (present/page_keys.py), so a link carries every input. Widget defaults are
constants, so a link means the same in every browser; a link value an input cannot take is
dropped for the default with a note saying why."""

from collections.abc import Sequence

import streamlit as st

from paybench.app.widgets import link_notes, linked_editor, url_text
from paybench.domain import ranges
from paybench.domain.vocabulary import LEVELS
from paybench.present import link_check, link_tables, ranges_link
from paybench.present.formatting import percent
from paybench.present.page_keys import (
    RANGES_BONUS,
    RANGES_EMPLOYEES,
    RANGES_EQUITY,
    RANGES_GOOD_FAITH,
    RANGES_HIRING_FROM,
    RANGES_HIRING_TO,
    RANGES_KEYS,
    RANGES_LEVEL,
    RANGES_LOCATION,
    RANGES_PERCENTILE,
    RANGES_POSTED,
    RANGES_TIERS,
    RANGES_WORK_LOCATION,
)
from paybench.present.ranges_link import RangesInputs, spread_key

HELP = {
    RANGES_LOCATION: "The market the structure is built from. “As in the sidebar” uses the "
                     "sidebar's city and metro filters; a zone is the cities of one tier of "
                     "the zones below (as on the Remote page).",
    RANGES_PERCENTILE: "Each level's midpoint is the market's base salary at this percentile.",
    RANGES_LEVEL: "The level of the role to post.",
    RANGES_WORK_LOCATION: "Where the role is done, or remote anywhere in a country or the EU: "
                          "it decides which laws reach the posting.",
    RANGES_EMPLOYEES: "Employees of the whole company, everywhere: laws cover employers "
                      "above a size.",
    RANGES_POSTED: "The hiring range (part of the structure range) or the whole structure range.",
    RANGES_HIRING_FROM: "Where the hiring range starts, as a range penetration: 0% is the "
                        "structure's minimum, 50% its midpoint.",
    RANGES_HIRING_TO: "Where the hiring range ends: 50% is the midpoint, 100% the maximum.",
    RANGES_GOOD_FAITH: "A posted spread above this is flagged as unlikely to pass as a "
                       "good-faith estimate.",
    RANGES_BONUS: "0 leaves the bonus out of the posting's text.",
}


def check_link(locations: Sequence[str], levels: Sequence[str], work_locations: Sequence[str],
               has_cities: bool, tier_notes: list[str]) -> None:
    """Notes on the link values the inputs cannot take (the widgets use their defaults)."""
    raw = {key: st.query_params.get_all(key) for key in RANGES_KEYS
           if key in st.query_params and key != RANGES_TIERS}
    location = raw.get(RANGES_LOCATION, [])
    notes = []
    if location and not has_cities and ranges_link.needs_cities(location[-1]):
        notes.append("No city data in this dataset: the structure uses the national market "
                     f"(ignored the link's location “{location[-1][:40]}”).")
        raw.pop(RANGES_LOCATION)
    specs = ranges_link.input_specs(locations, levels, work_locations)
    link_notes(notes + link_check.check_page_inputs(raw, specs) + tier_notes)


def market_inputs(locations: Sequence[str]) -> RangesInputs:
    """The structure's inputs: its market location, the midpoint percentile, a spread per level."""
    location_col, percentile_col = st.columns([3, 1])
    location = location_col.selectbox("Market location", locations, index=0,
                                      key=RANGES_LOCATION, bind="query-params",
                                      help=HELP[RANGES_LOCATION])
    percentile = percentile_col.number_input(
        "Midpoint at percentile", *ranges_link.PERCENTILE_BOUNDS,
        value=ranges.DEFAULT_MIDPOINT_PERCENTILE, step=5.0, format="%g", key=RANGES_PERCENTILE,
        bind="query-params", help=HELP[RANGES_PERCENTILE])
    spreads = {}
    for column, level in zip(st.columns(len(LEVELS)), LEVELS, strict=True):
        default = 100 * ranges.DEFAULT_SPREADS[level]
        spreads[level] = column.number_input(
            f"{level} spread (%)", *ranges_link.SPREAD_PCT_BOUNDS, value=default, step=5.0,
            format="%g", key=spread_key(level), bind="query-params",
            help=f"(max − min) / min. Default {default:g}%.") / 100
    return RangesInputs(location=location, midpoint_percentile=percentile, spreads=spreads)


def zone_tiers_editor() -> None:
    """The zones' tiers as on the Remote page, edited here and carried in the link."""
    linked_editor(
        RANGES_TIERS, link_tables.tier_rows(url_text(RANGES_TIERS, link_tables.DEFAULT_TIERS_TEXT)),
        link_tables.text_from_rows, link_tables.DEFAULT_TIERS_TEXT, num_rows="dynamic",
        column_config={
            "percent": st.column_config.NumberColumn("% of the top tier (pay policy only)",
                                                     min_value=1, max_value=200, step=1,
                                                     format="%g%%"),
            "min_factor": st.column_config.NumberColumn(
                "Lowest market pay factor", min_value=0.01, max_value=10, step=0.01,
                format="%.2f×"),
        })


def posting_inputs(market: RangesInputs, levels: Sequence[str],
                   work_locations: Sequence[str]) -> RangesInputs:
    """The posting's inputs, added to the structure's."""
    default_level = ranges_link.DEFAULT_LEVEL if ranges_link.DEFAULT_LEVEL in levels else levels[0]
    level_col, place_col, employees_col = st.columns([1, 2, 1])
    level = level_col.selectbox("Level to post", levels, index=list(levels).index(default_level),
                                key=RANGES_LEVEL, bind="query-params", help=HELP[RANGES_LEVEL])
    work_location = place_col.selectbox("Work location", work_locations, index=0,
                                        key=RANGES_WORK_LOCATION, bind="query-params",
                                        help=HELP[RANGES_WORK_LOCATION])
    # A float input shown as a whole number: an int input bound to the link raises on a
    # value such as "1e400" (Streamlit 1.67) instead of dropping it.
    low, high = ranges_link.EMPLOYEES_BOUNDS
    employees = employees_col.number_input(
        "Employees", float(low), float(high), value=float(ranges_link.DEFAULT_EMPLOYEES),
        step=1.0, format="%.0f", key=RANGES_EMPLOYEES, bind="query-params",
        help=HELP[RANGES_EMPLOYEES])

    posted_col, from_col, to_col, limit_col, bonus_col, equity_col = st.columns(
        [1.6, 1, 1, 1, 1, 0.8])
    posted = posted_col.radio("Range to post", ranges.POSTED_KINDS, index=0, key=RANGES_POSTED,
                              bind="query-params", horizontal=True, help=HELP[RANGES_POSTED])
    hiring = posted == ranges.HIRING_RANGE
    hiring_from = _percent(from_col, "Hiring range from (%)", ranges.DEFAULT_HIRING_FROM,
                           ranges_link.SHARE_PCT_BOUNDS, RANGES_HIRING_FROM, disabled=not hiring)
    hiring_to = _percent(to_col, "Hiring range to (%)", ranges.DEFAULT_HIRING_TO,
                         ranges_link.SHARE_PCT_BOUNDS, RANGES_HIRING_TO, disabled=not hiring)
    good_faith = _percent(limit_col, "Good-faith spread limit (%)",
                          ranges.DEFAULT_GOOD_FAITH_SPREAD, ranges_link.GOOD_FAITH_PCT_BOUNDS,
                          RANGES_GOOD_FAITH)
    bonus = bonus_col.number_input("Bonus target (% of base)", *ranges_link.BONUS_PCT_BOUNDS,
                                   value=ranges_link.DEFAULT_BONUS_PCT, step=1.0, format="%g",
                                   key=RANGES_BONUS, bind="query-params", help=HELP[RANGES_BONUS])
    equity = equity_col.selectbox("Equity", ranges_link.EQUITY_CHOICES, index=0,
                                  key=RANGES_EQUITY, bind="query-params")
    return RangesInputs(
        location=market.location, midpoint_percentile=market.midpoint_percentile,
        spreads=market.spreads, level=level, work_location=work_location,
        employees=round(employees), posted=posted, hiring_from=hiring_from, hiring_to=hiring_to,
        good_faith=good_faith, bonus_pct=bonus, equity=equity == "Yes")


def _percent(container, label: str, default: float, bounds: tuple[float, float], key: str,
             disabled: bool = False) -> float:
    """A percentage input, returned as a fraction."""
    return container.number_input(label, *bounds, value=100 * default, step=5.0, format="%g",
                                  key=key, bind="query-params", disabled=disabled,
                                  help=f"{HELP[key]} Default {percent(default)}.") / 100
