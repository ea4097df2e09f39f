"""Why a fact holds: the named strategy that found it and the words it was found in.

Every fact is read by an ordered list of strategies (`extract/strategies.py`). A strategy returns a
`Finding` - the value and the passage it rests on - or None when its shape is not in the text; the
first strategy that finds something decides. The evidence travels with the facts so that
`summit explain` can show a curator why a readout says what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

QUOTE_LIMIT = 240  # characters of a passage kept as evidence


@dataclass(frozen=True)
class Evidence:
    """One fact's support: which fact, its value as shown, the strategy and the quoted passage."""

    fact: str  # "date", "format", "principal", "topic", …
    value: str
    strategy: str
    quote: str


@dataclass(frozen=True)
class Finding:
    """What one strategy found: a value, and the passage of the readout that says so."""

    value: Any
    quote: str


Strategy = Callable[..., "Finding | None"]


def strategy_name(strategy: Strategy) -> str:
    """A strategy's name as people read it: `date_in_lead` → "date in lead"."""
    return strategy.__name__.strip("_").replace("_", " ")


def first_finding(fact: str, strategies: tuple[Strategy, ...], *args) -> tuple[Any, Evidence | None]:
    """Run the strategies in order; the first that finds something decides the fact."""
    for strategy in strategies:
        finding = strategy(*args)
        if finding is not None:
            return finding.value, Evidence(fact, show(finding.value), strategy_name(strategy),
                                           shorten(finding.quote))
    return None, None


def show(value) -> str:
    """A found value as evidence shows it; a tuple such as (format, detail) joined."""
    if isinstance(value, tuple):
        return " – ".join(show(v) for v in value if v is not None)
    return str(value)


def shorten(passage: str, limit: int = QUOTE_LIMIT) -> str:
    """A passage on one line, cut at a word boundary when it is long."""
    passage = re.sub(r"\s+", " ", passage).strip()
    if len(passage) <= limit:
        return passage
    return passage[:limit].rsplit(" ", 1)[0] + " …"


def around(text: str, start: int, end: int) -> str:
    """The line or sentence of `text` that holds [start, end): the passage to quote as evidence."""
    left = max(text.rfind("\n", 0, start), _sentence_start(text, start))
    right_candidates = [i for i in (text.find("\n", end), _sentence_end(text, end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 if left >= 0 else 0:right].strip()


_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“‘(]?[A-Z0-9])")


def _sentence_start(text: str, offset: int) -> int:
    last = -1
    for match in _SENTENCE_END.finditer(text, max(0, offset - 600), offset):
        last = match.end()
    return last


def _sentence_end(text: str, offset: int) -> int:
    match = _SENTENCE_END.search(text, offset, offset + 600)
    return match.end() if match else -1
