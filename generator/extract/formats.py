"""The kind of event: talks, meeting, phone call, … and the source's own words for it."""

from __future__ import annotations

from .evidence import Finding
from .lexicon import Lexicon
from .roles import Context, outside_sidelines

# Phrases that only name the format, so they add nothing as `format_detail`.
_PLAIN = {"talks", "held talks", "talks with", "met", "met with", "meets", "meets with", "meeting",
          "meeting with", "call with", "calls with", "phone call", "video call", "spoke with",
          "spoke to", "spoke today with", "hold talks", "holds talks", "talks between", "met in",
          "met at", "meeting between", "receives", "received", "speaks with", "speaks to",
          "on the phone", "over the phone", "by phone", "by telephone", "hosted", "hosts",
          "convened", "convenes", "call"}


GENERAL = "meeting"  # the format every meeting has; any other says more


def format_phrase_in_meeting_sentence(ctx: Context, lexicon: Lexicon) -> Finding | None:
    """A specific format in the sentences that report the meeting: "held talks", "spoke by
    phone" (not a transcript's greeting)."""
    return _in_meeting_sentences(ctx, lexicon, specific=True)


def format_phrase_in_title(ctx: Context, lexicon: Lexicon) -> Finding | None:
    """A specific format in the title: "EU–Canada summit", "PM call with …"."""
    return _format_in(ctx.text.title, ctx, lexicon, specific=True)


def meeting_word_in_meeting_sentence(ctx: Context, lexicon: Lexicon) -> Finding | None:
    """Only "met", "meeting with": a meeting."""
    return _in_meeting_sentences(ctx, lexicon)


def meeting_word_in_title(ctx: Context, lexicon: Lexicon) -> Finding | None:
    return _format_in(ctx.text.title, ctx, lexicon)


def _in_meeting_sentences(ctx: Context, lexicon: Lexicon, specific: bool = False) -> Finding | None:
    if ctx.text.speaker_labels:
        return None
    for sentence in ctx.meeting_sentences:
        _, main_clause_end = ctx.meeting_object(sentence.text)
        found = _format_in(sentence.text[:main_clause_end or None], ctx, lexicon, specific)
        if found:
            return Finding(found.value, sentence.text)
    return None


def _format_in(passage: str, ctx: Context, lexicon: Lexicon,
               specific: bool = False) -> Finding | None:
    """The first format (in the registry's priority order) whose phrase the passage uses about
    the event itself: not "on the sidelines of the G7 Summit", not "will attend the Summit".
    `specific`: any format but a plain meeting, and not a word inside a meeting phrase ("summit
    meeting" is a meeting)."""
    passage_read = outside_sidelines(passage)
    general = [m.span() for fmt, pattern in lexicon.formats if fmt == GENERAL
               for m in pattern.finditer(passage_read)] if specific else []
    for fmt, pattern in lexicon.formats:
        if specific and fmt == GENERAL:
            continue
        for match in pattern.finditer(passage_read):
            if ctx.future_before(passage_read, match.start()):
                continue
            if any(start < match.end() and match.start() < end for start, end in general):
                continue
            detail = match.group(1).lower()
            return Finding((fmt, None if detail in _PLAIN or detail == fmt else detail), passage)
    return None
