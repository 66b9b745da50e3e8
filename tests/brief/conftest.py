"""Helpers for the brief tests: a store of hand-built articles and events (no spaCy), a minerals
reference built by hand (so the tests do not depend on the shipped data), and the
traceability check every rendered brief must pass."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from faultline.minerals.reference import MineralReference
from faultline.models import (
    Attribution,
    Counts,
    Coup,
    Deal,
    DealParty,
    Event,
    Mineral,
    MineralStake,
    ProducingArea,
    ProductionShare,
    PublishedDate,
)
from faultline.store import Store
from tests.store.conftest import (
    UNDATED,
    actor,
    build_article,
    build_event,
    build_extraction,
    day,
    place,
    span_of,
)

# --- The minerals reference, by hand ----------------------------------------------------------

MCS = "USGS Mineral Commodity Summaries 2025"
YEARBOOK = "USGS Minerals Yearbook"


def hand_reference() -> MineralReference:
    shares = [
        ProductionShare("share:cobalt:COD:2024", "cobalt", "COD", 0.76, 2024, MCS,
                        source_url="https://pubs.usgs.gov/mcs2025-cobalt.pdf"),
        ProductionShare("share:tantalum:COD:2023", "tantalum", "COD", 0.41, 2023, MCS),
        ProductionShare("share:copper:COD:2024", "copper", "COD", 0.14, 2024, MCS),
        ProductionShare("share:gold:COD:2024", "gold", "COD", 0.01, 2024, MCS),
        ProductionShare("share:gold:MLI:2024", "gold", "MLI", 0.02, 2024, MCS),
    ]  # fmt: skip
    areas = [
        ProducingArea("area:cobalt:COD:Lualaba", "cobalt", "COD", "Lualaba", YEARBOOK),
        ProducingArea("area:copper:COD:Lualaba", "copper", "COD", "Lualaba", YEARBOOK),
        ProducingArea("area:tantalum:COD:Nord-Kivu", "tantalum", "COD", "Nord-Kivu", YEARBOOK),
        ProducingArea("area:gold:COD:Kasaï Oriental", "gold", "COD", "Kasaï Oriental", YEARBOOK),
    ]
    minerals = [
        Mineral("cobalt", "Cobalt"),
        Mineral("copper", "Copper"),
        Mineral("gold", "Gold"),
        Mineral("tantalum", "Tantalum", ("coltan",)),
    ]
    return MineralReference(minerals, shares, areas)


# --- The store: five articles, hand-built events ---------------------------------------------

KINSHASA = (-4.32758, 15.31357)
RUTSHURU = (-1.18666, 29.44669)
KOLWEZI = (-10.71484, 25.46674)

COUP_1 = (
    "Gunmen loyal to Christian Malanga attacked the presidential palace in Kinshasa on Sunday, "
    "killing three people, an army spokesman said."
)
COUP_1_CLAUSE = "Gunmen loyal to Christian Malanga attacked the presidential palace"
COUP_2 = "Armed men attacked the presidential palace in Kinshasa on Sunday and four people died."
RUTSHURU_TEXT = (
    "M23 rebels shelled Rutshuru on Tuesday, killing 12 civilians near the coltan mines. "
    "Residents accused the army of abandoning them. In 1998 rebels attacked Goma."
)
DEAL_TEXT = (
    "A consortium signed a cobalt agreement worth $4.5 billion with Gecamines in Kolwezi on Monday."
)
BAMAKO_TEXT = "Soldiers detained twelve traders in Bamako on Tuesday."


def published(year: int, month: int, dd: int) -> PublishedDate:
    return PublishedDate.from_date(dt.date(year, month, dd), method="metadata")


A_COUP_1 = replace(
    build_article(COUP_1, path="reports/coup-1.txt", title="Palace attack in Kinshasa",
                  published=published(2024, 5, 20)),
    source="Kinshasa Wire", url="https://wire.example/palace",
)  # fmt: skip
A_COUP_2 = replace(
    build_article(COUP_2, path="reports/coup-2.txt", title="Four dead in failed coup",
                  published=published(2024, 5, 21)),
    source="Great Lakes Post", url=None,
)  # fmt: skip
A_RUTSHURU = build_article(
    RUTSHURU_TEXT, path="reports/rutshuru.txt", title="Shelling in Rutshuru",
    published=published(2024, 11, 14),
)  # fmt: skip
A_DEAL = build_article(
    DEAL_TEXT, path="reports/deal.txt", title="Cobalt deal signed", published=published(2024, 6, 18)
)
A_BAMAKO = build_article(BAMAKO_TEXT, path="reports/bamako.txt", title="Bamako arrests")

MALANGA = {"name": "Christian Malanga", "kind": "person", "sector": "REB", "country": "COD",
           "entity_id": "per_christian_malanga"}  # fmt: skip
TSHISEKEDI = {"name": "Félix Tshisekedi", "kind": "person", "sector": "GOV", "country": "COD",
              "entity_id": "per_felix_tshisekedi"}  # fmt: skip
ATTEMPT = Coup("attempted", "dissident", "Christian Malanga", "Félix Tshisekedi")


def with_minerals(
    event: Event, minerals: tuple[MineralStake, ...], deal: Deal | None = None
) -> Event:
    """``build_event`` predates minerals: what mineral detection adds to an event."""
    return replace(event, minerals=minerals, deal=deal)


def _kinshasa(text: str):
    return place(text, "Kinshasa", country="COD", admin1="Kinshasa", point=KINSHASA)


def coup_events() -> list[Event]:
    first = build_event(
        A_COUP_1, "ev_coup_one", COUP_1_CLAUSE,
        date=day(dt.date(2024, 5, 19)), location=_kinshasa(COUP_1), counts=Counts(killed=3),
        coup=ATTEMPT, modality="claimed",
        actors=(
            actor(COUP_1, "Christian Malanga", **MALANGA),
            actor(COUP_1, "the presidential palace", role="recipient", **TSHISEKEDI),
        ),
        attribution=Attribution(
            speaker="Armed Forces of the DRC", speaker_text="an army spokesman", cue="said",
            speaker_span=span_of(COUP_1, "an army spokesman"), cue_span=span_of(COUP_1, "said"),
        ),
    )  # fmt: skip
    second = build_event(
        A_COUP_2, "ev_coup_two", "Armed men attacked the presidential palace",
        date=day(dt.date(2024, 5, 19)), location=_kinshasa(COUP_2), counts=Counts(killed=4),
        coup=ATTEMPT,
    )  # fmt: skip
    return [first, second]


def rutshuru_events() -> list[Event]:
    text = RUTSHURU_TEXT
    shelling = build_event(
        A_RUTSHURU, "ev_rutshuru_shelling", "M23 rebels shelled Rutshuru",
        date=day(dt.date(2024, 11, 12)), counts=Counts(killed=12),
        location=place(text, "Rutshuru", country="COD", admin1="Nord-Kivu", point=RUTSHURU),
        actors=(actor(text, "M23 rebels", name="March 23 Movement", kind="rebel", sector="REB",
                      entity_id="grp_m23"),),
    )  # fmt: skip
    shelling = with_minerals(
        shelling, (MineralStake("tantalum", "coltan", span_of(text, "coltan")),)
    )
    accusation = build_event(
        A_RUTSHURU, "ev_rutshuru_accusation", "Residents accused the army", event_type="ACCUSE",
        date=UNDATED,
        location=place(text, "Rutshuru", name="Democratic Republic of the Congo",
                       precision="country", country="COD"),
    )  # fmt: skip
    history = build_event(
        A_RUTSHURU, "ev_goma_1998", "In 1998 rebels attacked Goma", background=True,
        date=day(dt.date(1998, 8, 2)), location=place(text, "Goma", country="COD"),
    )  # fmt: skip
    return [shelling, accusation, history]


def deal_event() -> Event:
    parties = (
        DealParty("Consortium", "A consortium", span_of(DEAL_TEXT, "A consortium")),
        DealParty("Gécamines", "Gecamines", span_of(DEAL_TEXT, "Gecamines"), "org_gecamines"),
    )
    signed = build_event(
        A_DEAL, "ev_cobalt_deal", "A consortium signed a cobalt agreement", event_type="AGREE",
        date=day(dt.date(2024, 6, 17)), counts=Counts(money_usd=4_500_000_000),
        location=place(DEAL_TEXT, "Kolwezi", country="COD", admin1="Lualaba", point=KOLWEZI),
        actors=(
            actor(DEAL_TEXT, "A consortium", name="Consortium", kind="company", sector="BUS",
                  entity_id="org_consortium"),
            actor(DEAL_TEXT, "Gecamines", role="recipient", name="Gécamines", kind="company",
                  sector="BUS", entity_id="org_gecamines"),
        ),
    )  # fmt: skip
    stake = (MineralStake("cobalt", "cobalt", span_of(DEAL_TEXT, "cobalt")),)
    return with_minerals(signed, stake, Deal("agreement", parties, ("cobalt",), 4_500_000_000))


def bamako_event() -> Event:
    return build_event(
        A_BAMAKO, "ev_bamako_arrests", "Soldiers detained twelve traders in Bamako",
        event_type="COERCE", date=day(dt.date(2024, 3, 12)),
        location=place(BAMAKO_TEXT, "Bamako", country="MLI", point=(12.65, -8.0)),
    )  # fmt: skip


def same_vector(texts) -> np.ndarray:
    """Every wording alike: whether two reports are one incident is left to date and place."""
    return np.ones((len(texts), 384), dtype=np.float32) / np.sqrt(384)


def save_hand_built(store: Store) -> None:
    for article, events in (
        (A_COUP_1, coup_events()[:1]),
        (A_COUP_2, coup_events()[1:]),
        (A_RUTSHURU, rutshuru_events()),
        (A_DEAL, [deal_event()]),
        (A_BAMAKO, [bamako_event()]),
    ):
        store.save_article(article, build_extraction(article, events))
    store.link(embed=same_vector)


@pytest.fixture(scope="module")
def hand_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder: Path = tmp_path_factory.mktemp("brief")
    with Store.open(f"sqlite:///{folder / 'brief.db'}") as store:
        save_hand_built(store)
        yield store


# --- The traceability rule --------------------------------------------------------------------

TRACE_ATTRIBUTES = ("data-events", "data-ref", "data-articles")
# Parts of the page whose digits are not claims: the period and store line under the title,
# the numbered sources themselves, the footer, and what the browser never shows.
WHITELISTED_IDS = frozenset({"brief-meta", "sources", "brief-footer"})
UNSHOWN_TAGS = frozenset({"style", "script", "head"})
_VOID = frozenset({"meta", "br", "img", "link", "input", "hr", "col", "wbr"})


@dataclass
class Untraced:
    """A digit in the page's text that no traced element holds."""

    text: str
    path: str


@dataclass
class TraceReport:
    untraced: list[Untraced] = field(default_factory=list)
    events: set[str] = field(default_factory=set)
    refs: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    digits_traced: int = 0


class _TraceWalk(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = TraceReport()
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, traced, exempt)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        traced = any(found.get(a, "").strip() for a in TRACE_ATTRIBUTES)
        self.report.events.update(found.get("data-events", "").split())
        self.report.refs.update(r for r in found.get("data-ref", "").split("|") if r)
        self.report.articles.update(found.get("data-articles", "").split())
        exempt = found.get("id") in WHITELISTED_IDS or tag in UNSHOWN_TAGS
        if tag not in _VOID:
            self._stack.append((tag, traced, exempt))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self._stack.pop()

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not re.search(r"\d", data):
            return
        if any(traced or exempt for _, traced, exempt in self._stack):
            self.report.digits_traced += 1
            return
        path = "/".join(tag for tag, _, _ in self._stack)
        self.report.untraced.append(Untraced(" ".join(data.split()), path))


def trace_report(html: str) -> TraceReport:
    """Every digit of the page's text, traced or not, and every id the page names."""
    walk = _TraceWalk()
    walk.feed(html)
    walk.close()
    return walk.report


def assert_traceable(html: str, store: Store, reference: MineralReference) -> TraceReport:
    """The traceability rule: no digit outside a traced (or whitelisted) element, and every
    event, article and reference row the page names exists."""
    report = trace_report(html)
    assert report.untraced == [], report.untraced
    assert report.digits_traced > 0
    for event_id in sorted(report.events):
        assert store.get_event(event_id).event.id == event_id
    for article_id in sorted(report.articles):
        assert store.get_article(article_id).id == article_id
    for row_id in sorted(report.refs):
        assert reference.row(row_id).row_id == row_id
    return report


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has: its page objects (``/Type /Page``, not ``/Pages``)."""
    assert data.startswith(b"%PDF"), data[:20]
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
