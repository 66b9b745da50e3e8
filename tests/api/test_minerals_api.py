"""``/api/minerals`` and ``/api/exposure`` over a store of hand-built events with known answers:
the reference with its sources, the series whose points are the sums of their drivers, the one
error shape for a bad mineral, date or period, the schema, and the token rule."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from faultline.api import create_app
from faultline.models import Article, Counts, Coup, Event, MineralStake
from faultline.store import Store
from tests.store.conftest import build_article, build_event, build_extraction, day, place, span_of

TOKEN = "minerals-test-token"

KOLWEZI = (
    "Gunmen attacked a cobalt mine near Kolwezi on 14 May 2024, killing four miners. "
    "Soldiers loyal to Christian Malanga tried to seize power in Kinshasa on 19 May 2024."
)
GOMA = "M23 rebels seized Goma on 27 January 2025, killing thirty people."
BAMAKO = "Soldiers fired on traders in Bamako on 3 May 2024, killing two people."


def stored_events() -> list[tuple[Article, list[Event]]]:
    """A cobalt mine raid in Lualaba and a coup attempt in Kinshasa in May 2024, Goma's fall in
    January 2025, and a shooting in Mali, which mines no cobalt."""
    kolwezi, goma, bamako = build_article(KOLWEZI), build_article(GOMA), build_article(BAMAKO)
    raid = build_event(
        kolwezi, "ev_raid", "Gunmen attacked a cobalt mine near Kolwezi",
        date=day(dt.date(2024, 5, 14)), counts=Counts(killed=4),
        location=place(KOLWEZI, "Kolwezi", country="COD", admin1="Lualaba"),
    )  # fmt: skip
    raid = replace(raid, minerals=(MineralStake("cobalt", "cobalt", span_of(KOLWEZI, "cobalt")),))
    coup = build_event(
        kolwezi, "ev_coup", "Soldiers loyal to Christian Malanga tried to seize power",
        date=day(dt.date(2024, 5, 19)), coup=Coup("attempted", "dissident"),
        location=place(KOLWEZI, "Kinshasa", country="COD", admin1="Kinshasa"),
    )  # fmt: skip
    fall = build_event(
        goma, "ev_goma", "M23 rebels seized Goma", event_type="COERCE",
        date=day(dt.date(2025, 1, 27)), counts=Counts(killed=30),
        location=place(GOMA, "Goma", country="COD", admin1="Nord-Kivu"),
    )  # fmt: skip
    shooting = build_event(
        bamako, "ev_bamako", "Soldiers fired on traders in Bamako",
        date=day(dt.date(2024, 5, 3)), counts=Counts(killed=2),
        location=place(BAMAKO, "Bamako", country="MLI", admin1="Bamako"),
    )  # fmt: skip
    return [(kolwezi, [raid, coup]), (goma, [fall]), (bamako, [shooting])]


@pytest.fixture(scope="module")
def minerals_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('minerals') / 'minerals.db'}"
    with Store.open(url) as store:
        for article, events in stored_events():
            store.save_article(article, build_extraction(article, events))
    return url


@pytest.fixture(scope="module")
def client(minerals_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(minerals_db)) as opened:
        yield opened


def exposure(client: TestClient, **params: str) -> dict[str, Any]:
    response = client.get("/api/exposure", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()["exposure"]
    return body


def test_minerals_lists_cobalt_with_the_congos_share_and_its_source(client: TestClient) -> None:
    body = client.get("/api/minerals").json()
    assert body["ok"] is True
    cobalt = next(m for m in body["minerals"] if m["id"] == "cobalt")
    assert cobalt["name"] == "Cobalt"
    congo = next(row for row in cobalt["shares"] if row["country"] == "COD")
    assert congo["share"] > 0.5
    assert congo["source"] and congo["year"] >= 2020
    assert congo["row_id"] == f"share:cobalt:COD:{congo['year']}"
    shares = [row["share"] for row in cobalt["shares"]]
    assert shares == sorted(shares, reverse=True)
    assert {"COD"} == {area["country"] for area in cobalt["areas"] if area["admin1"] == "Lualaba"}


def test_the_points_are_the_sums_of_their_drivers(client: TestClient) -> None:
    series = exposure(client, mineral="cobalt", since="2024-01-01", until="2025-12-31")
    assert series["mineral"] == "cobalt" and series["period"] == "month"
    summed: dict[str, float] = defaultdict(float)
    for driver in series["drivers"]:
        summed[driver["period"]] += driver["contribution"]
    values = {point["period"]: point["value"] for point in series["points"]}
    for period, value in values.items():
        assert value == pytest.approx(summed[period]), period
    assert values["2024-05"] > 0 and values["2025-01"] > 0
    assert {d["event_id"] for d in series["drivers"]} == {"ev_raid", "ev_coup", "ev_goma"}
    assert any(row["country"] == "COD" for row in series["shares"])


@pytest.mark.parametrize(
    ("period", "label"), [("month", "2024-05"), ("quarter", "2024-Q2"), ("year", "2024")]
)
def test_each_period_labels_its_points(client: TestClient, period: str, label: str) -> None:
    series = exposure(client, mineral="cobalt", period=period, since="2024-01-01")
    assert series["period"] == period
    point = next(p for p in series["points"] if p["period"] == label)
    assert point["value"] > 0 and point["events"] >= 2


def test_a_window_keeps_only_its_own_drivers(client: TestClient) -> None:
    series = exposure(client, mineral="cobalt", since="2025-01-01", until="2025-01-31")
    assert [d["event_id"] for d in series["drivers"]] == ["ev_goma"]
    assert series["since"] == "2025-01-01" and series["until"] == "2025-01-31"


def test_an_alias_names_its_mineral(client: TestClient) -> None:
    assert exposure(client, mineral="Coltan")["mineral"] == "tantalum"


@pytest.mark.parametrize(
    ("query", "param", "words"),
    [
        ({"mineral": "unobtainium"}, "mineral", "[E301]"),
        ({}, "mineral", "mineral"),
        ({"mineral": "cobalt", "period": "decade"}, "period", "month"),
        ({"mineral": "cobalt", "since": "2024-13-01"}, "since", "not a date"),
        ({"mineral": "cobalt", "until": "last week"}, "until", "not a date"),
        ({"mineral": "cobalt", "since": "2025-01-01", "until": "2024-01-01"}, "since", "after"),
        ({"mineral": "cobalt", "since": "1900-01-01", "until": "2099-12-31"}, "period", "1200"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(
    client: TestClient, query: dict[str, str], param: str, words: str
) -> None:
    response = client.get("/api/exposure", params=query)
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and body["status"] == 400
    assert body["error"].startswith(f"{param}: ") and words in body["error"]
    assert [e["param"] for e in body["errors"]] == [param]


def test_the_schema_documents_both_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, model in (("/api/minerals", "Minerals"), ("/api/exposure", "Exposure")):
        ok = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": f"#/components/schemas/{model}"}
    period = next(p for p in paths["/api/exposure"]["get"]["parameters"] if p["name"] == "period")
    assert period["schema"]["enum"] == ["month", "quarter", "year"]


@pytest.mark.parametrize("url", ["/api/minerals", "/api/exposure?mineral=cobalt"])
def test_the_routes_need_the_token_when_one_is_set(minerals_db: str, url: str) -> None:
    with TestClient(create_app(minerals_db, token=TOKEN)) as guarded:
        refused = guarded.get(url)
        assert refused.status_code == 401 and refused.json()["ok"] is False
        assert guarded.get(url, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_one_countrys_part_counts_its_events_and_share_only(client: TestClient) -> None:
    world = exposure(client, mineral="gold", since="2024-01-01", until="2025-12-31")
    mali = exposure(client, mineral="gold", since="2024-01-01", until="2025-12-31", country="Mali")
    assert mali["country"] == "MLI" and world["country"] is None
    assert {r["country"] for r in mali["shares"]} == {"MLI"}
    assert {d["country"] for d in mali["drivers"]} == {"MLI"}
    assert {d["country"] for d in world["drivers"]} > {"MLI"}


def test_an_unknown_country_is_a_400_naming_it(client: TestClient) -> None:
    response = client.get("/api/exposure", params={"mineral": "gold", "country": "Atlantis"})
    assert response.status_code == 400
    assert "Atlantis" in response.json()["error"]
