"""The offer calculator's form: one widget per OfferInputs field, keyed and bound to the URL
as "offer_<field>" (present/offer_link.py), so the link carries every input. It comes in two
parts in one box: the role and its market (market_inputs), which pick the market cell, then the
offer (offer_inputs), whose empty amounts show the market package they stand for.

Where the inputs start (widget defaults stay constant, so a link means the same everywhere):
- a value the link gives, if the input can take it; if it cannot, a note says so and the
  input is at its default;
- otherwise, on a first visit from another page, the sidebar's selection where it names one
  value (role, level, city, ...), put in session state (and the URL) before the widget is made;
- otherwise the widget's default. A link this page made carries offer_dataset, and then only
  the link counts: an input it leaves out is at its default, as it was for the sender.
- A link with a grant's value, years, cliff or schedule but no equity type starts it at Grant.

The amounts' default is empty, meaning "the market's" (base, bonus target, equity): constant as
a widget default, so a link that gives an amount keeps it, and one that leaves it empty follows
the market of the dataset version it pins.
"""

from dataclasses import replace

import streamlit as st

from paybench.app.session import filter_options
from paybench.datasets.dataset import Dataset
from paybench.domain import offer
from paybench.domain.offer import MarketBand, OfferInputs
from paybench.present import link_check, offer_link, tables
from paybench.present.formatting import count, money
from paybench.present.offer_link import INPUT_LABELS, NUMBER_BOUNDS, url_key
from paybench.present.offer_summary import bonus_pct_text, market_package_text, target_text
from paybench.query import catalog
from paybench.query.filters import Filters

HELP = {
    "city": "The worksite. For a remote hire, the candidate's city: the market is remote "
            "records there, and the prevailing wage is that city's metro's. Any: the whole "
            "data, records without a city (the rest of the US) included; no prevailing wage.",
    "company_size": catalog.DIMENSIONS["company_size"].help + ". Any: every size.",
    "target_percentile": "Where in the market the offer should sit: P25 to P90. The inputs "
                         "left empty below take the market package at this percentile.",
    "base_salary": "Leave empty for the market base at the target percentile (the middle of "
                   "the recommended range).",
    "bonus_target_pct": "Leave empty for the cell's market mix: its mean bonus ÷ its mean base.",
    "equity_per_year": "Leave empty for the market's: the base at the target percentile × the "
                       "cell's mean equity ÷ its mean base.",
    "grant_value": "The whole grant's value at the offer, vesting over the years beside it. "
                   "Leave empty for the market's equity a year × the vesting years.",
    "cliff_months": "Nothing vests before the cliff; then everything accrued so far.",
    "vesting": "Front-loaded: year k of n vests (n − k + 1) / (1 + … + n): 40/30/20/10 "
               "over four years.",
    "cost_rate_pct": "Employer payroll taxes and benefits, loaded on base, bonus and sign-on. "
                     f"Default {offer.DEFAULT_COST_RATE_PCT:g}%: BLS, June 2025 (see the cost "
                     "section).",
}


def market_inputs(form, dataset: Dataset, sidebar: Filters) -> OfferInputs:
    """The form's first part, in `form` (a container), with the link's notes above it: the role
    and its market, which pick the market cell. The other inputs are at their defaults until
    offer_inputs adds them."""
    options = filter_options(dataset)
    _start_values(options, sidebar)
    _check_dataset_version(dataset.version)
    values: dict = {}
    with form:
        st.markdown("**The role and its market**")
        role, level, arrangement, city = st.columns(4)
        values["role"] = _choice(role, "role", options)
        values["level"] = _choice(level, "level", options)
        values["work_arrangement"] = _choice(arrangement, "work_arrangement", options)
        values["city"] = _choice(city, "city", options)
        size, industry, target, _ = st.columns(4)
        values["company_size"] = _choice(size, "company_size", options)
        values["industry"] = _choice(industry, "industry", options)
        values["target_percentile"] = _number(target, "target_percentile", 5.0, "%g")
        if values["work_arrangement"] == "Remote":
            st.caption("Remote hire: the market is remote records in the candidate's city, "
                       "broadening to all remote records of the role and level; the "
                       "prevailing wage is for the candidate's city's metro (the worksite).")
    return OfferInputs(**values)


def offer_inputs(form, market: OfferInputs, band: MarketBand | None,
                 dataset: Dataset) -> OfferInputs:
    """The form's second part, in the same container: the offer itself. Each amount left empty
    takes its part of the market package at the target percentile, which its placeholder
    shows (band None: no market to start from). Returns every input."""
    options = filter_options(dataset)
    starts = {} if band is None else {
        "base_salary": money(band.base_at_target),
        "bonus_target_pct": bonus_pct_text(band.mean_bonus_pct_of_base),
        "equity_per_year": money(band.market_equity_per_year)}
    values: dict = {}
    with form:
        st.markdown("**The offer**")
        base, bonus, sign_on, rate = st.columns(4)
        values["base_salary"] = _number(base, "base_salary", 1_000.0, "%.0f",
                                        placeholder=_market(starts.get("base_salary")))
        values["bonus_target_pct"] = _number(bonus, "bonus_target_pct", 1.0, "%g",
                                             placeholder=_market(starts.get("bonus_target_pct")))
        values["sign_on"] = _number(sign_on, "sign_on", 1_000.0, "%.0f")
        values["cost_rate_pct"] = _number(rate, "cost_rate_pct", 1.0, "%g")
        values.update(_equity_inputs(options, band, starts))
        if band is not None:
            st.caption(f"Left empty, an amount is the market's: the package at "
                       f"{target_text(market.target_percentile)} in this offer's market cell "
                       f"({count(band.n)}), {market_package_text(band)} (the cell's mean bonus "
                       "and equity against its mean base). Type a number to set your own; "
                       "clear it to go back to the market's.")
            if band.mean_bonus_pct_of_base == 0 and band.market_equity_per_year == 0:
                st.caption(tables.NO_BONUS_OR_EQUITY)
    return replace(market, **values)


def _market(amount: str | None) -> str:
    return f"market: {amount}" if amount else "market"


def _equity_inputs(options: dict, band: MarketBand | None, starts: dict) -> dict:
    kind, amount, years, cliff, schedule = st.columns([1, 1, 0.5, 0.5, 1])
    values = {"equity_type": _radio(kind, "equity_type", options)}
    if values["equity_type"] == offer.YEARLY_VALUE:
        values["equity_per_year"] = _number(amount, "equity_per_year", 1_000.0, "%.0f",
                                            placeholder=_market(starts.get("equity_per_year")))
        return values
    values["vesting_years"] = _choice(years, "vesting_years", options)
    market_grant = None if band is None else money(
        band.market_equity_per_year * values["vesting_years"])
    values["grant_value"] = _number(amount, "grant_value", 1_000.0, "%.0f",
                                    placeholder=_market(market_grant))
    values["cliff_months"] = _choice(cliff, "cliff_months", options)
    values["vesting"] = _choice(schedule, "vesting", options)
    return values


def _choice(container, name: str, options: dict):
    choices = offer_link.choices(name, options)
    return container.selectbox(
        INPUT_LABELS[name], choices, index=choices.index(offer_link.default_choice(name, choices)),
        key=url_key(name), bind="query-params", help=HELP.get(name))


def _radio(container, name: str, options: dict):
    choices = offer_link.choices(name, options)
    return container.radio(
        INPUT_LABELS[name], choices, index=choices.index(offer_link.default_choice(name, choices)),
        key=url_key(name), bind="query-params", horizontal=True, help=HELP.get(name))


def _number(container, name: str, step: float, number_format: str, placeholder: str | None = None):
    low, high = NUMBER_BOUNDS[name]
    return container.number_input(
        INPUT_LABELS[name], min_value=low, max_value=high, value=getattr(OfferInputs, name),
        step=step, format=number_format, key=url_key(name), bind="query-params",
        placeholder=placeholder, help=HELP.get(name))


def _start_values(options: dict, sidebar: Filters) -> None:
    """Say which link values are ignored, and start the inputs the link does not give."""
    raw = {key: st.query_params.get_all(key) for key in st.query_params
           if key.startswith(offer_link.URL_PREFIX) and key != offer_link.DATASET_KEY}
    for note in link_check.check_page_inputs(raw, offer_link.input_specs(options)):
        st.warning(note, icon=":material/link_off:")
    starts = {} if offer_link.DATASET_KEY in st.query_params else offer_link.start_values(sidebar)
    starts |= offer_link.implied_starts([key.removeprefix(offer_link.URL_PREFIX) for key in raw])
    for name, start in starts.items():
        key = url_key(name)
        # A value the link gives is the widget's to take, or (if it cannot) to drop for its
        # default: starting it elsewhere would leave the URL without the value shown.
        if key in st.session_state or key in raw:
            continue
        choices = offer_link.choices(name, options)
        if start in choices and start != offer_link.default_choice(name, choices):
            _start(key, start)


def _start(key: str, value) -> None:
    """Start an input at a value: in session state for the widget, and in the URL, which
    Streamlit would not update for a value set before the widget is made."""
    st.session_state[key] = value
    st.query_params[key] = str(value)


def _check_dataset_version(current: str) -> None:
    """Note a link made on other data; write the current version into a link without one."""
    link_version = st.query_params.get(offer_link.DATASET_KEY)
    note = link_check.check_dataset_version(link_version, current)
    if note:
        st.warning(note, icon=":material/history:")
    if link_version is None or not link_check.is_dataset_version(link_version):
        st.query_params[offer_link.DATASET_KEY] = current
