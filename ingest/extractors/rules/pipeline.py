"""The rule extractor's reading of one article, start to finish.

1. Segment the text (paragraphs with kinds, sentences with offsets).
2. First pass: people and their titles, the article's usual weapon and attacker.
3. Second pass, in reading order: headings set the place of a section; each sentence
   may add strikes, interceptions and visits, or complete the strike in focus.
4. Tidy: a caption's claim gives way to the same claim in the body; the same strike
   told twice is one claim; launch and interception counts in neighbouring sentences
   join; then the drafts become contract-v1 models.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import replace

from ingest.contract import ExtractionRecord, claim_id_for
from ingest.extractors.articles import ArticleInput
from ingest.extractors.rules import cues
from ingest.extractors.rules.dates import DateMention, find_dates
from ingest.extractors.rules.gazetteer import (
    PRECISION_RANK,
    PlaceMention,
    PlaceRef,
    get_gazetteer,
)
from ingest.extractors.rules.interceptions import find_interceptions
from ingest.extractors.rules.lexicon import GENERIC_TARGETS, OUTCOME_RANK
from ingest.extractors.rules.model import (
    ArticleContext,
    InterceptionDraft,
    SentenceView,
    StrikeDraft,
    VisitDraft,
)
from ingest.extractors.rules.people import (
    Claimant,
    Person,
    find_attributions,
    find_persons,
    institution_named,
    resolve_speaker,
    surname_re,
)
from ingest.extractors.rules.strikes import descriptions, find_strikes, nested_spans
from ingest.extractors.rules.text import MAX_SENTENCE_CHARS, dateline_end, segment
from ingest.extractors.rules.visits import find_visits, follow_up_topics

NAME = "rules"
VERSION = "0.1.0"
# extracted_at is the release time of this version, not the wall clock: extracting the
# same input twice gives byte-identical records, and a newer version supersedes.
RELEASED_AT = dt.datetime(2025, 11, 25, tzinfo=dt.UTC)
MAX_CLAIMS_PER_KIND = 1_000
WEAPON_PREFERENCE = [
    "drone",
    "missile",
    "cruise_missile",
    "ballistic_missile",
    "glide_bomb",
    "guided_rocket",
    "artillery",
    "recon_drone",
    "unknown",
]


def extract(article: ArticleInput) -> ExtractionRecord:
    """The default extractor: one article in, one contract-v1 record out."""
    outlet = institution_named(article.outlet) if article.outlet else None
    ctx = ArticleContext(anchor=article.anchor_date, voice_side=outlet.side if outlet else None)
    views = _read(article, ctx)
    _second_pass(views, ctx)
    strikes = _tidy_strikes(ctx.strikes)
    interceptions = _tidy_interceptions(ctx.interceptions, article.text)
    visits = _tidy_visits(ctx.visits)
    return _record(article, strikes, interceptions, visits)


# --------------------------------------------------------------------------- reading
def _read(article: ArticleInput, ctx: ArticleContext) -> list[SentenceView]:
    gazetteer = get_gazetteer()
    paragraphs = segment(article.text, article.title)
    registry: dict[str, Person] = {}
    views: list[SentenceView] = []
    weapon_votes: Counter[str] = Counter()
    attacker_votes: Counter[str] = Counter()
    body_begun = False
    earlier_places: list[PlaceMention] = []  # of the last sentence that named a place
    for text in filter(None, [article.title]):
        weapon_votes.update(c.value for c in cues.weapons(text))
        attacker_votes.update(c.value for c in cues.attacker_cues(text))
    for paragraph in paragraphs:
        if paragraph.kind in {"boilerplate", "title"}:
            continue
        for sentence in paragraph.sentences:
            if len(sentence.text) > MAX_SENTENCE_CHARS:
                continue
            persons = find_persons(sentence.text, gazetteer, base=sentence.start)
            merged = []
            for person in persons:
                known = registry.get(person.name)
                if known is None:
                    registry[person.name] = person
                    ctx.persons.append(person)
                    known = person
                else:
                    known.role = known.role or person.role
                    known.country = known.country or person.country
                    known.admin1 = known.admin1 or person.admin1
                merged.append(person)
            places = _without_districts(sentence.text, gazetteer.find(sentence.text))
            places = _without_capitals_speaking(sentence.text, places)
            if _names_a_settlement(sentence.text):
                earlier = _area_of(earlier_places)
                places = _with_unlisted_settlements(sentence.text, places, persons, earlier)
            if places:
                earlier_places = places
            view = SentenceView(
                sentence=sentence,
                places=places,
                dates=find_dates(sentence.text, ctx.anchor),
                attributions=find_attributions(sentence.text),
                persons=merged,
            )
            if paragraph.kind == "body" and not body_begun:
                body_begun = True
                _drop_dateline(view)
            views.append(view)
            # counted one by one, in the order `Counter.update` would (ties go to the
            # first seen); a clause describing a place ("which makes parts for Russian
            # missiles") tells nothing of this attack's weapon or side
            described = descriptions(sentence.text)
            for cue in view.weapons:
                if not described or not cues.inside((cue.start, cue.end), described):
                    weapon_votes[cue.value] += 1
            for cue in view.attacker_cues:
                if not described or not cues.inside((cue.start, cue.end), described):
                    attacker_votes[cue.value] += 1
    # a surname that is also a town ("Gusev") is the person once the person is known
    surnames = {p.surname for p in ctx.persons} | {w for p in ctx.persons for w in p.name.split()}
    for view in views:
        # what the whole article tells of each person, where this sentence names them
        view.persons = [
            replace(registry[p.name], start=p.start, written=p.written) for p in view.persons
        ]
        spans = [
            (p.start - view.sentence.start, p.start - view.sentence.start + p.length)
            for p in view.persons
        ]
        view.places = [
            m
            for m in view.places
            if m.text not in surnames and not cues.overlaps((m.start, m.end), spans)
        ]
    if weapon_votes:
        top = max(weapon_votes.values())
        ctx.dominant_weapon = next(w for w in WEAPON_PREFERENCE if weapon_votes.get(w) == top)
    if attacker_votes:
        ctx.dominant_attacker[None] = attacker_votes.most_common(1)[0][0]
    return views


def _names_a_settlement(text: str) -> bool:
    # chained substring tests: most sentences name none, and this runs on every one
    return "of " in text and (
        "town of" in text
        or "village of" in text
        or "city of" in text
        or "settlement of" in text
        or "hamlet of" in text
        or "township of" in text
    )


# "the town of Lgov", "the village of X": a settlement by its own word, which the
# gazetteer (towns above a size) may not list
_SETTLEMENT_RE = re.compile(
    # "near the village of X" places a site (a plant in focus), not the strike itself
    r"(?<!near the )(?<!outside the )(?<!close to the )(?<!next to the )"
    r"\b(?:town|village|city|settlement|hamlet|township)\s+of\s+"
    r"(?P<name>[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)?(?:\s[A-Z][a-z'’]+)?)\b"
)


def _with_unlisted_settlements(
    text: str, places: list, persons: list[Person], earlier: PlaceRef | None
) -> list:
    """`places` and a place for each settlement named by its kind but not listed: in
    the region the sentence names (a region, a listed place's region, a governor's),
    else the last region the article named; unknown coordinates, city precision."""
    found = list(places)
    for match in _SETTLEMENT_RE.finditer(text):
        start, end = match.span("name")
        if any(m.start < end and start < m.end for m in places):
            continue
        region = _region_for(places, persons, earlier)
        if region is None:
            continue
        place = PlaceRef(
            match.group("name"),
            region.admin1 or region.name,
            region.country,
            None,
            None,
            "city",
            "city",
            region.admin1_iso,
        )
        found.append(PlaceMention(place, start, end, match.group("name")))
    found.sort(key=lambda m: m.start)
    return found


# "the Kyivskyi district" of a city: not a town of that name elsewhere. Districts named
# after their town ("Liski district") are that town's area and stay.
_DISTRICT_AFTER_RE = re.compile(r"\s+(?:district|raion|neighbou?rhood|micro-?district)\b", re.I)
_ADJECTIVAL_NAME_RE = re.compile(r"(?:skyi|skyy|skiy|sky|skyj|ckyi|tskyi)$", re.I)


def _without_districts(text: str, places: list) -> list:
    if "istrict" not in text and "aion" not in text and "neighbo" not in text:
        return places  # most sentences name no district: skip the scan
    return [
        m
        for m in places
        if m.place.kind != "city"
        or not _ADJECTIVAL_NAME_RE.search(m.text)
        or not _DISTRICT_AFTER_RE.match(text, m.end)
    ]


def _area_of(places: list) -> PlaceRef | None:
    """The region of the last place a sentence names (a region, or a city's region)."""
    gazetteer = get_gazetteer()
    for mention in reversed(places):
        if mention.place.kind == "region":
            return mention.place
        if mention.place.kind in ("city", "facility") and mention.place.admin1:
            return gazetteer.lookup(mention.place.admin1)
    return None


# "a claim Kyiv rejected", "Moscow denied it": the capital for its government
_CAPITALS = {"Kyiv", "Kiev", "Moscow", "Kremlin"}
_STANCE_AFTER_RE = re.compile(
    r"(?:'s|’s)?\s+(?:has\s+|have\s+|had\s+|did\s+|does\s+|also\s+|quickly\s+)?"
    r"(?:not\s+|never\s+)?(?:said|says|say|denied|denies|deny|rejected|rejects|reject|"
    r"claimed|claims|confirmed|confirms|confirm|accused|accuses|insisted|insists|blamed|"
    r"blames|dismissed|dismisses|disputed|disputes|responded|respond|commented|comment|"
    r"called|calls|acknowledged|acknowledges|account|version|response)\b"
)
_STANCE_BEFORE_RE = re.compile(r"\b(?:claim|claims|statement|accusation|allegation)\s+$")


def _without_capitals_speaking(text: str, places: list) -> list:
    names_a_capital = "Kyiv" in text or "Moscow" in text or "Kiev" in text or "Kremlin" in text
    if not names_a_capital:
        return places
    return [
        m
        for m in places
        if m.text not in _CAPITALS
        or not (
            _STANCE_AFTER_RE.match(text, m.end)
            or _STANCE_BEFORE_RE.search(text, max(0, m.start - 30), m.start)
        )
    ]


def _region_for(places: list, persons: list[Person], earlier: PlaceRef | None):
    """The sentence's own region, else a governor's, else the one named before."""
    own = _area_of(places)
    if own is not None:
        return own
    gazetteer = get_gazetteer()
    for person in persons:
        if person.admin1:
            return gazetteer.lookup(person.admin1) or earlier
    return earlier


def _drop_dateline(view: SentenceView) -> None:
    """The story's dateline names where it was filed, not where anything happened."""
    end = dateline_end(view.text)
    if end:
        view.places = [m for m in view.places if m.start >= end]
        view.dates = [d for d in view.dates if d.start >= end]


def _second_pass(views: list[SentenceView], ctx: ArticleContext) -> None:
    gazetteer = get_gazetteer()

    def resolve_claimant(view: SentenceView, span: tuple[int, int]):
        inside = [a for a in view.attributions if span[0] <= a.start < span[1]]
        chosen = (
            inside[0] if inside else (view.attributions[0] if len(view.attributions) == 1 else None)
        )
        if chosen is None:
            # reported speech runs on: the sentences after "..., the governor said" in
            # its paragraph are the governor's too, until the story turns elsewhere
            if ctx.paragraph_speaker is not None and view.kind == "body":
                if _TURN_RE.match(view.text):
                    return None
                if isinstance(ctx.paragraph_speaker, SentenceView):
                    # resolved only when a later sentence needs it: most never do
                    told = ctx.paragraph_speaker
                    ctx.paragraph_speaker = resolve_claimant(told, (0, len(told.text)))
                return ctx.paragraph_speaker
            return None
        return resolve_speaker(
            chosen.speaker, gazetteer, ctx.persons, ctx.last_person, None, ctx.last_institution
        )

    def date_for(view: SentenceView, match: re.Match[str]):
        for mention in _own_dates(view):
            if mention.kind == "event":
                if ctx.narrative_date:
                    base, precision = ctx.narrative_date
                    return base + dt.timedelta(days=mention.offset), precision
                continue
            return mention.date, mention.precision
        if view.kind == "caption":
            return None, "unknown"
        if ctx.narrative_date:
            return ctx.narrative_date
        return (ctx.anchor, "day") if ctx.anchor else (None, "unknown")

    for view in views:
        paragraph = view.sentence.paragraph
        if paragraph != ctx.paragraph_index:
            ctx.paragraph_index = paragraph
            ctx.paragraph_place = None
            ctx.paragraph_weapon = None
            ctx.paragraph_attacker = None
            ctx.paragraph_speaker = None
        if view.kind == "heading":
            places = sorted(
                (m for m in view.places if m.place.kind != "country"),
                key=lambda m: -PRECISION_RANK.get(m.place.precision, 0),
            )
            if places:
                ctx.section_place = places[0].place
                ctx.section_paragraph = paragraph
            continue
        # "it said" may follow the body's name within the sentence
        ctx.last_institution = institution_named(view.text) or ctx.last_institution
        strikes = find_strikes(view, ctx, resolve_claimant)
        interceptions = find_interceptions(view, ctx, resolve_claimant)
        for interception in interceptions:
            interception.claimant = _defending_claimant(interception, ctx)
        visits = find_visits(view, ctx, date_for)
        ctx.strikes.extend(strikes)
        ctx.interceptions.extend(interceptions)
        if not strikes and view.kind != "caption":  # strikes keep the narrative date themselves
            _note_narrative_date(view, ctx)
        if interceptions and not strikes:
            ctx.focus = None
        if visits:
            ctx.visits.extend(visits)
            ctx.last_visit = visits[-1]
        else:
            follow_up_topics(view, ctx)
        _remember(view, ctx)
        if view.attributions:
            ctx.paragraph_speaker = view
        elif ctx.paragraph_speaker is not None and _TURN_RE.match(view.text):
            ctx.paragraph_speaker = None


# "Separately, ...", "Meanwhile, ...": the story turns to another source or event
_TURN_RE = re.compile(
    r"^(?:separately|meanwhile|elsewhere|in addition|also|earlier|later|in other news|"
    r"on the other hand|in russia|in ukraine)\b",
    re.IGNORECASE,
)


# Who reports air-defence results: the defending side's military bodies.
_AIR_DEFENCE_REPORTERS = {
    "air force",
    "regional air command",
    "ministry of defence",
    "general staff",
}
# an air force without a country is the defender's: it reports what it shot down
_AIR_FORCES = {"air force", "regional air command"}


def _defending_claimant(interception, ctx: ArticleContext):
    """An unattributed interception count, read as a reader would: a side's
    air-defence results come from its own military, so the count is the last such
    body's that the article named, when it speaks for the side attacked (an air force
    of no named country does: it reports what it shot down)."""
    claimant, defender, named = interception.claimant, interception.defender, ctx.last_institution
    if claimant is not None or defender is None or named is None:
        return claimant
    if named.role in _AIR_DEFENCE_REPORTERS and named.side == defender:
        return named
    if named.role in _AIR_FORCES and named.side is None:
        return Claimant(named.name, named.role, defender)
    return None


def _own_dates(view: SentenceView) -> list[DateMention]:
    """The sentence's dates, less those of an earlier event it retells in passing."""
    masked = nested_spans(view.text, view.dates)
    return [d for d in view.dates if not cues.inside((d.start, d.end), masked)]


def _note_narrative_date(view: SentenceView, ctx: ArticleContext) -> None:
    """A sentence about the attack that names its day, though it holds no strike,
    dates the undated claims after it ("... the 43 missiles Russia used on Wednesday
    morning." then "27 cruise missiles were launched, of which 23 were shot down.")."""
    if not view.weapons:
        return
    named = [
        mention
        for mention in _own_dates(view)
        if mention.kind != "event"  # named or relative to publication, not to the story
        and mention.precision == "day"
        and mention.date is not None
    ]
    if named:
        ctx.narrative_date = (named[0].date, "day")


def _remember(view: SentenceView, ctx: ArticleContext) -> None:
    # the last specific place the sentence names (read from the end: the first found)
    for mention in reversed(view.places):
        if mention.place.kind not in {"country", "sea"} and not cues.excluded_place(
            view.text, mention
        ):
            ctx.paragraph_place = mention.place
            break
    weapons = view.weapons
    if weapons:
        ctx.paragraph_weapon = weapons[-1].value
    sides = view.attacker_cues
    if sides:
        ctx.paragraph_attacker = sides[-1].value
    # the last person named, by full name or by surname ("Pistorius discussed ...")
    named = [(p.start - view.sentence.start, p) for p in view.persons]
    for person in ctx.persons:
        surname = _surname(person.name)
        if surname not in view.text:
            continue  # cheap test before the pattern
        for match in surname_re(surname).finditer(view.text):
            named.append((match.start(), person))
    if named:
        ctx.last_person = max(named, key=lambda item: item[0])[1]


@functools.lru_cache(maxsize=4096)
def _surname(name: str) -> str:
    # `Person.surname` (the last word), split once per name, not once per sentence
    return name.split()[-1]


# --------------------------------------------------------------------------- tidying
def _compatible_places(a: PlaceRef | None, b: PlaceRef | None) -> bool:
    if a is None or b is None:
        return False
    return (
        a == b
        or a.name == b.name
        or a.contains(b)
        or b.contains(a)
        or (a.admin1_iso is not None and a.admin1_iso == b.admin1_iso)
    )


def _compatible_targets(a: str, b: str) -> bool:
    return a == b or a in GENERIC_TARGETS or b in GENERIC_TARGETS


def _tidy_strikes(drafts: list[StrikeDraft]) -> list[StrikeDraft]:
    body = [d for d in drafts if not d.caption]
    kept: list[StrikeDraft] = []
    for draft in body:
        twin = next(
            (
                k
                for k in kept
                if k.date == draft.date
                and k.attacker == draft.attacker
                and _same_source(k.claimant, draft.claimant)
                and k.place is not None
                and draft.place is not None
                and k.place.name == draft.place.name
                and k.place.precision == draft.place.precision
                and _compatible_targets(k.target_type, draft.target_type)
            ),
            None,
        )
        if twin is None:
            kept.append(draft)
            continue
        _merge_strike(twin, draft)
    for draft in (d for d in drafts if d.caption):
        # a caption repeats the body: it adds a claim only when the body has none like it
        if any(
            (k.date == draft.date or draft.date is None)
            and k.attacker == draft.attacker
            and _compatible_places(k.place, draft.place)
            for k in kept
        ):
            continue
        kept.append(draft)
    return kept[:MAX_CLAIMS_PER_KIND]


def _same_source(a, b) -> bool:
    return a is None or b is None or a.name == b.name or _stands_for(a, b) or _stands_for(b, a)


def _stands_for(generic, person) -> bool:
    """ "the regional governor said" and, a line later, "Vyacheslav Gladkov wrote": one
    source, named once by office and once by name."""
    role = (generic.role or "").lower()
    return (
        bool(role)
        and (generic.name or "").lower().endswith(role)
        and len((person.name or "").split()) >= 2
        and (person.role is None or role in person.role.lower())
        and (generic.side is None or person.side is None or generic.side == person.side)
    )


def _named(person, generic):
    """The named source, with what the office-only mention adds (its role, its side)."""
    if person is None or generic is None:
        return person or generic
    return replace(person, role=person.role or generic.role, side=person.side or generic.side)


def _merge_strike(into: StrikeDraft, other: StrikeDraft) -> None:
    if OUTCOME_RANK[other.outcome] > OUTCOME_RANK[into.outcome]:
        into.outcome = other.outcome
    if into.target_type in GENERIC_TARGETS and other.target_type not in GENERIC_TARGETS:
        into.target_type = other.target_type
    into.target_name = into.target_name or other.target_name
    into.killed = into.killed if into.killed is not None else other.killed
    into.injured = into.injured if into.injured is not None else other.injured
    if into.claimant is None or (other.claimant and _stands_for(into.claimant, other.claimant)):
        into.claimant = _named(other.claimant, into.claimant)
    if into.weapon == "unknown":
        into.weapon = other.weapon


def _tidy_interceptions(drafts: list[InterceptionDraft], text: str) -> list[InterceptionDraft]:
    kept: list[InterceptionDraft] = []
    for draft in drafts:
        _name_missile_kind(draft, kept)
        partner = next((k for k in reversed(kept) if _joinable(k, draft, text)), None)
        if partner is None:
            kept.append(draft)
            continue
        for field in ("launched", "intercepted", "lost", "weapon_model"):
            if getattr(partner, field) is None:
                setattr(partner, field, getattr(draft, field))
        if not partner.regions:
            partner.regions = draft.regions
            partner.regions_complete = draft.regions_complete
        partner.claimant = partner.claimant or draft.claimant
        partner.tentative = partner.tentative and draft.tentative
        if draft.start >= partner.end:
            partner.end = draft.end
    # launch counts that no sentence completed tell no interception
    kept = [k for k in kept if not k.tentative]
    # a generic missile total broken down by type in the article is no claim of its own
    specific = {"cruise_missile", "ballistic_missile"} & {k.weapon for k in kept}
    kept = [
        k
        for k in kept
        if not (k.weapon == "missile" and specific and k.intercepted is None and k.lost is None)
    ]
    kept = [
        k
        for k in kept
        if not (
            k.caption
            and any(
                o is not k and not o.caption and o.weapon == k.weapon and o.date == k.date
                for o in kept
            )
        )
    ]
    return kept[:MAX_CLAIMS_PER_KIND]


_MISSILE_KINDS = {"missile", "cruise_missile", "ballistic_missile"}


def _name_missile_kind(draft: InterceptionDraft, earlier: list[InterceptionDraft]) -> None:
    """ "2 missiles were shot down" after "9 Iskander-M ballistic missiles were launched":
    the missiles are the one kind launched that night."""
    if draft.weapon != "missile" or (draft.intercepted is None and draft.lost is None):
        return
    kinds = {
        k.weapon
        for k in earlier
        if k.weapon in _MISSILE_KINDS and k.date == draft.date and k.intercepted is None
    }
    if len(kinds) == 1 and "missile" not in kinds:
        source = next(k for k in earlier if k.weapon in kinds)
        draft.weapon = source.weapon
        draft.weapon_model = draft.weapon_model or source.weapon_model


def _joinable(a: InterceptionDraft, b: InterceptionDraft, text: str) -> bool:
    """Counts of one weapon in neighbouring sentences that complete each other."""
    if a.weapon != b.weapon or a.date != b.date:
        return False
    # a sentence that names no side ("41 drones were lost in location") goes on the last
    if a.defender != b.defender and b.defender is not None:
        return False
    # a bulletin may put a line between its launch count and its downed count
    if abs(b.paragraph - a.paragraph) > 2 or a.caption != b.caption:
        return False
    if b.start < a.end and a.start != b.start:
        return False
    if a.start == b.start and a.discriminator == b.discriminator:
        return True
    between = text[a.end : b.start]
    if len(between) > 400:
        return False
    # two speakers' counts are two claims, however near ("..., the governor said. Dozens
    # were downed over Odesa, the southern command said")
    if a.claimant and b.claimant and a.claimant.name != b.claimant.name:
        return False
    for field in ("launched", "intercepted", "lost"):
        x, y = getattr(a, field), getattr(b, field)
        if x is not None and y is not None and x != y:
            return False
    filled_a = {f for f in ("launched", "intercepted", "lost") if getattr(a, f) is not None}
    filled_b = {f for f in ("launched", "intercepted", "lost") if getattr(b, f) is not None}
    # the counts they share agree (checked above): one completes the other
    return not (filled_a & filled_b) or filled_a <= filled_b or filled_b <= filled_a


def _tidy_visits(drafts: list[VisitDraft]) -> list[VisitDraft]:
    kept: list[VisitDraft] = []
    for draft in sorted(drafts, key=lambda d: d.caption):
        surname = draft.visitor_name.split()[-1]
        twin = next(
            (
                k
                for k in kept
                if k.visitor_name.split()[-1] == surname
                and (draft.caption or _compatible_places(k.destination, draft.destination))
            ),
            None,
        )
        if twin is None:
            kept.append(draft)
        else:
            for topic in draft.topics:
                if topic not in twin.topics:
                    twin.topics.append(topic)
    kept.sort(key=lambda d: d.start)
    return kept[:MAX_CLAIMS_PER_KIND]


# --------------------------------------------------------------------------- record
def _place(place: PlaceRef) -> dict:
    return {
        "name": place.name[:500],
        "admin1": place.admin1,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision,
    }


def _claimant(claimant) -> dict | None:
    if claimant is None:
        return None
    side = claimant.side if claimant.side and len(claimant.side) == 2 else None
    return {
        "name": claimant.name[:500] if claimant.name else None,
        "role": claimant.role[:500] if claimant.role else None,
        "side": side,
    }


def _common(kind: str, draft, article: ArticleInput) -> dict:
    end = min(draft.end, draft.start + 20_000)
    return {
        "claim_id": claim_id_for(article.article_id, kind, draft.start, end, draft.discriminator),
        "date": draft.date,
        "date_precision": draft.date_precision if draft.date else "unknown",
        "claimed_by": _claimant(draft.claimant),
        "evidence": {"text": article.text[draft.start : end], "start": draft.start, "end": end},
    }


def _record(article: ArticleInput, strikes, interceptions, visits) -> ExtractionRecord:
    data = {
        "schema_version": "1",
        "article": {
            "article_id": article.article_id,
            "url": article.url,
            "outlet": article.outlet,
            "title": article.title,
            "published_at": article.published_at,
            "language": article.language,
            "text_sha256": article.text_sha256,
            "text": article.text,
        },
        "extractor": {"name": NAME, "version": VERSION},
        "extracted_at": RELEASED_AT,
        "strikes": [
            _common("strike", d, article)
            | {
                "attacker": d.attacker,
                "weapon": d.weapon,
                "place": _place(d.place) if d.place else None,
                "target": {"name": d.target_name, "type": d.target_type},
                "target_count": d.target_count,
                "outcome": d.outcome,
                "killed": d.killed,
                "injured": d.injured,
            }
            for d in strikes
        ],
        "interceptions": [
            _common("interception", d, article)
            | {
                "attacker": d.attacker,
                "defender": d.defender,
                "weapon": d.weapon,
                "weapon_model": d.weapon_model,
                "launched": d.launched,
                "intercepted": d.intercepted,
                "lost": d.lost,
                "window_start": d.window_start,
                "window_end": d.window_end,
                "regions": [{"name": name, "count": count} for name, count in d.regions],
                "regions_complete": d.regions_complete,
            }
            for d in interceptions
        ],
        "visits": [
            _common("visit", d, article)
            | {
                "visitor": {
                    "name": d.visitor_name,
                    "role": d.visitor_role,
                    "country": d.visitor_country,
                },
                "destination": _place(d.destination),
                "kind": d.kind,
                "announced": d.announced,
                "topics": d.topics[:20],
            }
            for d in visits
        ],
    }
    # lax mode so that enum values may be given as their strings; every value is built
    # here with the right type, so nothing is coerced from text
    return ExtractionRecord.model_validate(data, strict=False)
