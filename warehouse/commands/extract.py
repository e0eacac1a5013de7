"""`warehouse extract INPUT... -o OUT.jsonl`: articles to contract-v1 JSON Lines.

Inputs are .txt/.md files (with optional NAME.meta.json sidecars), folders of them,
or JSON Lines files of articles. The default extractor is the offline rule set;
`--extractor module:callable` or an entry-point name plugs in another.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def command(
    inputs: Annotated[list[Path], typer.Argument(help="Article files, folders or .jsonl files.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write JSON Lines.")],
    extractor: Annotated[
        str | None,
        typer.Option(
            help="'module:callable' or an 'airwar.extractors' entry point; "
            "default: the rule-based extractor."
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Processes to use; default: one per core.")
    ] = None,
    max_chars: Annotated[
        int, typer.Option(help="Refuse articles longer than this many characters.")
    ] = 1_000_000,
    timeout: Annotated[
        float, typer.Option(help="Seconds one article may take before it is stopped.")
    ] = 20.0,
) -> None:
    """Extract strikes, interceptions and visits from articles into JSON Lines."""
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from ingest.extractors.articles import iter_articles
    from ingest.extractors.interface import ExtractorNotFound, load_extractor
    from ingest.extractors.runner import extract_articles

    console = Console(stderr=True)
    try:
        load_extractor(extractor)
    except ExtractorNotFound as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from error
    articles = list(iter_articles(inputs))
    if not articles:
        console.print("[red]error:[/red] no articles found in the inputs")
        raise typer.Exit(2)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    written = failed = strikes = interceptions = visits = 0
    errors: list[str] = []
    started = time.perf_counter()
    with (
        open(partial, "w", encoding="utf-8") as handle,
        Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("extracting", total=len(articles))
        for outcome in extract_articles(
            articles, extractor=extractor, workers=workers, timeout=timeout, max_chars=max_chars
        ):
            if outcome.line is None:
                failed += 1
                errors.append(outcome.error or "unknown error")
            else:
                handle.write(outcome.line + "\n")
                written += 1
                strikes += outcome.strikes
                interceptions += outcome.interceptions
                visits += outcome.visits
            progress.advance(task)
    partial.replace(output)
    elapsed = time.perf_counter() - started
    for message in errors[:20]:
        console.print(f"[yellow]skipped:[/yellow] {message}")
    if len(errors) > 20:
        console.print(f"[yellow]... and {len(errors) - 20} more skipped[/yellow]")
    console.print(
        f"wrote {written} records to {output} ({strikes} strikes, {interceptions} "
        f"interceptions, {visits} visits) in {elapsed:.1f} s; {failed} articles failed"
    )
    if failed:
        raise typer.Exit(1)
