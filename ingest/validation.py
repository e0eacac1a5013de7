"""Turn one raw line into a valid ExtractionRecord, or into a reason a person can act on.

Pydantic checks the shape; this module adds the checks that span fields (claim ids
unique within a record, evidence offsets that really slice the article text) and
words every failure as `path: what is wrong`, e.g.
`strikes[2].outcome: 'razed' is not one of destroyed, damaged, fire, no_damage, unknown`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ingest.contract import SCHEMA_VERSION, ExtractionRecord

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
