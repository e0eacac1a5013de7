"""Where and when: datelines, capitals that speak, places the gazetteer lacks, dates
bound to their attack, who travelled where. Each failed before its rule; the texts
are written for these tests."""

from ingest.extractors.rules.text import dateline_end
from tests.unit._extract_helpers import run


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


def test_a_dateline_reading_ends_at_once_on_hostile_text():
    # ambiguous separators once made the pattern backtrack without end on "A-A-A-..."
    for text in ("A-" * 1000, "A." * 1000 + " x", "AB-CD " * 300):
        assert dateline_end(text) == 0


def test_declining_to_comment_on_a_strike_tells_no_strike():
    record = run(
        "Russian missiles hit a power plant in Odesa overnight, the mayor said.\n\n"
        "Moscow did not immediately comment on the attack on Lviv."
    )
    assert [s.place.name for s in record.strikes] == ["Odesa"]


def test_a_capital_that_rejects_a_claim_is_its_government_not_a_place():
    record = run(
        "Russia's Defence Ministry said it had struck a command post in Sumy with two "
        "Iskander missiles on Sunday, a claim Kyiv rejected."
    )
    assert [s.place.name for s in record.strikes] == ["Sumy"]


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


def test_near_a_village_places_the_site_in_focus_not_the_village():
    record = run(
        "Drones struck the Ryazan oil refinery on Sunday, the governor said. Residents "
        "near the village of Shumashi reported a large fire at the plant."
    )
    assert {s.place.name for s in record.strikes} == {"Ryazan"}


def test_the_kyiv_region_is_the_oblast_around_the_city():
    record = run("Russian drones attacked the Kyiv region overnight, the governor said.")
    (strike,) = record.strikes
    assert (strike.place.name, strike.place.precision) == ("Kyiv Oblast", "region")


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


def test_a_country_wide_strike_takes_the_casualties_told_after_it():
    record = run(
        "Russian drones hit gas facilities in the Poltava region overnight, the company "
        "said.\n\nSeparately, the energy company DTEK said a Russian missile strike had "
        "damaged one of its power plants. Two workers were injured."
    )
    injured = {s.place.name: s.injured for s in record.strikes}
    assert injured == {"Poltava Oblast": None, "Ukraine": 2}


def test_damage_from_an_earlier_attack_is_no_new_strike():
    record = run(
        "US special envoy Keith Kellogg visited Kyiv on Monday and toured a school damaged "
        "in a recent missile attack."
    )
    assert record.strikes == []
    (visit,) = record.visits
    assert (visit.visitor.role, visit.visitor.country) == ("special envoy", "US")


def test_the_date_written_after_the_attack_is_the_attacks():
    record = run(
        "Governor Alexander Khinshtein visited the village of Glushkovo in the Kursk "
        "region on Saturday after a Ukrainian drone attack on Friday night destroyed a "
        "warehouse.",
        published_at="2025-10-12",
    )
    (strike,) = record.strikes
    assert str(strike.date) == "2025-10-10"


def test_a_date_after_an_attack_word_must_be_a_day():
    record = run(
        "Russian drones hit gas facilities in the Poltava region overnight, Naftogaz said "
        "on Wednesday, calling it the twelfth attack on its sites this month.",
        published_at="2025-10-08",
    )
    (strike,) = record.strikes
    assert (str(strike.date), strike.date_precision) == ("2025-10-08", "day")


def test_a_placeless_aftermath_in_the_paragraph_is_the_same_strike():
    record = run(
        "Ukrainian drones attacked the Novocherkassk power plant in the Rostov region "
        "overnight, regional authorities said. A transformer caught fire."
    )
    assert [s.place.name for s in record.strikes] == ["Novocherkassk"]


def test_damage_reported_is_a_strike():
    record = run(
        "Russian drones attacked Chernihiv overnight, the mayor said. Damage to private "
        "houses was reported in the Novozavodskyi district of Chernihiv."
    )
    assert any(s.target.type == "residential" for s in record.strikes)


def test_not_the_first_attack_is_history_unless_it_dates_one():
    record = run(
        "Drones hit the Tambov gunpowder plant on Monday, the governor said.\n\n"
        "An analyst noted that it was not the first attack on the plant in Kotovsk.\n\n"
        "It was not the first attack on the Ryazan refinery: drones damaged a unit "
        "there in March 2024."
    )
    assert not any("analyst" in s.evidence.text for s in record.strikes)
    assert any(s.date_precision == "month" for s in record.strikes)


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


def test_a_leader_meeting_abroad_has_travelled_there():
    record = run(
        "Finnish President Alexander Stubb held talks with Zelensky in Kyiv on Monday. "
        "Zelensky met the mayor in Lviv. Putin held talks with Xi Jinping by video link. "
        "Polish Prime Minister Donald Tusk will meet Zelensky in Kyiv next week."
    )
    assert [(v.visitor.name, v.destination.name) for v in record.visits] == [
        ("Alexander Stubb", "Kyiv")
    ]


def test_a_governor_touring_a_site_is_at_home():
    record = run(
        "Photo: Governor Ivan Fedorov inspects a damaged apartment building in "
        "Zaporizhzhia on Monday.\n\nRussian drones struck an apartment building in "
        "Zaporizhzhia overnight, injuring four people, the governor said."
    )
    (visit,) = record.visits
    assert (visit.visitor.name, visit.visitor.country) == ("Ivan Fedorov", "UA")


def test_a_strike_told_as_days_before_the_sentence_takes_that_earlier_date():
    # published Tuesday 2025-01-14: "on Monday" is the 13th
    exact = run(
        "The mayor spoke on Monday, two days after a Russian missile struck the port in Odesa."
    )
    (strike,) = exact.strikes
    assert (strike.date.isoformat(), strike.date_precision) == ("2025-01-11", "day")
    vague = run(
        "The minister arrived in Odesa on Monday, days after a Russian missile struck "
        "the city's port."
    )
    (strike,) = vague.strikes
    assert strike.date_precision == "week" and strike.date.isoformat() < "2025-01-13"
    # the phrase after the strike dates something else
    after = run(
        "A Russian missile struck the port of Odesa on Monday two days after the president left."
    )
    (strike,) = after.strikes
    assert (strike.date.isoformat(), strike.date_precision) == ("2025-01-13", "day")
