"""Working objects of the rule extractor: sentence views, claim drafts, article context.

Drafts are mutable (follow-up sentences complete them: "Busargin confirmed the
facility was destroyed"); the assembly turns them into contract models at the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ingest.extractors.rules import cues
from ingest.extractors.rules.dates import DateMention
from ingest.extractors.rules.gazetteer import PlaceMention, PlaceRef
from ingest.extractors.rules.people import Attribution, Claimant, Person
from ingest.extractors.rules.text import Sentence


class _cached:
    """`functools.cached_property` without its per-instance lock (Python 3.11 takes
    one on every first read): the value is stored in the instance's `__dict__`, which
    then shadows this non-data descriptor. Views are read by one thread."""

    def __init__(self, function) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = self.function(instance)
        instance.__dict__[self.name] = value
        return value


class SentenceView:
    """A sentence with what the shared finders read in it (offsets sentence-relative).

    Cues that several finders need are computed once, on first use."""

    def __init__(
        self,
        sentence: Sentence,
        places: list[PlaceMention],
        dates: list[DateMention],
        attributions: list[Attribution],
        persons: list[Person],
    ) -> None:
        self.sentence = sentence
        self.places = places
        self.dates = dates
        self.attributions = attributions
        self.persons = persons
        self.text: str = sentence.text
        self.kind: str = sentence.kind

    @_cached
    def weapons(self):
        return cues.weapons(self.text)

    @_cached
    def all_targets(self):
        return cues.targets(self.text)

    @_cached
    def attacker_cues(self):
        # a tuple, so that the cache takes it as its key without a failed first try
        return cues.attacker_cues(self.text, tuple((a.start, a.end) for a in self.attributions))


@dataclass(slots=True)
class StrikeDraft:
    start: int
    end: int
    paragraph: int
    caption: bool
    date: dt.date | None
    date_precision: str
    attacker: str | None
    weapon: str
    place: PlaceRef | None
    target_name: str | None
    target_type: str
    target_count: int | None
    outcome: str
    killed: int | None
    injured: int | None
    claimant: Claimant | None
    discriminator: str = ""


@dataclass(slots=True)
class InterceptionDraft:
    start: int
    end: int
    paragraph: int
    caption: bool
    date: dt.date | None
    date_precision: str
    attacker: str | None
    defender: str | None
    weapon: str
    weapon_model: str | None
    launched: int | None
    intercepted: int | None
    lost: int | None
    regions: list[tuple[str, int | None]]
    regions_complete: bool
    claimant: Claimant | None
    window_start: dt.datetime | None = None
    window_end: dt.datetime | None = None
    discriminator: str = ""
    # a launch count nobody reports as faced ("Russia launched 315 drones"): a claim only
    # once a neighbouring sentence gives what became of them ("277 were shot down")
    tentative: bool = False


@dataclass(slots=True)
class VisitDraft:
    start: int
    end: int
    paragraph: int
    caption: bool
    date: dt.date | None
    date_precision: str
    visitor_name: str
    visitor_role: str | None
    visitor_country: str | None
    destination: PlaceRef
    kind: str
    announced: bool | None
    topics: list[str]
    claimant: Claimant | None
    discriminator: str = ""


@dataclass(slots=True)
class ArticleContext:
    """What the reader remembers while going through an article in order."""

    anchor: dt.date | None
    # the side of the outlet when it is an institution (an air force's own post)
    voice_side: str | None = None
    persons: list[Person] = field(default_factory=list)
    last_person: Person | None = None
    last_institution: Claimant | None = None
    narrative_date: tuple[dt.date, str] | None = None
    section_place: PlaceRef | None = None
    section_paragraph: int = -1
    focus: StrikeDraft | None = None
    focus_paragraph: int = -1
    paragraph_place: PlaceRef | None = None
    paragraph_index: int = -1
    paragraph_weapon: str | None = None
    paragraph_attacker: str | None = None
    # the paragraph's last sentence with a speaker (a SentenceView until resolved)
    paragraph_speaker: object = None
    dominant_weapon: str | None = None
    dominant_attacker: dict[str | None, str] = field(default_factory=dict)
    last_visit: VisitDraft | None = None
    strikes: list[StrikeDraft] = field(default_factory=list)
    interceptions: list[InterceptionDraft] = field(default_factory=list)
    visits: list[VisitDraft] = field(default_factory=list)
