"""The main job behind `warehouse run`: extract, ingest, build, publish, report."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import deque
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


def extract_new_articles(
    article_inputs: Sequence[Path], out_dir: Path
) -> tuple[Path | None, list[str]]:
    """Run the default extractor over the articles the manifest has not seen.

    Returns the records file (named by its content, so a rerun of the same articles
    writes the same file and ingest skips it) and the fingerprints to add to the
    manifest once the run has published.
    """
    try:
        from ingest.extractors.articles import ArticleInput, iter_articles
        from ingest.extractors.runner import extract_articles
        from warehouse.extraction_manifest import (
            ExtractionManifest,
            default_extractor_identity,
            fingerprint,
        )
    except ImportError:
        log_step("extract", "skipped", reason="no extractor installed")
        return None, []
    started = time.monotonic()
    manifest = ExtractionManifest(out_dir)
    identity = default_extractor_identity()
    # Articles stream from the input files to the extractor and their records to the
    # output: a corpus of a million is never held in memory. Outcomes come one per
    # article, in input order, so each takes the oldest fingerprint waiting.
    marks: deque[str | None] = deque()
    already = 0

    def new_articles():
        nonlocal already
        for article in iter_articles(article_inputs):
            mark = None
            if isinstance(article, ArticleInput):
                mark = fingerprint(article, identity)
                if mark in manifest:
                    already += 1
                    continue
            marks.append(mark)
            yield article  # input errors too: the extractor reports them

    out_dir.mkdir(parents=True, exist_ok=True)
    partial = out_dir / f".extract-{os.getpid()}.partial"
    digest = hashlib.sha256()
    fingerprints: list[str] = []  # of articles extracted; one that failed is tried again
    tried = 0
    with console.status("extracting claims…"), open(partial, "w") as out:
        for outcome in extract_articles(new_articles()):
            tried += 1
            mark = marks.popleft()
            if outcome.line is None:
                console.print(f"[yellow]warning:[/] {outcome.error}")
                continue
            out.write(outcome.line + "\n")
            digest.update(outcome.line.encode() + b"\n")
            if mark is not None:
                fingerprints.append(mark)
    if not tried:
        partial.unlink()
        log_step("extract", "ok", articles=0, already_extracted=already, seconds="0.0")
        return None, []
    count = len(fingerprints)
    target = out_dir / f"rules-{digest.hexdigest()[:16]}.jsonl"
    os.replace(partial, target)
    log_step(
        "extract",
        "ok",
        articles=count,
        already_extracted=already,
        output=target,
        seconds=f"{time.monotonic() - started:.1f}",
    )
    return target, fingerprints


def run_pipeline(
    inputs: Sequence[Path], *, db: Path | None, wait_seconds: float, write_report: bool
) -> None:
    from warehouse.building import build_and_summarise, print_mart_summary
    from warehouse.loading import ingest_paths, print_load_summary
    from warehouse.publish import open_work_connection, writer_paths

    published = resolve_db_path(db)
    articles, record_files = split_inputs(inputs)
    extracted_dir = published.parent / "extracted"
    fingerprints: list[str] = []
    # The lock first: an overlapping run must not spend an extraction before it learns
    # that another run holds the warehouse.
    with writer_paths(published, wait_seconds=wait_seconds) as paths:
        if articles:
            extracted, fingerprints = extract_new_articles(articles, extracted_dir)
            if extracted is not None:
                record_files.append(extracted)
        connection = open_work_connection(paths)
        try:
            results = ingest_paths(connection, record_files)
        finally:
            connection.close()
        print_load_summary(results)
        build_and_summarise(paths)
    log_step("publish", "ok", db=paths.published)
    if fingerprints:
        from warehouse.extraction_manifest import ExtractionManifest

        ExtractionManifest(extracted_dir).add(fingerprints)
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
