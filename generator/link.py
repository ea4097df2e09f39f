"""Corpus-level view of the readouts: who met whom, when, where, and about what.

Every page of the site is a listing over some slice of the archive, so the slices are indexed once
here. Readouts that tell the same meeting are one event (archive/events.py); a meeting of two sides
is listed under its pair of countries at its level, a meeting of more belongs to its summit
(archive/summits.py), never to N² pairs. Related-readout scoring and event grouping only look at
neighbours within index lists, never at all pairs of readouts, so building the archive stays
near-linear as the corpus grows.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .archive.events import event_ids, group_readouts
from .archive.sides import BILATERAL, PlaceCountries, Shape, level_of, shape_of
from .archive.summits import SummitFinder
from .extract.topics import RELATIONS_PARENT, RELATIONS_SUFFIX
from .model import PRINCIPAL, Entry
from .registry import Office, Registry, SummitEdition, SummitSeries, slugify

Pair = tuple[str, str]

RELATED_LIMIT = 5
NEAREST_IN_INDEX = 20  # candidates taken from each side of a readout in each index list
PRINCIPAL_WEIGHT = 3  # sharing a principal says more than sharing an attendee or a topic
UNDATED_DAYS = 3650  # an undated readout counts as ten years away


class ShownOften:
    """A frozen record that thousands of pages show (a leader, a topic): it stands for itself in
    their fingerprints (write.py) by a digest of its fields, made once rather than per page."""

    def content_digest(self) -> str:
        return self._digest

    @cached_property
    def _digest(self) -> str:
        return hashlib.sha1(repr(self).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class PersonInfo(ShownOften):
    """A person as the archive knows them: from the registry when registered, else as seen."""

    id: str
    name: str
    country: str | None
    titles: tuple[str, ...]  # titles the readouts gave them, sorted
    registered: bool
    offices: tuple[Office, ...] = ()
    organization: str | None = None


@dataclass(frozen=True)
class TopicInfo(ShownOften):
    id: str
    label: str
    parent: str | None
    registered: bool


def _features(entries: list[Entry], roles: dict[str, dict[str, str]]) -> dict[str, tuple]:
    """Each readout as `score_related` compares it, by slug: its people and topics as the bits
    of a number (one bit to each person and each topic of the archive), its principals likewise,
    and its day as a day number. Two readouts share as many as the bits their numbers share."""
    bits: dict[tuple[str, str], int] = {}

    def mask(keys) -> int:
        found = 0
        for key in keys:
            found |= bits.setdefault(key, 1 << len(bits))
        return found

    features = {}
    for entry in entries:
        people = roles[entry.slug]
        day = entry.facts.date
        features[entry.slug] = (
            mask([("person", p) for p in people] + [("topic", t) for t in entry.facts.topics]),
            mask([("person", p) for p, role in people.items() if role == PRINCIPAL]),
            day.toordinal() if day else None)
    return features


def entry_order(entry: Entry) -> tuple:
    """Date order, undated readouts last; the slug breaks ties so input order never matters."""
    day = entry.facts.date
    return (day is None, day or dt.date.min, entry.slug)


@dataclass
class Event:
    """One meeting: the readouts that tell it (usually one; one per government when both publish),
    who met, between which sides, at what level, where, and at which summit."""

    id: str
    entries: list[Entry]  # in entry_order; the first leads
    date: dt.date | None
    principals: tuple[str, ...]  # person ids, in the order the accounts name them
    side_of: dict[str, str]  # participant id → the side they were on
    sides: tuple[str, ...]
    encounter: str  # archive.sides: bilateral, multilateral, one-sided or announcement
    pair: Pair | None  # two countries (or unions) met: the pair page that lists it
    level: str | None  # a two-sided meeting's level (levels.yml)
    location: str | None
    place_country: str | None  # the country the location is in, when known
    summit: str | None = None  # the summit edition's id
    sidelines: bool = False  # held on the summit's sidelines, not the summit itself
    digest: str = ""  # set by `content_digest` once the archive is linked

    def content_digest(self) -> str:
        """Identifies everything a page can show of the meeting: it stands for the meeting in the
        fingerprints of the pages that list it (write.py)."""
        if not self.digest:
            parts = [self.id, repr((self.date, self.principals, sorted(self.side_of.items()),
                                    self.sides, self.encounter, self.pair, self.level, self.location,
                                    self.place_country, self.summit, self.sidelines))]
            parts += [entry.digest or entry.content_digest() for entry in self.entries]
            self.digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
        return self.digest

    @property
    def told_by_several(self) -> bool:
        """Two readouts or more tell it: it has a page of its own, the accounts side by side."""
        return len(self.entries) > 1


def event_order(event: Event) -> tuple:
    return entry_order(event.entries[0])


@dataclass(frozen=True)
class Visit:
    """A meeting in one side's country: who travelled there and who received them."""

    event: Event
    country: str  # where it took place
    others: tuple[str, ...]  # the other side's principals: hosts of a visit made, guests of one hosted


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
    events: dict[str, Event] = field(default_factory=dict)  # in event_order
    event_of: dict[str, Event] = field(default_factory=dict)  # readout slug → its event
    events_of: dict[str, list[Event]] = field(default_factory=dict)  # person id → events taken part in
    by_pair: dict[Pair, list[Event]] = field(default_factory=dict)  # two-sided meetings only
    by_pair_level: dict[tuple[Pair, str | None], list[Event]] = field(default_factory=dict)
    by_edition: dict[str, list[Event]] = field(default_factory=dict)  # summit edition id → events
    editions: dict[str, SummitEdition] = field(default_factory=dict)  # those with events, by date
    series: dict[str, SummitSeries] = field(default_factory=dict)  # those with events, by id
    editions_of: dict[str, list[str]] = field(default_factory=dict)  # person id → editions, by date
    level_labels: dict[str | None, str] = field(default_factory=dict)  # level id → label, in order
    by_year: dict[int, list[Entry]] = field(default_factory=dict)
    by_month: dict[tuple[int, int], list[Entry]] = field(default_factory=dict)
    undated: list[Entry] = field(default_factory=list)
    roles: dict[str, dict[str, str]] = field(default_factory=dict)  # slug → person id → role
    # entry_order of each index list's readouts, made when first searched (by the list's id)
    _orders: dict[int, list[tuple]] = field(default_factory=dict, repr=False, compare=False)
    _order_of: dict[str, tuple] = field(default_factory=dict, repr=False, compare=False)
    # what `score_related` compares of each readout (`_features`), made when first scored
    _related_features: dict[str, tuple] = field(default_factory=dict, repr=False, compare=False)

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
        candidates = {c.slug: c for index in self.related_indexes(slug).values()
                      for c in self._nearest(index, entry)}
        for account in self.event_of[slug].entries:  # the readout, and other accounts of its meeting
            candidates.pop(account.slug, None)
        return list(candidates.values())

    def related_indexes(self, slug: str) -> dict[str, list[Entry]]:
        """The index lists, by name, that a readout's related readouts come from: those of its
        people and of its topics."""
        indexes = {f"person:{p}": self.by_person[p] for p in self.roles[slug]}
        indexes.update((f"topic:{t}", self.by_topic[t]) for t in self.by_slug[slug].facts.topics)
        return indexes

    def index_lists(self) -> dict[str, list[Entry]]:
        """Every list `related_indexes` can name, by its name."""
        return {**{f"person:{p}": index for p, index in self.by_person.items()},
                **{f"topic:{t}": index for t, index in self.by_topic.items()}}

    def _nearest(self, index: list[Entry], entry: Entry) -> list[Entry]:
        orders = self._orders.get(id(index))
        if orders is None:
            if not self._order_of:  # each readout's order made once, shared by its lists
                self._order_of.update((e.slug, entry_order(e)) for e in self.entries)
            orders = self._orders[id(index)] = [self._order_of[e.slug] for e in index]
        position = bisect.bisect_left(orders, self._order_of[entry.slug])
        return index[max(0, position - NEAREST_IN_INDEX) : position + NEAREST_IN_INDEX + 1]

    def score_related(self, slug: str, candidates: list[Entry], limit: int = RELATED_LIMIT):
        """The best `limit` candidates: each person shared counts 1, or PRINCIPAL_WEIGHT when
        both readouts have them as a principal, each topic shared 1, and the sum is divided by
        1 plus the years between the two readouts."""
        features = self._related_features
        if not features:
            features.update(_features(self.entries, self.roles))
        items, principals, day = features[slug]
        scored = []
        for candidate in candidates:
            other_items, other_principals, other_day = features[candidate.slug]
            shared = ((items & other_items).bit_count()
                      + (PRINCIPAL_WEIGHT - 1) * (principals & other_principals).bit_count())
            days = UNDATED_DAYS if day is None or other_day is None else abs(day - other_day)
            scored.append((-shared / (1 + days / 365), days, candidate.slug, candidate))
        return [item[-1] for item in heapq.nsmallest(limit, scored)]

    def neighbours(self, event: Event) -> tuple[Event | None, Event | None]:
        """The previous and next meeting of the same two countries at the same level."""
        index = self.by_pair_level[(event.pair, event.level)]
        position = bisect.bisect_left(index, event_order(event), key=event_order)
        previous = index[position - 1] if position > 0 else None
        following = index[position + 1] if position + 1 < len(index) else None
        return previous, following

    def counterparts(self, person_id: str) -> list[tuple[PersonInfo, int]]:
        """Whom a person met across the table in two-sided meetings, by meetings, most first.

        Meetings are events, so talks that both governments published count once; a summit
        adds no counterparts (see `met_at`).
        """
        counts = Counter(
            other
            for event in self.events_of.get(person_id, [])
            if event.encounter == BILATERAL
            for other, side in event.side_of.items()
            if side != event.side_of[person_id]
        )
        return self._ranked_people(counts)

    def compatriots(self, person_id: str) -> list[tuple[PersonInfo, int]]:
        """The person's own side in their meetings (the delegation around them), by meetings."""
        counts = Counter(
            other
            for event in self.events_of.get(person_id, [])
            for other, side in event.side_of.items()
            if other != person_id and side == event.side_of[person_id]
        )
        return self._ranked_people(counts)

    def met_at(self, person_id: str) -> list[tuple[SummitEdition, int]]:
        """The summits a person took part in (at the summit or on its sidelines), with meetings."""
        counts = Counter(e.summit for e in self.events_of.get(person_id, []) if e.summit)
        return [(self.editions[edition], counts[edition])
                for edition in self.editions_of.get(person_id, [])]

    def meetings_per_year(self, person_id: str) -> list[tuple[int, int]]:
        counts = Counter(e.date.year for e in self.events_of.get(person_id, []) if e.date)
        return sorted(counts.items())

    def visits(self, person_id: str) -> tuple[list[Visit], list[Visit]]:
        """(made, hosted): two-sided meetings in the other side's country, and in their own."""
        made, hosted = [], []
        for event in self.events_of.get(person_id, []):
            own = event.side_of[person_id]
            if (event.encounter != BILATERAL or person_id not in event.principals
                    or event.place_country not in event.sides):
                continue
            others = tuple(p for p in event.principals if event.side_of[p] != own)
            (hosted if event.place_country == own else made).append(
                Visit(event, event.place_country, others))
        return made, hosted

    def attendance(self, edition_id: str) -> list[tuple[str, list[str]]]:
        """Who took part in a summit's meetings (the summit and its sidelines), side by side."""
        sides: dict[str, dict[str, None]] = defaultdict(dict)
        for event in self.by_edition[edition_id]:
            for person_id, side in event.side_of.items():
                sides[side][person_id] = None
        return [(side, sorted(people, key=lambda p: (self.people[p].name, p)))
                for side, people in sorted(sides.items(), key=lambda item: self._side_label(item[0]))]

    def side_label(self, side: str) -> str:
        """A side as written: a country's name, or the name of the person who was a side alone."""
        return self._side_label(side)

    def principals_of(self, events: list[Event]) -> list[tuple[PersonInfo, int]]:
        """The leaders of some meetings, with how many of them each led."""
        return self._ranked_people(Counter(p for event in events for p in event.principals))

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
        """Countries that met this one two-sidedly: (partner, pair, meetings), most first."""
        found = [
            (pair[1] if pair[0] == country else pair[0], pair, len(events))
            for pair, events in self.by_pair.items()
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

    def _side_label(self, side: str) -> str:
        return self.people[side].name if side in self.people else side


def build_archive(entries: list[Entry], registry: Registry) -> Archive:
    """Index the readouts by person, topic, country and date; group them into events, and the
    events by pair of countries, level and summit."""
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
        if facts.date is None:
            archive.undated.append(entry)
        else:
            indexes["by_year"][facts.date.year].append(entry)
            indexes["by_month"][(facts.date.year, facts.date.month)].append(entry)
    for name, index in indexes.items():
        setattr(archive, name, {key: index[key] for key in sorted(index)})
    _link_events(archive, registry)
    return archive


def _link_events(archive: Archive, registry: Registry) -> None:
    """Group the readouts into events, and index the events by person, pair, level and summit."""
    shapes = {e.slug: shape_of(e.facts) for e in archive.entries}
    grouping = group_readouts(archive.entries, shapes, archive.by_person,
                              {e.slug: e.event for e in archive.entries if e.event}, entry_order)
    principals = [tuple(dict.fromkeys(p.id for e in members for p in e.facts.principals))
                  for members in grouping.members]
    finder, places = SummitFinder(registry), PlaceCountries(registry)
    archive.level_labels = {level.id: level.label for level in registry.levels}
    indexes = defaultdict(lambda: defaultdict(list))
    for event_id, members, led_by in zip(event_ids(grouping, principals), grouping.members, principals):
        event = _event(event_id, members, led_by, shapes, registry, places)
        links = [link for link in (finder.link(e, shapes[e.slug]) for e in members) if link]
        if links:
            event.summit, event.sidelines = links[0].edition, links[0].sidelines
            indexes["by_edition"][event.summit].append(event)
        archive.events[event.id] = event
        for entry in members:
            archive.event_of[entry.slug] = event
        for person_id in event.side_of:
            indexes["events_of"][person_id].append(event)
        if event.pair:
            indexes["by_pair"][event.pair].append(event)
            indexes["by_pair_level"][(event.pair, event.level)].append(event)
    for name in ("events_of", "by_pair", "by_edition"):
        setattr(archive, name, {key: indexes[name][key] for key in sorted(indexes[name])})
    level_rank = {level: position for position, level in enumerate(archive.level_labels)}
    archive.by_pair_level = {
        key: indexes["by_pair_level"][key]
        for key in sorted(indexes["by_pair_level"], key=lambda k: (k[0], level_rank.get(k[1], -1)))
    }
    for events in (*archive.events_of.values(), *archive.by_pair.values(),
                   *archive.by_pair_level.values(), *archive.by_edition.values()):
        events.sort(key=event_order)
    archive.editions = dict(sorted(((e, registry.editions[e]) for e in archive.by_edition),
                                   key=lambda item: (item[1].start, item[0])))
    archive.series = {s: registry.summits[s] for s in sorted({e.series for e in archive.editions.values()})}
    archive.editions_of = {
        person_id: list(dict.fromkeys(e.summit for e in sorted(
            (e for e in events if e.summit), key=lambda e: (archive.editions[e.summit].start, e.summit))))
        for person_id, events in archive.events_of.items()
        if any(e.summit for e in events)
    }


def _event(event_id: str, members: list[Entry], principals: tuple[str, ...], shapes: dict[str, Shape],
           registry: Registry, places: PlaceCountries) -> Event:
    lead = members[0]
    shape = shapes[lead.slug]
    side_of: dict[str, str] = {}
    for entry in members:
        side_of.update((p, s) for p, s in shapes[entry.slug].side_of.items() if p not in side_of)
    for entry in members:
        for participant in entry.facts.participants:
            side_of.setdefault(participant.id, participant.country or participant.id)
    pair = shape.pair if shape.pair and set(shape.pair) <= set(lead.facts.countries) else None
    location = next((e.facts.location for e in members if e.facts.location), None)
    return Event(
        id=event_id, entries=members, date=lead.facts.date, principals=principals, side_of=side_of,
        sides=shape.sides, encounter=shape.encounter, pair=pair,
        level=level_of(lead.facts, shape, registry) if pair else None,
        location=location, place_country=places.country(location),
    )


def _roles(entry: Entry) -> dict[str, str]:
    """Participant id → role; a principal listed twice stays a principal."""
    roles: dict[str, str] = {}
    for participant in entry.facts.participants:
        if roles.get(participant.id) != PRINCIPAL:
            roles[participant.id] = participant.role
    return roles


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
