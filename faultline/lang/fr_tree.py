"""The French parse rebuilt into the English model's tree shapes, sentence by sentence.

``rebuild`` works on copies of the heads and labels of one sentence, in UD terms, and
``faultline.lang.fr`` keeps the result only when it is still a tree:

- a preposition (UD ``case``) heads its noun (``prep`` → ``pobj``; ``par`` + agent →
  ``agent``), and the last word of a name heads it (``flat:name`` → ``compound``);
- a title before a name hands the name its slot ("le président Félix Tshisekedi");
- misparses the small model makes often enough to matter in news are put right: coordinated
  subjects before a post-posed reporting verb, and a subject after a fronted phrase.
"""

from __future__ import annotations

from collections.abc import Sequence, Set

from spacy.tokens import Span, Token

# UD labels with a ClearNLP name of their own; the structural ones are rebuilt below.
DEPENDENCY_LABELS = {
    "obj": "dobj",
    "iobj": "dative",
    "nsubj:pass": "nsubjpass",
    "aux:pass": "auxpass",
    "aux:tense": "aux",
    "nmod:poss": "poss",
    "acl:relcl": "relcl",
    "obl:mod": "npadvmod",
    "obl:arg": "npadvmod",
    "obl": "npadvmod",
    "expl:subj": "expl",
    "expl:comp": "expl",
    "expl:pass": "expl",
    "flat:foreign": "compound",
}
# Nouns a preposition can introduce (UD puts the preposition under them as ``case``).
_PREPOSITIONAL = frozenset({"obl", "obl:mod", "obl:arg", "obl:agent", "nmod"})
_NEGATIONS = frozenset({"pas", "jamais", "plus", "guère", "point"})
_NE = frozenset({"ne", "n'", "n’"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_VERB_CLITICS = frozenset(
    {"expl", "expl:comp", "expl:pv", "aux", "aux:tense", "aux:pass", "advmod"}
)


def rebuild(
    sentence: Span, heads: list[int], deps: list[str], adverbs: Set[int] = frozenset()
) -> None:
    """The sentence's heads and labels, rebuilt in place; ``adverbs`` are the words the model
    took for nouns or verbs that are adverbs ("soutenu militairement et logistiquement")."""
    for token in sentence:
        if token.i in adverbs:
            _adverb_modifies_its_head(token, heads, deps, adverbs)
    for verb in sentence:
        _coordinated_subject(verb, heads, deps)
    for token in sentence:
        _fronted_phrase_subject(token, heads, deps)
    for token in sentence:
        _agent_taken_for_a_conjunct(token, deps)
    firsts = {t.head.i: t.head for t in sentence if t.dep_ == "flat:name"}
    for first in firsts.values():
        if first.dep_ != "flat:name":  # once per name, however many words follow its first
            _name_headed_by_its_last_word(first, heads, deps)
    _titles_before_names(sentence, heads, deps)
    for token in sentence:
        if token.dep_ == "case" and token.i < heads[token.i]:
            _preposition_heads_its_noun(token, heads, deps)
    relabel(sentence, deps)


def is_adverb_form(word: str, adjectives: Set[str]) -> bool:
    """ "militairement", "officiellement", "récemment": an adjective's adverb. Nouns in -ment
    ("gouvernement", "affrontement") come from no adjective."""
    if not word.endswith("ment") or len(word) < 7:
        return False
    return any(stem in adjectives for stem in _adjective_stems(word))


def _adjective_stems(word: str) -> list[str]:
    if word.endswith(("emment", "amment")):
        return [word[:-6] + ("ent" if word[-6] == "e" else "ant")]
    feminine = word[:-4]
    stems = [feminine, feminine.removesuffix("e")]
    for ending, masculine in _FEMININE_ENDINGS:
        if feminine.endswith(ending):
            stems.append(feminine[: -len(ending)] + masculine)
    return stems


_FEMININE_ENDINGS = (("ière", "ier"), ("elle", "el"), ("euse", "eux"), ("ive", "if"),
                     ("enne", "en"), ("ette", "et"))  # fmt: skip


def _adverb_modifies_its_head(
    adverb: Token, heads: list[int], deps: list[str], adverbs: Set[int]
) -> None:
    """The adverb hangs on its nearest head that is no adverb, and hands that head whatever
    the model hung on it ("par le Rwanda", the agent of "soutenu")."""
    head = adverb.head
    while head.i in adverbs and head.head.i != head.i:
        head = head.head
    if head.i == adverb.i or head.i in adverbs:
        return
    sentence = adverb.sent
    for child in range(sentence.start, sentence.end):
        if heads[child] == adverb.i:
            heads[child] = head.i
    heads[adverb.i], deps[adverb.i] = head.i, "advmod"


def _agent_taken_for_a_conjunct(token: Token, deps: list[str]) -> None:
    """ "la prise de Bukavu, chef-lieu du Sud-Kivu, par le M23": after an apposition the model
    makes "par le M23" a conjunct of the noun; with no "et" it is the noun's agent."""
    if token.dep_ != "conj" or any(c.dep_ == "cc" for c in token.children):
        return
    if any(c.dep_ == "case" and c.lower_ == "par" for c in token.children):
        deps[token.i] = "nmod"


def _coordinated_subject(verb: Token, heads: list[int], deps: list[str]) -> None:
    """ "Deux soldats et un civil ont été tués, a déclaré X", "L'Allemagne et le Royaume-Uni
    ont gelé leur aide": the small model makes the verb a conjunct of the first subject, and
    that subject a subject of the reporting verb or the root; give the verb the first
    subject's place, with both subjects its own."""
    first = verb.head
    if verb.pos_ != "VERB" or verb.dep_ != "conj" or first.pos_ not in ("NOUN", "PROPN"):
        return
    reporting = first.head
    reported = first.dep_ == "nsubj" and first.i < verb.i < reporting.i
    if not reported and first.dep_ != "ROOT":
        return
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and first.i < c.i]
    links = [c for c in verb.children if c.dep_ == "cc" and subjects and c.i < subjects[0].i]
    if not subjects or not links:
        return
    second = subjects[0]
    if reported:
        heads[verb.i], deps[verb.i] = reporting.i, "ccomp"
    else:
        heads[verb.i], deps[verb.i] = verb.i, "ROOT"
        for child in first.children:  # the full stop and the like follow the verb
            if child.i > verb.i:
                heads[child.i] = verb.i
    heads[first.i], deps[first.i] = verb.i, second.dep_
    heads[second.i], deps[second.i] = first.i, "conj"
    heads[links[0].i] = second.i


def _fronted_phrase_subject(token: Token, heads: list[int], deps: list[str]) -> None:
    """ "En échange de la production, Pékin s'est engagé à investir": the small model makes
    the subject after a fronted phrase an apposition of that phrase's noun; it is the subject
    of the subject-less verb it stands before."""
    doc = token.doc
    before = token.i - 1
    while before > 0 and doc[before].pos_ == "DET":
        before -= 1
    if token.dep_ not in ("appos", "conj") or before <= 0 or doc[before].text != ",":
        return
    # "Sous la pression, l'Allemagne et le Royaume-Uni ont gelé": the later conjuncts too.
    group = [token, *(s for s in token.head.children if s.dep_ == "conj" and s.i > token.i)]
    end = max(t.right_edge.i for t in group)
    verb = next((t for t in doc[end + 1 : token.sent.end] if t.pos_ == "VERB"), None)
    if verb is None or verb.head.i in range(token.i, end + 1):
        return
    if any(c.dep_ in _SUBJECTS for c in verb.children):
        return
    between = doc[end + 1 : verb.i]
    if all(t.head == verb and t.dep_ in _VERB_CLITICS for t in between):
        heads[token.i], deps[token.i] = verb.i, "nsubj"
        for later in group[1:]:
            heads[later.i] = token.i


def _name_headed_by_its_last_word(first: Token, heads: list[int], deps: list[str]) -> None:
    parts = _name_parts(first)
    last = max(parts, key=lambda t: t.i)
    heads[last.i] = heads[first.i] if heads[first.i] != first.i else last.i
    deps[last.i] = deps[first.i]
    for part in (first, *parts):
        if part.i != last.i:
            heads[part.i], deps[part.i] = last.i, "compound"
    members = {first.i, *(p.i for p in parts)}
    sentence = first.sent
    for child in range(sentence.start, sentence.end):  # children as rebuilt so far
        if heads[child] in members and child not in members:
            heads[child] = last.i


def _titles_before_names(sentence: Span, heads: list[int], deps: list[str]) -> None:
    """ "le président Félix Tshisekedi": French hangs the name off the title as an apposition;
    English heads the phrase with the name ("President Félix Tshisekedi"), which is where
    roles and speakers look for the person."""
    doc = sentence.doc
    for name in sentence:
        title = doc[heads[name.i]]
        if deps[name.i] != "appos" or title.pos_ != "NOUN" or title.i >= name.i:
            continue
        if not all(_is_person(doc[i]) for i in range(title.i + 1, name.i + 1)):
            continue
        heads[name.i] = heads[title.i] if heads[title.i] != title.i else name.i
        deps[name.i] = deps[title.i]
        for child in range(sentence.start, sentence.end):
            if heads[child] == title.i and child != name.i:
                heads[child] = name.i
        heads[title.i], deps[title.i] = name.i, "compound"


def _is_person(token: Token) -> bool:
    return token.ent_type_ in ("PER", "PERSON")


def _name_parts(first: Token) -> list[Token]:
    """The words after a name's first, also when the parse chains them ("Mobutu Sese Seko":
    Seko hangs on Sese)."""
    parts = [c for c in first.children if c.dep_ == "flat:name"]
    for part in list(parts):
        parts.extend(_name_parts(part))
    return parts


def _preposition_heads_its_noun(case: Token, heads: list[int], deps: list[str]) -> None:
    noun = heads[case.i]
    if deps[noun] not in _PREPOSITIONAL or deps[noun] == "pobj":
        return  # a second preposition of one noun ("près de") stays a case marker
    heads[case.i] = heads[noun] if heads[noun] != noun else case.i
    deps[case.i] = "agent" if deps[noun] == "obl:agent" else "prep"
    heads[noun], deps[noun] = case.i, "pobj"


def relabel(sentence: Span, deps: list[str]) -> None:
    for token in sentence:
        label = deps[token.i]
        if label in DEPENDENCY_LABELS:
            deps[token.i] = DEPENDENCY_LABELS[label]
        elif label == "case":
            deps[token.i] = "prep"
        elif label == "obl:agent":
            deps[token.i] = "pobj"
        if token.lower_ in _NEGATIONS and any(c.lower_ in _NE for c in token.head.children):
            deps[token.i] = "neg"


def is_tree(heads: Sequence[int], start: int, end: int) -> bool:
    for i in range(start, end):
        seen: set[int] = set()
        j = i
        while heads[j] != j:
            if j in seen or not start <= heads[j] < end:
                return False
            seen.add(j)
            j = heads[j]
    return True
