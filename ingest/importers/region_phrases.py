"""Where a bulletin says drones were downed: the region phrase after "над".

"над территориями Брянской, Смоленской и Тульской областей", "над акваторией Черного
моря", "над Белгородской (2 БпЛА) и Воронежской (1 БпЛА) областями": a list of region
names joined by commas and "и", each possibly followed by a count in brackets. Words
before the first name ("северо-западной частью акватории", "Шебекинского района") are
passed over; a name cut off by the snippet's end is recognised by its unique prefix.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.importers.russian_numbers import is_number_word, parse_number
from ingest.importers.russian_regions import (
    Region,
    lemmas,
    region_for_prefix,
    region_for_word,
)
from ingest.importers.russian_text import INTERCEPT_VERBS, LOST_VERBS, Token, starts
from ingest.importers.weapon_mentions import head_class

REGION_HEADS = frozenset(
    {
        "территория", "акватория", "область", "край", "республика", "округ", "регион",
        "море", "полуостров", "город", "г", "часть", "район", "столица", "побережье",
    }
)  # fmt: skip


@dataclass
class Mention:
    region: Region
    count: int | None  # "(12 БПЛА)" given right after the region
    start: int
    end: int


@dataclass
class RegionGroup:
    mentions: list[Mention]
    start: int
    end: int


def number_at(tokens: list[Token], index: int) -> tuple[int, int] | None:
    token = tokens[index]
    if token.kind == "number":
        return int(token.text), 1
    if token.kind != "word" or not is_number_word(token.text):
        return None
    words = []
    for following in tokens[index:]:
        if following.kind != "word":
            break
        words.append(following.text)
    return parse_number(words)


def _is_sea_context(tokens: list[Token], index: int, group_tokens: list[Token]) -> bool:
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None:
        return True  # cut off right after the adjective
    if following.kind == "word" and "море" in lemmas(following.lower):
        return True
    if following.kind == "word" and following.end == -1:
        return True
    return any(token.lower.startswith("акватори") for token in group_tokens)


_INSTRUMENTAL_PLACES = frozenset({"территорией", "территориями", "акваторией", "акваториями"})


def opens_region(sentence: list[Token], position: int) -> bool:
    """ "над ...", "в акватории ...", or a bare "территорией ..." (над left out)."""
    token = sentence[position]
    if token.kind != "word":
        return False
    if token.lower == "над" or token.lower in _INSTRUMENTAL_PLACES:
        return True
    if token.lower not in {"в", "во"}:
        return False
    # "в акватории Черного моря", "в северо-западной части акватории", "в Брянской области"
    following = sentence[position + 1 : position + 4]
    if any(word.lower.startswith("акватори") for word in following):
        return True
    return (
        bool(following)
        and following[0].kind == "word"
        and ((region := region_for_word(following[0].text)) is not None and region.kind != "sea")
    )


def region_group(
    tokens: list[Token], index: int, text_length: int
) -> tuple[RegionGroup | None, int]:
    """Parse the phrase after "над" at tokens[index]; returns (group, next index)."""
    position = index + 1
    mentions: list[Mention] = []
    seen: list[Token] = []
    skipped = 0
    while position < len(tokens):
        token = tokens[position]
        if token.kind == "punct":
            if token.text == "," or token.text in "–—-":
                following = tokens[position + 1] if position + 1 < len(tokens) else None
                if following is None or following.kind != "word":
                    break
                if is_number_word(following.text) or following.lower in {"над", "по", "еще"}:
                    break
                position += 1
                continue
            if token.text == "(" and mentions:
                inner = _paren_count(tokens, position)
                if inner is not None:
                    value, position = inner
                    mentions[-1].count = value
                    continue
            break
        if token.kind != "word":
            break
        lower = token.lower
        if lower in {"и", "а", "также"}:
            following = tokens[position + 1] if position + 1 < len(tokens) else None
            if following is not None and (
                following.kind == "number"
                or (following.kind == "word" and is_number_word(following.text))
            ):
                break
            position += 1
            continue
        region = region_for_word(token.text)
        if (
            region is not None
            and region.kind == "sea"
            and not _is_sea_context(tokens, position, seen)
        ):
            region = None
        if region is None and token.end >= text_length and position == len(tokens) - 1:
            region = region_for_prefix(token.text)  # the snippet stops mid-word
        if region is not None:
            mentions.append(Mention(region, None, token.start, token.end))
            seen.append(token)
            position += 1
            continue
        if set(lemmas(lower)) & REGION_HEADS or lower.startswith(("акватор", "территор")):
            seen.append(token)
            position += 1
            continue
        if not mentions and skipped < 5 and head_class(token) is None:
            # "над северо-западной частью акватории", "Шебекинского района"
            if starts(token, INTERCEPT_VERBS + LOST_VERBS):
                break
            seen.append(token)
            skipped += 1
            position += 1
            continue
        break
    if not mentions and not seen:
        return None, index + 1
    start = tokens[index].start
    end = tokens[position - 1].end if position - 1 > index else tokens[index].end
    return RegionGroup(mentions, start, end), position


def _paren_count(tokens: list[Token], index: int) -> tuple[int, int] | None:
    """ "(12 БПЛА)" right after a region: (value, index after ")")."""
    position = index + 1
    parsed = number_at(tokens, position) if position < len(tokens) else None
    if parsed is None:
        return None
    value, used = parsed
    position += used
    while position < len(tokens) and tokens[position].text != ")" and position < index + 6:
        position += 1
    if position < len(tokens) and tokens[position].text == ")":
        return value, position + 1
    return None
