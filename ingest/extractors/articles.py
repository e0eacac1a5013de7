"""Read article inputs: .txt/.md files with optional NAME.meta.json sidecars, folders of
them, and JSON Lines files of articles.

Each article becomes an `ArticleInput` whose `text` is exactly what evidence offsets
index into (the file read as UTF-8 with universal newlines, a byte-order mark dropped)
and whose `article_id` is the contract's `article_id_for(text=, url=)`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.contract import article_id_for, text_sha256

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")


class ArticleInputError(ValueError):
    """An input that cannot become an article; the message says which and why."""


@dataclass(frozen=True, slots=True)
class ArticleInput:
    text: str
    article_id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published_at: dt.date | dt.datetime | None = None
    language: str | None = None
    source: str = ""  # where it was read from, for messages: "path" or "path:line"
    extra: dict = field(default_factory=dict)

    @property
    def text_sha256(self) -> str:
        return text_sha256(self.text)

    @property
    def anchor_date(self) -> dt.date | None:
        """The local date of publication, which relative dates resolve against."""
        if isinstance(self.published_at, dt.datetime):
            return self.published_at.date()
        return self.published_at


def parse_published_at(value: object, source: str = "") -> dt.date | dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str):
        raise ArticleInputError(f"{source}: published_at must be an ISO date or datetime string")
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise ArticleInputError(f"{source}: published_at {value!r} is not ISO 8601") from error


def make_article(fields: dict, text: str, source: str) -> ArticleInput:
    if not isinstance(text, str):
        raise ArticleInputError(f"{source}: text must be a string")
    url = fields.get("url") or None
    if url is not None and not isinstance(url, str):
        raise ArticleInputError(f"{source}: url must be a string")
    if not text.strip() and not url:
        raise ArticleInputError(f"{source}: empty text and no url, so no article id")
    language = fields.get("language")
    if language is not None and (not isinstance(language, str) or not LANGUAGE_RE.match(language)):
        language = None  # a malformed tag is dropped rather than breaking the record
    outlet = fields.get("outlet")
    title = fields.get("title")
    return ArticleInput(
        text=text,
        article_id=fields.get("article_id") or article_id_for(text=text, url=url),
        url=url,
        outlet=str(outlet)[:500] if outlet else None,
        title=str(title)[:2000] if title else None,
        published_at=parse_published_at(fields.get("published_at"), source),
        language=language,
        source=source,
    )


def read_text_file(path: Path) -> ArticleInput:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleInputError(f"{path}: not UTF-8 text ({error.reason})") from error
    meta_path = path.with_name(path.stem + ".meta.json")
    fields: dict = {}
    if meta_path.exists():
        try:
            fields = json.loads(meta_path.read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as error:
            raise ArticleInputError(f"{meta_path}: not valid JSON ({error.msg})") from error
        if not isinstance(fields, dict):
            raise ArticleInputError(f"{meta_path}: must hold a JSON object")
    return make_article(fields, text, str(path))


def read_jsonl(path: Path) -> Iterator[ArticleInput | ArticleInputError]:
    """Articles of a JSON Lines file; a bad line yields an error and reading goes on."""
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            source = f"{path}:{number}"
            try:
                fields = json.loads(line)
                if not isinstance(fields, dict):
                    raise ArticleInputError(f"{source}: a line must hold a JSON object")
                # an extraction record holds its article under "article"
                if "text" not in fields and isinstance(fields.get("article"), dict):
                    fields = fields["article"]
                yield make_article(fields, fields.get("text", ""), source)
            except json.JSONDecodeError as error:
                yield ArticleInputError(f"{source}: not valid JSON ({error.msg})")
            except ArticleInputError as error:
                yield error


def iter_articles(paths: Iterable[str | Path]) -> Iterator[ArticleInput | ArticleInputError]:
    """Every article of the inputs, in a stable order (folders sorted by name)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and (p.suffix in TEXT_SUFFIXES or p.suffix in JSONL_SUFFIXES)
                and not p.name.endswith(".meta.json")
            )
            yield from iter_articles(files)
        elif not path.exists():
            yield ArticleInputError(f"{path}: no such file or folder")
        elif path.suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path)
        elif path.suffix in TEXT_SUFFIXES:
            try:
                yield read_text_file(path)
            except ArticleInputError as error:
                yield error
        else:
            yield ArticleInputError(
                f"{path}: not an article input (.txt, .md, .jsonl, or a folder of them)"
            )
