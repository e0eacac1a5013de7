"""Event dates anchored on the publication date.

News dates an event relative to when it is published: "overnight", "on Tuesday",
"January 8", "last week". Each phrase resolves against `anchor` (the local date of
`published_at`); without an anchor, phrases that need one resolve to no date with
precision "unknown". Event-relative phrases ("hours after the attacks", "a day
after the strike") are returned as offsets from the article's narrative date, which
the record assembly keeps.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from ingest.extractors.rules.fastre import any_of, fast
from ingest.extractors.rules.memo import list_cache

MONTH_NUMBERS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MONTH = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
# "the night of January 13-14" / "night of 13 to 14 January": the night is the later day.
NIGHT_RANGE_RE = fast(
    re.compile(
        rf"\bnight of (?:{_MONTH}\s+(?P<d1>\d{{1,2}})\s*(?:-|–|to|into)\s*(?P<d2>\d{{1,2}})|"
        rf"(?P<d3>\d{{1,2}})\s*(?:-|–|to|into)\s*(?P<d4>\d{{1,2}})\s+{_MONTH2}){_YEAR}",
        re.IGNORECASE,
    )
)
MONTH_DAY_RE = fast(
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b{_YEAR}", re.IGNORECASE)
)
DAY_MONTH_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b{_YEAR}", re.IGNORECASE
)
ISO_RE = fast(re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})-(?P<day>\d{2})\b"))
DOTTED_RE = re.compile(r"\b(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>(?:19|20)\d{2})\b")
# read in every sentence with a digit: wrapped to try number starts only (see `fastre`)
DOTTED_RE = fast(DOTTED_RE)
WEEKDAY_RE = fast(
    re.compile(
        r"\b(?P<last>last |this past |past )?(?P<wd>monday|tuesday|wednesday|thursday|friday|"
        r"saturday|sunday)(?P<night>(?:'s)? night| evening)?\b",
        re.IGNORECASE,
    )
)
NIGHT_INTO_RE = re.compile(
    r"\b(?:overnight|(?:the |on the )?night(?: of (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday))?)\s+(?:into|to)\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b",
    re.IGNORECASE,
)
RELATIVE_RE = fast(
    re.compile(
        r"\b(?P<phrase>overnight|last night|during the night|at night|this morning|"
        r"early (?:this|today's) morning|earlier today|today|tonight|yesterday|"
        r"the day before yesterday|two days ago|three days ago|last week|this week|"
        r"the (?:past|last) (?:week|seven days)|this past week|"
        r"(?:over|at|during) the weekend|this weekend|last weekend|two weeks ago|"
        r"earlier this week|earlier this month|this month|last month|earlier this year|"
        r"this year|last year|on the eve)\b",
        re.IGNORECASE,
    )
)
MONTH_ONLY_RE = fast(
    re.compile(rf"\b(?:in|since|during|early|late|mid-)\s*{_MONTH}{_YEAR}\b", re.IGNORECASE)
)
EVENT_RELATIVE_RE = fast(
    re.compile(
        r"\b(?P<phrase>hours after|shortly after|soon after|minutes after|just after|"
        r"the same day|later that day|later the same day|that day|the next day|the following day|"
        r"a day later|the day after|a day after|a day before|two days after|the previous day|"
        r"the day before|a day earlier|two days earlier|three days earlier|two days before|"
        r"three days before)\b(?P<rest>[^.;]{0,40})",
        re.IGNORECASE,
    )
)
_EVENT_WORDS_RE = fast(
    re.compile(r"\b(?:attacks?|strikes?|raids?|assault|bombardment|shelling)\b", re.I)
)


_DIGIT_RE = re.compile(r"\d")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_HAS_MONTH_STEM = any_of(_MONTH_STEMS)
# the words whose presence lets the relative and the event-relative patterns run
_MAY_BE_RELATIVE = any_of(
    ("night", "morning", "today", "yesterday", "week", "days", "month", "year", "eve", "ago")
)
_MAY_BE_EVENT = any_of(("after", "before", "day", "later"))


@dataclass(frozen=True, slots=True)
class DateMention:
    date: dt.date | None
    precision: str  # day | week | month | year | unknown
    start: int
    end: int
    # "absolute" (names the day), "relative" (from the anchor), "event" (offset from the
    # narrative date, in `offset` days)
    kind: str = "absolute"
    offset: int = 0


def _month_day(year: int | None, month: int, day: int, anchor: dt.date | None) -> dt.date | None:
    """A month-day without a year takes the anchor's year, or the year before when it
    would otherwise lie more than a week after publication."""
    if year is None:
        if anchor is None:
            return None
        year = anchor.year
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate > anchor + dt.timedelta(days=7):
            try:
                candidate = dt.date(year - 1, month, day)
            except ValueError:
                return None
        return candidate
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday(anchor: dt.date, weekday: int, last: bool) -> dt.date:
    """The latest such weekday on or before the anchor ("last Tuesday" skips today)."""
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and last:
        back = 7
    return anchor - dt.timedelta(days=back)


def _relative(phrase: str, anchor: dt.date | None) -> tuple[dt.date | None, str]:
    phrase = phrase.lower()
    if anchor is None:
        return None, "unknown"
    if phrase in {"yesterday", "on the eve"}:
        return anchor - dt.timedelta(days=1), "day"
    if phrase == "the day before yesterday" or phrase == "two days ago":
        return anchor - dt.timedelta(days=2), "day"
    if phrase == "three days ago":
        return anchor - dt.timedelta(days=3), "day"
    if phrase == "last week":
        return anchor - dt.timedelta(days=7), "week"
    if phrase in {"this week", "earlier this week"}:
        return anchor, "week"
    if phrase.endswith("weekend"):
        # the Saturday of the latest weekend before publication (the one before it when
        # "last weekend" is said on a weekend day)
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        if phrase == "last weekend" and anchor.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        return saturday, "week"
    if phrase == "two weeks ago":
        return anchor - dt.timedelta(days=14), "week"
    if phrase.endswith(("past week", "last week", "seven days")):
        # the seven days up to publication, dated by their first day
        return anchor - dt.timedelta(days=6), "week"
    if phrase in {"this month", "earlier this month"}:
        return anchor.replace(day=1), "month"
    if phrase == "last month":
        first = anchor.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1), "month"
    if phrase in {"this year", "earlier this year"}:
        return anchor.replace(month=1, day=1), "year"
    if phrase == "last year":
        return dt.date(anchor.year - 1, 1, 1), "year"
    # overnight, last night, this morning, today: the attack night of publication
    return anchor, "day"


_EVENT_OFFSETS = {
    "the next day": 1,
    "the following day": 1,
    "a day later": 1,
    "the day after": 1,
    "a day after": 1,
    "a day before": -1,
    "two days after": 2,
    "the previous day": -1,
    "the day before": -1,
    "a day earlier": -1,
    "two days earlier": -2,
    "two days before": -2,
    "three days earlier": -3,
    "three days before": -3,
}


@list_cache()
def find_dates(text: str, anchor: dt.date | None) -> list[DateMention]:
    """Every date phrase in `text`, resolved, in order of position."""
    return [_resolve(phrase, anchor) for phrase in _date_phrases(text)]


# A date phrase as read, before the anchor resolves it: (start, end, kind, offset, how,
# values). Which phrases a sentence holds does not depend on the anchor, so they are
# read once per sentence text and resolved per article (a sentence recurs across
# articles published on different days).
_Phrase = tuple[int, int, str, int, str, tuple]


def _resolve(phrase: _Phrase, anchor: dt.date | None) -> DateMention:
    start, end, kind, offset, how, values = phrase
    if how == "month_day":  # (year or None, month, day)
        date = _month_day(*values, anchor)
        return DateMention(date, "day" if date else "unknown", start, end, kind, offset)
    if how == "weekday":  # (weekday, last)
        if anchor is None:
            return DateMention(None, "unknown", start, end, kind, offset)
        return DateMention(_weekday(anchor, *values), "day", start, end, kind, offset)
    if how == "month":  # (month, year or None)
        month, year = values
        if year is None:
            if anchor is None:
                return DateMention(None, "unknown", start, end, kind, offset)
            year = anchor.year if month <= anchor.month else anchor.year - 1
        return DateMention(dt.date(year, month, 1), "month", start, end, kind, offset)
    if how == "relative":  # (phrase,)
        date, precision = _relative(values[0], anchor)
        return DateMention(date, precision, start, end, kind, offset)
    # "fixed": (date, precision), the same for every anchor
    return DateMention(values[0], values[1], start, end, kind, offset)


@functools.lru_cache(maxsize=8192)  # pure; the result is an immutable tuple
def _date_phrases(text: str) -> tuple[_Phrase, ...]:
    """The date phrases of `text` in order of position (see `_Phrase`)."""
    found: list[_Phrase] = []
    taken: list[tuple[int, int]] = []
    lower = text.lower()
    has_digit = _DIGIT_RE.search(text) is not None
    has_month = _HAS_MONTH_STEM(lower) is not None

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(start: int, end: int, how: str, values: tuple, kind: str = "absolute") -> None:
        found.append((start, end, kind, 0, how, values))
        taken.append((start, end))

    for match in NIGHT_RANGE_RE.finditer(text) if "night of" in lower else ():
        month = MONTH_NUMBERS[(match.group("month") or match.group("month2")).lower().rstrip(".")]
        day = int(match.group("d2") or match.group("d4"))
        year = int(match.group("year")) if match.group("year") else None
        add(match.start(), match.end(), "month_day", (year, month, day))
    for regex in (ISO_RE, DOTTED_RE) if has_digit else ():
        for match in regex.finditer(text):
            if not free(*match.span()):
                continue
            # the year is written: the anchor plays no part
            date = _month_day(
                int(match.group("year")), int(match.group("mon")), int(match.group("day")), None
            )
            if date:
                add(match.start(), match.end(), "fixed", (date, "day"))
    for regex in (MONTH_DAY_RE, DAY_MONTH_RE) if has_digit and has_month else ():
        for match in regex.finditer(text):
            if not free(*match.span()):
                continue
            # "may 5" in lower case is the verb "may" before a number, not May
            if regex is MONTH_DAY_RE and match.group("month") == "may":
                continue
            year = int(match.group("year")) if match.group("year") else None
            month = MONTH_NUMBERS[match.group("month").lower().rstrip(".")]
            add(match.start(), match.end(), "month_day", (year, month, int(match.group("day"))))
    # "overnight into Saturday", "the night of Friday to Saturday": the later day
    for match in NIGHT_INTO_RE.finditer(text) if "day" in lower and "night" in lower else ():
        if not free(*match.span()):
            continue
        weekday = WEEKDAYS[match.group("wd").lower()]
        add(match.start(), match.end(), "weekday", (weekday, False), "relative")
    for match in WEEKDAY_RE.finditer(text) if "day" in lower else ():
        if not free(*match.span()):
            continue
        weekday = WEEKDAYS[match.group("wd").lower()]
        add(match.start(), match.end(), "weekday", (weekday, bool(match.group("last"))), "relative")
    for match in MONTH_ONLY_RE.finditer(text) if has_month else ():
        if not free(*match.span()):
            continue
        month = MONTH_NUMBERS[match.group("month").lower().rstrip(".")]
        year = int(match.group("year")) if match.group("year") else None
        add(match.start(), match.end(), "month", (month, year))
    for match in RELATIVE_RE.finditer(text) if _MAY_BE_RELATIVE(lower) else ():
        if not free(*match.span()):
            continue
        add(match.start(), match.end(), "relative", (match.group("phrase"),), "relative")
    for match in EVENT_RELATIVE_RE.finditer(text) if _MAY_BE_EVENT(lower) else ():
        if not free(*match.span("phrase")):
            continue
        phrase = match.group("phrase").lower()
        # "a day after NATO chief Mark Rutte told ..." dates nothing we know
        if (
            phrase in _EVENT_OFFSETS
            and not _EVENT_WORDS_RE.search(match.group("rest"))
            and phrase not in {"the next day", "the following day", "a day later"}
        ):
            continue
        offset = _EVENT_OFFSETS.get(phrase, 0)
        found.append((match.start(), match.end("phrase"), "event", offset, "fixed", (None, "day")))
        taken.append((match.start(), match.end("phrase")))
    found.sort(key=lambda phrase: phrase[0])
    return tuple(found)
