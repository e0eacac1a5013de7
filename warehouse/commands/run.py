"""`warehouse run`: the main job: extract, ingest, build, report, publish."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from warehouse.errors import exit_on_known_errors
from warehouse.options import DbOption, WaitOption


def command(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Articles (.txt/.md, folders, JSONL of articles) to extract and JSONL files "
            "of extraction records to ingest. Default: the sample corpus.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    wait: WaitOption = 0.0,
    report: Annotated[bool, typer.Option(help="Write report.html beside the database.")] = True,
) -> None:
    """Extract + ingest + build (+ report) on the sample corpus or the given inputs."""
    from warehouse.pipeline import run_pipeline

    with exit_on_known_errors("run"):
        run_pipeline(inputs or [], db=db, wait_seconds=wait, write_report=report)
