"""Archive → content/: front-mattered Markdown pages for MkDocs, written atomically.

Templates in templates/ only lay pages out; this module decides what each page lists. Every string
that came from a readout passes through `escape_markdown` (the `md` filter, and every link helper)
so that a readout can never put HTML or Markdown markup on the site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import itertools
import os
import re
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2
import yaml
from markdown.extensions.toc import slugify as heading_slugify

from .link import Archive, Pair, PersonInfo, TopicInfo, country_pairs
from .model import Entry, Facts
from .registry import Office, Registry, slugify

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
LATEST_ON_HOME = 10
GROUP_BY_YEAR_ABOVE = 12  # longer listings get a heading per year
PAGINATE_ABOVE = 300  # longer listings get a page per year, so no page grows without bound
OTHER_GROUP = "Other"
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fixed English names: strftime would follow the machine's locale
CHART_BAR_WIDTH, CHART_BAR_GAP, CHART_HEIGHT = 8, 2, 100


# ---------------------------------------------------------------- escaping

_MARKDOWN_METACHARACTERS = re.compile(r"([\\`*_\[\]()#+\-!|{}])")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # Markdown uses \x02/\x03 internally
_ORDERED_LIST_START = re.compile(r"^(\d+)\.")
_FENCE_START = re.compile(r"^~")  # "~~~" opens a fenced code block, and "\~" is no escape


def escape_markdown(text) -> str:
    """Text that shows literally when placed in a Markdown line: no HTML, links, emphasis, lists."""
    if text is None:
        return ""
    return _guard_line_start(_escape_inline(_collapse_whitespace(str(text))))


def _collapse_whitespace(text: str) -> str:
    """One line, no indentation: a readout string can never start a block of its own."""
    return " ".join(text.split())


def _escape_inline(text: str) -> str:
    text = html.escape(_CONTROL_CHARACTERS.sub("", text), quote=False)
    return _MARKDOWN_METACHARACTERS.sub(r"\\\1", text)


def _guard_line_start(markdown: str) -> str:
    markdown = _ORDERED_LIST_START.sub(r"\1\\.", markdown)
    return _FENCE_START.sub("&#126;", markdown)


_SAFE_URL = re.compile(r"https?://[^\s<>()\[\]\"'\\`]+\Z", re.IGNORECASE)


_ATTRIBUTE_PUNCTUATION = re.compile(r"[\\`\[\](){}=]")


def escape_attribute(text) -> str:
    """Text for a double-quoted HTML attribute value written into a page's raw HTML: one line,
    and no character that Markdown or a template language could read as syntax (as references)."""
    if text is None:
        return ""
    escaped = html.escape(_collapse_whitespace(_CONTROL_CHARACTERS.sub("", str(text))), quote=True)
    return _ATTRIBUTE_PUNCTUATION.sub(lambda m: f"&#{ord(m.group(0))};", escaped)


def search_facet(text) -> str:
    """A search filter value as an attribute: Pagefind lists a value holding `"` or `\\` but
    never matches it when filtering, so those two become `'` and `/`."""
    return escape_attribute(str(text).replace('"', "'").replace("\\", "/"))


def external_link(url: str | None) -> str:
    """A web address as a link only when it is plainly http(s); anything else shows as text."""
    if url and _SAFE_URL.match(url):
        return f"[{escape_markdown(url)}]({url})"
    return escape_markdown(url)


# ---------------------------------------------------------------- page addresses

_SAFE_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


def _file_name(kind: str, name: str) -> str:
    """Ids become file names as they are; refuse any that could escape a folder or clash."""
    if not _SAFE_FILE_NAME.match(name) or name == "index" or name.endswith(".md"):
        raise ValueError(f"{kind} {name!r} cannot be used as a page name")
    return name


def readout_path(slug: str) -> str:
    return f"readouts/{_file_name('readout slug', slug)}.md"


def person_path(person_id: str) -> str:
    return f"leaders/{_file_name('person id', person_id)}.md"


def topic_path(topic_id: str) -> str:
    return f"topics/{_file_name('topic id', topic_id)}.md"


def country_path(country: str) -> str:
    return f"countries/{_file_name('country', slugify(country))}.md"


def pair_path(pair: Pair) -> str:
    return f"pairs/{slugify(pair[0])}--{slugify(pair[1])}.md"


def year_path(year: int) -> str:
    return f"timeline/{year}.md"


def pair_title(pair: Pair) -> str:
    return "–".join(pair)


def readout_title(entry: Entry) -> str:
    return entry.facts.title or f"Untitled readout {entry.slug}"


# ---------------------------------------------------------------- formatting

def format_day(day: dt.date | None) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "undated"


def office_dates(office: Office) -> str:
    if office.start and office.end:
        return f"{format_day(office.start)} – {format_day(office.end)}"
    if office.start:
        return f"since {format_day(office.start)}"
    if office.end:
        return f"until {format_day(office.end)}"
    return ""


def _published(value: dt.datetime | dt.date | None) -> str | dt.date | None:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def _yaml(data: dict) -> str:
    """Front matter exactly as PyYAML's pure-Python `safe_dump` writes it, only faster.

    The pure-Python emitter on purpose: libyaml's writes some characters (emoji, U+0085)
    differently, and pages must be byte-identical wherever they are built. Scalars that are
    plainly safe are written directly; any other is handed to PyYAML alone, so the bytes are
    always PyYAML's (a property test compares the two on arbitrary text).
    """
    lines: list[str] = []
    _emit_mapping(data, "", lines)
    text = "".join(lines)
    if _LINE_BREAKS.search(text.replace("\n", "")) or text.count("\n") != len(lines):
        # a scalar PyYAML spreads over lines: let it indent the continuation lines
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    return text


_LINE_BREAKS = re.compile("[\r\x85\u2028\u2029]")


_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9,.'()/\-]*(?: [A-Za-z0-9,.'()/\-]+)*\Z")
_NOT_PLAIN = frozenset(
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split()
)


def _scalar(value) -> str:
    if value is None:
        return "null"
    if type(value) is str and _PLAIN_SAFE.match(value) and value not in _NOT_PLAIN:
        return value
    if type(value) is dt.date:
        return value.isoformat()
    dumped = yaml.safe_dump({"k": value}, allow_unicode=True, sort_keys=False, width=1_000_000)
    return dumped[3:-1]


def _emit_mapping(data: dict, indent: str, lines: list[str], first_prefix: str | None = None) -> None:
    prefix = indent if first_prefix is None else first_prefix
    for key, value in data.items():
        if isinstance(value, dict) and value:
            lines.append(f"{prefix}{key}:\n")
            _emit_mapping(value, indent + "  ", lines)
        elif isinstance(value, list) and value:
            lines.append(f"{prefix}{key}:\n")
            for item in value:
                if isinstance(item, dict) and item:
                    _emit_mapping(item, indent + "  ", lines, first_prefix=indent + "- ")
                else:
                    lines.append(f"{indent}- {_scalar(item)}\n")
        elif isinstance(value, (list, dict)):
            lines.append(f"{prefix}{key}: {'[]' if isinstance(value, list) else '{}'}\n")
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}\n")
        prefix = indent


def readout_front_matter(entry: Entry) -> str:
    """The front-matter contract of DESIGN.md, in its field order, then our additions."""
    facts = entry.facts
    return _yaml({
        "title": facts.title,
        "date": facts.date,
        "published": _published(facts.published),
        "format": facts.format,
        "format_detail": facts.format_detail,
        "location": facts.location,
        "participants": [
            {"id": p.id, "name": p.name, "role": p.role, "country": p.country, "title": p.title}
            for p in facts.participants
        ],
        "mentioned": [{"id": m.id, "name": m.name} for m in facts.mentioned],
        "countries": list(facts.countries),
        "mentioned_countries": list(facts.mentioned_countries),
        "topics": list(facts.topics),
        "source": {
            "file": facts.source.file,
            "sha256": facts.source.sha256,
            "url": facts.source.url,
            "section": facts.source.section,
        },
        "end_date": facts.end_date,
        "slug": entry.slug,
        "organizations": list(facts.organizations),
        "date_basis": facts.date_basis,
    })


# ---------------------------------------------------------------- first mentions

def link_first_mentions(entry: Entry, archive: Archive, registry: Registry, root: str) -> list[str]:
    """The readout's paragraphs as Markdown, each present or named person linked where first named.

    A person is found by full name; only when the full name never occurs, by surname.
    """
    paragraphs = [_collapse_whitespace(p) for p in entry.readout.paragraphs]
    spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for person_id, full_names, surname in _names_to_find(entry.facts, archive, registry):
        hit = _first_occurrence(paragraphs, full_names) or _first_occurrence(paragraphs, [surname])
        if hit:
            paragraph, start, end = hit
            spans[paragraph].append((start, end, person_id))
    return [
        _guard_line_start(_linked_paragraph(text, spans[index], root))
        for index, text in enumerate(paragraphs)
    ]


def _names_to_find(facts: Facts, archive: Archive, registry: Registry):
    people = {p.id: p.name for p in facts.participants}
    for mention in facts.mentioned:
        people.setdefault(mention.id, mention.name)
    for person_id, name_in_text in people.items():
        known = registry.person(person_id)
        full_names = list(dict.fromkeys([name_in_text, _person_name(archive, person_id)]))
        surname = known.surname if known else (name_in_text.split() or [""])[-1]
        yield person_id, full_names, surname


def _first_occurrence(paragraphs: list[str], names: list[str]) -> tuple[int, int, int] | None:
    names = [n for n in names if n]
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    for index, text in enumerate(paragraphs):
        match = pattern.search(text)
        if match:
            return index, match.start(), match.end()
    return None


def _linked_paragraph(text: str, spans: list[tuple[int, int, str]], root: str) -> str:
    """Escape the text and link the given spans; where two overlap, the earlier and longer wins."""
    pieces, position = [], 0
    for start, end, person_id in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        if start < position:
            continue
        pieces.append(_escape_inline(text[position:start]))
        pieces.append(f"[{_escape_inline(text[start:end])}]({root}{person_path(person_id)})")
        position = end
    pieces.append(_escape_inline(text[position:]))
    return "".join(pieces)


# ---------------------------------------------------------------- listings

@dataclass(frozen=True)
class Group:
    """A run of readouts under one heading; heading None for a short listing shown whole."""

    heading: str | None
    entries: list[Entry]
    page: str | None = None  # a long listing's year is a page of its own: its path


def year_groups(entries: list[Entry], newest_first: bool = False) -> list[Group]:
    dated = [e for e in entries if e.facts.date]
    undated = [e for e in entries if not e.facts.date]
    if newest_first:
        dated.reverse()
    groups = [
        Group(str(year), list(run))
        for year, run in itertools.groupby(dated, key=lambda e: e.facts.date.year)
    ]
    return groups + ([Group("Undated", undated)] if undated else [])


def listing(entries: list[Entry], folder: str | None = None) -> list[Group]:
    """Short listings whole; long ones by year, so a reader can find their way in them.

    Past PAGINATE_ABOVE, each year moves to a page of its own under `folder` (the group then
    names that page), so no listing page grows with the archive.
    """
    if folder and len(entries) > PAGINATE_ABOVE:
        return paginated(year_groups(entries), folder)
    if len(entries) > GROUP_BY_YEAR_ABOVE:
        return year_groups(entries)
    return [Group(None, entries)]


def paginated(groups: list[Group], folder: str) -> list[Group]:
    return [
        dataclasses.replace(group, page=f"{folder}/{_file_name('year', group.heading.lower())}.md")
        for group in groups
    ]


def _listing_pages(title: str, parent: str, groups: list[Group]):
    """The page of each year of a paginated listing."""
    for group in groups:
        if group.page:
            yield _page(group.page, "listing_year.md.j2", f"{title}: {group.heading}",
                        parent_title=title, parent=parent, year=group.heading,
                        entries=group.entries, count=len(group.entries))


@dataclass(frozen=True)
class TopicRow:
    depth: int
    topic: TopicInfo
    count: int


def topic_tree(archive: Archive) -> list[TopicRow]:
    """Topics A–Z by label, each followed by its children, indented."""
    children: dict[str | None, list[TopicInfo]] = defaultdict(list)
    for topic in archive.topics.values():
        parent = topic.parent if topic.parent in archive.topics else None
        children[parent].append(topic)
    rows: list[TopicRow] = []
    visited: set[str] = set()

    def visit(parent: str | None, depth: int) -> None:
        for topic in sorted(children[parent], key=lambda t: (t.label, t.id)):
            if topic.id not in visited:
                visited.add(topic.id)
                rows.append(TopicRow(depth, topic, len(archive.by_topic.get(topic.id, []))))
                visit(topic.id, depth + 1)

    visit(None, 0)
    return rows


@dataclass(frozen=True)
class Bar:
    x: int
    height: int
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_width: int
    bars: list[Bar]
    year_marks: list[tuple[int, int]]  # (x, year) under each January


def activity_chart(archive: Archive) -> Chart | None:
    """One column per month from the first dated readout to the last, height by readout count."""
    if not archive.by_month:
        return None
    first, last = min(archive.by_month), max(archive.by_month)
    peak = max(len(entries) for entries in archive.by_month.values())
    bars, year_marks = [], []
    year, month = first
    while (year, month) <= last:
        x = len(bars) * (CHART_BAR_WIDTH + CHART_BAR_GAP)
        count = len(archive.by_month.get((year, month), []))
        noun = "readout" if count == 1 else "readouts"
        label = f"{MONTHS[month - 1]} {year}: {count} {noun}"
        bars.append(Bar(x, round(CHART_HEIGHT * count / peak), label))
        if month == 1 or ((year, month) == first and month <= 9):  # no label crowding January's
            year_marks.append((x, year))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    width = len(bars) * (CHART_BAR_WIDTH + CHART_BAR_GAP)
    return Chart(width, CHART_HEIGHT, CHART_BAR_WIDTH, bars, year_marks)


# ---------------------------------------------------------------- pages

@dataclass
class Page:
    path: str  # relative to content/
    front_matter: str | None  # YAML; None until `build` has run
    template: str  # lays out the Markdown body
    context: dict | None
    build: Callable[[], tuple[str, dict]] | None = None  # makes front matter and context late
    key_inputs: tuple | None = None  # what the page depends on, when context is built late

    def materialize(self) -> None:
        if self.build is not None:
            self.front_matter, self.context = self.build()
            self.build = None

    def key(self, salt: str) -> str:
        parts: list[str] = [salt, self.path, self.template]
        if self.key_inputs is not None:
            _fingerprint(self.key_inputs, parts)
        else:
            parts.append(self.front_matter)
            _fingerprint(self.context, parts)
        return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fingerprint(value, out: list[str]) -> None:
    """What a page context holds, flattened to strings; an entry stands for itself by its digest."""
    kind = type(value)
    if kind is str:
        out.append(f"s{len(value)}:{value}")
    elif kind is Entry:
        out.append("e" + value.content_digest())
    elif kind in (list, tuple):
        out.append(f"[{len(value)}")
        if value and all(type(item) is Entry for item in value):  # listings: the common case
            out.append("e" + ",".join(item.digest or item.content_digest() for item in value))
            return
        for item in value:
            _fingerprint(item, out)
    elif kind is dict:
        out.append(f"{{{len(value)}")
        for k, v in value.items():
            _fingerprint(k, out)
            _fingerprint(v, out)
    elif dataclasses.is_dataclass(value):
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
        out.append(kind.__name__)
        for name in names:
            _fingerprint(getattr(value, name), out)
    elif value is None or kind in (int, float, bool, dt.date, dt.datetime):
        out.append(f"{kind.__name__}:{value!r}")
    else:
        raise TypeError(f"cannot fingerprint a {kind.__name__} in a page context")


def _page(path: str, template: str, title: str, **context) -> Page:
    return Page(path, _yaml({"title": title}), template, {"title": title, **context})


def _pages(archive: Archive, registry: Registry):
    yield _home_page(archive)
    yield _search_page()
    groups = year_groups(archive.entries, newest_first=True)
    if len(archive.entries) > PAGINATE_ABOVE:
        groups = paginated(groups, "readouts/by-year")
    yield _page("readouts/index.md", "readouts_index.md.j2", "Readouts",
                groups=groups, count=len(archive.entries))
    yield from _listing_pages("Readouts", "readouts/index.md", groups)
    for entry in archive.entries:
        yield _readout_page(entry, archive, registry)
    yield _leaders_index(archive)
    for person in archive.people.values():
        yield from _person_page(person, archive)
    yield _page("topics/index.md", "topics_index.md.j2", "Topics", rows=topic_tree(archive))
    for topic in archive.topics.values():
        yield from _topic_page(topic, archive)
    yield _page("countries/index.md", "countries_index.md.j2", "Countries",
                countries=[(c, len(entries)) for c, entries in archive.by_country.items()],
                pairs=[(pair, len(entries)) for pair, entries in archive.by_pair.items()])
    for country, entries in archive.by_country.items():
        path = country_path(country)
        groups = listing(entries, path.removesuffix(".md"))
        yield from _listing_pages(country, path, groups)
        yield _page(path, "country.md.j2", country, country=country,
                    groups=groups, count=len(entries),
                    leaders=[
                        (person, len(archive.by_person.get(person.id, [])))
                        for person in archive.people_of(country)
                    ],
                    partners=archive.partners(country), topics=archive.topics_in(entries))
    for pair, entries in archive.by_pair.items():
        path = pair_path(pair)
        groups = listing(entries, path.removesuffix(".md"))
        yield from _listing_pages(pair_title(pair), path, groups)
        yield _page(path, "pair.md.j2", pair_title(pair), countries=pair,
                    groups=groups, count=len(entries),
                    leaders=archive.principals_in(entries), topics=archive.topics_in(entries))
    yield _page("timeline/index.md", "timeline.md.j2", "Timeline", years=_timeline_years(archive),
                chart=activity_chart(archive), undated=len(archive.undated))
    for year, entries in archive.by_year.items():
        months = [
            (MONTHS[month - 1], [e for e in entries if e.facts.date.month == month])
            for month in sorted({e.facts.date.month for e in entries})
        ]
        yield _page(year_path(year), "year.md.j2", str(year), year=year, months=months,
                    count=len(entries))


def _home_page(archive: Archive) -> Page:
    dated = [e for e in archive.entries if e.facts.date]
    return _page(
        "index.md", "home.md.j2", "Summit Archive",
        counts={
            "readouts": len(archive.entries),
            "leaders": len(archive.people),
            "countries": len(archive.by_country),
            "topics": len(archive.by_topic),
        },
        first=dated[0].facts.date if dated else None,
        last=dated[-1].facts.date if dated else None,
        latest=(list(reversed(dated)) + archive.undated)[:LATEST_ON_HOME],
    )


def _search_page() -> Page:
    """The search page: a form that the theme's search-page.html template brings to life."""
    return Page("search.md", _yaml({"title": "Search", "template": "search-page.html",
                                      "hide": ["navigation", "toc"]}),
                "search.md.j2", {"title": "Search"})


def _readout_page(entry: Entry, archive: Archive, registry: Registry) -> Page:
    path = readout_path(entry.slug)
    pairs = [(pair, *archive.neighbours(entry.slug, pair)) for pair in country_pairs(entry.facts.countries)]
    related = _related(entry, archive)

    def build() -> tuple[str, dict]:
        return readout_front_matter(entry), {
            "entry": entry,
            "facts": entry.facts,
            "title": readout_title(entry),
            "paragraphs": link_first_mentions(entry, archive, registry, _root(path)),
            "related": related,
            "pairs": pairs,
        }

    return Page(path, None, "readout.md.j2", None, build=build, key_inputs=(entry, related, pairs))


_RELATED_MEMO: dict[str, tuple[str, list[str]]] = {}  # set per build from the render state
_RELATED_SEEN: dict[str, tuple[str, list[str]]] = {}


def _related(entry: Entry, archive: Archive) -> list[Entry]:
    """`archive.related`, remembered between builds: scored again only when its candidates change."""
    candidates = archive.related_candidates(entry.slug)
    signature = hashlib.sha1("".join(
        [entry.content_digest(), *[c.digest or c.content_digest() for c in candidates]]
    ).encode()).hexdigest()
    known = _RELATED_MEMO.get(entry.slug)
    if known and known[0] == signature and all(s in archive.by_slug for s in known[1]):
        related = [archive.by_slug[s] for s in known[1]]
    else:
        related = archive.score_related(entry.slug, candidates)
    _RELATED_SEEN[entry.slug] = (signature, [e.slug for e in related])
    return related


def _leaders_index(archive: Archive) -> Page:
    groups: dict[str, list[PersonInfo]] = defaultdict(list)
    for person in archive.people.values():
        groups[person.country or person.organization or OTHER_GROUP].append(person)
    ordered = sorted(groups.items(), key=lambda item: (item[0] == OTHER_GROUP, item[0]))
    return _page("leaders/index.md", "leaders_index.md.j2", "Leaders", groups=[
        (label, sorted(people, key=lambda p: (p.name, p.id))) for label, people in ordered
    ])


def _person_page(person: PersonInfo, archive: Archive):
    meetings = archive.by_person.get(person.id, [])
    path = person_path(person.id)
    groups = listing(meetings, path.removesuffix(".md"))
    yield from _listing_pages(person.name, path, groups)
    yield _page(
        path, "person.md.j2", person.name, person=person,
        offices=[(office.title, office_dates(office)) for office in person.offices],
        groups=groups, count=len(meetings),
        mentions=archive.mentions_of.get(person.id, []),
        counterparts=archive.counterparts(person.id),
        compatriots=archive.counterparts(person.id, compatriots=True),
        topics=archive.topics_in(meetings),
    )


def _topic_page(topic: TopicInfo, archive: Archive):
    entries = archive.by_topic.get(topic.id, [])
    children = sorted(
        (t for t in archive.topics.values() if t.parent == topic.id), key=lambda t: (t.label, t.id)
    )
    path = topic_path(topic.id)
    groups = listing(entries, path.removesuffix(".md"))
    yield from _listing_pages(topic.label, path, groups)
    yield _page(
        path, "topic.md.j2", topic.label, topic=topic,
        parent=archive.topics.get(topic.parent) if topic.parent else None, children=children,
        groups=groups, count=len(entries), leaders=archive.principals_in(entries),
    )


def _timeline_years(archive: Archive) -> list[tuple[int, int, list[tuple[str, str, int]]]]:
    """(year, readouts, [(month, its section on the year page, readouts)]), newest year first.

    The section address is the heading id MkDocs' toc extension gives the month's heading.
    """
    return [
        (year, len(entries), [
            (MONTHS[m - 1], f"{year_path(year)}#{heading_slugify(MONTHS[m - 1], '-')}",
             len(archive.by_month[(year, m)]))
            for (y, m) in archive.by_month if y == year
        ])
        for year, entries in reversed(archive.by_year.items())
    ]


# ---------------------------------------------------------------- writing

def _root(path: str) -> str:
    """The way back to content/ from a page, for relative links MkDocs can check."""
    return "../" * path.count("/")


def _environment(archive: Archive) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is Markdown: readout strings go through the md filter
    )
    env.filters.update(md=escape_markdown, day=format_day, attr=escape_attribute, facet=search_facet)
    env.globals.update(person_name=lambda person_id: _person_name(archive, person_id),
                       topic_label=lambda topic_id: _topic_label(archive, topic_id))
    env.globals.update(external_link=external_link, pair_title=pair_title, **_link_helpers(archive))
    return env


# What a page looked up in the archive beyond its own context, as (kind, key, answer): a page
# kept from the last build must get the same answers now. Collected while a page is made.
_DEPENDENCIES: list[tuple[str, str, object]] = []


def _person_name(archive: Archive, person_id: str) -> str:
    name = archive.people[person_id].name
    _DEPENDENCIES.append(("person", person_id, name))
    return name


def _topic_label(archive: Archive, topic_id: str) -> str:
    label = archive.topics[topic_id].label
    _DEPENDENCIES.append(("topic", topic_id, label))
    return label


def _has_country_page(archive: Archive, country: str) -> bool:
    found = country in archive.by_country
    _DEPENDENCIES.append(("country", country, found))
    return found


def _dependencies_hold(dependencies, archive: Archive) -> bool:
    for kind, key, answer in dependencies:
        if kind == "person":
            person = archive.people.get(key)
            if person is None or person.name != answer:
                return False
        elif kind == "topic":
            topic = archive.topics.get(key)
            if topic is None or topic.label != answer:
                return False
        elif (key in archive.by_country) != answer:
            return False
    return True


def _link_helpers(archive: Archive) -> dict:
    """Template functions writing a Markdown link to a page, relative to the page being written."""

    def link(context, text: str, path: str) -> str:
        return f"[{escape_markdown(text)}]({context['root']}{path})"

    def person_link(context, person_id: str) -> str:
        return link(context, _person_name(archive, person_id), person_path(person_id))

    def readout_link(context, entry: Entry) -> str:
        return link(context, readout_title(entry), readout_path(entry.slug))

    def topic_link(context, topic_id: str) -> str:
        return link(context, _topic_label(archive, topic_id), topic_path(topic_id))

    def country_link(context, country: str) -> str:
        """Countries that took part in a readout have a page; others are named only."""
        if _has_country_page(archive, country):
            return link(context, country, country_path(country))
        return escape_markdown(country)

    def pair_link(context, pair: Pair) -> str:
        return link(context, pair_title(pair), pair_path(pair))

    def year_link(context, year: int) -> str:
        return link(context, str(year), year_path(year))

    helpers = [link, person_link, readout_link, topic_link, country_link, pair_link, year_link]
    return {helper.__name__: jinja2.pass_context(helper) for helper in helpers}


@dataclass
class PageRecord:
    """How a page was written last time: its key, what it looked up, and the file's identity."""

    key: str
    dependencies: tuple
    stat: tuple[int, int, int]  # size, mtime_ns, inode


def _stat_of(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


class RenderState:
    """What the last build of a content folder wrote, kept in the cache folder between builds.

    Without a cache folder it remembers nothing, and every page is rendered (files whose bytes
    did not change are still kept rather than rewritten).
    """

    def __init__(self, cache_dir: Path | None, content_dir: Path):
        self.content_dir = Path(content_dir)
        self.path = None
        if cache_dir:
            where = hashlib.sha1(str(self.content_dir.resolve()).encode()).hexdigest()[:16]
            self.path = Path(cache_dir) / f"render-{where}.pickle"
        from .cache import load_pickle

        saved = load_pickle(self.path, {}) if self.path else {}
        saved = saved if isinstance(saved, dict) else {}
        self.build: str | None = saved.get("build")
        self.pages: dict[str, PageRecord] = saved.get("pages", {})
        self.related: dict[str, tuple[str, list[str]]] = saved.get("related", {})

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def intact(self, path: str, record: PageRecord) -> bool:
        return _stat_of(self.content_dir / path) == record.stat

    def unchanged(self, build: str) -> bool:
        """The last build had these very inputs, and what it wrote is still there untouched."""
        return (
            self.path is not None and self.build == build and bool(self.pages)
            and all(self.intact(path, record) for path, record in self.pages.items())
        )

    def save(self, build: str) -> None:
        from .cache import save_pickle

        self.build = build
        if self.path is not None:
            save_pickle(self.path, {"build": build, "pages": self.pages, "related": self.related})


@dataclass
class RenderResult:
    pages: int  # pages in content/
    written: int  # files written because their bytes changed; the others were kept as they were


def render_content(archive: Archive, registry: Registry, content_dir: Path, *,
                   state: RenderState | None = None, progress=None) -> RenderResult:
    """Write every page into a fresh sibling folder, then swap it for content_dir.

    A build that fails part way leaves the previous content/ as it was, and pages of readouts
    that are gone do not linger. A page whose inputs are those of the last build is not rendered
    again: its file is hard-linked into the new folder, as is any page rendered to the same bytes,
    so an unchanged page keeps its file (and its modification time).
    """
    global _RELATED_MEMO, _RELATED_SEEN
    from .cache import code_fingerprint, registry_fingerprint

    content_dir = Path(content_dir)
    state = state or RenderState(None, content_dir)
    salt = f"{code_fingerprint()}:{registry_fingerprint(registry)}"
    env = _environment(archive)
    _RELATED_MEMO, _RELATED_SEEN = state.related, {}
    try:
        pages = list(_pages(archive, registry))
    finally:
        _RELATED_MEMO = {}
    paths = [page.path for page in pages]
    if len(set(paths)) != len(paths):
        clashes = sorted({p for p in paths if paths.count(p) > 1})
        raise ValueError(f"two pages would be written to the same file: {', '.join(clashes)}")
    content_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{content_dir.name}.new-", dir=content_dir.parent))
    records: dict[str, PageRecord] = {}
    written = 0
    if progress:
        progress.start("render", len(pages))
    try:
        staging.chmod(0o755)
        folders: set[Path] = set()
        for page in pages:
            target = staging / page.path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            old_file = content_dir / page.path
            key = page.key(salt)
            old = state.pages.get(page.path)
            if (old is not None and old.key == key and state.intact(page.path, old)
                    and _dependencies_hold(old.dependencies, archive) and _keep(old_file, target)):
                records[page.path] = old
            else:
                _DEPENDENCIES.clear()
                page.materialize()
                body = env.get_template(page.template).render(root=_root(page.path), **page.context)
                text = f"---\n{page.front_matter}---\n\n{_tidy(body)}"
                if not (_same_bytes(old_file, text.encode("utf-8")) and _keep(old_file, target)):
                    _write_page(target, text)
                    written += 1
                records[page.path] = PageRecord(key, tuple(dict.fromkeys(_DEPENDENCIES)),
                                                _stat_of(target))
                _DEPENDENCIES.clear()
            if progress:
                progress.advance()
        _swap_in(staging, content_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    state.pages = records
    state.related = _RELATED_SEEN
    _RELATED_SEEN = {}
    return RenderResult(len(pages), written)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _keep(old_file: Path, target: Path) -> bool:
    """Put the previous build's file into the new folder as it is: a hard link, else a copy."""
    try:
        os.link(old_file, target)
        return True
    except OSError:
        try:
            shutil.copy2(old_file, target)
            return True
        except OSError:
            return False


def _tidy(markdown: str) -> str:
    """At most one blank line between blocks, one newline at the end: templates may be generous."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip("\n") + "\n"


def _write_page(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _exchange(a: Path, b: Path) -> bool:
    try:
        import ctypes

        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _swap_in(staging: Path, content_dir: Path) -> None:
    """Swap the new tree in for the old in one step where the system can, then delete the old.

    Linux exchanges two directories atomically (renameat2 RENAME_EXCHANGE): a build killed at any
    instant leaves content/ whole. Elsewhere two renames leave a moment without content/.
    """
    if not content_dir.exists():
        os.rename(staging, content_dir)
        return
    if _exchange(staging, content_dir):
        shutil.rmtree(staging)  # now the previous tree
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{content_dir.name}.old-", dir=content_dir.parent))
    old = retired / content_dir.name
    os.rename(content_dir, old)
    try:
        os.rename(staging, content_dir)
    except BaseException:
        os.rename(old, content_dir)
        raise
    shutil.rmtree(retired)
