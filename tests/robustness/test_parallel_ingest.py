"""Parallel validation gives exactly what the serial loader gives: rows, order, counts, reasons."""

from __future__ import annotations

import collections
import json
import multiprocessing
import random
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ingest.load
from benchmarks.generate import article_and_record
from ingest.load import ingest_file, iter_file_blocks, iter_file_lines, lines_of_block
from ingest.raw_tables import ensure_raw_schema
from ingest.shared_rows import SharedSlots
from tests.integration.test_ingest import BAD_LINES
from tests.support.records import dumps, make_record, variant


def mixed_file(path: Path) -> Path:
    """Every kind of line the loader meets, in a file of many small blocks."""
    rng = random.Random(5)
    good = [json.dumps(article_and_record(index, seed=3)[1]).encode() for index in range(300)]
    lines = [b"\xef\xbb\xbf" + good[0]]
    for number in range(1, 1_500):
        roll = rng.random()
        if roll < 0.1:
            bad = rng.choice(list(BAD_LINES.values()))[0]
            lines.append(bad.encode() if isinstance(bad, str) else bad)
        elif roll < 0.15:
            lines.append(rng.choice([b"", b"   ", b"\r", b"\t \r"]))
        elif roll < 0.25:
            lines.append(rng.choice(good) + b"\r")  # the same record again, CRLF
        elif roll < 0.32:
            record = json.loads(rng.choice(good))
            record["article"]["title"] = f"edited {number}"
            record["extracted_at"] = rng.choice(["2027-01-01T00:00:00Z", "2020-01-01T00:00Z"])
            lines.append(json.dumps(record).encode())  # replaces or is superseded
        elif roll < 0.35:
            lines.append(dumps(make_record("A long text. " * 20_000, extractor="big")).encode())
        else:
            lines.append(good[number % len(good)])
    tail = dumps(variant("cut")).encode()
    path.write_bytes(b"\n".join(lines) + b"\n" + tail[: len(tail) // 2])
    return path


def load(db: Path, files: list[Path], workers: int) -> tuple:
    connection = duckdb.connect(str(db))
    ensure_raw_schema(connection)
    results = []
    for path in files:
        result = ingest_file(connection, path, workers=workers)
        results.append({**vars(result), "load_id": None})
    tables = {
        "records": "select * exclude (load_id) from raw.extraction_records",
        "quarantine": "select * exclude (load_id, quarantined_at) from raw.quarantine",
        "loads": "select * exclude (load_id, started_at, finished_at) from raw.loads",
    }
    rows = {
        name: connection.execute(f"{sql} order by all").fetchall() for name, sql in tables.items()
    }
    physical_order = connection.execute(
        "select source_file, line_number from raw.extraction_records"
    ).fetchall()
    connection.close()
    return results, rows, physical_order


def test_parallel_and_serial_loads_are_identical(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest.load, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(ingest.load, "BLOCK_BYTES", 256 * 1024)  # many blocks, long lines
    first = mixed_file(tmp_path / "mixed.jsonl")
    second = tmp_path / "second.jsonl"
    second.write_bytes(first.read_bytes()[: first.stat().st_size // 3])  # cut mid-line

    routes: collections.Counter[str] = collections.Counter()

    def from_worker(outcome, slots):
        routes[type(outcome.rows).__name__] += 1
        return original(outcome, slots)

    original = ingest.load._from_worker
    monkeypatch.setattr(ingest.load, "_from_worker", from_worker)

    serial = load(tmp_path / "serial.duckdb", [first, second], workers=1)
    parallel = load(tmp_path / "parallel.duckdb", [first, second], workers=2)

    assert parallel == serial
    assert routes["InSlot"] and not routes["bytes"], routes
    # Rows too big for a shared slot come back through the pipe, to the same rows.
    monkeypatch.setattr(ingest.load, "SharedSlots", lambda count, size: SharedSlots(count, 4096))
    assert load(tmp_path / "piped.duckdb", [first, second], workers=2) == serial
    assert routes["bytes"], routes
    results = serial[0]
    assert all(result["quarantined"] and result["superseded"] for result in results)
    assert results[0]["replaced"] + results[1]["replaced"] > 0
    assert multiprocessing.active_children() == [], "validation workers outlived the load"


@settings(max_examples=150, deadline=None, database=None)
@given(
    data=st.lists(
        st.sampled_from([b"\n", b"\r\n", b"", b" ", b"\xef\xbb\xbf", b"{}", b"x" * 70]),
        max_size=60,
    ).map(b"".join),
    block_bytes=st.integers(min_value=1, max_value=100),
)
def test_blocks_hold_exactly_the_lines_the_serial_reader_reads(tmp_path_factory, data, block_bytes):
    path = tmp_path_factory.mktemp("blocks") / "lines.jsonl"
    path.write_bytes(data)

    from_blocks = [
        line for block in iter_file_blocks(path, block_bytes) for line in lines_of_block(block)
    ]

    assert from_blocks == list(iter_file_lines(path))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_worker_crash_fails_the_load_and_keeps_nothing(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(ingest.load, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(ingest.load, "BLOCK_BYTES", 64 * 1024)
    path = mixed_file(tmp_path / "mixed.jsonl")

    def explode(item):
        if item[0] > 900:  # a line deep into the file
            raise MemoryError("validation ran out of memory")
        return original(item)

    original = ingest.load._validate_item
    monkeypatch.setattr(ingest.load, "_validate_item", explode)
    connection = duckdb.connect(str(tmp_path / "crash.duckdb"))
    ensure_raw_schema(connection)

    with pytest.raises(MemoryError):
        ingest_file(connection, path, workers=workers)

    assert connection.execute("select count(*) from raw.extraction_records").fetchone() == (0,)
    assert connection.execute("select count(*) from raw.quarantine").fetchone() == (0,)
    assert connection.execute("select status, error from raw.loads").fetchone() == (
        "failed",
        "MemoryError: validation ran out of memory",
    )
    assert multiprocessing.active_children() == []
