"""Standing ties read from phrases: written sentences first, then the seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from faultline.events.relation_patterns import pattern_relations
from faultline.ingest.normalise import normalise
from faultline.ingest.readers import read_path
from faultline.kb import kb_index
from faultline.kb.entity_ids import named_entity_id
from faultline.mentions import extract_mentions
from faultline.models import Article, RawDocument, Relation
from faultline.nlp import parse_many

PUBLISHED = dt.date(2025, 2, 10)
BAKOLE = named_entity_id("Jean Bakole", "person")  # names only the NER finds
RUSESABAGINA = named_entity_id("Paul Rusesabagina", "person")
RWA_M23 = ("cty_RWA", "supports", "grp_m23")
UCP = "pty_united_congolese_party"
JUNTA = (
    "Soldiers loyal to Mali's junta fired on the crowd. "
    "Jean Bakole, the junta leader, addressed the nation on Sunday."
)
SHABAAB_QAEDA = ("grp_al_shabaab", "member_of", "grp_al_qaeda")
AES = tuple((f"cty_{c}", "member_of", "igo_aes", "asserted") for c in ("MLI", "BFA", "NER"))


def case(text: str, *expected: tuple[str, ...], id: str):
    return pytest.param(text, set(expected), id=id)


CASES = [
    # supports
    case("The Rwanda-backed M23 seized Goma in January.", (*RWA_M23, "asserted"), id="x-backed"),
    case("Rwandan-backed M23 rebels advanced on Bukavu.", (*RWA_M23, "asserted"),
         id="demonym-backed"),
    case("Kinshasa-backed Wazalendo militias fought M23.",
         ("gov_COD", "supports", "grp_wazalendo", "asserted"), id="capital-backed"),
    case("M23, which is backed by Rwanda, controls much of North Kivu.",
         (*RWA_M23, "asserted"), id="which-is-backed-by"),
    case("M23 rebels, backed by Rwanda, captured the town.", (*RWA_M23, "asserted"),
         id="participle-backed-by"),
    case("Rwanda backs M23, according to UN experts.", (*RWA_M23, "claimed"),
         id="backs-according-to"),
    case("Rwanda has been supporting M23 since 2021.", (*RWA_M23, "asserted"),
         id="has-been-supporting"),
    case("The Congolese government accuses Rwanda of financing and arming the M23 rebels.",
         (*RWA_M23, "claimed"), id="accuses-of-arming"),
    case("Tshisekedi said Rwanda was backing M23.", (*RWA_M23, "claimed"), id="said-backing"),
    case("Rwanda's support for M23 has been documented by UN experts.", (*RWA_M23, "asserted"),
         id="support-for"),
    case("Support from Rwanda for M23 has grown, the experts wrote.", (*RWA_M23, "claimed"),
         id="support-from-for"),
    case("The Wazalendo, who oppose M23, are backed by the Congolese army.",
         ("mil_COD", "supports", "grp_wazalendo", "asserted"),
         ("grp_wazalendo", "opposes", "grp_m23", "asserted"), id="who-oppose-are-backed"),
    # modality
    case("Rwanda denies backing M23.", (*RWA_M23, "negated"), id="denies-backing"),
    case("Kigali has never supported M23.", ("gov_RWA", "supports", "grp_m23", "negated"),
         id="never-supported"),
    case("Rwanda denied any support for M23.", (*RWA_M23, "negated"), id="denied-support"),
    case("If Rwanda backed M23, sanctions would follow.", (*RWA_M23, "hypothetical"),
         id="if-backed"),
    case("Rwanda may be backing M23.", (*RWA_M23, "hypothetical"), id="may-be-backing"),
    case("Rwanda allegedly backs M23.", (*RWA_M23, "hedged"), id="allegedly-backs"),
    # leads
    case("Corneille Nangaa, the leader of the Congo River Alliance, spoke in Goma.",
         ("per_corneille_nangaa", "leads", "grp_m23", "asserted"), id="x-the-leader-of-y"),
    case("M23 leader Sultani Makenga said the group would not withdraw.",
         ("per_sultani_makenga", "leads", "grp_m23", "asserted"), id="y-leader-x"),
    case("M23's leader, Sultani Makenga, refused to withdraw.",
         ("per_sultani_makenga", "leads", "grp_m23", "asserted"), id="ys-leader-x"),
    case("Sultani Makenga is the leader of M23.",
         ("per_sultani_makenga", "leads", "grp_m23", "asserted"), id="x-is-the-leader-of-y"),
    case("M23, led by Sultani Makenga, took Goma.",
         ("per_sultani_makenga", "leads", "grp_m23", "asserted"), id="led-by"),
    case("Christian Malanga, who heads the United Congolese Party, was killed.",
         ("per_christian_malanga", "leads", UCP, "asserted"), id="who-heads"),
    case("Christian Malanga, head of the United Congolese Party, led the attack.",
         ("per_christian_malanga", "leads", UCP, "asserted"), id="x-head-of-y"),
    case("Paul Kagame leads Rwanda.", ("per_paul_kagame", "leads", "cty_RWA", "asserted"),
         id="x-leads-country"),
    case("Felix Tshisekedi, president of the Democratic Republic of the Congo, met Paul Kagame.",
         ("per_felix_tshisekedi", "leads", "cty_COD", "asserted"), id="president-of-country"),
    case("Rwandan President Paul Kagame denied the claims.",
         ("per_paul_kagame", "leads", "cty_RWA", "asserted"), id="demonym-president"),
    # member_of
    case("Jean Bakole, an M23 fighter, surrendered.", (BAKOLE, "member_of", "grp_m23", "asserted"),
         id="x-a-y-fighter"),
    case("Jean Bakole, an M23 commander, was killed in the fighting.",
         (BAKOLE, "member_of", "grp_m23", "asserted"), id="x-a-y-commander"),
    case("Jean Bakole joined M23 in 2022.", (BAKOLE, "member_of", "grp_m23", "asserted"),
         id="x-joined-y"),
    case("Christian Malanga was a member of the United Congolese Party.",
         ("per_christian_malanga", "member_of", UCP, "asserted"), id="x-was-a-member-of-y"),
    case("M23 spokesman Lawrence Kanyuka said the group would hold Goma.",
         ("per_lawrence_kanyuka", "member_of", "grp_m23", "asserted"), id="y-spokesman-x"),
    # allied_with
    case("Burundi and its ally the DRC sent troops.",
         ("cty_BDI", "allied_with", "cty_COD", "asserted"), id="x-and-its-ally-y"),
    case("Uganda, a close ally of Kinshasa, deployed troops to Ituri.",
         ("cty_UGA", "allied_with", "gov_COD", "asserted"), id="x-an-ally-of-y"),
    case("The FDLR allied with the Congolese army.",
         ("grp_fdlr", "allied_with", "mil_COD", "asserted"), id="x-allied-with-y"),
    case("Burundi and the DRC, which are allied, sent troops.",
         ("cty_BDI", "allied_with", "cty_COD", "asserted"), id="x-and-y-which-are-allied"),
    # opposes
    case("Moise Katumbi opposes Felix Tshisekedi.",
         ("per_moise_katumbi", "opposes", "per_felix_tshisekedi", "asserted"), id="x-opposes-y"),
    case("Martin Fayulu, a critic of Tshisekedi, called for protests.",
         ("per_martin_fayulu", "opposes", "per_felix_tshisekedi", "asserted"),
         id="x-a-critic-of-y"),
    case("Kagame critic Paul Rusesabagina was jailed.",
         (RUSESABAGINA, "opposes", "per_paul_kagame", "asserted"), id="y-critic-x"),
    # nothing
    case("M23 attacked Goma.", id="event-not-tie"),
    case("Leaders of the region met in Luanda.", id="unnamed-leaders"),
    case("Rwanda's president spoke to reporters.", id="unnamed-president"),
    case("Armed men backed by Rwanda attacked the village.", id="generic-backed"),
    case("Kigali has never supported the rebels.", id="generic-object"),
    case("Soldiers led by Amadou Haya Sanogo stormed the palace.", id="generic-led"),
    case("Congolese opposition leader Martin Fayulu called for protests.",
         id="opposition-leader-not-country"),
    case("Moise Katumbi, a former ally of Tshisekedi, joined the opposition.", id="former-ally"),
    case("Former President Joseph Kabila left the country.", id="former-president"),
    case("Jean Bakole joined M23 in attacking Goma.", id="joined-an-action"),
    case("Rwandan troops fought alongside M23.", id="fought-alongside"),
    case("The Congo River Alliance, an ally of M23, took Goma.", id="self-loop"),
    # member_of: a unit no name covers belongs to its owner
    case("Jean Bakole, a member of the M23's political wing, fled to Kampala.",
         (BAKOLE, "member_of", "grp_m23", "asserted"), id="member-of-ys-unit"),
    case("Jean Bakole, a commander in the ADF's northern wing, surrendered.",
         (BAKOLE, "member_of", "grp_adf", "asserted"), id="commander-in-ys-unit"),
    case("Christian Malanga, the leader of the United Congolese Party's youth league, was held.",
         ("per_christian_malanga", "member_of", UCP, "asserted"), id="leader-of-ys-unit"),
    case("Jean Bakole, who commands the M23's southern brigade, was killed.",
         (BAKOLE, "member_of", "grp_m23", "asserted"), id="commands-ys-unit"),
    case("Jean Bakole, a member of Rwanda's parliament, spoke to reporters.",
         id="unit-of-a-country"),
    case("Jean Bakole, a member of Tshisekedi's cabinet, spoke in Goma.", id="unit-of-a-person"),
    # member_of: a group within a group
    case("Al-Shabaab, al-Qaeda's affiliate in Somalia, attacked a base.",
         (*SHABAAB_QAEDA, "asserted"), id="ys-affiliate"),
    case("Al-Shabaab is a branch of al-Qaeda.", (*SHABAAB_QAEDA, "asserted"), id="a-branch-of-y"),
    case("ISWAP, the Islamic State affiliate in West Africa, attacked Maiduguri.",
         ("grp_iswap", "member_of", "grp_islamic_state", "asserted"), id="the-y-affiliate"),
    case("Boko Haram is now part of the Islamic State's network in West Africa.",
         ("grp_boko_haram", "member_of", "grp_islamic_state", "asserted"), id="part-of-ys-unit"),
    case("Al-Qaeda-linked JNIM fighters attacked the post.",
         ("grp_jnim", "member_of", "grp_al_qaeda", "asserted"), id="y-linked"),
    case("The Islamic State-affiliated ADF attacked Beni.",
         ("grp_adf", "member_of", "grp_islamic_state", "asserted"), id="y-affiliated"),
    case("JNIM, which is affiliated with al-Qaeda, claimed the attack.",
         ("grp_jnim", "member_of", "grp_al_qaeda", "asserted"), id="which-is-affiliated-with"),
    case("Al-Shabaab, linked to al-Qaeda, attacked the base.", (*SHABAAB_QAEDA, "asserted"),
         id="participle-linked-to"),
    case("The ADF pledged allegiance to the Islamic State in 2019.",
         ("grp_adf", "member_of", "grp_islamic_state", "asserted"), id="pledged-allegiance"),
    case("Boko Haram, which swore allegiance to the Islamic State in 2015, split a year later.",
         ("grp_boko_haram", "member_of", "grp_islamic_state", "asserted"),
         id="which-swore-allegiance"),
    case("Rwanda is part of M23's network, the experts said.", id="state-part-of-a-group"),
    case("M23 took part in the talks in Doha.", id="took-part"),
    case("The Rwanda-linked M23 seized Goma.", id="state-linked"),
    case("UN experts linked Rwanda to M23.", id="linked-a-finding"),
    case("Jihadist groups linked to al-Qaeda control the countryside.", id="generic-linked"),
    case("The soldiers pledged allegiance to Ibrahim Traoré.", id="allegiance-to-a-person"),
    case("The ADF renounced its allegiance to the Islamic State.", id="renounced-allegiance"),
    # member_of: states in a body
    case("ECOWAS includes Nigeria and Ghana.", ("cty_NGA", "member_of", "igo_ecowas", "asserted"),
         ("cty_GHA", "member_of", "igo_ecowas", "asserted"), id="body-includes"),
    case("The East African Community comprises Kenya, Uganda and Rwanda.",
         *(("cty_" + c, "member_of", "igo_eac", "asserted") for c in ("KEN", "UGA", "RWA")),
         id="body-comprises"),
    case("The AES consists of Mali, Burkina Faso and Niger.", *AES, id="body-consists-of"),
    case("The European Union, which includes France and Germany, imposed sanctions.",
         ("cty_FRA", "member_of", "igo_eu", "asserted"),
         ("cty_DEU", "member_of", "igo_eu", "asserted"), id="body-which-includes"),
    case("Mali, Burkina Faso and Niger set up the Alliance of Sahel States in 2023.", *AES,
         id="members-set-up"),
    case("Kenya and Uganda formed the East African Community with Tanzania.",
         *(("cty_" + c, "member_of", "igo_eac", "asserted") for c in ("KEN", "UGA", "TZA")),
         id="members-formed-with"),
    case("The Alliance of Sahel States, made up of Mali, Burkina Faso and Niger, left ECOWAS.",
         *AES, id="made-up-of"),
    case("Mali, Burkina Faso and Niger, members of the Alliance of Sahel States, left ECOWAS.",
         *AES, id="x-y-and-z-members-of"),
    case("The sanctions list includes M23.", id="unnamed-body-includes"),
    case("The delegation included Paul Kagame.", id="unnamed-delegation"),
    case("Paul Kagame founded the Rwandan Patriotic Front.", id="person-founds"),
    case("The United Nations created MONUSCO in 2010.", id="body-creates-body"),
    case("Rwanda created M23 in 2012, the experts said.", id="state-creates-group"),
    # a relative clause on a coordination
    case("Burundi, Uganda and the DRC, which are allied, sent troops.",
         ("cty_BDI", "allied_with", "cty_UGA", "asserted"),
         ("cty_BDI", "allied_with", "cty_COD", "asserted"),
         ("cty_UGA", "allied_with", "cty_COD", "asserted"), id="three-which-are-allied"),
    case("M23 says it protects civilians from the FDLR and from the Wazalendo, which are allied.",
         ("grp_fdlr", "allied_with", "grp_wazalendo", "claimed"), id="from-x-and-from-y-allied"),
    case("Mali and Niger, which are allied within the Alliance of Sahel States, met in Niamey.",
         ("cty_MLI", "allied_with", "cty_NER", "asserted"),
         ("cty_MLI", "member_of", "igo_aes", "asserted"),
         ("cty_NER", "member_of", "igo_aes", "asserted"), id="allied-within-body"),
    case("Burundi and the DRC, which are allied in the fight against M23, sent troops.",
         ("cty_BDI", "allied_with", "cty_COD", "asserted"), id="allied-in-no-body"),
    case("M23 and the Wazalendo, which is backed by the Congolese army, clashed near Sake.",
         ("mil_COD", "supports", "grp_wazalendo", "asserted"), id="singular-which-is-backed"),
    # leads: the country whose ruling body one heads
    case("Malian junta leader Assimi Goïta met Ibrahim Traoré.",
         ("per_assimi_goita", "leads", "cty_MLI", "asserted"), id="demonym-junta-leader"),
    case("Abdourahamane Tiani, the head of Niger's junta, visited Bamako.",
         ("per_abdourahamane_tiani", "leads", "cty_NER", "asserted"), id="head-of-ys-junta"),
    case("Burkina Faso's military leader, Captain Ibrahim Traoré, addressed the nation.",
         ("per_ibrahim_traore", "leads", "cty_BFA", "asserted"), id="ys-military-leader"),
    case("The junta leader spoke to reporters.", id="unnamed-junta-leader"),
    case("Jean Bakole, a senior government official, told reporters the talks had failed.",
         id="government-official"),
    case("Former junta leader Paul-Henri Damiba left the country.", id="former-junta-leader"),
]  # fmt: skip


def article_of(text: str) -> Article:
    article = normalise(RawDocument(path="t.txt", format="txt", text=text), published=PUBLISHED)
    assert article.text == text, "normalisation ate part of the test sentence"
    return article


@pytest.fixture(scope="module")
def relations_of():
    """Every test text parsed in one batch, as the pipeline does (parse_many + mentions)."""
    texts = [p.values[0] for p in CASES] + [
        "Rwanda backs M23. Rwanda has denied backing M23.",
        "Paul Kagame leads Rwanda. M23 rebels, backed by Rwanda, took Goma.",
        JUNTA,
        JUNTA.replace("Mali's junta", "the police"),
    ]
    parsed = {
        article.text: (article, pattern_relations(doc, article, extract_mentions(doc, article)))
        for doc, article in parse_many(article_of(t) for t in texts)
    }
    return parsed.__getitem__


def quads(relations: tuple[Relation, ...]) -> set[tuple[str, ...]]:
    return {(r.subject_id, r.predicate, r.object_id, r.modality) for r in relations}


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_ties_read_from_phrases(relations_of, text, expected):
    _, relations = relations_of(text)
    assert quads(relations) == expected


def surface_forms(entity_id: str, name: str) -> set[str]:
    """Every way the text may name an entity: its names, and for a state its country's."""
    index = kb_index()
    forms = {name}
    if entity_id in index.by_id:
        forms.update(index.by_id[entity_id].names)
    country = index.country_by_iso3.get(entity_id[4:]) if entity_id[3] == "_" else None
    if country is not None:
        forms.update((*country.names, *country.demonyms, *country.metonyms))
    return {f.casefold() for f in forms}


@pytest.mark.parametrize(("text", "expected"), [p for p in CASES if p.values[1]])
def test_evidence_is_the_phrase_naming_both_ends(relations_of, text, expected):
    article, relations = relations_of(text)
    for r in relations:
        assert article.text[r.span.start : r.span.end] == r.text
        for entity_id, name in ((r.subject_id, r.subject), (r.object_id, r.object)):
            assert any(f in r.text.casefold() for f in surface_forms(entity_id, name)), name
        assert (r.article_id, r.method, r.event_id, r.date) == (article.id, "pattern", None, None)


def test_duplicates_keep_the_first_evidence(relations_of):
    _, relations = relations_of("Rwanda backs M23. Rwanda has denied backing M23.")
    assert [(r.text, r.modality) for r in relations] == [("Rwanda backs M23", "asserted")]


def test_relations_come_in_text_order(relations_of):
    _, relations = relations_of(
        "Paul Kagame leads Rwanda. M23 rebels, backed by Rwanda, took Goma."
    )
    assert [r.predicate for r in relations] == ["leads", "supports"]
    assert relations[0].span.start < relations[1].span.start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (JUNTA, [(BAKOLE, "leads", "cty_MLI", "Jean Bakole, the junta leader")]),
        (JUNTA.replace("Mali's junta", "the police"), []),  # no junta named: no country
    ],
)
def test_the_junta_leader_leads_the_country_of_the_junta_named_before(relations_of, text, expected):
    """ "the junta leader" names no country: the last "Mali's junta" before it does."""
    _, relations = relations_of(text)
    assert [(r.subject_id, r.predicate, r.object_id, r.text) for r in relations] == expected


# --- the seeds ---------------------------------------------------------------------------------


def seed_relations(corpus_dir: Path, name: str) -> set[tuple[str, ...]]:
    (raw,) = read_path(str(corpus_dir / "seeds" / name))
    articles = [normalise(raw)]
    found = set()
    for doc, article in parse_many(articles):
        relations = pattern_relations(doc, article, extract_mentions(doc, article))
        assert all(article.text[r.span.start : r.span.end] == r.text for r in relations)
        found |= {(r.subject_id, r.predicate, r.object_id) for r in relations}
    return found


def test_seeds_give_the_rwanda_m23_tie_and_little_else(corpus_dir):
    coup = seed_relations(corpus_dir, "drc-coup-attempt-2024.txt")
    assert {RWA_M23, ("per_felix_tshisekedi", "leads", "cty_COD")} <= coup
    assert len(coup) <= 6
    assert seed_relations(corpus_dir, "drc-us-minerals-2025.txt") == {RWA_M23}
    assert seed_relations(corpus_dir, "mali-coup-2012.txt") == set()
