"""Countries that took part (from the participants) and countries the text talks about."""

from __future__ import annotations

from .lexicon import Lexicon
from .text import ReadoutText


def mentioned_places(text: ReadoutText, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """Countries and international organisations named in the text, by name, alias or demonym."""
    countries, organizations = set(), set()
    for match in lexicon.countries.find(text.full):
        (organizations if match.value.is_organization else countries).add(match.value.name)
    return sorted(countries), sorted(organizations)
