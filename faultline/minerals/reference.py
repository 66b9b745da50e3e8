"""The minerals reference data: which minerals we track, the words that name them, each major
producer's share of world mine production, and the provinces where production is concentrated.

The data are CSV files we wrote by hand, each row with its public source
(``faultline/minerals/data``, described in its README). ``load_reference()`` reads and checks
them once per process; ``MineralReference.from_directory(path)`` reads another copy (tests, a
newer edition being prepared). Every malformed row raises ``ReferenceDataError`` naming the file
and line, because a wrong share would silently skew every exposure figure built on it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from faultline.errors import ConfigError, NotFoundError, ReferenceDataError
from faultline.models import (
    GENERIC_MINERALS,
    Mineral,
    ProducingArea,
    ProductionShare,
    RegionProvinces,
)

__all__ = ["DATA_DIR", "MineralReference", "ReferenceRow", "load_reference"]

DATA_DIR = Path(__file__).with_name("data")
ReferenceRow = ProductionShare | ProducingArea | RegionProvinces

MINERALS_FILE = "minerals.csv"
GROUPS_FILE = "groups.csv"
PRODUCTION_FILE = "production.csv"
AREAS_FILE = "areas.csv"
REGIONS_FILE = "regions.csv"
HEADERS = {
    MINERALS_FILE: ("id", "name", "aliases"),
    GROUPS_FILE: ("term", "minerals", "note"),
    PRODUCTION_FILE: (
        "mineral", "country", "share", "quantity", "unit", "year", "source", "source_url", "note",
    ),
    AREAS_FILE: ("mineral", "country", "admin1", "source", "source_url", "note"),
    REGIONS_FILE: ("region", "country", "provinces", "source", "note"),
}  # fmt: skip

FIRST_YEAR, LAST_YEAR = 1990, 2100
_MINERAL_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_URL = re.compile(r"^https?://\S+$")
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
# Shares are rounded to the source's precision, so a mineral's shares may overshoot 1 by a
# rounding step without any row being wrong; more than that is a typo.
_SUM_TOLERANCE = 1e-6


# --- Reading and checking the CSV files --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    """One data row of a CSV file and where it came from, so a complaint names file and line."""

    path: Path
    number: int
    cells: dict[str, str]

    def fail(self, message: str) -> ReferenceDataError:
        return ReferenceDataError(message, source=f"{self.path}:{self.number}")

    def optional(self, column: str) -> str | None:
        return self.cells[column].strip() or None

    def required(self, column: str) -> str:
        value = self.optional(column)
        if value is None:
            raise self.fail(f"column {column!r} is empty")
        return value


def _read_rows(path: Path) -> Iterator[_Line]:
    header = HEADERS[path.name]
    try:
        # utf-8-sig: a spreadsheet that saved the file may have put a byte-order mark first.
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            first = next(reader, None)
            if first is None or tuple(cell.strip() for cell in first) != header:
                raise ReferenceDataError(
                    f"expected the header {','.join(header)}, found {','.join(first or [])!r}",
                    source=f"{path}:1",
                )
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) != len(header):
                    raise ReferenceDataError(
                        f"expected {len(header)} columns, found {len(cells)}",
                        source=f"{path}:{reader.line_num}",
                    )
                yield _Line(path, reader.line_num, dict(zip(header, cells, strict=True)))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ReferenceDataError(
            f"cannot read the reference file: {exc}", source=str(path)
        ) from exc


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def _parse_minerals(path: Path) -> tuple[Mineral, ...]:
    minerals: dict[str, Mineral] = {}
    for line in _read_rows(path):
        mineral_id = line.required("id")
        if not _MINERAL_ID.match(mineral_id) or mineral_id == GENERIC_MINERALS:
            raise line.fail(f"bad mineral id {mineral_id!r} (lower case, digits, underscores)")
        if mineral_id in minerals:
            raise line.fail(f"mineral {mineral_id!r} is listed twice")
        aliases = _split(line.optional("aliases"))
        if any(alias != alias.lower() for alias in aliases):
            raise line.fail("aliases must be lower case")
        minerals[mineral_id] = Mineral(mineral_id, line.required("name"), aliases)
    return tuple(minerals.values())


def _parse_groups(path: Path, known: set[str]) -> dict[str, tuple[str, ...]]:
    groups: dict[str, tuple[str, ...]] = {}
    for line in _read_rows(path):
        term = line.required("term")
        if term != term.lower():
            raise line.fail(f"group term {term!r} must be lower case")
        if term in groups:
            raise line.fail(f"group term {term!r} is listed twice")
        members = _split(line.optional("minerals"))
        unknown = [m for m in members if m not in known and m != GENERIC_MINERALS]
        if not members:
            raise line.fail(f"group {term!r} names no minerals")
        if unknown:
            raise line.fail(f"group {term!r} names unknown minerals: {', '.join(unknown)}")
        groups[term] = members
    return groups


def _parse_shares(path: Path, known: set[str]) -> tuple[ProductionShare, ...]:
    shares: dict[str, ProductionShare] = {}
    for line in _read_rows(path):
        mineral, country, year = _mineral(line, known), _country(line), _year(line)
        row_id = f"share:{mineral}:{country}:{year}"
        if row_id in shares:
            raise line.fail(f"{mineral} {country} {year} is listed twice")
        quantity = _quantity(line)
        unit = line.optional("unit")
        if quantity is not None and unit is None:
            raise line.fail("a quantity needs its unit")
        shares[row_id] = ProductionShare(
            row_id=row_id,
            mineral=mineral,
            country=country,
            share=_share(line),
            year=year,
            source=line.required("source"),
            quantity=quantity,
            unit=unit,
            source_url=_url(line),
            note=line.optional("note"),
        )
    rows = tuple(shares.values())
    _check_share_sums(rows, path)
    return rows


def _parse_areas(path: Path, known: set[str]) -> tuple[ProducingArea, ...]:
    areas: dict[str, ProducingArea] = {}
    for line in _read_rows(path):
        mineral, country, admin1 = _mineral(line, known), _country(line), line.required("admin1")
        row_id = f"area:{mineral}:{country}:{admin1}"
        if row_id in areas:
            raise line.fail(f"{mineral} {country} {admin1} is listed twice")
        areas[row_id] = ProducingArea(
            row_id=row_id,
            mineral=mineral,
            country=country,
            admin1=admin1,
            source=line.required("source"),
            source_url=_url(line),
            note=line.optional("note"),
        )
    return tuple(areas.values())


def _parse_regions(path: Path) -> tuple[RegionProvinces, ...]:
    regions: dict[str, RegionProvinces] = {}
    for line in _read_rows(path):
        country, region = _country(line), line.required("region")
        row_id = f"region:{country}:{region}"
        if row_id in regions:
            raise line.fail(f"region {region!r} of {country} is listed twice")
        provinces = _split(line.optional("provinces"))
        if not provinces:
            raise line.fail("a region needs the provinces it covers ('|'-separated)")
        regions[row_id] = RegionProvinces(
            row_id=row_id,
            region=region,
            country=country,
            provinces=provinces,
            source=line.required("source"),
            note=line.optional("note"),
        )
    return tuple(regions.values())


def _mineral(line: _Line, known: set[str]) -> str:
    mineral = line.required("mineral")
    if mineral not in known:
        raise line.fail(f"unknown mineral {mineral!r}; add it to {MINERALS_FILE} first")
    return mineral


def _country(line: _Line) -> str:
    country = line.required("country")
    if not _ISO3.match(country):
        raise line.fail(f"country {country!r} is not an ISO 3166-1 alpha-3 code")
    return country


def _share(line: _Line) -> float:
    share = _number(line, "share")
    if share is None or not 0 < share <= 1:
        raise line.fail(f"share {line.cells['share']!r} is not a fraction in (0, 1]")
    return share


def _quantity(line: _Line) -> float | None:
    quantity = _number(line, "quantity")
    if quantity is not None and quantity < 0:
        raise line.fail(f"quantity {quantity} is negative")
    return quantity


def _number(line: _Line, column: str) -> float | None:
    text = line.optional(column)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise line.fail(f"{column} {text!r} is not a number") from exc


def _year(line: _Line) -> int:
    text = line.required("year")
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise line.fail(f"year {text!r} is not a year from {FIRST_YEAR} to {LAST_YEAR}")
    return int(text)


def _url(line: _Line) -> str | None:
    url = line.optional("source_url")
    if url is not None and not _URL.match(url):
        raise line.fail(f"source_url {url!r} is not an http(s) address")
    return url


def _check_share_sums(shares: Sequence[ProductionShare], path: Path) -> None:
    totals: dict[str, float] = {}
    for row in _latest_per_country(shares).values():
        totals[row.mineral] = totals.get(row.mineral, 0.0) + row.share
    for mineral, total in sorted(totals.items()):
        if total > 1 + _SUM_TOLERANCE:
            raise ReferenceDataError(
                f"the latest shares of {mineral} add up to {total:.3f}, more than the world",
                source=str(path),
            )


def _check_terms(
    minerals: Sequence[Mineral], groups: Mapping[str, tuple[str, ...]], directory: Path
) -> None:
    owner: dict[str, str] = {}
    for mineral in minerals:
        for word in (mineral.id, mineral.name.lower(), *mineral.aliases):
            if owner.setdefault(_key(word), mineral.id) != mineral.id:
                raise ReferenceDataError(
                    f"{word!r} names both {owner[_key(word)]} and {mineral.id}",
                    source=str(directory / MINERALS_FILE),
                )
    for term in groups:
        if _key(term) in owner:
            raise ReferenceDataError(
                f"group term {term!r} is already a name of {owner[_key(term)]}",
                source=str(directory / GROUPS_FILE),
            )


def _latest_per_country(
    shares: Sequence[ProductionShare],
) -> dict[tuple[str, str], ProductionShare]:
    # A new edition adds rows with a new year; older rows stay for the record but are not used.
    latest: dict[tuple[str, str], ProductionShare] = {}
    for row in shares:
        key = (row.mineral, row.country)
        if key not in latest or row.year > latest[key].year:
            latest[key] = row
    return latest


def _key(text: str) -> str:
    """How a mineral reference is compared: case, hyphens and underscores do not matter."""
    return " ".join(re.split(r"[\s_-]+", text.strip().casefold()))


def _province_key(name: str) -> str:
    """Province names compared as the gazetteer compares them: accents, case, hyphens and
    punctuation ignored ("Kasai-Oriental" is "Kasaï Oriental"). Not imported from the gazetteer
    because that package loads spaCy."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(_NOT_ALPHANUMERIC.sub(" ", plain.replace("'", "")).split())


def _largest_first(rows: Iterable[ProductionShare]) -> tuple[ProductionShare, ...]:
    return tuple(sorted(rows, key=lambda row: (-row.share, row.mineral, row.country)))


# --- The reference ----------------------------------------------------------------------------


class MineralReference:
    """Lookups over the reference rows. Shares are the latest year per country and mineral."""

    def __init__(
        self,
        minerals: Sequence[Mineral],
        shares: Sequence[ProductionShare],
        areas: Sequence[ProducingArea],
        terms: Mapping[str, tuple[str, ...]] | None = None,
        regions: Sequence[RegionProvinces] = (),
    ) -> None:
        self.minerals: tuple[Mineral, ...] = tuple(sorted(minerals, key=lambda m: m.id))
        self._by_key: dict[str, Mineral] = {}
        for mineral in self.minerals:
            for word in (mineral.id, mineral.name, *mineral.aliases):
                self._by_key.setdefault(_key(word), mineral)
        self._all_shares = tuple(shares)
        self._latest = _latest_per_country(self._all_shares)
        self._areas = tuple(sorted(areas, key=lambda a: (a.mineral, a.country, a.admin1)))
        self.regions: tuple[RegionProvinces, ...] = tuple(regions)
        self._rows: dict[str, ReferenceRow] = {
            row.row_id: row for row in (*self._all_shares, *self._areas, *self.regions)
        }
        self._groups = dict(terms or {})
        self._regions = {(r.country, _province_key(r.region)): r for r in self.regions}

    @classmethod
    def from_directory(cls, directory: Path) -> MineralReference:
        """Read and check the CSV files in ``directory``."""
        minerals = _parse_minerals(directory / MINERALS_FILE)
        known = {m.id for m in minerals}
        groups = _parse_groups(directory / GROUPS_FILE, known)
        _check_terms(minerals, groups, directory)
        return cls(
            minerals=minerals,
            shares=_parse_shares(directory / PRODUCTION_FILE, known),
            areas=_parse_areas(directory / AREAS_FILE, known),
            terms=groups,
            regions=_parse_regions(directory / REGIONS_FILE),
        )

    def mineral(self, ref: str) -> Mineral:
        """The mineral an id, name or alias names ("Coltan" → tantalum), case-insensitively."""
        found = self._by_key.get(_key(ref))
        if found is None:
            known = ", ".join(m.id for m in self.minerals)
            raise ConfigError(f"unknown mineral {ref!r}; known minerals: {known}")
        return found

    def shares(self, mineral: str) -> tuple[ProductionShare, ...]:
        """Each producing country's latest share of ``mineral``, largest first.

        The generic stake ("critical minerals") has no producers, so it gets none.
        """
        if mineral == GENERIC_MINERALS:
            return ()
        mineral_id = self.mineral(mineral).id
        return _largest_first(row for row in self._latest.values() if row.mineral == mineral_id)

    def share(self, mineral: str, country: str) -> ProductionShare | None:
        """``country``'s latest share of ``mineral``, or None when it is not a listed producer."""
        if mineral == GENERIC_MINERALS:
            return None
        return self._latest.get((self.mineral(mineral).id, country.upper()))

    def country_shares(self, country: str) -> tuple[ProductionShare, ...]:
        """Every mineral ``country`` produces, with its latest share, largest share first."""
        iso3 = country.upper()
        return _largest_first(row for row in self._latest.values() if row.country == iso3)

    def areas(self, mineral: str, country: str | None = None) -> tuple[ProducingArea, ...]:
        """The producing provinces of ``mineral``, in one country or all of them."""
        if mineral == GENERIC_MINERALS:
            return ()
        mineral_id = self.mineral(mineral).id
        iso3 = country.upper() if country else None
        return tuple(
            area
            for area in self._areas
            if area.mineral == mineral_id and (iso3 is None or area.country == iso3)
        )

    def area(self, mineral: str, country: str, admin1: str | None) -> ProducingArea | None:
        """The producing province ``admin1`` names, matched as the gazetteer matches names:
        "Nord Kivu", "nord-kivu" and "Nord-Kivu" are one province."""
        if not admin1:
            return None
        wanted = _province_key(admin1)
        for area in self.areas(mineral, country):
            if _province_key(area.admin1) == wanted:
                return area
        return None

    def region(self, country: str, name: str) -> RegionProvinces | None:
        """The provinces a region of ``country`` covers, by the name the place resolver gives
        it ("Kivu", "Katanga", "eastern Democratic Republic of the Congo")."""
        return self._regions.get((country.upper(), _province_key(name)))

    def row(self, row_id: str) -> ReferenceRow:
        """The share, area or region row a brief or exposure driver cites."""
        found = self._rows.get(row_id)
        if found is None:
            raise NotFoundError(f"no mineral reference row {row_id!r}")
        return found

    def terms(self) -> dict[str, tuple[str, ...]]:
        """Every lower-case word or phrase that names minerals, and the mineral ids it names:
        names, aliases ("coltan" → tantalum) and group terms ("3t", "critical minerals")."""
        found: dict[str, tuple[str, ...]] = {}
        for mineral in self.minerals:
            for word in (mineral.name.lower(), *mineral.aliases):
                found.setdefault(word, (mineral.id,))
        for term, members in self._groups.items():
            found.setdefault(term.lower(), tuple(members))
        return found


@cache
def load_reference() -> MineralReference:
    """The reference data shipped with Faultline, read and checked once per process."""
    return MineralReference.from_directory(DATA_DIR)
