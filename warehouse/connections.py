"""Read-only connections to the published warehouse.

Readers never open the writer's working copy: `warehouse.publish` replaces the
published file by an atomic rename, so a reader that opened it keeps a whole build
and the next reader gets the next whole build.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.settings import resolve_db_path


class WarehouseMissingError(FileNotFoundError):
    pass


def connect_readonly(db_path: Path | str | None = None) -> duckdb.DuckDBPyConnection:
    path = resolve_db_path(db_path)
    if not path.exists():
        raise WarehouseMissingError(
            f"no warehouse at {path}: run `warehouse run` (or `warehouse ingest` + "
            "`warehouse build`) first, or point --db / $WAREHOUSE_DB at one"
        )
    return duckdb.connect(str(path), read_only=True)
