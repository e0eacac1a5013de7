"""Strike claims: something was hit (or aimed at and reported) somewhere.

A clause gives a strike when it has a strike cue ("struck", "hit", "were damaged",
"a fire broke out", "targeted") that is not about drones being shot down, and a place
where it happened (a facility, city or region; a country only with a count, "five
Russian cities"). Places where drones were downed, where they came from, and places
that only name an official are not strike places. A clause without its own place
that follows a strike ("Busargin confirmed the facility was destroyed", "There were
no reports of casualties") completes that strike instead of making a new one.

Nested events are read separately: "fuel depots damaged in a previous attack on
January 8" is a second strike on its own date, and its words do not leak into the
main clause.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from ingest.extractors.rules import cues
from ingest.extractors.rules.dates import DateMention
from ingest.extractors.rules.fastre import any_of, fast
from ingest.extractors.rules.gazetteer import PlaceMention, PlaceRef, get_gazetteer
from ingest.extractors.rules.lexicon import GENERIC_TARGETS, OPPONENT
from ingest.extractors.rules.model import ArticleContext, SentenceView, StrikeDraft
from ingest.extractors.rules.people import LOCAL_ROLE_RE, Claimant, voice_side

TRIGGER_RE = fast(
    re.compile(
        r"\b(?:struck|strikes? (?:on|against|at|hit)|strike (?:on|hit)|hit|hits|hitting|"
        r"attack(?:s|ed)? on|attacked|attacking|targeted|targeting|damaged|damaging|destroyed|"
        r"destroying|fire broke out|fires? broke out|caught fire|set (?:on fire|ablaze|alight)|"
        r"igniting|ignited|sparking a fire|started a fire|explosions? (?:rocked|hit|were heard|"
        r"at|in)|exploded|blasts? (?:rocked|hit|at)|ablaze|shelled|shelling of|bombed|bombarded|"
        r"(?:crashed|slammed|smashed|ploughed|plowed) into|fell on(?:to)?|"
        r"debris (?:fell|falling|hit|damaged|struck)|"
        r"came under (?:attack|fire)|under attack|was hit|were hit|a strike on|the strike on|"
        r"attack on|raid on|strike against|targets? (?:in|inside|across)|explosions?|blasts?|"
        r"among (?:the )?(?:targets|facilities|sites) (?:hit|struck|it (?:listed|named))|"
        r"among (?:the )?targets|targets (?:hit |struck )?(?:included|include|were)|"
        r"set fire to|caused (?:a |several |local )?fires?|started (?:a |several )?fires?|"
        r"(?:drone|missile|air|rocket|bomb) (?:strike|attack|raid)s? (?:killed|wounded|injured|"
        r"damaged|hit|destroyed|set)|wrecked|knocked out|taken out of service|"
        r"(?:attack|strike|raid)s?\b[^.;]{0,40}?\b(?:was |were )?aimed (?:[\w ]{0,20}?)at|"
        # the other side owning a strike told before: "the General Staff confirmed the strike"
        r"(?:confirmed|claimed|acknowledged)\s+(?:responsibility for\s+)?(?:the|a|an|this|that)\s+"
        r"(?:[\w-]+\s+)?(?:strike|attack|hit)s?|"
        # "Damage to private houses was reported"
        r"damage to (?:the |a |an |several |some |two |three |private |residential )?|"
        # the Russian ministry's "delivered a massive strike with ... against ..."
        r"(?:delivered|inflicted|carried out|conducted)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}strikes?|"
        # a fire reported at a site, the way local channels tell a strike's aftermath
        r"(?:a|the|renewed|large|big|massive|several) (?:large |big |massive |local )?"
        r"(?:fires?|flames|blaze) (?:at|over|on|in) (?:the|a|an)|fires? at|"
        r"(?:flames|blaze|fire) (?:over|at) (?:the|a|an))\b",
        re.IGNORECASE,
    )
)
# Every match of TRIGGER_RE holds one of these lower-cased stems: a sentence without
# any of them skips the large pattern. Keep in step with TRIGGER_RE.
_TRIGGER_STEMS = (
    "struck",
    "strike",
    "hit",
    "attack",
    "target",
    "damag",
    "destroy",
    "fire",
    "flame",
    "blaze",
    "ablaze",
    "alight",
    "ignit",
    "explo",
    "blast",
    "shell",
    "bomb",
    "crash",
    "slammed",
    "smashed",
    "ploughed",
    "plowed",
    "fell on",
    "debris",
    "raid",
    "wreck",
    "knocked out",
    "taken out of service",
    # "among the facilities it listed": "among" is the one cue without a stem above
    "among",
)
_HAS_TRIGGER_STEM = any_of(_TRIGGER_STEMS)
NESTED_PARTICIPLE_RE = fast(
    re.compile(
        r"\b(?:damaged|hit|struck|destroyed|targeted|set ablaze|set on fire|attacked)\s+"
        r"(?:in|during|by)\s+(?:an?|the)\s+(?:[\w'-]+\s+){0,4}?(?:attacks?|strikes?|raids?)\b"
        r"[^,.;]{0,30}",
        re.IGNORECASE,
    )
)
NESTED_RELATIVE_RE = re.compile(
    r",\s*(?:which|that|where|whose)\s+[^,;]{3,140}?(?=,|;|$)", re.IGNORECASE
)
_STRIKE_VERB_RE = fast(
    re.compile(
        r"\b(?:struck|hit|damaged|destroyed|targeted|attacked|set ablaze|set on fire|"
        r"set alight|bombed|shelled|ignited)\b",
        re.IGNORECASE,
    )
)
ANAPHOR_RE = fast(
    re.compile(
        r"\b(?:the|that|this) (?:facility|plant|depot|refinery|site|terminal|base|airfield|"
        r"factory|enterprise|building|station|warehouse|complex|fire|blaze)\b|\bit was\b|"
        r"\bthe (?:oil|fuel) (?:depot|tanks?)\b",
        re.IGNORECASE,
    )
)
COUNT_PLACE_RE = re.compile(
    r"\b(?P<n>\S+(?:\s\S+)?)\s+(?:(?P<demonym>Russian|Ukrainian)\s+)?(?P<what>cities|regions|"
    r"oblasts|towns|provinces|settlements|villages|targets|facilities|sites)\b"
    r"(?:\s+(?:in|across|of)\s+(?P<country>Russia|Ukraine))?",
)
_FOLLOW_UP_GATE_RE = fast(
    re.compile(
        r"casualt|hurt|injur|wound|kill|dead|died|victim|fire|blaze|damag|destroy|flame|burn",
        re.IGNORECASE,
    )
)
_CITY_BEFORE_TARGET_RE = re.compile(r"[\s'’s]*(?:oil\s+)?")
_STRIKE_VERB_WORD_RE = re.compile(r"\b(?:struck|hit|damaged|destroyed)\b", re.I)
OCCUPIED_DEFAULT_UA = {"UA-43", "UA-40"}  # Crimea, Sevastopol: mostly Ukrainian strikes
CONTESTED = {"UA-14", "UA-09", "UA-23", "UA-65"}


def nested_spans(text: str, dates: list[DateMention]) -> list[tuple[int, int]]:
    """Sub-spans that tell an earlier event: they carry their own date."""
    # asked by the strike finder and again by the reader's dating of the sentence
    return list(_nested_spans(text, tuple(dates)))


@functools.lru_cache(maxsize=8192)  # pure; the result is an immutable tuple
def _nested_spans(text: str, dates: tuple[DateMention, ...]) -> tuple[tuple[int, int], ...]:
    spans = []
    for match in NESTED_PARTICIPLE_RE.finditer(text):
        if any(match.start() <= d.start < match.end() + 25 and d.kind != "event" for d in dates):
            end = max(
                [match.end()]
                + [d.end for d in dates if match.start() <= d.start < match.end() + 25]
            )
            spans.append((match.start(), end))
    for match in NESTED_RELATIVE_RE.finditer(text):
        inner = (match.start(), match.end())
        if cues.overlaps(inner, spans):
            continue
        if _STRIKE_VERB_RE.search(match.group(0)) and any(
            inner[0] <= d.start < inner[1] and d.kind != "event" for d in dates
        ):
            spans.append(inner)
    return tuple(sorted(spans))


def has_trigger(text: str, weapon_spans: list[tuple[int, int]]) -> bool:
    for start, end, word in _trigger_words(text):
        if word.startswith(("destroy", "damag", "hit", "struck")) and cues.near_weapon(
            text, start, end, weapon_spans
        ):
            continue  # "destroyed 58 drones", "drones were hit" by air defence
        return True
    return False


@functools.lru_cache(maxsize=8192)
def _trigger_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, lower-cased text) of every strike cue: read once per sentence for
    the gate and for the clause that is the whole sentence."""
    return tuple((m.start(), m.end(), m.group(0).lower()) for m in TRIGGER_RE.finditer(text))


def _date_for(
    view: SentenceView,
    span: tuple[int, int],
    masked: list[tuple[int, int]],
    ctx: ArticleContext,
    own_only: bool = False,
) -> tuple:
    """The clause's own date, else the sentence's, else the narrative date, else the
    publication date. Returns (date, precision, is_explicit)."""

    def usable(d: DateMention) -> bool:
        return not cues.inside((d.start, d.end), masked)

    for pool in (
        [d for d in view.dates if span[0] <= d.start < span[1] and usable(d)],
        [d for d in view.dates if usable(d)],
    ):
        if len(pool) > 1:
            pool = _attack_date_first(view.text, pool)
        for mention in pool:
            if mention.kind == "event":
                if ctx.narrative_date:
                    import datetime as dt

                    base, precision = ctx.narrative_date
                    return base + dt.timedelta(days=mention.offset), precision, False
                continue
            return mention.date, mention.precision, True
        if own_only:
            break
    if own_only:
        return None, "unknown", False
    if ctx.narrative_date:
        return ctx.narrative_date[0], ctx.narrative_date[1], False
    if ctx.anchor:
        return ctx.anchor, "day", False
    return None, "unknown", False


# "visited on Tuesday, days after a missile struck the port": the strike is told as
# some time before the sentence's date, not on it
_TIME_AFTER_RE = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|seven|\d{1,2}|a few|few|several|just|only)?\s*"
    r"(?P<unit>hours?|days?|weeks?|months?)\s+(?:after|since)\b",
    re.IGNORECASE,
)


def _before_by(clause: str, date, precision: str) -> tuple:
    """The date of a strike told as "N days after": N days before the clause's date (a
    vague "days after" keeps the week, "weeks after" the month)."""
    if date is None or ("after" not in clause and "since" not in clause):
        return date, precision
    found = _TIME_AFTER_RE.search(clause)
    if found is None:
        return date, precision
    # only when the phrase leads the strike ("days after a missile struck"), not when it
    # follows it ("a missile struck the port on Tuesday, hours after the visit")
    triggers = [start for start, _, _ in _trigger_words(clause)]
    if not triggers or min(triggers) < found.start():
        return date, precision
    import datetime as dt

    from ingest.extractors.rules.numbers import parse_number

    unit = found.group("unit").lower().rstrip("s")
    words = (found.group("n") or "").lower()
    count = 1 if words in {"a", "one"} else parse_number(words) if words else None
    if unit == "hour":
        return date, precision  # the same day
    if unit == "day" and count is not None and precision == "day":
        return date - dt.timedelta(days=count), "day"
    if unit == "day":
        return date - dt.timedelta(days=3), "week"
    if unit == "week" and count == 1 and precision == "day":
        return date - dt.timedelta(days=7), "week"
    return date, "month" if unit == "week" else "year" if unit == "month" else precision


def _attack_date_first(text: str, pool: list[DateMention]) -> list[DateMention]:
    """ "visited on Saturday ... after a drone attack on Friday night": the date written
    right after the attack's own word is the attack's."""
    for _, end, _ in _trigger_words(text):
        for mention in pool:
            gap = text[end : mention.start]
            # a day, not "the twelfth attack on its infrastructure this month"
            if mention.precision == "day" and 0 <= mention.start - end <= 30 and "," not in gap:
                return [mention, *(d for d in pool if d is not mention)]
    return pool


def _strike_places(
    view: SentenceView, span: tuple[int, int], excluded: list[tuple[int, int]]
) -> tuple[list[PlaceMention], list[PlaceMention]]:
    """(specific places, country places) of a clause, minus excluded ones."""
    text = view.text
    specific, countries = [], []
    for mention in view.places:
        if not (span[0] <= mention.start < span[1]):
            continue
        if cues.overlaps((mention.start, mention.end), excluded):
            continue
        if cues.excluded_place(text, mention):
            continue
        if mention.place.kind == "country":
            countries.append(mention)
        else:
            specific.append(mention)
    # a sea is where a strike happened only when nothing on land is named
    # ("the Tuapse refinery on Russia's Black Sea coast" is in Tuapse)
    if any(m.place.kind != "sea" for m in specific):
        specific = [m for m in specific if m.place.kind != "sea"]
    # keep the most specific: a region that contains a named city gives way to it
    kept = [
        m
        for m in specific
        if not any(other is not m and m.place.contains(other.place) for other in specific)
    ]
    # one mention per place
    unique: list[PlaceMention] = []
    for mention in kept:
        if all(u.place != mention.place for u in unique):
            unique.append(mention)
    return unique, countries


def _weapon_for(
    clause_weapons: list[cues.Cue], sentence_weapons: list[cues.Cue], ctx: ArticleContext
) -> str:
    for pool in (clause_weapons, sentence_weapons):
        if pool:
            return pool[0].value
    return ctx.paragraph_weapon or ctx.dominant_weapon or "unknown"


def _attacker_for(
    clause_sides: list[cues.Cue],
    sentence_sides: list[cues.Cue],
    place: PlaceRef | None,
    ctx: ArticleContext,
) -> str | None:
    # Neither side strikes its own undisputed territory: the place decides before any
    # side word ("Russian air defence ..., and debris hit a house in Bryansk")
    if (
        place is not None
        and place.country in OPPONENT
        and place.admin1_iso not in OCCUPIED_DEFAULT_UA | CONTESTED
    ):
        return OPPONENT[place.country]
    for pool in (clause_sides, sentence_sides):
        if pool:
            return pool[0].value
    if ctx.paragraph_attacker:
        return ctx.paragraph_attacker
    if place is not None:
        if place.admin1_iso in OCCUPIED_DEFAULT_UA:
            return ctx.dominant_attacker.get(place.country) or "UA"
        if place.admin1_iso in CONTESTED:
            return ctx.dominant_attacker.get(place.country) or "RU"
        if place.country in OPPONENT:
            return OPPONENT[place.country]
    return ctx.dominant_attacker.get(place.country if place else None)


_PLACE_DESCRIPTOR_AFTER_RE = re.compile(r"\s+of\s+[A-Z]")
_OVER_OR_FROM_BEFORE_RE = re.compile(
    r"\b(?:over|from)\b(?:\s+(?:the|various|several|other|\w+(?:,|\s+and)?)){0,6}\s*$"
)


def _target(
    view: SentenceView,
    span: tuple[int, int],
    masked: list[tuple[int, int]],
    weapon_spans: list[tuple[int, int]],
    place_mention: PlaceMention | None,
) -> tuple[str, str | None, int | None, PlaceRef | None]:
    """(type, name, count, facility) of the clause's most specific target."""
    text = view.text
    found = [
        t
        for t in view.all_targets
        if span[0] <= t.start < span[1]
        and not cues.inside((t.start, t.end), masked)
        and not cues.overlaps((t.start, t.end), weapon_spans)
    ]
    facility = None
    if place_mention is not None and place_mention.place.kind == "facility":
        facility = place_mention.place
    if place_mention is not None and place_mention.place.kind == "city":
        # "the Ryazan oil refinery": a city name right before the target noun
        for target in found:
            gap = text[place_mention.end : target.start]
            if 0 <= len(gap) <= 6 and _CITY_BEFORE_TARGET_RE.fullmatch(gap):
                facility = get_gazetteer().facility_for(place_mention.place, target.value)
                break
    if facility is not None:
        count = None
        return facility.target_type or "unknown", facility.facility_name, count, facility
    if not found:
        return "unknown", None, None, None
    # "oil depots in the port of Feodosia": "port of <place>" describes the place
    # when the clause names another target
    described = [t for t in found if _PLACE_DESCRIPTOR_AFTER_RE.match(text, t.end)]
    if described and len(described) < len(found):
        found = [t for t in found if t not in described]
    specific = [t for t in found if t.value not in GENERIC_TARGETS]
    candidates = specific or found
    chosen = candidates[0]
    if place_mention is not None and len({t.value for t in candidates}) > 1:
        # several kinds of target, several places ("an oil refinery in Volgograd and a
        # chemical plant in Novomoskovsk"): each place takes the target written before it
        before = [t for t in candidates if t.end <= place_mention.start]
        if before:
            chosen = before[-1]
    count = cues.count_before(text, chosen.start)
    return chosen.value, None, count, None


def _place_from(mention_place: PlaceRef, facility: PlaceRef | None) -> PlaceRef:
    return facility if facility is not None else mention_place


@functools.lru_cache(maxsize=8192)  # pure; boilerplate sentences recur across articles
def _has_strike_cue(text: str) -> bool:
    return bool(_HAS_TRIGGER_STEM(text.lower())) and bool(_trigger_words(text))


@functools.lru_cache(maxsize=8192)
def _may_follow_up(text: str) -> bool:
    return bool(_FOLLOW_UP_GATE_RE.search(text))


def find_strikes(view: SentenceView, ctx: ArticleContext, resolve_claimant) -> list[StrikeDraft]:
    """New strike drafts in a sentence; follow-ups update `ctx.focus` in place."""
    text = view.text
    # the gate first: most sentences tell no strike and need none of the work below
    quick = _has_strike_cue(text)
    if not quick and (ctx.focus is None or not _may_follow_up(text)):
        return []
    sentence = view.sentence
    caption = view.kind == "caption"
    described = descriptions(text)
    weapon_cues = [w for w in view.weapons if not cues.inside((w.start, w.end), described)]
    weapon_spans = [(w.start, w.end) for w in weapon_cues]
    nested = nested_spans(text, view.dates)
    masked = sorted([*nested, *_verbal_attacks(text, ctx), *described, *_earlier_attacks(text)])
    airport_only = (
        cues.may_name_flights(text)
        and bool(cues.AIRPORT_RE.search(text))
        and not _STRIKE_VERB_WORD_RE.search(text)
    )
    attribution_spans = [(a.start, a.end) for a in view.attributions]
    person_spans = [
        (p.start - sentence.start, p.start - sentence.start + p.length) for p in view.persons
    ]
    drafts: list[StrikeDraft] = []
    sentence_sides = [s for s in view.attacker_cues if not cues.inside((s.start, s.end), described)]
    if not sentence_sides:
        whole = (0, len(text))
        voice = lambda: voice_side(resolve_claimant(view, whole), ctx)  # noqa: E731
        enemy = cues.enemy_cue(text, voice) or cues.own_forces_cue(text, voice)
        enemy = enemy or (cues.model_side_cue(text) if weapon_cues else None)
        sentence_sides = [enemy] if enemy else []
    for span in cues.clauses(text):
        clause = text[span[0] : span[1]]
        clause_masked = [
            (s - span[0], e - span[0]) for s, e in masked if s >= span[0] and e <= span[1]
        ]
        visible = _mask(clause, clause_masked)
        clause_weapons = [w for w in weapon_cues if span[0] <= w.start < span[1]]
        clause_weapon_spans = [(w.start - span[0], w.end - span[0]) for w in clause_weapons]
        triggered = (
            has_trigger(visible, clause_weapon_spans)
            and not airport_only
            and not _background(visible, view, span)
        )
        if not triggered:
            # no strike of its own: at most a follow-up of the strike in focus (the
            # cheap tests of `_in_focus` first, then the clause's cues)
            if ctx.focus is None or caption:
                continue
            places, _ = _strike_places(view, span, attribution_spans + person_spans)
            if _in_focus(ctx, view, places):
                claimant = resolve_claimant(view, span)
                killed, injured = cues.casualties(visible)
                outcome_cues = cues.outcomes(visible, tuple(clause_weapon_spans))
                _follow_up(ctx.focus, visible, outcome_cues, killed, injured, claimant)
            continue
        claimant = resolve_claimant(view, span)
        places, countries = _strike_places(view, span, attribution_spans + person_spans)
        if triggered and not places:
            places = _claimant_region(view, span, ctx)
        clause_sides = [s for s in sentence_sides if span[0] <= s.start < span[1]]
        killed, injured = cues.casualties(visible)
        outcome_cues = cues.outcomes(visible, tuple(clause_weapon_spans))
        outcome = cues.best_outcome(outcome_cues)
        date, precision, explicit = _date_for(view, span, masked, ctx, own_only=caption)
        date, precision = _before_by(visible, date, precision)
        if (
            triggered
            and places
            and not _is_focus_repeat(ctx, places, view, claimant, date if explicit else None)
        ):
            new = []
            for mention in places:
                target_type, target_name, count, facility = _target(
                    view, span, masked, weapon_spans, mention
                )
                place = _place_from(mention.place, facility)
                if facility is not None:
                    place = replace(place, precision="facility")
                attacker = _attacker_for(clause_sides, sentence_sides, place, ctx)
                new.append(
                    StrikeDraft(
                        start=sentence.start,
                        end=sentence.end,
                        paragraph=sentence.paragraph,
                        caption=caption,
                        date=date,
                        date_precision=precision,
                        attacker=attacker,
                        weapon=_weapon_for(clause_weapons, weapon_cues, ctx),
                        place=place,
                        target_name=target_name,
                        target_type=target_type,
                        target_count=count,
                        outcome=outcome,
                        # a count belongs to one place; "no casualties" to every one
                        killed=killed if len(places) == 1 or killed == 0 else None,
                        injured=injured if len(places) == 1 or injured == 0 else None,
                        claimant=_with_side(claimant, place),
                        discriminator=f"{span[0]}:{mention.start}",
                    )
                )
            drafts.extend(new)
            if explicit and not caption and date is not None:
                ctx.narrative_date = (date, precision)
            if not caption:
                ctx.focus = new[-1]
                ctx.focus_paragraph = sentence.paragraph
            continue
        if triggered and not places:
            typed = _country_typed(
                view, span, masked, weapon_spans, countries, clause_sides or sentence_sides
            )
            if typed is not None and _retells_country_focus(ctx, typed[0], date):
                # "the facilities supported ... and all targets were hit": the strike in
                # focus told again
                continue
            if typed is not None:
                place, target_type = typed
                drafts.append(
                    StrikeDraft(
                        start=sentence.start,
                        end=sentence.end,
                        paragraph=sentence.paragraph,
                        caption=caption,
                        date=date,
                        date_precision=precision,
                        attacker=_attacker_for(clause_sides, sentence_sides, place, ctx),
                        weapon=_weapon_for(clause_weapons, weapon_cues, ctx),
                        place=place,
                        target_name=None,
                        target_type=target_type,
                        target_count=None,
                        outcome=outcome,
                        killed=None,
                        injured=None,
                        claimant=_with_side(claimant, place),
                        discriminator=f"{span[0]}:typed",
                    )
                )
                if not caption:
                    # "Two workers were injured." after it tells of this strike
                    ctx.focus = drafts[-1]
                    ctx.focus_paragraph = sentence.paragraph
                continue
        if triggered:
            counted = _country_count(visible, countries, span)
            if counted is not None:
                count, place = counted
                date, precision, _ = _date_for(view, span, masked, ctx, own_only=caption)
                drafts.append(
                    StrikeDraft(
                        start=sentence.start,
                        end=sentence.end,
                        paragraph=sentence.paragraph,
                        caption=caption,
                        date=date,
                        date_precision=precision,
                        attacker=_attacker_for(clause_sides, sentence_sides, place, ctx),
                        weapon=_weapon_for(clause_weapons, weapon_cues, ctx),
                        place=place,
                        target_name=None,
                        target_type="unknown",
                        target_count=count,
                        outcome=outcome if outcome != "unknown" else "unknown",
                        killed=None,
                        injured=None,
                        claimant=_with_side(claimant, place),
                        discriminator=f"{span[0]}:country",
                    )
                )
                continue
        if triggered and not places and ctx.focus is None and not caption:
            date, precision, explicit = _date_for(view, span, masked, ctx)
            if explicit and date is not None:
                ctx.narrative_date = (date, precision)
        # a follow-up sentence completes the strike in focus
        if _in_focus(ctx, view, places):
            _follow_up(ctx.focus, visible, outcome_cues, killed, injured, claimant)
    # nested earlier events
    for start, end in nested:
        retold = _nested_strike(view, (start, end), weapon_cues, sentence_sides, ctx, drafts)
        if retold is not None:
            # the sentence's speaker tells the retold event too ("..., the governor said")
            retold.claimant = _with_side(resolve_claimant(view, (start, end)), retold.place)
            drafts.append(retold)
    return drafts


# "Ukraine has repeatedly targeted refineries", "attacks have intensified in recent
# months": the war's background, not an event
_BACKGROUND_RE = re.compile(
    r"\b(?:have|has)\s+(?:\w+ly\s+)?(?:been\s+)?(?:targeted|targeting|struck|hit|attacked|"
    r"stepped up|intensified|increased|carried out)\b|"
    r"\b(?:repeatedly|regularly|frequently|routinely)\b|\bin recent (?:days|weeks|months|years)\b",
    re.IGNORECASE,
)
# searched in every strike clause: wrapped to try word starts only (see `fastre`)
_BACKGROUND_RE = fast(_BACKGROUND_RE)


# "Moscow did not comment on the strike", "declined to comment on the attack": a
# reaction to a strike told elsewhere, not a report of one
_NO_COMMENT_RE = re.compile(
    r"\b(?:did not|didn't|has not|hasn't|have not|haven't|had not|declined to|would not|"
    r"could not|was not available to|were not available to)\s+(?:immediately\s+)?"
    r"(?:comment|respond|react|confirm)",
    re.IGNORECASE,
)


_NOT_FIRST_RE = re.compile(r"\bnot (?:the|its) first (?:[\w-]+ )?(?:attack|strike|time)\b", re.I)


def _background(clause: str, view: SentenceView, span: tuple[int, int]) -> bool:
    """A clause that tells the course of the war rather than one attack (it speaks in
    the perfect or of repetition, and names no day), or a reaction to one told before."""
    if _NO_COMMENT_RE.search(clause):
        return True
    if "first" in clause and _NOT_FIRST_RE.search(clause):
        # "it was not the first attack on the plant": its history, unless it dates one
        return not any(span[0] <= d.start < span[1] for d in view.dates)
    if not _BACKGROUND_RE.search(clause):
        return False
    return not any(span[0] <= d.start < span[1] and d.precision == "day" for d in view.dates)


@functools.lru_cache(maxsize=8192)  # pure; the reader and the strike finder both ask
def descriptions(text: str) -> tuple[tuple[int, int], ...]:
    """Relative clauses that describe a place rather than tell an attack ("the plant,
    which makes electronics for Russian missiles,"): their sides, weapons and
    targets are not the strike's."""
    if "which" not in text:
        return ()
    return tuple(
        (match.start(), match.end())
        for match in NESTED_RELATIVE_RE.finditer(text)
        if re.match(r",\s*which\b", match.group(0), re.I) and not TRIGGER_RE.search(match.group(0))
    )


# "attacks on Zelensky by Trump": words aimed at a person the article names
_ATTACK_ON_NAME_RE = re.compile(
    r"\battacks?\s+on\s+(?:(?:President|Prime Minister|Mr|Ms|Mrs)\.?\s+)?([A-Z][\w'’-]+)"
)


# "toured a building damaged in a recent missile attack": an earlier attack, undated,
# that the sentence only mentions
_EARLIER_ATTACK_RE = re.compile(
    r"\b(?:(?:damaged|destroyed|hit|struck|ruined)\s+(?:in|by|during)\s+)?(?:a|an|the)\s+"
    r"(?:recent|earlier|previous|past)\s+(?:[\w-]+\s+)?(?:attacks?|strikes?|shelling|raids?)\b",
    re.IGNORECASE,
)


def _earlier_attacks(text: str) -> list[tuple[int, int]]:
    tells_of_before = "recent" in text or "earlier" in text or "previous" in text or "past" in text
    if not tells_of_before:
        return []
    return [match.span() for match in _EARLIER_ATTACK_RE.finditer(text)]


def _verbal_attacks(text: str, ctx: ArticleContext) -> list[tuple[int, int]]:
    """Spans of "attack(s) on <a person met in the article>": no strike."""
    if "attack" not in text:
        return []
    names = {word for person in ctx.persons for word in person.name.split()}
    return [
        (match.start(), match.end())
        for match in _ATTACK_ON_NAME_RE.finditer(text)
        if match.group(1) in names
    ]


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _claimant_region(view: SentenceView, span: tuple[int, int], ctx: ArticleContext):
    """A strike without a place of its own takes the section's place (a heading), else
    the place of the official reporting it ("Belgorod Governor ... said a drone hit a
    house"), else the place of the paragraph, else -- when the sentence points back with
    "the plant", "the refinery" -- the place of the strike before."""
    if ctx.section_place is not None and ctx.section_paragraph >= view.sentence.paragraph - 2:
        return [PlaceMention(ctx.section_place, 0, 0, ctx.section_place.name)]
    last = ctx.strikes[-1] if ctx.strikes else None
    if (
        last is not None
        and last.place is not None
        and last.place.kind != "country"
        and ANAPHOR_RE.search(view.text[span[0] : span[1]])
        and view.sentence.paragraph - last.paragraph <= 3
    ):
        return [PlaceMention(last.place, 0, 0, last.place.name)]
    for mention in view.places:
        if (
            span[0] <= mention.start < span[1]
            and mention.place.kind in {"region", "city"}
            and cues.excluded_place(view.text, mention)
            # where drones were downed, or came from, is no strike's place, however long
            # the list ("downed over the Kharkiv, Sumy, Poltava and Chernihiv regions")
            and not _OVER_OR_FROM_BEFORE_RE.search(
                view.text[max(0, mention.start - 80) : mention.start]
            )
        ):
            return [mention]
    if ctx.paragraph_place is not None and ctx.paragraph_index == view.sentence.paragraph:
        if ctx.focus is not None and ctx.focus_paragraph == view.sentence.paragraph:
            return []  # "A transformer caught fire.": more of the strike just told
        return [PlaceMention(ctx.paragraph_place, 0, 0, ctx.paragraph_place.name)]
    return []


def _is_focus_repeat(
    ctx: ArticleContext, places: list[PlaceMention], view: SentenceView, claimant=None, date=None
) -> bool:
    """A sentence naming only the focus place or places around it, with an anaphor,
    continues the focus strike rather than starting another -- unless another source
    or another day speaks: that is a claim of its own."""
    focus = ctx.focus
    if focus is None or focus.place is None or not ANAPHOR_RE.search(view.text):
        return False
    if claimant is not None and focus.claimant is not None and claimant.name != focus.claimant.name:
        return False
    if date is not None and focus.date is not None and date != focus.date:
        return False
    if view.sentence.paragraph - ctx.focus_paragraph > 2:
        return False
    return all(
        m.place == focus.place or m.place.contains(focus.place) or m.place.name == focus.place.name
        for m in places
    )


def _in_focus(ctx: ArticleContext, view: SentenceView, places: list[PlaceMention]) -> bool:
    focus = ctx.focus
    if focus is None or view.kind == "caption":
        return False
    distance = view.sentence.paragraph - ctx.focus_paragraph
    linked = (
        ctx.section_place is not None
        and ctx.section_paragraph > ctx.focus_paragraph
        and (
            focus.place is not None
            and (
                ctx.section_place == focus.place
                or ctx.section_place.contains(focus.place)
                or ctx.section_place.name == focus.place.name
            )
        )
    )
    if distance > 1 and not (linked and distance <= 3):
        return False
    return all(
        focus.place is not None
        and (
            m.place == focus.place
            or m.place.contains(focus.place)
            or m.place.name == focus.place.name
        )
        for m in places
    )


def _follow_up(focus: StrikeDraft, visible: str, outcome_cues, killed, injured, claimant) -> None:
    if outcome_cues and ANAPHOR_RE.search(visible):
        value = cues.best_outcome(outcome_cues)
        if cues.outcome_rank(value) > cues.outcome_rank(focus.outcome):
            focus.outcome = value
    if killed is not None and focus.killed is None:
        focus.killed = killed
    if injured is not None and focus.injured is None:
        focus.injured = injured
    if focus.claimant is None and claimant is not None and (outcome_cues or killed is not None):
        focus.claimant = _with_side(claimant, focus.place)


def _with_side(claimant: Claimant | None, place: PlaceRef | None) -> Claimant | None:
    """A governor or local official speaks for the side whose territory it is; so does
    an air force that names no country (it tells of strikes on its own side)."""
    if claimant is None or claimant.side or place is None:
        return claimant
    role = (claimant.role or "").lower()
    if LOCAL_ROLE_RE.search(role) or role in ("air force", "regional air command"):
        return Claimant(claimant.name, claimant.role, place.country)
    return claimant


_TYPED_COUNTRY_TARGETS = {
    "oil_refinery",
    "fuel_depot",
    "oil_terminal",
    "gas_facility",
    "power_plant",
    "energy_grid",
    "chemical_plant",
    "weapons_plant",
    "ammunition_depot",
    "airfield",
    "air_defense",
    "military_base",
    "port",
    "rail",
}


def _retells_country_focus(ctx: ArticleContext, place: PlaceRef, date) -> bool:
    focus = ctx.focus
    return (
        focus is not None
        and focus.place is not None
        and focus.place.kind == "country"
        and focus.place.country == place.country
        and focus.date == date
    )


_ATTACKER_WORDS_RE = re.compile(
    r"\b(?:drones?|missiles?|UAVs?|hit|struck|attacked|targeted|"
    r"strikes?|attacks?)\b",
    re.IGNORECASE,
)


def _country_typed(
    view, span, masked, weapon_spans, countries, sides=()
) -> tuple[PlaceRef, str] | None:
    """ "Russia again targeted gas production facilities": a country-level strike on a
    named kind of infrastructure of the country the sentence names, or else of the
    attacker's opponent."""
    text = view.text
    targets = [
        t
        for t in view.all_targets
        if span[0] <= t.start < span[1]
        and not cues.inside((t.start, t.end), masked)
        and not cues.overlaps((t.start, t.end), weapon_spans)
        and t.value in _TYPED_COUNTRY_TARGETS
    ]
    if not targets:
        return None
    gazetteer = get_gazetteer()
    code = None
    # "Ukraine's gas facilities", "Ukrainian energy sites", "in Ukraine"
    near = text[max(0, targets[0].start - 40) : targets[0].start]
    demonym = re.search(r"(Ukrain(?:e's|ian)|Russia(?:'s|n))\s+(?:[\w-]+\s+){0,3}$", near)
    if demonym and _ATTACKER_WORDS_RE.search(demonym.group(0)):
        demonym = None  # "a Russian drone hit a gas station": the attacker's word
    if demonym:
        code = "UA" if demonym.group(1).startswith("Ukrain") else "RU"
    elif countries and countries[-1].place.country in OPPONENT:
        mention = countries[-1]
        if re.search(
            r"\b(?:in|across|inside|of)\s+$", text[max(0, mention.start - 10) : mention.start]
        ):
            code = mention.place.country
    if code is None and sides and sides[0].value in OPPONENT:
        code = OPPONENT[sides[0].value]
    if code is None:
        return None
    return gazetteer.countries[code], targets[0].value


def _country_count(clause: str, countries, span) -> tuple[int, PlaceRef] | None:
    from ingest.extractors.rules.numbers import parse_number

    gazetteer = get_gazetteer()
    for match in COUNT_PLACE_RE.finditer(clause):
        words = match.group("n").split()
        value = parse_number(words[-1]) if words else None
        if value is None and len(words) == 2:
            value = parse_number(" ".join(words))
        if value is None or value == 0:
            continue
        code = None
        if match.group("demonym"):
            code = "RU" if match.group("demonym") == "Russian" else "UA"
        elif match.group("country"):
            code = "RU" if match.group("country") == "Russia" else "UA"
        elif countries:
            code = countries[0].place.country
        if code:
            return value, gazetteer.countries[code]
    return None


def _nested_strike(view, span, weapon_cues, sentence_sides, ctx, drafts) -> StrikeDraft | None:
    text = view.text
    inner = text[span[0] : span[1]]
    date = next(
        (d for d in view.dates if span[0] <= d.start < span[1] + 1 and d.kind != "event"), None
    )
    if date is None:
        return None
    # the target is what the nested phrase describes: the noun just before it
    weapon_spans = [(w.start, w.end) for w in weapon_cues]
    targets = [
        t
        for t in view.all_targets
        if t.end <= span[0] and not cues.overlaps((t.start, t.end), weapon_spans)
    ]
    target_type = targets[-1].value if targets else "unknown"
    main = next((d for d in drafts if d.place is not None), None)
    place = main.place if main else None
    if place is None:
        places = [m for m in view.places if m.place.kind != "country"]
        if places:
            place = places[-1].place
        elif ctx.section_place is not None:
            place = ctx.section_place
    if place is None:
        return None
    if place.kind == "facility" and target_type not in {place.target_type, "unknown"}:
        place = replace(place, precision="facility")
    verb = inner.lower()
    if "destroy" in verb:
        outcome = "destroyed"
    elif "damag" in verb:
        outcome = "damaged"
    elif "ablaze" in verb or "fire" in verb or "alight" in verb:
        outcome = "fire"
    else:
        outcome = "unknown"
    inner_weapons = [w for w in weapon_cues if span[0] <= w.start < span[1]]
    inner_sides = [s for s in sentence_sides if span[0] <= s.start < span[1]]
    attacker = (
        inner_sides[0].value
        if inner_sides
        else (main.attacker if main else _attacker_for([], [], place, ctx))
    )
    weapon = (
        inner_weapons[0].value
        if inner_weapons
        else (main.weapon if main else (ctx.dominant_weapon or "unknown"))
    )
    sentence = view.sentence
    return StrikeDraft(
        start=sentence.start,
        end=sentence.end,
        paragraph=sentence.paragraph,
        caption=view.kind == "caption",
        date=date.date,
        date_precision=date.precision,
        attacker=attacker,
        weapon=weapon,
        place=place,
        target_name=place.facility_name if place.kind == "facility" else None,
        target_type=target_type,
        target_count=None,
        outcome=outcome,
        killed=None,
        injured=None,
        claimant=None,
        discriminator=f"nested:{span[0]}",
    )
