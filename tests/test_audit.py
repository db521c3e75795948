"""The audit log's record format and writer: one JSON line per event, appended, never an
amount."""

import json
import os
import stat
import threading
from datetime import UTC, datetime

import pytest

from paybench.datasets import audit
from paybench.datasets.audit import Action, AuditEntry

NOON = datetime(2025, 6, 30, 12, 0, 0, 123_456, tzinfo=UTC)


def test_an_entry_says_who_when_what_dataset_and_version():
    entry = audit.make_entry(Action.EXPORT, "ada@example.com", "admin", "offer summary PDF",
                             "sample", "0123456789ab", now=NOON)
    assert entry == AuditEntry(at="2025-06-30T12:00:00Z", who="ada@example.com", role="admin",
                               action="export", what="offer summary PDF", dataset="sample",
                               version="0123456789ab")


@pytest.mark.parametrize(("text", "kept"), [
    ("records CSV: Machine Learning Engineer · Seattle · 2023–2025", True),  # years stay
    ("offer summary PDF", True),
    ("made kept version 0a1b2c3d4e5f current", True),
    ("Staff · n = 40", True),
    ("base $185,000", False),
    ("base 185,000", False),
    ("base 185000", False),
    ("base 185k", False),
    ("total 1.2M", False),
    ("$95", False),
])
def test_anything_like_an_amount_is_blanked(text, kept):
    assert (audit.without_amounts(text) == text) is kept
    assert not any(amount in audit.without_amounts(text)
                   for amount in ("185,000", "185000", "185k", "1.2M", "$95"))


def test_an_action_must_be_one_of_the_six():
    with pytest.raises(ValueError):
        audit.make_entry("download", "a", "hr", "x")
    assert {str(a) for a in Action} == {"sign-in", "denied", "export", "upload", "publish",
                                        "dataset change"}


def test_entries_are_appended_one_line_each_and_read_newest_first(tmp_path):
    path = tmp_path / "audit" / "audit.jsonl"
    for number, action in enumerate([Action.SIGN_IN, Action.EXPORT, Action.DENIED]):
        audit.append(audit.make_entry(action, f"p{number}@example.com", "hr", "x"), path)
    lines = path.read_text().splitlines()
    assert [json.loads(line)["action"] for line in lines] == ["sign-in", "export", "denied"]
    reading = audit.read(path)
    assert [e.who for e in reading.entries] == ["p2@example.com", "p1@example.com",
                                                 "p0@example.com"]
    assert (reading.total, reading.unreadable) == (3, 0)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_appending_never_rewrites_what_is_there(tmp_path):
    path = tmp_path / "audit.jsonl"
    audit.append(audit.make_entry(Action.EXPORT, "a@example.com", "hr", "first"), path)
    before = path.read_bytes()
    audit.append(audit.make_entry(Action.EXPORT, "b@example.com", "hr", "second"), path)
    assert path.read_bytes().startswith(before)


def test_concurrent_writers_each_leave_one_whole_line(tmp_path):
    path = tmp_path / "audit.jsonl"

    def write(n: int) -> None:
        for i in range(50):
            audit.append(audit.make_entry(Action.EXPORT, f"w{n}@example.com", "hr", f"e{i}"),
                         path)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reading = audit.read(path, newest=1_000)
    assert (reading.total, reading.unreadable) == (200, 0)


def test_a_damaged_line_is_counted_not_fatal(tmp_path):
    path = tmp_path / "audit.jsonl"
    audit.append(audit.make_entry(Action.EXPORT, "a@example.com", "hr", "x"), path)
    with path.open("a") as handle:
        handle.write('{"at": "torn\n42\n')
    audit.append(audit.make_entry(Action.EXPORT, "b@example.com", "hr", "y"), path)
    reading = audit.read(path)
    assert (reading.total, reading.unreadable) == (2, 2)
    assert reading.entries[0].who == "b@example.com"


def test_no_file_yet_reads_as_no_entries(tmp_path):
    assert audit.read(tmp_path / "none.jsonl") == audit.LogReading([], 0, 0)


def test_the_log_path_comes_from_the_setting(monkeypatch, tmp_path):
    monkeypatch.setenv(audit.AUDIT_LOG_SETTING, str(tmp_path / "x.jsonl"))
    assert audit.log_path() == tmp_path / "x.jsonl"
    monkeypatch.delenv(audit.AUDIT_LOG_SETTING)
    assert audit.log_path() == audit.DEFAULT_AUDIT_LOG
