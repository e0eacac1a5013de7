from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.built_warehouse import shared_warehouse


@pytest.fixture(scope="session")
def warehouse_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built by ingest + dbt from the project's records (once per session)."""
    return shared_warehouse(tmp_path_factory)
