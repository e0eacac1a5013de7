"""Two scheduled runs at once: the second exits 75 with a clear message, or waits its turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.processes import (
    cli,
    ledger,
    lines_in,
    record_counts,
    start_cli,
    wait_for,
)

pytestmark = pytest.mark.slow

HOLD_LOCK = {"WAREHOUSE_TEST_PUBLISH_DELAY": "10"}


def test_a_second_writer_exits_75_or_waits_and_nothing_is_corrupted(
    tmp_path, small_records, big_records
):
    db = tmp_path / "warehouse.duckdb"
    lock = db.with_name(f".{db.name}.lock")
    log = tmp_path / "first.log"
    # The publish delay keeps the first writer holding the lock however fast the machine.
    first = start_cli("ingest", str(big_records), "--db", str(db), log=log, env=HOLD_LOCK)
    wait_for(
        lambda: (lock.exists() and "pid" in lock.read_text()) or first.poll() is not None,
        timeout=60,
        what="the first writer to take the lock",
    )
    assert first.poll() is None, log.read_text()

    busy = cli("ingest", str(small_records), "--db", str(db))

    assert busy.returncode == 75, busy.stderr  # EX_TEMPFAIL: a scheduler retries later
    assert "another warehouse writer holds" in busy.stderr
    assert f"pid {first.pid}" in busy.stderr, "the message names the process holding the lock"
    assert "step=ingest status=busy" in busy.stderr
    assert first.poll() is None, "the busy run disturbed the running one"

    waited = cli("ingest", str(small_records), "--db", str(db), "--wait", "600")

    assert waited.returncode == 0, waited.stderr
    assert first.wait(timeout=600) == 0, log.read_text()
    assert ledger(db) == [
        (str(big_records), "completed", lines_in(big_records)),
        (str(small_records), "completed", lines_in(small_records)),
    ]
    rows, keys = record_counts(db)
    assert rows == keys == lines_in(big_records) + lines_in(small_records)


def test_a_reader_never_waits_for_the_writers_lock(tmp_path: Path, small_records, big_records):
    db = tmp_path / "warehouse.duckdb"
    assert cli("ingest", str(small_records), "--db", str(db)).returncode == 0
    log = tmp_path / "writer.log"
    writer = start_cli("ingest", str(big_records), "--db", str(db), log=log, env=HOLD_LOCK)
    lock = db.with_name(f".{db.name}.lock")
    wait_for(
        lambda: (lock.exists() and "pid" in lock.read_text()) or writer.poll() is not None,
        timeout=60,
        what="the writer to take the lock",
    )

    answer = cli(
        "query", "select count(*) as n from raw.extraction_records", "--db", str(db), "-f", "csv"
    )

    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.splitlines() == ["n", str(lines_in(small_records))]
    assert writer.wait(timeout=600) == 0, log.read_text()
