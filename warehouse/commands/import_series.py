"""`warehouse import SOURCE FILE.csv`: load a public series through the normal ingest.

Importers are extractors of structured series: each row (or post) becomes one contract
record, validated, quarantined and loaded idempotently like any other extractor's
output. With `-o OUT.jsonl` the records are written to a file instead of the warehouse.
Every input row is accounted for: rows read = loaded + exact duplicates + skipped +
quarantined.
"""

from __future__ import annotations

import enum
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from warehouse.options import DbOption, WaitOption

if TYPE_CHECKING:
    from ingest.importers.series import ImportItem, ImportSummary
    from ingest.load import LoadResult


class Source(enum.StrEnum):
    ua_air_force = "ua-air-force"
    ru_mod = "ru-mod"


_MODULES = {
    Source.ua_air_force: "ingest.importers.ua_air_force",
    Source.ru_mod: "ingest.importers.ru_mod",
}


def command(
    source: Annotated[
        Source, typer.Argument(help="ua-air-force (Air Force table) or ru-mod (ministry posts).")
    ],
    file: Annotated[Path, typer.Argument(help="The public CSV file (see README).")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write contract records (JSON Lines) here instead."),
    ] = None,
    db: DbOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Import a public series: Ukrainian Air Force attack table or Russian MoD posts."""
    import importlib

    from warehouse.console import fail
    from warehouse.errors import exit_on_known_errors

    if not file.is_file():
        raise typer.BadParameter(f"no such file: {file}")
    module = importlib.import_module(_MODULES[source])
    try:
        module.check_header(file)
    except ValueError as error:
        fail(str(error))
        raise typer.Exit(1) from error
    from ingest.importers.series import ReferenceTableError

    try:
        if output is not None:
            summary = _write_jsonl(module, source, file, output)
            _print_summary(source, file, summary, None, output)
            return
        with exit_on_known_errors(f"import {source.value}"):
            summary, result = _load(module, source, file, db, wait)
    except ReferenceTableError as error:
        fail(str(error))
        raise typer.Exit(1) from error
    _print_summary(source, file, summary, result, None)


def _tracked(module, source: Source, file: Path, summary: ImportSummary) -> Iterator[ImportItem]:
    """The importer's items with a progress bar, tallied into `summary` as they pass."""
    from ingest.importers.series import iter_csv_rows
    from warehouse.console import progress_bar

    total = sum(1 for _ in iter_csv_rows(file))
    with progress_bar() as progress:
        task = progress.add_task(f"import {source.value} {file.name}", total=total)
        for item in module.iter_import(file):
            summary.add(item)
            progress.advance(task)
            yield item


def _write_jsonl(module, source: Source, file: Path, output: Path) -> ImportSummary:
    from ingest.importers.series import ImportSummary, RecordLine

    summary = ImportSummary()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.partial")
    # Written beside the target and renamed, so a reader never sees half a file.
    try:
        with open(partial, "w", encoding="utf-8", newline="\n") as handle:
            for item in _tracked(module, source, file, summary):
                if isinstance(item, RecordLine):
                    handle.write(item.json_line)
                    handle.write("\n")
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return summary


def import_key(file: Path, module) -> str:
    """The ledger key of an import: the file's bytes and the importer's name and version.

    Re-importing the same file with the same importer is skipped whole; a new importer
    version reads it again (and replaces what changed).
    """
    from ingest.load import file_sha256

    extractor = module.EXTRACTOR
    key = f"{file_sha256(file)}|{extractor.name}|{extractor.version}"
    return hashlib.sha256(key.encode()).hexdigest()


def _load(
    module, source: Source, file: Path, db: Path | None, wait: float
) -> tuple[ImportSummary, LoadResult]:
    from ingest.importers.series import ImportSummary, RecordLine, Rejected
    from ingest.load import Rejected as LoadRejected
    from ingest.load import ingest_stream
    from warehouse.publish import writer
    from warehouse.runlog import log_step

    summary = ImportSummary()

    def items() -> Iterator[tuple[int, str] | LoadRejected]:
        for item in _tracked(module, source, file, summary):
            if isinstance(item, RecordLine):
                yield item.line_number, item.json_line
            elif isinstance(item, Rejected):
                yield LoadRejected(item.line_number, item.raw_line, item.reason)

    with writer(db, wait_seconds=wait) as connection:
        result = ingest_stream(
            connection,
            items(),
            source_file=str(file.resolve()),
            file_sha256=import_key(file, module),
            file_bytes=file.stat().st_size,
        )
    log_step(
        f"import {source.value}",
        "ok",
        file=file.name,
        rows=summary.rows_read,
        loaded=result.loaded,
        duplicates=summary.duplicates,
        skipped=summary.skipped_total,
        quarantined=result.quarantined,
        skipped_file=result.skipped_file,
    )
    return summary, result


def _print_summary(
    source: Source,
    file: Path,
    summary: ImportSummary,
    result: LoadResult | None,
    output: Path | None,
) -> None:
    from rich.table import Table

    from warehouse.console import console

    if result is not None and result.skipped_file:
        console.print(
            f"{file.name}: already imported by this importer version (same sha256); nothing changed"
        )
        return
    loaded = summary.records if result is None else result.loaded
    quarantined = summary.rejected if result is None else result.quarantined
    verb = "written" if result is None else "loaded"
    table = Table(
        title=f"import {source.value}: rows read = {verb} + duplicates + skipped + quarantined"
    )
    table.add_column("file", overflow="fold")
    for column in ("rows read", verb, "claims", "duplicates", "skipped", "quarantined"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_row(
        file.name,
        str(summary.rows_read),
        str(loaded),
        str(summary.claims),
        str(summary.duplicates),
        str(summary.skipped_total),
        str(quarantined),
    )
    console.print(table)
    for category, count in summary.skipped.most_common():
        console.print(f"  skipped {count}: {category}")
    for reason, count in summary.rejection_reasons.most_common(5):
        console.print(f"  [red]quarantined[/] {count}: {reason}")
    if result is not None:
        for line_number, reason in result.reasons[:5]:
            console.print(f"  [red]quarantined[/] {file.name}:{line_number}: {reason}")
    accounted = loaded + summary.duplicates + summary.skipped_total + quarantined
    mark = "[green]ok[/]" if accounted == summary.rows_read else "[bold red]MISMATCH[/]"
    console.print(
        f"rows read {summary.rows_read} = {verb} {loaded} + duplicates {summary.duplicates} "
        f"+ skipped {summary.skipped_total} + quarantined {quarantined}: {mark}"
    )
    if output is not None:
        console.print(f"wrote {loaded} records to {output}")
    if accounted != summary.rows_read:
        raise typer.Exit(1)
