"""A capitalised dateline that opens a report ("NIAMEY - ...") is not an actor."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.ingest.normalise import normalise
from faultline.mentions.actors import find_actors
from faultline.models import RawDocument
from faultline.nlp import parse


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("NIAMEY - Niger's military rulers extended the curfew on Wednesday, a "
                     "spokesman said.", id="dash"),
        pytest.param("BUKAVU — Rebels entered the city on Friday after the army withdrew, "
                     "residents said.", id="em-dash"),
    ],
)  # fmt: skip
def test_dateline_is_not_an_actor(text: str) -> None:
    article = normalise(RawDocument(path="d.txt", format="txt", text=text),
                        published=dt.date(2024, 6, 1))  # fmt: skip
    actors = find_actors(parse(article), article)
    assert not [a for a in actors if a.text.strip(" -—").isupper()], actors
