"""Rendering a brief: every section, one self-contained page, citations numbered in reading
order, and every number traced to the events or reference rows it comes from."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from faultline.brief import gather_brief, render_brief
from faultline.brief.geo import WORLD_ATLAS, decode_countries, load_shapes
from faultline.brief.render import money, row_list, web_url
from faultline.minerals.exposure import exposure_series
from faultline.models import BriefData, RenderedBrief
from faultline.store import Store
from tests.brief.conftest import assert_traceable, hand_reference, trace_report
from tests.brief.test_geo import TOPOLOGY

SECTIONS = [
    'id="counts"', 'id="timeline"', '<svg class="timeline"', 'id="coups"', 'id="key-events"',
    'id="key-actors"', 'id="relations"', 'id="minerals"', 'id="shares"', 'id="provinces"',
    'id="named"', 'id="deals"', 'id="exposure"', 'id="sources"', 'id="brief-footer"',
]  # fmt: skip


@pytest.fixture(scope="module")
def brief(hand_store: Store) -> BriefData:
    return gather_brief(
        hand_store, "COD", name="Democratic Republic of the Congo", numeric="180",
        since=dt.date(2024, 1, 1), reference=hand_reference(), exposure=exposure_series,
        today=dt.date(2025, 1, 2),
    )  # fmt: skip


@pytest.fixture(scope="module")
def rendered(brief: BriefData) -> RenderedBrief:
    return render_brief(brief, decode_countries(TOPOLOGY), version="9.9.9")


def body(html: str) -> str:
    """The page without its Sources list, where citations are used rather than listed."""
    return html.split('<section id="sources">', 1)[0]


@pytest.mark.parametrize("marker", SECTIONS)
def test_every_section_is_rendered(rendered: RenderedBrief, marker: str):
    assert marker in rendered.html


def test_header_names_country_period_store_and_traced_counts(rendered: RenderedBrief):
    html = rendered.html
    assert "<h1>Democratic Republic of the Congo <small>COD" in html
    assert re.search(r'id="brief-meta">since 2024-01-01 · generated 2025-01-02 · read from', html)
    killed = re.search(r'<b><span class="n" data-events="([^"]+)">16</span></b>killed', html)
    assert killed and set(killed.group(1).split()) == {
        "ev_coup_one", "ev_coup_two", "ev_rutshuru_shelling",
    }  # fmt: skip


def test_every_number_is_traced_and_every_traced_id_exists(
    rendered: RenderedBrief, hand_store: Store
):
    report = assert_traceable(rendered.html, hand_store, hand_reference())
    assert {"ev_coup_one", "ev_rutshuru_shelling", "ev_cobalt_deal"} <= report.events
    assert {"share:cobalt:COD:2024", "area:tantalum:COD:Nord-Kivu"} <= report.refs


def test_an_untraced_number_is_caught():
    page = '<p data-events="ev_a">4 killed</p><p>12 displaced</p>'
    assert [u.text for u in trace_report(page).untraced] == ["12 displaced"]


def test_citations_are_numbered_in_reading_order_and_all_listed(rendered: RenderedBrief):
    cited = [int(n) for n in re.findall(r'class="cite" href="#src-(\d+)"', body(rendered.html))]
    first_uses = list(dict.fromkeys(cited))
    assert first_uses == list(range(1, len(first_uses) + 1))
    listed = [int(n) for n in re.findall(r'<li id="src-(\d+)" value="\1">', rendered.html)]
    assert listed == first_uses == [c.number for c in rendered.citations]


def test_rendering_twice_gives_the_same_page(brief: BriefData, rendered: RenderedBrief):
    again = render_brief(brief, decode_countries(TOPOLOGY), version="9.9.9")
    assert again == rendered


def test_an_event_citation_lists_article_outlet_date_url_id_and_quote(rendered: RenderedBrief):
    entry = re.search(r'<li id="src-\d+"[^>]*>[^\n]*ev_coup_one</span></li>', rendered.html)
    assert entry is not None
    text = entry.group(0)
    parts = (
        "Palace attack in Kinshasa", "Kinshasa Wire", "2024-05-20",
        '<a href="https://wire.example/palace">', "“Gunmen loyal to Christian Malanga",
    )  # fmt: skip
    for part in parts:
        assert part in text


def test_reference_rows_of_one_publication_are_one_citation_naming_each_row(
    rendered: RenderedBrief,
):
    yearbook = [c for c in rendered.citations if c.source.title == "USGS Minerals Yearbook"]
    assert len(yearbook) == 1
    assert set(yearbook[0].rows) >= {"area:cobalt:COD:Lualaba", "area:tantalum:COD:Nord-Kivu"}


def test_claims_are_attributed_and_cited(rendered: RenderedBrief):
    coup_line = re.search(r'<li id="key-1".*?</li>', rendered.html)
    assert coup_line is not None
    assert "according to Armed Forces of the DRC" in coup_line.group(0)
    assert len(re.findall(r'class="cite"', coup_line.group(0))) == 2


def test_the_page_fetches_nothing(rendered: RenderedBrief):
    html = rendered.html
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert "@import" not in html and "url(" not in html
    external = re.findall(r'\b(?:src|href)="(https?://[^"]*)"', html)
    listed = re.findall(r'\b(?:src|href)="(https?://[^"]*)"', html.split('id="sources"', 1)[1])
    assert external == listed  # only the Sources list links out: to articles and publications
    assert "https://wire.example/palace" in external


def test_hostile_source_fields_are_escaped_and_never_linked(brief: BriefData):
    def hostile(source):
        if source.ref.id != "ev_coup_two":
            return source
        return dataclasses.replace(
            source, title="<script>alert('t')</script>", url="javascript:alert('u')"
        )

    page = render_brief(
        dataclasses.replace(brief, sources=tuple(hostile(s) for s in brief.sources)), None
    ).html
    assert "<script>" not in page and "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page and "javascript:alert(&#39;u&#39;)" in page


def test_without_the_map_geometry_the_page_says_what_to_install(brief: BriefData):
    page = render_brief(brief, None).html
    assert '<svg class="map"' not in page
    assert re.search(r'id="map-note">Map not drawn: .*`npm ci --prefix faultline/web`', page)


def test_a_country_missing_from_the_geometry_is_said_so(brief: BriefData):
    page = render_brief(dataclasses.replace(brief, numeric="999"), decode_countries(TOPOLOGY))
    assert "has no outline for this country" in page.html


@pytest.mark.skipif(not WORLD_ATLAS.is_file(), reason="npm ci --prefix faultline/web not run")
def test_natural_earth_map_pins_the_key_events(brief: BriefData, hand_store: Store):
    html = render_brief(brief, load_shapes()).html
    assert re.search(r'<path class="country target" d="M[^"]+" data-numeric="180"', html)
    assert html.count('class="country neighbour"') >= 9
    keys = re.findall(r'<g class="pin-key" data-events="[^"]+" data-key="(\d+)">', html)
    assert sorted(keys) == ["1", "2", "3"]
    assert_traceable(html, hand_store, hand_reference())


@pytest.mark.parametrize(
    ("usd", "text"),
    [(4_500_000_000, "US$4.5bn"), (120_000_000, "US$120m"), (75_000, "US$75,000")],
)
def test_money_reads_like_a_news_figure(usd, text):
    assert money(usd) == text


@pytest.mark.parametrize(
    ("url", "linked"),
    [("https://a.example/x", "https://a.example/x"), ("HTTP://a.example", "HTTP://a.example"),
     ("javascript:alert(1)", None), ("data:text/html,x", None), (None, None)],
)  # fmt: skip
def test_only_web_addresses_become_links(url, linked):
    assert web_url(url) == linked


def test_row_lists_write_a_shared_prefix_once():
    rows = ["area:tin:COD:Maniema", "area:tin:COD:Nord-Kivu", "area:gold:COD:Kasaï Oriental"]
    assert row_list(rows) == "area:tin:COD:Maniema, Nord-Kivu; area:gold:COD:Kasaï Oriental"
