"""Readout → Facts: each fact read by its ordered strategies, then a curator's sidecar applied."""

from __future__ import annotations

import datetime as dt

from ..datetext import as_date
from ..model import ATTENDEE, PRINCIPAL, Facts, Mention, Participant, Readout
from ..registry import Publisher, Registry, slugify
from . import strategies
from .countries import group_counterpart, mentioned_places, sides_without_names
from .dates import EventDate
from .evidence import Evidence, first_finding, shorten
from .kind import kind_by_sides
from .lexicon import Lexicon
from .people import PeopleExtractor
from .places import REMOTE_FORMATS
from .statements import SpeechWords, statements
from .text import ReadoutText
from .topics import topics


class Extractor:
    """Holds the compiled registry; `extract` is then a pure function of one readout."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.lexicon = Lexicon(registry)
        self.people = PeopleExtractor(self.lexicon)
        self.speech = SpeechWords(self.lexicon)

    def _country_of(self, location: str | None) -> str | None:
        """The country of a registered place the event took place at, else None."""
        found = self.lexicon.places.find(location) if location else []
        return self.lexicon.country_of_place(found[0].value) if found else None

    def extract(self, readout: Readout, overrides: dict | None = None, today: dt.date | None = None):
        """Facts of one readout, plus the unregistered names found (for the curator's report)."""
        overrides = dict(overrides or {})
        text = ReadoutText(readout)
        warnings: list[str] = []
        evidence: list[Evidence] = []

        def decide(fact: str, chain, *args):
            value, why = first_finding(fact, chain, *args)
            if why is not None:
                evidence.append(why)
            return value

        publisher = self._sidecar_publisher(overrides) or decide(
            "publisher", strategies.PUBLISHER, readout, self.registry)
        published = overrides.get("published", readout.published)
        published_day = as_date(published)
        when = decide("date", strategies.DATE, text, published_day, self.lexicon) or EventDate(
            None, None, "none")
        if "date" in overrides:
            when.date, when.basis = overrides["date"], "override"
            evidence = [e for e in evidence if e.fact != "date"]
            evidence.append(Evidence("date", str(when.date), "curator's sidecar", ""))
        ctx = self.people.context(text, when.date)
        shape = decide("kind", strategies.KIND, ctx)
        announced = shape == "announcement"
        if announced and "date" not in overrides:
            evidence = [e for e in evidence if e.fact != "date"]
            when = decide("date", strategies.ANNOUNCEMENT_DATE, text, published_day,
                          self.lexicon) or EventDate(None, None, "none")
            ctx.day = when.date
        if announced:
            fmt, detail = "other", None
        else:
            fmt, detail = decide("format", strategies.FORMAT, ctx, self.lexicon) or ("other", None)
        if when.basis == "published" and not announced:
            warnings.append("no event date in the text; using the publication date")
        elif when.basis == "none":
            warnings.append("no date in the text and no publication date: the readout is undated")
        if when.date and when.date > (today or dt.date.today()):
            warnings.append(f"event date {when.date} is in the future")
        where = strategies.REMOTE_LOCATION if fmt in REMOTE_FORMATS else strategies.LOCATION
        location = decide("location", where, text, self.lexicon)
        publisher_country = publisher.side if publisher else None
        people = self.people.extract(ctx, publisher_country, announced,
                                     None if fmt in REMOTE_FORMATS else self._country_of(location))
        warnings += people.warnings
        evidence += people.evidence
        mentioned_countries, organizations = mentioned_places(text, self.lexicon)
        participants = people.participants
        speaking_sides = {p.country for p in participants if p.role == PRINCIPAL and p.country}
        if shape == "press conference" and fmt == "other" and len(speaking_sides) > 1:
            fmt = "joint press conference"  # leaders of two sides or more answer the press
            evidence.append(Evidence("format", fmt, "principals of several sides at a press "
                                     "conference", ", ".join(sorted(speaking_sides))))
        topic_ids, topic_evidence = topics(text, self.lexicon)
        evidence += topic_evidence
        countries = sorted({p.country for p in participants if p.country}
                           | set([] if announced else sides_without_names(ctx, self.lexicon)))
        if announced:
            countries = _announcer_countries(ctx, publisher_country)
        kind = shape
        if kind is None:
            principals = {p.id for p in participants if p.role == PRINCIPAL}
            sides = sorted({p.country or p.id for p in participants if p.role == PRINCIPAL}
                           | set(countries))
            found = kind_by_sides(sides, group_counterpart(ctx, self.lexicon, principals))
            kind = found.value
            evidence.append(Evidence("kind", kind, "sides that took part", shorten(found.quote)))
        title = readout.title
        if not title:
            title = _fallback_title(text)
            warnings.append("no title line; title made from the opening sentence")
        facts = Facts(
            title=title,
            date=when.date,
            published=published,
            format=fmt,
            format_detail=detail,
            location=location,
            participants=participants,
            mentioned=people.mentioned,
            countries=countries,
            mentioned_countries=[c for c in mentioned_countries if c not in countries],
            topics=topic_ids,
            source=readout.provenance,
            end_date=overrides.get("end_date", when.end_date),
            organizations=organizations,
            date_basis=when.basis,
            warnings=warnings,
            publisher=publisher.name if publisher else None,
            publisher_country=publisher_country,
            evidence=evidence,
            kind=kind,
        )
        _apply_overrides(facts, overrides)
        facts.statements = statements(ctx, facts.participants, self.speech, self.lexicon, facts.topics,
                                      publisher_country)
        return facts, people.unregistered

    def _sidecar_publisher(self, overrides: dict) -> Publisher | None:
        """A curator's `publisher`: a registered publisher's name or a country's name."""
        name = overrides.get("publisher")
        if not name:
            return None
        return self.registry.publisher(name) or Publisher(name, None, (), ())


def _announcer_countries(ctx, publisher_country: str | None) -> list[str]:
    """An announcement is its announcer's act: the publishing government's side, or when the
    publisher is unknown, the side of whoever the announced meeting is for (the subject of the
    opening's "will")."""
    if publisher_country:
        return [publisher_country]
    for sentence in ctx.sentences[:2]:
        future = ctx.words.future.search(sentence.text)
        if future is None:
            continue
        for key in reversed(ctx.people_in(sentence.start, sentence.start + future.start())):
            country = ctx.mentions.found[key].country
            if country:
                return [country]
    return []


def _fallback_title(text: ReadoutText) -> str:
    words = text.lead.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "") if words else "Untitled readout"


def _apply_overrides(facts: Facts, overrides: dict) -> None:
    """A curator's sidecar wins over extraction, field by field."""
    simple = ("title", "format", "format_detail", "location", "countries", "mentioned_countries")
    for key in simple:
        if key in overrides:
            setattr(facts, key, overrides[key])
            facts.evidence = [e for e in facts.evidence if e.fact != key]
            facts.evidence.append(Evidence(key, str(overrides[key]), "curator's sidecar", ""))
    if "topics" in overrides:
        facts.topics = list(overrides["topics"])
        facts.evidence = [e for e in facts.evidence if e.fact != "topic"]
        facts.evidence += [Evidence("topic", t, "curator's sidecar", "") for t in facts.topics]
    if "participants" in overrides:
        facts.evidence = [e for e in facts.evidence if e.fact not in ("principal", "attendee")]
        facts.participants = [
            Participant(
                p.get("id") or slugify(p["name"]), p["name"], p.get("role", ATTENDEE),
                p.get("country"), p.get("title"),
            )
            for p in overrides["participants"]
        ]
        if "countries" not in overrides:
            facts.countries = sorted({p.country for p in facts.participants if p.country})
    if "mentioned" in overrides:
        facts.mentioned = [Mention(p.get("id") or slugify(p["name"]), p["name"]) for p in overrides["mentioned"]]
