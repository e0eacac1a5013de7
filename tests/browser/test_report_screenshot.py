"""The report in headless Chromium with the network blocked: the map must draw.

plotly.js fetches its base map from a CDN unless the page hands it one; offline, that
fetch fails and the map stays blank. The report embeds the map, so it must draw; the
same report without the embedded map must not (which also proves the network was
blocked and that the pixel check can fail).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warehouse.analysis.marts import load_marts
from warehouse.analysis.screenshot import check_map, find_chromium, read_png, screenshot
from warehouse.report_html import render, write_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.xdist_group("built_warehouse"),
]


@pytest.fixture(scope="module")
def chromium() -> str:
    found = find_chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium is missing: `make browser` installs it")
        pytest.skip("chromium is not installed (`make browser` or `apt-get install chromium`)")
    return found


def test_report_map_draws_offline(chromium, warehouse_db: Path, tmp_path: Path):
    report = write_report(warehouse_db, tmp_path / "report.html")
    png = screenshot(report, tmp_path / "report.png", block_network=True)

    result = check_map(read_png(png))
    assert result.drew, f"the map did not draw offline: {result} (see {png})"


def test_without_the_embedded_map_the_offline_map_stays_blank(
    chromium, warehouse_db: Path, tmp_path: Path
):
    page = tmp_path / "no-basemap.html"
    page.write_text(render(load_marts(warehouse_db), embed_basemap=False), encoding="utf-8")
    png = screenshot(page, tmp_path / "no-basemap.png", block_network=True)

    result = check_map(read_png(png))
    assert not result.drew, f"a map drew with no base map and no network: {result}"
