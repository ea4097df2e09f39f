"""Readout → Facts: one extractor per fact, combined here, then a curator's sidecar applied."""

from __future__ import annotations

import datetime as dt
import re

from ..datetext import as_date
from ..model import ATTENDEE, Facts, Mention, Participant, Readout
from ..registry import Registry, slugify
from .countries import mentioned_places
from .dates import event_date
from .formats import event_format
from .lexicon import Lexicon
from .people import PeopleExtractor
from .places import event_location
from .text import ReadoutText
from .topics import topics

# Title shapes that tell the publishing government when the text carries no masthead.
_TITLE_SHAPES = {
    re.compile(r"^PM (?:call|meeting|talks|bilateral|statement)\b"): "United Kingdom",
    re.compile(r"^Readout of (?:the )?(?:Vice )?President\b"): "United States",
}


class Extractor:
    """Holds the compiled registry; `extract` is then a pure function of one readout."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.lexicon = Lexicon(registry)
        self.people = PeopleExtractor(self.lexicon)

    def extract(self, readout: Readout, overrides: dict | None = None, today: dt.date | None = None):
        """Facts of one readout, plus the unregistered names found (for the curator's report)."""
        overrides = dict(overrides or {})
        text = ReadoutText(readout)
        warnings: list[str] = []
        published = overrides.get("published", readout.published)
        published_day = as_date(published)
        when = event_date(text, published_day)
        if "date" in overrides:
            when.date, when.basis = overrides["date"], "override"
        if when.basis == "published":
            warnings.append("no event date in the text; using the publication date")
        elif when.basis == "none":
            warnings.append("no date in the text and no publication date: the readout is undated")
        if when.date and when.date > (today or dt.date.today()):
            warnings.append(f"event date {when.date} is in the future")
        fmt, detail = event_format(text, self.lexicon)
        publisher = overrides.get("publisher") or self._publisher(readout)
        people = self.people.extract(text, when.date, publisher)
        warnings += people.warnings
        mentioned_countries, organizations = mentioned_places(text, self.lexicon)
        participants = people.participants
        countries = sorted({p.country for p in participants if p.country})
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
            location=event_location(text, fmt, self.lexicon),
            participants=participants,
            mentioned=people.mentioned,
            countries=countries,
            mentioned_countries=[c for c in mentioned_countries if c not in countries],
            topics=topics(text, self.lexicon),
            source=readout.provenance,
            end_date=overrides.get("end_date", when.end_date),
            organizations=organizations,
            date_basis=when.basis,
            warnings=warnings,
        )
        _apply_overrides(facts, overrides)
        return facts, people.unregistered

    def _publisher(self, readout: Readout) -> str | None:
        for line in (*readout.masthead, *readout.breadcrumb):
            country = self.registry.publisher_country(line, None)
            if country:
                return country
        country = self.registry.publisher_country(None, readout.provenance.url)
        if country:
            return country
        for shape, country in _TITLE_SHAPES.items():
            if shape.search(readout.title or ""):
                return country
        return None


def _fallback_title(text: ReadoutText) -> str:
    words = text.lead.split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "") if words else "Untitled readout"


def _apply_overrides(facts: Facts, overrides: dict) -> None:
    """A curator's sidecar wins over extraction, field by field."""
    simple = ("title", "format", "format_detail", "location", "countries", "mentioned_countries",
              "topics")
    for key in simple:
        if key in overrides:
            setattr(facts, key, overrides[key])
    if "participants" in overrides:
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
