"""`warehouse evaluate GOLD.jsonl PRED.jsonl`: precision, recall and F1 per claim kind.

The matching key is documented in ingest/extractors/evaluate.py: strikes agree on
date, attacker and place (name or admin1); interceptions on date, weapon and
defender; visits on visitor surname and destination.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def command(
    gold: Annotated[Path, typer.Argument(help="Hand-coded records (JSON Lines).")],
    predicted: Annotated[Path, typer.Argument(help="Extracted records (JSON Lines).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    show: Annotated[
        int, typer.Option(help="Print up to this many misses, extras and field mismatches.")
    ] = 0,
) -> None:
    """Score extracted claims against hand-coded ones, per kind and micro-averaged."""
    from rich.console import Console
    from rich.table import Table

    from ingest.extractors.evaluate import KINDS, dumps, evaluate_files

    console = Console()
    for path in (gold, predicted):
        if not path.exists():
            console.print(f"[red]error:[/red] {path} does not exist")
            raise typer.Exit(2)
    try:
        report = evaluate_files(gold, predicted)
    except ValueError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(dumps(report))
        return
    table = Table(title=f"{predicted.name} against {gold.name}")
    for column in ("kind", "TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    rows = [(kind, report.kinds[kind]) for kind in KINDS] + [("micro-avg", report.micro)]
    for name, score in rows:
        table.add_row(
            name,
            str(score.tp),
            str(score.fp),
            str(score.fn),
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
        )
    console.print(table)
    fields = Table(title="field accuracy on matched claims")
    fields.add_column("kind")
    fields.add_column("field")
    fields.add_column("agree", justify="right")
    for kind in KINDS:
        score = report.kinds[kind]
        for name, total in score.field_total.items():
            fields.add_row(
                kind,
                name,
                f"{score.field_hits[name]}/{total} ({score.field_hits[name] / total:.0%})",
            )
    console.print(fields)
    console.print(
        f"{report.articles_scored} articles scored; {report.articles_missing} gold articles "
        f"without a prediction; {report.articles_unscored} predicted articles without gold"
    )
    for line in report.mismatches[:show]:
        console.print(f"  {line}", markup=False)
