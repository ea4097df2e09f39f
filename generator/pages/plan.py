"""The page plan: which pages exist and what each holds.

Each kind of page is a function from the plan's inputs to the pages of that kind, and PAGE_KINDS
lists them all: a new kind of page is a template in templates/ and an entry here. Templates only
lay pages out; the plan decides what each page lists.
"""

from __future__ import annotations

from functools import partial
from typing import Callable, Iterator

from markdown.extensions.toc import slugify as heading_slugify

from ..link import Archive, PersonInfo, TopicInfo
from ..model import Entry
from ..markdown import front_matter
from ..write import Page
from .addresses import (country_path, feed_path, merged_relations, pair_path, pair_title,
                        person_path, topic_path, year_path)
from .base import WHOLE, PlanInputs, Share, listing_pages, share_of, simple_page
from .chart import Chart, activity_chart, month_anchor, url_between
from .dates import MONTHS
from .events import event_pages, events_index
from .listing import Group, archive_listing, event_day, leader_groups, listing, topic_tree
from .network import NETWORK, acquaintances, leader_circle, meeting_ties, network_pages
from .readout import readout_pages, redirect_pages
from .statements import (NEWEST_STATEMENTS, STATEMENTS_ON_LEADER_PAGE, person_statements_path,
                         split_by_period, topic_statements_path)
from .subjects import subject_name, subject_pages
from .summits import edition_pages, series_pages, summits_index

LATEST_ON_HOME = 10
ACTIVE_ON_HOME = 8  # leaders of the latest year, by readouts they led


def home_page(inputs: PlanInputs) -> Iterator[Page]:
    """The archive at a glance: its size, its chart, the latest readouts and the leaders most
    active in its latest year."""
    archive = inputs.archive
    dated = [e for e in archive.entries if e.facts.date]
    year = dated[-1].facts.date.year if dated else None
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
        chart=archive_chart(archive, "index.md"), year=year,
        active=archive.principals_in(archive.by_year[year])[:ACTIVE_ON_HOME] if year else [],
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
                      groups=leader_groups(inputs.archive), network=NETWORK)


def person_pages(inputs: PlanInputs) -> Iterator[Page]:
    quotes = inputs.quotes_by_person
    known = acquaintances(meeting_ties(inputs.archive.events.values())[0])
    for person in inputs.archive.people.values():
        yield from subject_pages(inputs, subject_name("leader", person.id), partial(
            _person_page, person, inputs.archive, quotes.get(person.id, []), known))


def _person_page(person: PersonInfo, archive: Archive, quotes: list, known: dict) -> Iterator[Page]:
    """A leader's page: offices held, when they appear, meetings by year, visits, counterparts in
    two-sided meetings apart from the summits they attended, every readout they are in, and what
    they said, and their circle: whom they met most, and who among those met each other."""
    readouts = archive.by_person.get(person.id, [])
    dated = [e for e in readouts if e.facts.date]
    path = person_path(person.id)
    groups = listing(readouts, path.removesuffix(".md"))
    made, hosted = archive.visits(person.id)
    yield from listing_pages(person.name, path, groups)
    yield simple_page(
        path, "person.md.j2", person.name, feed=feed_path("leader", person.id), person=person,
        offices=sorted(person.offices, key=lambda o: (o.start is None, o.start, o.title)),
        groups=groups, count=len(readouts), meetings=len(archive.events_of.get(person.id, [])),
        chart=listing_chart(readouts, path, groups),
        first=dated[0] if dated else None, last=dated[-1] if dated else None,
        per_year=archive.meetings_per_year(person.id),
        visits_made=made, visits_hosted=hosted,
        mentions=archive.mentions_of.get(person.id, []),
        counterparts=archive.counterparts(person.id),
        circle=leader_circle(person.id, known, archive, path), network=NETWORK,
        met_at=archive.met_at(person.id),
        compatriots=archive.compatriots(person.id),
        topics=archive.topics_in(readouts),
        statements=quotes[:STATEMENTS_ON_LEADER_PAGE], statement_count=len(quotes),
        statements_page=person_statements_path(person.id)
        if len(quotes) > STATEMENTS_ON_LEADER_PAGE else None,
    )


def topics_index(inputs: PlanInputs) -> Iterator[Page]:
    yield simple_page("topics/index.md", "topics_index.md.j2", "Topics", rows=topic_tree(inputs.archive))


def topic_pages(inputs: PlanInputs) -> Iterator[Page]:
    """A page per topic, but for relations topics whose pair of countries has a page: there."""
    quotes = inputs.quotes_by_topic
    merged = merged_relations(inputs.archive)
    for topic in inputs.archive.topics.values():
        if topic.id not in merged:
            yield from subject_pages(inputs, subject_name("topic", topic.id), partial(
                _topic_page, topic, inputs.archive, len(quotes.get(topic.id, []))))


def _topic_page(topic: TopicInfo, archive: Archive, statement_count: int) -> Iterator[Page]:
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
        chart=listing_chart(entries, path, groups), statement_count=statement_count,
        statements_page=topic_statements_path(topic.id) if statement_count else None,
    )


def statement_pages(inputs: PlanInputs, share: Share = WHOLE) -> Iterator[Page]:
    """What was said on each topic, and all that a leader said when their page shows only the
    newest (of a `share` of those topics and leaders, shared out by their statements)."""
    archive = inputs.archive
    said = [("topic", topic_id, quotes) for topic_id, quotes in inputs.quotes_by_topic.items()]
    said += [("leader", person_id, quotes) for person_id, quotes in inputs.quotes_by_person.items()
             if len(quotes) > STATEMENTS_ON_LEADER_PAGE]
    for about, subject, quotes in share_of(said, share, lambda item: len(item[2])):
        if about == "topic":
            yield from _statements_pages(topic_statements_path(subject),
                                         f"Statements on {archive.topics[subject].label}",
                                         quotes, None, (about, subject))
        else:
            yield from _statements_pages(person_statements_path(subject),
                                         f"Statements by {archive.people[subject].name}",
                                         quotes, subject, (about, subject))


def _statements_pages(path: str, title: str, quotes: list, speaker: str | None,
                      about: tuple[str, str]) -> Iterator[Page]:
    """A statements page; when long, it shows the newest and the pages of each period."""
    periods = split_by_period(quotes, path.removesuffix(".md"))
    for period in periods:
        yield simple_page(period.page, "statements_period.md.j2", f"{title}: {period.heading}",
                          heading=period.heading, quotes=period.quotes, speaker=speaker,
                          parent=path, parent_title=title)
    yield simple_page(path, "statements.md.j2", title,
                      quotes=quotes[:NEWEST_STATEMENTS] if periods else quotes, count=len(quotes),
                      periods=[(p.heading, p.page, len(p.quotes)) for p in periods],
                      speaker=speaker, about=about)


def countries_index(inputs: PlanInputs) -> Iterator[Page]:
    archive = inputs.archive
    yield simple_page("countries/index.md", "countries_index.md.j2", "Countries",
                      countries=[(c, len(entries)) for c, entries in archive.by_country.items()],
                      pairs=[(pair, len(events)) for pair, events in archive.by_pair.items()])


def country_pages(inputs: PlanInputs) -> Iterator[Page]:
    for country, entries in inputs.archive.by_country.items():
        yield from subject_pages(inputs, subject_name("country", country),
                                 partial(_country_page, country, entries, inputs.archive))


def _country_page(country: str, entries: list[Entry], archive: Archive) -> Iterator[Page]:
    path = country_path(country)
    groups = listing(entries, path.removesuffix(".md"))
    yield from listing_pages(country, path, groups)
    yield simple_page(path, "country.md.j2", country, feed=feed_path("country", country),
                      country=country,
                      groups=groups, count=len(entries),
                      chart=listing_chart(entries, path, groups),
                      leaders=[
                          (person, len(archive.by_person.get(person.id, [])))
                          for person in archive.people_of(country)
                      ],
                      partners=archive.partners(country), topics=archive.topics_in(entries))


def pair_pages(inputs: PlanInputs) -> Iterator[Page]:
    """A page per pair of countries that met as two sides: their meetings level by level, so that
    leaders' meetings are not lost among their ministers' calls, and as the page of their relations
    topic, the other readouts that speak of those relations and the topic's feed."""
    archive = inputs.archive
    relations = {pair: topic for topic, pair in merged_relations(archive).items()}
    quotes = inputs.quotes_by_topic
    for pair, events in archive.by_pair.items():
        path = pair_path(pair)
        topic = relations.get(pair)
        entries = [entry for event in events for entry in event.entries]
        met = {e.slug for e in entries}
        also = [e for e in archive.by_topic.get(topic, []) if e.slug not in met] if topic else []
        levels = []
        for level, label in archive.level_labels.items() or [(None, "Meetings")]:
            at_level = archive.by_pair_level.get((pair, level), [])
            if at_level:
                anchor = f"{level or 'meetings'}-"
                groups = listing(at_level, f"{path.removesuffix('.md')}/{level or 'meetings'}",
                                 day=event_day)
                yield from listing_pages(f"{pair_title(pair)}: {label}", path, groups,
                                         rows="meeting", anchor=anchor)
                levels.append((label, groups, len(at_level), anchor))
        yield simple_page(path, "pair.md.j2", pair_title(pair), countries=pair,
                          feed=feed_path("topic", topic) if topic else None,
                          feed_title=archive.topics[topic].label if topic else None,
                          levels=levels, count=len(events), relations=topic, also=also,
                          statement_count=len(quotes.get(topic, [])),
                          statements_page=topic_statements_path(topic) if quotes.get(topic) else None,
                          chart=_levels_chart(entries, path, levels),
                          leaders=archive.principals_of(events),
                          topics=[(t, n) for t, n in archive.topics_in(entries) if t.id != topic])


def _levels_chart(entries: list[Entry], path: str, levels: list) -> Chart | None:
    """A pair page's chart: each month links to its first meeting in the highest level that met
    that month, on this page or on the level's page for the year."""
    first: dict[tuple[int, int], str] = {}
    for _, groups, _, anchor in levels:
        for group in groups:
            for event in group.entries:
                if event.date:
                    month = (event.date.year, event.date.month)
                    first.setdefault(month, url_between(path, group.page or path,
                                                        anchor + month_anchor(*month)))
    return activity_chart(entries, lambda year, month: first.get((year, month)))


def timeline_pages(inputs: PlanInputs) -> Iterator[Page]:
    archive = inputs.archive
    yield simple_page("timeline/index.md", "timeline.md.j2", "Timeline",
                      years=_timeline_years(archive), chart=archive_chart(archive, TIMELINE),
                      undated=len(archive.undated))
    years = list(archive.by_year)
    for position, (year, entries) in enumerate(archive.by_year.items()):
        months = [
            (MONTHS[month - 1], [e for e in entries if e.facts.date.month == month])
            for month in sorted({e.facts.date.month for e in entries})
        ]
        yield simple_page(year_path(year), "year.md.j2", str(year), year=year, months=months,
                          count=len(entries),
                          previous=years[position - 1] if position > 0 else None,
                          following=years[position + 1] if position + 1 < len(years) else None)


TIMELINE = "timeline/index.md"


def archive_chart(archive: Archive, page: str) -> Chart | None:
    """The whole archive's chart: each month links to its section of the year's page, and each
    year with readouts to its page (a year without any has none)."""
    return activity_chart(
        archive.entries,
        lambda year, month: url_between(page, year_path(year),
                                        heading_slugify(MONTHS[month - 1], "-")),
        lambda year: url_between(page, year_path(year)) if year in archive.by_year else None,
    )


def listing_chart(entries: list[Entry], path: str, groups: list[Group]) -> Chart | None:
    """A page's chart of the readouts it lists: each month links to the month's first readout
    in the listing, on this page or on the year's page of a long listing."""
    year_pages = {group.heading: group.page for group in groups if group.page}
    return activity_chart(
        entries,
        lambda year, month: url_between(path, year_pages.get(str(year), path),
                                        month_anchor(year, month)),
    )


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


def plan_parts(inputs: PlanInputs, kinds: tuple[PageKind, ...]) -> list[Callable[[], Iterator[Page]]]:
    """The plan in parts that are planned and written each on its own, by whichever process
    of a build takes it: every kind of page (PAGE_KINDS and any others) whole, but the readout
    and statement pages in shares of about the same work as one another. The whole kinds come
    first and the many shares after, so processes taking parts in turn finish near together."""
    archive = inputs.archive
    shares = {  # how many shares of each kind: the larger shares first
        statement_pages: 1 + (len(archive.topics) + len(archive.people)) // SUBJECTS_PER_SHARE,
        readout_pages: 1 + len(archive.entries) // READOUTS_PER_SHARE,
    }
    whole = [partial(kind, inputs) for kind in kinds if kind not in shares]
    return whole + [partial(kind, inputs, (number, count))
                    for kind, count in shares.items() for number in range(count)]


READOUTS_PER_SHARE = 500
SUBJECTS_PER_SHARE = 40  # topics and leaders, of whom some have statements pages


PageKind = Callable[[PlanInputs], Iterator[Page]]
PAGE_KINDS: tuple[PageKind, ...] = (
    home_page, search_page, readouts_index, readout_pages, redirect_pages,
    events_index, event_pages, summits_index, series_pages, edition_pages,
    leaders_index, person_pages, network_pages, topics_index, topic_pages, countries_index,
    country_pages, pair_pages, timeline_pages, statement_pages,
)
