"""Sign-in, roles and the audit trail: the gate dashboard.py runs before any page, and what a
page asks (may this person do that? note a refusal; record an export).

Two modes, decided by the secrets (.streamlit/secrets.toml, or the files --secrets.files names):
- no [auth] section: the single-person local mode. Nobody signs in; the sidebar says that
  anyone who can reach the server sees everything; the person has the role "local", hr's
  rights (records, downloads, uploads explored in the session), and publishing stays off.
- [auth]: Streamlit's native OpenID Connect (st.login, st.user, st.logout). Every page needs
  sign-in, deep links included; the roles file (paybench.domain.access) gives the role.
  Anything wrong fails closed: a key missing from [auth] (Streamlit would then verify identity
  cookies with a random per-process secret), a cookie_secret under 32 characters, a secrets
  file that exists but does not parse (Streamlit reads that as "no secrets", which would turn
  sign-in off), or a roles file that is missing or has an error.

A signed-out link survives the trip to the provider (remember_return_link, restore_return_link):
Streamlit always ends the sign-in at the app's root, without the link's page or query.
"""

import os
import re
import secrets
import threading
import time
import tomllib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import streamlit as st
from streamlit import config as st_config

from paybench.datasets import audit
from paybench.datasets.audit import Action
from paybench.datasets.dataset import Dataset
from paybench.domain import access as rules_of
from paybench.domain.access import Right, Role
from paybench.domain.privacy import PrivacySettings, parse_privacy
from paybench.paths import PROJECT_ROOT
from paybench.present.formatting import shown

REQUIRED_AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret",
                      "server_metadata_url")
MIN_COOKIE_SECRET_CHARS = 32
ROLES_FILE_SETTING = "PAYBENCH_ROLES_FILE"
DEFAULT_ROLES_FILE = PROJECT_ROOT / ".streamlit" / "roles.toml"
ACCESS_KEY = "_paybench_access"
OPEN_NOTE = ("**No sign-in configured: anyone who can reach this server sees everything.** "
             "Fine on your own machine; configure sign-in before sharing it (README, "
             "“Sign-in, roles and privacy”).")
WHO_CAN = {Role.HR: "HR and admins", Role.ADMIN: "admins"}
RETURN_COOKIE = "paybench_return"
RETURN_TTL_SECONDS = 600
MAX_PENDING_RETURNS = 10_000  # links kept for signed-out sessions; sign-ins remembered
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
COOKIE_PATH = re.compile(r"[A-Za-z0-9/_.-]+")


# ---- is sign-in on? ---------------------------------------------------------------------------

@dataclass(frozen=True)
class AuthMode:
    state: Literal["open", "on", "broken"]
    problem: str = ""


def auth_mode() -> AuthMode:
    """Open only when the secrets have no [auth] section and every secrets file parses. [auth]
    is read through st.secrets, so AppTest's at.secrets counts too."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:  # StreamlitSecretNotFoundError: a secrets file it cannot read
        section = None
    if section is None:
        for path in map(Path, st_config.get_option("secrets.files")):
            if path.is_file():
                try:
                    tomllib.loads(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                    return AuthMode("broken", f"the secrets file {path.name} does not parse")
        return AuthMode("open")
    missing = [key for key in REQUIRED_AUTH_KEYS if not section.get(key)]
    if missing:
        return AuthMode("broken", f"[auth] is missing {', '.join(missing)}")
    cookie_secret = str(section["cookie_secret"])
    if len(cookie_secret) < MIN_COOKIE_SECRET_CHARS:
        return AuthMode("broken", f"[auth] cookie_secret is shorter than "
                                  f"{MIN_COOKIE_SECRET_CHARS} characters")
    if any(character.isspace() for character in cookie_secret):
        return AuthMode("broken", "[auth] cookie_secret has spaces: it is still the example's "
                                  "placeholder, or not a generated secret")
    return AuthMode("on")


# ---- the roles file ---------------------------------------------------------------------------

def roles_file() -> Path:
    """$PAYBENCH_ROLES_FILE, else .streamlit/roles.toml."""
    return Path(os.environ.get(ROLES_FILE_SETTING) or DEFAULT_ROLES_FILE)


@dataclass(frozen=True)
class Settings:
    rules: rules_of.AccessRules
    privacy: PrivacySettings


def read_settings(path: Path, required: bool) -> Settings:
    """The roles file's rules and privacy settings. Without sign-in the file is optional (its
    [privacy] table still counts); with sign-in a missing file is an error. ValueError says
    what is wrong."""
    if not path.exists():
        if required:
            raise ValueError(f"there is no roles file at {path}")
        return Settings(rules_of.parse_rules({}), PrivacySettings())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path.name} could not be read: {error}") from error
    return Settings(rules_of.parse_rules(data), parse_privacy(data.get("privacy", {})))


# ---- who is asking ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Access:
    """Who is asking and what they may do; made afresh on every run, so a change to the roles
    file takes effect at the person's next click."""

    mode: AuthMode
    role: Role | None = None
    who: str = ""
    signed_in: bool = False
    problem: str = ""  # the roles file could not be used
    expired: bool = False  # signed in longer ago than the roles file allows
    issued_at: str = ""  # the ID token's iat: one sign-in
    privacy: PrivacySettings = field(default_factory=PrivacySettings)

    @property
    def allowed(self) -> bool:
        return (self.mode.state != "broken" and not self.problem and not self.expired
                and self.role is not None)


NO_ACCESS = Access(AuthMode("broken", "the page ran before the sign-in check"))


def check_access() -> Access:
    """Who is asking, with no output: dashboard.py calls it before st.navigation, to show the
    menu only to those allowed in."""
    mode = auth_mode()
    if mode.state == "broken":
        return Access(mode)
    try:
        settings = read_settings(roles_file(), required=mode.state == "on")
    except ValueError as error:
        settings, problem = None, f"The roles file could not be used: {error}"
    else:
        problem = ""
    privacy = settings.privacy if settings else PrivacySettings()
    if mode.state == "open":
        return Access(mode, role=Role.LOCAL, who="local", problem=problem, privacy=privacy)
    if not st.user.is_logged_in:
        return Access(mode, privacy=privacy)
    claims = st.user.to_dict()
    who = rules_of.who(claims)
    if settings is None:
        return Access(mode, who=who, signed_in=True, problem=problem)
    return Access(mode, role=rules_of.role_for(claims, settings.rules), who=who, signed_in=True,
                  expired=rules_of.sign_in_expired(claims, time.time(),
                                                   settings.rules.sign_in_hours),
                  issued_at=str(claims.get("iat", "")), privacy=privacy)


def require_sign_in(access: Access, page: st.Page, pages: list[st.Page]) -> None:
    """The gate: dashboard.py calls it after st.navigation (which resolves the page a link
    names) and before anything reads data. It stops the run unless the person may go on."""
    st.session_state[ACCESS_KEY] = access
    if access.mode.state == "broken":
        st.error(f"**Sign-in is misconfigured:** {access.mode.problem}. Nothing is shown until "
                 "it is fixed.", icon=":material/lock:")
        st.stop()
    if access.mode.state == "open" and not access.problem:
        st.sidebar.warning(OPEN_NOTE, icon=":material/lock_open:")
        return
    if access.mode.state == "on" and not access.signed_in:
        _sign_in_screen(page, "Salary data is for signed-in colleagues. Sign in to continue"
                        + (" to the page this link opens." if page.url_path or st.query_params
                           else "."))
    if access.problem:
        st.error(f"**{shown(access.problem, limit=None)}** Nothing is shown until it is fixed.",
                 icon=":material/lock:")
        st.stop()
    if access.expired:
        _sign_in_screen(page, "Your sign-in is older than this server allows. Sign in again "
                        "to continue.")
    if access.role is None:
        _audit_once(f"denied:{access.who}", Action.DENIED, "sign-in: no rule of the roles "
                    "file names this account")
        st.title("No access")
        st.error(f"**{shown(access.who, limit=None)} has no access to salary data.** Ask an "
                 "admin to add you to the roles file.", icon=":material/block:")
        st.button("Sign out", on_click=st.logout, icon=":material/logout:")
        st.stop()
    restore_return_link(page, pages)
    _audit_sign_in(access)
    with st.sidebar:
        st.caption(f"Signed in as **{shown(access.who, limit=None)}** · role **{access.role}**")
        st.button("Sign out", on_click=st.logout, icon=":material/logout:", key="sign_out")


def _sign_in_screen(page: st.Page, text: str) -> None:
    st.title("Sign in")
    st.write(text)
    remember_return_link(page.url_path)
    st.button("Sign in", type="primary", icon=":material/login:", on_click=st.login)
    st.stop()


# ---- what a page asks -------------------------------------------------------------------------

def current() -> Access:
    """The access the gate settled on this run; none at all if the gate has not run."""
    found = st.session_state.get(ACCESS_KEY)
    return found if isinstance(found, Access) else NO_ACCESS


def may(right: Right) -> bool:
    person = current()
    return person.allowed and rules_of.may(person.role, right)


def is_real(dataset: Dataset) -> bool:
    """Real people's pay (privacy rules apply): every dataset but the calibrated sample, and a
    file that says nothing of itself."""
    return dataset.provenance is None or dataset.provenance.is_real


def may_list_records(dataset: Dataset) -> bool:
    person = current()
    return person.allowed and rules_of.may_list_records(person.role, is_real(dataset))


def refuse(what: str, right: Right, dataset: Dataset | None = None, audit_it: bool = True) -> None:
    """Say on the page that the person may not see this, and why; nothing of it is sent. The
    attempt goes to the audit log once per session (audit_it=False when the page shows the
    note without the person asking for it, e.g. a tab they have not opened)."""
    person = current()
    if person.role == Role.LOCAL:
        st.info(f"**{what} needs sign-in with the {rules_of.lowest_role_with(right)} role**, "
                "and no sign-in is configured on this server. On your own machine, "
                "`python -m paybench import` makes a dataset; the README says how to configure "
                "sign-in.", icon=":material/lock:")
    else:
        st.info(f"**{what} is for {WHO_CAN[rules_of.lowest_role_with(right)]} only.** You are "
                f"signed in as {shown(person.who, limit=None)} with the role "
                f"{person.role or 'none'}.", icon=":material/lock:")
    if audit_it:
        _audit_once(f"denied:{what}:{dataset.name if dataset else ''}", Action.DENIED, what,
                    dataset)


def record(action: Action, what: str, dataset: Dataset | None = None,
           version: str | None = None) -> None:
    """One entry in the audit log, as the person on this run."""
    person = current()
    audit.append(audit.make_entry(action, person.who, str(person.role), what,
                                  dataset.name if dataset else "",
                                  version or (dataset.version if dataset else "")))


def download_button(label: str, make_data: Callable[[], bytes | str], *, what: str,
                    dataset: Dataset, file_name: str, mime: str, key: str, icon: str) -> None:
    """A download whose file is made when it is clicked, and each click writes one export
    entry to the audit log. (The file is not made, nor its data sent, before the click.)"""
    entry = {"action": Action.EXPORT, "who": current().who, "role": str(current().role),
             "what": what, "dataset": dataset.name, "version": dataset.version}

    def made_on_click() -> bytes | str:
        audit.append(audit.make_entry(**entry))
        return make_data()

    st.download_button(label, made_on_click, file_name=file_name, mime=mime, key=key,
                       on_click="ignore", icon=icon)


def _audit_once(key: str, action: Action, what: str, dataset: Dataset | None = None) -> None:
    done = st.session_state.setdefault("_audited", set())
    if key not in done:
        done.add(key)
        record(action, what, dataset)


@st.cache_resource
def _sign_ins_seen() -> tuple[threading.Lock, OrderedDict]:
    return threading.Lock(), OrderedDict()


def _audit_sign_in(access: Access) -> None:
    """One entry per sign-in: per person and ID token, not per browser tab or reload (each is a
    new session). After a restart, a sign-in still in its cookie is logged once more."""
    if st.session_state.get("_sign_in_audited"):
        return
    st.session_state["_sign_in_audited"] = True
    lock, seen = _sign_ins_seen()
    key = (access.who, access.issued_at)
    with lock:
        if key in seen:
            return
        seen[key] = True
        while len(seen) > MAX_PENDING_RETURNS:
            seen.popitem(last=False)
    record(Action.SIGN_IN, "signed in")


# ---- the return link: a shared link survives the trip to the provider -------------------------
# After the provider, Streamlit's /oauth2callback always redirects to the app's root, without
# the link's page or query, and the browser opens a new session (session_state is empty). So
# the signed-out session keeps the page and its query on the server under a random token, and
# sets that token in a short-lived cookie; the first run of the signed-in session at the root
# takes the entry once and switches to that page with that query.


@st.cache_resource
def _pending_returns() -> tuple[threading.Lock, dict[str, tuple[float, str, list]]]:
    return threading.Lock(), {}


def remember_return_link(url_path: str) -> None:
    lock, pending = _pending_returns()
    query = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    token = st.session_state.setdefault("_return_token", secrets.token_urlsafe(24))
    now = time.monotonic()
    with lock:
        for old in [t for t, (expires, *_) in pending.items() if expires < now]:
            del pending[old]
        if token not in pending and len(pending) >= MAX_PENDING_RETURNS:
            return  # full: sign-in still works, and lands on the default page
        pending[token] = (now + RETURN_TTL_SECONDS, url_path, query)
    st.html(return_cookie_script(token, _cookie_path()), unsafe_allow_javascript=True)


def return_cookie_script(token: str, path: str) -> str:
    """The one script the app runs: it sets the cookie that holds the token (Python cannot set
    a cookie; st.context.cookies is read-only). Nothing in it comes from the user: the token is
    made here (letters, digits, - and _) and the path from the server's config. Two signed-out
    tabs share the cookie, so each sets it again when it gets focus, a click or a key press
    (capture phase, before the Sign in button's handler): the tab where Sign in is clicked owns
    it. Not HttpOnly, as a script sets it; it holds only an opaque, single-use token."""
    if not TOKEN.fullmatch(token) or not COOKIE_PATH.fullmatch(path):
        raise ValueError("not a token and a cookie path")
    cookie = (f"{RETURN_COOKIE}={token}; path={path}; max-age={RETURN_TTL_SECONDS}; "
              "samesite=lax")
    return ("<script>(() => { const remember = () => { document.cookie = \"" + cookie
            + "\"; }; remember(); for (const event of [\"focus\", \"pointerdown\", \"keydown\"]) "
            "{ window.addEventListener(event, remember, true); } })();</script>")


def _cookie_path() -> str:
    base = (st_config.get_option("server.baseUrlPath") or "").strip("/")
    base = "".join(c for c in base if COOKIE_PATH.fullmatch(c))
    return f"/{base}" if base else "/"


def restore_return_link(page: st.Page, pages: list[st.Page]) -> None:
    """In the first run of a signed-in session that starts where the sign-in lands (the app's
    root, no query), switch to the remembered page and query, once. A session opened on any
    other link keeps that link, and leaves the token to the tab it belongs to."""
    if st.session_state.get("_return_checked"):
        return
    st.session_state["_return_checked"] = True
    if page.url_path or st.query_params:  # the default page has url_path ""
        return
    token = st.context.cookies.get(RETURN_COOKIE)
    if not token:
        return
    lock, pending = _pending_returns()
    with lock:
        entry = pending.pop(token, None)
    if entry is None or entry[0] < time.monotonic():
        return
    _, url_path, query = entry
    target = next((p for p in pages if p.url_path == url_path), None)
    if target is None:
        return
    by_key: dict[str, list[str]] = {}
    for key, value in query:
        by_key.setdefault(key, []).append(value)
    st.switch_page(target, query_params=by_key)
