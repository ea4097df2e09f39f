"""Readout pages: the front-matter contract, the text with first mentions linked, related
readouts and the meetings before and after."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Iterator

from ..link import country_pairs
from ..markdown import front_matter
from ..model import Entry
from ..write import Page
from .addresses import readout_path, readout_title, root_of
from .base import PlanInputs
from .mentions import link_first_mentions


def readout_pages(inputs: PlanInputs) -> Iterator[Page]:
    for entry in inputs.archive.entries:
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
    pairs = [(pair, *archive.neighbours(entry.slug, pair)) for pair in country_pairs(entry.facts.countries)]
    related = _related(entry, inputs)

    def build() -> tuple[str, dict]:
        return readout_front_matter(entry), {
            "entry": entry,
            "facts": entry.facts,
            "title": readout_title(entry),
            "paragraphs": link_first_mentions(entry, inputs.lookups, inputs.registry, root_of(path)),
            "related": related,
            "pairs": pairs,
        }

    return Page(path, None, "readout.md.j2", None, build=build, key_inputs=(entry, related, pairs))


def _related(entry: Entry, inputs: PlanInputs) -> list[Entry]:
    """`archive.related`, remembered between builds: scored again only when its candidates change."""
    archive = inputs.archive
    candidates = archive.related_candidates(entry.slug)
    signature = hashlib.sha1("".join(
        [entry.content_digest(), *[c.digest or c.content_digest() for c in candidates]]
    ).encode()).hexdigest()
    known = inputs.memory.recall(("related", entry.slug), signature)
    if known is not None and all(s in archive.by_slug for s in known):
        related = [archive.by_slug[s] for s in known]
    else:
        related = archive.score_related(entry.slug, candidates)
    inputs.memory.remember(("related", entry.slug), signature, [e.slug for e in related])
    return related


def readout_front_matter(entry: Entry) -> str:
    """The front-matter contract of DESIGN.md, in its field order, then our additions."""
    facts = entry.facts
    return front_matter({
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
        "source": {
            "file": facts.source.file,
            "sha256": facts.source.sha256,
            "url": facts.source.url,
            "section": facts.source.section,
        },
        "end_date": facts.end_date,
        "slug": entry.slug,
        "organizations": list(facts.organizations),
        "date_basis": facts.date_basis,
    })


def _published(value: dt.datetime | dt.date | None) -> str | dt.date | None:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value
