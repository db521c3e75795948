"""Every fact from outside lives in a calibration file listed, with its source, in
data/calibration/sources.csv; every file the list names exists."""

import pandas as pd

from paybench.paths import CALIBRATION_DIR


def test_every_calibration_file_is_listed_with_its_source_and_every_listed_file_exists():
    listed = pd.read_csv(CALIBRATION_DIR / "sources.csv")
    assert listed["source"].notna().all() and listed["licence"].notna().all()
    files = {path.name for path in CALIBRATION_DIR.glob("*.csv")} - {"sources.csv"}
    assert files <= set(listed["file"])
    missing = [name for name in listed["file"] if not (CALIBRATION_DIR / name).is_file()]
    assert missing == []


def test_the_hire_anywhere_files_carry_the_date_they_were_checked():
    for name in ("employer_contributions", "country_time_zones", "us_city_time_zones",
                 "eor_fee"):
        frame = pd.read_csv(CALIBRATION_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
        assert (frame["date_checked"].str.fullmatch(r"\d{4}-\d{2}-\d{2}")).all(), name
