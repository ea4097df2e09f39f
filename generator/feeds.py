"""Atom feeds of new readouts: the archive's (feed.xml) and one per leader, country and topic.

Each feed lists the newest readouts (by `Facts.accessed`: the day a readout's text was taken from
its source, else published) with their facts, written by feedgen so that every string is escaped
as XML. Nothing in a feed comes from the clock: a feed's `updated` is its newest entry's, so two
builds of the same archive write the same bytes. Links are absolute under the site's address
(SITE_URL) and relative to the feed's own place without one; ids are URNs made from the page's
address in the archive, so they stay the same when the site moves.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import uuid
from dataclasses import dataclass
from typing import Iterator

from feedgen.feed import FeedGenerator

from .markdown import one_line, safe_url
from .model import Entry
from .pages.addresses import (country_path, feed_path, page_url, person_path, publisher_label,
                              readout_path, readout_title, root_of, site_address, topic_page_path)
from .pages.base import PlanInputs
from .pages.readout import describe
from .write import Page

FEED_ENTRIES = 50  # the newest readouts a feed lists: a reader's client keeps what it has seen
ARCHIVE_TITLE = "Summit Archive"
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "summit-archive")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    link: str
    publisher: str | None
    published: dt.date | None
    updated: dt.date
    summary: str
    categories: tuple[tuple[str, str], ...]  # (topic id, label)


@dataclass(frozen=True)
class Feed:
    path: str  # in content/ and on the site
    id: str
    title: str
    subtitle: str
    page: str  # the page that the feed follows
    link: str  # the feed's own address
    updated: dt.date
    entries: tuple[FeedEntry, ...]


def feed_files(inputs: PlanInputs) -> Iterator[Page]:
    """The archive's feed, then a feed per leader, country and topic (a relations topic's
    follows its pair of countries' page)."""
    archive = inputs.archive
    newest = max((e.facts.accessed for e in archive.entries if e.facts.accessed),
                 default=dt.date(1970, 1, 1))
    sources = [(feed_path(), ARCHIVE_TITLE, "New readouts in the archive", "index.md",
                archive.entries)]
    sources += [(feed_path("leader", p.id), p.name, f"New readouts of meetings of {p.name}",
                 person_path(p.id), archive.by_person.get(p.id, []))
                for p in archive.people.values()]
    sources += [(feed_path("country", c), c, f"New readouts of meetings with {c} taking part",
                 country_path(c), entries) for c, entries in archive.by_country.items()]
    sources += [(feed_path("topic", t.id), t.label, f"New readouts that discuss {t.label}",
                 topic_page_path(t.id, inputs.lookups.merged), archive.by_topic.get(t.id, []))
                for t in archive.topics.values()]
    made: dict[tuple[str, str], FeedEntry] = {}  # a readout is in many feeds: made once per folder
    recency = {e.slug: (e.facts.accessed or dt.date.min, e.facts.date or dt.date.min, e.slug)
               for e in archive.entries}  # each readout's, once for all the feeds it is in
    for path, title, subtitle, page, entries in sources:
        latest = heapq.nlargest(FEED_ENTRIES, entries, key=lambda e: recency[e.slug])
        # A feed is made of its newest readouts and the labels of their topics (the rest is the
        # code, the registry and the site's address): it is written out only when made.
        topics = tuple(archive.topics[t] for t in dict.fromkeys(
            t for entry in latest for t in entry.facts.topics) if t in archive.topics)
        meta = (path, title, subtitle, page)
        yield Page(path, None, None, None, key_inputs=(*meta, latest, newest, topics),
                   text=lambda meta=meta, latest=latest: atom(_feed(inputs, *meta, latest, newest,
                                                                    made)))


def _feed(inputs: PlanInputs, path: str, title: str, subtitle: str, page: str,
          latest: list[Entry], newest: dt.date, made: dict) -> Feed:
    """A feed of `latest`, the newest readouts of the page it follows."""
    def address(url: str) -> str:
        return site_address(inputs.site_url, url) if inputs.site_url else root_of(path) + url

    for entry in latest:
        if (entry.slug, root_of(path)) not in made:
            made[entry.slug, root_of(path)] = _entry(inputs, entry, address)
    items = tuple(made[entry.slug, root_of(path)] for entry in latest)
    feed_title = title if title == ARCHIVE_TITLE else f"{title} — {ARCHIVE_TITLE}"
    return Feed(path, _urn(path), feed_title, subtitle, address(page_url(page)),
                address(path if inputs.site_url else path.rsplit("/", 1)[-1]),
                max((item.updated for item in items), default=newest), items)


def _entry(inputs: PlanInputs, entry: Entry, address) -> FeedEntry:
    facts = entry.facts
    labels = inputs.archive.topics
    opening = entry.readout.paragraphs[0] if entry.readout.paragraphs else ""
    summary = describe(entry, inputs.registry) + ("\n\n" + one_line(opening) if opening else "")
    if safe_url(facts.source.url):
        summary += f"\n\nOriginal: {facts.source.url}"
    return FeedEntry(
        id=_urn(readout_path(entry.slug)),
        title=readout_title(entry),
        link=address(page_url(readout_path(entry.slug))),
        publisher=publisher_label(facts.publisher, inputs.registry) if facts.publisher else None,
        published=facts.issued,
        updated=facts.accessed or facts.date or dt.date(1970, 1, 1),
        summary=summary,
        categories=tuple((t, labels[t].label) for t in facts.topics if t in labels),
    )


def atom(feed: Feed) -> str:
    """The feed as Atom XML."""
    generator = FeedGenerator()
    generator.id(feed.id)
    generator.title(_xml(feed.title))
    generator.subtitle(_xml(feed.subtitle))
    generator.author({"name": ARCHIVE_TITLE})
    generator.link(href=feed.page, rel="alternate", type="text/html")
    generator.link(href=feed.link, rel="self", type="application/atom+xml")
    generator.updated(_moment(feed.updated))
    generator.generator(ARCHIVE_TITLE)
    generator.language("en")
    for item in feed.entries:
        entry = generator.add_entry(order="append")
        entry.id(item.id)
        entry.title(_xml(item.title))
        # One link only: feedgen 1.0 writes an entry's links without their rel and type, so
        # a second (the original, rel="related") would read as a second alternate link.
        entry.link(href=item.link, rel="alternate")
        if item.publisher:
            entry.author({"name": _xml(item.publisher)})
        if item.published:
            entry.published(_moment(item.published))
        entry.updated(_moment(item.updated))
        entry.summary(_xml(item.summary), type="text")
        for term, label in item.categories:
            entry.category(term=term, label=_xml(label))
    return generator.atom_str(pretty=True).decode("utf-8")


def _urn(path: str) -> str:
    """A feed's or entry's lasting id: a name-based UUID of its place in the archive."""
    return uuid.uuid5(ID_NAMESPACE, path).urn


def _moment(day: dt.date) -> dt.datetime:
    """A day as Atom dates it: its start, in UTC (sources rarely say their time zone)."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _xml(text: str) -> str:
    """Text XML can hold: characters it forbids are dropped (feedgen escapes the rest)."""
    return _NOT_XML.sub("", text)


_UPDATED = re.compile(r"<updated>(\d{4}-\d{2}-\d{2})T")


def feed_updated(path) -> dt.date | None:
    """The `updated` day of a feed this module wrote (None when there is none)."""
    try:
        with open(path, encoding="utf-8") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    found = _UPDATED.search(head)
    return dt.date.fromisoformat(found.group(1)) if found else None
