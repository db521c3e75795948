"""Each page's own URL parameters, beyond the global filters: one constant per input, used by
the page for its widget's key and here for the list of keys a link may carry on that page. A
link parameter that is neither a global filter nor one of its page's keys is dropped with a
note."""

from dataclasses import fields

from paybench.domain.offer import OfferInputs
from paybench.domain.vocabulary import LEVELS

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

# Hire anywhere: the US hire it compares with, the employer-of-record fee, the team's time
# zone and the date for daylight saving, the minimum overlap and records, unsourced rates,
# the ranking.
HIRE_US_CITY = "hire_us_city"
HIRE_US_ARRANGEMENT = "hire_us_arrangement"
HIRE_EOR_FEE = "hire_eor_fee"
HIRE_TEAM_ZONE = "hire_team_zone"
HIRE_DATE = "hire_date"
HIRE_MIN_OVERLAP = "hire_min_overlap"
HIRE_MIN_RECORDS = "hire_min_records"
HIRE_UNSOURCED = "hire_unsourced"
HIRE_RANK_BY = "hire_rank_by"
HIRE_KEYS = (HIRE_US_CITY, HIRE_US_ARRANGEMENT, HIRE_EOR_FEE, HIRE_TEAM_ZONE, HIRE_DATE,
             HIRE_MIN_OVERLAP, HIRE_MIN_RECORDS, HIRE_UNSOURCED, HIRE_RANK_BY)

# The offer calculator: "offer_" + each OfferInputs field (present/offer_link.py), and the
# dataset version its share link was made on.
OFFER_PREFIX = "offer_"
OFFER_DATASET = "offer_dataset"
OFFER_KEYS = (*(OFFER_PREFIX + field.name for field in fields(OfferInputs)), OFFER_DATASET)

# Pay ranges: the structure's market and spreads, then the posting.
RANGES_LOCATION = "ranges_location"
RANGES_PERCENTILE = "ranges_percentile"
RANGES_SPREAD_PREFIX = "ranges_spread_"  # + the level in lower case: ranges_spread_senior
RANGES_SPREADS = tuple(RANGES_SPREAD_PREFIX + level.lower() for level in LEVELS)
RANGES_TIERS = "ranges_tiers"
RANGES_LEVEL = "ranges_level"
RANGES_WORK_LOCATION = "ranges_work_location"
RANGES_EMPLOYEES = "ranges_employees"
RANGES_POSTED = "ranges_posted"
RANGES_HIRING_FROM = "ranges_hiring_from"
RANGES_HIRING_TO = "ranges_hiring_to"
RANGES_GOOD_FAITH = "ranges_good_faith"
RANGES_BONUS = "ranges_bonus"
RANGES_EQUITY = "ranges_equity"
RANGES_KEYS = (RANGES_LOCATION, RANGES_PERCENTILE, *RANGES_SPREADS, RANGES_TIERS, RANGES_LEVEL,
               RANGES_WORK_LOCATION, RANGES_EMPLOYEES, RANGES_POSTED, RANGES_HIRING_FROM,
               RANGES_HIRING_TO, RANGES_GOOD_FAITH, RANGES_BONUS, RANGES_EQUITY)

# Keyed by the page's url_path.
PAGE_URL_KEYS: dict[str, tuple[str, ...]] = {
    "data": (DATA_TAB,),
    "offer": OFFER_KEYS,
    "cities": (CITIES_RANK_BY, CITIES_COMPARE),
    "remote": (REMOTE_POLICY_LEVEL, REMOTE_POLICY_PERCENTILE, REMOTE_TIERS, REMOTE_TIER_OVERRIDES,
               REMOTE_TEAM),
    "ranges": RANGES_KEYS,
    "hire_anywhere": HIRE_KEYS,
}
