"""One log line per step on stderr, in a shape a scheduler can grep and alert on.

2026-11-25T02:00:03Z warehouse step=ingest status=ok files=2 loaded=64 quarantined=1
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime


def log_step(step: str, status: str, **fields: object) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    details = " ".join(f"{key}={_quote(value)}" for key, value in fields.items())
    print(f"{stamp} warehouse step={step} status={status} {details}".rstrip(), file=sys.stderr)


def _quote(value: object) -> str:
    text = str(value)
    return f'"{text}"' if (" " in text or not text) else text
