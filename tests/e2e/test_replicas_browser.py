"""Two replicas behind HAProxy, as the README deploys them (started by the load script's own
code): a browser gets the app through the balancer, is given a replica by a cookie and stays on
it (its websocket and every later request), and a filter change works there. Skipped when
Debian's haproxy is not installed (.ci/run installs it)."""

import shutil

import pytest
from playwright.sync_api import expect

from paybench.tools.load import serving
from tests.e2e.helpers import choose, metric_value, open_view

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(shutil.which("haproxy") is None,
                                 reason="needs Debian's haproxy (apt-get install haproxy)")]


def test_a_browser_sticks_to_one_replica_through_the_balancer(browser, tmp_path):
    with serving(None, 2, tmp_path) as (url, pids):
        assert len(pids) == 2
        context = browser.new_context(viewport={"width": 1400, "height": 1800})
        page = context.new_page()
        open_view(page, f"{url}/", "Overview")
        cookie = {c["name"]: c["value"] for c in context.cookies()}.get("PAYBENCH_REPLICA")
        assert cookie in {"replica1", "replica2"}
        records = metric_value(page, "Records")
        choose(page, "Level", "Senior")
        shown = page.get_by_test_id("stMetric").filter(has_text="Records")
        expect(shown.get_by_test_id("stMetricValue")).not_to_have_text(records, timeout=30_000)
        page.reload()
        open_view(page, f"{url}/?level=Senior", "Overview")
        assert {c["name"]: c["value"] for c in context.cookies()}["PAYBENCH_REPLICA"] == cookie
        context.close()
        config = (tmp_path / "haproxy.cfg").read_text()
        assert "cookie PAYBENCH_REPLICA insert" in config and config.count("server replica") == 2
