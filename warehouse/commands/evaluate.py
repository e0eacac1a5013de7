"""Placeholder: `warehouse evaluate` is being built (see the open issue)."""

import typer


def command() -> None:
    """Not built yet."""
    typer.echo("warehouse evaluate: not built yet", err=True)
    raise typer.Exit(2)
