"""``faultline exposure`` and ``faultline minerals`` on the seeds and the demo corpus: cobalt's
exposure moves with the Kinshasa coup attempt (May 2024) and M23's taking of Goma (Jan 2025)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultline.cli.main import app
from faultline.cli.minerals import DRIVER_COLUMNS, POINT_COLUMNS, bar
from faultline.minerals.exposure import FORMULA

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"
runner = CliRunner()


@pytest.fixture(scope="module")
def corpus_db(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both DRC seeds and the demo articles, ingested once (spaCy is the slow part)."""
    db = tmp_path_factory.mktemp("exposure") / "exposure.db"
    seeds = corpus_dir / "seeds"
    # Its date line has no year: the date it ran completes it, as its gold says.
    us_deal = ["ingest", str(seeds / "drc-us-minerals-2025.txt"), "--published", "2025-03-10"]
    for command in (us_deal, ["ingest", str(seeds / "drc-coup-attempt-2024.txt"), str(DEMO)]):
        result = runner.invoke(app, [*command, "--db", str(db), "--quiet"])
        assert result.exit_code == 0, result.output
    return db


def exposure(db: Path, *options: str) -> tuple[int, str, str]:
    args = ["exposure", "--mineral", "cobalt", "--since", "2024-01-01", "--db", str(db)]
    result = runner.invoke(app, [*args, *options])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def cobalt_json(corpus_db: Path) -> dict:
    code, stdout, stderr = exposure(corpus_db, "--format", "json")
    assert code == 0, stderr
    return json.loads(stdout)


def counted_in(series: dict, period: str) -> list[dict]:
    drivers = [d for d in series["drivers"] if d["period"] == period and d["counted_as"] is None]
    return sorted(drivers, key=lambda d: -d["contribution"])


def point(series: dict, period: str) -> dict:
    return next(p for p in series["points"] if p["period"] == period)


def test_may_2024_is_driven_by_the_kinshasa_coup_attempt(cobalt_json):
    assert point(cobalt_json, "2024-05")["value"] > 0
    top = counted_in(cobalt_json, "2024-05")[0]
    assert (top["place"], top["coup"], top["locality_reason"]) == (
        "Kinshasa",
        "attempted",
        "coup: national",
    )
    assert top["share_row"].startswith("share:cobalt:COD:")


def test_january_2025_is_driven_by_goma(cobalt_json):
    assert point(cobalt_json, "2025-01")["value"] > 0
    places = [d["place"] for d in counted_in(cobalt_json, "2025-01")]
    assert "Goma" in places


def test_series_starts_at_since_and_has_quiet_months(cobalt_json):
    periods = [p["period"] for p in cobalt_json["points"]]
    assert periods[0] == "2024-01"
    assert periods == sorted(periods) and len(periods) == len(set(periods))
    assert any(p["value"] == 0 for p in cobalt_json["points"])  # e.g. months with no news
    assert cobalt_json["mineral"] == "cobalt" and cobalt_json["since"] == "2024-01-01"


def test_table_has_header_series_drivers_and_formula(corpus_db):
    code, stdout, _ = exposure(corpus_db)
    assert code == 0
    flat = " ".join(stdout.split())  # the formula line wraps at the terminal's width
    assert flat.startswith("Cobalt — COD ")
    assert "formula: " + " ".join(FORMULA.split()) in flat
    assert "2024-05" in stdout and "2025-01" in stdout
    assert "coup: national" in stdout
    assert "█" in stdout


def test_csv_has_one_row_per_driver_or_per_point(corpus_db, cobalt_json):
    code, stdout, _ = exposure(corpus_db, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(stdout)))
    assert list(rows[0]) == DRIVER_COLUMNS
    assert len(rows) == len(cobalt_json["drivers"])
    code, stdout, _ = exposure(corpus_db, "--format", "csv", "--points")
    points = list(csv.DictReader(io.StringIO(stdout)))
    assert list(points[0]) == POINT_COLUMNS
    assert [p["period"] for p in points] == [p["period"] for p in cobalt_json["points"]]


def test_quarters(corpus_db):
    code, stdout, _ = exposure(corpus_db, "--format", "json", "--period", "quarter")
    assert code == 0
    series = json.loads(stdout)
    assert series["period"] == "quarter"
    assert point(series, "2024-Q2")["value"] > 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        pytest.param(["--mineral", "xyz"], ["[E301]", "unknown mineral", "'xyz'", "cobalt"]),
        pytest.param(["--mineral", "cobalt", "--since", "May 2024"], ["--since"]),
        pytest.param(
            ["--mineral", "cobalt", "--since", "2025-01-01", "--until", "2024-01-01"], ["after"]
        ),
        pytest.param(["--mineral", "cobalt", "--period", "week"], ["--period"]),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(tmp_path, args, words):
    result = runner.invoke(app, ["exposure", *args, "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr


def test_minerals_lists_the_rows_behind_the_numbers():
    result = runner.invoke(
        app, ["minerals", "--country", "DRC", "-m", "cobalt", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    kinds = {row["kind"] for row in rows}
    assert kinds == {"share", "area"}
    share = next(row for row in rows if row["kind"] == "share")
    assert (share["mineral"], share["country"]) == ("cobalt", "COD")
    assert share["source"] and share["year"] and 0 < share["share"] <= 1
    assert all(row["row"].startswith(("share:cobalt:COD:", "area:cobalt:COD:")) for row in rows)


def test_minerals_table_names_sources():
    result = runner.invoke(app, ["minerals", "--mineral", "coltan"])
    assert result.exit_code == 0, result.output
    assert "share:tantalum:COD:" in result.stdout  # the alias resolved, ids shown whole
    assert "share:cobalt:" not in result.stdout
    assert "Producing provinces" in result.stdout


@pytest.mark.parametrize(
    ("value", "peak", "expected"),
    [
        (1.0, 1.0, "█" * 20),
        (0.5, 1.0, "█" * 10),
        (0.0, 1.0, ""),
        (0.001, 1.0, "▏"),  # small but not zero: still visible
        (3.0, 0.0, ""),
    ],
)
def test_bar(value, peak, expected):
    assert bar(value, peak) == expected
