"""Summit pages: the series (editions by year, with who attended) and each edition (the readouts
of the summit, the meetings on its sidelines, who attended)."""

from __future__ import annotations

from typing import Iterator

from ..link import Archive
from ..registry import SummitSeries
from ..write import Page
from .addresses import edition_path, series_path
from .base import PlanInputs, simple_page


def summits_index(inputs: PlanInputs) -> Iterator[Page]:
    archive = inputs.archive
    series = [(s, [e for e in s.editions if e.id in archive.editions]) for s in archive.series.values()]
    others = sorted((s.name for s in inputs.registry.summits.values() if s.id not in archive.series),
                    key=str.lower)
    yield simple_page("summits/index.md", "summits_index.md.j2", "Summits", series=series,
                      others=others)


def series_pages(inputs: PlanInputs) -> Iterator[Page]:
    for series in inputs.archive.series.values():
        yield simple_page(series_path(series), "summit_series.md.j2", series.name, series=series,
                          editions=_editions_by_year(series, inputs.archive))


def _editions_by_year(series: SummitSeries, archive: Archive) -> list:
    """(edition, whether it has a page, its leaders), newest first: every edition the registry
    knows, so a reader sees the whole series, and who attended those the archive holds."""
    rows = []
    for edition in reversed(series.editions):
        events = archive.by_edition.get(edition.id, [])
        leaders = sorted(archive.principals_of(events), key=lambda row: (row[0].name, row[0].id))
        rows.append((edition, bool(events), [person.id for person, _ in leaders]))
    return rows


def edition_pages(inputs: PlanInputs) -> Iterator[Page]:
    archive = inputs.archive
    for edition_id, edition in archive.editions.items():
        series = archive.series[edition.series]
        events = archive.by_edition[edition_id]
        position = series.editions.index(edition)
        yield simple_page(
            edition_path(edition), "summit_edition.md.j2", edition.title, edition=edition,
            series=series,
            summit=[r for e in events if not e.sidelines for r in e.entries],
            sidelines=[e for e in events if e.sidelines],
            attendance=archive.attendance(edition_id),
            previous=_neighbour(series, position - 1, archive),
            following=_neighbour(series, position + 1, archive),
        )


def _neighbour(series: SummitSeries, position: int, archive: Archive):
    """(edition, whether it has a page) at `position` in its series, or None past either end."""
    if 0 <= position < len(series.editions):
        edition = series.editions[position]
        return edition, edition.id in archive.editions
    return None
