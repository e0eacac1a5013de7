"""The extractor's speed-ups answer exactly as the slower code they replace.

Each cheap test placed in front of a pattern ("no stem, no match") must never hide a
match; each cached or reorganised reader must give the answers of the plain one.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extractors.rules import cues, dates, fastre, lexicon, numbers, people, text, visits
from ingest.extractors.rules.gazetteer import norm_key

CASUALTY_PATTERNS = [
    cues.ZERO_BOTH_RE,
    cues.ZERO_KILLED_RE,
    cues.ZERO_INJURED_RE,
    cues._A_PERSON_RE,
    *cues.COUNT_BEFORE_RE.values(),
    *cues.COUNT_AFTER_RE.values(),
]
MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# (pattern, stems): every match of the pattern holds one of the stems, folded
GATES = [
    *[(pattern, cues._CASUALTY_STEMS) for pattern in CASUALTY_PATTERNS],
    (cues._A_PERSON_RE, cues.VICTIM_STEMS),
    (cues.AIRPORT_RE, ("airport", "flight")),
    (numbers._AFTER_MONTH_RE, MONTH_STEMS),
    (numbers._BEFORE_MONTH_RE, MONTH_STEMS),
]


@pytest.mark.parametrize("pattern, stems", GATES, ids=lambda x: getattr(x, "pattern", "")[:24])
def test_every_match_holds_a_gate_stem(pattern, stems):
    plain = getattr(pattern, "regex", pattern)

    @settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.from_regex(plain, fullmatch=False))
    def check(sample: str) -> None:
        match = plain.search(sample)
        assert match is not None
        folded = fastre._folded(match.group(0))
        assert folded is None or any(stem in folded for stem in stems), match.group(0)

    check()


def test_the_gates_use_those_stems():
    # the gates the finders call are built from the stems checked above
    assert cues._MAY_TELL_CASUALTIES("two people were injured")
    assert not cues._MAY_TELL_CASUALTIES("the drones were shot down over the region")
    assert cues.casualties("the drones were shot down over the region") == (None, None)
    assert cues.casualties("a man was killed and two people were injured") == (1, 2)
    assert not cues._MAY_NAME_A_PERSON("killing 4 people and injuring 17")
    assert not cues.may_name_flights("the refinery was hit")
    assert numbers.find_numbers("on January 14, 30 drones") == [numbers.NumberMention(30, 15, 17)]


def test_stem_gate_folds_like_the_wrappers():
    gate = fastre.stem_gate(("struck", "kill"))
    assert gate("Drones STRUCK a depot")
    assert gate("drones ſtruck a depot")  # long s matches s case-insensitively
    assert gate("two KILLED")  # the Kelvin sign lower-cases to k
    assert not gate("drones were shot down")
    # lower-casing that changes the length cannot be folded: the gate lets it through
    assert gate("İ was here")


def test_any_of_is_a_substring_test():
    stems = ("fire", "fired", "kh-", "x-", "a total of", "down")
    search = fastre.any_of(stems)
    rng = random.Random(4)
    alphabet = "firedownkhx- atol"
    for _ in range(3000):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert bool(search(sample)) == any(stem in sample for stem in stems), sample


def test_cannot_match_means_no_match_in_any_slice():
    rng = random.Random(9)
    alphabet = "alnoe ft,hs"
    patterns = [p for p in (cues.ZERO_BOTH_RE, numbers._AFTER_MONTH_RE) if hasattr(p, "regex")]
    patterns.append(fastre.fast(re.compile(r"\b(?:all|all of the|each of the)\s*$", re.I)))
    for _ in range(2000):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for pattern in patterns:
            if pattern.cannot_match(sample):
                for start in range(len(sample) + 1):
                    assert pattern.regex.search(sample[start:]) is None
                    assert pattern.regex.search(sample[:start]) is None
    assert not patterns[-1].cannot_match("they were all")
    assert patterns[-1].cannot_match("they were none")


def test_the_wrapped_by_side_pattern_finds_the_plain_matches():
    wrapped = cues.ATTACKER_RES[2]
    assert isinstance(wrapped, fastre.FastPattern)
    for sample in [
        "hit by Ukraine, by the Russian army and nearby Russia",
        "BY RUSSIA, by  Kyiv's, standby Moscow's",
        "",
    ]:
        expected = [(m.span(), m.groups()) for m in wrapped.regex.finditer(sample)]
        assert [(m.span(), m.groups()) for m in wrapped.finditer(sample)] == expected


# ------------------------------------------------------------------ named-group lookup
def _first_named(match: re.Match[str]) -> str | None:
    return next((name for name, value in match.groupdict().items() if value is not None), None)


SAMPLE_SENTENCES = [
    "Ukrainian drones struck an oil refinery and a fuel depot in Saratov region overnight.",
    "Russia launched 143 Shahed drones, 12 Kalibr cruise missiles and a glide bomb.",
    "A fire broke out at the chemical plant; the substation was damaged, not destroyed.",
    "They discussed military aid, air defence systems and joint military exercises.",
    "ARTILLERY SHELLING damaged DWELLINGS and a power plant",
]


@pytest.mark.parametrize("pattern", [lexicon.WEAPON_RE, lexicon.TARGET_RE, lexicon.OUTCOME_RE])
def test_lastgroup_is_the_first_named_group(pattern):
    plain = pattern.regex
    assert plain.groups == len(plain.groupindex)  # no other group could be the last
    found = 0
    for sentence in SAMPLE_SENTENCES:
        for match in pattern.finditer(sentence):
            found += 1
            assert match.lastgroup == _first_named(match)
    assert found


def test_topics_are_those_of_the_first_named_group():
    for sentence in SAMPLE_SENTENCES:
        expected: list[str] = []
        for match in visits.TOPIC_RE.finditer(sentence):
            label = visits.TOPICS[int(_first_named(match)[1:])][1]
            if label not in expected:
                expected.append(label)
        if "joint military exercises" in expected and "military exercises" in expected:
            expected.remove("military exercises")
        assert visits.topics_in(sentence) == expected
    assert visits.topics_in(SAMPLE_SENTENCES[3])[0] == "military aid"


# ------------------------------------------------------------------ readers
def test_attacker_cues_with_exclusions_are_the_filtered_cues():
    sentence = "Russian forces attacked Kharkiv, Ukraine's air force said, and Russia struck Kyiv."
    every = cues.attacker_cues(sentence)
    assert [c.value for c in every] == ["RU", "RU"]
    excluded = cues.attacker_cues(sentence, ((32, 52),))
    assert excluded == [c for c in every if not cues.overlaps((c.start, c.end), [(32, 52)])]
    assert cues.attacker_cues(sentence, ((0, 7),)) == every[1:]


def test_any_institution_is_any_of_the_institutions():
    for speaker in [
        "Ukraine's air force",
        "the Russian Defence Ministry",
        "Air Command East",
        "regional Governor Ivan Petrov",
        "officials",
        "the SBU",
        "the Kremlin",
    ]:
        expected = any(p.search(speaker) for p, *_ in people.INSTITUTIONS)
        assert bool(people._ANY_INSTITUTION_RE.search(speaker)) == expected, speaker


def _norm_key_unicode(value: str) -> str:
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = value.replace("’", "").replace("'", "").replace("`", "").replace("ʹ", "")
    value = re.sub(r"[-.–]", " ", value.lower())
    return " ".join(value.split())


def test_ascii_norm_key_is_the_unicode_one():
    rng = random.Random(2)
    alphabet = "AbZy .-'`\t"
    for _ in range(2000):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert norm_key(sample) == _norm_key_unicode(sample), sample
    assert norm_key("Zaporizhzhia’s Oblast") == _norm_key_unicode("Zaporizhzhia’s Oblast")


def test_tame_blanks_the_same_runs():
    plain = re.compile(r"\S{200,}")
    rng = random.Random(6)
    for _ in range(200):
        words = ["(" * rng.choice([1, 5, 199, 200, 250]) for _ in range(rng.randint(0, 6))]
        sample = rng.choice([" ", "\n", " \t"]).join(words)
        expected = plain.sub(lambda m: "x" * len(m.group(0)), sample)
        assert text._tame(sample) == expected


# ------------------------------------------------------------------ dates
def _reference_find_dates(value: str, anchor: dt.date | None) -> list[dates.DateMention]:
    """The reader before it split reading from resolving (kept here as the oracle)."""
    d = dates
    found: list[d.DateMention] = []
    taken: list[tuple[int, int]] = []
    lower = value.lower()
    has_digit = re.search(r"\d", value) is not None
    has_month = any(stem in lower for stem in MONTH_STEMS)

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(mention: d.DateMention) -> None:
        found.append(mention)
        taken.append((mention.start, mention.end))

    for match in d.NIGHT_RANGE_RE.finditer(value) if "night of" in lower else ():
        month = d.MONTH_NUMBERS[(match.group("month") or match.group("month2")).lower().rstrip(".")]
        day = int(match.group("d2") or match.group("d4"))
        year = int(match.group("year")) if match.group("year") else None
        date = d._month_day(year, month, day, anchor)
        add(d.DateMention(date, "day" if date else "unknown", match.start(), match.end()))
    for regex in (d.ISO_RE, d.DOTTED_RE) if has_digit else ():
        for match in regex.finditer(value):
            if not free(*match.span()):
                continue
            date = d._month_day(
                int(match.group("year")), int(match.group("mon")), int(match.group("day")), anchor
            )
            if date:
                add(d.DateMention(date, "day", match.start(), match.end()))
    for regex in (d.MONTH_DAY_RE, d.DAY_MONTH_RE) if has_digit and has_month else ():
        for match in regex.finditer(value):
            if not free(*match.span()):
                continue
            if regex is d.MONTH_DAY_RE and match.group("month") == "may":
                continue
            year = int(match.group("year")) if match.group("year") else None
            month = d.MONTH_NUMBERS[match.group("month").lower().rstrip(".")]
            date = d._month_day(year, month, int(match.group("day")), anchor)
            add(d.DateMention(date, "day" if date else "unknown", match.start(), match.end()))
    for match in d.WEEKDAY_RE.finditer(value) if "day" in lower else ():
        if not free(*match.span()):
            continue
        if anchor is None:
            add(d.DateMention(None, "unknown", match.start(), match.end(), "relative"))
            continue
        date = d._weekday(anchor, d.WEEKDAYS[match.group("wd").lower()], bool(match.group("last")))
        add(d.DateMention(date, "day", match.start(), match.end(), "relative"))
    for match in d.MONTH_ONLY_RE.finditer(value) if has_month else ():
        if not free(*match.span()):
            continue
        month = d.MONTH_NUMBERS[match.group("month").lower().rstrip(".")]
        if match.group("year"):
            year = int(match.group("year"))
        elif anchor is not None:
            year = anchor.year if month <= anchor.month else anchor.year - 1
        else:
            add(d.DateMention(None, "unknown", match.start(), match.end()))
            continue
        add(d.DateMention(dt.date(year, month, 1), "month", match.start(), match.end()))
    relative_words = ("night", "morning", "today", "yesterday", "week", "month", "year", "eve")
    if any(w in lower for w in (*relative_words, "ago")):
        for match in d.RELATIVE_RE.finditer(value):
            if not free(*match.span()):
                continue
            date, precision = d._relative(match.group("phrase"), anchor)
            add(d.DateMention(date, precision, match.start(), match.end(), "relative"))
    if any(w in lower for w in ("after", "before", "day", "later")):
        for match in d.EVENT_RELATIVE_RE.finditer(value):
            if not free(*match.span("phrase")):
                continue
            phrase = match.group("phrase").lower()
            if (
                phrase in d._EVENT_OFFSETS
                and not d._EVENT_WORDS_RE.search(match.group("rest"))
                and phrase not in {"the next day", "the following day", "a day later"}
            ):
                continue
            offset = d._EVENT_OFFSETS.get(phrase, 0)
            add(d.DateMention(None, "day", match.start(), match.end("phrase"), "event", offset))
    found.sort(key=lambda mention: mention.start)
    return found


DATED_SENTENCES = [
    "Drones struck on the night of January 13-14 and again on 8 January 2024.",
    "On 2025-02-30 nothing happened; on 12.03.2025 and on March 3 something did.",
    "Last Tuesday, early this morning and on Sunday night officials spoke.",
    "In December and since Feb. 2023 the attacks grew; last month was calm.",
    "Hours after the attacks, a day later, the next day and a day after talks.",
    "may 5 is no date, but May 5 is; the 3rd of May and 31 June are tried.",
    "Overnight, yesterday, two days ago, this week and earlier this year.",
    "The claims could not be independently verified.",
]
ANCHORS = [dt.date(2025, 1, 14), dt.date(2025, 12, 31), dt.date(2024, 2, 29), None]


@pytest.mark.parametrize("anchor", ANCHORS)
def test_find_dates_matches_the_reference_reader(anchor):
    for sentence in DATED_SENTENCES:
        dates.find_dates.cache_clear()
        assert dates.find_dates(sentence, anchor) == _reference_find_dates(sentence, anchor)


def test_date_phrases_are_read_once_for_every_anchor():
    sentence = DATED_SENTENCES[2]
    dates._date_phrases.cache_clear()
    dates.find_dates.cache_clear()
    spans = {
        tuple((m.start, m.end, m.kind) for m in dates.find_dates(sentence, a)) for a in ANCHORS
    }
    assert len(spans) == 1
    assert dates._date_phrases.cache_info().misses == 1
