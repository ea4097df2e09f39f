"""How pages list things: readouts by year (a page per year when long), topics as a tree,
leaders by country."""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from dataclasses import dataclass

from ..link import Archive, PersonInfo, TopicInfo
from ..model import Entry
from .addresses import page_name

GROUP_BY_YEAR_ABOVE = 12  # longer listings get a heading per year
PAGINATE_ABOVE = 300  # longer listings get a page per year, so no page grows without bound
OTHER_GROUP = "Other"
ARCHIVE_BY_YEAR = "readouts/by-year"  # where the whole archive's year pages go, when it is long


@dataclass(frozen=True)
class Group:
    """A run of readouts under one heading; heading None for a short listing shown whole."""

    heading: str | None
    entries: list[Entry]
    page: str | None = None  # a long listing's year is a page of its own: its path


def year_groups(entries: list[Entry], newest_first: bool = False) -> list[Group]:
    dated = [e for e in entries if e.facts.date]
    undated = [e for e in entries if not e.facts.date]
    if newest_first:
        dated.reverse()
    groups = [
        Group(str(year), list(run))
        for year, run in itertools.groupby(dated, key=lambda e: e.facts.date.year)
    ]
    return groups + ([Group("Undated", undated)] if undated else [])


def listing(entries: list[Entry], folder: str | None = None) -> list[Group]:
    """Short listings whole; long ones by year, so a reader can find their way in them.

    Past PAGINATE_ABOVE, each year moves to a page of its own under `folder` (the group then
    names that page), so no listing page grows with the archive.
    """
    if folder and len(entries) > PAGINATE_ABOVE:
        return paginated(year_groups(entries), folder)
    if len(entries) > GROUP_BY_YEAR_ABOVE:
        return year_groups(entries)
    return [Group(None, entries)]


def archive_listing(entries: list[Entry]) -> list[Group]:
    """The whole archive, newest year first; a page per year once it is long."""
    groups = year_groups(entries, newest_first=True)
    return paginated(groups, ARCHIVE_BY_YEAR) if len(entries) > PAGINATE_ABOVE else groups


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
