"""Run `dbt build` in-process, once, against the writer's working copy.

dbt is imported here and only here: importing it costs about 8 s, which
`warehouse query` and `warehouse ingest` must not pay.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from warehouse.settings import DBT_PROJECT_DIR


@dataclass
class BuildOutcome:
    success: bool
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    error: str | None = None


def run_dbt_build(
    database: Path, *, select: list[str] | None = None, full_refresh: bool = False
) -> BuildOutcome:
    """Build models and run tests into `database` (which no open connection may hold)."""
    from dbt.cli.main import dbtRunner

    # Per-database target and log folders: two warehouses built at once (tests, a
    # second checkout) must not share dbt's partial-parse state.
    state_dir = database.parent / f"{database.name}.dbt"
    args = [
        "build",
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(state_dir / "target"),
        "--log-path",
        str(state_dir / "logs"),
        "--quiet",
    ]
    if select:
        args += ["--select", *select]
    if full_refresh:
        args.append("--full-refresh")
    previous = os.environ.get("WAREHOUSE_DB")
    os.environ["WAREHOUSE_DB"] = str(database)
    try:
        result = dbtRunner().invoke(args)
    finally:
        _close_dbt_database()
        if previous is None:
            os.environ.pop("WAREHOUSE_DB", None)
        else:
            os.environ["WAREHOUSE_DB"] = previous
    outcome = BuildOutcome(success=bool(result.success))
    if result.exception is not None:
        outcome.error = str(result.exception)
    for node_result in getattr(result.result, "results", None) or []:
        status = str(node_result.status)
        outcome.statuses[status] += 1
        if status in {"error", "fail", "runtime error"}:
            outcome.failures.append(f"{node_result.node.name}: {node_result.message}")
    return outcome


def _close_dbt_database() -> None:
    """Close the DuckDB instance dbt-duckdb keeps open after a run.

    dbt-duckdb holds its database in a class-level environment for the life of the
    process; until it closes, the build's last writes sit in the WAL and a copy of
    the file (our publish) would miss them.
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        environment = DuckDBConnectionManager._ENV
        if environment is not None:
            environment.close()
            DuckDBConnectionManager._ENV = None
