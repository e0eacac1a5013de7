"""Ingest speed beside DuckDB's own read_json of the same file, measured in the same run.

    uv run python -m benchmarks.bench_ingest                  # 1k, 10k, 100k articles
    uv run python -m benchmarks.bench_ingest --sizes 10k,1m   # 1M: ~4.6 GB of records

Both sides start from a fresh database file and stop after a checkpoint, so both have
parsed every line and written it durably: DuckDB's `read_json` (the physical limit:
C++ parsing straight into typed columns) against `ingest_file` (contract validation,
normalisation, content hash, ledger and merge). Runs alternate and each side keeps its
best time, because other work on the machine slows whichever run it lands on.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import (
    WORK_DIR,
    corpus,
    cpu_seconds,
    markdown_table,
    parse_sizes,
    python_child,
    rate,
    run_measured,
    size_label,
)

MODULE = "benchmarks.bench_ingest"


@dataclass
class IngestRow:
    articles: int
    file_mb: float
    read_json_seconds: float
    ingest_seconds: float
    read_json_cpu: float
    ingest_cpu: float
    ingest_peak_mb: float
    read_json_peak_mb: float
    loaded: int
    workers: int

    @property
    def ratio(self) -> float:
        return self.read_json_seconds / self.ingest_seconds

    @property
    def cpu_ratio(self) -> float:
        """The ratio both sides would reach given the same share of the cores: on a shared
        machine the wall-clock ratio says as much about the neighbours as about ingest."""
        return self.read_json_cpu / self.ingest_cpu

    def cells(self) -> list[object]:
        return [
            size_label(self.articles),
            f"{self.file_mb:,.0f}",
            rate(self.articles, self.read_json_seconds),
            rate(self.articles, self.ingest_seconds),
            f"{self.ratio:.2f}x",
            f"{self.cpu_ratio:.2f}x",
            f"{self.read_json_cpu / self.articles * 1e6:,.0f}",
            f"{self.ingest_cpu / self.articles * 1e6:,.0f}",
            f"{self.ingest_seconds:.1f}",
            f"{self.ingest_peak_mb:,.0f}",
            self.workers,
        ]


HEADERS = [
    "articles",
    "file MB",
    "read_json rec/s",
    "ingest rec/s",
    "ingest/read_json",
    "CPU ratio",
    "read_json CPU µs/rec",
    "ingest CPU µs/rec",
    "ingest s",
    "ingest peak MB",
    "workers",
]


def _fresh_db(path: Path) -> Path:
    for candidate in path.parent.glob(path.name + "*"):
        candidate.unlink()
    return path


def measure(articles: int, *, repeat: int, work_dir: Path = WORK_DIR) -> IngestRow:
    source = corpus(articles, work_dir=work_dir).records
    db = work_dir / "bench-ingest.duckdb"
    best_read = best_ingest = None
    for _ in range(repeat):
        read = run_measured(python_child(MODULE, "read-json", str(source), str(_fresh_db(db))))
        ingest = run_measured(python_child(MODULE, "ingest", str(source), str(_fresh_db(db))))
        if read.output["rows"] != articles or ingest.output["loaded"] != articles:
            raise RuntimeError(f"row counts differ: {read.output} {ingest.output}")
        if best_read is None or read.seconds < best_read.seconds:
            best_read = read
        if best_ingest is None or ingest.seconds < best_ingest.seconds:
            best_ingest = ingest
    _fresh_db(db)
    assert best_read is not None and best_ingest is not None
    return IngestRow(
        articles=articles,
        file_mb=source.stat().st_size / 1e6,
        read_json_seconds=best_read.seconds,
        ingest_seconds=best_ingest.seconds,
        read_json_cpu=best_read.output["cpu_seconds"],
        ingest_cpu=best_ingest.output["cpu_seconds"],
        ingest_peak_mb=best_ingest.peak_rss_mb,
        read_json_peak_mb=best_read.peak_rss_mb,
        loaded=best_ingest.output["loaded"],
        workers=best_ingest.output["workers"],
    )


def default_repeat(articles: int) -> int:
    return 3 if articles <= 10_000 else 2 if articles <= 100_000 else 1


def run(sizes: list[int], *, repeat: int | None = None) -> list[IngestRow]:
    rows = []
    for articles in sizes:
        # The machine may be shared: the load average says how much the figures are worth.
        before = _load_average()
        row = measure(articles, repeat=repeat or default_repeat(articles))
        print(markdown_table(HEADERS, [row.cells()]).splitlines()[-1], file=sys.stderr)
        print(f"load average before {before}, after {_load_average()}", file=sys.stderr)
        rows.append(row)
    return rows


def _load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# --------------------------------------------------------------------------- children
def _child_read_json(source: str, db: str) -> dict:
    from warehouse.publish import connect_for_writing

    # both sides write the storage format a warehouse file has
    connection = connect_for_writing(db)
    started = time.perf_counter()
    cpu_started = cpu_seconds()
    connection.execute(
        "create table records as select * from read_json(?, format = 'newline_delimited')",
        [source],
    )
    connection.execute("checkpoint")
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_started
    rows = connection.execute("select count(*) from records").fetchone()[0]
    connection.close()
    return {"seconds": seconds, "cpu_seconds": cpu, "rows": rows}


def _child_ingest(source: str, db: str) -> dict:
    from ingest.load import PARALLEL_MIN_BYTES, ingest_file, ingest_workers
    from ingest.raw_tables import ensure_raw_schema
    from warehouse.publish import connect_for_writing

    connection = connect_for_writing(db)
    ensure_raw_schema(connection)
    started = time.perf_counter()
    cpu_started = cpu_seconds()
    result = ingest_file(connection, source)
    connection.execute("checkpoint")
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_started
    connection.close()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "loaded": result.loaded,
        "quarantined": result.quarantined,
        "workers": ingest_workers() if os.path.getsize(source) >= PARALLEL_MIN_BYTES else 1,
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in {"read-json", "ingest"}:
        child = _child_read_json if argv[0] == "read-json" else _child_ingest
        print(json.dumps(child(*argv[1:3])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,100k", help="e.g. 1k,10k,100k,1m")
    parser.add_argument("--repeat", type=int, default=None, help="Runs per side (best kept).")
    args = parser.parse_args(argv)
    print(f"ingest workers: {os.environ.get('WAREHOUSE_INGEST_WORKERS', 'one per core')}")
    rows = run(parse_sizes(args.sizes), repeat=args.repeat)
    print(markdown_table(HEADERS, [row.cells() for row in rows]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
