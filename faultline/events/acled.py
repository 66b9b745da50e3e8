"""ACLED actor categories ("inter" codes 1–8), interaction codes, and role-based sub-events."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from faultline.events.draft import EventDraft
from faultline.events.typing_rules import ACLED_SUB_EVENTS
from faultline.models import AcledCode, EventActor, Typing

if TYPE_CHECKING:  # only annotations: the CLI imports this module and must not load spaCy
    from spacy.tokens import Token

STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA = 1, 2, 3, 4
RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = 5, 6, 7, 8

_BY_KIND = {
    "state": STATE_FORCES,
    "government": STATE_FORCES,
    "military": STATE_FORCES,
    "police": STATE_FORCES,
    "rebel": REBELS,
    "militia": POLITICAL_MILITIA,
    "party": POLITICAL_MILITIA,
    "civilians": CIVILIANS,
    "igo": EXTERNAL,
    "ngo": EXTERNAL,
    "company": EXTERNAL,
}
_PROTEST_WORDS = ("protester", "demonstrator", "marcher")
_RIOT_WORDS = ("rioter", "mob", "looter")
_TERRITORY_VERBS = frozenset(
    {"seize", "capture", "take", "overrun", "occupy", "retake", "recapture", "control"}
    | {"seizure", "takeover", "occupation"}  # nouns: "the capture of Bukavu"
)
_TERRITORY_PRECISION = frozenset({"city", "admin2", "admin1", "point"})
_TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
# Sub-events of direct contact that a remote weapon named in the sentence overrides.
_CONTACT_SUBS = frozenset({"Armed clash", "Attack"})
_WEAPON_CUES = (
    (re.compile(r"\bsuicide (?:bomb|attack|vest)"), "Suicide bomb"),
    (re.compile(r"\b(?:roadside bomb|ied\b|improvised explosive|landmine|land mine|car bomb)"),
     "Remote explosive/landmine/IED"),
    (re.compile(r"\b(?:air ?strike|drone strike|warplanes?|airstrikes)"), "Air/drone strike"),
    (re.compile(r"\b(?:shell(?:ed|ing)|artillery|mortars?|rockets?|missiles?)\b"),
     "Shelling/artillery/missile attack"),
    (re.compile(r"\bgrenades?\b"), "Grenade"),
)  # fmt: skip
# Force used to break up a protest, named in the protest's own sentence.
_INTERVENTION = re.compile(
    r"tear ?gas|water cannon|dispers|batons?\b|rubber bullets|live (?:rounds|ammunition)|arrested"
)
_PROTEST_SUBS = frozenset(
    {"Excessive force against protesters", "Protest with intervention", "Peaceful protest"}
)
_CROWD = re.compile(r"protest|demonstrat|march|rall(?:y|ies|ied)|crowd|sit-in|strik(?:e|ers)")
_ARMED = frozenset({STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, EXTERNAL})


def inter_code(actor: EventActor, event_country: str | None) -> int | None:
    """ACLED's category for one actor; state forces abroad count as external forces."""
    text = actor.text.lower()
    if any(word in text for word in _PROTEST_WORDS):
        return PROTESTERS
    if any(word in text for word in _RIOT_WORDS):
        return RIOTERS
    code = _BY_KIND.get(actor.kind)
    abroad = event_country is not None and actor.country not in (None, event_country)
    if code == STATE_FORCES and abroad:
        return EXTERNAL
    return code


def interaction(actors: Sequence[EventActor], event_country: str | None) -> int | None:
    """The two-digit interaction code (lower code first), or N0 for a one-sided event."""
    codes = [
        c
        for c in (_first_code(actors, "actor", event_country),
                  _first_code(actors, "recipient", event_country))
        if c is not None
    ]  # fmt: skip
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    low, high = sorted(codes)
    return low * 10 + high


def refine_acled(typing: Typing, draft: EventDraft, trigger: Token) -> Typing:
    """Fill the interaction code and apply the codebook's role-based distinctions.

    * A place taken by force is a territory change: "Non-state actor overtakes territory" when
      a rebel or militia takes it, "Government regains territory" when state forces do; where
      no place is what was taken ("seized power", "the revolt began") it is an armed clash.
    * An attack on an armed actor is a battle (armed clash); on civilians, violence against
      civilians (attack) — whatever the wording suggested.
    * Force against protesters is "Excessive force against protesters" when it kills or
      injures, else "Protest with intervention"; violence by a mob is "Mob violence"; a protest
      whose sentence tells of tear gas, dispersal or arrests is "Protest with intervention".
    * A remote weapon named in the sentence (roadside bomb, air strike, shelling) decides the
      sub-event of a killing whose own clause does not say how.
    """
    acled = typing.acled
    if acled is None:
        return typing
    country = draft.location.country if draft.location else None
    sub = acled.sub_event_type
    if typing.event_type == "ASSAULT":
        actor = _first_code(draft.actors, "actor", country)
        target = _first_code(draft.actors, "recipient", country)
        if _takes_place(trigger, draft) and actor in _ARMED:
            sub = (
                "Government regains territory"
                if actor == STATE_FORCES
                else "Non-state actor overtakes territory"
            )
        elif sub in _TERRITORY_SUBS or (
            acled.event_type == "Violence against civilians" and target in _ARMED
        ):
            sub = "Armed clash"
        elif sub == "Armed clash" and target == CIVILIANS:
            sub = "Attack"
        weapon = _remote_weapon(trigger.sent.text)
        if weapon is not None and sub in _CONTACT_SUBS:
            sub = weapon
        if target == PROTESTERS:
            hurt = draft.counts.killed or draft.counts.injured
            sub = "Excessive force against protesters" if hurt else "Protest with intervention"
        elif actor == RIOTERS:
            sub = "Mob violence"
    sentence = trigger.sent.text.lower()
    if sub in _PROTEST_SUBS and typing.event_type == "ASSAULT" and not _CROWD.search(sentence):
        # Force "against protesters" with no protest in sight is a clash or an attack.
        target = _first_code(draft.actors, "recipient", country)
        sub = "Attack" if target == CIVILIANS else "Armed clash"
    if sub == "Peaceful protest" and _INTERVENTION.search(sentence):
        sub = "Protest with intervention"
    event_type, disorder = ACLED_SUB_EVENTS.get(sub, (acled.event_type, acled.disorder_type))
    return replace(
        typing,
        acled=AcledCode(event_type, sub, disorder, interaction(draft.actors, country)),
    )


def _remote_weapon(sentence: str) -> str | None:
    """The sub-event a weapon named anywhere in the sentence implies ("two soldiers were killed
    when their vehicle hit a roadside bomb"): the killing clause alone does not say how."""
    low = sentence.lower()
    return next((sub for pattern, sub in _WEAPON_CUES if pattern.search(low)), None)


def _first_code(actors: Sequence[EventActor], role: str, country: str | None) -> int | None:
    codes = (inter_code(a, country) for a in actors if a.role == role)
    return next((c for c in codes if c is not None), None)


def _word(token: Token) -> str:
    """The English word a token stands for: itself, or a French token's glossed lemma."""
    return token.lemma_.lower() if token.lang_ == "fr" else token.lower_


def _takes_place(trigger: Token, draft: EventDraft) -> bool:
    """The trigger's object is the event's place: "seized Goma", "took control of Bukavu"."""
    place = draft.location
    if trigger.lemma_.lower() not in _TERRITORY_VERBS or place is None:
        return False
    if place.precision not in _TERRITORY_PRECISION:
        return False
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "obj", "attr")]
    if any(_word(c) == "power" for c in objects):
        return False
    # "took control of Bukavu": the parser may hang "of Bukavu" on the verb, not on "control";
    # French seizes *of* a place ("s'est emparé de Goma").
    nominal = trigger.pos_ == "NOUN"
    if nominal or trigger.lang_ == "fr" or any(_word(c) == "control" for c in objects):
        objects += [c for c in trigger.children if c.dep_ == "prep" and _word(c) == "of"]
    for child in objects:
        start = child.left_edge.idx
        end = child.right_edge.idx + len(child.right_edge)
        if start <= place.span.start and place.span.end <= end:
            return True
    return False
