"""Datasets: named files with their provenance; the choice is a link parameter that names a
dataset from the list (never a path) and pins its version; the shipped aijobs.net dataset is
what the importer makes from the raw file; an import never writes over the sample."""

import io
import shutil
import subprocess
import sys
from datetime import date

import pandas as pd
import pytest

from paybench.datasets import dataset, provenance, registry, sample
from paybench.datasets.dataset import archived_path, open_dataset, publish, read_records
from paybench.datasets.provenance import KIND_PUBLIC, KIND_SAMPLE, Provenance
from paybench.domain.aging import Aging
from paybench.paths import DATA_DIR, SHIPPED_DATASET
from paybench.present import export_stamp
from paybench.present.page_keys import DATASET, DATASET_VERSION
from paybench.query import runner
from paybench.query.filters import Filters
from tests.helpers import MLE, PAGES, PROJECT_ROOT, open_app, reported

AIJOBS_RAW = PROJECT_ROOT.parent / "shared" / "data" / "aijobs_salaries_2025-01-19.csv"
AIJOBS = DATA_DIR / "aijobs.parquet"
needs_raw_file = pytest.mark.skipif(not AIJOBS_RAW.exists(),
                                    reason=f"the raw aijobs.net file is not at {AIJOBS_RAW}")


def test_the_app_offers_the_two_shipped_datasets_default_first():
    listing = registry.listing(DATA_DIR, SHIPPED_DATASET)
    assert listing.names()[:1] == ["sample"] and set(listing.names()) >= {"sample", "aijobs"}
    assert listing.default.provenance.kind == KIND_SAMPLE
    public = listing.find("aijobs").provenance
    assert public.kind == KIND_PUBLIC and public.is_real and "CC0" in public.licence
    assert "aijobs.net" in public.source and public.made_on


def test_provenance_round_trips_through_the_footer(tmp_path):
    described = Provenance("hr-2025", "HR export 2025", provenance.KIND_IMPORTED,
                           source="Workday", licence="", method="import", made_on="2026-11-26")
    path = tmp_path / "hr-2025.parquet"
    dataset.write_parquet_atomic(dataset.to_arrow(sample.generate(300, seed=4)), path, described)
    assert open_dataset(path).provenance == described
    assert provenance.read(path).is_real


def test_a_file_without_provenance_is_named_after_itself(tmp_path):
    path = tmp_path / "Plain File.parquet"
    dataset.write_parquet_atomic(dataset.to_arrow(sample.generate(300, seed=4)), path)
    assert open_dataset(path).name == "plain-file"


@pytest.mark.parametrize("text", ["aijobs", "hr-2025", "a"])
def test_dataset_names(text):
    assert provenance.is_dataset_name(text)


@pytest.mark.parametrize("text", ["", "../data/salaries", "/etc/passwd", "A", "x y", "-x",
                                  "a" * 41, "salaries.parquet"])
def test_what_is_not_a_dataset_name(text):
    assert not provenance.is_dataset_name(text)


def test_results_are_cached_per_dataset():
    listing = registry.listing(DATA_DIR, SHIPPED_DATASET)
    params = reported(Filters(role=MLE, country=("US",)))
    sample_n = runner.run("record_count", listing.find("sample"), params).row["n"]
    aijobs_n = runner.run("record_count", listing.find("aijobs"), params).row["n"]
    assert sample_n != aijobs_n
    assert aijobs_n == len(pd.read_parquet(AIJOBS).query("role == @MLE and country == 'US'"))


# ---- the link ---------------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_aijobs_dataset(page):
    at = open_app({DATASET: "aijobs"}, page=page)
    assert at.selectbox(key=DATASET).value == "aijobs"
    assert any("Real public records" in info.value for info in at.sidebar.info)


def test_pages_that_need_a_city_say_the_dataset_has_none():
    cities = open_app({DATASET: "aijobs"}, page="pages/cities.py")
    assert any("No city data in this dataset" in info.value for info in cities.info)
    remote = open_app({DATASET: "aijobs"}, page="pages/remote.py")
    assert any("needs cities" in info.value for info in remote.info)


@pytest.mark.parametrize("value", ["../data/salaries.parquet", "/etc/passwd", "nope",
                                   "<script>x</script>"])
def test_a_link_naming_no_listed_dataset_gets_a_note_and_the_default(value):
    at = open_app({DATASET: value})
    assert at.selectbox(key=DATASET).value == "sample"
    assert any("Ignored dataset" in warning.value for warning in at.sidebar.warning)


def test_every_view_pins_the_version_it_shows():
    at = open_app({DATASET: "aijobs"})
    assert at.query_params[DATASET_VERSION] == open_dataset(AIJOBS).version


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    """A data folder with a default dataset and a dataset with two versions."""
    default = tmp_path / "salaries.parquet"
    dataset.write_parquet_atomic(dataset.to_arrow(sample.generate(2_000, seed=8)), default,
                                 sample.PROVENANCE)
    described = Provenance("team", "Team", provenance.KIND_IMPORTED, made_on="2026-11-26")
    target = tmp_path / "team.parquet"
    versions = []
    for seed in (9, 10):
        incoming = tmp_path / f".incoming-{seed}.parquet"
        dataset.write_parquet_atomic(dataset.to_arrow(sample.generate(1_500, seed=seed)),
                                     incoming, described)
        versions.append(publish(incoming, target))
    monkeypatch.setenv("PAYBENCH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PAYBENCH_DATA", str(default))
    return target, versions


def test_a_link_to_a_kept_version_shows_that_version(data_folder):
    target, (old, _new) = data_folder
    at = open_app({DATASET: "team", DATASET_VERSION: old})
    assert any(f"pins dataset version {old}" in info.value for info in at.sidebar.info)
    assert any(f"Dataset version {old}" in caption.value for caption in at.sidebar.caption)
    records = read_records(archived_path(target, old))
    expected = records.query("role == @MLE and country == 'US'")["total_comp"].mean()
    shown = next(m.value for m in at.metric if m.label == "Mean total comp")
    assert shown == f"${expected:,.0f}"


def test_a_link_to_a_version_no_longer_kept_gets_a_note_and_the_current_one(data_folder):
    target, (old, new) = data_folder
    archived_path(target, old).unlink()
    at = open_app({DATASET: "team", DATASET_VERSION: old})
    assert any("no longer kept" in warning.value for warning in at.sidebar.warning)
    assert at.query_params[DATASET_VERSION] == new


# ---- the shipped aijobs dataset and imports -------------------------------------------------

@needs_raw_file
def test_the_shipped_aijobs_dataset_is_what_the_documented_import_makes(tmp_path):
    output = tmp_path / "aijobs.parquet"
    readme = (DATA_DIR / "README.md").read_text()
    assert "--drop-duplicates --ranges midpoint --name aijobs --kind public" in readme
    subprocess.run([sys.executable, "-m", "paybench", "import", str(AIJOBS_RAW), "--format",
                    "aijobs", "--drop-duplicates", "--ranges", "midpoint", "--name", "aijobs",
                    "--kind", "public", "--output", str(output),
                    "--rejects", str(tmp_path / "rejects.csv")],
                   check=True, capture_output=True, cwd=PROJECT_ROOT)
    columns = [c for c in read_records(AIJOBS).columns if c != "source"]
    assert read_records(output)[columns].equals(read_records(AIJOBS)[columns])


def test_an_import_never_writes_over_the_sample_unless_asked(tmp_path):
    before = SHIPPED_DATASET.read_bytes()
    source = tmp_path / "in.csv"
    shutil.copyfile(PROJECT_ROOT / "tests" / "data" / "messy_salaries.csv", source)
    for name_args in (["--name", "sample"], ["--name", "x", "--output", str(SHIPPED_DATASET)]):
        run = subprocess.run([sys.executable, "-m", "paybench", "import", str(source),
                              *name_args, "--rejects", str(tmp_path / "r.csv")],
                             capture_output=True, text=True, cwd=PROJECT_ROOT)
        assert run.returncode != 0 and "--replace-sample" in run.stderr
    assert SHIPPED_DATASET.read_bytes() == before


# ---- exports say where their numbers come from ------------------------------------------------

def test_a_record_download_carries_dataset_version_kind_aging_and_date():
    listing = registry.listing(DATA_DIR, SHIPPED_DATASET)
    records = read_records(SHIPPED_DATASET).head(3)
    export = export_stamp.stamp(listing.find("sample"), Aging(date(2026, 1, 1)), date(2026, 2, 3))
    frame = pd.read_csv(io.BytesIO(export_stamp.records_csv(records, export)))
    assert len(frame) == 3
    row = frame.iloc[0]
    assert row["dataset"] == "sample" and row["dataset_version"] == listing.default.version
    assert row["dataset_kind"] == "calibrated sample, not real people's pay"
    assert row["amounts"] == "Amounts aged to 1 January 2026." and row["exported_on"] == "2026-02-03"
    public = export_stamp.stamp(listing.find("aijobs"), Aging(), date(2026, 2, 3))
    assert public.kind == KIND_PUBLIC and "aijobs.net" in public.source
    assert dict(public.rows())["Amounts"] == "Amounts as reported."
