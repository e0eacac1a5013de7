"""`warehouse query "SQL"`: run SQL against the published warehouse, read-only."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from warehouse.errors import exit_on_known_errors
from warehouse.options import DbOption


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def command(
    sql: Annotated[str, typer.Argument(help="SQL to run (read-only).")],
    db: DbOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    limit: Annotated[
        int, typer.Option(help="Most rows shown in table format (csv/json print all).")
    ] = 200,
) -> None:
    """Query the warehouse read-only; never blocks a running build."""
    import duckdb

    from warehouse.connections import connect_readonly

    with exit_on_known_errors("query"):
        connection = connect_readonly(db)
        try:
            cursor = connection.execute(sql)
        except duckdb.Error as error:
            from warehouse.console import fail

            fail(str(error))
            raise typer.Exit(1) from error
        columns = [column[0] for column in cursor.description or []]
        rows = cursor.fetchall()
        connection.close()
    if output_format is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    elif output_format is OutputFormat.json:
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        sys.stdout.write(json.dumps(records, default=str, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_table(columns, rows, limit)


def _print_table(columns: list[str], rows: list[tuple], limit: int) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows[:limit]:
        table.add_row(*("NULL" if value is None else str(value) for value in row))
    console = Console()
    console.print(table)
    if len(rows) > limit:
        console.print(f"({len(rows)} rows, first {limit} shown; use --format csv for all)")
