"""`fastre.fast` patterns find exactly the matches of the plain patterns they wrap."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extractors.rules import (
    cues,
    dates,
    interceptions,
    lexicon,
    numbers,
    people,
    strikes,
    visits,
)
from ingest.extractors.rules.fastre import FastPattern, any_of, fast, literal_prefixes

WRAPPED = [
    value
    for module in (lexicon, cues, strikes, interceptions, people, dates, numbers, visits)
    for value in vars(module).values()
    if isinstance(value, FastPattern)
] + [interceptions.weapon_models()[0]]

SAMPLES = [
    "Ukrainian drones struck an oil refinery in Saratov region overnight, Governor said.",
    "Russia launched 143 Shahed drones and 12 missiles, of which 71 were shot down.",
    "ſtruck a ſhell; Kılıç hıt İstanbul; KHARKIV DRONES STRUCK; K-300 kh-101 x-22",
    "Ukraine’s air force said a Kalibr cruise missile was intercepted on January 14.",
    "",
    "a" * 500,
    "ΣΟΣ ΑΣ ﬅ ﬆ µ",
]


def _same(plain: re.Pattern[str], quick, text: str) -> None:
    expected = [(m.span(), m.groups()) for m in plain.finditer(text)]
    assert [(m.span(), m.groups()) for m in quick.finditer(text)] == expected
    for pos in {0, 1, len(text) // 2, len(text)}:
        for endpos in {len(text), len(text) // 2 + 3}:
            a, b = plain.search(text, pos, endpos), quick.search(text, pos, endpos)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


def test_the_large_patterns_are_wrapped():
    for pattern in (lexicon.TARGET_RE, lexicon.WEAPON_RE, strikes.TRIGGER_RE):
        assert isinstance(pattern, FastPattern)


@pytest.mark.parametrize("wrapped", WRAPPED, ids=lambda p: p.pattern[:24])
def test_wrapped_pattern_gives_the_plain_matches(wrapped):
    rng = random.Random(5)
    alphabet = "abdefhiklnorstuvwy ,.'’-ſıİKS0123456789"
    samples = SAMPLES + ["".join(rng.choice(alphabet) for _ in range(80)) for _ in range(40)]
    for text in samples:
        _same(wrapped.regex, wrapped, text)


@pytest.mark.parametrize("wrapped", WRAPPED[:12], ids=lambda p: p.pattern[:24])
def test_wrapped_pattern_on_generated_matches(wrapped):
    @settings(max_examples=60, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.from_regex(wrapped.regex, fullmatch=False), st.text(max_size=8))
    def check(sample: str, noise: str) -> None:
        for text in (sample, noise + sample, sample.upper(), sample.swapcase() + noise):
            _same(wrapped.regex, wrapped, text)

    check()


def test_patterns_without_a_literal_start_stay_plain():
    for source in (r"\w+ing", r"(?:a|)\w", r"x*", r"[^a]bc"):
        regex = re.compile(source)
        assert fast(regex) is regex
    assert literal_prefixes(re.compile(r"\b(?:ab|cd)e", re.I)) == {"abe", "cde"}


def test_any_of_is_a_substring_test():
    has = any_of(("dron", "kh-", "x-"))
    for text in ("drone", "a kh-101", "nothing", "", "box-"):
        assert bool(has(text)) == any(s in text for s in ("dron", "kh-", "x-"))
