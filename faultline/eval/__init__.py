"""Evaluation: score extracted events against a gold file of facts.

    facts.py  one check per fact key (types, date, place, actors, counts, ...) on one event dict
    gold.py   the fact kinds (plain, sum_killed, coup, attribution, count, relation), the
              ``not_events`` sentences, and the :class:`Report` that ``faultline eval`` prints

The rules are those of ``corpus/gold/README.md``; events are the JSON objects that
``faultline extract --format jsonl`` prints (``design/EVENT_SCHEMA.md``).
"""
