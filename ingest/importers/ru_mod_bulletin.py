"""Read one Russian Defence Ministry Telegram post as an air-defence bulletin.

A bulletin says how many Ukrainian drones, missiles or rockets air defence destroyed,
usually over which regions, in which time window:

    "В период с 20.00 до 23.00 мск дежурными средствами ПВО перехвачены и уничтожены
    37 украинских беспилотных летательных аппаратов самолетного типа: ▫️ 25 – над
    территорией Брянской области, ▫️ 5 – над территорией Калужской области, ..."

Each sentence (or bullet item) of the masked text (see russian_text) is read as a
sequence of counts ("37 ... аппаратов", "пять", "украинский беспилотник" = 1) and region
groups (the phrase after "над"); counts are paired with the region group they precede
or follow. A count with no region of its own is the bulletin's total for its weapon
kind; without such a total, the per-region counts are summed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ingest.contract import Weapon
from ingest.importers.region_phrases import (
    RegionGroup,
    number_at,
    opens_region,
    region_group,
)
from ingest.importers.ru_mod_windows import MONTHS, parse_window
from ingest.importers.russian_numbers import is_number_word
from ingest.importers.russian_regions import (
    Region,
)
from ingest.importers.russian_text import (
    INTERCEPT_VERBS,
    LOST_VERBS,
    Token,
    mask,
    sentences,
    starts,
    tokenize,
)
from ingest.importers.weapon_mentions import (
    CLASS_OF_WEAPON,
    COMPATIBLE,
    ModelMention,
    find_models,
    head_class,
)

# The scraped dataset keeps the first 400 characters of a post.
SNIPPET_LIMIT = 400

# --------------------------------------------------------------------------- vocabulary
# "в том числе пять, летевших на Москву": part of a count already given, not more.
# ("из них два над ...", by contrast, breaks a total down by region and is read.)
_SUBSET = (("в", "том", "числе"),)
_LAUNCH_WORDS = frozenset({"применением", "использованием", "атаку", "атаки", "атака"})
_SINGULAR_PARTICIPLES = frozenset({"уничтожен", "перехвачен", "сбит", "подавлен", "обнаружен"})
_NOT_MODIFIERS = frozenset({"над", "по", "на", "в", "из", "и", "с", "от"})
_SINGULAR_HEADS = frozenset(
    {"аппарат", "беспилотник", "дрон", "ракета", "ракету", "снаряд", "бомба", "бомбу", "шар"}
)
_PLURAL_HEADS = frozenset(
    {"аппараты", "беспилотники", "дроны", "ракеты", "снаряды", "бомбы", "шары"}
)
_PLURAL_MARKERS = frozenset({"украинские", "все", "оба", "обе", "эти", "были"})


# --------------------------------------------------------------------------- parse items
@dataclass
class Count:
    value: int | None  # None for "все" (all of those launched)
    start: int  # char span of the count phrase
    end: int
    head: str | None  # drone, missile, rocket, bomb; None = elliptic ("25 – над ...")
    head_index: int | None
    distributive: bool = False  # "по два БПЛА" over each region
    launched: bool = False  # "атаку с применением девяти БпЛА"
    all_of: bool = False
    additive: bool = False  # "Еще один беспилотник"
    weapon: Weapon | None = None
    model: str | None = None
    role: str = "intercepted"


@dataclass
class RegionCount:
    region: Region
    count: int | None


@dataclass
class WeaponTally:
    weapon: Weapon
    models: list[str] = field(default_factory=list)
    launched: int | None = None
    intercepted: int | None = None
    lost: int | None = None
    regions: list[RegionCount] = field(default_factory=list)

    @property
    def model(self) -> str | None:
        return " and ".join(self.models) if self.models else None

    @property
    def downed(self) -> int | None:
        """Destroyed or brought down by electronic warfare: what the total counts."""
        if self.intercepted is None and self.lost is None:
            return None
        return (self.intercepted or 0) + (self.lost or 0)


@dataclass
class Bulletin:
    is_bulletin: bool
    reason: str  # why not a bulletin, or "bulletin"
    tallies: list[WeaponTally] = field(default_factory=list)
    window_start: dt.datetime | None = None
    window_end: dt.datetime | None = None
    truncated: bool = False
    evidence_start: int = 0
    evidence_end: int = 0

    def tally(self, weapon: Weapon) -> WeaponTally | None:
        return next((tally for tally in self.tallies if tally.weapon == weapon), None)


# --------------------------------------------------------------------------- detection
_DIGEST_HEADS = re.compile(
    r"главное за день|сводка|заявлени|о ходе|по состоянию на \d{1,2}\s+[а-я]{3,}|итоги|брифинг|"
    r"за прошедш\w+ (сутки|недел|месяц)|в течение прошедших суток",
    re.IGNORECASE,
)
_AD_ACTOR = re.compile(
    r"(средств\w*|сил\w*|огн\w*)\s+(?:\w+\s+){0,3}?"
    r"(пво|противовоздушной\s+обороны|рэб|радиоэлектронной\s+борьбы)",
    re.IGNORECASE,
)
_THWARTED = re.compile(
    r"(пресечен\w*|предпринят\w*|предпринял\w*)\s+(?:\w+\s+){0,3}?(попытк\w*|ряд\s+попыток)"
    r"[^.]{0,200}?атак|"
    # the verb may close the sentence: "Попытка киевского режима ... атаку ... пресечена."
    r"(попытк\w*|ряд\s+попыток)[^.]{0,100}?атак[^.]{0,240}?\b(пресечен\w*|сорван\w*)",
    re.IGNORECASE,
)
_LEAD_CHARS = 160
_THWARTED_LEAD = 240


def detect(masked: str, tokens: list[Token]) -> tuple[bool, str]:
    """(is a bulletin, reason). Digests and reports mention air defence in passing."""
    lead = masked[:_LEAD_CHARS]
    if _DIGEST_HEADS.search(lead):
        return False, "digest or statement, not an air-defence bulletin"
    has_actor = _AD_ACTOR.search(masked) is not None
    has_verb = any(starts(token, INTERCEPT_VERBS + LOST_VERBS) for token in tokens)
    has_weapon = any(head_class(token) for token in tokens)
    if has_actor and has_verb and has_weapon:
        return True, "bulletin"
    first = sentences(tokens)[:2]
    lead_text = masked[first[0][0].start : first[-1][-1].end] if first else ""
    # "7 сентября т.г. около 17.30 мск. пресечена попытка ...": a date and a time cut
    # short sentences; the lead is at least the post's opening lines
    lead_text = lead_text if len(lead_text) >= _THWARTED_LEAD else masked[:_THWARTED_LEAD]
    if _THWARTED.search(lead_text) and (has_weapon or has_actor):
        return True, "bulletin"
    return False, "no air-defence interception reported"


# --------------------------------------------------------------------------- counts
def _count_at(tokens: list[Token], index: int) -> tuple[Count, int] | None:
    """A count starting at tokens[index]: number + weapon noun, or elliptic "N – над"."""
    token = tokens[index]
    all_of = token.kind == "word" and token.lower in {"все", "всех"}
    if all_of:
        parsed = (0, 1)
        if index + 1 < len(tokens) and number_at(tokens, index + 1):
            return None  # "все 9 снарядов": the number itself is the count
    else:
        parsed = number_at(tokens, index)
        if parsed is None:
            return None
    value, used = parsed
    after = index + used
    if after < len(tokens) and tokens[after].kind == "word" and tokens[after].lower in MONTHS:
        return None  # a date: "5 июня"
    previous = tokens[index - 1] if index > 0 else None
    distributive = previous is not None and previous.lower == "по"
    additive = previous is not None and previous.lower in {"еще", "ещё"}
    launched = any(
        candidate.lower in _LAUNCH_WORDS for candidate in tokens[max(0, index - 3) : index]
    )
    # weapon noun within a few modifiers ("32 украинских беспилотных летательных аппарата")
    position = after
    skipped = 0
    while position < len(tokens) and skipped <= 6:
        candidate = tokens[position]
        klass = head_class(candidate)
        if klass:
            count = Count(
                None if all_of else value,
                token.start,
                candidate.end,
                klass,
                position,
                distributive=distributive,
                launched=launched,
                all_of=all_of,
                additive=additive,
            )
            return count, position + 1
        if (
            candidate.kind != "word"
            or candidate.lower in _NOT_MODIFIERS
            or is_number_word(candidate.text)
        ):
            break
        position += 1
        skipped += 1
    if all_of:
        return None
    # elliptic: "25 – над территорией", "один перехвачен над", "11 над территорией"
    position = after
    while position < len(tokens) and (
        (tokens[position].kind == "punct" and tokens[position].text in "–—-")
        or starts(tokens[position], INTERCEPT_VERBS + LOST_VERBS)
        or tokens[position].lower in {"бпла", "был", "были", "в", "воздухе"}
    ):
        position += 1
    if position < len(tokens) and tokens[position].lower in {"над", "на"}:
        count = Count(
            value, token.start, tokens[after - 1].end, None, None, distributive=distributive
        )
        return count, after
    return None


def _implicit_single(tokens: list[Token], index: int) -> Count | None:
    """ "украинский беспилотный летательный аппарат уничтожен" counts one."""
    token = tokens[index]
    klass = head_class(token)
    if klass is None:
        return None
    lower = token.lower
    if lower in _PLURAL_HEADS or (
        lower in {"бпла", "бла", "мвш"} and index > 0 and tokens[index - 1].lower in _PLURAL_MARKERS
    ):
        # "украинские беспилотные летательные аппараты уничтожены": all those launched
        start = token.start
        position = index - 1
        while position >= 0 and tokens[position].kind == "word" and position >= index - 3:
            start = tokens[position].start
            position -= 1
        return Count(None, start, token.end, klass, index, all_of=True)
    singular = lower in _SINGULAR_HEADS
    if not singular and lower in {"бпла", "бла"}:
        before = tokens[index - 1] if index > 0 else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        singular = (before is not None and before.lower in {"украинский", "один"}) or (
            after is not None and after.lower in _SINGULAR_PARTICIPLES
        )
        if not singular and after is not None and after.lower == "был":
            singular = True
    if not singular:
        return None
    start = token.start
    # extend back over the adjectives of the noun phrase for the evidence span
    position = index - 1
    while position >= 0 and tokens[position].kind == "word" and position >= index - 3:
        if head_class(tokens[position]) or tokens[position].lower in {"над", "и"}:
            break
        start = tokens[position].start
        position -= 1
    return Count(1, start, token.end, klass, index)


# --------------------------------------------------------------------------- sentences
@dataclass
class _Part:
    counts: list[Count]
    group: RegionGroup | None


def _sentence_role(sentence: list[Token]) -> str | None:
    if any(starts(token, INTERCEPT_VERBS) for token in sentence):
        return "intercepted"
    if any(starts(token, LOST_VERBS) for token in sentence):
        return "lost"
    lowers = {token.lower for token in sentence}
    if any(starts(token, ("пресечен", "предпринят", "обнаружен")) for token in sentence):
        return "launched"
    if lowers & _LAUNCH_WORDS:
        return "launched"
    return None


def _own_role(sentence: list[Token], count: Count, window_end: int, default: str) -> str:
    """ "три уничтожены ПВО, еще три подавлены РЭБ": the verb after a count decides."""
    after = [t for t in sentence if count.end <= t.start < window_end]
    if any(starts(token, INTERCEPT_VERBS) for token in after):
        return "intercepted"
    if any(starts(token, LOST_VERBS) for token in after):
        return "lost"
    return default


def _without_subsets(sentence: list[Token]) -> list[Token]:
    """Drop "в том числе пять, летевших на Москву," (a subset, not more drones).

    The subset runs to the end of the sentence or to a comma followed by "и"/"а".
    """
    lowers = [token.lower for token in sentence]
    kept: list[Token] = []
    position = 0
    while position < len(sentence):
        marker = next(
            (m for m in _SUBSET if tuple(lowers[position : position + len(m)]) == m), None
        )
        if marker is None:
            kept.append(sentence[position])
            position += 1
            continue
        position += len(marker)
        while position < len(sentence) and not (
            lowers[position] == ","
            and position + 1 < len(sentence)
            and lowers[position + 1] in {"и", "а"}
        ):
            position += 1
        position += 1  # the comma
    return kept


def _read_sentence(
    sentence: list[Token], text_length: int
) -> tuple[list[Count | RegionGroup], list[Count]]:
    """Counts and region groups of one sentence in order, plus its counts."""
    items: list[Count | RegionGroup] = []
    counts: list[Count] = []
    sentence = _without_subsets(sentence)
    used_heads: set[int] = set()
    position = 0
    while position < len(sentence):
        if opens_region(sentence, position):
            group, position = region_group(sentence, position, text_length)
            if group is not None:
                items.append(group)
            continue
        found = _count_at(sentence, position)
        if found is not None:
            count, position = found
            if count.head_index is not None:
                used_heads.add(count.head_index)
            items.append(count)
            counts.append(count)
            continue
        if position not in used_heads:
            single = _implicit_single(sentence, position)
            if single is not None:
                previous = sentence[position - 1] if position > 0 else None
                single.additive = previous is not None and previous.lower in {"еще", "ещё"}
                items.append(single)
                counts.append(single)
        position += 1
    return items, counts


def _pair(items: list[Count | RegionGroup]) -> list[_Part]:
    """Pair counts with the region group they precede (or follow, if groups come first)."""
    parts: list[_Part] = []
    if not items:
        return parts
    groups_first = isinstance(items[0], RegionGroup)
    run: list[Count] = []
    current: _Part | None = None
    for item in items:
        if isinstance(item, RegionGroup):
            if groups_first:
                current = _Part([], item)
                parts.append(current)
            elif run:
                parts.append(_Part(run, item))
                run = []
            elif parts and parts[-1].group is not None:
                parts[-1].group.mentions.extend(item.mentions)  # "над A и над B"
            else:
                parts.append(_Part([], item))
        elif groups_first and current is not None:
            current.counts.append(item)
        else:
            run.append(item)
    if run:
        parts.append(_Part(run, None))
    return parts


# --------------------------------------------------------------------------- weapons
_GENERIC_WEAPON = (
    (("оперативно-тактическ", "баллистическ", "тактическ"), Weapon.ballistic_missile),
    (("крылат", "противокорабельн"), Weapon.cruise_missile),
    (("противорадиолокационн", "зенитн"), Weapon.missile),
    (("управляем",), None),
    (("разведывательн",), Weapon.recon_drone),
)


def _resolve_weapon(
    count: Count,
    sentence: list[Token],
    models: list[ModelMention],
    window_end: int,
    fallback_class: str,
) -> None:
    klass = count.head or fallback_class
    compatible = COMPATIBLE[klass]
    near = [
        mention
        for mention in models
        if count.start <= mention.start < window_end
        and CLASS_OF_WEAPON.get(mention.model.weapon) in compatible
    ]
    if not near:
        everywhere = {
            mention.model.model: mention
            for mention in models
            if CLASS_OF_WEAPON.get(mention.model.weapon) in compatible
        }
        if len(everywhere) == 1:
            near = list(everywhere.values())
    if near:
        count.model = near[0].model.model
        count.weapon = near[0].model.weapon
        return
    phrase = [t.lower for t in sentence if count.start <= t.start < max(window_end, count.end)]
    if klass == "drone":
        count.weapon = Weapon.drone
        if any(word.startswith("разведывательн") for word in phrase):
            count.weapon = Weapon.recon_drone
        return
    if klass == "bomb":
        count.weapon = Weapon.glide_bomb
        return
    if klass == "balloon":
        count.weapon = Weapon.unknown  # the contract has no kind for balloons
        count.model = "small balloon"
        return
    if klass == "rocket":
        count.weapon = Weapon.artillery  # rocket artillery whose system is not named
        return
    count.weapon = Weapon.missile
    for prefixes, weapon in _GENERIC_WEAPON:
        if weapon is not None and any(word.startswith(prefixes) for word in phrase):
            count.weapon = weapon
            return


# --------------------------------------------------------------------------- footer
_FOOTER = re.compile(
    r"🔹|🔸|Подписаться на канал|Мы в МАХ|MAX\s+–|#Оперативно|\[\s*Минобороны России\s*\]\(",
)


def body_end(text: str) -> int:
    """Where the post's own words end (before the channel's footer links)."""
    match = _FOOTER.search(text)
    return match.start() if match else len(text)


def is_truncated(text: str) -> bool:
    """A snippet at the length limit with no footer was cut inside the bulletin."""
    return len(text) >= SNIPPET_LIMIT and _FOOTER.search(text) is None


# --------------------------------------------------------------------------- main
def parse_bulletin(text: str, published_at: dt.datetime) -> Bulletin:
    """Read one post; `published_at` (aware) anchors times given without a date."""
    masked = mask(text)
    end_of_body = body_end(text)
    tokens = [token for token in tokenize(masked) if token.end <= end_of_body]
    ok, reason = detect(masked[:end_of_body], tokens)
    if not ok:
        return Bulletin(False, reason)
    truncated = is_truncated(text)
    models = find_models(masked[:end_of_body])
    window_start, window_end = parse_window(masked, published_at)
    bulletin = Bulletin(
        True,
        reason,
        window_start=window_start,
        window_end=window_end,
        truncated=truncated,
    )
    words = [token for token in tokens if token.kind in {"word", "number"}]
    if words:
        bulletin.evidence_start = words[0].start
        bulletin.evidence_end = max(token.end for token in words)
    _tally(bulletin, tokens, models, len(masked))
    return bulletin


def _tally(
    bulletin: Bulletin, tokens: list[Token], models: list[ModelMention], text_length: int
) -> None:
    headers: list[Count] = []
    parts: list[tuple[Count, RegionGroup]] = []
    orphan_groups: list[RegionGroup] = []
    role = "intercepted"
    fallback_class = next((head_class(t) for t in tokens if head_class(t)), "drone") or "drone"
    last_weapon: tuple[Weapon, str | None] | None = None
    all_counts: list[Count] = []
    for sentence in sentences(tokens):
        items, counts = _read_sentence(sentence, text_length)
        if not items:
            continue
        role = _sentence_role(sentence) or role
        sentence_end = sentence[-1].end
        for number, count in enumerate(counts):
            window_end = counts[number + 1].start if number + 1 < len(counts) else sentence_end
            if count.head is None and last_weapon is not None:
                count.weapon, count.model = last_weapon
            else:
                _resolve_weapon(count, sentence, models, window_end, fallback_class)
            last_weapon = (count.weapon, count.model)  # type: ignore[assignment]
            count.role = (
                "launched" if count.launched else _own_role(sentence, count, window_end, role)
            )
            all_counts.append(count)
        for part in _pair(items):
            if part.group is None:
                headers.extend(part.counts)
            elif not part.counts and any(m.count is not None for m in part.group.mentions):
                # "над Белгородской (2 БпЛА) и Воронежской (1 БпЛА) областями"
                count = Count(None, part.group.start, part.group.end, None, None)
                if last_weapon is not None:
                    count.weapon, count.model = last_weapon
                else:
                    _resolve_weapon(count, sentence, models, sentence_end, fallback_class)
                count.value = sum(m.count or 0 for m in part.group.mentions)
                if any(m.count is None for m in part.group.mentions):
                    count.value = None
                count.role = role
                parts.append((count, part.group))
            elif not part.counts:
                orphan_groups.append(part.group)
            else:
                parts.extend((count, part.group) for count in part.counts)
    tallies: dict[Weapon, WeaponTally] = {}

    def tally_for(count: Count) -> WeaponTally:
        weapon = count.weapon or Weapon.unknown
        tally = tallies.setdefault(weapon, WeaponTally(weapon))
        if count.model and count.model not in tally.models:
            tally.models.append(count.model)
        return tally

    launched: dict[Weapon, int] = {}
    for count in all_counts:
        weapon = count.weapon or Weapon.unknown
        if count.role == "launched" and count.value is not None:
            launched.setdefault(weapon, count.value)
    for count in all_counts:
        if count.all_of:
            # "все", "оба", or a plural with no number: every one of those launched
            count.value = launched.get(count.weapon or Weapon.unknown)
    header_sum: dict[tuple[Weapon, str], int | None] = {}
    for count in headers:
        tally = tally_for(count)
        if count.role == "launched":
            continue
        key = (tally.weapon, count.role)
        value = count.value
        if key in header_sum and not count.additive:
            continue  # a later restatement of the same total
        previous = header_sum.get(key, 0)
        header_sum[key] = None if previous is None or value is None else previous + value
    part_sum: dict[tuple[Weapon, str], int | None] = {}
    groups_by_weapon: dict[Weapon, list[tuple[RegionGroup, list[Count]]]] = {}
    for count, group in parts:
        tally = tally_for(count)
        if count.role == "launched":
            continue
        if count.value is None and all(m.count is not None for m in group.mentions):
            # "аппараты уничтожены над Белгородской (4 БпЛА) и Курской (1 БпЛА)"
            count.value = sum(m.count or 0 for m in group.mentions) if group.mentions else None
        key = (tally.weapon, count.role)
        value = count.value
        if count.distributive and value is not None:
            value = value * max(len(group.mentions), 1)
        previous = part_sum.get(key, 0)
        part_sum[key] = None if previous is None or value is None else previous + value
        entries = groups_by_weapon.setdefault(tally.weapon, [])
        for existing_group, existing_counts in entries:
            if existing_group is group:
                existing_counts.append(count)
                break
        else:
            entries.append((group, [count]))
    for weapon, tally in tallies.items():
        tally.launched = launched.get(weapon)
        for role_name in ("intercepted", "lost"):
            key = (weapon, role_name)
            value = header_sum[key] if key in header_sum else part_sum.get(key)
            setattr(tally, role_name, value)
        tally.regions = _regions_of(groups_by_weapon.get(weapon, []))
    if orphan_groups and len(tallies) == 1:
        # "над территориями A и B" with no count of its own belongs to the only weapon
        only = next(iter(tallies.values()))
        for group in orphan_groups:
            for mention in group.mentions:
                _add_region(only.regions, mention.region, mention.count)
    if not tallies:
        # a bulletin whose numbers were cut off: one claim with nothing counted
        klass = fallback_class
        weapon = {"drone": Weapon.drone, "bomb": Weapon.glide_bomb}.get(klass, Weapon.unknown)
        tally = WeaponTally(weapon)
        for group in orphan_groups:
            for mention in group.mentions:
                _add_region(tally.regions, mention.region, mention.count)
        tallies[weapon] = tally
    bulletin.tallies = list(tallies.values())


def _regions_of(entries: list[tuple[RegionGroup, list[Count]]]) -> list[RegionCount]:
    regions: list[RegionCount] = []
    for group, counts in entries:
        mentions = group.mentions
        for mention in mentions:
            if mention.count is not None:
                value: int | None = mention.count
            elif len(counts) == 1 and (len(mentions) == 1 or counts[0].distributive):
                value = counts[0].value
            elif len(mentions) == 1:
                known = [count.value for count in counts]
                value = None if None in known else sum(v for v in known if v is not None)
            else:
                value = None
            _add_region(regions, mention.region, value)
    return regions


def _add_region(regions: list[RegionCount], region: Region, value: int | None) -> None:
    for existing in regions:
        if existing.region.iso_code == region.iso_code:
            existing.count = (
                None if existing.count is None or value is None else existing.count + value
            )
            return
    regions.append(RegionCount(region, value))
