"""Score predicted claims against hand-coded ones, per kind, the way a shared task does.

Records are paired by `article.article_id` (falling back to `text_sha256`); only
articles that the gold file codes are scored. Within an article, a predicted claim
matches a gold claim of the same kind when its KEY agrees:

- strike: same event date, same attacker, and the same place — equal place names, or
  equal admin1 (a region-level claim and a city claim in that region agree);
- interception: same event date, same weapon kind, same defender;
- visit: same visitor surname and the same destination — equal names, equal admin1,
  or the same country when either side only names the country.

Dates agree when equal or when either side has no date (precision "unknown").
Place names are compared after normalisation ("Kiev region" = "Kyiv Oblast" =
"Kyiv Oblast"; "Saratov region" = "Saratov Oblast"). Pairs are made one-to-one, best
agreement first (a same-name pair beats a same-region pair). Unmatched predictions
are false positives, unmatched gold claims false negatives. On matched pairs, field
accuracy says how often each further field agrees.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.contract import ExtractionRecord

KINDS = ("strike", "interception", "visit")
_REGION_WORDS_RE = re.compile(
    r"\b(?:oblast|region|province|krai|kray|territory|republic of|republic|autonomous okrug|"
    r"city of|the|city|district|governorate)\b"
)


@dataclass
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    field_hits: dict[str, int] = field(default_factory=dict)
    field_total: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add_field(self, name: str, agrees: bool) -> None:
        self.field_total[name] = self.field_total.get(name, 0) + 1
        self.field_hits[name] = self.field_hits.get(name, 0) + int(agrees)


@dataclass
class Report:
    kinds: dict[str, KindScore]
    articles_scored: int
    articles_missing: int  # gold articles the prediction file lacks
    articles_unscored: int  # predicted articles without gold
    mismatches: list[str] = field(default_factory=list)

    @property
    def micro(self) -> KindScore:
        total = KindScore()
        for score in self.kinds.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total


def read_records(path: Path | str) -> list[ExtractionRecord]:
    records = []
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                records.append(ExtractionRecord.model_validate_json(line))
            except ValueError as error:
                raise ValueError(
                    f"{path}:{number}: not a contract-v1 record: {str(error).splitlines()[0]}"
                ) from error
    return records


def norm_place(name: str | None) -> str:
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’`]", "", text)
    resolved = _canonical(name)
    if resolved:
        text = resolved
    text = _REGION_WORDS_RE.sub(" ", text.replace("-", " "))
    return " ".join(text.split())


def _canonical(name: str) -> str | None:
    try:
        from ingest.extractors.rules.gazetteer import get_gazetteer, norm_key

        place = get_gazetteer().lookup(name)
    except Exception:  # the scorer must work without reference data
        return None
    if place is None:
        return None
    if place.kind == "facility":
        return norm_key(place.name)
    if place.kind == "region":
        return norm_key(place.name)
    return norm_key(place.name)


def _places_agree(a, b) -> int:
    """2: same place; 1: same admin1 (or same country for a country-level claim); 0."""
    if a is None or b is None:
        return 0
    names_a = {norm_place(a.name), norm_place(a.admin1) if a.precision == "region" else ""}
    names_b = {norm_place(b.name), norm_place(b.admin1) if b.precision == "region" else ""}
    names_a.discard("")
    names_b.discard("")
    if names_a & names_b:
        return 2
    if a.admin1 and b.admin1 and norm_place(a.admin1) == norm_place(b.admin1):
        return 1
    if "country" in {a.precision, b.precision} and a.country and a.country == b.country:
        return 1 if a.precision == b.precision == "country" else 0
    return 0


def _dates_agree(a, b) -> bool:
    return a.date is None or b.date is None or a.date == b.date


def _surname(name: str | None) -> str:
    return (name or "").split()[-1].lower() if name else ""


def _key_score(kind: str, gold, pred) -> int:
    """0 when the key disagrees, else a score where higher means a closer pair."""
    if not _dates_agree(gold, pred):
        return 0
    if kind == "strike":
        if gold.attacker != pred.attacker:
            return 0
        place = _places_agree(gold.place, pred.place)
        if not place:
            return 0
        return place * 4 + int(gold.target.type == pred.target.type) + int(gold.date == pred.date)
    if kind == "interception":
        if gold.weapon != pred.weapon or gold.defender != pred.defender:
            return 0
        return 1 + int(gold.intercepted == pred.intercepted) + int(gold.launched == pred.launched)
    if _surname(gold.visitor.name) != _surname(pred.visitor.name):
        return 0
    place = _places_agree(gold.destination, pred.destination)
    if not place and not (
        gold.destination.country
        and gold.destination.country == pred.destination.country
        and "country" in {gold.destination.precision, pred.destination.precision}
    ):
        return 0
    return 1 + place


def _side(claimant) -> str | None:
    return claimant.side if claimant else None


def _regions(claim) -> frozenset[str]:
    return frozenset(norm_place(r.name) for r in claim.regions)


FIELDS: dict[str, dict[str, Callable]] = {
    "strike": {
        "weapon": lambda c: c.weapon,
        "target_type": lambda c: c.target.type,
        "outcome": lambda c: c.outcome,
        "target_count": lambda c: c.target_count,
        "killed": lambda c: c.killed,
        "injured": lambda c: c.injured,
        "place_precision": lambda c: c.place.precision if c.place else None,
        "claimant_side": lambda c: _side(c.claimed_by),
        "date": lambda c: c.date,
    },
    "interception": {
        "attacker": lambda c: c.attacker,
        "launched": lambda c: c.launched,
        "intercepted": lambda c: c.intercepted,
        "lost": lambda c: c.lost,
        "weapon_model": lambda c: (c.weapon_model or "").lower() or None,
        "regions": _regions,
        "claimant_side": lambda c: _side(c.claimed_by),
        "date": lambda c: c.date,
    },
    "visit": {
        "visitor_country": lambda c: c.visitor.country,
        "kind": lambda c: c.kind,
        "announced": lambda c: c.announced,
        "destination_precision": lambda c: c.destination.precision,
        "date": lambda c: c.date,
    },
}


def _claims(record: ExtractionRecord, kind: str) -> list:
    return {"strike": record.strikes, "interception": record.interceptions, "visit": record.visits}[
        kind
    ]


def _key(record: ExtractionRecord) -> str:
    return record.article.article_id


def evaluate(gold: Iterable[ExtractionRecord], predicted: Iterable[ExtractionRecord]) -> Report:
    gold_by_article: dict[str, ExtractionRecord] = {}
    sha_to_id: dict[str, str] = {}
    for record in gold:
        gold_by_article[_key(record)] = record
        sha_to_id[record.article.text_sha256] = _key(record)
    predicted_by_article: dict[str, ExtractionRecord] = {}
    unscored = 0
    for record in predicted:
        key = _key(record)
        if key not in gold_by_article:
            key = sha_to_id.get(record.article.text_sha256, key)
        if key not in gold_by_article:
            unscored += 1
            continue
        predicted_by_article[key] = record
    kinds = {kind: KindScore() for kind in KINDS}
    mismatches: list[str] = []
    missing = 0
    for article_id, gold_record in gold_by_article.items():
        pred_record = predicted_by_article.get(article_id)
        if pred_record is None:
            missing += 1
        title = gold_record.article.title or article_id[:12]
        for kind in KINDS:
            gold_claims = _claims(gold_record, kind)
            pred_claims = _claims(pred_record, kind) if pred_record else []
            pairs = sorted(
                (
                    (-_key_score(kind, g, p), gi, pi)
                    for gi, g in enumerate(gold_claims)
                    for pi, p in enumerate(pred_claims)
                    if _key_score(kind, g, p) > 0
                ),
            )
            used_gold: set[int] = set()
            used_pred: set[int] = set()
            score = kinds[kind]
            for _, gi, pi in pairs:
                if gi in used_gold or pi in used_pred:
                    continue
                used_gold.add(gi)
                used_pred.add(pi)
                score.tp += 1
                for name, getter in FIELDS[kind].items():
                    agrees = getter(gold_claims[gi]) == getter(pred_claims[pi])
                    score.add_field(name, agrees)
                    if not agrees:
                        mismatches.append(
                            f"{title}: {kind} {name}: gold {getter(gold_claims[gi])!r} "
                            f"predicted {getter(pred_claims[pi])!r}"
                        )
            score.fn += len(gold_claims) - len(used_gold)
            score.fp += len(pred_claims) - len(used_pred)
            for gi, claim in enumerate(gold_claims):
                if gi not in used_gold:
                    mismatches.append(f"{title}: missed {kind}: {_describe(kind, claim)}")
            for pi, claim in enumerate(pred_claims):
                if pi not in used_pred:
                    mismatches.append(f"{title}: extra {kind}: {_describe(kind, claim)}")
    return Report(kinds, len(gold_by_article) - missing, missing, unscored, mismatches)


def _describe(kind: str, claim) -> str:
    if kind == "strike":
        place = claim.place.name if claim.place else None
        return (
            f"{claim.date} {claim.attacker}->{place} {claim.target.type} "
            f"{claim.outcome} «{claim.evidence.text[:70]}»"
        )
    if kind == "interception":
        return (
            f"{claim.date} {claim.weapon} {claim.attacker}->{claim.defender} "
            f"launched={claim.launched} intercepted={claim.intercepted} "
            f"«{claim.evidence.text[:70]}»"
        )
    return f"{claim.date} {claim.visitor.name} -> {claim.destination.name}"


def evaluate_files(gold_path: Path | str, predicted_path: Path | str) -> Report:
    return evaluate(read_records(gold_path), read_records(predicted_path))


def report_as_dict(report: Report) -> dict:
    def row(score: KindScore) -> dict:
        return {
            "tp": score.tp,
            "fp": score.fp,
            "fn": score.fn,
            "precision": round(score.precision, 4),
            "recall": round(score.recall, 4),
            "f1": round(score.f1, 4),
        }

    return {
        "kinds": {kind: row(score) for kind, score in report.kinds.items()},
        "micro": row(report.micro),
        "field_accuracy": {
            kind: {
                name: round(score.field_hits[name] / total, 4)
                for name, total in score.field_total.items()
                if total
            }
            for kind, score in report.kinds.items()
        },
        "articles_scored": report.articles_scored,
        "articles_missing": report.articles_missing,
        "articles_unscored": report.articles_unscored,
    }


def dumps(report: Report) -> str:
    return json.dumps(report_as_dict(report), indent=2, sort_keys=True)
