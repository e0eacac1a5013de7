"""The main job behind `warehouse run`: extract, ingest, build, publish, report."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path

from warehouse.console import console
from warehouse.runlog import log_step
from warehouse.settings import SAMPLE_ARTICLES, SAMPLE_HUMAN_RECORDS, resolve_db_path


def split_inputs(inputs: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(article inputs to extract, record files to ingest). Defaults to the sample corpus."""
    if not inputs:
        return [SAMPLE_ARTICLES], [SAMPLE_HUMAN_RECORDS]
    articles: list[Path] = []
    records: list[Path] = []
    for path in inputs:
        if not path.exists():
            raise FileNotFoundError(f"no such input: {path}")
        (records if is_record_file(path) else articles).append(path)
    return articles, records


def is_record_file(path: Path) -> bool:
    """A JSON Lines file whose first record has a schema_version holds extraction records."""
    if path.is_dir() or path.suffix.lower() not in {".jsonl", ".ndjson"}:
        return False
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                try:
                    first = json.loads(line)
                except ValueError:
                    return True  # let ingest quarantine it with a reason
                return isinstance(first, dict) and "schema_version" in first
    return True


def extract_to_file(article_inputs: Sequence[Path], out_dir: Path) -> Path | None:
    """Run the default extractor; the output is named by its content, so reruns dedupe."""
    try:
        from ingest.extractors.runner import extract_paths
    except ImportError:
        log_step("extract", "skipped", reason="no extractor installed")
        return None
    started = time.monotonic()
    out_dir.mkdir(parents=True, exist_ok=True)
    partial = out_dir / f".extract-{os.getpid()}.partial"
    digest = hashlib.sha256()
    count = 0
    with console.status("extracting claims from articles…"), open(partial, "w") as out:
        for line in extract_paths(list(article_inputs)):
            out.write(line + "\n")
            digest.update(line.encode() + b"\n")
            count += 1
    target = out_dir / f"rules-{digest.hexdigest()[:16]}.jsonl"
    os.replace(partial, target)
    log_step(
        "extract", "ok", articles=count, output=target, seconds=f"{time.monotonic() - started:.1f}"
    )
    return target


def run_pipeline(
    inputs: Sequence[Path], *, db: Path | None, wait_seconds: float, write_report: bool
) -> None:
    from warehouse.building import build_and_summarise, print_mart_summary
    from warehouse.loading import ingest_paths, print_load_summary
    from warehouse.publish import open_work_connection, writer_paths

    published = resolve_db_path(db)
    articles, record_files = split_inputs(inputs)
    if articles:
        extracted = extract_to_file(articles, published.parent / "extracted")
        if extracted is not None:
            record_files.append(extracted)
    with writer_paths(published, wait_seconds=wait_seconds) as paths:
        connection = open_work_connection(paths)
        try:
            results = ingest_paths(connection, record_files)
        finally:
            connection.close()
        print_load_summary(results)
        build_and_summarise(paths)
    log_step("publish", "ok", db=paths.published)
    print_mart_summary(paths)
    if write_report:
        _write_report(paths.published)
    console.print(f"warehouse: [bold]{paths.published}[/]")


def _write_report(database: Path) -> None:
    try:
        from warehouse.report_html import write_report
    except ImportError:
        log_step("report", "skipped", reason="report builder not installed")
        return
    output = database.with_name("report.html")
    write_report(database, output)
    log_step("report", "ok", output=output)
    console.print(f"report: [bold]{output}[/]")
