"""The archive's indexes and related-readout scoring, on entries built inline."""

import datetime as dt
import random

import pytest

from conftest import LAVROV, MACRON, PUTIN, WANG, XI, build_entry
from generator import link
from generator.link import build_archive, describe_topic

D = dt.date


@pytest.fixture
def archive(registry):
    entries = [
        build_entry("xi-putin-2024", D(2024, 5, 16), principals=[XI, PUTIN], attendees=[WANG],
                    topics=["ukraine-crisis", "energy"]),
        build_entry("xi-putin-2023", D(2023, 3, 21), principals=[XI, PUTIN], topics=["energy"]),
        build_entry("xi-macron-2023", D(2023, 4, 6), principals=[XI, MACRON], topics=["ukraine-crisis"]),
        build_entry("trio-2024", D(2024, 5, 20), principals=[XI, PUTIN, MACRON],
                    mentioned=[("joe-biden", "Joe Biden", False)]),
        build_entry("ministers", None, principals=[WANG, LAVROV], topics=["china-russia-relations"]),
        build_entry("other-2024", D(2024, 5, 1), principals=[("kim", "Kim Somebody", "Korea", "Chairman")]),
    ]
    random.Random(4).shuffle(entries)  # input order must not matter
    return build_archive(entries, registry)


def slugs(entries):
    return [e.slug for e in entries]


def test_entries_in_date_order_with_undated_last(archive):
    assert slugs(archive.entries) == [
        "xi-putin-2023", "xi-macron-2023", "other-2024", "xi-putin-2024", "trio-2024", "ministers"
    ]
    assert slugs(archive.undated) == ["ministers"]


def test_indexes_by_person_topic_country_and_date(archive):
    assert slugs(archive.by_person["vladimir-putin"]) == ["xi-putin-2023", "xi-putin-2024", "trio-2024"]
    assert slugs(archive.by_person["wang-yi"]) == ["xi-putin-2024", "ministers"]
    assert slugs(archive.mentions_of["joe-biden"]) == ["trio-2024"]
    assert "joe-biden" not in archive.by_person
    assert slugs(archive.by_topic["energy"]) == ["xi-putin-2023", "xi-putin-2024"]
    assert list(archive.by_country) == ["China", "France", "Korea", "Russia"]
    assert slugs(archive.by_country["France"]) == ["xi-macron-2023", "trio-2024"]
    assert list(archive.by_year) == [2023, 2024]
    assert slugs(archive.by_month[(2024, 5)]) == ["other-2024", "xi-putin-2024", "trio-2024"]


def test_pairs_come_only_from_meetings_of_two_sides(archive):
    """The three-sided trio-2024 makes no pair: a multilateral meeting is never N² pairs."""
    assert list(archive.by_pair) == [("China", "France"), ("China", "Russia")]
    assert [e.id for e in archive.by_pair[("China", "Russia")]] == [
        "2023-03-21-xi-jinping-vladimir-putin", "2024-05-16-xi-jinping-vladimir-putin",
        "undated-wang-yi-sergey-lavrov",
    ]
    assert archive.event_of["trio-2024"].pair is None


def test_people_from_registry_or_as_seen(archive):
    xi = archive.people["xi-jinping"]
    assert (xi.name, xi.country, xi.registered) == ("Xi Jinping", "China", True)
    assert [o.title for o in xi.offices] == ["President"]
    kim = archive.people["kim"]
    assert (kim.name, kim.country, kim.titles, kim.registered, kim.offices) == (
        "Kim Somebody", "Korea", ("Chairman",), False, ()
    )
    assert archive.people["joe-biden"].registered is False


def test_neighbours_are_meetings_of_the_same_pair_at_the_same_level(archive):
    """The leaders' previous meeting is their own, not their foreign ministers' call."""
    this_year = archive.event_of["xi-putin-2024"]
    assert this_year.level == "leaders"
    previous, following = archive.neighbours(this_year)
    assert (previous.id, following) == ("2023-03-21-xi-jinping-vladimir-putin", None)
    ministers = archive.event_of["ministers"]
    assert ministers.level == "foreign-ministers"
    assert archive.neighbours(ministers) == (None, None)


def test_counterparts_topics_partners_and_principals(archive):
    counterparts = [(p.id, n) for p, n in archive.counterparts("xi-jinping")]
    assert counterparts == [("vladimir-putin", 2), ("emmanuel-macron", 1)]
    compatriots = [(p.id, n) for p, n in archive.compatriots("xi-jinping")]
    assert compatriots == [("wang-yi", 1)]
    topics = [(t.id, n) for t, n in archive.topics_in(archive.by_person["xi-jinping"])]
    assert topics == [("energy", 2), ("ukraine-crisis", 2)]
    assert archive.partners("France") == [("China", ("China", "France"), 1)]
    leaders = [(p.id, n) for p, n in archive.principals_of(archive.by_pair[("China", "Russia")])]
    assert leaders == [("vladimir-putin", 2), ("xi-jinping", 2), ("sergey-lavrov", 1), ("wang-yi", 1)]
    assert [p.id for p in archive.people_of("China")] == ["wang-yi", "xi-jinping"]


def test_related_prefers_shared_principals_then_closeness(archive):
    related = slugs(archive.related("xi-putin-2024"))
    # trio shares both principals 4 days later; xi-putin-2023 shares both principals and a topic
    # but a year earlier; ministers shares only an attendee; other-2024 shares nobody.
    assert related[:2] == ["trio-2024", "xi-putin-2023"]
    assert "other-2024" not in related and "xi-putin-2024" not in related
    assert archive.related("other-2024") == []


def test_related_is_capped_and_ordered(registry):
    entries = [  # a week apart: each its own meeting
        build_entry(f"r{i:02}", D(2020, 1, 1) + dt.timedelta(days=7 * i), principals=[XI, PUTIN])
        for i in range(12)
    ]
    archive = build_archive(entries, registry)
    assert slugs(archive.related("r05")) == ["r04", "r06", "r03", "r07", "r02"]


def test_related_looks_only_at_the_nearest_in_each_index(registry, monkeypatch):
    monkeypatch.setattr(link, "NEAREST_IN_INDEX", 2)
    near = [build_entry(f"n{i}", D(2020, 1, 10 + i), topics=["energy"]) for i in range(5)]
    # Far away in the topic index, yet sharing the most: outside the window, never a candidate.
    far = build_entry("far", D(2010, 1, 1), topics=["energy"], principals=[XI, PUTIN])
    subject = build_entry("subject", D(2020, 1, 12), topics=["energy"], principals=[XI, PUTIN])
    archive = build_archive([*near, far, subject], registry)
    assert "far" in slugs(archive.related("subject"))  # found through the people index
    # Without the window "far" would fill the fifth place; the topic index alone never reaches it.
    lonely = build_entry("lonely", D(2020, 1, 12), topics=["energy"])
    archive = build_archive([*near, far, lonely], registry)
    assert "far" not in slugs(archive.related("lonely"))


def test_bilateral_topics_are_labelled_from_country_names(registry):
    countries = {"china": "China", "russia": "Russia", "united-states": "United States"}
    topic = describe_topic("china-russia-relations", registry, countries)
    assert (topic.label, topic.parent, topic.registered) == (
        "China–Russia relations", "bilateral-relations", False
    )
    assert describe_topic("united-states-china-relations", registry, countries).label == (
        "United States–China relations"
    )
    assert describe_topic("space-race", registry, countries).label == "Space race"
    assert describe_topic("energy", registry, countries).label == "Energy"


def test_derived_topics_bring_their_parents(archive):
    assert archive.topics["china-russia-relations"].parent == "bilateral-relations"
    assert archive.topics["bilateral-relations"].label == "Bilateral relations"
    assert archive.topics["regional-issues"].label == "Regional issues"  # parent of ukraine-crisis


def test_repeated_slugs_are_refused(registry):
    with pytest.raises(ValueError, match="twice"):
        build_archive([build_entry("twice"), build_entry("twice")], registry)
