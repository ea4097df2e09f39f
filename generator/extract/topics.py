"""Topics from the taxonomy's signal phrases, weighed by where and how often they occur.

Two strategies find mentions, sentence by sentence: `signal_phrases` (the taxonomy's signals) and
`relations_named` ("China-Russia relations", a "Russia-China ... partnership" gives the derived
topic `china-russia-relations` for any two registered countries). Every mention counts; the rule
that decides, as a reader weighs a readout:
- A phrase of two or more words, a proper name or an acronym ("climate change", "Syria",
  "THAAD") is strong evidence: 2 points. A single common word ("trade") is weak: 1 point.
- A mention in the title or the opening sentence counts double: they say what the readout is about.
- Words that name an office or body ("Trade Minister", "National Security Office") are no mention.
- A topic needs 2 points. In a long readout (a transcript, a long statement) it needs more than
  one passing mention: two sentences, or a mention in the title or opening sentence.
- A topic gives way to a narrower one of its own with at least as many points ("Nuclear issues"
  to "Non-proliferation", "Bilateral relations" to "China–Russia relations"): the narrower says
  more, and the broader topic's page lists it.
- At most MAX_TOPICS, most points first.
Each topic keeps as evidence its signals and the sentence holding its strongest mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator

from ..registry import Registry, slugify
from .evidence import Evidence, shorten, strategy_name
from .lexicon import Lexicon
from .text import ReadoutText

THRESHOLD = 2
LONG_READOUT = 40  # sentences: a transcript or long statement, four times a usual readout
MAX_TOPICS = 10
RELATIONS_SUFFIX = "-relations"  # "china-russia-relations": derived, not in the taxonomy
RELATIONS_PARENT = "bilateral-relations"


def relations_topic(first: str, second: str) -> str:
    a, b = sorted((first, second))
    return f"{slugify(a)}-{slugify(b)}{RELATIONS_SUFFIX}"


def parent_topic(topic_id: str, registry: Registry) -> str | None:
    """The broader topic: the taxonomy's parent, or bilateral relations for a derived pair."""
    known = registry.topic(topic_id)
    if known is not None:
        return known.parent
    return RELATIONS_PARENT if topic_id.endswith(RELATIONS_SUFFIX) else None


# ---------------------------------------------------------------- strategies: mentions in a sentence


def signal_phrases(sentence: str, lexicon: Lexicon) -> Iterator[tuple[str, str]]:
    """(topic, phrase) for each taxonomy signal in the sentence that is not part of an office or
    of a longer name ("Africa" in "South Africa")."""
    names = [(m.start, m.end) for m in lexicon.countries.find(sentence)]
    for match in lexicon.topics.find(sentence):
        inside_name = any(start <= match.start and match.end <= end
                          and (start, end) != (match.start, match.end)
                          for start, end in names)
        if not inside_name and not _names_an_office(sentence, match.start, match.end):
            yield match.value, match.text


def relations_named(sentence: str, lexicon: Lexicon) -> Iterator[tuple[str, str]]:
    """(topic, phrase) for "China-Russia relations" and the like, two registered countries."""
    names = lexicon.country_names
    for match in lexicon.relations.finditer(sentence):
        first, second = names[match.group(1)], names[match.group(2)]
        if first != second:
            yield relations_topic(first, second), match.group(0)


STRATEGIES = (signal_phrases, relations_named)


@lru_cache(maxsize=1024)
def mentions_in(sentence: str, lexicon: Lexicon) -> tuple[tuple[Callable, str, str], ...]:
    """(strategy, topic, phrase) for every mention the strategies find in the sentence. A
    readout's sentences are read for topics, then again for what each statement is on: the
    second reading finds them here."""
    return tuple((strategy, topic, phrase) for strategy in STRATEGIES
                 for topic, phrase in strategy(sentence, lexicon))


# ---------------------------------------------------------------- weighing


@dataclass
class _Weight:
    """The evidence for one topic: its points, and the sentences and phrases that gave them."""

    strategy: str
    points: int = 0
    sentences: set[int] = field(default_factory=set)
    phrases: list[str] = field(default_factory=list)
    lead: bool = False
    strongest: tuple[int, int] = (0, 0)  # (points of the strongest mention, -its sentence index)
    quote: str = ""

    def add(self, points: int, index: int, sentence: str, phrase: str, lead: bool) -> None:
        self.points += points
        self.sentences.add(index)
        self.lead = self.lead or lead
        if phrase.lower() not in (p.lower() for p in self.phrases):
            self.phrases.append(phrase)
        if (points, -index) > self.strongest:
            self.strongest, self.quote = (points, -index), sentence

    def evidence(self, topic: str) -> Evidence:
        found = ", ".join(f"“{p}”" for p in self.phrases)
        return Evidence("topic", topic, f"{self.strategy}: {found}", shorten(self.quote))


def topics(text: ReadoutText, lexicon: Lexicon) -> tuple[list[str], list[Evidence]]:
    """The readout's topic ids, most evidence first, and the evidence for each."""
    units = _units(text)
    weights: dict[str, _Weight] = {}
    for index, (sentence, lead) in enumerate(units):
        for strategy, topic, phrase in mentions_in(sentence, lexicon):
            points = (2 if _specific(phrase) else 1) * (2 if lead else 1)
            weight = weights.setdefault(topic, _Weight(strategy_name(strategy)))
            weight.add(points, index, sentence, phrase, lead)
    long_readout = len(units) > LONG_READOUT
    kept = {
        topic for topic, weight in weights.items()
        if weight.points >= THRESHOLD
        and (not long_readout or weight.lead or len(weight.sentences) > 1)
    }
    kept -= _outweighed(kept, weights, lexicon.registry)
    ranked = sorted(kept, key=lambda t: (-weights[t].points, t))[:MAX_TOPICS]
    return ranked, [weights[topic].evidence(topic) for topic in ranked]


def _units(text: ReadoutText) -> list[tuple[str, bool]]:
    """The title and every sentence, the title and the opening sentence marked as the lead."""
    units = [(text.title, True)] if text.title else []
    return units + [(s, index == 0) for index, s in enumerate(text.sentences)]


def _specific(phrase: str) -> bool:
    return " " in phrase.strip() or "-" in phrase or any(c.isupper() for c in phrase)


# "Trade Minister", "the National Security Office", "Minister for Climate Change and Energy",
# "Assistant to the President for Homeland Security": the words name an office, not a topic.
_OFFICE = r"(?:Minister|Ministry|Secretary|Department|Office|Agency|Commissioner|Adviser|Advisor|Envoy)"
_OFFICE_AFTER = re.compile(rf"(?:\s+[A-Z][\w'’-]*)*\s+(?:Deputy\s+|Vice\s+)?{_OFFICE}\b")
_OFFICE_BEFORE = re.compile(
    rf"\b(?:{_OFFICE}|Assistant to the President|Representative)\s+(?:of|for|on)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*,?\s+(?:and\s+|&\s+)?)*$"
)


def _names_an_office(sentence: str, start: int, end: int) -> bool:
    if not sentence[start:start + 1].isupper():
        return False
    before = sentence[max(0, start - 120):start]
    return bool(_OFFICE_AFTER.match(sentence, end) or _OFFICE_BEFORE.search(before))


def _outweighed(kept: set[str], weights: dict[str, _Weight], registry: Registry) -> set[str]:
    """Kept topics with a kept narrower topic of their own that has at least as many points."""
    strongest_below: dict[str, int] = {}
    for topic_id in kept:
        parent = parent_topic(topic_id, registry)
        while parent:
            strongest_below[parent] = max(strongest_below.get(parent, 0), weights[topic_id].points)
            parent = parent_topic(parent, registry)
    return {t for t in kept if t in strongest_below and weights[t].points <= strongest_below[t]}
