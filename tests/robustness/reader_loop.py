"""An analyst in a loop: `python -m tests.robustness.reader_loop DB STOP_FILE OUT.json [SQL]`.

Opens the published warehouse read-only, asks one question, closes it, and again,
until STOP_FILE exists; then writes every answer and every failure to OUT.json.
Each query opens the file anew, so a reader meets every publish that happens.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb

# Two counts that agree in every whole build of a warehouse of fresh articles: rows in
# raw.extraction_records and the records the completed loads say they inserted. A
# half-written file (rows without their ledger row, or the reverse) cannot agree.
CONSISTENCY_SQL = """
select
    (select count(*) from raw.extraction_records) as records,
    (select coalesce(sum(records_inserted), 0) from raw.loads where status = 'completed')
        as inserted_by_completed_loads,
    (select count(*) from raw.loads where status = 'completed') as completed_loads
"""


def main(db: str, stop_file: str, out: str, sql: str = CONSISTENCY_SQL) -> None:
    answers: list[list] = []
    failures: list[str] = []
    stop = Path(stop_file)
    while not stop.exists():
        try:
            connection = duckdb.connect(db, read_only=True)
            try:
                answers.append([*connection.execute(sql).fetchone(), time.time()])
            finally:
                connection.close()
        except Exception as error:  # every failure is the finding, whatever its type
            failures.append(f"{type(error).__name__}: {error}")
        time.sleep(0.05)  # an eager analyst, not a load generator starving the writer
    Path(out).write_text(json.dumps({"answers": answers, "failures": failures}))


if __name__ == "__main__":
    main(*sys.argv[1:])
