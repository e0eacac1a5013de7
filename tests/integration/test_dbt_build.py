"""Build the warehouse from a small fixture with dbt and check the merge rules on the marts.

The fixture (tests/fixtures/extractions_small.jsonl, written by make_extractions_small.py)
holds one multi-source strike with conflicting figures, a repeat strike on one depot, two
strikes in one city on one day, a region-level claim with one and one with two candidates,
a Ukrainian night with national and regional claims, and a Russian night with overlapping
Ministry windows. dbt runs once, in-process, for the whole module.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURE = REPO_ROOT / "tests" / "fixtures" / "extractions_small.jsonl"
DBT_PROJECT = REPO_ROOT / "dbt_project"
REFERENCE_DIR = REPO_ROOT / "ingest" / "reference"
# Headers of the reference files (PROJECT.md), for a header-only stand-in when one is absent.
REFERENCE_HEADERS = {
    "regions.csv": "iso_code,name_en,name_ru,name_uk,country,kind,lat,lon",
    "facilities.csv": (
        "facility_id,name,aliases,target_type,operator,capacity,city,admin1,country,lat,lon"
    ),
    "weapon_models.csv": "model,aliases,weapon,is_recon,note",
}
MARTS = (
    "fct_strike_claims",
    "fct_strikes",
    "fct_interception_claims",
    "fct_interceptions",
    "fct_visits",
    "dim_targets",
    "dim_places",
    "dim_dates",
    "dim_actors",
    "dim_sources",
)
NIGHT = dt.date(2025, 1, 14)

pytestmark = pytest.mark.slow


def project_copy(tmp: Path) -> Path:
    """The dbt project and a snapshot of the reference files, laid out as in the repo.

    dbt reads seeds from ../ingest/reference and writes beside them under target/; a copy
    keeps both away from the working tree. The three reference files the models read get
    header-only stand-ins when they are not written yet.
    """
    project = tmp / "repo" / "dbt_project"
    shutil.copytree(DBT_PROJECT, project, ignore=shutil.ignore_patterns("target", "logs"))
    reference = tmp / "repo" / "ingest" / "reference"
    reference.mkdir(parents=True)
    for path in REFERENCE_DIR.glob("*.csv"):
        shutil.copy(path, reference / path.name)
    for name, header in REFERENCE_HEADERS.items():
        if not (reference / name).is_file():
            (reference / name).write_text(header + "\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    from dbt.cli.main import dbtRunner

    from ingest.load import ingest_file
    from ingest.raw_tables import ensure_raw_schema

    tmp = tmp_path_factory.mktemp("dbt_build")
    db_path = tmp / "warehouse.duckdb"
    with duckdb.connect(str(db_path)) as connection:
        ensure_raw_schema(connection)
        loaded = ingest_file(connection, FIXTURE)
    assert loaded.quarantined == 1, loaded.reasons

    project = project_copy(tmp)
    saved = os.environ.get("WAREHOUSE_DB")
    os.environ["WAREHOUSE_DB"] = str(db_path)
    try:
        result = dbtRunner().invoke(
            ["build", "--project-dir", str(project), "--profiles-dir", str(project), "--quiet"]
        )
    finally:
        if saved is None:
            os.environ.pop("WAREHOUSE_DB", None)
        else:
            os.environ["WAREHOUSE_DB"] = saved
    failures = [
        f"{node.node.name}: {node.status} {node.message}"
        for node in (result.result or [])
        if str(node.status) in {"error", "fail"}
    ]
    assert result.success, f"dbt build failed: {result.exception or failures}"

    # Not read_only: dbt-duckdb keeps its own handle on the file open in this process, and
    # DuckDB refuses a second handle with another configuration.
    connection = duckdb.connect(str(db_path))
    yield connection
    connection.close()


def rows(connection: duckdb.DuckDBPyConnection, sql: str, *params) -> list[dict]:
    cursor = connection.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_every_mart_has_rows(warehouse):
    empty = [
        mart
        for mart in MARTS
        if warehouse.execute(f"select count(*) from main.{mart}").fetchone()[0] == 0
    ]
    assert empty == []


def test_quarantined_line_reaches_staging(warehouse):
    reasons = [
        row[0]
        for row in warehouse.execute(
            "select quarantine_reason from staging.stg_raw__quarantine"
        ).fetchall()
    ]
    assert len(reasons) == 1 and "weapon" in reasons[0]


def test_multi_source_strike_is_one_event_with_every_source(warehouse):
    # Engels, 14 January: RFE/RL (coded by two extractors), Reuters, Kyiv Independent.
    events = rows(
        warehouse,
        "select * from main.fct_strikes where event_date = ? and admin1 = 'Saratov Oblast'",
        NIGHT,
    )
    assert len(events) == 1
    event = events[0]
    assert event["source_count"] == 3
    assert event["outlet_count"] == 3
    assert event["claim_count"] == 8
    assert (event["injured_low"], event["injured_high"]) == (1, 3)
    assert event["injured_low"] <= event["injured_best"] <= event["injured_high"]
    assert event["has_outcome_conflict"] is True
    assert "General Staff" in event["attacker_side_account"]
    assert "Busargin" in event["attacked_side_account"]
    assert event["place_precision_code"] == 1 and event["date_precision_code"] == 1


def test_region_claim_attaches_to_the_single_candidate(warehouse):
    claims = rows(
        warehouse,
        """
        select region_claims.match_reason, region_claims.strike_id = events.strike_id as same_event
        from main.fct_strike_claims as region_claims
        inner join main.fct_strikes as events
            on events.event_date = region_claims.event_date and events.admin1 = 'Saratov Oblast'
        where region_claims.place_precision = 'region' and region_claims.admin1 = 'Saratov Oblast'
        """,
    )
    assert len(claims) == 4  # caption and body, by two extractors
    assert all(claim["same_event"] for claim in claims)
    assert {claim["match_reason"] for claim in claims} == {"unique_candidate_in_region"}


def test_region_claim_with_two_candidates_stays_its_own_event(warehouse):
    # Ryazan, 24 January: the refinery and the power plant are two events, and "an industrial
    # site elsewhere in Ryazan region" could be either, so it is a third.
    events = rows(
        warehouse,
        "select place_precision, target_type from main.fct_strikes where event_date = ? "
        "order by place_precision_code",
        dt.date(2025, 1, 24),
    )
    assert [(event["place_precision"], event["target_type"]) for event in events] == [
        ("facility", "oil_refinery"),
        ("city", "power_plant"),
        ("region", "industrial"),
    ]


def test_repeat_strikes_on_one_depot_are_one_target_with_two_events(warehouse):
    targets = rows(
        warehouse,
        """
        select target_id, list(event_date order by event_date) as dates
        from main.fct_strikes
        where admin1 = 'Saratov Oblast'
        group by target_id
        """,
    )
    assert len(targets) == 1
    assert targets[0]["dates"] == [dt.date(2025, 1, 8), NIGHT]
    target = rows(
        warehouse, "select * from main.dim_targets where target_id = ?", targets[0]["target_id"]
    )[0]
    assert target["strike_count"] == 2
    assert (target["first_struck_on"], target["last_struck_on"]) == (dt.date(2025, 1, 8), NIGHT)


def test_regional_command_is_not_added_to_the_national_figure(warehouse):
    night = rows(
        warehouse,
        "select * from main.fct_interceptions where attack_night = ? and defender = 'UA' "
        "and weapon = 'drone'",
        NIGHT,
    )
    assert len(night) == 1
    figures = night[0]
    assert (figures["launched"], figures["intercepted"], figures["lost"]) == (80, 58, 21)
    assert figures["headline_claimant"] == "Ukrainian Air Force"
    assert figures["interception_rate"] == pytest.approx(58 / 80)
    assert (figures["claim_count"], figures["source_count"]) == (4, 3)
    regional = rows(
        warehouse,
        "select is_headline, headline_reason from main.fct_interception_claims "
        "where claimant_role = 'regional air command'",
    )
    assert regional == [{"is_headline": False, "headline_reason": "regional_command_not_added"}]


def test_ministry_windows_are_not_double_counted(warehouse):
    night = rows(
        warehouse,
        "select * from main.fct_interceptions where attack_night = ? and defender = 'RU'",
        NIGHT,
    )
    assert len(night) == 1
    figures = night[0]
    assert figures["intercepted"] == 12 + 40  # 02:00-05:00 lies inside 23:00-07:00
    assert figures["launched"] is None and figures["interception_rate"] is None
    assert figures["attacker_claimed_launched"] == 100
    assert figures["headline_claim_count"] == 2


def test_one_visit_across_articles_with_topics_merged(warehouse):
    visits = rows(warehouse, "select * from main.fct_visits where visitor_name = 'Boris Pistorius'")
    assert len(visits) == 1
    visit = visits[0]
    assert (visit["source_count"], visit["announced"], visit["visit_date"]) == (2, False, NIGHT)
    assert visit["topics"].split("; ") == [
        "intelligence sharing",
        "joint exercises",
        "military aid",
    ]


def test_precision_codes_use_the_documented_values(warehouse):
    codes = warehouse.execute(
        """
        select distinct date_precision_code from main.fct_strike_claims
        union select distinct date_precision_code from main.fct_interceptions
        union select distinct place_precision_code from main.fct_strikes
        """
    ).fetchall()
    assert {code for (code,) in codes} <= {1, 2, 3, 4, 9}


@pytest.mark.parametrize(
    ("mart", "key", "column", "bad_value", "error"),
    [
        # accepted values: check constraints
        ("fct_strike_claims", "claim_id", "weapon", "'slingshot'", "CHECK"),
        ("fct_strikes", "strike_id", "date_precision_code", "7", "CHECK"),
        ("dim_actors", "actor_id", "actor_kind", "null", "NOT NULL"),
        # the grain: a second row with an existing key
        ("fct_strikes", "strike_id", "strike_id", None, "primary key"),
    ],
)
def test_mart_contract_rejects_what_its_tests_would_flag(
    warehouse, mart, key, column, bad_value, error
):
    """The marts' keys, not-null columns and accepted values are constraints DuckDB enforces
    (not data tests that scan the whole mart on every build): a bad row cannot get in."""
    replace = ""
    if bad_value is not None:
        replace = f" replace ('test-row' as {key}, {bad_value} as {column})"
    before = warehouse.execute(f"select count(*) from main.{mart}").fetchone()[0]
    with pytest.raises(duckdb.ConstraintException, match=error):
        warehouse.execute(f"insert into main.{mart} select *{replace} from main.{mart} limit 1")
    assert warehouse.execute(f"select count(*) from main.{mart}").fetchone()[0] == before
