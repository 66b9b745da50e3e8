"""ACLED refinements read off the event: territory taken by force, named as act or as noun."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.events.extract import extract_all
from faultline.ingest.normalise import normalise
from faultline.models import RawDocument


def sub_events(text: str) -> list[str | None]:
    raw = RawDocument(path="t.txt", format="txt", text=f"Report\n\n{text}")
    [(_, extraction)] = list(extract_all([normalise(raw, published=dt.date(2025, 2, 21))]))
    return [e.typing.acled.sub_event_type if e.typing.acled else None for e in extraction.events]


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("M23 rebels seized Goma on Monday.", "Non-state actor overtakes territory"),
        ("The sanctions come after the capture of Bukavu by M23 in mid-February.",
         "Non-state actor overtakes territory"),
        ("Les sanctions interviennent après la prise de Bukavu, chef-lieu du Sud-Kivu, par le "
         "M23 à la mi-février.", "Non-state actor overtakes territory"),
    ],
)  # fmt: skip
def test_a_town_taken_by_force_is_a_territory_change(text: str, sub_event: str) -> None:
    assert sub_event in sub_events(text)
