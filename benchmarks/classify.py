"""Event typing throughput: ``classify_many`` on generated clauses, after the model is loaded.

    .venv/bin/python benchmarks/classify.py [--snippets 2000]

Load time (ONNX session, tokenizer, cached weights) is reported apart from throughput, since a
process pays it once. The target is at least 100 snippets per second on one machine.
"""

from __future__ import annotations

import argparse
import itertools
import time

ACTORS = ["Rebels", "Government troops", "The junta", "Police", "Militiamen", "The EU"]
ACTIONS = [
    "shelled positions near {place}, killing several fighters",
    "arrested dozens of opposition supporters in {place}",
    "imposed sanctions on officials accused of abuses in {place}",
    "agreed to invest in the copper mines around {place}",
    "marched through {place} to demand the release of detainees",
    "deployed reinforcements to {place} after the attack on the base",
]
PLACES = ["Goma", "Bamako", "Niamey", "Khartoum", "Mogadishu", "Bunia", "Gao"]


def snippets(count: int) -> list[tuple[str, str | None]]:
    combos = itertools.cycle(itertools.product(ACTORS, ACTIONS, PLACES))
    return [
        (f"{actor} {action.format(place=place)} on day {i}.", None)
        for i, (actor, action, place) in zip(range(count), combos, strict=False)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--snippets", type=int, default=2000)
    args = parser.parse_args()
    start = time.perf_counter()
    from faultline.events.classify import classify_many

    classify_many([("Warm-up: soldiers clashed with rebels.", "clash")])
    loaded = time.perf_counter() - start
    items = snippets(args.snippets)
    start = time.perf_counter()
    typings = classify_many(items)
    elapsed = time.perf_counter() - start
    assert len(typings) == len(items)
    print(f"model load (incl. import): {loaded:.2f} s")
    print(f"classify_many: {len(items)} snippets in {elapsed:.2f} s = {len(items) / elapsed:.0f}/s")


if __name__ == "__main__":
    main()
