"""The pieces of a readout's text that the extractors look at: title, sentences, the lead."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..model import Readout
from ..registry import normalize_quotes

# Abbreviations after which a full stop ends no sentence: "Mr. Kono", "Sept. 20", "U.S. Secretary".
_NOT_AFTER = "".join(
    rf"(?<!\b{abbreviation}\.)" for abbreviation in (
        "Mr", "Ms", "Mrs", "Dr", "St", "No", "Jr", "Sr", "Gen", "Col", "Gov", "Sen", "Rep", "Prof",
        "Amb", "Cmdr", "Lt", "Adm", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
        "Oct", "Nov", "Dec", "[A-Z]",
    )
)
# A transcript turn: "PRIME MINISTER KISHIDA: (As interpreted.) Good morning …"
_SPEAKER_LABEL = re.compile(r"([A-Z][A-Z.'’ -]{0,60}[A-Z.]):\s")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])" + _NOT_AFTER + r"[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences without breaking "Mr. Kono" or "U.S. Secretary"."""
    return [s.strip() for s in _SENTENCE_BREAK.split(paragraph) if s.strip()]


@dataclass
class ReadoutText:
    """Normalised views of one readout's words, computed once and shared by the extractors."""

    readout: Readout

    @cached_property
    def title(self) -> str:
        return normalize_quotes(self.readout.title or "")

    @cached_property
    def paragraphs(self) -> list[str]:
        return [normalize_quotes(p) for p in self.readout.paragraphs]

    @cached_property
    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in sentences(p)]

    @cached_property
    def lead(self) -> str:
        """The opening sentence: who met whom, when, where, in what form."""
        return self.sentences[0] if self.sentences else ""

    @cached_property
    def lead_paragraph(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""

    @cached_property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @cached_property
    def speaker_labels(self) -> list[tuple[str, int]]:
        """Each turn's label in capitals and its offset in `full`, in order."""
        labels, offset = [], len(self.title) + 2
        for paragraph in self.paragraphs:
            match = _SPEAKER_LABEL.match(paragraph)
            if match:
                labels.append((match.group(1).strip(), offset))
            offset += len(paragraph) + 2
        return labels

    @cached_property
    def full(self) -> str:
        """Title and body together, for evidence that may sit in either."""
        return self.title + "\n\n" + self.body
