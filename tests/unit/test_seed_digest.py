"""A build is incremental only from the project it was last built from; the digest and
the loads that build took in travel with the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from warehouse import dbt_build


def test_digest_changes_with_any_seed_file(tmp_path: Path, monkeypatch):
    reference = tmp_path / "reference"
    shutil.copytree(dbt_build.REFERENCE_DIR, reference)
    monkeypatch.setattr(dbt_build, "REFERENCE_DIR", reference)
    before = dbt_build.project_digest()
    assert dbt_build.project_digest() == before

    regions = reference / "regions.csv"
    regions.write_text(regions.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    assert dbt_build.project_digest() != before


def test_digest_changes_with_a_model_or_a_macro(tmp_path: Path, monkeypatch):
    project = tmp_path / "dbt_project"
    shutil.copytree(
        dbt_build.DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs")
    )
    monkeypatch.setattr(dbt_build, "DBT_PROJECT_DIR", project)
    before = dbt_build.project_digest()

    for path in (project / "models" / "marts" / "dim_actors.sql", project / "macros" / "names.sql"):
        original = path.read_text(encoding="utf-8")
        path.write_text(original + "\n", encoding="utf-8")
        assert dbt_build.project_digest() != before, path.name
        path.write_text(original, encoding="utf-8")

    assert dbt_build.project_digest() == before


def test_stored_state_round_trips_and_is_absent_before_a_build(tmp_path: Path):
    database = tmp_path / "warehouse.duckdb"
    assert dbt_build.stored_project_digest(database) is None
    duckdb.connect(str(database)).close()
    assert dbt_build.stored_project_digest(database) is None

    dbt_build.store_build_state(database, "abc", ["load-1"])
    dbt_build.store_build_state(database, "def", ["load-1", "load-2"])

    assert dbt_build.stored_project_digest(database) == "def"
    with duckdb.connect(str(database), read_only=True) as connection:
        loads = connection.execute(f"select load_id from {dbt_build.BUILT_LOADS_TABLE}").fetchall()
    assert sorted(loads) == [("load-1",), ("load-2",)]
