"""The human coders' extractor: hand-written annotation files to contract-v1 records.

People code the sample corpus (``data/sample/``) in a compact authoring format that
is easier to write and review than contract records:

- one JSON file per article, ``annotations/<stem>.json`` beside ``articles/<stem>.txt``
  (+ ``<stem>.meta.json``);
- every claim quotes its evidence sentence verbatim instead of giving offsets;
- ``place``, ``destination`` and ``claimed_by`` may be keys into shared lookup tables
  (``lookups/places.json``, ``lookups/claimants.json``) so that a city has one set of
  coordinates and a ministry one spelling across the whole corpus;
- optional ``event`` (a gold event label, for judging how dbt merges claims) and
  ``note`` (why a claim was coded so) are for people and are not written out.

This module turns those files into ``ExtractionRecord`` lines (extractor ``human``,
version ``1``): it finds each evidence string in the article text and fails when it
is not there exactly once, computes ids with the contract's helpers, and takes
``extracted_at`` from the annotation file, so that the output is byte-for-byte
reproducible and can be committed:

    python -m ingest.extractors.human_annotations data/sample -o data/sample/human.jsonl
    python -m ingest.extractors.human_annotations data/sample --check
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ingest.contract import (
    SCHEMA_VERSION,
    ExtractionRecord,
    article_id_for,
    claim_id_for,
    text_sha256,
)
from ingest.validation import cross_field_problems, describe_validation_error

EXTRACTOR = {"name": "human", "version": "1"}
CLAIM_LISTS = {"strikes": "strike", "interceptions": "interception", "visits": "visit"}

# Keys a coder may write; anything else is a typo that must not vanish silently.
_AUTHORING_ONLY = {"evidence", "event", "note", "discriminator"}
_CLAIM_FIELDS = {"date", "date_precision", "claimed_by"}
_KIND_FIELDS = {
    "strike": {
        "attacker",
        "weapon",
        "place",
        "target",
        "target_count",
        "outcome",
        "killed",
        "injured",
    },
    "interception": {
        "attacker",
        "defender",
        "weapon",
        "weapon_model",
        "launched",
        "intercepted",
        "lost",
        "window_start",
        "window_end",
        "regions",
        "regions_complete",
    },
    "visit": {"visitor", "destination", "kind", "announced", "topics"},
}
_TOP_LEVEL = {"extracted_at", "note", *CLAIM_LISTS}


class AnnotationError(ValueError):
    """An annotation file that cannot become a valid record; the message says where."""


@dataclass(frozen=True)
class Lookups:
    """Shared tables that annotation files refer to by key."""

    places: dict[str, dict[str, Any]]
    claimants: dict[str, dict[str, Any]]

    @classmethod
    def load(cls, corpus: Path) -> Lookups:
        folder = corpus / "lookups"
        return cls(
            places=_read_json(folder / "places.json") if folder.is_dir() else {},
            claimants=_read_json(folder / "claimants.json") if folder.is_dir() else {},
        )

    def place(self, value: Any, where: str) -> Any:
        return _resolve(value, self.places, "place", where)

    def claimant(self, value: Any, where: str) -> Any:
        return _resolve(value, self.claimants, "claimant", where)


def _resolve(value: Any, table: dict[str, Any], what: str, where: str) -> Any:
    if not isinstance(value, str):
        return value  # an inline object or null, checked by the contract
    if value not in table:
        raise AnnotationError(f"{where}: unknown {what} key {value!r} (not in lookups)")
    return table[value]


def locate_evidence(text: str, evidence: str, where: str) -> tuple[int, int]:
    """Offsets of ``evidence`` in ``text``; it must occur exactly once."""
    if not isinstance(evidence, str) or not evidence:
        raise AnnotationError(f"{where}: 'evidence' must be a non-empty string")
    starts = []
    position = text.find(evidence)
    while position != -1:
        starts.append(position)
        position = text.find(evidence, position + 1)
    if len(starts) != 1:
        found = "not found" if not starts else f"found {len(starts)} times"
        raise AnnotationError(
            f"{where}: evidence {_preview(evidence)} is {found} in the article text "
            "(it must be copied exactly and occur exactly once)"
        )
    return starts[0], starts[0] + len(evidence)


def build_record(
    text: str,
    meta: dict[str, Any],
    annotation: dict[str, Any],
    lookups: Lookups,
    source: str = "annotation",
) -> ExtractionRecord:
    """One contract record from an article, its sidecar metadata and its annotation."""
    _refuse_unknown(annotation, _TOP_LEVEL, source)
    if "extracted_at" not in annotation:
        raise AnnotationError(
            f"{source}: 'extracted_at' is required (a fixed time keeps the output reproducible)"
        )
    article_id = article_id_for(text=text, url=meta.get("url"))
    drafts: dict[str, list[tuple[dict[str, Any], int, int, str]]] = {}
    for list_name, kind in CLAIM_LISTS.items():
        raws = annotation.get(list_name, [])
        if not isinstance(raws, list):
            raise AnnotationError(f"{source}: {list_name!r} must be a list")
        drafts[list_name] = []
        for index, raw in enumerate(raws):
            where = f"{source}: {list_name}[{index}]"
            if not isinstance(raw, dict):
                raise AnnotationError(f"{where}: a claim must be an object")
            _refuse_unknown(raw, _AUTHORING_ONLY | _CLAIM_FIELDS | _KIND_FIELDS[kind], where)
            start, end = locate_evidence(text, raw.get("evidence"), where)
            drafts[list_name].append((raw, start, end, where))

    # Several claims may rest on one sentence ("43 missiles and 74 drones"): only then
    # does the claim id need a discriminator, so single claims keep the plain id.
    shared = Counter(
        (CLAIM_LISTS[name], start, end)
        for name, items in drafts.items()
        for _, start, end, _ in items
    )
    claims = {
        name: [
            _claim(CLAIM_LISTS[name], raw, text, start, end, article_id, lookups, where, shared)
            for raw, start, end, where in items
        ]
        for name, items in drafts.items()
    }
    document = {
        "schema_version": SCHEMA_VERSION,
        "article": {
            "article_id": article_id,
            "url": meta.get("url"),
            "outlet": meta.get("outlet"),
            "title": meta.get("title"),
            "published_at": meta.get("published_at"),
            "language": meta.get("language"),
            "text_sha256": text_sha256(text),
            "text": text,
        },
        "extractor": EXTRACTOR,
        "extracted_at": annotation["extracted_at"],
        **claims,
    }
    # JSON mode on purpose: strict models accept ISO dates only from JSON, as ingest reads them.
    try:
        record = ExtractionRecord.model_validate_json(json.dumps(document))
    except ValidationError as error:
        raise AnnotationError(f"{source}: {describe_validation_error(error)}") from None
    problems = cross_field_problems(record)
    if problems:
        hint = ""
        if any("used twice" in problem for problem in problems):
            hint = " (claims on one sentence that look alike need distinct 'discriminator's)"
        raise AnnotationError(f"{source}: {'; '.join(problems)}{hint}")
    return record


def _claim(
    kind: str,
    raw: dict[str, Any],
    text: str,
    start: int,
    end: int,
    article_id: str,
    lookups: Lookups,
    where: str,
    shared: Counter[tuple[str, int, int]],
) -> dict[str, Any]:
    claim = {key: value for key, value in raw.items() if key not in _AUTHORING_ONLY}
    if "claimed_by" not in claim:
        raise AnnotationError(
            f"{where}: 'claimed_by' is required (null when the outlet speaks in its own voice)"
        )
    claim["claimed_by"] = lookups.claimant(claim["claimed_by"], where)
    claim.setdefault("date", None)
    claim.setdefault("date_precision", "day" if claim["date"] else "unknown")
    if kind == "strike" and "place" in claim:
        claim["place"] = lookups.place(claim["place"], where)
    if kind == "visit" and "destination" in claim:
        claim["destination"] = lookups.place(claim["destination"], where)
    if kind == "interception" and isinstance(claim.get("regions"), dict):
        # Authoring shorthand: {"Saratov Oblast": 11, "Kursk Oblast": 4} keeps source order.
        claim["regions"] = [
            {"name": name, "count": count} for name, count in claim["regions"].items()
        ]
    discriminator = ""
    if shared[(kind, start, end)] > 1:
        discriminator = raw.get("discriminator") or _derived_discriminator(kind, claim)
    claim["claim_id"] = claim_id_for(article_id, kind, start, end, discriminator)
    claim["evidence"] = {"text": text[start:end], "start": start, "end": end}
    return claim


def _derived_discriminator(kind: str, claim: dict[str, Any]) -> str:
    """What tells apart claims that share one evidence sentence."""

    def part(key: str, inner: str | None = None) -> str:
        value = claim.get(key)
        if inner is not None:
            value = value.get(inner) if isinstance(value, dict) else None
        return "" if value is None else str(value)

    if kind == "strike":
        parts = [part("place", "name"), part("target", "name"), part("target", "type")]
    elif kind == "interception":
        speaker = part("claimed_by", "name") or part("claimed_by", "role")
        parts = [part("weapon"), part("weapon_model"), speaker]
    else:
        parts = [part("visitor", "name")]
    return "|".join([*parts, part("date")])


def _refuse_unknown(raw: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise AnnotationError(
            f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; allowed: "
            f"{', '.join(sorted(allowed))}"
        )


# --------------------------------------------------------------------------- corpus
def convert_corpus(corpus: Path) -> list[ExtractionRecord]:
    """Every article of ``corpus`` with its annotation, sorted by article file name."""
    articles = sorted((corpus / "articles").glob("*.txt"))
    annotations = {path.stem: path for path in (corpus / "annotations").glob("*.json")}
    if not articles:
        raise AnnotationError(f"{corpus / 'articles'}: no .txt articles found")
    orphans = sorted(set(annotations) - {path.stem for path in articles})
    if orphans:
        raise AnnotationError(f"annotations without an article: {', '.join(orphans)}")
    lookups = Lookups.load(corpus)
    records = []
    for article in articles:
        annotation_path = annotations.get(article.stem)
        if annotation_path is None:
            raise AnnotationError(f"{article}: no annotation file annotations/{article.stem}.json")
        meta_path = article.with_name(f"{article.stem}.meta.json")
        meta = _read_json(meta_path) if meta_path.exists() else {}
        # Bytes, not read_text(): universal newlines would rewrite "\r\n" and break the hash.
        text = article.read_bytes().decode("utf-8")
        annotation = _read_json(annotation_path)
        records.append(build_record(text, meta, annotation, lookups, annotation_path.name))
    return records


def render_jsonl(records: list[ExtractionRecord]) -> str:
    return "".join(record.model_dump_json() + "\n" for record in records)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise AnnotationError(f"{path}: invalid JSON: {error}") from None


def _preview(text: Any, limit: int = 70) -> str:
    text = str(text)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.extractors.human_annotations",
        description="Turn hand-written annotation files into contract-v1 JSON Lines.",
    )
    parser.add_argument("corpus", type=Path, help="folder with articles/, annotations/, lookups/")
    parser.add_argument(
        "-o", "--output", type=Path, help="JSON Lines file (default: <corpus>/human.jsonl)"
    )
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the output is stale"
    )
    args = parser.parse_args(argv)
    output = args.output or args.corpus / "human.jsonl"
    try:
        rendered = render_jsonl(convert_corpus(args.corpus))
    except AnnotationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.check:
        current = output.read_bytes().decode("utf-8") if output.exists() else None
        if current != rendered:
            print(f"{output} is out of date; regenerate it without --check", file=sys.stderr)
            return 1
        print(f"{output} is up to date")
        return 0
    output.write_bytes(rendered.encode("utf-8"))
    print(f"wrote {rendered.count(chr(10))} records to {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
