"""The benchmark generator: the base period and a nightly run's later nights."""

import datetime as dt

from benchmarks.generate import NIGHTS, START_DATE, article_and_record


def _claim_dates(record: dict) -> set[dt.date]:
    return {
        dt.date.fromisoformat(claim["date"])
        for kind in ("strikes", "interceptions", "visits")
        for claim in record.get(kind, [])
    }


def test_later_nights_tell_only_of_the_nights_after_the_base_period():
    last_base_night = START_DATE + dt.timedelta(days=NIGHTS - 1)
    later = set()
    for index in range(200):
        _, record = article_and_record(index, seed=7, later_nights=3)
        later |= _claim_dates(record)
    assert later == {last_base_night + dt.timedelta(days=day) for day in (1, 2, 3)}


def test_the_base_period_is_unchanged_by_the_option():
    base = set()
    for index in range(300):
        article, record = article_and_record(index, seed=7)
        assert (article, record) == article_and_record(index, seed=7, later_nights=0)
        base |= _claim_dates(record)
    assert min(base) >= START_DATE
    assert max(base) <= START_DATE + dt.timedelta(days=NIGHTS - 1)
    assert len(base) > 100  # spread over the period, not bunched
