"""Counts as bulletins and wire copy write them: each failed before its rule. The texts
are written for these tests."""

from tests.unit._extract_helpers import run


def test_part_of_the_drones_downed_and_the_others_lost():
    record = run(
        "The air force said Russia launched 90 drones overnight. Air defences shot down "
        "61 of the drones, while 25 others were 'lost' to jamming, it said."
    )
    (claim,) = record.interceptions
    assert (claim.weapon, claim.launched, claim.intercepted, claim.lost) == ("drone", 90, 61, 25)


def test_missiles_of_two_kinds_counted_together():
    record = run(
        "Russia fired thirty ballistic and cruise missiles at Ukraine overnight, the air "
        "force said. Air defences shot down 25 missiles, it said."
    )
    (claim,) = record.interceptions
    assert (claim.weapon, claim.launched, claim.intercepted) == ("missile", 30, 25)


def test_missiles_downed_on_their_way_to_a_city_are_that_sides():
    record = run("Air defences destroyed two ballistic missiles approaching Kyiv on Monday.")
    (claim,) = record.interceptions
    assert (claim.attacker, claim.defender) == ("RU", "UA")


def test_a_five_storey_building_counts_no_missiles():
    record = run(
        "Russian missiles struck Kyiv overnight, destroying a five-storey building and "
        "killing 23 people, the emergency service said."
    )
    assert record.interceptions == []
    (strike,) = record.strikes
    assert strike.killed == 23


def test_each_count_takes_its_own_verb_and_a_launch_joins_its_breakdown():
    record = run(
        "Russia launched 142 drones and four missiles at Ukraine overnight, the air force "
        "said, adding that 90 drones were shot down and 40 were 'locationally lost'. Of "
        "the four missiles, three were destroyed."
    )
    claims = {(c.weapon, c.launched, c.intercepted, c.lost) for c in record.interceptions}
    assert claims == {("drone", 142, 90, 40), ("missile", 4, 3, None)}


def test_a_total_set_off_by_of_which():
    record = run(
        "The air force said Russia used 40 missiles of various types and 70 attack "
        "drones, of which air defences destroyed 28 missiles and 45 drones."
    )
    claims = {(c.weapon, c.launched, c.intercepted) for c in record.interceptions}
    assert claims == {("missile", 40, 28), ("drone", 70, 45)}


def test_a_breakdown_of_the_downed_total_is_no_new_claim():
    record = run(
        "The air force said Russia used 60 missiles, and that 30 of the missiles were shot "
        "down. The downed missiles included 20 Kh-101 cruise missiles and six Kalibrs."
    )
    assert [(c.weapon, c.launched, c.intercepted) for c in record.interceptions] == [
        ("missile", 60, 30)
    ]


def test_no_casualties_told_for_several_places_is_none_at_each():
    record = run(
        "The governor said a drone attack on Saratov and Engels had damaged an industrial "
        "enterprise and that there were no casualties. Drones hit Kursk and Oryol, "
        "killing two people."
    )
    casualties = {s.place.name: (s.killed, s.injured) for s in record.strikes}
    assert casualties["Saratov"] == casualties["Engels"] == (0, 0)
    # a number belongs to one of the places, which the sentence does not say
    assert casualties["Kursk"] == casualties["Oryol"] == (None, None)


def test_hits_recorded_are_no_launch_and_of_them_joins_the_launch_before():
    text = (
        "Ukraine's air force says Russia attacked overnight with 120 Shahed-type drones and "
        "decoys. Air defences shot down or suppressed 98 of them; hits by 19 drones were "
        "recorded at 7 locations."
    )
    (claim,) = run(text).interceptions
    assert (claim.launched, claim.intercepted) == (120, 98)
