"""The main job as a user runs it: `warehouse run` on the sample corpus, then again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.support.tables import table_contents
from warehouse.marts import mart_row_counts

REQUIRED_MARTS = {
    "fct_strike_claims",
    "fct_strikes",
    "fct_interception_claims",
    "fct_interceptions",
    "fct_visit_claims",
    "fct_visits",
    "dim_targets",
    "dim_places",
    "dim_dates",
    "dim_actors",
    "dim_sources",
}


def warehouse_run(db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "warehouse.cli", "run", "--db", str(db), "--no-report"],
        capture_output=True,
        text=True,
        timeout=1200,
        env={**os.environ, "COLUMNS": "120"},
    )


@pytest.mark.slow
def test_run_builds_every_mart_and_a_rerun_changes_nothing(tmp_path: Path):
    db = tmp_path / "warehouse.duckdb"

    first = warehouse_run(db)

    assert first.returncode == 0, first.stderr[-3000:]
    for step in ("step=ingest status=ok", "step=build status=ok", "step=publish status=ok"):
        assert step in first.stderr
    connection = duckdb.connect(str(db), read_only=True)
    counts = dict(mart_row_counts(connection))
    connection.close()
    assert set(counts) >= REQUIRED_MARTS, f"missing marts: {REQUIRED_MARTS - set(counts)}"
    assert all(counts[name] > 0 for name in REQUIRED_MARTS), counts
    before = table_contents(db)

    second = warehouse_run(db)

    assert second.returncode == 0, second.stderr[-3000:]
    assert "already loaded" in second.stderr
    after = table_contents(db)
    changed = sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )
    assert not changed, f"a rerun changed {changed}"
