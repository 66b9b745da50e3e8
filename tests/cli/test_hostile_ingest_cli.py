"""`faultline ingest` on a folder of hostile files, end to end: exit status 1, one line per bad
file or record naming it and its problem, no traceback, the good files of the same run stored,
and what the store held before kept."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultline.cli.main import app

runner = CliRunner()

GOOD_MD = """# Militia raid on a river port

By Amani Diallo

Gunmen raided the river port of Kisangani on Tuesday night, killing four traders, the
provincial governor said.

Residents said the attackers crossed the river in canoes before dawn.
"""
EARLIER = """Mutiny at a northern barracks

Soldiers at a barracks in Gao mutinied on Friday over unpaid wages, a military source said.
They fired into the air and blocked the main road for several hours.
"""
SENTENCE = "Rebels shelled the airport of Goma on Monday, killing three civilians, officials said."
FEED = (
    '<?xml version="1.0"?><rss><channel><title>Lake Wire</title>'
    "<item><title>Shelling near Goma</title><description>"
    f"{SENTENCE} The army said it had pushed the rebels back."
    "</description><link>http://[::1</link><pubDate>Fri, 31 Dec 9999 10:00:00 +0000</pubDate>"
    "</item><item><title>An empty entry</title></item></channel></rss>"
)


def jsonl(*records: object) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records
    )


def hostile_folder(folder: Path) -> dict[str, str]:
    """Writes the inputs; returns {what each bad one's line names: its error code}."""
    folder.mkdir()
    files: dict[str, bytes] = {
        "good.md": GOOD_MD.encode(),
        "nested.md": (
            "Deep quotes\n\n" + "> " * 1000 + "Police arrested 40 protesters.\n"
        ).encode(),
        "controls.md": f"\ufeff\u202eRiver\u202c report\n\n\u200f{SENTENCE}\x0c\x1b\n".encode(),
        "western.txt": f"Caf\xe9 attack\n\n{SENTENCE} The caf\xe9 owner fled.\n".encode("cp1252"),
        "wire.xml": FEED.encode(),
        "records.jsonl": jsonl(
            {"text": f"Report\n\n{SENTENCE}", "title": "Report", "url": "http://[::1"},
            {"text": 12345},
            [1, 2],
            b"[" * 100_000 + b"]" * 100_000,
            {"text": "Report\n\nGunmen killed 999999999999999999999 people.", "published": 9},
            b'{"text": "Surrogate\\n\\nRebels \\ud800 attacked Goma.", "published": "9999-12-31"}',
            {"text": "Gunmen attacked Bunia, killing 999999999999999999999 people, police said."},
        ),
        "empty.txt": b" \n\t\n",
        "binary.txt": bytes(range(256)) * 4,
        "menu.html": b"<html><body><nav><a href='/'>Home</a></nav>" + b"<div>" * 3000,
        "bomb.xml": gzip.compress(b"<rss>" + b"a" * (20 * 1024 * 1024)),
        "bomb.jsonl": gzip.compress(b'{"text": "' + b"a" * (20 * 1024 * 1024)),
        "huge.txt": b"x" * (10 * 1024 * 1024),
        "huge.jsonl": jsonl({"text": "y" * (10 * 1024 * 1024)}),
        "pointer.xml": str(folder / "wire.xml").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    # A name that is not UTF-8 (stored and printed with U+FFFD), one with a newline (escaped).
    cafe = Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9.md"))
    cafe.write_text("Caf\xe9\n\nPolice dispersed a march in Bukavu on Saturday, witnesses said.")
    (folder / "new\nline.txt").write_bytes(b"")
    return {
        "new\\x0aline.txt": "E102",
        "wire.xml (entry 2)": "E106",
        "records.jsonl (line 2)": "E105",
        "records.jsonl (line 3)": "E105",
        "records.jsonl (line 4)": "E105",
        "records.jsonl (line 5)": "E105",
        "empty.txt": "E102",
        "binary.txt": "E103",
        "menu.html": "E106",
        "bomb.xml": "E103",
        "bomb.jsonl": "E103",
        "huge.txt": "E107",
        "huge.jsonl (line 1)": "E107",
        "pointer.xml": "E106",
    }


def titles(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT title FROM articles")}


def test_a_folder_of_hostile_files(tmp_path: Path) -> None:
    db = tmp_path / "hostile.db"
    earlier = tmp_path / "earlier.txt"
    earlier.write_text(EARLIER, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(earlier), "--db", str(db), "-q"]).exit_code == 0
    expected = hostile_folder(tmp_path / "in")

    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db), "-q"])

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception)  # only the SystemExit of exit status 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == len(expected), "\n".join(failed)
    for name, code in expected.items():
        [line] = [ln for ln in failed if f"{tmp_path / 'in' / name}:" in ln]
        assert f"[{code}]" in line, line
    assert "read 23 · new 9 · unchanged 0 · failed 14" in result.stdout, result.stdout
    stored = titles(db)
    assert "Mutiny at a northern barracks" in stored  # what the store held before
    for title in ("Militia raid on a river port", "Deep quotes", "Shelling near Goma", "Report"):
        assert title in stored
    assert "Caf\xe9" in stored  # the file whose name is not UTF-8, stored under a printable one
    with sqlite3.connect(db) as conn:
        paths = {row[0] for row in conn.execute("SELECT path FROM article_sources")}
    assert str(tmp_path / "in" / "caf\ufffd.md") in paths


def test_the_surrogate_and_huge_figure_records_are_stored(tmp_path: Path) -> None:
    """Regression, end to end: a lone surrogate escape, a publication date in year 9999 and a
    figure no integer column holds each used to end in a crash; now the articles are stored."""
    db = tmp_path / "s.db"
    path = tmp_path / "odd.jsonl"
    path.write_bytes(
        jsonl(
            b'{"text": "Surrogate\\n\\nRebels \\ud800 attacked Goma.", "published": "9999-12-31"}',
            {"text": "Gunmen attacked Bunia, killing 999999999999999999999 people, police said."},
        )
    )
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    assert "new 2" in result.stdout
    with sqlite3.connect(db) as conn:
        published = [row[0] for row in conn.execute("SELECT published FROM articles")]
    assert published == [None, None]


def test_a_compressed_file_named_directly_and_on_stdin(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    bomb = tmp_path / "articles.jsonl.gz"
    bomb.write_bytes(gzip.compress(b"a" * (20 * 1024 * 1024)))
    result = runner.invoke(app, ["ingest", str(bomb), "--db", str(db)])
    assert result.exit_code == 1
    assert f"{bomb}: [E103] gzip-compressed data" in result.stderr
    result = runner.invoke(app, ["ingest", "-", "--db", str(db)], input=bomb.read_bytes())
    assert result.exit_code == 1
    assert "-: [E103] gzip-compressed data" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_a_publication_date_outside_the_calendar_is_a_usage_error(
    tmp_path: Path, date: str
) -> None:
    result = runner.invoke(
        app, ["ingest", "x.txt", "--published", date, "--db", str(tmp_path / "d.db")]
    )
    assert result.exit_code == 2
    assert "1000-2099" in result.output
