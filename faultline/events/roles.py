"""Who did it to whom: actor and recipient of a trigger, read off the dependency parse.

Arguments are found syntactically (subject → actor, object or passive subject → recipient,
"by X" / "led by X" / "backed by X" → actor, "against X" / "on X" → recipient) and then
resolved through the actor mentions the mention stage already found, so every role points at
a knowledge-base actor where one exists. Pronouns get a short look back for the nearest
compatible mention; a country named in an argument slot stands for its state.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from faultline.events.light_verbs_fr import french_light_verb
from faultline.kb.entity_ids import mention_entity_id
from faultline.mentions.place_cues import english_word
from faultline.models import ActorMention, ActorRole, EventActor, Evidence, PlaceMention, Span

_SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
# "fired at protesters", "opened fire on the crowd": the target of the shooting.
_RECIPIENT_PREPS = frozenset({"against", "on", "upon", "with", "to", "at"})
# Giving and investing also take their recipient as a place: "invest in the DRC".
_TRANSFER_PREPS = frozenset({"in", "into", "across"})
_TRANSFER_CLASSES = frozenset({"agreement", "aid", "support"})
# Nouns whose possessor suffers them: "Gaddafi's overthrow", "Lumumba's assassination".
_PATIENT_POSSESSOR = frozenset({"coup", "violence", "coercion"})
# Nouns whose "of" complement suffers them: "the assassination of Lumumba", "l'arrestation
# de X"; other nouns take their agent there ("a demonstration of women").
_PATIENT_OF = frozenset({
    "assassination", "killing", "murder", "execution", "massacre", "arrest", "detention",
    "abduction", "kidnapping", "overthrow", "ouster", "capture", "torture", "expulsion",
    "eviction", "imprisonment", "lynching", "removal", "deposition",
})  # fmt: skip
# Participles that name who stands behind a group: "soldiers led by X", "M23, backed by Rwanda".
_SPONSOR_LEMMAS = frozenset({"lead", "back", "support", "command", "head", "arm", "sponsor"})
# Heads a subject-less verb borrows its subject from: "moved to dissolve", "opened fire, killing".
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "acl", "pcomp", "acomp"})
_BETWEEN = frozenset({"between"})
# Children of "opposer" that are no side of the clash: clauses and punctuation.
_NOT_SIDES = frozenset({"punct", "advcl", "acl", "relcl", "cc", "conj", "mark", "ccomp"})
_SECOND_SIDE = frozenset({"at", "to"})  # the glossed "à"/"aux" of "opposer A à B"
# French partitive articles, which the parse tags as prepositions ("des sanctions").
_PARTITIVES = frozenset({"des", "du", "de", "d'", "d’"})
_CLAUSAL_MODIFIERS = frozenset({"relcl", "acl", "advcl", "appos"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_GROUP_PRONOUNS = frozenset({"they", "them"})
_THING_PRONOUNS = frozenset({"it"})
# French "il"/"elle" stand for a person or a masculine/feminine thing ("le gouvernement").
_FRENCH_SINGULAR_PRONOUNS = frozenset({"il", "elle", "lui"})
_FRENCH_GROUP_PRONOUNS = frozenset({"ils", "elles", "eux"})
_INSTITUTION_KINDS = frozenset({"state", "government", "igo", "ngo", "party", "company", "media"})
# Knowledge-base matches beat coreference, which beats demonyms, NER guesses and generic nouns.
_METHOD_RANK = {"kb": 0, "alias": 0, "fuzzy": 1, "metonym": 1, "coref": 2, "demonym": 3, "ner": 3}
_PRONOUN_WINDOW = 600  # characters to look back for a pronoun's antecedent
_MAX_PER_ARGUMENT = 3


def roles_of(
    trigger: Token,
    frame: Sequence[Token],
    actors: Sequence[ActorMention],
    places: Sequence[PlaceMention] = (),
    lexical_class: str = "",
) -> tuple[tuple[EventActor, ...], tuple[Evidence, ...]]:
    """Actors and recipients of the event whose trigger (plus absorbed tokens) is ``frame``."""
    transfer = lexical_class in _TRANSFER_CLASSES
    preps = _RECIPIENT_PREPS | _TRANSFER_PREPS if transfer else _RECIPIENT_PREPS
    found: list[EventActor] = []
    arguments = _arguments(trigger, frame, preps, lexical_class)
    if not any(role == "actor" for role, _ in arguments):
        arguments.extend(("actor", t) for t in _fallback_subject(trigger, actors))
    for role, argument in arguments:
        found.extend(_resolve(role, argument, actors, places))
    speaker = _speaker_of_stranded_conjunct(trigger)
    if speaker is not None and not any(a.role == "actor" for a in found):
        found.extend(_resolve("actor", speaker, actors, places))
    unique = _dedupe(found)
    text_of = {a.span: a.text for a in unique}
    evidence = tuple(Evidence(f"actors.{a.role}", a.span, text_of[a.span]) for a in unique)
    return unique, evidence


Arguments = list[tuple[ActorRole, Token]]


def _arguments(
    trigger: Token, frame: Sequence[Token], preps: frozenset[str], lexical_class: str
) -> Arguments:
    if trigger.pos_ in ("NOUN", "PROPN"):
        args = _nominal_arguments(trigger, preps, lexical_class)
    else:
        args = _verbal_arguments(trigger, preps)
    for token in frame:
        if token.i != trigger.i:
            # "pledged to support the army": an absorbed verb's object is the recipient too.
            args.extend(("recipient", c) for c in token.children if c.dep_ in _OBJECT_DEPS)
            args.extend(("recipient", t) for t in _prep_objects(token, preps))
            args.extend(("actor", t) for t in _prep_objects(token, _BETWEEN))
            if token.dep_ == "ccomp" and lexical_class == "demand":
                # "demanded that the president step down": the demand is made of him.
                args.extend(("recipient", c) for c in token.children if c.dep_ == "nsubj")
    return args


def _verbal_arguments(verb: Token, preps: frozenset[str]) -> Arguments:
    args: Arguments = []
    has_agent = any(c.dep_ == "agent" for c in verb.children)
    passive = has_agent or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    for child in verb.children:
        if child.dep_ == "nsubjpass" or (child.dep_ in _OBJECT_DEPS and not passive):
            args.append(("recipient", child))
        elif child.dep_ == "agent":
            args.extend(("actor", t) for t in _pobjs(child))
    subject = subject_of(verb)
    if not passive and subject is not None:
        args.append(("actor", subject))
        args.extend(("actor", s) for s in _sponsors(subject))
    elif passive and subject is not None and not any(r == "recipient" for r, _ in args):
        # "He ran ... and was arrested", "M23, backed by Rwanda": the borrowed subject
        # of a passive predicate is what it happened to.
        args.append(("recipient", subject))
    elif passive and _french_participle_phrase(verb) and not any(r == "recipient" for r, _ in args):
        args.append(("recipient", verb.head))
    args.extend(("recipient", t) for t in _prep_objects(verb, preps))
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "fired tear gas at protesters, injuring four": the participle's victims are the
        # target of the act it elaborates.
        args.extend(("recipient", t) for t in _prep_objects(verb.head, preps))
    args.extend(("actor", t) for t in _prep_objects(verb, _BETWEEN))
    args.extend(("actor", s) for s in _sponsors(verb))
    args.extend(("actor", t) for t in _french_opposed_sides(verb))
    return args


def _only_partitives_between(noun: Token, verb: Token) -> bool:
    """Whether the noun hangs off the verb through nothing but dates and partitive articles
    ("imposé le 20 février des sanctions"), not through a real preposition ("arrêtées après
    l'attaque": the attack is not what the arrest verb carries out)."""
    node = noun
    while node.i != verb.i:
        if node.dep_ == "prep" and node.lower_ not in _PARTITIVES:
            return False
        node = node.head
    return True


def _french_opposed_sides(verb: Token) -> list[Token]:
    """ "Des combats ont opposé l'armée aux rebelles": "opposer A à B" with the fighting as
    subject names both sides, as "fighting between A and B" does. The parse of the sides is
    unstable (hung off a date, or "malienne" made an adverb), so every phrase after the verb
    that is not a clause of its own counts."""
    if verb.lang_ != "fr" or verb.lemma_ != "clash" or not verb.lower_.startswith("oppos"):
        return []
    phrases = [
        c
        for c in verb.children
        if c.i > verb.i and c.dep_ not in _NOT_SIDES and c.pos_ not in ("VERB", "AUX", "PUNCT")
    ]
    # "à B" hangs off the first side when the parse misses the verb's indirect object.
    return [*phrases, *(t for p in phrases for t in _prep_objects(p, _SECOND_SIDE))]


def _nominal_arguments(noun: Token, preps: frozenset[str], lexical_class: str) -> Arguments:
    """ "Beijing's deal", "US sanctions", "a demonstration of women", "sanctions on X"."""
    args: Arguments = []
    for child in noun.children:
        if child.dep_ == "poss" and lexical_class in _PATIENT_POSSESSOR:
            args.append(("recipient", child))
        elif child.dep_ in ("poss", "compound") or (child.dep_ == "amod" and child.pos_ == "PROPN"):
            args.append(("actor", child))
        elif child.dep_ == "prep" and english_word(child) == "of" and _patient_of(noun):
            args.extend(("recipient", t) for t in _pobjs(child))
        elif child.dep_ == "prep" and english_word(child) in ("of", "by"):
            args.extend(("actor", t) for t in _pobjs(child))
    args.extend(("recipient", t) for t in _prep_objects(noun, preps))
    args.extend(("actor", t) for t in _prep_objects(noun, _BETWEEN))
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass"):
        args.extend(("actor", s) for s in _sponsors(head))
    elif noun.dep_ == "dobj" and head.pos_ in ("VERB", "AUX"):
        # A light verb's subject carries out the nominal event: "X imposed sanctions on Y".
        args.extend(_light_verb_arguments(head, preps))
    if noun.lang_ == "fr" and noun.dep_ != "dobj":
        args.extend(_french_light_verb_arguments(noun, preps))
    return args


def _patient_of(noun: Token) -> bool:
    return noun.lemma_.lower() in _PATIENT_OF


def _light_verb_arguments(verb: Token, preps: frozenset[str]) -> Arguments:
    args: Arguments = []
    subject = subject_of(verb)
    if subject is not None:
        args.append(("actor", subject))
    args.extend(("recipient", t) for t in _prep_objects(verb, preps))
    return args


def _french_light_verb_arguments(noun: Token, preps: frozenset[str]) -> Arguments:
    """ "Les États-Unis ont imposé jeudi des sanctions contre X": the parser hangs the noun off
    the date, so the light verb is found through the misattachment; "un couvre-feu a été
    instauré par l'armée": a passive light verb's agent carries out the act."""
    verb = french_light_verb(noun)
    if verb is None or not _only_partitives_between(noun, verb):
        return []
    if noun.dep_ == "nsubjpass":
        return [("actor", t) for c in verb.children if c.dep_ == "agent" for t in _pobjs(c)]
    return _light_verb_arguments(verb, preps)


def _fallback_subject(trigger: Token, actors: Sequence[ActorMention]) -> list[Token]:
    """A misparsed subject ("At the end of January, M23, with ..., seized Goma"): the nearest
    mention before the trigger in its sentence that is not the object of a preposition."""
    if trigger.pos_ != "VERB" or trigger.tag_ in ("VBN", "VB"):
        return []
    sent = trigger.sent
    doc = trigger.doc
    for mention in sorted(actors, key=lambda m: m.span.start, reverse=True):
        if not sent.start_char <= mention.span.start < trigger.idx:
            continue
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is not None and len(span) and span.root.dep_ not in ("pobj", "poss", "compound"):
            return [span.root]
    return []


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, borrowed from governing verbs for conjuncts, xcomps and adverbials."""
    current = verb
    for _ in range(6):
        for child in current.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in _RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return current.head
                return child
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ not in _CLIMB_DEPS or current.head.i == current.i:
            return None
        current = current.head
    return None


def _speaker_of_stranded_conjunct(verb: Token) -> Token | None:
    """ "X said the sanctions were unjustified and accused the EU of ...": the parser hangs
    the second verb on the reported clause, whose subject names no actor; the conjunct of a
    reporting verb shares the reporter's subject ("... and imposed sanctions on Y": the
    nominal trigger's light verb)."""
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "dobj":
        verb = verb.head
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if any(c.dep_ in _SUBJECT_DEPS | {"nsubjpass", "auxpass"} for c in verb.children):
        return None  # its own subject, or a passive: "... and was arrested"
    if not any(c.dep_ in _SUBJECT_DEPS | {"nsubjpass"} for c in head.children):
        return None  # a subject-less clause lends the reporter's subject anyway
    return subject_of(head.head)


def _french_participle_phrase(verb: Token) -> bool:
    """ "le M23, soutenu par le Rwanda": the noun a French passive participle describes is
    what it happened to (English keeps its own path)."""
    return verb.lang_ == "fr" and verb.dep_ == "acl" and verb.tag_ == "VBN"


def _sponsors(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ in ("acl", "advcl") and child.lemma_ in _SPONSOR_LEMMAS:
            for agent in (c for c in child.children if c.dep_ == "agent"):
                found.extend(_pobjs(agent))
    return found


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    return [
        obj
        for child in token.children
        if child.dep_ == "prep" and english_word(child) in preps
        for obj in _pobjs(child)
    ]


def _pobjs(prep: Token) -> list[Token]:
    heads = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    return [*heads, *(c for h in heads for c in h.conjuncts)]


def _resolve(
    role: ActorRole,
    argument: Token,
    actors: Sequence[ActorMention],
    places: Sequence[PlaceMention],
) -> list[EventActor]:
    mentions = _mentions_for(argument, actors)
    if not mentions and argument.pos_ == "PRON":
        antecedent = _antecedent(argument, actors)
        mentions = [antecedent] if antecedent else []
    if mentions:
        return [_from_mention(role, m) for m in mentions]
    return [_from_place(role, p) for p in _country_places(argument, places)]


def _mentions_for(argument: Token, actors: Sequence[ActorMention]) -> list[ActorMention]:
    """Mentions covering the argument's head (and its conjuncts), else inside its phrase."""
    heads = [argument, *(c for c in argument.conjuncts if c.i > argument.i)]
    covering = [m for h in heads for m in actors if _covers(m.span, h)]
    if covering:
        return _best(covering)
    start, end = _phrase_range(argument)
    inside = [m for m in actors if start <= m.span.start and m.span.end <= end]
    return _best(inside)


def _phrase_range(argument: Token) -> tuple[int, int]:
    """The argument's phrase without relative or participial clauses hanging off it."""
    tokens = []
    stack = [argument]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _CLAUSAL_MODIFIERS)
    return min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)


def _best(mentions: Iterable[ActorMention]) -> list[ActorMention]:
    unique = {m.span: m for m in mentions}
    ranked = sorted(unique.values(), key=lambda m: (_rank(m), m.span.start))
    return sorted(ranked[:_MAX_PER_ARGUMENT], key=lambda m: m.span.start)


def _rank(mention: ActorMention) -> int:
    return _METHOD_RANK.get(mention.method, 4)


def _covers(span: Span, token: Token) -> bool:
    return span.start <= token.idx < span.end


def _antecedent(pronoun: Token, actors: Sequence[ActorMention]) -> ActorMention | None:
    speaker = _reporting_subject(pronoun, actors)
    if speaker is not None:
        return speaker
    word = pronoun.lower_
    if word in _PERSON_PRONOUNS:
        wanted = {"person"}
    elif word in _THING_PRONOUNS:
        wanted = set(_INSTITUTION_KINDS)
    elif word in _GROUP_PRONOUNS or word in _FRENCH_GROUP_PRONOUNS:
        wanted = None  # any non-person
    elif word in _FRENCH_SINGULAR_PRONOUNS:
        wanted = {"person", *_INSTITUTION_KINDS}
    else:
        return None
    window = pronoun.idx - _PRONOUN_WINDOW
    before = [
        m
        for m in actors
        if window <= m.span.start
        and m.span.end <= pronoun.idx
        and ((wanted is None and m.kind != "person") or (wanted and m.kind in wanted))
    ]
    # The latest subject is the likeliest antecedent ("Touré came to power ... He handed power
    # back"); otherwise the latest compatible mention.
    subjects = [m for m in before if _is_subject(pronoun.doc, m)]
    pool = (subjects if pronoun.dep_ in _SUBJECT_DEPS | {"nsubjpass"} else []) or before
    return max(pool, key=lambda m: m.span.start) if pool else None


def _reporting_subject(pronoun: Token, actors: Sequence[ActorMention]) -> ActorMention | None:
    """ "The army said it had killed 15 militants": the subject pronoun of a reported clause
    is the one who reports it, when that speaker is an actor of the same sort."""
    clause = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
        return None
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return None
    covering = [m for m in actors if m.span.start <= speaker.idx < m.span.end]
    if not covering:
        return None
    mention = max(covering, key=lambda m: -_rank(m))
    is_person = mention.kind == "person"
    if (pronoun.lower_ in _PERSON_PRONOUNS) != is_person:
        return None
    return mention


def _is_subject(doc: Doc, mention: ActorMention) -> bool:
    span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span.root
    while token.dep_ in ("appos", "compound", "pobj", "prep") and token.head.i != token.i:
        token = token.head  # "US Ambassador to the DRC Lucy Tamlyn said"
    return token.dep_ in ("nsubj", "nsubjpass")


def _country_places(argument: Token, places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The country that is the argument, its possessor, or its "of" complement, also one "of"
    further down ("les infrastructures du reste de la RDC")."""
    complements = _of_objects(argument)
    slots = [argument, *(c for c in argument.children if c.dep_ == "poss"), *complements]
    slots.extend(g for c in complements for g in _of_objects(c))
    return [
        p
        for p in places
        if p.precision == "country" and p.country and any(_covers(p.span, t) for t in slots)
    ][:1]


def _of_objects(token: Token) -> list[Token]:
    return [g for c in token.children if english_word(c) == "of" for g in _pobjs(c)]


def _from_mention(role: ActorRole, m: ActorMention) -> EventActor:
    return EventActor(
        role=role,
        text=m.text,
        name=m.name,
        kind=m.kind,
        span=m.span,
        sector=m.sector,
        country=m.country,
        entity_id=mention_entity_id(m),
    )


def _from_place(role: ActorRole, p: PlaceMention) -> EventActor:
    # A country in an argument slot ("invest in the DRC") is its state acting or acted upon.
    return EventActor(
        role=role,
        text=p.text,
        name=p.name,
        kind="state",
        span=p.span,
        country=p.country,
        entity_id=f"cty_{p.country}",
    )


def _dedupe(found: Sequence[EventActor]) -> tuple[EventActor, ...]:
    """One entry per (role, entity); an entity that is actor is not also its own recipient."""
    seen: set[tuple[str, str]] = set()
    kept: list[EventActor] = []
    actor_keys = {_key(a) for a in found if a.role == "actor"}
    for actor in sorted(found, key=lambda a: (a.role != "actor", a.span.start)):
        key = (actor.role, _key(actor))
        if key in seen or (actor.role == "recipient" and _key(actor) in actor_keys):
            continue
        seen.add(key)
        kept.append(actor)
    return tuple(kept)


def _key(actor: EventActor) -> str:
    return actor.entity_id or f"{actor.name}@{actor.span.start}"
