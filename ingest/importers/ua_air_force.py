"""`warehouse import ua-air-force`: the Ukrainian Air Force's attack table as claims.

Input: the public "Massive Missile Attacks on Ukraine" table (one row per weapon model
per report: `time_start`, `time_end` in Kyiv local time, `model`, `launched`,
`destroyed`, `not_reach_goal`, `source`, ...). Each row becomes one record with one
interception claim: attacker RU, defender UA, claimed by whoever posted the report
(the national Air Force, or a regional air command whose figures are a subset of the
national ones for the same night; the event model, not the importer, picks the
headline figure).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.contract import (
    SCHEMA_VERSION,
    Article,
    Claimant,
    Evidence,
    ExtractionRecord,
    Extractor,
    InterceptionClaim,
    Weapon,
    article_id_for,
    claim_id_for,
    text_sha256,
)
from ingest.importers import weapon_models
from ingest.importers.series import (
    DUPLICATE,
    KYIV,
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

EXTRACTOR = Extractor(name="ua-air-force-importer", version="1.0.0")
# Fixed per importer version, so that one input always gives byte-identical output.
EXTRACTED_AT = dt.datetime(2026, 4, 20, tzinfo=dt.UTC)
REQUIRED_COLUMNS = ("time_start", "time_end", "model", "launched", "destroyed", "source")

NATIONAL = Claimant(name="Ukrainian Air Force", role="air force", side="UA")
# Publishers by the account (Facebook page or Telegram channel) the row's source names.
_PUBLISHERS = {
    "kpszsu": NATIONAL,
    "pvkpivden": Claimant(
        name="Ukrainian Air Force – Air Command South", role="regional air command", side="UA"
    ),
    "pvkshid": Claimant(
        name="Ukrainian Air Force – Air Command East", role="regional air command", side="UA"
    ),
    "pvkzahid": Claimant(
        name="Ukrainian Air Force – Air Command West", role="regional air command", side="UA"
    ),
    "pvkcenter": Claimant(
        name="Ukrainian Air Force – Air Command Centre", role="regional air command", side="UA"
    ),
    "generalstaff.ua": Claimant(
        name="General Staff of the Armed Forces of Ukraine", role="general staff", side="UA"
    ),
    "cincafu": Claimant(
        name="Commander-in-Chief of the Armed Forces of Ukraine",
        role="commander-in-chief",
        side="UA",
    ),
    "chiefukrdiu": Claimant(
        name="Defence Intelligence of Ukraine", role="military intelligence", side="UA"
    ),
    "kharkivoda.gov.ua": Claimant(
        name="Kharkiv Regional Military Administration",
        role="regional military administration",
        side="UA",
    ),
}


class ImportFileError(ValueError):
    """The file is not what this importer reads (wrong columns)."""


def check_header(path: Path | str) -> None:
    header = read_header(path)
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportFileError(
            f"{path} is not an Air Force attack table: missing column(s) "
            f"{', '.join(missing)} (found {', '.join(header) or 'no header'})"
        )


# --------------------------------------------------------------------------- fields
class RowError(ValueError):
    """A value this importer cannot read; the row is quarantined with the message."""


_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Moment:
    value: dt.datetime  # Kyiv local, aware
    has_time: bool


def parse_moment(column: str, raw: str) -> Moment:
    match = _TIME.match(raw.strip())
    if not match:
        raise RowError(f"bad {column}: {raw!r} is not 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'")
    year, month, day, hour, minute = match.groups()
    try:
        value = dt.datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), tzinfo=KYIV
        )
    except ValueError as error:
        raise RowError(f"bad {column}: {raw!r} ({error})") from None
    return Moment(value, hour is not None)


def parse_count(column: str, raw: str) -> int | None:
    """ "93.0" -> 93; blank or NaN -> None (not reported, never 0)."""
    text = raw.strip()
    if not text or text.lower() in {"nan", "none", "null"}:
        return None
    try:
        number = float(text)
    except ValueError:
        raise RowError(f"bad {column}: {raw!r} is not a number") from None
    if math.isnan(number):
        return None
    if number < 0 or number != int(number) or number > 10_000_000:
        raise RowError(f"bad {column}: {raw!r} is not a whole count of weapons")
    return int(number)


def window(row: dict[str, str]) -> tuple[dt.datetime, dt.datetime]:
    """The reporting window in Kyiv time; a bare date covers that whole day."""
    start = parse_moment("time_start", row["time_start"])
    end = parse_moment("time_end", row.get("time_end") or row["time_start"])
    end_value = end.value if end.has_time else end.value + dt.timedelta(days=1)
    if end_value < start.value:
        raise RowError(
            f"bad window: time_end {row.get('time_end')!r} is before time_start "
            f"{row['time_start']!r}"
        )
    return start.value, end_value


def publisher(source: str) -> Claimant | None:
    account = source_account(source)
    if not account:
        return None
    return _PUBLISHERS.get(account.lower())


def source_account(source: str) -> str:
    """The account a `source` names: "kpszsu/posts/..." or "https://t.me/kpszsu/22252"."""
    path = re.sub(r"^https?://(www\.)?(facebook\.com|t\.me)/", "", source.strip())
    path = re.sub(r"^https?://", "", path)
    return path.split("/", 1)[0]


def source_url(source: str) -> str | None:
    """Sources are Facebook paths ("kpszsu/posts/pfbid...") unless they are full URLs."""
    source = source.strip()
    if not source:
        return None
    if re.match(r"^https?://", source):
        return source
    if re.match(r"^[\w.-]+\.(gov\.ua|ua|com|org)/", source):
        return f"https://{source}"
    return f"https://www.facebook.com/{source}"


def claimant_for(source: str) -> Claimant:
    known = publisher(source)
    if known is not None:
        return known
    account = source_account(source)
    if not account:
        return NATIONAL  # the table is the Air Force's; an unsourced row is its figure
    if account == "watch":
        name = "Facebook video (publisher not recorded)"
    elif "t.me/" in source:
        name = f"{account} (Telegram channel)"
    else:
        name = account
    return Claimant(name=name[:200], role="other source", side="UA")


def weapon_for(model_field: str) -> tuple[Weapon, str | None, list[str]]:
    """(kind, model as the source writes it, names the table does not know)."""
    names = weapon_models.split_models(model_field)
    if not names:
        return Weapon.unknown, None, []
    kinds = []
    unknown = []
    for name in names:
        model = weapon_models.lookup(name)
        if model is not None:
            kinds.append(model.weapon)
            continue
        # listed as unknown for the table's curators, but its kind read where it can be
        unknown.append(name)
        parts = [weapon_models.lookup(part) for part in weapon_models.variants(name)]
        if parts and all(parts):
            kinds.append(weapon_models.common_weapon([part.weapon for part in parts]))
        else:
            kinds.append(weapon_models.family_weapon(name) or Weapon.unknown)
    return weapon_models.common_weapon(kinds), model_field.strip(), unknown


def render_row(row: dict[str, str]) -> str:
    """The row as text: one "column: value" line per non-empty cell, in file order."""
    return "\n".join(
        f"{column}: {value.strip()}"
        for column, value in row.items()
        if column != "__extra__" and value.strip()
    )


# --------------------------------------------------------------------------- records
def iter_import(path: Path | str) -> Iterator[ImportItem]:
    """One item per row: a record, an exact-duplicate skip, or a rejection."""
    check_header(path)
    first_line_of: dict[str, int] = {}
    for row in iter_csv_rows(path):
        yield _item(row, first_line_of)


def _item(row: CsvRow, first_line_of: dict[str, int]) -> ImportItem:
    key = "\x1f".join(value.strip() for value in row.values.values())
    if key in first_line_of:
        return Skipped(row.line_number, DUPLICATE, f"of line {first_line_of[key]}")
    first_line_of[key] = row.line_number
    if "__extra__" in row.values:
        return Rejected(row.line_number, row.raw, "malformed row: more fields than the header")
    try:
        record = build_record(row.values)
    except RowError as error:
        return Rejected(row.line_number, row.raw, str(error))
    return RecordLine(row.line_number, record.model_dump_json(), len(record.interceptions))


def build_record(row: dict[str, str]) -> ExtractionRecord:
    start, end = window(row)
    launched = parse_count("launched", row.get("launched", ""))
    intercepted = parse_count("destroyed", row.get("destroyed", ""))
    lost = parse_count("not_reach_goal", row.get("not_reach_goal", ""))
    weapon, model, _unknown = weapon_for(row.get("model", ""))
    source = row.get("source", "")
    claimant = claimant_for(source)
    text = render_row(row)
    # A row is its own article: one post gives several rows (one per model), so the
    # post's url cannot be the id.
    article_id = article_id_for(text=text)
    has_time = parse_moment("time_end", row.get("time_end") or row["time_start"]).has_time
    published = end if has_time else (end - dt.timedelta(days=1)).date()
    article = Article(
        article_id=article_id,
        url=source_url(source),
        outlet=claimant.name,
        title=f"{claimant.name}: {model or 'unnamed weapon'}, "
        f"{row['time_start'].strip()} – {(row.get('time_end') or '').strip()}",
        published_at=published,
        language="en",
        text_sha256=text_sha256(text),
        text=text,
    )
    claim = InterceptionClaim(
        claim_id=claim_id_for(article_id, "interception", 0, len(text), weapon.value),
        date=attack_night(start, end),
        date_precision=night_precision(start, end),
        claimed_by=claimant,
        evidence=Evidence(text=text, start=0, end=len(text)),
        attacker="RU",
        defender="UA",
        weapon=weapon,
        weapon_model=model,
        launched=launched,
        intercepted=intercepted,
        lost=lost,
        window_start=start,
        window_end=end,
        regions=[],
        regions_complete=True,
    )
    return ExtractionRecord(
        schema_version=SCHEMA_VERSION,
        article=article,
        extractor=EXTRACTOR,
        extracted_at=EXTRACTED_AT,
        interceptions=[claim],
    )


def unknown_models(path: Path | str) -> dict[str, int]:
    """Model names in a file that the weapon table does not know (to extend the table)."""
    counts: dict[str, int] = {}
    for row in iter_csv_rows(path):
        for name in weapon_for(row.values.get("model", ""))[2]:
            counts[name] = counts.get(name, 0) + 1
    return counts
