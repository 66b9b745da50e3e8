"""Events: who did what to whom, where, when, how many, and who says so.

The stage runs, per article, over the parsed Doc and its resolved mentions:

    triggers.py     the trigger lexicon: verbs, phrases and nouns that report an action
    detect.py       clause-level event mentions (a trigger and its clause)   → EventDraft
    roles.py        actor and recipient from the parse, resolved through the knowledge base
    attach.py       date, place and counts from the clause, sentence or paragraph
    merge.py        clauses about one action in one article become one event
    classify.py     PLOVER type, mode, contexts and ACLED type (rules + embedding classifier)
    opinion.py      sentences that only evaluate or interpret yield no event
    modality.py     asserted / claimed / hedged / planned / proposed / threatened / ... / negated
    attribution.py  who says so, with the span of the speaker and the cue
    background.py   historical mentions, flagged rather than dropped
    coup.py         the coup block (Cline Center definitions)
    extract.py      assembles the above into Event records

Importing this package is cheap; spaCy and the models load on first use.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from faultline import __version__

if TYPE_CHECKING:
    from faultline.models import Article

# The version stamped on every event; the store re-extracts an article when it changes.
EXTRACTOR = f"faultline {__version__}"


def extract_events(
    paths: list[str], published: dt.date | None = None
) -> list[tuple[Article, list[dict[str, Any]]]]:
    """Events of every article in ``paths``, as schema JSON objects; bad inputs raise."""
    from faultline.errors import InputError
    from faultline.events.extract import extract_articles
    from faultline.export.event_json import event_to_json
    from faultline.pipeline import ReadOptions, list_inputs, read_articles

    articles = []
    for _path, result in read_articles(list_inputs(paths), ReadOptions(published=published)):
        if isinstance(result, InputError):
            raise result
        articles.append(result)
    return [
        (article, [event_to_json(e, article) for e in events])
        for article, events in extract_articles(articles)
    ]
