"""Importers of structured public series (an air force's daily table, a ministry's posts).

Importers are extractors: each row or post becomes one contract record (see
/shared/spec/extraction-contract.md), so the warehouse loads them through the same
ingest as any other extractor's output. Every importer exposes
``iter_import(path) -> Iterator[ImportItem]``, one item per input row.
"""
