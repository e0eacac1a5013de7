"""The loader's shortcuts give what the plain path gives: same records, same reasons."""

from __future__ import annotations

import copy

import duckdb
import pytest

from ingest.contract import ExtractionRecord, text_sha256
from ingest.load import Rejected, _validate_item, ingest_file
from ingest.raw_tables import ensure_raw_schema
from ingest.validation import (
    Invalid,
    _cross_fields_hold,
    cross_field_problems,
    validate_line,
)
from tests.support.records import TEXT, dumps, make_record, mutate

CYRILLIC = "Беспилотники атаковали нефтебазу в Энгельсе. Пострадавших нет."


def _with_text(record: dict, text: str) -> dict:
    record = copy.deepcopy(record)
    record["article"]["text"] = text
    record["article"]["text_sha256"] = text_sha256(text)
    return record


def _cross_field_cases() -> list[dict]:
    valid = make_record()
    evidence = valid["strikes"][0]["evidence"]
    twice = copy.deepcopy(valid)
    twice["visits"] = []
    twice["strikes"].append(copy.deepcopy(twice["strikes"][0]))
    shifted = mutate(
        valid, "strikes.0.evidence", {**evidence, "start": 1, "end": 1 + len(evidence["text"])}
    )
    past_end = mutate(
        valid,
        "strikes.0.evidence",
        {"text": "x" * 10, "start": len(TEXT) - 5, "end": len(TEXT) + 5},
    )
    no_text = mutate(mutate(twice, "article.text", None), "strikes.0.evidence.start", 0)
    no_text = mutate(no_text, "strikes.0.evidence.end", len(evidence["text"]))
    no_claims = {**valid, "strikes": []}
    return [valid, twice, shifted, past_end, no_text, no_claims]


@pytest.mark.parametrize("record", _cross_field_cases())
def test_the_quick_cross_field_test_agrees_with_the_full_one(record):
    model = ExtractionRecord.model_validate_json(dumps(record))
    assert _cross_fields_hold(model) == (cross_field_problems(model) == [])


@pytest.mark.parametrize(
    "line",
    [
        dumps(make_record()),
        dumps(_with_text(make_record(CYRILLIC), CYRILLIC)),
        dumps(mutate(_with_text(make_record(CYRILLIC), CYRILLIC), "strikes.0.outcome", "разрушен")),
        dumps(mutate(make_record(), "strikes.0.attacker", "u1")),
        dumps(mutate(make_record(), "strikes.0.attacker", "ua")),
        dumps(_with_text(make_record(), "Ёж " + TEXT))[:-40],
        '{"schema_version": "1", "article": "ё"}',
        "[1, 2",
    ],
)
@pytest.mark.parametrize("unterminated", [False, True])
def test_bytes_and_text_of_a_line_validate_alike(line, unterminated):
    from_bytes = _validate_item((7, line.encode(), unterminated))
    from_text = _validate_item((7, line, unterminated))
    expected = validate_line(line, is_last_unterminated=unterminated)
    if isinstance(expected, Invalid):
        assert from_bytes == from_text == Rejected(7, line, expected.reason)
    else:
        assert from_bytes[0] == from_text[0] == 7
        assert from_bytes[1] == from_text[1] == expected


def test_country_code_pattern_is_checked_on_the_value_as_given():
    outcome = validate_line(dumps(mutate(make_record(), "strikes.0.attacker", "u1")))
    assert outcome == Invalid("strikes[0].attacker: 'u1' does not match ^[A-Za-z]{2}$")
    record = validate_line(dumps(mutate(make_record(), "strikes.0.claimed_by.side", "ru")))
    assert record.strikes[0].claimed_by.side == "RU"


def test_records_are_stored_as_json_in_the_contracts_serialisation(tmp_path):
    record = _with_text(make_record(CYRILLIC), CYRILLIC)
    record = mutate(record, "strikes.0.attacker", "ua")
    path = tmp_path / "records.jsonl"
    path.write_text(dumps(record) + "\n", encoding="utf-8")
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_raw_schema(connection)

    result = ingest_file(connection, path)

    assert (result.inserted, result.quarantined) == (1, 0)
    stored, kind = connection.execute(
        "select record::varchar, typeof(record) from raw.extraction_records"
    ).fetchone()
    assert kind == "JSON"
    assert stored == ExtractionRecord.model_validate_json(dumps(record)).model_dump_json()
    (threshold,) = connection.execute("select current_setting('checkpoint_threshold')").fetchone()
    assert threshold == "16.0 MiB"  # restored after the load's commit
