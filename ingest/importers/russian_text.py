"""Russian post text prepared for parsing: masked, tokenised, cut into sentences.

Parsing works on a masked copy of a post of the same length (Markdown, links and emoji
blanked, bullets turned into line breaks), so a span found in the copy is the same span
of the original text, which evidence offsets need.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# --------------------------------------------------------------------------- masking
_BULLETS = frozenset("▫▪◽◾•●◦➖🔹🔸🔻📌")
_LINK_TARGET = re.compile(r"\]\((?:https?://|tg://)[^)\s]*\)?|https?://\S+")
_MARKDOWN = str.maketrans({"*": " ", "_": " ", "[": " ", "]": " ", "`": " ", "#": " "})


def mask(text: str) -> str:
    """Same-length copy for parsing: links, Markdown and emoji blanked, bullets -> newline."""
    masked = _LINK_TARGET.sub(lambda match: " " * len(match.group()), text)
    masked = masked.translate(_MARKDOWN)
    chars = []
    for char in masked:
        if char in _BULLETS:
            chars.append("\n")
        elif char in "\r\t\xa0" or unicodedata.category(char) in {"So", "Sk", "Cf", "Co", "Cs"}:
            chars.append(" ")
        else:
            chars.append(char)
    return "".join(chars)


# --------------------------------------------------------------------------- tokens
_LETTER = r"A-Za-zА-Яа-яЁё"
_TOKEN = re.compile(
    rf"(?P<date>\d{{1,2}}\.\d{{2}}\.\d{{2,4}})"
    rf"|(?P<time>\d{{1,2}}[.:]\d{{2}}(?![\d.]\d))"
    rf"|(?P<ordinal>\d+-?(?:й|го|я|е|м|х|ой|ых|ом|ая|ое)(?![{_LETTER}]))"
    rf"|(?P<number>\d+(?![{_LETTER}\d]))"
    rf"|(?P<word>[{_LETTER}][{_LETTER}\d]*(?:-[{_LETTER}\d]+)*)"
    r"|(?P<punct>[.,:;()–—\-\n])"
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # date, time, ordinal, number, word, punct
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower().replace("ё", "е")


def tokenize(masked: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(masked):
        kind = match.lastgroup or "punct"
        tokens.append(Token(kind, match.group(), match.start(), match.end()))
    return tokens


_SENTENCE_END = frozenset({".", ":", ";", "\n"})


def sentences(tokens: list[Token]) -> list[list[Token]]:
    """Sentences and bullet items; abbreviations like "т.г." do not matter here."""
    result: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if token.kind == "punct" and token.text in _SENTENCE_END:
            if current:
                result.append(current)
            current = []
        else:
            current.append(token)
    if current:
        result.append(current)
    return result


# Verb stems of the bulletins: brought down by air defence, or by electronic warfare.
INTERCEPT_VERBS = ("уничтож", "перехвач", "перехват", "сбит", "сбил", "сбив")
LOST_VERBS = ("подавл", "рэб", "радиоэлектрон", "крушени")


def starts(token: Token, prefixes: Iterable[str]) -> bool:
    return token.kind == "word" and token.lower.startswith(tuple(prefixes))
