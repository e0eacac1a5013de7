"""A build reloads seeds only when their files changed; the digest travels with the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from warehouse import dbt_build


def test_digest_changes_with_any_seed_file(tmp_path: Path, monkeypatch):
    reference = tmp_path / "reference"
    shutil.copytree(dbt_build.REFERENCE_DIR, reference)
    monkeypatch.setattr(dbt_build, "REFERENCE_DIR", reference)
    before = dbt_build.seed_files_digest()
    assert dbt_build.seed_files_digest() == before

    regions = reference / "regions.csv"
    regions.write_text(regions.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    assert dbt_build.seed_files_digest() != before


def test_stored_digest_round_trips_and_is_absent_before_a_build(tmp_path: Path):
    database = tmp_path / "warehouse.duckdb"
    assert dbt_build.stored_seed_digest(database) is None
    duckdb.connect(str(database)).close()
    assert dbt_build.stored_seed_digest(database) is None

    dbt_build.store_seed_digest(database, "abc")
    dbt_build.store_seed_digest(database, "def")

    assert dbt_build.stored_seed_digest(database) == "def"
