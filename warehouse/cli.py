"""The `warehouse` command: one sub-command per module in warehouse/commands.

Command modules keep heavy imports (dbt, spaCy, Polars, Plotly) inside their
functions, so that `warehouse query` starts fast: importing dbt alone costs ~8 s.
"""

from __future__ import annotations

import typer

from warehouse.commands import build, evaluate, extract, import_series, ingest, query, report, run

app = typer.Typer(
    name="warehouse",
    help="Conflict-event data warehouse of the long-range air war (DuckDB + dbt).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command("run")(run.command)
app.command("extract")(extract.command)
app.command("import")(import_series.command)
app.command("ingest")(ingest.command)
app.command("build")(build.command)
app.command("query")(query.command)
app.command("report")(report.command)
app.command("evaluate")(evaluate.command)

if __name__ == "__main__":
    app()
