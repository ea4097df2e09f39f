"""The page plan: which pages exist and what each holds.

Each kind of page is a function from the plan's inputs to the pages of that kind, and PAGE_KINDS
lists them all: a new kind of page is a template in templates/ and an entry here. Templates only
lay pages out; the plan decides what each page lists.
"""

from __future__ import annotations

from typing import Callable, Iterator

from markdown.extensions.toc import slugify as heading_slugify

from ..link import Archive, PersonInfo, TopicInfo
from ..markdown import front_matter
from ..write import Page
from .addresses import (country_path, feed_path, pair_path, pair_title, person_path, topic_path,
                        year_path)
from .base import PlanInputs, listing_pages, simple_page
from .chart import activity_chart
from .dates import MONTHS, office_dates
from .listing import archive_listing, leader_groups, listing, topic_tree
from .readout import readout_pages, redirect_pages

LATEST_ON_HOME = 10


def home_page(inputs: PlanInputs) -> Iterator[Page]:
    archive = inputs.archive
    dated = [e for e in archive.entries if e.facts.date]
    yield simple_page(
        "index.md", "home.md.j2", "Summit Archive",
        counts={
            "readouts": len(archive.entries),
            "leaders": len(archive.people),
            "countries": len(archive.by_country),
            "topics": len(archive.by_topic),
        },
        first=dated[0].facts.date if dated else None,
        last=dated[-1].facts.date if dated else None,
        latest=(list(reversed(dated)) + archive.undated)[:LATEST_ON_HOME],
    )


def search_page(inputs: PlanInputs) -> Iterator[Page]:
    """The search page: a form that the theme's search-page.html template brings to life."""
    yield Page("search.md", front_matter({"title": "Search", "template": "search-page.html",
                                          "hide": ["navigation", "toc"]}),
               "search.md.j2", {"title": "Search"})


def readouts_index(inputs: PlanInputs) -> Iterator[Page]:
    archive = inputs.archive
    groups = archive_listing(archive.entries)
    yield simple_page("readouts/index.md", "readouts_index.md.j2", "Readouts",
                      groups=groups, count=len(archive.entries))
    yield from listing_pages("Readouts", "readouts/index.md", groups)


def leaders_index(inputs: PlanInputs) -> Iterator[Page]:
    yield simple_page("leaders/index.md", "leaders_index.md.j2", "Leaders",
                      groups=leader_groups(inputs.archive))


def person_pages(inputs: PlanInputs) -> Iterator[Page]:
    for person in inputs.archive.people.values():
        yield from _person_page(person, inputs.archive)


def _person_page(person: PersonInfo, archive: Archive) -> Iterator[Page]:
    meetings = archive.by_person.get(person.id, [])
    path = person_path(person.id)
    groups = listing(meetings, path.removesuffix(".md"))
    yield from listing_pages(person.name, path, groups)
    yield simple_page(
        path, "person.md.j2", person.name, feed=feed_path("leader", person.id), person=person,
        offices=[(office.title, office_dates(office)) for office in person.offices],
        groups=groups, count=len(meetings),
        mentions=archive.mentions_of.get(person.id, []),
        counterparts=archive.counterparts(person.id),
        compatriots=archive.counterparts(person.id, compatriots=True),
        topics=archive.topics_in(meetings),
    )


def topics_index(inputs: PlanInputs) -> Iterator[Page]:
    yield simple_page("topics/index.md", "topics_index.md.j2", "Topics", rows=topic_tree(inputs.archive))


def topic_pages(inputs: PlanInputs) -> Iterator[Page]:
    for topic in inputs.archive.topics.values():
        yield from _topic_page(topic, inputs.archive)


def _topic_page(topic: TopicInfo, archive: Archive) -> Iterator[Page]:
    entries = archive.by_topic.get(topic.id, [])
    children = sorted(
        (t for t in archive.topics.values() if t.parent == topic.id), key=lambda t: (t.label, t.id)
    )
    path = topic_path(topic.id)
    groups = listing(entries, path.removesuffix(".md"))
    yield from listing_pages(topic.label, path, groups)
    yield simple_page(
        path, "topic.md.j2", topic.label, feed=feed_path("topic", topic.id), topic=topic,
        parent=archive.topics.get(topic.parent) if topic.parent else None, children=children,
        groups=groups, count=len(entries), leaders=archive.principals_in(entries),
    )


def countries_index(inputs: PlanInputs) -> Iterator[Page]:
    archive = inputs.archive
    yield simple_page("countries/index.md", "countries_index.md.j2", "Countries",
                      countries=[(c, len(entries)) for c, entries in archive.by_country.items()],
                      pairs=[(pair, len(entries)) for pair, entries in archive.by_pair.items()])


def country_pages(inputs: PlanInputs) -> Iterator[Page]:
    archive = inputs.archive
    for country, entries in archive.by_country.items():
        path = country_path(country)
        groups = listing(entries, path.removesuffix(".md"))
        yield from listing_pages(country, path, groups)
        yield simple_page(path, "country.md.j2", country, feed=feed_path("country", country),
                          country=country,
                          groups=groups, count=len(entries),
                          leaders=[
                              (person, len(archive.by_person.get(person.id, [])))
                              for person in archive.people_of(country)
                          ],
                          partners=archive.partners(country), topics=archive.topics_in(entries))


def pair_pages(inputs: PlanInputs) -> Iterator[Page]:
    archive = inputs.archive
    for pair, entries in archive.by_pair.items():
        path = pair_path(pair)
        groups = listing(entries, path.removesuffix(".md"))
        yield from listing_pages(pair_title(pair), path, groups)
        yield simple_page(path, "pair.md.j2", pair_title(pair), countries=pair,
                          groups=groups, count=len(entries),
                          leaders=archive.principals_in(entries), topics=archive.topics_in(entries))


def timeline_pages(inputs: PlanInputs) -> Iterator[Page]:
    archive = inputs.archive
    yield simple_page("timeline/index.md", "timeline.md.j2", "Timeline",
                      years=_timeline_years(archive), chart=activity_chart(archive),
                      undated=len(archive.undated))
    for year, entries in archive.by_year.items():
        months = [
            (MONTHS[month - 1], [e for e in entries if e.facts.date.month == month])
            for month in sorted({e.facts.date.month for e in entries})
        ]
        yield simple_page(year_path(year), "year.md.j2", str(year), year=year, months=months,
                          count=len(entries))


def _timeline_years(archive: Archive) -> list[tuple[int, int, list[tuple[str, str, int]]]]:
    """(year, readouts, [(month, its section on the year page, readouts)]), newest year first.

    The section address is the heading id MkDocs' toc extension gives the month's heading.
    """
    return [
        (year, len(entries), [
            (MONTHS[m - 1], f"{year_path(year)}#{heading_slugify(MONTHS[m - 1], '-')}",
             len(archive.by_month[(year, m)]))
            for (y, m) in archive.by_month if y == year
        ])
        for year, entries in reversed(archive.by_year.items())
    ]


def plan_pages(inputs: PlanInputs) -> Iterator[Page]:
    for kind in PAGE_KINDS:
        yield from kind(inputs)


PAGE_KINDS: tuple[Callable[[PlanInputs], Iterator[Page]], ...] = (
    home_page, search_page, readouts_index, readout_pages, redirect_pages,
    leaders_index, person_pages, topics_index, topic_pages, countries_index, country_pages,
    pair_pages, timeline_pages,
)
