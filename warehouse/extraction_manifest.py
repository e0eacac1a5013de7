"""Which article inputs `warehouse run` has already extracted, by content hash.

A nightly run is handed the whole input folder again; only articles it has not seen
(or has seen with another extractor build) should cost extraction. Each article is
fingerprinted from everything the extractor reads (text and metadata) plus the
extractor's identity: its name, version, and a digest of its code and reference data,
so editing a rule re-extracts everything even when nobody bumped the version.

The manifest is a text file of fingerprints beside the extracted records. Entries are
appended only after the run that extracted them has published, so a run that dies in
between extracts those articles again (deterministically: same records, same file
name, and ingest skips what it already holds).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ingest.extractors.articles import ArticleInput
from warehouse.settings import REFERENCE_DIR, REPO_ROOT

MANIFEST_NAME = "extracted-articles.txt"
_EXTRACTORS_DIR = REPO_ROOT / "ingest" / "extractors"


@cache
def default_extractor_identity() -> str:
    """Name, version and a digest of the default extractor's code and reference tables."""
    from ingest.extractors.rules.pipeline import NAME, VERSION

    digest = hashlib.sha256()
    files = sorted([*_EXTRACTORS_DIR.rglob("*.py"), *REFERENCE_DIR.glob("*.csv")])
    for path in files:
        digest.update(path.relative_to(_EXTRACTORS_DIR.parent).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return f"{NAME}/{VERSION}/{digest.hexdigest()[:16]}"


def fingerprint(article: ArticleInput, extractor_identity: str) -> str:
    published = article.published_at.isoformat() if article.published_at else None
    fields = [
        extractor_identity,
        article.text,
        article.url,
        article.outlet,
        article.title,
        published,
        article.language,
        article.extra,
    ]
    encoded = json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()[:32]


class ExtractionManifest:
    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST_NAME
        self.seen: set[str] = set()
        if self.path.exists():
            with open(self.path, encoding="utf-8", errors="replace") as handle:
                # a line cut short by a crash is not a fingerprint; it is ignored
                self.seen = {line.strip() for line in handle if len(line.strip()) == 32}

    def __contains__(self, fingerprint: str) -> bool:
        return fingerprint in self.seen

    def add(self, fingerprints: Iterable[str]) -> None:
        new = sorted(set(fingerprints) - self.seen)
        if not new:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write("".join(f"{entry}\n" for entry in new))
            handle.flush()
            os.fsync(handle.fileno())
        self.seen.update(new)
