"""The scheduled run with dbt: killed mid-build, then run again while analysts query.

One test, because every dbt build costs tens of seconds: a first `warehouse run`
publishes a built warehouse; a second is killed with SIGKILL while dbt builds models
(the published file must not change); a third completes while reader processes query
raw and mart tables together, and none of their answers may mix two builds.
Skips, with the reason, while the dbt project does not build.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.robustness.processes import (
    cli,
    digest,
    kill9,
    ledger,
    lines_in,
    query,
    record_counts,
    start_cli,
    wait_for,
)
from tests.robustness.test_readers_during_writes import start_readers, stop_readers
from warehouse.settings import DBT_PROJECT_DIR

pytestmark = pytest.mark.slow


def snapshot_sql(db: Path) -> str:
    """One query over raw and every mart table: a half build cannot give a seen answer."""
    marts = [
        name
        for (name,) in query(
            db,
            "select table_name from information_schema.tables where table_schema = 'main' "
            "and (table_name like 'fct\\_%' escape '\\' or table_name like 'dim\\_%' escape '\\') "
            "and table_type = 'BASE TABLE' order by table_name",
        )
    ]
    counts = [f'(select count(*) from main."{name}")' for name in marts]
    return (
        "select (select count(*) from raw.extraction_records), "
        "(select count(*) from raw.loads where status = 'completed'), " + ", ".join(counts or ["0"])
    )


def dbt_models_running(db: Path, since: float) -> bool:
    """dbt writes each model's SQL under its target/run/ as it runs it."""
    for state_dir in db.parent.glob(f".*{db.name}*.dbt"):  # dbt_build.py's target folder
        for path in (state_dir / "target" / "run").rglob("*.sql"):
            try:
                if path.stat().st_mtime > since:
                    return True
            except FileNotFoundError:
                continue
    return False


def test_a_build_killed_mid_way_changes_nothing_and_readers_see_whole_builds(
    tmp_path, small_records, nightly_records
):
    if not (DBT_PROJECT_DIR / "dbt_project.yml").exists():
        pytest.skip("no dbt project yet (dbt_project/dbt_project.yml)")
    db = tmp_path / "warehouse.duckdb"
    first = cli("run", str(small_records), "--db", str(db), "--no-report")
    if first.returncode != 0:
        pytest.skip(f"the dbt project does not build yet: {first.stderr[-600:]}")
    published = digest(db)
    before_sql = snapshot_sql(db)
    before = query(db, before_sql)[0]

    started = time.time()
    killed = start_cli(
        "run", str(nightly_records), "--db", str(db), "--no-report", log=tmp_path / "killed.log"
    )
    wait_for(
        lambda: dbt_models_running(db, started) or killed.poll() is not None,
        timeout=300,
        what="dbt to start building models",
    )
    assert killed.poll() is None, (tmp_path / "killed.log").read_text()
    time.sleep(1.0)
    kill9(killed)

    assert digest(db) == published, "a killed build changed the published warehouse"

    stop = tmp_path / "stop"
    readers = start_readers(db, stop, tmp_path, sql=before_sql)
    try:
        again = cli(
            "run",
            *(str(path) for path in (small_records, nightly_records)),
            *("--db", str(db), "--no-report", "--wait", "60"),
        )
    finally:
        results = stop_readers(readers, stop)
    assert again.returncode == 0, again.stderr
    assert "step=build status=ok" in again.stderr
    # Files already loaded (by content hash) are not read again: the first run's, and
    # the killed run's, whose load had committed in the working copy.
    assert "skipped_files=2 read=0" in again.stderr
    after = query(db, before_sql)[0]

    failures = [failure for result in results for failure in result["failures"]]
    assert failures == [], f"{len(failures)} failed queries, e.g. {failures[:3]}"
    answers = [tuple(answer[:-1]) for result in results for answer in result["answers"]]
    assert answers, "the readers never got an answer"
    assert set(answers) <= {before, after}, f"answers from no whole build: {set(answers)}"
    # The killed run's load committed in the working copy: the next run keeps it once.
    nightly_loads = [status for source, status, _ in ledger(db) if source == str(nightly_records)]
    assert nightly_loads == ["completed"]
    rows, keys = record_counts(db)
    assert rows == keys == lines_in(small_records) + lines_in(nightly_records)
