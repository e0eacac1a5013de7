"""Analysts query while the scheduler writes: zero failed queries, every answer one whole build.

Reader processes (tests/robustness/reader_loop.py) open the published file read-only
in a loop while a writer process ingests and publishes file after file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import generate
from tests.robustness.processes import REPO_ROOT, cli, lines_in

pytestmark = pytest.mark.slow

READERS = 3


def start_readers(
    db: Path, stop: Path, out_dir: Path, *, sql: str | None = None
) -> list[tuple[subprocess.Popen, Path]]:
    readers = []
    for number in range(READERS):
        out = out_dir / f"reader-{number}.json"
        args = [sys.executable, "-m", "tests.robustness.reader_loop", str(db), str(stop), str(out)]
        process = subprocess.Popen([*args, *([sql] if sql else [])], cwd=REPO_ROOT)
        readers.append((process, out))
    return readers


def stop_readers(readers: list[tuple[subprocess.Popen, Path]], stop: Path) -> list[dict]:
    stop.touch()
    results = []
    for process, out in readers:
        assert process.wait(timeout=60) == 0
        results.append(json.loads(out.read_text()))
    return results


def test_readers_never_fail_and_never_see_half_a_build(tmp_path, small_records):
    db = tmp_path / "warehouse.duckdb"
    assert cli("ingest", str(small_records), "--db", str(db)).returncode == 0
    batches = [
        generate(tmp_path / f"night-{night}", articles=150, start=3_000_000 + night * 1_000)[1]
        for night in range(4)
    ]
    # Every whole build the writer publishes: (records, completed loads).
    builds = {(lines_in(small_records), 1)}
    stop = tmp_path / "stop"
    readers = start_readers(db, stop, tmp_path)
    try:
        for night, batch in enumerate(batches, start=1):
            result = cli("ingest", str(batch), "--db", str(db))
            assert result.returncode == 0, result.stderr
            builds.add((max(records for records, _ in builds) + lines_in(batch), night + 1))
    finally:
        results = stop_readers(readers, stop)

    failures = [failure for result in results for failure in result["failures"]]
    assert failures == [], f"{len(failures)} failed queries, e.g. {failures[:3]}"
    answers = [answer for result in results for answer in result["answers"]]
    assert len(answers) >= 20 * READERS, "the readers hardly ran: the test proves nothing"
    for records, inserted, completed_loads, _ in answers:
        assert records == inserted, f"half a build: {records} rows, ledger says {inserted}"
        assert (records, completed_loads) in builds, f"never published: {records, completed_loads}"
    seen = {(records, loads) for records, _, loads, _ in answers}
    assert len(seen) >= 2, "no publish happened while the readers ran"
    for result in results:
        counts = [records for records, *_ in result["answers"]]
        assert counts == sorted(counts), "a reader went back to an older build"
