"""Ingest several files with a progress bar and summarise what happened to every record."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
from rich.table import Table

from ingest.load import LoadResult, ingest_file
from warehouse.console import console, progress_bar
from warehouse.runlog import log_step


def ingest_paths(connection: duckdb.DuckDBPyConnection, files: Sequence[Path]) -> list[LoadResult]:
    results: list[LoadResult] = []
    with progress_bar() as progress:
        for path in files:
            task = progress.add_task(f"ingest {path.name}", total=None)
            result = ingest_file(
                connection, path, progress=lambda step, task=task: progress.advance(task, step)
            )
            progress.update(task, total=result.read, completed=result.read)
            results.append(result)
    log_step(
        "ingest",
        "ok",
        files=len(results),
        skipped_files=sum(result.skipped_file for result in results),
        read=sum(result.read for result in results),
        loaded=sum(result.loaded for result in results),
        quarantined=sum(result.quarantined for result in results),
    )
    return results


def print_load_summary(results: Sequence[LoadResult]) -> None:
    table = Table(title="ingest: records in = loaded + quarantined")
    # "same": identical to what is stored; "older": superseded by a newer extraction.
    table.add_column("file", overflow="fold")
    for column in ("read", "loaded", "new", "replaced", "same", "older"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("quarantined", justify="right", style="red", no_wrap=True)
    for result in results:
        if result.skipped_file:
            table.add_row(Path(result.source_file).name, "already loaded (same sha256)")
            continue
        table.add_row(
            Path(result.source_file).name,
            *(
                str(value)
                for value in (
                    result.read,
                    result.loaded,
                    result.inserted,
                    result.replaced,
                    result.unchanged,
                    result.superseded,
                    result.quarantined,
                )
            ),
        )
    console.print(table)
    for result in results:
        for line_number, reason in result.reasons[:5]:
            console.print(
                f"  [red]quarantined[/] {Path(result.source_file).name}:{line_number}: {reason}"
            )
        if result.quarantined > 5:
            console.print(
                f"  … {result.quarantined - 5} more in raw.quarantine (load_id {result.load_id})"
            )
