"""`warehouse run` on a growing input folder extracts only articles it has not seen,
and an overlapping run learns that the warehouse is busy before it extracts anything."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.publish import paths_for, writer_lock

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_ARTICLES = REPO_ROOT / "data" / "sample" / "articles"

pytestmark = pytest.mark.slow


def sample_names() -> list[str]:
    """The sample articles' names, without the .txt and .meta.json endings."""
    return sorted(path.stem for path in SAMPLE_ARTICLES.glob("*.txt"))


def copy_articles(names: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        for path in SAMPLE_ARTICLES.glob(f"{name}.*"):
            shutil.copy(path, folder / path.name)


def run(inputs: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "warehouse.cli", "run", str(inputs), "--db", str(db), "--no-report"],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "COLUMNS": "120"},
    )


def extract_log(stderr: str) -> dict[str, int]:
    line = re.search(r"step=extract status=ok (.*)", stderr)
    assert line, stderr[-2000:]
    counts = re.findall(r"\b(articles|already_extracted)=(\d+)\s", line.group(1) + " ")
    return {key: int(value) for key, value in counts}


def source_count(db: Path) -> int:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return connection.execute("select count(*) from dim_sources").fetchone()[0]
    finally:
        connection.close()


def test_a_rerun_extracts_only_new_articles(tmp_path: Path):
    stems = sample_names()
    inputs, db = tmp_path / "inbox", tmp_path / "warehouse.duckdb"
    copy_articles(stems[:3], inputs)

    first = run(inputs, db)
    assert first.returncode == 0, first.stderr[-3000:]
    assert extract_log(first.stderr) == {"articles": 3, "already_extracted": 0}
    assert source_count(db) == 3

    copy_articles(stems[3:5], inputs)
    second = run(inputs, db)
    assert second.returncode == 0, second.stderr[-3000:]
    assert extract_log(second.stderr) == {"articles": 2, "already_extracted": 3}
    assert source_count(db) == 5

    # an edited article is new content, so it is extracted again
    edited = next(inputs.glob(f"{stems[0]}.txt"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUpdated.\n", encoding="utf-8")
    third = run(inputs, db)
    assert third.returncode == 0, third.stderr[-3000:]
    assert extract_log(third.stderr) == {"articles": 1, "already_extracted": 4}


def test_an_overlapping_run_exits_busy_before_extracting(tmp_path: Path):
    inputs, db = tmp_path / "inbox", tmp_path / "warehouse.duckdb"
    copy_articles(sample_names()[:2], inputs)

    with writer_lock(paths_for(db)):
        busy = run(inputs, db)

    assert busy.returncode == 75, busy.stderr[-2000:]
    assert "step=extract" not in busy.stderr
    assert not (tmp_path / "extracted").exists()
    assert not db.exists()
