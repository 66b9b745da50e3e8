"""The input every fault test ingests: our demo articles, the linking corpus, and a JSONL of
reports written here, some of them a second outlet's report of another's incident so that
linking joins articles stored in different chunks (and, after a fault, different runs).

It lives in one folder for the whole session: an event record names its article's path, so
the clean run and every faulted run must read the very same files for digests to compare.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
DEMO = REPO / "demo" / "articles"
LINK_CORPUS = REPO / "tests" / "link" / "corpus"

# (town, province, ISO3) of the reports; real places, so the gazetteer places the events.
_TOWNS = (
    ("Beni", "North Kivu", "COD"),
    ("Butembo", "North Kivu", "COD"),
    ("Bunia", "Ituri", "COD"),
    ("Uvira", "South Kivu", "COD"),
    ("Kalemie", "Tanganyika", "COD"),
    ("Kindu", "Maniema", "COD"),
    ("Djibo", "Sahel", "BFA"),
    ("Kaya", "Centre-Nord", "BFA"),
)
_OUTLETS = ("Lakeside Ledger", "Savanna Dispatch", "Riverside Courier", "Highland Herald")
_REPORTS = 32


def build(root: Path) -> Path:
    """Lay the corpus out under ``root`` and return the folder to ingest."""
    shutil.copytree(DEMO, root / "demo")
    (root / "link").mkdir()
    for path in sorted(LINK_CORPUS.glob("*.md")):
        shutil.copy(path, root / "link" / path.name)
    with (root / "reports.jsonl").open("w", encoding="utf-8") as handle:
        for number in range(_REPORTS):
            handle.write(json.dumps(_report(number), ensure_ascii=False) + "\n")
    return root


def _report(number: int) -> dict[str, str]:
    """Report ``number``; reports n and n + 16 tell the same incident in other words."""
    incident = number % 16
    town, province, _iso3 = _TOWNS[incident % len(_TOWNS)]
    outlet = _OUTLETS[(number // 16 + incident) % len(_OUTLETS)]
    day = 3 + incident
    killed = 2 + incident % 5 + (number // 16)
    kind = ("attack", "protest", "arrests")[incident % 3]
    body = _BODIES[kind][number // 16].format(
        town=town, province=province, killed=killed, outlet=outlet, n=incident
    )
    return {
        "title": f"{town}: {_TITLES[kind]} ({outlet})",
        "author": f"Correspondent {number}",
        "source": outlet,
        "published": f"2024-05-{day + 1:02d}",
        "text": body,
    }


_TITLES = {
    "attack": "gunmen attack an army post",
    "protest": "traders march against new market taxes",
    "arrests": "police detain opposition activists",
}
_BODIES = {
    "attack": (
        "Gunmen attacked an army post on the edge of {town} in {province} province on "
        "Monday night, killing {killed} soldiers, the provincial governor said.\n\n"
        "Residents of the Mabanga {n} quarter fled towards the town centre as the shooting "
        "went on for two hours. The army said it had sent reinforcements to {town} on "
        "Tuesday morning.",
        "Armed men raided a military position near {town} late on Monday, and {killed} "
        "soldiers died in the fighting, according to a local civil society leader quoted "
        "by the {outlet}.\n\nShops in {town} stayed shut on Tuesday while families from "
        "the outlying villages of {province} arrived on foot with what they could carry.",
    ),
    "protest": (
        "Several hundred traders marched through {town} in {province} province on Monday "
        "to protest against a new tax on market stalls, witnesses said.\n\nPolice fired "
        "tear gas near the central market, and the mayor promised to meet the traders' "
        "association, market group number {n}, later in the week.",
        "Market traders in {town} took to the streets on Monday against the stall tax the "
        "town council adopted last month, the {outlet} reported.\n\nThe march ended at the "
        "town hall of {town}, where organisers read out a list of demands to officials "
        "of {province} province.",
    ),
    "arrests": (
        "Police in {town}, {province} province, arrested {killed} opposition activists on "
        "Monday as they prepared a rally, their lawyer said.\n\nThe activists, members of "
        "citizen movement cell {n}, were taken to the central police station and had not "
        "been charged by Tuesday evening.",
        "Security forces detained {killed} members of an opposition youth movement in "
        "{town} on Monday, the {outlet} was told by relatives of the detained.\n\nA police "
        "spokesman in {province} said the group had planned an unauthorised "
        "demonstration in {town}.",
    ),
}
