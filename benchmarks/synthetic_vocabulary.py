"""What synthetic bulletins are made of: places, actors and the kinds of sentence they use.

Split from ``synthetic_events.py``, which writes the articles and their event records.
"""

from __future__ import annotations

from dataclasses import dataclass

from faultline.models import ActorKind


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str
    lat: float
    lon: float
    geonames_id: int
    admin1: str | None


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor as a sentence names it: ``text`` in the article, the rest for the record."""

    text: str
    name: str
    kind: ActorKind
    sector: str | None
    country: str | None
    entity_id: str | None


@dataclass(frozen=True, slots=True)
class Scenario:
    """One kind of sentence and the event it states.

    ``template`` slots: {actor} {recipient} {place} {date} {killed} {arrested} {abducted}
    {displaced} {leader}; ``actor``/``recipient`` name the pool each is drawn from.
    """

    weight: int
    plover: str
    acled: str | None
    mode: str | None
    template: str
    actor: str
    recipient: str | None = None
    count_noun: str = "people"
    contexts: tuple[str, ...] = ()
    coup: str | None = None


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        14,
        "ASSAULT",
        "Armed clash",
        "fight",
        "{actor} clashed with {recipient} near {place}{date}, leaving {killed} dead.",
        "forces",
        "armed",
        "fighters",
    ),
    Scenario(
        12,
        "ASSAULT",
        "Attack",
        "fight",
        "{actor} attacked villagers in {place}{date}, killing {killed}.",
        "armed",
        None,
        "civilians",
    ),
    Scenario(
        5,
        "ASSAULT",
        "Shelling/artillery/missile attack",
        "fight",
        "{actor} shelled positions held by {recipient} around {place}{date}, killing {killed}.",
        "forces",
        "armed",
    ),
    Scenario(
        3,
        "ASSAULT",
        "Air/drone strike",
        "aerial",
        "A drone strike by {actor} hit {recipient} fighters in {place}{date}, killing {killed}.",
        "forces",
        "armed",
        "fighters",
    ),
    Scenario(
        3,
        "ASSAULT",
        "Remote explosive/landmine/IED",
        "explosion",
        "A roadside bomb planted by {actor} struck a convoy near {place}{date}, killing {killed}.",
        "armed",
        None,
        "soldiers",
    ),
    Scenario(
        4,
        "ASSAULT",
        "Abduction/forced disappearance",
        "abduct",
        "{actor} abducted {abducted} from a market in {place}{date}.",
        "armed",
        None,
        "villagers",
    ),
    Scenario(
        4,
        "ASSAULT",
        "Armed clash",
        "fight",
        "Fighting between {actor} and {recipient} around {place}{date} displaced {displaced}.",
        "forces",
        "armed",
        "residents",
        ("humanitarian",),
    ),
    Scenario(
        6,
        "COERCE",
        "Arrests",
        "arrest",
        "{actor} arrested {arrested} in {place}{date}.",
        "police",
        None,
        "opposition supporters",
        ("political_institutions",),
    ),
    Scenario(
        6,
        "PROTEST",
        "Peaceful protest",
        "demonstrate",
        "Hundreds of {actor} protested in {place}{date} against {recipient}.",
        "crowd",
        "government",
        contexts=("political_institutions",),
    ),
    Scenario(
        2,
        "PROTEST",
        "Excessive force against protesters",
        "demonstrate",
        "{actor} fired on protesters in {place}{date}, killing {killed}.",
        "police",
        None,
        "demonstrators",
    ),
    Scenario(
        3,
        "SANCTION",
        None,
        "economic",
        "{actor} imposed sanctions on {recipient} over the violence in {place}{date}.",
        "outside",
        "government",
        contexts=("economic",),
    ),
    Scenario(
        3,
        "AGREE",
        "Agreement",
        None,
        "{actor} signed a ceasefire with {recipient} in {place}{date}.",
        "government",
        "armed",
        contexts=("peace",),
    ),
    Scenario(
        4,
        "MOBILIZE",
        "Headquarters or base established",
        "troops",
        "{actor} deployed reinforcements to {place}{date}.",
        "forces",
    ),
    Scenario(
        3,
        "ACCUSE",
        None,
        "allege",
        "{actor} accused {recipient} of backing rebels near {place}{date}.",
        "government",
        "outside",
    ),
    Scenario(
        2,
        "RETREAT",
        "Non-violent transfer of territory",
        "withdraw",
        "{actor} withdrew from {place}{date}.",
        "armed",
    ),
    Scenario(
        3,
        "AID",
        None,
        "humanitarian",
        "{actor} delivered food aid to displaced families in {place}{date}.",
        "aid",
        contexts=("humanitarian",),
    ),
    Scenario(
        1,
        "COERCE",
        "Other",
        "seize",
        "Soldiers led by {leader} seized power in {place}{date}, ousting {recipient}.",
        "army",
        "government",
        contexts=("political_institutions", "pro_autocracy"),
        coup="successful",
    ),
    Scenario(
        1,
        "COERCE",
        "Other",
        "seize",
        "{actor} foiled a coup attempt in {place}{date}.",
        "government",
        contexts=("political_institutions",),
        coup="attempted",
    ),
)
SURNAMES = ("Traoré", "Doumbia", "Mamadi", "Kabore", "Ibrahim", "Mutombo", "Diallo", "Sanogo")
RANKS = ("Colonel", "Captain", "General", "Lieutenant-Colonel")
CROWDS = ("residents", "students", "traders", "motorcycle-taxi drivers", "teachers")
OUTSIDE = ("igo_eu", "igo_un", "igo_au", "igo_ecowas", "igo_sadc", "igo_eac", "igo_unsc")
AID = ("igo_wfp", "igo_unhcr", "igo_unicef", "igo_iom", "igo_ocha")
GENERIC_ARMED = ("gunmen", "unidentified armed men", "suspected militants")
GENERIC_SPEAKERS = ("a local official", "witnesses", "a civil society leader", "hospital staff")
CUES = ("said", "told reporters", "reported")
# ACLED interaction digits by actor kind (1 state forces, 2 rebels, 3 militias, 6 protesters,
# 7 civilians, 8 outside forces); events without a recipient pair the actor with civilians.
INTERACTION_DIGIT = {
    "military": 1,
    "police": 1,
    "government": 1,
    "rebel": 2,
    "militia": 3,
    "group": 3,
    "civilians": 6,
    "igo": 8,
}
