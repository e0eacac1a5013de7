"""Turn one raw line into a valid ExtractionRecord, or into a reason a person can act on.

Pydantic checks the shape; this module adds the checks that span fields (claim ids
unique within a record, evidence offsets that really slice the article text) and
words every failure as `path: what is wrong`, e.g.
`strikes[2].outcome: 'razed' is not one of destroyed, damaged, fire, no_damage, unknown`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import CoreSchema, SchemaSerializer, SchemaValidator

from ingest.contract import SCHEMA_VERSION, ExtractionRecord, text_sha256

# A record over this size is refused before parsing: a runaway extractor should not
# be able to take the loader's memory with it. The line itself is still kept.
MAX_RECORD_BYTES = int(float(os.environ.get("WAREHOUSE_MAX_RECORD_MB", "16")) * 1024 * 1024)
MAX_ERRORS_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Invalid:
    reason: str


_VALIDATE_JSON = ExtractionRecord.__pydantic_validator__.validate_json


def validate_line(
    raw: bytes | str, *, is_last_unterminated: bool = False, size: int | None = None
) -> ExtractionRecord | Invalid:
    """Validate one JSON line against contract v1 and the cross-field rules.

    `size` is the length the record limit is checked against when it is not len(raw):
    the loader passes UTF-8 bytes (pydantic parses them without re-encoding a str) with
    their length in characters, so the limit and its message do not depend on which.
    """
    if size is None:
        size = len(raw)
    if size > MAX_RECORD_BYTES:
        return Invalid(
            f"record is {size / 1024 / 1024:.1f} MB, above the "
            f"{MAX_RECORD_BYTES / 1024 / 1024:.0f} MB limit per record "
            "(set WAREHOUSE_MAX_RECORD_MB to raise it)"
        )
    try:
        # The model's validator itself: what model_validate_json calls, minus a Python frame.
        record = _VALIDATE_JSON(raw)
    except ValidationError as error:
        reason = describe_validation_error(error)
        if is_last_unterminated and "invalid JSON" in reason:
            reason += " (the file's last line has no newline: it looks truncated)"
        return Invalid(reason)
    if not _cross_fields_hold(record):
        problems = cross_field_problems(record)
        if problems:
            return Invalid(_join(problems))
    return record


def _cross_fields_hold(record: ExtractionRecord) -> bool:
    """True when cross_field_problems would find nothing: the quick test most records pass.

    Evidence is already known to have end - start == len(evidence.text), so a slice equal
    to evidence.text also means the span lies inside article.text.
    """
    text = record.article.text
    seen: set[str] = set()
    count = 0
    for claims in (record.strikes, record.interceptions, record.visits):
        for claim in claims:
            seen.add(claim.claim_id)
            count += 1
            if text is not None:
                evidence = claim.evidence
                if text[evidence.start : evidence.end] != evidence.text:
                    return False
    return len(seen) == count


def cross_field_problems(record: ExtractionRecord) -> list[str]:
    problems: list[str] = []
    seen: dict[str, tuple[str, int]] = {}
    text = record.article.text
    length = len(text) if text is not None else 0
    # Locations ("strikes[2]") are spelt out only for a problem: most records have none.
    for name in ("strikes", "interceptions", "visits"):
        for index, claim in enumerate(getattr(record, name)):
            claim_id = claim.claim_id
            if claim_id in seen:
                first_name, first_index = seen[claim_id]
                problems.append(
                    f"{name}[{index}].claim_id: {claim_id!r} is used twice in this record "
                    f"(also by {first_name}[{first_index}])"
                )
            else:
                seen[claim_id] = (name, index)
            if text is None:
                continue
            evidence = claim.evidence
            start, end = evidence.start, evidence.end
            if end > length:
                problems.append(
                    f"{name}[{index}].evidence: end {end} is past the end of article.text "
                    f"({length} characters)"
                )
            elif text[start:end] != evidence.text:
                problems.append(
                    f"{name}[{index}].evidence: article.text[{start}:{end}] is "
                    f"{_preview(text[start:end])}, not the evidence text "
                    f"{_preview(evidence.text)}"
                )
    return problems


# --------------------------------------------------------------------------- plain path
# Most records are valid, and for them building ten model objects a record (enum members
# included) and serialising them again costs about a third of validation. The plain
# schema is the contract's own core schema with models read into dicts, enums into their
# values and the model validators left out: it accepts the same JSON and serialises it to
# the same bytes, and the checks the validators made are made once per record in
# `_plain_checks_hold`. Whatever it does not accept goes through validate_line, which
# words the reason.

# The model validators whose checks _plain_checks_hold makes. A contract that gains any
# other Python hook (or aliases, computed fields, custom serialisers) turns the plain
# path off rather than let it skip a check: see _plain_schema.
_CHECKED_VALIDATORS = frozenset(
    {"Article._text_matches_hash", "Evidence._ordered", "InterceptionClaim._window_ordered"}
)
_PLAIN_MODEL_KEYS = frozenset(
    {"type", "cls", "schema", "config", "ref", "metadata", "custom_init", "root_model"}
)
_PLAIN_FIELDS_KEYS = frozenset(
    {"type", "fields", "model_name", "extra_behavior", "ref", "computed_fields"}
)
_PLAIN_FIELD_KEYS = frozenset({"type", "schema", "metadata", "frozen"})
_PLAIN_ENUM_KEYS = frozenset({"type", "cls", "members", "sub_type", "ref", "metadata"})


class _NotPlain(Exception):
    """The contract uses something the plain schema cannot reproduce exactly."""


def _plain_schema(schema: Any, validators: set[str]) -> Any:
    """The plain form of a core schema; the model validators it leaves out go into
    `validators` (by qualified name)."""
    if isinstance(schema, list):
        return [_plain_schema(item, validators) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type")
    if kind == "function-after" and schema["function"]["type"] == "no-info":
        validators.add(schema["function"]["function"].__qualname__)
        return _plain_schema(schema["schema"], validators)
    if (kind and kind.startswith("function")) or "serialization" in schema:
        raise _NotPlain(kind)
    if kind in {"definitions", "definition-ref"}:  # the refs are dropped below
        raise _NotPlain(kind)
    if kind == "enum":
        if not schema.keys() <= _PLAIN_ENUM_KEYS or schema.get("sub_type") != "str":
            raise _NotPlain(kind)
        return {"type": "literal", "expected": [member.value for member in schema["members"]]}
    if kind == "model":
        fields_schema = schema["schema"]
        if not (
            schema.keys() <= _PLAIN_MODEL_KEYS
            and not schema.get("custom_init")
            and not schema.get("root_model")
            and fields_schema.keys() <= _PLAIN_FIELDS_KEYS
            and not fields_schema.get("computed_fields")
            and all(field.keys() <= _PLAIN_FIELD_KEYS for field in fields_schema["fields"].values())
        ):
            raise _NotPlain(kind)
        config = schema.get("config", {})
        extra = fields_schema.get("extra_behavior") or config.get("extra_fields_behavior")
        if extra not in {None, "ignore", "forbid"}:  # kept extras would be serialised
            raise _NotPlain(kind)
        return {
            "type": "typed-dict",
            "fields": {
                name: {
                    "type": "typed-dict-field",
                    "schema": _plain_schema(field["schema"], validators),
                    # model fields are required unless they have a default; so are these
                    "required": field["schema"]["type"] != "default",
                }
                for name, field in fields_schema["fields"].items()
            },
            "extra_behavior": extra or "ignore",
            "strict": bool(config.get("strict")),
            "config": config,
        }
    return {key: _plain_schema(value, validators) for key, value in schema.items() if key != "ref"}


def _build_plain_path(
    model: type[BaseModel] = ExtractionRecord,
) -> tuple[Callable[..., Any], Callable[..., bytes]] | None:
    validators: set[str] = set()
    try:
        schema: CoreSchema = _plain_schema(model.__pydantic_core_schema__, validators)
    except _NotPlain:
        return None
    if validators != _CHECKED_VALIDATORS:
        return None
    return SchemaValidator(schema).validate_json, SchemaSerializer(schema).to_json


# None when the contract has outgrown the plain path (a test says so): then every record
# takes the full path.
PLAIN_PATH = _build_plain_path()


def serialize_plain(record: dict[str, Any]) -> bytes:
    """A plain record as the contract serialises it (model_dump_json, as bytes)."""
    assert PLAIN_PATH is not None
    return PLAIN_PATH[1](record)


def validate_plain(raw: bytes | str) -> dict[str, Any] | None:
    """The record as plain data, normalised as the contract normalises it, when
    validate_line would accept `raw`; None when it would not (it then says why).

    Bytes must be known to be UTF-8 (as validate_line's caller checks). A line's length
    in bytes is at least its length in characters: within the limit in bytes, it is
    within validate_line's limit; past it, validate_line decides.
    """
    if PLAIN_PATH is None or len(raw) > MAX_RECORD_BYTES:
        return None
    try:
        record = PLAIN_PATH[0](raw)
    except ValidationError:
        return None
    return record if _plain_checks_hold(record) else None


def _plain_checks_hold(record: dict[str, Any]) -> bool:
    """The model validators' checks (Article, Evidence, InterceptionClaim) and the
    cross-field ones (_cross_fields_hold) on a plain record."""
    article = record["article"]
    text = article["text"]
    if text is not None and text_sha256(text) != article["text_sha256"]:
        return False
    seen: set[str] = set()
    count = 0
    for claims in (record["strikes"], record["interceptions"], record["visits"]):
        for claim in claims:
            seen.add(claim["claim_id"])
            count += 1
            evidence = claim["evidence"]
            start, end, evidence_text = evidence["start"], evidence["end"], evidence["text"]
            if end <= start or end - start != len(evidence_text):
                return False
            if text is not None and text[start:end] != evidence_text:
                return False
    for claim in record["interceptions"]:
        window_start, window_end = claim["window_start"], claim["window_end"]
        if window_start and window_end and window_end < window_start:
            return False
    return len(seen) == count


def describe_validation_error(error: ValidationError) -> str:
    return _join([_describe(item) for item in error.errors(include_url=False)])


def _describe(item: dict[str, Any]) -> str:
    kind = item["type"]
    path = _path(item["loc"])
    value = item.get("input")
    ctx = item.get("ctx") or {}
    if kind == "json_invalid":
        return f"invalid JSON: {ctx.get('error', item['msg'])}"
    if kind in {"model_type", "model_attributes_type"} and not path:
        return "a record must be a JSON object"
    if kind == "missing":
        return f"{path}: required field is missing"
    if kind == "extra_forbidden":
        return f"{path}: unknown field (not part of contract v{SCHEMA_VERSION})"
    if kind == "enum":
        allowed = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"{path}: {value!r} is not one of {allowed}"
    if kind == "literal_error" and path == "schema_version":
        return (
            f"schema_version: {value!r} is not supported; this loader reads contract "
            f"version {SCHEMA_VERSION!r}"
        )
    if kind in {"int_type", "int_parsing"}:
        return f"{path}: {value!r} is not an integer"
    if kind == "greater_than_equal":
        return f"{path}: {value!r} is below the minimum {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"{path}: {value!r} is above the maximum {ctx.get('le')}"
    if kind == "string_pattern_mismatch":
        return f"{path}: {value!r} does not match {ctx.get('pattern')}"
    if kind == "value_error":
        return f"{path or 'record'}: {item['msg'].removeprefix('Value error, ')}"
    shown = "" if isinstance(value, dict | list) else f" (got {_preview(repr(value))})"
    return f"{path or 'record'}: {item['msg']}{shown}"


def _path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif step == "str" or "[" in str(step):
            # pydantic names validator wrappers in the location; a reader wants fields.
            continue
        else:
            parts.append(f".{step}" if parts else str(step))
    return "".join(parts)


def _join(problems: list[str]) -> str:
    shown = problems[:MAX_ERRORS_SHOWN]
    more = len(problems) - len(shown)
    return "; ".join(shown) + (f"; and {more} more problem(s)" if more > 0 else "")


def _preview(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")
