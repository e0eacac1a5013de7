"""What every benchmark needs: corpus sizes, cached corpora, timed child processes, tables.

Each measurement runs in a fresh child process, so one measurement's caches and heap
never help or hurt the next, and the peak memory of the whole process tree (loader
plus its workers) is sampled from /proc while it runs.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
WORK_DIR = REPO_ROOT / "benchmarks" / "work"  # git-ignored
SEED = 7


def parse_size(text: str) -> int:
    """'1k' -> 1000, '1m' -> 1_000_000, '2500' -> 2500."""
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def parse_sizes(text: str) -> list[int]:
    return [parse_size(part) for part in text.split(",") if part.strip()]


def size_label(count: int) -> str:
    if count >= 1_000_000 and count % 1_000_000 == 0:
        return f"{count // 1_000_000}M"
    if count >= 1_000 and count % 1_000 == 0:
        return f"{count // 1_000}k"
    return str(count)


@dataclass(frozen=True)
class Corpus:
    articles: int
    start: int
    folder: Path

    @property
    def records(self) -> Path:
        return self.folder / "records.jsonl"

    @property
    def article_lines(self) -> Path:
        return self.folder / "articles.jsonl"


def corpus(
    articles: int, *, start: int = 0, later_nights: int = 0, work_dir: Path = WORK_DIR
) -> Corpus:
    """The generated corpus of `articles` articles from index `start`, made once and cached
    (`later_nights`: telling of that many nights after the base period)."""
    from benchmarks.generate import generate

    name = f"corpus-{size_label(articles)}" + (f"-from-{start}" if start else "")
    name += f"-later-{later_nights}" if later_nights else ""
    folder = work_dir / name
    marker = folder / "complete.json"
    wanted = {"articles": articles, "start": start, "seed": SEED}
    if later_nights:
        wanted["later_nights"] = later_nights
    if not (marker.exists() and json.loads(marker.read_text()) == wanted):
        print(f"generating {name} …", file=sys.stderr, flush=True)
        generate(folder, articles=articles, start=start, seed=SEED, later_nights=later_nights)
        marker.write_text(json.dumps(wanted))
    return Corpus(articles, start, folder)


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float
    output: dict


@dataclass
class CommandRun:
    seconds: float  # wall time, process start to exit
    peak_rss_mb: float  # summed over the process and its descendants
    stdout: str
    stderr: str


def run_command(args: list[str], *, env: dict[str, str] | None = None) -> CommandRun:
    """Run a command to completion, timing it and sampling its process tree's memory."""
    started = time.monotonic()
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
    )
    sampler = _TreeMemorySampler(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.monotonic() - started
    sampler.stop()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {process.returncode}:\n{stderr[-3000:]}")
    return CommandRun(seconds, sampler.peak_bytes / 1e6, stdout, stderr)


def run_measured(args: list[str], *, env: dict[str, str] | None = None) -> Measured:
    """Run a child that prints one JSON object (with 'seconds') as its last stdout line."""
    run = run_command(args, env=env)
    output = json.loads(run.stdout.strip().splitlines()[-1])
    seconds = float(output.get("seconds", run.seconds))
    return Measured(seconds=seconds, peak_rss_mb=run.peak_rss_mb, output=output)


class _TreeMemorySampler(threading.Thread):
    """Peak of the summed resident memory of a process and all its descendants."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.peak_bytes = 0
        self._halt = threading.Event()

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._halt.is_set():
            self.peak_bytes = max(self.peak_bytes, _tree_rss_pages(self.root) * page)
            self._halt.wait(self.interval)


def _tree_rss_pages(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21])
    total = 0
    for pid, pages in rss.items():
        node = pid
        while node > 1:
            if node == root:
                total += pages
                break
            node = parents.get(node, 0)
    return total


def cpu_seconds() -> float:
    """CPU time of this process and its waited-for children (user + system)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def python_child(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", module, *args]


def markdown_table(headers: list[str], rows: list[list[object]]) -> str:
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(header), *(len(row[i]) for row in cells)) for i, header in enumerate(headers)]
    right = [any(_numeric(row[i]) for row in cells) for i in range(len(headers))]

    def line(values: list[str]) -> str:
        padded = [
            value.rjust(width) if align else value.ljust(width)
            for value, width, align in zip(values, widths, right, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            "-" * (width + 1) + ":" if align else "-" * (width + 2)
            for width, align in zip(widths, right, strict=True)
        )
        + "|"
    )
    return "\n".join([line(headers), rule, *(line(row) for row in cells)])


def _numeric(value: str) -> bool:
    return value.replace(",", "").replace(".", "").replace("x", "").replace("%", "").isdigit()


def machine_description() -> dict[str, str]:
    memory_kb = 0
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    cpu = platform.processor() or "unknown"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    import duckdb

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "uname": " ".join(platform.uname()),
        "cpu": f"{cpu}, {os.cpu_count()} logical cores (nproc)",
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "load average at start": load,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
    }


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "-"
