"""`faultline events`, `event`, `stats` and `export` on a store built from the demo and seeds,
read back by the tools analysts use (pandas, DuckDB, geopandas)."""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from faultline.cli.main import app
from faultline.export.acled import ACLED_COLUMNS

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "demo" / "articles"
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
GOMA = (-1.67409, 29.22845)

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the demo articles and the seeds, built once for the module."""
    db = tmp_path_factory.mktemp("events") / "faultline.db"
    result = run("ingest", str(DEMO), str(SEEDS), "--db", str(db), "--quiet")
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def db(stored: Path, tmp_path: Path) -> Path:
    """A private copy, for tests that write."""
    copy = tmp_path / "faultline.db"
    shutil.copy(stored, copy)
    return copy


def events(db: Path, *args: str) -> list[dict[str, Any]]:
    result = run("events", "--db", str(db), "--format", "jsonl", "--all", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = map(lambda p: (math.radians(p[0]), math.radians(p[1])), (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def test_stored_events_are_the_extracted_events(stored: Path) -> None:
    """What the store gives back is, field for field, what `extract` prints."""
    extracted = run("extract", str(DEMO), str(SEEDS), "--format", "jsonl")
    assert extracted.exit_code == 0
    expected = {
        e["id"]: e for e in map(json.loads, extracted.stdout.splitlines()) if not e["background"]
    }
    got = {e["id"]: e for e in events(stored)}
    assert got == expected
    with_background = events(stored, "--include-background")
    assert len(with_background) > len(got)
    assert all(e["background"] for e in with_background if e["id"] not in got)


def test_table_shows_a_page_and_the_total(stored: Path) -> None:
    result = run("events", "--db", str(stored), "--limit", "5")
    assert result.exit_code == 0, result.output
    total = len(events(stored))
    assert f"events 1–5 of {total}" in result.stdout
    assert "next page: --offset 5" in result.stdout


def test_pages_do_not_overlap_and_cover_everything(stored: Path) -> None:
    everything = [e["id"] for e in events(stored, "--sort", "date")]
    pages: list[str] = []
    for offset in range(0, len(everything), 7):
        result = run(
            "events", "--db", str(stored), "--format", "jsonl", "--sort", "date",
            "--limit", "7", "--offset", str(offset),
        )  # fmt: skip
        pages += [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert pages == everything


@pytest.mark.parametrize(
    ("option", "value", "check"),
    [
        pytest.param("--country", "Mali", lambda e: e["location"]["country"] == "MLI", id="mali"),
        pytest.param("--country", "DRC", lambda e: e["location"]["country"] == "COD", id="drc"),
        pytest.param(
            "--type",
            "armed clash",
            lambda e: e["acled"]["sub_event_type"] == "Armed clash",
            id="acled-sub-event",
        ),
        pytest.param("--type", "assault", lambda e: e["event_type"] == "ASSAULT", id="plover"),
        pytest.param("--coup", None, lambda e: e["coup"] is not None, id="coup"),
        pytest.param("--min-killed", "2", lambda e: (e["counts"]["killed"] or 0) >= 2, id="killed"),
        pytest.param(
            "--actor",
            "malanga",
            lambda e: any("malanga" in (a["name"] + a["text"]).lower() for a in e["actors"]),
            id="actor",
        ),
        pytest.param(
            "--text",
            "soldiers",
            lambda e: "soldier" in json.dumps(e).lower(),
            id="text-stemmed",
        ),
    ],
)
def test_each_filter_keeps_only_matching_events(
    stored: Path, option: str, value: str | None, check: Any
) -> None:
    found = events(stored, option, *([value] if value is not None else []))
    assert found, f"{option} {value} matched nothing in the demo store"
    assert all(check(e) for e in found)
    assert len(found) < len(events(stored))


def test_country_is_the_same_whatever_its_spelling(stored: Path) -> None:
    ids = [{e["id"] for e in events(stored, "--country", name)} for name in ("COD", "cd", "DRC")]
    assert ids[0] == ids[1] == ids[2]


def test_dates_select_overlapping_ranges(stored: Path) -> None:
    found = events(stored, "--since", "2024-05-01", "--until", "2024-05-31")
    assert found
    for event in found:
        assert event["date"]["start"] <= "2024-05-31"
        assert (event["date"]["end"] or event["date"]["start"]) >= "2024-05-01"


def test_near_keeps_precise_places_within_the_radius(stored: Path) -> None:
    found = events(stored, "--near", "Kinshasa", "--km", "30")
    assert found
    kinshasa = (-4.32758, 15.31357)
    for event in found:
        location = event["location"]
        assert location["precision"] in ("city", "point")
        assert km_between(kinshasa, (location["lat"], location["lon"])) <= 30
    assert events(stored, "--near", f"{GOMA[0]},{GOMA[1]}", "--km", "50")
    # Country-level events about the DRC have no point and are never "near" anything.
    assert not any(e["location"]["precision"] == "country" for e in found)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--type", "nonsense"], "unknown event type", id="type"),
        pytest.param(["--since", "19 May"], "not a date", id="since"),
        pytest.param(["--since", "2024-06-01", "--until", "2024-05-01"], "after", id="range"),
        pytest.param(["--km", "5"], "--km needs --near", id="km-alone"),
        pytest.param(["--near", "Nowhereville-sur-Mer"], "no place called", id="near"),
        pytest.param(["--country", "Atlantis"], "unknown country", id="country"),
        pytest.param(["--sort", "sideways"], "use one of", id="sort"),
        pytest.param(["--format", "parquet"], "Parquet is binary", id="parquet-stdout"),
        pytest.param(["--text", "!!!"], "no words", id="text"),
    ],
)
def test_bad_options_are_usage_errors(stored: Path, args: list[str], message: str) -> None:
    result = run("events", "--db", str(stored), *args)
    assert result.exit_code == 2
    assert message in " ".join(result.output.split()).replace("│", "")
    assert "Traceback" not in result.output


def test_event_by_prefix_and_unknown_event(stored: Path) -> None:
    first = events(stored)[0]
    result = run("event", first["id"][:10], "--db", str(stored))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == first
    missing = run("event", "ev_nothing_like_it", "--db", str(stored))
    assert missing.exit_code == 1
    assert "no event with id" in missing.output


def test_stats_add_up_to_the_events(stored: Path) -> None:
    result = run("stats", "--db", str(stored), "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert sum(r["events"] for r in rows) == len(events(stored))
    killed = sum(e["counts"]["killed"] or 0 for e in events(stored))
    assert sum(r["killed"] for r in rows) == killed
    assert {"country", "month", "type", "events", "killed"} == set(rows[0])
    mali = run(
        "stats", "--db", str(stored), "--by", "country", "--country", "MLI", "--format", "csv"
    )
    [row] = list(csv.DictReader(io.StringIO(mali.stdout)))
    assert row["country"] == "MLI" and int(row["events"]) == len(events(stored, "--country", "MLI"))
    assert run("stats", "--db", str(stored), "--by", "planet").exit_code == 2


def test_acled_export_reads_in_pandas_with_codebook_columns(stored: Path, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "acled.csv"
    result = run("export", "--schema", "acled", "--db", str(stored), "--out", str(out))
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(
        out, keep_default_na=False, dtype={"geo_precision": int, "time_precision": int}
    )
    assert tuple(frame.columns) == ACLED_COLUMNS
    assert len(frame) > 0
    assert set(frame["geo_precision"]) <= {1, 2, 3}
    assert set(frame["time_precision"]) <= {1, 2, 3}
    country_level = frame[frame["geo_precision"] == 3]
    assert (country_level["latitude"] == "").all() and (country_level["longitude"] == "").all()
    assert set(frame["event_type"]) <= {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }


def test_acled_row_of_the_kinshasa_clash_checked_by_hand(stored: Path, tmp_path: Path) -> None:
    """The seed's "Malanga and three other men were killed" in the Kinshasa attack."""
    out = tmp_path / "acled.csv"
    run("export", "--schema", "acled", "--db", str(stored), "--country", "COD", "-o", str(out))
    rows = [r for r in csv.DictReader(out.open()) if r["notes"].startswith("Malanga and three")]
    [row] = rows
    assert row["event_date"] == "2024-05-19" and row["year"] == "2024"
    assert row["time_precision"] == "1"
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Political violence",
        "Battles",
        "Armed clash",
    )
    assert row["iso"] == "180" and row["country"] == "Democratic Republic of the Congo"
    assert row["region"] == "Middle Africa"
    assert row["location"] == "Kinshasa" and row["geo_precision"] == "1"
    assert abs(float(row["latitude"]) + 4.32758) < 1e-4
    assert row["fatalities"] == "4"
    assert row["source"] == "wsws.org"


def test_parquet_export_reads_typed_in_duckdb(stored: Path, tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "events.parquet"
    assert run("export", "--schema", "parquet", "--db", str(stored), "-o", str(out)).exit_code == 0
    types = dict(
        duckdb.sql(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{out}')")
        .fetchall()
    )  # fmt: skip
    assert types["date_start"] == "DATE"
    assert types["location_lat"] == "DOUBLE"
    assert types["counts_killed"] == "BIGINT"
    assert types["actors"].startswith("STRUCT(")
    [(count,)] = duckdb.sql(f"SELECT count(*) FROM '{out}'").fetchall()
    assert count == len(events(stored))


def test_geojson_export_opens_in_geopandas_without_fake_pins(stored: Path, tmp_path: Path) -> None:
    import geopandas as gpd

    out = tmp_path / "events.geojson"
    assert run("export", "--schema", "geojson", "--db", str(stored), "-o", str(out)).exit_code == 0
    frame = gpd.read_file(out)
    assert len(frame) == len(events(stored))
    pinned = frame[frame.geometry.notna()]
    assert len(pinned) > 0
    assert set(pinned["location.precision"]) <= {"city", "point"}
    assert frame[frame["location.precision"] == "country"].geometry.isna().all()


def test_plover_export_is_polecat_json(stored: Path) -> None:
    result = run("export", "--schema", "plover", "--db", str(stored), "--coup")
    records = json.loads(result.stdout)
    assert records and all(r["event"] and r["quad_code"] in (1, 2, 3, 4) for r in records)
    assert all(r["faultline"]["coup"] for r in records)


def test_reingest_changes_nothing(db: Path) -> None:
    import sqlite3

    def dump() -> list[tuple[Any, ...]]:
        with sqlite3.connect(db) as conn:
            names = [
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            return [
                (n, *row) for n in sorted(names) for row in conn.execute(f'SELECT * FROM "{n}"')
            ]

    before = dump()
    result = run("ingest", str(DEMO), str(SEEDS), "--db", str(db))
    assert result.exit_code == 0
    assert "Nothing changed" in result.stdout and "events stored 0" in result.stdout
    assert dump() == before


@pytest.mark.pg
@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="all"),
        pytest.param(["--include-background"], id="background"),
        pytest.param(["--near", "Kinshasa", "--km", "30"], id="near"),
        pytest.param(["--text", "soldiers"], id="text"),
        pytest.param(["--actor", "malanga"], id="actor"),
        pytest.param(["--country", "MLI", "--type", "ASSAULT"], id="country-type"),
        pytest.param(["--since", "2024-05-01", "--until", "2024-05-31"], id="dates"),
    ],
)
def test_postgresql_answers_as_sqlite_does(stored: Path, pg_stored: str, args: list[str]) -> None:
    """The same ingest into PostgreSQL + PostGIS gives the same events for every filter."""
    on_pg = run("events", "--db", pg_stored, "--format", "jsonl", "--all", *args)
    assert on_pg.exit_code == 0, on_pg.output
    assert [json.loads(line) for line in on_pg.stdout.splitlines()] == events(stored, *args)


@pytest.fixture(scope="module")
def pg_stored(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from tests.store.conftest import database_url

    with database_url("postgresql", tmp_path_factory.mktemp("pg")) as url:
        result = run("ingest", str(DEMO), str(SEEDS), "--db", url, "--quiet")
        assert result.exit_code == 0, result.output
        yield url
