"""``faultline incidents``, ``incident``, ``entity``, ``graph`` and ``link``: what the store
knows across articles — one incident per happening, one entity per actor, one graph."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from faultline.cli.common import DbOption
from faultline.cli.filters import DEFAULT_KM, build_incident_filter
from faultline.cli.output import Format, clean_errors, emit_records, err, out, short_id
from faultline.export.event_json import jsonable
from faultline.link.reconcile import count_line
from faultline.models import EntityProfile, Incident
from faultline.store import Store

INCIDENT_COLUMNS = ["id", "date", "type", "place", "reports", "killed", "summary"]
COUP_COLUMNS = ["id", "date", "type", "place", "reports", "killed", "coup", "summary"]
GRAPH_FORMATS = ("json", "graphml", "gexf")


def incidents_cli(
    db: DbOption = None,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", "-c", help="ISO3/ISO2 code or name. Repeat for several."),
    ] = None,
    event_type: Annotated[
        list[str] | None,
        typer.Option("--type", "-t", help="PLOVER or ACLED type of any report. Repeatable."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Reaching YYYY-MM-DD or later.")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Beginning by YYYY-MM-DD.")] = None,
    near: Annotated[str | None, typer.Option("--near", help="A place name or 'LAT,LON'.")] = None,
    km: Annotated[
        float | None, typer.Option("--km", min=0.001, help=f"Radius for --near ({DEFAULT_KM:g}).")
    ] = None,
    coup: Annotated[
        bool, typer.Option("--coup", help="Only coups, with their Cline match.")
    ] = False,
    min_reports: Annotated[
        int, typer.Option("--min-reports", min=1, help="Only incidents this many articles report.")
    ] = 1,
    text: Annotated[str | None, typer.Option("--text", help="Words in summary or place.")] = None,
    include_background: Annotated[
        bool,
        typer.Option("--include-background", help="Also history the articles recall."),
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", help="table, json, jsonl or csv.")] = (
        Format.table
    ),
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Incidents per page.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Incidents to skip.")] = 0,
) -> None:
    """Incidents: each happening once, with every article that reports it and the figures
    reconciled (best estimate, range, who said what)."""
    flt = build_incident_filter(
        country=country, event_type=event_type, since=since, until=until, near=near, km=km,
        coup=coup, min_reports=min_reports, text=text, include_background=include_background,
    )  # fmt: skip
    with clean_errors(), Store.open(db, read_only=True) as store:
        found, total = store.incidents(flt, limit=limit, offset=offset)
    if fmt is Format.table:
        rows = [_table_row(i) for i in found]
        shown = f"{offset + 1}–{offset + len(found)} of {total}" if found else f"0 of {total}"
        columns = COUP_COLUMNS if coup else INCIDENT_COLUMNS
        emit_records(rows, fmt, columns=columns, title=f"incidents {shown}")
        return
    emit_records([incident_json(i) for i in found], fmt, columns=list(_flat_columns()))


def incident_cli(
    ref: Annotated[
        str, typer.Argument(metavar="INCIDENT", help="Incident id, unique prefix or an event id.")
    ],
    db: DbOption = None,
    fmt: Annotated[Format, typer.Option("--format", help="table (readable) or json.")] = (
        Format.table
    ),
) -> None:
    """One incident: where, when, the figures reconciled, and every report of it."""
    with clean_errors(), Store.open(db, read_only=True) as store:
        found = store.get_incident(ref)
    if fmt is not Format.table:
        sys.stdout.write(json.dumps(incident_json(found), ensure_ascii=False, indent=2) + "\n")
        return
    _print_incident(found)


def entity_cli(
    name: Annotated[str, typer.Argument(help="An entity id, name, or any way articles wrote it.")],
    db: DbOption = None,
    fmt: Annotated[Format, typer.Option("--format", help="table (readable) or json.")] = (
        Format.table
    ),
) -> None:
    """An entity's profile: its names across articles, kind, country, events, relations."""
    with clean_errors(), Store.open(db, read_only=True) as store:
        found = store.entity(name)
    if fmt is not Format.table:
        sys.stdout.write(json.dumps(jsonable(asdict(found)), ensure_ascii=False, indent=2) + "\n")
        return
    _print_entity(found)


def graph_cli(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="json (node-link), graphml or gexf.")] = (
        "json"
    ),
    entity: Annotated[
        str | None, typer.Option("--entity", help="Only edges touching this entity.")
    ] = None,
    out_path: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file, not standard output.")
    ] = None,
) -> None:
    """The knowledge graph (who backs, leads, attacks, sanctions, deals with whom), with
    evidence and first/last seen dates; opens in networkx and Gephi."""
    from faultline.link.graph import write_graph

    if fmt not in GRAPH_FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(GRAPH_FORMATS)}", param_hint="--format")
    with clean_errors(), Store.open(db, read_only=True) as store:
        members = list(store.entity(entity).members) if entity else None
        graph = store.graph(members)
    write_graph(graph, fmt, out_path if out_path is not None else sys.stdout)
    if out_path is not None:
        err.print(
            f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} relations → {out_path}",
            highlight=False,
        )


def link_cli(db: DbOption = None) -> None:
    """Link events not yet in an incident (ingest does this itself; use after an interrupted
    ingest or an upgrade)."""
    with clean_errors(), Store.open(db) as store:
        report = store.link()
    err.print(
        f"events examined {report.events} · links {report.links} · incidents built "
        f"{report.incidents}",
        highlight=False,
    )


def incident_json(incident: Incident) -> dict[str, Any]:
    return jsonable(asdict(incident))


def _table_row(incident: Incident) -> dict[str, Any]:
    killed = next((c for c in incident.counts if c.name == "killed"), None)
    return {
        "id": short_id(incident.id),
        "date": _date_text(incident),
        "type": incident.event_type,
        "place": ", ".join(p for p in (incident.location, incident.country) if p),
        "reports": incident.articles,
        "killed": (
            f"{killed.best} [{killed.low}–{killed.high}]"
            if killed and killed.conflicting
            else killed.best
            if killed
            else None
        ),
        "coup": _coup_text(incident),
        "summary": incident.summary,
    }


def _date_text(incident: Incident) -> str:
    if incident.date_start is None:
        return ""
    start = incident.date_start
    days = (incident.date_end - start).days if incident.date_end else 0
    return start.isoformat() if days <= 0 else f"{start.isoformat()} +{days}d"


def _coup_text(incident: Incident) -> str | None:
    if incident.coup is None:
        return None
    match = incident.coup_match
    if match is None:
        return incident.coup
    if match.status == "matched":
        return f"{incident.coup}: Cline {match.coup_id}"
    if not match.covered:
        return f"{incident.coup}: new, after Cline"
    return f"{incident.coup}: new, not in Cline"


def _print_incident(incident: Incident) -> None:
    out.print(
        Text.assemble((incident.id, "bold"), f"  {incident.event_type}  {_date_text(incident)}")
    )
    place = ", ".join(p for p in (incident.location, incident.country) if p)
    out.print(f"where: {place or 'unknown'}", highlight=False)
    out.print(f"summary: {incident.summary}", highlight=False)
    out.print(f"reports: {incident.articles} articles from {incident.sources} outlets, "
              f"{incident.events} events", highlight=False)  # fmt: skip
    if incident.coup:
        out.print(f"coup: {_coup_text(incident)}", highlight=False)
    for count in incident.counts:
        out.print(count_line(count), highlight=False)
    rows = [
        {
            "event": short_id(r.event_id),
            "source": r.source or short_id(r.article_id),
            "published": r.published,
            "type": r.event_type,
            "date": r.date_start.isoformat() if r.date_start else None,
            "modality": r.modality + (f" ({r.speaker})" if r.speaker else ""),
            "summary": r.summary,
        }
        for r in incident.reports
    ]
    emit_records(rows, Format.table, columns=list(rows[0]) if rows else ["event"])


def _print_entity(profile: EntityProfile) -> None:
    out.print(Text.assemble((profile.name, "bold"), f"  ({profile.id})"), highlight=False)
    line = (
        f"kind: {profile.kind}  country: {profile.country or '-'}  "
        f"sector: {profile.sector or '-'}  source: {profile.source}"
    )
    out.print(line, highlight=False)
    aliases = "; ".join(f"{a.text} ×{a.mentions}" for a in profile.aliases)
    out.print(f"names: {aliases}", highlight=False)
    out.print(f"articles: {profile.articles}  merged ids: {', '.join(profile.members)}",
              highlight=False)  # fmt: skip
    events = [
        {"date": e.date_start.isoformat() if e.date_start else None, "role": e.role,
         "type": e.event_type, "incident": short_id(e.incident_id), "summary": e.summary}
        for e in profile.events
    ]  # fmt: skip
    if events:
        emit_records(events, Format.table, columns=list(events[0]), title="events")
    relations = [
        {"subject": r.subject, "predicate": r.predicate, "object": r.object,
         "articles": r.articles, "first": r.first_seen, "last": r.last_seen,
         "stake": "; ".join(r.stakes) or None}
        for r in profile.relations
    ]  # fmt: skip
    if relations:
        emit_records(relations, Format.table, columns=list(relations[0]), title="relations")


def _flat_columns() -> dict[str, None]:
    names = ["id", "event_type", "date_start", "date_end", "date_precision", "country",
             "location", "location_precision", "lat", "lon", "coup", "events", "articles",
             "sources", "summary"]  # fmt: skip
    return dict.fromkeys(names)
