"""Russian cardinal numbers written as digits or words, in any grammatical case.

Inflection is left to pymorphy3: "двадцати трёх", "двадцатью пятью" and "ста" are
lemmatised to "двадцать", "три", "пять", "сто", and only the lemmas' values are
listed here (the numeral vocabulary, not its declension tables).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3

_UNITS = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
    "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11,
    "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    # collective numerals ("двое", "троих") count people and sometimes drones
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7,
}  # fmt: skip
_TENS = {
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
    "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
}  # fmt: skip
_HUNDREDS = {
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
}  # fmt: skip
_THOUSAND = "тысяча"
_LEXICON = {**_UNITS, **_TENS, **_HUNDREDS}
_DIGITS = re.compile(r"^\d{1,7}$")

_morph: pymorphy3.MorphAnalyzer | None = None


def morph() -> pymorphy3.MorphAnalyzer:
    """One shared analyser (loading the dictionaries takes ~0.5 s)."""
    global _morph
    if _morph is None:
        _morph = pymorphy3.MorphAnalyzer()
    return _morph


@lru_cache(maxsize=65536)
def _numeral_lemma(word: str) -> str | None:
    lowered = word.lower().replace("ё", "е")
    if lowered in _LEXICON or lowered == _THOUSAND:
        return lowered
    for parse in morph().parse(lowered):
        lemma = parse.normal_form.replace("ё", "е")
        if lemma in _LEXICON or lemma == _THOUSAND:
            # "сорока" is also a magpie and "трёх" is unambiguous: any numeral
            # reading wins because callers only ask about words next to counts.
            return lemma
    return None


def word_value(word: str) -> int | None:
    """Value of one numeral word in any case ("двадцати" -> 20), else None."""
    lemma = _numeral_lemma(word)
    if lemma is None or lemma == _THOUSAND:
        return None
    return _LEXICON[lemma]


def is_number_word(word: str) -> bool:
    return _numeral_lemma(word) is not None


def parse_number(words: list[str]) -> tuple[int, int] | None:
    """Parse a number at the start of `words`: (value, words consumed) or None.

    Accepts digits ("32") or a well-formed word sequence ("сто двадцать три",
    "двадцатью пятью", "две тысячи"); stops where the next word cannot continue it.
    """
    if not words:
        return None
    if _DIGITS.match(words[0]):
        return int(words[0]), 1
    total = 0
    current = 0
    slot = 0  # next free slot: 0 hundreds, 1 tens, 2 units, 3 full
    consumed = 0
    for word in words:
        lemma = _numeral_lemma(word)
        if lemma is None:
            break
        if lemma == _THOUSAND:
            if total:
                break
            total = (current or 1) * 1000
            current, slot = 0, 0
            consumed += 1
            continue
        value = _LEXICON[lemma]
        if value >= 100:
            wanted, after = 0, 1
        elif value >= 20:
            wanted, after = 1, 2
        elif value >= 10:
            wanted, after = 1, 3  # a teen fills the tens and the units
        else:
            wanted, after = 2, 3
        if wanted < slot:
            break
        current += value
        slot = after
        consumed += 1
    if consumed == 0:
        return None
    return total + current, consumed
