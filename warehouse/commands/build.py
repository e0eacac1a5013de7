"""`warehouse build`: dbt build (models and tests) into the warehouse, then publish it."""

from __future__ import annotations

from typing import Annotated

import typer

from warehouse.errors import exit_on_known_errors
from warehouse.options import DbOption, WaitOption

SelectOption = Annotated[
    list[str] | None,
    typer.Option("--select", "-s", help="dbt selection, e.g. marts or +fct_strikes."),
]


def command(
    db: DbOption = None,
    select: SelectOption = None,
    full_refresh: Annotated[
        bool, typer.Option(help="Rebuild incremental models and reload every seed.")
    ] = False,
    unit_tests: Annotated[
        bool,
        typer.Option(help="Also run dbt's unit tests (static inputs: `make test` runs them)."),
    ] = False,
    wait: WaitOption = 0.0,
) -> None:
    """Build staging, intermediate and mart models with their tests; publish on success."""
    from warehouse.building import build_and_summarise, print_mart_summary
    from warehouse.publish import writer_paths

    with exit_on_known_errors("build"), writer_paths(db, wait_seconds=wait) as paths:
        build_and_summarise(paths, select=select, full_refresh=full_refresh, unit_tests=unit_tests)
    print_mart_summary(paths)
