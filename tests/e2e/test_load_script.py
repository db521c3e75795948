"""The load scripts keep working: two browser sessions for a few seconds change filters with no
error; two websocket sessions each make two filter changes with no error. Timings are reported,
not asserted."""

import subprocess
import sys

import pytest

from tests.helpers import PROJECT_ROOT

pytestmark = pytest.mark.e2e


def test_load_script_runs_two_sessions():
    result = subprocess.run(
        [sys.executable, "-m", "paybench", "load", "--browser", "--sessions", "2", "--seconds",
         "5"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "errors: 0" in result.stdout and "p95" in result.stdout


def test_websocket_load_runs_two_sessions():
    result = subprocess.run(
        [sys.executable, "-m", "paybench", "load", "--sessions", "2", "--changes", "2",
         "--think", "0.2", "--ramp", "0.5"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    table = [line.split() for line in result.stdout.splitlines() if line.startswith("       1")]
    replicas, sessions, changes, errors = (int(x) for x in table[0][:4])
    assert (replicas, sessions, changes, errors) == (1, 2, 4, 0)
    assert "sessions changing a filter every" in result.stdout
