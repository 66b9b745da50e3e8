"""Events by the minerals they are about (``--mineral``), and mineral mentions kept per
article and replaced with the extraction."""

from __future__ import annotations

from dataclasses import replace

import pytest
import typer
from sqlalchemy import func, select

from faultline.cli.filters import build_filter
from faultline.models import EventFilter, Mentions, MineralMention, MineralStake
from faultline.store import Store
from faultline.store.tables import MineralMentionTable
from tests.store.conftest import build_article, build_event, build_extraction, span_of

TEXT = (
    "M23 rebels seized the coltan town of Rubaya. Militiamen attacked a gold mine in Djugu. "
    "Rebels burned a village near Beni."
)
ARTICLE = build_article(TEXT)


def stake(mineral: str, phrase: str) -> MineralStake:
    return MineralStake(mineral, phrase, span_of(TEXT, phrase))


EVENTS = [
    replace(
        build_event(ARTICLE, "ev_coltan", "M23 rebels seized the coltan town of Rubaya"),
        minerals=(stake("tantalum", "coltan"),),
    ),
    replace(
        build_event(ARTICLE, "ev_gold", "Militiamen attacked a gold mine in Djugu"),
        minerals=(stake("gold", "gold"),),
    ),
    build_event(ARTICLE, "ev_none", "Rebels burned a village near Beni"),
]
MENTIONS = Mentions(
    ARTICLE.id,
    minerals=(
        MineralMention(span_of(TEXT, "coltan"), "coltan", ("tantalum",)),
        MineralMention(span_of(TEXT, "gold"), "gold", ("gold",)),
    ),
)


@pytest.fixture
def stored(store: Store) -> Store:
    store.save_article(ARTICLE, build_extraction(ARTICLE, EVENTS, mentions=MENTIONS))
    return store


@pytest.mark.parametrize(
    ("minerals", "expected"),
    [
        (("tantalum",), {"ev_coltan"}),
        (("gold", "tantalum"), {"ev_coltan", "ev_gold"}),
        (("cobalt",), set()),
        ((), {"ev_coltan", "ev_gold", "ev_none"}),
    ],
)
def test_events_filter_by_the_minerals_they_name(
    stored: Store, minerals: tuple[str, ...], expected: set[str]
) -> None:
    page = stored.events(EventFilter(minerals=minerals))
    assert {s.event.id for s in page.events} == expected
    assert page.total == len(expected)


def test_mineral_option_accepts_aliases_and_refuses_unknown_names() -> None:
    assert build_filter(mineral=["Coltan", "rare earth metals"]).minerals == (
        "tantalum",
        "rare_earths",
    )
    with pytest.raises(typer.BadParameter, match="unknown mineral 'kryptonite'"):
        build_filter(mineral=["kryptonite"])


def mention_rows(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(MineralMentionTable))


def test_mineral_mentions_are_stored_and_replaced_with_the_extraction(stored: Store) -> None:
    assert mention_rows(stored) == 2
    newer = build_extraction(ARTICLE, EVENTS[2:], extractor="faultline test-2")
    stored.save_article(ARTICLE, newer)
    assert mention_rows(stored) == 0
    assert stored.events(EventFilter(minerals=("gold",))).total == 0
