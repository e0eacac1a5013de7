"""Whole-table snapshots of a built warehouse, for tests that compare two builds."""

from __future__ import annotations

from pathlib import Path

import duckdb


def table_contents(db: Path, schema: str | None = None) -> dict[str, list[tuple]]:
    """Every base table (of `schema`, or all) as its rows in a stable order."""
    connection = duckdb.connect(str(db), read_only=True)
    try:
        names = connection.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and (? is null or table_schema = ?) order by 1",
            [schema, schema],
        ).fetchall()
        return {
            name: sorted(connection.execute(f"select * from {name}").fetchall(), key=repr)
            for (name,) in names
        }
    finally:
        connection.close()
