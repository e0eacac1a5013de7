"""The strike chain built incrementally ends where a full build of the same raw data ends.

int_strike_claims_matched recomputes only the claims whose event can change
(dbt_project/macros/incremental_strikes.sql). A generated corpus, its strike claims varied
(dates within 30 days so that runs of dates are long; region-, country- and place-less claims,
generic types, named targets), is built; then new articles and re-extractions arrive: a claim
on a date inside a run, one at a run's end, one the day before a run (its islands re-anchor),
one filling a one-day gap between two runs,
claims moved a day or to another place or type, dropped claims, and a newly named target that
re-identifies older unnamed claims of its type in its city. The second build must equal a
build of everything at once, table by table (marts and intermediates).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from benchmarks.check_incremental_strikes import re_extraction, varied_record
from benchmarks.generate import article_and_record
from tests.support.tables import assert_same_tables, table_contents
from tests.support.warehouse_cli import run_warehouse as warehouse

pytestmark = pytest.mark.slow

ARTICLES = 600
DAYS = 30
SEED = 11
NEW_TARGET = "Polyarnaya fuel depot"


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def city_groups(records: list[dict]) -> dict[tuple, set[dt.date]]:
    """Dates of the unnamed city-level day-dated claims of each place, type and attacker."""
    groups: dict[tuple, set[dt.date]] = defaultdict(set)
    for record in records:
        for claim in record["strikes"]:
            place = claim["place"]
            if (
                place
                and place["precision"] == "city"
                and claim["target"]["name"] is None
                and claim["date_precision"] == "day"
                and claim["date"]
                and claim["attacker"]
            ):
                key = (
                    json.dumps(place, sort_keys=True),
                    claim["target"]["type"],
                    claim["attacker"],
                )
                groups[key].add(dt.date.fromisoformat(claim["date"]))
    return groups


def new_articles(start: int, claims: list[dict]) -> list[dict]:
    """New articles, one per claim: each takes the claim's facts and keeps its own evidence."""
    records = []
    index = start
    for facts in claims:
        while not (record := article_and_record(index, SEED)[1])["strikes"]:
            index += 1
        own = record["strikes"][0]
        record["strikes"] = [
            {**own, **facts, "claim_id": own["claim_id"], "evidence": own["evidence"]}
        ]
        records.append(record)
        index += 1
    return records


def claim_on(group: tuple, day: dt.date) -> dict:
    place, target_type, attacker = group
    return {
        "date": day.isoformat(),
        "date_precision": "day",
        "place": json.loads(place),
        "target": {"name": None, "type": target_type},
        "attacker": attacker,
    }


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("incremental_strikes")
    rng = random.Random(SEED)
    base = [
        varied_record(rng, article_and_record(index, SEED)[1], days=DAYS)
        for index in range(ARTICLES)
    ]
    groups = city_groups(base)
    ordered = sorted(groups, key=lambda key: (-len(groups[key]), key))
    inside = next(key for key in ordered if len(groups[key]) >= 3)
    gap = next(
        (key, day + dt.timedelta(days=1))
        for key in ordered
        for day in sorted(groups[key])
        if day + dt.timedelta(days=2) in groups[key]
        and day + dt.timedelta(days=1) not in groups[key]
    )
    run_end = next(
        (key, day + dt.timedelta(days=1))
        for key in ordered
        for day in sorted(groups[key])
        if day - dt.timedelta(days=1) in groups[key]
        and not {day + dt.timedelta(days=1), day + dt.timedelta(days=2)} & groups[key]
    )
    # A day before a run of two or more: every island of the run starts a day earlier.
    before_run = next(
        (key, day - dt.timedelta(days=1))
        for key in ordered
        for day in sorted(groups[key])
        if day + dt.timedelta(days=1) in groups[key]
        and not {day - dt.timedelta(days=1), day - dt.timedelta(days=2)} & groups[key]
    )
    # A named target in a city whose unnamed claims of that type had no known target: they are
    # identified as it (only_known_target_of_type_in_city) once it is named.
    named_depots = {
        (claim["place"]["lat"], claim["place"]["lon"])
        for record in base
        for claim in record["strikes"]
        if claim["place"]
        and claim["target"]["type"] == "fuel_depot"
        and (claim["target"]["name"] or claim["place"]["precision"] == "facility")
    }
    place, target_type, attacker = next(
        key
        for key in ordered
        if key[1] == "fuel_depot"
        and json.loads(key[0])["name"] != "Engels"
        and (json.loads(key[0])["lat"], json.loads(key[0])["lon"]) not in named_depots
    )
    named = {
        **claim_on((place, target_type, attacker), min(groups[(place, target_type, attacker)])),
        "target": {"name": NEW_TARGET, "type": target_type},
    }
    middle = sorted(groups[inside])[len(groups[inside]) // 2]
    added = new_articles(
        ARTICLES,
        [
            claim_on(inside, middle),
            claim_on(*gap),
            claim_on(*run_end),
            claim_on(*before_run),
            named,
        ],
    )
    rng = random.Random(SEED + 1)
    more = [
        varied_record(rng, article_and_record(index, SEED)[1], days=DAYS)
        for index in range(ARTICLES + 100, ARTICLES + 110)
    ]
    replaced = [re_extraction(rng, record, days=DAYS) for record in rng.sample(base, k=12)]
    return {
        "first": write(folder / "first.jsonl", base),
        "second": write(folder / "second.jsonl", [*added, *more, *replaced]),
    }


def identified_as_new_target(db: Path) -> int:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return connection.execute(
            "select count(*) from fct_strike_claims "
            "where target_match = 'only_known_target_of_type_in_city' and target_id like ?",
            ["%/fuel_depot/polyarnaya"],
        ).fetchone()[0]
    finally:
        connection.close()


def test_incremental_strike_matching_equals_a_full_build(tmp_path, inputs):
    stepwise = tmp_path / "stepwise.duckdb"
    warehouse("ingest", str(inputs["first"]), "--db", str(stepwise))
    warehouse("build", "--db", str(stepwise))
    assert identified_as_new_target(stepwise) == 0
    warehouse("ingest", str(inputs["second"]), "--db", str(stepwise))
    warehouse("build", "--db", str(stepwise))
    # the new name re-identified older claims
    assert identified_as_new_target(stepwise) > 0

    at_once = tmp_path / "at_once.duckdb"
    warehouse("ingest", str(inputs["first"]), str(inputs["second"]), "--db", str(at_once))
    warehouse("build", "--db", str(at_once))

    assert_same_tables(stepwise, at_once, schemas=("main", "intermediate"))
    assert "intermediate.int_strike_claims_matched__event_profiles" in table_contents(
        stepwise, schema="intermediate"
    )
