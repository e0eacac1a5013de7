"""Write the contract's JSON Schema: `python -m ingest.schema [PATH]`.

The schema is generated from `ingest.contract`, never edited by hand; a test fails
when the committed copy is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ingest.contract import ExtractionRecord

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "extraction-record.v1.json"


def render_schema() -> str:
    # mode="validation": the schema describes what an extractor may send us.
    schema = ExtractionRecord.model_json_schema(mode="validation")
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else SCHEMA_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_schema(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
