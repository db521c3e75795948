"""Where the project's files live. One place, so tests and the CLI can point elsewhere."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
CALIBRATION_DIR = DATA_DIR / "calibration"
IMPORT_ALIASES_DIR = DATA_DIR / "import_aliases"
QUERIES_DIR = PROJECT_ROOT / "queries"
SHIPPED_DATASET = DATA_DIR / "salaries.parquet"
# Served by Streamlit at /app/static/ (enableStaticServing): the geo charts' base maps
STATIC_DIR = PROJECT_ROOT / "static"
TOPOJSON_DIR = STATIC_DIR / "topojson"
# The browser tab's icon, a local SVG that Streamlit inlines (assets/README.md)
PAGE_ICON = PROJECT_ROOT / "assets" / "payments.svg"


def import_aliases_dir() -> Path:
    """The importer's alias tables: $PAYBENCH_ALIASES if set, else data/import_aliases."""
    return Path(os.environ.get("PAYBENCH_ALIASES", IMPORT_ALIASES_DIR))


def default_dataset_path() -> Path:
    """The dataset the app shows: $PAYBENCH_DATA if set, else data/salaries.parquet."""
    return Path(os.environ.get("PAYBENCH_DATA", SHIPPED_DATASET))
