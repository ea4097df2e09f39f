"""Which summit edition a meeting belongs to (summits.yml): the G20 it was, or whose sidelines
it was held on.

A readout belongs to an edition when its date falls within the edition's days widened by the
registry's margin, and it names the edition's series. A multilateral readout is then the summit
itself, as is a two-sided one of a series in which two parties meet (an EU–China summit). Any
other two-sided meeting was held on the summit's sidelines only when it was in person and the
series is named right after a cue ("on the sidelines of the G20 Summit", "at the APEC …") or the
meeting took place in the host city: a phone call about the G20 is no meeting at the G20. When
several series qualify, one named in the title wins, then the one named first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from ..matcher import lowered
from ..model import Entry
from ..registry import Registry, SummitEdition, normalize_quotes
from .sides import ANNOUNCEMENT, BILATERAL, MULTILATERAL, ONE_SIDED, Shape

CUE_REACH = 3  # words allowed between a cue and the series' name ("at the 14th G20 Summit")
_DASHES = re.compile("[\u2010-\u2015]")


@dataclass(frozen=True)
class SummitLink:
    edition: str  # the edition's id
    sidelines: bool  # a meeting on its sidelines, not the summit itself


class SummitFinder:
    """The editions on each day (their margins included) and each series' names as a pattern;
    built once. A readout dated on no edition's day is not read at all."""

    def __init__(self, registry: Registry):
        self.registry = registry
        margin = dt.timedelta(days=registry.summit_margin)
        self.on_day: dict[dt.date, list[SummitEdition]] = defaultdict(list)
        for edition in sorted(registry.editions.values(), key=lambda e: (e.start, e.id)):
            day = edition.start - margin
            while day <= edition.end + margin:
                self.on_day[day].append(edition)
                day += dt.timedelta(days=1)
        self.names: dict[str, tuple[re.Pattern, re.Pattern]] = {}
        self.named: dict[str, NamePrecheck] = {}
        for series in registry.summits.values():
            names = [_plain(name) for name in (series.name, *series.aliases)]
            # one-word names are acronyms and written as they are ("Quad", "SCO"); longer ones
            # in any case ("East Asia summit")
            acronyms, longer = [n for n in names if " " not in n], [n for n in names if " " in n]
            self.names[series.id] = (_alternation(acronyms, 0), _alternation(longer, re.IGNORECASE))
            self.named[series.id] = NamePrecheck(tuple(acronyms), tuple(longer))
        cues = "|".join(re.escape(c) for c in sorted(registry.summit_cues, key=lambda c: (-len(c), c)))
        self.cue = re.compile(rf"\b(?:{cues})\s+(?:[\w'.&-]+\s+){{0,{CUE_REACH}}}\Z", re.IGNORECASE)

    def link(self, entry: Entry, shape: Shape) -> SummitLink | None:
        day = entry.facts.date
        editions = self.on_day.get(day, []) if day else []
        if not editions or shape.encounter == ANNOUNCEMENT:
            return None
        title = _plain(entry.facts.title or "")
        text = "\n".join(_plain(p) for p in entry.readout.paragraphs)
        passages = ((0, title, lowered(title)), (1, text, lowered(text)))
        found = []
        for edition in editions:
            series = self.registry.summits[edition.series]
            for place, passage, folded in passages:
                if not self.named[series.id].may_name(passage, folded):
                    continue
                for match in (m for pattern in self.names[series.id] for m in pattern.finditer(passage)):
                    sidelines = self._sidelines(entry, shape, series.bilateral, passage, match, edition)
                    if sidelines is not None:
                        found.append(((place, match.start()), SummitLink(edition.id, sidelines)))
        return min(found, key=lambda item: item[0])[1] if found else None

    def _sidelines(self, entry: Entry, shape: Shape, bilateral_series: bool, passage: str, match,
                   edition: SummitEdition) -> bool | None:
        """False: the summit itself; True: on its sidelines; None: the readout is not of it."""
        if shape.encounter == MULTILATERAL or (shape.encounter == BILATERAL and bilateral_series):
            return False
        if shape.encounter not in (BILATERAL, ONE_SIDED) or shape.remote:
            return None
        sentence_start = max(passage.rfind(". ", 0, match.start()), passage.rfind("\n", 0, match.start()))
        if self.cue.search(passage, sentence_start + 1, match.start()):
            return True
        location = (entry.facts.location or "").lower()
        return True if edition.city.lower() in location else None


@dataclass(frozen=True)
class NamePrecheck:
    """Whether a passage can hold a series' name at all, said faster than its patterns find one:
    each name must be in it as a string, acronyms as written, longer names in any case. Exact:
    it never says no where the patterns would find a name (tests/test_summits_precheck.py)."""

    acronyms: tuple[str, ...]
    longer: tuple[str, ...]

    def may_name(self, passage: str, folded: str) -> bool:
        """`folded`: the passage as `matcher.lowered` makes it."""
        if any(name in passage for name in self.acronyms):
            return True
        return any(not name.isascii() or name.lower() in folded for name in self.longer)


def _alternation(names: list[str], flags: int) -> re.Pattern:
    body = "|".join(re.escape(n) for n in sorted(set(names), key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![\w-])(?:{body or '(?!x)x'})(?![\w-])", flags)


def _plain(text: str) -> str:
    """Curly quotes and dashes as plain ones, so "EU–China Summit" matches "EU-China Summit"."""
    return _DASHES.sub("-", normalize_quotes(text))
