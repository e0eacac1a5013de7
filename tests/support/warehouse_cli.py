"""Run the `warehouse` command in a child process, as a scheduler or an analyst would."""

from __future__ import annotations

import os
import subprocess
import sys


def run_warehouse(*args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    """`warehouse ARGS` to completion; fails the test with the end of stderr unless it succeeds."""
    finished = subprocess.run(
        [sys.executable, "-m", "warehouse.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        # wide enough that rich does not wrap the messages tests look for
        env={**os.environ, "COLUMNS": "120"},
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return finished
