from ingest.extractors.rules.gazetteer import get_gazetteer
from ingest.extractors.rules.people import find_attributions, find_persons, resolve_speaker

GAZ = get_gazetteer()


def speaker(text: str, persons=()):
    (attribution,) = find_attributions(text)
    return resolve_speaker(attribution.speaker, GAZ, list(persons), None, None)


def test_institutions_get_canonical_names_and_sides():
    claimant = speaker("Ukraine's air force said 58 drones were shot down.")
    assert (claimant.name, claimant.role, claimant.side) == (
        "Ukrainian Air Force",
        "air force",
        "UA",
    )
    claimant = speaker("Drones were destroyed, according to the Russian Defense Ministry.")
    assert (claimant.name, claimant.side) == ("Russian Ministry of Defence", "RU")
    assert speaker("The strike hit a depot, said Ukraine's air force.").side == "UA"


def test_people_with_titles():
    text = "Roman Busargin (right), the governor of Russia's Saratov region, visits a site."
    (person,) = find_persons(text, GAZ)
    assert person.name == "Roman Busargin" and person.country == "RU"
    assert person.admin1 == "Saratov Oblast"
    claimant = speaker("Two plants were damaged, regional Governor Roman Busargin said.", [person])
    assert (claimant.name, claimant.side) == ("Roman Busargin", "RU")
    (minister,) = find_persons("German Defense Minister Boris Pistorius arrived", GAZ)
    assert (minister.name, minister.role, minister.country) == (
        "Boris Pistorius",
        "Defense Minister",
        "DE",
    )


def test_a_title_set_off_by_a_comma_before_the_name():
    text = "Poland's foreign minister, Radoslaw Sikorski, travelled to Lviv on Monday."
    (minister,) = find_persons(text, GAZ)
    assert (minister.name, minister.role, minister.country) == (
        "Radoslaw Sikorski",
        "foreign minister",
        "PL",
    )
    # a comma after words that are not a title leaves the person without one
    (person,) = find_persons("On a cold morning in Kyiv, Olena Petrenko spoke.", GAZ)
    assert (person.name, person.role) == ("Olena Petrenko", None)


def test_groups_and_appositives():
    assert speaker("Ukrainian officials said 80 drones were sent.").side == "UA"
    text = (
        "Andriy Kovalenko, head of Ukraine's Center for Countering Disinformation, said "
        "five cities had been targeted."
    )
    claimant = speaker(text)
    assert claimant.name == "Andriy Kovalenko" and claimant.side == "UA"
