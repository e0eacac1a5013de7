"""Load the marts of the published warehouse into Polars, through a read-only connection.

Every notebook and the HTML report read the warehouse through `load_marts`, so that all
of them see the same rows for the same date range. The connection is opened read-only
and closed before anything is drawn: `warehouse build` publishes a new file by an atomic
rename, and a long-lived reader would hold on to the old one.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb
    import polars as pl

# attribute name -> (mart, the date column a date range filters on, or None)
MARTS: dict[str, tuple[str, str | None]] = {
    "strikes": ("fct_strikes", "event_date"),
    "strike_claims": ("fct_strike_claims", "event_date"),
    "interceptions": ("fct_interceptions", "attack_night"),
    "interception_claims": ("fct_interception_claims", "attack_night"),
    "visits": ("fct_visits", "visit_date"),
    "targets": ("dim_targets", None),
    "sources": ("dim_sources", None),
}


class MartMissingError(FileNotFoundError):
    """The warehouse exists but has not been built (no marts yet)."""


@dataclass(frozen=True)
class Marts:
    """The marts an analyst of the air war reads first, as Polars frames."""

    db_path: Path
    date_from: dt.date | None
    date_to: dt.date | None
    strikes: pl.DataFrame
    strike_claims: pl.DataFrame
    interceptions: pl.DataFrame
    interception_claims: pl.DataFrame
    visits: pl.DataFrame
    targets: pl.DataFrame
    sources: pl.DataFrame

    def summary(self) -> pl.DataFrame:
        """Rows per mart, for the first cell of a notebook."""
        import polars as pl

        counts = self.row_counts()
        return pl.DataFrame(
            {"mart": [MARTS[name][0] for name in counts], "rows": list(counts.values())}
        )

    def row_counts(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name).height for f in fields(self) if f.name in MARTS}


def as_date(value: dt.date | str | None) -> dt.date | None:
    """Accept the forms a notebook parameter takes: None, '2025-08-01', or a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise ValueError(f"bad date {value!r} (want YYYY-MM-DD): {error}") from error


def connect(db_path: Path | str | None = None) -> duckdb.DuckDBPyConnection:
    """The project's read-only connection to the published warehouse."""
    from warehouse.connections import connect_readonly

    return connect_readonly(db_path)


def warehouse_path(db_path: Path | str | None = None) -> Path:
    """--db / $WAREHOUSE_DB / data/warehouse.duckdb, as everywhere in the project.

    A notebook's kernel runs in notebooks/, where the relative default finds nothing;
    then the default under the repository root is used.
    """
    from warehouse.settings import DEFAULT_DB, REPO_ROOT, resolve_db_path

    path = resolve_db_path(db_path)
    if db_path is None and not os.environ.get("WAREHOUSE_DB") and not path.exists():
        in_repo = REPO_ROOT / DEFAULT_DB
        if in_repo.exists():
            return in_repo
    return path


def read_mart(
    con: duckdb.DuckDBPyConnection,
    mart: str,
    date_column: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> pl.DataFrame:
    """One mart as a Polars frame, optionally limited to [date_from, date_to] (inclusive).

    Rows whose date is null (unknown date) are kept only when no range is asked for.
    """
    exists = con.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'main' and table_name = ?",
        [mart],
    ).fetchone()
    if not exists or not exists[0]:
        raise MartMissingError(
            f"mart main.{mart} is missing: build the warehouse with `warehouse build`"
        )
    conditions, params = [], []
    if date_column and date_from:
        conditions.append(f'"{date_column}" >= ?')
        params.append(date_from)
    if date_column and date_to:
        conditions.append(f'"{date_column}" <= ?')
        params.append(date_to)
    where = f" where {' and '.join(conditions)}" if conditions else ""
    return con.execute(f'select * from main."{mart}"{where}', params).pl()


def load_marts(
    db_path: Path | str | None = None,
    date_from: dt.date | str | None = None,
    date_to: dt.date | str | None = None,
) -> Marts:
    """Read every mart the notebooks and the report use, then close the connection."""
    start, end = as_date(date_from), as_date(date_to)
    if start and end and start > end:
        raise ValueError(f"date_from {start} is after date_to {end}")
    path = warehouse_path(db_path)
    con = connect(path)
    try:
        frames = {
            name: read_mart(con, mart, column, start, end) for name, (mart, column) in MARTS.items()
        }
    finally:
        con.close()
    return Marts(db_path=path, date_from=start, date_to=end, **frames)
