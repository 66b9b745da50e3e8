"""The offline gazetteer: normalised lookups, admin1 names, countries, and its disk cache."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from faultline.mentions import gazetteer as gz
from faultline.mentions.gazetteer import Gazetteer, load_gazetteer, normalise_name
from faultline.mentions.gazetteer_build import ADMIN1, CITY, COUNTRY, Tables

NORD_KIVU = 206938


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Nord-Kivu", "nord kivu"),
        ("NORD KIVU", "nord kivu"),
        ("Ségou", "segou"),
        ("N'Djamena", "ndjamena"),
        ("N’Djamena", "ndjamena"),
        ("St. Louis", "saint louis"),
        ("Saint-Louis", "saint louis"),
        ("the Sahel", "sahel"),
        ("Kasaï  Oriental", "kasai oriental"),
    ],
)
def test_normalise_name(name: str, key: str) -> None:
    assert normalise_name(name) == key


def test_goma_is_the_congolese_city_first(gazetteer: Gazetteer) -> None:
    first = gazetteer.lookup("Goma")[0]
    assert (first.country, first.admin1, first.feature) == ("COD", "Nord-Kivu", "city")
    assert first.geonames_id == 216281
    assert first.lat == pytest.approx(-1.674, abs=0.01)


@pytest.mark.parametrize("name", ["Nord-Kivu", "nord kivu", "North Kivu", "NORTH-KIVU"])
def test_admin1_by_french_or_english_name(gazetteer: Gazetteer, name: str) -> None:
    found = [c for c in gazetteer.lookup(name) if c.feature == "admin1"]
    assert [c.geonames_id for c in found] == [NORD_KIVU]
    assert found[0].lat is None and found[0].lon is None  # the data has no admin1 centroid


def test_accents_are_optional(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Segou")[0].geonames_id == gazetteer.lookup("Ségou")[0].geonames_id
    assert "Tombouctou" in gazetteer  # an alternate name of Timbuktu


def test_ambiguous_name_lists_every_country(gazetteer: Gazetteer) -> None:
    countries = {c.country for c in gazetteer.lookup("Tripoli")}
    assert {"LBY", "LBN"} <= countries


def test_primary_names_come_before_alternate_names(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("San")
    assert found[0].country == "MLI" and not found[0].alias


def test_countries_and_capitals(gazetteer: Gazetteer) -> None:
    mali = gazetteer.country("MLI")
    assert mali is not None and mali.feature == "country" and mali.lat is None
    capital = gazetteer.capital("MLI")
    assert capital is not None and capital.name == "Bamako"
    assert gazetteer.country("XXX") is None


def test_unknown_names(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("M23") == []
    assert gazetteer.lookup("") == []


# --- the disk cache ---------------------------------------------------------------------------


def _tiny_tables() -> Tables:
    tables = Tables()
    tables.add({"name": "Goma", "iso3": "COD", "feature": CITY, "lat": -1.68, "lon": 29.2}, [])
    tables.add({"name": "Nord-Kivu", "iso3": "COD", "feature": ADMIN1}, ["North Kivu"])
    tables.add({"name": "Mali", "iso3": "MLI", "feature": COUNTRY}, [])
    return tables


@pytest.fixture
def counted_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Replace the real (seconds-long) build with a tiny one and count the calls."""
    calls: list[int] = []

    def build() -> Tables:
        calls.append(1)
        return _tiny_tables()

    monkeypatch.setattr(gz, "build_tables", build)
    return calls


def test_cache_is_built_once_then_read(tmp_path: Path, counted_builds: list[int]) -> None:
    first = gz.open_gazetteer(tmp_path)
    assert gz.cache_file(tmp_path).is_file()
    second = gz.open_gazetteer(tmp_path)
    assert len(counted_builds) == 1
    assert first.lookup("north kivu") == second.lookup("North Kivu")


def test_cache_is_rebuilt_when_deleted(tmp_path: Path, counted_builds: list[int]) -> None:
    gz.open_gazetteer(tmp_path)
    gz.cache_file(tmp_path).unlink()
    rebuilt = gz.open_gazetteer(tmp_path)
    assert len(counted_builds) == 2
    assert gz.cache_file(tmp_path).is_file()
    assert rebuilt.lookup("Goma")[0].country == "COD"


def test_corrupt_cache_is_rebuilt(tmp_path: Path, counted_builds: list[int]) -> None:
    gz.cache_file(tmp_path).write_bytes(b"not a pickle")
    assert gz.open_gazetteer(tmp_path).lookup("Mali")[0].feature == "country"
    assert len(counted_builds) == 1
    assert isinstance(pickle.loads(gz.cache_file(tmp_path).read_bytes()), Tables)


def test_stale_caches_are_removed(tmp_path: Path, counted_builds: list[int]) -> None:
    stale = tmp_path / f"gazetteer-v0-geonamescache0-localis0-{gz._PYTHON}.pickle"
    stale.write_bytes(b"old")
    gz.open_gazetteer(tmp_path)
    assert not stale.exists()
    assert [p.name for p in tmp_path.iterdir()] == [gz.cache_file(tmp_path).name]


def test_unwritable_cache_still_works(tmp_path: Path, counted_builds: list[int]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    assert len(gz.open_gazetteer(blocker / "cache")) == 3


def test_cache_location_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAULTLINE_CACHE", str(tmp_path))
    assert gz.cache_dir() == tmp_path
    assert gz.cache_file().parent == tmp_path
    monkeypatch.delenv("FAULTLINE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gz.cache_dir() == tmp_path / "xdg" / "faultline"
