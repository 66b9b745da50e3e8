"""The packaged Cline Center coup list and matching an extracted coup against it."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from faultline.link import coups
from faultline.link.coups import (
    COVERAGE_END,
    COVERAGE_LAST_YEAR,
    DATA_FILE,
    ClineCoup,
    country_iso3,
    coup_record,
    match_coup,
    reference_coups,
)
from faultline.models import CoupMatch

D = dt.date
SHARED_CSV = Path(__file__).resolve().parents[2].parent / "shared/reference/coups" / DATA_FILE
PACKAGED = resources.files("faultline.link").joinpath("data")


def _csv_rows() -> list[dict[str, str]]:
    with PACKAGED.joinpath(DATA_FILE).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- The shipped file ------------------------------------------------------------------------


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="../shared reference data not present")
def test_shipped_csv_is_byte_identical_to_the_reference() -> None:
    assert PACKAGED.joinpath(DATA_FILE).read_bytes() == SHARED_CSV.read_bytes()


def test_attribution_names_the_cline_center_and_the_licence() -> None:
    text = " ".join(PACKAGED.joinpath("ATTRIBUTION.md").read_text(encoding="utf-8").split())
    assert "Cline Center for Advanced Social Research" in text
    assert "University of Illinois" in text
    assert "CC BY 4.0" in text
    assert "2.1.2" in text


# --- Loading ---------------------------------------------------------------------------------


def test_every_row_loads_once_with_a_unique_id() -> None:
    rows = reference_coups()
    assert len(rows) == 981
    assert len({c.coup_id for c in rows}) == 981
    assert reference_coups() is rows  # cached


def test_every_country_maps_to_a_three_letter_code() -> None:
    names = {r["country"] for r in _csv_rows()}
    assert len(names) == 137
    unmapped = sorted(n for n in names if country_iso3(n) is None)
    assert unmapped == []
    for c in reference_coups():
        assert len(c.country) == 3 and c.country.isalpha() and c.country.isupper()


def test_distinct_cow_states_get_distinct_codes() -> None:
    """Only North Yemen and unified Yemen share a code (ISO kept YEM through unification)."""
    cow_by_iso3: dict[str, set[str]] = defaultdict(set)
    for row in _csv_rows():
        cow_by_iso3[country_iso3(row["country"]) or "?"].add(row["cowcode"])
    shared = {iso3: cows for iso3, cows in cow_by_iso3.items() if len(cows) > 1}
    assert shared == {"YEM": {"678", "679"}}


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("Cote d'Ivoire", "CIV"),
        ("Republic of Korea", "KOR"),
        ("Rumania", "ROU"),
        ("Surinam", "SUR"),
        ("Swaziland", "SWZ"),
        ("East Timor", "TLS"),
        ("Czechoslovakia", "CSK"),
        ("USSR", "SUN"),
        ("German Democratic Republic", "DDR"),
        ("Yemen PDR", "YMD"),
        ("Yemen Arab Republic", "YEM"),
        ("Republic of Vietnam", "VNM"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) != 3 else None,
)
def test_cline_country_names(name: str, iso3: str) -> None:
    assert country_iso3(name) == iso3
    assert {c.country for c in reference_coups() if c.country_name == name} == {iso3}


def test_mali_2012() -> None:
    coup = coup_record("43203222012")
    assert coup == ClineCoup(
        coup_id="43203222012",
        country="MLI",
        country_name="Mali",
        date=D(2012, 3, 22),
        precision="day",
        event_type="coup",
        perpetrators=("military",),
        outcome="successful",
    )
    assert coup_record("no such id") is None


def test_outcomes_follow_the_event_type() -> None:
    pairs = {(c.event_type, c.outcome) for c in reference_coups()}
    assert pairs == {("coup", "successful"), ("attempted", "attempted"), ("conspiracy", "plot")}


def test_coverage_ends_with_the_last_row() -> None:
    assert D(2022, 12, 29) == COVERAGE_END
    assert COVERAGE_LAST_YEAR == 2022


@pytest.mark.parametrize(
    ("month", "day", "date", "precision", "last_day"),
    [
        ("3", "22", D(2012, 3, 22), "day", D(2012, 3, 22)),
        ("2", "0", D(2012, 2, 1), "month", D(2012, 2, 29)),
        ("2", "-99", D(2012, 2, 1), "month", D(2012, 2, 29)),
        ("2", "", D(2012, 2, 1), "month", D(2012, 2, 29)),
        ("0", "0", D(2012, 1, 1), "year", D(2012, 12, 31)),
        ("-99", "-99", D(2012, 1, 1), "year", D(2012, 12, 31)),
    ],
    ids=["day", "day-0", "day-99", "day-blank", "month-0", "month-99"],
)
def test_unknown_month_or_day_widens_the_date(
    month: str, day: str, date: dt.date, precision: str, last_day: dt.date
) -> None:
    row = {k: "0" for k in _csv_rows()[0]}
    row.update(coup_id="x", country="Mali", year="2012", month=month, day=day, event_type="coup")
    coup = coups._row(row)
    assert (coup.date, coup.precision, coup.last_day) == (date, precision, last_day)


# --- Matching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "start", "end", "outcome", "status", "coup_id", "days_apart"),
    # "outside": new to the list, whose years (1945-2022) do not cover it.
    [
        ("MLI", D(2012, 3, 22), D(2012, 3, 22), "successful", "matched", "43203222012", 0),
        ("MLI", D(2012, 3, 23), None, "successful", "matched", "43203222012", 1),
        ("MLI", D(2012, 3, 1), D(2012, 3, 31), "successful", "matched", "43203222012", 0),
        ("Mali", D(2012, 3, 29), None, None, "matched", "43203222012", 7),
        ("MLI", D(2012, 3, 30), None, None, "new", None, None),
        ("MLI", D(2012, 5, 1), None, "attempted", "matched", "43205012012", 0),
        ("BFA", D(2022, 1, 24), None, "successful", "matched", "43901242022", 0),
        ("BFA", D(2022, 1, 1), D(2022, 1, 31), "successful", "matched", "43901242022", 0),
        ("BFA", D(2022, 1, 1), D(2022, 1, 31), "plot", "matched", "43901082022", 0),
        ("BFA", D(2022, 1, 1), D(2022, 1, 31), None, "matched", "43901082022", 0),
        ("COD", D(2024, 5, 19), None, "attempted", "outside", None, None),
        ("MLI", D(1930, 1, 1), None, "successful", "outside", None, None),
        ("GHA", D(2015, 6, 10), None, "successful", "new", None, None),
        ("NER", D(2012, 3, 22), None, "successful", "new", None, None),
        ("COG", D(1997, 10, 15), None, "successful", "matched", "48410151997", 0),
        ("COD", D(1997, 10, 15), None, "successful", "new", None, None),
        ("COD", D(1997, 5, 17), None, "successful", "matched", "49005161997", 1),
    ],
    ids=[
        "mali-same-day",
        "mali-announced-next-day",
        "mali-month",
        "mali-by-name-at-tolerance",
        "mali-past-tolerance",
        "mali-counter-coup-attempt",
        "burkina-jan-2022",
        "burkina-month-prefers-outcome",
        "burkina-month-plot",
        "burkina-month-no-outcome-earliest",
        "drc-2024-after-coverage",
        "before-coverage",
        "ghana-2015-none",
        "niger-on-malis-date",
        "congo-brazzaville-1997",
        "drc-on-congo-brazzaville-date",
        "drc-1997-kabila",
    ],
)
def test_match_coup(
    country: str,
    start: dt.date,
    end: dt.date | None,
    outcome: str | None,
    status: str,
    coup_id: str | None,
    days_apart: int | None,
) -> None:
    match = match_coup(country, start, end, outcome)
    assert match is not None
    expected = ("new", False) if status == "outside" else (status, True)
    assert (match.status, match.covered) == expected
    assert (match.coup_id, match.days_apart) == (coup_id, days_apart)
    if coup_id is not None:
        record = coup_record(coup_id)
        assert record is not None
        assert match == CoupMatch(
            "matched", coup_id, record.country, record.date, record.event_type, days_apart
        )


def test_month_precision_row_covers_its_month(monkeypatch: pytest.MonkeyPatch) -> None:
    row = ClineCoup("m", "MLI", "Mali", D(2012, 3, 1), "month", "coup", ("military",), "successful")
    monkeypatch.setattr(coups, "_by_country", lambda: {"MLI": (row,)})
    inside = match_coup("MLI", D(2012, 3, 30), None, None)
    after = match_coup("MLI", D(2012, 4, 3), None, None)
    assert inside is not None and (inside.coup_id, inside.days_apart) == ("m", 0)
    assert after is not None and (after.coup_id, after.days_apart) == ("m", 3)


@pytest.mark.parametrize(
    ("country", "start"),
    [(None, D(2012, 3, 22)), ("MLI", None), (None, None), ("Atlantis", D(2012, 3, 22))],
    ids=["no-country", "no-date", "neither", "unknown-country"],
)
def test_nothing_to_match_returns_none(country: str | None, start: dt.date | None) -> None:
    assert match_coup(country, start, None, "successful") is None
