"""The human coders' extractor and the sample corpus it turns into data/sample/human.jsonl."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from ingest.contract import ExtractionRecord, article_id_for, claim_id_for
from ingest.extractors.human_annotations import (
    AnnotationError,
    Lookups,
    build_record,
    convert_corpus,
    locate_evidence,
    main,
    render_jsonl,
)

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"

TEXT = (
    "Drones hit the depot in Engels\n\n"
    "Drones struck the Kristall depot in Engels overnight, Governor Roman Busargin said. "
    "Nobody was hurt. The Defence Ministry said 32 drones and 2 missiles were destroyed.\n"
)
META = {
    "outlet": "Test Wire",
    "title": "Drones hit the depot in Engels",
    "published_at": "2025-01-08",
    "url": None,
    "language": "en",
}
PLACES = {
    "engels": {
        "name": "Engels",
        "admin1": "Saratov Oblast",
        "country": "RU",
        "lat": 51.4989,
        "lon": 46.1211,
        "precision": "city",
    }
}
CLAIMANTS = {
    "busargin": {"name": "Roman Busargin", "role": "governor", "side": "RU"},
    "ru_mod": {"name": "Russian Ministry of Defence", "role": "ministry of defence", "side": "RU"},
}
STRIKE_SENTENCE = (
    "Drones struck the Kristall depot in Engels overnight, Governor Roman Busargin said."
)
MOD_SENTENCE = "The Defence Ministry said 32 drones and 2 missiles were destroyed."


def annotation(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "extracted_at": "2025-11-25T12:00:00+00:00",
        "strikes": [
            {
                "evidence": STRIKE_SENTENCE,
                "event": "engels",
                "note": "for people only",
                "date": "2025-01-08",
                "claimed_by": "busargin",
                "attacker": "UA",
                "weapon": "drone",
                "place": "engels",
                "target": {"name": "Kristall depot", "type": "fuel_depot"},
                "outcome": "unknown",
                "killed": 0,
                "injured": 0,
            }
        ],
        "interceptions": [
            {
                "evidence": MOD_SENTENCE,
                "date": "2025-01-08",
                "claimed_by": "ru_mod",
                "attacker": "UA",
                "defender": "RU",
                "weapon": weapon,
                "intercepted": count,
                "regions": {"Saratov Oblast": None},
            }
            for weapon, count in (("drone", 32), ("missile", 2))
        ],
        "visits": [],
    }
    base.update(overrides)
    return base


def write_corpus(root: Path, ann: dict[str, Any], text: str = TEXT, stem: str = "a") -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "annotations").mkdir()
    (root / "lookups").mkdir()
    (root / "articles" / f"{stem}.txt").write_bytes(text.encode("utf-8"))
    (root / "articles" / f"{stem}.meta.json").write_text(json.dumps(META), encoding="utf-8")
    (root / "annotations" / f"{stem}.json").write_text(json.dumps(ann), encoding="utf-8")
    (root / "lookups" / "places.json").write_text(json.dumps(PLACES), encoding="utf-8")
    (root / "lookups" / "claimants.json").write_text(json.dumps(CLAIMANTS), encoding="utf-8")
    return root


# --------------------------------------------------------------------------- converter
def test_record_offsets_slice_the_text_and_lookups_are_resolved(tmp_path):
    (record,) = convert_corpus(write_corpus(tmp_path / "c", annotation()))
    text = record.article.text
    assert text == TEXT
    for _, claim in record.claims():
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    strike = record.strikes[0]
    assert strike.evidence.text == STRIKE_SENTENCE
    assert strike.place.name == "Engels" and strike.place.admin1 == "Saratov Oblast"
    assert strike.claimed_by.name == "Roman Busargin"
    assert (strike.killed, strike.injured, strike.target_count) == (0, 0, None)
    assert record.extractor.name == "human" and record.extractor.version == "1"
    assert record.article.article_id == article_id_for(text=TEXT)
    assert record.article.outlet == "Test Wire"
    assert record.strikes[0].date_precision == "day"


def test_claim_ids_use_the_contract_helper_and_split_shared_sentences(tmp_path):
    (record,) = convert_corpus(write_corpus(tmp_path / "c", annotation()))
    article_id = record.article.article_id
    strike = record.strikes[0]
    # A sentence with one claim keeps the plain contract id ...
    assert strike.claim_id == claim_id_for(
        article_id, "strike", strike.evidence.start, strike.evidence.end
    )
    # ... two claims on one sentence get distinct ids.
    drone, missile = record.interceptions
    assert drone.evidence == missile.evidence
    assert drone.claim_id != missile.claim_id
    assert [claim.regions[0].name for claim in record.interceptions] == ["Saratov Oblast"] * 2


def test_evidence_not_in_the_text_fails_with_a_clear_message(tmp_path):
    ann = annotation()
    ann["strikes"][0]["evidence"] = "Drones struck the Kristall depot in Saratov overnight."
    with pytest.raises(AnnotationError) as error:
        convert_corpus(write_corpus(tmp_path / "c", ann))
    message = str(error.value)
    assert "a.json: strikes[0]" in message
    assert "not found in the article text" in message
    assert "Kristall depot in Saratov" in message


def test_evidence_that_occurs_twice_is_refused():
    with pytest.raises(AnnotationError, match="found 2 times"):
        locate_evidence("Nobody was hurt. Nobody was hurt.", "Nobody was hurt.", "x")
    assert locate_evidence("ab Nobody was hurt.", "Nobody was hurt.", "x") == (3, 19)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda ann: ann["strikes"][0].update(outcom="fire"), "unknown key(s) 'outcom'"),
        (lambda ann: ann["strikes"][0].update(place="engles"), "unknown place key 'engles'"),
        (lambda ann: ann["strikes"][0].pop("claimed_by"), "'claimed_by' is required"),
        (lambda ann: ann.pop("extracted_at"), "'extracted_at' is required"),
        (lambda ann: ann["strikes"][0].update(outcome="razed"), "strikes[0].outcome: 'razed'"),
    ],
)
def test_annotation_mistakes_fail_loudly(tmp_path, change, expected):
    ann = annotation()
    change(ann)
    with pytest.raises(AnnotationError) as error:
        convert_corpus(write_corpus(tmp_path / "c", ann))
    assert expected in str(error.value)


def test_two_claims_on_one_sentence_that_cannot_be_told_apart_are_refused(tmp_path):
    ann = annotation()
    ann["interceptions"][1]["weapon"] = "drone"
    with pytest.raises(AnnotationError, match="used twice"):
        convert_corpus(write_corpus(tmp_path / "c", ann))


def test_article_without_annotation_and_orphan_annotation_fail(tmp_path):
    corpus = write_corpus(tmp_path / "c", annotation())
    (corpus / "articles" / "b.txt").write_text("Another article.\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"no annotation file annotations/b\.json"):
        convert_corpus(corpus)
    (corpus / "articles" / "b.txt").unlink()
    (corpus / "annotations" / "c.json").write_text("{}", encoding="utf-8")
    with pytest.raises(AnnotationError, match="annotations without an article: c"):
        convert_corpus(corpus)


def test_text_is_kept_byte_for_byte(tmp_path):
    crlf = TEXT.replace("\n", "\r\n")
    (record,) = convert_corpus(write_corpus(tmp_path / "c", annotation(), text=crlf))
    assert record.article.text == crlf
    assert record.article.article_id == article_id_for(text=TEXT)  # normalised id


def test_output_is_deterministic_and_ignores_authoring_only_keys(tmp_path):
    corpus = write_corpus(tmp_path / "c", annotation())
    first = render_jsonl(convert_corpus(corpus))
    second = render_jsonl(convert_corpus(corpus))
    assert first == second
    assert '"extracted_at":"2025-11-25T12:00:00Z"' in first
    assert "for people only" not in first and '"event"' not in first
    same = build_record(TEXT, META, annotation(), Lookups.load(corpus))
    assert same.model_dump_json() + "\n" == first


def test_cli_writes_and_checks_the_output(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "c", annotation())
    output = tmp_path / "out.jsonl"
    assert main([str(corpus), "--check", "-o", str(output)]) == 1
    assert main([str(corpus), "-o", str(output)]) == 0
    assert main([str(corpus), "--check", "-o", str(output)]) == 0
    lines = output.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    ExtractionRecord.model_validate_json(lines[0])
    ann = annotation()
    ann["strikes"][0]["evidence"] = "not in the text"
    (corpus / "annotations" / "a.json").write_text(json.dumps(ann), encoding="utf-8")
    assert main([str(corpus), "-o", str(output)]) == 2
    assert "not found" in capsys.readouterr().err


# --------------------------------------------------------------------------- the sample corpus
@pytest.fixture(scope="module")
def sample_records() -> list[ExtractionRecord]:
    return convert_corpus(SAMPLE)


def test_committed_human_jsonl_is_up_to_date(sample_records):
    committed = (SAMPLE / "human.jsonl").read_bytes().decode("utf-8")
    assert committed == render_jsonl(sample_records), (
        "data/sample/human.jsonl is stale: run "
        "`uv run python -m ingest.extractors.human_annotations data/sample`"
    )


def test_every_committed_line_validates_and_its_offsets_slice_the_text():
    lines = (SAMPLE / "human.jsonl").read_text(encoding="utf-8").splitlines()
    stems = sorted(path.stem for path in (SAMPLE / "articles").glob("*.txt"))
    assert len(lines) == len(stems)
    titles = []
    for line in lines:
        record = ExtractionRecord.model_validate_json(line)
        text = record.article.text
        for _, claim in record.claims():
            assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
        titles.append(record.article.title)
    assert len(set(titles)) == len(titles)


def test_sample_corpus_size_and_article_length(sample_records):
    assert len(sample_records) >= 30
    for record in sample_records:
        words = len(record.article.text.split())
        assert 120 <= words <= 350, f"{record.article.title!r} has {words} words"
        assert record.strikes or record.interceptions or record.visits


def test_sample_corpus_has_claims_of_every_kind(sample_records):
    kinds = {kind for record in sample_records for kind, _ in record.claims()}
    assert kinds == {"strike", "interception", "visit"}


def _events_by_outlet() -> dict[str, set[str]]:
    outlets: dict[str, set[str]] = defaultdict(set)
    for path in sorted((SAMPLE / "annotations").glob("*.json")):
        meta = json.loads((SAMPLE / "articles" / f"{path.stem}.meta.json").read_text("utf-8"))
        ann = json.loads(path.read_text(encoding="utf-8"))
        for name in ("strikes", "interceptions", "visits"):
            for claim in ann.get(name, []):
                outlets[claim["event"]].add(meta["outlet"])
    return outlets


def test_sample_corpus_has_events_told_by_several_outlets():
    multi = [event for event, outlets in _events_by_outlet().items() if len(outlets) >= 2]
    assert len(multi) >= 5, multi


def test_sample_corpus_covers_a_facility_struck_twice(sample_records):
    dates_by_target = defaultdict(set)
    for record in sample_records:
        for strike in record.strikes:
            if strike.target.name:
                dates_by_target[strike.target.name].add(strike.date)
    assert len(dates_by_target["Kristall oil depot"]) >= 2
