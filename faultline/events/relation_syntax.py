"""Where the dependency parse puts the arguments of a tie's cue, for ``relation_patterns``.

Entity-blind helpers: the subject a cue verb borrows (through relative pronouns, control,
conjuncts and "accused of"), the conjuncts of a coordination (also across repeated
prepositions: "from X and from Y"), and the objects of a cue's prepositions.
"""

from __future__ import annotations

from spacy.tokens import Token

from faultline.mentions.place_cues import english_word

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})
NOMINAL = frozenset({"NOUN", "PROPN"})
SINGULAR_VERBS = frozenset({"VBZ"})
SINGULAR_AUX = frozenset({"is", "was", "has"})


def surface_subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The verb's grammatical subject, through relative pronouns, control and "accused of"."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            relative = child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl"
            return antecedents(verb) if relative else [child]
    head = verb.head
    if depth > 3 or head.i == verb.i:
        return []
    if verb.dep_ == "acl":
        return [head]  # "M23 rebels, backed by Rwanda", "the FDLR, allied with the army"
    if verb.dep_ == "xcomp":
        controller = [c for c in head.children if c.dep_ == "dobj"]  # "urged Rwanda to back"
        return controller or surface_subjects(head, depth + 1)
    if verb.dep_ in ("conj", "advcl"):
        return surface_subjects(misattached_gerund(verb) or head, depth + 1)
    if verb.dep_ in ("pcomp", "pobj") and head.lower_ in ("of", "for"):
        holder = head.head  # "accuses Rwanda of backing M23", "Rwanda is accused of arming"
        if holder.pos_ in NOMINAL:
            return [holder]
        objects = [c for c in holder.children if c.dep_ == "dobj"]
        return objects or surface_subjects(holder, depth + 1)
    return []


def antecedents(relative_clause: Token) -> list[Token]:
    """What a relative pronoun stands for: "the ADF, a group that pledged ..." → the ADF;
    "Mali and Burkina Faso, which are allied" → both, though the clause hangs on the last."""
    antecedent = relative_clause.head
    if antecedent.dep_ == "appos" and antecedent.pos_ == "NOUN":
        antecedent = antecedent.head
    verbs = [relative_clause, *(c for c in relative_clause.children if c.dep_.startswith("aux"))]
    singular = any(v.tag_ in SINGULAR_VERBS or v.lower_ in SINGULAR_AUX for v in verbs)
    return [antecedent] if singular else coordination(antecedent)


def coordination(token: Token) -> list[Token]:
    """Every conjunct of the coordination ``token`` is in, in text order: "X, Y and Z", and
    across repeated prepositions, "from X and from Y"."""
    found = [token, *token.conjuncts]
    preposition = token.head if token.dep_ == "pobj" else None
    if preposition is not None and (preposition.dep_ == "conj" or preposition.conjuncts):
        found.extend(c for p in preposition.conjuncts for c in p.children if c.dep_ == "pobj")
    nominal = {t.i: t for t in found if t is token or t.pos_ in NOMINAL}
    return sorted(nominal.values(), key=lambda t: t.i)


def misattached_gerund(verb: Token) -> Token | None:
    """ "accuses Rwanda of financing and arming the rebels": "arming" hangs on "accuses"; its
    real first conjunct is the gerund after "of", whose subject and claim it shares."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBG" or head.tag_ == "VBG":
        return None
    holders = [head, *(c for c in head.children if c.dep_ == "dobj")]
    gerunds = [g for h in holders for g in prep_objects(h, ("of", "for"))
               if g.lower_.endswith("ing") and g.i < verb.i]  # fmt: skip
    return gerunds[0] if gerunds else None


def joins_action(verb: Token) -> bool:
    """ "joined M23 in attacking Goma", "in the offensive"; not "in 2022" or "in Goma"."""
    ins = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"]
    return any(c.dep_ == "pcomp" or c.pos_ == "NOUN" for i in ins for c in i.children)


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the nominal conjuncts after it: "Mali, Burkina Faso and Niger"."""
    return [token, *(c for c in token.conjuncts if c.i > token.i and c.pos_ in NOMINAL)]


def prep_objects(token: Token, words: tuple[str, ...], dep: str = "prep") -> list[Token]:
    """Objects of ``token``'s prepositions ``words`` (with their conjuncts); gerunds included.
    French prepositions count as their English words ("soutenu par le Rwanda")."""
    preps = (c for c in token.children if c.dep_ == dep and english_word(c) in words)
    return [t for p in preps for c in p.children if c.dep_ in ("pobj", "pcomp")
            for t in conjuncts(c)]  # fmt: skip


def possessors(noun: Token) -> list[Token]:
    """ "the M23's high command" → the M23: who owns a unit a name does not cover."""
    return [c for c in noun.children if c.dep_ == "poss" and c.lower_ not in POSSESSIVE_PRONOUNS]
