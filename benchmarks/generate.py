"""Generate a corpus of realistic shape for benchmarks: articles and their contract records.

    uv run python -m benchmarks.generate --articles 10000 --out benchmarks/work/10k

writes `records.jsonl` (one contract v1 extraction record per article, as the rule
extractor would hand them to ingest) and `articles.jsonl` (the same articles as
extraction input: outlet, title, published_at, url, language, text).

The shape follows the real corpus: an English news article of 1.5-3 KB built from
sentences about strikes, interceptions and visits plus context, and 1-4 claims whose
evidence is one of its sentences (so offsets really slice the text). Article `i` is
drawn from its own seeded generator, so a corpus is the same on every machine and
`--start` extends it: `--start 10000 --articles 100` gives the 1% of new articles a
nightly run would see, disjoint from the first 10,000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# (name, admin1, country, lat, lon): towns that appear in the war's strike reports.
PLACES_RU = [
    ("Engels", "Saratov Oblast", "RU", 51.48, 46.12),
    ("Saratov", "Saratov Oblast", "RU", 51.53, 46.03),
    ("Kazan", "Republic of Tatarstan", "RU", 55.79, 49.12),
    ("Ryazan", "Ryazan Oblast", "RU", 54.63, 39.74),
    ("Tuapse", "Krasnodar Krai", "RU", 44.10, 39.08),
    ("Novorossiysk", "Krasnodar Krai", "RU", 44.72, 37.77),
    ("Volgograd", "Volgograd Oblast", "RU", 48.71, 44.51),
    ("Bryansk", "Bryansk Oblast", "RU", 53.24, 34.36),
    ("Kursk", "Kursk Oblast", "RU", 51.73, 36.19),
    ("Belgorod", "Belgorod Oblast", "RU", 50.60, 36.59),
    ("Oryol", "Oryol Oblast", "RU", 52.97, 36.06),
    ("Voronezh", "Voronezh Oblast", "RU", 51.67, 39.18),
    ("Novoshakhtinsk", "Rostov Oblast", "RU", 47.76, 39.93),
    ("Yaroslavl", "Yaroslavl Oblast", "RU", 57.63, 39.87),
    ("Kstovo", "Nizhny Novgorod Oblast", "RU", 56.15, 44.19),
    ("Ust-Luga", "Leningrad Oblast", "RU", 59.68, 28.40),
    ("Syzran", "Samara Oblast", "RU", 53.16, 48.47),
    ("Ukhta", "Komi Republic", "RU", 63.57, 53.70),
]
PLACES_UA = [
    ("Kyiv", "Kyiv", "UA", 50.45, 30.52),
    ("Kharkiv", "Kharkiv Oblast", "UA", 49.99, 36.23),
    ("Odesa", "Odesa Oblast", "UA", 46.48, 30.72),
    ("Dnipro", "Dnipropetrovsk Oblast", "UA", 48.46, 35.05),
    ("Lviv", "Lviv Oblast", "UA", 49.84, 24.03),
    ("Zaporizhzhia", "Zaporizhzhia Oblast", "UA", 47.84, 35.14),
    ("Burshtyn", "Ivano-Frankivsk Oblast", "UA", 49.26, 24.63),
    ("Kryvyi Rih", "Dnipropetrovsk Oblast", "UA", 47.91, 33.39),
]
TARGETS = [
    ("oil refinery", "oil_refinery"),
    ("fuel depot", "fuel_depot"),
    ("oil terminal", "oil_terminal"),
    ("power plant", "power_plant"),
    ("electrical substation", "energy_grid"),
    ("chemical plant", "chemical_plant"),
    ("ammunition depot", "ammunition_depot"),
    ("airfield", "airfield"),
    ("weapons factory", "weapons_plant"),
    ("warehouse", "warehouse"),
]
OUTCOMES = [
    ("was destroyed", "destroyed"),
    ("was damaged", "damaged"),
    ("caught fire", "fire"),
    ("was not damaged", "no_damage"),
]
WEAPONS = [
    ("drones", "drone", "Shahed-136/131"),
    ("cruise missiles", "cruise_missile", "Kh-101"),
    ("ballistic missiles", "ballistic_missile", "Iskander-M"),
    ("guided aerial bombs", "glide_bomb", None),
]
CLAIMANTS_RU = [
    ("Roman Busargin", "governor", "RU"),
    ("Vyacheslav Gladkov", "governor", "RU"),
    ("Russian Ministry of Defence", "ministry of defence", "RU"),
    ("Veniamin Kondratyev", "governor", "RU"),
]
CLAIMANTS_UA = [
    ("Ukrainian Air Force", "air force", "UA"),
    ("Ukrainian Air Force – Air Command South", "regional air command", "UA"),
    ("General Staff of the Armed Forces of Ukraine", "general staff", "UA"),
]
VISITORS = [
    ("Boris Pistorius", "defence minister", "DE", "German"),
    ("Antony Blinken", "secretary of state", "US", "US"),
    ("Mark Rutte", "NATO secretary general", "NL", "Dutch"),
    ("Emmanuel Macron", "president", "FR", "French"),
    ("Keir Starmer", "prime minister", "GB", "British"),
]
TOPICS = ["air defence", "aid", "energy", "drones", "sanctions", "reconstruction"]
OUTLETS = ["RFE/RL", "Reuters", "Kyiv Independent", "Meduza", "AP", "Ukrainska Pravda"]
FILLER = [
    "Officials rarely comment directly on such attacks.",
    "The claims could not be independently verified.",
    "Local residents posted videos of a large fire and thick black smoke on social media.",
    "Moscow and Kyiv have both stepped up long-range attacks in recent months.",
    "Analysts say the strikes aim to cut fuel supplies to the front line.",
    "Emergency services said they were working at the scene.",
    "Air raid alerts sounded across several regions for more than four hours.",
    "The region's airports suspended flights for several hours overnight.",
    "The ministry did not say how many drones had reached their targets.",
    "Energy companies announced emergency power cuts in several regions.",
    "Satellite images published later showed scorch marks near the storage tanks.",
    "The attack was the third on the facility this month.",
    "Prices for gasoline on the exchange rose to a record high after the attacks.",
    "Kyiv says the facilities supply the Russian army with fuel and ammunition.",
]
EXTRACTOR = {"name": "rules", "version": "0.1.0"}
START_DATE = dt.date(2023, 1, 1)
NIGHTS = 1001  # the base period: articles tell of any of these nights, uniformly


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def claim_id(article_id: str, kind: str, start: int, end: int, discriminator: str = "") -> str:
    # Same formula as ingest.contract.claim_id_for, kept here so generation needs no pydantic.
    key = f"{article_id}|{kind}|{start}|{end}|{discriminator}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass
class Draft:
    """Sentences of one article; a claim points at the sentence that is its evidence."""

    sentences: list[str]
    claims: list[tuple[str, int, dict]]  # (kind, sentence index, fields without evidence)


def _strike(rng: random.Random, night: dt.date) -> tuple[str, dict]:
    attack_on_russia = rng.random() < 0.7
    name, admin1, country, lat, lon = rng.choice(PLACES_RU if attack_on_russia else PLACES_UA)
    target_words, target_type = rng.choice(TARGETS)
    outcome_words, outcome = rng.choice(OUTCOMES)
    claimant = rng.choice(CLAIMANTS_RU if attack_on_russia else CLAIMANTS_UA)
    weapon_words, weapon, _ = rng.choice(WEAPONS[:2] if attack_on_russia else WEAPONS)
    injured = rng.choice([None, 0, rng.randint(1, 12)])
    sentence = (
        f"A {target_words} in {name}, {admin1}, {outcome_words} after an attack by "
        f"{weapon_words} on {night:%B} {night.day}, {claimant[0]} said"
        + (f", adding that {injured} people were injured." if injured else ".")
    )
    fields = {
        "date": night.isoformat(),
        "date_precision": "day",
        "claimed_by": {"name": claimant[0], "role": claimant[1], "side": claimant[2]},
        "attacker": "UA" if attack_on_russia else "RU",
        "weapon": weapon,
        "place": {
            "name": name,
            "admin1": admin1,
            "country": country,
            "lat": lat,
            "lon": lon,
            "precision": "city",
        },
        "target": {"name": None, "type": target_type},
        "target_count": None,
        "outcome": outcome,
        "killed": None,
        "injured": injured,
    }
    return sentence, fields


def _interception(rng: random.Random, night: dt.date) -> tuple[str, dict]:
    russia_defends = rng.random() < 0.5
    weapon_words, weapon, model = rng.choice(WEAPONS[:3])
    launched = rng.randint(5, 180)
    intercepted = rng.randint(0, launched)
    lost = rng.randint(0, launched - intercepted) if not russia_defends else None
    regions = rng.sample(PLACES_RU if russia_defends else PLACES_UA, k=rng.randint(0, 3))
    claimant = CLAIMANTS_RU[2] if russia_defends else rng.choice(CLAIMANTS_UA[:2])
    where = ""
    if regions:
        where = " over " + ", ".join(admin1 for _, admin1, *_ in regions)
    sentence = (
        f"The {claimant[0]} said air defences shot down {intercepted} of {launched} "
        f"{weapon_words}{where} overnight"
        + (f", while {lost} were lost to electronic warfare." if lost else ".")
    )
    window_end = dt.datetime.combine(night, dt.time(8, 0), tzinfo=dt.UTC)
    fields = {
        "date": night.isoformat(),
        "date_precision": "day",
        "claimed_by": {"name": claimant[0], "role": claimant[1], "side": claimant[2]},
        "attacker": "UA" if russia_defends else "RU",
        "defender": "RU" if russia_defends else "UA",
        "weapon": weapon,
        "weapon_model": None if russia_defends else model,
        "launched": launched,
        "intercepted": intercepted,
        "lost": lost,
        "window_start": (window_end - dt.timedelta(hours=14)).isoformat(),
        "window_end": window_end.isoformat(),
        "regions": [
            {"name": admin1, "count": rng.choice([None, rng.randint(1, 20)])}
            for _, admin1, *_ in regions
        ],
        "regions_complete": True,
    }
    return sentence, fields


def _visit(rng: random.Random, night: dt.date) -> tuple[str, dict]:
    visitor = rng.choice(VISITORS)
    name, admin1, country, lat, lon = rng.choice(PLACES_UA[:4])
    topics = rng.sample(TOPICS, k=rng.randint(0, 3))
    sentence = (
        f"{visitor[0]}, the {visitor[3]} {visitor[1]}, arrived in {name} on an unannounced visit"
        + (f" to discuss {' and '.join(topics)}." if topics else ".")
    )
    fields = {
        "date": night.isoformat(),
        "date_precision": "day",
        "claimed_by": None,
        "visitor": {"name": visitor[0], "role": visitor[1], "country": visitor[2]},
        "destination": {
            "name": name,
            "admin1": admin1,
            "country": country,
            "lat": lat,
            "lon": lon,
            "precision": "city",
        },
        "kind": "diplomatic",
        "announced": False,
        "topics": topics,
    }
    return sentence, fields


CLAIM_MAKERS = {"strike": _strike, "interception": _interception, "visit": _visit}
CLAIM_WEIGHTS = {"strike": 6, "interception": 3, "visit": 1}


def draft_article(rng: random.Random, night: dt.date) -> Draft:
    kinds = rng.choices(
        list(CLAIM_WEIGHTS), weights=list(CLAIM_WEIGHTS.values()), k=rng.randint(1, 4)
    )
    claim_sentences = [(kind, *CLAIM_MAKERS[kind](rng, night)) for kind in kinds]
    sentences: list[str] = []
    claims: list[tuple[str, int, dict]] = []
    target_length = rng.randint(1500, 3000)
    for kind, sentence, fields in claim_sentences:
        sentences.extend(rng.sample(FILLER, k=rng.randint(1, 3)))
        claims.append((kind, len(sentences), fields))
        sentences.append(sentence)
    while sum(len(sentence) + 1 for sentence in sentences) < target_length:
        sentences.append(rng.choice(FILLER))
    return Draft(sentences, claims)


def article_and_record(index: int, seed: int, later_nights: int = 0) -> tuple[dict, dict]:
    """The extraction input and the contract record of article `index`. With
    `later_nights`, the article tells of one of that many nights after the base period
    (what a nightly run brings) instead of any night of it."""
    rng = random.Random(f"{seed}:{index}")
    night = START_DATE + dt.timedelta(days=rng.randint(0, NIGHTS - 1))
    if later_nights:
        night = START_DATE + dt.timedelta(days=NIGHTS + index % later_nights)
    draft = draft_article(rng, night)
    # Paragraphs of two sentences, as news pages print them.
    offsets: list[int] = []
    parts: list[str] = []
    position = 0
    for number, sentence in enumerate(draft.sentences):
        separator = "" if number == 0 else ("\n\n" if number % 2 == 0 else " ")
        position += len(separator)
        offsets.append(position)
        parts.append(separator + sentence)
        position += len(sentence)
    text = "".join(parts)
    outlet = OUTLETS[index % len(OUTLETS)]
    url = f"https://news.example.invalid/{outlet.lower().replace('/', '-')}/{index}"
    published = night + dt.timedelta(days=rng.choice([0, 0, 1]))
    title = draft.sentences[draft.claims[0][1]][:90]
    article = {
        "outlet": outlet,
        "title": title,
        "published_at": published.isoformat(),
        "url": url,
        "language": "en",
        "text": text,
    }
    article_id = sha256_hex(url)
    record: dict = {
        "schema_version": "1",
        "article": {
            "article_id": article_id,
            "url": url,
            "outlet": outlet,
            "title": title,
            "published_at": published.isoformat(),
            "language": "en",
            "text_sha256": sha256_hex(text),
            "text": text,
        },
        "extractor": EXTRACTOR,
        "extracted_at": f"{published.isoformat()}T06:00:00+00:00",
        "strikes": [],
        "interceptions": [],
        "visits": [],
    }
    for kind, sentence_index, fields in draft.claims:
        start = offsets[sentence_index]
        evidence_text = draft.sentences[sentence_index]
        end = start + len(evidence_text)
        discriminator = str(sentence_index)
        claim = {
            "claim_id": claim_id(article_id, kind, start, end, discriminator),
            **fields,
            "evidence": {"text": evidence_text, "start": start, "end": end},
        }
        record[f"{kind}s" if kind != "interception" else "interceptions"].append(claim)
    return article, record


def _render_range(seed: int, first: int, last: int, later_nights: int = 0) -> tuple[str, str]:
    articles: list[str] = []
    records: list[str] = []
    for index in range(first, last):
        article, record = article_and_record(index, seed, later_nights)
        articles.append(json.dumps(article, ensure_ascii=False))
        records.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(articles) + "\n", "\n".join(records) + "\n"


def _ranges(start: int, count: int, size: int) -> Iterator[tuple[int, int]]:
    for first in range(start, start + count, size):
        yield first, min(first + size, start + count)


def generate(
    out_dir: Path,
    *,
    articles: int,
    start: int = 0,
    seed: int = 7,
    workers: int | None = None,
    later_nights: int = 0,
) -> tuple[Path, Path]:
    """Write articles.jsonl and records.jsonl for articles [start, start + articles)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    articles_path = out_dir / "articles.jsonl"
    records_path = out_dir / "records.jsonl"
    workers = workers or os.cpu_count() or 1
    ranges = list(_ranges(start, articles, 2_000))
    with (
        open(articles_path, "w", encoding="utf-8") as articles_out,
        open(records_path, "w", encoding="utf-8") as records_out,
    ):
        if workers == 1 or len(ranges) == 1:
            rendered = map(
                _render_range,
                [seed] * len(ranges),
                *zip(*ranges, strict=True),
                [later_nights] * len(ranges),
            )
            for article_lines, record_lines in rendered:
                articles_out.write(article_lines)
                records_out.write(record_lines)
        else:
            with ProcessPoolExecutor(workers) as pool:
                rendered = pool.map(
                    _render_range,
                    [seed] * len(ranges),
                    *zip(*ranges, strict=True),
                    [later_nights] * len(ranges),
                )
                for article_lines, record_lines in rendered:
                    articles_out.write(article_lines)
                    records_out.write(record_lines)
    return articles_path, records_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True, help="How many articles.")
    parser.add_argument("--out", type=Path, required=True, help="Folder to write into.")
    parser.add_argument("--start", type=int, default=0, help="Index of the first article.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument(
        "--later-nights",
        type=int,
        default=0,
        help="Tell of this many nights after the base period (a nightly run's articles).",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    articles_path, records_path = generate(
        args.out,
        articles=args.articles,
        start=args.start,
        seed=args.seed,
        workers=args.workers,
        later_nights=args.later_nights,
    )
    seconds = time.monotonic() - started
    print(
        f"{args.articles} articles in {seconds:.1f} s: {articles_path} "
        f"({articles_path.stat().st_size / 1e6:.1f} MB), {records_path} "
        f"({records_path.stat().st_size / 1e6:.1f} MB)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
