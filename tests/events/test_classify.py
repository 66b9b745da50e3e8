"""Event typing: PLOVER type, mode, contexts and ACLED type of clauses we wrote for the tests.

None of these sentences is in faultline/events/data/training.yaml (a test checks that).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from faultline.errors import ConfigError
from faultline.events import embed as embed_module
from faultline.events import train as train_module
from faultline.events.classify import classify, classify_many
from faultline.events.typing_rules import ACLED_SUB_EVENTS, PLOVER_TYPES, lemma_of

FRENCH_CORPUS = Path(__file__).parents[1] / "corpus" / "fr"
# (text, trigger lemma or None, expected PLOVER type)
TYPED = [
    (
        "Insurgents ambushed a police patrol near Mopti, killing three officers.",
        "ambush",
        "ASSAULT",
    ),
    ("Government artillery shelled rebel trenches outside Bunia.", "shell", "ASSAULT"),
    (
        "Fighters loyal to the warlord fought soldiers for control of the bridge.",
        "fight",
        "ASSAULT",
    ),
    ("The police detained eleven journalists covering the march.", "detain", "COERCE"),
    ("The junta imposed a curfew on Conakry after the shooting.", "impose", "COERCE"),
    ("Authorities closed the borders with Benin and Nigeria.", "close", "COERCE"),
    ("The colonels suspended the constitution on state television.", "suspend", "COERCE"),
    ("Canada sanctioned four militia leaders for abuses in Ituri.", "sanction", "SANCTION"),
    ("The Netherlands froze its aid to the government in Kigali.", "freeze", "SANCTION"),
    ("Kinshasa accused Kigali of sending troops across the border.", "accuse", "ACCUSE"),
    ("The rebels threatened to shoot down any aircraft over their zone.", "threaten", "THREATEN"),
    ("Church leaders demanded the release of the detained activists.", "demand", "REQUEST"),
    ("Thousands of traders marched in Lubumbashi against the new tax.", "march", "PROTEST"),
    ("The army deployed an armoured brigade to the northern frontier.", "deploy", "MOBILIZE"),
    ("The militia withdrew from the mining town ahead of the talks.", "withdraw", "RETREAT"),
    ("The kidnappers released the two engineers on Friday.", "release", "RETREAT"),
    ("The prime minister of Chad met the Sudanese envoy in N'Djamena.", "meet", "CONSULT"),
    ("The parliament rejected the junta's request for emergency powers.", "reject", "REJECT"),
    (
        "The two governments agreed to build a railway to carry copper to the coast.",
        "agree",
        "AGREE",
    ),
    (
        "Washington delivered armoured vehicles and night-vision goggles to the Kenyan army.",
        "deliver",
        "AID",
    ),
    # Without a trigger lemma the classifier and the trigger words in the text decide.
    ("A drone strike destroyed a rebel ammunition depot near Rutshuru.", None, "ASSAULT"),
    ("The European Union imposed an asset freeze on three army generals.", None, "SANCTION"),
    ("Students protested outside the ministry of education in Abidjan.", None, "PROTEST"),
    ("Security forces arrested the former defence minister at dawn.", None, "COERCE"),
]


@pytest.mark.parametrize(
    ("text", "trigger", "expected"), [pytest.param(*t, id=t[2] + "-" + str(t[1])) for t in TYPED]
)
def test_types_clauses(text: str, trigger: str | None, expected: str) -> None:
    typing = classify(text, trigger)
    assert typing.event_type == expected
    assert 0.0 < typing.confidence <= 1.0


def test_classify_many_matches_classify_and_keeps_order() -> None:
    items = [(text, trigger) for text, trigger, _ in TYPED[:6]]
    assert [t.event_type for t in classify_many(items)] == [classify(*i).event_type for i in items]
    assert classify_many([]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Washington imposed sanctions on the head of the presidential guard.",
        "Sweden suspended its development aid to the country after the coup.",
        "The president accused the opposition of inciting the riots.",
        "The foreign ministers met in Luanda to discuss the crisis.",
    ],
)
def test_no_acled_event_for_sanctions_talks_and_accusations(text: str) -> None:
    assert classify(text).acled is None


@pytest.mark.parametrize(
    ("text", "trigger", "sub_event", "mode"),
    [
        (
            "A drone hit a convoy of trucks near Kidal, killing four.",
            "hit",
            "Air/drone strike",
            "drone",
        ),
        (
            "A roadside bomb struck an army truck near Menaka.",
            "strike",
            "Remote explosive/landmine/IED",
            "explosives",
        ),
        ("Police arrested 30 opposition supporters in Kinshasa.", "arrest", "Arrests", "arrest"),
        (
            "A suicide bomber attacked a checkpoint in Mogadishu.",
            "attack",
            "Suicide bomb",
            "suicide-attack",
        ),
    ],
)
def test_acled_sub_event_and_mode(text: str, trigger: str, sub_event: str, mode: str) -> None:
    typing = classify(text, trigger)
    assert typing.mode == mode
    assert typing.acled is not None
    assert typing.acled.sub_event_type == sub_event
    assert (typing.acled.event_type, typing.acled.disorder_type) == ACLED_SUB_EVENTS[sub_event]
    assert typing.acled.interaction is None  # the event stage fills it from the actors


@pytest.mark.parametrize(
    "text",
    [
        "Officers of the presidential guard seized power and detained the president in Libreville.",
        "A military junta toppled the elected government in a coup on Wednesday night.",
        "The army staged a coup, dissolved parliament and suspended the constitution.",
    ],
)
def test_coups_carry_pro_autocracy(text: str) -> None:
    typing = classify(text)
    assert typing.event_type in ("COERCE", "ASSAULT")
    assert "pro_autocracy" in typing.contexts


def test_mineral_deals_carry_natural_resources() -> None:
    typing = classify("The state signed a deal granting a Gulf firm rights to its lithium.", "sign")
    assert typing.event_type in ("SUPPORT", "AGREE", "COOPERATE")
    assert "natural_resources" in typing.contexts
    assert typing.acled is None


def test_lemma_of_inflected_triggers() -> None:
    forms = {"shelled": "shell", "clashes": "clash", "detained": "detain", "fought": "fight"}
    assert {f: lemma_of(f) for f in forms} == forms


def test_embeddings_are_normalised_and_batched() -> None:
    vectors = embed_module.embed(["Troops clashed with rebels.", "", "Sanctions were imposed."])
    assert vectors.shape == (3, embed_module.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert embed_module.embed([]).shape == (0, embed_module.DIMENSIONS)


def test_a_vector_does_not_depend_on_the_texts_batched_with_it() -> None:
    # Batches are padded to their longest text: padding must never leak into a vector.
    short = "Troops clashed with rebels."
    long = (
        "Witnesses in Bunia said the militia, which had been driven out of three villages "
        "in Djugu territory last month, returned before dawn and burned forty houses."
    )
    embedder = embed_module.load_embedder()
    alone = np.vstack([embedder([short]), embedder([long])])
    together = embedder([long, short, "", long + " " + long * 5], batch_size=4)
    assert np.allclose(together[[1, 0]], alone, atol=1e-5)
    one_by_one = embedder([long, short], batch_size=1)
    assert np.allclose(one_by_one[[1, 0]], alone, atol=1e-5)


def test_missing_tokenizer_is_a_config_error_naming_the_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(embed_module, "tokenizer_dirs", lambda: [tmp_path / "nowhere"])
    with pytest.raises(ConfigError, match="make model"):
        embed_module.find_tokenizer()


def test_install_tokenizer_checks_hashes(tmp_path: Path) -> None:
    installed = embed_module.find_tokenizer()
    copy = embed_module.install_tokenizer(installed, tmp_path / "tok")
    assert sorted(p.name for p in copy.iterdir()) == sorted(embed_module.TOKENIZER_FILES)
    (tmp_path / "bad").mkdir()
    for name in embed_module.TOKENIZER_FILES:
        (tmp_path / "bad" / name).write_text("{}")
    with pytest.raises(ConfigError, match="sha256"):
        embed_module.install_tokenizer(tmp_path / "bad", tmp_path / "tok2")


@pytest.mark.slow
def test_model_cache_rebuilt_when_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FAULTLINE_CACHE", str(tmp_path))
    train_module.load_model.cache_clear()
    try:
        target = train_module.model_path()
        assert not target.exists()
        model = train_module.load_model()
        assert target.is_file()
        assert set(model.heads["type"].labels) == set(PLOVER_TYPES)
        # A corrupt cache file is rebuilt too, not an error.
        target.write_bytes(b"not a model")
        train_module.load_model.cache_clear()
        assert train_module.load_model().heads["type"].labels == model.heads["type"].labels
    finally:
        train_module.load_model.cache_clear()


def test_changed_training_data_changes_the_cache_key(tmp_path: Path) -> None:
    copy = tmp_path / "training.yaml"
    copy.write_bytes(train_module.DATA_PATH.read_bytes())
    same = train_module.data_hash(copy)
    copy.write_bytes(copy.read_bytes() + b"\n# edited\n")
    assert train_module.data_hash(copy) != same == train_module.data_hash()


def test_fit_is_deterministic() -> None:
    examples = train_module.load_examples()[::7]
    vectors = np.random.default_rng(0).normal(size=(len(examples), 16)).astype(np.float32)
    first, second = train_module.fit(vectors, examples), train_module.fit(vectors, examples)
    assert np.array_equal(first.heads["type"].weights, second.heads["type"].weights)


def test_training_data_covers_every_type_and_acled_sub_event() -> None:
    examples = train_module.load_examples()
    texts = [e.text for e in examples]
    assert len(texts) == len(set(texts))
    assert {e.event_type for e in examples} == set(PLOVER_TYPES)
    assert {e.acled for e in examples} - {"none"} == set(ACLED_SUB_EVENTS)
    for event_type in PLOVER_TYPES:
        assert sum(e.event_type == event_type for e in examples) >= 14, event_type
    tested = {text for text, _, _ in TYPED}
    assert not tested & set(texts)


def test_training_data_copies_no_seed_sentence(corpus_dir: Path) -> None:
    seeds = " ".join(p.read_text(encoding="utf-8") for p in (corpus_dir / "seeds").glob("*.txt"))
    assert [e.text for e in train_module.load_examples() if e.text in seeds] == []


def test_gold_records_parse_with_current_type_names() -> None:
    gold = train_module._default_gold()
    if gold is None:
        pytest.skip("shared/reference/plover not beside the checkout")
    records = train_module.gold_records(gold)
    assert len(records) > 300
    assert {event_type for _, _, event_type in records} <= set(PLOVER_TYPES)


def test_classify_cli_prints_one_json_object_per_line() -> None:
    import typer

    from faultline.cli.classify import COLUMNS, classify_cli

    app = typer.Typer()
    app.command()(classify_cli)
    snippets = "Rebels shelled Goma.\n\nThe EU sanctioned two ministers.\n"
    result = CliRunner().invoke(app, ["--format", "json"], input=snippets)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [tuple(r) for r in rows] == [COLUMNS, COLUMNS]
    assert rows[0]["event_type"] == "ASSAULT"
    assert rows[0]["acled_event_type"] == "Explosions/Remote violence"
    assert rows[1]["event_type"] == "SANCTION"
    assert rows[1]["acled_sub_event_type"] is None


def test_french_typing_sentences_are_ours_and_cover_the_types(corpus_dir: Path) -> None:
    french = train_module.load_examples(train_module.FRENCH_DATA_PATH)
    texts = [e.text for e in french]
    assert len(texts) == len(set(texts)) and len(texts) >= 150
    assert {e.event_type for e in french} == set(PLOVER_TYPES)
    ours = " ".join(p.read_text(encoding="utf-8") for p in FRENCH_CORPUS.glob("*.txt"))
    seeds = " ".join(p.read_text(encoding="utf-8") for p in (corpus_dir / "seeds").glob("*.txt"))
    assert [t for t in texts if t in ours or t in seeds] == []


def test_french_sentences_are_typed_as_the_pipeline_glosses_them() -> None:
    french = train_module.french_examples()
    # English lemmas where the gloss knows the word, as in the clauses typed at run time.
    assert any(" kill " in f" {e.text} " for e in french)
    typings = classify_many([(e.text, None) for e in french])
    right = sum(t.event_type == e.event_type for t, e in zip(typings, french, strict=True))
    assert right / len(french) >= 0.68  # 71% measured (python -m faultline.events.train --evaluate)
