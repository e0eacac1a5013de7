"""Interception claims: a side's count of what was launched at it, downed and lost.

A sentence is read as groups of counts. "Russia launched 43 missiles and 74 drones,
30 and 47 shot down" has two groups: [43 missiles, 74 drones] and [30, 47]. Each
group takes the role of the nearest cue word (launched / shot down / lost) that no
other group stands between; a group without weapon nouns takes them, by position,
from the group before. Counts are then gathered per weapon kind: one claim each.
"N over PLACE" counts are where they were downed, not groups of their own.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from ingest.extractors.rules import cues
from ingest.extractors.rules.fastre import any_of, fast, stem_gate
from ingest.extractors.rules.gazetteer import REFERENCE_DIR
from ingest.extractors.rules.lexicon import OPPONENT
from ingest.extractors.rules.memo import list_cache
from ingest.extractors.rules.model import ArticleContext, InterceptionDraft, SentenceView
from ingest.extractors.rules.numbers import NumberMention, find_numbers
from ingest.extractors.rules.people import LOCAL_ROLE_RE, voice_side

INTERCEPT_RE = fast(
    re.compile(
        r"\b(?:shot down|shoot down|shooting down|shoots down|downed|downing|intercepted|intercept|"
        r"intercepting|destroyed|destroy|destroying|neutrali[sz]ed|neutrali[sz]ing|brought down|"
        r"bring down|repelled|eliminated|taken out|knocked out|hit by air defen[cs]e)\b",
        re.IGNORECASE,
    )
)
LAUNCH_RE = fast(
    re.compile(
        r"\b(?:launched|launching|launches|launch|fired|firing|sent|used|deployed|"
        r"attacked(?: [\w']+){0,3} with|struck(?: [\w']+){0,3} with|involving|consisted of|"
        r"comprised|a total of|"
        r"attacked by|carried out an attack with|attack(?:ed)? using|were in the air|were launched|"
        r"was launched)\b",
        re.IGNORECASE,
    )
)
LOST_RE = fast(
    re.compile(
        r"\b(?:(?:were|was) ['‘\"“]?lost|lost in location|locationally lost|"
        r"location(?:ally)?[- ]lost|lost (?:to|due to|"
        r"because of|as a result of) (?:electronic|active)|failed to reach|did not reach|"
        r"didn't reach|never reached|disappeared from (?:the )?radar|(?:were|was) jammed|"
        r"jammed|suppressed by "
        r"electronic|went off course|were diverted|(?:were|was) redirected|lost locat\w+)\b",
        re.IGNORECASE,
    )
)
# Every match of INTERCEPT_RE, LAUNCH_RE or LOST_RE holds one of these lower-cased
# stems: a sentence without any of them skips the three large patterns. Keep in step.
_CUE_STEMS = (
    "down",
    "intercept",
    "destroy",
    "neutrali",
    "repelled",
    "eliminated",
    "taken out",
    "knocked out",
    "air defen",
    "launch",
    "fired",
    "firing",
    "sent",
    "used",
    "deployed",
    "attack",
    "struck",
    "involving",
    "consisted of",
    "comprised",
    "a total of",
    "using",
    "in the air",
    "lost",
    "reach",
    "radar",
    "jammed",
    "suppressed by",
    "off course",
    "diverted",
    "redirected",
)
_HAS_CUE_STEM = any_of(_CUE_STEMS)
# the three cue patterns in one pass, for the yes/no gate
_ANY_CUE_RE = fast(
    re.compile(
        "|".join(f"(?:{regex.pattern})" for regex in (INTERCEPT_RE, LOST_RE, LAUNCH_RE)),
        re.IGNORECASE,
    )
)
_GROUP_JOIN_RE = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|or\s+|as well as\s+|plus\s+)$")
_OF_RE = re.compile(r"^\s+(?:out\s+)?of\s+(?:the\s+|them\b|which\b|these\b|those\b)?\s*", re.I)
_PREDICATE_GAP_RE = re.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:were|was|have been|had been|has been)\s+(?:\w+ly\s+)?$", re.I
)
# "The downed missiles included 25 Kh-101 ...": a total already told, broken down
_BREAKDOWN_RE = re.compile(
    r"\b(?:downed|destroyed|intercepted|shot-down)\s+(?:\w+\s+)?(?:missiles|drones|uavs|"
    r"targets|weapons)\s+(?:also\s+)?(?:included|include)\b",
    re.I,
)
# "74 drones, of which ...": the comma sets the total off ("one of them" is a part)
_TOTAL_BEFORE_PART_RE = re.compile(
    r"\s*,\s*(?:of (?:which|them|these|those)|out of (?:which|them|these|those))\b", re.I
)
_OF_NOUN_RE = re.compile(r"\s+(?:out\s+)?of\s+(?:the|these|those)\s+", re.I)
_WHICH_RE = fast(re.compile(r"(?:of (?:which|them|these|those)|out of them)\s*,?\s*$", re.I))
_REGION_COUNT_RE = re.compile(
    r"^\s+(?:[Oo]f them\s+)?(?:were\s+\w+\s+)?"
    r"(?:over|above|in|in the skies over)\s+(?:the\s+)?(?:territory of\s+)?(?:the\s+)?[A-Z]"
)
# "hits by 19 drones were recorded at 7 locations": weapons that got through, which the
# bulletin counts apart from those launched, downed and lost
_HITS_BY_BEFORE_RE = re.compile(r"\b(?:hits?|impacts?|strikes?)\s+(?:by|of|from)\s+$", re.I)
_NOT_WEAPON_NOUN_RE = re.compile(
    # "a five-storey building", "a 70-year-old woman": the number is part of an adjective
    r"^-(?:stor(?:e)?y|floor|year|month|day|hour|kilomet|metre|meter|ton)|"
    r"^\s+(?:people|persons?|civilians?|residents?|children|men|women|houses?|homes?|"
    r"buildings?|regions?|oblasts?|cities|towns|villages|districts?|settlements?|hours?|"
    r"minutes?|days?|kilomet|km|miles?|years?|times|percent|per cent|%|floors?|apartments?|"
    r"cars?|vehicles?|facilities|sites?|targets?|tonnes?|tons?|million|billion|employees?|"
    r"workers?|soldiers|servicemen|fire|injured|wounded|dead|killed|"
    # "destroying two aircraft" on the ground is a strike's outcome, no interception
    r"(?:aircraft|planes?|jets?|helicopters?|tanks?|ships?|vessels?|boats?)(?![- ]type))\b",
    re.I,
)
_ALL_AFTER_RE = fast(
    re.compile(
        r"\b(?:(?:were|was) all|(?:both|all|all of them|each)[;,]? (?:of them )?(?:were|was)) "
        r"(?:shot down|intercepted|destroyed|downed|neutrali[sz]ed)",
        re.I,
    )
)
_SINGLE_RE = fast(re.compile(r"\b(?:the|a) (single|lone|sole)\b", re.I))
_PEOPLE_BETWEEN_RE = re.compile(r"\b(?:people|civilians|houses)\b", re.I)
_STOP_RE = re.compile(r"[,;:.]|\s(?:of|over|from|at|in|by|and|were|was|had|have)\s")
# end-anchored: wrapped, so that a search tries only where "over", "from", ... start
_OVER_BEFORE_RE = fast(re.compile(r"\b(?:over|above|in the skies over|across)\b[^.;:]*$", re.I))
_FROM_BEFORE_RE = fast(re.compile(r"\b(?:from|towards?|at)\s+(?:the\s+)?[\w\s]{0,20}$"))
_EXCEPT_RE = re.compile(r"\s*,?\s*(?:except|but|apart from|save for|bar)\b", re.I)
_ALL_RE = fast(re.compile(r"\b(?:all|all of the|all the|each of the)\s*$", re.I))
_NONE_RE = fast(
    re.compile(
        r"\b(?:none of the|none of|neither (?:was|were|of) the|not one of the|"
        r"neither was|nor was the|neither the)\s*$",
        re.I,
    )
)
_INCOMPLETE_RE = fast(
    re.compile(
        r"\b(?:including|among them|among others|such as|in particular|"
        r"notably|mostly|mainly|most of them|the largest)\b",
        re.I,
    )
)
_AIR_MEANS_RE = fast(
    re.compile(
        r"\b(?:air attack (?:means|weapons|assets|vehicles)|aerial targets|air targets|"
        r"aerial weapons)\b",
        re.I,
    )
)
_DEFENDER_REPORT_NAME_RE = re.compile(
    r"air force|ministry of defence|general staff|air command", re.I
)
_DEFENDER_REPORT_TEXT_RE = fast(re.compile(r"\bair defen[cs]e|\bair force\b", re.I))
# where drones were downed, or where they were heading ("two missiles approaching Kyiv")
_DOWNED_OVER_RE = re.compile(
    r"\b(?:over|above|in|approaching|towards|toward|heading for|on the approach to)\s+"
    r"(?:the\s+)?[\w\s,'-]{0,40}$"
)
_INCLUDING_RE = re.compile(r"\bincluding\b|\bsuch as\b")
_OF_THEM_OVER_RE = fast(re.compile(r"\b(?:of them|of which)\s+(?:over|above|in)\b"))
_NAMED_DAY_RE = re.compile(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d)", re.I)
_NIGHT_PHRASE_RE = re.compile(r"night of|overnight|last night|during the night")
_EVENING_RE = fast(
    re.compile(
        r"(?:\b(?:[6-9]|1[01])(?::\d\d)?\s*p\.?m\.?|\b(?:1[89]|2[0-3]):\d\d|"
        r"\bevening\b|\bnight\b)",
        re.I,
    )
)


@dataclass(slots=True)
class Quantity:
    value: int
    start: int
    end: int
    weapon: str | None = None
    model: str | None = None
    weapon_end: int = 0
    total_of: bool = False  # the M of "N of M"
    all_of: bool = False  # "all four ... were intercepted"
    none_of: bool = False  # "none of the seven ... was brought down"


@dataclass(slots=True)
class Group:
    items: list[Quantity] = field(default_factory=list)
    role: str | None = None

    @property
    def start(self) -> int:
        return self.items[0].start

    @property
    def end(self) -> int:
        return max(q.weapon_end or q.end for q in self.items)


@functools.lru_cache(maxsize=1)
def weapon_models() -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str]]]:
    """Alias regex and alias -> (model, weapon kind) from weapon_models.csv.

    Aliases that are English words ("Orion", "Hammer", "Neptune") need a weapon noun
    right after them, so that "Orion" the spacecraft is no missile."""
    path = REFERENCE_DIR / "weapon_models.csv"
    if not path.exists():
        return None, {}
    table: dict[str, tuple[str, str]] = {}
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if (
                row["model"]
                .lower()
                .startswith(
                    (
                        "unknown",
                        "reconnaissance uav",
                        "ballistic missile",
                        "intercontinental",
                        "guided aerial",
                    )
                )
            ):
                continue
            for alias in row["aliases"].split("|"):
                alias = alias.strip()
                if len(alias) >= 3 and not re.search(r"[а-яА-ЯіїєІЇЄ]", alias):
                    table[alias.lower()] = (row["model"], row["weapon"])
    words = sorted(table, key=len, reverse=True)
    pattern = fast(
        re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])"
            r"(?:-type)?",
            re.IGNORECASE,
        )
    )
    return pattern, table


_MODELS: list = []  # weapon_models(), kept here after the first use


def _load_models() -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str]]]:
    _MODELS[:] = weapon_models()
    return _MODELS[0], _MODELS[1]


_MODEL_NOUN_AFTER_RE = re.compile(
    r"\s*(?:cruise |ballistic |guided |anti-ship |attack |strike )?"
    r"(?:missiles?|drones?|uavs?|rockets?|bombs?|systems?|launchers?)\b",
    re.I,
)
_PLAIN_WORD_ALIASES = {
    "orion",
    "hammer",
    "vampire",
    "taurus",
    "phoenix",
    "merlin",
    "lancet",
    "kub",
    "neptune",
    "flamingo",
    "molniya",
    "sapsan",
    "eleron",
    "granat-4",
    "feniks",
    "onyx",
    "oniks",
    "zircon",
    "kartograf",
    "forpost",
    "harm",
    "sdb",
    "scalp",
}


@list_cache()
def find_models(text: str) -> list[tuple[int, int, str, str]]:
    pattern, table = _MODELS or _load_models()
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        alias = match.group(0).lower().removesuffix("-type")
        model, weapon = table[alias]
        if alias in _PLAIN_WORD_ALIASES or (
            alias.isalpha() and alias.islower() and match.group(0)[0].islower()
        ):
            after = text[match.end() : match.end() + 30]
            if not _MODEL_NOUN_AFTER_RE.match(after):
                continue
        found.append((match.start(), match.end(), model, weapon))
    return found


def _quantities(text: str, weapon_cues: list[cues.Cue]) -> tuple[list[Quantity], list[tuple]]:
    """Count mentions with their weapon phrase; region counts ("15 over Belgorod") apart."""
    models = find_models(text)
    quantities: list[Quantity] = []
    region_counts: list[tuple[NumberMention, int]] = []
    numbers = find_numbers(text)
    # "the single Iskander-M": one
    for match in _SINGLE_RE.finditer(text):
        numbers.append(NumberMention(1, match.start(1), match.end(1)))
    numbers.sort(key=lambda n: n.start)
    # a pattern that can start nowhere in the sentence matches in none of its windows
    all_before = not _ALL_RE.cannot_match(text)
    all_after = not _ALL_AFTER_RE.cannot_match(text)
    none_before = not _NONE_RE.cannot_match(text)
    for index, number in enumerate(numbers):
        after = text[number.end : number.end + 80]
        if _REGION_COUNT_RE.match(after):
            region_counts.append((number, number.end))
            continue
        if _NOT_WEAPON_NOUN_RE.match(after):
            continue
        if _HITS_BY_BEFORE_RE.search(text, max(0, number.start - 30), number.start):
            continue
        next_start = numbers[index + 1].start if index + 1 < len(numbers) else len(text)
        window_end = min(next_start, number.end + 70)
        stop = _STOP_RE.search(text[number.end : window_end])
        limit = number.end + (stop.start() if stop else window_end - number.end)
        quantity = Quantity(number.value, number.start, number.end)
        weapon = next((w for w in weapon_cues if number.end <= w.start < limit + 1), None)
        # "74 of the drones": a part of the weapons named before, the noun after "of the"
        of_noun = _OF_NOUN_RE.match(text, number.end) if weapon is None else None
        if of_noun:
            weapon = next((w for w in weapon_cues if w.start == of_noun.end()), None)
        # "74 Shahed-type drones and decoys": the noun may come after "and decoys" etc.
        if weapon is None and not stop:
            weapon = next((w for w in weapon_cues if number.end <= w.start < window_end), None)
        inner_models = [
            m for m in models if number.end <= m[0] < max(limit, weapon.end if weapon else limit)
        ]
        if weapon is not None:
            quantity.weapon = weapon.value
            quantity.weapon_end = weapon.end
            between = text[number.end : weapon.start]
            inner_models = [m for m in models if number.end <= m[0] <= weapon.start]
            if _PEOPLE_BETWEEN_RE.search(between):
                continue
        if inner_models:
            names = []
            for _, _, model, _ in inner_models:
                if model not in names:
                    names.append(model)
            quantity.model = names[0] if len(names) == 1 else _joined_model(names)
            quantity.weapon = (
                inner_models[0][3]
                if quantity.weapon in {None, "missile"}
                or inner_models[0][3] in {"drone", "recon_drone"}
                else quantity.weapon
            )
            quantity.weapon_end = max(quantity.weapon_end, inner_models[-1][1])
        before = text[max(0, number.start - 25) : number.start]
        window = text[number.end : number.end + 140]
        found_after = _ALL_AFTER_RE.search(window) if all_after else None
        if found_after and _EXCEPT_RE.match(window, found_after.end()):
            found_after = None  # "all were shot down except one drone"
        quantity.all_of = bool(all_before and _ALL_RE.search(before)) or bool(found_after)
        quantity.none_of = bool(none_before and _NONE_RE.search(before))
        quantities.append(quantity)
    return quantities, region_counts


def _joined_model(names: list[str]) -> str:
    _, table = weapon_models()
    joined = "/".join(names)
    known = {model.lower(): model for model, _ in table.values()}
    return known.get(joined.lower(), joined)


def _groups(text: str, quantities: list[Quantity]) -> list[Group]:
    groups: list[Group] = []
    for quantity in quantities:
        if groups:
            previous = groups[-1].items[-1]
            gap = text[(previous.weapon_end or previous.end) : quantity.start]
            same_kind = (previous.weapon is None) == (quantity.weapon is None)
            # only "of (the)" between the numbers: "74 of the drones, while 38 others"
            # is no part and total
            of_link = (
                _OF_RE.fullmatch(text[previous.end : quantity.start]) and previous.weapon is None
            )
            if of_link:
                # "58 of 80 drones": 80 is the total
                quantity.total_of = True
                groups.append(Group([quantity]))
                continue
            if _GROUP_JOIN_RE.match(gap) and same_kind:
                groups[-1].items.append(quantity)
                continue
        groups.append(Group([quantity]))
    return groups


def _roles(text: str, groups: list[Group]) -> bool:
    """Set each group's role; True when the sentence has an interception cue."""
    cues_found = []
    for regex, role in ((INTERCEPT_RE, "intercepted"), (LAUNCH_RE, "launched"), (LOST_RE, "lost")):
        for match in regex.finditer(text):
            cues_found.append((match.start(), match.end(), role))
    # a "lost" phrase wins over a "launched"/"destroyed" word inside it
    cues_found.sort()
    for index, group in enumerate(groups):
        first = group.items[0]
        if first.total_of:
            group.role = "launched"
            continue
        previous_end = groups[index - 1].end if index else 0
        next_start = groups[index + 1].start if index + 1 < len(groups) else len(text)
        best: tuple[int, str] | None = None
        has_own: bool | None = None  # a verb after this group, looked for when needed
        for start, end, role in cues_found:
            if previous_end <= start and end <= group.start:
                if index and _PREDICATE_GAP_RE.match(text, previous_end, start):
                    # "90 were shot down and 40 were lost": the verb right after the group
                    # before is that group's, when this group has a verb of its own
                    if has_own is None:
                        has_own = any(group.end <= s and e <= next_start for s, e, _ in cues_found)
                    if has_own:
                        continue
                distance = group.start - end
            elif group.end <= start and end <= next_start:
                distance = start - group.end
            else:
                continue
            # prefer "lost" over a more distant cue
            if best is None or distance < best[0]:
                best = (distance, role)
        if _TOTAL_BEFORE_PART_RE.match(text, group.end):
            # "... and 74 drones, of which air defences destroyed ...": a total
            best = (0, "launched")
        following = groups[index + 1] if index + 1 < len(groups) else None
        if best is None and following is not None and following.items[0].total_of:
            # "52 of the 61 missiles and 187 of the 194 drones were neutralised": the
            # verb after the pairs tells what the first numbers count
            after = [
                (start - group.end, role) for start, _, role in cues_found if start >= group.end
            ]
            best = min(after) if after else None
        if best is None:
            if _WHICH_RE.search(text[max(0, group.start - 20) : group.start]):
                best = (0, "intercepted")
            elif first.weapon is not None:
                best = (0, "launched")
        group.role = best[1] if best else None
        if first.none_of or first.all_of:
            group.role = "launched"
    return any(role == "intercepted" for _, _, role in cues_found)


@functools.lru_cache(maxsize=8192)  # pure; boilerplate sentences recur across articles
def _has_cue(text: str) -> bool:
    return bool(_HAS_CUE_STEM(text.lower())) and bool(_ANY_CUE_RE.search(text))


def find_interceptions(
    view: SentenceView, ctx: ArticleContext, resolve_claimant
) -> list[InterceptionDraft]:
    text = view.text
    if not _has_cue(text):
        return []
    if ctx.interceptions and "includ" in text and _BREAKDOWN_RE.search(text):
        return []  # "The downed missiles included 25 Kh-101 ...": the total, told again
    weapon_cues = view.weapons
    extra = [
        cues.Cue(m.start(), m.end(), "unknown", m.group(0)) for m in _AIR_MEANS_RE.finditer(text)
    ]
    weapon_cues = sorted(weapon_cues + extra, key=lambda c: c.start)
    quantities, region_counts = _quantities(text, weapon_cues)
    if not quantities:
        return _countless(view, ctx, resolve_claimant)
    groups = _groups(text, quantities)
    intercept_present = _roles(text, groups)
    per_weapon: dict[str, dict] = {}
    order: list[str] = []
    last_weapons: list[Quantity] = []
    for index, group in enumerate(groups):
        if group.role is None:
            continue
        following = groups[index + 1] if index + 1 < len(groups) else None
        if (
            following is not None
            and following.items[0].total_of
            and any(q.weapon is None for q in group.items)
        ):
            # "52 of the 61 missiles": the part counts what the total counts
            for quantity in group.items:
                if quantity.weapon is None:
                    quantity.weapon = following.items[0].weapon
                    quantity.model = following.items[0].model
        if all(q.weapon is not None for q in group.items):
            last_weapons = group.items
        elif last_weapons:
            # "43 missiles and 74 drones, 30 and 47 shot down": by position
            for position, quantity in enumerate(group.items):
                source = last_weapons[min(position, len(last_weapons) - 1)]
                quantity.weapon, quantity.model = source.weapon, source.model
        else:
            sole = {w.value for w in weapon_cues}
            if len(sole) != 1:
                continue
            for quantity in group.items:
                quantity.weapon = sole.pop() if sole else None
                sole = {w.value for w in weapon_cues}
        for quantity in group.items:
            if quantity.weapon is None:
                continue
            key = quantity.weapon
            slot = per_weapon.get(key)
            if slot is None:
                slot = {"launched": None, "intercepted": None, "lost": None, "model": None}
                per_weapon[key] = slot
                order.append(key)
            slot["model"] = slot["model"] or quantity.model
            role = group.role
            if slot[role] is None or (role == "launched" and quantity.total_of):
                slot[role] = quantity.value
            if quantity.all_of and intercept_present and slot["intercepted"] is None:
                slot["intercepted"] = quantity.value
            if quantity.none_of and intercept_present and slot["intercepted"] is None:
                slot["intercepted"] = 0
    # "unknown" totals ("117 air attack means") only when nothing more specific
    if len(order) > 1 and "unknown" in per_weapon:
        order.remove("unknown")
    drafts = []
    if not order:
        return _countless(view, ctx, resolve_claimant)
    claimant = resolve_claimant(view, (0, len(text)))
    attacker, defender = _sides(view, claimant, ctx)
    claimant = _speaking_for(claimant, defender)
    regions, complete = _regions(view, region_counts, intercept_present)
    date, precision = _date(view, ctx)
    for key in order:
        slot = per_weapon[key]
        tentative = (
            slot["intercepted"] is None
            and slot["lost"] is None
            and not _defender_report(text, claimant)
        )
        drafts.append(
            _sentence_draft(
                view,
                (date, precision),
                attacker=attacker,
                defender=defender,
                weapon=key,
                weapon_model=slot["model"],
                launched=slot["launched"],
                intercepted=slot["intercepted"],
                lost=slot["lost"],
                regions=regions if len(order) == 1 or key == order[0] else [],
                regions_complete=complete,
                claimant=claimant,
                discriminator=key,
                tentative=tentative,
            )
        )
    if all(draft.tentative for draft in drafts):
        drafts += _countless(view, ctx, resolve_claimant)
    return drafts


# Air defence at work, told without a count: "air defences shot down several drones
# over X", "a drone was downed over the capital", "repelled an attack by drones".
_COUNTLESS_RE = re.compile(
    r"\b(?:shot down|downed|intercepted|destroyed|repelled|neutrali[sz]ed)\s+"
    r"(?:(?:a|an|the|several|some|dozens of|multiple|numerous|many|massive|large|more|"
    r"attack|attacks|by|of|all|[\w-]+-type)\s+){0,5}(?P<a>drones?|UAVs?|missiles?)\b|"
    r"\b(?P<b>drones?|UAVs?|missiles?)\s+(?:was|were|had been|have been|has been)\s+"
    r"(?:\w+\s+)?(?:shot down|downed|intercepted|destroyed|neutrali[sz]ed|repelled)\b",
    re.IGNORECASE,
)
_MAY_NAME_A_WEAPON = stem_gate(("drone", "uav", "missile"))
_AIR_DEFENCE_RE = re.compile(r"\bair[- ]defen[cs]es?\b|\belectronic warfare\b", re.I)
# "did not say how many were intercepted", "whether any were shot down": no claim
_UNSAID_RE = re.compile(
    r"\bhow many\b|\bwhether\b|\b(?:did|does|do|could|would) not\b|n[’']t\b|\bunclear\b|"
    # "most of the missiles were shot down": a share of a count the sentence does not give
    r"\b(?:most|many|half|the majority|a majority) of\b",
    re.I,
)


def _countless(view: SentenceView, ctx: ArticleContext, resolve_claimant):
    """Interceptions a sentence tells without numbers: one claim per weapon kind, every
    count null, with the regions where they were downed. Air defence must be the one
    acting ("air defences shot down drones"), or the weapon the one downed ("a drone
    was downed"), so that "drones destroyed a depot" stays a strike."""
    text = view.text
    if not _MAY_NAME_A_WEAPON(text):
        return []
    found = [m for m in _COUNTLESS_RE.finditer(text)]
    if not found or _UNSAID_RE.search(text):
        return []
    passive = any(m.group("b") for m in found)
    if not passive and not _AIR_DEFENCE_RE.search(text):
        return []
    kinds: list[str] = []
    for match in found:
        start = match.start("a") if match.group("a") else match.start("b")
        cue = next((w for w in view.weapons if w.start <= start < w.end + 1), None)
        kind = cue.value if cue else ("drone" if "drone" in match.group(0).lower() else None)
        if kind and kind not in kinds:
            kinds.append(kind)
    if not kinds:
        return []
    claimant = resolve_claimant(view, (0, len(text)))
    attacker, defender = _sides(view, claimant, ctx)
    if defender is None:
        # air defence works over its own ground: the places named are the defender's
        home = {m.place.country for m in view.places if m.place.country in OPPONENT}
        if len(home) == 1:
            defender = home.pop()
            attacker = attacker if attacker != defender else None
            attacker = attacker or OPPONENT[defender]
    claimant = _speaking_for(claimant, defender)
    regions, complete = _regions(view, [], True)
    dated = _date(view, ctx)
    return [
        _sentence_draft(
            view,
            dated,
            attacker=attacker,
            defender=defender,
            weapon=kind,
            weapon_model=None,
            launched=None,
            intercepted=None,
            lost=None,
            regions=regions if index == 0 else [],
            regions_complete=complete,
            claimant=claimant,
            discriminator=f"countless:{kind}",
        )
        for index, kind in enumerate(kinds)
    ]


def _speaking_for(claimant, defender: str | None):
    """A claimant of no known side reporting air defence (an unnamed ministry, "the
    Air Force") speaks for the side that faced the attack."""
    if claimant is not None and claimant.side is None and defender is not None:
        return type(claimant)(claimant.name, claimant.role, defender)
    return claimant


def _sentence_draft(view: SentenceView, dated: tuple, **fields) -> InterceptionDraft:
    """A draft claim of the sentence `view`, dated (date, precision)."""
    sentence = view.sentence
    return InterceptionDraft(
        start=sentence.start,
        end=sentence.end,
        paragraph=sentence.paragraph,
        caption=view.kind == "caption",
        date=dated[0],
        date_precision=dated[1],
        **fields,
    )


def _defender_report(text: str, claimant) -> bool:
    """A launch count alone is an interception claim when the side attacked reports it."""
    if claimant is not None and _DEFENDER_REPORT_NAME_RE.search(claimant.name or ""):
        return True
    # a head of state or defence minister giving the attacks his country faced
    if claimant is not None and re.search(
        r"\bpresident\b|\bdefen[cs]e minister|\bcommander", claimant.role or "", re.I
    ):
        return True
    return bool(_DEFENDER_REPORT_TEXT_RE.search(text))


def _sides(view: SentenceView, claimant, ctx: ArticleContext) -> tuple[str | None, str | None]:
    text = view.text
    attribution_spans = [(a.start, a.end) for a in view.attributions]
    attackers = cues.attacker_cues(text)
    defenders = cues.defender_cues(text)
    attacker = attackers[0].value if attackers else None
    defender = defenders[0].value if defenders else None
    if attacker is None:
        enemy = cues.enemy_cue(text, lambda: voice_side(claimant, ctx))
        enemy = enemy or cues.model_side_cue(text)
        attacker = enemy.value if enemy else None
    if defender is None:
        downed = [
            m
            for m in view.places
            if m.place.country in OPPONENT
            and m.place.kind != "country"
            and not cues.overlaps((m.start, m.end), attribution_spans)
            and _DOWNED_OVER_RE.search(text[max(0, m.start - 60) : m.start])
        ]
        if claimant is not None and claimant.side in OPPONENT:
            defender = claimant.side
        elif downed and downed[0].place.country != attacker:
            # (an attacker's weapon downed over occupied land, "ATACMS over Crimea",
            # leaves the attacker to decide)
            defender = downed[0].place.country
        elif attacker in OPPONENT:
            defender = OPPONENT[attacker]
    if attacker is None and defender in OPPONENT:
        attacker = OPPONENT[defender]
    if attacker is not None and attacker == defender:
        attacker = OPPONENT.get(defender)
    if defender is None and attacker is None and _local_voice(claimant):
        # "Governor X said air defence destroyed the drones": over the ground he governs,
        # where the article's strike was
        focus = ctx.focus.place if ctx.focus is not None else None
        if focus is not None and focus.country in OPPONENT:
            defender, attacker = focus.country, OPPONENT[focus.country]
    if defender is None and attacker is None:
        attacker = ctx.dominant_attacker.get(None)
        defender = OPPONENT.get(attacker) if attacker else None
    return attacker, defender


def _local_voice(claimant) -> bool:
    return (
        claimant is not None
        and claimant.side is None
        and bool(LOCAL_ROLE_RE.search((claimant.role or "").lower()))
    )


def _regions(view: SentenceView, region_counts, intercept_present: bool):
    text = view.text
    regions: list[tuple[str, int | None]] = []
    seen = set()
    for number, end in region_counts:
        place = next((m for m in view.places if end <= m.start < end + 60), None)
        if place is None:
            continue
        name = _region_name(place.place)
        if name not in seen:
            regions.append((name, number.value))
            seen.add(name)
    complete = True
    # "over various regions, including Kyiv, Poltava and Odesa"
    if intercept_present:
        for mention in view.places:
            if mention.place.kind == "country":
                continue
            before = text[max(0, mention.start - 90) : mention.start]
            if _OVER_BEFORE_RE.search(before) and not _FROM_BEFORE_RE.search(before):
                name = _region_name(mention.place)
                if name not in seen:
                    regions.append((name, None))
                    seen.add(name)
                    if _INCLUDING_RE.search(before):
                        complete = False
    if regions and _INCOMPLETE_RE.search(text):
        complete = False
    if regions and _OF_THEM_OVER_RE.search(text):
        complete = False
    return regions, complete


def _region_name(place) -> str:
    if place.kind in {"region", "sea"}:
        return place.name
    return place.admin1 or place.name


def _date(view: SentenceView, ctx: ArticleContext) -> tuple[dt.date | None, str]:
    """The attack night: a date given with an evening time is the next day's night."""
    for mention in view.dates:
        if mention.kind == "event":
            if ctx.narrative_date:
                return (
                    ctx.narrative_date[0] + dt.timedelta(days=mention.offset),
                    ctx.narrative_date[1],
                )
            continue
        if mention.date is None:
            return None, mention.precision
        phrase = view.text[max(0, mention.start - 25) : mention.end + 10]
        named_day = _NAMED_DAY_RE.search(view.text[mention.start : mention.end])
        if (
            named_day
            and mention.precision == "day"
            and _EVENING_RE.search(phrase)
            and not _NIGHT_PHRASE_RE.search(phrase)
        ):
            # "from 6 p.m. on Monday", "on Monday night": the attack night is Tuesday
            return mention.date + dt.timedelta(days=1), "day"
        return mention.date, mention.precision
    if ctx.narrative_date:
        return ctx.narrative_date
    if ctx.anchor:
        return ctx.anchor, "day"
    return None, "unknown"
