"""Run `dbt build` in-process, once, against the writer's working copy.

dbt is imported here and only here: importing it costs about 8 s, which
`warehouse query` and `warehouse ingest` must not pay.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse.settings import DBT_PROJECT_DIR, REFERENCE_DIR

# The digest of the dbt project (seeds, models, macros, dbt_project.yml) the warehouse
# was last built from, and the loads that build took in. Both live in the database
# itself, so they travel with the file whichever checkout built it.
PROJECT_DIGEST_TABLE = "reference.warehouse_project_digest"
# Read by the models (macros/incremental_articles.sql): the articles of loads not in it are
# the ones an incremental build recomputes.
BUILT_LOADS_TABLE = "reference.warehouse_built_loads"


@dataclass
class BuildOutcome:
    success: bool
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    error: str | None = None


def run_dbt_build(
    database: Path,
    *,
    select: list[str] | None = None,
    full_refresh: bool = False,
    unit_tests: bool = False,
) -> BuildOutcome:
    """Build models and run tests into `database` (which no open connection may hold).

    A build is incremental only when the project (seeds, models, macros) is byte for
    byte the one the warehouse was last built from; otherwise it is a full refresh, so
    the incremental models need not detect a seed edit or a changed rule themselves.
    Two kinds of node are left out unless asked for, because they cannot have changed
    with the data: dbt unit tests (static inputs; dbt's guidance is to run them in
    development and CI, which `make test` does) and, in an incremental build, seeds.
    """
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
        # The debug file log writes every statement of every node (about 100k lines a
        # build); info keeps each node's start, finish and errors.
        "--log-level-file",
        "info",
    ]
    if select:
        args += ["--select", *select]
    project = project_digest()
    project_current = stored_project_digest(database) == project
    full_refresh = full_refresh or not project_current
    # the loads this build takes in: recorded only when it succeeds
    loads = completed_loads(database)
    if full_refresh:
        args.append("--full-refresh")
    if not unit_tests:
        args += ["--exclude-resource-type", "unit_test"]
    if not full_refresh:
        args += ["--exclude-resource-type", "seed"]
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
    # A selective build leaves models out, and they have still to take these loads in.
    if outcome.success and not select:
        store_build_state(database, project, loads)
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


def project_digest() -> str:
    """sha256 of everything a build's tables are made from but the data: the seed files,
    the models (SQL and YAML), the macros and dbt_project.yml."""
    digest = hashlib.sha256()
    files = [
        DBT_PROJECT_DIR / "dbt_project.yml",
        *sorted((DBT_PROJECT_DIR / "seeds").glob("*.csv")),
        *sorted(REFERENCE_DIR.glob("*.csv")),
        *sorted((DBT_PROJECT_DIR / "models").rglob("*.sql")),
        *sorted((DBT_PROJECT_DIR / "models").rglob("*.yml")),
        *sorted((DBT_PROJECT_DIR / "macros").rglob("*.sql")),
    ]
    for path in files:
        if path.is_file():
            name = str(path.relative_to(path.parents[1]))
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _table_exists(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        connection.execute(
            "select count(*) from information_schema.tables "
            "where table_schema || '.' || table_name = ?",
            [name],
        ).fetchone()[0]
    )


def stored_project_digest(database: Path) -> str | None:
    """The digest of the project the warehouse was last built from; None before any build
    (or one made before the digest and the built loads were kept)."""
    if not database.exists():
        return None
    connection = duckdb.connect(str(database), read_only=True)
    try:
        if not (
            _table_exists(connection, PROJECT_DIGEST_TABLE)
            and _table_exists(connection, BUILT_LOADS_TABLE)
        ):
            return None
        row = connection.execute(f"select digest from {PROJECT_DIGEST_TABLE}").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def completed_loads(database: Path) -> list[str]:
    if not database.exists():
        return []
    connection = duckdb.connect(str(database), read_only=True)
    try:
        if not _table_exists(connection, "raw.loads"):
            return []
        rows = connection.execute(
            "select load_id from raw.loads where status = 'completed'"
        ).fetchall()
        return [row[0] for row in rows]
    finally:
        connection.close()


def store_build_state(database: Path, digest: str, loads: list[str]) -> None:
    connection = duckdb.connect(str(database))
    try:
        connection.execute("create schema if not exists reference")
        connection.execute(
            f"create or replace table {PROJECT_DIGEST_TABLE} as "
            # no timestamp: a rebuild of the same data leaves every table as it was
            "select ? as digest",
            [digest],
        )
        connection.execute(
            f"comment on table {PROJECT_DIGEST_TABLE} is 'Bookkeeping of warehouse build: "
            "the digest of the dbt project (seeds, models, macros) the tables were built from.'"
        )
        connection.execute(
            f"create or replace table {BUILT_LOADS_TABLE} as "
            "select unnest(cast(? as varchar[])) as load_id",
            [loads],
        )
        connection.execute(
            f"comment on table {BUILT_LOADS_TABLE} is 'Bookkeeping of warehouse build: "
            "the loads the last whole build took in; the next one recomputes the articles of "
            "the others.'"
        )
    finally:
        connection.close()
