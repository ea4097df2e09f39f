"""Curated knowledge (people, countries, organisations, places, topics) loaded from YAML.

The files are validated on load so that a curator's typo stops the build with a message naming the
file and the entry, instead of silently weakening extraction. See `data/README.md` for the schema.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import FORMATS

DATA_DIR = Path(__file__).parent / "data"


class RegistryError(ValueError):
    """A curated file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Office:
    title: str
    start: dt.date | None
    end: dt.date | None
    # The side the office speaks for when it is not the holder's own: Donald Tusk, of Poland,
    # spoke for the European Union as President of the European Council.
    country: str | None = None
    organization: str | None = None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    surname: str
    country: str | None
    organization: str | None
    aliases: tuple[str, ...]
    offices: tuple[Office, ...]
    # titles.yml: office title → (rank, position in the file), shared by every person
    ranks: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    def title_on(self, day: dt.date | None) -> str | None:
        """The person's office on a day: the one held then, else the nearest one in time."""
        if not self.offices:
            return None
        if day is not None:
            held = [o for o in self.offices if o.held_on(day)]
            if held:
                return _rank_titles(held, self.ranks)[0].title
            return min(self.offices, key=lambda o: _distance(o, day)).title
        return _rank_titles(self.offices, self.ranks)[0].title


# How offices stand in a meeting, highest first (titles.yml gives each title one of these).
RANKS = ("leader", "deputy", "minister", "official", "narrator")
# Where titles.yml does not say: an office of unknown standing counts as an official's.
UNKNOWN_RANK = RANKS.index("official")


def rank_of(title: str | None, ranks: dict[str, tuple[int, int]]) -> int:
    """The standing of an office written as a title, 0 the highest; unknown offices rank low.

    A compound title counts by its highest part ("State Councilor and Foreign Minister").
    """
    if not title:
        return UNKNOWN_RANK
    if title in ranks:
        return ranks[title][0]
    parts = [p for p in re.split(r"\s+(?:and|&)\s+", title) if p in ranks]
    return min((ranks[p][0] for p in parts), default=UNKNOWN_RANK)


def _rank_titles(offices, ranks: dict[str, tuple[int, int]]) -> list[Office]:
    """When someone holds several offices at once, a readout names the highest one: the higher
    rank, and within a rank the office titles.yml lists first (a President before a General
    Secretary)."""
    return sorted(offices, key=lambda o: (ranks.get(o.title, (UNKNOWN_RANK, len(ranks))), o.title))


def _distance(office: Office, day: dt.date) -> int:
    if office.start and day < office.start:
        return (office.start - day).days
    if office.end and day > office.end:
        return (day - office.end).days
    return 0


@dataclass(frozen=True)
class Country:
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None

    @property
    def id(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class Organization:
    name: str
    aliases: tuple[str, ...]
    party: bool = False  # a union that meets others as one side (the EU at an EU-China summit)

    @property
    def id(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class Place:
    name: str
    city: str | None
    country: str
    aliases: tuple[str, ...]

    @property
    def display(self) -> str:
        """How a location is written: "Zhongnanhai, Beijing" for a venue, "Hangzhou" for a city."""
        return f"{self.name}, {self.city}" if self.city else self.name


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    parent: str | None
    signals: tuple[str, ...]


@dataclass(frozen=True)
class Publisher:
    """A publishing office and the shapes of its pages (publishers.yml)."""

    name: str
    country: str | None  # None for a publisher a curator named but the registry does not know
    mastheads: tuple[str, ...]
    domains: tuple[str, ...]
    title_shapes: tuple[re.Pattern, ...] = ()  # titles only this publisher writes
    short: str | None = None  # how listings name it: "UK Prime Minister's Office"
    sections: tuple[re.Pattern, ...] = ()  # breadcrumb sections and section lines: "China News"
    date_lines: tuple[re.Pattern, ...] = ()  # its date line as printed: "2024-05-17 02:14"
    datelines: tuple[re.Pattern, ...] = ()  # a wire dateline opening the text: "MOSCOW, May 23. /TASS/."
    news_agency: bool = False  # reports any government's meetings: speaks for no side

    def __str__(self) -> str:
        return self.name

    @property
    def side(self) -> str | None:
        """Whose "the President" the readout means and whose officials it names without a
        nationality: the publisher's country, unless it is a wire service."""
        return None if self.news_agency else self.country


@dataclass(frozen=True)
class NameWords:
    """names.yml: the words that bound a person's name in running text."""

    stops: tuple[str, ...] = ()
    honorifics: tuple[str, ...] = ()
    postnominals: tuple[str, ...] = ()
    institution_heads: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    office_heads: tuple[str, ...] = ()
    lowering: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    state_forms: tuple[str, ...] = ()
    office_domains: tuple[str, ...] = ()
    anonymous_speakers: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateWords:
    """The words of dates in every language of dates.yml, merged: what the date readers match."""

    months: dict[str, int]  # lower-cased name or abbreviation → 1..12
    weekdays: dict[str, int]  # lower-cased name or abbreviation → 0 (Monday)..6
    abbreviations: frozenset[str]  # lower-cased, written with a full stop in dates.yml ("sept")
    published: tuple[str, ...]  # publication-line labels: "Published", "Опубликовано"
    joiners: tuple[str, ...]  # words between day, month and year: "14 de junio de 2021"
    year_marks: tuple[str, ...]  # words after a year: "17 июля 2020 г."
    today: tuple[str, ...]
    yesterday: tuple[str, ...]
    statement: tuple[str, ...]  # "said", "announced": the clause dates a statement


@dataclass(frozen=True)
class PassingWords:
    """places_in_passing.yml: words that show a place is not where the event happened."""

    before: tuple[str, ...] = ()  # earlier in the place's clause: "condolences", "heading for"
    after: tuple[str, ...] = ()  # right after the place: "last year"
    voice: tuple[str, ...] = ()  # after a venue standing for its government: "spokesman", "said"


# A cue's name says how its words are used; `the government speaking` applies to venues only.
_PASSING_CUES = ("incident", "travel", "another occasion", "the government speaking")


@dataclass(frozen=True)
class SummitEdition:
    """One meeting of a summit series: its days, and the city that hosted it."""

    id: str
    series: str  # the series' id
    name: str  # the series' name, or the edition's own ("G8 Summit", "42nd ASEAN Summit")
    start: dt.date
    end: dt.date
    city: str
    country: str
    virtual: bool = False

    @property
    def title(self) -> str:
        """ "G20 Summit 2019, Osaka"; "…, Riyadh (by video)" for a meeting held by video."""
        return f"{self.name} {self.start.year}, {self.city}" + (" (by video)" if self.virtual else "")


@dataclass(frozen=True)
class SummitSeries:
    """A recurring gathering of leaders (the G20, an EU–China summit) and its editions by date."""

    id: str
    name: str
    aliases: tuple[str, ...]
    editions: tuple[SummitEdition, ...]
    bilateral: bool = False  # two parties meet (EU–China): its meetings are the summit itself


@dataclass(frozen=True)
class Level:
    """A level at which two sides meet (levels.yml): leaders, foreign ministers, …"""

    id: str
    label: str
    ranks: tuple[int, ...]  # indices into RANKS
    titles: tuple[str, ...]


@dataclass
class Registry:
    people: dict[str, Person] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)  # by name
    organizations: dict[str, Organization] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    publishers: dict[str, Publisher] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # phrase as written → office title
    ranks: dict[str, tuple[int, int]] = field(default_factory=dict)  # title → (rank, position)
    unnamed_offices: list[str] = field(default_factory=list)  # "The Prime Minister spoke to …"
    names: NameWords = field(default_factory=NameWords)
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # roles.yml: phrase lists
    speech: dict[str, tuple[str, ...]] = field(default_factory=dict)  # speech.yml: phrase lists
    formats: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # in priority order
    passing: PassingWords = field(default_factory=PassingWords)
    summits: dict[str, SummitSeries] = field(default_factory=dict)  # summits.yml, by id
    editions: dict[str, SummitEdition] = field(default_factory=dict)  # every series' editions
    summit_cues: tuple[str, ...] = ()  # words before a series' name that put a meeting there
    summit_margin: int = 0  # days around an edition's own that still belong to it
    levels: tuple[Level, ...] = ()  # levels.yml, highest first; the last takes everyone else

    def person(self, person_id: str) -> Person | None:
        return self.people.get(person_id)

    def country(self, name: str | None) -> Country | None:
        return self.countries.get(name) if name else None

    def home(self, person: Person, day: dt.date | None = None) -> str | None:
        """The side a person speaks for: their country, or a union that acts as one (the EU);
        on a day when they hold an office that speaks for another side, that side."""
        office = next((o for o in person.offices if (o.country or o.organization)
                       and day is not None and o.held_on(day)), None)
        country, organization = ((office.country, office.organization) if office
                                 else (person.country, person.organization))
        if country:
            return country
        union = self.organizations.get(organization or "")
        return union.name if union and union.party else None

    def topic(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    def publisher_by_masthead(self, line: str) -> Publisher | None:
        """The publisher whose pages print this line at their top ("10 Downing Street")."""
        return next((p for p in self.publishers.values() if line in p.mastheads), None)

    def publisher_by_url(self, url: str | None) -> Publisher | None:
        """The publisher whose domain serves this source URL (sub-domains included)."""
        host = re.sub(r"^https?://([^/:?#]+).*$", r"\1", url or "", flags=re.S).lower()
        return self.publisher_by_host(host) if host and "/" not in host else None

    def publisher_by_host(self, host: str) -> Publisher | None:
        """The publisher serving this host name; of several, the one naming the longest domain
        (fmprc.gov.cn is the foreign ministry's, though gov.cn is the State Council's)."""
        host = host.lower().rstrip(".")
        matches = [(len(d), -order, p) for order, p in enumerate(self.publishers.values())
                   for d in p.domains if host == d or host.endswith("." + d)]
        return max(matches, key=lambda m: m[:2])[2] if matches else None

    def publisher_by_shape(self, shape: str, text: str) -> Publisher | None:
        """The first publisher one of whose `shape` patterns (title_shapes, sections, date_lines,
        datelines) is found in `text`."""
        return next((p for p in self.publishers.values()
                     if any(pattern.search(text) for pattern in getattr(p, shape))), None)

    def publisher(self, name: str | None) -> Publisher | None:
        """A publisher by its name or short name, or by the country a curator gave as
        `publisher` (that country's government office listed first)."""
        if not name:
            return None
        if name in self.publishers:
            return self.publishers[name]
        by_short = next((p for p in self.publishers.values() if p.short == name), None)
        if by_short:
            return by_short
        if name in self.countries:
            return next((p for p in self.publishers.values()
                         if p.country == name and not p.news_agency), Publisher(name, name, (), ()))
        return None

    def level_of(self, title: str | None) -> Level | None:
        """The level of an office written as a title; a compound title by its highest part."""
        if not self.levels:
            return None
        parts = {title} | {self.titles.get(p, p) for p in re.split(r"\s+(?:and|&)\s+", title or "")}
        rank = rank_of(title, self.ranks)
        return next((level for level in self.levels[:-1]
                     if rank in level.ranks or parts.intersection(level.titles)), self.levels[-1])

    def holder(self, country: str, title: str, day: dt.date) -> Person | None:
        """Who held an office of a country on a day ("the Prime Minister" of the UK on a date).

        On a handover day both office-holders match; the one who took office that day is meant,
        as readouts of that day are the newcomer's first calls.
        """
        holders = [
            (office.start or dt.date.min, person.id, person)
            for person in self.people.values() if person.country == country
            for office in person.offices if office.title == title and office.held_on(day)
        ]
        return max(holders, key=lambda h: (h[0], h[1]))[2] if holders else None


def slugify(text: str) -> str:
    """ASCII slug used for page addresses and ids; stable for a given text."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def normalize_quotes(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


# ---------------------------------------------------------------- loading and validation

_SCHEMAS = {
    "countries.yml": ({"name"}, {"name", "aliases", "demonyms", "capital"}),
    "organizations.yml": ({"name"}, {"name", "aliases", "party"}),
    "places.yml": ({"name", "country"}, {"name", "city", "country", "aliases"}),
    "people.yml": (
        {"id", "name", "surname"},
        {"id", "name", "surname", "country", "organization", "aliases", "offices"},
    ),
    "topics.yml": ({"id", "label"}, {"id", "label", "parent", "signals"}),
    "publishers.yml": (
        {"name", "country"},
        {"name", "short", "country", "news_agency", "mastheads", "sections", "date_lines",
         "datelines", "domains", "title_shapes"},
    ),
    "titles.yml": ({"title", "phrases", "rank"}, {"title", "phrases", "rank", "unnamed"}),
    "formats.yml": ({"format", "phrases"}, {"format", "phrases"}),
    "places_in_passing.yml": ({"cue"}, {"cue", "before", "after"}),
    "dates.yml": (
        {"language", "published", "months"},
        {"language", "published", "months", "weekdays", "joiners", "year_marks", "today",
         "yesterday", "statement"},
    ),
}
_STRING_LISTS = ("aliases", "demonyms", "signals", "mastheads", "domains", "phrases",
                 "title_shapes", "published", "joiners", "year_marks", "today", "yesterday",
                 "statement", "before", "after", "sections", "date_lines", "datelines")
_NAME_TABLES = {"months": 12, "weekdays": 7}  # lists of spellings, one list per month or weekday
_OFFICE_KEYS = {"title", "from", "to", "country", "organization"}


def load_registry(data_dir: Path = DATA_DIR) -> Registry:
    """Load and validate every registry file; raise RegistryError naming file and entry."""
    entries = {name: _load_list(data_dir / name) for name in _SCHEMAS}
    registry = Registry()
    for raw in entries["countries.yml"]:
        registry.countries[raw["name"]] = Country(
            raw["name"], _strings(raw, "aliases"), _strings(raw, "demonyms"), raw.get("capital")
        )
    for raw in entries["organizations.yml"]:
        registry.organizations[raw["name"]] = Organization(raw["name"], _strings(raw, "aliases"),
                                                           raw.get("party", False))
    for raw in entries["places.yml"]:
        _require_known(raw["country"], registry.countries, "places.yml", raw["name"], "country")
        registry.places[raw["name"]] = Place(
            raw["name"], raw.get("city"), raw["country"], _strings(raw, "aliases")
        )
    for raw in entries["titles.yml"]:
        if raw["rank"] not in RANKS:
            raise RegistryError(f"titles.yml: {raw['title']}: rank {raw['rank']!r} is not one of "
                                f"{', '.join(RANKS)}")
        registry.ranks[raw["title"]] = (RANKS.index(raw["rank"]), len(registry.ranks))
        if raw.get("unnamed"):
            registry.unnamed_offices.append(raw["title"])
        for phrase in raw["phrases"]:
            if phrase in registry.titles:
                raise RegistryError(f"titles.yml: {raw['title']}: phrase {phrase!r} listed twice")
            registry.titles[phrase] = raw["title"]
    registry.names = load_name_words(data_dir)
    registry.roles = _word_lists(data_dir / "roles.yml", ROLE_WORD_LISTS)
    registry.speech = _word_lists(data_dir / "speech.yml", SPEECH_WORD_LISTS)
    for raw in entries["people.yml"]:
        registry.people[raw["id"]] = _person(raw, registry)
    for raw in entries["topics.yml"]:
        registry.topics[raw["id"]] = Topic(
            raw["id"], raw["label"], raw.get("parent"), _strings(raw, "signals")
        )
    parties = {o.name: o for o in registry.organizations.values() if o.party}
    for raw in entries["publishers.yml"]:
        _require_known(raw["country"], registry.countries | parties, "publishers.yml", raw["name"],
                       "country")
        where = f"publishers.yml: {raw['name']}"
        registry.publishers[raw["name"]] = Publisher(
            raw["name"], raw["country"], _strings(raw, "mastheads"),
            tuple(d.lower() for d in _strings(raw, "domains")),
            _patterns(raw, "title_shapes", where), raw.get("short"),
            _patterns(raw, "sections", where), _patterns(raw, "date_lines", where),
            _patterns(raw, "datelines", where), raw.get("news_agency", False),
        )
    for raw in entries["formats.yml"]:
        if raw["format"] not in FORMATS:
            raise RegistryError(f"formats.yml: {raw['format']}: not one of {', '.join(FORMATS)}")
        registry.formats.append((raw["format"], tuple(raw["phrases"])))
    _date_words(entries["dates.yml"])  # checked with the rest; `datetext` reads it for the parser
    registry.passing = _passing_words(entries["places_in_passing.yml"])
    _check_topics(registry)
    _check_unique_names(registry)
    _load_summits(data_dir / "summits.yml", registry)
    registry.levels = _load_levels(data_dir / "levels.yml", registry)
    return registry


def _check_topics(registry: Registry) -> None:
    """Parents are known and lead to a root; a signal points at one topic only."""
    owner: dict[str, str] = {}
    for topic in registry.topics.values():
        if topic.parent is not None:
            _require_known(topic.parent, registry.topics, "topics.yml", topic.id, "parent")
        for signal in topic.signals:
            key = normalize_quotes(signal.strip()).lower()
            if owner.setdefault(key, topic.id) != topic.id:
                raise RegistryError(
                    f"topics.yml: {topic.id}: signal {signal!r} is already a signal of {owner[key]}"
                )
    for topic in registry.topics.values():
        chain = [topic.id]
        while registry.topics[chain[-1]].parent is not None:
            chain.append(registry.topics[chain[-1]].parent)
            if chain[-1] in chain[:-1]:
                raise RegistryError(f"topics.yml: {topic.id}: parents loop: {' > '.join(chain)}")


def read_yaml(path: Path, error: type[Exception] = RegistryError, label: str | None = None):
    """A YAML file's data; `error` naming the file (as `label`) when it cannot be read."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise error(f"{label or path.name}: cannot be read: {exc}") from None


def _load_list(path: Path) -> list[dict]:
    name = path.name
    data = read_yaml(path)
    if not isinstance(data, list):
        raise RegistryError(f"{name}: expected a list of entries at the top level")
    required, allowed = _SCHEMAS[name]
    seen: set[str] = set()
    for index, raw in enumerate(data):
        label = _entry_key(raw) if isinstance(raw, dict) else None
        where = f"{name}: entry {index + 1}" + (f" ({label})" if label else "")
        if not isinstance(raw, dict):
            raise RegistryError(f"{where}: expected a mapping")
        unknown = sorted(set(raw) - allowed)
        if unknown:
            raise RegistryError(f"{where}: unknown key {', '.join(map(repr, unknown))}")
        missing = sorted(k for k in required if not raw.get(k))
        if missing:
            raise RegistryError(f"{where}: missing key {', '.join(map(repr, missing))}")
        for key, value in raw.items():
            if key in _STRING_LISTS:
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise RegistryError(f"{where}: {key!r} must be a list of strings")
            elif key in ("party", "unnamed", "news_agency"):
                if not isinstance(value, bool):
                    raise RegistryError(f"{where}: {key!r} must be true or false")
            elif key in _NAME_TABLES:
                _check_name_table(value, _NAME_TABLES[key], f"{where}: {key!r}")
            elif key != "offices" and value is not None and not isinstance(value, str):
                raise RegistryError(f"{where}: {key!r} must be a string")
        key = _entry_key(raw)
        if key in seen:
            raise RegistryError(f"{where}: duplicate entry {key!r}")
        seen.add(key)
    return data


NAME_WORD_LISTS = ("stops", "honorifics", "postnominals", "institution_heads", "particles", "office_heads", "lowering", "relations",
                   "state_forms", "office_domains", "anonymous_speakers")
ROLE_WORD_LISTS = ("meeting_verbs", "meeting_nouns", "participation_verbs", "described_event",
                   "presence_verbs",
                   "attendee_cues", "joining_cues", "host_cues", "session_leads", "moderator_cues",
                   "future_cues",
                   "future_events", "meeting_title_words", "joint_statement_titles", "gatherings",
                   "delegates")
SPEECH_WORD_LISTS = ("speech_verbs", "meeting_with_person", "joint_subjects", "pronouns", "fillers")


def _word_lists(path: Path, keys: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """A mapping of word lists (names.yml, roles.yml, speech.yml): every key given, each a list
    of distinct non-empty strings."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RegistryError(f"{path.name}: expected a mapping of word lists")
    unknown = sorted(set(data) - set(keys))
    if unknown:
        raise RegistryError(f"{path.name}: unknown key {', '.join(map(repr, unknown))}")
    lists = {}
    for key in keys:
        words = data.get(key)
        if not isinstance(words, list) or not words or not all(
            isinstance(w, str) and w.strip() for w in words
        ):
            raise RegistryError(f"{path.name}: {key!r} must be a non-empty list of words")
        twice = sorted({w for w in words if words.count(w) > 1})
        if twice:
            raise RegistryError(f"{path.name}: {key}: listed twice: {', '.join(twice)}")
        lists[key] = tuple(words)
    return lists


def _entry_key(raw: dict) -> str | None:
    """What names an entry in messages and duplicate checks: its id, name, title, format, …"""
    keys = ("id", "name", "title", "format", "language", "cue")
    return next((raw[k] for k in keys if raw.get(k)), None)


def _check_name_table(value, count: int, where: str) -> None:
    """Months or weekdays: `count` lists, each of one or more spellings."""
    if not isinstance(value, list) or len(value) != count:
        raise RegistryError(f"{where} must list {count} entries, one list of spellings each")
    for spellings in value:
        if not spellings or not isinstance(spellings, list) or not all(
            isinstance(v, str) and v.strip() for v in spellings
        ):
            raise RegistryError(f"{where}: {spellings!r} is not a list of spellings")


def _passing_words(entries: list[dict]) -> PassingWords:
    for raw in entries:
        if raw["cue"] not in _PASSING_CUES:
            raise RegistryError(
                f"places_in_passing.yml: {raw['cue']}: not one of {', '.join(_PASSING_CUES)}"
            )
        if raw["cue"] == "the government speaking" and raw.get("before"):
            raise RegistryError("places_in_passing.yml: the government speaking: give only 'after'")
    speaking = [raw for raw in entries if raw["cue"] == "the government speaking"]
    others = [raw for raw in entries if raw["cue"] != "the government speaking"]
    return PassingWords(
        tuple(w for raw in others for w in _strings(raw, "before")),
        tuple(w for raw in others for w in _strings(raw, "after")),
        tuple(w for raw in speaking for w in _strings(raw, "after")),
    )


def load_name_words(data_dir: Path = DATA_DIR) -> NameWords:
    """Only names.yml, validated: what sentence splitting needs to know words of address."""
    return NameWords(**_word_lists(data_dir / "names.yml", NAME_WORD_LISTS))


def load_date_words(data_dir: Path = DATA_DIR) -> DateWords:
    """Only dates.yml, validated: what the parser needs to read date lines."""
    return _date_words(_load_list(data_dir / "dates.yml"))


def _date_words(entries: list[dict]) -> DateWords:
    """Merge the languages; a spelling may not mean two different months (or weekdays)."""
    tables: dict[str, dict[str, int]] = {"months": {}, "weekdays": {}}
    abbreviations: set[str] = set()
    for raw in entries:
        for key, numbers in tables.items():
            first = 1 if key == "months" else 0  # January is 1, Monday 0, as in datetime
            for number, spellings in enumerate(raw.get(key) or (), start=first):
                for written in spellings:
                    spelling = written.strip().lower().rstrip(".")
                    if numbers.setdefault(spelling, number) != number:
                        raise RegistryError(
                            f"dates.yml: {raw['language']}: {key} spelling {spelling!r} already "
                            f"means another {key[:-1]}"
                        )
                    if written.strip().endswith("."):
                        abbreviations.add(spelling)

    def merged(key: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(word for raw in entries for word in raw.get(key) or ()))

    return DateWords(
        tables["months"], tables["weekdays"], frozenset(abbreviations), merged("published"),
        merged("joiners"), merged("year_marks"), merged("today"), merged("yesterday"),
        merged("statement"),
    )


def _strings(raw: dict, key: str) -> tuple[str, ...]:
    return tuple(raw.get(key) or ())


def _patterns(raw: dict, key: str, where: str) -> tuple[re.Pattern, ...]:
    """Regular expressions a curator wrote, compiled now so a typo stops the build here."""
    patterns = []
    for text in _strings(raw, key):
        try:
            patterns.append(re.compile(text))
        except re.error as exc:
            raise RegistryError(f"{where}: {key}: {text!r} is not a valid pattern: {exc}") from None
    return tuple(patterns)


def _require_known(value, known, file: str, entry: str, key: str) -> None:
    if value not in known:
        raise RegistryError(f"{file}: {entry}: {key} {value!r} is not registered")


def _person(raw: dict, registry: Registry) -> Person:
    where = f"people.yml: {raw['id']}"
    if bool(raw.get("country")) == bool(raw.get("organization")):
        raise RegistryError(f"{where}: give exactly one of 'country' and 'organization'")
    if raw.get("country"):
        _require_known(raw["country"], registry.countries, "people.yml", raw["id"], "country")
    else:
        _require_known(
            raw["organization"], registry.organizations, "people.yml", raw["id"], "organization"
        )
    offices = []
    for office in raw.get("offices") or []:
        if not isinstance(office, dict) or set(office) - _OFFICE_KEYS or not office.get("title"):
            raise RegistryError(f"{where}: offices: each needs 'title' and may have 'from', 'to', "
                                "and one of 'country' and 'organization'")
        if office.get("country") and office.get("organization"):
            raise RegistryError(f"{where}: office {office['title']!r}: give at most one of "
                                "'country' and 'organization'")
        if office.get("country"):
            _require_known(office["country"], registry.countries, "people.yml", raw["id"], "country")
        if office.get("organization"):
            _require_known(office["organization"], registry.organizations, "people.yml", raw["id"],
                           "organization")
        bounds = []
        for key in ("from", "to"):
            value = office.get(key)
            if value is not None and not isinstance(value, dt.date):
                raise RegistryError(f"{where}: office {office['title']!r}: {key!r} is not a date")
            bounds.append(value)
        offices.append(Office(str(office["title"]), *bounds, office.get("country"),
                              office.get("organization")))
    for i, a in enumerate(offices):
        if a.start and a.end and a.end < a.start:
            raise RegistryError(f"{where}: office {a.title!r} ends before it starts")
        for b in offices[i + 1 :]:
            if a.title == b.title and _overlap(a, b):
                raise RegistryError(f"{where}: offices {a.title!r} overlap")
    return Person(
        raw["id"], raw["name"], raw["surname"], raw.get("country"), raw.get("organization"),
        _strings(raw, "aliases"), tuple(offices), registry.ranks,
    )


def _overlap(a: Office, b: Office) -> bool:
    lo = dt.date.min
    hi = dt.date.max
    return (a.start or lo) <= (b.end or hi) and (b.start or lo) <= (a.end or hi)


def _check_unique_names(registry: Registry) -> None:
    """A name or alias must point at one thing, or extraction would have to guess."""
    owners: dict[str, str] = {}

    def claim(text: str, owner: str, file: str) -> None:
        key = normalize_quotes(text)
        if key in owners and owners[key] != owner:
            raise RegistryError(f"{file}: {owner}: alias {text!r} already belongs to {owners[key]}")
        owners[key] = owner

    for country in registry.countries.values():
        for text in (country.name, *country.aliases, *country.demonyms):
            claim(text, f"country {country.name}", "countries.yml")
    for org in registry.organizations.values():
        for text in (org.name, *org.aliases):
            claim(text, f"organization {org.name}", "organizations.yml")
    for person in registry.people.values():
        for text in (person.name, *person.aliases):
            claim(text, f"person {person.id}", "people.yml")


# ---------------------------------------------------------------- summits and levels

_SERIES_KEYS = {"id", "name", "aliases", "bilateral", "editions"}
_EDITION_KEYS = {"id", "name", "from", "to", "city", "country", "virtual"}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _load_summits(path: Path, registry: Registry) -> None:
    """summits.yml: the margin, the cue words, and each series with its editions by date."""
    data = _load_mapping(path, {"margin_days", "cues", "series"})
    name = path.name
    margin = data.get("margin_days")
    if not isinstance(margin, int) or isinstance(margin, bool) or not 0 <= margin <= 7:
        raise RegistryError(f"{name}: 'margin_days' must be a whole number of days from 0 to 7")
    cues = data.get("cues")
    if not isinstance(cues, list) or not cues or not all(isinstance(c, str) and c.strip() for c in cues):
        raise RegistryError(f"{name}: 'cues' must be a non-empty list of phrases")
    if not isinstance(data.get("series"), list) or not data["series"]:
        raise RegistryError(f"{name}: 'series' must be a non-empty list")
    registry.summit_margin, registry.summit_cues = margin, tuple(cues)
    names: dict[str, str] = {}
    for index, raw in enumerate(data["series"]):
        series = _series(raw, f"{name}: series {index + 1}", registry)
        for text in (series.name, *series.aliases):
            key = _dashes(text).lower()
            if names.setdefault(key, series.id) != series.id:
                raise RegistryError(f"{name}: {series.id}: name {text!r} already names {names[key]}")
        for edition in series.editions:
            if edition.id in registry.editions or edition.id in registry.summits:
                raise RegistryError(f"{name}: {series.id}: edition id {edition.id!r} is used twice; "
                                    "give each edition of a year its own `id`")
            registry.editions[edition.id] = edition
        if series.id in registry.summits or series.id in registry.editions:
            raise RegistryError(f"{name}: series id {series.id!r} is used twice")
        registry.summits[series.id] = series


def _series(raw, where: str, registry: Registry) -> SummitSeries:
    if not isinstance(raw, dict):
        raise RegistryError(f"{where}: expected a mapping")
    where = f"{where} ({raw.get('id')})" if raw.get("id") else where
    _check_keys(raw, {"id", "name", "editions"}, _SERIES_KEYS, where)
    if not isinstance(raw["id"], str) or not _SLUG.match(raw["id"]):
        raise RegistryError(f"{where}: 'id' must be lowercase words joined by hyphens")
    aliases = raw.get("aliases") or []
    if not isinstance(raw["name"], str) or not isinstance(aliases, list) or not all(
            isinstance(a, str) and a.strip() for a in aliases):
        raise RegistryError(f"{where}: 'name' must be a string and 'aliases' a list of strings")
    if not isinstance(raw.get("bilateral", False), bool):
        raise RegistryError(f"{where}: 'bilateral' must be true or false")
    if not isinstance(raw["editions"], list):
        raise RegistryError(f"{where}: 'editions' must be a list")
    editions = [_edition(e, raw, f"{where}: edition {i + 1}", registry)
                for i, e in enumerate(raw["editions"])]
    return SummitSeries(raw["id"], raw["name"], tuple(aliases),
                        tuple(sorted(editions, key=lambda e: (e.start, e.id))),
                        raw.get("bilateral", False))


def _edition(raw, series: dict, where: str, registry: Registry) -> SummitEdition:
    if not isinstance(raw, dict):
        raise RegistryError(f"{where}: expected a mapping")
    _check_keys(raw, {"from", "city", "country"}, _EDITION_KEYS, where)
    start, end = raw["from"], raw.get("to", raw["from"])
    if not all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in (start, end)):
        raise RegistryError(f"{where}: 'from' and 'to' must be ISO dates")
    if end < start:
        raise RegistryError(f"{where}: ends ({end}) before it starts ({start})")
    edition_id = raw.get("id", f"{series['id']}-{start.year}")
    if not isinstance(edition_id, str) or not _SLUG.match(edition_id):
        raise RegistryError(f"{where}: 'id' must be lowercase words joined by hyphens")
    _require_known(raw["country"], registry.countries, "summits.yml", edition_id, "country")
    if not isinstance(raw.get("virtual", False), bool):
        raise RegistryError(f"{where}: 'virtual' must be true or false")
    for key in ("name", "city"):
        if key in raw and not (isinstance(raw[key], str) and raw[key].strip()):
            raise RegistryError(f"{where}: {key!r} must be a non-empty string")
    return SummitEdition(edition_id, series["id"], raw.get("name", series["name"]), start, end,
                         raw["city"], raw["country"], raw.get("virtual", False))


def _load_levels(path: Path, registry: Registry) -> tuple[Level, ...]:
    """levels.yml: levels highest first, each by ranks or office titles; the last takes the rest."""
    data = read_yaml(path)
    if not isinstance(data, list) or len(data) < 2:
        raise RegistryError(f"{path.name}: expected a list of at least two levels")
    levels, seen = [], set()
    for index, raw in enumerate(data):
        where = f"{path.name}: level {index + 1}"
        if not isinstance(raw, dict):
            raise RegistryError(f"{where}: expected a mapping")
        _check_keys(raw, {"id", "label"}, {"id", "label", "ranks", "titles"}, where)
        ranks, titles = raw.get("ranks") or [], raw.get("titles") or []
        if unknown := [r for r in ranks if r not in RANKS]:
            raise RegistryError(f"{where}: ranks {unknown} are not among {', '.join(RANKS)}")
        if unknown := [t for t in titles if t not in registry.ranks]:
            raise RegistryError(f"{where}: titles {unknown} are not in titles.yml")
        last = index == len(data) - 1
        if last != (not ranks and not titles):
            raise RegistryError(f"{where}: only the last level, which takes everyone else, "
                                "has neither ranks nor titles")
        if raw["id"] in seen:
            raise RegistryError(f"{where}: id {raw['id']!r} is used twice")
        seen.add(raw["id"])
        levels.append(Level(raw["id"], raw["label"], tuple(RANKS.index(r) for r in ranks),
                            tuple(titles)))
    return tuple(levels)


def _load_mapping(path: Path, keys: set[str]) -> dict:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RegistryError(f"{path.name}: expected a mapping at the top level")
    if unknown := sorted(set(data) - keys):
        raise RegistryError(f"{path.name}: unknown key {', '.join(map(repr, unknown))}")
    return data


def _check_keys(raw: dict, required: set[str], allowed: set[str], where: str) -> None:
    if unknown := sorted(set(raw) - allowed):
        raise RegistryError(f"{where}: unknown key {', '.join(map(repr, unknown))}")
    if missing := sorted(k for k in required if raw.get(k) in (None, "")):
        raise RegistryError(f"{where}: missing key {', '.join(map(repr, missing))}")


def _dashes(text: str) -> str:
    """En and em dashes as hyphens: "EU–China" and "EU-China" name the same summit."""
    return re.sub("[\u2010-\u2015]", "-", text)
