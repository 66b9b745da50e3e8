"""Check the linking corpus against the extractor: does every gold (incident, report) pair match?

Run from the repository root::

    python tests/link/corpus/check_corpus.py            # matches, then unmatched events per file
    python tests/link/corpus/check_corpus.py --actors   # also the person/group names found per file

An extracted event matches a gold incident when its PLOVER type is one of the incident's
``types``, its date range overlaps [date - 1 day, date_end + 1 day], and (when the event has a
location) its country equals the incident's ``country``. Exit status 1 when any pair fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from faultline.errors import InputError
from faultline.events.extract import extract_all
from faultline.ingest.normalise import normalise
from faultline.ingest.readers import read_path
from faultline.models import Article, Event, Extraction

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold.yaml"
SLACK = dt.timedelta(days=1)


@dataclass(frozen=True)
class Incident:
    key: str
    types: frozenset[str]
    country: str
    start: dt.date
    end: dt.date
    reports: tuple[str, ...]


def load_gold(path: Path = GOLD) -> tuple[list[Incident], dict[str, Any]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    incidents = [
        Incident(
            key=i["key"],
            types=frozenset(i["types"]),
            country=i["country"],
            start=_date(i["date"]),
            end=_date(i.get("date_end") or i["date"]),
            reports=tuple(i["reports"]),
        )
        for i in raw["incidents"]
    ]
    return incidents, raw


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def extract_corpus(folder: Path = HERE) -> dict[str, tuple[Article, Extraction]]:
    """Every .md file in the folder, read, normalised and extracted in one batch."""
    articles: list[Article] = []
    for path in sorted(folder.glob("*.md")):
        for raw in read_path(str(path)):
            if isinstance(raw, InputError):
                raise SystemExit(f"cannot read {path.name}: {raw}")
            articles.append(normalise(raw))
    return {Path(a.path or "").name: (a, x) for a, x in extract_all(articles)}


def matches(event: Event, incident: Incident) -> bool:
    if event.typing.event_type not in incident.types:
        return False
    start, end = event.date.start, event.date.end or event.date.start
    if start is None or end is None:
        return False
    if end < incident.start - SLACK or start > incident.end + SLACK:
        return False
    loc = event.location
    return loc is None or loc.country is None or loc.country == incident.country


def describe(event: Event) -> str:
    loc = event.location
    where = f"{loc.name}/{loc.country}" if loc else "-"
    d = event.date
    when = f"{d.start}" if d.start == d.end else f"{d.start}..{d.end}"
    counts = {k: v for k, v in vars_of(event.counts).items() if v}
    flags = (" BG" if event.background else "") + (
        f" {event.modality}" if event.modality != "asserted" else ""
    )
    summary = event.summary.replace("\n", " ")[:70]
    return f"{event.typing.event_type:<9} {when:<22} {where:<28} {counts or ''}{flags} | {summary}"


def vars_of(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}  # frozen slotted dataclass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actors", action="store_true", help="list person/group mentions")
    args = parser.parse_args(argv)

    incidents, _raw = load_gold()
    corpus = extract_corpus()
    failures = 0
    matched_events: dict[str, set[str]] = {name: set() for name in corpus}

    print("== gold (incident, report) pairs")
    for incident in incidents:
        for report in incident.reports:
            if report not in corpus:
                print(f"  MISSING FILE  {incident.key:<32} {report}")
                failures += 1
                continue
            hits = [e for e in corpus[report][1].events if matches(e, incident)]
            matched_events[report].update(e.id for e in hits)
            status = "ok  " if hits else "FAIL"
            failures += not hits
            print(f"  {status} {incident.key:<32} {report:<46} {len(hits)} event(s)")
            for event in hits[:1]:
                print(f"         {describe(event)}")

    unreported = sorted(set(corpus) - {r for i in incidents for r in i.reports})
    for name in unreported:
        print(f"  NOT IN GOLD   {name}")
        failures += 1

    print("\n== events matching no gold incident (per file)")
    for name, (article, extraction) in corpus.items():
        rest = [e for e in extraction.events if e.id not in matched_events[name]]
        print(f"  {name}  (source: {article.source}, published {article.published.iso})")
        for event in rest:
            print(f"      {describe(event)}")

    if args.actors:
        print("\n== person / group / party / company mentions (per file)")
        for name, (_article, extraction) in corpus.items():
            seen = sorted(
                {
                    f"{m.text!r}->{m.name} [{m.kind},{m.method},{m.entity_id or '-'}]"
                    for m in extraction.mentions.actors
                    if m.method in ("kb", "alias", "fuzzy", "ner", "coref")
                }
            )
            print(f"  {name}: " + "; ".join(seen))

    pairs = sum(len(i.reports) for i in incidents)
    print(f"\n{pairs - failures} of {pairs} (incident, report) pairs match; {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
