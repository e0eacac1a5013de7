"""Wire datelines, reactions, and the shape of official bulletins: each failed before
its rule. The texts are written for these tests."""

from ingest.contract import ExtractionRecord
from ingest.extractors.articles import make_article
from ingest.extractors.rules import extract
from ingest.extractors.rules.cues import enemy_cue
from ingest.extractors.rules.text import dateline_end
from tests.unit._extract_helpers import run


def _from_outlet(text: str, outlet: str) -> ExtractionRecord:
    fields = {"published_at": "2025-04-23T08:45:00+03:00", "outlet": outlet}
    return extract(make_article(fields, text, "test"))


def test_a_dateline_is_where_the_story_was_filed():
    assert text_before(dateline_end, "KYIV, March 14 (Reuters) - Drones hit") == (
        "KYIV, March 14 (Reuters) - "
    )
    assert text_before(dateline_end, "Kharkiv, Ukraine — Drones hit") == "Kharkiv, Ukraine — "
    assert text_before(dateline_end, "MOSCOW (AP) — Drones hit") == "MOSCOW (AP) — "
    # a sentence that merely starts with a name and a dash has no dateline
    assert dateline_end("Ukraine's air force - which rarely comments - said") == 0
    assert dateline_end("Russian drones struck Kyiv - the mayor said") == 0


def text_before(finder, text: str) -> str:
    return text[: finder(text)]


def test_the_dateline_city_is_no_strike_place():
    record = run(
        "LVIV, Jan 14 (Wire) - Russian drones struck an oil depot in the Kirovohrad "
        "region overnight, the governor said."
    )
    assert [s.place.name for s in record.strikes] == ["Kirovohrad Oblast"]


def test_declining_to_comment_on_a_strike_tells_no_strike():
    record = run(
        "Russian missiles hit a power plant in Odesa overnight, the mayor said.\n\n"
        "Moscow did not immediately comment on the attack on Lviv."
    )
    assert [s.place.name for s in record.strikes] == ["Odesa"]


def test_part_of_the_drones_downed_and_the_others_lost():
    record = run(
        "The air force said Russia launched 90 drones overnight. Air defences shot down "
        "61 of the drones, while 25 others were 'lost' to jamming, it said."
    )
    (claim,) = record.interceptions
    assert (claim.weapon, claim.launched, claim.intercepted, claim.lost) == ("drone", 90, 61, 25)


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


def test_a_settlement_the_gazetteer_lacks_is_placed_in_the_region_named():
    record = run(
        "Drones attacked the Bryansk region on Monday. A drone hit a substation in the "
        "village of Zhurinichi, the governor said."
    )
    places = [(s.place.name, s.place.admin1, s.place.country) for s in record.strikes]
    assert ("Zhurinichi", "Bryansk Oblast", "RU") in places


def test_a_city_district_is_not_the_town_of_that_name():
    record = run(
        "Russian drones hit Kharkiv overnight, the mayor said. A drone struck a house in "
        "the Kyivskyi district, he said."
    )
    assert {s.place.name for s in record.strikes} == {"Kharkiv"}


def test_a_headline_written_longer_in_the_text_is_still_the_headline():
    text = (
        "Fire at Russian refinery after drone attack, governor says\n\n"
        "Ukrainian drones set fire to a refinery in the Volgograd region on Sunday, "
        "governor Andrei Bocharov said."
    )
    record = run(text, title="Fire at Russian refinery after drone attack")
    assert [s.place.name for s in record.strikes] == ["Volgograd Oblast"]


def test_the_attackers_demonym_is_not_the_place_struck():
    record = run(
        "Drones hit Sumy overnight, the governor said. Later, a Russian drone hit a "
        "filling station in the village of Stetskivka, injuring its operator."
    )
    struck = {s.place.name: s for s in record.strikes}
    assert "Russia" not in struck
    station = struck["Stetskivka"]
    assert (station.place.admin1, station.attacker) == ("Sumy Oblast", "RU")
    # a filling station is a shop, not the gas industry; its operator is one person
    assert (station.target.type, station.injured) == ("civilian", 1)


def test_near_a_village_places_the_site_in_focus_not_the_village():
    record = run(
        "Drones struck the Ryazan oil refinery on Sunday, the governor said. Residents "
        "near the village of Shumashi reported a large fire at the plant."
    )
    assert {s.place.name for s in record.strikes} == {"Ryazan"}


def test_missiles_of_two_kinds_counted_together():
    record = run(
        "Russia fired thirty ballistic and cruise missiles at Ukraine overnight, the air "
        "force said. Air defences shot down 25 missiles, it said."
    )
    (claim,) = record.interceptions
    assert (claim.weapon, claim.launched, claim.intercepted) == ("missile", 30, 25)


def test_a_country_wide_strike_takes_the_casualties_told_after_it():
    record = run(
        "Russian drones hit gas facilities in the Poltava region overnight, the company "
        "said.\n\nSeparately, the energy company DTEK said a Russian missile strike had "
        "damaged one of its power plants. Two workers were injured."
    )
    injured = {s.place.name: s.injured for s in record.strikes}
    assert injured == {"Poltava Oblast": None, "Ukraine": 2}


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


def test_two_speakers_counts_are_two_claims():
    record = run(
        "Russia launched 20 drones at Mykolaiv overnight, governor Vitaliy Kim said. "
        "Drones were also downed over the Odesa region, the southern command said."
    )
    assert all(c.launched is None or not c.regions for c in record.interceptions)


def test_a_capital_that_rejects_a_claim_is_its_government_not_a_place():
    record = run(
        "Russia's Defence Ministry said it had struck a command post in Sumy with two "
        "Iskander missiles on Sunday, a claim Kyiv rejected."
    )
    assert [s.place.name for s in record.strikes] == ["Sumy"]


def test_damage_from_an_earlier_attack_is_no_new_strike():
    record = run(
        "US special envoy Keith Kellogg visited Kyiv on Monday and toured a school damaged "
        "in a recent missile attack."
    )
    assert record.strikes == []
    (visit,) = record.visits
    assert (visit.visitor.role, visit.visitor.country) == ("special envoy", "US")


def test_missiles_downed_on_their_way_to_a_city_are_that_sides():
    record = run("Air defences destroyed two ballistic missiles approaching Kyiv on Monday.")
    (claim,) = record.interceptions
    assert (claim.attacker, claim.defender) == ("RU", "UA")


def test_reported_speech_runs_on_in_its_paragraph_until_the_story_turns():
    record = run(
        "Russia attacked with 300 drones overnight, the air force said. The main target "
        "was Lutsk, where a warehouse was hit. Separately, a drone hit a house in Rivne."
    )
    claimants = {s.place.name: s.claimed_by for s in record.strikes}
    assert (claimants["Lutsk"].name, claimants["Lutsk"].side) == ("Air Force", "UA")
    assert claimants["Rivne"] is None


def test_two_officials_joined_by_and_both_visit():
    record = run(
        "Ukraine's Defence Minister Denys Shmyhal and his Lithuanian counterpart Dovile "
        "Sakaliene visited a drone factory in western Ukraine on Monday."
    )
    visitors = {(v.visitor.name, v.visitor.role, v.visitor.country) for v in record.visits}
    assert visitors == {
        ("Denys Shmyhal", "Defence Minister", "UA"),
        ("Dovile Sakaliene", "Defence Minister", "LT"),
    }


def test_the_date_written_after_the_attack_is_the_attacks():
    record = run(
        "Governor Alexander Khinshtein visited the village of Glushkovo in the Kursk "
        "region on Saturday after a Ukrainian drone attack on Friday night destroyed a "
        "warehouse.",
        published_at="2025-10-12",
    )
    (strike,) = record.strikes
    assert str(strike.date) == "2025-10-10"


def test_a_five_storey_building_counts_no_missiles():
    record = run(
        "Russian missiles struck Kyiv overnight, destroying a five-storey building and "
        "killing 23 people, the emergency service said."
    )
    assert record.interceptions == []
    (strike,) = record.strikes
    assert strike.killed == 23


def test_a_placeless_aftermath_in_the_paragraph_is_the_same_strike():
    record = run(
        "Ukrainian drones attacked the Novocherkassk power plant in the Rostov region "
        "overnight, regional authorities said. A transformer caught fire."
    )
    assert [s.place.name for s in record.strikes] == ["Novocherkassk"]


def test_each_count_takes_its_own_verb_and_a_launch_joins_its_breakdown():
    record = run(
        "Russia launched 142 drones and four missiles at Ukraine overnight, the air force "
        "said, adding that 90 drones were shot down and 40 were 'locationally lost'. Of "
        "the four missiles, three were destroyed."
    )
    claims = {(c.weapon, c.launched, c.intercepted, c.lost) for c in record.interceptions}
    assert claims == {("drone", 142, 90, 40), ("missile", 4, 3, None)}


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


def test_a_date_after_an_attack_word_must_be_a_day():
    record = run(
        "Russian drones hit gas facilities in the Poltava region overnight, Naftogaz said "
        "on Wednesday, calling it the twelfth attack on its sites this month.",
        published_at="2025-10-08",
    )
    (strike,) = record.strikes
    assert (str(strike.date), strike.date_precision) == ("2025-10-08", "day")


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


def test_a_leader_meeting_abroad_has_travelled_there():
    record = run(
        "Finnish President Alexander Stubb held talks with Zelensky in Kyiv on Monday. "
        "Zelensky met the mayor in Lviv. Putin held talks with Xi Jinping by video link. "
        "Polish Prime Minister Donald Tusk will meet Zelensky in Kyiv next week."
    )
    assert [(v.visitor.name, v.destination.name) for v in record.visits] == [
        ("Alexander Stubb", "Kyiv")
    ]


def test_a_dateline_reading_ends_at_once_on_hostile_text():
    # ambiguous separators once made the pattern backtrack without end on "A-A-A-..."
    for text in ("A-" * 1000, "A." * 1000 + " x", "AB-CD " * 300):
        assert dateline_end(text) == 0


def test_a_total_set_off_by_of_which():
    record = run(
        "The air force said Russia used 40 missiles of various types and 70 attack "
        "drones, of which air defences destroyed 28 missiles and 45 drones."
    )
    claims = {(c.weapon, c.launched, c.intercepted) for c in record.interceptions}
    assert claims == {("missile", 40, 28), ("drone", 70, 45)}


def test_the_kyiv_region_is_the_oblast_around_the_city():
    record = run("Russian drones attacked the Kyiv region overnight, the governor said.")
    (strike,) = record.strikes
    assert (strike.place.name, strike.place.precision) == ("Kyiv Oblast", "region")


def test_damage_reported_is_a_strike():
    record = run(
        "Russian drones attacked Chernihiv overnight, the mayor said. Damage to private "
        "houses was reported in the Novozavodskyi district of Chernihiv."
    )
    assert any(s.target.type == "residential" for s in record.strikes)


def test_a_governor_tells_of_air_defence_over_the_ground_he_governs():
    record = run(
        "Drones struck the Ryazan oil refinery overnight.\n\n"
        "Governor Pavel Malkov said air defence and electronic warfare had destroyed the "
        "drones."
    )
    (claim,) = record.interceptions
    assert (claim.attacker, claim.defender, claim.claimed_by.side) == ("UA", "RU", "RU")


def test_a_breakdown_of_the_downed_total_is_no_new_claim():
    record = run(
        "The air force said Russia used 60 missiles, and that 30 of the missiles were shot "
        "down. The downed missiles included 20 Kh-101 cruise missiles and six Kalibrs."
    )
    assert [(c.weapon, c.launched, c.intercepted) for c in record.interceptions] == [
        ("missile", 60, 30)
    ]


def test_not_the_first_attack_is_history_unless_it_dates_one():
    record = run(
        "Drones hit the Tambov gunpowder plant on Monday, the governor said.\n\n"
        "An analyst noted that it was not the first attack on the plant in Kotovsk.\n\n"
        "It was not the first attack on the Ryazan refinery: drones damaged a unit "
        "there in March 2024."
    )
    assert not any("analyst" in s.evidence.text for s in record.strikes)
    assert any(s.date_precision == "month" for s in record.strikes)
