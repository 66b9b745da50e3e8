"""One incident from its reports: the figures reconciled, the where and when, the summary.

The count rule (stated in the README), after ACLED's conservative practice:

1. A report's figure for a count is the largest one the article gives for the incident: an
   article restates its toll ("two guards were killed" ... "the attack killed two"), and adding
   its figures up would count the same dead twice.
2. The range runs from the lowest to the highest report.
3. The best estimate is the lowest figure an outlet states in its own voice (asserted or
   hedged); when every figure is someone's claim (an army spokesman, a rebel statement), the
   lowest claim. A higher toll stays visible in the range and in each report's line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from faultline.events.relations import money_text
from faultline.models import CountName, CountReport, IncidentReport, ReconciledCount

COUNT_NAMES: tuple[CountName, ...] = (
    "killed",
    "injured",
    "arrested",
    "displaced",
    "abducted",
    "people",
    "money_usd",
)
# A clause this short ("since the war began") says too little to stand for the incident.
_SHORT_SUMMARY_WORDS = 6
_OWN_VOICE = frozenset({"asserted", "hedged"})
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4}
_PLACE_RANK = {"point": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
_OUTCOME_RANK = {"successful": 0, "attempted": 1, "plot": 2}


@dataclass(frozen=True, slots=True)
class Member:
    """One member event with what the incident row is built from."""

    report: IncidentReport
    date_precision: str | None
    country: str | None
    location_precision: str | None
    lat: float | None
    lon: float | None
    coup: str | None
    confidence: float
    ordinal: int = 0  # the event's place in its article: leads come first
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    event_type: str
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str | None
    country: str | None
    location: str | None
    location_precision: str | None
    lat: float | None
    lon: float | None
    coup: str | None
    events: int
    articles: int
    sources: int
    summary: str
    background: bool
    counts: tuple[ReconciledCount, ...]


def reconcile_counts(members: Sequence[Member]) -> tuple[ReconciledCount, ...]:
    """Every count any report gives, reconciled by the rule above."""
    found: list[ReconciledCount] = []
    for name in COUNT_NAMES:
        reports = _reports_for(members, name)
        if not reports:
            continue
        values = [r.value for r in reports]
        own = [r.value for r in reports if r.modality in _OWN_VOICE]
        found.append(
            ReconciledCount(name, min(own or values), min(values), max(values), tuple(reports))
        )
    return tuple(found)


def _reports_for(members: Sequence[Member], name: str) -> list[CountReport]:
    """One figure per article: its largest, cited to the event that gives it."""
    best: dict[str, CountReport] = {}
    for member in members:
        value = member.counts.get(name)
        if value is None:
            continue
        report = member.report
        held = best.get(report.article_id)
        if held is None or value > held.value:
            best[report.article_id] = CountReport(
                value, report.article_id, report.source, report.event_id, report.modality
            )
    return sorted(best.values(), key=lambda r: (-r.value, r.source or "", r.article_id))


def summarise(members: Sequence[Member]) -> IncidentSummary:
    """The incident row: majority type, the most precise date and place, the clearest report."""
    dated = [m for m in members if m.report.date_start is not None]
    finest = min((_PRECISION_RANK.get(m.date_precision or "", 9) for m in dated), default=None)
    sharp = [m for m in dated if _PRECISION_RANK.get(m.date_precision or "", 9) == finest]
    placed = sorted(
        (m for m in members if m.location_precision),
        key=lambda m: (_PLACE_RANK.get(m.location_precision or "", 9), -m.confidence),
    )
    where = _most_common_place(placed)
    coups = sorted((m.coup for m in members if m.coup), key=lambda c: _OUTCOME_RANK.get(c, 9))
    articles = {m.report.article_id for m in members}
    sources = {m.report.source or m.report.article_id for m in members}
    return IncidentSummary(
        event_type=_majority_type(members),
        date_start=min((m.report.date_start for m in sharp), default=None),  # type: ignore[type-var]
        date_end=max((m.report.date_end or m.report.date_start for m in sharp), default=None),  # type: ignore[type-var]
        date_precision=sharp[0].date_precision if sharp else None,
        country=next((m.country for m in placed if m.country), None),
        location=where.report.location if where else None,
        location_precision=where.location_precision if where else None,
        lat=where.lat if where else None,
        lon=where.lon if where else None,
        coup=Counter(coups).most_common(1)[0][0] if coups else None,
        events=len(members),
        articles=len(articles),
        sources=len(sources),
        summary=_clearest(members).report.summary,
        background=all(m.report.background for m in members),
        counts=reconcile_counts(members),
    )


def _majority_type(members: Sequence[Member]) -> str:
    votes = Counter(m.report.event_type for m in members)
    return min(votes, key=lambda t: (-votes[t], t))


def _most_common_place(placed: Sequence[Member]) -> Member | None:
    """Among the most precise places, the one most reports name."""
    if not placed:
        return None
    rank = _PLACE_RANK.get(placed[0].location_precision or "", 9)
    top = [m for m in placed if _PLACE_RANK.get(m.location_precision or "", 9) == rank]
    votes = Counter(m.report.location for m in top)
    name = min(votes, key=lambda n: (-votes[n], n or ""))
    return next(m for m in top if m.report.location == name)


def _clearest(members: Sequence[Member]) -> Member:
    """The report to summarise the incident by: told in the outlet's own voice, current
    (not background), nearest its article's lead, most confidently typed."""
    return min(
        members,
        key=lambda m: (
            m.report.modality not in _OWN_VOICE,
            m.report.background,
            len(m.report.summary.split()) < _SHORT_SUMMARY_WORDS,
            m.ordinal,
            -m.confidence,
            m.report.event_id,
        ),
    )


def count_line(count: ReconciledCount) -> str:
    """ "killed: 3–6 (best 3; 4 reports: 6 wsws.org, 4 reuters.com, 3 bbc.com, 3 ...)"."""
    show = money_text if count.name == "money_usd" else str
    figures = ", ".join(f"{show(r.value)} {r.source or r.article_id[:10]}" for r in count.reports)
    span = f"{show(count.low)}–{show(count.high)}" if count.conflicting else show(count.low)
    plural = "report" if len(count.reports) == 1 else "reports"
    reports = f"{len(count.reports)} {plural}: {figures}"
    return f"{count.name}: {span} (best {show(count.best)}; {reports})"
