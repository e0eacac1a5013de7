"""Officials named by surname alone, and where each mention of a person is."""

import datetime as dt

from ingest.extractors.rules.dates import find_dates
from ingest.extractors.rules.gazetteer import get_gazetteer
from ingest.extractors.rules.people import find_persons
from tests.unit._extract_helpers import run


def test_a_known_surname_alone_is_the_official():
    (person,) = find_persons("Peskov said Moscow would respond.", get_gazetteer())
    assert (person.name, person.country, person.start, person.length) == (
        "Dmitry Peskov",
        "RU",
        0,
        len("Peskov"),
    )
    # a lower-case verb is not the president
    assert find_persons("The ruling will trump earlier plans.", get_gazetteer()) == []


def test_a_surname_speaker_gives_the_claimant_side():
    (strike,) = run(
        "Zelensky said Russian drones hit an apartment block in Kyiv overnight.",
        published_at="2025-06-10",
    ).strikes
    assert (strike.claimed_by.name, strike.claimed_by.side) == ("Volodymyr Zelensky", "UA")
    assert strike.place.name == "Kyiv"


def test_a_surname_visitor():
    (visit,) = run("Putin visited the Kursk region on Tuesday.", published_at="2025-06-10").visits
    assert (visit.visitor.name, visit.visitor.country) == ("Vladimir Putin", "RU")
    assert visit.destination.name == "Kursk Oblast"


def test_a_later_mention_is_read_where_it_is():
    # the visitor is the one before the verb in this sentence, not a person the article
    # met earlier and who is named after the verb here
    record = run(
        "President Volodymyr Zelensky met envoy Keith Kellogg on Thursday.\n\n"
        "Kellogg, who came to Kyiv on Wednesday, praised Zelensky.\n",
        published_at="2025-02-21",
    )
    assert [v.visitor.name for v in record.visits] == ["Keith Kellogg"]


def test_the_past_week_is_the_seven_days_to_publication():
    (mention,) = find_dates("during the past week", dt.date(2025, 2, 23))
    assert (mention.date, mention.precision) == (dt.date(2025, 2, 17), "week")
