"""Ingest against a real DuckDB file: bad input, re-runs, superseding, the ledger sum."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from ingest.load import ingest_file
from ingest.raw_tables import ensure_raw_schema
from tests.support.records import dumps, make_record, mutate, variant

TABLES = ("raw.loads", "raw.extraction_records", "raw.quarantine")


@pytest.fixture
def connection(tmp_path: Path):
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    ensure_raw_schema(connection)
    yield connection
    connection.close()


def write_lines(path: Path, lines: list[str | bytes], *, final_newline: bool = True) -> Path:
    data = b"\n".join(line.encode() if isinstance(line, str) else line for line in lines)
    path.write_bytes(data + (b"\n" if final_newline and lines else b""))
    return path


def snapshot(connection: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {
        table: sorted(connection.execute(f"select * from {table}").fetchall(), key=repr)
        for table in TABLES
    }


def quarantine_reasons(connection: duckdb.DuckDBPyConnection) -> dict[int, str]:
    return dict(connection.execute("select line_number, reason from raw.quarantine").fetchall())


GOOD = make_record()

BAD_LINES: dict[str, tuple[str | bytes, str]] = {
    "invalid json": ('{"schema_version": "1", "article": ', "invalid JSON"),
    "wrong schema version": (
        dumps(mutate(GOOD, "schema_version", "2")),
        "schema_version: '2' is not supported",
    ),
    "missing required field": (
        dumps({key: value for key, value in variant("a").items() if key != "extractor"}),
        "extractor: required field is missing",
    ),
    "unknown enum": (
        dumps(mutate(variant("b"), "strikes.0.outcome", "razed")),
        "strikes[0].outcome: 'razed' is not one of destroyed, damaged, fire, no_damage, unknown",
    ),
    "negative count": (
        dumps(mutate(variant("c"), "strikes.0.killed", -2)),
        "strikes[0].killed: -2 is below the minimum 0",
    ),
    "string count": (
        dumps(mutate(variant("d"), "strikes.0.injured", "3")),
        "strikes[0].injured: '3' is not an integer",
    ),
    "offsets out of range": (
        dumps(
            mutate(
                variant("e"), "strikes.0.evidence", {"text": "x" * 5, "start": 9000, "end": 9005}
            )
        ),
        "strikes[0].evidence: end 9005 is past the end of article.text",
    ),
    "offsets not slicing the text": (
        dumps(mutate(variant("f"), "strikes.0.evidence", {"text": "Nobody", "start": 0, "end": 6})),
        "not the evidence text 'Nobody'",
    ),
    "duplicate claim ids": (
        dumps(mutate(variant("g"), "strikes", [variant("g")["strikes"][0]] * 2)),
        "is used twice in this record",
    ),
    "not an object": ("[1, 2, 3]", "a record must be a JSON object"),
    "unknown field": (dumps({**variant("h"), "comment": "hi"}), "comment: unknown field"),
    "non-UTF-8": (
        b'{"schema_version": "1", "note": "caf\xe9"}',
        "line is not valid UTF-8: byte 0xe9",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_each_bad_record_is_quarantined_with_its_reason_and_the_rest_loads(
    connection, tmp_path, case
):
    bad_line, expected_reason = BAD_LINES[case]
    path = write_lines(tmp_path / "mixed.jsonl", [dumps(GOOD), bad_line, dumps(variant("z"))])

    result = ingest_file(connection, path)

    assert (result.read, result.loaded, result.quarantined) == (3, 2, 1)
    reasons = quarantine_reasons(connection)
    assert list(reasons) == [2]
    assert expected_reason in reasons[2]
    stored_raw = connection.execute("select raw_line from raw.quarantine").fetchone()[0]
    expected_raw = (
        bad_line.decode("utf-8", "backslashreplace") if isinstance(bad_line, bytes) else bad_line
    )
    assert stored_raw == expected_raw, "the quarantined line is kept whole"
    assert connection.execute("select count(*) from raw.extraction_records").fetchone()[0] == 2
    ledger = connection.execute(
        "select status, records_read, records_loaded, records_quarantined from raw.loads"
    ).fetchall()
    assert ledger == [("completed", 3, 2, 1)]


def test_truncated_last_line_is_quarantined_and_named_as_truncated(connection, tmp_path):
    full = dumps(variant("t"))
    path = write_lines(
        tmp_path / "cut.jsonl", [dumps(GOOD), full[: len(full) // 2]], final_newline=False
    )

    result = ingest_file(connection, path)

    assert (result.loaded, result.quarantined) == (1, 1)
    assert "looks truncated" in quarantine_reasons(connection)[2]


def test_empty_file_is_a_completed_load_of_nothing(connection, tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")

    result = ingest_file(connection, path)

    assert (result.read, result.loaded, result.quarantined) == (0, 0, 0)
    assert connection.execute("select status, records_read from raw.loads").fetchall() == [
        ("completed", 0)
    ]


def test_a_50_mb_record_is_quarantined_whole_with_a_reason(connection, tmp_path):
    huge = make_record("Drones struck a depot. " + "word " * 10_500_000)
    line = dumps(huge)
    assert len(line) > 50_000_000
    path = write_lines(tmp_path / "huge.jsonl", [line, dumps(GOOD)])

    result = ingest_file(connection, path)

    assert (result.loaded, result.quarantined) == (1, 1)
    reason, raw_length = connection.execute(
        "select reason, length(raw_line) from raw.quarantine"
    ).fetchone()
    assert "MB limit per record" in reason
    assert raw_length == len(line)


def test_ingesting_the_same_file_twice_changes_no_table(connection, tmp_path):
    path = write_lines(
        tmp_path / "records.jsonl", [dumps(GOOD), BAD_LINES["unknown enum"][0], dumps(variant("x"))]
    )
    first = ingest_file(connection, path)
    before = snapshot(connection)

    second = ingest_file(connection, path)

    assert not first.skipped_file and second.skipped_file
    assert snapshot(connection) == before


def test_same_records_in_a_new_file_are_recognised_as_unchanged(connection, tmp_path):
    ingest_file(connection, write_lines(tmp_path / "a.jsonl", [dumps(GOOD)]))
    records_before = connection.execute("select * from raw.extraction_records").fetchall()
    # Same claims, extracted again later: nothing to replace.
    again = make_record(extracted_at="2025-02-01T00:00:00Z")

    result = ingest_file(connection, write_lines(tmp_path / "b.jsonl", [dumps(again)]))

    assert (result.unchanged, result.inserted, result.replaced) == (1, 0, 0)
    assert connection.execute("select * from raw.extraction_records").fetchall() == records_before


def test_newer_extraction_replaces_older_and_other_extractors_live_beside_it(connection, tmp_path):
    ingest_file(connection, write_lines(tmp_path / "v1.jsonl", [dumps(GOOD)]))
    newer = mutate(
        make_record(extracted_at="2025-03-01T00:00:00Z"), "strikes.0.outcome", "destroyed"
    )
    older = mutate(make_record(extracted_at="2024-12-01T00:00:00Z"), "strikes.0.outcome", "fire")
    other_extractor = make_record(extractor="llm")

    result = ingest_file(
        connection,
        write_lines(tmp_path / "v2.jsonl", [dumps(newer), dumps(older), dumps(other_extractor)]),
    )

    assert (result.replaced, result.superseded, result.inserted) == (1, 1, 1)
    rows = connection.execute(
        "select extractor_name, record->>'$.strikes[0].outcome'"
        " from raw.extraction_records order by 1"
    ).fetchall()
    assert rows == [("llm", "damaged"), ("tests", "destroyed")]


def test_an_older_extraction_never_replaces_a_newer_one(connection, tmp_path):
    newer = mutate(
        make_record(extracted_at="2025-03-01T00:00:00Z"), "strikes.0.outcome", "destroyed"
    )
    ingest_file(connection, write_lines(tmp_path / "new.jsonl", [dumps(newer)]))

    result = ingest_file(connection, write_lines(tmp_path / "old.jsonl", [dumps(GOOD)]))

    assert result.superseded == 1
    assert connection.execute(
        "select record->>'$.strikes[0].outcome' from raw.extraction_records"
    ).fetchall() == [("destroyed",)]


def test_stored_record_is_the_normalised_contract_form(connection, tmp_path):
    lower = mutate(GOOD, "strikes.0.attacker", "ua")
    ingest_file(connection, write_lines(tmp_path / "lower.jsonl", [dumps(lower)]))

    stored = json.loads(
        connection.execute("select record from raw.extraction_records").fetchone()[0]
    )

    assert stored["strikes"][0]["attacker"] == "UA"
    assert stored["visits"] == [] and "title" in stored["article"]


def test_a_failure_mid_file_loads_nothing_of_it_and_marks_the_load_failed(connection, tmp_path):
    def lines():
        yield 1, dumps(GOOD).encode()
        raise OSError("disk went away")

    from ingest.load import ingest_stream

    with pytest.raises(OSError, match="disk went away"):
        ingest_stream(connection, lines(), source_file="x.jsonl", file_sha256="0" * 64)

    assert connection.execute("select count(*) from raw.extraction_records").fetchone()[0] == 0
    assert connection.execute("select status, error from raw.loads").fetchone() == (
        "failed",
        "OSError: disk went away",
    )


def test_the_committed_bad_input_file_quarantines_each_bad_line_and_loads_the_rest(
    connection,
):
    from tests.support.bad_input import CASES, render
    from warehouse.settings import SAMPLE_DIR

    path = SAMPLE_DIR / "bad-input.jsonl"
    assert path.read_bytes() == render(), "regenerate: uv run python -m tests.support.bad_input"

    result = ingest_file(connection, path)

    assert (result.read, result.loaded, result.quarantined) == (len(CASES) + 3, 2, len(CASES) + 1)
    reasons = [reason for _, reason in sorted(quarantine_reasons(connection).items())]
    for (what, _, phrase), reason in zip(CASES, reasons, strict=False):
        assert phrase in reason, f"{what}: {reason}"
    assert "looks truncated" in reasons[-1]
