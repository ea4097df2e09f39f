"""Statements as pages show them: what each leader said, and what was said on each topic,
every quotation linked to its paragraph in the readout."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..link import Archive
from ..model import Entry, Statement
from .addresses import page_name, readout_path

STATEMENTS_ON_LEADER_PAGE = 10  # the newest; the leader's statements page holds them all


@dataclass(frozen=True)
class Quote:
    """One statement of one readout, ready to show: its words, who said them and where."""

    entry: Entry
    text: str  # the readout's own sentence
    speakers: tuple[str, ...]  # person ids the archive has pages for
    joint: bool  # said by all principals together ("the two sides agreed")
    paragraph: str  # the readout page's address of the paragraph: readouts/x.md#p3
    number: int  # the paragraph's number in the readout, from 1


def paragraph_anchor(index: int) -> str:
    """The id of a readout's paragraph on its page (templates/readout.md.j2): p1, p2, …"""
    return f"p{index + 1}"


def _quote(entry: Entry, statement: Statement, archive: Archive) -> Quote | None:
    speakers = tuple(s for s in statement.speakers if s in archive.people)
    if not speakers or statement.paragraph >= len(entry.readout.paragraphs):
        return None
    text = entry.readout.paragraphs[statement.paragraph][statement.start:statement.end]
    return Quote(entry, text, speakers, statement.how == "both sides",
                 f"{readout_path(entry.slug)}#{paragraph_anchor(statement.paragraph)}",
                 statement.paragraph + 1)


def quotes_by_person(archive: Archive) -> dict[str, list[Quote]]:
    """Person id → their statements, newest readout first, in text order within a readout."""
    found: dict[str, list[Quote]] = defaultdict(list)
    for entry in reversed(archive.entries):
        for statement in entry.facts.statements:
            quote = _quote(entry, statement, archive)
            for speaker in quote.speakers if quote else ():
                found[speaker].append(quote)
    return dict(found)


def quotes_by_topic(archive: Archive) -> dict[str, list[Quote]]:
    """Topic id → the statements on it or on a narrower topic of its own, newest first."""
    found: dict[str, list[Quote]] = defaultdict(list)
    for entry in reversed(archive.entries):
        for statement in entry.facts.statements:
            quote = _quote(entry, statement, archive)
            if quote is None:
                continue
            for topic in dict.fromkeys(t for own in statement.topics
                                       for t in _with_broader(own, archive)):
                found[topic].append(quote)
    return dict(found)


def _with_broader(topic_id: str, archive: Archive) -> list[str]:
    chain = []
    while topic_id in archive.topics and topic_id not in chain:
        chain.append(topic_id)
        topic_id = archive.topics[topic_id].parent
    return chain


def person_statements_path(person_id: str) -> str:
    return f"statements/leaders/{page_name('person id', person_id)}.md"


def topic_statements_path(topic_id: str) -> str:
    return f"statements/topics/{page_name('topic id', topic_id)}.md"
