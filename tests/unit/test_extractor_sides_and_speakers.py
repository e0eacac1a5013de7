"""Who tells a claim and for which side: each failed before its rule. The texts are
written for these tests."""

from ingest.contract import ExtractionRecord
from ingest.extractors.articles import make_article
from ingest.extractors.rules import extract
from ingest.extractors.rules.cues import enemy_cue
from tests.unit._extract_helpers import run


def _from_outlet(text: str, outlet: str) -> ExtractionRecord:
    fields = {"published_at": "2025-04-23T08:45:00+03:00", "outlet": outlet}
    return extract(make_article(fields, text, "test"))


def test_the_enemy_is_the_other_side_from_the_voice_telling_it():
    text = (
        "Overnight, the enemy attacked with 7 Iskander-M ballistic missiles and 88 "
        "Shahed-type attack drones.\n\n"
        "The attack was repelled by aviation and mobile fire groups.\n\n"
        "As of 09:00, air defence shot down 3 missiles and 60 enemy drones. 20 decoy "
        "drones were lost in location."
    )
    record = _from_outlet(text, "Air Force of the Armed Forces of Ukraine")
    claims = {c.weapon: c for c in record.interceptions}
    assert set(claims) == {"ballistic_missile", "drone"}
    missiles, drones = claims["ballistic_missile"], claims["drone"]
    assert (missiles.attacker, missiles.defender) == ("RU", "UA")
    # the bare "3 missiles" are the one kind launched; the line between does not part them
    assert (missiles.launched, missiles.intercepted) == (7, 3)
    assert (drones.launched, drones.intercepted, drones.lost) == (88, 60, 20)


def test_the_enemy_is_named_by_the_voice_and_the_occupiers_are_russia():
    sentence = "The enemy struck a substation with drones."
    assert enemy_cue(sentence, lambda: "RU").value == "UA"
    assert enemy_cue(sentence, lambda: "UA").value == "RU"
    # the word is Ukrainian official usage: an unknown voice is Ukraine's
    assert enemy_cue(sentence, lambda: None).value == "RU"
    assert enemy_cue("The occupiers shelled the town.", lambda: "RU").value == "RU"
    # an enemy of someone else is no side
    assert enemy_cue("He called the press an enemy of the people.", lambda: "UA") is None


def test_title_name_between_commas_then_what_was_said():
    record = run(
        "In Russia, the governor of the Kursk region, Pavel Sidorov, said a Ukrainian "
        "drone had hit a bus in the town of Rylsk on Monday."
    )
    (strike,) = record.strikes
    assert strike.claimed_by.name == "Pavel Sidorov"
    assert strike.claimed_by.side == "RU"


def test_an_appositive_may_end_the_sentence():
    record = run(
        "Missiles struck a depot in Dnipro on Monday, killing two people, according to "
        "Serhiy Lysak, head of the Dnipropetrovsk regional military administration."
    )
    (strike,) = record.strikes
    assert strike.claimed_by.role == "head of the Dnipropetrovsk regional military administration"
    assert strike.claimed_by.side == "UA"


def test_reported_speech_runs_on_in_its_paragraph_until_the_story_turns():
    record = run(
        "Russia attacked with 300 drones overnight, the air force said. The main target "
        "was Lutsk, where a warehouse was hit. Separately, a drone hit a house in Rivne."
    )
    claimants = {s.place.name: s.claimed_by for s in record.strikes}
    assert (claimants["Lutsk"].name, claimants["Lutsk"].side) == ("Air Force", "UA")
    assert claimants["Rivne"] is None


def test_a_local_body_reports_and_the_other_side_confirms():
    record = run(
        "A Ukrainian drone attack on the Ilsky refinery in Krasnodar Krai on Friday "
        "caused a fire, the regional operational headquarters said. Ukraine's General "
        "Staff later confirmed the strike, saying the refinery supplies the army."
    )
    sides = sorted((s.claimed_by.side, s.place.name) for s in record.strikes)
    assert [side for side, _ in sides] == ["RU", "UA"]
    assert len({place for _, place in sides}) == 1
    assert all(s.attacker == "UA" for s in record.strikes)


def test_a_prosecutors_office_speaks_for_its_side():
    record = run(
        "Russian missiles hit apartment blocks in Ternopil overnight. At least 19 people "
        "were killed, the regional prosecutor's office said."
    )
    (strike,) = record.strikes
    assert (strike.claimed_by.role, strike.claimed_by.side) == ("prosecutor's office", "UA")


def test_an_office_then_its_holder_by_name_is_one_source():
    record = run(
        "Two civilians were killed when Ukrainian drones attacked the city of Belgorod on "
        "Friday evening, the regional governor said.\n\n"
        '"The Armed Forces of Ukraine attacked Belgorod. Two men died," Vyacheslav '
        "Gladkov wrote."
    )
    (strike,) = record.strikes
    assert (strike.claimed_by.name, strike.claimed_by.role) == ("Vyacheslav Gladkov", "governor")


def test_the_side_that_intercepts_defends_and_uavs_in_capitals_have_a_side():
    record = run(
        "Ukrainian forces intercepted 10 of 14 Kinzhal missiles, the air force said.\n\n"
        "Between 8 p.m. and 11 p.m., Russian air defence systems destroyed 41 Ukrainian "
        "fixed-wing UAVs, the ministry said."
    )
    sides = {(c.weapon, c.attacker, c.defender) for c in record.interceptions}
    assert sides == {("ballistic_missile", "RU", "UA"), ("drone", "UA", "RU")}


def test_a_named_weapon_tells_whose_it_is_when_no_side_is_named():
    record = run(
        "The ministry said its air defences had shot down eight ATACMS missiles over "
        "Crimea on Monday, and that debris had damaged a house in Novofedorivka."
    )
    (claim,) = record.interceptions
    assert (claim.attacker, claim.defender) == ("UA", "RU")
    assert all(s.attacker == "UA" for s in record.strikes)
    # a sentence naming both sides' weapons names neither
    from ingest.extractors.rules.cues import model_side_cue

    assert model_side_cue("Shaheds and ATACMS were both used.") is None


def test_a_governor_tells_of_air_defence_over_the_ground_he_governs():
    record = run(
        "Drones struck the Ryazan oil refinery overnight.\n\n"
        "Governor Pavel Malkov said air defence and electronic warfare had destroyed the "
        "drones."
    )
    (claim,) = record.interceptions
    assert (claim.attacker, claim.defender, claim.claimed_by.side) == ("UA", "RU", "RU")


def test_two_speakers_counts_are_two_claims():
    record = run(
        "Russia launched 20 drones at Mykolaiv overnight, governor Vitaliy Kim said. "
        "Drones were also downed over the Odesa region, the southern command said."
    )
    assert all(c.launched is None or not c.regions for c in record.interceptions)


def test_the_russian_ministrys_massive_strike_on_the_defence_industry():
    text = (
        "Last night, the Russian Armed Forces delivered a massive strike with long-range "
        "precision weapons and attack drones against enterprises of Ukraine's "
        "military-industrial complex.\n\n"
        "The ministry said the facilities supplied the army and that all designated "
        "targets were hit."
    )
    record = _from_outlet(text, "Ministry of Defence of the Russian Federation")
    (strike,) = record.strikes
    assert (strike.attacker, strike.place.name) == ("RU", "Ukraine")
    assert (strike.target.type, strike.weapon) == ("weapons_plant", "missile")


def test_a_ministry_telling_of_its_own_forces_strike_makes_its_side_the_attacker():
    text = (
        "Russia's defence ministry said its forces had carried out a group strike with "
        "long-range precision weapons on energy facilities that support Ukraine's "
        "military-industrial complex."
    )
    (strike,) = run(text).strikes
    # "Ukraine's military-industrial complex" is the target's side, not an attacker
    assert (strike.attacker, strike.place.country, strike.place.precision) == (
        "RU",
        "UA",
        "country",
    )
    assert strike.weapon == "missile"
    assert strike.claimed_by.side == "RU"


def test_its_forces_shooting_down_drones_tells_no_strike_by_the_speaker():
    text = "The Russian Defence Ministry said its forces shot down 20 Ukrainian drones over Kursk."
    record = run(text)
    assert record.strikes == []
    (interception,) = record.interceptions
    assert (interception.attacker, interception.defender, interception.intercepted) == (
        "UA",
        "RU",
        20,
    )


def test_an_acronym_in_brackets_after_the_speaker_keeps_the_speaker():
    text = (
        "A fire broke out at the Ryazan oil refinery after a Ukrainian drone attack early "
        "on Monday, Ryazan region governor Pavel Malkov said.\n\n"
        "A source in Ukraine's Security Service (SBU) told reporters that the agency's "
        "long-range drones had hit a primary processing unit at the refinery."
    )
    strikes = run(text).strikes
    # each side's word on the one refinery strike is its own claim
    assert [(s.claimed_by.side, s.target.type) for s in strikes] == [
        ("RU", "oil_refinery"),
        ("UA", "oil_refinery"),
    ]
    assert strikes[1].claimed_by.name == "Security Service of Ukraine (SBU)"
