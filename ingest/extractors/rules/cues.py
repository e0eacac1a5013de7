"""Cues shared by the claim finders: sides, weapons, casualties, clauses, exclusions.

All functions take a sentence (or clause) string and return sentence-relative spans.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ingest.extractors.rules.fastre import any_of, fast, stem_gate
from ingest.extractors.rules.gazetteer import PlaceMention
from ingest.extractors.rules.lexicon import (
    DEMONYMS,
    OPPONENT,
    OUTCOME_RANK,
    OUTCOME_RE,
    TARGET_RE,
    WEAPON_RE,
    outcome_of,
    target_of,
    weapon_of,
)
from ingest.extractors.rules.memo import list_cache
from ingest.extractors.rules.numbers import find_numbers

CLAUSE_SPLIT_RE = re.compile(
    r";\s+|,\s+(?:while|whereas|and while|but while)\s+|\s+--\s+(?=[A-Z])|\.\s+(?=[A-Z])"
)


@list_cache()  # the split pattern tries every character: read a sentence once
def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the independent parts of a sentence ("A, while B" is two)."""
    spans = []
    start = 0
    for match in CLAUSE_SPLIT_RE.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


# --------------------------------------------------------------------------- weapons
@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    value: str
    text: str


_WEAPON_STEMS = (
    "dron",
    "uav",
    "missil",
    "shahed",
    "geran",
    "rocket",
    "bomb",
    "artiller",
    "shell",
    "mortar",
    "kalibr",
    "iskander",
    "kinzhal",
    "himars",
    "atacms",
    "neptun",
    "storm",
    "scalp",
    "jdam",
    "kab",
    "unmanned",
    "quadcopter",
    "loitering",
    "kn-23",
    "kh-",
    "x-",
    "mlrs",
    "taurus",
    "aircraft",
    "precision",  # "long-range precision weapons"
)


_HAS_WEAPON_STEM = any_of(_WEAPON_STEMS)
_DEFENCE_BEFORE_RE = re.compile(r"(?:air[- ]defen[cs]e|anti-?|interceptor)\s*$")


@list_cache()
def weapons(text: str) -> list[Cue]:
    lower = text.lower()
    if not _HAS_WEAPON_STEM(lower):
        return []
    found = []
    for match in WEAPON_RE.finditer(text):
        value = weapon_of(match)
        # "air defence missiles" and "anti-drone" are not the attack's weapon
        before = text[max(0, match.start() - 14) : match.start()].lower()
        if _DEFENCE_BEFORE_RE.search(before):
            continue
        # "drone workshops", "a missile plant": the target, not the weapon
        if _MADE_HERE_AFTER_RE.match(text, match.end()):
            continue
        found.append(Cue(match.start(), match.end(), value, match.group(0)))
    return found


_MADE_HERE_AFTER_RE = re.compile(
    r"\s+(?:workshops?|factor(?:y|ies)|plants?|production|assembly|storage|depots?|"
    r"warehouses?|launch (?:sites?|pads?)|manufactur\w*|makers?|industry)\b",
    re.IGNORECASE,
)


@list_cache()
def targets(text: str, exclude: list[tuple[int, int]] = ()) -> list[Cue]:
    found = []
    for match in TARGET_RE.finditer(text):
        if overlaps(match.span(), list(exclude)):
            continue
        found.append(Cue(match.start(), match.end(), target_of(match), match.group(0)))
    return found


_NEGATION_RE = fast(
    re.compile(r"\b(?:no|not|nor|without|nothing|never|neither|none)\b[\w\s,'-]{0,40}$", re.I)
)


@list_cache()
def outcomes(text: str, weapon_spans: list[tuple[int, int]]) -> list[Cue]:
    """Outcome words that are about the target (not "58 drones were destroyed")."""
    found = []
    for match in OUTCOME_RE.finditer(text):
        value = outcome_of(match)
        if value in {"destroyed", "damaged"} and near_weapon(
            text, match.start(), match.end(), weapon_spans
        ):
            continue
        if value != "no_damage" and _NEGATION_RE.search(
            text[max(0, match.start() - 45) : match.start()]
        ):
            continue
        found.append(Cue(match.start(), match.end(), value, match.group(0)))
    return found


def best_outcome(found: list[Cue]) -> str:
    if not found:
        return "unknown"
    return max((cue.value for cue in found), key=lambda v: OUTCOME_RANK[v])


_LINK_WORD_RE = re.compile(
    r"[,;]|\b(?:and|but|by|with|in|during|from|at|on|after|over|as|amid|following|"
    r"when|while|that|which)\b"
)
_PASSIVE_BETWEEN_RE = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:were|was|have been|had been|being|been|are|"
    r"is|got)\s+(?:\w+\s+)?$"
)
_SPACE_ONLY_RE = re.compile(r"\s*")
_END_OR_PLACE_AFTER_RE = re.compile(
    r"\s*(?:$|[,.;:]|over\b|by\b|in\b|during\b|overnight\b|on\b|above\b)"
)
_DOWNING_VERB_RE = re.compile(r"(?i)destroy|down|intercept|shot")


def near_weapon(text: str, start: int, end: int, weapon_spans: list[tuple[int, int]]) -> bool:
    """A verb whose object or patient is a weapon: "destroyed 58 drones", "drones were
    shot down", "58 drones destroyed over Belgorod" (but not "drones struck a depot")."""
    for w_start, w_end in weapon_spans:
        if 0 <= w_start - end <= 40 and not _LINK_WORD_RE.search(text[end:w_start]):
            return True
        if 0 <= start - w_end <= 28:
            between = text[w_end:start]
            if _PASSIVE_BETWEEN_RE.search(between):
                return True
            after = text[end : end + 20]
            if (
                _SPACE_ONLY_RE.fullmatch(between)
                and _END_OR_PLACE_AFTER_RE.match(after)
                and _DOWNING_VERB_RE.match(text[start:end])
            ):
                return True
    return False


# --------------------------------------------------------------------------- sides
_SIDE_WORD = r"(?P<side>Ukrainian|Ukraine's|Ukraine|Kyiv's|Kyiv|Russian|Russia's|Russia|Moscow's)"
ATTACKER_RES = [
    # "Ukrainian drones", "Russian missile strike", "Ukraine's drone attack"
    re.compile(
        # "UAVs" as written in capitals too
        _SIDE_WORD + r"\s+(?:[\w-]+\s+){0,2}?(?:drones?|(?i:uavs?)|missiles?|attacks?|strikes?|"
        r"raids?|forces|military|army|troops|shelling|bombers?|aircraft|navy|fleet|"
        r"artillery|rockets?|glide bombs?|bombs?|units|armed forces|offensive|assault)\b"
        # "Ukraine's military-industrial complex": a compound names the target's side
        r"(?!-)"
        # "Ukrainian military airfields", "Russian drone factories": the target's side
        r"(?!\s+(?:military\s+)?(?:airfields?|air\s*bases?|airbases?|bases?|facilit(?:y|ies)|"
        r"positions?|installations?|infrastructure|sites?|depots?|plants?|factor(?:y|ies)|"
        r"workshops?|enterprises?|warehouses?|targets?|production|industry|industrial|"
        r"command posts?|headquarters|barracks|storage|assembly)\b)"
    ),
    # "Ukraine launched", "Russia attacked", "Kyiv struck"
    re.compile(
        _SIDE_WORD + r"\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?(?:launched|attacked|struck|"
        r"hit|targeted|fired|sent|bombed|shelled|carried out|conducted|used|unleashed|"
        r"pounded|again)\b"
    ),
    # "by Ukraine", "by Russian forces" (wrapped: tried only where "by" is written)
    fast(re.compile(r"\bby\s+(?:the\s+)?" + _SIDE_WORD + r"\b")),
]


def _names_a_side(text: str) -> bool:
    # every side word (`_SIDE_WORD`, case-sensitive) holds one of these
    return "Russia" in text or "Ukrain" in text or "Kyiv" in text or "Moscow" in text


def attacker_cues(text: str, exclude: list[tuple[int, int]] = ()) -> list[Cue]:
    """Side words that name an attacker, less those inside the `exclude` spans."""
    if not _names_a_side(text):
        return []
    found = _attacker_cues(text)
    if not exclude:
        return found
    exclude = list(exclude)
    return [cue for cue in found if not overlaps((cue.start, cue.end), exclude)]


@list_cache()
def _attacker_cues(text: str) -> list[Cue]:
    # read once per sentence: the finders ask with and without excluded spans
    found = []
    for regex in ATTACKER_RES:
        for match in regex.finditer(text):
            span = match.span("side")
            word = match.group("side").lower().replace("’", "'")
            side = DEMONYMS.get(word) or ("UA" if word.startswith("kyiv") else "RU")
            found.append(Cue(span[0], span[1], side, match.group(0)))
    found.sort(key=lambda cue: cue.start)
    return found


# "The enemy attacked", "enemy UAVs": how Ukrainian officials (and Russian ones in
# translation) name the other side; "the occupiers" is always Russia
_ENEMY_RE = re.compile(
    r"\b(?:the (?:enemy|adversary)|enemy (?:drones?|uavs?|missiles?|attacks?|aircraft|aviation|"
    r"forces|troops|army|strikes?|shelling|shaheds?))\b",
    re.IGNORECASE,
)
_OCCUPIERS_RE = re.compile(
    r"\b(?:the |russian )?occupiers\b|\boccupation (?:forces|troops)\b", re.IGNORECASE
)


# Whose weapon a model is (public fact): a sentence that names no side but names the
# weapon ("debris from downed ATACMS damaged a house") names its user
_MODEL_SIDE_RE = re.compile(
    r"\b(?P<UA>ATACMS|Storm Shadows?|SCALP|Neptunes?|HIMARS|Taurus|Flamingos?|Liutyi|Lyutyi|"
    r"Bobers?|Palianytsias?)\b|"
    r"\b(?P<RU>Shaheds?|Gerans?|Iskanders?(?:-[MK])?|Kinzhals?|Kalibrs?|Kh-\d+\w*|Oniks|"
    r"Zircons?|Lancets?|KABs?|Gerberas?)\b"
)


def model_side_cue(text: str) -> Cue | None:
    """The side whose weapon the sentence names, when it names one side's only."""
    found = list(_MODEL_SIDE_RE.finditer(text))
    sides = {match.lastgroup for match in found}
    if len(sides) != 1:
        return None
    first = found[0]
    return Cue(first.start(), first.end(), first.lastgroup, first.group(0))


# "The ministry said its forces struck ...": the speaker's own side attacks. Only with a
# strike verb: "its forces shot down 20 drones" makes the speaker the defender instead.
_OWN_FORCES_RE = re.compile(
    r"\b(?:its|our)\s+(?:own\s+)?(?:armed forces|forces|troops|army|military|units|aviation|"
    r"air force|navy|drones?|missiles?)\s+(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?"
    r"(?:struck|hit|attacked|targeted|launched|carried out|conducted|delivered|destroyed)\b",
    re.IGNORECASE,
)


def own_forces_cue(text: str, voice_of) -> Cue | None:
    """The attacker a sentence names as the speaker's own forces ("its forces struck"):
    the side of the voice telling it (`voice_of()`, asked only when needed)."""
    lower = text.lower()
    if "its " not in lower and "our " not in lower:
        return None
    found = _OWN_FORCES_RE.search(text)
    if found is None:
        return None
    voice = voice_of()
    if voice not in OPPONENT:
        return None
    return Cue(found.start(), found.end(), voice, found.group(0))


def enemy_cue(text: str, voice_of) -> Cue | None:
    """The attacker a sentence names as "the enemy": the other side from the voice
    telling it (`voice_of()`, asked only when needed; Ukraine's when unknown, as the
    word is Ukrainian official usage)."""
    lower = text.lower()
    if "occup" in lower:
        found = _OCCUPIERS_RE.search(text)
        if found:
            return Cue(found.start(), found.end(), "RU", found.group(0))
    if "enemy" not in lower and "adversary" not in lower:
        return None
    found = _ENEMY_RE.search(text)
    if found is None:
        return None
    voice = voice_of() or "UA"
    return Cue(found.start(), found.end(), OPPONENT.get(voice, "RU"), found.group(0))


DEFENDER_RE = fast(
    re.compile(
        _SIDE_WORD + r"\s+(?:[\w-]+\s+){0,2}?(?:air[- ]defen[cs]es?|air force|air defen[cs]e "
        r"(?:forces|units|systems)|mobile fire groups|electronic warfare|"
        # "Ukrainian forces intercepted 10 of 14 Kinzhals": the side that shoots down
        r"(?:forces|troops|military|army|units|defenders)\s+(?:have\s+|had\s+)?"
        r"(?:intercepted|shot down|downed|destroyed|repelled|neutrali[sz]ed))\b"
    )
)
DEFENDER_OVER_RE = fast(re.compile(r"\bover\s+(?:the\s+)?" + _SIDE_WORD + r"(?:n territory)?\b"))


def defender_cues(text: str) -> list[Cue]:
    found: list[Cue] = []
    if not _names_a_side(text):
        return found  # both patterns need a side word
    for regex in (DEFENDER_RE, DEFENDER_OVER_RE):
        for match in regex.finditer(text):
            word = match.group("side").lower().replace("’", "'")
            side = DEMONYMS.get(word) or ("UA" if word.startswith("kyiv") else "RU")
            found.append(Cue(match.start(), match.end(), side, match.group(0)))
    return found


# --------------------------------------------------------------------------- casualties
_PEOPLE = (
    r"(?:people|persons?|civilians?|residents?|men|women|man|woman|children|child|"
    r"boys?|girls?|teenagers?|soldiers|servicemen|workers?|employees?|firefighters?|"
    r"rescuers?|pensioners?|(?:elderly )?(?:man|woman)|individuals|others|more|"
    r"medics?|paramedics?|doctors?|nurses?|police(?:men| officers?)?|journalists?|"
    r"drivers?|passengers?|students?|volunteers?|guards?|miners?|farmers?|infants?|"
    r"babies|baby|toddlers?|patients?|staff|crew members?|family members?)"
)
_KILL = r"(?:killed|dead|died|perished|lost their lives|were killed|was killed)"
_HURT = r"(?:injured|wounded|hurt|hospitali[sz]ed|suffered injuries|sustained injuries)"
ZERO_BOTH_RE = fast(
    re.compile(
        r"\b(?:no (?:reports? of )?(?:casualties|victims)|without (?:any )?casualties|"
        r"(?:no ?one|nobody|no people) (?:was|were|has been|had been) (?:hurt|harmed|injured or "
        r"killed|killed or injured)|there were no casualties|no casualties|casualties were not "
        r"reported|no one was hurt|nobody was hurt|did not cause casualties)\b",
        re.I,
    )
)
ZERO_KILLED_RE = fast(
    re.compile(
        r"\b(?:no (?:deaths|fatalities|one was killed|dead)|(?:no ?one|nobody) "
        r"(?:was|were|has been) killed|no deaths (?:have been|were|had been) reported|"
        r"no one died|nobody died)\b",
        re.I,
    )
)
ZERO_INJURED_RE = fast(
    re.compile(
        r"\b(?:no (?:injuries|injured|wounded)|(?:no ?one|nobody) (?:was|were|has been) "
        r"(?:injured|wounded))\b",
        re.I,
    )
)
COUNT_BEFORE_RE = {
    "killed": re.compile(
        rf"^\s*(?:{_PEOPLE}\s+)?(?:\w+\s+)?(?:were\s+|was\s+|have been\s+|"
        rf"had been\s+|are\s+|reportedly\s+)?{_KILL}",
        re.I,
    ),
    "injured": re.compile(
        rf"^\s*(?:{_PEOPLE}\s+)?(?:\w+\s+)?(?:were\s+|was\s+|have been\s+|"
        rf"had been\s+|are\s+|reportedly\s+)?{_HURT}",
        re.I,
    ),
}
COUNT_AFTER_RE = {
    "killed": re.compile(
        # not "left"/"leaving": "leaving 5,000 people without power" counts no dead
        # ("leaving three people dead" is read from the count's side, COUNT_BEFORE_RE)
        r"(?:killing|killed|death toll (?:rose |climbed )?(?:to|of|at))\s*$",
        re.I,
    ),
    "injured": re.compile(r"(?:injuring|wounding|injured|wounded|hurting)\s*$", re.I),
}
_ONE_VICTIM = (
    # "injuring its operator", "killing the driver": one person by their job
    r"(?:an?|one|its|the|his|her)\s+(?:[\w-]+\s+)?(?:man|woman|child|boy|girl|person|resident|"
    r"civilian|worker|employee|firefighter|teenager|pensioner|medic|driver|passenger|rescuer|"
    r"guard|operator|director|owner|cashier)"
)
_A_PERSON_RE = fast(
    re.compile(
        rf"\b{_ONE_VICTIM}\s+(?:was\s+)?(?P<verb>{_KILL}|{_HURT})|"
        # "killing a 70-year-old woman", "injuring a child"
        rf"\b(?P<verb2>killing|wounding|injuring)\s+{_ONE_VICTIM}\b",
        re.I,
    )
)


# every match of _A_PERSON_RE names one of these (its verb is a casualty stem too)
VICTIM_STEMS = (
    "man",  # and "woman"
    "child",
    "boy",
    "girl",
    "person",
    "resident",
    "civilian",
    "worker",
    "employee",
    "firefighter",
    "teenager",
    "pensioner",
    "medic",
    "driver",
    "passenger",
    "rescuer",
    "guard",
    "operator",
    "director",
    "owner",
    "cashier",
)
_MAY_NAME_A_PERSON = stem_gate(VICTIM_STEMS)
# "killing one medic", "wounding three young children": a word may qualify the people
_PEOPLE_AFTER_RE = re.compile(
    rf"^\s*(?:(?:[a-z-]+\s+)?{_PEOPLE}\b|$|[,.;]|and\s+(?:injuring|wounding|hurting)\b|"
    # "wounded three on Saturday", "killing two in Kharkiv": the people left unsaid
    r"(?:on|in|at|during|overnight|early|late|when|after|as|while)\b)",
    re.I,
)
_KILL_RE = re.compile(_KILL)


# Every match of the casualty patterns above (and of the count patterns, read in
# slices of the text) holds one of these: a text without any of them is silent.
_CASUALTY_STEMS = (
    "casualt",
    "victim",
    "hurt",
    "harm",
    "injur",
    "kill",
    "dead",
    "death",
    "fatalit",
    "died",
    "perish",
    "lost their lives",
    "wound",
    "hospitali",
    "left",
    "leaving",
)
_MAY_TELL_CASUALTIES = stem_gate(_CASUALTY_STEMS)


_NO_BEFORE_RE = re.compile(r"\b(?:no|not)\s+$", re.IGNORECASE)


@functools.lru_cache(maxsize=8192)  # pure, and the result is an immutable tuple
def casualties(text: str) -> tuple[int | None, int | None]:
    """(killed, injured) stated in the text; 0 for "nobody was hurt", None when silent."""
    killed = injured = None
    if not _MAY_TELL_CASUALTIES(text):
        return killed, injured
    if ZERO_BOTH_RE.search(text):
        killed = injured = 0
    if ZERO_KILLED_RE.search(text):
        killed = 0
    if ZERO_INJURED_RE.search(text):
        injured = 0
    for number in find_numbers(text):
        after = text[number.end : number.end + 60]
        before = text[max(0, number.start - 40) : number.start]
        if _NO_BEFORE_RE.search(before):
            continue  # "no one was hurt" counts nobody
        for kind in ("killed", "injured"):
            if COUNT_BEFORE_RE[kind].match(after) or (
                COUNT_AFTER_RE[kind].search(before) and _PEOPLE_AFTER_RE.match(after)
            ):
                if kind == "killed" and killed in (None, 0):
                    killed = number.value
                elif kind == "injured" and injured in (None, 0):
                    injured = number.value
                break
    for match in _A_PERSON_RE.finditer(text) if _MAY_NAME_A_PERSON(text) else ():
        if _NO_BEFORE_RE.search(text[max(0, match.start() - 10) : match.start()]):
            continue  # "not one person was injured"
        verb = (match.group("verb") or match.group("verb2")).lower()
        if _KILL_RE.match(verb) or verb == "killing":
            killed = killed or 1
        else:
            injured = injured or 1
    return killed, injured


# --------------------------------------------------------------------------- exclusions
_NOT_STRIKE_PLACE_BEFORE_RE = fast(
    re.compile(
        r"(?:\bover|\bfrom|\btowards?|\bin the direction of|\bheading (?:for|to)|\bflying (?:over|"
        r"towards?)|\bairspace of|\bborder with|\bapproaching|\bin the skies over|\blaunched from|"
        r"\bfired from|\bdowned over|\bdestroyed over|\bintercepted over|\bshot down over|"
        # where the grid operator cut power is not where something was hit
        r"\b(?:cuts|outages|blackouts|shutdowns|power restrictions)\s+in)"
        r"(?:\s+(?:the|various|several|other|\w+(?:,|\s+and)?)){0,6}\s*$",
        re.I,
    )
)
_TITLE_AFTER_RE = re.compile(
    r"^(?:'s|’s)?\s*(?:region(?:al)?\s+|oblast\s+|city\s+|regional\s+)?(?:governor|mayor|"
    r"head|authorities|officials|administration|(?:military\s+)?administration|council|"
    r"emergency|police|prosecutor|regime|government)",
    re.I,
)
AIRPORT_RE = fast(
    re.compile(
        r"\bairports?\b.{0,160}\b(?:restrict|limit|suspend|clos|halt|delay|shut)|"
        r"\b(?:restrict|limit|suspend|clos|halt|delay|shut)\w*\b.{0,80}\bairports?\b|"
        r"\bflights?\b.{0,120}\b(?:restrict|limit|suspend|halt|delay|divert)",
        re.I,
    )
)


# every match of AIRPORT_RE holds one of these (case-insensitive)
may_name_flights = stem_gate(("airport", "flight"))


_ORGANISATION_AFTER_RE = re.compile(
    r"^\s+(?!(?:Oblast|Region|Krai|Republic|Governor|Mayor|City)\b)[A-Z][a-z]+"
    r"(?:\s+[A-Z][a-z]+)?\b"
)


def excluded_place(text: str, mention: PlaceMention) -> bool:
    """Places that are not where something was hit: where drones were downed or came
    from, places that only name an official ("Moscow Mayor ..."), and places inside an
    organisation's name ("the Kyiv Daily Monitor", "the Moscow Times")."""
    return _excluded_place(text, mention.start, mention.end, mention.place.kind)


@functools.lru_cache(maxsize=8192)  # the strike finder and the reader ask the same
def _excluded_place(text: str, start: int, end: int, kind: str) -> bool:
    before = text[max(0, start - 80) : start]
    if _NOT_STRIKE_PLACE_BEFORE_RE.search(before):
        return True
    after = text[end : end + 40]
    if kind in {"city", "country"} and _ORGANISATION_AFTER_RE.match(after):
        return True
    return bool(_TITLE_AFTER_RE.match(after))


def count_before(text: str, start: int) -> int | None:
    """A number written right before a noun phrase: "two industrial facilities"."""
    head = text[max(0, start - 30) : start]
    for number in reversed(find_numbers(head)):
        gap = head[number.end :]
        if re.fullmatch(
            r"\s+(?:(?:more|other|further|large|major|big|small|key|\w+ian|\w+ern)\s+)?", gap
        ):
            return number.value
        break
    return None


def outcome_rank(value: str) -> int:
    return OUTCOME_RANK.get(value, 0)
