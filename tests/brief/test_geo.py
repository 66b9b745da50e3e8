"""The brief's map: TopoJSON decoded in Python (quantized, delta-encoded, shared and reversed
arcs), projected and drawn as SVG with numbered pins."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from faultline.brief.geo import (
    MAP_HEIGHT,
    MAP_WIDTH,
    WORLD_ATLAS,
    decode_arcs,
    decode_countries,
    fan_out,
    load_shapes,
    map_svg,
    projection_for,
    stitch_ring,
)
from faultline.errors import ReferenceDataError
from faultline.models import MapPin

# Two unit squares side by side sharing one border (arc 0), and an island far away. Positions
# are quantized on a half-degree grid anchored at (10°E, 5°S), and delta-encoded.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, -5]},
    "arcs": [
        [[2, 0], [0, 2]],  # the shared border, south to north: (11,-5) → (11,-4)
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # the rest of the west square
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # the rest of the east square
        [[40, 40], [2, 0], [0, 2], [-2, -2]],  # the island
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "001", "arcs": [[0, 1]], "properties": {"name": "West"}},
                # ~0 is arc 0 walked north to south
                {"type": "Polygon", "id": "002", "arcs": [[2, ~0]], "properties": {"name": "East"}},
                {"type": "MultiPolygon", "id": "003", "arcs": [[[3]]],
                 "properties": {"name": "Isle"}},
                {"type": None, "id": "004", "properties": {"name": "Nowhere"}},
            ],
        }
    },
}  # fmt: skip


def shapes():
    return {shape.name: shape for shape in decode_countries(TOPOLOGY)}


def test_arcs_are_dequantized_and_delta_decoded():
    arcs = decode_arcs(TOPOLOGY)
    assert arcs[0] == [(11.0, -5.0), (11.0, -4.0)]
    assert arcs[1] == [(11.0, -4.0), (10.0, -4.0), (10.0, -5.0), (11.0, -5.0)]
    assert arcs[3][0] == (30.0, 15.0)


def test_arcs_without_a_transform_are_absolute_positions():
    plain = {"arcs": [[[12.5, -3.0], [13.0, -2.5]]]}
    assert decode_arcs(plain) == [[(12.5, -3.0), (13.0, -2.5)]]


@pytest.mark.parametrize(
    ("name", "ring"),
    [
        ("West", ((11, -5), (11, -4), (10, -4), (10, -5), (11, -5))),
        # The shared arc reversed (~0) closes the east square from its north corner back south.
        ("East", ((11, -5), (12, -5), (12, -4), (11, -4), (11, -5))),
        ("Isle", ((30, 15), (31, 15), (31, 16), (30, 15))),
    ],
)
def test_rings_join_their_arcs_keeping_each_meeting_point_once(name, ring):
    (decoded,) = shapes()[name].rings
    assert decoded == tuple((float(x), float(y)) for x, y in ring)
    assert decoded[0] == decoded[-1]


def test_a_negative_index_walks_the_arc_backwards():
    arcs = [[(0.0, 0.0), (1.0, 0.0)], [(1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]]
    assert stitch_ring([~1, ~0], arcs) == ((0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0))


def test_geometries_without_outline_are_left_out_and_ids_kept():
    found = decode_countries(TOPOLOGY)
    assert [(s.numeric, s.name) for s in found] == [
        ("001", "West"),
        ("002", "East"),
        ("003", "Isle"),
    ]


def test_neighbours_are_the_countries_sharing_an_arc():
    by_name = shapes()
    assert by_name["West"].arcs & by_name["East"].arcs == {0}
    assert not by_name["West"].arcs & by_name["Isle"].arcs
    assert by_name["East"].bbox == (11.0, -5.0, 12.0, -4.0)


@pytest.mark.parametrize("latitude", [0.0, 45.0, 60.0])
def test_projection_keeps_proportions_at_any_latitude(latitude):
    # A box one degree each way: on the ground it is cos(latitude) as wide as it is tall.
    project = projection_for((20.0, latitude - 0.5, 21.0, latitude + 0.5), 300, 300)
    (x0, y0), (x1, y1) = project(20.0, latitude + 0.5), project(21.0, latitude - 0.5)
    assert (x1 - x0) / (y1 - y0) == pytest.approx(math.cos(math.radians(latitude)), rel=1e-3)
    assert 0 <= x0 < x1 <= 300 and 0 <= y0 < y1 <= 300


def test_map_draws_target_neighbours_and_numbered_pins():
    pins = [
        MapPin(lat=-4.5, lon=10.5, place="West town", family="violent", number=1,
               events=("ev_a", "ev_b")),
        MapPin(lat=-4.4, lon=10.6, place="Hamlet", family="cooperative", number=None,
               events=("ev_c",)),
    ]  # fmt: skip
    svg = map_svg(list(shapes().values()), "001", pins)
    assert svg is not None
    assert re.search(r'<path class="country target" d="M[^"]+Z" data-numeric="001"', svg)
    assert 'class="country neighbour"' in svg and 'data-numeric="002"' in svg
    assert 'data-numeric="003"' not in svg  # the island is out of view
    assert re.search(r'<g class="pin-key" data-events="ev_a ev_b" data-key="1">', svg)
    assert '<g class="pin-dot" data-events="ev_c">' in svg
    assert f'viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}"' in svg


def test_map_of_a_country_the_geometry_lacks_is_none():
    assert map_svg(list(shapes().values()), "999", []) is None
    assert map_svg(list(shapes().values()), None, []) is None


def test_pins_at_one_place_fan_out_and_a_lone_pin_stays():
    placed = fan_out([(50.0, 50.0), (50.0, 50.0), (50.5, 50.0), (200.0, 10.0)])
    assert placed[3] == (200.0, 10.0)
    crowded = placed[:3]
    assert len(set(crowded)) == 3
    assert all(math.dist(a, b) >= 6 for i, a in enumerate(crowded) for b in crowded[i + 1 :])


def test_missing_geometry_is_none_and_a_broken_file_says_how_to_reinstall(tmp_path: Path):
    assert load_shapes(tmp_path / "absent.json") is None
    broken = tmp_path / "countries.json"
    broken.write_text(json.dumps({"type": "Topology", "arcs": []}), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="npm ci --prefix faultline/web") as caught:
        load_shapes(broken)
    assert caught.value.code == "E302"


@pytest.mark.skipif(not WORLD_ATLAS.is_file(), reason="npm ci --prefix faultline/web not run")
@pytest.mark.parametrize(
    ("numeric", "neighbours"),
    [
        ("180", {"646", "800", "108", "024", "894", "178", "140", "728", "834"}),  # DRC
        ("466", {"012", "562", "854", "384", "324", "686", "478"}),  # Mali
    ],
)
def test_natural_earth_neighbours_share_borders(numeric, neighbours):
    found = load_shapes()
    assert found is not None
    target = next(s for s in found if s.numeric == numeric)
    sharing = {s.numeric for s in found if s is not target and s.arcs & target.arcs}
    assert neighbours <= sharing
