"""Numbers in digits and in words: "80", "1,200", "forty-three", "a dozen".

Mentions that are parts of dates, times, years or weapon model names ("Shahed-136",
"S-400", "RCH 155") are not counts and are skipped. Digit runs are bounded so that a
line of 100,000 digits is neither a number nor a slow path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from ingest.extractors.rules.fastre import fast, stem_gate
from ingest.extractors.rules.memo import list_cache

_UNITS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    "sixty|seventy|eighty|ninety"
)
_SCALES = "hundred|thousand"
_WORD = rf"(?:{_UNITS}|{_SCALES})"
# "one hundred and twenty-three": words joined by spaces, hyphens or "and".
NUMBER_WORDS_RE = fast(
    re.compile(
        rf"\b{_WORD}(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*\b",
        re.IGNORECASE,
    )
)
# Digits: up to 7 digits, or thousands groups "1,200" / "1 200"; never inside a longer run.
DIGITS_RE = re.compile(r"(?<![\w.,/:-])(\d{1,3}(?:,\d{3}){1,2}|\d{1,7})(?![\w/:]|[.,]\d)")
# read in every sentence and clause: wrapped to try number starts only (see `fastre`)
DIGITS_RE = fast(DIGITS_RE)
SPECIAL = {"a dozen": 12, "dozen": 12, "a couple of": 2, "a pair of": 2, "a single": 1, "a": 1}
SPECIAL_RE = fast(re.compile(r"\b(?:a dozen|a couple of|a pair of|a single)\b", re.IGNORECASE))
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_AFTER_MONTH_RE = fast(re.compile(rf"\b(?:{MONTHS})\.?\s*$", re.IGNORECASE))
_BEFORE_MONTH_RE = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTHS})\b", re.IGNORECASE)
_MODEL_BEFORE_RE = re.compile(r"(?:[A-Za-z]-|[A-Z]{2,}\s|No\.\s?|#)$")
_UNIT_AFTER_RE = re.compile(
    r"^\s*(?:%|percent|per cent|km|kilomet|miles?\b|meters?|metres?|kg|tons?|tonnes?|"
    r"hours?|minutes?|years?|days?|weeks?|months?|a\.m\.|p\.m\.|am\b|pm\b|mm\b|"
    r"million|billion|times\b|-year|-day|-hour|-kilomet|-mile|-km|th\b|st\b|nd\b|rd\b)",
    re.IGNORECASE,
)
MAX_COUNT = 10_000_000
# A sentence-wide test for the per-number month checks: every month name holds one of
# these stems, and a pattern that cannot match in the sentence matches in no slice.
_MAY_NAME_A_MONTH = stem_gate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    value: int
    start: int
    end: int


def parse_number(text: str) -> int | None:
    """The integer a number phrase names, or None ("dozens" and "several" name none)."""
    phrase = " ".join(text.lower().split())
    if phrase in SPECIAL:
        return SPECIAL[phrase]
    digits = phrase.replace(",", "").replace(" ", "")
    if digits.isdigit():
        return int(digits) if len(digits) <= 8 else None
    try:
        value = text2num(phrase.replace(" and ", " "), "en")
    except (ValueError, TypeError):
        return None
    return value if 0 <= value <= MAX_COUNT else None


@list_cache()
def find_numbers(text: str) -> list[NumberMention]:
    """Count-like numbers in `text`, in order, without dates, times, years and models."""
    found: list[NumberMention] = []
    months = None  # the sentence-wide test, made once a number is met
    for match in DIGITS_RE.finditer(text):
        start, end = match.span(1)
        raw = match.group(1)
        before, after = text[max(0, start - 12) : start], text[end : end + 16]
        if months is None:
            months = _MAY_NAME_A_MONTH(text)
        if months and (_AFTER_MONTH_RE.search(before) or _BEFORE_MONTH_RE.match(after)):
            continue  # "January 14", "14 January"
        if _MODEL_BEFORE_RE.search(before) or _UNIT_AFTER_RE.match(after):
            continue  # "Kh-101", "RCH 155", "30 km", "20 percent"
        if len(raw) == 4 and "," not in raw and 1900 <= int(raw) <= 2100:
            continue  # a year
        # `parse_number(raw)` for a run of digits and commas, without its phrase work
        digits = raw.replace(",", "")
        if len(digits) <= 8:
            found.append(NumberMention(int(digits), start, end))
    for match in NUMBER_WORDS_RE.finditer(text):
        after = text[match.end() : match.end() + 16]
        if _UNIT_AFTER_RE.match(after):
            continue  # "three years", "two hours"
        value = parse_number(match.group(0))
        if value is not None:
            found.append(NumberMention(value, match.start(), match.end()))
    for match in SPECIAL_RE.finditer(text):
        found.append(NumberMention(SPECIAL[match.group(0).lower()], match.start(), match.end()))
    found.sort(key=lambda mention: mention.start)
    return found
