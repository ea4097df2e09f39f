"""Countries that took part (from the participants) and countries the text talks about."""

from __future__ import annotations

from .lexicon import Lexicon
from .roles import outside_sidelines
from .text import ReadoutText


def mentioned_places(text: ReadoutText, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """Countries and international organisations named in the text, by name, alias or demonym."""
    countries, organizations = set(), set()
    for match in lexicon.countries.find(text.full):
        (organizations if match.value.is_organization else countries).add(match.value.name)
    return sorted(countries), sorted(organizations)


def group_counterpart(ctx, lexicon: Lexicon) -> str | None:
    """A group met as one side: the meeting's object names an organisation (not a union that acts
    as a country) and no person ("met with ministers from ASEAN"), or the meeting is a grouping's
    gathering ("the APEC Virtual Leaders' Retreat", "the G20 Summit")."""
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
            if in_object and not ctx.people_in(sentence.start + object_start,
                                               sentence.start + object_end):
                return match.text
    return None
