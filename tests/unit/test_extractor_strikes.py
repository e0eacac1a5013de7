from tests.unit._extract_helpers import run


def test_strike_with_place_target_outcome_and_casualties():
    record = run(
        "Ukrainian drones struck an oil depot in Russia's Voronezh region overnight, "
        "setting it on fire. Governor Alexander Gusev said nobody was hurt."
    )
    (strike,) = record.strikes
    assert strike.attacker == "UA" and strike.weapon == "drone"
    assert strike.place.name == "Voronezh Oblast" and strike.place.precision == "region"
    assert strike.target.type == "fuel_depot" and strike.outcome == "fire"
    assert (strike.killed, strike.injured) == (0, 0)
    assert str(strike.date) == "2025-01-14"


def test_silence_on_casualties_is_null_and_numbers_count():
    (strike,) = run(
        "A Russian missile hit an apartment block in Poltava on Saturday, "
        "killing seven people and injuring 14."
    ).strikes
    assert (strike.attacker, strike.weapon) == ("RU", "missile")
    assert strike.target.type == "residential"
    assert (strike.killed, strike.injured) == (7, 14)
    (quiet,) = run("Drones hit a warehouse in Kursk.").strikes
    assert (quiet.killed, quiet.injured) == (None, None)


def test_named_facility_resolves_from_the_reference_table():
    (strike,) = run("Drones hit the Ryazan oil refinery overnight, causing a fire.").strikes
    assert strike.place.precision == "facility" and strike.target.type == "oil_refinery"
    assert strike.target.name == "Ryazan oil refinery" and strike.place.admin1 == "Ryazan Oblast"


def test_places_where_drones_were_shot_down_are_not_struck():
    record = run(
        "Ukrainian air defences shot down 58 drones over the Kyiv, Poltava and "
        "Odesa regions overnight."
    )
    assert record.strikes == []
    assert record.interceptions


def test_airports_that_limited_flights_are_not_strike_locations():
    record = run(
        "Flights at airports serving Saratov, Penza and Kaluga were limited as a "
        "precaution after the drone attack."
    )
    assert record.strikes == []


def test_caption_repeating_the_body_is_one_claim():
    text = (
        "Drone attack hits Engels\n\n"
        "A burning fuel depot in Engels (right) after a Ukrainian drone strike on January 8.\n\n"
        "Ukrainian drones struck a fuel depot in the Saratov region city of Engels on "
        "January 8, causing a fire.\n"
    )
    strikes = run(text, published_at="2025-01-09", title="Drone attack hits Engels").strikes
    assert len(strikes) == 1
    assert strikes[0].place.name == "Engels" and str(strikes[0].date) == "2025-01-08"


def test_earlier_attack_in_a_relative_clause_is_its_own_claim():
    strikes = run(
        "In Engels, drones struck an industrial plant, igniting a fire at a fuel "
        "depot damaged in a previous attack on January 8."
    ).strikes
    dates = sorted(str(s.date) for s in strikes)
    assert dates == ["2025-01-08", "2025-01-14"]
    assert {s.target.type for s in strikes} == {"fuel_depot"}


def test_follow_up_sentence_completes_the_strike():
    (strike,) = run(
        "Drones struck a fuel depot in Engels overnight.\n\n"
        "Busargin confirmed the facility was destroyed."
    ).strikes
    assert strike.outcome == "destroyed"


def test_country_level_claim_needs_a_count():
    assert (
        run(
            "A series of drone attacks targeting infrastructure across Russia have been undertaken."
        ).strikes
        == []
    )
    (strike,) = run("Kovalenko said five Russian cities had been targeted.").strikes
    assert strike.place.precision == "country" and strike.target_count == 5
    assert strike.attacker == "UA"


def test_a_list_of_targets_is_one_strike_per_target():
    record = run(
        "Ukraine's General Staff said its drones carried out a large attack overnight. "
        "Among the targets hit were an oil refinery in Volgograd and a chemical plant "
        "in Novomoskovsk."
    )
    by_place = {strike.place.name: strike for strike in record.strikes}
    assert {"Volgograd", "Novomoskovsk"} <= set(by_place)
    assert by_place["Volgograd"].target.type == "oil_refinery"
    assert by_place["Novomoskovsk"].target.type == "chemical_plant"
    assert all(strike.attacker == "UA" for strike in record.strikes)
