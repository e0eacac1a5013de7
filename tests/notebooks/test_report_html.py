"""`warehouse report` on a dbt-built warehouse: one self-contained file, every chart drawn."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.analysis.figures import figure_has_data
from warehouse.analysis.marts import load_marts
from warehouse.report_html import render, sections, write_report

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("built_warehouse")]


def test_report_is_one_self_contained_file_with_every_chart(warehouse_db: Path, tmp_path):
    output = write_report(warehouse_db, tmp_path / "out" / "report.html")
    page = output.read_text(encoding="utf-8")

    # Nothing is loaded from elsewhere: no external scripts, styles, images or frames.
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?https?:""", page)
    assert "plotly.js v" in page[:200_000]  # the library itself is inlined
    # The map's config points plotly.js at the shipped base map, not at its CDN.
    assert page.count('"topojsonURL": "data:application/json;base64,') == 1
    for key in ("map", "strikes-over-time", "air-defence", "interception-rates", "visits"):
        assert f'id="{key}"' in page
    assert 'class="chart empty"' not in page


def test_every_report_chart_has_data_on_the_fixture_warehouse(warehouse_db: Path):
    empty = [s.key for s in sections(load_marts(warehouse_db)) if not figure_has_data(s.figure)]
    assert not empty


def test_an_empty_date_range_marks_charts_empty(warehouse_db: Path):
    page = render(load_marts(warehouse_db, "1990-01-01", "1990-01-31"))
    assert 'class="chart empty"' in page
    assert "No located strike events" in page


def test_command_writes_beside_the_database_by_default(warehouse_db: Path, tmp_path):
    db = tmp_path / "copy" / "wh.duckdb"
    db.parent.mkdir()
    db.write_bytes(warehouse_db.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "warehouse.cli", "report", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == db.parent / "report.html"
    assert (db.parent / "report.html").stat().st_size > 1_000_000


def test_command_fails_clearly_without_a_warehouse(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "warehouse.cli", "report", "--db", str(tmp_path / "no.duckdb")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "no warehouse at" in result.stderr
    assert not (tmp_path / "report.html").exists()
