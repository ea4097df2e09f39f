"""Readout pages: the front-matter contract, the text with first mentions linked, related
readouts, the other accounts of the same meeting, its summit, and the meetings before and after
at the same level."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..link import Event
from ..markdown import front_matter
from ..model import Entry
from ..write import Page
from ..registry import Registry
from .addresses import publisher_label, readout_path, readout_title, root_of
from .base import WHOLE, PlanInputs, Share, share_of
from .citation import cite
from .dates import format_day
from .mentions import link_first_mentions
from .search import search_terms


def readout_pages(inputs: PlanInputs, share: Share = WHOLE) -> Iterator[Page]:
    """The page of each readout (of a `share` of them)."""
    for entry in share_of(inputs.archive.entries, share):
        yield _readout_page(entry, inputs)


def redirect_pages(inputs: PlanInputs) -> Iterator[Page]:
    """A page at each earlier address of a readout that sends the reader on to its page.

    The theme's redirect.html template turns `redirect` into the browser's instant redirect;
    the page's own link is there for whoever does not follow it.
    """
    for entry in inputs.archive.entries:
        for address in entry.redirect_from:
            title = f"Moved: {readout_title(entry)}"
            yield Page(readout_path(address),
                       front_matter({"title": title, "template": "redirect.html",
                                     "redirect": readout_path(entry.slug)}),
                       "redirect.md.j2", {"title": title, "entry": entry})


def _readout_page(entry: Entry, inputs: PlanInputs) -> Page:
    archive = inputs.archive
    path = readout_path(entry.slug)
    event = archive.event_of[entry.slug]
    pairs = []
    if event.pair:
        pairs = [(event.pair, archive.level_labels.get(event.level), *archive.neighbours(event))]
    # Related readouts are chosen from these candidates alone: the page depends on them, and
    # the choosing is left to whoever makes the page (a worker process, in a large build).
    candidates = archive.related_candidates(entry.slug)
    summit = archive.editions[event.summit] if event.summit else None

    def build() -> tuple[str, dict]:
        return readout_front_matter(entry, inputs.registry, event), {
            "entry": entry,
            "facts": entry.facts,
            "title": readout_title(entry),
            "paragraphs": link_first_mentions(entry, inputs.lookups, inputs.registry, root_of(path)),
            "related": archive.score_related(entry.slug, candidates),
            "pairs": pairs,
            "citation": cite(entry, inputs.site_url),
            "search_terms": search_terms(entry, inputs.registry, inputs.lookups),
            "event": event,
            "other_accounts": [e for e in event.entries if e is not entry],
            "summit": summit,
        }

    return Page(path, None, "readout.md.j2", None, build=build,
                key_inputs=(entry, candidates, pairs, inputs.site_url, event, summit))


def readout_front_matter(entry: Entry, registry: Registry, event: Event) -> str:
    return front_matter(readout_record(entry, registry, event))


def readout_record(entry: Entry, registry: Registry, event: Event) -> dict:
    """The front-matter contract of DESIGN.md, in its field order, then our additions: a
    readout page's front matter, and its record in the open data (export.py). `event` is the
    id of the meeting it tells, `summit` the summit edition that meeting was or was held on the
    sidelines of."""
    facts = entry.facts
    return {
        "title": facts.title,
        "date": facts.date,
        "published": _published(facts.published),
        "format": facts.format,
        "format_detail": facts.format_detail,
        "kind": facts.kind,
        "location": facts.location,
        "participants": [
            {"id": p.id, "name": p.name, "role": p.role, "country": p.country, "title": p.title}
            for p in facts.participants
        ],
        "mentioned": [{"id": m.id, "name": m.name} for m in facts.mentioned],
        "countries": list(facts.countries),
        "mentioned_countries": list(facts.mentioned_countries),
        "topics": list(facts.topics),
        "publisher": facts.publisher,
        "event": event.id,
        "summit": event.summit,
        "source": {
            "file": facts.source.file,
            "sha256": facts.source.sha256,
            "url": facts.source.url,
            "section": facts.source.section,
            "retrieved": facts.source.retrieved,
        },
        "end_date": facts.end_date,
        "slug": entry.slug,
        "organizations": list(facts.organizations),
        "date_basis": facts.date_basis,
        "description": describe(entry, registry),
    }


def describe(entry: Entry, registry: Registry) -> str:
    """One line saying what the readout records, for search engines and link previews: the
    format, day and place, the principals and whose readout it is."""
    facts = entry.facts
    what = facts.format_detail or facts.format
    when = f" on {format_day(facts.date)}" if facts.date else ""
    where = f" at {facts.location}" if facts.location else ""
    who = "; ".join(
        p.name + (f" ({p.country})" if p.country else "") for p in facts.principals
    )
    line = f"{what[:1].upper()}{what[1:]}{when}{where}" + (f": {who}." if who else ".")
    if facts.publisher:
        line += f" Readout by {publisher_label(facts.publisher, registry)}."
    return " ".join(line.split())


def _published(value: dt.datetime | dt.date | None) -> str | dt.date | None:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value
