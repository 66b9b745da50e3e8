"""Citation numbers: ``[1]``, ``[2]``, ... in the order the rendered page first cites each
source, so the Sources list reads in the page's order and lists only what the page cites.

An event or article is one citation each. Reference rows share one citation per publication
(and year): a country's eighteen producing-area rows from one yearbook are one entry listing
the eighteen row ids, while each number on the page still names its own row (``data-ref``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from faultline.models import Citation, Source, SourceRef

CitationKey = tuple[str | None, ...]


class CitationNumbers:
    """Gives each source a number the first time the page cites it; one per rendering."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self._sources = {source.ref: source for source in sources}
        self._numbers: dict[CitationKey, int] = {}
        self._cited: dict[CitationKey, dict[SourceRef, None]] = {}

    def number(self, ref: SourceRef) -> int:
        source = self._sources.get(ref)
        if source is None:
            # Gathering collects every source the page cites; a miss is a bug, not bad data.
            raise ValueError(f"{ref.kind} {ref.id} is cited but was not gathered")
        key = citation_key(source)
        self._cited.setdefault(key, {})[ref] = None
        return self._numbers.setdefault(key, len(self._numbers) + 1)

    def numbers(self, refs: Iterable[SourceRef]) -> list[tuple[int, tuple[SourceRef, ...]]]:
        """Each distinct number ``refs`` cite, with the refs cited under it, in number order."""
        grouped: dict[int, dict[SourceRef, None]] = {}
        for ref in refs:
            grouped.setdefault(self.number(ref), {})[ref] = None
        return [(number, tuple(grouped[number])) for number in sorted(grouped)]

    def citations(self) -> tuple[Citation, ...]:
        """Every source cited so far, by number, each with the reference rows cited under it."""
        found = []
        for key, number in self._numbers.items():
            refs = tuple(self._cited[key])
            source = self._sources[refs[0]]
            rows = tuple(r.id for r in refs) if source.ref.kind == "reference" else ()
            found.append(Citation(number, source, rows))
        return tuple(found)


def citation_key(source: Source) -> CitationKey:
    """Reference rows cite their publication; anything else cites itself."""
    if source.ref.kind == "reference":
        return ("reference", source.title, source.published, source.url)
    return (source.ref.kind, source.ref.id)
