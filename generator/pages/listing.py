"""How pages list things: readouts or meetings by year (a page per year when long), topics as a
tree, leaders by country."""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from ..link import Archive, Event, PersonInfo, TopicInfo
from ..model import Entry
from .addresses import page_name

GROUP_BY_YEAR_ABOVE = 12  # longer listings get a heading per year
PAGINATE_ABOVE = 300  # longer listings get a page per year, so no page grows without bound
OTHER_GROUP = "Other"
ARCHIVE_BY_YEAR = "readouts/by-year"  # where the whole archive's year pages go, when it is long


@dataclass(frozen=True)
class Group:
    """A run of readouts (or meetings) under one heading; heading None for a short listing shown
    whole."""

    heading: str | None
    entries: list[Entry] | list[Event]
    page: str | None = None  # a long listing's year is a page of its own: its path


def entry_day(entry: Entry):
    return entry.facts.date


def event_day(event: Event):
    return event.date


def year_groups(entries: list, newest_first: bool = False, day: Callable = entry_day) -> list[Group]:
    dated = [e for e in entries if day(e)]
    undated = [e for e in entries if not day(e)]
    if newest_first:
        dated.reverse()
    groups = [
        Group(str(year), list(run))
        for year, run in itertools.groupby(dated, key=lambda e: day(e).year)
    ]
    return groups + ([Group("Undated", undated)] if undated else [])


def listing(entries: list, folder: str | None = None, day: Callable = entry_day) -> list[Group]:
    """Short listings whole; long ones by year, so a reader can find their way in them.

    Past PAGINATE_ABOVE, each year moves to a page of its own under `folder` (the group then
    names that page), so no listing page grows with the archive. `day` reads an item's date:
    `entry_day` for readouts, `event_day` for meetings.
    """
    if folder and len(entries) > PAGINATE_ABOVE:
        return paginated(year_groups(entries, day=day), folder)
    if len(entries) > GROUP_BY_YEAR_ABOVE:
        return year_groups(entries, day=day)
    return [Group(None, entries)]


def archive_listing(entries: list, folder: str = ARCHIVE_BY_YEAR, day: Callable = entry_day
                    ) -> list[Group]:
    """A whole archive's readouts (or meetings), newest year first; a page per year once long."""
    groups = year_groups(entries, newest_first=True, day=day)
    return paginated(groups, folder) if len(entries) > PAGINATE_ABOVE else groups


def paginated(groups: list[Group], folder: str) -> list[Group]:
    return [
        dataclasses.replace(group, page=f"{folder}/{page_name('year', group.heading.lower())}.md")
        for group in groups
    ]


@dataclass(frozen=True)
class TopicRow:
    depth: int
    topic: TopicInfo
    count: int  # readouts filed under the topic or under a narrower topic of its own


def topic_tree(archive: Archive) -> list[TopicRow]:
    """Topics A–Z by label, each followed by its children, indented; a broader topic counts the
    readouts of its narrower ones too (each readout once)."""
    children: dict[str | None, list[TopicInfo]] = defaultdict(list)
    for topic in archive.topics.values():
        parent = topic.parent if topic.parent in archive.topics else None
        children[parent].append(topic)
    rows: list[tuple[int, TopicInfo, set[str]]] = []
    visited: set[str] = set()

    def visit(parent: str | None, depth: int) -> set[str]:
        """Append the rows under `parent`; the readouts they hold, all together."""
        held: set[str] = set()
        for topic in sorted(children[parent], key=lambda t: (t.label, t.id)):
            if topic.id not in visited:
                visited.add(topic.id)
                own = {e.slug for e in archive.by_topic.get(topic.id, [])}
                rows.append((depth, topic, own))
                own |= visit(topic.id, depth + 1)
                held |= own
        return held

    visit(None, 0)
    return [TopicRow(depth, topic, len(slugs)) for depth, topic, slugs in rows]


def leader_groups(archive: Archive) -> list[tuple[str, list[PersonInfo]]]:
    """Leaders by country (or organisation) A–Z, those with neither last."""
    groups: dict[str, list[PersonInfo]] = defaultdict(list)
    for person in archive.people.values():
        groups[person.country or person.organization or OTHER_GROUP].append(person)
    ordered = sorted(groups.items(), key=lambda item: (item[0] == OTHER_GROUP, item[0]))
    return [(label, sorted(people, key=lambda p: (p.name, p.id))) for label, people in ordered]
