"""Topics from the taxonomy's signal phrases, ranked by evidence; bilateral relations derived.

A phrase of two or more words, or a proper name or acronym ("Syria", "THAAD"), is strong evidence
(2 points); a single common word ("trade") is weak (1 point); a mention in the title counts double. A topic needs 2 points, so one stray word never tags a
readout. "China-Russia relations" or a "Russia-China ... partnership" yields the derived topic
`china-russia-relations` for any two registered countries.
"""

from __future__ import annotations

from collections import Counter

from ..registry import slugify
from .lexicon import Lexicon
from .text import ReadoutText

THRESHOLD = 2
MAX_TOPICS = 10


def relations_topic(first: str, second: str) -> str:
    a, b = sorted((first, second))
    return f"{slugify(a)}-{slugify(b)}-relations"


def topics(text: ReadoutText, lexicon: Lexicon) -> list[str]:
    scores: Counter[str] = Counter()
    title_end = len(text.title)
    for match in lexicon.topics.find(text.full):
        weight = 2 if _specific(match.text) else 1
        scores[match.value] += weight * (2 if match.start < title_end else 1)
    for pair in _relations(text.full, lexicon):
        scores[relations_topic(*pair)] += 2
    ranked = sorted((t for t, s in scores.items() if s >= THRESHOLD), key=lambda t: (-scores[t], t))
    return ranked[:MAX_TOPICS]


def _specific(signal: str) -> bool:
    return " " in signal.strip() or "-" in signal or any(c.isupper() for c in signal)


def _relations(full: str, lexicon: Lexicon) -> set[tuple[str, str]]:
    names = lexicon.country_names
    pairs = set()
    for match in lexicon.relations.finditer(full):
        a, b = names[match.group(1)], names[match.group(2)]
        if a != b:
            pairs.add(tuple(sorted((a, b))))
    return pairs
