"""Who may see what. A signed-in person's role comes from the roles file's rules (by email,
email domain or a groups claim), and each role has a fixed set of rights. Pure: the rules
arrive as the parsed file (a dict), the person as the claims of their ID token.

Roles, lowest first: viewer (aggregates on every page, the offer's figures and link), hr (adds
record-level rows and downloads of real data, the offer's CSV and PDF, uploads explored in
the session), admin (adds publishing an upload for everyone, managing datasets, the audit log).
"local" is no role a file can give: it is the single-person mode with no sign-in configured,
which keeps what the app did before sign-in existed (hr's rights; publishing stays off).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    VIEWER = "viewer"
    HR = "hr"
    ADMIN = "admin"
    LOCAL = "local"  # no sign-in configured: one person on their own machine


GRANTABLE = (Role.VIEWER, Role.HR, Role.ADMIN)  # lowest first; the highest match wins


class Right(StrEnum):
    SEE_AGGREGATES = "see figures over at least the minimum cell size"
    LIST_REAL_RECORDS = "list and download the records of a real dataset"
    DOWNLOAD_DOCUMENTS = "download pricing documents: the offer summary, pay structures, postings"
    EXPLORE_UPLOAD = "upload a file and explore it in the session"
    PUBLISH_DATASET = "publish an upload as everyone's dataset"
    MANAGE_DATASETS = "manage datasets (make a kept version current)"
    READ_AUDIT_LOG = "read the audit log"


_VIEWER = frozenset({Right.SEE_AGGREGATES})
_HR = _VIEWER | {Right.LIST_REAL_RECORDS, Right.DOWNLOAD_DOCUMENTS, Right.EXPLORE_UPLOAD}
_ADMIN = _HR | {Right.PUBLISH_DATASET, Right.MANAGE_DATASETS, Right.READ_AUDIT_LOG}
RIGHTS: Mapping[Role, frozenset[Right]] = {
    Role.VIEWER: _VIEWER,
    Role.HR: _HR,
    Role.ADMIN: _ADMIN,
    Role.LOCAL: _HR,
}


def may(role: Role | None, right: Right) -> bool:
    """Whether the role has the right; no role (not signed in, not allowed in) has none."""
    return role is not None and right in RIGHTS[role]


def may_list_records(role: Role | None, dataset_is_real: bool) -> bool:
    """Record-level rows and downloads: the calibrated sample is the demo, visible to every
    role; the records of a real dataset only to those with the right."""
    if role is None:
        return False
    return not dataset_is_real or may(role, Right.LIST_REAL_RECORDS)


def lowest_role_with(right: Right) -> Role:
    """The lowest grantable role that has the right, to tell a person whom to ask."""
    return next(role for role in GRANTABLE if right in RIGHTS[role])


# ---- the roles file's rules ------------------------------------------------------------------

MATCH_KINDS = ("emails", "domains", "groups")
UNLISTED_CHOICES = {"deny": None, "viewer": Role.VIEWER}
DEFAULT_GROUPS_CLAIM = "groups"
DEFAULT_SIGN_IN_HOURS = 12.0
TOP_LEVEL_KEYS = {"unlisted", "groups_claim", "sign_in_hours", "privacy", *GRANTABLE}


@dataclass(frozen=True)
class Rule:
    """Who gets a role: exact emails, email domains (the part after @) and groups, all
    lower-case."""

    emails: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AccessRules:
    rules: Mapping[Role, Rule]
    unlisted: Role | None = None  # a signed-in person no rule names: None is denied
    groups_claim: str = DEFAULT_GROUPS_CLAIM
    sign_in_hours: float = DEFAULT_SIGN_IN_HOURS  # a sign-in older than this is asked again


def parse_rules(data: Mapping) -> AccessRules:
    """The rules of a parsed roles file; ValueError naming what is wrong, so a typo fails
    closed with a message rather than silently letting someone in or out."""
    unknown = sorted(set(data) - TOP_LEVEL_KEYS)
    if unknown:
        raise ValueError(f"unknown entries {unknown}; a roles file has the tables "
                         f"{[str(role) for role in GRANTABLE]}, [privacy] and the keys "
                         "unlisted, groups_claim, sign_in_hours")
    rules = {role: _rule(role, data.get(str(role), {})) for role in GRANTABLE}
    unlisted = str(data.get("unlisted", "deny"))
    if unlisted not in UNLISTED_CHOICES:
        raise ValueError(f"unlisted = {unlisted!r}: use \"deny\" or \"viewer\"")
    claim = data.get("groups_claim", DEFAULT_GROUPS_CLAIM)
    if not isinstance(claim, str) or not claim:
        raise ValueError("groups_claim must be the name of a claim, e.g. \"groups\"")
    hours = data.get("sign_in_hours", DEFAULT_SIGN_IN_HOURS)
    if isinstance(hours, bool) or not isinstance(hours, int | float) or hours <= 0:
        raise ValueError(f"sign_in_hours = {hours!r}: use a number of hours above 0")
    return AccessRules(rules, UNLISTED_CHOICES[unlisted], claim, float(hours))


def _rule(role: Role, table: object) -> Rule:
    if not isinstance(table, Mapping):
        raise ValueError(f"[{role}] must be a table with {list(MATCH_KINDS)}")
    unknown = sorted(set(table) - set(MATCH_KINDS))
    if unknown:
        raise ValueError(f"[{role}] has unknown keys {unknown}; use {list(MATCH_KINDS)}")
    values = {}
    for kind in MATCH_KINDS:
        listed = table.get(kind, [])
        if not isinstance(listed, list) or not all(isinstance(v, str) for v in listed):
            raise ValueError(f"[{role}] {kind} must be a list of strings")
        cleaned = {value.strip().lower() for value in listed if value.strip()}
        if kind == "domains":
            cleaned = {value.removeprefix("@") for value in cleaned}
        values[kind] = frozenset(cleaned)
    return Rule(**values)


def role_for(claims: Mapping, rules: AccessRules) -> Role | None:
    """The highest role whose rule matches the person's claims; the unlisted setting when none
    does. A domain rule trusts an email only if the provider has not marked it unverified."""
    email = str(claims.get("email") or "").strip().lower()
    verified = claims.get("email_verified", True) not in (False, "false")
    domain = email.rpartition("@")[2] if "@" in email and verified else ""
    raw_groups = claims.get(rules.groups_claim) or []
    groups = {str(g).strip().lower() for g in ([raw_groups] if isinstance(raw_groups, str)
                                                else raw_groups)}
    for role in reversed(GRANTABLE):
        rule = rules.rules[role]
        if ((email and email in rule.emails) or (domain and domain in rule.domains)
                or groups & rule.groups):
            return role
    return rules.unlisted


def who(claims: Mapping) -> str:
    """How a person is named in the sidebar and the audit log: their email, else the
    provider's subject id."""
    return str(claims.get("email") or claims.get("sub") or "unknown").strip().lower()


def sign_in_expired(claims: Mapping, now: float, hours: float) -> bool:
    """Whether the sign-in is older than `hours`, from when the provider issued the ID token
    (`iat`, seconds since 1970). Streamlit's identity cookie lasts 30 days and nothing else
    checks its age, so without this a person removed at the provider stayed signed in for up
    to a month. No `iat` (every OpenID Connect ID token has one) counts as expired."""
    issued = claims.get("iat")
    if isinstance(issued, bool) or not isinstance(issued, int | float):
        return True
    return now - issued > hours * 3600
