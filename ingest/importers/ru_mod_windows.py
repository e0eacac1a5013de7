"""The reporting window a ministry post states, in Moscow time.

"В период с 20.00 до 23.00 мск", "с 20.00 мск 5 июня до 04.20 мск 6 июня", "около
12.15 мск", "с 20.00 мск до полуночи"; a post that says only "в течение прошедшей ночи"
has no window (its attack night comes from the time it was posted).
"""

from __future__ import annotations

import datetime as dt
import re

from ingest.importers.series import MSK

MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip
# The lead of a post, where the window is stated.
LEAD_CHARS = 280

_TIME = (
    r"(\d{1,2})[.:](\d{2})|(\d{1,2})\s+час\w*(?:\s+(?:утра|дня|вечера|ночи))?|(полуноч\w*|полночь)"
)
_WORD_DATE = r"\d{1,2}\s+(?:" + "|".join(MONTHS) + r")(?:\s+\d{4}\s*г\.?)?(?:\s*[тс]\.\s*г\.)?"
# "с 23:00 мск 06.10 до 07:00 мск 07.10": day.month after a time
_NUMERIC_DATE = r"\d{1,2}\.\d{2}(?:\.\d{2,4})?(?![\d:])"
_DATE = rf"(?:{_WORD_DATE})"
_DATE_AFTER_TIME = rf"(?:{_WORD_DATE}|{_NUMERIC_DATE})"
_MSK = r"(?:\s*мск\.?)?"
_RANGE = re.compile(
    rf"(?:(?P<date0>{_DATE})\s+)?(?:в\s+период\s+|за\s+период\s+)?[сc]\s+(?P<t1>{_TIME}){_MSK}"
    rf"(?:\s+(?P<date1>{_DATE_AFTER_TIME}))?\s+(?:до|по)\s+(?P<t2>{_TIME}){_MSK}"
    rf"(?:\s+(?P<date2>{_DATE_AFTER_TIME}))?",
    re.IGNORECASE,
)
# "В период с 20.00 мск 28 мая дежурными ...", "после 18.40 мск": open until the post
_SINCE = re.compile(
    rf"(?:(?:в\s+период\s+|за\s+период\s+)?[сc]|после)\s+(?P<t1>{_TIME}){_MSK}"
    rf"(?:\s+(?P<date1>{_DATE_AFTER_TIME}))?(?!\s+(?:до|по)\s)",
    re.IGNORECASE,
)
_POINT = re.compile(
    rf"(?:(?P<date0>{_DATE})\s+)?(?:(?:сегодня|ночью|утром|днем|днём|вечером)\s+)?"
    rf"(?:о\s?коло|в\s+районе|в)\s+(?P<t1>{_TIME}){_MSK}",
    re.IGNORECASE,
)


def _clock(fragment: str) -> tuple[int, int] | None:
    """(hour, minute) of a time fragment; midnight is (24, 0) as an end, (0, 0) as a start."""
    fragment = fragment.strip().lower()
    if fragment.startswith("полноч") or fragment.startswith("полуноч"):
        return (24, 0)
    match = re.match(r"(\d{1,2})[.:](\d{2})", fragment)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
    else:
        match = re.match(r"(\d{1,2})\s+час", fragment)
        if not match:
            return None
        hour, minute = int(match.group(1)), 0
        if "вечера" in fragment and hour < 12:
            hour += 12
    if hour > 24 or minute > 59:
        return None
    return hour, minute


def _date_near(anchor: dt.date, fragment: str | None) -> dt.date | None:
    """The date a fragment names ("5 июня", "06.10"), in the year closest to `anchor`."""
    if not fragment:
        return None
    fragment = fragment.strip()
    match = re.match(rf"(\d{{1,2}})\s+({'|'.join(MONTHS)})", fragment, re.IGNORECASE)
    numeric = re.match(r"(\d{1,2})\.(\d{2})", fragment)
    if match:
        day, month = int(match.group(1)), MONTHS[match.group(2).lower()]
    elif numeric:
        day, month = int(numeric.group(1)), int(numeric.group(2))
    else:
        return None
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: abs((candidate - anchor).days))


def _at(day: dt.date, clock: tuple[int, int]) -> dt.datetime:
    hour, minute = clock
    base = dt.datetime(day.year, day.month, day.day, tzinfo=MSK)
    return base + dt.timedelta(hours=hour, minutes=minute)


def parse_window(
    masked: str, published_at: dt.datetime
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The reporting window the post states, in Moscow time (+03:00), or (None, None).

    Times without a date belong to the day of publication (Moscow time); a window that
    would end after the post was published belongs to the day before, and one that
    runs past midnight ("с 20.00 до 04.20") starts the day before it ends.
    """
    lead = masked[:LEAD_CHARS]
    posted = published_at.astimezone(MSK)
    anchor = posted.date()
    match = _RANGE.search(lead)
    if match:
        first = _clock(match.group("t1"))
        second = _clock(match.group("t2"))
        if first is None or second is None:
            return None, None
        if match.group("t1").strip().lower().startswith("полуноч"):
            first = (0, 0)  # "с полуночи" starts the day; "с 24.00 12 апреля" ends it
        start_day = _date_near(anchor, match.group("date1") or match.group("date0"))
        end_day = _date_near(anchor, match.group("date2") or match.group("date0"))
        end_day = end_day or start_day or anchor
        start_day = start_day or end_day
        start = _at(start_day, first)
        end = _at(end_day, second)
        explicit = match.group("date0") or match.group("date1") or match.group("date2")
        if end < start and not explicit:
            start -= dt.timedelta(days=1)
        if not explicit and end > posted + dt.timedelta(hours=1):
            start -= dt.timedelta(days=1)
            end -= dt.timedelta(days=1)
        if end < start:
            return None, None
        return start, end
    match = _SINCE.search(lead)
    if match:
        clock = _clock(match.group("t1"))
        if clock is None or match.group("t1").strip().lower().startswith("полуноч"):
            clock = (0, 0) if clock is not None else None
        if clock is None:
            return None, None
        day = _date_near(anchor, match.group("date1")) or anchor
        start = _at(day, clock)
        end = posted.replace(second=0, microsecond=0)
        if not match.group("date1") and start > end:
            start -= dt.timedelta(days=1)
        return (start, end) if start <= end else (None, None)
    match = _POINT.search(lead)
    if match:
        clock = _clock(match.group("t1"))
        if clock is None or clock == (24, 0):
            return None, None
        day = _date_near(anchor, match.group("date0")) or anchor
        moment = _at(day, clock)
        if not match.group("date0") and moment > posted + dt.timedelta(hours=1):
            moment -= dt.timedelta(days=1)
        return moment, moment
    return None, None
