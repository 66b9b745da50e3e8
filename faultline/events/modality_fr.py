"""French markers of modality that the glossed parse does not carry as English words.

French marks hearsay with the conditional ("aurait fait quarante morts", "auraient été tués",
"serait"), as English does with "reportedly"; plans with the future tense and "aller" +
infinitive ("vont envoyer"); conditions with "si". Governing verbs of plan, threat and offer
("prévoit de", "menace de", "est prêt à") are matched by their written form right before the
infinitive, because the small French model often mislabels them (an adjective "prévoit", an
"amod" "menace") and no dependency path reaches them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from faultline.models import Modality

__all__ = ["french_modalities"]

# Written forms (or their beginnings) of verbs and adjectives that govern an infinitive.
GOVERNOR_WORDS: dict[str, Modality] = {
    **dict.fromkeys(("va", "vont", "vais", "allons", "allez", "allait", "allaient"), "planned"),
    **dict.fromkeys(("doit", "doivent", "devait", "devaient"), "planned"),
}
GOVERNOR_STEMS: tuple[tuple[str, Modality], ...] = (
    ("menac", "threatened"),
    ("propos", "proposed"),
    ("offr", "proposed"),
    ("prêt", "proposed"),
    ("dispos", "proposed"),
    ("ouvert", "proposed"),
    ("prévoi", "planned"),
    ("prévoy", "planned"),
    ("prévu", "planned"),
    ("devr", "planned"),
    ("engag", "planned"),
    ("promi", "planned"),
    ("promet", "planned"),
    ("entend", "planned"),
    ("compt", "planned"),
    ("décid", "planned"),
    ("pourr", "hypothetical"),
    ("peut", "hypothetical"),
    ("peuvent", "hypothetical"),
    ("envisag", "hypothetical"),
    ("veu", "hypothetical"),
    ("voul", "hypothetical"),
    ("souhait", "hypothetical"),
    ("espér", "hypothetical"),
    ("espèr", "hypothetical"),
    ("cherch", "hypothetical"),
    ("refus", "negated"),
    ("renonc", "negated"),
)
# Words between a governor and its infinitive: "prévoit de", "est prêt à", "menace de les".
LINKS = frozenset({"de", "d'", "d’", "à", "se", "s'", "s’", "les", "le", "la", "l'", "l’",
                   "lui", "leur", "y", "en", "ne", "n'", "n’", "pas", "me", "nous"})  # fmt: skip
LINK_WINDOW = 4


def french_modalities(
    trigger: Token, chain: Sequence[Token], *, reported: bool
) -> Iterable[Modality]:
    """Modalities from French tense, mood, "si" and governing words (module docstring)."""
    for token in chain:
        yield from _mood_and_tense(token, reported=reported)
        yield from _conditions(token)
    if trigger.tag_ == "VB":
        first = trigger
        while first.dep_ == "conj" and first.head.tag_ == "VB":
            first = first.head  # "pourrait former et équiper": the first infinitive's governor
        governed = _governor_before(first)
        if governed is not None:
            yield governed


def _mood_and_tense(token: Token, *, reported: bool) -> Iterable[Modality]:
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass", "cop")]
    if any("Cnd" in a.morph.get("Mood") for a in auxiliaries):
        yield "hedged"  # "auraient été tués", "serait en sécurité": the hearsay conditional
    elif "Cnd" in token.morph.get("Mood"):
        # "il a dit qu'il attaquerait" is a reported plan; otherwise the conditional hedges.
        yield "planned" if reported else "hedged"
    elif "Fut" in token.morph.get("Tense") or any(
        "Fut" in a.morph.get("Tense") for a in auxiliaries
    ):
        yield "planned"


def _conditions(token: Token) -> Iterable[Modality]:
    for child in token.children:
        if child.dep_ == "mark" and child.lower_ == "si":
            yield "hypothetical" if token.dep_ == "advcl" else "hedged"
        elif child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "si" for c in child.children
        ):
            yield "hypothetical"


def _governor_before(infinitive: Token) -> Modality | None:
    """The governing word right before the infinitive, over linking words and clitics."""
    doc = infinitive.doc
    index = infinitive.i - 1
    low = max(infinitive.sent.start, infinitive.i - LINK_WINDOW - 1)
    while index >= low and doc[index].lower_ in LINKS:
        index -= 1
    if index < low:
        return None
    word = doc[index].lower_
    if word in GOVERNOR_WORDS:
        return GOVERNOR_WORDS[word]
    return next((m for stem, m in GOVERNOR_STEMS if word.startswith(stem)), None)
