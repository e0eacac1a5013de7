"""The writer's working copy, the lock and the atomic publish, with real files."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.publish import WarehouseBusyError, paths_for, writer, writer_lock


def count_loads(path) -> int:
    connection = duckdb.connect(str(path), read_only=True)
    try:
        return connection.execute("select count(*) from raw.loads").fetchone()[0]
    finally:
        connection.close()


def add_load(connection, load_id: str) -> None:
    connection.execute(
        "insert into raw.loads (load_id, source_file, file_sha256, status, started_at) "
        "values (?, 'f', 'x', 'completed', now())",
        [load_id],
    )


def test_readers_see_the_previous_build_until_the_writer_publishes(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    with writer(db) as connection:
        add_load(connection, "first")
    assert count_loads(db) == 1

    with writer(db) as connection:
        add_load(connection, "second")
        # mid-write: the published file is untouched and readable
        assert count_loads(db) == 1
    assert count_loads(db) == 2


def test_a_failed_write_publishes_nothing_and_the_next_writer_goes_on(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    with writer(db) as connection:
        add_load(connection, "first")

    with pytest.raises(RuntimeError, match="boom"), writer(db) as connection:
        add_load(connection, "half")
        raise RuntimeError("boom")

    assert count_loads(db) == 1
    with writer(db) as connection:
        add_load(connection, "third")
    assert count_loads(db) >= 2


def test_a_second_writer_gets_a_clear_busy_error(tmp_path):
    paths = paths_for(tmp_path / "warehouse.duckdb")
    with (
        writer_lock(paths),
        pytest.raises(WarehouseBusyError, match="another warehouse writer"),
        writer_lock(paths, wait_seconds=0.3),
    ):
        pass


def test_working_copy_is_reseeded_when_the_published_file_changed(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    with writer(db) as connection:
        add_load(connection, "first")
    # someone restores another warehouse file in place
    with writer(tmp_path / "other.duckdb") as connection:
        add_load(connection, "restored-1")
        add_load(connection, "restored-2")
        add_load(connection, "restored-3")
    (tmp_path / "other.duckdb").replace(db)

    with writer(db) as connection:
        loads = {row[0] for row in connection.execute("select load_id from raw.loads").fetchall()}
    assert loads == {"restored-1", "restored-2", "restored-3"}, "continued from a stale copy"


def test_long_strings_such_as_raw_records_are_stored_compressed(tmp_path):
    # The raw record column holds a whole extraction per article; stored uncompressed
    # it made most of a 1M-article file, and every publish copies the file.
    db = tmp_path / "warehouse.duckdb"
    with writer(db) as connection:
        connection.execute(
            "create table raw.long_texts as "
            'select range as n, repeat(\'{"sentence": "Drones hit a depot near Kyiv '
            "at ' || range || ' local time.\"}', 100) as record from range(20000)"
        )
    payload_bytes = 20000 * 100 * 60  # 6 KB a row: past where FSST stops
    connection = duckdb.connect(str(db), read_only=True)
    try:
        compressions = {
            row[0]
            for row in connection.execute(
                "select compression from pragma_storage_info('raw.long_texts') "
                "where column_name = 'record'"
            ).fetchall()
        }
        assert connection.execute("select count(*) from raw.long_texts").fetchone()[0] == 20000
    finally:
        connection.close()
    assert "ZSTD" in compressions
    assert db.stat().st_size < payload_bytes / 4
