"""The pages of a leader, a topic or a country kept without planning them when what they are made
from is as it was in the last build.

Planning such a page ranks people and topics, draws charts and circles and groups listings: at
10,000 readouts, more than a second for each kind, though one readout added touches few of them.
A subject's signature digests everything its pages are planned from (its readouts and meetings,
the leaders and topics they show, the statements counted); a subject whose signature is the last
build's has the same pages, and those are kept as they are (write.py, `Page.as_before`) unless a
file cannot be. Lookups that pages make while being made (names, labels) are checked as for any
kept page. Each signature is tested against planning itself: a build after a change must equal a
fresh one (tests/test_incremental_subjects.py).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Callable, Iterator

from ..model import PRINCIPAL
from ..write import Page, fingerprint
from .addresses import merged_relations
from .base import PlanInputs
from .network import acquaintances, meeting_ties
from .statements import STATEMENTS_ON_LEADER_PAGE


def subject_name(kind: str, key: str) -> str:
    """The name a subject's pages are known by: its kind (leader, topic, country) and its key."""
    return f"{kind}:{key}"


def subject_signatures(inputs: PlanInputs) -> dict[str, str]:
    """Each leader's, topic's and country's signature, by subject."""
    archive = inputs.archive
    people, topics = archive.people, archive.topics
    known = acquaintances(meeting_ties(archive.events.values())[0])
    principals = {slug: [p for p, role in roles.items() if role == PRINCIPAL]
                  for slug, roles in archive.roles.items()}
    signatures = {}
    for person_id, person in people.items():
        readouts = archive.by_person.get(person_id, [])
        events = archive.events_of.get(person_id, [])
        quotes = inputs.quotes_by_person.get(person_id, [])
        met = sorted({other for event in events for other in event.side_of})
        circle = sorted(known[person_id]) if person_id in known else []
        signatures[subject_name("leader", person_id)] = fingerprint((
            person, readouts, events, archive.mentions_of.get(person_id, []),
            [archive.editions[edition] for edition in archive.editions_of.get(person_id, [])],
            [people[other] for other in met], _topics_of(readouts, topics),
            repr([(other, sorted(known[other].items())) for other in [person_id, *circle]]),
            quotes[:STATEMENTS_ON_LEADER_PAGE], len(quotes),
        ))
    children = defaultdict(list)
    for topic in topics.values():
        if topic.parent:
            children[topic.parent].append(topic)
    merged = merged_relations(archive)
    for topic_id, topic in topics.items():
        readouts = archive.by_topic.get(topic_id, [])
        signatures[subject_name("topic", topic_id)] = fingerprint((
            topic, topic_id in merged, readouts, topics.get(topic.parent) if topic.parent else None,
            children.get(topic_id, []),
            [people[p] for p in sorted(set().union(*[principals[e.slug] for e in readouts]))],
            len(inputs.quotes_by_topic.get(topic_id, [])),
        ))
    compatriots = defaultdict(list)
    for person in people.values():
        compatriots[person.country].append(person)
    partners = defaultdict(list)
    for pair, events in archive.by_pair.items():
        for country in pair:
            partners[country].append((pair, len(events)))
    for country, readouts in archive.by_country.items():
        signatures[subject_name("country", country)] = fingerprint((
            country, readouts, _topics_of(readouts, topics), repr(partners.get(country, [])),
            compatriots.get(country, []),
            repr([len(archive.by_person.get(person.id, ())) for person in compatriots.get(country, [])]),
        ))
    return signatures


def _topics_of(readouts: list, topics: dict) -> list:
    """The topics the readouts name, as they stand (their labels and places in the tree)."""
    return [topics[t] for t in sorted(set().union(*[entry.facts.topics for entry in readouts]))]


def unchanged_subjects(seen: dict[str, str], last: dict | None,
                       paths: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """The subjects whose signatures are the last build's (`last`, what it remembered; `paths`,
    the pages it wrote of each subject), with the paths of their pages."""
    before = last.get("subjects") if isinstance(last, dict) else None
    if not isinstance(before, dict):
        return {}
    return {subject: tuple(paths[subject]) for subject, signature in seen.items()
            if before.get(subject) == signature and paths.get(subject)}


def subject_pages(inputs: PlanInputs, subject: str,
                  plan: Callable[[], Iterator[Page]]) -> Iterator[Page]:
    """The pages of a subject, each marked as the subject's: those of the last build without
    planning them when the subject is unchanged, else as `plan` gives them."""
    paths = inputs.unchanged_subjects.get(subject)
    if paths is None:
        yield from _marked(subject, plan())
        return

    @cache
    def planned() -> dict[str, Page]:
        return {page.path: page for page in _marked(subject, plan())}

    for path in paths:
        yield Page.as_before(path, lambda path=path: planned()[path], subject)


def _marked(subject: str, pages: Iterator[Page]) -> Iterator[Page]:
    for page in pages:
        page.subject = subject
        yield page
