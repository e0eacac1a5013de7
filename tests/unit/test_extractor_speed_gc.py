"""Workers freeze what survives their articles now and then; other processes never."""

from __future__ import annotations

from ingest.extractors import runner
from ingest.extractors.articles import make_article


def _article(number: int):
    text = f"Ukrainian drones struck an oil depot in Bryansk on Monday, number {number}.\n"
    return make_article({"published_at": "2025-03-03"}, text, f"test:{number}")


def test_a_worker_freezes_once_every_so_many_articles(monkeypatch):
    frozen = []
    monkeypatch.setattr(runner.gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setitem(runner._worker_settings, "freeze_every", 3)
    monkeypatch.setitem(runner._worker_settings, "since_freeze", 0)
    runner._load(None, 0, runner.MAX_CHARS)
    lines = [runner._extract_one(_article(n)).line for n in range(7)]
    assert all(lines)
    assert len(frozen) == 2  # after the 3rd and the 6th article
    assert runner._worker_settings["since_freeze"] == 1


def test_the_calling_process_is_never_frozen(monkeypatch):
    frozen = []
    monkeypatch.setattr(runner.gc, "freeze", lambda: frozen.append(True))
    monkeypatch.delitem(runner._worker_settings, "freeze_every", raising=False)
    monkeypatch.setitem(runner._worker_settings, "frozen", True)  # `_warm`'s one freeze done
    outcomes = list(runner.extract_articles([_article(n) for n in range(5)], workers=1))
    assert all(o.line for o in outcomes)
    assert frozen == []


def test_freezing_changes_no_record(monkeypatch):
    articles = [_article(n) for n in range(4)]
    runner._load(None, 0, runner.MAX_CHARS)
    monkeypatch.delitem(runner._worker_settings, "freeze_every", raising=False)
    plain = [runner._extract_one(a).line for a in articles]
    monkeypatch.setattr(runner.gc, "freeze", lambda: None)
    monkeypatch.setitem(runner._worker_settings, "freeze_every", 1)
    monkeypatch.setitem(runner._worker_settings, "since_freeze", 0)
    assert [runner._extract_one(a).line for a in articles] == plain
