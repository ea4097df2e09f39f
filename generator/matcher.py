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
        body = phrase_alternation(self._values) or r"(?!x)x"
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


_END = ""  # marks, inside the trie, that a phrase ends at this node


def phrase_alternation(phrases) -> str:
    """A regular expression matching any of the phrases, factored as a trie.

    Python's `re` tries the branches of an alternation one after another at every position, so a
    flat alternation of a thousand phrases costs a thousand attempts per character. Factored by
    common prefix, each character is looked at about once. Longer continuations are tried before a
    phrase ends, so, as with a longest-first alternation, the longest phrase that ends on a word
    boundary wins.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = True
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = []
    for char in sorted(k for k in node if k != _END):
        child = node[char]
        branch = re.escape(char)
        # follow a chain of single-child nodes as one literal run
        while len(child) == 1 and _END not in child:
            (char, child), = child.items()
            branch += re.escape(char)
        rest = _node_pattern(child)
        branches.append(branch + rest)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if _END in node else body
