"""What a worker sends back: extractions plus the vectors the writer needs to link them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from faultline.events import embed as embed_module
from faultline.ingest.normalise import normalise
from faultline.models import ExtractedBatch, RawDocument
from faultline.scale.work import extract_batch, peak_memory_bytes, writer_side

TEXT = (
    "Gunmen attacked a police post in Beni on Tuesday, killing three officers, the army said. "
    "Thousands of people fled to Oicha after the attack."
)


def test_a_batch_carries_the_wording_vector_of_every_event_it_found():
    raw = RawDocument(path="t.txt", format="txt", text=TEXT)
    article = normalise(raw, published=dt.date(2024, 6, 5))
    batch = extract_batch([article], threads=1)
    events = batch.results[article.id].events
    assert events and {e.wording for e in events} == set(batch.wording_vectors)
    for event in events:
        shipped = np.frombuffer(batch.wording_vectors[event.wording], dtype=np.float32)
        assert np.allclose(shipped, embed_module.embed([event.wording])[0])


def test_the_writer_links_with_the_shipped_vectors_without_running_the_model(monkeypatch):
    embed_module.forget()
    vector = np.arange(embed_module.DIMENSIONS, dtype=np.float32) / 1000

    def no_model():
        raise AssertionError("the writer ran the embedding model")

    monkeypatch.setattr(embed_module, "load_embedder", no_model)
    results = writer_side(ExtractedBatch({}, {"rebels shelled Goma": vector.tobytes()}))
    assert results == {}
    assert np.array_equal(embed_module.embed(["rebels shelled Goma"])[0], vector)
    with pytest.raises(AssertionError, match="ran the embedding model"):
        embed_module.embed(["a clause nobody shipped"])


def test_peak_memory_is_this_process_high_water_mark():
    assert 50 * 2**20 < peak_memory_bytes() < 8 * 2**30
