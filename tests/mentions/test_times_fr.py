"""find_times_fr: French sentences we wrote, resolved as the English resolver would."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.ingest.normalise import normalise
from faultline.mentions.times_fr import find_times_fr, to_english
from faultline.models import RawDocument, TimeExpr

D = dt.date
WED_2024 = D(2024, 5, 22)  # a Wednesday
MON_2025 = D(2025, 3, 10)  # a Monday


def times_in(text: str, published: dt.date | None) -> tuple[TimeExpr, ...]:
    article = normalise(RawDocument(path="t.txt", format="txt", text=text), published=published)
    found = find_times_fr(article)
    for expr in found:  # every span points at its own text
        assert article.text[expr.span.start : expr.span.end] == expr.text
    return found


def one_time(text: str, published: dt.date | None, phrase: str) -> TimeExpr:
    found = [t for t in times_in(text, published) if phrase in t.text]
    assert len(found) == 1, [(t.text, t.start) for t in times_in(text, published)]
    return found[0]


RESOLVED = [
    # (sentence, published, span text, start, end, precision, method)
    ("Dimanche matin, des hommes armés ont attaqué le palais.", WED_2024, "Dimanche matin",
     D(2024, 5, 19), D(2024, 5, 19), "day", "relative_to_published"),
    ("Le 20 février, les rebelles ont pris l'aéroport de Goma.", MON_2025, "Le 20 février",
     D(2025, 2, 20), D(2025, 2, 20), "day", "relative_to_published"),
    ("Fin janvier, les rebelles sont entrés dans la ville.", MON_2025, "Fin janvier",
     D(2025, 1, 21), D(2025, 1, 31), "week", "relative_to_published"),
    ("Le mois dernier, le président a limogé son ministre.", D(2024, 6, 18), "Le mois dernier",
     D(2024, 5, 1), D(2024, 5, 31), "month", "relative_to_published"),
    ("Il y a deux semaines, l'armée a bombardé le village.", WED_2024, "Il y a deux semaines",
     D(2024, 5, 6), D(2024, 5, 12), "week", "relative_to_published"),
    ("En mars 2012, des soldats ont renversé le président.", WED_2024, "En mars 2012",
     D(2012, 3, 1), D(2012, 3, 31), "month", "explicit"),
    ("Hier, la police a arrêté quatre manifestants.", WED_2024, "Hier",
     D(2024, 5, 21), D(2024, 5, 21), "day", "relative_to_published"),
    ("Avant-hier, un convoi a été attaqué.", WED_2024, "Avant-hier",
     D(2024, 5, 20), D(2024, 5, 20), "day", "relative_to_published"),
    ("Des tirs ont été entendus samedi soir à Bamako.", WED_2024, "samedi soir",
     D(2024, 5, 18), D(2024, 5, 18), "day", "relative_to_published"),
    ("Lundi dernier, les négociations ont échoué.", WED_2024, "Lundi dernier",
     D(2024, 5, 20), D(2024, 5, 20), "day", "relative_to_published"),
    ("Les combats ont repris la semaine dernière.", WED_2024, "la semaine dernière",
     D(2024, 5, 13), D(2024, 5, 19), "week", "relative_to_published"),
    ("L'an dernier, la mine a fermé.", WED_2024, "L'an dernier",
     D(2023, 1, 1), D(2023, 12, 31), "year", "relative_to_published"),
    ("L'année dernière, la mine a fermé.", WED_2024, "L'année dernière",
     D(2023, 1, 1), D(2023, 12, 31), "year", "relative_to_published"),
    ("À la mi-février, les pluies ont coupé la route.", MON_2025, "À la mi-février",
     D(2025, 2, 11), D(2025, 2, 20), "week", "relative_to_published"),
    ("L'accord a été signé le 19 mai 2024 à Luanda.", WED_2024, "le 19 mai 2024",
     D(2024, 5, 19), D(2024, 5, 19), "day", "explicit"),
    ("En 2012, le groupe a pris la ville.", WED_2024, "En 2012",
     D(2012, 1, 1), D(2012, 12, 31), "year", "explicit"),
    ("Le pays est en guerre depuis 2002.", WED_2024, "depuis 2002",
     D(2002, 1, 1), WED_2024, "year", "explicit"),
    # A past month after the publication month belongs to the year before.
    ("Au début du mois d'août, les rebelles ont avancé.", WED_2024, "Au début du mois d'août",
     D(2023, 8, 1), D(2023, 8, 10), "week", "inferred"),
    ("Le 12 sept. 2023, la mine a été attaquée.", WED_2024, "Le 12 sept. 2023",
     D(2023, 9, 12), D(2023, 9, 12), "day", "explicit"),
    ("Le scrutin a eu lieu le 22/05/2024.", WED_2024, "le 22/05/2024",
     D(2024, 5, 22), D(2024, 5, 22), "day", "explicit"),
    ("Les violences ont duré du 3 au 5 mars 2024.", WED_2024, "du 3 au 5 mars 2024",
     D(2024, 3, 3), D(2024, 3, 5), "day", "explicit"),
    ("Le conflit s'est aggravé de 2012 à 2015.", WED_2024, "de 2012 à 2015",
     D(2012, 1, 1), D(2015, 12, 31), "year", "explicit"),
    ("La région a connu la guerre dans les années 1990.", WED_2024, "les années 1990",
     D(1990, 1, 1), D(1999, 12, 31), "decade", "explicit"),
    ("La production a chuté fin 2023.", WED_2024, "fin 2023",
     D(2023, 9, 1), D(2023, 12, 31), "month", "explicit"),
    ("Il y a un an et demi, la frontière a fermé.", WED_2024, "Il y a un an et demi",
     D(2022, 11, 1), D(2022, 11, 30), "month", "relative_to_published"),
    # A future tense looks ahead: "vendredi" is the coming Friday.
    ("Les délégués se réuniront vendredi à Nairobi.", WED_2024, "vendredi",
     D(2024, 5, 24), D(2024, 5, 24), "day", "relative_to_published"),
    ("Samedi, les délégués se réuniront à Nairobi.", WED_2024, "Samedi",
     D(2024, 5, 25), D(2024, 5, 25), "day", "relative_to_published"),
    ("Le président, qui a été arrêté lundi, sera jugé.", WED_2024, "lundi",
     D(2024, 5, 20), D(2024, 5, 20), "day", "relative_to_published"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "phrase", "start", "end", "precision", "method"), RESOLVED
)
def test_resolves_french_dates(
    text: str,
    published: dt.date,
    phrase: str,
    start: dt.date,
    end: dt.date,
    precision: str,
    method: str,
) -> None:
    expr = one_time(text, published, phrase)
    assert (expr.text, expr.start, expr.end, expr.precision, expr.method) == (
        phrase,
        start,
        end,
        precision,
        method,
    )


def test_two_weekdays_joined_by_et_are_two_days() -> None:
    found = times_in(
        "Des affrontements ont eu lieu mardi et mercredi près de Bunia.", D(2024, 9, 12)
    )
    assert [(t.text, t.start) for t in found] == [
        ("mardi", D(2024, 9, 10)),
        ("mercredi", D(2024, 9, 11)),
    ]


def test_next_day_counts_from_the_date_before() -> None:
    text = "Le 10 mars, l'armée a attaqué. Le lendemain, les rebelles ont fui."
    expr = one_time(text, WED_2024, "lendemain")
    assert (expr.start, expr.method) == (D(2024, 3, 11), "inferred")


def test_unknown_publication_date_keeps_the_reference_unplaced() -> None:
    expr = one_time("Hier, la police a arrêté quatre manifestants.", None, "Hier")
    assert (expr.start, expr.end, expr.precision) == (None, None, None)
    assert expr.note is not None


@pytest.mark.parametrize(
    "text",
    [
        "Les combats ont duré pendant trois heures.",
        "Un homme de 41 ans a été tué par balle.",
        "Les soldats sont arrivés à 14 heures.",
        "Plus de 2000 morts ont été recensés en sept jours.",
        "Le Mouvement du 23 mars a repris les armes.",
        "La fête de Mardi Gras a été annulée.",
        "Des miliciens Mai-Mai ont attaqué un camp.",
        "Il y a deux soldats blessés.",
    ],
)
def test_durations_ages_clock_times_and_names_are_not_dates(text: str) -> None:
    assert times_in(text, WED_2024) == ()


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("dimanche matin", "sunday morning"),
        ("le 20 février", "20 february"),
        ("fin janvier", "the end of january"),
        ("le mois dernier", "last month"),
        ("mi-février", "mid-february"),
        ("il y a deux semaines", "2 weeks ago"),
        ("en février 2025", "february 2025"),
        ("au début du mois d'août", "the beginning of august"),
        ("depuis le 1er mai", "since 1 may"),
        ("dès le lendemain", "since the next day"),
        ("depuis l'an dernier", "since last year"),
        ("plus tôt ce mois-ci", "earlier this month"),
    ],
)
def test_translates_to_the_phrase_the_english_rules_read(french: str, english: str) -> None:
    assert to_english(french) == english


@pytest.mark.parametrize(
    ("sentence", "published", "day"),
    [
        ("Des hommes armés ont attaqué le palais tôt dimanche matin.", "2024-05-19", "2024-05-19"),
        ("Des hommes armés ont attaqué le palais dimanche dernier.", "2024-05-19", "2024-05-12"),
        ("Des hommes armés ont attaqué le palais dimanche.", "2024-05-22", "2024-05-19"),
    ],
)
def test_a_bare_weekday_that_is_the_publication_day_is_that_day(
    sentence: str, published: str, day: str
) -> None:
    raw = RawDocument(path="w.txt", format="txt", text=f"Attaque\n\n{sentence}")
    article = normalise(raw, published=dt.date.fromisoformat(published))
    [found] = find_times_fr(article)
    assert found.start == found.end == dt.date.fromisoformat(day)
