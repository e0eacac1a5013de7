"""Wire-copy phrasings the extractor must read: each failed before its rule."""

import datetime as dt

from ingest.extractors.rules.cues import casualties
from ingest.extractors.rules.dates import find_dates
from ingest.extractors.rules.gazetteer import get_gazetteer
from ingest.extractors.rules.people import find_attributions, find_persons, resolve_speaker
from tests.unit._extract_helpers import run

TUESDAY = dt.date(2025, 6, 10)


def test_overnight_into_a_weekday_is_that_weekday():
    dates = [(d.date, d.precision) for d in find_dates("struck overnight into Saturday", TUESDAY)]
    assert dates == [(dt.date(2025, 6, 7), "day")]
    dates = [d.date for d in find_dates("on the night of Friday to Saturday", TUESDAY)]
    assert dates == [dt.date(2025, 6, 7)]


def test_victims_named_by_occupation_or_with_an_adjective():
    assert casualties("Missiles hit a hospital, killing one medic.") == (1, None)
    assert casualties("The strike killed two young children and wounded five locals.")[0] == 2
    assert casualties("A bomb hit the market, killing 2 and injuring 7.") == (2, 7)
    assert casualties("Air defences succeeded in destroying 12 drones.") == (None, None)


def test_a_title_then_the_name_between_commas():
    gazetteer = get_gazetteer()
    text = (
        "The head of the Sumy regional military administration, Oleh Hryhorov, said a "
        "bomb struck a village."
    )
    (attribution,) = find_attributions(text)
    claimant = resolve_speaker(
        attribution.speaker, gazetteer, find_persons(text, gazetteer), None, None
    )
    assert (claimant.name, claimant.side) == ("Oleh Hryhorov", "UA")


def test_meeting_troops_somewhere_is_a_visit():
    record = run(
        "President Volodymyr Zelensky spoke on Monday.\n\n"
        "Zelensky met with troops in the Kharkiv region last Thursday.\n",
        published_at="2025-06-10",
    )
    (visit,) = record.visits
    assert (visit.visitor.name, visit.destination.name) == ("Volodymyr Zelensky", "Kharkiv Oblast")
    assert str(visit.date) == "2025-06-05"


def _counts(text: str):
    return [
        (i.weapon, i.launched, i.intercepted)
        for i in run(text, published_at="2025-06-10").interceptions
    ]


def test_part_of_total_pairs_before_the_verb():
    assert _counts(
        "In total, 52 of the 61 missiles and 187 of the 194 drones were neutralised, "
        "the air force said."
    ) == [("missile", 61, 52), ("drone", 194, 187)]


def test_both_were_shot_down_counts_all():
    assert _counts(
        "Russian forces launched 2 Kinzhal hypersonic missiles at Kyiv; both were shot down, "
        "the air force said."
    ) == [("ballistic_missile", 2, 2)]


def test_a_drone_slammed_into_a_storeyed_building():
    (strike,) = run(
        "A Shahed drone slammed into a nine-storey building in Odesa, killing a 70-year-old woman.",
        published_at="2025-06-10",
    ).strikes
    assert (strike.attacker, strike.place.name, strike.target.type) == (
        "RU",
        "Odesa",
        "residential",
    )
    assert strike.killed == 1


def test_the_side_and_weapon_words_of_a_target_are_not_the_attackers():
    (strike,) = run(
        "The Russian Defence Ministry said its forces had struck Ukrainian military airfields "
        "and drone workshops with precision weapons.",
        published_at="2025-06-10",
    ).strikes
    assert (strike.attacker, strike.place.country, strike.target.type) == ("RU", "UA", "airfield")
    assert strike.weapon != "drone"


def test_a_presidents_weekly_launch_totals():
    record = run(
        "President Volodymyr Zelensky spoke on Sunday.\n\n"
        "Russia has launched more than 1,000 drones and 1,300 glide bombs at Ukraine this week, "
        "Zelensky said.\n",
        published_at="2025-06-10",
    )
    assert [(i.weapon, i.launched, i.date_precision) for i in record.interceptions] == [
        ("drone", 1000, "week"),
        ("glide_bomb", 1300, "week"),
    ]


def test_a_launch_count_joins_the_next_sentences_downed_count():
    assert _counts(
        "Russia launched 315 drones and 7 missiles at Ukraine overnight. Of these, 277 drones "
        "and 2 missiles were shot down."
    ) == [("drone", 315, 277), ("missile", 7, 2)]
    # alone, a launch count nobody reports as faced is no interception claim
    assert _counts("Russia launched 315 drones at Ukraine overnight.") == []


def test_weekends_and_weeks_ago():
    dates = {
        phrase: [(d.date, d.precision) for d in find_dates(phrase, TUESDAY)]
        for phrase in ("over the weekend", "two weeks ago")
    }
    assert dates == {
        "over the weekend": [(dt.date(2025, 6, 7), "week")],
        "two weeks ago": [(dt.date(2025, 5, 27), "week")],
    }


def test_aircraft_destroyed_on_the_ground_are_no_interception():
    record = run(
        "Ukraine struck the Millerovo air base in Russia's Rostov region with long-range "
        "drones, destroying two aircraft.",
        published_at="2025-06-09",
    )
    assert record.interceptions == []
    assert [s.target.type for s in record.strikes] == ["airfield"]
    # a drone of aircraft type is still a drone
    assert _counts("Air defence units destroyed 146 aircraft-type drones overnight.") == [
        ("drone", None, 146)
    ]


def test_the_wounded_counted_without_the_word_people():
    (strike,) = run(
        "A Ukrainian drone attack on the Russian city of Belgorod killed one person and "
        "wounded three on Saturday, Governor Vyacheslav Gladkov said.",
        published_at="2025-06-09",
    ).strikes
    assert (strike.killed, strike.injured) == (1, 3)


def test_the_port_of_a_place_describes_it_when_another_target_is_named():
    (strike,) = run(
        "Oil depots in the Russian port of Feodosia were ablaze after a Ukrainian attack.",
        published_at="2025-06-09",
    ).strikes
    assert strike.target.type == "fuel_depot"
    (port,) = run("Russian drones hit the port of Odesa overnight.").strikes
    assert port.target.type == "port"


def test_downed_over_a_long_list_gives_no_strike_place():
    record = run(
        "Ukraine's air force said Russia attacked overnight with 49 Shahed drones, of which "
        "41 were downed over the Kharkiv, Sumy, Poltava and Chernihiv regions.",
        published_at="2025-06-09",
    )
    assert record.strikes == []


def test_days_earlier_counts_back_from_the_story_date():
    record = run(
        "Drones hit the Ryazan oil refinery early on Friday.\n\n"
        "Two days earlier, a drone attack had set fire to the Novoshakhtinsk refinery.\n",
        published_at="2025-06-09",
    )
    assert [(s.place.name, str(s.date)) for s in record.strikes] == [
        ("Ryazan", "2025-06-06"),
        ("Novoshakhtinsk", "2025-06-04"),
    ]


def test_no_one_hurt_counts_nobody():
    assert casualties("No one was hurt in the attack.") == (0, 0)
    assert casualties("No one was killed, and two were injured.") == (0, 2)
    assert casualties("Not one person was injured.")[1] != 1


def test_a_state_named_as_speaker():
    record = run(
        "Russia said on Tuesday it had shot down 23 Ukrainian drones over its territory overnight.",
        published_at="2025-06-10",
    )
    (claim,) = record.interceptions
    assert (claim.claimed_by.name, claim.claimed_by.side, claim.intercepted) == ("Russia", "RU", 23)


def test_people_left_without_power_are_no_dead():
    assert casualties("Drones hit two substations, leaving 5,000 people without power.") == (
        None,
        None,
    )
    assert casualties("The strike left three people dead.") == (3, None)
