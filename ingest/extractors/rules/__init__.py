"""The default extractor: offline, deterministic, rule-based (spaCy blank pipeline for
sentences, regular patterns, an offline gazetteer). `extract(article) -> record`."""

from ingest.extractors.rules.pipeline import NAME, RELEASED_AT, VERSION, extract

__all__ = ["NAME", "RELEASED_AT", "VERSION", "extract"]
