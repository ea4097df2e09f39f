"""Event pages: one meeting told by several readouts, each government's account side by side —
who each says took part, what each says was discussed, and what only one of them says."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..link import Event
from ..model import Entry, Participant
from ..write import Page
from .addresses import event_path, event_title
from .base import PlanInputs, listing_pages, simple_page
from .listing import archive_listing, event_day

EVENTS_BY_YEAR = "events/by-year"


@dataclass(frozen=True)
class Account:
    """One readout's telling of a meeting, with what it alone says."""

    entry: Entry
    principals: tuple[Participant, ...]
    attendees: tuple[Participant, ...]
    only_topics: tuple[str, ...]  # topics no other account of the meeting names
    only_people: tuple[str, ...]  # people (ids) no other account says took part


def accounts(event: Event) -> tuple[list[Account], list[str]]:
    """Each readout's account, and the topics every account names."""
    topic_sets = [set(e.facts.topics) for e in event.entries]
    people_sets = [{p.id for p in e.facts.participants} for e in event.entries]
    told = []
    for index, entry in enumerate(event.entries):
        other_topics = set().union(*(t for i, t in enumerate(topic_sets) if i != index))
        other_people = set().union(*(p for i, p in enumerate(people_sets) if i != index))
        facts = entry.facts
        told.append(Account(
            entry, tuple(facts.principals), tuple(facts.attendees),
            tuple(t for t in facts.topics if t not in other_topics),
            tuple(dict.fromkeys(p.id for p in facts.participants if p.id not in other_people)),
        ))
    common = set.intersection(*topic_sets)
    shared = [t for t in dict.fromkeys(t for e in event.entries for t in e.facts.topics) if t in common]
    return told, shared


def event_pages(inputs: PlanInputs) -> Iterator[Page]:
    for event in inputs.archive.events.values():
        if event.told_by_several:
            told, shared = accounts(event)
            summit = inputs.archive.editions.get(event.summit) if event.summit else None
            yield simple_page(event_path(event.id), "event.md.j2", event_title(event, inputs.lookups),
                              event=event, accounts=told, shared_topics=shared, summit=summit)


def events_index(inputs: PlanInputs) -> Iterator[Page]:
    """Every meeting that more than one readout tells, newest first."""
    events = [e for e in inputs.archive.events.values() if e.told_by_several]
    groups = archive_listing(events, EVENTS_BY_YEAR, day=event_day)
    yield simple_page("events/index.md", "events_index.md.j2", "Events", groups=groups,
                      count=len(events))
    yield from listing_pages("Events", "events/index.md", groups, rows="meeting")
