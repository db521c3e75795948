"""The offer calculator's link: each input is a URL parameter ("offer_" + an OfferInputs
field), with what it may carry (for checking a link), where it starts from the sidebar, and
the share link that carries every input and the dataset version."""

from collections.abc import Mapping, Sequence
from dataclasses import fields
from urllib.parse import urlencode

from paybench.domain import offer
from paybench.domain.aging import Aging
from paybench.domain.offer import OfferInputs
from paybench.domain.vocabulary import ANY, MAX_TOTAL_COMP, WORK_ARRANGEMENTS
from paybench.present import page_keys
from paybench.present.link_check import InputSpec
from paybench.query.filters import Filters

INPUT_LABELS = {
    "role": "Role", "level": "Level", "work_arrangement": "Work arrangement", "city": "City",
    "company_size": "Company size", "industry": "Industry",
    "target_percentile": "Target percentile", "base_salary": "Base salary",
    "bonus_target_pct": "Bonus target (% of base)", "equity_type": "Equity as",
    "grant_value": "Grant value", "vesting_years": "Vesting years",
    "cliff_months": "Cliff (months)", "vesting": "Vesting schedule",
    "equity_per_year": "Equity per year", "sign_on": "Sign-on bonus",
    "cost_rate_pct": "Employer cost rate (%)",
}
URL_PREFIX = page_keys.OFFER_PREFIX
DATASET_KEY = page_keys.OFFER_DATASET  # the dataset version the link was made on
INPUT_NAMES = tuple(field.name for field in fields(OfferInputs))

# The numbers a link may carry, with their bounds (the widgets enforce the same ones).
NUMBER_BOUNDS: dict[str, tuple[float, float]] = {
    "target_percentile": (25.0, 90.0),
    "base_salary": (0.0, float(MAX_TOTAL_COMP)),
    "bonus_target_pct": (0.0, 100.0),
    "grant_value": (0.0, 10.0 * MAX_TOTAL_COMP),
    "equity_per_year": (0.0, float(MAX_TOTAL_COMP)),
    "sign_on": (0.0, float(MAX_TOTAL_COMP)),
    "cost_rate_pct": (0.0, 100.0),
}
FIXED_CHOICES: dict[str, tuple] = {
    "work_arrangement": WORK_ARRANGEMENTS,
    "equity_type": offer.EQUITY_TYPES,
    "vesting_years": offer.VESTING_YEARS,
    "cliff_months": offer.CLIFF_MONTHS,
    "vesting": offer.VESTING_SCHEDULES,
}
# Inputs whose choices are the dataset's values of the dimension of the same name; the
# optional ones offer ANY first.
DATA_CHOICE_INPUTS = ("role", "level", "city", "company_size", "industry")
OPTIONAL_CHOICE_INPUTS = ("city", "company_size", "industry")  # a dataset may have no city


def url_key(name: str) -> str:
    return URL_PREFIX + name


def choices(name: str, data_options: Mapping[str, Sequence[str]]) -> tuple:
    """What the input offers: fixed choices, or the data's values (ANY first if optional)."""
    if name in FIXED_CHOICES:
        return FIXED_CHOICES[name]
    values = tuple(data_options.get(name, ()))
    return (ANY, *values) if name in OPTIONAL_CHOICE_INPUTS else values


def default_choice(name: str, options: Sequence) -> object:
    """The input's default if the data has it, else the first choice: it depends on the
    dataset only, so a link means the same in every browser."""
    default = getattr(OfferInputs, name)
    return default if default in options else options[0]


def input_specs(data_options: Mapping[str, Sequence[str]]) -> dict[str, InputSpec]:
    """What each input's URL parameter may carry, for checking a link."""
    specs = {}
    for name in INPUT_NAMES:
        label = INPUT_LABELS[name]
        if name in FIXED_CHOICES or name in DATA_CHOICE_INPUTS:
            options = tuple(str(option) for option in choices(name, data_options))
            spec = InputSpec(label, options, from_data=name in DATA_CHOICE_INPUTS)
        else:
            spec = InputSpec(label, bounds=NUMBER_BOUNDS[name], clearable=name == "base_salary")
        specs[url_key(name)] = spec
    return specs


def start_values(filters: Filters) -> dict[str, str]:
    """The inputs the sidebar's selection names: its role, and each filter set to one value."""
    starts = {"role": filters.role} if filters.role else {}
    for name in ("level", "city", "work_arrangement", "company_size", "industry"):
        values = getattr(filters, name)
        if len(values) == 1:
            starts[name] = values[0]
    return starts


def share_params(inputs: OfferInputs, dataset_name: str, dataset_version: str,
                 aging: Aging) -> dict[str, str]:
    """Every input as a URL parameter, defaults included, so a link keeps its meaning even if
    a later version changes a default; plus the dataset, the version it pins and the aging
    (and, as the mark of a link this page made, offer_dataset). None is an empty value."""
    params = {url_key(name): _url_text(getattr(inputs, name)) for name in INPUT_NAMES}
    return {**params, DATASET_KEY: dataset_version, page_keys.DATASET: dataset_name,
            page_keys.DATASET_VERSION: dataset_version, page_keys.AGING: aging.choice}


def share_query(inputs: OfferInputs, dataset_name: str, dataset_version: str,
                aging: Aging) -> str:
    """The link's query string (without the "?")."""
    return urlencode(share_params(inputs, dataset_name, dataset_version, aging))


def _url_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
