"""Train (and evaluate) the event-typing classifier from ``data/training.yaml``.

    python -m faultline.events.train              # train unless the cache is current
    python -m faultline.events.train --force      # retrain anyway
    python -m faultline.events.train --evaluate   # k-fold accuracy + PLOVER gold records

Three softmax-regression heads over the sentence embeddings: PLOVER type, PLOVER mode (as
"TYPE:mode") and ACLED sub-event type ("none" where ACLED records no event). Plain numpy,
full-batch gradient descent from zeros: no randomness, so the same YAML gives the same weights.
The weights go to the cache (``$FAULTLINE_CACHE/events``), never to git; the file name carries
a hash of the training data, the embedding model and this trainer, so any change retrains.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import itertools
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import yaml

from faultline.errors import ConfigError
from faultline.events.embed import cache_dir, embed, model_id
from faultline.events.typing_rules import ACLED_SUB_EVENTS, NO_ACLED, PLOVER_TYPES

log = logging.getLogger(__name__)

DATA_PATH = Path(__file__).resolve().parent / "data" / "training.yaml"
# French sentences we wrote, labelled like DATA_PATH. French clauses are typed by their gloss
# (faultline/lang/fr.py) with the model of the English sentences; trained on as well, these
# changed nothing (``--evaluate`` measures both), so they are French typing's test set.
FRENCH_DATA_PATH = DATA_PATH.with_name("training_fr.yaml")
TRAINER_VERSION = "1"  # bump when the features, heads or fitting change
NO_MODE = "none"
HEADS = ("type", "mode", "acled")
_L2 = 1e-3
_STEPS = 600


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    event_type: str
    mode: str | None
    acled: str  # an ACLED sub-event type or NO_ACLED
    contexts: tuple[str, ...]


def french_examples(path: Path = FRENCH_DATA_PATH) -> list[Example]:
    """Our French sentences in the glossed form the French pipeline gives the clauses it types
    ("les rebelles kill quarante civils")."""
    from faultline.lang.fr import gloss_text
    from faultline.nlp import load_nlp, model_text

    written = load_examples(path)
    docs = load_nlp("fr").pipe(model_text(e.text, "fr") for e in written)
    return [replace(e, text=gloss_text(doc)) for e, doc in zip(written, docs, strict=True)]


def load_examples(path: Path = DATA_PATH) -> list[Example]:
    """The labelled sentences, checked against the PLOVER and ACLED vocabularies."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the typing training data {path}: {exc}") from exc
    examples = []
    for group in data["groups"]:
        event_type, acled = group["type"], group.get("acled", NO_ACLED)
        if event_type not in PLOVER_TYPES:
            raise ConfigError(f"{path}: unknown PLOVER type {event_type!r}")
        if acled != NO_ACLED and acled not in ACLED_SUB_EVENTS:
            raise ConfigError(f"{path}: unknown ACLED sub-event type {acled!r}")
        contexts = tuple(group.get("contexts", ()))
        for text in group["texts"]:
            examples.append(Example(text, event_type, group.get("mode"), acled, contexts))
    return examples


def labels_of(example: Example, head: str) -> str:
    if head == "type":
        return example.event_type
    if head == "mode":
        return f"{example.event_type}:{example.mode}" if example.mode else NO_MODE
    return example.acled


@dataclass(frozen=True, slots=True)
class Head:
    labels: tuple[str, ...]
    weights: np.ndarray  # (dimensions, classes)
    bias: np.ndarray  # (classes,)


@dataclass(frozen=True, slots=True)
class TypingModel:
    """Standardisation plus one softmax head per label set."""

    mean: np.ndarray
    scale: np.ndarray
    heads: dict[str, Head]

    def proba(self, vectors: np.ndarray, head: str) -> np.ndarray:
        h = self.heads[head]
        return _softmax(((vectors - self.mean) / self.scale) @ h.weights + h.bias)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_heads(x: np.ndarray, label_sets: Sequence[Sequence[str]]) -> list[Head]:
    """L2-regularised softmax regressions by Nesterov gradient descent (deterministic).

    The heads are independent, but fitting them side by side in one weight matrix turns three
    small matrix products per step into one.
    """
    n = x.shape[0]
    blocks, targets, weights = [], [], []
    for labels in label_sets:
        classes = tuple(sorted(set(labels)))
        rows = np.searchsorted(np.array(classes), np.array(labels))
        y = np.zeros((n, len(classes)), dtype=np.float32)
        y[np.arange(n), rows] = 1.0
        # Classes weigh in by the square root of their size, so "none" and ASSAULT cannot
        # drown the small classes while the frequent ones keep most of their prior.
        sample_w = (1.0 / np.sqrt(y.sum(axis=0)))[rows]
        sample_w *= n / sample_w.sum()
        blocks.append(classes)
        targets.append(y)
        weights.append(np.repeat(sample_w[:, None], len(classes), axis=1))
    y, sample_w = np.hstack(targets), np.hstack(weights).astype(np.float32)
    bounds = np.cumsum([0, *(len(c) for c in blocks)])
    # Step 1/L: softmax curvature is at most 1/2 times the top eigenvalue of X'X/n.
    top = float(np.linalg.eigvalsh(x.T @ x / n)[-1])
    step = np.float32(1.0 / (0.5 * top * float(sample_w.max()) + _L2))
    w = np.zeros((x.shape[1], y.shape[1]), dtype=np.float32)
    b = np.zeros(y.shape[1], dtype=np.float32)
    w_prev, b_prev = w, b
    for t in range(1, _STEPS + 1):
        momentum = np.float32((t - 1) / (t + 2))
        vw, vb = w + momentum * (w - w_prev), b + momentum * (b - b_prev)
        z = x @ vw + vb
        for lo, hi in itertools.pairwise(bounds):
            z[:, lo:hi] = _softmax(z[:, lo:hi])
        residual = (z - y) * sample_w / n
        w_prev, b_prev = w, b
        w = vw - step * (x.T @ residual + _L2 * vw)
        b = vb - step * residual.sum(axis=0)
    return [
        Head(classes, w[:, lo:hi].copy(), b[lo:hi].copy())
        for classes, (lo, hi) in zip(blocks, itertools.pairwise(bounds), strict=True)
    ]


def fit(vectors: np.ndarray, examples: Sequence[Example]) -> TypingModel:
    mean = vectors.mean(axis=0)
    scale = vectors.std(axis=0) + 1e-6
    x = ((vectors - mean) / scale).astype(np.float32)
    heads = fit_heads(x, [[labels_of(e, h) for e in examples] for h in HEADS])
    return TypingModel(
        mean.astype(np.float32), scale.astype(np.float32), dict(zip(HEADS, heads, strict=True))
    )


# --- the cached model ------------------------------------------------------------------------


def data_hash(path: Path = DATA_PATH) -> str:
    """Hash of everything the weights depend on: data, trainer version, embedding model."""
    digest = hashlib.sha256(path.read_bytes())
    digest.update(TRAINER_VERSION.encode())
    digest.update(model_id().encode())
    return digest.hexdigest()[:16]


def model_path(path: Path = DATA_PATH) -> Path:
    return cache_dir() / "events" / f"typing-{data_hash(path)}.npz"


def save(model: TypingModel, path: Path) -> None:
    arrays: dict[str, np.ndarray] = {"mean": model.mean, "scale": model.scale}
    for name, head in model.heads.items():
        arrays[f"{name}.w"], arrays[f"{name}.b"] = head.weights, head.bias
        arrays[f"{name}.labels"] = np.array(head.labels)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.npz")
    np.savez(partial, **arrays)
    partial.replace(path)  # atomic: a concurrent reader never sees half a file


def load(path: Path) -> TypingModel:
    with np.load(path, allow_pickle=False) as f:
        heads = {
            h: Head(tuple(str(s) for s in f[f"{h}.labels"]), f[f"{h}.w"], f[f"{h}.b"])
            for h in HEADS
        }
        return TypingModel(f["mean"], f["scale"], heads)


def train(path: Path = DATA_PATH, *, force: bool = False) -> Path:
    """Train unless the cached weights for this data are present; returns their path."""
    target = model_path(path)
    if target.is_file() and not force:
        return target
    examples = load_examples(path)
    log.info("training the event-typing classifier on %d sentences", len(examples))
    save(fit(embed([e.text for e in examples]), examples), target)
    return target


@functools.cache
def load_model() -> TypingModel:
    """The process-wide classifier: read from the cache, trained first when missing."""
    target = model_path()
    try:
        return load(target)
    except (OSError, KeyError, ValueError):  # missing or unreadable: build it again
        return load(train(force=True))


# --- evaluation ------------------------------------------------------------------------------

GOLD_PATH = Path("PLOVER_GSR_CAMEO.txt")
# The gold records predate the 16-type PLOVER list; these older names merged into it.
_GOLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
               "FIGHT": "ASSAULT"}  # fmt: skip


def gold_records(path: Path) -> list[tuple[str, str, str]]:
    """(text, trigger word, PLOVER type) of each PLOVER gold record (a JSON list)."""
    import json

    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the PLOVER gold records {path}: {exc}") from exc
    out = []
    for r in records:
        event_type = _GOLD_TYPES.get(r["event"], r["event"])
        if event_type in PLOVER_TYPES and r.get("text"):
            trigger = (r.get("eventText") or "").split()
            out.append((r["text"], trigger[0] if trigger else "", event_type))
    return out


def _folds(examples: Sequence[Example], k: int, seed: int = 0) -> np.ndarray:
    """A fold number per example, stratified by PLOVER type, from a fixed seed."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(examples), dtype=int)
    for event_type in PLOVER_TYPES:
        members = [i for i, e in enumerate(examples) if e.event_type == event_type]
        for rank, i in enumerate(rng.permutation(members)):
            fold[i] = rank % k
    return fold


def evaluate(k: int = 5, gold: Path | None = None) -> str:
    """k-fold accuracy on our sentences, then accuracy on the PLOVER gold records."""
    from faultline.events.classify import classify_vectors
    from faultline.events.typing_rules import lemma_of

    examples = load_examples()
    vectors = embed([e.text for e in examples])
    fold = _folds(examples, k)
    hits = {"type (model)": 0, "type (rules+model)": 0, "acled sub-event": 0, "acled type": 0}
    mode_hits = mode_total = 0
    for f in range(k):
        train_idx, test_idx = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        model = fit(vectors[train_idx], [examples[i] for i in train_idx])
        test = [examples[i] for i in test_idx]
        p_type = model.proba(vectors[test_idx], "type")
        typings = classify_vectors(model, [(e.text, None) for e in test], vectors[test_idx])
        for e, p, t in zip(test, p_type, typings, strict=True):
            hits["type (model)"] += model.heads["type"].labels[int(p.argmax())] == e.event_type
            hits["type (rules+model)"] += t.event_type == e.event_type
            sub = t.acled.sub_event_type if t.acled else NO_ACLED
            hits["acled sub-event"] += sub == e.acled
            want = ACLED_SUB_EVENTS[e.acled][0] if e.acled != NO_ACLED else None
            hits["acled type"] += (t.acled.event_type if t.acled else None) == want
            if e.mode:
                mode_total += 1
                mode_hits += t.mode == e.mode
    n = len(examples)
    lines = [f"{k}-fold cross-validation on {n} sentences of {DATA_PATH.name} (seed 0):"]
    lines += [f"  {name:<22} {count / n:6.1%}" for name, count in hits.items()]
    lines.append(f"  {'mode (where labelled)':<22} {mode_hits / max(mode_total, 1):6.1%}")
    lines += _evaluate_french(k, examples, vectors)
    gold = gold or _default_gold()
    if gold is None:
        return "\n".join([*lines, "PLOVER gold records not found (shared/reference/plover)"])
    records = gold_records(gold)
    model = load_model()  # trained on our sentences only: the gold records are a held-out test
    gold_vectors = embed([text for text, _, _ in records])
    p_type = model.proba(gold_vectors, "type")
    plain = classify_vectors(model, [(t, None) for t, _, _ in records], gold_vectors)
    triggered = classify_vectors(model, [(t, lemma_of(w)) for t, w, _ in records], gold_vectors)
    truth = [event_type for _, _, event_type in records]
    labels = model.heads["type"].labels
    scores = {
        "type (model)": np.mean([labels[int(p.argmax())] == y for p, y in zip(p_type, truth, strict=True)]),  # noqa: E501
        "type (rules+model)": np.mean([t.event_type == y for t, y in zip(plain, truth, strict=True)]),  # noqa: E501
        "type (+trigger)": np.mean([t.event_type == y for t, y in zip(triggered, truth, strict=True)]),  # noqa: E501
    }  # fmt: skip
    lines.append(f"PLOVER gold records ({gold.name}, {len(records)} records, never trained on):")
    lines += [f"  {name:<22} {value:6.1%}" for name, value in scores.items()]
    lines.append("  recall per type (rules+model): " + ", ".join(
        f"{t} {np.mean([p.event_type == t for p, y in zip(plain, truth, strict=True) if y == t]):.0%}"  # noqa: E501
        for t in PLOVER_TYPES if t in truth
    ))  # fmt: skip
    return "\n".join(lines)


def _evaluate_french(k: int, english: list[Example], english_vectors: np.ndarray) -> list[str]:
    """Our French sentences, glossed, typed (rules+model) by the model of the English sentences
    (what runs), and in k-fold by one that also trains on the other French folds."""
    from faultline.events.classify import classify_vectors

    if not FRENCH_DATA_PATH.is_file():
        return []
    french = french_examples()
    vectors = embed([e.text for e in french])
    english_only = fit(english_vectors, english)
    fold = _folds(french, k)
    hits = {"English sentences": 0, "+ French folds": 0}
    for f in range(k):
        train_idx, test_idx = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        both = fit(np.vstack([english_vectors, vectors[train_idx]]),
                   [*english, *(french[i] for i in train_idx)])  # fmt: skip
        items = [(french[i].text, None) for i in test_idx]
        for name, model in (("English sentences", english_only), ("+ French folds", both)):
            typings = classify_vectors(model, items, vectors[test_idx])
            hits[name] += sum(t.event_type == french[i].event_type
                              for t, i in zip(typings, test_idx, strict=True))  # fmt: skip
    lines = [f"{len(french)} glossed sentences of {FRENCH_DATA_PATH.name}, type, model trained on:"]
    return lines + [f"  {name:<22} {count / len(french):6.1%}" for name, count in hits.items()]


def _default_gold() -> Path | None:
    """shared/reference/plover beside the checkout, when present."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "reference" / "plover" / GOLD_PATH
        if candidate.is_file():
            return candidate
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m faultline.events.train", description=__doc__)
    parser.add_argument("--force", action="store_true", help="retrain even if cached")
    parser.add_argument("--evaluate", action="store_true", help="print accuracy figures")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds")
    parser.add_argument("--gold", type=Path, help="PLOVER_GSR_CAMEO.txt (default: shared/)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        if args.evaluate:
            print(evaluate(args.folds, args.gold))
            return 0
        print(f"event-typing weights: {train(force=args.force)}")
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
