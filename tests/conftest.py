"""Shared builders for tests of the link and render stages: entries and a registry made inline."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model import ATTENDEE, PRINCIPAL, Entry, Facts, Mention, Participant, Provenance, Readout
from generator.registry import (RANKS, Country, Level, Office, Person, Registry, SummitEdition,
                                SummitSeries, Topic)


def _participant(spec, role: str) -> Participant:
    """A Participant, or (id, name, country[, title]) for one."""
    if isinstance(spec, Participant):
        return spec
    person_id, name, country, *title = spec
    return Participant(person_id, name, role, country, title[0] if title else None)


def build_entry(
    slug: str,
    date: dt.date | None = None,
    *,
    title: str | None = None,
    principals=(),
    attendees=(),
    mentioned=(),
    countries: list[str] | None = None,
    mentioned_countries=(),
    topics=(),
    paragraphs=(),
    location: str | None = None,
    format: str = "talks",
    format_detail: str | None = None,
    published: dt.datetime | dt.date | None = None,
    end_date: dt.date | None = None,
    organizations=(),
    source_file: str | None = None,
    url: str | None = None,
    section: str | None = None,
    kind: str = "bilateral",
    publisher: str | None = None,
    event: str | None = None,
) -> Entry:
    """An Entry from the few facts a test cares about; countries default to the participants'."""
    participants = [_participant(p, PRINCIPAL) for p in principals] + [
        _participant(p, ATTENDEE) for p in attendees
    ]
    if countries is None:
        countries = list(dict.fromkeys(p.country for p in participants if p.country))
    provenance = Provenance(source_file or f"seeds/{slug}.txt", f"{len(slug):064x}", url, section)
    title = title if title is not None else f"Readout {slug}"
    readout = Readout(provenance, title, published, (), tuple(paragraphs))
    facts = Facts(
        title=title,
        date=date,
        published=published,
        format=format,
        format_detail=format_detail,
        location=location,
        participants=participants,
        mentioned=[m if isinstance(m, Mention) else Mention(*m) for m in mentioned],
        countries=list(countries),
        mentioned_countries=list(mentioned_countries),
        topics=list(topics),
        source=provenance,
        end_date=end_date,
        organizations=list(organizations),
        kind=kind,
        publisher=publisher,
    )
    return Entry(readout, facts, slug, event=event)


@pytest.fixture
def make_entry():
    """The entry builder, for tests that prefer fixtures to imports."""
    return build_entry


XI = ("xi-jinping", "Xi Jinping", "China", "President")
PUTIN = ("vladimir-putin", "Vladimir Putin", "Russia", "President")
MACRON = ("emmanuel-macron", "Emmanuel Macron", "France", "President")
WANG = ("wang-yi", "Wang Yi", "China", "Foreign Minister")
LAVROV = ("sergey-lavrov", "Sergey Lavrov", "Russia", "Foreign Minister")


def small_registry() -> Registry:
    """A hand-made registry: three countries' leaders, a two-level topic tree, the levels at which
    they meet, and one summit series."""
    registry = Registry()
    for name, capital in (("China", "Beijing"), ("Russia", "Moscow"), ("France", "Paris"),
                          ("Ukraine", "Kyiv")):
        registry.countries[name] = Country(name, (), (), capital)
    registry.ranks = {"President": (RANKS.index("leader"), 0),
                      "Foreign Minister": (RANKS.index("minister"), 1)}
    registry.levels = (Level("leaders", "Leaders", (RANKS.index("leader"),), ()),
                       Level("foreign-ministers", "Foreign ministers", (), ("Foreign Minister",)),
                       Level("officials", "Other officials", (), ()))
    g20 = SummitEdition("g20-2016", "g20", "G20 Summit", dt.date(2016, 9, 4), dt.date(2016, 9, 5),
                        "Hangzhou", "China")
    registry.summits["g20"] = SummitSeries("g20", "G20 Summit", ("G20",), (g20,))
    registry.editions[g20.id] = g20
    registry.summit_cues, registry.summit_margin = ("on the sidelines of",), 2
    for person_id, name, country, title in (XI, PUTIN, MACRON, WANG, LAVROV):
        registry.people[person_id] = Person(
            person_id, name, name.split()[-1] if country != "China" else name.split()[0],
            country, None, (), (Office(title, dt.date(2013, 3, 14), None),),
        )
    for topic_id, label, parent in (
        ("regional-issues", "Regional issues", None),
        ("ukraine-crisis", "Ukraine crisis", "regional-issues"),
        ("energy", "Energy", None),
        ("bilateral-relations", "Bilateral relations", None),
    ):
        registry.topics[topic_id] = Topic(topic_id, label, parent, ())
    return registry


@pytest.fixture
def registry() -> Registry:
    return small_registry()


# Session fixtures shared by several modules are registered here once, so each is built once.
from archive_fixture import built_archive, site_server  # noqa: E402,F401
from browser import axe_source, browser, page  # noqa: E402,F401


def pytest_terminal_summary(terminalreporter):
    """Say plainly when the browser tests did not run, and how to make them run."""
    from browser import HOW_TO_ENABLE, skipped_browser_reasons

    if skipped_browser_reasons:
        terminalreporter.write_line(
            f"BROWSER TESTS DID NOT RUN ({skipped_browser_reasons[0]}): to run them, "
            f"{HOW_TO_ENABLE}.", yellow=True, bold=True)
