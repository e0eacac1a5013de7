"""Randomised check: an incremental build of the strike chain equals a full refresh.

    uv run python -m benchmarks.check_incremental_strikes --bases 2 --changes 4

For each base seed: a small generated corpus with its strike claims varied (dates squeezed into
60 days so that runs of dates are long, region-, country- and place-less claims, generic types,
named targets, week/month dates) is built once. For each change seed, a copy gets new articles
and re-extractions (claims moved a day or two, to another place or type, named, dropped) and is
built incrementally; another copy of the same raw data is built with --full-refresh, and every
table of main, intermediate and staging must be equal both ways (`except all`, every column).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

from benchmarks.generate import article_and_record

START = dt.date(2023, 1, 1)
NAMED = [
    ("Kristall oil depot", "fuel_depot"),
    ("Saratov refinery", "oil_refinery"),
    ("Zarya depot", "fuel_depot"),
    ("Sever plant", "chemical_plant"),
    ("Vostok arsenal", "ammunition_depot"),
    ("Yug power station", "power_plant"),
]
GENERIC = ["industrial", "unknown", "other"]


def vary_strike(rng: random.Random, claim: dict, *, days: int) -> dict | None:
    """The claim with its date, place, precision or target varied (None: dropped)."""
    claim = json.loads(json.dumps(claim))
    claim["date"] = (START + dt.timedelta(days=rng.randint(0, days - 1))).isoformat()
    roll = rng.random()
    place = claim["place"]
    # a place-less claim (the generator writes some) keeps none
    if roll < 0.10 and place:
        claim["place"] = {**place, "name": place["admin1"], "precision": "region"}
        claim["place"].update(lat=None, lon=None)
    elif roll < 0.14 and place:
        claim["place"] = {
            "name": "Russia" if place["country"] == "RU" else "Ukraine",
            "admin1": None,
            "country": place["country"],
            "lat": None,
            "lon": None,
            "precision": "country",
        }
    elif roll < 0.17:
        claim["place"] = None
    elif roll < 0.30:
        claim["target"] = {"name": None, "type": rng.choice(GENERIC)}
    elif roll < 0.40:
        name, target_type = rng.choice(NAMED)
        claim["target"] = {"name": name, "type": target_type}
    elif roll < 0.44 and place:
        name, target_type = rng.choice(NAMED)
        claim["place"] = {**place, "name": name, "precision": "facility"}
        claim["target"] = {"name": None, "type": target_type}
    roll = rng.random()
    if roll < 0.04:
        claim["date_precision"] = rng.choice(["week", "month"])
    elif roll < 0.06:
        claim["date"] = None
        claim["date_precision"] = "unknown"
    if rng.random() < 0.03:
        claim["attacker"] = None
    return claim


def varied_record(rng: random.Random, record: dict, *, days: int) -> dict:
    record = {
        **record,
        "strikes": [vary_strike(rng, claim, days=days) for claim in record["strikes"]],
    }
    return record


def re_extraction(rng: random.Random, record: dict, *, days: int) -> dict:
    """A newer record of the article: claims moved a day or two, re-varied, or dropped."""
    strikes = []
    for claim in record["strikes"]:
        roll = rng.random()
        if roll < 0.2:
            continue
        if roll < 0.6 and claim["date"]:
            moved = dt.date.fromisoformat(claim["date"]) + dt.timedelta(
                days=rng.choice([-2, -1, 1, 2])
            )
            strikes.append({**claim, "date": moved.isoformat()})
        elif roll < 0.8:
            strikes.append(vary_strike(rng, claim, days=days))
        else:
            strikes.append({**claim, "target": {"name": None, "type": rng.choice(GENERIC)}})
    return {**record, "strikes": strikes, "extracted_at": "2030-01-01T00:00:00Z"}


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def warehouse(*args: str) -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "warehouse.cli", *args], capture_output=True, text=True
    )
    if finished.returncode != 0:
        raise SystemExit(finished.stdout[-2000:] + finished.stderr[-3000:])


def differing_tables(left: Path, right: Path) -> dict[str, tuple[int, int]]:
    connection = duckdb.connect()
    connection.execute(f"attach '{left}' as left_db (read_only)")
    connection.execute(f"attach '{right}' as right_db (read_only)")
    query = (
        "select schema_name || '.' || table_name from duckdb_tables() where database_name = ? "
        "and schema_name in ('main', 'intermediate', 'staging') order by 1"
    )
    names = [name for (name,) in connection.execute(query, ["left_db"]).fetchall()]
    differing: dict[str, tuple[int, int]] = {}
    if names != [name for (name,) in connection.execute(query, ["right_db"]).fetchall()]:
        differing["(table lists)"] = (1, 1)
    for name in names:
        counts = tuple(
            connection.execute(
                f"select count(*) from (select * from {one}.{name} "
                f"except all select * from {other}.{name})"
            ).fetchone()[0]
            for one, other in (("left_db", "right_db"), ("right_db", "left_db"))
        )
        if any(counts):
            differing[name] = counts
            for one, other in (("left_db", "right_db"), ("right_db", "left_db")):
                rows = connection.execute(
                    f"select * from {one}.{name} except all select * from {other}.{name} limit 3"
                ).fetchall()
                print(f"  {name} only in {one}: {rows}", flush=True)
    connection.close()
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--bases", type=int, default=2)
    parser.add_argument("--changes", type=int, default=4)
    parser.add_argument("--first-seed", type=int, default=1)
    args = parser.parse_args(argv)
    failures = 0
    trials = 0
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        for base_seed in range(args.first_seed, args.first_seed + args.bases):
            rng = random.Random(base_seed)
            base_records = [
                varied_record(rng, article_and_record(index, base_seed)[1], days=args.days)
                for index in range(args.articles)
            ]
            base_db = scratch / f"base{base_seed}.duckdb"
            warehouse(
                "ingest", str(write(scratch / "base.jsonl", base_records)), "--db", str(base_db)
            )
            warehouse("build", "--db", str(base_db))
            for change_seed in range(args.changes):
                rng = random.Random(f"{base_seed}:{change_seed}")
                count = max(1, args.articles // 100)
                new = [
                    varied_record(rng, article_and_record(index, base_seed)[1], days=args.days)
                    for index in range(args.articles, args.articles + count)
                ]
                replaced = [
                    re_extraction(rng, record, days=args.days)
                    for record in rng.sample(base_records, k=count)
                ]
                changes = write(scratch / "changes.jsonl", new + replaced)
                stepwise, full = scratch / "stepwise.duckdb", scratch / "full.duckdb"
                shutil.copy(base_db, stepwise)
                warehouse("ingest", str(changes), "--db", str(stepwise))
                shutil.copy(stepwise, full)
                warehouse("build", "--db", str(stepwise))
                warehouse("build", "--full-refresh", "--db", str(full))
                differing = differing_tables(stepwise, full)
                trials += 1
                failures += bool(differing)
                print(f"base {base_seed} change {change_seed}: differing {differing}", flush=True)
                for path in (stepwise, full):
                    path.unlink()
    print(f"{trials} trials, {failures} with differing tables")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
