"""Each page's own URL parameters, beyond the global filters: one constant per input, used by
the page for its widget's key and here for the list of keys a link may carry on that page. A
link parameter that is neither a global filter nor one of its page's keys is dropped with a
note."""

from dataclasses import fields

from paybench.domain.offer import OfferInputs

# Global: the dataset a link names, and the version it pins (every page).
DATASET = "dataset"
DATASET_VERSION = "dataset_version"
# Global: amounts as reported or aged to an effective date (paybench/domain/aging.py).
AGING = "aging"
# The pages that price a decision: their amounts are aged by default.
PRICED_PAGES = ("offer", "ranges")

DATA_TAB = "data_tab"

CITIES_RANK_BY = "cities_rank_by"
CITIES_COMPARE = "cities_compare"

REMOTE_POLICY_LEVEL = "remote_policy_level"
REMOTE_POLICY_PERCENTILE = "remote_policy_percentile"
REMOTE_TIERS = "remote_tiers"
REMOTE_TIER_OVERRIDES = "remote_tier_overrides"
REMOTE_TEAM = "remote_team"

# The offer calculator: "offer_" + each OfferInputs field (present/offer_link.py), and the
# dataset version its share link was made on.
OFFER_PREFIX = "offer_"
OFFER_DATASET = "offer_dataset"
OFFER_KEYS = (*(OFFER_PREFIX + field.name for field in fields(OfferInputs)), OFFER_DATASET)

# Keyed by the page's url_path.
PAGE_URL_KEYS: dict[str, tuple[str, ...]] = {
    "data": (DATA_TAB,),
    "offer": OFFER_KEYS,
    "cities": (CITIES_RANK_BY, CITIES_COMPARE),
    "remote": (REMOTE_POLICY_LEVEL, REMOTE_POLICY_PERCENTILE, REMOTE_TIERS, REMOTE_TIER_OVERRIDES,
               REMOTE_TEAM),
}
