"""The kind of event: talks, meeting, phone call, … and the source's own words for it."""

from __future__ import annotations

from .evidence import Finding
from .lexicon import Lexicon
from .text import ReadoutText

# Phrases that only name the format, so they add nothing as `format_detail`.
_PLAIN = {"talks", "held talks", "talks with", "met", "met with", "meets", "meets with", "meeting",
          "meeting with", "call with", "calls with", "phone call", "video call", "spoke with",
          "spoke to", "spoke today with", "hold talks", "holds talks", "talks between", "met in",
          "met at", "meeting between", "receives", "received", "speaks with", "speaks to",
          "on the phone", "over the phone", "by phone", "by telephone"}


def format_phrase_in_title(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    return _format_in(text.title, lexicon)


def format_phrase_in_opening_sentence(text: ReadoutText, lexicon: Lexicon) -> Finding | None:
    return _format_in(text.lead, lexicon)


def _format_in(passage: str, lexicon: Lexicon) -> Finding | None:
    """The first format (in the registry's priority order) whose phrase the passage uses."""
    for fmt, pattern in lexicon.formats:
        match = pattern.search(passage)
        if match:
            detail = match.group(1).lower()
            return Finding((fmt, None if detail in _PLAIN or detail == fmt else detail), passage)
    return None
