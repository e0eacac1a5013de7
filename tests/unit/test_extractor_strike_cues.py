"""Strike cues beyond strike verbs, and mentions that look like strikes but are not.

Each case failed before the rule it tests was written.
"""

from tests.unit._extract_helpers import run


def test_a_fire_reported_at_a_site_is_a_strike_claim():
    record = run(
        "Explosions were heard in Kursk overnight.\n\n"
        "In Bryansk, local channels reported a fire at the Kremniy El plant early on Friday.\n",
        published_at="2025-03-07",
    )
    places = {strike.place.name for strike in record.strikes}
    assert "Bryansk" in places


def test_fires_caused_by_debris_at_a_refinery():
    (strike,) = run(
        "Falling debris caused several local fires at the oil refinery in Volgograd, "
        "the governor said.",
        published_at="2025-03-07",
    ).strikes
    assert strike.place.name.startswith("Volgograd")
    assert strike.target.type == "oil_refinery" and strike.outcome == "fire"


def test_regions_with_power_cuts_are_not_strike_sites():
    record = run(
        "A gas facility in Kharkiv Oblast was hit overnight, and the grid operator "
        "introduced emergency power cuts in five regions, including Sumy and Poltava.",
        published_at="2025-03-07",
    )
    places = {strike.place.admin1 or strike.place.name for strike in record.strikes}
    assert places == {"Kharkiv Oblast"}


def test_a_capital_standing_for_a_government_is_no_place():
    record = run(
        "Governor Ivan Sorokin said the Kyiv regime had attacked an oil depot in "
        "Samara Oblast overnight.",
        published_at="2025-03-07",
    )
    assert [strike.place.name for strike in record.strikes if strike.place.name == "Kyiv"] == []
    assert any(strike.place.admin1 == "Samara Oblast" for strike in record.strikes)


def test_words_aimed_at_a_person_are_no_attack():
    record = run(
        "The envoy Keith Kellogg praised President Volodymyr Zelensky after talks in Kyiv.\n\n"
        "Kellogg, who came to Kyiv on Wednesday, called Zelensky a brave leader. The remarks "
        "stood apart from recent attacks on Zelensky by other politicians.\n",
        published_at="2025-03-07",
    )
    assert record.strikes == []


def test_a_clause_describing_the_plant_does_not_set_side_weapon_or_target():
    (strike,) = run(
        "In Bryansk, local channels reported a fire at the Kremniy El plant, which makes "
        "electronics for Russian missile and air defence systems.",
        published_at="2025-03-07",
    ).strikes
    assert strike.attacker == "UA"
    assert strike.weapon != "missile"
    assert strike.target.type != "air_defense"


def test_a_described_year_is_not_the_strike_date():
    record = run(
        "Drones struck the Ryazan oil refinery early on Friday.\n\n"
        "The refinery, which processed 13 million tonnes of oil last year, was damaged.\n",
        published_at="2025-03-07",
    )
    assert {str(strike.date) for strike in record.strikes} == {"2025-03-07"}


def test_the_course_of_the_war_is_no_strike():
    record = run(
        "Ukrainian forces have repeatedly targeted refineries along the Volga in Samara "
        "Oblast. Kyiv has stepped up attacks on Russian energy facilities in recent weeks.",
        published_at="2025-03-07",
    )
    assert record.strikes == []


def test_a_named_day_makes_a_repeated_target_an_event():
    (strike,) = run(
        "Drones have struck the Syzran refinery again on Friday, the governor said.",
        published_at="2025-03-07",
    ).strikes
    assert str(strike.date) == "2025-03-07"


def test_an_attacker_on_typed_infrastructure_without_a_place_hits_its_opponent():
    (strike,) = run("Overnight, Russia again targeted gas production facilities.").strikes
    assert (strike.attacker, strike.place.country, strike.place.precision) == (
        "RU",
        "UA",
        "country",
    )
    assert strike.target.type == "gas_facility"


def test_an_attack_aimed_at_a_site_is_a_strike_claim():
    record = run(
        "Russia's overnight attack was aimed above all at Ukraine's gas production sites.",
        published_at="2025-03-07",
    )
    assert [(s.attacker, s.place.country, s.target.type) for s in record.strikes] == [
        ("RU", "UA", "gas_facility")
    ]


def test_a_city_in_the_possessive_is_the_place_not_part_of_a_name():
    (strike,) = run(
        "A drone struck a high-rise apartment block in Kyiv's Solomianskyi district early "
        "on Tuesday, injuring four people, city officials said.",
        published_at="2025-06-10",
    ).strikes
    assert (strike.place.name, strike.target.type, strike.injured) == ("Kyiv", "residential", 4)


def test_a_sea_coast_is_not_where_a_coastal_refinery_was_hit():
    record = run(
        "The Tuapse oil refinery on Russia's Black Sea coast was hit overnight into Friday.",
        published_at="2025-03-14",
    )
    (strike,) = record.strikes
    assert strike.place.name != "Black Sea"
    assert strike.target.type == "oil_refinery"


def test_a_place_in_undisputed_territory_decides_the_attacker():
    (strike,) = run(
        "Ukraine's General Staff said on Monday that the plant and Lukoil's refinery in "
        "Volgograd were hit by Russian-made drones.",
        published_at="2025-03-07",
    ).strikes
    assert (strike.attacker, strike.place.name) == ("UA", "Volgograd")
