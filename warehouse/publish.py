"""One writer at a time, readers never blocked, and a published file that is always whole.

DuckDB lets one process open a file for writing, and then no other process can open
it at all. So writers never touch the published file: they work on a private working
copy (`.NAME.work` beside it), and publish by copying it to a temporary file and
renaming that over the published one (an atomic `rename(2)`). A reader that opened
the old file keeps reading the old build; the next reader opens the new one.

Writers serialise on an advisory lock file (`.NAME.lock`, `flock(2)`): a second
scheduled run either waits or exits with a clear message, never corrupts. A killed
writer leaves the published file as it was; its working copy is kept and the next
writer goes on from it (DuckDB rolls back what was not committed).

Test hook: `WAREHOUSE_TEST_PUBLISH_DELAY=SECONDS` sleeps between the copy and the
rename of a publish, so tests can kill a writer in the middle of one
(tests/robustness). It does nothing when unset.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingest.raw_tables import ensure_raw_schema, mark_interrupted_loads
from warehouse.settings import resolve_db_path


class WarehouseBusyError(RuntimeError):
    """Another writer holds the lock."""


class WarehouseWriteError(RuntimeError):
    """The target cannot be written (read-only, full disk, ...)."""


@dataclass(frozen=True)
class WarehousePaths:
    published: Path

    @property
    def work(self) -> Path:
        return self.published.with_name(f".{self.published.name}.work")

    @property
    def lock(self) -> Path:
        return self.published.with_name(f".{self.published.name}.lock")

    @property
    def state(self) -> Path:
        return self.published.with_name(f".{self.published.name}.state.json")

    @property
    def publishing(self) -> Path:
        return self.published.with_name(f".{self.published.name}.publishing")


def paths_for(db: Path | str | None) -> WarehousePaths:
    return WarehousePaths(resolve_db_path(db))


@contextlib.contextmanager
def writer_lock(paths: WarehousePaths, *, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the writers' lock; wait up to `wait_seconds`, then fail with who holds it."""
    try:
        paths.published.parent.mkdir(parents=True, exist_ok=True)
        handle = open(paths.lock, "a+")  # noqa: SIM115 - held for the whole with-block
    except OSError as error:
        raise WarehouseWriteError(_explain_os_error(error, paths.lock)) from error
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown process"
                    raise WarehouseBusyError(
                        f"another warehouse writer holds {paths.lock} ({holder}); "
                        "try again later or pass --wait SECONDS"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {datetime.now(UTC).isoformat(timespec='seconds')}")
        handle.flush()
        yield
    finally:
        handle.close()


def _published_signature(path: Path) -> dict[str, int] | None:
    if not path.exists():
        return None
    stat = path.stat()
    return {"inode": stat.st_ino, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def prepare_work_copy(paths: WarehousePaths) -> None:
    """Make the working copy match the published file unless it already continues it.

    The working copy is kept between runs (so a run after a crash goes on from it);
    it is re-seeded when the published file changed behind our back or it is missing.
    """
    signature = _published_signature(paths.published)
    recorded = None
    if paths.state.exists():
        with contextlib.suppress(ValueError, OSError):
            recorded = json.loads(paths.state.read_text())
    if paths.work.exists() and signature == recorded:
        return
    _remove_database(paths.work)
    if signature is not None:
        # Seed through a temporary name: a copy cut off by a crash is never taken for
        # a working copy.
        seeding = paths.work.with_name(paths.work.name + ".seeding")
        _copy_file(paths.published, seeding)
        try:
            os.replace(seeding, paths.work)
        except OSError as error:
            raise WarehouseWriteError(_explain_os_error(error, paths.work)) from error


def publish(paths: WarehousePaths) -> None:
    """Copy the working copy next to the published file and rename it into place."""
    _remove_database(paths.publishing)
    # Fold any WAL into the file first: the copy below takes the main file only.
    try:
        connection = duckdb.connect(str(paths.work))
        try:
            connection.execute("checkpoint")
        finally:
            connection.close()
    except duckdb.Error as error:
        explained = _explain_duckdb_error(error, paths.work)
        if explained is None:
            raise
        raise WarehouseWriteError(explained) from error
    try:
        _copy_file(paths.work, paths.publishing)
        _test_delay("WAREHOUSE_TEST_PUBLISH_DELAY")
        os.replace(paths.publishing, paths.published)
        _fsync_dir(paths.published.parent)
    except OSError as error:
        _remove_database(paths.publishing)
        raise WarehouseWriteError(_explain_os_error(error, paths.published)) from error
    paths.state.write_text(json.dumps(_published_signature(paths.published)))


@contextlib.contextmanager
def writer_paths(
    db: Path | str | None = None, *, wait_seconds: float = 0.0, publish_on_success: bool = True
) -> Iterator[WarehousePaths]:
    """Lock and prepare the working copy; publish it when the block succeeds.

    Callers open (and close) their own connections to `paths.work`; dbt opens it
    itself, which DuckDB allows only when no other connection in this process is open.
    """
    paths = paths_for(db)
    with writer_lock(paths, wait_seconds=wait_seconds):
        try:
            prepare_work_copy(paths)
            open_work_connection(paths).close()
            yield paths
        except duckdb.Error as error:
            # A full disk or a read-only target surfaces as a DuckDB I/O error deep in
            # a load or build; say which file and what to do, as for any OSError.
            explained = _explain_duckdb_error(error, paths.work)
            if explained is None:
                raise
            raise WarehouseWriteError(explained) from error
        if publish_on_success:
            publish(paths)


@contextlib.contextmanager
def writer(
    db: Path | str | None = None, *, wait_seconds: float = 0.0, publish_on_success: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Lock, open the working copy for writing, and publish it when the block succeeds."""
    with writer_paths(
        db, wait_seconds=wait_seconds, publish_on_success=publish_on_success
    ) as paths:
        connection = open_work_connection(paths)
        try:
            yield connection
            connection.execute("checkpoint")
        finally:
            connection.close()


# DuckDB writes a new file in its v0.10 storage format unless told otherwise, and that
# format keeps long strings uncompressed: the raw record column (a whole extraction per
# article) then fills most of the file, and every publish copies the file. From v1.2 on
# long strings are ZSTD-compressed; at 1M articles the file fell from 8.4 GB to 3.5 GB
# (benchmarks/RESULTS.md). v1.2 packed a copy of fct_strike_claims tighter than v1.4 did.
# Readers need DuckDB 1.2 or newer; a file made before keeps its format (the setting
# applies only to files DuckDB creates).
STORAGE_VERSION = "v1.2.0"


def connect_for_writing(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Open (creating it if missing) a database file in the warehouse's storage format."""
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_VERSION})


def open_work_connection(paths: WarehousePaths) -> duckdb.DuckDBPyConnection:
    try:
        connection = connect_for_writing(paths.work)
    except duckdb.Error as error:
        raise WarehouseWriteError(f"cannot open the working copy {paths.work}: {error}") from error
    ensure_raw_schema(connection)
    # We hold the writers' lock, so a load still marked running was cut off.
    mark_interrupted_loads(connection)
    return connection


def _copy_file(source: Path, target: Path) -> None:
    try:
        with open(source, "rb") as reader, open(target, "wb") as out:
            _copy_contents(reader, out)
            out.flush()
            os.fsync(out.fileno())
    except OSError as error:
        with contextlib.suppress(OSError):
            target.unlink()
        raise WarehouseWriteError(_explain_os_error(error, target)) from error


def _copy_contents(reader, out) -> None:
    """Share the blocks where the file system can (a reflink on btrfs or XFS: instant
    whatever the size), else copy inside the kernel, else through this process."""
    with contextlib.suppress(OSError):
        fcntl.ioctl(out.fileno(), _FICLONE, reader.fileno())
        return
    size = os.fstat(reader.fileno()).st_size
    copy_range = getattr(os, "copy_file_range", None)
    if copy_range is not None:
        try:
            copied = 0
            while copied < size:
                step = copy_range(reader.fileno(), out.fileno(), size - copied)
                if step == 0:
                    break
                copied += step
            if copied == size:
                return
        except OSError as error:
            if error.errno not in {errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL}:
                raise
        reader.seek(0)
        out.seek(0)
        out.truncate()
    shutil.copyfileobj(reader, out, length=16 * 1024 * 1024)


_FICLONE = 0x40049409  # linux/fs.h: _IOW(0x94, 9, int)


def _remove_database(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


def _fsync_dir(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _explain_duckdb_error(error: duckdb.Error, path: Path) -> str | None:
    text = str(error)
    for code in (errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EFBIG):
        if os.strerror(code).lower() in text.lower():
            return _explain_os_error(OSError(code, os.strerror(code)), path) + f" ({text})"
    return None


def _test_delay(variable: str) -> None:
    delay = os.environ.get(variable)
    if delay:
        time.sleep(float(delay))


def _explain_os_error(error: OSError, path: Path) -> str:
    if error.errno in {errno.ENOSPC, errno.EDQUOT}:
        return f"no space left on the device holding {path}: free some space and run again"
    if error.errno == errno.EFBIG:
        return f"cannot write {path}: the file size limit was reached (ulimit -f)"
    if error.errno in {errno.EROFS, errno.EACCES, errno.EPERM}:
        return f"cannot write {path}: the target is read-only or not writable by this user"
    return f"cannot write {path}: {error.strerror or error}"
