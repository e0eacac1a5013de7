"""People, organisations and who said what.

- `find_persons` reads named people with their titles: "German Defense Minister Boris
  Pistorius", "Roman Busargin (right), the governor of Russia's Saratov region,",
  "Andriy Kovalenko, head of Ukraine's Center for Countering Disinformation".
- `find_attributions` finds the speaker of a clause: "X said", "said X",
  "according to X", "X wrote on Telegram", "he said".
- `resolve_speaker` turns a speaker phrase into a claimant (name, role, side), using
  the people already met in the article and a short table of institutions whose
  names news abbreviates ("Ukraine's air force" is the Ukrainian Air Force).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ingest.extractors.rules.fastre import fast
from ingest.extractors.rules.gazetteer import Gazetteer
from ingest.extractors.rules.lexicon import DEMONYM_RE, DEMONYMS, NOT_NAME_WORDS, ROLE_RE
from ingest.extractors.rules.memo import list_cache
from ingest.extractors.rules.officials import SURNAME_RE, official

_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?|[A-Z]\.)"
_PARTICLE = r"(?:von der|van der|von|van|de|der|al|bin|ibn|da|di|le|la)"
NAME_RE = re.compile(rf"\b{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,6}}\b")
SPEECH_VERBS = (
    r"said|says|say|reported|reports|wrote|writes|posted|announced|announces|stated|states|"
    r"claimed|claims|added|adds|confirmed|confirms|told|noted|notes|warned|explained|"
    r"explains|insisted|acknowledged|alleged|declared|estimated|revealed|tweeted|"
    r"informed|clarified|specified|asserted|listed"
)
SPEECH_RE = fast(re.compile(rf"\b(?:{SPEECH_VERBS})\b"))
ACCORDING_RE = fast(re.compile(r"\b(?:according to|citing|cited by|as reported by|per)\s+", re.I))
PRONOUN_RE = re.compile(r"^(?:he|she|they|it|officials|the official)$", re.IGNORECASE)

# Institutions: (pattern, name, role, side).
INSTITUTIONS: list[tuple[re.Pattern[str], str, str, str]] = [
    (
        re.compile(r"air command (south|east|west|north|centre|center)", re.I),
        "Ukrainian Air Force – Air Command {0}",
        "regional air command",
        "UA",
    ),
    (
        re.compile(
            r"(?:ukraine's|ukrainian) air force|air force of ukraine|"
            r"(?:ukraine's|ukrainian) air defen[cs]e forces|\bkpszsu\b",
            re.I,
        ),
        "Ukrainian Air Force",
        "air force",
        "UA",
    ),
    (
        re.compile(
            r"(?:russia's|russian) (?:ministry of defen[cs]e|defen[cs]e ministry)|"
            r"ministry of defen[cs]e of russia|russian mod\b|kremlin's defen[cs]e ministry",
            re.I,
        ),
        "Russian Ministry of Defence",
        "ministry of defence",
        "RU",
    ),
    (
        re.compile(r"(?:ukraine's|ukrainian) (?:ministry of defen[cs]e|defen[cs]e ministry)", re.I),
        "Ukrainian Ministry of Defence",
        "ministry of defence",
        "UA",
    ),
    (
        re.compile(r"general staff", re.I),
        "General Staff of the Armed Forces of Ukraine",
        "general staff",
        "UA",
    ),
    (
        re.compile(r"\bsbu\b|security service of ukraine|ukraine's security service", re.I),
        "Security Service of Ukraine (SBU)",
        "security service",
        "UA",
    ),
    (
        re.compile(
            r"\bhur\b|\bgur\b|(?:ukraine's|ukrainian) military intelligence|"
            r"main intelligence directorate",
            re.I,
        ),
        "Ukrainian Defence Intelligence (HUR)",
        "military intelligence",
        "UA",
    ),
    (
        re.compile(r"emergenc(?:y|ies) ministry|ministry (?:of|for) emergenc", re.I),
        "Emergencies Ministry",
        "emergency service",
        "",
    ),
    (
        re.compile(r"state emergency service|\bdsns\b", re.I),
        "State Emergency Service of Ukraine",
        "emergency service",
        "UA",
    ),
    (re.compile(r"\bkremlin\b", re.I), "Kremlin", "presidential administration", "RU"),
    (re.compile(r"\bair force\b", re.I), "Air Force", "air force", ""),
    (
        re.compile(r"(?:defen[cs]e ministry|ministry of defen[cs]e)", re.I),
        "Ministry of Defence",
        "ministry of defence",
        "",
    ),
    (
        re.compile(r"cent(?:er|re) for countering disinformation", re.I),
        "Centre for Countering Disinformation",
        "national security council",
        "UA",
    ),
    (re.compile(r"\bnaftogaz\b", re.I), "Naftogaz", "energy company", "UA"),
    (re.compile(r"\bukrenergo\b", re.I), "Ukrenergo", "grid operator", "UA"),
    (re.compile(r"\bdtek\b", re.I), "DTEK", "energy company", "UA"),
]
# "some institution is named here": one scan instead of one search per institution
# (every pattern above is case-insensitive, so the alternation of them is too)
_ANY_INSTITUTION_RE = fast(
    re.compile("|".join(f"(?:{pattern.pattern})" for pattern, *_ in INSTITUTIONS), re.IGNORECASE)
)
GROUP_RE = re.compile(
    r"^(?:the\s+)?(?P<adj>[\w.'’ -]+?\s+)?(?P<group>officials|authorities|military|army|"
    r"armed forces|forces|air defen[cs]es?|media|channels|emergency services|"
    r"government|governments|administration|ministry|residents|witnesses|sources|"
    r"governor|mayor|spokesman|spokeswoman|spokesperson|official|command|"
    # local bodies that report strikes: "the regional operational headquarters",
    # "the regional prosecutor's office", "the emergency service"
    r"(?:operational |emergency |crisis )?headquarters|prosecutor['’]s office|prosecutors|"
    r"emergency service|police)$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Person:
    name: str
    role: str | None
    country: str | None
    admin1: str | None = None
    start: int = 0  # where first met, in article offsets
    written: int = 0  # length of that mention when it is not the name ("Putin")

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    @property
    def length(self) -> int:
        """Characters the mention takes in the text."""
        return self.written or len(self.name)


@dataclass(frozen=True, slots=True)
class Claimant:
    name: str | None
    role: str | None
    side: str | None


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int  # span of the speaker phrase plus verb, sentence offsets
    end: int
    speaker: str


def _is_name(candidate: str, gazetteer: Gazetteer) -> bool:
    words = candidate.split()
    if len(words) < 2 or words[0].endswith("ing"):
        return False
    if any(w.lower().strip(".") in NOT_NAME_WORDS for w in words):
        return False
    if ROLE_RE.fullmatch(words[0].lower()) or gazetteer.lookup(candidate) is not None:
        return False  # "Kazan Orgsintez", "Saratov Oblast" are places
    last = gazetteer.lookup(words[-1])
    # a surname may be a small town's name ("Gusev"), not a city's or a region's
    return last is None or (last.kind == "city" and last.population < 100_000)


def _country_of(phrase: str, gazetteer: Gazetteer) -> tuple[str | None, str | None]:
    """(country, admin1) named in a title: "German", "of Russia's Saratov region"."""
    admin1 = None
    country = None
    for mention in gazetteer.find(phrase):
        if mention.place.precision in {"region", "city"} and mention.place.country:
            admin1 = admin1 or mention.place.admin1
            country = country or mention.place.country
        elif mention.place.precision == "country":
            country = country or mention.place.country
    if country is None:
        demonym = DEMONYM_RE.search(phrase)
        if demonym:
            country = DEMONYMS.get(demonym.group(1).lower())
    return country, admin1


_TITLE_BEFORE_RE = re.compile(
    r"(?:(?:the\s+)?(?:[A-Z][\w.'’-]*|(?:of|for|and|the|regional|local|deputy|acting|"
    r"former|chief|head|defen[cs]e|foreign|prime|interior|energy|vice|region|oblast|"
    r"governor|mayor|minister|president|spokesman|spokeswoman|commander|secretary|"
    r"general|military|administration|city|special|personal|envoy|ambassador|adviser|advisor|"
    r"policy|affairs|security|representative|commissioner|chancellor|director|staff|"
    r"national)\b)[ ]+){1,7}$"
)
_COMMA_BEFORE_RE = re.compile(r"\s*,\s*$")
_APPOSITIVE_RE = re.compile(
    r"^(?:\s*\((?:[^()]{1,40})\))?\s*,\s*(?P<app>(?:the\s+|a\s+|who\s+(?:heads|leads|is)\s+)?"
    # a second comma part continues the appositive ("governor of X, Russia") unless it
    # is the speech verb that ends it ("head of X, said, ...")
    # ... and the sentence may end with it ("according to X, head of Y.")
    rf"[^,;.]{{2,140}}?(?:,(?!\s*(?:{SPEECH_VERBS})\b)\s*[^,;.]{{2,60}}?)?)\s*(?:[,;]|\.?$)"
)


_OF_BEFORE_RE = re.compile(r"\b(?:of|for)\s+(?:the\s+)?$")
_CHIEF_RE = re.compile(r"\bchief\b")
_APPOSITIVE_LEAD_RE = re.compile(r"^(?:the|a|who heads|who leads|who is)\s+")

_POSSESSIVE = ("'s", "’s")


def _after_titles(words: list[str]) -> list[str]:
    """The name words after the title words the name pattern swallowed, wherever the
    title ends: "Governor Roman X", "Saratov Oblast Governor Roman X"."""
    for index in range(len(words) - 1, -1, -1):
        if words[index].lower() in NOT_NAME_WORDS or ROLE_RE.fullmatch(words[index]):
            return words[index + 1 :]
    return words


def find_persons(text: str, gazetteer: Gazetteer, base: int = 0) -> list[Person]:
    """Named people in `text` with the title written before or after the name."""
    # the reading is cached per sentence; each call gets new (mutable) Person objects
    return [
        Person(name, role, country, admin1, base + start, written)
        for name, role, country, admin1, start, written in _persons_in(text, gazetteer)
    ]


@functools.lru_cache(maxsize=8192)
def _persons_in(text: str, gazetteer: Gazetteer) -> tuple[tuple, ...]:
    """(name, role, country, admin1, start) of each person named in `text`."""
    persons: list[tuple] = []
    for match in NAME_RE.finditer(text):
        name = match.group(0)
        words = _after_titles(name.split())
        # a possessive ends what came before it ("Kyiv's Solomianskyi district") and is
        # not part of the name after it ("Zelensky's office")
        for index in range(len(words) - 2, -1, -1):
            if words[index].endswith(_POSSESSIVE):
                words = words[index + 1 :]
                break
        possessive = bool(words) and words[-1].endswith(_POSSESSIVE)
        if possessive:
            words[-1] = words[-1][:-2]
        if len(words) < 2:
            continue
        name = " ".join(words[-3:]) if len(words) > 3 else " ".join(words)
        name_start = match.end() - len(name) - (2 if possessive else 0)
        if not _is_name(name, gazetteer) or _OF_BEFORE_RE.search(
            text[max(0, name_start - 9) : name_start]
        ):
            continue
        role = None
        title_text = ""
        window = text[max(0, name_start - 90) : name_start]
        before = _TITLE_BEFORE_RE.search(window)
        if before is None and _COMMA_BEFORE_RE.search(window):
            # the title set off by a comma: "Germany's defence minister, Boris Pistorius,"
            before = _TITLE_BEFORE_RE.search(_COMMA_BEFORE_RE.sub(" ", window))
        if before:
            title_text = before.group(0).strip()
            if not ROLE_RE.search(title_text) and not _CHIEF_RE.search(title_text):
                title_text = ""
        after = _APPOSITIVE_RE.match(text[match.end() : match.end() + 220])
        appositive = ""
        if after and ROLE_RE.search(after.group("app")):
            appositive = after.group("app").strip()
        if title_text:
            role = _role_from_title(title_text)
        elif appositive:
            role = _APPOSITIVE_LEAD_RE.sub("", appositive)
        country, admin1 = _country_of(f"{title_text} {appositive}", gazetteer)
        if role is None and persons and (counterpart := _COUNTERPART_RE.search(window)):
            # "X and his Lithuanian counterpart Y": Y holds X's office in Lithuania
            role = persons[-1][1]
            country = DEMONYMS.get(counterpart.group("adj").lower()) or country
        persons.append((name, role, country, admin1, name_start, 0))
    # officials news names by surname alone: "Zelensky said", "Putin visited ..."
    named = [(start, start + len(name)) for name, *_, start, _ in persons]
    for match in SURNAME_RE.finditer(text):
        if any(start <= match.start() < end for start, end in named):
            continue
        full_name, role, country = official(match.group(1))
        persons.append((full_name, role, country, None, match.start(), len(match.group(1))))
    persons.sort(key=lambda person: person[4])
    return tuple(persons)


_COUNTERPART_RE = re.compile(
    r"\b(?:his|her|their)\s+(?P<adj>[A-Z][\w'’]+)\s+counterparts?\s*,?\s*$"
)


def _role_from_title(title: str) -> str:
    """ "German Defense Minister" -> "Defense Minister"; "regional Governor" -> "governor"."""
    words = title.split()
    while words and (
        words[0].lower() in {"the", "regional", "local"}
        or DEMONYMS.get(words[0].lower())
        or words[0].endswith(("'s", "’s"))
    ):
        words = words[1:]
    role = " ".join(words) or title
    return role.lower() if role.lower() in {"governor", "mayor"} else role


@list_cache()
def find_attributions(text: str) -> list[Attribution]:
    """Speaker phrases of a sentence or clause, with the span they cover."""
    found: list[Attribution] = []
    for match in ACCORDING_RE.finditer(text):
        rest = text[match.end() :]
        stop = _SPEAKER_STOP_RE.search(rest)
        speaker = rest[: stop.start()] if stop else rest
        if speaker.strip():
            found.append(Attribution(match.start(), match.end() + len(speaker), speaker.strip()))
    for match in SPEECH_RE.finditer(text):
        before = text[: match.start()]
        # "..., said Ukraine's air force." / "..., said regional governor X."
        if before.rstrip()[-1:] in (",", '"', "”") and not _ASIDE_RE.search(before.rstrip()):
            after = text[match.end() :]
            inverted = _INVERTED_SPEAKER_RE.match(after)
            if inverted and not _PRONOUN_AFTER_RE.match(after):
                speaker = inverted.group(1)
                if _speaker_like(speaker):
                    end = match.end() + inverted.end(1)
                    found.append(Attribution(match.start(), end, speaker))
                    continue
        speaker, start = _speaker_before(before)
        if speaker:
            found.append(Attribution(start, match.end(), speaker))
    found.sort(key=lambda a: a.start)
    # "X, citing Y, reported": the source cited inside X's attribution is not a speaker
    return [
        a
        for a in found
        if not any(o is not a and o.start < a.start and a.end <= o.end for o in found)
    ]


_SPEAKER_STOP_RE = re.compile(r"[,;.:]|\s(?:said|says|which|who|that)\b")
_INVERTED_SPEAKER_RE = re.compile(
    r"\s+((?:the\s+)?(?:[A-Z]|regional |local |a |an )[^,;.]{1,120}?)"
    r"\s*(?:[,.;]|$|\s+on\b|\s+in\b)"
)
_PRONOUN_AFTER_RE = re.compile(r"\s+(?:that|it|he|she|they)\b")
_NAME_AT_END_RE = re.compile(rf"({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})(?:\s*\([^()]*\))?$")
_BACK_WORD_RE = re.compile(r"([\w.'’-]+)\s*$")


def _back_word(text: str, position: int) -> re.Match[str] | None:
    """`_BACK_WORD_RE.search(text[:position])`, reading only the tail when it can.

    The pattern is anchored at the end, so a full search tries every position of a
    long sentence; a match that starts inside the tail window is the same match (the
    character before it cannot extend it). Only when the window holds no match or
    one that starts at its edge is the whole prefix searched."""
    # The leftmost match is the run of word characters that ends where the trailing
    # whitespace before `position` starts: found by walking back, then matched once
    # there (a search would try every position of the window).
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and _back_word_char(text[start - 1]):
        start -= 1
    if start == end:
        return None
    return _BACK_WORD_RE.match(text, start, position)


def _back_word_char(char: str) -> bool:
    r"""`char` matches `[\w.'’-]`."""
    return char.isalnum() or char in "_.'’-"


# a discourse aside between the speaker and the verb: "The Air Force, for its part, said"
_ASIDE_RE = re.compile(
    r",\s*(?:for (?:its|his|her|their) part|in turn|however|meanwhile|separately|too|also|"
    r"in (?:a|its|his|her|their) (?:statement|report|update)|in response|in a post|"
    r"citing [^,]{1,80})\s*,$",
    re.IGNORECASE,
)


_ADVERB_AT_END_RE = re.compile(
    r"(?<=\w)\s+(?:later|also|earlier|then|separately|previously|subsequently|since|"
    r"officially|publicly|initially|first)$"
)


_BRACKETED_AT_END_RE = re.compile(r"(?<=\w)\s*\([^()]{1,40}\)$")


def _speaker_before(before: str) -> tuple[str | None, int]:
    """The noun phrase right before a speech verb, with an optional appositive."""
    text = before.rstrip()
    aside = _ASIDE_RE.search(text)
    if aside:
        text = text[: aside.start()]
    # "the General Staff later confirmed": an adverb between the speaker and the verb
    text = _ADVERB_AT_END_RE.sub("", text)
    # "Ukraine's Security Service (SBU) told": an acronym in brackets after the speaker
    text = _BRACKETED_AT_END_RE.sub("", text)
    # "Andriy Kovalenko, head of ..., said"
    if text.endswith(","):
        head = text[:-1]
        comma = head.rfind(",")
        if comma > 0:
            name_part = head[:comma].rstrip()
            name = _NAME_AT_END_RE.search(name_part)
            appositive = head[comma + 1 :].lstrip()
            if name and (ROLE_RE.search(appositive) or appositive.startswith("who ")):
                start = name.start(1)
                return head[start:].strip(), start
            # "The head of the Sumy regional administration, Oleh Hryhorov, said"
            if re.fullmatch(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}", appositive) and (
                ROLE_RE.search(name_part)
            ):
                start = head.index(appositive, comma)
                return appositive, start
        return None, 0
    words: list[tuple[int, str]] = []
    position = len(text)
    while position > 0 and len(words) < 8:
        match = _back_word(text, position)
        if not match:
            break
        word = match.group(1)
        lower = word.lower()
        capital = word[:1].isupper()
        connective = lower in {
            "of",
            "the",
            "for",
            "and",
            "regional",
            "local",
            "deputy",
            "air",
            "force",
            "defense",
            "defence",
            "ministry",
            "officials",
            "authorities",
            "governor",
            "mayor",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "military",
            "administration",
            "head",
            "chief",
            "command",
            "forces",
            "armed",
            "emergency",
            "services",
            "service",
            "official",
            "government",
            "republic's",
            "region's",
            "city's",
            "he",
            "she",
            "they",
            "it",
            "staff",
            "general",
            "media",
            "channels",
            "telegram",
            "headquarters",
            "operational",
            "crisis",
            "prosecutor's",
            "prosecutor’s",
            "prosecutors",
            "office",
            "police",
        }
        if not (capital or connective or ROLE_RE.fullmatch(lower)):
            break
        if text[match.end(1) : position].strip(" ") not in {""}:
            break
        words.append((match.start(1), word))
        position = match.start(1)
        if lower in {"he", "she", "they", "it"}:
            break
    while words and words[-1][1].lower() in {"of", "and", "for"}:
        words.pop()
    if not words:
        return None, 0
    start = words[-1][0]
    speaker = text[start:].strip()
    if speaker.lower() in {"the", "also", "and", "this", "that"} or not _speaker_like(speaker):
        return None, 0
    return speaker, start


# "X, said a Ukrainian drone had struck a car": after the verb comes what was said
_CLAUSE_VERB_RE = re.compile(r"\s(?:had|has|have|was|were|is|are|will|would|could)\s")


@functools.lru_cache(maxsize=8192)  # pure; speakers recur ("he", "officials")
def _speaker_like(speaker: str) -> bool:
    lower = speaker.lower()
    if PRONOUN_RE.match(lower):
        return True
    if _CLAUSE_VERB_RE.search(speaker):
        return False
    if _ANY_INSTITUTION_RE.search(speaker):
        return True
    if GROUP_RE.match(speaker):
        return True
    return bool(re.search(r"[A-Z][a-z]", speaker))


@functools.lru_cache(maxsize=4096)
def surname_re(surname: str) -> re.Pattern[str]:
    """The surname as a whole word (compiled once per surname)."""
    return re.compile(rf"\b{re.escape(surname)}\b")


_WHO_RE = re.compile(r"^who\s+(?:(?P<head>heads|leads|runs|chairs)\s+|is\s+|was\s+)?", re.I)


def _appositive_role(text: str, name: str) -> str | None:
    """The role an appositive gives after a name: "X, head of Y" -> "head of Y",
    "X, who heads Y" -> "head of Y", "X, who is the governor" -> "the governor"."""
    at = text.find(name)
    rest = text[at + len(name) :].strip(" ,") if at >= 0 else ""
    if not rest:
        return None
    who = _WHO_RE.match(rest)
    if who:
        rest = ("head of " if who.group("head") else "") + rest[who.end() :]
    return rest.removeprefix("of ") or None


def _institution_side(text: str) -> str | None:
    """The side of an institution a phrase names ("... of Ukraine's General Staff")."""
    institution = institution_named(text)
    return institution.side if institution else None


# Offices that speak for the ground they hold: a governor, a city's administration, the
# regional prosecutor's office or operational headquarters
LOCAL_ROLE_RE = re.compile(
    r"governor|mayor|official|authorit|administration|government|head|prosecutor|police|"
    r"emergency service|headquarters"
)


def voice_side(claimant: Claimant | None, ctx) -> str | None:
    """The side of whoever tells a sentence: its speaker's, else the outlet's own
    (`ctx.voice_side`, for an institution's own post)."""
    if claimant is not None and claimant.side in ("UA", "RU"):
        return claimant.side
    return ctx.voice_side


@functools.lru_cache(maxsize=8192)  # pure; Claimant is immutable
def institution_named(text: str) -> Claimant | None:
    """The last institution a sentence names, said or not ("what the General Staff
    called ..."): what a later "it said" or "the ministry said" refers to."""
    mentions = list(_ANY_INSTITUTION_RE.finditer(text))
    if not mentions:
        return None
    last = mentions[-1]
    for pattern, name, role, side in INSTITUTIONS:
        found = pattern.search(last.group(0))
        if found:
            return Claimant(_institution_name(name, found), role, side or None)
    return None


def _institution_name(name: str, found: re.Match[str]) -> str:
    """The canonical name, filled in where it has a part the text gives ("Air
    Command East")."""
    if "{0}" in name:
        return name.format(found.group(1).title().replace("Center", "Centre"))
    return name


_STATE_SPEAKERS = {
    "russia": ("Russia", "RU"),
    "moscow": ("Russia", "RU"),
    "ukraine": ("Ukraine", "UA"),
    "kyiv": ("Ukraine", "UA"),
    "kiev": ("Ukraine", "UA"),
}
# "the ministry said" after the Defence Ministry was named: the role word it repeats
_BACK_REFERENCE_ROLES = {"ministry": "ministry", "command": "command", "staff": "general staff"}


def resolve_speaker(
    speaker: str,
    gazetteer: Gazetteer,
    persons: list[Person],
    last_person: Person | None,
    context_country: str | None,
    last_institution: Claimant | None = None,
) -> Claimant | None:
    """A claimant for a speaker phrase, or None when it names nobody.

    Pronouns and bare role nouns refer back: "he"/"she" to the last person named,
    "it" and "the ministry" to the last institution named (when its role fits)."""
    text = speaker.strip()
    lower = text.lower()
    if lower in {"he", "she"}:
        if last_person is None:
            return None
        return Claimant(last_person.name, last_person.role, last_person.country)
    if lower == "it":
        return last_institution
    if lower == "they":
        return None
    if lower in _STATE_SPEAKERS:
        # "Russia said", "Kyiv said": the state, as news uses the country or its capital
        name, side = _STATE_SPEAKERS[lower]
        return Claimant(name, "government", side)
    bare = lower.removeprefix("the ")
    if (
        last_institution
        and bare in _BACK_REFERENCE_ROLES
        and _BACK_REFERENCE_ROLES[bare] in (last_institution.role or "")
    ):
        return last_institution
    # "Andriy Kovalenko, who heads the Center for ...": the person, not the institution
    leading_name = NAME_RE.match(text)
    for pattern, name, role, side in INSTITUTIONS if _ANY_INSTITUTION_RE.search(text) else ():
        found = pattern.search(text)
        if found:
            if leading_name and leading_name.end() <= found.start():
                break
            country, _ = _country_of(text, gazetteer)
            return Claimant(
                _institution_name(name, found), role, side or country or context_country
            )
    # a person met before, named by full name or surname; an appositive here may say
    # what the first mention did not ("X, who heads Ukraine's ..., said")
    for person in reversed(persons):
        if person.name in text or (
            person.surname in text and surname_re(person.surname).search(text)
        ):
            role, country = person.role, person.country
            at = text.find(person.name)
            if (role is None or country is None) and at >= 0:
                title = text[:at].strip()
                described = _role_from_title(title) if ROLE_RE.search(title) else None
                described = described or _appositive_role(text, person.name)
                role = role or described
                if described and country is None:
                    country = _country_of(text, gazetteer)[0] or _institution_side(text)
            return Claimant(person.name, role, country)
    name = NAME_RE.search(text)
    if name:
        person_name = name.group(0)
        words = _after_titles(person_name.split())
        if len(words) >= 2:
            person_name = " ".join(words)
            title = text[: text.find(person_name)].strip()
            role = _role_from_title(title) if title else _appositive_role(text, person_name)
            country, _ = _country_of(text, gazetteer)
            country = country or _institution_side(text) or context_country
            return Claimant(person_name, role or None, country)
    group = GROUP_RE.match(text)
    if group:
        country, admin1 = _country_of(text, gazetteer)
        adjective = (group.group("adj") or "").strip()
        role = group.group("group").lower()
        if role in {"governor", "mayor", "spokesman", "spokeswoman", "spokesperson", "official"}:
            # "the governor": the last person with that title
            for person in reversed(persons):
                if person.role and role in person.role.lower():
                    return Claimant(person.name, person.role, person.country)
        name = f"{adjective} {role}".strip() if adjective else role
        if admin1 and not adjective:
            name = f"{admin1} {role}"
        return Claimant(name[:1].upper() + name[1:], role, country or context_country)
    places = [m for m in gazetteer.find(text) if m.place.precision != "facility"]
    if places and re.search(r"\b(?:officials?|authorities|governor|mayor|administration)\b", lower):
        place = places[-1].place
        return Claimant(f"{place.name} {lower.split()[-1]}", lower.split()[-1], place.country)
    return None
