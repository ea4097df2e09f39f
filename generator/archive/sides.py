"""Who a readout's meeting is between: its sides, what kind of encounter that makes, the level at
which the sides met, and the country its place is in.

A side is a country, or a union that acts as one (the European Union); a principal with neither
(the UN Secretary-General) is a side of their own, named by their id. A meeting of exactly two
sides is a bilateral encounter: it makes pair pages, counterparts and "before and after". A
meeting of three sides or more is multilateral: it belongs to a summit, never to pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import PRINCIPAL, Facts
from ..registry import Registry

REMOTE_FORMATS = frozenset({"phone call", "video call"})

BILATERAL = "bilateral"  # two sides met (talks, a call, a joint statement or press conference)
MULTILATERAL = "multilateral"  # three sides or more, or a group met as one
ONE_SIDED = "one-sided"  # a readout whose other side is not named
ANNOUNCEMENT = "announcement"  # a meeting still to come: no encounter yet


@dataclass(frozen=True)
class Shape:
    """A readout's encounter: its sides in order, each principal's side, and its kind."""

    sides: tuple[str, ...]
    side_of: dict[str, str]  # principal id → side
    encounter: str  # BILATERAL | MULTILATERAL | ONE_SIDED | ANNOUNCEMENT
    remote: bool | None  # a call; None when the format says neither ("other")

    @property
    def pair(self) -> tuple[str, str] | None:
        return tuple(sorted(self.sides)) if self.encounter == BILATERAL else None


def shape_of(facts: Facts) -> Shape:
    side_of: dict[str, str] = {}
    for participant in facts.participants:
        if participant.role == PRINCIPAL:
            side_of.setdefault(participant.id, participant.country or participant.id)
    sides = tuple(dict.fromkeys(side_of.values()))
    if facts.kind == "announcement":
        encounter = ANNOUNCEMENT
    elif facts.kind == "multilateral" or len(sides) > 2:
        encounter = MULTILATERAL
    elif len(sides) == 2:
        encounter = BILATERAL
    else:
        encounter = ONE_SIDED
    remote = None if facts.format == "other" else facts.format in REMOTE_FORMATS
    return Shape(sides, side_of, encounter, remote)


def level_of(facts: Facts, shape: Shape, registry: Registry) -> str | None:
    """The level of a two-sided meeting: that of its lower side, each side at its highest
    principal's level (levels.yml); None when the registry defines no levels."""
    if not registry.levels:
        return None
    order = {level.id: position for position, level in enumerate(registry.levels)}
    best: dict[str, int] = {}
    for participant in facts.participants:
        if participant.role != PRINCIPAL:
            continue
        title = participant.title
        person = registry.person(participant.id)
        if title is None and person is not None:
            title = person.title_on(facts.date)
        position = order[registry.level_of(title).id]
        side = shape.side_of[participant.id]
        best[side] = min(best.get(side, position), position)
    return registry.levels[max(best.values())].id if best else None


class PlaceCountries:
    """The country a written location is in: "Zhongnanhai, Beijing" → China, "Paris" → France.

    Each comma-separated part is looked up among registered places, capitals and country names;
    the first part found decides.
    """

    def __init__(self, registry: Registry):
        self.known: dict[str, str] = {}
        for country in registry.countries.values():
            for name in (country.name, *country.aliases, country.capital):
                if name:
                    self.known.setdefault(name.lower(), country.name)
        for place in registry.places.values():
            for name in (place.name, *place.aliases):
                self.known.setdefault(name.lower(), place.country)

    def country(self, location: str | None) -> str | None:
        for part in (location or "").split(","):
            found = self.known.get(part.strip().lower())
            if found:
                return found
        return None
