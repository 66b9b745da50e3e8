"""Vectors are remembered by text: a clause embedded to type it is not embedded again to link it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

import faultline.events.embed as embed_module


class CountingEmbedder:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.seen += list(texts)
        return np.array([[float(len(t))] + [0.0] * 383 for t in texts], dtype=np.float32)


def test_each_text_is_embedded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = CountingEmbedder()
    monkeypatch.setattr(embed_module, "load_embedder", lambda: fake)
    monkeypatch.setattr(embed_module, "_CACHE", {})
    first = embed_module.embed(["rebels attacked", "police arrested forty"])
    again = embed_module.embed(["police arrested forty", "a new clause", "rebels attacked"])
    assert fake.seen == ["rebels attacked", "police arrested forty", "a new clause"]
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[2], first[0])
    assert again[1][0] == len("a new clause")


def test_the_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed_module, "load_embedder", lambda: CountingEmbedder())
    monkeypatch.setattr(embed_module, "_CACHE", {})
    monkeypatch.setattr(embed_module, "_CACHE_SIZE", 3)
    embed_module.embed([f"clause {n}" for n in range(5)])
    assert list(embed_module._CACHE) == ["clause 2", "clause 3", "clause 4"]
