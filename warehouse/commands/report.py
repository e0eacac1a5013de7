"""`warehouse report`: write the static HTML report of the warehouse.

Polars and Plotly are imported inside the command, so that `warehouse --help` and
the other commands start fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from warehouse.options import DbOption

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="HTML file to write (default: report.html beside the database).",
        show_default=False,
    ),
]


def command(
    db: DbOption = None,
    output: OutputOption = None,
    date_from: Annotated[
        str | None,
        typer.Option("--from", metavar="YYYY-MM-DD", help="First date shown.", show_default=False),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--to", metavar="YYYY-MM-DD", help="Last date shown.", show_default=False),
    ] = None,
) -> None:
    """Write one self-contained HTML file with the key charts and headline numbers."""
    from warehouse.console import fail
    from warehouse.errors import EXIT_FAILED, exit_on_known_errors
    from warehouse.report_html import write_report

    with exit_on_known_errors("report"):
        try:
            path = write_report(db, output, date_from=date_from, date_to=date_to)
        except ValueError as error:  # a malformed or inverted date range
            fail(f"warehouse report: {error}")
            raise typer.Exit(EXIT_FAILED) from error
    typer.echo(str(path))
