"""The archive's facts as open data in data/: JSON, CSV and a Frictionless data package.

`readouts.json` holds each readout's front-matter record (`pages.readout.readout_record`: the
contract of DESIGN.md and every field added to it, such as `event` and `summit`) and the address
of its page; `readouts.csv`, `participants.csv` and `topics.csv` hold the
same facts flat, one row per readout, per person per readout and per topic per readout.
`datapackage.json` describes the four files (a Table Schema for each, a JSON Schema for the JSON)
and their licence; the Data page (templates/data.md.j2) explains the same columns to readers.
Rows are in the archive's date order and nothing comes from the clock, so two builds write the
same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from functools import cached_property, partial
from operator import itemgetter
from typing import Callable, Iterable, Iterator

from .link import Archive
from .model import Entry
from .pages.addresses import page_url, readout_path, site_address
from .pages.base import PlanInputs, simple_page
from .pages.readout import readout_record
from .write import Page, fingerprint

DATA_FOLDER = "data"
LICENSE = {
    "name": "CC0-1.0",
    "title": "Creative Commons Zero v1.0 Universal",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
}
LIST_SEPARATOR = ";"  # between the items of a list in a CSV cell


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, date, integer, list
    description: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str  # also its file: data/NAME.csv
    title: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the columns that identify a row


READOUTS = Table("readouts", "Readouts", "One row per readout.", (
    Column("slug", "string", "The readout's id: its page is readouts/SLUG/.", True),
    Column("page", "string", "The readout's page in the archive.", True),
    Column("title", "string", "The title the publisher gave it.", True),
    Column("date", "date", "The day the meeting took place (for an announcement, the day it "
                           "was made)."),
    Column("end_date", "date", "The last day, when the meeting lasted several days."),
    Column("published", "string", "The source's own timestamp as given (YYYY-MM-DD, or "
                                  "YYYY-MM-DD HH:MM in the publisher's time)."),
    Column("format", "string", "talks, meeting, phone call, video call, state visit, summit, "
                               "banquet, joint press conference or other.", True),
    Column("format_detail", "string", "The source's own words for the format, when they say more."),
    Column("kind", "string", "bilateral, multilateral, joint statement, press conference or "
                             "announcement.", True),
    Column("location", "string", "Where it took place, as the text says; empty for calls."),
    Column("publisher", "string", "The office that published the readout."),
    Column("countries", "list", "Countries whose people took part, separated by ';'."),
    Column("mentioned_countries", "list", "Other countries the readout names, separated by ';'."),
    Column("principals", "list", "Ids of the leaders whose meeting it was, separated by ';' (see "
                                 "participants.csv)."),
    Column("topics", "list", "Topic ids, the strongest first, separated by ';' (see topics.csv)."),
    Column("event", "string", "The meeting this readout tells of, shared by every readout of "
                              "it, when known."),
    Column("summit", "string", "The summit edition it was part of or held beside, when known."),
    Column("source_url", "string", "The original readout's address."),
    Column("retrieved", "date", "The day the text was taken from source_url."),
    Column("source_file", "string", "The archive's copy of the text.", True),
    Column("sha256", "string", "SHA-256 checksum of that copy.", True),
), ("slug",))

PARTICIPANTS = Table("participants", "Participants", "One row per person per readout.", (
    Column("readout", "string", "The readout's slug (readouts.csv).", True),
    Column("person", "string", "The person's id: their page is leaders/ID/.", True),
    Column("name", "string", "Their name.", True),
    Column("role", "string", "principal (a leader whose meeting it was) or attendee (an "
                             "official attending or accompanying).", True),
    Column("title", "string", "Their office, as the readout gives it."),
    Column("country", "string", "The country (or union) they speak for."),
), ("readout", "person"))

TOPICS = Table("topics", "Topics", "One row per topic per readout.", (
    Column("readout", "string", "The readout's slug (readouts.csv).", True),
    Column("rank", "integer", "1 for the topic with the strongest evidence in the text, then 2, "
                              "3…", True),
    Column("topic", "string", "The topic's id: its page is topics/ID/, or for the relations "
                              "of two countries, their pair's page (pairs/).", True),
    Column("label", "string", "The topic's name.", True),
    Column("parent", "string", "The id of the broader topic it belongs to."),
), ("readout", "topic"))

TABLES = (READOUTS, PARTICIPANTS, TOPICS)
JSON_FILE = "readouts.json"


def data_files(inputs: PlanInputs) -> Iterator[Page]:
    """The four data files, their data package, and the Data page that explains them.

    The files are written from the facts only when a page of them is made (in a worker of a
    large build): the plan holds what they depend on, not their text."""
    entries = inputs.archive.entries
    tables = _Tables(inputs)
    events = [inputs.archive.event_of[entry.slug] for entry in entries]
    # one digest of what the four files are made from, rather than a fingerprint of every
    # readout in each file's key
    depends_on = (fingerprint((entries, [(event.id, event.summit) for event in events],
                               inputs.site_url)),)
    yield _file(JSON_FILE, depends_on, tables.json_text)
    for table in TABLES:
        yield _file(f"{table.name}.csv", depends_on, partial(tables.csv_text, table))
    package = json.dumps(data_package(inputs.site_url), ensure_ascii=False, indent=1) + "\n"
    yield _file("datapackage.json", (package,), lambda: package)
    yield simple_page(f"{DATA_FOLDER}/index.md", "data.md.j2", "Open data", tables=TABLES,
                      json_file=JSON_FILE, license=LICENSE, count=len(entries),
                      participants=sum(len(entry.facts.participants) for entry in entries))


class _Tables:
    """The open data of an archive, made when the first file of it is written.

    A readout whose rows have the last build's inputs (`unchanged_rows`) has the rows it had
    then: its lines are taken from the last build's files when those are as written, and only
    the other readouts' rows are made."""

    def __init__(self, inputs: PlanInputs):
        self.inputs = inputs
        self.records: dict[str, dict] = {}

    def record(self, entry: Entry) -> dict:
        record = self.records.get(entry.slug)
        if record is None:
            record = self.records[entry.slug] = _json_record(entry, self.inputs)
        return record

    @cached_property
    def last(self) -> dict[str, dict[str, list[str]]]:
        return _last_lines(self.inputs)

    def json_text(self) -> str:
        """A JSON array, one readout's record to a line: a new readout is a new line."""
        last = self.last.get(JSON_FILE, {})
        lines = [last[entry.slug][0] if entry.slug in last
                 else json.dumps(self.record(entry), ensure_ascii=False, default=_iso)
                 for entry in self.inputs.archive.entries]
        return "[\n" + ",\n".join(lines) + "\n]\n"

    def csv_text(self, table: Table) -> str:
        """The table's header, then each readout's rows: its last lines, or made in runs."""
        last = self.last.get(table.name, {})
        rows_of = self._row_makers[table.name]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        names = [c.name for c in table.columns]
        writer.writerow(names)
        values = itemgetter(*names)  # a row's values in column order, in one call
        fresh: list[dict] = []
        for entry in self.inputs.archive.entries:
            lines = last.get(entry.slug)
            if lines is None:
                fresh.extend(rows_of(entry))
                continue
            writer.writerows([[_cell(value) for value in values(row)] for row in fresh])
            fresh = []
            out.write("".join(f"{line}\n" for line in lines))
        writer.writerows([[_cell(value) for value in values(row)] for row in fresh])
        return out.getvalue()

    @cached_property
    def _row_makers(self) -> dict[str, Callable[[Entry], Iterable[dict]]]:
        return {
            READOUTS.name: lambda entry: [_readout_row(entry, self.record(entry))],
            PARTICIPANTS.name: _participant_rows,
            TOPICS.name: partial(_topic_rows, inputs=self.inputs),
        }


def rows_seen(archive: Archive) -> dict[str, str]:
    """What each readout's rows are made from, for the next build to compare with: its facts,
    and the ids of its meeting and summit (the code, registry and site address are compared
    apart). A short digest each: the build remembers one per readout."""
    seen = {}
    for entry in archive.entries:
        event = archive.event_of[entry.slug]
        about = f"{entry.content_digest()}\x1f{event.id}\x1f{event.summit}"
        seen[entry.slug] = hashlib.sha1(about.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return seen


def unchanged_rows(seen: dict[str, str], last: dict) -> frozenset[str]:
    """The readouts whose rows have the inputs they had in the last build (`last`, what it
    remembered)."""
    before = last.get("rows")
    if not isinstance(before, dict):
        return frozenset()
    return frozenset(slug for slug, digest in seen.items() if before.get(slug) == digest)


def _last_lines(inputs: PlanInputs) -> dict[str, dict[str, list[str]]]:
    """The lines of the last build's data files, by file and by readout, of the readouts whose
    rows are as they were then: {} when there are none, or the files are not all as written.

    A CSV row is one line (a cell's whitespace is folded, `_cell`) that begins with its
    readout's slug, which needs no quoting; readouts.json holds one record a line, in the order
    of readouts.csv's rows."""
    unchanged = inputs.unchanged_rows
    if not unchanged:
        return {}  # no last build to take rows from: its files are not read
    texts = {name: inputs.last_text(f"{DATA_FOLDER}/{name}")
             for name in (JSON_FILE, *(f"{table.name}.csv" for table in TABLES))}
    if None in texts.values():
        return {}
    found: dict[str, dict[str, list[str]]] = {}
    for table in TABLES:
        header, *rows = texts[f"{table.name}.csv"].split("\n")
        if header != ",".join(c.name for c in table.columns) or rows.pop() != "":
            return {}
        by_slug = found[table.name] = {}
        for row in rows:
            slug = row.partition(",")[0]
            if slug.startswith('"'):
                return {}
            if slug in unchanged:
                by_slug.setdefault(slug, []).append(row)
    records = texts[JSON_FILE].split("\n")
    slugs = [row.partition(",")[0] for row in texts[f"{READOUTS.name}.csv"].split("\n")[1:-1]]
    if records[0] != "[" or records[-2:] != ["]", ""] or len(records) - 3 != len(slugs):
        return {}
    found[JSON_FILE] = {slug: [record.removesuffix(",")]
                        for slug, record in zip(slugs, records[1:-2]) if slug in unchanged}
    return found


def _file(name: str, depends_on: tuple, text: Callable[[], str]) -> Page:
    return Page(f"{DATA_FOLDER}/{name}", None, None, None, key_inputs=depends_on, text=text)


def _json_record(entry: Entry, inputs: PlanInputs) -> dict:
    record = readout_record(entry, inputs.archive.event_of[entry.slug])
    return {**record, "page": site_address(inputs.site_url, page_url(readout_path(entry.slug)))}


def _readout_row(entry: Entry, record: dict) -> dict:
    facts = entry.facts
    return {
        "slug": entry.slug, "page": record["page"], "title": facts.title, "date": facts.date,
        "end_date": facts.end_date, "published": record["published"], "format": facts.format,
        "format_detail": facts.format_detail, "kind": facts.kind, "location": facts.location,
        "publisher": facts.publisher, "countries": facts.countries,
        "mentioned_countries": facts.mentioned_countries,
        "principals": [p.id for p in facts.principals], "topics": facts.topics,
        "event": record.get("event"), "summit": record.get("summit"),
        "source_url": facts.source.url, "retrieved": facts.source.retrieved,
        "source_file": facts.source.file, "sha256": facts.source.sha256,
    }


def _participant_rows(entry: Entry) -> Iterator[dict]:
    for person in entry.facts.participants:
        yield {"readout": entry.slug, "person": person.id, "name": person.name,
               "role": person.role, "title": person.title, "country": person.country}


def _topic_rows(entry: Entry, inputs: PlanInputs) -> Iterator[dict]:
    topics = inputs.archive.topics
    for rank, topic_id in enumerate(dict.fromkeys(entry.facts.topics), start=1):
        topic = topics.get(topic_id)
        yield {"readout": entry.slug, "rank": rank, "topic": topic_id,
               "label": topic.label if topic else topic_id, "parent": topic.parent if topic else None}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return _iso(value) if isinstance(value, dt.date) else " ".join(str(value).split())


def _iso(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def data_package(site_url: str | None) -> dict:
    """The Frictionless data package describing the files (Data Package v1, Table Schema)."""
    resources = [{
        "name": "readouts-json",
        "title": "Readouts (JSON)",
        "description": "Every readout's facts as its page's front matter holds them, with the "
                       "address of its page.",
        "path": JSON_FILE, "format": "json", "mediatype": "application/json", "encoding": "utf-8",
        "jsonSchema": READOUTS_JSON_SCHEMA,
    }]
    for table in TABLES:
        resources.append({
            "name": table.name, "title": table.title, "description": table.description,
            "path": f"{table.name}.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "profile": "tabular-data-resource",
            "schema": _table_schema(table),
        })
    package = {
        "name": "summit-archive",
        "title": "Summit Archive: official readouts of leaders' meetings",
        "description": "Facts extracted from official readouts of leaders' meetings: when and "
                       "where, who took part and in what role, which countries, what was "
                       "discussed, and who published the readout.",
        "licenses": [LICENSE],
        "resources": resources,
    }
    if site_url:
        package["homepage"] = site_url
    return package


def _table_schema(table: Table) -> dict:
    fields = []
    for column in table.columns:
        field = {"name": column.name, "type": column.type, "description": column.description}
        if column.type == "list":
            field |= {"delimiter": LIST_SEPARATOR, "itemType": "string"}
        if column.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    return {"fields": fields, "primaryKey": list(table.key), "missingValues": [""]}


_TEXT = {"type": "string"}
_MAYBE_TEXT = {"type": ["string", "null"]}
_MAYBE_DAY = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_PERSON = {"type": "object", "required": ["id", "name"],
           "properties": {"id": _TEXT, "name": _TEXT, "role": _TEXT, "country": _MAYBE_TEXT,
                          "title": _MAYBE_TEXT}}
_TEXTS = {"type": "array", "items": _TEXT}
READOUTS_JSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["title", "date", "published", "format", "kind", "location", "participants",
                     "mentioned", "countries", "mentioned_countries", "topics", "publisher",
                     "source", "slug", "page"],
        "properties": {
            "title": _TEXT, "date": _MAYBE_DAY, "end_date": _MAYBE_DAY,
            "published": _MAYBE_TEXT, "format": _TEXT, "format_detail": _MAYBE_TEXT,
            "kind": _TEXT, "location": _MAYBE_TEXT,
            "participants": {"type": "array", "items": _PERSON},
            "mentioned": {"type": "array", "items": _PERSON},
            "countries": _TEXTS, "mentioned_countries": _TEXTS, "topics": _TEXTS,
            "publisher": _MAYBE_TEXT, "event": _MAYBE_TEXT, "summit": _MAYBE_TEXT,
            "source": {"type": "object", "required": ["file", "sha256"],
                       "properties": {"file": _TEXT, "sha256": _TEXT, "url": _MAYBE_TEXT,
                                      "section": _MAYBE_TEXT, "retrieved": _MAYBE_DAY}},
            "slug": _TEXT, "page": _TEXT,
            "organizations": _TEXTS, "date_basis": _TEXT,
        },
    },
}
