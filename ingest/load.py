"""Load extraction records into the raw layer: validate, quarantine, ledger, idempotent.

One file is one transaction: either all its valid records and all its quarantined
lines land together with a 'completed' ledger row, or nothing does. Before that
transaction a 'running' ledger row is committed on its own, so a load cut off by a
crash stays visible as not completed (see `raw_tables.mark_interrupted_loads`).

Idempotency works at two levels:
- a file whose sha256 already has a completed load is skipped whole (no table changes);
- a record is keyed by (article_id, extractor_name): an identical record is left as
  it is, a newer extraction replaces the older one, an older one is superseded.
Records read = loaded + quarantined, always; loaded = inserted + replaced +
unchanged + superseded.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.contract import ExtractionRecord
from ingest.validation import Invalid, validate_line

BATCH_ROWS = 5_000


@dataclass(frozen=True, slots=True)
class Rejected:
    """A line or row refused before validation (e.g. by an importer), with its reason."""

    line_number: int
    raw_line: str
    reason: str


@dataclass
class LoadResult:
    source_file: str
    file_sha256: str
    load_id: str | None = None
    skipped_file: bool = False
    read: int = 0
    quarantined: int = 0
    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0
    superseded: int = 0
    reasons: list[tuple[int, str]] = field(default_factory=list)

    @property
    def loaded(self) -> int:
        return self.inserted + self.replaced + self.unchanged + self.superseded


Item = tuple[int, bytes | str, bool] | tuple[int, bytes | str] | Rejected
Progress = Callable[[int], None]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def iter_file_lines(path: Path) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, line, is an unterminated last line); blank lines carry no record."""
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            yield number, line.rstrip(b"\r\n"), not line.endswith(b"\n")


def ingest_file(
    connection: duckdb.DuckDBPyConnection, path: Path | str, *, progress: Progress | None = None
) -> LoadResult:
    """Load one JSON Lines file of contract records (see module docstring)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        sha = file_sha256(path)
    except OSError as error:
        raise FileNotFoundError(f"cannot read {path}: {error.strerror or error}") from error
    return ingest_stream(
        connection,
        iter_file_lines(path),
        source_file=str(path),
        file_sha256=sha,
        file_bytes=size,
        progress=progress,
    )


def already_loaded(connection: duckdb.DuckDBPyConnection, sha: str) -> bool:
    row = connection.execute(
        "select count(*) from raw.loads where file_sha256 = ? and status = 'completed'", [sha]
    ).fetchone()
    return bool(row and row[0])


def ingest_stream(
    connection: duckdb.DuckDBPyConnection,
    items: Iterable[Item],
    *,
    source_file: str,
    file_sha256: str,
    file_bytes: int | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Load records from `items`: (line number, JSON line[, unterminated]) or Rejected."""
    result = LoadResult(source_file=source_file, file_sha256=file_sha256)
    if already_loaded(connection, file_sha256):
        result.skipped_file = True
        return result
    result.load_id = uuid.uuid4().hex
    connection.execute(
        """
        insert into raw.loads (load_id, source_file, file_sha256, file_bytes, status, started_at)
        values (?, ?, ?, ?, 'running', now())
        """,
        [result.load_id, source_file, file_sha256, file_bytes],
    )
    connection.execute("begin transaction")
    try:
        _stage(connection, items, result, progress)
        _merge(connection, result)
        connection.execute(
            """
            update raw.loads set status = 'completed', finished_at = now(),
                records_read = ?, records_loaded = ?, records_quarantined = ?,
                records_inserted = ?, records_replaced = ?, records_unchanged = ?,
                records_superseded = ?
            where load_id = ?
            """,
            [
                result.read,
                result.loaded,
                result.quarantined,
                result.inserted,
                result.replaced,
                result.unchanged,
                result.superseded,
                result.load_id,
            ],
        )
        connection.execute("commit")
    except BaseException as error:
        connection.execute("rollback")
        connection.execute(
            "update raw.loads set status = 'failed', finished_at = now(), error = ? "
            "where load_id = ?",
            [f"{type(error).__name__}: {error}", result.load_id],
        )
        raise
    finally:
        connection.execute("drop table if exists temp.incoming_records")
    assert result.read == result.loaded + result.quarantined, "ledger sum broken"
    return result


_INCOMING_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("extractor_name", pa.string()),
        ("extractor_version", pa.string()),
        ("extracted_at", pa.string()),
        ("record_sha256", pa.string()),
        ("line_number", pa.int32()),
        ("record", pa.string()),
    ]
)


def _stage(
    connection: duckdb.DuckDBPyConnection,
    items: Iterable[Item],
    result: LoadResult,
    progress: Progress | None,
) -> None:
    """Validate every item; valid records go to a temp table, the rest to quarantine."""
    connection.execute(
        """
        create or replace temp table incoming_records (
            article_id varchar, extractor_name varchar, extractor_version varchar,
            extracted_at timestamptz, record_sha256 varchar, line_number integer, record json
        )
        """
    )
    batch: dict[str, list] = {name: [] for name in _INCOMING_SCHEMA.names}
    rejected: list[Rejected] = []
    for item in items:
        result.read += 1
        outcome = _validate_item(item)
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
            if len(result.reasons) < 20:
                result.reasons.append((outcome.line_number, outcome.reason))
        else:
            line_number, record = outcome
            _append(batch, line_number, record)
        if len(batch["record"]) >= BATCH_ROWS:
            _flush_incoming(connection, batch)
        if len(rejected) >= BATCH_ROWS:
            _flush_quarantine(connection, rejected, result)
        if progress is not None:
            progress(1)
    _flush_incoming(connection, batch)
    _flush_quarantine(connection, rejected, result)


def _validate_item(item: Item) -> Rejected | tuple[int, ExtractionRecord]:
    if isinstance(item, Rejected):
        return item
    line_number, raw, *rest = item
    unterminated = bool(rest and rest[0])
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return Rejected(
                line_number,
                raw.decode("utf-8", errors="backslashreplace"),
                f"line is not valid UTF-8: byte 0x{raw[error.start]:02x} at position "
                f"{error.start} (records must be UTF-8 encoded)",
            )
    else:
        text = raw
    outcome = validate_line(text, is_last_unterminated=unterminated)
    if isinstance(outcome, Invalid):
        return Rejected(line_number, text, outcome.reason)
    return line_number, outcome


def _append(batch: dict[str, list], line_number: int, record: ExtractionRecord) -> None:
    # The stored form is the contract's own serialisation, so staging can rely on every
    # field being present; the sha leaves out extracted_at, so re-extracting the same
    # claims later is recognised as unchanged.
    batch["article_id"].append(record.article.article_id)
    batch["extractor_name"].append(record.extractor.name)
    batch["extractor_version"].append(record.extractor.version)
    batch["extracted_at"].append(record.extracted_at.isoformat())
    payload = record.model_dump_json()
    batch["record_sha256"].append(content_sha256(payload))
    batch["line_number"].append(line_number)
    batch["record"].append(payload)


def content_sha256(payload: str) -> str:
    """sha256 of a serialised record without its extracted_at value.

    The top-level key appears once and unescaped (inside strings JSON escapes quotes),
    so cutting it out of the one serialisation is exact and saves a second dump.
    """
    key = '"extracted_at":"'
    start = payload.index(key)
    end = payload.index('"', start + len(key))
    return hashlib.sha256((payload[:start] + payload[end + 1 :]).encode()).hexdigest()


def _flush_incoming(connection: duckdb.DuckDBPyConnection, batch: dict[str, list]) -> None:
    if not batch["record"]:
        return
    arrow_batch = pa.Table.from_pydict(batch, schema=_INCOMING_SCHEMA)  # noqa: F841 - used by SQL
    connection.execute("insert into temp.incoming_records select * from arrow_batch")
    for values in batch.values():
        values.clear()


def _flush_quarantine(
    connection: duckdb.DuckDBPyConnection, rejected: list[Rejected], result: LoadResult
) -> None:
    if not rejected:
        return
    quarantine = pa.table(  # noqa: F841 - used by SQL
        {
            "line_number": pa.array([row.line_number for row in rejected], pa.int32()),
            "raw_line": pa.array([row.raw_line for row in rejected], pa.string()),
            "reason": pa.array([row.reason for row in rejected], pa.string()),
        }
    )
    connection.execute(
        """
        insert into raw.quarantine
        select ?, ?, line_number, raw_line, reason, now() from quarantine
        """,
        [result.load_id, result.source_file],
    )
    result.quarantined += len(rejected)
    rejected.clear()


def _merge(connection: duckdb.DuckDBPyConnection, result: LoadResult) -> None:
    """Apply the newest record per (article, extractor) against what is stored."""
    connection.execute(
        """
        create or replace temp table incoming_decided as
        with ranked as (
            select
                *,
                row_number() over (
                    partition by article_id, extractor_name
                    order by extracted_at desc, line_number desc
                ) as rank_in_file
            from temp.incoming_records
        )
        select
            ranked.*,
            case
                when ranked.rank_in_file > 1 then 'superseded'
                when stored.article_id is null then 'insert'
                when stored.record_sha256 = ranked.record_sha256 then 'unchanged'
                when stored.extracted_at > ranked.extracted_at then 'superseded'
                else 'replace'
            end as decision
        from ranked
        left join raw.extraction_records as stored
            on ranked.article_id = stored.article_id
            and ranked.extractor_name = stored.extractor_name
        """
    )
    counts = dict(
        connection.execute(
            "select decision, count(*) from temp.incoming_decided group by decision"
        ).fetchall()
    )
    connection.execute(
        """
        delete from raw.extraction_records as stored
        using temp.incoming_decided as incoming
        where incoming.decision = 'replace'
            and stored.article_id = incoming.article_id
            and stored.extractor_name = incoming.extractor_name
        """
    )
    connection.execute(
        """
        insert into raw.extraction_records
        select article_id, extractor_name, extractor_version, extracted_at, record_sha256,
            ?, ?, line_number, record
        from temp.incoming_decided
        where decision in ('insert', 'replace')
        order by line_number
        """,
        [result.load_id, result.source_file],
    )
    connection.execute("drop table temp.incoming_decided")
    result.inserted = counts.get("insert", 0)
    result.replaced = counts.get("replace", 0)
    result.unchanged = counts.get("unchanged", 0)
    result.superseded = counts.get("superseded", 0)
