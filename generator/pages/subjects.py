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

from ..write import Page, fingerprint
from .addresses import merged_relations
from .base import WHOLE, PlanInputs, Share, share_of
from .network import acquaintances, meeting_ties
from .statements import STATEMENTS_ON_LEADER_PAGE


def subject_name(kind: str, key: str) -> str:
    """The name a subject's pages are known by: its kind (leader, topic, country) and its key."""
    return f"{kind}:{key}"


class SubjectSigner:
    """Signs leaders, topics and countries: what a subject's pages show, from the archive's own
    answers (counterparts, topics, leaders, partners), but the listings, charts and circle drawn
    from them. What every subject's signature needs (who met whom, the merged relations topics,
    each topic's children) is made once, when the signer is."""

    def __init__(self, inputs: PlanInputs):
        self.inputs = inputs
        archive = self.archive = inputs.archive
        self.known = acquaintances(meeting_ties(archive.events.values())[0])
        self.merged = merged_relations(archive)
        self.children: dict[str, list] = defaultdict(list)
        for topic in archive.topics.values():
            if topic.parent:
                self.children[topic.parent].append(topic)

    def signatures(self, share: Share = WHOLE) -> dict[str, str]:
        """Each leader's, topic's and country's signature (of a `share` of them), by subject."""
        archive = self.archive
        subjects = [*(("leader", key) for key in archive.people),
                    *(("topic", key) for key in archive.topics),
                    *(("country", key) for key in archive.by_country)]
        return {subject_name(kind, key): getattr(self, kind)(key)  # self.leader, .topic, .country
                for kind, key in share_of(subjects, share)}

    def leader(self, person_id: str) -> str:
        archive, known = self.archive, self.known
        readouts = archive.by_person.get(person_id, [])
        quotes = self.inputs.quotes_by_person.get(person_id, [])
        circle = [person_id, *sorted(known.get(person_id, ()))]
        return fingerprint((
            archive.people[person_id], readouts, archive.events_of.get(person_id, []),
            archive.mentions_of.get(person_id, []), archive.met_at(person_id),
            archive.counterparts(person_id), archive.compatriots(person_id),
            archive.topics_in(readouts),
            repr([(other, sorted(known.get(other, {}).items())) for other in circle]),
            quotes[:STATEMENTS_ON_LEADER_PAGE], len(quotes),
        ))

    def topic(self, topic_id: str) -> str:
        archive, topics = self.archive, self.archive.topics
        topic = topics[topic_id]
        readouts = archive.by_topic.get(topic_id, [])
        return fingerprint((
            topic, topic_id in self.merged, readouts,
            topics.get(topic.parent) if topic.parent else None,
            self.children.get(topic_id, []), archive.principals_in(readouts),
            len(self.inputs.quotes_by_topic.get(topic_id, [])),
        ))

    def country(self, country: str) -> str:
        archive = self.archive
        readouts = archive.by_country[country]
        return fingerprint((
            country, readouts, archive.topics_in(readouts), archive.partners(country),
            [(person, len(archive.by_person.get(person.id, [])))
             for person in archive.people_of(country)],
        ))


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
