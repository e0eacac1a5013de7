from tests.unit._extract_helpers import run


def test_visit_with_role_country_announcement_and_topics():
    record = run(
        "Hours after the attacks, German Defense Minister Boris Pistorius arrived in "
        "Kyiv in an unannounced visit. Pistorius discussed joint military exercises "
        "and intelligence sharing. He also negotiated further military aid."
    )
    (visit,) = record.visits
    assert (visit.visitor.name, visit.visitor.country) == ("Boris Pistorius", "DE")
    assert visit.destination.name == "Kyiv" and visit.destination.country == "UA"
    assert visit.announced is False and visit.kind == "diplomatic"
    assert {"joint military exercises", "intelligence sharing", "military aid"} <= set(visit.topics)


def test_speech_without_travel_is_no_visit():
    record = run(
        "NATO chief Mark Rutte told members of the European Parliament in Brussels "
        "that Ukraine is not in a position to begin peace talks."
    )
    assert record.visits == []


def test_caption_of_a_governor_at_a_site_counts():
    text = (
        "Roman Busargin (right), the governor of Russia's Saratov region, visits an "
        "industrial site damaged by a Ukrainian drone strike."
    )
    (visit,) = run(text).visits
    assert visit.kind == "site_inspection" and visit.visitor.country == "RU"
    assert visit.destination.name == "Saratov Oblast"
