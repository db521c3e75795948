"""Roles from a roles file, and what each role may do: pure functions, table-driven."""

import pytest

from paybench.domain import access
from paybench.domain.access import Right, Role

RULES = access.parse_rules({
    "admin": {"emails": ["Ada@Example.com"]},
    "hr": {"groups": ["HR-Compensation"], "emails": ["hana@elsewhere.test"]},
    "viewer": {"domains": ["@example.com", "partner.test"]},
})


@pytest.mark.parametrize(("claims", "role"), [
    ({"email": "ada@example.com"}, Role.ADMIN),                          # email, any case
    ({"email": " ADA@example.com "}, Role.ADMIN),                        # spaces trimmed
    ({"email": "hana@elsewhere.test"}, Role.HR),                         # hr by email
    ({"email": "gus@other.test", "groups": ["staff", "hr-compensation"]}, Role.HR),  # group
    ({"email": "gus@other.test", "groups": "HR-Compensation"}, Role.HR),  # a single group
    ({"email": "vic@example.com"}, Role.VIEWER),                         # domain ("@" dropped)
    ({"email": "pat@partner.test"}, Role.VIEWER),
    ({"email": "vic@example.com", "groups": ["hr-compensation"]}, Role.HR),  # highest wins
    ({"email": "ada@example.com", "groups": ["hr-compensation"]}, Role.ADMIN),
    ({"email": "eve@example.com", "email_verified": False}, None),      # unverified domain
    ({"email": "eve@example.com", "email_verified": "false"}, None),
    ({"email": "ada@example.com", "email_verified": False}, Role.ADMIN),  # exact email still
    ({"email": "vic@sub.example.com"}, None),                            # not a subdomain
    ({"email": "mallory@evil.test"}, None),                              # no rule
    ({"email": "example.com"}, None),                                    # no @: no domain
    ({}, None),
    ({"groups": ["staff"]}, None),
])
def test_role_for_claims(claims, role):
    assert access.role_for(claims, RULES) == role


def test_an_unlisted_person_is_denied_or_a_viewer_as_the_file_says():
    assert access.role_for({"email": "x@y.test"}, access.parse_rules({})) is None
    assert access.role_for({"email": "x@y.test"},
                           access.parse_rules({"unlisted": "viewer"})) == Role.VIEWER


def test_the_groups_claim_can_be_named():
    rules = access.parse_rules({"groups_claim": "roles", "hr": {"groups": ["Pay.Read"]}})
    assert access.role_for({"email": "a@b.test", "roles": ["pay.read"]}, rules) == Role.HR
    assert access.role_for({"email": "a@b.test", "groups": ["pay.read"]}, rules) is None


@pytest.mark.parametrize(("data", "message"), [
    ({"admins": {"emails": ["a@b.test"]}}, "unknown entries ['admins']"),
    ({"local": {"emails": ["a@b.test"]}}, "unknown entries ['local']"),  # not grantable
    ({"hr": {"email": ["a@b.test"]}}, "unknown keys ['email']"),
    ({"hr": {"emails": "a@b.test"}}, "must be a list of strings"),
    ({"hr": ["a@b.test"]}, "must be a table"),
    ({"unlisted": "hr"}, "use \"deny\" or \"viewer\""),
    ({"groups_claim": ""}, "groups_claim"),
    ({"sign_in_hours": 0}, "sign_in_hours"),
    ({"sign_in_hours": True}, "sign_in_hours"),
])
def test_a_mistake_in_the_roles_file_is_an_error_not_a_guess(data, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        access.parse_rules(data)


# What each role may do: the matrix the README states.
MATRIX = {
    #                          viewer  hr     admin  local
    Right.SEE_AGGREGATES:     (True,  True,  True,  True),
    Right.LIST_REAL_RECORDS:  (False, True,  True,  True),
    Right.DOWNLOAD_DOCUMENTS:     (False, True,  True,  True),
    Right.EXPLORE_UPLOAD:     (False, True,  True,  True),
    Right.PUBLISH_DATASET:    (False, False, True,  False),
    Right.MANAGE_DATASETS:    (False, False, True,  False),
    Right.READ_AUDIT_LOG:     (False, False, True,  False),
}


@pytest.mark.parametrize("right", list(MATRIX))
def test_rights_of_each_role(right):
    roles = (Role.VIEWER, Role.HR, Role.ADMIN, Role.LOCAL)
    assert tuple(access.may(role, right) for role in roles) == MATRIX[right]
    assert access.may(None, right) is False


@pytest.mark.parametrize(("role", "real", "listed"), [
    (Role.VIEWER, False, True),   # the calibrated sample is the demo: everyone sees its records
    (Role.VIEWER, True, False),
    (Role.HR, True, True),
    (Role.ADMIN, True, True),
    (Role.LOCAL, True, True),
    (None, False, False),         # nobody allowed in sees nothing
])
def test_record_listing_depends_on_role_and_on_the_data_being_real(role, real, listed):
    assert access.may_list_records(role, real) is listed


def test_whom_to_ask():
    assert access.lowest_role_with(Right.DOWNLOAD_DOCUMENTS) == Role.HR
    assert access.lowest_role_with(Right.READ_AUDIT_LOG) == Role.ADMIN


@pytest.mark.parametrize(("claims", "now", "hours", "expired"), [
    ({"iat": 1_000_000}, 1_000_000 + 12 * 3600, 12, False),      # exactly 12 hours: still in
    ({"iat": 1_000_000}, 1_000_000 + 12 * 3600 + 1, 12, True),
    ({"iat": 1_000_000.5}, 1_000_100, 1, False),
    ({}, 1_000_000, 12, True),                                     # no iat: fail closed
    ({"iat": "1000000"}, 1_000_000, 12, True),                     # not a number
])
def test_sign_in_age(claims, now, hours, expired):
    assert access.sign_in_expired(claims, now, hours) is expired


@pytest.mark.parametrize(("claims", "name"), [
    ({"email": "Ada@Example.com", "sub": "123"}, "ada@example.com"),
    ({"sub": "123"}, "123"),
    ({}, "unknown"),
])
def test_who(claims, name):
    assert access.who(claims) == name
