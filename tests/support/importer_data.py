"""Where the importer tests find their inputs: project fixtures and the shared real files."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "importers"
SHARED_DATA = REPO.parent / "shared" / "data"
UA_REAL = SHARED_DATA / "ua-air-force-reports" / "missile_attacks_daily.csv"
RU_REAL = SHARED_DATA / "ru-mod-telegram" / "mod_russia_posts.csv"


def real_file(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(
            f"real data not found at {path}: the shared data folder is not beside the repo "
            "(see README, 'Public series')"
        )
    return path
