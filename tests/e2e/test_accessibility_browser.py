"""Every page, in its main states and on both shipped datasets, checked by axe-core (bundled by
the PyPI package axe-playwright-python, run inside the page, offline): no serious or critical
violation, headings in order, and every chart has a title and an accessible name.

Every view's counts by impact go to test-artifacts/axe-report.json, for a person to read."""

import json
from collections import Counter
from itertools import pairwise

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from paybench.app import navigation
from tests.e2e.helpers import open_view, upload_and_check, wait_for_app
from tests.helpers import MESSY

pytestmark = pytest.mark.e2e

AXE = Axe()
IMPACTS = ("critical", "serious", "moderate", "minor")
TITLES = {spec.url_path: spec.title for spec in navigation.PAGES}  # every page of the menu
# A selection the shipped sample has no record of, and one with fewer than 5.
EMPTY = ("role=AI+Engineer&year=2022&year=2022&level=Principal&industry=Cybersecurity"
         "&company_size=Small")
THIN = "city=Madison&level=Principal&industry=Manufacturing"
FILTERED = "level=Senior&city=Seattle&city=San+Francisco&city=Austin&work_arrangement=Onsite"
OFFER_SET = ("offer_level=Staff&offer_city=Seattle&offer_equity_type=Grant"
             "&offer_grant_value=300000&offer_vesting=Front-loaded&offer_sign_on=30000")
# view name -> (page, query string)
VIEWS = {
    **{f"{page or 'overview'}": (page, "") for page in TITLES},
    "data-about": ("data", "data_tab=About+this+data"),
    "data-import": ("data", "data_tab=Import+your+data"),
    **{f"{page or 'overview'}-filtered": (page, FILTERED) for page in ("", "cities", "remote",
                                                                      "data")},
    "offer-filled": ("offer", OFFER_SET),
    **{f"{page or 'overview'}-empty": (page, EMPTY) for page in ("", "cities", "remote", "data")},
    **{f"{page or 'overview'}-thin": (page, THIN) for page in ("", "cities", "remote")},
    "offer-thin-remote-cell": ("offer", "offer_city=Charlotte&offer_work_arrangement=Remote"),
    "ranges-remote-posting": ("ranges", "ranges_location=City%3A+Seattle&ranges_level=Senior"
                              "&ranges_work_location=Remote%3A+anywhere+in+the+US"),
    "ranges-thin": ("ranges", THIN),
    "hire_anywhere-aijobs-senior": ("hire_anywhere", "dataset=aijobs&level=Senior"
                                    "&hire_min_records=30"),
    **{f"{page or 'overview'}-aijobs": (page, "dataset=aijobs") for page in TITLES},
    "data-about-aijobs": ("data", "dataset=aijobs&data_tab=About+this+data"),
}


@pytest.fixture(scope="module")
def axe_report(artifacts):
    """View -> counts of violating elements by impact, written out when the module ends."""
    report: dict[str, dict] = {}
    yield report
    path = artifacts.parent / "axe-report.json"
    path.write_text(json.dumps(dict(sorted(report.items())), indent=2) + "\n")


def lay_out_everything(page: Page) -> None:
    """Make the window as tall as the page's main area (which scrolls inside the window), so
    that axe sees every element laid out and on screen."""
    height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(height, 1000)})
    wait_for_app(page)


def check(page: Page, view: str, report: dict) -> None:
    lay_out_everything(page)
    violations = AXE.run(page).response["violations"]
    counts = Counter()
    for violation in violations:
        counts[violation["impact"]] += len(violation["nodes"])
    report[view] = {"counts": {impact: counts[impact] for impact in IMPACTS},
                    "rules": sorted({f"{v['id']} ({v['impact']})" for v in violations})}
    serious = [(v["id"], v["impact"], [node["target"] for node in v["nodes"][:3]])
               for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert [v["id"] for v in violations if v["id"] == "heading-order"] == []
    check_charts(page)


def check_charts(page: Page) -> None:
    """Every chart is a figure with an accessible name and shows a title."""
    charts = page.get_by_test_id("stPlotlyChart")
    for index in range(charts.count()):
        chart = charts.nth(index)
        expect(chart).to_have_attribute("role", "figure")
        name = chart.get_attribute("aria-label") or ""
        assert len(name) > 20, f"chart {index} has no accessible name that says what it shows"
        expect(chart.locator(".gtitle")).not_to_have_text("")


@pytest.mark.parametrize("view", list(VIEWS))
def test_no_serious_accessibility_violation(server, page, axe_report, view):
    path, query = VIEWS[view]
    open_view(page, f"{server.url}/{path}" + (f"?{query}" if query else ""), TITLES[path])
    check(page, view, axe_report)


def test_the_upload_report_has_no_serious_accessibility_violation(server, page, axe_report):
    upload_and_check(page, server.url, MESSY)
    wait_for_app(page)
    check(page, "data-upload-report", axe_report)


def test_headings_go_down_one_level_at_a_time(server, page):
    """h1 (the page title), then h2 sections, h3 within them: never a level skipped."""
    for path, title in TITLES.items():
        open_view(page, f"{server.url}/{path}", title)
        levels = page.get_by_test_id("stMain").locator("h1, h2, h3, h4, h5, h6").evaluate_all(
            "headings => headings.map(h => Number(h.tagName[1]))")
        assert levels[0] == 1, title
        jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
        assert jumps == [], f"{title}: {levels}"
