"""Create the raw layer and keep its ledger honest."""

from __future__ import annotations

from pathlib import Path

import duckdb

RAW_SCHEMA_SQL = Path(__file__).with_name("raw_schema.sql")


def ensure_raw_schema(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(RAW_SCHEMA_SQL.read_text(encoding="utf-8"))


def mark_interrupted_loads(connection: duckdb.DuckDBPyConnection) -> int:
    """Mark loads left 'running' by a writer that died; call only while holding the lock."""
    rows = connection.execute(
        """
        update raw.loads
        set status = 'interrupted',
            error = 'the loading process stopped before its transaction committed; '
                || 'nothing of this load was kept'
        where status = 'running'
        returning load_id
        """
    ).fetchall()
    return len(rows)
