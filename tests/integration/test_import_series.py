"""`warehouse import SOURCE FILE.csv` as a user runs it: to a file, into the warehouse."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ingest.contract import ExtractionRecord
from tests.support.importer_data import FIXTURES, RU_REAL, UA_REAL, real_file

WAREHOUSE = [sys.executable, "-m", "warehouse.cli"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*WAREHOUSE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=300,
    )


def test_import_to_jsonl_writes_valid_identical_records(tmp_path: Path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    source = str(FIXTURES / "ru_mod_small.csv")
    for target in (first, second):
        done = run("import", "ru-mod", source, "-o", str(target))
        assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    for line in lines:
        ExtractionRecord.model_validate_json(line)
    assert "rows read 10 = written 6 + duplicates 1 + skipped 2 + quarantined 1: ok" in " ".join(
        done.stderr.split()
    )


def test_import_loads_through_ingest_and_is_idempotent(tmp_path: Path):
    db = tmp_path / "wh.duckdb"
    source = str(FIXTURES / "ua_air_force_small.csv")
    done = run("import", "ua-air-force", source, "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "rows read 10 = loaded 7 + duplicates 1 + skipped 0 + quarantined 2: ok" in " ".join(
        done.stderr.split()
    )
    again = run("import", "ua-air-force", source, "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert "already imported" in again.stderr
    with duckdb.connect(str(db), read_only=True) as connection:
        loads = connection.execute("select status, records_loaded from raw.loads").fetchall()
        assert loads == [("completed", 7)]
        reasons = connection.execute(
            "select line_number, reason from raw.quarantine order by line_number"
        ).fetchall()
        assert [line for line, _ in reasons] == [9, 10]
        extractor = connection.execute(
            "select distinct extractor_name from raw.extraction_records"
        ).fetchall()
        assert extractor == [("ua-air-force-importer",)]
        record = json.loads(
            connection.execute("select record from raw.extraction_records limit 1").fetchone()[0]
        )
        assert record["interceptions"][0]["defender"] == "UA"


def test_a_file_with_the_wrong_columns_is_refused(tmp_path: Path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n", encoding="utf-8")
    done = run("import", "ru-mod", str(wrong), "-o", str(tmp_path / "out.jsonl"))
    assert done.returncode == 1
    assert "missing column(s) datetime, text_snippet" in done.stderr


@pytest.mark.parametrize(("source", "path"), [("ua-air-force", UA_REAL), ("ru-mod", RU_REAL)])
def test_real_files_import_in_under_a_minute(tmp_path: Path, source: str, path: Path):
    real = real_file(path)
    started = time.monotonic()
    done = run("import", source, str(real), "--db", str(tmp_path / "wh.duckdb"))
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert seconds < 60
    assert ": ok" in done.stderr
