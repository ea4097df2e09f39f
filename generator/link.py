"""Corpus-level view of the readouts: who met whom, when, and about what.

Every page of the site is a listing over some slice of the archive, so the slices are indexed once
here. Related-readout scoring only looks at neighbours within those index lists, never at all
pairs of readouts, so building the archive stays near-linear as the corpus grows.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .extract.topics import RELATIONS_PARENT, RELATIONS_SUFFIX
from .model import PRINCIPAL, Entry
from .registry import Office, Registry, slugify

Pair = tuple[str, str]

RELATED_LIMIT = 5
NEAREST_IN_INDEX = 20  # candidates taken from each side of a readout in each index list
PRINCIPAL_WEIGHT = 3  # sharing a principal says more than sharing an attendee or a topic
UNDATED_DISTANCE = dt.timedelta(days=3650)  # an undated readout counts as ten years away


@dataclass(frozen=True)
class PersonInfo:
    """A person as the archive knows them: from the registry when registered, else as seen."""

    id: str
    name: str
    country: str | None
    titles: tuple[str, ...]  # titles the readouts gave them, sorted
    registered: bool
    offices: tuple[Office, ...] = ()
    organization: str | None = None


@dataclass(frozen=True)
class TopicInfo:
    id: str
    label: str
    parent: str | None
    registered: bool


def entry_order(entry: Entry) -> tuple:
    """Date order, undated readouts last; the slug breaks ties so input order never matters."""
    day = entry.facts.date
    return (day is None, day or dt.date.min, entry.slug)


def country_pairs(countries: list[str]) -> list[Pair]:
    """Every pair of distinct participating countries, each as a sorted tuple."""
    return list(itertools.combinations(sorted(set(countries)), 2))


@dataclass
class Archive:
    entries: list[Entry]  # in entry_order
    people: dict[str, PersonInfo]
    topics: dict[str, TopicInfo]  # every topic a readout names, plus their ancestors
    by_slug: dict[str, Entry] = field(default_factory=dict)
    by_person: dict[str, list[Entry]] = field(default_factory=dict)  # readouts they took part in
    mentions_of: dict[str, list[Entry]] = field(default_factory=dict)  # named, not present
    by_topic: dict[str, list[Entry]] = field(default_factory=dict)
    by_country: dict[str, list[Entry]] = field(default_factory=dict)
    by_pair: dict[Pair, list[Entry]] = field(default_factory=dict)
    by_year: dict[int, list[Entry]] = field(default_factory=dict)
    by_month: dict[tuple[int, int], list[Entry]] = field(default_factory=dict)
    undated: list[Entry] = field(default_factory=list)
    roles: dict[str, dict[str, str]] = field(default_factory=dict)  # slug → person id → role

    def related(self, slug: str, limit: int = RELATED_LIMIT) -> list[Entry]:
        """Readouts sharing people or topics with this one; more in common and closer in time first.

        Candidates come only from the index lists this readout is in, and only the nearest
        NEAREST_IN_INDEX on either side of it in each list, so the cost does not grow with the
        archive.
        """
        return self.score_related(slug, self.related_candidates(slug), limit)

    def related_candidates(self, slug: str) -> list[Entry]:
        """The readouts `related` chooses from; its answer depends on these and the readout only."""
        entry = self.by_slug[slug]
        lists = [self.by_person[p] for p in self.roles[slug]]
        lists += [self.by_topic[t] for t in dict.fromkeys(entry.facts.topics)]
        candidates = {c.slug: c for index in lists for c in _nearest(index, entry)}
        candidates.pop(slug, None)  # absent when the readout names no one and no topic
        return list(candidates.values())

    def score_related(self, slug: str, candidates: list[Entry], limit: int = RELATED_LIMIT):
        entry = self.by_slug[slug]
        roles = self.roles[slug]
        topics = set(entry.facts.topics)
        day = entry.facts.date
        scored = []
        for candidate in candidates:
            other_roles = self.roles[candidate.slug]
            shared_people = sum(
                PRINCIPAL_WEIGHT if roles[p] == other_roles[p] == PRINCIPAL else 1
                for p in roles.keys() & other_roles.keys()
            )
            shared_topics = len(topics.intersection(candidate.facts.topics))
            other_day = candidate.facts.date
            distance = UNDATED_DISTANCE if day is None or other_day is None else abs(day - other_day)
            score = (shared_people + shared_topics) / (1 + distance.days / 365)
            scored.append((-score, distance, candidate.slug, candidate))
        return [item[-1] for item in sorted(scored)[:limit]]

    def neighbours(self, slug: str, pair: Pair) -> tuple[Entry | None, Entry | None]:
        """The previous and next readout of the same two countries, in date order."""
        index = self.by_pair[pair]
        position = bisect.bisect_left(index, entry_order(self.by_slug[slug]), key=entry_order)
        previous = index[position - 1] if position > 0 else None
        following = index[position + 1] if position + 1 < len(index) else None
        return previous, following

    def counterparts(self, person_id: str, compatriots: bool = False) -> list[tuple[PersonInfo, int]]:
        """Whom a person met (other participants of their readouts), most often first.

        Foreign counterparts and the person's own compatriots (the delegation around them) are
        listed apart: a reader of Xi Jinping's page looks for Putin, not for Wang Yi.
        """
        country = self.people[person_id].country
        counts = Counter(
            other
            for entry in self.by_person.get(person_id, [])
            for other in self.roles[entry.slug]
            if other != person_id
            and (country is not None and self.people[other].country == country) == compatriots
        )
        return self._ranked_people(counts)

    def principals_in(self, entries: list[Entry]) -> list[tuple[PersonInfo, int]]:
        """The leaders involved in some readouts, with how many of them each led."""
        counts = Counter(
            person_id
            for entry in entries
            for person_id, role in self.roles[entry.slug].items()
            if role == PRINCIPAL
        )
        return self._ranked_people(counts)

    def topics_in(self, entries: list[Entry]) -> list[tuple[TopicInfo, int]]:
        """The topics of some readouts, most frequent first, ties by label."""
        counts = Counter(t for entry in entries for t in set(entry.facts.topics))
        ranked = sorted(counts.items(), key=lambda i: (-i[1], self.topics[i[0]].label, i[0]))
        return [(self.topics[t], n) for t, n in ranked]

    def partners(self, country: str) -> list[tuple[str, Pair, int]]:
        """Countries that met this one: (partner, pair, readouts), most frequent first."""
        found = [
            (pair[1] if pair[0] == country else pair[0], pair, len(entries))
            for pair, entries in self.by_pair.items()
            if country in pair
        ]
        return sorted(found, key=lambda item: (-item[2], item[0]))

    def people_of(self, country: str) -> list[PersonInfo]:
        return sorted(
            (p for p in self.people.values() if p.country == country), key=lambda p: (p.name, p.id)
        )

    def _ranked_people(self, counts: Counter) -> list[tuple[PersonInfo, int]]:
        ranked = sorted(counts.items(), key=lambda i: (-i[1], self.people[i[0]].name, i[0]))
        return [(self.people[p], n) for p, n in ranked]


def build_archive(entries: list[Entry], registry: Registry) -> Archive:
    """Index the readouts by person, topic, country, pair of countries and date."""
    ordered = sorted(entries, key=entry_order)
    slugs = Counter(e.slug for e in ordered)
    duplicates = sorted(s for s, n in slugs.items() if n > 1)
    if duplicates:
        raise ValueError(f"readout slugs must be unique; repeated: {', '.join(duplicates)}")
    archive = Archive(
        entries=ordered,
        people=_people(ordered, registry),
        topics=_topics(ordered, registry),
        by_slug={e.slug: e for e in ordered},
        roles={e.slug: _roles(e) for e in ordered},
    )
    indexes = defaultdict(lambda: defaultdict(list))
    for entry in ordered:
        facts = entry.facts
        roles = archive.roles[entry.slug]
        for person_id in roles:
            indexes["by_person"][person_id].append(entry)
        for person_id in dict.fromkeys(m.id for m in facts.mentioned):
            if person_id not in roles:
                indexes["mentions_of"][person_id].append(entry)
        for topic_id in dict.fromkeys(facts.topics):
            indexes["by_topic"][topic_id].append(entry)
        for country in dict.fromkeys(facts.countries):
            indexes["by_country"][country].append(entry)
        for pair in country_pairs(facts.countries):
            indexes["by_pair"][pair].append(entry)
        if facts.date is None:
            archive.undated.append(entry)
        else:
            indexes["by_year"][facts.date.year].append(entry)
            indexes["by_month"][(facts.date.year, facts.date.month)].append(entry)
    for name, index in indexes.items():
        setattr(archive, name, {key: index[key] for key in sorted(index)})
    return archive


def _roles(entry: Entry) -> dict[str, str]:
    """Participant id → role; a principal listed twice stays a principal."""
    roles: dict[str, str] = {}
    for participant in entry.facts.participants:
        if roles.get(participant.id) != PRINCIPAL:
            roles[participant.id] = participant.role
    return roles


def _nearest(index: list[Entry], entry: Entry) -> list[Entry]:
    position = bisect.bisect_left(index, entry_order(entry), key=entry_order)
    return index[max(0, position - NEAREST_IN_INDEX) : position + NEAREST_IN_INDEX + 1]


def _distance(a: Entry, b: Entry) -> dt.timedelta:
    if a.facts.date is None or b.facts.date is None:
        return UNDATED_DISTANCE
    return abs(a.facts.date - b.facts.date)


def _people(entries: list[Entry], registry: Registry) -> dict[str, PersonInfo]:
    """Registered people take name, country and offices from the registry; others as first seen."""
    seen_name: dict[str, str] = {}
    seen_country: dict[str, str] = {}
    titles: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for participant in entry.facts.participants:
            seen_name.setdefault(participant.id, participant.name)
            if participant.country:
                seen_country.setdefault(participant.id, participant.country)
            if participant.title:
                titles[participant.id].add(participant.title)
        for mention in entry.facts.mentioned:
            seen_name.setdefault(mention.id, mention.name)
    people = {}
    for person_id in sorted(seen_name):
        known = registry.person(person_id)
        seen_titles = tuple(sorted(titles[person_id]))
        if known:
            people[person_id] = PersonInfo(
                person_id, known.name, known.country, seen_titles, True, known.offices,
                known.organization,
            )
        else:
            people[person_id] = PersonInfo(
                person_id, seen_name[person_id], seen_country.get(person_id), seen_titles, False
            )
    return people


def _topics(entries: list[Entry], registry: Registry) -> dict[str, TopicInfo]:
    """Every topic the readouts name, and the ancestors their pages link to."""
    countries_by_id = {c.id: c.name for c in registry.countries.values()}
    for entry in entries:
        for name in entry.facts.countries:
            countries_by_id.setdefault(slugify(name), name)
    topics: dict[str, TopicInfo] = {}
    pending = sorted({t for e in entries for t in e.facts.topics})
    while pending:
        topic_id = pending.pop()
        if topic_id in topics:
            continue
        topics[topic_id] = describe_topic(topic_id, registry, countries_by_id)
        if topics[topic_id].parent:
            pending.append(topics[topic_id].parent)
    return dict(sorted(topics.items()))


def describe_topic(topic_id: str, registry: Registry, countries_by_id: dict[str, str]) -> TopicInfo:
    """A topic's label and parent: from the registry, or derived from the id.

    Extraction makes bilateral topics like "china-russia-relations" that the registry does not
    list; they read "China–Russia relations" and sit under "bilateral-relations".
    """
    known = registry.topic(topic_id)
    if known:
        return TopicInfo(known.id, known.label, known.parent, True)
    if topic_id.endswith(RELATIONS_SUFFIX):
        words = topic_id.removesuffix(RELATIONS_SUFFIX).split("-")
        for cut in range(1, len(words)):
            first, second = "-".join(words[:cut]), "-".join(words[cut:])
            if first in countries_by_id and second in countries_by_id:
                label = f"{countries_by_id[first]}–{countries_by_id[second]} relations"
                return TopicInfo(topic_id, label, RELATIONS_PARENT, False)
    return TopicInfo(topic_id, topic_id.replace("-", " ").capitalize(), None, False)
