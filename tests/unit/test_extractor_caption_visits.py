"""A photo caption that shows an official at a site is a visit; one at a press
conference is not. "Photo caption:" marks a caption like "Caption:" does."""

from ingest.extractors.rules.text import segment
from tests.unit._extract_helpers import run


def test_photo_caption_prefix_marks_a_caption():
    text = "Drones hit Kursk.\n\nPhoto caption: Smoke over the city on Monday.\n"
    kinds = [paragraph.kind for paragraph in segment(text)]
    assert kinds[-1] == "caption"


def test_an_official_shown_at_a_damaged_site_visited_it():
    record = run(
        "Drones hit an oil depot in Kursk overnight.\n\n"
        "Photo caption: Governor Ivan Petrov (left) at the damaged depot in Kursk on Monday.\n",
        published_at="2025-03-03",
    )
    (visit,) = record.visits
    assert (visit.visitor.name, visit.destination.name) == ("Ivan Petrov", "Kursk")
    assert visit.kind == "site_inspection" and str(visit.date) == "2025-03-03"


def test_an_official_shown_at_a_press_conference_did_not_visit():
    record = run(
        "Drones hit an oil depot in Kursk overnight.\n\n"
        "Caption: Governor Ivan Petrov at a press conference in Kursk on Monday.\n",
        published_at="2025-03-03",
    )
    assert record.visits == []
