"""Plain data passed between pipeline stages: sources → parse → extract → link → render.

Every stage takes and returns these dataclasses and nothing else, so each stage can be tested
alone on inline inputs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

FORMATS = (
    "talks",
    "meeting",
    "phone call",
    "video call",
    "state visit",
    "summit",
    "banquet",
    "joint press conference",
    "other",
)
KINDS = ("bilateral", "multilateral", "joint statement", "press conference", "announcement")
PRINCIPAL = "principal"
ATTENDEE = "attendee"


@dataclass(frozen=True)
class Provenance:
    """Where a readout came from: the file as given, its checksum, and what its sidecar says."""

    file: str  # path relative to the seeds folder's parent, e.g. "seeds/000_x.txt"
    sha256: str
    url: str | None = None
    section: str | None = None  # the source's own section (last breadcrumb item), when known
    retrieved: dt.date | None = None  # the day the text was taken from `url` (the sidecar's)


@dataclass(frozen=True)
class SourceText:
    """A readout file decoded to text, with how it was decoded."""

    provenance: Provenance
    text: str
    encoding: str
    format: str  # "text" | "html" | "markdown"
    overrides: dict = field(default_factory=dict)  # validated sidecar fields (seeds/NAME.yml)
    warnings: tuple[str, ...] = ()  # what decoding had to guess or repair


@dataclass(frozen=True)
class Dateline:
    """Wire copy's opening of the first paragraph ("WASHINGTON, Feb. 1 (Xinhua) --", "14.6.2021 –"),
    or a line of place and day alone above the text ("Berlin, 10 July 2023")."""

    text: str  # as printed, separator included: what the lead sentence starts with
    place: str | None  # "WASHINGTON", as printed
    day: str | None  # "Feb. 1", "14.6.2021", as printed; resolved by extraction


@dataclass(frozen=True)
class Readout:
    """A readout's structure with site chrome stripped: what the parser could tell apart."""

    provenance: Provenance
    title: str | None
    published: dt.datetime | dt.date | None  # the source's own timestamp; date-only when no time
    breadcrumb: tuple[str, ...]
    paragraphs: tuple[str, ...]
    masthead: tuple[str, ...] = ()  # head lines that are neither title nor date: "10 Downing Street"
    dateline: Dateline | None = None
    place_line: str | None = None  # a transcript head's venue line, above its time line: "East Room"
    date_line: str | None = None  # the line `published` was read from, as printed


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    role: str  # PRINCIPAL | ATTENDEE
    country: str | None
    title: str | None = None
    registered: bool = True


@dataclass(frozen=True)
class Mention:
    id: str
    name: str
    registered: bool = True


@dataclass(frozen=True)
class Statement:
    """A sentence of a readout that says what someone said: "Xi Jinping pointed out that …".

    Several speakers when the sentence speaks for them together ("The two sides agreed …").
    `paragraph` indexes Readout.paragraphs and `start`, `end` bound the sentence inside it, so a
    page can quote the readout's own words and link to the paragraph.
    """

    speakers: tuple[str, ...]  # person keys, as in Facts.participants and Facts.mentioned
    paragraph: int
    start: int
    end: int
    verb: str  # the verb of speech as written: "pointed out"
    how: str  # the rule that found the speaker: "named", "pronoun", "office", "both sides"
    topics: tuple[str, ...] = ()  # the readout's topics this sentence speaks of


@dataclass
class Facts:
    """What extraction found in one readout: the front-matter contract's fields, typed."""

    title: str
    date: dt.date | None
    published: dt.datetime | dt.date | None
    format: str
    format_detail: str | None
    location: str | None
    participants: list[Participant]
    mentioned: list[Mention]
    countries: list[str]
    mentioned_countries: list[str]
    topics: list[str]  # topic ids, strongest evidence first
    source: Provenance
    end_date: dt.date | None = None
    organizations: list[str] = field(default_factory=list)
    date_basis: str = "text"  # "text" | "published" | "override" | "none": where `date` came from
    warnings: list[str] = field(default_factory=list)  # what a curator should look at
    kind: str = "bilateral"  # one of KINDS
    publisher: str | None = None  # the publishing office ("The White House"), when known
    publisher_country: str | None = None  # whose "the President" the text means
    evidence: list = field(default_factory=list)  # extract.evidence.Evidence, fact by fact
    statements: list[Statement] = field(default_factory=list)  # who said what, in text order

    @property
    def accessed(self) -> dt.date | None:
        """The day the archive's copy stands for, as citations and feeds date it: the day its
        text was taken from the source (the sidecar's `retrieved`), else the day the source
        published it, else the day of the meeting. Never the day of a build."""
        return self.source.retrieved or self.issued

    @property
    def issued(self) -> dt.date | None:
        """The day the publisher issued the readout (else the day of the meeting)."""
        published = self.published.date() if isinstance(self.published, dt.datetime) else self.published
        return published or self.date

    @property
    def principals(self) -> list[Participant]:
        return [p for p in self.participants if p.role == PRINCIPAL]

    @property
    def attendees(self) -> list[Participant]:
        return [p for p in self.participants if p.role == ATTENDEE]


@dataclass
class Entry:
    """One readout as the archive holds it: its parsed text, its facts and its permanent slug
    (the address of its page, readouts/SLUG/)."""

    readout: Readout
    facts: Facts
    slug: str
    digest: str = ""  # identifies readout, facts and slug; pages built from the entry depend on it
    redirect_from: tuple[str, ...] = ()  # earlier addresses of its page, each kept as a redirect
    event: str | None = None  # the event a curator's sidecar puts it in (joins or splits events)

    def content_digest(self) -> str:
        """`digest`, computed from the entry itself when it was not made by the pipeline."""
        if not self.digest:
            import hashlib
            import pickle

            blob = pickle.dumps((self.readout, self.facts, self.slug), protocol=5)
            self.digest = hashlib.sha1(blob).hexdigest()
        return self.digest
