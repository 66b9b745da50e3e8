"""Build rewritten text together with the map back to the original.

Every ingest stage rewrites text by *keeping* ranges of its source and *inserting* a few
characters of its own (a space that joins a broken paragraph, ``&`` for ``&amp;``). A
:class:`TextBuilder` records those calls and produces a :class:`MappedText` whose
:class:`~faultline.models.OffsetMap` points every output offset at the original document.

Stages chain: a builder whose source is itself a :class:`MappedText` composes its anchors with
the source's map, so the last stage still maps straight to the original and no stage needs to
know how many came before it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from faultline.models import OffsetMap, Span


@dataclass(frozen=True, slots=True)
class MappedText:
    """Text plus its map to the original; ``inserted`` lists spans that are not original text."""

    text: str
    offset_map: OffsetMap
    inserted: tuple[Span, ...] = ()

    @classmethod
    def identity(cls, text: str) -> MappedText:
        """The original text, mapped onto itself."""
        return cls(text, OffsetMap((0,), (0,), len(text), len(text)))

    def is_kept(self, offset: int) -> bool:
        """True when the character at ``offset`` was copied from the original, not inserted."""
        i = bisect.bisect_right(_SpanStarts(self.inserted), offset) - 1
        return i < 0 or offset >= self.inserted[i].end

    def kept_mask(self) -> list[bool]:
        """``is_kept`` for every offset at once (linear, for whole-text checks)."""
        mask = [True] * len(self.text)
        for span in self.inserted:
            mask[span.start : span.end] = [False] * len(span)
        return mask


class TextBuilder:
    """Assemble text from pieces of ``source`` and produce its offset map.

    Calls must come in source order: ``keep`` and ``insert`` positions never go backwards, which
    keeps the anchors sorted without a final sort and makes building linear.
    """

    def __init__(self, source: str | MappedText) -> None:
        if isinstance(source, MappedText):
            self._source = source.text
            self._base: MappedText | None = source
            self._original_length = source.offset_map.original_length
        else:
            self._source = source
            self._base = None
            self._original_length = len(source)
        self._parts: list[str] = []
        self._length = 0
        self._norm: list[int] = []
        self._orig: list[int] = []
        self._inserted: list[list[int]] = []
        # Original offset at which the last kept run would continue; lets adjacent keeps share
        # one anchor so ordinary text costs one anchor per edit, not one per piece.
        self._run_end: int | None = None

    @property
    def length(self) -> int:
        """Length of the text built so far."""
        return self._length

    def keep(self, start: int, end: int) -> None:
        """Copy ``source[start:end]`` to the output."""
        if end <= start:
            return
        if self._base is None:
            self._emit_kept(start, end - start)
        else:
            self._keep_from_base(self._base, start, end)
        self._parts.append(self._source[start:end])
        self._length += end - start

    def insert(self, text: str, at: int) -> None:
        """Add ``text`` that replaces (or sits at) source offset ``at``."""
        if not text:
            return
        base = self._base
        original_at = at if base is None else base.offset_map.to_original(at)
        # One anchor per inserted character, all at the replaced text, so no inserted character
        # can map past it into unrelated original text.
        for i in range(len(text)):
            self._add_anchor(self._length + i, original_at)
        self._mark_inserted(self._length, self._length + len(text))
        self._run_end = None
        self._parts.append(text)
        self._length += len(text)

    def build(self) -> MappedText:
        text = "".join(self._parts)
        if not self._norm:
            offset_map = OffsetMap((0,), (0,), len(text), self._original_length)
        else:
            offset_map = OffsetMap(
                tuple(self._norm), tuple(self._orig), len(text), self._original_length
            )
        inserted = tuple(Span(a, b) for a, b in self._inserted)
        return MappedText(text, offset_map, inserted)

    def _emit_kept(self, original_start: int, length: int, at: int | None = None) -> None:
        out = self._length if at is None else at
        if self._run_end != original_start or not self._norm:
            self._add_anchor(out, original_start)
        self._run_end = original_start + length

    def _add_anchor(self, normalised: int, original: int) -> None:
        if self._norm and self._norm[-1] == normalised:
            self._orig[-1] = original
        else:
            self._norm.append(normalised)
            self._orig.append(original)

    def _mark_inserted(self, start: int, end: int) -> None:
        if self._inserted and self._inserted[-1][1] == start:
            self._inserted[-1][1] = end
        else:
            self._inserted.append([start, end])

    def _keep_from_base(self, base: MappedText, start: int, end: int) -> None:
        """Split ``[start, end)`` at the base map's anchors and emit each run's original offset."""
        anchors = base.offset_map.normalised
        originals = base.offset_map.original
        i = bisect.bisect_right(anchors, start) - 1
        pos = start
        while pos < end:
            next_anchor = anchors[i + 1] if i + 1 < len(anchors) else end
            run_end = min(end, next_anchor)
            original_start = originals[i] + (pos - anchors[i])
            self._emit_kept(original_start, run_end - pos, at=self._length + (pos - start))
            pos = run_end
            i += 1
        self._carry_inserted(base, start, end)

    def _carry_inserted(self, base: MappedText, start: int, end: int) -> None:
        """Characters the base inserted stay marked as inserted after composition."""
        spans = base.inserted
        if not spans:
            return
        i = max(bisect.bisect_right(_SpanStarts(spans), start) - 1, 0)
        shift = self._length - start
        while i < len(spans) and spans[i].start < end:
            lo, hi = max(spans[i].start, start), min(spans[i].end, end)
            if lo < hi:
                self._mark_inserted(lo + shift, hi + shift)
            i += 1


class _SpanStarts:
    """A read-only sequence of span starts, so bisect needs no per-call list copy."""

    __slots__ = ("_spans",)

    def __init__(self, spans: tuple[Span, ...]) -> None:
        self._spans = spans

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, index: int) -> int:
        return self._spans[index].start
