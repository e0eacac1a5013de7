from ingest.extractors.rules.gazetteer import get_gazetteer


def found(text: str) -> list[tuple[str, str, str | None]]:
    return [(m.place.name, m.place.precision, m.place.admin1) for m in get_gazetteer().find(text)]


def test_regions_cities_and_facilities():
    assert found("In the Saratov region city of Engels") == [
        ("Saratov Oblast", "region", "Saratov Oblast"),
        ("Engels", "city", "Saratov Oblast"),
    ]
    assert found("near the Kazan Orgsintez plant")[0][1] == "facility"
    assert found("Kazan, the capital of Russia's Tatarstan") == [
        ("Kazan", "city", "Republic of Tatarstan"),
        ("Russia", "country", None),
        ("Republic of Tatarstan", "region", "Republic of Tatarstan"),
    ]


def test_spelling_variants_and_city_regions():
    assert found("Kiev region")[0][0] == "Kyiv Oblast"
    assert found("Odessa")[0][0] == "Odesa"
    assert found("the Moscow region")[0][0] == "Moscow Oblast"
    assert found("St. Petersburg")[0][0] == "Saint Petersburg"


def test_english_words_and_lowercase_are_no_places():
    assert found("Anna said the bar was closed in may") == []
    assert found("they buy a plant") == []


def test_city_resolves_to_its_region_and_country():
    place = get_gazetteer().lookup("Novorossiysk")
    assert (place.country, place.admin1, place.precision) == ("RU", "Krasnodar Krai", "city")
    assert place.lat and place.lon
