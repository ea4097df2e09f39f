"""Statements as pages show them: what each leader said, and what was said on each topic,
every quotation linked to its paragraph in the readout."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby
from typing import NamedTuple

from ..link import Archive
from ..model import Entry, Statement
from .addresses import page_name, readout_path
from .dates import MONTHS

STATEMENTS_ON_LEADER_PAGE = 10  # the newest; the leader's statements page holds them all
STATEMENTS_PER_PAGE = 200  # past this, a statements page splits into a page per year (or month)
NEWEST_STATEMENTS = 10  # what a split statements page shows above its list of pages


class Quote(NamedTuple):
    """One statement of one readout, ready to show: its words, who said them and where. Made
    for every statement of the archive whenever pages are planned (a tuple: made fast), it holds
    only what it is made from; what pages show of it is worked out when a page is made."""

    entry: Entry
    statement: Statement
    position: int  # the statement's place among its readout's
    speakers: tuple[str, ...]  # person ids the archive has pages for

    @property
    def text(self) -> str:
        """The readout's own sentence."""
        statement = self.statement
        return self.entry.readout.paragraphs[statement.paragraph][statement.start:statement.end]

    @property
    def joint(self) -> bool:
        """Said by all principals together ("the two sides agreed")."""
        return self.statement.how == "both sides"

    @property
    def paragraph(self) -> str:
        """The readout page's address of the paragraph: readouts/x.md#p3."""
        return f"{readout_path(self.entry.slug)}#{paragraph_anchor(self.statement.paragraph)}"

    def others(self, speaker: str | None) -> tuple[str, ...]:
        """Its speakers but the leader whose page shows it (`speaker`; None: all)."""
        return tuple([person for person in self.speakers if person != speaker])

    @property
    def number(self) -> int:
        """The paragraph's number in the readout, from 1."""
        return self.statement.paragraph + 1

    def content_digest(self) -> str:
        """Stands for the quote in page fingerprints (write.py): its readout's digest says the
        readout's text, address and statements, so with the statement's place it says the words,
        the paragraph and whether all said them; the rest is whom the archive has pages for."""
        return f"{self.entry.digest or self.entry.content_digest()}#{self.position}:{','.join(self.speakers)}"


def paragraph_anchor(index: int) -> str:
    """The id of a readout's paragraph on its page (templates/readout.md.j2): p1, p2, …"""
    return f"p{index + 1}"


def quoted_statements(archive: Archive) -> list[tuple[Quote, tuple[str, ...]]]:
    """Every statement that can be shown (a speaker the archive has a page for, a paragraph the
    readout has), with the topics it is on: newest readout first, in text order within a
    readout. Made once for both groupings below."""
    people = archive.people
    quoted = []
    for entry in reversed(archive.entries):
        paragraphs = len(entry.readout.paragraphs)
        for position, statement in enumerate(entry.facts.statements):
            speakers = tuple([s for s in statement.speakers if s in people])
            if speakers and statement.paragraph < paragraphs:
                quoted.append((Quote(entry, statement, position, speakers), statement.topics))
    return quoted


def quotes_by_person(quoted: list[tuple[Quote, tuple[str, ...]]]) -> dict[str, list[Quote]]:
    """Person id → their statements (of `quoted_statements`), newest readout first, in text
    order within a readout."""
    found: dict[str, list[Quote]] = defaultdict(list)
    for quote, _ in quoted:
        for speaker in quote.speakers:
            found[speaker].append(quote)
    return dict(found)


def quotes_by_topic(quoted: list[tuple[Quote, tuple[str, ...]]],
                    archive: Archive) -> dict[str, list[Quote]]:
    """Topic id → the statements (of `quoted_statements`) on it or on a narrower topic of its
    own, newest first."""
    found: dict[str, list[Quote]] = defaultdict(list)
    chains = {topic_id: _with_broader(topic_id, archive) for topic_id in archive.topics}
    for quote, topics in quoted:
        for topic in dict.fromkeys(t for own in topics for t in chains.get(own, ())):
            found[topic].append(quote)
    return dict(found)


def _with_broader(topic_id: str, archive: Archive) -> list[str]:
    """The topic and the topics above it, up to the root of its tree."""
    chain = []
    while topic_id in archive.topics and topic_id not in chain:
        chain.append(topic_id)
        topic_id = archive.topics[topic_id].parent
    return chain


def person_statements_path(person_id: str) -> str:
    return f"statements/leaders/{page_name('person id', person_id)}.md"


def topic_statements_path(topic_id: str) -> str:
    return f"statements/topics/{page_name('topic id', topic_id)}.md"


@dataclass(frozen=True)
class Period:
    """A part of a long statements page: the statements of one year, or of one month of a busy
    year, on a page of its own."""

    heading: str  # "2024", "May 2024" or "Undated"
    quotes: list[Quote]
    page: str  # its path in content/


def split_by_period(quotes: list[Quote], folder: str) -> list[Period]:
    """Statements (newest first) in pages under `folder`: none when they fit one page; else a
    page per year, and per month in a year with more than fit one page. Pages keep to their
    dates, so a new readout changes only the page of its own year or month."""
    if len(quotes) <= STATEMENTS_PER_PAGE:
        return []
    parts = []
    for year, in_year in groupby(quotes, key=lambda q: q.entry.facts.date and q.entry.facts.date.year):
        in_year = list(in_year)
        if year is None:
            parts.append(Period("Undated", in_year, f"{folder}/undated.md"))
        elif len(in_year) <= STATEMENTS_PER_PAGE:
            parts.append(Period(str(year), in_year, f"{folder}/{year}.md"))
        else:
            for month, in_month in groupby(in_year, key=lambda q: q.entry.facts.date.month):
                parts.append(Period(f"{MONTHS[month - 1]} {year}", list(in_month),
                                    f"{folder}/{year}-{month:02d}.md"))
    return parts
