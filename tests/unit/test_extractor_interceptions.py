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


def test_undated_figures_take_the_day_an_earlier_sentence_names():
    # published on Friday; the attack was on Wednesday, named only in the lead sentence
    record = run(
        "Ukraine's air force gave a breakdown of the missiles Russia fired on Wednesday.\n\n"
        "Of 12 Kalibr cruise missiles, nine were shot down. All six Kh-59 missiles were "
        "intercepted.",
        published_at="2025-01-17",
    )
    assert record.interceptions
    assert {claim.date.isoformat() for claim in record.interceptions} == {"2025-01-15"}


def test_without_a_named_day_figures_keep_the_publication_night():
    record = run(
        "Ukraine's air force gave a breakdown of the missiles Russia fired.\n\n"
        "Of 12 Kalibr cruise missiles, nine were shot down.",
        published_at="2025-01-17",
    )
    assert {claim.date.isoformat() for claim in record.interceptions} == {"2025-01-17"}
