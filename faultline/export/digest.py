"""A store's content in a few numbers: counts and SHA-256 hashes of its events and incidents.

Two stores that hold the same articles processed the same way print the same digest, whatever
ran the extraction (one process, a pool, a Dask cluster) and whenever ingest times differ:
only content goes in (the event records of EVENT_SCHEMA.md and the incident each event joined),
never timestamps of processing.
"""

from __future__ import annotations

import hashlib
import json

from faultline.export.event_json import event_to_json
from faultline.models import EventFilter, StoreDigest
from faultline.store import Store


def store_digest(store: Store) -> StoreDigest:
    """Counts and content hashes of everything ``store`` holds (streams; any size)."""
    events = hashlib.sha256()
    event_count = 0
    for stored in store.iter_events(EventFilter(include_background=True), sort="date"):
        record = event_to_json(stored.event, stored.article)
        events.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        events.update(b"\n")
        event_count += 1
    incidents = hashlib.sha256()
    incident_ids: set[str] = set()
    for event_id, incident_id in store.incident_memberships():
        incidents.update(f"{event_id}\t{incident_id or '-'}\n".encode("ascii"))
        if incident_id is not None:
            incident_ids.add(incident_id)
    return StoreDigest(
        articles=store.count_articles(),
        events=event_count,
        incidents=len(incident_ids),
        events_sha256=events.hexdigest(),
        incidents_sha256=incidents.hexdigest(),
    )
