"""Archive → content/: front-mattered Markdown pages for MkDocs, written atomically.

Templates in templates/ only lay pages out; this module decides what each page lists. Every string
that came from a readout passes through `escape_markdown` (the `md` filter, and every link helper)
so that a readout can never put HTML or Markdown markup on the site.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import os
import re
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from markdown.extensions.toc import slugify as heading_slugify

from .link import Archive, Pair, PersonInfo, TopicInfo, country_pairs
from .model import Entry, Facts
from .registry import Office, Registry, slugify

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
LATEST_ON_HOME = 10
GROUP_BY_YEAR_ABOVE = 12  # longer listings get a heading per year
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
    """Pure-Python emitter on purpose: libyaml's writes some characters (emoji, U+0085)
    differently, and pages must be byte-identical wherever they are built."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


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
        full_names = list(dict.fromkeys([name_in_text, archive.people[person_id].name]))
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


def listing(entries: list[Entry]) -> list[Group]:
    """Short listings whole; long ones by year, so a reader can find their way in them."""
    if len(entries) > GROUP_BY_YEAR_ABOVE:
        return year_groups(entries)
    return [Group(None, entries)]


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

@dataclass(frozen=True)
class Page:
    path: str  # relative to content/
    front_matter: str  # YAML
    template: str  # lays out the Markdown body
    context: dict


def _page(path: str, template: str, title: str, **context) -> Page:
    return Page(path, _yaml({"title": title}), template, {"title": title, **context})


def _pages(archive: Archive, registry: Registry):
    yield _home_page(archive)
    yield _page("readouts/index.md", "readouts_index.md.j2", "Readouts",
                groups=year_groups(archive.entries, newest_first=True), count=len(archive.entries))
    for entry in archive.entries:
        yield _readout_page(entry, archive, registry)
    yield _leaders_index(archive)
    for person in archive.people.values():
        yield _person_page(person, archive)
    yield _page("topics/index.md", "topics_index.md.j2", "Topics", rows=topic_tree(archive))
    for topic in archive.topics.values():
        yield _topic_page(topic, archive)
    yield _page("countries/index.md", "countries_index.md.j2", "Countries",
                countries=[(c, len(entries)) for c, entries in archive.by_country.items()],
                pairs=[(pair, len(entries)) for pair, entries in archive.by_pair.items()])
    for country, entries in archive.by_country.items():
        yield _page(country_path(country), "country.md.j2", country, country=country,
                    groups=listing(entries), count=len(entries),
                    leaders=[
                        (person, len(archive.by_person.get(person.id, [])))
                        for person in archive.people_of(country)
                    ],
                    partners=archive.partners(country), topics=archive.topics_in(entries))
    for pair, entries in archive.by_pair.items():
        yield _page(pair_path(pair), "pair.md.j2", pair_title(pair), countries=pair,
                    groups=listing(entries), count=len(entries),
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


def _readout_page(entry: Entry, archive: Archive, registry: Registry) -> Page:
    path = readout_path(entry.slug)
    pairs = country_pairs(entry.facts.countries)
    return Page(path, readout_front_matter(entry), "readout.md.j2", {
        "entry": entry,
        "facts": entry.facts,
        "title": readout_title(entry),
        "paragraphs": link_first_mentions(entry, archive, registry, _root(path)),
        "related": archive.related(entry.slug),
        "pairs": [(pair, *archive.neighbours(entry.slug, pair)) for pair in pairs],
    })


def _leaders_index(archive: Archive) -> Page:
    groups: dict[str, list[PersonInfo]] = defaultdict(list)
    for person in archive.people.values():
        groups[person.country or person.organization or OTHER_GROUP].append(person)
    ordered = sorted(groups.items(), key=lambda item: (item[0] == OTHER_GROUP, item[0]))
    return _page("leaders/index.md", "leaders_index.md.j2", "Leaders", groups=[
        (label, sorted(people, key=lambda p: (p.name, p.id))) for label, people in ordered
    ])


def _person_page(person: PersonInfo, archive: Archive) -> Page:
    meetings = archive.by_person.get(person.id, [])
    return _page(
        person_path(person.id), "person.md.j2", person.name, person=person,
        offices=[(office.title, office_dates(office)) for office in person.offices],
        groups=listing(meetings), count=len(meetings),
        mentions=archive.mentions_of.get(person.id, []),
        counterparts=archive.counterparts(person.id), topics=archive.topics_in(meetings),
    )


def _topic_page(topic: TopicInfo, archive: Archive) -> Page:
    entries = archive.by_topic.get(topic.id, [])
    children = sorted(
        (t for t in archive.topics.values() if t.parent == topic.id), key=lambda t: (t.label, t.id)
    )
    return _page(
        topic_path(topic.id), "topic.md.j2", topic.label, topic=topic,
        parent=archive.topics.get(topic.parent) if topic.parent else None, children=children,
        groups=listing(entries), count=len(entries), leaders=archive.principals_in(entries),
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
    env.filters.update(md=escape_markdown, day=format_day)
    env.globals.update(external_link=external_link, pair_title=pair_title, **_link_helpers(archive))
    return env


def _link_helpers(archive: Archive) -> dict:
    """Template functions writing a Markdown link to a page, relative to the page being written."""

    def link(context, text: str, path: str) -> str:
        return f"[{escape_markdown(text)}]({context['root']}{path})"

    def person_link(context, person_id: str) -> str:
        return link(context, archive.people[person_id].name, person_path(person_id))

    def readout_link(context, entry: Entry) -> str:
        return link(context, readout_title(entry), readout_path(entry.slug))

    def topic_link(context, topic_id: str) -> str:
        return link(context, archive.topics[topic_id].label, topic_path(topic_id))

    def country_link(context, country: str) -> str:
        """Countries that took part in a readout have a page; others are named only."""
        if country in archive.by_country:
            return link(context, country, country_path(country))
        return escape_markdown(country)

    def pair_link(context, pair: Pair) -> str:
        return link(context, pair_title(pair), pair_path(pair))

    def year_link(context, year: int) -> str:
        return link(context, str(year), year_path(year))

    helpers = [link, person_link, readout_link, topic_link, country_link, pair_link, year_link]
    return {helper.__name__: jinja2.pass_context(helper) for helper in helpers}


def render_content(archive: Archive, registry: Registry, content_dir: Path) -> int:
    """Write every page into a fresh sibling folder, then swap it for content_dir.

    A build that fails part way leaves the previous content/ as it was, and pages of readouts
    that are gone do not linger. Returns the number of pages written.
    """
    content_dir = Path(content_dir)
    env = _environment(archive)
    pages = list(_pages(archive, registry))
    paths = [page.path for page in pages]
    if len(set(paths)) != len(paths):
        clashes = sorted({p for p in paths if paths.count(p) > 1})
        raise ValueError(f"two pages would be written to the same file: {', '.join(clashes)}")
    content_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{content_dir.name}.new-", dir=content_dir.parent))
    try:
        staging.chmod(0o755)
        for page in pages:
            body = env.get_template(page.template).render(root=_root(page.path), **page.context)
            _write_page(staging / page.path, f"---\n{page.front_matter}---\n\n{_tidy(body)}")
        _swap_in(staging, content_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(pages)


def _tidy(markdown: str) -> str:
    """At most one blank line between blocks, one newline at the end: templates may be generous."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip("\n") + "\n"


def _write_page(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _swap_in(staging: Path, content_dir: Path) -> None:
    """Rename the old tree away, the new one into place, then delete the old one."""
    if not content_dir.exists():
        os.rename(staging, content_dir)
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
