"""A warehouse built the way `warehouse run` builds one, from the project's own records.

Used by the notebook, report and browser tests. The build (ingest + dbt) takes tens of
seconds, so it is made once per test session and reused: tests that use it carry
`@pytest.mark.xdist_group("built_warehouse")` so that, under xdist, they share a worker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.settings import REPO_ROOT, SAMPLE_HUMAN_RECORDS

FIXTURE_RECORDS = REPO_ROOT / "tests" / "fixtures" / "extractions_small.jsonl"


def record_files() -> list[Path]:
    """The hand-coded sample corpus, and the small fixture corpus of the dbt tests."""
    return [path for path in (SAMPLE_HUMAN_RECORDS, FIXTURE_RECORDS) if path.exists()]


def build_warehouse(db: Path) -> Path:
    """Ingest the project's records into `db` and build the marts with dbt, as `run` does."""
    from warehouse.pipeline import run_pipeline

    files = record_files()
    if not files:
        pytest.fail("no extraction records to build a warehouse from (data/sample, tests/fixtures)")
    run_pipeline(files, db=db, wait_seconds=0, write_report=False)
    return db


def shared_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One built warehouse per session (per xdist worker), whichever conftest asks first."""
    directory = tmp_path_factory.getbasetemp() / "built-warehouse"
    db = directory / "warehouse.duckdb"
    if not db.exists():
        directory.mkdir(parents=True, exist_ok=True)
        build_warehouse(db)
    return db
