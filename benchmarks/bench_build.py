"""dbt build time, full and after 1% new articles, beside dbt's own fixed cost.

    uv run python -m benchmarks.bench_build                   # 1k, 10k, 100k articles
    uv run python -m benchmarks.bench_build --sizes 1m

For each size: ingest N articles' records into a fresh warehouse (not timed here),
`warehouse build` (full), ingest 1% new articles, `warehouse build` again
(incremental: what a nightly run pays). The 1% come twice: first spread over every
night of the base period (the worst case for event resolution: nearly every place and
night is touched), then, on top, 1% telling of the nights after it, as a nightly run's
articles mostly do ("+1% later nights"). dbt's fixed cost is measured in the same run:
`dbt build` of a scratch project holding one empty model, invoked the way
`warehouse build` invokes dbt (in-process dbtRunner, warm partial-parse state). Every
time is a whole command as a scheduler runs it, from process start to exit; "dbt s"
is the part `warehouse build` itself logs for dbt (step=build seconds=...).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import (
    WORK_DIR,
    CommandRun,
    corpus,
    markdown_table,
    parse_sizes,
    run_command,
    size_label,
)
from benchmarks.generate import NIGHTS

WAREHOUSE = [sys.executable, "-m", "warehouse.cli"]
FIXED_COST_PROJECT = {
    "dbt_project.yml": (
        "name: fixed_cost\nversion: '1.0'\nprofile: fixed_cost\nmodel-paths: [models]\n"
    ),
    "profiles.yml": (
        "fixed_cost:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
        "      path: \"{{ env_var('FIXED_COST_DB') }}\"\n      threads: 2\n"
    ),
    "models/empty_model.sql": "select 1 as id where false\n",
}


@dataclass
class BuildRow:
    articles: int
    full_seconds: float
    full_dbt_seconds: float
    incremental_seconds: float
    incremental_dbt_seconds: float
    nightly_seconds: float
    nightly_dbt_seconds: float
    fixed_seconds: float
    peak_mb: float
    results: str

    def cells(self) -> list[object]:
        return [
            size_label(self.articles),
            f"{self.full_seconds:.1f}",
            f"{self.full_dbt_seconds:.1f}",
            f"{self.incremental_seconds:.1f}",
            f"{self.incremental_dbt_seconds:.1f}",
            f"{self.fixed_seconds:.1f}",
            f"{self.incremental_seconds / self.fixed_seconds:.1f}x",
            f"{self.nightly_seconds:.1f}",
            f"{self.nightly_seconds / self.fixed_seconds:.1f}x",
            f"{self.peak_mb:,.0f}",
        ]


HEADERS = [
    "articles",
    "full build s",
    "full: dbt s",
    "+1% build s",
    "+1%: dbt s",
    "dbt fixed cost s",
    "+1% / fixed",
    "+1% later nights s",
    "later nights / fixed",
    "build peak MB",
]


def _warehouse(*args: str) -> CommandRun:
    return run_command([*WAREHOUSE, *args])


def fixed_cost(work_dir: Path) -> float:
    """Seconds of `dbt build` of one empty model, warm, as warehouse build invokes dbt."""
    project = work_dir / "fixed-cost-project"
    for name, text in FIXED_COST_PROJECT.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    db = work_dir / "fixed-cost.duckdb"
    db.unlink(missing_ok=True)
    args = [sys.executable, "-m", "benchmarks.bench_build", "dbt-empty", str(project), str(db)]
    run_command(args)  # cold: parses the project
    return min(run_command(args).seconds for _ in range(2))


def measure(articles: int, *, work_dir: Path = WORK_DIR) -> BuildRow:
    base = corpus(articles, work_dir=work_dir)
    extra = corpus(max(articles // 100, 1), start=articles, work_dir=work_dir)
    # 1% of the articles at the base period's density tell of 1% of its nights
    nightly = corpus(
        max(articles // 100, 1),
        start=articles + max(articles // 100, 1),
        later_nights=max(NIGHTS // 100, 1),
        work_dir=work_dir,
    )
    folder = work_dir / f"build-{size_label(articles)}"
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*"):
        if stale.is_file():
            stale.unlink()
    db = folder / "warehouse.duckdb"
    _warehouse("ingest", str(base.records), "--db", str(db))
    full = _warehouse("build", "--db", str(db))
    _warehouse("ingest", str(extra.records), "--db", str(db))
    incremental = _warehouse("build", "--db", str(db))
    _warehouse("ingest", str(nightly.records), "--db", str(db))
    later = _warehouse("build", "--db", str(db))
    fixed = fixed_cost(work_dir)
    return BuildRow(
        articles=articles,
        full_seconds=full.seconds,
        full_dbt_seconds=dbt_seconds(full.stderr),
        incremental_seconds=incremental.seconds,
        incremental_dbt_seconds=dbt_seconds(incremental.stderr),
        nightly_seconds=later.seconds,
        nightly_dbt_seconds=dbt_seconds(later.stderr),
        fixed_seconds=fixed,
        peak_mb=max(full.peak_rss_mb, incremental.peak_rss_mb, later.peak_rss_mb),
        results=_results(incremental.stderr),
    )


def dbt_seconds(stderr: str) -> float:
    logged = re.search(r"step=build status=ok seconds=([\d.]+)", stderr)
    return float(logged.group(1)) if logged else float("nan")


def _results(stderr: str) -> str:
    logged = re.search(r'step=build status=ok seconds=[\d.]+ results="?([^"\n]*)', stderr)
    return logged.group(1) if logged else ""


def run(sizes: list[int]) -> list[BuildRow]:
    rows = []
    for articles in sizes:
        row = measure(articles)
        print(markdown_table(HEADERS, [row.cells()]).splitlines()[-1], file=sys.stderr)
        rows.append(row)
    return rows


def _child_dbt_empty(project: str, db: str) -> None:
    import os

    from dbt.cli.main import dbtRunner

    os.environ["FIXED_COST_DB"] = db
    state = Path(db).with_suffix(".dbt")
    result = dbtRunner().invoke(
        [
            "build",
            "--project-dir",
            project,
            "--profiles-dir",
            project,
            "--target-path",
            str(state / "target"),
            "--log-path",
            str(state / "logs"),
            "--quiet",
        ]
    )
    if not result.success:
        raise SystemExit(f"dbt build of the empty model failed: {result.exception}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "dbt-empty":
        _child_dbt_empty(*argv[1:3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,100k", help="e.g. 1k,10k,100k,1m")
    args = parser.parse_args(argv)
    rows = run(parse_sizes(args.sizes))
    print(markdown_table(HEADERS, [row.cells() for row in rows]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
