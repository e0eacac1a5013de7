"""Fuzz the loader at scale and print how many hostile lines it survived.

    uv run python -m benchmarks.fuzz_ingest --files 2000      # ~40,000 lines

Same strategies and checks as tests/robustness/test_fuzz_ingest.py (see
benchmarks/hostile.py): every line loaded or quarantined with a reason, nothing lost,
no crash. A failing example is shrunk by hypothesis and printed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings

from benchmarks.hostile import hostile_files, load_and_account
from ingest.raw_tables import ensure_raw_schema


def fuzz(files: int, *, seed: int | None = None) -> dict[str, float]:
    connection = duckdb.connect()
    ensure_raw_schema(connection)
    tally: dict[str, int] = {}
    numbers = itertools.count()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fuzz-ingest-") as folder:

        @settings(
            max_examples=files,
            deadline=None,
            database=None,
            derandomize=seed is not None,
            suppress_health_check=list(HealthCheck),
        )
        @given(data=hostile_files())
        def run(data: bytes) -> None:
            path = Path(folder) / f"fuzz-{next(numbers)}.jsonl"
            load_and_account(connection, path, data, tally)
            path.unlink()

        run()
    connection.close()
    return {**tally, "seconds": round(time.monotonic() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2_000, help="Generated files to ingest.")
    parser.add_argument("--derandomize", action="store_true", help="Same examples every run.")
    args = parser.parse_args(argv)
    result = fuzz(args.files, seed=0 if args.derandomize else None)
    print(json.dumps(result))
    print(
        f"fuzz: {result['lines']:,} hostile lines in {result['files']:,} files: "
        f"{result['loaded']:,} loaded, {result['quarantined']:,} quarantined with a reason, "
        f"0 lost, 0 crashes ({result['seconds']} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
