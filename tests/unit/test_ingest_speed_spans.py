"""Spans: the parallel loader cuts a file by offsets and workers read their own lines.

The spans must hold exactly the lines, numbers and flags the serial reader gives, and
the one pass that finds them must give the file's sha256 (the ledger's idempotency key).
"""

from __future__ import annotations

import hashlib

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ingest.load
from ingest.load import file_sha256, ingest_file, iter_file_lines, iter_file_spans, lines_of_block
from ingest.raw_tables import ensure_raw_schema
from tests.support.records import dumps, variant

PIECES = [b"\n", b"\r\n", b"", b" ", b"\xef\xbb\xbf", b"{}", b"x" * 70, "é".encode()]


@settings(max_examples=200, deadline=None, database=None)
@given(
    data=st.lists(st.sampled_from(PIECES), max_size=60).map(b"".join),
    block_bytes=st.integers(min_value=1, max_value=100),
)
def test_spans_hold_the_serial_readers_lines_and_give_the_files_sha(
    tmp_path_factory, data, block_bytes
):
    path = tmp_path_factory.mktemp("spans") / "lines.jsonl"
    path.write_bytes(data)
    digest = hashlib.sha256()

    spans = list(iter_file_spans(path, block_bytes, digest=digest))

    assert [line for span in spans for line in lines_of_block(span.read())] == list(
        iter_file_lines(path)
    )
    assert digest.hexdigest() == file_sha256(path)
    # Spans tile the file: no byte read twice or skipped.
    ends = [span.offset + span.length for span in spans]
    assert [span.offset for span in spans] == [0, *ends][: len(spans)]
    assert sum(span.length for span in spans) == len(data)


def test_a_span_is_read_from_its_offset_not_from_the_start(tmp_path):
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b"first\nsecond\nthird\n")

    spans = list(iter_file_spans(path, 8))

    assert [(span.first_line, span.read().data) for span in spans] == [
        (1, b"first\n"),
        (2, b"second\n"),
        (3, b"third\n"),
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_ledger_keeps_the_files_sha_whichever_path_read_it(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(ingest.load, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(ingest.load, "BLOCK_BYTES", 1024)
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(dumps(variant(str(index))) for index in range(20)) + "\n")
    connection = duckdb.connect()
    ensure_raw_schema(connection)

    first = ingest_file(connection, path, workers=workers)
    again = ingest_file(connection, path, workers=workers)

    assert first.file_sha256 == file_sha256(path)
    assert (first.inserted, again.skipped_file) == (20, True)
    assert connection.execute("select file_sha256 from raw.loads").fetchall() == [
        (file_sha256(path),)
    ]
