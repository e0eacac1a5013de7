"""Hypothesis strategies for malformed and hostile input files of extraction records.

Used by tests/robustness/test_fuzz_ingest.py (a fixed number of examples in CI) and
benchmarks/fuzz_ingest.py (as many as you like). A file is a few lines, each one of:
- a valid record, sometimes with unicode tricks in its text (so the loaded path is
  exercised too);
- a valid record with one to three mutations: a field set to a wrong type, a huge or
  non-finite number, a deep nesting, a string with NUL, lone surrogates, bidi controls
  or a megabyte of text; a field deleted or an unknown one added; evidence offsets
  shifted; the text changed under its hash; a claim duplicated;
- any JSON value at all;
- random bytes;
then serialised with or without ASCII escapes, and sometimes cut short, bit-flipped, or
given invalid UTF-8, with LF or CRLF line ends, blank lines, a BOM, or no final newline.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import duckdb
from hypothesis import strategies as st

from ingest.contract import ExtractionRecord, article_id_for, claim_id_for, text_sha256
from ingest.load import ingest_file, iter_file_lines
from ingest.validation import Invalid, validate_line

BASE_TEXTS = [
    "Drones struck the oil depot in Engels overnight, governor Roman Busargin said. "
    "Nobody was hurt. The air force said 80 drones were launched and 58 shot down.",
    "Беспилотники атаковали нефтебазу в Энгельсе, сообщил губернатор. Пострадавших нет.",
    "A fire broke out at the Kazan refinery.\u200b Officials blamed debris.\u202e Zero injured.",
    "Combining: cafe\u0301 and caf\u00e9 are one word to a reader. Missiles hit Kyiv at night.",
]

# Strings an extractor should never send, and a loader must survive anyway.
HOSTILE_STRINGS = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec=None, categories=None), max_size=40),  # surrogates too
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x00b",
            "\ud800",
            "\udfff\ud800",
            "\u202e\u2066RTL\u2069",
            "\ufeff",
            "\u0000" * 50,
            "Z\u0351\u0352\u0353\u0354" * 20,
            "\U0001f4a5" * 10,
            "null",
            "1e999",
            '"; drop table raw.loads; --',
            "' or 1=1 --",
            "../../etc/passwd",
        ]
    ),
    st.integers(min_value=1_000, max_value=100_000).map(lambda size: "x" * size),
)
HOSTILE_NUMBERS = st.one_of(
    st.integers(),
    st.sampled_from([-1, 0, 2**31, 2**63, -(2**63) - 1, 10**30, 10**400]),
    st.floats(allow_nan=True, allow_infinity=True),
)


class Nested:
    """A JSON nesting too deep to build as Python objects; spliced in when serialised."""

    def __init__(self, depth: int) -> None:
        self.depth = depth

    @property
    def placeholder(self) -> str:
        return f"\x01nested-{self.depth}\x01"

    def fragment(self) -> str:
        return '{"n": [' * self.depth + "1" + "]}" * self.depth


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | HOSTILE_NUMBERS | HOSTILE_STRINGS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(HOSTILE_STRINGS, children, max_size=4)
    ),
    max_leaves=12,
)
HOSTILE_VALUES = st.one_of(
    JSON_VALUES,
    st.integers(min_value=50, max_value=5_000).map(Nested),
)


def base_record(text: str, extractor: str = "fuzz") -> dict[str, Any]:
    """A valid record with one strike, one interception and one visit read from `text`."""
    article_id = article_id_for(text=text)
    first = text.split(". ")[0]
    start = text.index(first)
    evidence = {"text": first, "start": start, "end": start + len(first)}

    def claim(kind: str) -> dict[str, Any]:
        return {
            "claim_id": claim_id_for(article_id, kind, start, evidence["end"]),
            "date": "2025-01-14",
            "date_precision": "day",
            "claimed_by": {"name": "Someone", "role": "governor", "side": "ru"},
            "evidence": dict(evidence),
        }

    return {
        "schema_version": "1",
        "article": {
            "article_id": article_id,
            "url": None,
            "outlet": "Fuzz Wire",
            "title": "t",
            "published_at": "2025-01-14T10:00:00+03:00",
            "language": "en",
            "text_sha256": text_sha256(text),
            "text": text,
        },
        "extractor": {"name": extractor, "version": "1"},
        "extracted_at": "2025-01-15T00:00:00Z",
        "strikes": [
            {
                **claim("strike"),
                "attacker": "UA",
                "weapon": "drone",
                "place": {"name": "Engels", "country": "RU", "lat": 51.5, "precision": "city"},
                "target": {"type": "fuel_depot"},
                "outcome": "fire",
                "injured": 0,
            }
        ],
        "interceptions": [
            {
                **claim("interception"),
                "attacker": "UA",
                "defender": "RU",
                "weapon": "drone",
                "launched": 80,
                "intercepted": 58,
                "window_start": "2025-01-13T18:00:00+02:00",
                "window_end": "2025-01-14T06:00:00+02:00",
                "regions": [{"name": "Saratov Oblast", "count": 10}],
            }
        ],
        "visits": [
            {
                **claim("visit"),
                "visitor": {"name": "A Minister", "country": "de"},
                "destination": {"name": "Kyiv", "country": "UA", "precision": "city"},
                "kind": "diplomatic",
                "topics": ["air defence"],
            }
        ],
    }


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if len(prefix) > 8:
        return found
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _parent(record: Any, path: tuple) -> Any:
    node = record
    for step in path[:-1]:
        node = node[step]
    return node


def _has_int_span(node: Any) -> bool:
    # An earlier mutation may have replaced "end" (or removed it) while "start" stayed an int.
    return isinstance(node, dict) and all(
        isinstance(node.get(key), int) for key in ("start", "end")
    )


@st.composite
def mutated_records(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(st.sampled_from(BASE_TEXTS))
    record = base_record(text, extractor=draw(st.sampled_from(["fuzz", "fuzz-2"])))
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        paths = _paths(record)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(record, path)
        action = draw(
            st.sampled_from(["set", "set", "delete", "add_key", "shift", "retext", "dup"])
        )
        if action == "set":
            parent[path[-1]] = draw(HOSTILE_VALUES)
        elif action == "delete":
            if isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
        elif action == "add_key" and isinstance(parent, dict):
            parent[draw(HOSTILE_STRINGS)] = draw(JSON_VALUES)
        elif action == "shift" and _has_int_span(parent):
            delta = draw(st.integers(min_value=-5, max_value=5))
            parent["start"] += delta
            parent["end"] += delta
        elif action == "retext" and isinstance(record.get("article"), dict):
            record["article"]["text"] = draw(HOSTILE_STRINGS)
        elif action == "dup" and isinstance(record.get("strikes"), list) and record["strikes"]:
            record["strikes"].append(copy.deepcopy(record["strikes"][0]))
    return record


def serialise(value: Any, ascii_only: bool) -> bytes:
    nested: list[Nested] = []

    def placeholder(node: Any) -> str:
        if isinstance(node, Nested):
            nested.append(node)
            return node.placeholder
        raise TypeError(type(node))

    text = json.dumps(value, ensure_ascii=ascii_only, allow_nan=True, default=placeholder)
    for node in nested:
        text = text.replace(json.dumps(node.placeholder), node.fragment())
    return text.encode("utf-8", errors="surrogatepass")  # lone surrogates: invalid UTF-8


@st.composite
def hostile_lines(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["valid", "mutated", "mutated", "mutated", "json", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "json":
        value = draw(JSON_VALUES)
    elif kind == "valid":
        value = base_record(draw(st.sampled_from(BASE_TEXTS)))
    else:
        value = draw(mutated_records())
    line = serialise(value, ascii_only=draw(st.booleans()))
    damage = draw(st.sampled_from(["none", "none", "none", "truncate", "flip", "insert"]))
    if damage == "truncate" and line:
        line = line[: draw(st.integers(min_value=0, max_value=len(line) - 1))]
    elif damage == "flip" and line:
        at = draw(st.integers(min_value=0, max_value=len(line) - 1))
        line = line[:at] + bytes([line[at] ^ (1 << draw(st.integers(0, 7)))]) + line[at + 1 :]
    elif damage == "insert":
        at = draw(st.integers(min_value=0, max_value=len(line)))
        line = line[:at] + draw(st.binary(min_size=1, max_size=8)) + line[at:]
    return line


@st.composite
def hostile_files(draw: st.DrawFn, max_lines: int = 30) -> bytes:
    """The bytes of a JSON Lines file of hostile lines."""
    count = draw(st.integers(min_value=0, max_value=max_lines))
    lines = [draw(hostile_lines()) for _ in range(count)]
    separator = draw(st.sampled_from([b"\n", b"\r\n"]))
    if draw(st.booleans()):
        lines = [line for pair in zip(lines, [b""] * len(lines), strict=True) for line in pair]
    data = separator.join(lines)
    if lines and draw(st.booleans()):
        data += separator
    if draw(st.integers(0, 9)) == 0:
        data = b"\xef\xbb\xbf" + data
    return data


def load_and_account(
    connection: duckdb.DuckDBPyConnection, path: Path, data: bytes, tally: dict[str, int]
) -> None:
    """Ingest `data` from `path` and assert that every line is accounted for.

    The load never raises; every line is read; every line is loaded or quarantined with
    a non-empty reason and kept whole; every stored record validates again to the
    record its line held (normalising loses nothing). Counts go into `tally`.
    """
    path.write_bytes(data)
    lines = list(iter_file_lines(path))

    result = ingest_file(connection, path, workers=1)

    tally["files"] = tally.get("files", 0) + 1
    if result.skipped_file:  # the same bytes were drawn before: a completed load exists
        tally["skipped_files"] = tally.get("skipped_files", 0) + 1
        return
    assert result.read == len(lines), f"{len(lines)} lines but {result.read} read"
    assert result.read == result.loaded + result.quarantined, "ledger sum broken"
    quarantined = dict(
        connection.execute(
            "select line_number, struct_pack(raw_line, reason) from raw.quarantine "
            "where load_id = ?",
            [result.load_id],
        ).fetchall()
    )
    assert len(quarantined) == result.quarantined
    stored = dict(
        connection.execute(
            "select line_number, record from raw.extraction_records where load_id = ?",
            [result.load_id],
        ).fetchall()
    )
    for number, raw, unterminated in lines:
        if number in quarantined:
            row = quarantined[number]
            assert row["reason"].strip(), f"line {number} quarantined without a reason"
            assert row["raw_line"] == raw.decode("utf-8", "backslashreplace"), "line not kept"
            continue
        expected = validate_line(raw.decode("utf-8"), is_last_unterminated=unterminated)
        assert not isinstance(expected, Invalid), f"line {number} neither loaded nor quarantined"
        if number in stored:  # else superseded/unchanged by an equal or newer record
            assert ExtractionRecord.model_validate_json(stored[number]) == expected
    for key, value in (
        ("lines", result.read),
        ("loaded", result.loaded),
        ("quarantined", result.quarantined),
    ):
        tally[key] = tally.get(key, 0) + value
