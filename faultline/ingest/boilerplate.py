"""Find site boilerplate: lines that belong to the page, not to the article.

Rules are a table of general patterns (English, French, Portuguese, Spanish) matched against
whole, short lines, so a body sentence that merely mentions "share" or "cookies" survives.
Nothing is deleted here: each hit becomes a :class:`Cut` with a reason, and the normaliser
turns cuts into :class:`~faultline.models.RemovedText` records so every removal is traceable.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from faultline.ingest.segment import Line, is_blank


@dataclass(frozen=True, slots=True)
class Cut:
    """Lines ``first..last`` (inclusive indices) removed from the body, and why."""

    reason: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Boilerplate:
    cuts: tuple[Cut, ...]
    site: str | None = None


# Boilerplate lines are short; longer lines are body text whatever words they contain.
_MAX_LINE = 200
# A footer is looked for only among the last lines, and must itself be short.
_FOOTER_TAIL_LINES = 12
_MAX_FOOTER_CHARS = 600

_I = re.IGNORECASE
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "reading_time",
        re.compile(
            r"\d{1,3}\s*(?:min(?:ute)?s?|mn)\.?\s+(?:de\s+)?(?:read|reading|leitura|lectura"
            r"|lecture|de lecture)"
            r"|(?:reading time|temps de lecture|tempo de leitura|tiempo de lectura|lecture"
            r"|leitura|lectura)\s*:?\s*\d{1,3}\s*(?:min(?:ute)?s?|mn)\.?",
            _I,
        ),
    ),
    (
        "share",
        re.compile(
            r"(?:share|partager|partagez|compartilhe|compartilhar|compartir|comparte)"
            r"(?:\s+(?:this|cet|cette|ce|este|esta|on|sur|no|na|en)\b.{0,40})?\s*:?"
            r"|(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|e-?mail|reddit|print"
            r"|copy link)[\s,|·•]*){2,}",
            _I,
        ),
    ),
    (
        "subscribe",
        re.compile(
            r"(?:subscribe|sign up|s'abonner|abonnez-vous|je m'abonne|inscreva-se|assine"
            r"|suscríbete|suscribirse)\b.{0,100}",
            _I,
        ),
    ),
    ("social", re.compile(r"(?:follow us|suivez-nous|siga-nos|síguenos)\b.{0,120}", _I)),
    (
        "read_more",
        re.compile(
            r"(?:read more|read also|see also|related(?:\s+(?:articles?|stories|coverage))?"
            r"|more on this(?: story)?|(?:à |a )?lire aussi|lire la suite|voir aussi"
            r"|leia (?:também|mais)|veja (?:também|mais)|saiba mais|lea también|ver también"
            r"|leer más)\b\s*(?:[:>»\-–—].{0,200})?",
            _I,
        ),
    ),
    (
        "copyright",
        re.compile(
            r"(?:©|\(c\)\s|copyright\b).{0,200}"
            r"|.{0,200}\b(?:all rights reserved|tous droits réservés|todos os direitos"
            r" reservados|todos los derechos reservados)\b.{0,100}",
            _I,
        ),
    ),
    (
        "advert",
        re.compile(r"(?:advertisement|publicité|publicidade|publicidad|sponsored content)", _I),
    ),
    ("credit", re.compile(r"(?:photo|foto|image|crédit|credit|crédito)s?\s*:\s*.{1,120}", _I)),
)
_COOKIE_RE = re.compile(r"\bcookies?\b", _I)
_CONSENT_RE = re.compile(r"\b(?:use|accept|consent|polic|utilis|aceit|acept|polít)", _I)
_FOOTER_START_RE = re.compile(
    r"(?:to contact (?:the|us)|contact us\b|for more information,? contact|pour nous contacter"
    r"|contactez-nous|fale conosco|contáctenos)",
    _I,
)
_COPYRIGHT_HOLDER_RE = re.compile(
    r"(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,]*"
    r"(.+?)(?:[.,]?\s*(?:all rights reserved|tous droits r[ée]serv[ée]s|todos os direitos"
    r"|todos los derechos).*)?$",
    _I,
)
_DOMAIN_RE = re.compile(
    r"\b(?:https?://)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})\b"
)


def find_boilerplate(text: str, lines: Sequence[Line]) -> Boilerplate:
    """Boilerplate cuts over ``lines`` of ``text``, plus the site a footer names, if any."""
    footer = _find_footer(text, lines)
    footer_lines = range(footer.first, footer.last + 1) if footer else range(0)
    cuts = [
        Cut(reason, line.index, line.index)
        for line in lines
        if line.index not in footer_lines and (reason := line_reason(line.of(text)))
    ]
    site = None
    if footer:
        cuts.append(footer)
        site = site_named_in(text[lines[footer.first].start : lines[footer.last].end])
    if site is None:
        site = next(
            (
                name
                for cut in cuts
                if cut.reason == "copyright"
                and (name := copyright_holder(lines[cut.first].of(text)))
            ),
            None,
        )
    cuts.sort(key=lambda cut: cut.first)
    return Boilerplate(tuple(cuts), site)


def line_reason(line: str) -> str | None:
    """Why ``line`` is boilerplate, or None when it is article text."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_LINE:
        return None
    for reason, pattern in _RULES:
        if pattern.fullmatch(stripped):
            return reason
    if _COOKIE_RE.search(stripped) and _CONSENT_RE.search(stripped):
        return "cookie_notice"
    return None


def site_named_in(text: str) -> str | None:
    """The first domain name in ``text`` ("wsws.org/contact" names "wsws.org")."""
    m = _DOMAIN_RE.search(text.lower())
    return m.group(1) if m else None


def copyright_holder(line: str) -> str | None:
    """Who a copyright line names: "© 2024 Lake Kivu Observer. All rights reserved." """
    m = _COPYRIGHT_HOLDER_RE.search(line)
    if not m:
        return None
    holder = m.group(1).strip(" .,;-–—")
    return holder if 2 <= len(holder) <= 80 else None


def removed_lines(cuts: Collection[Cut]) -> set[int]:
    """Indices of every line some cut removes."""
    return {i for cut in cuts for i in range(cut.first, cut.last + 1)}


def _find_footer(text: str, lines: Sequence[Line]) -> Cut | None:
    """A contact footer: a footer opening among the last lines, through to the end."""
    tail = [line for line in lines if not is_blank(text, line)][-_FOOTER_TAIL_LINES:]
    for line in tail:
        if not _FOOTER_START_RE.match(line.of(text).strip()):
            continue
        if len(text) - line.start <= _MAX_FOOTER_CHARS:
            return Cut("footer", line.index, lines[-1].index)
    return None
