"""One phrase matcher for every kind of registered name: people, countries, places, topics.

All phrases go into a single compiled alternation, longest first, so "Xi Jinping" wins over "Xi"
and "South Korea" over "Korea", and a text is scanned once however large the registry grows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

from .registry import normalize_quotes

T = TypeVar("T")


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    text: str
    value: T


class PhraseMatcher(Generic[T]):
    """Find registered phrases in text on word boundaries, never overlapping."""

    def __init__(self, phrases: Iterable[tuple[str, T]], ignore_case: bool = False):
        self._values: dict[str, T] = {}
        for phrase, value in phrases:
            key = normalize_quotes(phrase.strip())
            if key:
                self._values.setdefault(key.lower() if ignore_case else key, value)
        self._ignore_case = ignore_case
        alternatives = sorted(self._values, key=lambda p: (-len(p), p))
        body = "|".join(re.escape(p) for p in alternatives) or r"(?!x)x"
        flags = re.IGNORECASE if ignore_case else 0
        self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)

    def find(self, text: str) -> list[Match[T]]:
        text = normalize_quotes(text)
        found = []
        for m in self._pattern.finditer(text):
            key = m.group(0).lower() if self._ignore_case else m.group(0)
            found.append(Match(m.start(), m.end(), m.group(0), self._values[key]))
        return found

    def __contains__(self, phrase: str) -> bool:
        key = normalize_quotes(phrase)
        return (key.lower() if self._ignore_case else key) in self._values
