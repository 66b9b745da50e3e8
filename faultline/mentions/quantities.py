"""Quantities: every count in an article, tied through the parse to what it counts.

A number alone is useless to an event coder: "killing two of the minister's 15 guards" holds
2 killed and 15 guards. :mod:`numbers` reads each number phrase (value, hedge, currency);
here each one is typed (money, percent, a non-count such as an age, or a count) and a count is
bound through the dependency parse to the verb or noun that says what happened to the people
it counts ("killed", "displaced", "the bodies of", "the number of displaced people reached").

Conventions (downstream sums depend on them):

* ``approximate``: the text gives no exact figure: "some", "about", "nearly", bounds such as
  "at least", "more than", "up to", and vague amounts ("several dozen" → 24, "dozens" → 12).
* ``hedge``: every hedging cue, number-level first, joined by ", ": "at least", "estimated",
  "reportedly". Clause cues come from the binding verb's clause ("reportedly left forty
  dead", "were reported killed", "reports that ... are in custody"), never from other clauses.
* "Malanga and three other men were killed" is one count of 4 spanning the coordination: each
  un-numbered person coordinated with a victim count adds one.
* A count under "including"/"among" a counted superset ("some 50 people, including three US
  citizens, were arrested") keeps its category and verb, and ``part_of`` points at the
  superset's noun so that sums can leave it out (:func:`is_subset`).
* "A Malian soldier was killed": an indefinite singular person bound to a victim verb is a
  count of 1, so one-casualty events carry their number.
* Money keeps its currency: ``unit`` is the ISO code, ``value`` the amount as written.
* Years, ages, durations, times, ordinals and numbers in names ("M23", "Resolution 2098") are
  not returned at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy
from spacy.attrs import LEMMA, TAG
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from faultline.mentions.numbers import NumberPhrase, number_phrases
from faultline.mentions.numbers_fr import number_phrases_fr
from faultline.models import Article, Quantity, QuantityCategory, Span

__all__ = ["VICTIM_CATEGORIES", "find_quantities", "is_subset"]

VICTIM_CATEGORIES = frozenset(("killed", "injured", "arrested", "displaced", "abducted"))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _lexicon(**groups: str) -> dict[str, QuantityCategory]:
    return {w: cast(QuantityCategory, c) for c, words in groups.items() for w in words.split()}


# Verbs whose object (or passive subject) is the victim: "killed nine villagers".
_TRANSITIVE = _lexicon(
    killed="kill murder assassinate execute slaughter massacre behead lynch",
    injured="wound injure hurt maim",
    arrested="arrest detain jail imprison apprehend capture",
    displaced="displace uproot evacuate",
    abducted="abduct kidnap",
)
# Verbs whose subject is the victim: "some 3,000 people fled".
_INTRANSITIVE = _lexicon(killed="die perish drown", displaced="flee")
# Words that are the outcome themselves: "forty dead", "the bodies of", "1.2 million refugees".
_STATE_WORDS = _lexicon(
    killed="dead death body corpse fatality killing",
    injured="wounded injured injury",
    displaced="refugee idp idps displaced evacuee homeless",
    arrested="detainee prisoner arrest arrestee detention",
    abducted="hostage abductee captive",
)
_LIFE_VERBS = _words("cost claim take lose")
_MEASURE_NOUNS = _words("number toll total tally figure count")
_MEASURE_VERBS = _words("reach rise climb stand be total exceed hit top increase jump pass soar")
_COPULAS = _words("be lie remain lay")
_CUSTODY = _words("custody detention jail prison")
_DEPLOY_VERBS = _words("deploy send dispatch station withdraw pull mobilize mobilise authorise")
_TROOP_NOUNS = _words(
    "troop troops soldier peacekeeper serviceman personnel paratrooper marine force contingent "
    "brigade battalion"
)
_PERSON_NOUNS = _words(
    "people person man men woman women child children boy girl civilian soldier troop troops "
    "guard villager protester demonstrator student worker miner fighter rebel militant gunman "
    "gunmen officer policeman policemen citizen national resident refugee migrant journalist "
    "reporter activist supporter member leader official minister employee staff prisoner "
    "detainee hostage victim passenger farmer herder teacher doctor nurse pupil worshipper "
    "veteran mercenary jihadist insurgent militiaman militiamen peacekeeper personnel aide "
    "opponent dissident plotter suspect assailant attacker family individual adult infant "
    "inhabitant mourner voter pilgrim trader driver crew other others casualty white "
    "chief priest pastor imam cleric judge lawyer mayor governor commander general colonel "
    "captain lieutenant sergeant politician lawmaker candidate businessman engineer"
)
_PERSON_SUFFIXES = ("ians", "ists", "ees")
_NOT_PERSONS = _words("trees fees degrees")
_QUANTITY_LIKE = _words(
    "some most many all none several few each any majority half rest percent dozen dozens "
    "hundreds thousands one"
)
_HEDGE_ADVERBS = _words("reportedly allegedly purportedly apparently supposedly possibly")
_HEDGE_WORDS = _words("report allege allegation claim believe fear estimate suspect rumour")
_CLAUSE_CARRIERS = _words("xcomp ccomp conj")
_SUBJECTS = _words("nsubj nsubjpass csubj")
_OBJECTS = _words("dobj attr oprd nsubjpass")
_MODIFIER_DEPS = _words("nummod quantmod compound amod npadvmod nmod advmod")
_NOT_UNITS = frozenset((*_STATE_WORDS, "life", *_MEASURE_NOUNS, "other", "others"))
_MAX_CLIMB = 6
_PERSON_ARRAY = numpy.array(sorted(hash_string(w) for w in _PERSON_NOUNS), dtype=numpy.uint64)
_NN_HASH = hash_string("NN")


@dataclass(frozen=True, slots=True)
class _Binding:
    category: QuantityCategory | None = None
    head: Token | None = None
    subset: Token | None = None  # the "including"/"among" that makes this a part of a count


def find_quantities(doc: Doc, article: Article) -> tuple[Quantity, ...]:
    """Every quantity in ``doc`` (parsed from ``article.text``), sorted by span."""
    phrases = number_phrases_fr(doc) if doc.lang_ == "fr" else number_phrases(doc)
    found = [_quantity(doc, article, phrase) for phrase in phrases]
    found.extend(_singular_victims(doc, article, found))
    return tuple(sorted(found, key=lambda q: (q.span.start, q.span.end)))


def is_subset(quantity: Quantity) -> bool:
    """True for a part of another count ("including three US citizens"): do not add it."""
    return quantity.part_of is not None


def _quantity(doc: Doc, article: Article, phrase: NumberPhrase) -> Quantity:
    if phrase.currency is None and not phrase.percent:
        return _count(doc, article, phrase)
    category: QuantityCategory = "percent" if phrase.percent else "money"
    hedge = _join(phrase.hedge, _clause_hedge(phrase.root))
    span = (phrase.outer_start, phrase.outer_end)
    return _record(article, doc, span, phrase.value, category, phrase.currency or "percent",
                   phrase.approximate, hedge, phrase.head)  # fmt: skip


def _count(doc: Doc, article: Article, phrase: NumberPhrase) -> Quantity:
    noun = phrase.noun
    anchor = noun if noun is not None else phrase.root
    unit_noun = noun if noun is not None else phrase.partitive
    binding = _bind(anchor)
    strong = doc[phrase.end : phrase.end + 2].text.lower() == "-strong"  # "a 3,000-strong force"
    category = (
        binding.category
        or _state_of(unit_noun)
        or _fallback_category(unit_noun, binding.head, strong)
    )
    start, end, value = phrase.outer_start, phrase.end, phrase.value
    if unit_noun is not None and 0 <= unit_noun.i - phrase.end < 4:
        end = unit_noun.i + 1  # "some 50 people", "dozens of people"
    if category in VICTIM_CATEGORIES and binding.subset is None:
        extra, start = _coordinated_people(anchor, start)
        if not extra and doc.lang_ == "fr":
            extra, start = _french_fellow_victims(anchor, binding.head, start)
        value += extra
    head = binding.head if binding.head is not None else unit_noun
    hedge = _join(phrase.hedge, _clause_hedge(anchor))
    unit = _unit(unit_noun, category)
    whole = binding.subset.head if binding.subset is not None else None
    return _record(article, doc, (start, end), value, category, unit, phrase.approximate,
                   hedge, head, part_of=whole)  # fmt: skip


def _bind(anchor: Token) -> _Binding:
    """Climb from the counted word to the first word that says what happened to it."""
    tok, subset = anchor, None
    for _ in range(_MAX_CLIMB):
        own = _own_category(tok)
        if own is not None:
            return _Binding(own[0], own[1], subset)
        parent, dep = tok.head, tok.dep_
        if parent.i == tok.i:
            break
        if dep in ("conj", "appos") or dep in _MODIFIER_DEPS:
            tok = parent
        elif dep == "pobj":
            measured = _measured_by(parent)
            if measured is not None:
                return _Binding(measured[0], measured[1], subset)
            verb = _companion_verb(parent)
            if verb is not None:
                return _Binding(*_verb_category(verb, _subject_dep(verb)), subset)
            step = _through_preposition(parent)
            if step is None:
                return _Binding(subset=subset)
            tok, subset = step[0], (parent if step[1] else subset)
        elif parent.pos_ in ("VERB", "AUX"):
            category, head = _verb_category(parent, dep)
            return _Binding(category, head, subset)
        else:
            break
    return _Binding(subset=subset)


def _measured_by(prep: Token) -> tuple[QuantityCategory, Token] | None:
    """ "the death toll rose to 57": a count that is the new value of a measure noun."""
    if prep.lang_ == "fr":
        return _measured_by_fr(prep)
    verb = prep.head
    if prep.lower_ not in ("to", "at") or verb.lemma_.lower() not in _MEASURE_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is not None and subject.lemma_.lower() in _MEASURE_NOUNS:
        return _measure_category(subject)
    return None


def _measured_by_fr(prep: Token) -> tuple[QuantityCategory, Token] | None:
    """ "le bilan s'élève à 57", "le nombre de déplacés a atteint le chiffre de 6,9 millions".

    French names the new value through "à" or through "le chiffre de"; the parser often makes
    "chiffre" a second subject of the verb, so the measured noun is the other subject."""
    holder = prep.head
    figure = prep.lemma_ == "of" and holder.lemma_.lower() in _MEASURE_NOUNS
    verb = holder.head if figure else holder
    if not (figure or prep.lemma_ in ("to", "at")) or verb.lemma_.lower() not in _MEASURE_VERBS:
        return None
    for subject in (c for c in verb.children if c.dep_ in _SUBJECTS and c != holder):
        if subject.lemma_.lower() in _MEASURE_NOUNS:
            return _measure_category(subject)
    return None


def _companion_verb(prep: Token) -> Token | None:
    """ "il a été tué avec trois de ses hommes": the companions share the verb's fate."""
    if prep.lang_ != "fr" or prep.lower_ != "avec" or prep.head.pos_ != "VERB":
        return None
    return prep.head


def _subject_dep(verb: Token) -> str:
    return next((c.dep_ for c in verb.children if c.dep_ in _SUBJECTS), "nsubjpass")


def _through_preposition(prep: Token) -> tuple[Token, bool] | None:
    """Where a climb goes from a preposition's object, and whether it enters a subset."""
    holder = prep.head
    if prep.lower_ == "of" and holder.pos_ in ("NOUN", "PROPN", "ADJ"):
        if holder.tag_ == "CD" or holder.lemma_.lower() in _QUANTITY_LIKE:
            return None  # partitive: in "two of the 15 guards" the 15 were not all killed
        return holder, False
    if prep.lower_ in ("including", "among"):
        return holder, _has_number(holder)
    return None


def _has_number(tok: Token) -> bool:
    return tok.tag_ == "CD" or any(c.dep_ == "nummod" for c in tok.children)


def _own_category(tok: Token) -> tuple[QuantityCategory, Token] | None:
    """What a word itself says happened: "dead", "bodies", "displaced people", "lives" lost."""
    lemma = tok.lemma_.lower()
    if lemma in _STATE_WORDS and tok.pos_ != "VERB":
        return _STATE_WORDS[lemma], tok
    if lemma == "life" and tok.head.lemma_.lower() in _LIFE_VERBS:
        return "killed", tok.head
    if lemma in _MEASURE_NOUNS:
        return _measure_category(tok)
    for child in tok.children:
        if child.dep_ in ("amod", "acl", "relcl"):
            found = _modifier_category(child)
            if found is not None:
                return found
    return None


def _modifier_category(child: Token) -> tuple[QuantityCategory, Token] | None:
    """ "wounded soldiers", "people killed in the attack", "civilians who were abducted"."""
    lemma = child.lemma_.lower()
    if child.dep_ == "amod" and lemma in _STATE_WORDS:
        return _STATE_WORDS[lemma], child
    if lemma in _INTRANSITIVE:
        return _INTRANSITIVE[lemma], child
    passive = child.tag_ == "VBN" or any(c.dep_ == "nsubjpass" for c in child.children)
    if lemma in _TRANSITIVE and passive:
        return _TRANSITIVE[lemma], child
    return None


def _measure_category(noun: Token) -> tuple[QuantityCategory, Token] | None:
    """ "the death toll", "the number of internally displaced people"."""
    for child in noun.children:
        if child.dep_ == "compound" and child.lemma_.lower() in _STATE_WORDS:
            return _STATE_WORDS[child.lemma_.lower()], child
        if child.dep_ == "prep" and _is_of(child):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            return _own_category(obj) if obj is not None else None
    return ("killed", noun) if noun.lemma_.lower() == "toll" else None


def _is_of(prep: Token) -> bool:
    # French "de"/"du"/"des" carry the gloss "of"; English keeps matching the word itself.
    return prep.lower_ == "of" or (prep.lang_ == "fr" and prep.lemma_ == "of")


def _verb_category(verb: Token, dep: str) -> tuple[QuantityCategory | None, Token]:
    lemma = verb.lemma_.lower()
    passive = dep == "nsubjpass" or (dep == "nsubj" and _reads_passive(verb))
    if lemma in _INTRANSITIVE and dep in _SUBJECTS:
        return _INTRANSITIVE[lemma], verb
    if lemma in _TRANSITIVE and (dep in _OBJECTS or passive):
        return _TRANSITIVE[lemma], verb
    if lemma == "round" and dep != "nsubj" and any(c.lower_ == "up" for c in verb.children):
        return "arrested", verb
    if dep == "nsubj" and lemma not in _COPULAS and not passive:
        return None, verb  # an active subject is the perpetrator: "nine gunmen killed ..."
    if lemma in _MEASURE_VERBS and dep in ("dobj", "attr"):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None and subject.lemma_.lower() in _MEASURE_NOUNS:
            found = _measure_category(subject)
            if found is not None:
                return found
    return _complement_category(verb)


def _reads_passive(verb: Token) -> bool:
    """ "dozens wounded", "and tens of thousands displaced": a passive with "were" elided."""
    if any(c.dep_ in ("dobj", "aux") for c in verb.children):
        return False
    gapped = verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children)
    return verb.tag_ == "VBN" or gapped


def _complement_category(verb: Token) -> tuple[QuantityCategory | None, Token]:
    """ "left forty dead", "were found dead", "were reported killed", "are in custody"."""
    for child in verb.children:
        lemma = child.lemma_.lower()
        if child.dep_ in ("oprd", "acomp", "xcomp") and lemma in _STATE_WORDS:
            return _STATE_WORDS[lemma], child
        if child.dep_ in ("oprd", "xcomp") and lemma in _TRANSITIVE:
            return _TRANSITIVE[lemma], child
        if child.dep_ == "prep" and child.lower_ in ("in", "into"):
            for obj in child.children:
                if obj.lemma_.lower() in _CUSTODY:
                    return "arrested", obj
    return None, verb


def _state_of(noun: Token | None) -> QuantityCategory | None:
    """What the counted people are, when the verb says nothing: "des milliers de déplacés sont
    arrivés". French only: in English the same reading turned a passing "dozens of arrests"
    into a figure of 12 for an incident other reports put at 40 to 50."""
    if noun is None or noun.pos_ == "VERB" or noun.lang_ != "fr":
        return None
    return _STATE_WORDS.get(noun.lemma_.lower())


def _fallback_category(
    noun: Token | None, governor: Token | None, strong: bool
) -> QuantityCategory:
    """No outcome found: troops, people (the actors or bystanders) or something else."""
    if noun is None:
        return "other"
    lemma = noun.lemma_.lower()
    deployed = strong or (governor is not None and governor.lemma_.lower() in _DEPLOY_VERBS)
    if lemma in _TROOP_NOUNS and (lemma in ("troop", "troops") or deployed):
        return "troops"
    return "people" if _is_person(noun) else "other"


def _is_person(noun: Token) -> bool:
    lower = noun.lower_
    return (
        noun.lemma_.lower() in _PERSON_NOUNS
        or lower in _PERSON_NOUNS
        or noun.ent_type_ == "NORP"
        or (lower.endswith(_PERSON_SUFFIXES) and lower not in _NOT_PERSONS)
    )


def _coordinated_people(anchor: Token, start: int) -> tuple[int, int]:
    """ "Malanga and three other men": one more per un-numbered person in the coordination."""
    root = anchor
    while root.dep_ == "conj":
        root = root.head
    members = [root, *(t for t in root.subtree if t.dep_ == "conj" and _conj_root(t) == root)]
    numbered = [m for m in members if _has_number(m) or m.pos_ == "NUM"]
    if len(members) < 2 or not numbered or numbered[0] != anchor:
        return 0, start
    singles = [m for m in members if m not in numbered and _is_single_person(m)]
    if not singles:
        return 0, start
    return len(singles), min(start, min(m.left_edge.i for m in singles))


def _french_fellow_victims(anchor: Token, verb: Token | None, start: int) -> tuple[int, int]:
    """The one person French joins to a victim count outside the coordination: "il a été tué
    avec trois de ses hommes". ("X et trois autres ont été tués", which the small model
    misparses, is coordinated again by the parse repair in faultline.lang.fr_tree.)"""
    if verb is None or verb.pos_ != "VERB":
        return 0, start
    if not (anchor.dep_ == "pobj" and anchor.head.lower_ == "avec" and anchor.head.head == verb):
        return 0, start
    person = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if person is None or not (_is_single_person(person) or person.lower_ in ("il", "elle")):
        return 0, start
    return 1, min(start, person.left_edge.i)


def _conj_root(tok: Token) -> Token:
    while tok.dep_ == "conj":
        tok = tok.head
    return tok


def _is_single_person(tok: Token) -> bool:
    if tok.pos_ == "PROPN" or tok.lower_ in ("he", "she", "him", "her"):
        return True
    return tok.tag_ == "NN" and _is_person(tok)


def _singular_victims(doc: Doc, article: Article, found: list[Quantity]) -> list[Quantity]:
    """ "A Malian soldier was killed": a count of one."""
    if not len(doc):
        return []
    table = doc.to_array([TAG, LEMMA])
    hits = (table[:, 0] == _NN_HASH) & numpy.isin(table[:, 1], _PERSON_ARRAY)
    taken, singles = [q.span for q in found], []
    for i in numpy.flatnonzero(hits).tolist():
        tok = doc[i]
        det = next((c for c in tok.children if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
        if det is None or any(s.start <= tok.idx < s.end for s in taken):
            continue
        binding = _bind(tok)
        if binding.category in VICTIM_CATEGORIES and binding.subset is None:
            hedge = _clause_hedge(tok)
            span = (det.i, i + 1)
            singles.append(
                _record(article, doc, span, 1.0, binding.category, tok.lower_, False, hedge,
                        binding.head)
            )  # fmt: skip
    return singles


# --- hedges, units, heads, records ------------------------------------------------------------


def _clause_hedge(anchor: Token) -> str | None:
    """ "reportedly left forty dead", "were reported killed", "reports that two ... are".

    Climbs from the count to its clause's verb, then on only through verbs that carry the
    clause ("estimated to have cost", "believe ... were killed"), so that a cue in another
    clause ("Surrounded by several dozen men, Malanga claimed ...") is not taken.
    """
    for tok in (anchor, *anchor.ancestors):
        if tok is not anchor and tok.lemma_.lower() in _HEDGE_WORDS:
            return tok.lower_
        cue = next(
            (c for c in tok.children if c.dep_ == "advmod" and c.lower_ in _HEDGE_ADVERBS), None
        )
        if cue is not None:
            return cue.lower_
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in _CLAUSE_CARRIERS:
            reported = tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in _HEDGE_WORDS
            return tok.head.lower_ if reported else None
    return None


def _join(*hedges: str | None) -> str | None:
    kept = list(dict.fromkeys(h for h in hedges if h))
    return ", ".join(kept) if kept else None


def _unit(noun: Token | None, category: QuantityCategory) -> str | None:
    """What was counted, as written ("guards", "US citizens" → "citizens"); "people" for victims."""
    if noun is not None and noun.pos_ in ("NOUN", "PROPN") and not _is_outcome_word(noun):
        return noun.lower_
    return "people" if category in VICTIM_CATEGORIES or category == "people" else None


def _is_outcome_word(noun: Token) -> bool:
    return noun.lower_ in _NOT_UNITS or noun.lemma_.lower() in _NOT_UNITS


def _record(article: Article, doc: Doc, tokens: tuple[int, int], value: float,
            category: QuantityCategory, unit: str | None, approximate: bool, hedge: str | None,
            head: Token | None, part_of: Token | None = None) -> Quantity:  # fmt: skip
    span = Span(doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1]))
    head_word = head.lemma_.lower() if head is not None else None
    return Quantity(
        span=span,
        text=span.of(article.text),
        value=value,
        category=category,
        unit=unit,
        approximate=approximate,
        hedge=hedge,
        head=head_word,
        head_span=Span(head.idx, head.idx + len(head)) if head is not None else None,
        part_of=Span(part_of.idx, part_of.idx + len(part_of)) if part_of is not None else None,
    )
