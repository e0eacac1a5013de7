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

# The digest of the seed files the warehouse's seed tables were loaded from. It lives
# in the database itself, so it travels with the file whichever checkout built it.
SEED_DIGEST_TABLE = "reference.seed_files_digest"


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

    Two kinds of node are left out unless asked for, because they cannot have changed
    with the data: dbt unit tests (static inputs; dbt's guidance is to run them in
    development and CI, which `make test` does) and seeds whose files are byte for byte
    the ones the warehouse's seed tables were loaded from.
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
    if full_refresh:
        args.append("--full-refresh")
    if not unit_tests:
        args += ["--exclude-resource-type", "unit_test"]
    seeds = seed_files_digest()
    seeds_current = not full_refresh and stored_seed_digest(database) == seeds
    if seeds_current:
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
    if outcome.success and not select and not seeds_current:
        store_seed_digest(database, seeds)
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


def seed_files_digest() -> str:
    """sha256 of every seed file and of dbt_project.yml (which types the seeds)."""
    digest = hashlib.sha256()
    files = [
        DBT_PROJECT_DIR / "dbt_project.yml",
        *sorted((DBT_PROJECT_DIR / "seeds").glob("*.csv")),
        *sorted(REFERENCE_DIR.glob("*.csv")),
    ]
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def stored_seed_digest(database: Path) -> str | None:
    if not database.exists():
        return None
    connection = duckdb.connect(str(database), read_only=True)
    try:
        # never built, or built before the digest was kept: no table
        kept = connection.execute(
            "select count(*) from information_schema.tables "
            "where table_schema || '.' || table_name = ?",
            [SEED_DIGEST_TABLE],
        ).fetchone()[0]
        if not kept:
            return None
        row = connection.execute(f"select digest from {SEED_DIGEST_TABLE}").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def store_seed_digest(database: Path, digest: str) -> None:
    connection = duckdb.connect(str(database))
    try:
        connection.execute("create schema if not exists reference")
        connection.execute(
            f"create or replace table {SEED_DIGEST_TABLE} as "
            "select ? as digest, current_timestamp as loaded_at",
            [digest],
        )
        connection.execute(
            f"comment on table {SEED_DIGEST_TABLE} is 'Bookkeeping of warehouse build: "
            "the digest of the seed files the reference tables were loaded from.'"
        )
    finally:
        connection.close()
