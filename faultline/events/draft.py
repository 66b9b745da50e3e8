"""The intermediate event record: one clause-level event mention with its arguments attached.

Detection fills it (``detect.find_event_clauses``), merging folds several drafts about one action
into one (``merge.merge_drafts``), and assembly turns it into an ``Event`` once the type,
modality, attribution and coup block are known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from faultline.models import Counts, EventActor, EventDate, EventLocation, Evidence, Span

# The coarse lexical families a trigger belongs to. They only steer merging and give the
# classifier a hint; the PLOVER/ACLED type is decided by the classifier.
LEXICAL_CLASSES = (
    "violence",
    "coercion",
    "coup",
    "protest",
    "sanction",
    "accusation",
    "threat",
    "demand",
    "agreement",
    "consult",
    "aid",
    "support",
    "mobilisation",
    "retreat",
    "displacement",
)


@dataclass(frozen=True, slots=True)
class EventDraft:
    """One event mention: its trigger, the clause expressing it, and what was attached."""

    trigger: Span
    trigger_lemma: str
    lexical_class: str
    clause: Span
    sentence: Span
    sentence_index: int
    paragraph_index: int
    actors: tuple[EventActor, ...]
    date: EventDate
    location: EventLocation | None
    counts: Counts
    evidence: tuple[Evidence, ...]
    # True when the trigger is an eventive noun ("the attack", "a demonstration of women").
    nominal: bool = False
    # A definite nominal ("the coup", "Sunday's attack") usually refers back to an event the
    # article already reported; merging uses this to fold it into that event.
    definite: bool = False
    # Trigger spans of drafts merged into this one (its own trigger excluded), so later stages
    # can look for attribution or modality cues around every clause that described the action.
    members: tuple[Span, ...] = ()
    # The article's publication date: what an undated clause is taken to be news of.
    published: dt.date | None = None
    # The article's language: merging keeps a few French-only rules (see merge.py).
    language: str = "en"

    @property
    def triggers(self) -> tuple[Span, ...]:
        return (self.trigger, *self.members)
