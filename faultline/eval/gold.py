"""Score extracted events against a gold file (``corpus/gold/README.md`` rules).

A gold file lists, per article file, ``facts`` the events must contain and ``not_events``
sentences that must yield none. :func:`score` checks each one and says why it passed or failed,
so a regression names the fact and the nearest miss rather than just moving a number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path, PurePath
from typing import Any, TypeVar

from faultline.errors import ConfigError
from faultline.eval.facts import (
    Event,
    Fact,
    closest,
    describe,
    fold,
    name_matches,
    satisfies,
    wants,
)

__all__ = ["FactResult", "GoldFileError", "Report", "iter_files", "load_gold", "locate", "score"]

T = TypeVar("T")
# Relations a graph will hold, and the PLOVER event that stands for one until it exists.
RELATION_EVENTS = {"supports": "SUPPORT"}
_SUM_KEYS = ("killed", "hedged")
_COUP_SKIP = ("types",)  # a coup fact names the coup block, not a PLOVER type


class GoldFileError(ConfigError):
    """A gold file that cannot be read or does not have the gold shape."""


@dataclass(frozen=True, slots=True)
class FactResult:
    file: str
    id: str
    kind: str  # event | sum_killed | coup | attribution | count | relation | not_event
    passed: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Report:
    results: tuple[FactResult, ...]

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def score(self) -> str:
        return f"{self.passed}/{self.total}"

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "passed": self.passed,
            "total": self.total,
            "results": [asdict(r) for r in self.results],
        }


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read and check a gold file; every problem names the file."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFileError(f"cannot read gold file: {exc}", source=str(path)) from exc
    problem = gold_problem(gold)
    if problem:
        raise GoldFileError(f"not a gold file: {problem}", source=str(path))
    return gold


def gold_problem(gold: Any) -> str | None:
    """What is wrong with the shape of ``gold``, or None."""
    if not isinstance(gold, dict) or not isinstance(gold.get("articles"), list):
        return 'expected an object with an "articles" list'
    for i, article in enumerate(gold["articles"]):
        if not isinstance(article, dict) or not isinstance(article.get("file"), str):
            return f'article {i} has no "file"'
        facts = article.get("facts", [])
        if not isinstance(facts, list) or not all(_is_fact(f) for f in facts):
            return f'{article["file"]}: "facts" must be a list of objects with an "id"'
        sentences = article.get("not_events", [])
        if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences):
            return f'{article["file"]}: "not_events" must be a list of sentences'
    return None


def score(
    gold: dict[str, Any],
    events_by_file: dict[str, list[Event]],
    texts_by_file: dict[str, str],
) -> Report:
    """Check every fact and ``not_events`` sentence of ``gold`` against the events given.

    ``events_by_file`` / ``texts_by_file`` are keyed by the gold ``file`` name (a key that is a
    path ending in that name also counts); texts are the normalised article texts the event
    evidence offsets point into.
    """
    results: list[FactResult] = []
    for article in gold["articles"]:
        name = article["file"]
        events = _by_name(events_by_file, name) or []
        text = _by_name(texts_by_file, name)
        facts = {f["id"]: f for f in article.get("facts", [])}
        for fact in article.get("facts", []):
            results.append(_score_fact(name, fact, events, facts))
        for i, sentence in enumerate(article.get("not_events", []), start=1):
            results.append(_score_not_event(name, i, sentence, events, text))
    return Report(tuple(results))


# --- Facts ------------------------------------------------------------------------------------


def _score_fact(file: str, fact: Fact, events: list[Event], facts: dict[str, Fact]) -> FactResult:
    kind = fact.get("kind", "event")
    scorer = _SCORERS.get(kind)
    if scorer is None:
        return FactResult(file, fact["id"], kind, False, f"unknown fact kind {kind!r}")
    passed, reason = scorer(fact, events, facts)
    return FactResult(file, fact["id"], kind, passed, reason)


def _plain(fact: Fact, events: list[Event], _facts: dict[str, Fact]) -> tuple[bool, str]:
    """Plain facts and ``kind: count``: one event satisfies every key."""
    match = next((e for e in events if satisfies(fact, e)), None)
    if match is not None:
        return True, f"matched {describe(match)}"
    return False, f"no event with {wants(fact)}; {closest(fact, events)}"


def _sum_killed(fact: Fact, events: list[Event], _facts: dict[str, Fact]) -> tuple[bool, str]:
    """The non-background events on the fact's date and place/country add up to ``killed``."""
    chosen = [
        e
        for e in events
        if not e.get("background") and satisfies(fact, e, skip=(*_SUM_KEYS, "background"))
    ]
    total = sum(int((e.get("counts") or {}).get("killed") or 0) for e in chosen)
    where = wants(fact, skip=_SUM_KEYS)
    if total != fact["killed"]:
        parts = ", ".join(f"{describe(e)}: {(e.get('counts') or {}).get('killed')}" for e in chosen
                          if (e.get("counts") or {}).get("killed"))  # fmt: skip
        return False, f"killed sum {total} ≠ {fact['killed']} over events {where} [{parts}]"
    hedged = [e for e in chosen if e.get("modality") in ("hedged", "claimed")]
    if fact.get("hedged") and not hedged:
        return False, f"killed sum {total} but no hedged or claimed event among them ({where})"
    return True, f"killed sum {total} over {len(chosen)} events {where}"


def _coup(fact: Fact, events: list[Event], _facts: dict[str, Fact]) -> tuple[bool, str]:
    coups = [e for e in events if e.get("coup")]
    match = next((e for e in coups if satisfies(fact, e, skip=_COUP_SKIP)), None)
    if match is not None:
        return True, f"matched coup {_coup_text(match)}"
    if not coups:
        return False, f"no coup event at all (wanted {wants(fact, skip=_COUP_SKIP)})"
    return (
        False,
        f"no coup with {wants(fact, skip=_COUP_SKIP)}; {closest(fact, coups, skip=_COUP_SKIP)}",
    )


def _attribution(fact: Fact, events: list[Event], facts: dict[str, Fact]) -> tuple[bool, str]:
    about = facts.get(fact.get("about", ""))
    if about is None:
        return False, f"fact {fact.get('about')!r} that this one is about is not in the gold file"
    subjects = [e for e in events if satisfies(about, e)]
    if not subjects:
        return False, f"no event satisfies fact {about['id']!r}, so nobody is said to claim it"
    speakers = fact.get("speaker_any", [])
    for event in subjects:
        if _spoken_by(event, speakers):
            return True, f"{_speaker(event)} says {describe(event)}"
    found = "; ".join(f"{describe(e)} ← {_speaker(e) or 'the author'}" for e in subjects[:3])
    return False, f"no event of {about['id']!r} attributed to {'|'.join(speakers)}: {found}"


def _relation(fact: Fact, events: list[Event], _facts: dict[str, Fact]) -> tuple[bool, str]:
    relation = fact.get("relation", "")
    event_type = RELATION_EVENTS.get(relation)
    if event_type is None:
        return False, f"no knowledge graph yet, and no event stands for relation {relation!r}"
    from_any, to_any = fact.get("from_any", []), fact.get("to_any", [])
    candidates = [e for e in events if e.get("event_type") == event_type]
    for event in candidates:
        if _has_role(event, "actor", from_any) and _has_role(event, "recipient", to_any):
            return True, f"{event_type} event stands for {relation}: {describe(event)}"
    want = f"{event_type} event from {'|'.join(from_any)} to {'|'.join(to_any)}"
    seen = "; ".join(describe(e) for e in candidates[:3]) or "none"
    return False, f"no {want} (graph not built yet); {event_type} events: {seen}"


_SCORERS: dict[str, Callable[[Fact, list[Event], dict[str, Fact]], tuple[bool, str]]] = {
    "event": _plain,
    "count": _plain,
    "sum_killed": _sum_killed,
    "coup": _coup,
    "attribution": _attribution,
    "relation": _relation,
}


# --- not_events -------------------------------------------------------------------------------


def _score_not_event(
    file: str, number: int, sentence: str, events: list[Event], text: str | None
) -> FactResult:
    fact_id = f"not_event {number}: {_clip(sentence)}"
    if text is None:
        return FactResult(file, fact_id, "not_event", False, "no article text to find it in")
    span = locate(sentence, text)
    if span is None:
        return FactResult(file, fact_id, "not_event", False, "sentence not found in article text")
    overlapping = [e for e in events if not e.get("background") and _overlaps(e, span)]
    if overlapping:
        found = "; ".join(describe(e) for e in overlapping[:3])
        return FactResult(file, fact_id, "not_event", False, f"{len(overlapping)} events: {found}")
    return FactResult(file, fact_id, "not_event", True, f"no event in [{span[0]}, {span[1]})")


def locate(sentence: str, text: str) -> tuple[int, int] | None:
    """The sentence's ``[start, end)`` in ``text``, quotes, apostrophes and spacing normalised."""
    folded, offsets = _fold_with_offsets(text)
    needle, _ = _fold_with_offsets(sentence)
    at = folded.find(needle.strip())
    if at < 0 or not needle.strip():
        return None
    end = at + len(needle.strip())
    return offsets[at], offsets[end - 1] + 1


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` with quotes unified, markdown emphasis dropped and whitespace runs single,
    plus each kept character's offset in ``text`` (so a match maps back)."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        char = fold(char) if char in "’‘“”`´" else char
        if char in "*_":
            continue
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        offsets.append(i)
    return "".join(chars), offsets


def _overlaps(event: Event, span: tuple[int, int]) -> bool:
    for evidence in event.get("evidence") or []:
        start, end = evidence.get("start"), evidence.get("end")
        if isinstance(start, int) and isinstance(end, int) and start < span[1] and span[0] < end:
            return True
    return False


# --- Helpers ----------------------------------------------------------------------------------


def _is_fact(fact: Any) -> bool:
    return isinstance(fact, dict) and isinstance(fact.get("id"), str)


def _by_name(table: dict[str, T], name: str) -> T | None:
    if name in table:
        return table[name]
    return next((v for k, v in table.items() if PurePath(k).name == name), None)


def _spoken_by(event: Event, speakers: Sequence[str]) -> bool:
    attribution = event.get("attribution") or {}
    said = [fold(attribution.get("speaker")), fold(attribution.get("speaker_text"))]
    wanted = [fold(s) for s in speakers if fold(s)]
    return any(w in s or (s and s in w) for w in wanted for s in said if s)


def _speaker(event: Event) -> str | None:
    attribution = event.get("attribution") or {}
    return attribution.get("speaker") or attribution.get("speaker_text")


def _has_role(event: Event, role: str, names: Sequence[str]) -> bool:
    return any(name_matches(names, a) for a in event.get("actors") or [] if a.get("role") == role)


def _coup_text(event: Event) -> str:
    coup = event.get("coup") or {}
    country = (event.get("location") or {}).get("country")
    date = (event.get("date") or {}).get("start")
    return f"{coup.get('outcome')} {country} {date} led by {coup.get('leader')}"


def _clip(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def iter_files(gold: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
    """(file name, published date or None) for each article of the gold file."""
    for article in gold["articles"]:
        yield article["file"], article.get("published")
