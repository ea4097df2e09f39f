"""The pieces of a readout's text that the extractors look at: title, sentences, the lead."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from ..datetext import words
from ..model import Dateline, Readout
from ..registry import load_name_words, normalize_quotes

# Abbreviations after which a full stop ends no sentence: "Mr. Kono", "U.S. Secretary"; months
# written short ("Sept. 20") come from dates.yml, words of address ("the Hon. Anthony Albanese")
# from names.yml.
_ABBREVIATIONS = ("Mr", "Ms", "Mrs", "Dr", "St", "No", "Jr", "Sr", "Gen", "Col", "Gov", "Sen",
                  "Rep", "Prof", "Amb", "Cmdr", "Lt", "Adm", "[A-Z]")
# A transcript turn: "PRIME MINISTER KISHIDA: (As interpreted.) Good morning …"
_SPEAKER_LABEL = re.compile(r"([A-Z](?:[A-Z.'’ -]{0,60}[A-Z.])?):\s")


@cache
def _sentence_break() -> re.Pattern:
    """A sentence ends at . ! or ?, but not after "Mr." or a month written short ("Sept. 16"),
    nor after a time followed by its time zone ("2:30 p.m. JST"), nor after the number of a
    numbered paragraph."""
    months = sorted(name.capitalize() for name in words().abbreviations if name in words().months)
    address = sorted({w[:-1] for h in load_name_words().honorifics for w in h.split() if w.endswith(".")})
    written = [re.escape(a) for a in (*months, *address) if a not in _ABBREVIATIONS]
    not_after = "".join(rf"(?<!\b{a}\.)" for a in (*_ABBREVIATIONS, *written))
    zone_after_time = r"(?!(?<=[ap]\.m\.)\s+[A-Z]{2,4}\b)"  # "2:30 p.m. JST" goes on
    numbered = r"(?<!^\d\.)(?<!^\d\d\.)"  # "2. The two leaders …": a paragraph's number
    return re.compile(r"(?<=[.!?])" + not_after + zone_after_time + numbered + r"[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")


def is_introduction(paragraph: str) -> bool:
    """A one-sentence paragraph that ends in a colon introduces what follows."""
    return paragraph.rstrip().endswith(":") and len(sentences(paragraph)) == 1


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences without breaking "Mr. Kono", "U.S. Secretary", "Feb. 1"."""
    return [s.strip() for s in _sentence_break().split(paragraph) if s.strip()]


@dataclass
class ReadoutText:
    """Normalised views of one readout's words, computed once and shared by the extractors."""

    readout: Readout

    @cached_property
    def title(self) -> str:
        return normalize_quotes(self.readout.title or "")

    @cached_property
    def dateline(self) -> Dateline | None:
        return self.readout.dateline

    @cached_property
    def paragraphs(self) -> list[str]:
        """The paragraphs, the first without its dateline: the lead is "X met Y …"."""
        paragraphs = list(self.readout.paragraphs)
        if self.dateline and paragraphs and paragraphs[0].startswith(self.dateline.text):
            paragraphs[0] = paragraphs[0][len(self.dateline.text):]
        return [normalize_quotes(p) for p in paragraphs]

    @cached_property
    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in sentences(p)]

    @cached_property
    def lead(self) -> str:
        """The opening sentence: who met whom, when, where, in what form."""
        opening = sentences(self.lead_paragraph)
        return opening[0] if opening else ""

    @cached_property
    def lead_paragraph(self) -> str:
        """The first paragraph after any line introducing the readout ("Spokesperson X provided
        the following readout:")."""
        return next((p for p in self.paragraphs if not is_introduction(p)), "")

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
