"""Where each page lives in content/, and the names pages give to people and topics.

Ids become file names as they are, so every path helper refuses a name that could escape its
folder or clash with a section's index page.
"""

from __future__ import annotations

import re
from typing import Callable

from ..link import Archive, Pair
from ..model import Entry
from ..registry import slugify

_SAFE_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


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


def root_of(path: str) -> str:
    """The way back to content/ from a page, for relative links MkDocs can check."""
    return "../" * path.count("/")


def pair_title(pair: Pair) -> str:
    return "–".join(pair)


def readout_title(entry: Entry) -> str:
    return entry.facts.title or f"Untitled readout {entry.slug}"


class Lookups:
    """Names of people and labels of topics as pages show them, and which countries have pages.

    A page kept from the last build must get the same answers now, so each answer is passed to
    `note` (the writer's record of the page being made) and `still_hold` checks them later.
    """

    def __init__(self, archive: Archive, note: Callable[[str, str, object], None]):
        self.archive = archive
        self.note = note

    def person_name(self, person_id: str) -> str:
        name = self.archive.people[person_id].name
        self.note("person", person_id, name)
        return name

    def topic_label(self, topic_id: str) -> str:
        label = self.archive.topics[topic_id].label
        self.note("topic", topic_id, label)
        return label

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
            elif (key in self.archive.by_country) != answer:
                return False
        return True
