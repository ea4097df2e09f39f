"""Dates as pages write them: "16 May 2024", in English whatever the machine's locale."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fixed English names: strftime would follow the machine's locale


def format_day(day: dt.date | None) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "undated"


def day_span(start: dt.date | None, end: dt.date | None = None) -> str:
    """ "16 May 2024", "28–29 June 2019", "30 November – 1 December 2018"."""
    if start is None or end is None or end == start:
        return format_day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_day(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {format_day(end)}"
    return f"{format_day(start)} – {format_day(end)}"
