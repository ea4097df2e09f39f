"""Where an in-person event took place: a venue and its city, or a city."""

from __future__ import annotations

import re

from ..registry import Place
from .evidence import Finding
from .lexicon import Lexicon
from .text import ReadoutText

REMOTE_FORMATS = {"phone call", "video call"}
# "met at the President's Office in Berlin": a venue the registry does not know, in a known city.
_VENUE_IN_CITY = re.compile(r"\bat\s+(?:the\s+)?(?P<venue>[A-Z][\w'’.-]*(?:\s+(?:of|the|[A-Z][\w'’.-]*))*?)\s+in\s+(?P<city>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?)")


def location_in_opening_sentence(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    return _place_in(text.lead, lexicon)


def location_in_opening_paragraph(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    return _place_in(text.lead_paragraph, lexicon)


def location_in_title(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    return _place_in(text.title, lexicon)


def _place_in(passage: str, lexicon: Lexicon) -> Finding | None:
    """A registered venue with its city, a venue in a known city, or a known city."""
    matches = lexicon.places.find(passage)
    venues = [m.value for m in matches if isinstance(m.value, Place) and m.value.city]
    if venues:
        return Finding(venues[0].display, passage)
    for match in _VENUE_IN_CITY.finditer(passage):
        city = match.group("city")
        if city in lexicon.places and not lexicon.places.find(match.group("venue")):
            return Finding(f"{match.group('venue')}, {city}", passage)
    if matches:
        first = matches[0].value
        return Finding(first.display if isinstance(first, Place) else first, passage)
    return None
