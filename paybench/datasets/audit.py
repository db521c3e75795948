"""The audit log: an append-only file of JSON lines, one per event (sign-in, denied attempt,
export, upload, publish, dataset change), each saying who, when, what, the dataset and its
version. Never amounts: entries are built from fixed labels and filter descriptions, and the
writer blanks anything in them that reads like an amount before it writes.

The app only ever appends (O_APPEND, one write per line, fsync), so the file is kept across
restarts and an entry, once written, is never changed by the app. $PAYBENCH_AUDIT_LOG says
where it is; by default data/audit/audit.jsonl (which git ignores).
"""

import json
import os
import re
import threading
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from paybench.paths import DATA_DIR

AUDIT_LOG_SETTING = "PAYBENCH_AUDIT_LOG"
DEFAULT_AUDIT_LOG = DATA_DIR / "audit" / "audit.jsonl"
NOT_AN_AMOUNT = "#"
# What reads like an amount: a dollar sign before digits, digits grouped in thousands
# (185,000), five or more digits in a row (185000; a year has four), or a number with k or M
# (185k). Digits inside a word (a dataset version such as a03379a8c1a4, a hex hash) are not
# an amount.
_AMOUNT = re.compile(r"\$\s*\d[\d,.]*|(?<![A-Za-z0-9])\d{1,3}(?:,\d{3})+(?:\.\d+)?"
                     r"|(?<![A-Za-z0-9])\d{5,}(?:\.\d+)?(?![A-Za-z0-9])"
                     r"|\b\d+(?:\.\d+)?\s*[kKmM]\b")
_lock = threading.Lock()


class Action(StrEnum):
    SIGN_IN = "sign-in"
    DENIED = "denied"
    EXPORT = "export"
    UPLOAD = "upload"
    PUBLISH = "publish"
    DATASET_CHANGE = "dataset change"


@dataclass(frozen=True)
class AuditEntry:
    at: str  # UTC, ISO 8601 to the second
    who: str  # email (or the provider's subject), "local" without sign-in
    role: str
    action: str  # an Action
    what: str
    dataset: str = ""
    version: str = ""


def make_entry(action: Action, who: str, role: str, what: str, dataset: str = "",
               version: str = "", now: datetime | None = None) -> AuditEntry:
    """An entry stamped with the time, with anything like an amount blanked out of its text."""
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return AuditEntry(at=moment.isoformat().replace("+00:00", "Z"), who=without_amounts(who),
                      role=str(role), action=str(Action(action)), what=without_amounts(what),
                      dataset=without_amounts(dataset), version=str(version))


def without_amounts(text: str) -> str:
    """The text with every run that reads like an amount replaced by '#', on one line."""
    return _AMOUNT.sub(NOT_AN_AMOUNT, " ".join(str(text).split()))


def log_path() -> Path:
    return Path(os.environ.get(AUDIT_LOG_SETTING) or DEFAULT_AUDIT_LOG)


def append(entry: AuditEntry, path: Path | None = None) -> None:
    """Add one line to the end of the log (made, readable by its owner only, if missing)."""
    path = path or log_path()
    line = (json.dumps(asdict(entry), ensure_ascii=False) + "\n").encode()
    with _lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(handle, line)
            os.fsync(handle)
        finally:
            os.close(handle)


@dataclass(frozen=True)
class LogReading:
    entries: list[AuditEntry]  # newest first
    total: int  # entries in the file
    unreadable: int  # lines that are not an entry (a torn write, an edit by hand)


def read(path: Path | None = None, newest: int = 1_000) -> LogReading:
    """The newest entries of the log, newest first."""
    path = path or log_path()
    if not path.exists():
        return LogReading([], 0, 0)
    names = {f.name for f in fields(AuditEntry)}
    entries, unreadable = [], 0
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                fields_of = json.loads(line)
                entries.append(AuditEntry(**{k: str(v) for k, v in fields_of.items()
                                             if k in names}))
            except (ValueError, TypeError, AttributeError):
                unreadable += 1
    return LogReading(entries[::-1][:newest], len(entries), unreadable)
