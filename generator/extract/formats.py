"""The kind of event: talks, meeting, phone call, … and the source's own words for it."""

from __future__ import annotations

from .lexicon import Lexicon
from .text import ReadoutText

# Phrases that only name the format, so they add nothing as `format_detail`.
_PLAIN = {"talks", "held talks", "talks with", "met", "met with", "meets", "meets with", "meeting",
          "meeting with", "call with", "calls with", "phone call", "video call", "spoke with",
          "spoke to", "spoke today with", "hold talks", "holds talks", "talks between", "met in",
          "met at", "meeting between", "receives", "received", "speaks with", "speaks to",
          "on the phone", "over the phone", "by phone", "by telephone"}


def event_format(text: ReadoutText, lexicon: Lexicon) -> tuple[str, str | None]:
    """The first format (in the registry's priority order) whose phrase the title or lead uses."""
    for passage in (text.title, text.lead):
        for fmt, pattern in lexicon.formats:
            match = pattern.search(passage)
            if match:
                detail = match.group(1).lower()
                return fmt, None if detail in _PLAIN or detail == fmt else detail
    return "other", None
