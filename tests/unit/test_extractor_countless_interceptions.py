"""Air defence at work told without numbers is still an interception claim, with every
count null; a strike by drones, or a sentence that withholds the count, is not."""

from tests.unit._extract_helpers import run


def _interceptions(text: str):
    return [
        (i.weapon, i.launched, i.intercepted, i.lost, i.attacker, i.defender)
        for i in run(text, published_at="2025-03-07").interceptions
    ]


def test_air_defences_shot_down_drones_over_a_district():
    record = run(
        "Air defences shot down several drones over the Kstovo district early on Wednesday, "
        "Governor Gleb Nikitin said.",
        published_at="2025-03-07",
    )
    (claim,) = record.interceptions
    assert (claim.weapon, claim.launched, claim.intercepted) == ("drone", None, None)
    assert (claim.attacker, claim.defender) == ("UA", "RU")
    assert [region.name for region in claim.regions] == ["Nizhny Novgorod Oblast"]
    assert claim.claimed_by.side == "RU"


def test_a_drone_downed_over_the_city():
    assert _interceptions("A Russian drone was downed over Kyiv, the mayor said.") == [
        ("drone", None, None, None, "RU", "UA")
    ]


def test_an_attack_repelled_over_a_city_is_the_defenders():
    assert _interceptions("Air defences repelled a drone attack on Volgograd overnight.") == [
        ("drone", None, None, None, "UA", "RU")
    ]


def test_drones_destroying_a_depot_is_a_strike_not_an_interception():
    assert _interceptions("Ukrainian drones destroyed a fuel depot in Kursk overnight.") == []


def test_a_withheld_count_is_no_claim():
    assert _interceptions("The Air Force did not say how many missiles were intercepted.") == []


def test_lost_in_location_in_quotes_counts_as_lost():
    assert _interceptions(
        "Russia launched 96 drones overnight. Of the 96 drones, 64 were shot down and 25 were "
        "'lost in location', the air force said."
    ) == [("drone", 96, 64, 25, "RU", "UA")]


def test_a_share_of_an_untold_count_is_no_claim():
    assert _interceptions("Kyiv said most of the missiles had been shot down.") == []
