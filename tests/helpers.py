"""What the tests share: the project's paths and pages, a few constants, the AppTest helpers
and reading the offer summary PDF back. Fixtures live in conftest.py."""

import itertools
import re
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from paybench.app import navigation
from paybench.domain.offer import MarketBand, Percentiles
from paybench.tools import apptest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGES = navigation.page_files()
MLE = "Machine Learning Engineer"
MESSY = PROJECT_ROOT / "tests" / "data" / "messy_salaries.csv"

# Parameters beyond the dataset path and the global filters, with a typical value.
REPORTED = {"aging": None}  # amounts as reported: a query's $aging when no view chose one
EXTRA_PARAMETERS = {**REPORTED, "city": [], "bin_width": 10_000, "limit": 50, "target_percentile": 60.0,
                    "total_comp": 150_000.0, "cities_compare": ["Seattle", "Austin"],
                    "remote_policy_percentile": 50, "midpoint_percentile": 50.0,
                    "interval_quantiles": [0.2, 0.3, 0.45, 0.55, 0.7, 0.8],
                    "city_ranks": [{"city": "Seattle", "ranks": [1, 2, 3, 4, 5, 6]}],
                    # one market cell of the Hire anywhere page: US ML engineers, with the
                    # median's interval ranks (6, 15) of n = 20 picked from $probabilities
                    "cells": [{"key": "US", "country": "US", "roles": [MLE], "levels": [],
                               "work_arrangements": [], "cities": [], "picks": [0, 0, 1, 2, 0, 0]}],
                    "probabilities": [0.275, 0.725]}


def aged_to_this_year(records):
    """Records with their amounts aged to 1 January of this year as the Offer page shows them
    by default, computed here from the budgets file by the stated rule (pay taken at 1 July of
    the record's year; each year in between at its budget, month by month)."""
    budgets = pd.read_csv(PROJECT_ROOT / "data" / "calibration" / "salary_increase_budgets.csv")
    rate = dict(zip(budgets["year"], budgets["budget_pct"], strict=True))
    effective = date.today().year

    def factor(year: int) -> float:
        return (1 + rate[year]) ** 0.5 * float(np.prod([1 + rate[y]
                                                        for y in range(year + 1, effective)]))

    by_year = records["year"].map(factor)
    return records.assign(**{column: records[column] * by_year
                             for column in ("base_salary", "bonus", "equity", "total_comp")})


def reported(filters, **extra) -> dict:
    """A filtered query's parameters with amounts as reported."""
    return {**filters.sql_params(), **REPORTED, **extra}


# A band like MLE · Senior · Seattle in the shipped data, rounded for hand arithmetic.
BAND = MarketBand(
    n=400, target_percentile=60,
    base=Percentiles(110_000, 130_000, 160_000, 190_000, 230_000),
    total_comp=Percentiles(140_000, 170_000, 200_000, 245_000, 290_000),
    base_at_target=170_000, total_comp_at_target=215_000,
    mean_base=165_000, mean_bonus=16_500, mean_equity=26_000,
)


# ---- AppTest ----------------------------------------------------------------------------------

def open_app(query: dict | None = None, page: str | None = None) -> AppTest:
    """Run the app from its entrypoint with the given link parameters, optionally on a page
    (its file path, e.g. "pages/data.py"), and assert it raised nothing."""
    at = apptest.open_app(query, page)
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    """The displayed value of the metric with this label."""
    return next(m.value for m in at.metric if m.label == label)


def open_link(page: str, query: dict | None = None) -> AppTest:
    """A link straight to a page: the page first, then its link parameters."""
    return open_app(query, page)


# ---- sign-in under AppTest --------------------------------------------------------------------
# at.secrets supplies [auth] (nothing is contacted: AppTest never calls st.login), at.user plays
# st.user. The roles file is the `roles_file` fixture's (conftest.py): one person per role.

AUTH_SECRETS = {"auth": {
    "redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "k" * 40,
    "client_id": "paybench-test", "client_secret": "x" * 8,
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}}
ROLES_TOML = """
[admin]
emails = ["ada@example.com"]
[hr]
groups = ["hr"]
[viewer]
domains = ["example.com"]
"""
PEOPLE = {  # claims as a provider sends them; each matches one rule above
    "viewer": {"email": "vic@example.com"},
    "hr": {"email": "hana@elsewhere.test", "groups": ["staff", "hr"]},
    "admin": {"email": "ada@example.com"},
    None: {"email": "mallory@elsewhere.test"},  # no rule: denied
}


_SIGN_INS = itertools.count()


def signed_in(role: str | None, **claims) -> dict:
    """st.user for a person who has just signed in with the role's claims: each call is a new
    sign-in (its own ID token time), as the audit log counts them."""
    # now minus three hours, plus a counter: time never goes back and the counter always
    # goes up, so no two calls share a time (now minus the counter could: a second later, one
    # more call); three hours back keeps it well inside the sign-in's 12 hours
    issued = int(time.time()) - 3 * 3600 + next(_SIGN_INS)
    return {"is_logged_in": True, "email_verified": True, "iat": issued, "sub": f"sub-{role}",
            **PEOPLE[role], **claims}


def open_as(role: str | None, query: dict | None = None, page: str | None = None,
            **claims) -> AppTest:
    """The app with sign-in on, as the person who has `role` (None: no rule names them)."""
    at = apptest.open_app(query, page, secrets=AUTH_SECRETS, user=signed_in(role, **claims))
    assert not at.exception, at.exception
    return at


# ---- the offer summary PDF --------------------------------------------------------------------
# fpdf2 writes it uncompressed, with each line of text as a "(...) Tj" string, so the text can
# be read back without a PDF library.

_TEXT = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")
_ESCAPE = re.compile(rb"\\(.)")


def check_pdf_structure(data: bytes) -> None:
    """A PDF a reader opens: the header, the end marker, and a cross-reference table where
    startxref says it is."""
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    offset = int(re.search(rb"startxref\s+(\d+)", data).group(1))
    assert data[offset:offset + 4] == b"xref"


def pdf_page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def pdf_text(data: bytes) -> str:
    """Every line of text on the pages, joined by spaces (a wrapped value reads whole again)."""
    lines = [_ESCAPE.sub(rb"\1", match).decode("latin-1") for match in _TEXT.findall(data)]
    return " ".join(" ".join(lines).split())
