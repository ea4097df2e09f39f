"""One phrase matcher for every kind of registered name: people, countries, places, topics.

All phrases go into a single compiled alternation, longest first, so "Xi Jinping" wins over "Xi"
and "South Korea" over "Korea", and a text is scanned once however large the registry grows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Iterable, Iterator, TypeVar

from .registry import normalize_quotes

T = TypeVar("T")


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    text: str
    value: T


class PhraseMatcher(Generic[T]):
    """Find registered phrases in text on word boundaries, never overlapping.

    Ignoring case, phrases and text are lowered alike and matched as they are: `re`'s own
    IGNORECASE tries both cases at every character of the trie and is several times slower,
    and it matches "İ" with "i" where lowering makes "i̇" of it."""

    def __init__(self, phrases: Iterable[tuple[str, T]], ignore_case: bool = False):
        self._values: dict[str, T] = {}
        for phrase, value in phrases:
            key = normalize_quotes(phrase.strip())
            if key:
                self._values.setdefault(lowered(key) if ignore_case else key, value)
        self._ignore_case = ignore_case
        body = phrase_alternation(self._values) or r"(?!x)x"
        self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")

    def find(self, text: str) -> list[Match[T]]:
        text = normalize_quotes(text)
        searched = lowered(text) if self._ignore_case else text
        found = []
        for m in self._pattern.finditer(searched):
            start, end = m.span()
            found.append(Match(start, end, text[start:end], self._values[m.group(0)]))
        return found

    def __contains__(self, phrase: str) -> bool:
        key = normalize_quotes(phrase)
        return (lowered(key) if self._ignore_case else key) in self._values


# Letters beyond ASCII that a pattern ignoring case matches to an ASCII letter, besides those
# whose lower case is one (re's own equivalences): the Turkish dotted and dotless i, the long s.
# The dotted capital I is the one letter whose lower case is two characters long.
_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


@lru_cache(maxsize=64)
def lowered(text: str) -> str:
    """`text` in lower case, a character for a character, so that places in it are places in
    `text`, and as a pattern ignoring case reads it: where such a pattern finds an ASCII phrase,
    the phrase in lower case is at the same place in this ("İ", "ı" and "ſ" become "i" and "s").
    The rules ask for the same sentence's lower case many times over: it is made once."""
    if not text.isascii():
        text = text.translate(_TO_ASCII)
    lower = text.lower()
    return lower if len(lower) == len(text) else "".join([char.lower()[0] for char in text])


class AnyCase:
    """A pattern matched in any case by lowering the text it is given, `re`'s IGNORECASE being
    several times slower; its letters must all be lower case (`lowered` phrases, and words such
    as "of"). Matches are on the lowered text, at the places they have in the text given."""

    def __init__(self, pattern: str):
        if any(char.isupper() for char in re.sub(r"\\.", "", pattern)):  # escapes (\S, \W) aside
            raise ValueError(f"a pattern to match in any case has capitals: {pattern[:60]!r}")
        self._pattern = re.compile(pattern)

    def search(self, text: str, *bounds: int) -> re.Match | None:
        return self._pattern.search(lowered(text), *bounds)

    def match(self, text: str, *bounds: int) -> re.Match | None:
        return self._pattern.match(lowered(text), *bounds)

    def finditer(self, text: str, *bounds: int) -> Iterator[re.Match]:
        return self._pattern.finditer(lowered(text), *bounds)


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


def whole_words(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) wherever one of `words` stands as a whole word in `text`: leftmost
    first, never overlapping, the earlier of two words found at one place. What
    `(?<!\\w)(word|word…)(?!\\w)` finds, without compiling a pattern for each set of words (a
    readout's surnames: a new set for most readouts, and compiling was a tenth of extraction)."""
    found = []
    for rank, word in enumerate(words):
        if not word:
            continue
        at = text.find(word)
        while at != -1:
            end = at + len(word)
            if not (at and _is_word_char(text[at - 1])) and not (end < len(text) and _is_word_char(text[end])):
                found.append((at, rank, end, word))
            at = text.find(word, at + 1)
    kept, cursor = [], 0
    for at, _, end, word in sorted(found):
        if at >= cursor:
            kept.append((at, end, word))
            cursor = end
    return kept


def _is_word_char(char: str) -> bool:
    """What `re` takes for \\w in a str pattern."""
    return char.isalnum() or char == "_"
