from tests.unit._extract_helpers import run


def by_weapon(record):
    return {c.weapon: c for c in record.interceptions}


def test_two_weapon_kinds_are_two_claims():
    record = run(
        "Ukraine's air force said Russia launched 43 missiles and 74 drones overnight, "
        "30 and 47 of which were shot down."
    )
    claims = by_weapon(record)
    assert (claims["missile"].launched, claims["missile"].intercepted) == (43, 30)
    assert (claims["drone"].launched, claims["drone"].intercepted) == (74, 47)
    assert all(c.attacker == "RU" and c.defender == "UA" for c in record.interceptions)
    assert claims["drone"].claimed_by.name == "Ukrainian Air Force"


def test_words_lost_and_models():
    record = run(
        "Russia sent eighty Shahed drones; fifty were shot down and 27 disappeared "
        "from radar, the air force said."
    )
    (claim,) = record.interceptions
    assert (claim.launched, claim.intercepted, claim.lost) == (80, 50, 27)
    assert claim.weapon_model == "Shahed-136/131"


def test_regions_with_counts_and_defender_from_the_ministry():
    record = run(
        "The Russian Defence Ministry said 27 Ukrainian drones were destroyed "
        "overnight: 15 over Belgorod Oblast, seven over Voronezh Oblast and five "
        "over Kursk Oblast."
    )
    (claim,) = record.interceptions
    assert (claim.attacker, claim.defender, claim.intercepted) == ("UA", "RU", 27)
    assert [(r.name, r.count) for r in claim.regions] == [
        ("Belgorod Oblast", 15),
        ("Voronezh Oblast", 7),
        ("Kursk Oblast", 5),
    ]
    assert claim.regions_complete is True


def test_n_of_m_and_including_lists():
    record = run(
        "Air defences shot down 58 of 80 Russian drones over various regions, "
        "including Kyiv, Poltava and Odesa."
    )
    (claim,) = record.interceptions
    assert (claim.launched, claim.intercepted) == (80, 58)
    assert claim.regions_complete is False and len(claim.regions) == 3
