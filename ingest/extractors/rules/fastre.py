"""Faster `search`/`finditer` for the large case-insensitive patterns, same matches.

Python's `re` tries a pattern at every position of the text, and a case-insensitive
alternation of a hundred words costs a few microseconds at every word start. Every
match of such a pattern starts with one of a small set of short literal prefixes (the
first letters of its alternatives), which can be read off the parsed pattern. The
wrapper finds the positions where one of those prefixes occurs (a case-sensitive
literal scan of the lower-cased text, which is fast) and tries the real pattern only
there, with `pattern.match(text, position)`. The prefixes are a superset of where a
match can start, and positions are tried left to right, so `search` and `finditer`
return exactly the match objects of the plain pattern.

Patterns whose matches can start anywhere (no literal prefix), that can match the
empty string, or that use flags the analysis does not model, stay plain patterns.

Most patterns open with a word boundary, so in ASCII text their matches start only at
word starts. For those, the scan reads a byte copy of the text in which every non-word
character is a space, and looks for a space followed by a prefix: the engine then skips
from space to space in C instead of trying the prefixes at every character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

# Characters that case-insensitive matching equates with an ASCII letter but that
# `str.lower` leaves alone (dotless i, long s): folded by hand so that the prefix scan
# never misses a position the pattern would match.
_FOLD = str.maketrans({"ı": "i", "ſ": "s"})
_MAX_PREFIXES = 4000
_MAX_CLASS = 16
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
# anchors that a `\b` may follow at the start of a pattern without moving its start
_ZERO_WIDTH_ATS = {_c.AT_BEGINNING, _c.AT_BEGINNING_STRING}


class _GiveUp(Exception):
    pass


def _chars(op, av, digits: bool = False) -> set[str] | None:
    """Lower-cased characters one item matches, or None when too many or unknown.
    With `digits`, `\\d` reads as the ASCII digits (true of ASCII text only)."""
    if op is _c.LITERAL:
        return {chr(av).lower()}
    if op is _c.IN:
        found: set[str] = set()
        for item_op, item_av in av:
            if item_op is _c.LITERAL:
                found.add(chr(item_av).lower())
            elif item_op is _c.RANGE:
                low, high = item_av
                if high - low > _MAX_CLASS:
                    return None
                found.update(chr(code).lower() for code in range(low, high + 1))
            elif digits and item_op is _c.CATEGORY and item_av is _c.CATEGORY_DIGIT:
                found.update("0123456789")
            else:  # NEGATE, CATEGORY, ...
                return None
            if len(found) > _MAX_CLASS:
                return None
        return found
    return None


def _walk(items: list, depth: int, current: str, out: set[str], digits: bool = False) -> None:
    """Add to `out` every prefix (up to `depth` characters) that a match of `items`
    can start with, given `current` already read."""
    if len(out) > _MAX_PREFIXES:
        raise _GiveUp
    if len(current) >= depth or not items:
        out.add(current)
        return
    op, av = items[0]
    rest = items[1:]
    if op in _ZERO_WIDTH:
        _walk(rest, depth, current, out, digits)
        return
    if op is _c.SUBPATTERN:
        _walk(list(av[-1].data) + rest, depth, current, out, digits)
        return
    if op is _c.BRANCH:
        for alternative in av[1]:
            _walk(list(alternative.data) + rest, depth, current, out, digits)
        return
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
        low, _high, sub = av
        if low == 0:
            _walk(rest, depth, current, out, digits)
        # one repetition, then stop reading: a shorter prefix is still a true prefix
        _walk(list(sub.data), depth, current, out, digits)
        return
    if op is getattr(_c, "ATOMIC_GROUP", None):
        _walk(list(av.data) + rest, depth, current, out, digits)
        return
    chars = _chars(op, av, digits)
    if chars is None:
        out.add(current)  # the prefix ends here
        return
    for char in chars:
        _walk(rest, depth, current + char, out, digits)


def literal_prefixes(
    pattern: re.Pattern[str], depth: int = 8, digits: bool = False
) -> set[str] | None:
    """Lower-cased literal prefixes, one of which starts every match; None if unknown.
    With `digits`, the prefixes hold for ASCII text only (see `_chars`)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.LOCALE | re.VERBOSE):
        return None
    if pattern.flags & re.ASCII:
        return None
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
        for size in range(depth, 0, -1):
            out: set[str] = set()
            try:
                _walk(list(parsed.data), size, "", out, digits)
            except _GiveUp:
                continue
            break
        else:
            return None
    except (RecursionError, re.error):
        return None
    if not out or "" in out:
        return None
    # a cased non-ASCII letter may have case-insensitive twins that `str.lower` misses
    if any(not ch.isascii() and ch.lower() != ch.upper() for p in out for ch in p):
        return None
    if parsed.getwidth()[0] == 0:
        return None
    return out


# What a word character is to `\b` in ASCII text: a prefix starting with one of these,
# behind a `\b`, can only begin where the character before is not one.
_ASCII_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def _begins_with_boundary(items: list) -> bool:
    """True when every way through `items` meets a `\\b` before reading a character."""
    if not items:
        return False
    op, av = items[0]
    rest = items[1:]
    if op is _c.AT:
        return av is _c.AT_BOUNDARY or (av in _ZERO_WIDTH_ATS and _begins_with_boundary(rest))
    if op is _c.ASSERT_NOT:
        # `(?<![\w-])`: no word character before, as good as a `\b` before a word
        return _no_word_character_before(av)
    if op is _c.SUBPATTERN:
        return _begins_with_boundary(list(av[-1].data) + rest)
    if op is _c.BRANCH:
        return all(_begins_with_boundary(list(alt.data) + rest) for alt in av[1])
    return False


def _no_word_character_before(av) -> bool:
    direction, sub = av
    if direction != -1 or len(sub.data) != 1:
        return False
    op, items = sub.data[0]
    return (
        op is _c.IN
        and (_c.CATEGORY, _c.CATEGORY_WORD) in items
        and _c.NEGATE not in {item_op for item_op, _ in items}
    )


def starts_at_words(pattern: re.Pattern[str], prefixes: set[str]) -> bool:
    """True when, in ASCII text, every match starts a word: the pattern opens with `\\b`
    on every branch and each of its literal prefixes begins with a word character. A
    scan then need only try the positions after a non-word character."""
    if not prefixes or not all(p[:1] in _ASCII_WORD_CHARS for p in prefixes):
        return False
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except (RecursionError, re.error):
        return False
    return _begins_with_boundary(list(parsed.data))


def _trie_pattern(words: set[str]) -> str:
    """A regex for "one of `words` starts here", factored as a trie so that the engine
    tests one character per level instead of every word."""
    if "" in words:
        return ""  # a word ends here: the shorter prefix already matches
    by_first: dict[str, set[str]] = {}
    for word in words:
        by_first.setdefault(word[0], set()).add(word[1:])
    branches = []
    for first in sorted(by_first):
        tail = _trie_pattern(by_first[first])
        branches.append(re.escape(first) + (f"(?:{tail})" if "|" in tail else tail))
    return "|".join(branches)


# The last text folded and its folding: the finders run several wrapped patterns over
# the same sentence in a row, and lower-casing it each time cost more than the scans.
# One tuple, replaced whole, so that a reader never sees a text with another's folding.
_last_folded: tuple[str | None, str | None] = (None, None)


def _folded(text: str) -> str | None:
    """`text` lower-cased with the same length, or None when lower-casing changes it."""
    global _last_folded
    last = _last_folded
    if last[0] is text:
        return last[1]
    low = text.lower()
    if not text.isascii():
        low = low.translate(_FOLD)
        if len(low) != len(text):
            low = None
    _last_folded = (text, low)
    return low


# Each ASCII byte to itself lower-cased if `\w` matches it, else to a space: a text run
# through it keeps its offsets, and a word start is a space followed by a word byte.
_WORD_BYTES = (
    bytes(
        ord(chr(code).lower()) if chr(code).isalnum() or chr(code) == "_" else 0x20
        for code in range(128)
    )
    + b" " * 128
)


def _word_form(prefix: str) -> str:
    """`prefix` as the word-start scan reads it: cut at its first non-ASCII character
    (which an ASCII text cannot hold, so what comes before still starts every match),
    then mapped like the text."""
    cut = next((i for i, ch in enumerate(prefix) if not ch.isascii()), len(prefix))
    return prefix[:cut].encode("ascii").translate(_WORD_BYTES).decode("ascii")


# As `_last_folded`, for the word forms of the word-start scans.
_last_padded: tuple[str | None, bytes | None] = (None, None)


def _word_padded(text: str) -> bytes | None:
    """A space, then `text` through `_WORD_BYTES`, for ASCII text (None otherwise).
    The space stands for "no word character before the start": offsets into the padded
    form of the space before a word are that word's offsets into `text`."""
    global _last_padded
    last = _last_padded
    if last[0] is text:
        return last[1]
    padded = (" " + text).encode("ascii").translate(_WORD_BYTES) if text.isascii() else None
    _last_padded = (text, padded)
    return padded


class FastPattern:
    """A compiled pattern whose `search` and `finditer` skip to candidate positions."""

    __slots__ = (
        "_ascii_only",
        "_scan",
        "_word_scan",
        "flags",
        "fullmatch",
        "groupindex",
        "match",
        "pattern",
        "regex",
    )

    def __init__(
        self,
        regex: re.Pattern[str],
        prefixes: set[str],
        at_word_starts: bool = False,
        ascii_only: bool = False,
    ) -> None:
        # `ascii_only`: the prefixes hold for ASCII text only (`\d` read as 0-9); other
        # text is searched with the plain pattern
        self._ascii_only = ascii_only
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = regex.flags
        self.groupindex = regex.groupindex
        self.match = regex.match
        self.fullmatch = regex.fullmatch
        self._scan = re.compile(_trie_pattern(prefixes)).search
        # over the word form of a text, a leading space lets the engine skip to the next
        # space in C: the prefixes are tried at word starts only, about one position in six
        self._word_scan = (
            re.compile(
                (" (?:" + _trie_pattern({_word_form(p) for p in prefixes}) + ")").encode("ascii")
            ).search
            if at_word_starts
            else None
        )

    def _search(self, text: str, low: str, pos: int, endpos: int) -> re.Match[str] | None:
        return self._try_candidates(self._scan, low, endpos, text, pos, endpos)

    def _search_words(
        self, text: str, padded: bytes, pos: int, endpos: int
    ) -> re.Match[str] | None:
        """`_search` over word starts only; `padded` is `_word_padded(text)`. A scan
        match at padded offset q is the non-word character before a prefix at offset q
        of `text`, so the candidate is q itself."""
        return self._try_candidates(self._word_scan, padded, endpos + 1, text, pos, endpos)

    def _try_candidates(self, scan, haystack, scan_end: int, text: str, pos: int, endpos: int):
        """The first real match at a position the prefix scan of `haystack` offers."""
        match = self.regex.match
        while True:
            candidate = scan(haystack, pos, scan_end)
            if candidate is None:
                return None
            start = candidate.start()
            found = match(text, start, endpos)
            if found is not None:
                return found
            pos = start + 1

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if self._word_scan is not None:
            padded = _word_padded(text)
            if padded is not None:
                return self._search_words(
                    text, padded, pos, len(text) if endpos is None else endpos
                )
        low = None if self._ascii_only else _folded(text)
        if low is None:
            return self.regex.search(text, pos, len(text) if endpos is None else endpos)
        return self._search(text, low, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        end = len(text) if endpos is None else endpos
        if self._word_scan is not None:
            padded = _word_padded(text)
            if padded is not None:
                while pos <= end:
                    found = self._search_words(text, padded, pos, end)
                    if found is None:
                        return
                    yield found
                    pos = found.end()  # never empty: such patterns are not wrapped
                return
        low = None if self._ascii_only else _folded(text)
        if low is None:
            yield from self.regex.finditer(text, pos, end)
            return
        while pos <= end:
            found = self._search(text, low, pos, end)
            if found is None:
                return
            yield found
            pos = found.end()  # never empty: such patterns are not wrapped

    def cannot_match(self, text: str) -> bool:
        """True when no match can start anywhere in `text`, so none in any slice of it
        either: a sentence-wide test that spares the per-window searches after it."""
        low = _folded(text)
        if self._ascii_only and not text.isascii():
            return False
        return low is not None and self._scan(low) is None

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list:
        return self.regex.findall(text, pos, len(text) if endpos is None else endpos)

    def sub(self, *args, **kwargs):
        return self.regex.sub(*args, **kwargs)

    def split(self, *args, **kwargs):
        return self.regex.split(*args, **kwargs)

    def __repr__(self) -> str:
        return f"FastPattern({self.regex!r})"


def any_of(stems: tuple[str, ...] | list[str]):
    """A test for "the text holds one of `stems`" (a substring test, like
    `any(stem in text for stem in stems)`), as one literal scan. The stems are
    factored as a trie: a flat alternation of thirty words costs the engine thirty
    tries at every character, several times the trie's."""
    return re.compile(_trie_pattern(set(stems))).search


def stem_gate(stems: tuple[str, ...] | list[str]):
    """A test for "a case-insensitive pattern whose every match holds one of `stems`
    (lower-case) may match in `text`, or in any slice of it": False only when no stem
    occurs in the text lower-cased the way the wrappers fold it (dotless i, long s),
    and always True when lower-casing would change the text's length."""
    scan = re.compile(_trie_pattern(set(stems))).search

    def may_hold(text: str) -> bool:
        low = _folded(text)
        return low is None or scan(low) is not None

    return may_hold


def fast(regex: re.Pattern[str], depth: int = 8) -> re.Pattern[str]:
    """`regex`, wrapped to search only where a match can start (see the module doc);
    the plain pattern when its starts cannot be told. Prefixes of up to 8 characters
    tell "the strike on" from "the war" and "attack on" from "attacks were": with 4,
    common words ("the ", "was ", "atta") made a third of the tries in vain."""
    prefixes = literal_prefixes(regex, depth)
    if prefixes is None:
        # a number ("\b\d{1,2}\.\d{1,2}"): in ASCII text its words start with a digit
        prefixes = literal_prefixes(regex, depth, digits=True)
        if prefixes is None or not starts_at_words(regex, prefixes):
            return regex
        return FastPattern(regex, prefixes, True, ascii_only=True)  # type: ignore[return-value]
    return FastPattern(regex, prefixes, starts_at_words(regex, prefixes))  # type: ignore[return-value]
