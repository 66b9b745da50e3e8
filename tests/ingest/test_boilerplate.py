"""Boilerplate rules: general patterns in several languages, and body text that must survive."""

from __future__ import annotations

import pytest

from faultline.ingest.boilerplate import find_boilerplate, line_reason, site_named_in
from faultline.ingest.normalise import normalise
from faultline.ingest.segment import split_lines
from faultline.models import RawDocument

BODY = (
    "Soldiers seized the state broadcaster on Sunday, a military spokesman said. "
    "The curfew will last until the end of the month."
)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param("3 min read", "reading_time", id="en-read"),
        pytest.param("2 min de leitura", "reading_time", id="pt-leitura"),
        pytest.param("Lecture 4 min", "reading_time", id="fr-lecture"),
        pytest.param("Temps de lecture : 5 min", "reading_time", id="fr-temps"),
        pytest.param("5 minute read", "reading_time", id="en-minute"),
        pytest.param("Share this article", "share", id="en-share"),
        pytest.param("Partager cet article", "share", id="fr-share"),
        pytest.param("Compartilhe", "share", id="pt-share"),
        pytest.param("Facebook Twitter WhatsApp Email", "share", id="share-buttons"),
        pytest.param("Subscribe", "subscribe", id="en-subscribe"),
        pytest.param("Sign up for our weekly newsletter", "subscribe", id="en-sign-up"),
        pytest.param("Abonnez-vous à notre newsletter", "subscribe", id="fr-subscribe"),
        pytest.param("Read more: Army seizes power in Niger", "read_more", id="en-read-more"),
        pytest.param("Lire aussi : Le Mali quitte la Cédéao", "read_more", id="fr-lire-aussi"),
        pytest.param("Leia também: Golpe no Gabão", "read_more", id="pt-leia"),
        pytest.param("© 2025 Example News", "copyright", id="copyright-sign"),
        pytest.param("Copyright Example Media Ltd", "copyright", id="copyright-word"),
        pytest.param("Tous droits réservés", "copyright", id="fr-droits"),
        pytest.param("We use cookies to improve your experience.", "cookie_notice", id="cookies"),
        pytest.param("Ce site utilise des cookies.", "cookie_notice", id="fr-cookies"),
        pytest.param("Follow us on Telegram", "social", id="social"),
        pytest.param("Advertisement", "advert", id="advert"),
        pytest.param("Photo: AFP", "credit", id="credit"),
    ],
)
def test_boilerplate_lines(line: str, reason: str) -> None:
    assert line_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Share prices in Kinshasa fell by 3 percent on Monday.", id="share-prices"),
        pytest.param("The rebels read more than 40 demands on state radio.", id="read-more-prose"),
        pytest.param(
            "Mining companies use cookies and other incentives, " * 6, id="long-cookie-line"
        ),
        pytest.param("Subscribers to the service lost access on Monday.", id="subscribers"),
        pytest.param("It took 3 minutes to read the statement aloud.", id="minutes-prose"),
        pytest.param(BODY, id="body"),
    ],
)
def test_body_lines_survive(line: str) -> None:
    assert line_reason(line) is None


def test_contact_footer_is_one_removal_naming_the_site() -> None:
    text = (
        f"{BODY}\n\n\n\nTo contact the Example News desk  \nvisit:\n\n"
        "**[example.org/contact](http://example.org/contact)**"
    )
    article = normalise(RawDocument(path="a.md", format="md", text=text))
    assert article.text == BODY
    assert article.source == "example.org"
    (footer,) = article.boilerplate
    assert footer.reason == "footer"
    assert footer.text.startswith("To contact the Example News desk")
    assert footer.text.endswith("(http://example.org/contact)**")
    assert footer.span.of(text) == footer.text


def test_footer_opening_in_the_middle_of_a_long_article_is_not_a_footer() -> None:
    text = "To contact us, the rebels said, is impossible.\n\n" + (BODY + "\n\n") * 30
    boilerplate = find_boilerplate(text, split_lines(text))
    assert boilerplate.cuts == ()
    assert boilerplate.site is None


def test_boilerplate_anywhere_is_recorded_with_its_original_span() -> None:
    text = f"Share this article\n\n{BODY}\n\nAdvertisement\n\n{BODY}\n\n*Subscribe*\n"
    article = normalise(RawDocument(path="a.md", format="md", text=text))
    assert article.text == f"{BODY}\n\n{BODY}"
    assert [r.reason for r in article.boilerplate] == ["share", "advert", "subscribe"]
    for removed in article.boilerplate:
        assert removed.span.of(text) == removed.text
    assert article.boilerplate[-1].text == "*Subscribe*"


@pytest.mark.parametrize(
    ("text", "site"),
    [
        pytest.param("wsws.org/contact", "wsws.org", id="path"),
        pytest.param("Visit https://www.example.co.uk/about", "example.co.uk", id="url"),
        pytest.param("To contact the WSWS", None, id="no-domain"),
    ],
)
def test_site_named_in(text: str, site: str | None) -> None:
    assert site_named_in(text) == site
