"""What the series importers share: the items they yield, their tally, time helpers.

An importer yields exactly one item per input row, so a run can always be balanced:
rows read = records + exact duplicates + skipped + rejected.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ingest.contract import DatePrecision

KYIV = ZoneInfo("Europe/Kyiv")
MSK = dt.timezone(dt.timedelta(hours=3), "MSK")

# The attack night D runs from D-1 18:00 to D 18:00 Kyiv time (see the shared brief).
_NIGHT_SHIFT = dt.timedelta(hours=6)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row the importer refuses, with its reason (mirrors ingest.load.Rejected).

    Kept separate so that reading a file does not import DuckDB; the command turns it
    into the loader's type.
    """

    line_number: int
    raw_line: str
    reason: str


@dataclass(frozen=True, slots=True)
class RecordLine:
    """One contract record, serialised as one JSON line."""

    line_number: int
    json_line: str
    claims: int


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row deliberately not turned into a record, counted under `category`."""

    line_number: int
    category: str
    detail: str = ""


DUPLICATE = "exact duplicate"

ImportItem = RecordLine | Skipped | Rejected


@dataclass
class ImportSummary:
    """Counts of one importer run; `balanced` is the invariant the command prints."""

    rows_read: int = 0
    records: int = 0
    claims: int = 0
    duplicates: int = 0
    rejected: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    rejection_reasons: Counter[str] = field(default_factory=Counter)

    def add(self, item: ImportItem) -> None:
        self.rows_read += 1
        if isinstance(item, RecordLine):
            self.records += 1
            self.claims += item.claims
        elif isinstance(item, Skipped):
            if item.category == DUPLICATE:
                self.duplicates += 1
            else:
                self.skipped[item.category] += 1
        else:
            self.rejected += 1
            self.rejection_reasons[item.reason.split(":")[0]] += 1

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.records + self.duplicates + self.skipped_total + self.rejected


# A window longer than this is a tally over several nights ("с 20 часов 20 мая до 8
# часов 23 мая"): its claim is dated to the midpoint's night with week precision, so it
# is not taken for one night's figure.
LONGEST_NIGHT = dt.timedelta(hours=30)


def night_precision(start: dt.datetime | None, end: dt.datetime | None) -> DatePrecision:
    if start is not None and end is not None and end - start > LONGEST_NIGHT:
        return DatePrecision.week
    return DatePrecision.day


def attack_night(start: dt.datetime, end: dt.datetime | None = None) -> dt.date:
    """The attack night of a window: date(Kyiv local time of its midpoint + 6 h)."""
    end = end or start
    midpoint = start + (end - start) / 2
    return (midpoint.astimezone(KYIV) + _NIGHT_SHIFT).date()


@dataclass(frozen=True, slots=True)
class CsvRow:
    line_number: int  # physical line where the row starts (1 = header)
    raw: str  # the row exactly as in the file, without its final line break
    values: dict[str, str]


def iter_csv_rows(path: Path | str) -> Iterator[CsvRow]:
    """Rows of a UTF-8 CSV with a header, each with its own raw text and start line.

    Quoted fields may hold line breaks (the ministry's snippets do), so raw text is
    collected from the lines the csv module actually consumed.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        consumed: list[str] = []

        def lines() -> Iterator[str]:
            for line in handle:
                consumed.append(line)
                yield line

        reader = csv.reader(lines())
        header = next(reader, None)
        if header is None:
            return
        line_number = len(consumed) + 1
        consumed.clear()
        for values in reader:
            raw = "".join(consumed).rstrip("\r\n")
            span = len(consumed)
            consumed.clear()
            if not values or not any(value.strip() for value in values):
                line_number += span
                continue
            padded = values + [""] * (len(header) - len(values))
            row = dict(zip(header, padded, strict=False))
            if len(values) > len(header):
                row["__extra__"] = ",".join(values[len(header) :])
            yield CsvRow(line_number, raw, row)
            line_number += span


class ReferenceTableError(ValueError):
    """A reference table the importers need is missing columns (e.g. overwritten)."""


def read_reference(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of one of the project's reference tables, after checking its header."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in columns if column not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceTableError(
                f"{path} lacks column(s) {', '.join(missing)}: restore it from the repository"
            )
        return list(reader)


def read_header(path: Path | str) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])
