"""Where an in-person event took place: a venue and its city, or a city."""

from __future__ import annotations

import re

from ..registry import Place
from .lexicon import Lexicon
from .text import ReadoutText

REMOTE_FORMATS = {"phone call", "video call"}
# "met at the President's Office in Berlin": a venue the registry does not know, in a known city.
_VENUE_IN_CITY = re.compile(r"\bat\s+(?:the\s+)?(?P<venue>[A-Z][\w'’.-]*(?:\s+(?:of|the|[A-Z][\w'’.-]*))*?)\s+in\s+(?P<city>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?)")


def event_location(text: ReadoutText, fmt: str, lexicon: Lexicon) -> str | None:
    """Venue and city from the opening paragraph; None for calls or when the text does not say."""
    if fmt in REMOTE_FORMATS:
        return None
    for passage in (text.lead, text.lead_paragraph, text.title):
        matches = lexicon.places.find(passage)
        venues = [m.value for m in matches if isinstance(m.value, Place) and m.value.city]
        if venues:
            return venues[0].display
        for match in _VENUE_IN_CITY.finditer(passage):
            city = match.group("city")
            if city in lexicon.places and not lexicon.places.find(match.group("venue")):
                return f"{match.group('venue')}, {city}"
        if matches:
            first = matches[0].value
            return first.display if isinstance(first, Place) else first
    return None
