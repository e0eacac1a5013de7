"""`warehouse import ua-air-force`: every row accounted for, claims as the contract wants."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from ingest.contract import ExtractionRecord, Weapon
from ingest.importers import ua_air_force
from ingest.importers.series import ImportSummary, RecordLine, Rejected, Skipped, attack_night
from tests.support.importer_data import FIXTURES, UA_REAL, real_file

SMALL = FIXTURES / "ua_air_force_small.csv"


def run(path):
    summary = ImportSummary()
    items = list(ua_air_force.iter_import(path))
    for item in items:
        summary.add(item)
    return items, summary


def records(items) -> dict[int, ExtractionRecord]:
    return {
        item.line_number: ExtractionRecord.model_validate_json(item.json_line)
        for item in items
        if isinstance(item, RecordLine)
    }


def test_every_row_is_loaded_merged_or_quarantined():
    items, summary = run(SMALL)
    assert summary.rows_read == 10
    assert (summary.records, summary.duplicates, summary.rejected) == (7, 1, 2)
    assert summary.skipped_total == 0
    assert summary.balanced
    duplicate = next(item for item in items if isinstance(item, Skipped))
    assert (duplicate.line_number, duplicate.detail) == (5, "of line 4")
    reasons = {item.line_number: item.reason for item in items if isinstance(item, Rejected)}
    assert reasons[9].startswith("bad time_start: 'yesterday evening'")
    assert reasons[10].startswith("bad launched: '50.5' is not a whole count")


def test_a_row_is_one_interception_claim_by_the_air_force():
    claim = records(run(SMALL)[0])[2].interceptions[0]
    assert (claim.attacker, claim.defender) == ("RU", "UA")
    assert claim.claimed_by.name == "Ukrainian Air Force"
    assert (claim.weapon, claim.weapon_model) == (Weapon.drone, "Shahed-136/131")
    assert (claim.launched, claim.intercepted, claim.lost) == (120, 101, 12)
    # the night of 2 to 3 November, Kyiv time, from the row's own window
    assert claim.date == dt.date(2025, 11, 3)
    assert claim.window_start.isoformat() == "2025-11-02T18:00:00+02:00"
    assert claim.window_end.isoformat() == "2025-11-03T08:00:00+02:00"


def test_blank_counts_are_null_never_zero():
    claim = records(run(SMALL)[0])[3].interceptions[0]
    assert (claim.weapon, claim.launched, claim.intercepted, claim.lost) == (
        Weapon.ballistic_missile,
        4,
        None,
        None,
    )


def test_regional_commands_stay_claims_with_their_own_claimant():
    by_line = records(run(SMALL)[0])
    regional = by_line[4].interceptions[0]
    assert regional.claimed_by.name == "Ukrainian Air Force – Air Command South"
    assert regional.claimed_by.role == "regional air command"
    assert regional.date == by_line[2].interceptions[0].date  # same night as the national row
    assert by_line[8].interceptions[0].claimed_by.name.endswith("Air Command East")


def test_several_models_stay_one_claim_with_all_of_them():
    by_line = records(run(SMALL)[0])
    cruise = by_line[6].interceptions
    assert len(cruise) == 1
    assert (cruise[0].weapon, cruise[0].weapon_model, cruise[0].launched) == (
        Weapon.cruise_missile,
        "X-101/X-555 and Kalibr",
        22,
    )
    mixed = by_line[7].interceptions[0]
    assert (mixed.weapon, mixed.weapon_model) == (Weapon.missile, "Iskander-M and Iskander-K")
    recon = by_line[8].interceptions[0]
    assert (recon.weapon, recon.weapon_model) == (Weapon.recon_drone, "Орлан-10")
    unknown = by_line[11].interceptions[0]
    assert (unknown.weapon, unknown.weapon_model) == (Weapon.unknown, "Mystery-9")


def test_article_is_the_row_and_evidence_the_whole_row():
    record = records(run(SMALL)[0])[2]
    text = record.article.text
    assert text.splitlines()[:3] == [
        "time_start: 2025-11-02 18:00",
        "time_end: 2025-11-03 08:00",
        "model: Shahed-136/131",
    ]
    evidence = record.interceptions[0].evidence
    assert text[evidence.start : evidence.end] == evidence.text == text
    assert record.article.url == "https://www.facebook.com/kpszsu/posts/testpost001"
    assert record.article.published_at.isoformat() == "2025-11-03T08:00:00+02:00"
    # one post gives several rows: each row is its own article
    assert record.article.article_id != records(run(SMALL)[0])[3].article.article_id


def test_day_precision_rows_cover_the_day():
    claim = records(run(SMALL)[0])[4].interceptions[0]
    assert claim.window_start.isoformat() == "2025-11-03T00:00:00+02:00"
    assert claim.window_end.isoformat() == "2025-11-04T00:00:00+02:00"
    assert claim.date == dt.date(2025, 11, 3)


def test_attack_night_runs_from_six_in_the_evening():
    kyiv = ua_air_force.KYIV
    assert attack_night(dt.datetime(2025, 6, 1, 17, 59, tzinfo=kyiv)) == dt.date(2025, 6, 1)
    assert attack_night(dt.datetime(2025, 6, 1, 18, 0, tzinfo=kyiv)) == dt.date(2025, 6, 2)


def test_output_is_deterministic():
    first = [item for item in run(SMALL)[0] if isinstance(item, RecordLine)]
    second = [item for item in run(SMALL)[0] if isinstance(item, RecordLine)]
    assert [item.json_line for item in first] == [item.json_line for item in second]


def test_real_file_every_row_accounted_for_and_fast():
    path = real_file(UA_REAL)
    started = time.monotonic()
    items, summary = run(path)
    seconds = time.monotonic() - started
    assert summary.rows_read == 3585
    assert summary.balanced
    assert summary.records + summary.duplicates + summary.rejected == summary.rows_read
    assert summary.rejected == 0, [item for item in items if isinstance(item, Rejected)][:3]
    assert not ua_air_force.unknown_models(path)
    assert seconds < 60
    for line in records(items).values():
        claim = line.interceptions[0]
        assert claim.date is not None and claim.window_start <= claim.window_end


@pytest.mark.parametrize(
    ("field", "weapon"),
    [
        ("Kh-59/69", Weapon.cruise_missile),  # a bare number repeats the family
        ("Shahed-238", Weapon.drone),  # a new variant of a known family
        ("Geran-3 and other drones", Weapon.drone),
        ("Shahed-136/131, Gerbera", Weapon.drone),  # commas join models too
        ("Kh-38", Weapon.missile),  # an unlisted Kh- number: a missile of unknown kind
    ],
)
def test_models_the_table_lacks_take_their_familys_kind(field, weapon):
    kind, model, _ = ua_air_force.weapon_for(field)
    assert (kind, model) == (weapon, field)
