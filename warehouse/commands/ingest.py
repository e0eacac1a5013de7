"""`warehouse ingest FILE.jsonl…`: load extraction records (contract v1) into the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from warehouse.errors import exit_on_known_errors
from warehouse.options import DbOption, WaitOption


def command(
    files: Annotated[list[Path], typer.Argument(help="JSON Lines files of extraction records.")],
    db: DbOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Validate and load extraction records; bad records go to raw.quarantine with a reason."""
    from warehouse.loading import ingest_paths, print_load_summary
    from warehouse.publish import writer

    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise typer.BadParameter(f"no such file: {', '.join(missing)}")
    with exit_on_known_errors("ingest"), writer(db, wait_seconds=wait) as connection:
        results = ingest_paths(connection, files)
    print_load_summary(results)
