"""French opinion: open questions and analysts' views are no events; sourced news stays."""

from __future__ import annotations

import pytest

from faultline.events.opinion import is_opinion
from faultline.nlp import load_nlp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reste à savoir comment une milice aussi faible a pu espérer prendre la capitale.", True),
        ("Pour de nombreux analystes, la paix ne devrait pas se négocier contre des mines.", True),
        ("Selon un chercheur malien, ces mesures n’ont jamais suffi à enrayer la violence.", True),
        ("Selon l'armée, les rebelles ont tué dix civils mardi à Goma.", False),
        ("Pour l'armée, les rebelles ont tué dix civils.", False),
    ],
)
def test_french_opinion(text: str, expected: bool) -> None:
    doc = load_nlp("fr")(text)
    assert is_opinion(doc[:]) is expected
