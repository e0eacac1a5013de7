r"""Accuracy of the ministry-bulletin parser and of the file's own columns, side by side.

The scraped file carries `drone_count` and `oblasts`, a public repository's regex
extraction. Both are scored against the project's hand-checked fixture
(tests/fixtures/ru_mod_handcheck.csv: the post's datetime and the counts a person read
in it, not the post text):

    uv run python -m ingest.importers.ru_mod_accuracy \
        ../shared/data/ru-mod-telegram/mod_russia_posts.csv

Measures: bulletin detection (accuracy over every checked post), exact drone total
(over bulletins that state one), region set F1 (micro, over bulletins naming regions)
and per-region count accuracy (over regions the post gives a count for). Moscow city
and Moscow Oblast are one place for the region comparison: the peer cannot tell them
apart and the ministry's "Московский регион" covers both.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.contract import Weapon
from ingest.importers.ru_mod_bulletin import Bulletin, parse_bulletin
from ingest.importers.russian_regions import by_name_en
from ingest.importers.series import iter_csv_rows

FIXTURE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "ru_mod_handcheck.csv"
TARGET_TOTAL_EXACT = 0.97

# The peer's region slugs, as ISO 3166-2 codes.
PEER_SLUGS = {
    "belgorod": "RU-BEL", "kursk": "RU-KRS", "bryansk": "RU-BRY", "crimea": "UA-43",
    "rostov": "RU-ROS", "voronezh": "RU-VOR", "oryol": "RU-ORL", "kaluga": "RU-KLU",
    "moscow": "RU-MOS", "krasnodar": "RU-KDA", "tula": "RU-TUL", "smolensk": "RU-SMO",
    "vladimir": "RU-VLA", "lipetsk": "RU-LIP", "ryazan": "RU-RYA", "novgorod": "RU-NGR",
    "leningrad": "RU-LEN", "saratov": "RU-SAR", "tver": "RU-TVE", "tambov": "RU-TAM",
    "samara": "RU-SAM", "tatarstan": "RU-TA", "stavropol": "RU-STA", "ulyanovsk": "RU-ULY",
    "yaroslavl": "RU-YAR", "pskov": "RU-PSK", "penza": "RU-PNZ", "orenburg": "RU-ORE",
    "bashkortostan": "RU-BA", "sevastopol": "UA-40", "ivanovo": "RU-IVA", "spb": "RU-SPE",
    "kostroma": "RU-KOS", "ufa": "RU-BA", "kazan": "RU-TA",
}  # fmt: skip
_SAME_PLACE = {"RU-MOW": "RU-MOS"}


def _key(iso: str) -> str:
    return _SAME_PLACE.get(iso, iso)


@dataclass
class Truth:
    datetime: str
    is_bulletin: bool
    drones_total: int | None
    other_totals: dict[str, int]
    regions: dict[str, int | None]  # comparison key -> count
    truncated: bool
    checked: str  # "while-building" (seen while the parser was written) or "holdout"


@dataclass
class Reading:
    is_bulletin: bool
    drones_total: int | None
    other_totals: dict[str, int] = field(default_factory=dict)
    regions: dict[str, int | None] = field(default_factory=dict)


def load_fixture(path: Path = FIXTURE) -> list[Truth]:
    truths = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            regions: dict[str, int | None] = {}
            for item in filter(None, row["regions"].split("|")):
                name, _, count = item.rpartition(":")
                region = by_name_en(name)
                if region is None:
                    raise ValueError(f"fixture names an unknown region {name!r}")
                regions[_key(region.iso_code)] = int(count) if count else None
            others = {}
            for item in filter(None, row["other_totals"].split(";")):
                kind, _, count = item.partition(":")
                others[Weapon(kind).value] = int(count)
            truths.append(
                Truth(
                    datetime=row["datetime"],
                    is_bulletin=row["is_bulletin"] == "1",
                    drones_total=int(row["drones_total"]) if row["drones_total"] else None,
                    other_totals=others,
                    regions=regions,
                    truncated=row["truncated"] == "1",
                    checked=row.get("checked") or "while-building",
                )
            )
    return truths


def read_posts(path: Path) -> dict[str, dict[str, str]]:
    """Posts by their datetime; a datetime shared by two posts is left out (ambiguous)."""
    posts: dict[str, dict[str, str]] = {}
    shared: set[str] = set()
    for row in iter_csv_rows(path):
        key = row.values.get("datetime", "")
        if key in posts:
            shared.add(key)
        posts[key] = row.values
    for key in shared:
        del posts[key]
    return posts


def parser_reading(post: dict[str, str]) -> Reading:
    published = dt.datetime.fromisoformat(post["datetime"]).replace(tzinfo=dt.UTC)
    bulletin: Bulletin = parse_bulletin(post["text_snippet"], published)
    if not bulletin.is_bulletin:
        return Reading(False, None)
    drones = [t for t in bulletin.tallies if t.weapon in {Weapon.drone, Weapon.recon_drone}]
    drone_total = None
    if drones and all(t.downed is not None for t in drones):
        drone_total = sum(t.downed or 0 for t in drones)
    regions: dict[str, int | None] = {}
    for tally in bulletin.tallies:
        for item in tally.regions:
            key = _key(item.region.iso_code)
            if key in regions:
                known = regions[key]
                regions[key] = None if known is None or item.count is None else known + item.count
            else:
                regions[key] = item.count
    others = {
        t.weapon.value: t.downed
        for t in bulletin.tallies
        if t.weapon not in {Weapon.drone, Weapon.recon_drone} and t.downed is not None
    }
    return Reading(True, drone_total, others, regions)  # type: ignore[arg-type]


def peer_reading(post: dict[str, str]) -> Reading:
    try:
        count = int(float(post.get("drone_count") or 0))
    except ValueError:
        count = 0
    slugs = [slug for slug in (post.get("oblasts") or "").split("|") if slug in PEER_SLUGS]
    regions: dict[str, int | None] = {_key(PEER_SLUGS[slug]): None for slug in slugs}
    return Reading(count > 0, count if count > 0 else None, {}, regions)


@dataclass
class Score:
    detection_correct: int = 0
    detection_n: int = 0
    total_exact: int = 0
    total_n: int = 0
    region_tp: int = 0
    region_fp: int = 0
    region_fn: int = 0
    count_exact: int = 0
    count_n: int = 0
    other_exact: int = 0
    other_n: int = 0
    non_bulletins: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def detection(self) -> float:
        return self.detection_correct / self.detection_n if self.detection_n else 0.0

    @property
    def total(self) -> float:
        return self.total_exact / self.total_n if self.total_n else 0.0

    @property
    def region_f1(self) -> float:
        denominator = 2 * self.region_tp + self.region_fp + self.region_fn
        return 2 * self.region_tp / denominator if denominator else 0.0

    @property
    def region_counts(self) -> float:
        return self.count_exact / self.count_n if self.count_n else 0.0

    @property
    def others(self) -> float:
        return self.other_exact / self.other_n if self.other_n else 0.0


def score(truths: Iterable[Truth], readings: dict[str, Reading], *, counts: bool) -> Score:
    result = Score()
    for truth in truths:
        reading = readings[truth.datetime]
        result.detection_n += 1
        if reading.is_bulletin == truth.is_bulletin:
            result.detection_correct += 1
        else:
            result.misses.append(f"{truth.datetime} detection {reading.is_bulletin}")
        if not truth.is_bulletin:
            result.non_bulletins += 1
            continue
        if truth.drones_total is not None:
            result.total_n += 1
            if reading.drones_total == truth.drones_total:
                result.total_exact += 1
            else:
                result.misses.append(
                    f"{truth.datetime} total {reading.drones_total} != {truth.drones_total}"
                )
        if truth.regions:
            found = set(reading.regions)
            wanted = set(truth.regions)
            result.region_tp += len(found & wanted)
            result.region_fp += len(found - wanted)
            result.region_fn += len(wanted - found)
            if found != wanted:
                result.misses.append(
                    f"{truth.datetime} regions +{sorted(found - wanted)} -{sorted(wanted - found)}"
                )
        if counts:
            for key, value in truth.regions.items():
                if value is None:
                    continue
                result.count_n += 1
                if reading.regions.get(key) == value:
                    result.count_exact += 1
                else:
                    result.misses.append(
                        f"{truth.datetime} {key} count {reading.regions.get(key)} != {value}"
                    )
            for kind, value in truth.other_totals.items():
                result.other_n += 1
                if reading.other_totals.get(kind) == value:
                    result.other_exact += 1
                else:
                    result.misses.append(
                        f"{truth.datetime} {kind} {reading.other_totals.get(kind)} != {value}"
                    )
    return result


def evaluate(
    posts_path: Path, fixture: Path = FIXTURE, *, only: str | None = None
) -> tuple[Score, Score, int]:
    """(parser's score, peer's score, posts checked); `only` picks one `checked` batch."""
    truths = [truth for truth in load_fixture(fixture) if only is None or truth.checked == only]
    posts = read_posts(posts_path)
    missing = [truth.datetime for truth in truths if truth.datetime not in posts]
    if missing:
        raise ValueError(f"{len(missing)} fixture posts are not in {posts_path}: {missing[:3]}")
    ours = {truth.datetime: parser_reading(posts[truth.datetime]) for truth in truths}
    peer = {truth.datetime: peer_reading(posts[truth.datetime]) for truth in truths}
    return score(truths, ours, counts=True), score(truths, peer, counts=False), len(truths)


def _non(score: Score) -> int:
    return score.non_bulletins


def render(ours: Score, peer: Score, checked: int) -> str:
    rows = [
        ("bulletin detection (accuracy)", ours.detection, peer.detection, ours.detection_n),
        ("exact drone total", ours.total, peer.total, ours.total_n),
        ("region set F1 (micro)", ours.region_f1, peer.region_f1, None),
        ("per-region count accuracy", ours.region_counts, None, ours.count_n),
        ("other weapons' totals exact", ours.others, None, ours.other_n),
    ]
    lines = [
        f"hand-checked posts: {checked}, of which bulletins: {ours.detection_n - _non(ours)}",
        f"{'measure':34} {'parser':>8} {'peer':>8} {'n':>6}",
    ]
    for name, mine, theirs, n in rows:
        peer_text = "n/a" if theirs is None else f"{theirs:.1%}"
        lines.append(f"{name:34} {mine:>8.1%} {peer_text:>8} {'' if n is None else n:>6}")
    verdict = "met" if ours.total >= TARGET_TOTAL_EXACT else "NOT met"
    lines.append(f"target: exact total on >= {TARGET_TOTAL_EXACT:.0%} of bulletins: {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("posts", type=Path, help="mod_russia_posts.csv")
    parser.add_argument("--fixture", type=Path, default=FIXTURE)
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    if not args.posts.exists():
        print(f"no such file: {args.posts}", file=sys.stderr)
        return 2
    ours, peer, checked = evaluate(args.posts, args.fixture)
    print(render(ours, peer, checked))
    holdout = evaluate(args.posts, args.fixture, only="holdout")
    if holdout[2]:
        print("\nholdout only (posts checked after the parser was written, never tuned on):")
        print(render(*holdout))
    if args.misses:
        print("\nparser disagreements:")
        print("\n".join(f"  {miss}" for miss in ours.misses) or "  none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
