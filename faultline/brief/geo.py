"""The brief's map: the country and its neighbours from Natural Earth (the dashboard's npm
``world-atlas`` TopoJSON), drawn as inline SVG with the period's located happenings pinned.

TopoJSON stores each border once, as an *arc* shared by the countries on either side. With a
``transform``, arcs are *quantized* (integer positions) and *delta-encoded*: an arc's first
position is absolute, each further one is an offset from the one before, and a position is
``position * scale + translate`` in degrees. A ring lists the arcs that make it up; index
``~i`` (a negative number) means arc ``i`` walked backwards. Consecutive arcs share their
meeting point, so it is kept once. Countries are matched by their ISO 3166 numeric ``id``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from faultline.brief.svg import element, ids, num, text
from faultline.errors import ReferenceDataError
from faultline.models import CountryShape, MapPin

WORLD_ATLAS = (
    Path(__file__).resolve().parents[1]
    / "web"
    / "node_modules"
    / "world-atlas"
    / "countries-50m.json"
)
INSTALL_HINT = "npm ci --prefix faultline/web"
MAP_WIDTH = 280
MAP_HEIGHT = 176
PADDING = 0.12  # of the country's extent, so its neighbours show around it
PIN_RADIUS = 6.0
_CROWD = 2 * PIN_RADIUS  # pins closer than this are fanned out around their point

Point = tuple[float, float]
Projection = Callable[[float, float], Point]


def load_shapes(path: Path = WORLD_ATLAS) -> tuple[CountryShape, ...] | None:
    """Every country of the TopoJSON file at ``path``; None when it is not installed."""
    if not path.is_file():
        return None
    return _load_shapes(path)


@cache
def _load_shapes(path: Path) -> tuple[CountryShape, ...]:
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        return decode_countries(topology)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise ReferenceDataError(
            f"the map geometry {path} is not a TopoJSON countries file ({exc}); reinstall it "
            f"with `{INSTALL_HINT}`"
        ) from exc


def decode_countries(
    topology: Mapping[str, Any], name: str = "countries"
) -> tuple[CountryShape, ...]:
    """The geometries of object ``name`` as outlines in degrees."""
    arcs = decode_arcs(topology)
    return tuple(
        CountryShape(
            numeric=str(geometry.get("id") or ""),
            name=str((geometry.get("properties") or {}).get("name") or ""),
            rings=geometry_rings(geometry, arcs),
            arcs=frozenset(_arc_ids(geometry)),
        )
        for geometry in topology["objects"][name]["geometries"]
        if geometry.get("type") in ("Polygon", "MultiPolygon")
    )


def decode_arcs(topology: Mapping[str, Any]) -> list[list[Point]]:
    """Every arc as absolute (lon, lat) points: undo the delta encoding and the quantization."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def stitch_ring(indexes: Sequence[int], arcs: Sequence[Sequence[Point]]) -> tuple[Point, ...]:
    """A closed ring from its arcs; a negative index ``~i`` is arc ``i`` reversed."""
    ring: list[Point] = []
    for index in indexes:
        arc = list(arcs[index]) if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc[1:] if ring else arc)
    return tuple(ring)


def geometry_rings(
    geometry: Mapping[str, Any], arcs: Sequence[Sequence[Point]]
) -> tuple[tuple[Point, ...], ...]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return tuple(stitch_ring(ring, arcs) for polygon in polygons for ring in polygon)


def _arc_ids(geometry: Mapping[str, Any]) -> list[int]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [i if i >= 0 else ~i for polygon in polygons for ring in polygon for i in ring]


def projection_for(
    bbox: tuple[float, float, float, float], width: float, height: float
) -> Projection:
    """Equirectangular, longitudes shrunk by cos(mean latitude) so shapes keep their
    proportions near the equator and away from it, fitted (padded) into width × height."""
    west, south, east, north = bbox
    squeeze = math.cos(math.radians((south + north) / 2))
    pad_x, pad_y = (east - west) * PADDING, (north - south) * PADDING
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    scale = min(width / max((east - west) * squeeze, 1e-9), height / max(north - south, 1e-9))
    # Centre the fitted box: the spare room goes equally to both sides.
    left = (width - (east - west) * squeeze * scale) / 2
    top = (height - (north - south) * scale) / 2

    def project(lon: float, lat: float) -> Point:
        return left + (lon - west) * squeeze * scale, top + (north - lat) * scale

    return project


def map_svg(
    shapes: Sequence[CountryShape], numeric: str | None, pins: Sequence[MapPin]
) -> str | None:
    """The country (highlighted), every other country in view (its neighbours outlined), and
    the pins; None when the geometry has no country with that numeric code."""
    target = next((s for s in shapes if numeric and s.numeric == numeric and s.rings), None)
    if target is None:
        return None
    project = projection_for(target.bbox, MAP_WIDTH, MAP_HEIGHT)
    view = _view_bbox(project)
    drawn = [
        _country_path(shape, project, _role(shape, target))
        for shape in shapes
        if shape.rings and _overlaps(shape.bbox, view)
    ]
    ordered = sorted(drawn, key=lambda pair: pair[0])
    return element(
        "svg",
        {"class": "map", "viewBox": f"0 0 {MAP_WIDTH} {MAP_HEIGHT}", "role": "img",
         "aria-label": f"map of {target.name}"},
        *(path for _, path in ordered),
        *_pins(pins, project),
    )  # fmt: skip


def _role(shape: CountryShape, target: CountryShape) -> str:
    if shape is target:
        return "country target"
    return "country neighbour" if shape.arcs & target.arcs else "country"


def _country_path(shape: CountryShape, project: Projection, role: str) -> tuple[int, str]:
    commands = []
    for ring in shape.rings:
        points = _distinct([project(lon, lat) for lon, lat in ring])
        if len(points) >= 3:
            commands.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
    attrs = {"class": role, "d": "".join(commands), "data-numeric": shape.numeric or None}
    # The target is drawn last so its outline is not covered by its neighbours'.
    return (2 if "target" in role else 1 if "neighbour" in role else 0), element(
        "path", attrs, element("title", {}, text(shape.name))
    )


def _distinct(points: Sequence[Point]) -> list[tuple[str, str]]:
    """Points rounded for the SVG, without the repeats rounding makes."""
    found: list[tuple[str, str]] = []
    for x, y in points:
        rounded = (num(x), num(y))
        if not found or found[-1] != rounded:
            found.append(rounded)
    return found


def _view_bbox(project: Projection) -> tuple[float, float, float, float]:
    """The lon/lat box the view shows, found by inverting the projection at its corners."""
    x0, y0 = project(0.0, 0.0)
    x1, y1 = project(1.0, -1.0)
    per_lon, per_lat = x1 - x0, y1 - y0
    # x grows with longitude, y shrinks with latitude: x0, y0 are where lon 0 and lat 0 fall.
    west, north = -x0 / per_lon, y0 / per_lat
    return west, north - MAP_HEIGHT / per_lat, west + MAP_WIDTH / per_lon, north


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _pins(pins: Sequence[MapPin], project: Projection) -> list[str]:
    placed = fan_out([project(p.lon, p.lat) for p in pins])
    return [_pin(pin, x, y) for pin, (x, y) in zip(pins, placed, strict=True)]


def fan_out(points: Sequence[Point]) -> list[Point]:
    """Pins at (nearly) the same place spread on a small circle around it, so each number
    stays readable; a lone pin stays where it is."""
    groups: list[list[int]] = []
    for i, (x, y) in enumerate(points):
        home = next((g for g in groups if math.dist(points[g[0]], (x, y)) < _CROWD), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    placed = list(points)
    for group in groups:
        if len(group) == 1:
            continue
        cx, cy = points[group[0]]
        radius = _CROWD * max(1.0, len(group) / 6)
        for k, i in enumerate(group):
            angle = 2 * math.pi * k / len(group) - math.pi / 2
            placed[i] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return placed


def _pin(pin: MapPin, x: float, y: float) -> str:
    title = element("title", {}, text(pin.place))
    if pin.number is None:
        dot = element("circle", {"class": f"pin {pin.family}", "cx": x, "cy": y, "r": 2.5})
        return element("g", {"class": "pin-dot", "data-events": ids(pin.events)}, title, dot)
    circle = element("circle", {"class": f"pin {pin.family}", "cx": x, "cy": y, "r": PIN_RADIUS})
    label = element(
        "text", {"class": "pin-number", "x": x, "y": y + 2.6, "text-anchor": "middle"},
        text(str(pin.number)),
    )  # fmt: skip
    return element(
        "g", {"class": "pin-key", "data-events": ids(pin.events), "data-key": pin.number},
        title, circle, label,
    )  # fmt: skip
