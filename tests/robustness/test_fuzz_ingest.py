"""Fuzz the loader with malformed and hostile files (strategies in benchmarks/hostile.py).

For every generated file: the load never raises, every line is read, every line is
loaded or quarantined with a non-empty reason and kept whole, and every stored record
validates again to the very record its line held (see `load_and_account`). The number
of lines tried is printed (`pytest -s`); `python -m benchmarks.fuzz_ingest` runs more.
"""

from __future__ import annotations

import itertools

import duckdb
from hypothesis import HealthCheck, given, settings

from benchmarks.hostile import hostile_files, load_and_account, mutated_records, serialise
from ingest.raw_tables import ensure_raw_schema

EXAMPLES = 100


def test_hostile_files_are_loaded_or_quarantined_line_by_line_and_never_crash(tmp_path):
    connection = duckdb.connect()  # in memory: the loader, not fsync, is under test
    ensure_raw_schema(connection)
    tally: dict[str, int] = {}
    numbers = itertools.count()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=hostile_files())
    def fuzz(data: bytes) -> None:
        load_and_account(connection, tmp_path / f"fuzz-{next(numbers)}.jsonl", data, tally)

    fuzz()
    connection.close()
    print(f"\nfuzz: {tally}")
    assert tally["lines"] >= 500, "the fuzzer tried too few lines to mean anything"
    assert tally["loaded"] > 0 and tally["quarantined"] > 0, "it reached only one branch"


@settings(max_examples=4000, deadline=None, database=None, derandomize=True)
@given(record=mutated_records())
def test_the_generator_of_mutated_records_always_yields_a_serialisable_record(record):
    # A mutation may replace "end" and a later one shift "start": the generator must not
    # crash the fuzz run it feeds (it used to raise TypeError on such a record).
    line = serialise(record, ascii_only=False)
    assert isinstance(line, bytes) and line
