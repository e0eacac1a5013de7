"""Small helpers for the extractor tests: run the rule extractor on a text."""

from __future__ import annotations

from ingest.contract import ExtractionRecord
from ingest.extractors.articles import make_article
from ingest.extractors.rules import extract


def run(
    text: str, published_at: str | None = "2025-01-14", title: str | None = None
) -> ExtractionRecord:
    fields = {"published_at": published_at, "title": title, "outlet": "Test Wire"}
    record = extract(make_article(fields, text, "test"))
    # every record the extractor makes is valid contract v1, evidence slicing the text
    again = ExtractionRecord.model_validate_json(record.model_dump_json())
    for _, claim in again.claims():
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    return again
