"""Writing inline SVG as text: elements with escaped attributes and text, compact numbers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import escape

AttrValue = str | float | int | None


def element(tag: str, attrs: Mapping[str, AttrValue], *children: str) -> str:
    """``<tag attrs>children</tag>``; attributes whose value is None are left out, and
    children are inserted as given (build them with ``element`` or ``text``)."""
    rendered = "".join(
        f' {name}="{escape(_value(value))}"' for name, value in attrs.items() if value is not None
    )
    if not children:
        return f"<{tag}{rendered}/>"
    return f"<{tag}{rendered}>{''.join(children)}</{tag}>"


def text(value: str) -> str:
    return str(escape(value))


# Reference row ids can hold spaces ("area:diamonds:COD:Kasaï Oriental"), so ``data-ref``
# separates them with "|"; event and article ids never do and are space-separated.
REF_SEPARATOR = "|"


def ids(values: Iterable[str]) -> str:
    """Event or article ids for a ``data-events``/``data-articles`` attribute, each once."""
    return " ".join(dict.fromkeys(values))


def ref_ids(values: Iterable[str]) -> str:
    """Reference row ids for a ``data-ref`` attribute, each once."""
    return REF_SEPARATOR.join(dict.fromkeys(values))


def num(value: float) -> str:
    """A coordinate with one decimal, without a trailing ``.0``: small SVG, no visible loss."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def _value(value: str | float | int) -> str:
    return num(value) if isinstance(value, float) else str(value)
