"""What the marts hold: a one-screen summary after a build."""

from __future__ import annotations

import duckdb

MART_PREFIXES = ("fct_", "dim_")


def mart_row_counts(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    tables = connection.execute(
        """
        select table_schema, table_name from information_schema.tables
        where table_schema = 'main' and (table_name like 'fct\\_%' escape '\\'
            or table_name like 'dim\\_%' escape '\\')
        order by table_name
        """
    ).fetchall()
    return [
        (name, connection.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0])
        for schema, name in tables
    ]
