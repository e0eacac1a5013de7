"""The contract models and their committed JSON Schema."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from ingest.contract import ExtractionRecord, article_id_for, claim_id_for, normalise_text
from ingest.schema import SCHEMA_PATH, render_schema
from tests.support.records import dumps, make_record, mutate


def test_committed_json_schema_is_generated_from_the_models():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_schema(), (
        "schema/extraction-record.v1.json is stale: run `uv run python -m ingest.schema`"
    )


def test_schema_names_every_enum_value_of_the_contract():
    schema = json.loads(render_schema())
    outcomes = schema["$defs"]["Outcome"]["enum"]
    assert outcomes == ["destroyed", "damaged", "fire", "no_damage", "unknown"]
    assert "recon_drone" in schema["$defs"]["Weapon"]["enum"]


def test_article_id_is_stable_across_whitespace_and_prefers_the_url():
    assert article_id_for(text="Drones  hit\r\nEngels.") == article_id_for(
        text="Drones hit\nEngels."
    )
    assert article_id_for(text="a", url="https://x/1") == article_id_for(
        text="b", url="https://x/1"
    )
    assert normalise_text(" a \n b ") == "a b"


def test_claim_id_depends_on_kind_span_and_discriminator():
    base = claim_id_for("art", "interception", 0, 10)
    assert base == claim_id_for("art", "interception", 0, 10)
    assert base != claim_id_for("art", "strike", 0, 10)
    assert base != claim_id_for("art", "interception", 0, 10, "missile")


def test_country_codes_are_upper_cased():
    record = ExtractionRecord.model_validate_json(
        dumps(mutate(make_record(), "strikes.0.attacker", "ua"))
    )
    assert record.strikes[0].attacker == "UA"


def test_text_hash_must_match_the_text():
    with pytest.raises(ValidationError, match="text_sha256 is not the sha256"):
        ExtractionRecord.model_validate_json(
            dumps(mutate(make_record(), "article.text_sha256", "0" * 64))
        )


def test_window_end_before_start_is_refused():
    record = make_record()
    record["interceptions"] = [
        {
            "claim_id": "i1",
            "date": "2025-01-14",
            "date_precision": "day",
            "evidence": record["strikes"][0]["evidence"],
            "attacker": "RU",
            "defender": "UA",
            "weapon": "drone",
            "window_start": "2025-01-14T08:00:00+02:00",
            "window_end": "2025-01-13T18:00:00+02:00",
        }
    ]
    with pytest.raises(ValidationError, match="window_end is before window_start"):
        ExtractionRecord.model_validate_json(dumps(record))
