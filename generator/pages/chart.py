"""The timeline's activity chart: one bar per month, its height by the readouts of the month."""

from __future__ import annotations

from dataclasses import dataclass

from ..link import Archive
from .dates import MONTHS

CHART_BAR_WIDTH, CHART_BAR_GAP, CHART_HEIGHT = 8, 2, 100


@dataclass(frozen=True)
class Bar:
    x: int
    height: int
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_width: int
    bars: list[Bar]
    year_marks: list[tuple[int, int]]  # (x, year) under each January


def activity_chart(archive: Archive) -> Chart | None:
    """One column per month from the first dated readout to the last, height by readout count."""
    if not archive.by_month:
        return None
    first, last = min(archive.by_month), max(archive.by_month)
    peak = max(len(entries) for entries in archive.by_month.values())
    bars, year_marks = [], []
    year, month = first
    while (year, month) <= last:
        x = len(bars) * (CHART_BAR_WIDTH + CHART_BAR_GAP)
        count = len(archive.by_month.get((year, month), []))
        noun = "readout" if count == 1 else "readouts"
        label = f"{MONTHS[month - 1]} {year}: {count} {noun}"
        bars.append(Bar(x, round(CHART_HEIGHT * count / peak), label))
        if month == 1 or ((year, month) == first and month <= 9):  # no label crowding January's
            year_marks.append((x, year))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    width = len(bars) * (CHART_BAR_WIDTH + CHART_BAR_GAP)
    return Chart(width, CHART_HEIGHT, CHART_BAR_WIDTH, bars, year_marks)
