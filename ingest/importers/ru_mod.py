"""`warehouse import ru-mod`: the Russian Defence Ministry's Telegram posts as claims.

Input: the scraped CSV (`date`, `datetime` in UTC, `drone_count`, `oblasts`,
`text_snippet`). Each air-defence bulletin becomes one contract record holding one
interception claim per weapon kind (attacker UA, defender RU, claimed by the ministry);
every other post is skipped and counted. The file's own `drone_count` and `oblasts`
columns are another extractor's output and are not used (see ru_mod_accuracy).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ingest.contract import (
    SCHEMA_VERSION,
    Article,
    Claimant,
    Evidence,
    ExtractionRecord,
    Extractor,
    InterceptionClaim,
    RegionCount,
    article_id_for,
    claim_id_for,
    text_sha256,
)
from ingest.importers.ru_mod_bulletin import Bulletin, parse_bulletin
from ingest.importers.series import (
    DUPLICATE,
    CsvRow,
    ImportItem,
    RecordLine,
    Rejected,
    Skipped,
    attack_night,
    iter_csv_rows,
    night_precision,
    read_header,
)

EXTRACTOR = Extractor(name="ru-mod-importer", version="1.0.0")
# Fixed per importer version, so that one input always gives byte-identical output.
EXTRACTED_AT = dt.datetime(2026, 4, 20, tzinfo=dt.UTC)
OUTLET = "Russian Ministry of Defence"
CLAIMANT = Claimant(name=OUTLET, role="ministry of defence", side="RU")
CHANNEL = "mod_russia"
REQUIRED_COLUMNS = ("datetime", "text_snippet")


class ImportFileError(ValueError):
    """The file is not what this importer reads (wrong columns)."""


def check_header(path: Path | str) -> None:
    header = read_header(path)
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportFileError(
            f"{path} is not a ministry posts file: missing column(s) {', '.join(missing)} "
            f"(found {', '.join(header) or 'no header'})"
        )


def parse_posted_at(value: str) -> dt.datetime:
    """The scrape's `datetime` is UTC ("2025-03-28 04:26"): a window "с 21.00 до
    21.55 мск" is posted at 19:10, i.e. after it ends only if 19:10 is UTC."""
    posted = dt.datetime.fromisoformat(value.strip())
    if posted.tzinfo is None:
        posted = posted.replace(tzinfo=dt.UTC)
    return posted


def iter_import(path: Path | str) -> Iterator[ImportItem]:
    """One item per row: a record, a skip (not a bulletin, duplicate) or a rejection."""
    check_header(path)
    first_line_of: dict[str, int] = {}
    for row in iter_csv_rows(path):
        yield _item(row, first_line_of)


def _item(row: CsvRow, first_line_of: dict[str, int]) -> ImportItem:
    if row.raw in first_line_of:
        return Skipped(row.line_number, DUPLICATE, f"of line {first_line_of[row.raw]}")
    first_line_of[row.raw] = row.line_number
    if "__extra__" in row.values:
        return Rejected(row.line_number, row.raw, "malformed row: more fields than the header")
    try:
        posted = parse_posted_at(row.values["datetime"])
    except ValueError:
        return Rejected(
            row.line_number,
            row.raw,
            f"bad datetime: {row.values['datetime']!r} is not 'YYYY-MM-DD HH:MM'",
        )
    text = row.values["text_snippet"]
    if not text.strip():
        return Skipped(row.line_number, "not a bulletin: empty post")
    bulletin = parse_bulletin(text, posted)
    if not bulletin.is_bulletin:
        return Skipped(row.line_number, f"not a bulletin: {bulletin.reason}")
    record = build_record(text, posted, bulletin)
    return RecordLine(row.line_number, record.model_dump_json(), len(record.interceptions))


def build_record(text: str, posted: dt.datetime, bulletin: Bulletin) -> ExtractionRecord:
    stamp = posted.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    # The ministry repeats one-line bulletins word for word on other days, so the
    # post's id takes its channel and time as well as its text.
    article_id = article_id_for(text=f"{CHANNEL}|{stamp}|{text}")
    article = Article(
        article_id=article_id,
        url=None,
        outlet=OUTLET,
        title=f"Russian Ministry of Defence Telegram post, {stamp} UTC",
        published_at=posted,
        language="ru",
        text_sha256=text_sha256(text),
        text=text,
    )
    start, end = bulletin.evidence_start, bulletin.evidence_end
    evidence = Evidence(text=text[start:end], start=start, end=end)
    window_start, window_end = bulletin.window_start, bulletin.window_end
    if window_start is not None:
        night = attack_night(window_start, window_end)
    else:
        # "в течение прошедшей ночи", "сегодня ночью": the post gives no times, so the
        # window stays null (the post's time only bounds it) and the night is the one
        # that ended before the post
        night = attack_night(posted)
    claims = [
        InterceptionClaim(
            claim_id=claim_id_for(article_id, "interception", start, end, tally.weapon.value),
            date=night,
            date_precision=night_precision(window_start, window_end),
            claimed_by=CLAIMANT,
            evidence=evidence,
            attacker="UA",
            defender="RU",
            weapon=tally.weapon,
            weapon_model=tally.model,
            launched=tally.launched,
            intercepted=tally.intercepted,
            lost=tally.lost,
            window_start=window_start,
            window_end=window_end,
            regions=[
                RegionCount(name=item.region.name_en, count=item.count) for item in tally.regions
            ],
            regions_complete=not bulletin.truncated,
        )
        for tally in bulletin.tallies
    ]
    return ExtractionRecord(
        schema_version=SCHEMA_VERSION,
        article=article,
        extractor=EXTRACTOR,
        extracted_at=EXTRACTED_AT,
        interceptions=claims,
    )
