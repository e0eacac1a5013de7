"""A full disk or a read-only target: a clear error, a non-zero exit, the published file intact.

The target is a small tmpfs mounted for the test (root only); without the right to
mount, a full disk is imitated with RLIMIT_FSIZE and a read-only target with a
directory the user cannot write, and when neither can stop this user the test skips.
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.robustness.processes import cli, digest, ledger, lines_in, query, record_counts

pytestmark = pytest.mark.slow


@contextlib.contextmanager
def tmpfs(path: Path, size: str) -> Iterator[bool]:
    """Mount a tmpfs of `size` at `path`; yields False when this process may not mount."""
    path.mkdir()
    if os.geteuid() != 0:
        yield False
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


def test_a_full_disk_fails_clearly_and_the_next_run_after_freeing_space_completes(
    tmp_path, small_records, big_records
):
    target = tmp_path / "target"
    with tmpfs(target, "8m") as mounted:
        db = target / "warehouse.duckdb"
        assert cli("ingest", str(small_records), "--db", str(db)).returncode == 0
        published = digest(db)
        if mounted:
            full = cli("ingest", str(big_records), "--db", str(db))
        else:
            full = _run_with_file_size_limit(db, big_records)

        assert full.returncode == 1, full.stderr
        if mounted:
            assert "no space left on the device holding" in full.stderr, full.stderr
        else:
            assert "file size limit" in full.stderr or "no space left" in full.stderr
        assert "step=ingest status=failed" in full.stderr
        assert "Traceback" not in full.stderr
        assert digest(db) == published, "the published warehouse changed"
        assert ledger(db) == [(str(small_records), "completed", lines_in(small_records))]

        if not mounted:
            return
        remount(target, "size=512m")
        again = cli("ingest", str(big_records), "--db", str(db))
        assert again.returncode == 0, again.stderr
        statuses = [status for name, status, _ in ledger(db) if name == str(big_records)]
        assert statuses[-1] == "completed" and "completed" not in statuses[:-1]
        rows, keys = record_counts(db)
        assert rows == keys == lines_in(small_records) + lines_in(big_records)


def _run_with_file_size_limit(db: Path, records: Path) -> subprocess.CompletedProcess:
    limit = max(db.stat().st_size * 3, 4 * 1024 * 1024)

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    from tests.robustness.processes import REPO_ROOT, WAREHOUSE

    return subprocess.run(
        [*WAREHOUSE, "ingest", str(records), "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        preexec_fn=limit_file_size,
        timeout=600,
    )


def test_a_read_only_target_fails_clearly_and_stays_readable(tmp_path, small_records):
    target = tmp_path / "target"
    with tmpfs(target, "64m") as mounted:
        db = target / "warehouse.duckdb"
        assert cli("ingest", str(small_records), "--db", str(db)).returncode == 0
        published = digest(db)
        if mounted:
            remount(target, "ro")
        elif os.geteuid() == 0:
            pytest.skip("cannot mount a tmpfs here, and as root chmod does not stop writes")
        else:
            target.chmod(0o555)
        try:
            result = cli("ingest", str(small_records), "--db", str(db))
            build = cli("build", "--db", str(db))
        finally:
            if not mounted:
                target.chmod(0o755)

        assert result.returncode == 1, result.stderr
        assert "read-only or not writable" in result.stderr
        assert "step=ingest status=failed" in result.stderr
        assert build.returncode == 1 and "read-only or not writable" in build.stderr
        assert "Traceback" not in result.stderr + build.stderr
        assert digest(db) == published
        assert query(db, "select count(*) from raw.extraction_records") == [
            (lines_in(small_records),)
        ]
