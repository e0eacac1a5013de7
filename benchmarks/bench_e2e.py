"""End to end: `warehouse run` on N generated articles (extract, ingest, build, publish).

    uv run python -m benchmarks.bench_e2e                 # 1k, 10k articles
    uv run python -m benchmarks.bench_e2e --sizes 1m      # the issue's 1-hour target

Times the whole command as a scheduler runs it, samples the peak memory of its process
tree (the loader, the extractor's and the validator's workers, dbt), and splits the
time by the steps it logs. Where a size was not run, `projected` extrapolates from the
largest size that was: the steps that grow with the corpus scale linearly, the fixed
cost (start-up, dbt parse) does not.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass

from benchmarks.common import (
    WORK_DIR,
    corpus,
    markdown_table,
    parse_sizes,
    run_command,
    size_label,
)

WAREHOUSE = [sys.executable, "-m", "warehouse.cli"]


@dataclass
class EndToEndRow:
    articles: int
    seconds: float
    extract_seconds: float
    build_seconds: float
    peak_mb: float
    loaded: int
    projected: bool = False

    @property
    def other_seconds(self) -> float:
        """Ingest, publish, start-up: what the steps' own timings leave."""
        return self.seconds - self.extract_seconds - self.build_seconds

    def cells(self) -> list[object]:
        mark = " (projected)" if self.projected else ""
        return [
            size_label(self.articles) + mark,
            f"{self.seconds:,.0f}",
            f"{self.extract_seconds:,.0f}",
            f"{self.other_seconds:,.0f}",
            f"{self.build_seconds:,.0f}",
            f"{self.articles / self.seconds:,.0f}",
            "-" if self.projected else f"{self.peak_mb:,.0f}",
        ]


HEADERS = [
    "articles",
    "total s",
    "extract s",
    "ingest+publish s",
    "build s",
    "articles/s",
    "peak MB (tree)",
]


def _logged_seconds(stderr: str, step: str) -> float:
    found = re.search(rf"step={step} status=ok .*?seconds=([\d.]+)", stderr)
    return float(found.group(1)) if found else 0.0


def measure(articles: int) -> EndToEndRow:
    source = corpus(articles).article_lines
    folder = WORK_DIR / f"e2e-{size_label(articles)}"
    folder.mkdir(parents=True, exist_ok=True)
    for stale in [*folder.glob("*.duckdb*"), *folder.glob(".*")]:
        if stale.is_file():
            stale.unlink()
    for stale in (folder / "extracted").glob("*"):
        stale.unlink()
    db = folder / "warehouse.duckdb"
    run = run_command([*WAREHOUSE, "run", str(source), "--db", str(db), "--no-report"])
    loaded = re.search(r"step=ingest status=ok .*?loaded=(\d+)", run.stderr)
    return EndToEndRow(
        articles=articles,
        seconds=run.seconds,
        extract_seconds=_logged_seconds(run.stderr, "extract"),
        build_seconds=_logged_seconds(run.stderr, "build"),
        peak_mb=run.peak_rss_mb,
        loaded=int(loaded.group(1)) if loaded else 0,
    )


def project(row: EndToEndRow, articles: int, fixed_seconds: float) -> EndToEndRow:
    """Scale the corpus-dependent part of `row` to `articles` articles."""
    scale = articles / row.articles
    grows = max(row.seconds - fixed_seconds, 0.0)
    build_grows = max(row.build_seconds - fixed_seconds, 0.0)
    return EndToEndRow(
        articles=articles,
        seconds=fixed_seconds + grows * scale,
        extract_seconds=row.extract_seconds * scale,
        build_seconds=fixed_seconds + build_grows * scale,
        peak_mb=float("nan"),
        loaded=0,
        projected=True,
    )


def run(sizes: list[int]) -> list[EndToEndRow]:
    rows = []
    for articles in sizes:
        row = measure(articles)
        print(markdown_table(HEADERS, [row.cells()]).splitlines()[-1], file=sys.stderr)
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k", help="e.g. 1k,10k,100k,1m")
    args = parser.parse_args(argv)
    rows = run(parse_sizes(args.sizes))
    print(markdown_table(HEADERS, [row.cells() for row in rows]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
