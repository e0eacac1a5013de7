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
