"""Strong lexical evidence for event typing: trigger lemmas, modes, contexts and the ACLED map.

The embedding classifier (``train.py``) sees the whole clause; these tables say what a trigger
verb alone makes near-certain (``shell`` is an ASSAULT, ``sanction`` a SANCTION) and which
words fix a PLOVER mode or context. ``classify.py`` combines the two. Types, modes and contexts
follow the PLOVER manual (shared/reference/plover/PLOVER_MANUAL.tex); ACLED names follow the
ACLED codebook's 6 event types and 25 sub-event types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import get_args

from faultline.models import PloverType

PLOVER_TYPES: tuple[PloverType, ...] = get_args(PloverType)

# ACLED sub-event type → (event type, disorder type).
ACLED_SUB_EVENTS: dict[str, tuple[str, str]] = {
    "Armed clash": ("Battles", "Political violence"),
    "Government regains territory": ("Battles", "Political violence"),
    "Non-state actor overtakes territory": ("Battles", "Political violence"),
    "Chemical weapon": ("Explosions/Remote violence", "Political violence"),
    "Air/drone strike": ("Explosions/Remote violence", "Political violence"),
    "Suicide bomb": ("Explosions/Remote violence", "Political violence"),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", "Political violence"),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", "Political violence"),
    "Grenade": ("Explosions/Remote violence", "Political violence"),
    "Sexual violence": ("Violence against civilians", "Political violence"),
    "Attack": ("Violence against civilians", "Political violence"),
    "Abduction/forced disappearance": ("Violence against civilians", "Political violence"),
    "Peaceful protest": ("Protests", "Demonstrations"),
    "Protest with intervention": ("Protests", "Demonstrations"),
    "Excessive force against protesters": ("Protests", "Political violence; Demonstrations"),
    "Violent demonstration": ("Riots", "Demonstrations"),
    "Mob violence": ("Riots", "Political violence"),
    "Agreement": ("Strategic developments", "Strategic developments"),
    "Arrests": ("Strategic developments", "Strategic developments"),
    "Change to group/activity": ("Strategic developments", "Strategic developments"),
    "Disrupted weapons use": ("Strategic developments", "Strategic developments"),
    "Headquarters or base established": ("Strategic developments", "Strategic developments"),
    "Looting/property destruction": ("Strategic developments", "Strategic developments"),
    "Non-violent transfer of territory": ("Strategic developments", "Strategic developments"),
    "Other": ("Strategic developments", "Strategic developments"),
}
NO_ACLED = "none"  # the ACLED head's class for events ACLED does not record (sanctions, talks)

_VIOLENT = tuple(
    s
    for s, (t, _) in ACLED_SUB_EVENTS.items()
    if t not in ("Strategic developments", "Protests", "Riots")
)
_DEMO = tuple(s for s, (t, _) in ACLED_SUB_EVENTS.items() if t in ("Protests", "Riots"))
# Which ACLED sub-events a PLOVER type can carry; the ACLED head picks within this set, so the
# two heads never disagree (a SANCTION never becomes a battle). "none" = no ACLED event.
ACLED_ALLOWED: dict[str, tuple[str, ...]] = {
    "ASSAULT": (
        *_VIOLENT,
        "Excessive force against protesters",
        "Mob violence",
        "Looting/property destruction",
        "Disrupted weapons use",
    ),
    "PROTEST": _DEMO,
    "COERCE": (
        "Arrests",
        "Other",
        "Looting/property destruction",
        "Protest with intervention",
        "Headquarters or base established",
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Disrupted weapons use",
        NO_ACLED,
    ),
    "MOBILIZE": ("Change to group/activity", "Headquarters or base established", NO_ACLED),
    "RETREAT": (
        "Non-violent transfer of territory",
        "Agreement",
        "Other",
        "Change to group/activity",
        NO_ACLED,
    ),
    "AGREE": ("Agreement", NO_ACLED),
    "SUPPORT": ("Agreement", NO_ACLED),
    "CONCEDE": ("Agreement", "Other", NO_ACLED),
    "COOPERATE": ("Agreement", NO_ACLED),
}
# Every other type (CONSULT, AID, REQUEST, ACCUSE, REJECT, THREATEN, SANCTION) has no ACLED event.


@dataclass(frozen=True, slots=True)
class Rule:
    """What a trigger makes likely: candidate types (first = default), a mode, contexts."""

    types: tuple[PloverType, ...]
    mode: str | None = None
    contexts: tuple[str, ...] = ()


def _r(types: str, mode: str | None = None, *contexts: str) -> Rule:
    return Rule(tuple(types.split("|")), mode, contexts)  # type: ignore[arg-type]


COUP = ("pro_autocracy",)
# Trigger lemma → rule. Several candidates mean the lemma alone cannot decide and the
# classifier chooses among them (``sign``: SUPPORT when a deal is signed, AGREE when promised).
TRIGGERS: dict[str, Rule] = {
    **dict.fromkeys(["kill", "massacre", "murder", "slaughter", "behead"], _r("ASSAULT")),
    **dict.fromkeys(["attack", "raid", "storm", "strike", "target", "hit"], _r("ASSAULT")),
    **dict.fromkeys(["ambush", "shoot", "gun", "fire"], _r("ASSAULT", "firearms")),
    **dict.fromkeys(["shell", "bombard", "pound"], _r("ASSAULT", "heavy-weapons")),
    **dict.fromkeys(["bomb", "blast", "explode", "detonate"], _r("ASSAULT", "explosives")),
    **dict.fromkeys(["clash", "fight", "battle", "engage", "repel"], _r("ASSAULT")),
    **dict.fromkeys(["capture", "overrun", "retake", "recapture", "seize"], _r("ASSAULT|COERCE")),
    **dict.fromkeys(["abduct", "kidnap", "hijack"], _r("ASSAULT", "abduct")),
    "rape": _r("ASSAULT", "sexual"),
    "torture": _r("ASSAULT", "torture"),
    "assassinate": _r("ASSAULT", "targeted"),
    "execute": _r("ASSAULT", "targeted"),
    "beat": _r("ASSAULT", "beat"),
    "burn": _r("ASSAULT", "primitive"),
    "loot": _r("ASSAULT|COERCE", "destroy"),
    "wound": _r("ASSAULT"),
    **dict.fromkeys(["arrest", "detain", "jail", "imprison", "round"], _r("COERCE", "arrest")),
    "curfew": _r("COERCE", "curfew", *COUP),
    "ban": _r("COERCE", "restrict"),
    "close": _r("COERCE", "restrict"),
    "shut": _r("COERCE", "restrict"),
    "suspend": _r("COERCE|SANCTION", "restrict"),
    "dissolve": _r("COERCE", "restrict", *COUP, "political_institutions"),
    "censor": _r("COERCE", "censor"),
    "deport": _r("COERCE", "deport"),
    "expel": _r("SANCTION|COERCE", "expel"),
    "confiscate": _r("COERCE", "seize"),
    "occupy": _r("COERCE|ASSAULT", "seize"),
    **dict.fromkeys(
        ["coup", "topple", "overthrow", "oust", "depose"], _r("COERCE|ASSAULT", None, *COUP)
    ),
    "mutiny": _r("ASSAULT|COERCE", None, *COUP, "military"),
    **dict.fromkeys(["sanction", "embargo", "freeze", "blacklist"], _r("SANCTION", "discontinue")),
    "cut": _r("SANCTION", "discontinue"),
    "halt": _r("SANCTION|COERCE", "discontinue"),
    "sever": _r("SANCTION", "withdraw"),
    "recall": _r("SANCTION", "withdraw"),
    "convict": _r("SANCTION", "convict"),
    "sentence": _r("SANCTION|COERCE", "convict"),
    **dict.fromkeys(["accuse", "blame", "allege", "charge", "indict"], _r("ACCUSE", "allege")),
    **dict.fromkeys(
        ["condemn", "denounce", "criticise", "criticize", "deplore", "decry"],
        _r("ACCUSE", "disapprove"),
    ),
    **dict.fromkeys(["investigate", "probe"], _r("ACCUSE", "investigate")),
    **dict.fromkeys(["threaten", "warn", "vow"], _r("THREATEN")),
    **dict.fromkeys(["demand", "urge", "call", "appeal", "ask", "request", "press"], _r("REQUEST")),
    **dict.fromkeys(["reject", "refuse", "deny", "dismiss", "veto", "rebuff"], _r("REJECT")),
    **dict.fromkeys(["agree", "pledge", "promise", "offer", "commit"], _r("AGREE")),
    "sign": _r("SUPPORT|AGREE"),
    "ratify": _r("SUPPORT"),
    "deal": _r("AGREE|COOPERATE|SUPPORT"),
    "invest": _r("AGREE|COOPERATE"),
    **dict.fromkeys(["cooperate", "trade", "export", "import", "extradite"], _r("COOPERATE")),
    **dict.fromkeys(
        ["praise", "endorse", "welcome", "recognise", "recognize", "back"], _r("SUPPORT|AID")
    ),
    **dict.fromkeys(
        ["arm", "train", "equip", "finance", "fund", "supply", "support"], _r("AID|SUPPORT")
    ),
    **dict.fromkeys(["donate", "aid", "deliver", "grant", "lend", "rescue"], _r("AID")),
    **dict.fromkeys(["meet", "visit", "host", "talk", "negotiate", "discuss"], _r("CONSULT")),
    **dict.fromkeys(["protest", "demonstrate", "rally"], _r("PROTEST", "demo")),
    # Crowds march to protest; troops march on a town: the classifier tells them apart.
    "march": _r("PROTEST|MOBILIZE", "demo"),
    "riot": _r("PROTEST", "riot"),
    "boycott": _r("PROTEST", "boycott"),
    **dict.fromkeys(
        ["deploy", "mobilise", "mobilize", "mass", "reinforce"], _r("MOBILIZE", "troops")
    ),
    **dict.fromkeys(["withdraw", "retreat", "pull"], _r("RETREAT", "withdraw")),
    **dict.fromkeys(["release", "free"], _r("RETREAT", "release")),
    "resign": _r("RETREAT", "resign"),
    "disarm": _r("RETREAT", "disarm"),
    **dict.fromkeys(["lift", "ease", "pardon", "apologise", "apologize"], _r("CONCEDE")),
    # Verbs the detector knows that the table above lacks.
    **dict.fromkeys(["invade", "ravage", "besiege", "destroy", "injure"], _r("ASSAULT")),
    **dict.fromkeys(["foil", "thwart", "crush"], _r("ASSAULT")),
    "intercept": _r("COERCE", "seize"),
    "lynch": _r("ASSAULT", "beat"),
    "regain": _r("ASSAULT|COERCE"),
    "complain": _r("ACCUSE", "disapprove"),
    "reprimand": _r("ACCUSE", "disapprove"),
    "ally": _r("COOPERATE"),
    "mediate": _r("CONSULT"),
    "recruit": _r("MOBILIZE", "troops"),
    "surrender": _r("RETREAT|CONCEDE"),
    # Eventive nouns ("a demonstration of women", "the rebellion", "the deal").
    **dict.fromkeys(["demonstration", "protest", "rally"], _r("PROTEST", "demo")),
    **dict.fromkeys(
        [
            "rebellion",
            "revolt",
            "uprising",
            "insurgency",
            "war",
            "offensive",
            "battle",
            "fighting",
            "hostility",
            "siege",
            "invasion",
            "raid",
            "assault",
            "killing",
        ],
        _r("ASSAULT"),
    ),
    "assassination": _r("ASSAULT", "targeted"),
    **dict.fromkeys(["bombing", "airstrike"], _r("ASSAULT", "explosives")),
    "shelling": _r("ASSAULT", "heavy-weapons"),
    **dict.fromkeys(["putsch", "takeover"], _r("COERCE|ASSAULT", None, *COUP)),
    **dict.fromkeys(["detention", "crackdown"], _r("COERCE", "arrest")),
    **dict.fromkeys(["blockade", "seizure"], _r("COERCE", "seize")),
    "accusation": _r("ACCUSE", "allege"),
    "condemnation": _r("ACCUSE", "disapprove"),
    **dict.fromkeys(["threat", "ultimatum"], _r("THREATEN")),
    **dict.fromkeys(["agreement", "accord", "treaty", "contract"], _r("AGREE|COOPERATE|SUPPORT")),
    **dict.fromkeys(["investment", "partnership"], _r("COOPERATE|AGREE")),
    **dict.fromkeys(["proposal"], _r("AGREE")),
    **dict.fromkeys(["assistance", "donation", "loan"], _r("AID")),
    "backing": _r("SUPPORT|AID"),
    **dict.fromkeys(
        ["deployment", "mobilisation", "mobilization", "convoy", "reinforcement"],
        _r("MOBILIZE", "troops"),
    ),
    "withdrawal": _r("RETREAT", "withdraw"),
    # People displaced by fighting: the violence is the event, the displacement its count.
    **dict.fromkeys(["displace", "displacement", "exodus"], _r("ASSAULT")),
    "ceasefire": _r("RETREAT|AGREE", "ceasefire"),
}

# Irregular forms → lemma, so a trigger word found in plain text (no parser at hand) still
# reaches its rule; regular -s/-ed/-ing forms are handled by ``lemma_of``.
_IRREGULAR = {
    "shot": "shoot",
    "fought": "fight",
    "struck": "strike",
    "hit": "hit",
    "beaten": "beat",
    "froze": "freeze",
    "frozen": "freeze",
    "cut": "cut",
    "shut": "shut",
    "met": "meet",
    "overran": "overrun",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "held": "hold",
    "slain": "slay",
    "blew": "blow",
    "sought": "seek",
    "led": "lead",
    "rounded": "round",
}


def lemma_of(word: str) -> str:
    """A trigger table key for ``word`` ("shelled" → "shell"), or the lowercased word."""
    w = word.lower()
    if w in TRIGGERS or w in _IRREGULAR:
        return _IRREGULAR.get(w, w)
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)] + repl
            for candidate in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
                if candidate in TRIGGERS:
                    return candidate
    return w


# Multi-word triggers the lemma table cannot see, checked on the lowercased text.
PHRASES: tuple[tuple[re.Pattern[str], Rule], ...] = tuple(
    (re.compile(p), rule)
    for p, rule in (
        (
            r"\b(seiz\w*|took|tak\w*|grab\w*) (power|control of the (state|government|country))",
            _r("COERCE|ASSAULT", "seize", *COUP),
        ),
        (r"\bcoup\b|\bputsch\b|\bjunta\b", _r("COERCE|ASSAULT", None, *COUP)),
        (
            r"\bsuspend\w* (the )?constitution|\bdissolv\w* (the )?"
            r"(parliament|government|national assembly|electoral commission|parties|senate)",
            _r("COERCE", "restrict", *COUP, "political_institutions"),
        ),
        (
            r"\bclos\w* (the |its |all )?(land |air )?(borders?|airspace|airports?)",
            _r("COERCE", "restrict"),
        ),
        (r"\bstate of (emergency|siege)|\bmartial law", _r("COERCE", "martial-law")),
        (r"\b(impos|declar|extend)\w* (a |an )?(\w+ )?(curfew)", _r("COERCE", "curfew")),
        (r"\bopen\w* fire\b", _r("ASSAULT", "firearms")),
        (r"\bcall\w* (for|on)\b", _r("REQUEST")),
        (
            r"\b(freez|suspend|cut|halt)\w* (\w+ ){0,2}"
            r"(aid|assistance|funding|budget support|loans?)",
            _r("SANCTION", "discontinue"),
        ),
        (r"\bset (up|fire)\b", _r("ASSAULT|MOBILIZE")),
        # Glossed French ("le M23, back by le Rwanda"): a group backed by a sponsor is
        # supported, as English "backed by" is. The French article after "by" keeps English
        # text ("pushed back by the army") off this rule.
        (r"\b(back|support) (\w+ ){0,3}by (?:(?:le|la|les|du|des)\b|l['’])", _r("SUPPORT")),
    )
)


def _any(*fragments: str) -> str:
    """One pattern matching any fragment at a word start (fragments are regexes)."""
    return r"\b(?:" + "|".join(fragments) + ")"


# Mode cue words per event type, most specific first: the first match wins.
_MODES: dict[str, tuple[tuple[str, str], ...]] = {
    "ASSAULT": (
        ("suicide-attack", _any(r"suicide\b")),  # before "aerial": a suicide bomber is no plane
        ("drone", _any(r"drones?\b", "unmanned", r"uavs?\b")),
        ("aerial", _any("air ?strikes?", "warplanes?", r"jets?\b", "helicopters?", "aerial",
                        "air raids?", r"bombers?\b", "fighter planes?")),
        ("unconventional", _any(r"chemical\b", "chlorine", "sarin", "nerve (agent|gas)",
                                "toxic gas")),
        ("heavy-weapons", _any("artillery", r"shell(s|ed|ing)\b", r"mortars?\b", r"rockets?\b",
                               r"missiles?\b", r"tanks?\b", "howitzers?")),
        ("explosives", _any(r"ied\b", "roadside", "landmines?", r"mines?\b", "car bomb",
                            "explosive", "grenades?", r"bomb(s|ed|ing)?\b")),
        ("sexual", _any(r"rap(e|ed|es|ing)\b", r"sexual(ly)?\b")),
        ("abduct", _any("abduct", "kidnap", r"hostages?\b", "hijack")),
        ("torture", _any("tortur")),
        ("crowd-control", _any("tear ?gas", "water cannon", "rubber bullets", r"batons?\b",
                               "warning shots")),
        ("targeted", _any("assassinat", "execut", "massacre")),
        ("primitive", _any("machetes?", r"knives\b", r"knife\b", r"spears?\b", r"stones?\b",
                           r"rocks\b", r"set (\w+ )?(on )?fire", "torched",
                           r"burn(ed|t|ing)\b", r"arrows?\b")),
        ("firearms", _any(r"gun(s|men|fire|shots?)?\b", r"shot\b", "shoot", r"open\w* fire",
                          r"rifles?\b", "firearms?", "kalashnikov", "ak-47")),
        ("beat", _any(r"beat(en|ing|s)?\b", "clubbed")),
        ("destroy", _any("loot", "destroy", "demolish", "ransack")),
    ),
    "COERCE": (
        ("curfew", _any("curfew")),
        ("martial-law", _any("state of (emergency|siege)", "martial law")),
        ("arrest", _any("arrest", "detain", "detention", "jail", "imprison", "in custody",
                        "rounded up")),
        ("deport", _any("deport", "expel")),
        ("censor", _any("censor", r"newspapers?\b", "broadcasts?", "media outlets?",
                        "radio stations?")),
        ("withhold", _any("internet", "electricity", "water supply", "blackout")),
        ("seize", _any("confiscat", r"raid(ed|s)?\b", r"search(ed)?\b", "seiz")),
        ("restrict", _any(r"ban(ned|s)?\b", r"borders?\b", "suspend", "dissolv", "restrict",
                          "blockade", "cordon")),
    ),
    "PROTEST": (
        ("riot", _any("riot", r"stones?\b", "set fire", "torched", "loot", r"burn(ed|t|ing)\b")),
        ("hunger", _any("hunger strike")),
        ("strike", _any(r"strikes?\b", r"striking\b", "walk(ed)? out", "walkout")),
        ("boycott", _any("boycott")),
        ("obstruct", _any(r"block(ed|ing|aded)?\b", "barricad", "sit-in")),
        ("demo", _any("demonstrat", "protest", "march", r"rall(y|ied|ies)")),
    ),
    "MOBILIZE": (
        ("police", _any("police", "gendarm", "riot squads?")),
        ("militia", _any("militia", "vigilante", "self-defen[cs]e groups?")),
        ("weapons", _any(r"missiles?\b", "warships?", r"tanks\b", r"jets\b", "nuclear",
                         r"weapons\b")),
        ("troops", _any("troops", "soldiers", "battalions?", r"forces\b", r"units?\b",
                        "reservists?", "conscript")),
    ),
    "RETREAT": (
        ("resign", _any("resign", r"step(ped|s)? down")),
        ("release", _any("releas", r"freed\b", "set free")),
        ("disarm", _any("disarm", "hand(ed)? over (their )?weapons", "laid down")),
        ("ceasefire", _any("ceasefire", "cease-fire", "truce")),
        ("access", _any(r"access\b", "allow(ed)? (aid|humanitarian|observers|inspectors)")),
        ("withdraw", _any("withdr", "pull(ed)? (out|back)", "retreat")),
    ),
    "SANCTION": (
        ("convict", _any("convict", "found guilty", "sentenc")),
        ("expel", _any("expel", "suspended from", "kicked out")),
        ("withdraw", _any("recall", "withdr", "pull(ed)? out")),
        ("discontinue", _any("sanction", "embargo", "freez", "froze", r"cut\b", "halt",
                             "suspend", r"ban\b")),
    ),
    "ACCUSE": (
        ("investigate", _any("investigat", "inquiry", "probe")),
        ("disapprove", _any("condemn", "denounc", "critici", "deplor", "decr(y|ied)")),
        ("allege", _any("accus", "allege", "charg", "indict", "blam", r"sued?\b")),
    ),
    "THREATEN": (
        ("restrict", _any("curfew", "blockade", "boycott", r"ban\b")),
        ("arrest", _any("arrest")),
        ("relations", _any("sever", "relations", "talks", "negotiations")),
        ("expel", _any("expel")),
        ("territory", _any("seize", "occupy", "annex", "take (over|control)")),
        ("violence", _any("attack", r"force\b", "military", "violence", r"war\b", "strike",
                          "retaliat", "wipe", "crush", "march on")),
    ),
}  # fmt: skip
MODES: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    t: tuple((re.compile(p), m) for m, p in pairs) for t, pairs in _MODES.items()
}

_COUP = _any(
    "coup",
    "putsch",
    "junta",
    r"seiz\w* power",
    "took power",
    "mutin",
    "overthr",
    "toppl",
    "ousted (the )?(president|government|prime minister)",
)
_SELF_COUP = _any(
    r"suspend\w* (the )?constitution",
    r"dissolv\w* (the )?(parliament|government|national assembly|electoral|senate)",
    r"postpon\w* (the )?elections?",
    "third term",
)
_CONTEXTS: tuple[tuple[str, str], ...] = (
    ("pro_autocracy", _COUP + "|" + _SELF_COUP),
    ("political_institutions", _SELF_COUP + r"|\bparliament\b|\bconstitution"),
    ("natural_resources", _any(r"minerals?\b", r"mining\b", r"mines?\b(?! (were|was) laid)",
                               "cobalt", "coltan", "lithium", "copper", r"gold\b", "diamonds?",
                               "uranium", "rare[- ]earths?", "tantalum", r"tin\b", "tungsten",
                               r"oil\b", "gas field", r"crude\b", "petroleum", "timber",
                               "bauxite", "iron ore", "natural resources?")),
    ("economic", _any("sanction", r"trade\b", "tariff", "invest", "loan", r"debt\b", "econom",
                      r"imf\b", "world bank")),
    ("election", _any("election", "ballot", r"vot(e|ing|ers)\b", r"polls?\b")),
    ("peacekeeping", _any("peacekeep", r"monusco\b", r"minusma\b", "blue helmets")),
    ("migration", _any("refugees?", "displaced", r"fled\b", "migrants?")),
    ("cbrn", _any("chemical weapon", "nuclear", "sarin", "chlorine", "biological weapon")),
    ("terrorism", _any("jihad", "islamist", "al-shabaab", "al shabaab", "boko haram",
                       "islamic state", r"isis\b", "al-qaeda", r"jnim\b", r"iswap\b", "terror")),
    ("rights_freedoms", _any("curfew", r"activists?\b", r"journalists?\b", "censor",
                             "freedom of", "internet shutdown",
                             "opposition (leaders?|figures?|parties)")),
    ("gender", _any(r"rap(e|ed|es)\b", "sexual violence", r"women\b")),
    ("human_security", _any("humanitarian", "food aid", "famine", r"hunger\b")),
    ("human_rights", _any("human rights")),
    ("corruption", _any("corrupt", "bribe", "embezzl")),
)  # fmt: skip
CONTEXTS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), c) for c, p in _CONTEXTS)


def trigger_rule(trigger_lemma: str | None) -> Rule | None:
    """The rule of the trigger the caller found, if the table has it."""
    if not trigger_lemma:
        return None
    return TRIGGERS.get(trigger_lemma.lower()) or TRIGGERS.get(lemma_of(trigger_lemma))


def phrase_rules(text: str) -> list[Rule]:
    """Rules of multi-word triggers found in the (lowercased) text."""
    low = text.lower()
    return [rule for pattern, rule in PHRASES if pattern.search(low)]


def word_rules(text: str) -> list[Rule]:
    """Rules of every trigger word in the text (weaker evidence than the caller's trigger)."""
    words = re.findall(r"[a-z]+", text.lower())
    return [rule for w in words if (rule := TRIGGERS.get(lemma_of(w)))]


def mode_for(event_type: str, text: str) -> str | None:
    """The first mode whose cue words occur in the text, for this event type."""
    low = text.lower()
    return next((m for pattern, m in MODES.get(event_type, ()) if pattern.search(low)), None)


def contexts_for(text: str) -> tuple[str, ...]:
    """PLOVER contexts whose cue words occur in the text, in table order."""
    low = text.lower()
    return tuple(dict.fromkeys(c for pattern, c in CONTEXTS if pattern.search(low)))
