"""Run, watch and kill `warehouse` processes; read the published file like an analyst."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

WAREHOUSE = [sys.executable, "-m", "warehouse.cli"]
REPO_ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 600):
    """Run `warehouse ARGS` to completion."""
    return subprocess.run(
        [*WAREHOUSE, *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def start_cli(*args: str, log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start `warehouse ARGS` in the background; its stdout and stderr go to `log`."""
    with open(log, "wb") as out:
        return subprocess.Popen(
            [*WAREHOUSE, *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=REPO_ROOT,
            env={**os.environ, **(env or {})},
        )


def kill9(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the process ended before it was killed"


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains `text` (e.g. a unique database path)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(db: Path, sql: str) -> list[tuple]:
    """Read the published warehouse the way an analyst does: read-only."""
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def ledger(db: Path) -> list[tuple[str, str, int | None]]:
    """(source file, status, records_loaded) per load, oldest first."""
    return query(
        db, "select source_file, status, records_loaded from raw.loads order by started_at"
    )


def record_counts(db: Path) -> tuple[int, int]:
    """(rows, distinct (article, extractor) keys) of raw.extraction_records."""
    return query(
        db,
        "select count(*), count(distinct (article_id, extractor_name)) from raw.extraction_records",
    )[0]


def lines_in(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())
