"""Where each page lives in content/, and the names pages give to people and topics.

Ids become file names as they are, so every path helper refuses a name that could escape its
folder or clash with a section's index page.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from pathlib import PurePosixPath
from typing import Callable

from ..extract.topics import relations_topic
from ..link import Archive, Event, Pair
from ..model import Entry
from ..registry import Registry, SummitEdition, SummitSeries, slugify
from .dates import format_day

_SAFE_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
ADDRESS_LENGTH = 80  # characters of a file's stem kept in its readout's address
RESERVED = frozenset({"index"})  # readouts/index.md lists the readouts


def page_name(kind: str, name: str) -> str:
    """`name` as a file name, or ValueError when it could escape a folder or clash."""
    if not _SAFE_FILE_NAME.match(name) or name == "index" or name.endswith(".md"):
        raise ValueError(f"{kind} {name!r} cannot be used as a page name")
    return name


def readout_path(slug: str) -> str:
    return f"readouts/{page_name('readout slug', slug)}.md"


def person_path(person_id: str) -> str:
    return f"leaders/{page_name('person id', person_id)}.md"


def topic_path(topic_id: str) -> str:
    return f"topics/{page_name('topic id', topic_id)}.md"


def country_path(country: str) -> str:
    return f"countries/{page_name('country', slugify(country))}.md"


def pair_path(pair: Pair) -> str:
    return f"pairs/{slugify(pair[0])}--{slugify(pair[1])}.md"


def year_path(year: int) -> str:
    return f"timeline/{year}.md"


FEED_FOLDERS = {"leader": "leaders", "country": "countries", "topic": "topics"}
ARCHIVE_FEED = "feed.xml"


def feed_path(kind: str | None = None, key: str | None = None) -> str:
    """Where a feed lives in content/ (and on the site): the archive's at feed.xml, a leader's,
    country's or topic's under feeds/."""
    if kind is None:
        return ARCHIVE_FEED
    name = slugify(key) if kind == "country" else key
    return f"feeds/{FEED_FOLDERS[kind]}/{page_name(kind, name)}.xml"


def page_url(path: str) -> str:
    """A content page's address on the site, from its root: readouts/x.md → readouts/x/,
    topics/index.md → topics/, index.md → "" (MkDocs' directory URLs)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def site_address(site_url: str | None, url: str) -> str:
    """A site address made absolute under `site_url`, or left relative to the site's root."""
    return f"{site_url}{url}" if site_url else url


def event_path(event_id: str) -> str:
    return f"events/{page_name('event id', event_id)}.md"


def series_path(series: SummitSeries) -> str:
    return f"summits/{page_name('summit series id', series.id)}.md"


def edition_path(edition: SummitEdition) -> str:
    """summits.yml keeps edition ids apart from series ids, so both live in summits/."""
    return f"summits/{page_name('summit edition id', edition.id)}.md"


def stem_address(file: str) -> str:
    """The address a readout's file name asks for: its stem as a slug ("readout" if none is left).

    Nothing a correction changes (date, title) is in it, so a readout's page never moves.
    """
    address = slugify(PurePosixPath(file).stem)
    if len(address) > ADDRESS_LENGTH:
        address = address[:ADDRESS_LENGTH].rsplit("-", 1)[0]
    return address or "readout"


def readout_addresses(files: list[str]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each readout file's address (see `stem_address`), and a note for each file that could not
    have the address it asks for.

    When files ask for the same address (x.txt and X.html), the one whose stem is the address
    itself (then the first by name) keeps it; each other gets a tag of its own file name
    (x--3f9a1c). No stem slugifies to a double hyphen, so a tagged address is never another
    file's, and the tag depends on that file alone.
    """
    wanted: dict[str, list[str]] = defaultdict(list)
    for file in sorted(files):
        wanted[stem_address(file)].append(file)
    addresses: dict[str, str] = {}
    notes = []
    for address, claimants in wanted.items():
        if len(claimants) > 1:
            claimants.sort(key=lambda f: (slugify(PurePosixPath(f).stem) != PurePosixPath(f).stem, f))
        for position, file in enumerate(claimants):
            if position == 0 and address not in RESERVED:
                addresses[file] = address
                continue
            name = hashlib.sha1(PurePosixPath(file).name.encode()).hexdigest()
            tagged = f"{address}--{name[:6]}"
            addresses[file] = tagged if tagged not in addresses.values() else f"{address}--{name}"
            holder = f"{claimants[0]} has it" if address not in RESERVED else "it is reserved"
            notes.append((file, f"address readouts/{address}/ taken ({holder}); this readout is "
                                f"at readouts/{addresses[file]}/ (rename the file to choose)"))
    return addresses, notes


def redirect_addresses(claims: dict[str, list[str]], addresses: dict[str, str]
                       ) -> tuple[dict[str, tuple[str, ...]], list[tuple[str, str]]]:
    """The earlier addresses each readout keeps a redirect page at (its sidecar's redirect_from),
    and a note for each claim refused: an address a readout lives at, or one two readouts claim.
    """
    living = {address: file for file, address in addresses.items()}
    claimants: dict[str, list[str]] = defaultdict(list)
    for file, earlier in claims.items():
        for address in dict.fromkeys(earlier):
            claimants[address].append(file)
    kept: dict[str, list[str]] = defaultdict(list)
    notes = []
    for address, files in sorted(claimants.items()):
        if address in living:
            reason = f"{living[address]} lives at that address"
        elif len(files) > 1:
            reason = f"{', '.join(files)} all name it"
        else:
            kept[files[0]].append(address)
            continue
        notes.extend((file, f"no redirect from readouts/{address}/: {reason}") for file in files)
    return {file: tuple(earlier) for file, earlier in kept.items()}, notes


def root_of(path: str) -> str:
    """The way back to content/ from a page, for relative links MkDocs can check."""
    return "../" * path.count("/")


def pair_title(pair: Pair) -> str:
    return "–".join(pair)


def readout_title(entry: Entry) -> str:
    return entry.facts.title or f"Untitled readout {entry.slug}"


def publisher_label(name: str, registry: Registry) -> str:
    """How listings name a publisher: its short name when registered, else its name."""
    publisher = registry.publishers.get(name)
    return (publisher.short or name) if publisher else name


def merged_relations(archive: Archive) -> dict[str, Pair]:
    """Relations topics ("china-russia-relations") whose two countries have a pair page: that
    page is the topic's page too, so the archive does not show the same readouts twice."""
    merged = {}
    for pair in archive.by_pair:
        topic = archive.topics.get(relations_topic(*pair))
        if topic is not None and not topic.registered:
            merged[topic.id] = pair
    return merged


def topic_page_path(topic_id: str, merged: dict[str, Pair]) -> str:
    """A topic's page: its own, or for a relations topic in `merged` its pair of countries'."""
    pair = merged.get(topic_id)
    return pair_path(pair) if pair else topic_path(topic_id)


NAMED_IN_TITLE = 3  # principals an event's title names before "and N others"


def event_title(event: Event, lookups: Lookups) -> str:
    """ "Xi Jinping and Vladimir Putin, 16 May 2024"; a summit's own meeting by the summit's name."""
    if event.summit and not event.sidelines:
        who = lookups.archive.editions[event.summit].title
    elif event.principals:
        names = [lookups.person_name(p) for p in event.principals[:NAMED_IN_TITLE]]
        others = len(event.principals) - len(names)
        if others:
            names.append(f"{others} others")
        who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    else:
        who = readout_title(event.entries[0])
    return f"{who}, {format_day(event.date)}" if event.date else who


class Lookups:
    """Names of people and labels of topics as pages show them, and which countries have pages.

    A page kept from the last build must get the same answers now, so each answer is passed to
    `note` (the writer's record of the page being made) and `still_hold` checks them later.
    """

    def __init__(self, archive: Archive, note: Callable[[str, str, object], None]):
        self.archive = archive
        self.note = note
        self.merged = merged_relations(archive)

    def person_name(self, person_id: str) -> str:
        name = self.archive.people[person_id].name
        self.note("person", person_id, name)
        return name

    def topic_label(self, topic_id: str) -> str:
        label = self.archive.topics[topic_id].label
        self.note("topic", topic_id, label)
        return label

    def topic_page(self, topic_id: str) -> str:
        """A topic's page: its own, or for bilateral relations the pair of countries' page."""
        path = topic_page_path(topic_id, self.merged)
        self.note("topic page", topic_id, path)
        return path

    def has_country_page(self, country: str) -> bool:
        found = country in self.archive.by_country
        self.note("country", country, found)
        return found

    def still_hold(self, looked_up) -> bool:
        """Every (kind, key, answer) noted earlier gets the same answer from this archive."""
        for kind, key, answer in looked_up:
            if kind == "person":
                person = self.archive.people.get(key)
                if person is None or person.name != answer:
                    return False
            elif kind == "topic":
                topic = self.archive.topics.get(key)
                if topic is None or topic.label != answer:
                    return False
            elif kind == "topic page":
                if topic_page_path(key, self.merged) != answer:
                    return False
            elif (key in self.archive.by_country) != answer:
                return False
        return True
