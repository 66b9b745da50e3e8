"""The knowledge graph: every article's relations, merged per entity and predicate.

Nodes are canonical entities (cross-article linking applied); an edge ``subject predicate
object`` carries how many articles state it, when it was first and last seen (the relation's
own date, else its article's publication date), the stakes of deals, and its evidence spans.
Symmetric predicates (allied_with, cooperates_with, consults, deals_with) are stored in one
direction. Writers hand the graph to networkx for GraphML and GEXF (Gephi), and node-link
JSON.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import Session

from faultline.link.entities import canonical_ids
from faultline.link.loading import chunks
from faultline.models import GraphEdge
from faultline.store.event_codec import as_date
from faultline.store.tables import ArticleTable, EntityTable, RelationTable

SYMMETRIC = frozenset({"allied_with", "cooperates_with", "consults", "deals_with"})
GRAPH_FORMATS = ("json", "graphml", "gexf")
# Evidence kept per edge in the graph files; the store keeps all of it.
_EVIDENCE_PER_EDGE = 5


@dataclass(slots=True)
class _Edge:
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    dates: list[dt.date] = field(default_factory=list)
    stakes: dict[str, None] = field(default_factory=dict)
    evidence: list[tuple[str, int, int, str]] = field(default_factory=list)


def graph_edges(session: Session, entity_ids: Iterable[str] | None = None) -> list[GraphEdge]:
    """Aggregated edges (all, or those touching any of ``entity_ids``), strongest first."""
    statement = select(
        RelationTable.article_id,
        RelationTable.subject_id,
        RelationTable.predicate,
        RelationTable.object_id,
        RelationTable.date,
        RelationTable.start,
        RelationTable.end,
        RelationTable.text,
        RelationTable.stake,
        ArticleTable.published,
    ).join(ArticleTable, ArticleTable.id == RelationTable.article_id)
    if entity_ids is not None:
        ids = sorted(set(entity_ids))
        statement = statement.where(
            RelationTable.subject_id.in_(ids) | RelationTable.object_id.in_(ids)
        )
    rows = session.execute(statement.order_by(RelationTable.id)).all()
    canonical = canonical_ids(session, {r.subject_id for r in rows} | {r.object_id for r in rows})
    edges: dict[tuple[str, str, str], _Edge] = defaultdict(_Edge)
    for row in rows:
        subject, obj = canonical[row.subject_id], canonical[row.object_id]
        if subject == obj:
            continue
        if row.predicate in SYMMETRIC and obj < subject:
            subject, obj = obj, subject
        edge = edges[(subject, row.predicate, obj)]
        edge.articles.add(row.article_id)
        edge.mentions += 1
        seen = as_date(row.date) or _published_date(row.published)
        if seen is not None:
            edge.dates.append(seen)
        if row.stake:
            edge.stakes.update(dict.fromkeys(row.stake.split("; ")))
        edge.evidence.append((row.article_id, row.start, row.end, row.text))
    names = entity_names(session, {key for s, _, o in edges for key in (s, o)})
    found = [
        GraphEdge(
            subject_id=s,
            subject=names.get(s, s),
            predicate=p,  # type: ignore[arg-type]
            object_id=o,
            object=names.get(o, o),
            articles=len(e.articles),
            mentions=e.mentions,
            first_seen=min(e.dates, default=None),
            last_seen=max(e.dates, default=None),
            stakes=tuple(e.stakes),
            evidence=tuple(e.evidence),
        )
        for (s, p, o), e in edges.items()
    ]
    return sorted(found, key=lambda g: (-g.articles, -g.mentions, g.subject, g.predicate, g.object))


def entity_names(session: Session, ids: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in chunks(sorted(set(ids))):
        statement = select(EntityTable.id, EntityTable.name).where(EntityTable.id.in_(chunk))
        found.update({row.id: row.name for row in session.execute(statement)})
    return found


def graph_json(session: Session, edges: list[GraphEdge]) -> dict[str, list[dict[str, Any]]]:
    """Nodes (the entities the edges touch) and edges as plain JSON values."""
    ids = sorted({e.subject_id for e in edges} | {e.object_id for e in edges})
    nodes = [
        {"id": row.id, "label": row.name, "kind": row.kind, "country": row.country,
         "sector": row.sector, "source": row.source}
        for row in _entity_rows(session, ids)
    ]  # fmt: skip
    return {"nodes": nodes, "edges": [_edge_json(edge) for edge in edges]}


def _edge_json(edge: GraphEdge) -> dict[str, Any]:
    return {
        "source": edge.subject_id,
        "target": edge.object_id,
        "predicate": edge.predicate,
        "articles": edge.articles,
        "mentions": edge.mentions,
        "first_seen": edge.first_seen.isoformat() if edge.first_seen else None,
        "last_seen": edge.last_seen.isoformat() if edge.last_seen else None,
        "stakes": list(edge.stakes),
        "evidence": [
            {"article_id": a, "start": s, "end": e, "text": t}
            for a, s, e, t in edge.evidence[:_EVIDENCE_PER_EDGE]
        ],
    }


def to_networkx(data: dict[str, list[dict[str, Any]]]) -> nx.MultiDiGraph:
    """``graph_json`` as a networkx multigraph, one edge per (subject, predicate, object)
    keyed by predicate. Attributes are strings and numbers only, as GraphML and GEXF require."""
    graph = nx.MultiDiGraph(name="faultline knowledge graph")
    for node in data["nodes"]:
        attributes = {k: v if v is not None else "" for k, v in node.items() if k != "id"}
        graph.add_node(node["id"], **attributes)
    for edge in data["edges"]:
        graph.add_edge(
            edge["source"],
            edge["target"],
            key=edge["predicate"],
            predicate=edge["predicate"],
            label=edge["predicate"],
            articles=edge["articles"],
            mentions=edge["mentions"],
            first_seen=edge["first_seen"] or "",
            last_seen=edge["last_seen"] or "",
            stakes="; ".join(edge["stakes"]),
            evidence=json.dumps(edge["evidence"], ensure_ascii=False),
        )
    return graph


def write_graph(graph: nx.MultiDiGraph, fmt: str, out: IO[str] | Path) -> None:
    """Write ``graph`` as node-link JSON, GraphML or GEXF to a text stream or a file."""
    if fmt == "json":
        text = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1)
    elif fmt == "graphml":
        text = "\n".join(nx.generate_graphml(graph)) + "\n"
    elif fmt == "gexf":
        text = "\n".join(nx.generate_gexf(graph)) + "\n"
    else:
        raise ValueError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
    if isinstance(out, Path):
        out.write_text(text, encoding="utf-8")
    else:
        out.write(text)


def _entity_rows(session: Session, ids: list[str]) -> list[Any]:
    rows: list[Any] = []
    for chunk in chunks(ids):
        rows += session.execute(select(EntityTable).where(EntityTable.id.in_(chunk))).scalars()
    return rows


def _published_date(published: str | None) -> dt.date | None:
    """A publication date known to the day ("2024-05-22"); partial ones say too little."""
    if published and len(published) == 10 and published[4] == "-":
        return dt.date.fromisoformat(published)
    return None
