"""Who said it, when the sentence does not name the speaker in full.

Each case is a way news prose refers back to a speaker or hides it behind an aside;
each failed before the rule it tests was written.
"""

from ingest.extractors.rules.gazetteer import get_gazetteer
from ingest.extractors.rules.people import (
    Claimant,
    find_attributions,
    find_persons,
    resolve_speaker,
)
from tests.unit._extract_helpers import run

GAZ = get_gazetteer()


def _claimants(record, kind: str) -> list[tuple[str | None, str | None]]:
    claims = getattr(record, kind)
    return [(c.claimed_by.name, c.claimed_by.side) if c.claimed_by else None for c in claims]


def test_it_refers_to_the_institution_named_before():
    general_staff = Claimant("General Staff of the Armed Forces of Ukraine", "general staff", "UA")
    (attribution,) = find_attributions("Among the sites it listed was a depot in Kursk.")
    assert attribution.speaker == "it"
    assert resolve_speaker("it", GAZ, [], None, None, general_staff) == general_staff
    # with no institution met, "it" is nobody
    assert resolve_speaker("it", GAZ, [], None, None, None) is None


def test_it_said_in_an_article_takes_the_general_staff():
    record = run(
        "Ukraine's General Staff reported a wave of strikes overnight.\n\n"
        "It said drones hit an oil depot in Bryansk Oblast and a fire broke out.\n",
        published_at="2025-03-02",
    )
    assert ("General Staff of the Armed Forces of Ukraine", "UA") in _claimants(record, "strikes")


def test_the_ministry_refers_back_to_the_ministry():
    mod = Claimant("Russian Ministry of Defence", "ministry of defence", "RU")
    assert resolve_speaker("the ministry", GAZ, [], None, None, mod) == mod
    air_force = Claimant("Ukrainian Air Force", "air force", "UA")
    # a role that does not fit the institution met is not a reference to it
    assert resolve_speaker("the ministry", GAZ, [], None, None, air_force) != air_force


def test_a_relative_clause_between_name_and_verb():
    text = (
        "Olena Hrytsenko, who heads Ukraine's Centre for Countering Disinformation, said "
        "three regions were attacked."
    )
    (attribution,) = find_attributions(text)
    claimant = resolve_speaker(attribution.speaker, GAZ, [], None, None)
    assert claimant.name == "Olena Hrytsenko"
    assert claimant.role.startswith("head of")
    assert claimant.side == "UA"


def test_a_person_met_without_title_gets_it_from_the_attribution():
    (person,) = find_persons("Ivan Sorokin visited the site on Monday.", GAZ)
    text = "A plant was damaged, Kursk Oblast Governor Ivan Sorokin said."
    (attribution,) = find_attributions(text)
    claimant = resolve_speaker(attribution.speaker, GAZ, [person], None, None)
    assert (claimant.name, claimant.side) == ("Ivan Sorokin", "RU")
    assert "Governor" in claimant.role


def test_a_title_before_the_name_is_not_part_of_the_name():
    (person,) = find_persons("Belgorod Oblast Governor Pyotr Orlov said two were hurt.", GAZ)
    assert person.name == "Pyotr Orlov"
    assert person.country == "RU"


def test_an_appositive_stops_at_the_speech_verb():
    text = (
        "A depot burned, Petro Ivanenko, head of the regional administration, said, noting smoke."
    )
    persons = find_persons(text, GAZ)
    assert [p.role for p in persons if p.name == "Petro Ivanenko"] == [
        "head of the regional administration"
    ]


def test_asides_between_speaker_and_verb():
    (attribution,) = find_attributions(
        "The Ukrainian Air Force, for its part, said Russia launched 90 drones overnight."
    )
    assert attribution.speaker == "The Ukrainian Air Force"
    (attribution,) = find_attributions(
        "Local channels, citing workers at the plant, reported that two tanks burned."
    )
    assert attribution.speaker == "Local channels"


def test_a_local_government_speaks_for_its_own_territory():
    record = run(
        "In Bashkortostan, the republic's government said a drone attack set fire to a "
        "fuel depot in Ufa early on Sunday.\n",
        published_at="2025-03-02",
    )
    ((name, side),) = _claimants(record, "strikes")
    assert side == "RU" and "government" in name.lower()


def test_a_retold_strike_keeps_the_sentence_speaker():
    record = run(
        "Three warehouses in Bryansk were damaged during a mass drone attack early on "
        "Tuesday, Bryansk Oblast Governor Pyotr Orlov said.\n",
        published_at="2025-03-05",
    )
    assert ("Pyotr Orlov", "RU") in _claimants(record, "strikes")


def test_unattributed_air_defence_counts_after_the_air_force_is_named():
    record = run(
        "The Air Force has published its count of Russia's overnight attack on Ukraine.\n\n"
        "Russia launched 60 Shahed drones, of which 41 were shot down.\n",
        published_at="2025-03-05",
    )
    assert _claimants(record, "interceptions") == [("Air Force", "UA")]


def test_no_body_named_leaves_an_unattributed_count_in_the_outlets_voice():
    record = run(
        "Russia launched 60 Shahed drones at Ukraine overnight, of which 41 were shot down.\n",
        published_at="2025-03-05",
    )
    assert _claimants(record, "interceptions") == [None]
