"""A readout's text with each person present or named linked to their page where first named."""

from __future__ import annotations

import re

from ..markdown import linked_line, one_line
from ..model import Entry, Facts
from ..registry import Registry
from .addresses import Lookups, person_path


def link_first_mentions(entry: Entry, lookups: Lookups, registry: Registry, root: str) -> list[str]:
    """The readout's paragraphs as Markdown, each present or named person linked where first named.

    A person is found by full name; only when the full name never occurs, by surname.
    """
    paragraphs = [one_line(p) for p in entry.readout.paragraphs]
    spans: list[list[tuple[int, int, str]]] = [[] for _ in paragraphs]
    for person_id, full_names, surname in _names_to_find(entry.facts, lookups, registry):
        hit = _first_occurrence(paragraphs, full_names) or _first_occurrence(paragraphs, [surname])
        if hit:
            paragraph, start, end = hit
            spans[paragraph].append((start, end, person_id))
    return [
        linked_line(text, [(start, end, f"{root}{person_path(person_id)}")
                           for start, end, person_id in sorted(spans[index])])
        for index, text in enumerate(paragraphs)
    ]


def _names_to_find(facts: Facts, lookups: Lookups, registry: Registry):
    people = {p.id: p.name for p in facts.participants}
    for mention in facts.mentioned:
        people.setdefault(mention.id, mention.name)
    for person_id, name_in_text in people.items():
        known = registry.person(person_id)
        full_names = list(dict.fromkeys([name_in_text, lookups.person_name(person_id)]))
        surname = known.surname if known else (name_in_text.split() or [""])[-1]
        yield person_id, full_names, surname


def _first_occurrence(paragraphs: list[str], names: list[str]) -> tuple[int, int, int] | None:
    names = [n for n in names if n]
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    for index, text in enumerate(paragraphs):
        match = pattern.search(text)
        if match:
            return index, match.start(), match.end()
    return None
