"""Every benchmark in one run: one summary table on stdout, and a new entry in RESULTS.md.

    uv run python -m benchmarks                                   # the default sizes
    uv run python -m benchmarks --ingest-sizes 1k,10k,100k,1m --build-sizes 1k,10k,100k,1m \
        --e2e-sizes 1k,10k,1m                                     # the issue's full run

Each run is added at the top of benchmarks/RESULTS.md with the machine (uname, cores,
memory, load), the date and the exact command, so that growth shows across versions.
A benchmark that fails is reported as failed, with its error, and the others still run.
"""

from __future__ import annotations

import argparse
import math
import shlex
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from benchmarks import bench_build, bench_e2e, bench_ingest, fuzz_ingest
from benchmarks.common import machine_description, markdown_table, parse_sizes, size_label

RESULTS = Path(__file__).with_name("RESULTS.md")
TITLE = "# Benchmark results\n"
INTRO = (
    "Newest run first. Written by `python -m benchmarks` (benchmarks/run_all.py); each entry\n"
    "names its machine and command. Targets are those of issue 7. Times are wall-clock on a\n"
    "shared machine: compare ratios measured in the same run before absolute figures.\n"
)


def _attempt(name: str, step: Callable[[], object], failures: dict[str, str]) -> object | None:
    try:
        return step()
    except Exception as error:  # a failed benchmark is a finding; the others still run
        traceback.print_exc()
        failures[name] = f"{type(error).__name__}: {str(error).strip().splitlines()[-1][:300]}"
        return None


def summary_table(
    ingest_rows: list, build_rows: list, e2e_rows: list, fuzz: dict | None
) -> tuple[list[str], list[list[object]]]:
    sizes = sorted(
        {row.articles for row in ingest_rows}
        | {row.articles for row in build_rows}
        | {row.articles for row in e2e_rows}
    )
    headers = ["measure", *(size_label(size) for size in sizes), "target"]

    def line(label: str, rows: list, value: Callable, target: str) -> list[object]:
        by_size = {row.articles: row for row in rows}
        cells = [value(by_size[size]) if size in by_size else "" for size in sizes]
        return [label, *cells, target]

    table = [
        line(
            "DuckDB read_json, records/s",
            ingest_rows,
            lambda row: f"{row.articles / row.read_json_seconds:,.0f}",
            "reference",
        ),
        line(
            "ingest, records/s",
            ingest_rows,
            lambda row: f"{row.articles / row.ingest_seconds:,.0f}",
            "flat 10k..1M",
        ),
        line("ingest / read_json", ingest_rows, lambda row: f"{row.ratio:.2f}", ">= 0.50"),
        line("ingest peak memory, MB", ingest_rows, lambda row: f"{row.ingest_peak_mb:,.0f}", ""),
        line("dbt build full, s", build_rows, lambda row: f"{row.full_seconds:.1f}", ""),
        line(
            "dbt build after +1% articles, s",
            build_rows,
            lambda row: f"{row.incremental_seconds:.1f}",
            "",
        ),
        line(
            "dbt fixed cost (empty model), s",
            build_rows,
            lambda row: f"{row.fixed_seconds:.1f}",
            "",
        ),
        line(
            "+1% build / fixed cost",
            build_rows,
            lambda row: f"{row.incremental_seconds / row.fixed_seconds:.1f}",
            "<= 2 at 1M",
        ),
        line(
            "end to end (extract+ingest+build), s",
            e2e_rows,
            lambda row: f"{row.seconds:,.0f}" + (" (projected)" if row.projected else ""),
            "<= 3600 at 1M",
        ),
        line(
            "end to end peak memory, MB",
            e2e_rows,
            lambda row: "" if math.isnan(row.peak_mb) else f"{row.peak_mb:,.0f}",
            "<= 4096",
        ),
    ]
    table = [row for row in table if any(row[1:-1])]  # leave out what was not run
    if fuzz:
        label = f"fuzz: {fuzz['lines']:,} hostile lines, 0 lost, 0 crashes"
        table.append([label, *([""] * len(sizes)), "all loaded or quarantined"])
    return headers, table


def write_results(entry: str) -> None:
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    body = previous.removeprefix(TITLE).lstrip("\n")
    body = body.removeprefix(INTRO).lstrip("\n")
    RESULTS.write_text(f"{TITLE}\n{INTRO}\n{entry}\n{body}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingest-sizes", default="1k,10k,100k")
    parser.add_argument("--build-sizes", default="1k,10k")
    parser.add_argument("--e2e-sizes", default="1k")
    parser.add_argument("--project-e2e-to", default="1m", help="Size to extrapolate to.")
    parser.add_argument("--fuzz-files", type=int, default=500)
    parser.add_argument("--no-write", action="store_true", help="Do not update RESULTS.md.")
    args = parser.parse_args(argv)
    machine = machine_description()
    failures: dict[str, str] = {}

    ingest_rows = _attempt(
        "ingest", lambda: bench_ingest.run(parse_sizes(args.ingest_sizes)), failures
    )
    build_rows = _attempt("build", lambda: bench_build.run(parse_sizes(args.build_sizes)), failures)
    e2e_rows = _attempt("e2e", lambda: bench_e2e.run(parse_sizes(args.e2e_sizes)), failures)
    fuzz = (
        _attempt("fuzz", lambda: fuzz_ingest.fuzz(args.fuzz_files), failures)
        if args.fuzz_files
        else None
    )
    ingest_rows, build_rows, e2e_rows = ingest_rows or [], build_rows or [], e2e_rows or []
    if e2e_rows and args.project_e2e_to:
        target = parse_sizes(args.project_e2e_to)[0]
        largest = max(e2e_rows, key=lambda row: row.articles)
        if target > largest.articles:
            fixed = min((row.fixed_seconds for row in build_rows), default=0.0)
            e2e_rows.append(bench_e2e.project(largest, target, fixed))

    headers, rows = summary_table(ingest_rows, build_rows, e2e_rows, fuzz)
    sections = [markdown_table(headers, rows)]
    if ingest_rows:
        sections.append(
            "Ingest beside DuckDB read_json (best of the runs of each side):\n\n"
            + markdown_table(bench_ingest.HEADERS, [row.cells() for row in ingest_rows])
        )
    if build_rows:
        sections.append(
            "dbt build (whole commands; dbt s = the build step's own log):\n\n"
            + markdown_table(bench_build.HEADERS, [row.cells() for row in build_rows])
        )
    if e2e_rows:
        sections.append(
            "End to end, `warehouse run ARTICLES.jsonl`:\n\n"
            + markdown_table(bench_e2e.HEADERS, [row.cells() for row in e2e_rows])
        )
    if fuzz:
        sections.append(
            f"Fuzz: {fuzz['lines']:,} hostile lines in {fuzz['files']:,} files: "
            f"{fuzz['loaded']:,} loaded, {fuzz['quarantined']:,} quarantined with a reason, "
            f"none lost, no crash ({fuzz['seconds']} s)."
        )
    if failures:
        sections.append(
            "Failed:\n\n" + "\n".join(f"- {name}: {error}" for name, error in failures.items())
        )
    report = "\n\n".join(sections)
    print(report)

    command = "uv run python -m benchmarks " + shlex.join(argv)
    details = "\n".join(f"- {key}: {value}" for key, value in machine.items())
    entry = f"## {machine['date']}\n\nCommand: `{command.strip()}`\n\n{details}\n\n{report}\n"
    if not args.no_write:
        write_results(entry)
        print(f"\nwritten to {RESULTS}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
