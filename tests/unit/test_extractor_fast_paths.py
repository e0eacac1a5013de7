"""The extractor's fast paths give the same answers as the slow ones they replace."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extractors.rules import interceptions, strikes, text, visits
from ingest.extractors.rules.people import _BACK_WORD_RE, _back_word

# (pattern, stems): every match of the pattern must hold one of the stems (lower-cased),
# or the cheap gate in front of it would hide a real cue
GATES = [
    (strikes.TRIGGER_RE, strikes._TRIGGER_STEMS),
    (interceptions.INTERCEPT_RE, interceptions._CUE_STEMS),
    (interceptions.LAUNCH_RE, interceptions._CUE_STEMS),
    (interceptions.LOST_RE, interceptions._CUE_STEMS),
    (visits.TRAVEL_RE, visits._TRAVEL_STEMS),
    (text.CAPTION_MARK_RE, text._CAPTION_MARK_STEMS),
]


@pytest.mark.parametrize("pattern, stems", GATES, ids=lambda x: getattr(x, "pattern", "")[:20])
def test_gate_stems_cover_every_match(pattern, stems):
    pattern = getattr(pattern, "regex", pattern)  # a FastPattern's plain pattern

    @settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.from_regex(pattern, fullmatch=False))
    def check(sample: str) -> None:
        match = pattern.search(sample)
        assert match is not None
        assert any(stem in match.group(0).lower() for stem in stems), match.group(0)

    check()


SENTENCE_TEXTS = [
    "Drones struck Engels. A fire broke out! Was anyone hurt? Nobody, officials said.",
    'He said: "It burned." Then it stopped... Later, at 5 p.m., U.S. officials spoke.',
    "No final punctuation here",
    "...",
    "?! Odd start. ",
    "Line one.\n\nLine two!\nLine three?",
    "Quoted end.” Next sentence (with a bracket.) And more.",
]


@pytest.mark.parametrize("sample", SENTENCE_TEXTS)
def test_sentence_spans_are_the_sentencizer_sentences(sample):
    nlp = text.sentencizer()
    expected = [(s.start_char, s.end_char) for s in nlp(sample).sents]
    assert text.sentence_spans(nlp, sample) == expected


def test_sentence_spans_on_random_punctuation_soup():
    nlp = text.sentencizer()
    rng = random.Random(11)
    alphabet = "Ab .!?\n\"”')…-;:,  x1"
    for _ in range(500):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120)))
        expected = [(s.start_char, s.end_char) for s in nlp(sample).sents]
        assert text.sentence_spans(nlp, sample) == expected, sample


def test_back_word_is_the_full_search():
    rng = random.Random(3)
    alphabet = "ab .'-,\n  x’"
    for _ in range(3000):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        position = rng.randint(0, len(sample))
        slow = _BACK_WORD_RE.search(sample[:position])
        fast = _back_word(sample, position)
        assert (slow is None) == (fast is None)
        if slow is not None:
            assert slow.span() == fast.span()
