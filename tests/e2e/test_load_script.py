"""The load script keeps working: two browser sessions for a few seconds change filters with no
error. Its timings are reported, not asserted."""

import subprocess
import sys

import pytest

from tests.helpers import PROJECT_ROOT

pytestmark = pytest.mark.e2e


def test_load_script_runs_two_sessions():
    result = subprocess.run(
        [sys.executable, "-m", "paybench", "load", "--sessions", "2", "--seconds", "5"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "errors: 0" in result.stdout and "p95" in result.stdout
