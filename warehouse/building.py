"""The build step shared by `warehouse build` and `warehouse run`."""

from __future__ import annotations

import time

import duckdb
import typer
from rich.table import Table

from warehouse.console import console, fail
from warehouse.errors import EXIT_FAILED
from warehouse.marts import mart_row_counts
from warehouse.publish import WarehousePaths
from warehouse.runlog import log_step


def build_and_summarise(
    paths: WarehousePaths,
    *,
    select: list[str] | None = None,
    full_refresh: bool = False,
    unit_tests: bool = False,
) -> None:
    """Run dbt on the working copy; raise typer.Exit (so nothing is published) on failure."""
    started = time.monotonic()
    with console.status("dbt build (models + tests)…"):
        from warehouse.dbt_build import run_dbt_build

        outcome = run_dbt_build(
            paths.work, select=select, full_refresh=full_refresh, unit_tests=unit_tests
        )
    seconds = time.monotonic() - started
    counts = " ".join(f"{status}={count}" for status, count in sorted(outcome.statuses.items()))
    if not outcome.success:
        log_step("build", "failed", seconds=f"{seconds:.1f}", results=counts or "none")
        for failure in outcome.failures[:20]:
            fail(failure)
        if outcome.error:
            fail(outcome.error)
        fail("dbt build failed; the published warehouse was left as it was")
        raise typer.Exit(EXIT_FAILED)
    log_step("build", "ok", seconds=f"{seconds:.1f}", results=counts)
    console.print(f"dbt build: {counts} in {seconds:.1f} s")


def print_mart_summary(paths: WarehousePaths) -> None:
    connection = duckdb.connect(str(paths.published), read_only=True)
    try:
        rows = mart_row_counts(connection)
    finally:
        connection.close()
    table = Table(title=f"marts in {paths.published}")
    table.add_column("mart")
    table.add_column("rows", justify="right")
    for name, count in rows:
        table.add_row(name, str(count))
    console.print(table)
