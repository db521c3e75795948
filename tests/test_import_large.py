"""A 100 MB file imports streamed, with progress, within the memory bound; killing an import
midway leaves the current dataset as it was."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from paybench.datasets import sample
from paybench.datasets.dataset import file_version, to_arrow, write_parquet_atomic
from tests.helpers import PROJECT_ROOT

pytestmark = pytest.mark.slow

LARGE_ROWS = 850_000          # about 105 MB of CSV
MEMORY_BOUND_MB = 1_024       # README: an import of any size stays under 1 GB


@pytest.fixture(scope="module")
def large_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large") / "large.csv"
    records = sample.generate(LARGE_ROWS, seed=9).drop(columns=["record_id", "source", "total_comp"])
    records.to_csv(path, index=False)
    return path


def import_command(source: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "paybench", "import", str(source), "--name", "large",
            "--output", str(output), "--rejects", str(output.parent / "rejects.csv")]


# Runs the CLI in a process of its own and prints that process's peak memory at the end.
MEASURED_IMPORT = """
import resource, runpy, sys
sys.argv = ["paybench", *sys.argv[1:]]
try:
    runpy.run_module("paybench", run_name="__main__")
finally:
    print(f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def test_a_100_mb_file_imports_with_progress_within_the_memory_bound(large_csv, tmp_path):
    assert large_csv.stat().st_size > 100 * 1024 * 1024
    output = tmp_path / "salaries.parquet"
    command = [sys.executable, "-c", MEASURED_IMPORT, *import_command(large_csv, output)[3:]]
    result = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert f"rows kept: {LARGE_ROWS:,}" in result.stdout
    progress_lines = [line for line in result.stderr.splitlines() if "% read" in line]
    assert len(progress_lines) >= 5  # a line every 10% when not on a terminal
    peak_mb = int(result.stdout.rsplit("peak_rss_mb=", 1)[1])
    assert peak_mb < MEMORY_BOUND_MB


def test_killing_an_import_midway_changes_nothing(large_csv, tmp_path):
    output = tmp_path / "salaries.parquet"
    write_parquet_atomic(to_arrow(sample.generate(1_000, seed=2)), output)
    before, version = output.read_bytes(), file_version(output)
    process = subprocess.Popen(import_command(large_csv, output), cwd=PROJECT_ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    staging = f".{output.stem}.{process.pid}.staging.parquet"
    deadline = time.monotonic() + 60
    while not (tmp_path / staging).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (tmp_path / staging).exists(), "the import never started staging"
    time.sleep(1.0)  # well into reading the file
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert output.read_bytes() == before and file_version(output) == version

    small = tmp_path / "small.csv"
    small.write_text("role,level,base_salary,year\nAI Engineer,Senior,160000,2025\n")
    subprocess.run(import_command(small, output), cwd=PROJECT_ROOT, check=True,
                   capture_output=True)
    assert not (tmp_path / staging).exists(), "the killed import's staging file was not removed"
    assert file_version(output) != version
