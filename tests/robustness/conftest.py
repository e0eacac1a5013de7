"""Shared fixtures for the robustness suite: generated corpora and real `warehouse` processes.

Every test here drives the command as a scheduler would (`python -m warehouse.cli`),
in its own process, and kills it with SIGKILL where the test says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate


@pytest.fixture(scope="session")
def big_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~55 MB of contract records (12,000 articles): an ingest of several seconds."""
    _, records = generate(
        tmp_path_factory.mktemp("big"), articles=12_000, start=0, seed=11, workers=1
    )
    return records


@pytest.fixture(scope="session")
def small_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 articles disjoint from big_records: a quick first build to fall back on."""
    _, records = generate(
        tmp_path_factory.mktemp("small"), articles=200, start=1_000_000, seed=11, workers=1
    )
    return records


@pytest.fixture(scope="session")
def nightly_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another 100 new articles, as one night's extraction would bring."""
    _, records = generate(
        tmp_path_factory.mktemp("nightly"), articles=100, start=2_000_000, seed=11, workers=1
    )
    return records
