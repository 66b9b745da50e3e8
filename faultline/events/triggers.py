"""The trigger lexicon: which verbs, verb phrases and nouns report an action, and its class.

The lexical class ("violence", "coup", "coercion", ...) is what detection and merging work
with; the PLOVER type is decided later (classify.py) among the types a trigger allows. Lemmas
are English: French clauses reach these tables through the gloss (faultline/lang/fr.py).
"""

from __future__ import annotations

from spacy.tokens import Token

from faultline.events.detect_fr import french_phrase_words


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _table(**groups: str) -> dict[str, str]:
    return {lemma: cls for cls, lemmas in groups.items() for lemma in lemmas.split()}


VERBS = _table(
    violence="attack clash ambush kill bomb shell storm occupy assassinate murder massacre fight "
    "shoot raid besiege overrun capture seize loot burn destroy behead execute invade ravage "
    "target foil thwart repel crush abduct kidnap wound injure bombard lynch retake recapture "
    "regain",
    coup="overthrow topple depose oust mutiny",
    coercion="arrest detain imprison jail expel deport ban suspend dissolve intercept confiscate "
    "torture censor",
    protest="protest demonstrate rally riot march",
    sanction="sanction freeze embargo boycott blacklist",
    accusation="accuse blame condemn denounce criticize criticise complain",
    threat="threaten",
    demand="demand",
    agreement="agree sign pledge promise invest cooperate ally",
    consult="negotiate mediate",
    aid="aid donate fund finance",
    support="back support arm train equip endorse assist",
    mobilisation="deploy mobilize mobilise recruit",
    retreat="withdraw retreat release free surrender resign",
    displacement="displace flee",
)
NOUNS = _table(
    violence="attack clash ambush fighting battle war offensive raid assault bombing shelling "
    "massacre killing assassination murder siege invasion rebellion revolt uprising airstrike "
    "hostility capture",
    coup="coup putsch mutiny takeover overthrow",
    coercion="arrest detention curfew crackdown blockade seizure",
    protest="protest demonstration rally riot",
    sanction="sanction embargo",
    accusation="accusation reprimand condemnation",
    threat="threat ultimatum",
    demand="demand",
    agreement="deal agreement accord treaty contract investment partnership pledge proposal offer",
    aid="aid assistance donation loan",
    support="backing",
    mobilisation="deployment mobilisation mobilization convoy reinforcement",
    retreat="withdrawal retreat release ceasefire",
    displacement="displacement exodus",
)
# (verb lemma, lemma of its object, particle or prepositional object) -> class.
PHRASES = {
    ("seize", "power"): "coup",
    ("take", "power"): "coup",
    ("grab", "power"): "coup",
    ("take", "control"): "violence",
    ("regain", "control"): "violence",
    ("retake", "control"): "violence",
    ("open", "fire"): "violence",
    ("close", "border"): "coercion",
    ("hand", "power"): "retreat",
    ("step", "down"): "retreat",
    ("bring", "down"): "coup",
}
# Verbs that only carry an eventive object noun: the noun names the action ("imposed sanctions").
# "stag" is how the spaCy model lemmatises "staged".
LIGHT_VERBS = _words(
    "launch stage hold impose install carry mount wage declare issue make conduct resume "
    "organise organize announce lift extend begin start continue sign stag"
)
# Verbs that say an eventive subject happened ("the attack lasted", "the coup took place");
# under other verbs the noun is talked about, not reported ("why the rebellion attracts").
OCCURRENCE_VERBS = _words(
    "last take begin start erupt break continue resume end leave hit kill wound claim cost "
    "occur happen spread escalate intensify lead displace force cause include involve target "
    "fail succeed unfold follow"
)
# Communicative acts whose subject can itself be an event ("a demonstration ... accused").
COMMUNICATIVE = frozenset({"accusation", "threat", "demand"})
# Counts that make an event on their own when bound to one of these words.
COUNT_HEADS = _words(
    "kill dead die displace flee arrest detain custody injure wound abduct kidnap cost"
)
ORPHAN_CLASS = {
    "killed": "violence",
    "injured": "violence",
    "abducted": "violence",
    "arrested": "coercion",
    "displaced": "displacement",
}


def verb_class(lemma: str) -> str | None:
    return VERBS.get(lemma)


def phrase_class(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ in ("dobj", "prt"):
            words = [child]
        elif child.dep_ == "xcomp" and verb.lang_ == "fr":
            words = [child]  # "ont pris le pouvoir": the French model reads "pouvoir" as a verb
        elif child.dep_ == "prep":
            words = [g for g in child.children if g.dep_ == "pobj"]
        else:
            continue
        for word in words:
            cls = PHRASES.get((lemma, _phrase_word(word)))
            if cls is not None:
                return cls
    if verb.lang_ == "fr":
        for word in french_phrase_words(verb):
            cls = PHRASES.get((lemma, _phrase_word(word)))
            if cls is not None:
                return cls
    return None


def _phrase_word(word: Token) -> str:
    # French "pouvoir" is also the modal verb "can", and the model often tags it so.
    if word.lang_ == "fr" and word.lower_ == "pouvoir":
        return "power"
    return word.lemma_.lower()
