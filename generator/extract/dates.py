"""The day the event took place, from the words readouts use, resolved against a reference day.

"On the evening of May 16, 2024", "In the evening of December 13", "On 16 May 2024", "on
2024-03-05", "On Monday 14 June", "from 8 to 10 May" (a range: first and last day), "today",
"yesterday", "on Monday". Words relative to a day are resolved against the dateline's date when
the readout has one ("WASHINGTON, Feb. 1 (Xinhua) --"), else the publication date. A date with no
year takes the reference's year (the year before when that would put the event after it); with
no reference it gives no date at all - a year is never guessed.

A readout reports what has happened: a date after the reference day belongs to something still
to come ("will meet on August 24"), and is not the event's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..datetext import (DAY, YEAR, date_parts, make_date, month, month_names, month_number,
                        weekday, weekday_names, weekday_number, words)
from .evidence import Finding
from .lexicon import Lexicon
from .text import ReadoutText

_PART_OF_DAY = r"(?:(?:the\s+)?(?:early\s+|late\s+)?(?:morning|afternoon|evening|night)\s+of\s+)?"
_CLAUSE_BREAK = re.compile(r"[.;:,!?—–]|\s-\s")
_SLACK = dt.timedelta(days=1)  # a readout published just after midnight, or in another time zone


@dataclass
class EventDate:
    date: dt.date | None
    end_date: dt.date | None
    basis: str  # "text" | "published" | "none"

    def __str__(self) -> str:
        shown = self.date.isoformat() if self.date else "undated"
        return shown + (f" to {self.end_date.isoformat()}" if self.end_date else "")


@cache
def _patterns() -> dict[str, re.Pattern]:
    """The sentence shapes, built once from the words of dates.yml."""
    on_weekday = rf"(?:{weekday_names()},?\s+)?"  # "on Monday, June 6", "On Monday 14 June"
    # "On Monday 14 and Tuesday 15 June": the first of the days listed.
    more_days = rf"(?:\s*(?:and|&)\s+(?:{weekday_names()},?\s+)?[0-3]?\d(?:st|nd|rd|th)?)*"
    on = r"\b(?:On|on|In|in)\s+"
    today = "|".join(re.escape(w) for w in words().today)
    yesterday = "|".join(re.escape(w) for w in words().yesterday)
    statement = "|".join(re.escape(w) for w in sorted(words().statement, key=len, reverse=True))
    m1 = month().replace("?P<month>", "?P<m1>")
    return {
        "mdy": re.compile(
            rf"{on}{_PART_OF_DAY}{on_weekday}{month()}\s+{DAY}(?:,\s*{YEAR})?(?![\d:])"
        ),
        "dmy": re.compile(
            rf"{on}{_PART_OF_DAY}{on_weekday}{DAY}{more_days}\s+{month()}(?:,?\s+{YEAR})?(?![\d:])"
        ),
        "numeric": re.compile(
            r"\b(?:On|on)\s+(?:(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)"
            r"|(?P<day2>[0-3]?\d)\.(?P<m2>[01]?\d)\.(?P<year2>(?:19|20)\d\d))(?![\d:])"
        ),
        "bare_mdy": re.compile(rf"\b{month()}\s+{DAY},\s*{YEAR}\b"),
        "bare_dmy": re.compile(rf"\b{DAY}\s+{month()}\s+{YEAR}\b"),
        "range_dmy": re.compile(
            rf"\bfrom\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:{m1}\s+)?"
            rf"(?:to|until|through|-|–)\s+{DAY}\s+{month()}(?:,?\s+{YEAR})?"
        ),
        # "on 20-21 March 2023", "20–22 June"
        "range_dmy_dash": re.compile(
            rf"(?<![\d.:/-])(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–)\s*{DAY}\s+{month()}(?:,?\s+{YEAR})?"
        ),
        "range_mdy": re.compile(
            rf"\b{month()}\s+(?P<d1>[0-3]?\d)\s*(?:-|–|to|through)\s*{DAY}(?:,\s*{YEAR})?"
        ),
        "today": re.compile(rf"\b(?:{today})\b", re.I),
        "yesterday": re.compile(rf"\b(?:{yesterday})\b", re.I),
        "weekday": re.compile(rf"\b(?:on|On|this|This|last|Last)\s+{_PART_OF_DAY}{weekday()}"),
        "title_dmy": re.compile(rf"(?:[:,|–—]|\s-)\s*{DAY}\s+{month()}\s+{YEAR}\s*$"),
        "title_mdy": re.compile(rf"(?:[:,|–—]|\s-)\s*{month()}\s+{DAY},\s*{YEAR}\s*$"),
        # "the Presidency said on Tuesday", "the ministry announced today"; not "I said".
        "statement": re.compile(
            rf"(?<!\bI )(?<!\bwe )(?<!\bWe )\b(?:{statement})\s+(?:on\s+)?(?P<when>"
            rf"{weekday_names()}|(?:{today}|{yesterday})\b"
            rf"|{month_names()}\s+\d\d?(?:,\s*{YEAR})?|\d\d?\s+{month_names()}(?:\s+\d{{4}})?)"
        ),
    }


# ------------------------------------------------------------------ strategies


def date_in_opening_sentence(text: ReadoutText, published: dt.date | None,
        lexicon: Lexicon) -> Finding | None:
    """"On the evening of May 16, 2024", "from 5 to 7 May", "today", "on Monday" in the lead."""
    return _day_in(text.lead, _reference_day(text, published), lexicon.future_cue)


def date_in_dateline(text: ReadoutText, published: dt.date | None,
        lexicon: Lexicon) -> Finding | None:
    """Wire copy's opening "WASHINGTON, Feb. 1 (Xinhua) --" or "14.6.2021 –"."""
    day = _dateline_day(text, published)
    return Finding(EventDate(day, None, "text"), text.dateline.text) if day else None


def date_in_opening_paragraph(text: ReadoutText, published: dt.date | None,
        lexicon: Lexicon) -> Finding | None:
    """The same shapes later in the first paragraph."""
    return _day_in(text.lead_paragraph, _reference_day(text, published), lexicon.future_cue)


def date_ending_title(text: ReadoutText, published: dt.date | None,
        lexicon: Lexicon) -> Finding | None:
    """A title that ends with the day: "PM call with President Zelenskyy: 7 July 2022", "… | 28
    August 2024", "… - 28 August 2024"."""
    patterns = _patterns()
    title = text.title
    title_date = patterns["title_dmy"].search(title) or patterns["title_mdy"].search(title)
    day = _resolve(title_date, _reference_day(text, published)) if title_date else None
    return Finding(EventDate(day, None, "text"), text.title) if day else None


def date_opening_later_sentence(text: ReadoutText, published: dt.date | None,
        lexicon: Lexicon) -> Finding | None:
    """A later sentence that starts with the date: "On 16 May, the two leaders …"."""
    reference = _reference_day(text, published)
    for sentence in text.sentences[1:]:
        for name in ("mdy", "dmy", "numeric"):
            match = _patterns()[name].match(sentence)
            day = _resolve(match, reference) if match else None
            if day and not _after(day, reference):
                return Finding(EventDate(day, None, "text"), sentence)
    return None


def date_statement_was_made(text: ReadoutText, published: dt.date | None,
        lexicon: Lexicon) -> Finding | None:
    """The day a statement was made: "…," the Presidency said on Tuesday.

    For a readout that announces a meeting still to come this is the readout's date; for other
    readouts it comes after every shape of the event's own date.
    """
    reference = _reference_day(text, published)
    for sentence in text.sentences:
        for match in _patterns()["statement"].finditer(sentence):
            day = _statement_day(match.group("when"), reference)
            if day and not _after(day, reference):
                return Finding(EventDate(day, None, "text"), sentence)
    return None


def publication_date(text: ReadoutText, published: dt.date | None,
        lexicon: Lexicon) -> Finding | None:
    """Nothing in the text: the day the readout was published, with a warning."""
    if published is None:
        return None
    return Finding(EventDate(published, None, "published"), "(publication date)")


# ------------------------------------------------------------------ reading and resolving


def _reference_day(text: ReadoutText, published: dt.date | None) -> dt.date | None:
    """The day that "today" and "on Monday" count from: the dateline's date, else publication."""
    return _dateline_day(text, published) or published


def _dateline_day(text: ReadoutText, published: dt.date | None) -> dt.date | None:
    dateline = text.dateline
    return _written_day(dateline.day, published) if dateline and dateline.day else None


def _day_in(passage: str, reference: dt.date | None, future: re.Pattern) -> Finding | None:
    """The first date in the passage that has already happened on the reference day."""
    found = _range(passage, reference, future) or _explicit(passage, reference, future)
    if found:
        return Finding(EventDate(found[0], found[1], "text"), passage)
    relative = _relative(passage, reference, future)
    if relative:
        return Finding(EventDate(relative, None, "text"), passage)
    return None


def _explicit(passage: str, reference, future: re.Pattern) -> tuple[dt.date, None] | None:
    for name in ("mdy", "dmy", "numeric", "bare_mdy", "bare_dmy"):
        for match in _patterns()[name].finditer(passage):
            day = _resolve(match, reference, _is_future(passage, match.start(), future))
            if day and not _after(day, reference):
                return day, None
    return None


def _range(passage: str, reference, future: re.Pattern) -> tuple[dt.date, dt.date] | None:
    for name in ("range_dmy", "range_dmy_dash", "range_mdy"):
        match = _patterns()[name].search(passage)
        if not match:
            continue
        last = _resolve(match, reference, _is_future(passage, match.start(), future))
        if last is None:
            continue
        first_month = month_number(match.group("m1")) if match.groupdict().get("m1") else last.month
        first = make_date(last.year, first_month, int(match.group("d1")))
        if first and first < last and not _after(first, reference):
            return first, last
    return None


def _resolve(match: re.Match, reference: dt.date | None, ahead: bool = False) -> dt.date | None:
    """The date a matched shape names; a missing year comes from the reference day."""
    parts = match.groupdict()
    if parts.get("m2"):  # "16.02.2024"
        return make_date(int(parts["year2"]), int(parts["m2"]), int(parts["day2"]))
    number = int(parts["m"]) if parts.get("m") else month_number(parts["month"])
    day = int(parts["day"])
    if parts.get("year"):
        return make_date(int(parts["year"]), number, day)
    if reference is None:
        return None  # "On August 3" with nothing to tell the year
    return _in_year_of(reference, number, day, ahead)


def _in_year_of(reference: dt.date, number: int, day: int, ahead: bool) -> dt.date | None:
    """Month and day in the reference's year, or the year before (after, when `ahead`) when
    that would put it on the wrong side of the reference."""
    candidate = make_date(reference.year, number, day)
    if candidate and not ahead and candidate > reference + _SLACK:
        candidate = make_date(reference.year - 1, number, day)
    elif candidate and ahead and candidate < reference:
        candidate = make_date(reference.year + 1, number, day)
    return candidate


def _relative(passage: str, reference: dt.date | None, future: re.Pattern) -> dt.date | None:
    if reference is None:
        return None
    patterns = _patterns()
    if patterns["today"].search(passage):
        return reference
    if patterns["yesterday"].search(passage):
        return reference - dt.timedelta(days=1)
    for match in patterns["weekday"].finditer(passage):
        if _is_future(passage, match.start(), future):
            continue  # "will be held on Thursday": the Thursday to come
        return _weekday_before(reference, match.group("weekday"))
    return None


def _statement_day(when: str, reference: dt.date | None) -> dt.date | None:
    """The day of "said on Tuesday", "said today", "announced on 15 August": never ahead."""
    patterns = _patterns()
    if reference is not None and patterns["today"].fullmatch(when):
        return reference
    if reference is not None and patterns["yesterday"].fullmatch(when):
        return reference - dt.timedelta(days=1)
    if reference is not None and re.fullmatch(weekday_names(), when):
        return _weekday_before(reference, when)
    return _written_day(when, reference)


def _written_day(written: str, reference: dt.date | None) -> dt.date | None:
    """A date written alone ("Feb. 1", "14.6.2021"); a missing year comes from the reference."""
    parts = date_parts(written)
    if parts is None:
        return None
    year, number, day = parts
    if year is not None:
        return make_date(year, number, day)
    return _in_year_of(reference, number, day, ahead=False) if reference else None


def _weekday_before(reference: dt.date, name: str) -> dt.date:
    """The latest such weekday on or before the reference day."""
    return reference - dt.timedelta(days=(reference.weekday() - weekday_number(name)) % 7)


def _is_future(passage: str, offset: int, future: re.Pattern) -> bool:
    """Whether the clause leading up to `offset` speaks of what is still to come ("will meet")."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(passage, 0, offset)), default=0)
    return bool(future.search(passage, start, offset))


def _after(day: dt.date, reference: dt.date | None) -> bool:
    """A day after the reference has not happened yet when the readout was written."""
    return reference is not None and day > reference + _SLACK
