"""Where things are: the database, the sample corpus, the dbt project.

The database is `--db`, else `$WAREHOUSE_DB`, else `data/warehouse.duckdb` under the
current directory, so that a scheduler and an analyst agree on one file.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = Path("data") / "warehouse.duckdb"
SAMPLE_DIR = REPO_ROOT / "data" / "sample"
SAMPLE_ARTICLES = SAMPLE_DIR / "articles"
SAMPLE_HUMAN_RECORDS = SAMPLE_DIR / "human.jsonl"
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
REFERENCE_DIR = REPO_ROOT / "ingest" / "reference"


def resolve_db_path(db: Path | str | None = None) -> Path:
    """The published warehouse file: --db, else $WAREHOUSE_DB, else data/warehouse.duckdb."""
    if db:
        return Path(db).expanduser().resolve()
    from_env = os.environ.get("WAREHOUSE_DB")
    if from_env:
        return Path(from_env).expanduser().resolve()
    return DEFAULT_DB.resolve()
