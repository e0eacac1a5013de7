"""The `warehouse` command as a user runs it: real processes, real files, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.records import dumps, make_record, mutate, variant

WAREHOUSE = [sys.executable, "-m", "warehouse.cli"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*WAREHOUSE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_ingest_then_query_in_every_format(tmp_path: Path):
    records = tmp_path / "records.jsonl"
    bad = dumps(mutate(variant("bad"), "strikes.0.weapon", "catapult"))
    records.write_text(dumps(make_record()) + "\n" + bad + "\n")
    db = tmp_path / "wh.duckdb"

    ingest = run("ingest", str(records), "--db", str(db))
    assert ingest.returncode == 0, ingest.stderr
    assert "step=ingest status=ok" in ingest.stderr
    assert "strikes[0].weapon: 'catapult' is not one of" in ingest.stderr

    sql = "select count(*) as n from raw.quarantine"
    as_json = run("query", sql, "--db", str(db), "--format", "json")
    assert json.loads(as_json.stdout) == [{"n": 1}]
    as_csv = run("query", sql, "--format", "csv", env={"WAREHOUSE_DB": str(db)})
    assert as_csv.stdout.splitlines() == ["n", "1"]


def test_query_errors_are_clear_and_exit_non_zero(tmp_path: Path):
    missing = run("query", "select 1", "--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1 and "no warehouse at" in missing.stderr

    records = tmp_path / "r.jsonl"
    records.write_text(dumps(make_record()) + "\n")
    run("ingest", str(records), "--db", str(tmp_path / "wh.duckdb"))
    bad_sql = run("query", "select * from nowhere", "--db", str(tmp_path / "wh.duckdb"))
    assert bad_sql.returncode == 1 and "nowhere" in bad_sql.stderr


def test_query_is_read_only(tmp_path: Path):
    records = tmp_path / "r.jsonl"
    records.write_text(dumps(make_record()) + "\n")
    run("ingest", str(records), "--db", str(tmp_path / "wh.duckdb"))
    result = run("query", "delete from raw.loads", "--db", str(tmp_path / "wh.duckdb"))
    assert result.returncode == 1 and "read-only" in result.stderr.lower()


def test_query_and_ingest_do_not_import_dbt():
    probe = (
        "import sys; import warehouse.cli, warehouse.commands.query, warehouse.loading; "
        "print(any(name == 'dbt' or name.startswith('dbt.') for name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False"


def test_ingest_of_a_missing_file_is_a_usage_error(tmp_path: Path):
    result = run("ingest", str(tmp_path / "nope.jsonl"), "--db", str(tmp_path / "wh.duckdb"))
    assert result.returncode == 2 and "no such file" in result.stderr
