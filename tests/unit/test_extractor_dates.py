import datetime as dt

from ingest.extractors.rules.dates import find_dates

ANCHOR = dt.date(2025, 1, 14)  # a Tuesday


def first(text: str, anchor=ANCHOR):
    mentions = find_dates(text, anchor)
    return (mentions[0].date, mentions[0].precision) if mentions else None


def test_absolute_and_relative():
    assert first("struck on January 8") == (dt.date(2025, 1, 8), "day")
    assert first("struck on 8 January 2024") == (dt.date(2024, 1, 8), "day")
    assert first("drones attacked overnight") == (ANCHOR, "day")
    assert first("on Sunday") == (dt.date(2025, 1, 12), "day")
    assert first("on Tuesday") == (ANCHOR, "day")
    assert first("yesterday") == (dt.date(2025, 1, 13), "day")
    assert first("last week") == (dt.date(2025, 1, 7), "week")
    assert first("in December") == (dt.date(2024, 12, 1), "month")


def test_month_day_after_publication_is_last_year():
    assert first("on December 30", dt.date(2025, 1, 2)) == (dt.date(2024, 12, 30), "day")


def test_night_range_is_the_later_day():
    assert first("on the night of January 13-14") == (dt.date(2025, 1, 14), "day")


def test_event_relative_phrases():
    (mention,) = find_dates("Hours after the attacks, the minister arrived", ANCHOR)
    assert mention.kind == "event" and mention.offset == 0
    # "a day after" something that is no attack dates nothing
    assert find_dates("comes a day after NATO chief Mark Rutte told MEPs", ANCHOR) == []


def test_without_publication_date_relative_dates_are_unknown():
    assert first("on Tuesday", None) == (None, "unknown")
    assert first("on January 8", None) == (None, "unknown")
    assert first("on January 8, 2025", None) == (dt.date(2025, 1, 8), "day")
