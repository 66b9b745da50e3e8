"""PLOVER type, mode and contexts plus the ACLED type of an event clause.

Two sources of evidence, combined per clause:

- the embedding classifier (``train.py``): three softmax heads over the clause's MiniLM vector,
  for the PLOVER type, the PLOVER mode and the ACLED sub-event type;
- the rules (``typing_rules.py``): the trigger lemma the detector found (or, without one, the
  trigger words and phrases in the text) multiplies the classifier's probability of the types
  it names, so "shelled" is an ASSAULT even where the sentence reads like a battle report of
  another kind, while the classifier still chooses among a trigger's candidate types
  ("signed" → SUPPORT or AGREE).

The ACLED head only chooses among the sub-events the PLOVER type allows (a SANCTION is never an
ACLED event), and mode cue words fix the remote-violence sub-types. The interaction code is
left to the caller, which knows the actors.

    >>> classify("Rebels shelled the outskirts of Goma.", "shell").event_type
    'ASSAULT'
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from faultline.events.embed import embed
from faultline.events.train import NO_MODE, TypingModel, load_model
from faultline.events.typing_rules import (
    ACLED_ALLOWED,
    ACLED_SUB_EVENTS,
    NO_ACLED,
    PLOVER_TYPES,
    Rule,
    contexts_for,
    mode_for,
    phrase_rules,
    trigger_rule,
    word_rules,
)
from faultline.models import AcledCode, PloverType, Typing

__all__ = ["classify", "classify_many", "classify_vectors"]

# How much a piece of rule evidence multiplies the classifier's probability of a type. The
# caller's trigger decides among its candidate types (the detector chose it from the parse:
# "threatened to shoot down" is a THREATEN however violent it reads); phrases such as "seized
# power" are strong; without a caller trigger, each trigger word in the text votes (12: best
# of 1.5-40 on the PLOVER gold records, within a point of the best k-fold figure).
TRIGGER_WEIGHT = 1000.0
SECONDARY_WEIGHT = 0.5  # a trigger's second and later candidate types get this share of it
PHRASE_WEIGHT = 20.0
WORD_WEIGHT = 12.0

# Mode cues that settle the ACLED sub-event of an ASSAULT whatever the ACLED head says.
_ACLED_BY_MODE = {
    "drone": "Air/drone strike",
    "aerial": "Air/drone strike",
    "suicide-attack": "Suicide bomb",
    "unconventional": "Chemical weapon",
    "sexual": "Sexual violence",
    "abduct": "Abduction/forced disappearance",
}
# Sub-events a mode cue may not override: territory changes hands whatever the weapon.
_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


_OUTSIDE_TRIGGER = 1e-6


def classify(text: str, trigger_lemma: str | None = None) -> Typing:
    """The typing of one clause; ``trigger_lemma`` is the event verb's lemma when known."""
    return classify_many([(text, trigger_lemma)])[0]


def classify_many(items: Sequence[tuple[str, str | None]]) -> list[Typing]:
    """Typings of many ``(text, trigger_lemma)`` pairs, embedded in batches."""
    if not items:
        return []
    return classify_vectors(load_model(), items, embed([text for text, _ in items]))


def classify_vectors(
    model: TypingModel, items: Sequence[tuple[str, str | None]], vectors: np.ndarray
) -> list[Typing]:
    """Typings from precomputed vectors and an explicit model (evaluation uses this)."""
    heads = {h: model.proba(vectors, h) for h in ("type", "mode", "acled")}
    index = {h: _label_index(model.heads[h].labels) for h in heads}
    return [
        _typing(text, trigger, {h: _Row(index[h], heads[h][i]) for h in heads})
        for i, (text, trigger) in enumerate(items)
    ]


class _Row(Mapping[str, float]):
    """One clause's probabilities from one head, read by label. A dict of every label per clause
    cost more than the rules that read three or four of them (58 modes, 26 ACLED sub-events)."""

    __slots__ = ("_index", "_row")

    def __init__(self, index: dict[str, int], row: np.ndarray):
        self._index = index
        self._row = row

    def __getitem__(self, label: str) -> float:
        return self._row[self._index[label]]  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


@functools.cache
def _label_index(labels: tuple[str, ...]) -> dict[str, int]:
    return {label: i for i, label in enumerate(labels)}


@functools.cache
def _mode_labels(labels: tuple[str, ...], event_type: str) -> tuple[str, ...]:
    prefix = f"{event_type}:"
    return tuple(k for k in labels if k.startswith(prefix) or k == NO_MODE)


def type_scores(
    text: str, trigger_lemma: str | None, p_type: Mapping[str, float]
) -> tuple[dict[str, float], list[Rule]]:
    """Classifier probabilities times rule weights, normalised; and the rules that fired."""
    scores = {t: max(p_type.get(t, 0.0), 1e-6) for t in PLOVER_TYPES}
    fired: list[Rule] = []
    rule = trigger_rule(trigger_lemma)
    if rule is not None:
        _boost(scores, rule, TRIGGER_WEIGHT)
        # The detector's trigger decides the candidates; the classifier only chooses among
        # them. A weight alone loses to a confident model on an off-topic clause ("threatened
        # ... during Sunday's attack" is not an ASSAULT).
        for event_type in scores:
            if event_type not in rule.types:
                scores[event_type] *= _OUTSIDE_TRIGGER
        fired.append(rule)
    for phrase in phrase_rules(text):
        _boost(scores, phrase, PHRASE_WEIGHT)
        fired.append(phrase)
    if trigger_lemma is None:
        # No detector told us the trigger: every trigger word is weak evidence, counted once
        # per rule so a long sentence full of verbs does not swamp the classifier.
        for word_rule in dict.fromkeys(word_rules(text)):
            _boost(scores, word_rule, WORD_WEIGHT)
    total = sum(scores.values())
    return {t: s / total for t, s in scores.items()}, fired


def _boost(scores: dict[str, float], rule: Rule, weight: float) -> None:
    for rank, event_type in enumerate(rule.types):
        scores[event_type] *= weight if rank == 0 else 1.0 + (weight - 1.0) * SECONDARY_WEIGHT


def _typing(text: str, trigger_lemma: str | None, probs: dict[str, Mapping[str, float]]) -> Typing:
    scores, fired = type_scores(text, trigger_lemma, probs["type"])
    event_type: PloverType = max(PLOVER_TYPES, key=lambda t: scores[t])
    mode = _mode(event_type, text, fired, probs["mode"])
    contexts = contexts_for(text)
    for rule in fired:
        if event_type in rule.types:
            contexts = (*contexts, *(c for c in rule.contexts if c not in contexts))
    return Typing(
        event_type=event_type,
        mode=mode,
        contexts=contexts,
        acled=_acled(event_type, mode, text, probs["acled"]),
        # Half the combined score, half the classifier's own belief: a type the rules imposed
        # against the classifier's reading comes out near 0.5, not as a certainty.
        confidence=round(0.5 * float(scores[event_type] + probs["type"].get(event_type, 0.0)), 4),
        method="rules+model" if fired else "model",
    )


def _mode(event_type: str, text: str, fired: list[Rule], p_mode: Mapping[str, float]) -> str | None:
    """Cue words first (most specific), then the trigger's mode, then the mode head."""
    cue = mode_for(event_type, text)
    if cue is not None:
        return cue
    for rule in fired:
        if rule.mode and rule.types[0] == event_type:
            return rule.mode
    options = _mode_labels(tuple(p_mode), event_type)
    best = max(options, key=p_mode.__getitem__, default=NO_MODE)
    return best.removeprefix(f"{event_type}:") if best != NO_MODE else None


def _acled(
    event_type: str, mode: str | None, text: str, p_acled: Mapping[str, float]
) -> AcledCode | None:
    allowed = ACLED_ALLOWED.get(event_type, (NO_ACLED,))
    sub = max(allowed, key=lambda s: p_acled.get(s, 0.0))
    if event_type == "ASSAULT" and sub not in _TERRITORY and mode is not None:
        if mode in _ACLED_BY_MODE:
            sub = _ACLED_BY_MODE[mode]
        elif mode == "heavy-weapons" and sub != "Armed clash":
            sub = "Shelling/artillery/missile attack"
        elif mode == "explosives":
            sub = "Grenade" if "grenade" in text.lower() else "Remote explosive/landmine/IED"
    elif event_type == "COERCE" and mode == "arrest":
        sub = "Arrests"
    elif event_type == "PROTEST" and mode == "riot" and sub not in ("Mob violence",):
        sub = "Violent demonstration"
    if sub == NO_ACLED:
        return None
    acled_type, disorder = ACLED_SUB_EVENTS[sub]
    return AcledCode(event_type=acled_type, sub_event_type=sub, disorder_type=disorder)
