"""Matchers compiled once from the registry and shared by every readout's extraction."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..datetext import month_names
from ..matcher import PhraseMatcher, phrase_alternation
from ..registry import Registry, normalize_quotes


@dataclass
class CountryRef:
    """What a country phrase points at: a country, or an international organisation."""

    name: str
    is_organization: bool = False


class Lexicon:
    """Every registered phrase, compiled for fast matching."""

    def __init__(self, registry: Registry):
        self.registry = registry
        people = registry.people.values()
        self.people = PhraseMatcher((n, p.id) for p in people for n in (p.name, *p.aliases))
        # "Rodrigo duterte": a full name whose later word lost its capital in a hurried copy
        self.people_any_case = PhraseMatcher(
            ((n, p.id) for p in people for n in (p.name, *p.aliases) if " " in n), ignore_case=True
        )
        self.by_surname: dict[str, list[str]] = defaultdict(list)
        for person in people:
            self.by_surname[person.surname].append(person.id)
        self.titles = registry.titles
        self.title_matcher = PhraseMatcher((phrase, office) for phrase, office in self.titles.items())
        self.titles_folded = {phrase.lower(): office for phrase, office in self.titles.items()}
        words = registry.names
        heads = [variant for head in words.office_heads for variant in (head, head.lower())]
        # Offices before names: the registered phrases (value: the office), offices read by
        # their shape around a head noun (value None: the office is the words as written), and
        # relations that name no office (value "": "his British counterpart Gavin Williamson").
        self.offices = PhraseMatcher(
            [(phrase, office) for phrase, office in self.titles.items()]
            + [(head, None) for head in heads if head not in self.titles]
            + [(relation, "") for relation in words.relations]
        )
        unnamed = phrase_alternation(
            phrase for phrase, office in self.titles.items() if office in registry.unnamed_offices
        )
        # "The Prime Minister spoke to …": an office named alone, with no name after it
        # (not "Assistant to the President for …": that office is someone else's)
        self.unnamed_office = re.compile(
            rf"(?:^|(?<!\bto )(?<!\bof )(?<!\bfor )(?<!\bby )\bthe\s+|\bThe\s+)"
            rf"(?P<title>{unnamed})(?!\s+(?:of\s+)?[A-Z])"
        )
        # "Principality of", "Grand Duchy of the": a form of state before a country's name
        self.state_form = re.compile(
            rf"(?:{phrase_alternation(words.state_forms)})[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?")
        address = phrase_alternation(words.honorifics)
        self.address = re.compile(
            rf"(?:[^\S\n]*,)?(?:[^\S\n]+(?:{address})(?=[^\S\n]))*[^\S\n]*"
        )
        label_titles = phrase_alternation(sorted({p.upper() for p in (*self.titles, *words.office_heads)}))
        self.label_office = re.compile(rf"(?:{label_titles})(?=\s|$)")
        country_phrases = []
        for country in registry.countries.values():
            country_phrases += [(n, CountryRef(country.name)) for n in (country.name, *country.aliases)]
            country_phrases += [(d, CountryRef(country.name)) for d in country.demonyms]
        for org in registry.organizations.values():
            country_phrases += [(n, CountryRef(org.name, True)) for n in (org.name, *org.aliases)]
        self.countries = PhraseMatcher(country_phrases)
        place_phrases = (
            [(n, place) for place in registry.places.values() for n in (place.name, *place.aliases)]
            + [(c.capital, c.capital) for c in registry.countries.values() if c.capital]
        )
        self.places = PhraseMatcher(place_phrases)
        self._capital_of = {c.capital: c.name for c in registry.countries.values() if c.capital}
        # Datelines print places in capitals: "WASHINGTON", "ST. PETERSBURG".
        self.place_by_name = {normalize_quotes(n).casefold(): place for n, place in place_phrases}
        passing = registry.passing
        self.passing_before = re.compile(rf"(?<!\w)(?:{_any_of(passing.before)})(?!\w)", re.I)
        self.passing_after = re.compile(
            rf"\s*(?:(?:{_any_of(passing.after)})(?!\w)|in\s+(?:{month_names()}|(?:19|20)\d\d)(?![\w-]))",
            re.I,
        )
        self.government_speaking = re.compile(rf"\s*(?:{_any_of(passing.voice)})(?!\w)", re.I)
        # "will", "is expected to": a clause about what is still to come (roles.yml `future_cues`).
        self.future_cue = re.compile(
            rf"\b(?:{_any_of(registry.roles.get('future_cues', ()))})\b", re.I)
        self.topics = PhraseMatcher(
            ((s, t.id) for t in registry.topics.values() for s in t.signals), ignore_case=True
        )
        self.formats = [
            (fmt, re.compile(r"\b(" + "|".join(map(re.escape, phrases)) + r")\b", re.I))
            for fmt, phrases in registry.formats
        ]
        title_alternation = phrase_alternation(self.titles)
        demonyms = phrase_alternation(d for c in registry.countries.values() for d in c.demonyms)
        names = phrase_alternation(n for c in registry.countries.values() for n in (c.name, *c.aliases))
        # "Russian President Vladimir Putin", "Foreign Minister Julie Bishop of Australia",
        # "State Councilor and Foreign Minister Wang Yi", "President of Russia Vladimir Putin".
        self.titled_name = re.compile(
            rf"(?:(?P<demonym>{demonyms})[^\S\n]+)?"
            rf"(?P<title>(?:{title_alternation})(?:[^\S\n]+(?:and|&)[^\S\n]+(?:{title_alternation}))?)"
            rf"(?:[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?(?P<of_before>{names}))?"
            r",?[^\S\n]+(?:(?:H\.E\.|His Excellency|Her Excellency|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Shri|Smt\.?|"
            r"Sheikh|Sir|Dame|Madam)[^\S\n]+)*"
            r"(?P<name>[A-Z][\w'’.\-]*(?:[^\S\n]+(?:[A-Z][\w'’.\-]*|(?:al|el|ad|as|ash|at)-[A-Z]?[\w'’\-]+|bin|ibn|bint|abu|de|da|dos|van|von|der|du|le|la))*)"
            rf"(?=(?:'s\b|[\s,.;:)]|$))(?:[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?(?P<of_after>{names}))?"
        )
        self.country_names = {n: c.name for c in registry.countries.values() for n in (c.name, *c.aliases)}
        self.demonyms = {d: c.name for c in registry.countries.values() for d in c.demonyms}
        alternation = phrase_alternation(self.country_names)
        # "China-Russia relations", "the Russia-China comprehensive strategic partnership"
        self.relations = re.compile(
            rf"\b({alternation})\s*[-–—]\s*({alternation})(?!\w)(?:\s+[\w-]+){{0,6}}?\s+"
            r"(?:relations?|relationship|ties|partnership|cooperation|friendship|dialogue)\b"
        )

    def country_of_place(self, place) -> str | None:
        """The country a place found in text is in: a registered place's, or a capital's."""
        return getattr(place, "country", None) or self._capital_of.get(place)


def _any_of(phrases) -> str:
    """An alternation of the phrases; one that matches nothing when there are none."""
    return phrase_alternation(phrases) or r"(?!x)x"
