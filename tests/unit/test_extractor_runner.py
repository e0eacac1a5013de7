"""The runner: inputs, plug-ins, determinism, and adversarial text in bounded time."""

import json
import time

import pytest

from ingest.contract import ExtractionRecord
from ingest.extractors.articles import ArticleInputError, iter_articles, make_article
from ingest.extractors.interface import ExtractorNotFound, load_extractor
from ingest.extractors.runner import extract_articles, extract_paths


def test_reads_text_with_sidecar_and_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text("Drones hit a depot in Kursk on Monday.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps({"published_at": "2025-01-14", "outlet": "X"}), encoding="utf-8"
    )
    (tmp_path / "b.md").write_text("# Title\n\nDrones hit Belgorod.\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"text": "Drones hit Bryansk.", "url": "https://example.org/c"})
        + "\n"
        + "not json\n",
        encoding="utf-8",
    )
    items = list(iter_articles([tmp_path]))
    articles = [i for i in items if not isinstance(i, ArticleInputError)]
    errors = [i for i in items if isinstance(i, ArticleInputError)]
    assert [a.source.rsplit("/", 1)[-1] for a in articles] == ["a.txt", "b.md", "c.jsonl:1"]
    assert str(articles[0].published_at) == "2025-01-14" and articles[1].published_at is None
    assert len(errors) == 1 and "c.jsonl:2" in str(errors[0])


def test_same_input_gives_byte_identical_output(tmp_path):
    for i in range(40):
        (tmp_path / f"{i:02}.txt").write_text(
            f"Drones hit a depot in Kursk, {i} people hurt.", encoding="utf-8"
        )
    one = list(extract_paths([tmp_path], workers=1))
    two = list(extract_paths([tmp_path], workers=2))
    assert one == two and len(one) == 40
    assert all(ExtractionRecord.model_validate_json(line) for line in one)


def test_plugin_by_module_callable():
    extractor = load_extractor("tests.unit.test_extractor_runner:empty_extractor")
    record = extractor(make_article({}, "some text", "x"))
    assert record.extractor.name == "empty" and record.strikes == []
    with pytest.raises(ExtractorNotFound):
        load_extractor("no-such-extractor")


def empty_extractor(article):
    """A plug-in returning a plain dict, as an HTTP-backed extractor would."""
    return {
        "schema_version": "1",
        "article": {"article_id": article.article_id, "text_sha256": article.text_sha256},
        "extractor": {"name": "empty", "version": "1"},
        "extracted_at": "2025-01-01T00:00:00Z",
    }


ADVERSARIAL = {
    "five_megabytes": "Drones hit Kursk. " * 300_000,
    "digits": "9" * 100_000,
    "repeated": ("Ukrainian drones struck the oil depot in Engels and " * 20_000) + ".",
    "repeated_sentences": "Russian drones struck Kharkiv. " * 20_000,
    "mixed_scripts": "Дроны атаковали Энгельс. 无人机 Kyiv ✈️ 🇺🇦 عربى Drones hit Odesa. " * 200,
    "empty": "",
    "whitespace": "   \n\n\t  ",
    "nested_parens": "(" * 50_000 + "Kyiv" + ")" * 50_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_text_ends_in_bounded_time(name):
    text = ADVERSARIAL[name]
    try:
        article = make_article({}, text, name)
    except ArticleInputError as error:  # empty text without url: a clear error
        assert "empty text" in str(error)
        return
    started = time.perf_counter()
    (outcome,) = list(extract_articles([article], workers=1, timeout=30))
    elapsed = time.perf_counter() - started
    assert elapsed < 30
    assert (outcome.line is None) != (outcome.error is None)
    if outcome.line:
        record = ExtractionRecord.model_validate_json(outcome.line)
        assert len(record.strikes) <= 1_000
    else:
        assert "limit" in outcome.error or "took over" in outcome.error


def test_timeout_stops_a_slow_extractor():
    article = make_article({}, "text", "slow")
    outcomes = list(
        extract_articles(
            [article], extractor="tests.unit.test_extractor_runner:slow", workers=1, timeout=0.5
        )
    )
    assert "took over" in outcomes[0].error


def slow(article):
    time.sleep(5)
