"""Countries that took part (from the participants) and countries the text talks about."""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .roles import outside_sidelines
from .text import ReadoutText


def mentioned_places(text: ReadoutText, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """Countries and international organisations named in the text, by name, alias or demonym."""
    countries, organizations = set(), set()
    for match in lexicon.countries.find(text.full):
        (organizations if match.value.is_organization else countries).add(match.value.name)
    return sorted(countries), sorted(organizations)


def group_counterpart(ctx, lexicon: Lexicon, principals: set[str]) -> str | None:
    """A group met as one side: the meeting's object names an organisation (not a union that acts
    as a country) and no principal ("met with ministers from ASEAN"), or the meeting is a
    grouping's gathering ("the APEC Virtual Leaders' Retreat", "the G20 Summit")."""
    organizations = lexicon.registry.organizations
    for sentence in (*ctx.meeting_sentences, ctx.title_sentence):
        text = outside_sidelines(sentence.text)
        object_start, object_end = ctx.meeting_object(text)
        for match in lexicon.countries.find(text):
            ref = match.value
            if not ref.is_organization or organizations[ref.name].party:
                continue
            if ctx.future_before(text, match.start):
                continue
            if ctx.words.gathering.match(text, match.end):
                return text[match.start:ctx.words.gathering.match(text, match.end).end()]
            in_object = object_start <= match.start < object_end
            met = ctx.people_in(sentence.start + object_start, sentence.start + object_end)
            if in_object and not principals.intersection(met):
                return match.text
    return None


_LIST_SEPARATOR = re.compile(r"(?:,[^\S\n]*(?:and[^\S\n]+)?|[^\S\n]+(?:and|as well as)[^\S\n]+)(?:the[^\S\n]+)?")


def sides_without_names(ctx, lexicon: Lexicon) -> list[str]:
    """Countries whose people took part though none is named: "The foreign ministers of Laos
    and Vietnam attended the meeting", "joined by Leaders from Argentina, Australia, …"."""
    sides = []
    for sentence in ctx.sentences:
        text = sentence.text
        if not ctx.words.taking_part.search(text):
            continue
        for group in ctx.words.delegates.finditer(text):
            cursor = group.end()
            while True:
                match = next(iter(lexicon.countries.find(text[cursor:cursor + 80])), None)
                if match is None or match.start != 0:
                    break
                if not match.value.is_organization or lexicon.registry.organizations[match.value.name].party:
                    sides.append(match.value.name)
                cursor += match.end
                separator = _LIST_SEPARATOR.match(text, cursor)
                if separator is None:
                    break
                cursor = separator.end()
    return sides
