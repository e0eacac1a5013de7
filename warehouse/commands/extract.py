"""Placeholder: `warehouse extract` is being built (see the open issue)."""

import typer


def command() -> None:
    """Not built yet."""
    typer.echo("warehouse extract: not built yet", err=True)
    raise typer.Exit(2)
