"""Ties and event roles in French phrases: the glossed parse reads "soutenu par le Rwanda",
"chef du M23" and "aide à Kigali" as the English code reads their English equivalents."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.events.extract import event_drafts
from faultline.events.relations import relations_of
from faultline.ingest.normalise import normalise
from faultline.mentions import extract_mentions
from faultline.models import Article, Mentions, RawDocument
from faultline.nlp import parse


def parsed(sentence: str) -> tuple[object, Article, Mentions]:
    text = f"Dépêche\n\n{sentence} La situation restait tendue mardi selon la presse locale."
    article = normalise(RawDocument(path="r.txt", format="txt", text=text),
                        published=dt.date(2025, 2, 4))  # fmt: skip
    assert article.language == "fr"
    doc = parse(article)
    return doc, article, extract_mentions(doc, article)


@pytest.mark.parametrize(
    ("sentence", "tie"),
    [
        ("Le M23, soutenu par le Rwanda, s'est emparé de Goma fin janvier.",
         ("Rwanda", "supports", "March 23 Movement")),
        ("Le M23, appuyé par Kigali, progresse vers Bukavu.",
         ("Government of Rwanda", "supports", "March 23 Movement")),
        ("Sultani Makenga, chef militaire du M23, a été vu à Goma.",
         ("Sultani Makenga", "leads", "March 23 Movement")),
    ],
)  # fmt: skip
def test_french_phrases_state_the_english_ties(sentence: str, tie: tuple[str, str, str]) -> None:
    doc, article, mentions = parsed(sentence)
    found = relations_of(doc, article, mentions, ())
    assert tie in {(r.subject, r.predicate, r.object) for r in found}


@pytest.mark.parametrize(
    ("sentence", "trigger", "actor", "recipient"),
    [
        ("Le M23, soutenu par le Rwanda, s'est emparé de Goma fin janvier.", "soutenu",
         "Rwanda", "March 23 Movement"),
        ("L'Allemagne et le Royaume-Uni ont gelé une partie de leur aide financière à Kigali.",
         "gelé", "Germany", "Government of Rwanda"),
    ],
)  # fmt: skip
def test_french_events_get_actor_and_recipient(
    sentence: str, trigger: str, actor: str, recipient: str
) -> None:
    doc, article, mentions = parsed(sentence)
    drafts = [d for d in event_drafts(doc, article, mentions)
              if d.trigger.of(article.text) == trigger]  # fmt: skip
    roles = {(a.name, a.role) for d in drafts for a in d.actors}
    assert {(actor, "actor"), (recipient, "recipient")} <= roles
