"""Dates as pages write them: "16 May 2024", in English whatever the machine's locale."""

from __future__ import annotations

import datetime as dt

from ..registry import Office

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fixed English names: strftime would follow the machine's locale


def format_day(day: dt.date | None) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "undated"


def office_dates(office: Office) -> str:
    if office.start and office.end:
        return f"{format_day(office.start)} – {format_day(office.end)}"
    if office.start:
        return f"since {format_day(office.start)}"
    if office.end:
        return f"until {format_day(office.end)}"
    return ""
