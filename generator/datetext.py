"""Dates as readouts write them: "May 16, 2024", "16 May 2024", "2024-05-17 02:14", "14.6.2021",
"17 July 202018:33", "Published: 2023/8/16 10:02:33", "Опубликовано 17 июля 2020".

Shared by the parser (date lines, datelines) and the date extractor (event dates in sentences).
The words - month and weekday names, publication-line labels in every language - come from
`data/dates.yml`; this module turns them into patterns once.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from .matcher import lowered
from .registry import DateWords, load_date_words

DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
TIME = r"(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d)(?::[0-5]\d)?(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
# A head line that is only a time of day, as press transcripts print it: "10:35 A.M. JST".
TIME_LINE = re.compile(r"^[0-2]?\d:[0-5]\d\s*[AaPp]\.?\s?[Mm]\.?(?:\s+[A-Z]{2,5})?$")
_TRAILER = re.compile(r"\s+[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$")  # "… 3:57 PM  english.gov.cn"
_FIELD = re.compile(r"^\s*(?:[^\W\d_][\w .'-]{0,24}:\s*\S.*|By\s+\S.*)?$")  # "Editor: X", "By X"


@cache
def words() -> DateWords:
    """dates.yml, read and validated once."""
    return load_date_words()


def _alternation(names) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@cache
def month_names() -> str:
    """A month name or abbreviation in any language, in any case, ungrouped."""
    return rf"(?i:{_alternation(words().months)})(?!\w)\.?"


def month() -> str:
    """A month name: group `month`."""
    return rf"(?P<month>{month_names()})"


@cache
def weekday_names(full_names_only: bool = True) -> str:
    """Any weekday name, ungrouped. Sentences use full names only: "on Sun" is rarely Sunday."""
    names = [n for n in words().weekdays if not (full_names_only and n in words().abbreviations)]
    return rf"(?i:{_alternation(names)})(?!\w)\.?"


def weekday(full_names_only: bool = True) -> str:
    """A weekday name: group `weekday`."""
    return rf"(?P<weekday>{weekday_names(full_names_only)})"


def month_number(name: str) -> int:
    return _number_of(words().months, name)


def weekday_number(name: str) -> int:
    """0 for Monday."""
    return _number_of(words().weekdays, name)


def _number_of(numbers: dict[str, int], name: str) -> int:
    """The number of a month or weekday name that a pattern ignoring case found: by its lower
    case as such a pattern reads it ("Auguſt" is "august"), else, for a letter re equates with
    another beyond those, by the name the pattern took it for."""
    name = name.rstrip(".")
    number = numbers.get(lowered(name))
    if number is None:
        number = next((n for known, n in numbers.items()
                       if re.fullmatch(re.escape(known), name, re.IGNORECASE)), None)
    if number is None:
        raise KeyError(name)
    return number


@cache
def _patterns() -> dict[str, list[re.Pattern]]:
    joiner = rf"(?:(?i:{_alternation(words().joiners)})\s+)?" if words().joiners else ""
    year_mark = rf"(?:\s*(?i:{_alternation(words().year_marks)}))?" if words().year_marks else ""
    optional_weekday = rf"(?:{weekday(False)},?\s+)?"
    numeric_ymd = r"(?P<year>(?:19|20)\d\d)[-/.](?P<m>[01]?\d)[-/.](?P<day>[0-3]?\d)"
    numeric_dmy = r"(?P<day>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<year>(?:19|20)\d\d)"  # European order
    dmy = rf"{DAY}\.?\s+{joiner}{month()},?\s*{joiner}"  # "13th February, 2024" too
    mdy = rf"{month()}\s+{DAY}"
    return {
        # A line that is a date, or a date and a time, and nothing else.
        "stamp": [
            re.compile(rf"^{optional_weekday}{numeric_ymd}(?:[ T,]+{TIME})?$"),
            re.compile(rf"^{optional_weekday}{numeric_dmy}(?:,?\s+{TIME})?$"),
            re.compile(rf"^{optional_weekday}{dmy}{YEAR}{year_mark},?\s*(?:{TIME})?$"),
            re.compile(rf"^{optional_weekday}{mdy},?\s*{YEAR}(?:,?\s+{TIME})?$"),
        ],
        # A date standing alone, as in a dateline, its year perhaps left out: "Feb. 1", "14.6.2021".
        "alone": [
            re.compile(rf"^{numeric_ymd}$"),
            re.compile(rf"^{numeric_dmy}$"),
            re.compile(rf"^{dmy}(?:{YEAR}{year_mark})?$"),
            re.compile(rf"^{mdy}(?:,?\s*{YEAR})?$"),
        ],
    }


@cache
def _label() -> re.Pattern:
    return re.compile(rf"^(?:{_alternation(words().published)})\s*:?\s*", re.I)


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A date, or None when the numbers name no real day (February 30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_timestamp(line: str) -> dt.datetime | dt.date | None:
    """Read a line that is only a date or date and time; None when it is anything else.

    A label may come first ("Published:", "Gepubliceerd op"), and a line of fields separated by
    bars may hold the date as one field beside "Label: value" fields ("Source: X | 2018-02-02
    12:52:53 | Editor: Y"); a title ending "| 28 August 2024" is not such a line.
    """
    if "|" in line:
        fields = line.split("|")
        stamps = [stamp for stamp in map(_one_timestamp, fields) if stamp is not None]
        others = [f for f in fields if _one_timestamp(f) is None]
        if len(stamps) == 1 and all(_FIELD.match(f) for f in others):
            return stamps[0]
        return None
    return _one_timestamp(line)


def _one_timestamp(line: str) -> dt.datetime | dt.date | None:
    text = _TRAILER.sub("", _label().sub("", line.strip())).strip()
    if len(text) > 48:
        return None
    for pattern in _patterns()["stamp"]:
        match = pattern.match(text)
        if match:
            return _from_match(match)
    return None


def date_parts(text: str) -> tuple[int | None, int, int] | None:
    """Year (None when not written), month and day of a date written alone: "Feb. 1",
    "14.6.2021"."""
    text = text.strip().rstrip(".,")
    for pattern in _patterns()["alone"]:
        match = pattern.match(text)
        if match:
            parts = match.groupdict()
            number = int(parts["m"]) if parts.get("m") else month_number(parts["month"])
            year = int(parts["year"]) if parts.get("year") else None
            return year, number, int(parts["day"])
    return None


def _from_match(match: re.Match) -> dt.datetime | dt.date | None:
    parts = match.groupdict()
    number = int(parts["m"]) if parts.get("m") else month_number(parts["month"])
    day = make_date(int(parts["year"]), number, int(parts["day"]))
    if day is None or parts.get("hour") is None:
        return day
    hour, minute = int(parts["hour"]), int(parts["minute"])
    ampm = (parts.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return day
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def as_date(value: dt.datetime | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value
