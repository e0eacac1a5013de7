"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Warehouse file (default: $WAREHOUSE_DB, else data/warehouse.duckdb).",
        show_default=False,
    ),
]
WaitOption = Annotated[
    float,
    typer.Option(
        "--wait",
        help="Seconds to wait for another writer to finish before giving up.",
        min=0,
    ),
]
