"""The day the event took place, from the words readouts use, resolved against publication.

"On the evening of May 16, 2024", "In the evening of December 13", "On 16 May 2024", "from 8 to 10
May" (a range: first and last day), "today", "yesterday", "on Monday". A date with no year takes the
publication's year (the year before when that would put the event after publication).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..datetext import DAY, MONTH, YEAR, make_date, month_number
from .evidence import Finding
from .text import ReadoutText

_PART_OF_DAY = r"(?:(?:the\s+)?(?:early\s+|late\s+)?(?:morning|afternoon|evening|night)\s+of\s+)?"
_MDY = re.compile(rf"\b(?:On|on|In|in)\s+{_PART_OF_DAY}{MONTH}\s+{DAY}(?:,\s*{YEAR})?(?![\d:])")
_DMY = re.compile(rf"\b(?:On|on|In|in)\s+{_PART_OF_DAY}{DAY}\s+{MONTH}(?:,?\s+{YEAR})?(?![\d:])")
_BARE_MDY = re.compile(rf"\b{MONTH}\s+{DAY},\s*{YEAR}\b")
_BARE_DMY = re.compile(rf"\b{DAY}\s+{MONTH}\s+{YEAR}\b")
_RANGE_DMY = re.compile(
    rf"\bfrom\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:{MONTH.replace('month', 'm1')}\s+)?(?:to|until|through|-|–)\s+{DAY}\s+{MONTH}(?:,?\s+{YEAR})?"
)
_RANGE_MDY = re.compile(
    rf"\b{MONTH}\s+(?P<d1>[0-3]?\d)\s*(?:-|–|to|through)\s*{DAY}(?:,\s*{YEAR})?"
)
_TODAY = re.compile(r"\b(?:today|this (?:morning|afternoon|evening)|tonight|earlier today)\b", re.I)
_YESTERDAY = re.compile(r"\b(?:yesterday|last night)\b", re.I)
_WEEKDAY = re.compile(
    r"\bon\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I
)
_TITLE_DATE = re.compile(rf"[:,–-]\s*{DAY}\s+{MONTH}\s+{YEAR}\s*$")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass
class EventDate:
    date: dt.date | None
    end_date: dt.date | None
    basis: str  # "text" | "published" | "none"

    def __str__(self) -> str:
        shown = self.date.isoformat() if self.date else "undated"
        return shown + (f" to {self.end_date.isoformat()}" if self.end_date else "")


def date_in_opening_sentence(text: ReadoutText, published: dt.date | None) -> Finding | None:
    """"On the evening of May 16, 2024", "from 5 to 7 May", "today", "on Monday" in the lead."""
    return _day_in(text.lead, published)


def date_in_opening_paragraph(text: ReadoutText, published: dt.date | None) -> Finding | None:
    """The same shapes later in the first paragraph."""
    return _day_in(text.lead_paragraph, published)


def _day_in(passage: str, published: dt.date | None) -> Finding | None:
    found = _range(passage, published) or _explicit(passage, published)
    if found:
        return Finding(EventDate(found[0], found[1], "text"), passage)
    relative = _relative(passage, published)
    if relative:
        return Finding(EventDate(relative, None, "text"), passage)
    return None


def date_ending_title(text: ReadoutText, published: dt.date | None) -> Finding | None:
    """No. 10's shape: "PM call with President Zelenskyy: 7 July 2022"."""
    title_date = _TITLE_DATE.search(text.title)
    day = _build(title_date, published) if title_date else None
    return Finding(EventDate(day, None, "text"), text.title) if day else None


def date_opening_later_sentence(text: ReadoutText, published: dt.date | None) -> Finding | None:
    """A later sentence that starts with the date: "On 16 May, the two leaders …"."""
    for sentence in text.sentences[1:]:
        found = _explicit_sentence_start(sentence, published)
        if found:
            return Finding(EventDate(found, None, "text"), sentence)
    return None


def publication_date(text: ReadoutText, published: dt.date | None) -> Finding | None:
    """Nothing in the text: the day the readout was published, with a warning."""
    return Finding(EventDate(published, None, "published"), "(publication date)") if published else None


def _explicit(passage: str, published) -> tuple[dt.date, None] | None:
    for pattern in (_MDY, _DMY, _BARE_MDY, _BARE_DMY):
        for match in pattern.finditer(passage):
            day = _build(match, published)
            if day:
                return day, None
    return None


def _explicit_sentence_start(sentence: str, published) -> dt.date | None:
    for pattern in (_MDY, _DMY):
        match = pattern.match(sentence)
        if match:
            return _build(match, published)
    return None


def _range(passage: str, published) -> tuple[dt.date, dt.date] | None:
    for pattern in (_RANGE_DMY, _RANGE_MDY):
        match = pattern.search(passage)
        if not match:
            continue
        last = _build(match, published)
        if last is None:
            continue
        first_month = month_number(match.group("m1")) if match.groupdict().get("m1") else last.month
        first = make_date(last.year, first_month, int(match.group("d1")))
        if first and first < last:
            return first, last
    return None


def _build(match: re.Match, published: dt.date | None) -> dt.date | None:
    month = month_number(match.group("month"))
    day = int(match.group("day"))
    if match.group("year"):
        return make_date(int(match.group("year")), month, day)
    if published is None:
        return None  # "On August 3" with nothing to tell the year
    candidate = make_date(published.year, month, day)
    if candidate and candidate > published + dt.timedelta(days=1):
        candidate = make_date(published.year - 1, month, day)
    return candidate


def _relative(passage: str, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    if _TODAY.search(passage):
        return published
    if _YESTERDAY.search(passage):
        return published - dt.timedelta(days=1)
    weekday = _WEEKDAY.search(passage)
    if weekday:
        wanted = _WEEKDAYS.index(weekday.group("weekday").lower())
        back = (published.weekday() - wanted) % 7
        return published - dt.timedelta(days=back)
    return None
