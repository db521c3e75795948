"""python -m paybench import: the shipped sample's data is never touched by an import; the
output and the rejects file go where the user says (by default the named dataset,
data/NAME.parquet, with its rejects beside it, never the working tree); the options are
explained."""

import hashlib
import shutil

import pandas as pd
import pytest

from paybench import cli
from paybench.datasets import importer
from paybench.paths import SHIPPED_DATASET
from tests.helpers import MESSY, PROJECT_ROOT

EXPORTS = PROJECT_ROOT / "tests" / "data" / "exports"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sample_bytes():
    """The shipped sample's hash before the test; the test fails if it changed after."""
    before = digest(SHIPPED_DATASET)
    yield before
    assert digest(SHIPPED_DATASET) == before, "an import changed data/salaries.parquet"


def test_no_import_changes_the_shipped_samples_bytes(sample_bytes, tmp_path, capsys):
    # every export of the corpus, through the command line, to the default output
    for export in sorted(EXPORTS.glob("*.csv")):
        assert cli.main(["import", str(export), "--set", "year=2026", "--name", "corpus",
                         "--output", str(tmp_path / "imported.parquet")]) == 0
    # naming the sample as the output is refused, by the command line and by the importer
    with pytest.raises(SystemExit, match="--replace-sample"):
        cli.main(["import", str(MESSY), "--name", "messy", "--output", str(SHIPPED_DATASET)])
    with pytest.raises(importer.ImportFailed, match="shipped calibrated sample"):
        importer.import_file(MESSY, SHIPPED_DATASET, importer.ImportOptions())
    assert not (SHIPPED_DATASET.parent / "salaries-rejects.csv").exists()


def test_the_default_output_is_a_dataset_of_its_own_with_its_rejects_beside_it(
        tmp_path, monkeypatch, sample_bytes):
    monkeypatch.setenv("PAYBENCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["import", str(MESSY), "--name", "imported"]) == 0
    assert (tmp_path / "data" / "imported.parquet").exists()
    rejects = pd.read_csv(tmp_path / "data" / "imported-rejects.csv")
    assert set(rejects.columns) == {"row", "column", "value", "reason", "detail"}
    assert not (tmp_path / "import-rejects.csv").exists()


def test_the_rejects_go_where_the_user_says(tmp_path):
    target = tmp_path / "out" / "rejected.csv"
    assert cli.main(["import", str(MESSY), "--name", "messy",
                     "--output", str(tmp_path / "o.parquet"), "--rejects", str(target)]) == 0
    assert len(pd.read_csv(target)) == 8


def test_replacing_the_sample_needs_the_flag(tmp_path, monkeypatch):
    """On a copy standing in for the sample: refused without --replace-sample, done with it."""
    copy = tmp_path / "salaries.parquet"
    shutil.copyfile(SHIPPED_DATASET, copy)
    monkeypatch.setattr(importer, "SHIPPED_DATASET", copy)
    before = digest(copy)
    assert cli.main(["import", str(MESSY), "--name", "sample", "--output", str(copy)]) == 2
    assert digest(copy) == before
    assert cli.main(["import", str(MESSY), "--name", "sample", "--output", str(copy),
                     "--replace-sample"]) == 0
    assert digest(copy) != before


def test_the_import_options_are_explained():
    parser = cli.parser()
    verb = next(action for action in parser._subparsers._group_actions[0].choices.values()
                if action.prog.endswith("import"))
    helps = {action.dest: action.help for action in verb._actions}
    for option in ("output", "rejects", "map", "duplicates", "hours_per_year", "number_style",
                   "replace_sample"):
        assert helps[option], option


def test_map_fixes_a_wrong_guess_and_duplicates_and_hours_are_options(tmp_path, capsys):
    export = EXPORTS / "workday_worker_compensation.csv"
    assert cli.main(["import", str(export), "--name", "workday", "--set", "year=2026",
                     "--map", "role=Job Profile",
                     "--duplicates", "reject-both", "--hours-per-year", "1800",
                     "--output", str(tmp_path / "o.parquet")]) == 0
    printed = capsys.readouterr().out
    assert "Job Profile → role" in printed
    assert "every row of each rejected" in printed
    assert "an hourly rate is a year of 1,800 hours" in printed
