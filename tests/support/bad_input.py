"""Write the bad-input demonstration file: `python -m tests.support.bad_input PATH`.

Each line breaks the contract in one way a real extractor might (see the README);
good records sit between them, so ingesting the file shows that each bad line is
quarantined with its reason and the rest still loads.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.support.records import dumps, make_record, mutate, variant

# (what is wrong, the line, a phrase the quarantine reason must contain)
CASES: list[tuple[str, str | bytes, str]] = [
    ("invalid JSON", '{"schema_version": "1", "article": {,}', "invalid JSON"),
    ("wrong schema_version", dumps(mutate(variant("v"), "schema_version", "2")), "schema_version"),
    (
        "missing required field",
        dumps({key: value for key, value in variant("m").items() if key != "extractor"}),
        "extractor: required field is missing",
    ),
    (
        "unknown enum",
        dumps(mutate(variant("e"), "strikes.0.outcome", "razed")),
        "strikes[0].outcome: 'razed' is not one of",
    ),
    ("negative count", dumps(mutate(variant("n"), "strikes.0.killed", -1)), "strikes[0].killed"),
    ("string count", dumps(mutate(variant("s"), "strikes.0.injured", "4")), "is not an integer"),
    (
        "offsets out of range",
        dumps(
            mutate(variant("o"), "strikes.0.evidence", {"text": "abc", "start": 5000, "end": 5003})
        ),
        "past the end of article.text",
    ),
    (
        "duplicate claim ids",
        dumps(mutate(variant("d"), "strikes", [variant("d")["strikes"][0]] * 2)),
        "is used twice",
    ),
    ("not UTF-8", b'{"schema_version": "1", "outlet": "Caf\xe9 News"}', "not valid UTF-8"),
]
GOOD_LINES = [dumps(make_record()), dumps(variant("second good record"))]


def render() -> bytes:
    lines: list[bytes] = [GOOD_LINES[0].encode()]
    lines += [line.encode() if isinstance(line, str) else line for _, line, _ in CASES]
    lines.append(GOOD_LINES[1].encode())
    truncated = dumps(variant("truncated"))
    # the last line is cut off mid-record, with no newline, as a crashed writer leaves it
    return b"\n".join(lines) + b"\n" + truncated[: len(truncated) // 2].encode()


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/sample/bad-input.jsonl")
    target.write_bytes(render())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
