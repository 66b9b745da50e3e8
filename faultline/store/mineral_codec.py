"""Minerals at stake ↔ rows: ``event_minerals``, ``event_deals`` and ``mineral_mentions``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from faultline.models import Deal, DealParty, Event, MineralMention, MineralStake, Span


def stake_rows(event: Event) -> list[dict[str, Any]]:
    return [
        {
            "event_id": event.id,
            "ordinal": index,
            "mineral": stake.mineral,
            "text": stake.text,
            "start": stake.span.start,
            "end": stake.span.end,
        }
        for index, stake in enumerate(event.minerals)
    ]


def deal_row(event: Event) -> dict[str, Any] | None:
    deal = event.deal
    if deal is None:
        return None
    return {
        "event_id": event.id,
        "kind": deal.kind,
        "parties": [_party_json(p) for p in deal.parties],
        "minerals": list(deal.minerals),
        "money_usd": deal.money_usd,
    }


def mention_rows(article_id: str, mentions: Iterable[MineralMention]) -> list[dict[str, Any]]:
    seen: set[tuple[int, int]] = set()
    rows = []
    for mention in mentions:
        key = (mention.span.start, mention.span.end)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            {
                "article_id": article_id,
                "start": mention.span.start,
                "end": mention.span.end,
                "text": mention.text,
                "minerals": list(mention.minerals),
            }
        )
    return rows


def stakes_from_rows(rows: Sequence[Any]) -> tuple[MineralStake, ...]:
    return tuple(
        MineralStake(r.mineral, r.text, Span(r.start, r.end))
        for r in sorted(rows, key=lambda r: r.ordinal)
    )


def deal_from_row(row: Any | None) -> Deal | None:
    if row is None:
        return None
    return Deal(
        kind=row.kind,
        parties=tuple(_party(p) for p in row.parties),
        minerals=tuple(row.minerals),
        money_usd=int(row.money_usd) if row.money_usd is not None else None,
    )


def mention_from_row(row: Any) -> MineralMention:
    return MineralMention(Span(row.start, row.end), row.text, tuple(row.minerals))


def _party_json(party: DealParty) -> dict[str, Any]:
    return {
        "name": party.name,
        "text": party.text,
        "start": party.span.start,
        "end": party.span.end,
        "entity_id": party.entity_id,
    }


def _party(value: dict[str, Any]) -> DealParty:
    return DealParty(
        name=value["name"],
        text=value["text"],
        span=Span(int(value["start"]), int(value["end"])),
        entity_id=value.get("entity_id"),
    )
