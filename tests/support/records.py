"""Build contract-valid extraction records for tests (written by the project)."""

from __future__ import annotations

import copy
import json
from typing import Any

from ingest.contract import article_id_for, claim_id_for, text_sha256

TEXT = (
    "Drones struck the oil depot in Engels overnight, regional governor Roman Busargin said. "
    "Nobody was hurt. Ukraine's air force said 80 drones were launched and 58 shot down."
)


def span(text: str, sentence: str) -> dict[str, Any]:
    start = text.index(sentence)
    return {"text": sentence, "start": start, "end": start + len(sentence)}


def make_record(
    text: str = TEXT,
    *,
    extractor: str = "tests",
    extracted_at: str = "2025-01-15T00:00:00Z",
    outlet: str = "Test Wire",
    url: str | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    article_id = article_id_for(text=text, url=url)
    strike_evidence = span(text, text.split(". ")[0] + ".")
    record: dict[str, Any] = {
        "schema_version": "1",
        "article": {
            "article_id": article_id,
            "url": url,
            "outlet": outlet,
            "title": "Test article",
            "published_at": "2025-01-14",
            "language": "en",
            "text_sha256": text_sha256(text),
            "text": text,
        },
        "extractor": {"name": extractor, "version": "1"},
        "extracted_at": extracted_at,
        "strikes": [
            {
                "claim_id": claim_id_for(
                    article_id, "strike", strike_evidence["start"], strike_evidence["end"]
                ),
                "date": "2025-01-14",
                "date_precision": "day",
                "claimed_by": {"name": "Roman Busargin", "role": "governor", "side": "RU"},
                "evidence": strike_evidence,
                "attacker": "UA",
                "weapon": "drone",
                "place": {
                    "name": "Engels",
                    "admin1": "Saratov Oblast",
                    "country": "RU",
                    "lat": 51.48,
                    "lon": 46.12,
                    "precision": "city",
                },
                "target": {"name": None, "type": "fuel_depot"},
                "target_count": None,
                "outcome": "damaged",
                "killed": None,
                "injured": 0,
            }
        ],
        "interceptions": [],
        "visits": [],
    }
    for key, value in overrides.items():
        record[key] = value
    return record


def variant(text_suffix: str, **kwargs: Any) -> dict[str, Any]:
    """A valid record of a different article (so a different article_id)."""
    return make_record(TEXT + " " + text_suffix, **kwargs)


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def mutate(record: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Copy of record with the dotted path (list indexes as numbers) set to value."""
    changed = copy.deepcopy(record)
    *parents, last = path.split(".")
    node: Any = changed
    for step in parents:
        node = node[int(step)] if step.isdigit() else node[step]
    if last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value
    return changed
