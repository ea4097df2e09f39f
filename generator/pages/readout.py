"""Readout pages: the front-matter contract, the text with first mentions linked, related
readouts, the other accounts of the same meeting, its summit, and the meetings before and after
at the same level."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Iterator

from .. import link
from ..link import Archive, Event
from ..markdown import front_matter
from ..model import Entry
from ..write import Page, fingerprint
from ..registry import Registry
from .addresses import publisher_label, readout_path, readout_title, root_of
from .base import WHOLE, PlanInputs, Share, share_of
from .citation import cite
from .dates import format_day
from .mentions import link_first_mentions
from .search import search_terms


def readout_pages(inputs: PlanInputs, share: Share = WHOLE) -> Iterator[Page]:
    """The page of each readout (of a `share` of them). One whose inputs are known to be the
    last build's (`unchanged_readouts`) is not planned unless its file cannot be kept."""
    for entry in share_of(inputs.archive.entries, share):
        if entry.slug in inputs.unchanged_readouts:
            yield Page.as_before(readout_path(entry.slug), partial(_readout_page, entry, inputs))
        else:
            yield _readout_page(entry, inputs)


DIGEST_KEPT = 12  # hex digits of a readout's digest kept in the index lists remembered


def readouts_seen(archive: Archive, signatures: dict[str, str]) -> dict:
    """What this build's readout pages are planned from, for the next build to compare with
    (`unchanged_readouts`): each index list that related readouts are chosen from, as its
    readouts' digests in order, and each readout's signature (`readout_signatures`)."""
    return {
        "lists": {name: [entry.content_digest()[:DIGEST_KEPT] for entry in index]
                  for name, index in archive.index_lists().items()},
        "signatures": signatures,
    }


def readout_signatures(archive: Archive, share: Share = WHOLE) -> dict[str, str]:
    """The signature of each readout (of a `share` of them): everything of its page's inputs
    but its related readouts' candidates."""
    return {entry.slug: _signature(entry, archive) for entry in share_of(archive.entries, share)}


def unchanged_readouts(archive: Archive, seen: dict, last: dict | None) -> frozenset[str]:
    """The readouts whose pages have the inputs they had in the last build (`last`, its
    `readouts_seen`; this build's is `seen`), found without choosing any related readouts.

    A readout's page depends on its signature and on the readouts within NEAREST_IN_INDEX of it
    in each of its index lists (its related readouts are chosen from those). Where a list
    changed, only the readouts that near the change have new candidates, so one readout added
    to a list of thousands puts few others' pages to planning again.
    """
    if not (isinstance(last, dict) and isinstance(last.get("lists"), dict)
            and isinstance(last.get("signatures"), dict)):
        return frozenset()  # no last build, or its state was written by hand
    reach = link.NEAREST_IN_INDEX + 1  # a readout inserted or removed shifts the window by one
    near_a_change: set[str] = set()
    indexes = archive.index_lists()
    for name, digests in seen["lists"].items():
        before = last["lists"].get(name)
        if before == digests:
            continue
        start, end = _changed_run(before or [], digests)  # a list not there before: all of it
        index = indexes[name]
        near_a_change.update(e.slug for e in index[max(0, start - reach):end + reach])
    old_signatures = last["signatures"]
    return frozenset(slug for slug, signature in seen["signatures"].items()
                     if old_signatures.get(slug) == signature and slug not in near_a_change)


def _changed_run(before: list[str], after: list[str]) -> tuple[int, int]:
    """Where `after` differs from `before`: [start, end) of `after`, between the longest common
    head and tail (empty when only removals were made, at `start`)."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    tail = 0
    while (tail < min(len(before), len(after)) - start
           and before[-1 - tail] == after[-1 - tail]):
        tail += 1
    return start, len(after) - tail


def _signature(entry: Entry, archive: Archive) -> str:
    """A digest of all a readout page is planned from but its related readouts' candidates:
    the readout, its meeting and the meetings either side of it, its summit and the lists its
    candidates come from."""
    event, pairs, summit = _meeting_of(entry, archive)
    return fingerprint((entry, event, pairs, summit, list(archive.related_indexes(entry.slug))))


def _meeting_of(entry: Entry, archive: Archive) -> tuple:
    """The meeting a readout tells, its pair's meetings before and after it at its level, and
    its summit edition: (event, pairs, summit)."""
    event = archive.event_of[entry.slug]
    pairs = []
    if event.pair:
        pairs = [(event.pair, archive.level_labels.get(event.level), *archive.neighbours(event))]
    summit = archive.editions[event.summit] if event.summit else None
    return event, pairs, summit


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
    event, pairs, summit = _meeting_of(entry, archive)
    # Related readouts are chosen as the page is planned, and its key depends on those chosen:
    # a page is planned only when new or near a change in its lists (unchanged_readouts), and
    # most near a change have the same related readouts after it, so their files are kept.
    related = archive.related(entry.slug)

    def build() -> tuple[str, dict]:
        return readout_front_matter(entry, inputs.registry, event), {
            "entry": entry,
            "facts": entry.facts,
            "title": readout_title(entry),
            "paragraphs": link_first_mentions(entry, inputs.lookups, inputs.registry, root_of(path)),
            "related": related,
            "pairs": pairs,
            "citation": cite(entry, inputs.site_url),
            "search_terms": search_terms(entry, inputs.registry, inputs.lookups),
            "event": event,
            "other_accounts": [e for e in event.entries if e is not entry],
            "summit": summit,
        }

    return Page(path, None, "readout.md.j2", None, build=build,
                key_inputs=(entry, related, pairs, inputs.site_url, event, summit))


def readout_front_matter(entry: Entry, registry: Registry, event: Event) -> str:
    return front_matter({**readout_record(entry, event), "description": describe(entry, registry)})


def readout_record(entry: Entry, event: Event) -> dict:
    """The front-matter contract of DESIGN.md, in its field order, then our additions: a
    readout's record in the open data (export.py), and its page's front matter, which ends
    with a description for link previews. `event` is the id of the meeting it tells, `summit`
    the summit edition that meeting was or was held on the sidelines of."""
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
