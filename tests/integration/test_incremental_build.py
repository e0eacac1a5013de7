"""An incremental build ends where a full build of the same raw data ends.

The claim models are incremental (dbt_project/macros/incremental_claims.sql): a build
unnests only the records of loads it has not seen and deletes the claims of records
that were replaced. Here one warehouse is built in two steps (half the sample, then the
other half plus a re-extraction of one article that drops its strikes) and compared,
mart by mart, with a warehouse built once from everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.support.tables import table_contents

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = REPO_ROOT / "data" / "sample" / "human.jsonl"

pytestmark = pytest.mark.slow


def warehouse(*args: str) -> subprocess.CompletedProcess:
    finished = subprocess.run(
        [sys.executable, "-m", "warehouse.cli", *args],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "COLUMNS": "120"},
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return finished


def strike_claims_of(db: Path, article_id: str) -> int:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return connection.execute(
            "select count(*) from fct_strike_claims where article_id = ?", [article_id]
        ).fetchone()[0]
    finally:
        connection.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    folder = tmp_path_factory.mktemp("incremental_inputs")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    first, second = lines[: len(lines) // 2], lines[len(lines) // 2 :]
    # A re-extraction of an article from the first half: newer, and without its strikes.
    replaced = next(json.loads(line) for line in first if json.loads(line)["strikes"])
    replaced["strikes"] = []
    replaced["extracted_at"] = "2030-01-01T00:00:00Z"
    paths = {"first": folder / "first.jsonl", "second": folder / "second.jsonl"}
    paths["first"].write_text("\n".join(first) + "\n", encoding="utf-8")
    paths["second"].write_text("\n".join([*second, json.dumps(replaced)]) + "\n", encoding="utf-8")
    return {**paths, "replaced_article": replaced["article"]["article_id"]}


def test_incremental_build_equals_a_full_build_and_drops_replaced_claims(tmp_path, inputs):
    stepwise = tmp_path / "stepwise.duckdb"
    warehouse("ingest", str(inputs["first"]), "--db", str(stepwise))
    warehouse("build", "--db", str(stepwise))
    assert strike_claims_of(stepwise, inputs["replaced_article"]) > 0
    warehouse("ingest", str(inputs["second"]), "--db", str(stepwise))
    warehouse("build", "--db", str(stepwise))

    at_once = tmp_path / "at_once.duckdb"
    warehouse("ingest", str(inputs["first"]), str(inputs["second"]), "--db", str(at_once))
    warehouse("build", "--db", str(at_once))

    assert strike_claims_of(stepwise, inputs["replaced_article"]) == 0
    stepwise_marts = table_contents(stepwise, schema="main")
    at_once_marts = table_contents(at_once, schema="main")
    assert set(stepwise_marts) == set(at_once_marts)
    differing = sorted(
        name for name in at_once_marts if stepwise_marts[name] != at_once_marts[name]
    )
    assert not differing, f"incremental and full builds differ in {differing}"
    # the claim models were built incrementally, not re-created as views
    connection = duckdb.connect(str(stepwise), read_only=True)
    try:
        kinds = dict(
            connection.execute(
                "select table_name, table_type from information_schema.tables "
                "where table_schema = 'staging' and table_name like 'stg_raw__%claims'"
            ).fetchall()
        )
    finally:
        connection.close()
    assert kinds == dict.fromkeys(
        ["stg_raw__strike_claims", "stg_raw__interception_claims", "stg_raw__visit_claims"],
        "BASE TABLE",
    )
