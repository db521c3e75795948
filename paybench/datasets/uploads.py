"""Where a browser session's uploaded files and datasets live: a folder of its own under the
system's temporary folder, so an upload never changes what other users see."""

import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

UPLOAD_ROOT = Path(tempfile.gettempdir()) / "paybench-uploads"
MAX_UPLOAD_MB = 200
STALE_AFTER_SECONDS = 24 * 3600
_TOKEN = re.compile(r"^[a-f0-9]{32}$")


def session_folder(token: str, root: Path = UPLOAD_ROOT) -> Path:
    if not _TOKEN.match(token):
        raise ValueError("not a session token")
    folder = root / token
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_upload(stream: BinaryIO, file_name: str, folder: Path) -> Path:
    """Copy the upload to disk in blocks. The stored name keeps only the file's kind (.csv or
    .parquet), never the user's name, so a name cannot point outside the folder."""
    suffix = ".parquet" if file_name.lower().endswith(".parquet") else ".csv"
    target = folder / f"upload{suffix}"
    for old in folder.glob("upload.*"):
        old.unlink()
    with target.open("wb") as handle:
        shutil.copyfileobj(stream, handle, length=1 << 20)
    return target


def remove_stale(root: Path = UPLOAD_ROOT, now: float | None = None) -> None:
    now = time.time() if now is None else now
    if root.exists():
        for folder in root.iterdir():
            if folder.is_dir() and now - folder.stat().st_mtime > STALE_AFTER_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)

