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

Speed: validation and normalisation (pydantic) cost about 0.05 ms a record (less for a
valid record, which takes the plain path of `validation.validate_plain`), so a large
file is cut into spans of whole lines that worker processes read and validate while
this process writes their rows (see `ingest_workers`). This process only finds the
spans, in the same pass that hashes the file: the lines never cross a pipe, nor do the
rows, which come back in shared memory (see `shared_rows`), and what it has left to do
per record is DuckDB's append. Valid rows go straight into
`raw.extraction_records` inside the load's transaction, tagged with its load_id, and
the merge afterwards decides on keys alone and deletes only what it does not keep: each
record is written once, and DuckDB writes full row groups of the uncommitted load to the
database file as they fill, so memory stays bounded; the commit checkpoints the rest
into the file rather than writing it to the WAL first (see `_checkpoint_on_commit`).
Serial and parallel paths give the same rows, order, counts and reasons
(tests/robustness/test_parallel_ingest.py).
"""

from __future__ import annotations

import array
import contextlib
import gc
import hashlib
import itertools
import multiprocessing
import os
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.ipc

from ingest.contract import ExtractionRecord
from ingest.shared_rows import InSlot, SharedSlots
from ingest.validation import (
    Invalid,
    serialize_plain,
    validate_line,
    validate_plain,
)

BATCH_ROWS = 5_000
# A serial batch also stops at this many bytes of raw lines, so memory stays bounded.
BATCH_BYTES = 8 * 1024 * 1024
# Parallel validation: blocks of whole lines of about this size go to the workers.
BLOCK_BYTES = 4 * 1024 * 1024
# Below this size, shipping lines to workers and back costs more than it saves.
PARALLEL_MIN_BYTES = int(float(os.environ.get("WAREHOUSE_INGEST_PARALLEL_MB", "16")) * 1024 * 1024)
_BOM = b"\xef\xbb\xbf"


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


@dataclass(frozen=True, slots=True)
class FileBlock:
    """Whole lines of a file, from line `first_line` on; `data` ends with a newline
    except for the file's unterminated last line."""

    first_line: int
    data: bytes


@dataclass(slots=True)
class ChunkOutcome:
    """What validation made of one batch of items or one file block, in line order."""

    read: int
    # InSlot or bytes (Arrow IPC) only on the way back from a worker
    rows: pa.Table | InSlot | bytes | None
    rejected: list[Rejected]


def ingest_workers() -> int:
    """Validation processes for a large file: $WAREHOUSE_INGEST_WORKERS, else one per core."""
    configured = os.environ.get("WAREHOUSE_INGEST_WORKERS")
    if configured:
        return max(int(configured), 1)
    return max(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 1)


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
            if number == 1 and line.startswith(_BOM):
                line = line[3:]
            if not line.strip():
                continue
            yield number, line.rstrip(b"\r\n"), not line.endswith(b"\n")


@dataclass(frozen=True, slots=True)
class FileSpan:
    """Where a block of whole lines lies in a file: what a worker reads for itself, so the
    lines never pass through this process or a pipe."""

    path: str
    first_line: int
    offset: int
    length: int

    def read(self) -> FileBlock:
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            return FileBlock(self.first_line, handle.read(self.length))


def iter_file_spans(
    path: Path, block_bytes: int | None = None, *, digest: hashlib._Hash | None = None
) -> Iterator[FileSpan]:
    """The file cut into spans of whole lines (a line longer than a block is one span).

    Only newlines are looked for here, in one reused buffer: the bytes themselves are
    read again by the worker that validates them (from the page cache). With `digest`,
    every byte read also goes into it, so one pass gives both the spans and the sha256
    (hashing in a thread would not overlap: this hashlib keeps the GIL).
    """
    block_bytes = block_bytes or BLOCK_BYTES
    buffer = bytearray(block_bytes)
    view = memoryview(buffer)
    first_line, start, position = 1, 0, 0  # start: of the span being cut; position: read so far
    with open(path, "rb") as handle:
        while True:
            size = handle.readinto(view)
            if not size:
                if position > start:
                    yield FileSpan(str(path), first_line, start, position - start)
                return
            if digest is not None:
                digest.update(view[:size])
            cut = buffer.rfind(b"\n", 0, size)
            position += size
            if cut < 0:
                continue  # the span's last line goes on in the next read
            # Bytes before this read that are still in the span hold no newline.
            end = position - size + cut + 1
            yield FileSpan(str(path), first_line, start, end - start)
            first_line += buffer.count(b"\n", 0, cut + 1)
            start = end


def sha256_and_spans(path: Path) -> tuple[str, list[FileSpan]]:
    """The file's sha256 and its spans (a few thousand at most), from one read of it.

    Both must be known before the first row is written: the sha decides whether the
    file is loaded at all.
    """
    digest = hashlib.sha256()
    spans = list(iter_file_spans(path, digest=digest))
    return digest.hexdigest(), spans


def iter_file_blocks(path: Path, block_bytes: int | None = None) -> Iterator[FileBlock]:
    """The file cut into blocks of whole lines, as the workers read them."""
    for span in iter_file_spans(path, block_bytes):
        yield span.read()


def lines_of_block(block: FileBlock) -> Iterator[tuple[int, bytes, bool]]:
    """The same (line number, line, unterminated) triples iter_file_lines gives for it."""
    lines = block.data.split(b"\n")
    last = len(lines) - 1
    for index, line in enumerate(lines):
        unterminated = index == last
        if unterminated and not line:
            return  # the block ended with a newline
        number = block.first_line + index
        if number == 1 and line.startswith(_BOM):
            line = line[3:]
        if not line.strip():
            continue
        yield number, line.rstrip(b"\r"), unterminated


def ingest_file(
    connection: duckdb.DuckDBPyConnection,
    path: Path | str,
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> LoadResult:
    """Load one JSON Lines file of contract records (see module docstring)."""
    path = Path(path)
    workers = ingest_workers() if workers is None else max(workers, 1)
    chunks: Iterable[list[Item] | FileSpan]
    try:
        size = path.stat().st_size
        if workers > 1 and size >= PARALLEL_MIN_BYTES:
            sha, chunks = sha256_and_spans(path)
        else:
            sha = file_sha256(path)
            chunks = _batches(iter_file_lines(path))
            workers = 1
    except OSError as error:
        raise FileNotFoundError(f"cannot read {path}: {error.strerror or error}") from error
    return _ingest_chunks(
        connection,
        chunks,
        source_file=str(path),
        file_sha256=sha,
        file_bytes=size,
        progress=progress,
        workers=workers,
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
    return _ingest_chunks(
        connection,
        _batches(items),
        source_file=source_file,
        file_sha256=file_sha256,
        file_bytes=file_bytes,
        progress=progress,
        workers=1,
    )


def _ingest_chunks(
    connection: duckdb.DuckDBPyConnection,
    chunks: Iterable[list[Item] | FileSpan],
    *,
    source_file: str,
    file_sha256: str,
    file_bytes: int | None,
    progress: Progress | None,
    workers: int,
) -> LoadResult:
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
        with (
            _one_duckdb_thread(connection),
            contextlib.closing(_validated(chunks, workers)) as outcomes,
        ):
            for outcome in outcomes:
                _store(connection, outcome, result)
                if progress is not None:
                    progress(outcome.read)
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
        with _checkpoint_on_commit(connection):
            connection.execute("commit")
    except BaseException as error:
        _record_failure(connection, result, error)
        raise
    finally:
        with contextlib.suppress(duckdb.Error):
            connection.execute("drop table if exists temp.incoming_decided")
    assert result.read == result.loaded + result.quarantined, "ledger sum broken"
    return result


def _record_failure(
    connection: duckdb.DuckDBPyConnection, result: LoadResult, error: BaseException
) -> None:
    """Roll back and mark the load failed; if the database itself is broken (disk full),
    leave the row 'running' for the next writer to mark interrupted and keep `error`."""
    try:
        connection.execute("rollback")
        connection.execute(
            "update raw.loads set status = 'failed', finished_at = now(), error = ? "
            "where load_id = ?",
            [f"{type(error).__name__}: {error}", result.load_id],
        )
    except duckdb.Error as follow_up:
        error.add_note(f"marking the load failed also failed: {follow_up}")


@contextlib.contextmanager
def _one_duckdb_thread(connection: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Append with one DuckDB thread: the cores are validating, and DuckDB's extra threads
    only contend with them (measured: half the loader's CPU, a third less wall time)."""
    (threads,) = connection.execute("select current_setting('threads')").fetchone()
    connection.execute("set threads = 1")
    try:
        yield
    finally:
        with contextlib.suppress(duckdb.Error):
            connection.execute(f"set threads = {int(threads)}")


@contextlib.contextmanager
def _checkpoint_on_commit(connection: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Commit a load by checkpointing it into the database file, not through the WAL.

    DuckDB writes a commit to the WAL unless its estimate of the commit's size passes
    checkpoint_threshold, and it estimates a load of long strings far too small: a 460 MB
    load went to the WAL whole, to be read back and written again by the next
    checkpoint. With the threshold at zero for this commit, DuckDB checkpoints instead
    (when it can, e.g. no other transaction is open; else it still writes the WAL): the
    same atomic commit, each row written once.
    """
    (threshold,) = connection.execute("select current_setting('checkpoint_threshold')").fetchone()
    connection.execute("set checkpoint_threshold = '0b'")
    try:
        yield
    finally:
        with contextlib.suppress(duckdb.Error):
            connection.execute("set checkpoint_threshold = ?", [threshold])


# --------------------------------------------------------------------------- validation
def _batches(items: Iterable[Item]) -> Iterator[list[Item]]:
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        if not isinstance(item, Rejected):
            size += len(item[1])
        if len(batch) >= BATCH_ROWS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _validated(chunks: Iterable[list[Item] | FileSpan], workers: int) -> Iterator[ChunkOutcome]:
    """Outcomes in chunk order; with workers > 1, validated by a process pool."""
    if workers <= 1:
        for chunk in chunks:
            yield validate_chunk(chunk)
        return
    # fork: workers run only pydantic and pyarrow (never this process's DuckDB), start in
    # milliseconds and do not re-run the caller's __main__ as spawn/forkserver would. The
    # pool lives for one file only: forked workers share this process's open files,
    # including the writers' lock, which must not outlive the write.
    # One slot per block in flight, plus the one whose rows the caller is storing. A
    # block's rows in Arrow IPC take about as many bytes as its lines (normalised JSON
    # plus ~200 bytes of columns a record); rows that do not fit go by the pipe.
    slots = SharedSlots(2 * workers + 1, 2 * BLOCK_BYTES)
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(), slots),  # fork: inherited, not pickled
    )
    in_flight: deque[Future[ChunkOutcome]] = deque()
    try:
        for number, chunk in enumerate(chunks):
            if not in_flight:
                # The first submit forks the workers. Frozen objects are left out of the
                # workers' garbage collections, which would otherwise touch, and so copy,
                # every page of this process's heap they inherited.
                gc.freeze()
            slot = number % slots.count
            in_flight.append(pool.submit(_validate_chunk_in_worker, chunk, slot))
            gc.unfreeze()
            # Two blocks per worker keep every core busy and memory bounded.
            while len(in_flight) >= 2 * workers:
                yield _from_worker(in_flight.popleft().result(), slots)
        while in_flight:
            yield _from_worker(in_flight.popleft().result(), slots)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def validate_chunk(chunk: list[Item] | FileBlock | FileSpan) -> ChunkOutcome:
    """Validate a batch of items or a file block (runs in a worker process for big files)."""
    if isinstance(chunk, FileSpan):
        chunk = chunk.read()
    items = lines_of_block(chunk) if isinstance(chunk, FileBlock) else chunk
    rows = _Rows()
    rejected: list[Rejected] = []
    read = 0
    for item in items:
        read += 1
        outcome = _validate_row(item)
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
        else:
            rows.append(*outcome)
    return ChunkOutcome(read=read, rows=rows.table(), rejected=rejected)


_worker_slots: SharedSlots | None = None


def _start_worker(parent_pid: int, slots: SharedSlots) -> None:
    global _worker_slots
    _worker_slots = slots
    _watch_parent(parent_pid)


def _validate_chunk_in_worker(chunk: list[Item] | FileSpan, slot: int) -> ChunkOutcome:
    # Rows go back through the shared slot (see shared_rows); rows too large for it go as
    # Arrow IPC bytes, since the pool pickles with protocol 4, which copies a Table's
    # buffers slowly; bytes cost one memcpy and read back zero-copy.
    outcome = validate_chunk(chunk)
    if outcome.rows is not None:
        assert _worker_slots is not None
        table = outcome.rows
        outcome.rows = _worker_slots.write(slot, table)
        if outcome.rows is None:
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, table.schema) as writer:
                writer.write_table(table)
            outcome.rows = sink.getvalue().to_pybytes()
    return outcome


def _from_worker(outcome: ChunkOutcome, slots: SharedSlots) -> ChunkOutcome:
    if isinstance(outcome.rows, InSlot):
        outcome.rows = slots.read(outcome.rows)
    elif isinstance(outcome.rows, bytes):
        outcome.rows = pa.ipc.open_stream(outcome.rows).read_all()
    return outcome


# (line number, stored record, article_id, extractor name, extractor version)
Row = tuple[int, bytes, str, str, str]


def _validate_row(item: Item) -> Rejected | Row:
    """The row a valid item stores, by the plain path when it takes the item, else by
    the full one (which also words the reasons): the same row either way."""
    row = None if isinstance(item, Rejected) else _plain_row(item)
    if row is not None:
        return row
    outcome = _validate_item(item)  # looked up per call: tests replace it
    if isinstance(outcome, Rejected):
        return outcome
    line_number, record = outcome
    extractor = record.extractor
    return (
        line_number,
        _SERIALIZE(record),
        record.article.article_id,
        extractor.name,
        extractor.version,
    )


def _plain_row(item: tuple[int, bytes | str] | tuple[int, bytes | str, bool]) -> Row | None:
    """The row of a valid item from validate_plain, or None for the full path to decide.

    Bytes must be UTF-8 first, as in _validate_item (whose reason names the bad byte).
    """
    line_number, raw = item[0], item[1]
    if isinstance(raw, bytes) and not raw.isascii():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    record = validate_plain(raw)
    if record is None:
        return None
    extractor = record["extractor"]
    return (
        line_number,
        serialize_plain(record),
        record["article"]["article_id"],
        extractor["name"],
        extractor["version"],
    )


def _validate_item(item: Item) -> Rejected | tuple[int, ExtractionRecord]:
    if isinstance(item, Rejected):
        return item
    line_number, raw, *rest = item
    unterminated = bool(rest and rest[0])
    if isinstance(raw, bytes):
        if raw.isascii():
            # ASCII is UTF-8 with one character a byte: no decoding needed to check it.
            size = len(raw)
        else:
            try:
                size = len(raw.decode("utf-8"))
            except UnicodeDecodeError as error:
                return Rejected(
                    line_number,
                    raw.decode("utf-8", errors="backslashreplace"),
                    f"line is not valid UTF-8: byte 0x{raw[error.start]:02x} at position "
                    f"{error.start} (records must be UTF-8 encoded)",
                )
        # pydantic parses the valid UTF-8 bytes as it would their decoded text.
        outcome = validate_line(raw, is_last_unterminated=unterminated, size=size)
        if isinstance(outcome, Invalid):
            return Rejected(line_number, raw.decode("utf-8"), outcome.reason)
        return line_number, outcome
    outcome = validate_line(raw, is_last_unterminated=unterminated)
    if isinstance(outcome, Invalid):
        return Rejected(line_number, raw, outcome.reason)
    return line_number, outcome


_ROW_SCHEMA = pa.schema(
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


_SERIALIZE = ExtractionRecord.__pydantic_serializer__.to_json
_EXTRACTED_AT_KEY = b'"extracted_at":"'
_JSON = pa.json_(pa.string())


class _Rows:
    """Valid records of one chunk as the columns of _ROW_SCHEMA."""

    __slots__ = ("columns",)

    def __init__(self) -> None:
        self.columns: tuple[list, ...] = tuple([] for _ in _ROW_SCHEMA.names)

    def append(
        self, line_number: int, payload: bytes, article_id: str, name: str, version: str
    ) -> None:
        # The stored form is the contract's own serialisation (model_dump_json, here as
        # the bytes it decodes), so staging can rely on every field being present; the
        # sha leaves out extracted_at, so re-extracting the same claims later is
        # recognised as unchanged. extracted_at itself is read from the serialisation
        # (ISO 8601).
        start = payload.index(_EXTRACTED_AT_KEY)
        value = start + len(_EXTRACTED_AT_KEY)
        end = payload.index(b'"', value)
        view = memoryview(payload)
        digest = hashlib.sha256(view[:start])
        digest.update(view[end + 1 :])
        article_ids, names, versions, extracted_ats, shas, line_numbers, payloads = self.columns
        article_ids.append(article_id)
        names.append(name)
        versions.append(version)
        extracted_ats.append(payload[value:end])
        shas.append(digest.hexdigest())
        line_numbers.append(line_number)
        payloads.append(payload)

    def table(self) -> pa.Table | None:
        article_ids, names, versions, extracted_ats, shas, line_numbers, payloads = self.columns
        if not payloads:
            return None
        return pa.Table.from_arrays(
            [
                pa.array(article_ids, pa.string()),
                pa.array(names, pa.string()),
                pa.array(versions, pa.string()),
                pa.array(extracted_ats, pa.string()),
                pa.array(shas, pa.string()),
                pa.array(line_numbers, pa.int32()),
                _utf8_array(payloads),
            ],
            schema=_ROW_SCHEMA,
        )


def _utf8_array(values: list[bytes]) -> pa.Array:
    """Strings known to be UTF-8 as one string array: pydantic's JSON output is valid
    UTF-8 (it is written from Rust strings), so no second check of every record, and
    one join instead of a copy per value into a growing builder."""
    data = b"".join(values)
    if len(data) > _INT32_MAX:  # past 32-bit offsets: let Arrow split the array
        return pa.array(values, pa.binary()).view(pa.string())
    offsets = array.array("i", itertools.accumulate(map(len, values), initial=0))
    return pa.Array.from_buffers(
        pa.string(), len(values), [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    )


_INT32_MAX = 2**31 - 1


def _extracted_at_span(payload: bytes) -> tuple[int, int]:
    """Where the top-level extracted_at key starts and where its value's closing quote is.

    The key appears once and unescaped (inside strings JSON escapes quotes), so cutting
    it out of the one serialisation is exact and saves a second dump.
    """
    start = payload.index(_EXTRACTED_AT_KEY)
    return start, payload.index(b'"', start + len(_EXTRACTED_AT_KEY))


def content_sha256(payload: str) -> str:
    """sha256 of a serialised record without its extracted_at value."""
    encoded = payload.encode()
    start, end = _extracted_at_span(encoded)
    return hashlib.sha256(encoded[:start] + encoded[end + 1 :]).hexdigest()


# --------------------------------------------------------------------------- worker pool
def _watch_parent(parent_pid: int) -> None:
    """A worker exits when the loader dies (kill -9 gives it no chance to stop us)."""

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(parent_pid, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, name="watch-loader", daemon=True).start()


# --------------------------------------------------------------------------- writing
def _store(
    connection: duckdb.DuckDBPyConnection, outcome: ChunkOutcome, result: LoadResult
) -> None:
    """Write a chunk's valid rows (tagged with this load) and its quarantined lines."""
    result.read += outcome.read
    if outcome.rows is not None:
        # The record column as Arrow's JSON type: DuckDB takes it into the json column
        # as it is, instead of parsing every record again to check it is JSON (it is
        # pydantic's own serialisation).
        index = outcome.rows.schema.get_field_index("record")
        record = outcome.rows.column(index)
        rows = outcome.rows.set_column(  # noqa: F841 - used by SQL
            index,
            pa.field("record", _JSON),
            pa.chunked_array(
                [pa.ExtensionArray.from_storage(_JSON, chunk) for chunk in record.chunks],
                _JSON,
            ),
        )
        connection.execute(
            """
            insert into raw.extraction_records
            select article_id, extractor_name, extractor_version, extracted_at, record_sha256,
                ?, ?, line_number, record
            from rows
            """,
            [result.load_id, result.source_file],
        )
    if outcome.rejected:
        for rejected in outcome.rejected:
            if len(result.reasons) >= 20:
                break
            result.reasons.append((rejected.line_number, rejected.reason))
        _flush_quarantine(connection, outcome.rejected, result)


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


def _merge(connection: duckdb.DuckDBPyConnection, result: LoadResult) -> None:
    """Keep the newest record per (article, extractor) against what was stored before.

    This load's rows are already in the table (uncommitted); the merge decides on their
    keys alone and deletes what it does not keep: this load's superseded and unchanged
    rows, and the stored rows this load replaces.
    """
    connection.execute(
        """
        create or replace temp table incoming_decided as
        with incoming as (
            select rowid as row_id, article_id, extractor_name, extracted_at,
                record_sha256, line_number
            from raw.extraction_records
            where load_id = $load_id
        ),
        ranked as (
            select
                *,
                row_number() over (
                    partition by article_id, extractor_name
                    order by extracted_at desc, line_number desc
                ) as rank_in_file
            from incoming
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
            and stored.load_id <> $load_id
        """,
        {"load_id": result.load_id},
    )
    counts = dict(
        connection.execute(
            "select decision, count(*) from temp.incoming_decided group by decision"
        ).fetchall()
    )
    if counts.get("superseded", 0) or counts.get("unchanged", 0):
        connection.execute(
            """
            delete from raw.extraction_records
            where rowid in (
                select row_id from temp.incoming_decided
                where decision in ('superseded', 'unchanged')
            )
            """
        )
    if counts.get("replace", 0):
        connection.execute(
            """
            delete from raw.extraction_records as stored
            using temp.incoming_decided as incoming
            where incoming.decision = 'replace'
                and stored.article_id = incoming.article_id
                and stored.extractor_name = incoming.extractor_name
                and stored.load_id <> ?
            """,
            [result.load_id],
        )
    connection.execute("drop table temp.incoming_decided")
    result.inserted = counts.get("insert", 0)
    result.replaced = counts.get("replace", 0)
    result.unchanged = counts.get("unchanged", 0)
    result.superseded = counts.get("superseded", 0)
