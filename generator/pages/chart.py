"""Activity charts: readouts per month, stacked by kind, for the timeline and for every leader,
topic, country and pair page.

A chart spans whole years, January of the first readout's year to December of the last's, one
column per month. The plan says where each month's readouts are listed (`month_link`); the
template draws the columns as inline SVG, writes the years and the legend as text (so they stay
readable at any width) and the same numbers as a table.
"""

from __future__ import annotations

import posixpath
from hashlib import sha1
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from ..model import KINDS, Entry
from ..registry import slugify
from .dates import MONTHS

CHART_HEIGHT = 100  # SVG units; the page stretches the drawing to its width and a fixed height
BAR_SHARE = 0.8  # of a month's width; the rest is the gap between columns


def kind_class(kind: str) -> str:
    """The CSS class that colours a kind: "joint statement" → "kind-joint-statement"."""
    return "kind-" + slugify(kind)


@dataclass(frozen=True)
class Segment:
    kind: str
    y: float
    height: float

    @property
    def css(self) -> str:
        return kind_class(self.kind)


@dataclass(frozen=True)
class Month:
    x: int  # column, 0 for the first January
    label: str  # "May 2024"
    count: int
    by_kind: tuple[int, ...]  # readouts of each kind of `Chart.kinds`
    segments: tuple[Segment, ...]
    href: str | None  # where the month's readouts are listed, relative to the chart's page


@dataclass(frozen=True)
class Year:
    year: int
    href: str | None


@dataclass(frozen=True)
class Chart:
    busy_months: tuple[Month, ...]  # the months that have readouts: the columns drawn and the
    # rows of the chart's table (the quiet months between are only counted: thousands of pages
    # are planned with a chart, and most of a chart's months are quiet)
    width: int  # months spanned, January of the first year to December of the last
    years: tuple[Year, ...]
    kinds: tuple[str, ...]  # kinds the chart shows, in KINDS order
    peak: int  # readouts in the busiest month
    peak_label: str
    total: int
    bar_width: float
    made_from: str  # digest of what the chart is drawn from: stands for it in page keys
    height: int = CHART_HEIGHT

    def content_digest(self) -> str:
        return self.made_from

    @property
    def peak_months(self) -> int:
        """How many months had the peak's number of readouts."""
        return sum(1 for m in self.busy_months if m.count == self.peak)

    @property
    def legend(self) -> list[tuple[str, str]]:
        """(kind, its CSS class) for each kind the chart shows."""
        return [(kind, kind_class(kind)) for kind in self.kinds]


MonthLink = Callable[[int, int], "str | None"]
YearLink = Callable[[int], "str | None"]


def activity_chart(entries: list[Entry], month_link: MonthLink,
                   year_link: YearLink = lambda year: None) -> Chart | None:
    """The chart of some readouts; None when none of them is dated."""
    counts: dict[tuple[int, int], Counter] = {}
    for entry in entries:
        day = entry.facts.date
        if day is not None:
            counts.setdefault((day.year, day.month), Counter())[entry.facts.kind] += 1
    if not counts:
        return None
    kinds = tuple(k for k in KINDS if any(c[k] for c in counts.values())) + tuple(
        sorted({k for c in counts.values() for k in c} - set(KINDS)))
    peak = max(sum(c.values()) for c in counts.values())
    first, last = min(counts)[0], max(counts)[0]
    busy = tuple(
        Month(x=(year - first) * 12 + month - 1, label=f"{MONTHS[month - 1]} {year}",
              count=sum(by_kind.values()), by_kind=tuple(by_kind[k] for k in kinds),
              segments=_stack(by_kind, kinds, peak), href=month_link(year, month))
        for (year, month), by_kind in sorted(counts.items())
    )
    busiest = max(busy, key=lambda m: (m.count, -m.x))
    years = tuple(Year(y, year_link(y)) for y in range(first, last + 1))
    made_from = sha1(repr((kinds, [(m.label, m.by_kind, m.href) for m in busy], years, first,
                           last)).encode()).hexdigest()
    return Chart(busy, (last - first + 1) * 12, years, kinds, peak, busiest.label,
                 sum(m.count for m in busy), BAR_SHARE, made_from)


def _stack(by_kind: Counter, kinds: tuple[str, ...], peak: int) -> tuple[Segment, ...]:
    """A month's column, kind upon kind from the bottom, its height in proportion to the peak."""
    segments, top = [], CHART_HEIGHT
    for kind in kinds:
        if by_kind[kind]:
            height = round(CHART_HEIGHT * by_kind[kind] / peak, 2)
            top = round(top - height, 2)
            segments.append(Segment(kind, top, height))
    return tuple(segments)


def month_anchor(year: int, month: int) -> str:
    """The id a listing gives the first readout of a month, where a chart's column points."""
    return f"m-{year}-{month:02d}"


def url_between(page: str, target: str, anchor: str = "") -> str:
    """The address of the page made from content file `target`, relative to the page made from
    `page`, for links in raw HTML (which MkDocs does not rewrite): pages are folders
    (timeline/2024.md is timeline/2024/, timeline/index.md is timeline/)."""
    def folder(path: str) -> str:
        stem = path.removesuffix(".md")
        return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem

    if target == page:
        return f"#{anchor}" if anchor else "./"
    relative = _relative(folder(target), folder(page))
    relative = "./" if relative == "." else relative + "/"
    if not relative.startswith("."):
        relative = "./" + relative
    return relative + (f"#{anchor}" if anchor else "")


def _relative(target: str, start: str) -> str:
    """posixpath.relpath for the folders of two content paths (relative, already normal), by
    their names alone: relpath asks the system for the working folder on every call, and every
    chart asks for a link per month."""
    to, since = target.split("/") if target else [], start.split("/") if start else []
    common = 0
    while common < min(len(to), len(since)) and to[common] == since[common]:
        common += 1
    return "/".join([".."] * (len(since) - common) + to[common:]) or "."
