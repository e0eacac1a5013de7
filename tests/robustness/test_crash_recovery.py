"""kill -9 a writer mid-ingest and mid-publish: the published build survives, nothing is lost.

Each test first publishes a small build, then kills a second writer with SIGKILL at a
known point, and checks what a scheduler's next run finds: the published file byte
for byte as before, the cut-off load marked interrupted (not completed) in the
ledger, and a next run that completes without duplicate records.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.robustness.processes import (
    cli,
    digest,
    kill9,
    ledger,
    lines_in,
    processes_mentioning,
    query,
    record_counts,
    start_cli,
    wait_for,
)

pytestmark = pytest.mark.slow


def publish_first_build(db: Path, records: Path) -> str:
    result = cli("ingest", str(records), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return digest(db)


def test_kill_during_ingest_leaves_the_last_build_and_the_next_run_completes(
    tmp_path, small_records, big_records
):
    db = tmp_path / "warehouse.duckdb"
    published = publish_first_build(db, small_records)
    work_wal = db.with_name(f".{db.name}.work.wal")

    writer = start_cli("ingest", str(big_records), "--db", str(db), log=tmp_path / "killed.log")
    # The 'running' ledger row is committed on its own before the load's transaction:
    # it is what first writes the working copy's WAL.
    wait_for(
        lambda: (work_wal.exists() and work_wal.stat().st_size > 0) or writer.poll() is not None,
        timeout=120,
        what="the load's 'running' ledger row",
    )
    assert writer.poll() is None, (tmp_path / "killed.log").read_text()
    time.sleep(0.5)  # well into validating a file that takes seconds
    kill9(writer)

    assert digest(db) == published, "the published warehouse changed under a killed writer"
    assert ledger(db) == [(str(small_records), "completed", lines_in(small_records))]
    wait_for(
        lambda: not processes_mentioning(str(db)),
        timeout=15,
        what="the killed loader's validation workers to exit",
    )

    again = cli("ingest", str(big_records), "--db", str(db))
    assert again.returncode == 0, again.stderr

    assert ledger(db) == [
        (str(small_records), "completed", lines_in(small_records)),
        (str(big_records), "interrupted", None),
        (str(big_records), "completed", lines_in(big_records)),
    ]
    (reason,) = query(db, "select error from raw.loads where status = 'interrupted'")[0]
    assert "stopped before its transaction committed" in reason
    rows, keys = record_counts(db)
    assert rows == keys == lines_in(small_records) + lines_in(big_records)
    assert query(db, "select count(*) from raw.quarantine") == [(0,)]


def test_kill_during_publish_leaves_the_last_build_and_the_next_run_publishes_all(
    tmp_path, small_records, nightly_records, big_records
):
    db = tmp_path / "warehouse.duckdb"
    published = publish_first_build(db, small_records)
    work = db.with_name(f".{db.name}.work")
    publishing = db.with_name(f".{db.name}.publishing")

    writer = start_cli(
        "ingest",
        str(nightly_records),
        "--db",
        str(db),
        log=tmp_path / "killed.log",
        env={"WAREHOUSE_TEST_PUBLISH_DELAY": "120"},
    )
    # The hook sleeps after the copy and before the rename: kill the writer there.
    wait_for(
        lambda: (
            (publishing.exists() and publishing.stat().st_size == work.stat().st_size)
            or writer.poll() is not None
        ),
        timeout=120,
        what="the publish copy",
    )
    assert writer.poll() is None, (tmp_path / "killed.log").read_text()
    kill9(writer)

    assert digest(db) == published, "a half-published build replaced the published file"
    assert ledger(db) == [(str(small_records), "completed", lines_in(small_records))]

    again = cli("ingest", str(big_records), "--db", str(db))
    assert again.returncode == 0, again.stderr

    # The killed run's load had committed in the working copy: the next run publishes it.
    assert ledger(db) == [
        (str(small_records), "completed", lines_in(small_records)),
        (str(nightly_records), "completed", lines_in(nightly_records)),
        (str(big_records), "completed", lines_in(big_records)),
    ]
    rows, keys = record_counts(db)
    expected = sum(lines_in(path) for path in (small_records, nightly_records, big_records))
    assert rows == keys == expected
    assert not publishing.exists(), "the half copy was left behind"


def test_rerunning_a_file_after_its_load_completed_adds_nothing(tmp_path, small_records):
    db = tmp_path / "warehouse.duckdb"
    publish_first_build(db, small_records)
    before = query(db, "select * from raw.extraction_records order by article_id")

    again = cli("ingest", str(small_records), "--db", str(db))

    assert again.returncode == 0, again.stderr
    assert "skipped_files=1" in again.stderr
    assert query(db, "select * from raw.extraction_records order by article_id") == before
    assert [status for _, status, _ in ledger(db)] == ["completed"]
