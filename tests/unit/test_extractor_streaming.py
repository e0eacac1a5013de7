"""A large input streams through the workers: it is read only as far ahead as the
workers need, and the outcomes are those of the plain in-process run, in order."""

from ingest.extractors import runner
from ingest.extractors.articles import make_article


def _articles(count: int, pulled: list[int]):
    for index in range(count):
        pulled[0] += 1
        yield make_article(
            {"published_at": "2025-03-07", "outlet": "Test Wire"},
            f"Drones hit an oil depot in Kursk on Monday, article {index}.",
            f"a{index}",
        )


def test_a_large_input_is_read_only_a_bounded_way_ahead(monkeypatch):
    monkeypatch.setattr(runner, "STREAM_AFTER_ARTICLES", 64)
    monkeypatch.setattr(runner, "IN_FLIGHT_CHUNKS", 2)
    pulled = [0]
    ahead = []
    lines = []
    for consumed, outcome in enumerate(runner.extract_articles(_articles(600, pulled), workers=2)):
        ahead.append(pulled[0] - consumed)
        lines.append(outcome.line)
    # chunks are 1 item at this size (64 // (2 workers x 32)); 2 per worker in flight,
    # plus the head read to decide how to run and the chunk the feeder is forming
    assert max(ahead[100:]) <= 2 * 2 * 1 + 2
    plain = [o.line for o in runner.extract_articles(_articles(600, [0]), workers=1)]
    assert lines == plain and len(lines) == 600


def test_a_small_input_is_read_at_once_and_runs_the_same(monkeypatch):
    pulled = [0]
    outcomes = list(runner.extract_articles(_articles(40, pulled), workers=2))
    assert pulled[0] == 40
    assert [o.line for o in outcomes] == [
        o.line for o in runner.extract_articles(_articles(40, [0]), workers=1)
    ]
