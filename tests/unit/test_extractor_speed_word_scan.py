"""The word-start scan of `fastre` and the long-word gate of `text._tame` skip only
positions where no match can start: their answers are the plain patterns' answers."""

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
    text,
    visits,
)
from ingest.extractors.rules.fastre import (
    FastPattern,
    _word_padded,
    fast,
    literal_prefixes,
    starts_at_words,
)

WORD_SCANNED = [
    value
    for module in (lexicon, cues, strikes, interceptions, people, dates, numbers, visits, text)
    for value in vars(module).values()
    if isinstance(value, FastPattern) and value._word_scan is not None
] + [interceptions.weapon_models()[0]]

# a word's start after every kind of character that may come before it in news text
NEIGHBOURS = [" ", "", "a", "Z", "_", "7", "-", "'", "’", "(", '"', ".", ",", "\n", "\t", "/"]


def _spans(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def _same(wrapped: FastPattern, sample: str) -> None:
    plain = wrapped.regex
    assert _spans(wrapped.finditer(sample)) == _spans(plain.finditer(sample)), sample
    for pos in {0, 1, 2, len(sample) // 2, len(sample) - 1, len(sample)}:
        for endpos in {len(sample), len(sample) - 1, len(sample) // 2 + 3}:
            a, b = plain.search(sample, pos, endpos), wrapped.search(sample, pos, endpos)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (
                sample,
                pos,
                endpos,
            )


def test_the_large_patterns_scan_word_starts():
    for pattern in (lexicon.WEAPON_RE, lexicon.TARGET_RE, strikes.TRIGGER_RE, people.SPEECH_RE):
        assert pattern._word_scan is not None


@pytest.mark.parametrize("wrapped", WORD_SCANNED, ids=lambda p: p.pattern[:24])
def test_word_scan_finds_the_plain_matches_after_any_neighbour(wrapped):
    # a piece of every prefix (the places a match may start), glued to each neighbour
    prefixes = sorted(literal_prefixes(wrapped.regex) or ())
    rng = random.Random(11)
    for prefix in prefixes[:60]:
        for before in NEIGHBOURS:
            for after in ("", " ", "s ", "-x", "’s"):
                _same(wrapped, f"{before}{prefix}{after}")
                _same(wrapped, f"x {before}{prefix.upper()}{after} y")
    alphabet = "abdefhiklnorstuvwy ,.'’-_()0123456789\n"
    for _ in range(40):
        noise = "".join(rng.choice(alphabet) for _ in range(60))
        _same(wrapped, noise)


@pytest.mark.parametrize("wrapped", WORD_SCANNED[:12], ids=lambda p: p.pattern[:24])
def test_word_scan_on_generated_matches(wrapped):
    @settings(max_examples=60, suppress_health_check=list(HealthCheck), deadline=None)
    @given(
        st.from_regex(wrapped.regex, fullmatch=False),
        st.sampled_from(NEIGHBOURS),
        st.text(max_size=6),
    )
    def check(sample: str, before: str, noise: str) -> None:
        for candidate in (before + sample, noise + before + sample, before + sample.upper()):
            _same(wrapped, candidate)

    check()


def test_a_match_right_after_a_word_character_is_no_match():
    # the gate skips these positions: it would be wrong if `\b` could hold there
    quick = fast(re.compile(r"\b(?:drone|missile)s?\b", re.I))
    assert quick._word_scan is not None
    for sample in ("adrone", "_drone", "7drone", "xMISSILES"):
        assert quick.search(sample) is None
        assert list(quick.finditer(sample)) == []
    for sample in ("drone", "(drone", "-Drone", "x.drone", "x’drone", "\ndrone", "a_b drone"):
        assert quick.search(sample) is not None, sample
        assert quick.search(sample).span() == quick.regex.search(sample).span()
    # a search from inside a word sees the character before it, as the plain one does
    assert quick.search("adrone", 1) is None
    assert quick.search("a drone", 2).span() == (2, 7)


def test_non_ascii_text_falls_back_to_the_full_scan():
    quick = fast(re.compile(r"\b(?:drone|struck)\b", re.I))
    for sample in ("ſtruck a depot", "Kılıç: drone", "K-drone", "éstruck", "struck é"):
        assert _spans(quick.finditer(sample)) == _spans(quick.regex.finditer(sample))


def test_only_patterns_that_start_words_are_word_scanned():
    def eligible(source: str, flags: int = re.I) -> bool:
        regex = re.compile(source, flags)
        prefixes = literal_prefixes(regex)
        return bool(prefixes) and starts_at_words(regex, prefixes)

    assert eligible(r"\b(?:ab|cd)e")
    assert eligible(r"(?:\bab|\bcd)e")
    assert eligible(r"(?<![\w-])ab")
    assert not eligible(r"\bab|cd")  # one branch may start inside a word
    assert not eligible(r"ab")
    assert not eligible(r"(?<!-)ab")  # "xab" has no hyphen before "ab"
    assert not eligible(r"(?<![^\w])ab")
    assert not eligible(r"\b(?:ab|-c)")  # "-c" may follow a word character
    assert not eligible(r"\b(?:ab|'c)")


def test_word_padded_form_keeps_offsets():
    sample = "Drones hit Kyiv's U.S.-made_x (2024)\n"
    padded = _word_padded(sample)
    assert padded == b" drones hit kyiv s u s  made_x  2024  "
    assert len(padded) == len(sample) + 1
    assert _word_padded("Kyiv’s") is None  # not ASCII: the full scan reads it


@settings(max_examples=300, suppress_health_check=list(HealthCheck), deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 260), st.sampled_from([" ", "  ", "\n", "\t", " \n"])),
        max_size=6,
    ),
    st.sampled_from(["x", "(", "é"]),
)
def test_long_word_gate_is_the_split_test(words, letter):
    piece = "".join(letter * size + gap for size, gap in words)
    expected = bool(piece) and max(map(len, piece.split(" "))) >= 200
    assert text._has_long_word(piece) == expected
    # what `_tame` did before the gate: blank every run of 200+ non-space characters
    blanked = text._LONG_RUN_RE.sub(lambda m: "x" * len(m.group(0)), piece)
    assert text._tame(piece) == blanked


def test_number_patterns_scan_number_starts_in_ascii_text_only():
    quick = fast(re.compile(r"(?<![\w.,/:-])(\d{1,3}(?:,\d{3}){1,2}|\d{1,7})(?![\w/:]|[.,]\d)"))
    assert isinstance(quick, FastPattern) and quick._ascii_only
    assert numbers.DIGITS_RE._ascii_only and dates.DOTTED_RE._ascii_only
    samples = [
        "Russia launched 143 drones and 1,200 shells on 12.05.2024, 5 km away",
        "x12 _3 a-4 (5) 6/7 8:9 .10 ,11 12",
        # other scripts' digits are digits to `\d`: such text is read by the plain pattern
        "launched ١٢ drones and ٣ missiles",
        "launched 12 drones near Kyiv’s 3 districts",
        "١٢ 12",
    ]
    for sample in samples:
        for wrapped in (quick, numbers.DIGITS_RE, dates.DOTTED_RE):
            _same(wrapped, sample)
            # "cannot match" is never said of a text the plain pattern matches
            assert not (wrapped.cannot_match(sample) and wrapped.regex.search(sample))
    assert not quick.cannot_match("launched ١٢ drones")  # not ASCII: no claim of no match
