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


def assert_same_tables(built_stepwise: Path, built_at_once: Path, schemas: tuple[str, ...]) -> None:
    """Two warehouses hold the same tables, row for row, in each of `schemas`."""
    for schema in schemas:
        stepwise_tables = table_contents(built_stepwise, schema=schema)
        at_once_tables = table_contents(built_at_once, schema=schema)
        assert set(stepwise_tables) == set(at_once_tables), schema
        differing = sorted(
            name for name in at_once_tables if stepwise_tables[name] != at_once_tables[name]
        )
        assert not differing, f"incremental and full builds differ in {differing}"
