"""The shipped base map: unchanged from the registry, with Crimea drawn in Ukraine."""

from __future__ import annotations

import json

from warehouse.analysis import basemap


def countries(topology: dict) -> dict:
    return {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}


def holds(topology: dict, country: str, point: tuple[float, float]) -> bool:
    geometry = countries(topology)[country]
    return any(basemap.polygon_contains(topology, p, point) for p in basemap._polygons(geometry))


def test_the_shipped_file_is_the_registry_file():
    assert basemap.source_sha256() == basemap.SOURCE_SHA256
    source = json.loads(basemap.source_bytes())
    assert {"land", "ocean", "coastlines", "countries", "lakes"} <= set(source["objects"])


def test_the_source_draws_crimea_in_russia_and_the_map_in_ukraine():
    source = json.loads(basemap.source_bytes())
    simferopol, sevastopol, kerch = (34.10, 44.95), (33.52, 44.60), (36.47, 45.35)
    assert holds(source, "RUS", simferopol)  # Natural Earth's de facto boundary

    shown = basemap.topology()
    for point in (simferopol, sevastopol, kerch):
        assert holds(shown, "UKR", point) and not holds(shown, "RUS", point)
    assert holds(shown, "RUS", (38.97, 45.03))  # Krasnodar stays in Russia
    assert holds(shown, "UKR", (30.52, 50.45))  # Kyiv


def test_no_line_is_drawn_across_the_perekop_isthmus():
    """Every arc of Ukraine's outline is used once: no inner border between two parts."""
    shown = countries(basemap.topology())["UKR"]
    arcs = [
        a if a >= 0 else ~a
        for polygon in basemap._polygons(shown)
        for ring in polygon
        for a in ring
    ]
    assert len(arcs) == len(set(arcs))


def test_dissolve_rings_joins_two_squares_along_their_shared_edge():
    a, b, e = (0, 0), (1, 0), (1, 1)  # left square A B E D, right square B C F E
    endpoints = [(a, b), (b, e), (e, a), (b, e)]  # arcs: A-B, B-E (shared), E-D-A, B-C-F-E
    left, right = [0, 1, 2], [3, ~1]
    assert basemap.dissolve_rings(endpoints, left, right) == [[0, 3, 2]]
    assert basemap.dissolve_rings(endpoints, [0, 2], [3]) is None  # nothing shared


def test_plotly_is_pointed_at_the_shipped_map_whatever_name_it_asks_for():
    import base64

    url = basemap.plotly_config()["topojsonURL"]
    # plotly.js appends "/world_50m.json": after the "#" that is a fragment, not data.
    assert url.startswith("data:application/json;base64,") and url.endswith("#")
    payload = url.removeprefix("data:application/json;base64,").removesuffix("#")
    assert json.loads(base64.b64decode(payload)) == basemap.topology()
    assert f"{basemap.SCOPE}_{basemap.RESOLUTION}m" == basemap.TOPOJSON_NAME
    assert basemap.plotly_config(displaylogo=False)["displaylogo"] is False
