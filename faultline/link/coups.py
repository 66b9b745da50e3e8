"""Link an extracted coup to the Cline Center Coup d'État Project list (v2.1.2, CC BY 4.0).

The list ships unmodified in ``link/data`` (see ``ATTRIBUTION.md`` there). Each row is read
into a ``ClineCoup`` with an ISO 3166-1 alpha-3 country code, so that an extracted coup, which
carries the code of our knowledge base, can be looked up by country and date.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from faultline.kb.loader import countries
from faultline.models.events import CoupOutcome
from faultline.models.links import CoupMatch

DATA_FILE = "cline_coup_data_v2.1.2.csv"

Precision = Literal["day", "month", "year"]

# Cline ``event_type`` → our coup outcome.
OUTCOMES: dict[str, CoupOutcome] = {
    "coup": "successful",
    "attempted": "attempted",
    "conspiracy": "plot",
}
# The actor-type columns: who carried the coup out (``resign`` and the fate columns are not).
PERPETRATOR_COLUMNS = (
    "military", "dissident", "rebel", "palace", "foreign", "auto", "popular", "counter", "other",
)  # fmt: skip
# Values the Cline files use for an unknown month or day.
UNKNOWN_DATE_PARTS = {"", "0", "-99", "-999", "NA"}

# Reports often date a coup by its announcement, a day or two after the night it happened, and
# Cline dates a coup by its start; a week each side absorbs that lag (and time zones) while
# staying shorter than the gap between two distinct coups in one country, which is rarely under
# a month (Mali: 22 March and 1 May 2012; Burkina Faso: 8 and 24 January 2022).
TOLERANCE_DAYS = 7

# Cline country names that our knowledge base lacks, or reads otherwise, by ISO 3166 alpha-3.
# Consulted before the knowledge base: Cline's "Congo" (COW 484) is Congo-Brazzaville, whereas
# the knowledge base takes a bare "Congo" for the DRC.
HISTORICAL_ISO3 = {
    "Congo": "COG",
    "Rumania": "ROU",
    "Surinam": "SUR",
    "East Timor": "TLS",
    # States that no longer exist take their ISO 3166-3 (withdrawn) codes.
    "Czechoslovakia": "CSK",
    "USSR": "SUN",
    "German Democratic Republic": "DDR",
    "Yemen PDR": "YMD",
    # North Yemen held YEM before unification in 1990 and unified Yemen kept it.
    "Yemen Arab Republic": "YEM",
    # ISO 3166 (1974) gave VNM to the Republic of Viet-Nam (South) and VDR to the Democratic
    # Republic (North); unified Vietnam kept VNM, so South Vietnam has no withdrawn code.
    "Republic of Vietnam": "VNM",
    # Cline's 1999 row (COW 340) is named Serbia; we code today's Serbia.
    "Serbia": "SRB",
}
# Present-day states the knowledge base does not list (yet).
MISSING_FROM_KB_ISO3 = {
    "Albania": "ALB", "Argentina": "ARG", "Armenia": "ARM", "Azerbaijan": "AZE",
    "Bahrain": "BHR", "Bangladesh": "BGD", "Belarus": "BLR", "Bolivia": "BOL",
    "Bulgaria": "BGR", "Cambodia": "KHM", "Chile": "CHL", "Colombia": "COL",
    "Costa Rica": "CRI", "Cuba": "CUB", "Cyprus": "CYP", "Dominica": "DMA",
    "Dominican Republic": "DOM", "Ecuador": "ECU", "El Salvador": "SLV", "Fiji": "FJI",
    "Georgia": "GEO", "Greece": "GRC", "Grenada": "GRD", "Guatemala": "GTM", "Guyana": "GUY",
    "Haiti": "HTI", "Honduras": "HND", "Hungary": "HUN", "Indonesia": "IDN", "Jamaica": "JAM",
    "Jordan": "JOR", "Kazakhstan": "KAZ", "Kyrgyzstan": "KGZ", "Laos": "LAO",
    "Lebanon": "LBN", "Luxembourg": "LUX", "Malaysia": "MYS", "Maldives": "MDV",
    "Mexico": "MEX", "Mongolia": "MNG", "Montenegro": "MNE", "Myanmar": "MMR", "Nepal": "NPL",
    "Nicaragua": "NIC", "Oman": "OMN", "Panama": "PAN", "Papua New Guinea": "PNG",
    "Paraguay": "PRY", "Peru": "PER", "Philippines": "PHL", "Sri Lanka": "LKA",
    "Tajikistan": "TJK", "Thailand": "THA", "Trinidad and Tobago": "TTO",
    "Turkmenistan": "TKM", "Uruguay": "URY", "Venezuela": "VEN",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ClineCoup:
    """One row of the Cline list. ``date`` is the first day of the period ``precision`` names."""

    coup_id: str
    country: str  # ISO 3166-1 alpha-3 (3166-3 for states that no longer exist)
    country_name: str  # as Cline spells it
    date: dt.date
    precision: Precision
    event_type: str  # Cline: coup | attempted | conspiracy
    perpetrators: tuple[str, ...]
    outcome: CoupOutcome

    @property
    def last_day(self) -> dt.date:
        """The last day the row can mean: the end of its month or year when the day is unknown."""
        if self.precision == "year":
            return self.date.replace(month=12, day=31)
        if self.precision == "month":
            days = calendar.monthrange(self.date.year, self.date.month)[1]
            return self.date.replace(day=days)
        return self.date


@cache
def _name_table() -> dict[str, str]:
    """Country name (case-folded) → ISO3: knowledge-base names and aliases, then the overrides."""
    table = {name.casefold(): c.iso3 for c in countries() for name in c.names}
    for name, iso3 in (*MISSING_FROM_KB_ISO3.items(), *HISTORICAL_ISO3.items()):
        table[name.casefold()] = iso3
    return table


def country_iso3(name: str) -> str | None:
    """The ISO3 code of a country name (Cline's or ours), or None when unknown."""
    return _name_table().get(name.strip().casefold())


def _row(row: dict[str, str]) -> ClineCoup:
    iso3 = country_iso3(row["country"])
    if iso3 is None:
        raise ValueError(f"Cline country without an ISO3 code: {row['country']!r}")
    year, month, day = row["year"].strip(), row["month"].strip(), row["day"].strip()
    if month in UNKNOWN_DATE_PARTS:
        date, precision = dt.date(int(year), 1, 1), "year"
    elif day in UNKNOWN_DATE_PARTS:
        date, precision = dt.date(int(year), int(month), 1), "month"
    else:
        date, precision = dt.date(int(year), int(month), int(day)), "day"
    return ClineCoup(
        coup_id=row["coup_id"],
        country=iso3,
        country_name=row["country"],
        date=date,
        precision=precision,
        event_type=row["event_type"],
        perpetrators=tuple(c for c in PERPETRATOR_COLUMNS if row[c].strip() == "1"),
        outcome=OUTCOMES[row["event_type"]],
    )


@cache
def reference_coups() -> tuple[ClineCoup, ...]:
    """Every row of the packaged Cline file, in file order (read once per process)."""
    path = resources.files("faultline.link").joinpath("data", DATA_FILE)
    with path.open("r", encoding="utf-8", newline="") as f:
        return tuple(_row(row) for row in csv.DictReader(f))


@cache
def _by_id() -> dict[str, ClineCoup]:
    return {c.coup_id: c for c in reference_coups()}


@cache
def _by_country() -> dict[str, tuple[ClineCoup, ...]]:
    table: dict[str, list[ClineCoup]] = {}
    for c in reference_coups():
        table.setdefault(c.country, []).append(c)
    return {iso3: tuple(rows) for iso3, rows in table.items()}


def coup_record(coup_id: str) -> ClineCoup | None:
    """The Cline row with that id, or None."""
    return _by_id().get(coup_id)


# The list covers whole years (1945-2022); a coup outside them is new to it but not "missing".
COVERAGE_END: dt.date = max(c.last_day for c in reference_coups())
COVERAGE_LAST_YEAR: int = COVERAGE_END.year
COVERAGE_FIRST_YEAR: int = min(c.date.year for c in reference_coups())


def _gap(coup: ClineCoup, start: dt.date, end: dt.date) -> int:
    """Days between the row's period and [start, end]; 0 when they overlap."""
    return max(0, (coup.date - end).days, (start - coup.last_day).days)


def match_coup(
    country: str | None,
    start: dt.date | None,
    end: dt.date | None,
    outcome: str | None,
) -> CoupMatch | None:
    """Match an extracted coup to the Cline row of the same country nearest its dates.

    ``country`` is an ISO3 code (a country name is accepted too); ``[start, end]`` is the
    event's date interval (``end`` None, or before ``start``, means the day ``start``);
    ``outcome`` is ours (successful | attempted | plot) and only breaks ties. A row is a
    candidate when its period (a whole month or year when Cline lacks the day) lies within
    ``TOLERANCE_DAYS`` of the interval; the nearest wins, then the one with the same outcome,
    then the earliest. ``days_apart`` is 0 when the periods overlap.

    Returns None when ``country`` or ``start`` is None, or the country is unknown: with no
    place or no date nothing can be matched, and nothing can be said of it. Without a
    candidate the status is ``new``, with ``covered`` False when the event starts after the
    last year the list covers (``COVERAGE_LAST_YEAR``) or before its first (its absence there
    says nothing) and True when the list covers the period and lacks the coup.
    """
    if country is None or start is None:
        return None
    code = country.strip().upper()
    iso3 = code if len(code) == 3 and code.isalpha() else country_iso3(country)
    if iso3 is None:
        return None
    end = start if end is None or end < start else end
    candidates = [
        (gap, c.outcome != outcome, c.date, c)
        for c in _by_country().get(iso3, ())
        if (gap := _gap(c, start, end)) <= TOLERANCE_DAYS
    ]
    if candidates:
        gap, _, _, best = min(candidates, key=lambda t: t[:3])
        return CoupMatch(
            status="matched",
            coup_id=best.coup_id,
            country=best.country,
            date=best.date,
            event_type=best.event_type,
            days_apart=gap,
        )
    covered = COVERAGE_FIRST_YEAR <= start.year <= COVERAGE_LAST_YEAR
    return CoupMatch(status="new", covered=covered)
