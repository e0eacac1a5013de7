"""An incremental build ends where a full build of the same raw data ends.

The claim models are incremental (dbt_project/macros/incremental_claims.sql): a build
unnests only the records of loads it has not seen and deletes the claims of records
that were replaced. The interception models recompute only the interceptions a changed
claim touches (macros/incremental_interceptions.sql), and several marts write only the
rows that changed (macros/incremental_changed_rows.sql). Here one warehouse is built in
two steps (half the sample, then the other half plus re-extractions: one drops an
article's strikes, one moves an interception claim to another night, one changes a
claim's weapon, one drops all of an article's claims, and a preferred extractor codes an
article the first step had only from another extractor) and compared, table by table
(marts and intermediates), with a warehouse built once from everything.

What an incremental build cannot see (a seed edit, a changed model or macro) it need not:
`warehouse build` runs a full refresh when the project differs from the one the warehouse
was built from (warehouse/dbt_build.py).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.support.tables import assert_same_tables, table_contents
from tests.support.warehouse_cli import run_warehouse as warehouse

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = REPO_ROOT / "data" / "sample" / "human.jsonl"

pytestmark = pytest.mark.slow


def strike_claims_of(db: Path, article_id: str) -> int:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return connection.execute(
            "select count(*) from fct_strike_claims where article_id = ?", [article_id]
        ).fetchone()[0]
    finally:
        connection.close()


def interception_claims_of(db: Path, article_id: str) -> dict[tuple[str, str], tuple]:
    """(extractor, record claim id) -> (interception_id, headline_reason) of one article."""
    connection = duckdb.connect(str(db), read_only=True)
    try:
        rows = connection.execute(
            "select extractor_name, record_claim_id, interception_id, headline_reason "
            "from fct_interception_claims where article_id = ?",
            [article_id],
        ).fetchall()
    finally:
        connection.close()
    return {
        (extractor, claim): (interception, reason)
        for extractor, claim, interception, reason in rows
    }


def newer(record: dict) -> dict:
    """A re-extraction of `record`: ingest keeps it in place of the stored one."""
    return {**record, "extracted_at": "2030-01-01T00:00:00Z"}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    folder = tmp_path_factory.mktemp("incremental_inputs")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    first = [json.loads(line) for line in lines[: len(lines) // 2]]
    second = [json.loads(line) for line in lines[len(lines) // 2 :]]
    # Re-extractions of articles from the first half, each of another article:
    # without its strikes,
    replaced = newer(next(record for record in first if record["strikes"]))
    replaced["strikes"] = []
    with_interceptions = [
        record
        for record in first
        if record["interceptions"] and record["article"] != replaced["article"]
    ]
    # with an interception claim a night earlier (its old interception loses it),
    moved = newer(with_interceptions[0])
    claim = moved["interceptions"][0]
    earlier = date.fromisoformat(claim["date"]) - timedelta(days=1)
    moved["interceptions"] = [
        {**claim, "date": earlier.isoformat()},
        *moved["interceptions"][1:],
    ]
    # with a claim's weapon changed,
    rearmed = newer(with_interceptions[1])
    claim = rearmed["interceptions"][0]
    rearmed["interceptions"] = [
        {**claim, "weapon": "missile" if claim["weapon"] != "missile" else "drone"},
        *rearmed["interceptions"][1:],
    ]
    # and without any claim (its claimants and its interceptions lose claims and gain none).
    emptied = newer(with_interceptions[2])
    emptied.update(strikes=[], interceptions=[], visits=[])
    # An article the first step has only from the rule-based extractor; the second step
    # brings its hand coding, which is preferred (extractor_priorities): the rule-based
    # claims stop counting in every interception of the article, also in one that no
    # hand-coded claim is in (the rules read another weapon).
    recoded = with_interceptions[3]
    by_rules = {**recoded, "extractor": {"name": "rules", "version": "0.1.0"}}
    claim = by_rules["interceptions"][0]
    by_rules["interceptions"] = [
        {**claim, "weapon": "cruise_missile" if claim["weapon"] != "cruise_missile" else "drone"},
        *by_rules["interceptions"][1:],
    ]
    first = [by_rules if record is recoded else record for record in first]
    second = [*second, recoded, replaced, moved, rearmed, emptied]
    paths = {"first": folder / "first.jsonl", "second": folder / "second.jsonl"}
    for name, records in (("first", first), ("second", second)):
        paths[name].write_text(
            "".join(json.dumps(record) + "\n" for record in records), encoding="utf-8"
        )
    return {
        **paths,
        "moved_claim": moved["interceptions"][0]["claim_id"],
        "rearmed_claim": rearmed["interceptions"][0]["claim_id"],
        **{
            f"{name}_article": record["article"]["article_id"]
            for name, record in (
                ("replaced", replaced),
                ("moved", moved),
                ("rearmed", rearmed),
                ("emptied", emptied),
                ("recoded", recoded),
            )
        },
    }


def test_incremental_build_equals_a_full_build_and_drops_replaced_claims(tmp_path, inputs):
    stepwise = tmp_path / "stepwise.duckdb"
    warehouse("ingest", str(inputs["first"]), "--db", str(stepwise))
    warehouse("build", "--db", str(stepwise))
    assert strike_claims_of(stepwise, inputs["replaced_article"]) > 0
    before = {
        name: interception_claims_of(stepwise, inputs[f"{name}_article"])
        for name in ("moved", "rearmed", "emptied", "recoded")
    }
    assert all(before.values())
    warehouse("ingest", str(inputs["second"]), "--db", str(stepwise))
    warehouse("build", "--db", str(stepwise))
    after = {
        name: interception_claims_of(stepwise, inputs[f"{name}_article"])
        for name in ("moved", "rearmed", "emptied", "recoded")
    }

    at_once = tmp_path / "at_once.duckdb"
    warehouse("ingest", str(inputs["first"]), str(inputs["second"]), "--db", str(at_once))
    warehouse("build", "--db", str(at_once))

    assert strike_claims_of(stepwise, inputs["replaced_article"]) == 0
    # the re-extracted claims left their interceptions, or the table
    for name in ("moved", "rearmed"):
        changed_claim = ("human", inputs[f"{name}_claim"])
        assert after[name][changed_claim][0] != before[name][changed_claim][0], name
    assert after["emptied"] == {}
    assert {reason for _, reason in before["recoded"].values()} != {"same_article_other_extractor"}
    assert {
        reason for (extractor, _), (_, reason) in after["recoded"].items() if extractor == "rules"
    } == {"same_article_other_extractor"}
    assert_same_tables(stepwise, at_once, schemas=("main", "intermediate"))
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


def test_a_changed_project_makes_the_next_build_a_full_refresh(tmp_path, inputs):
    """A seed edit changes rows of articles no new load touches; only a full refresh
    reaches them. Here the stored rows are altered instead (as if built from another
    seed) and the stored project digest with them: the next build must put them back."""
    db = tmp_path / "warehouse.duckdb"
    warehouse("ingest", str(inputs["first"]), str(inputs["second"]), "--db", str(db))
    warehouse("build", "--db", str(db))
    built = {schema: table_contents(db, schema=schema) for schema in ("main", "intermediate")}
    connection = duckdb.connect(str(db))
    try:
        for statement in (
            "update intermediate.int_interception_claims_normalised set claimant_scope = 'x'",
            "update intermediate.int_interception_windows_deduplicated set headline_reason = 'x'",
            "update intermediate.int_actors_unioned set actor_name = 'x'",
            # a mart's accepted values are a check constraint: another accepted value
            "update main.fct_interception_claims set headline_reason = case headline_reason"
            " when 'headline' then 'third_party_claim' else 'headline' end",
            "update main.fct_interceptions set headline_claimant = 'x'",
            "update main.dim_actors set actor_name = 'x'",
            "update main.dim_sources set title = 'x'",
            "update reference.warehouse_project_digest set digest = 'another project'",
        ):
            connection.execute(statement)
    finally:
        connection.close()

    warehouse("build", "--db", str(db))

    for schema, tables in built.items():
        rebuilt = table_contents(db, schema=schema)
        differing = sorted(name for name in tables if rebuilt[name] != tables[name])
        assert not differing, f"not rebuilt: {differing}"
