"""Dates as readouts write them: "May 16, 2024", "16 May 2024", "2024-05-17 02:14", "17 July 202018:33".

Shared by the parser (timestamp lines) and the date extractor (event dates in sentences).
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
TIME = r"(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d)(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"

# Whole-line timestamps, most specific first. Russian MFA pages run the year and time together.
_STAMPS = [
    re.compile(rf"^(?P<year>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<day>[0-3]?\d)(?:[ T]+{TIME})?(?::\d\d)?$"),
    re.compile(rf"^{DAY}\s+{MONTH}\s+{YEAR}\s*(?:{TIME})?$", re.I),
    re.compile(rf"^{MONTH}\s+{DAY},?\s*{YEAR}(?:,?\s+{TIME})?$", re.I),
]
_LABEL = re.compile(r"^(?:Updated|Published|Released|Date|Last updated)\s*:?\s*", re.I)
_TRAILER = re.compile(r"\s+[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$")  # "… 3:57 PM  english.gov.cn"


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A date, or None when the numbers name no real day (February 30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def parse_timestamp(line: str) -> dt.datetime | dt.date | None:
    """Read a line that is only a date or date and time; None when it is anything else."""
    text = _TRAILER.sub("", _LABEL.sub("", line.strip())).strip()
    if len(text) > 40:
        return None
    for pattern in _STAMPS:
        match = pattern.match(text)
        if match:
            return _from_match(match)
    return None


def _from_match(match: re.Match) -> dt.datetime | dt.date | None:
    parts = match.groupdict()
    month = int(parts["m"]) if parts.get("m") else month_number(parts["month"])
    day = make_date(int(parts["year"]), month, int(parts["day"]))
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
