"""Archive → content/: the page plan laid out by the Jinja2 templates, handed to the writer.

The plan (generator/pages/) decides which pages exist and what each holds, templates/ lays each
out, markdown.py keeps every readout string literal, and write.py writes content/ incrementally
and atomically. This module joins them: the template environment and its link helpers.
"""

from __future__ import annotations

import gc
from functools import partial
from pathlib import Path

import jinja2

from .cache import code_fingerprint, registry_fingerprint
from .link import Archive, Event, Pair
from .markdown import (code_block, escape_attribute, escape_markdown, external_link, markdown_link,
                       page_text, search_facet)
from .model import Entry
from .export import data_files, rows_seen, unchanged_rows
from .feeds import feed_files
from .pages.addresses import (Lookups, country_path, edition_path, event_path, event_title,
                              pair_path, pair_title, person_path, publisher_label, readout_path,
                              readout_title, root_of, series_path, year_path)
from .pages.base import PlanInputs
from .pages.chart import month_anchor
from .pages.dates import day_span, format_day
from .pages.plan import PAGE_KINDS, plan_parts
from .pages.readout import readout_signatures, readouts_seen, unchanged_readouts
from .pages.subjects import SubjectSigner, unchanged_subjects
from .registry import Registry
from .workers import can_fork, map_here_and_forked
from .write import ContentWriter, Page, WriteResult

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


# Files of the whole site beside its pages: the Atom feeds, and the open data with its Data page.
SITE_FILES = (feed_files, data_files)


def render_content(archive: Archive, registry: Registry, content_dir: Path, *,
                   writer: ContentWriter | None = None, progress=None,
                   site_url: str | None = None, workers: int = 1,
                   collector_paused: bool = False) -> WriteResult:
    """Plan every page of the archive and write content_dir; see write.py for how.

    `site_url` (the site's address, ending in "/") makes citations, feeds and data absolute;
    without it they are relative to the site's root. `workers` processes make the pages.
    `collector_paused`: the caller paused the collector (gc.disable) and froze the archive. What
    pages are planned from (statements, signatures) is made with it still paused, then frozen
    too, so that no collection walks it again nor touches it in forked workers (which copies
    it); then the collector runs again for the pages. The caller unfreezes when the build is
    done.
    """
    writer = writer or ContentWriter(None, content_dir)
    lookups = Lookups(archive, note=writer.note)
    env = environment(lookups, registry)
    inputs = PlanInputs(archive, registry, lookups, site_url)
    if len(archive.entries) < PARALLEL_ABOVE:
        workers = 1
    readouts, subjects = signatures(inputs, workers)
    seen = {**readouts_seen(archive, readouts), "subjects": subjects, "rows": rows_seen(archive)}
    # What the last build remembered holds only for the same code, registry and site address:
    # those decide how pages are made from their inputs, down to which pages a subject has.
    salt = f"{code_fingerprint()}:{registry_fingerprint(registry)}:{site_url}"
    last = writer.memory if writer.salt == salt else None
    if last is not None:
        inputs = inputs.knowing(
            unchanged_readouts=unchanged_readouts(archive, seen, last),
            unchanged_subjects=unchanged_subjects(seen["subjects"], last, writer.subject_paths()),
            unchanged_rows=unchanged_rows(seen["rows"], last), last_text=writer.last_text)
    if collector_paused:
        gc.freeze()
        gc.enable()
    parts = plan_parts(inputs, (*PAGE_KINDS, *SITE_FILES))

    def make_text(page: Page) -> str:
        if page.text is not None:
            return page.text()
        page.materialize()
        body = env.get_template(page.template).render(root=root_of(page.path), **page.context)
        return page_text(page.front_matter, body)

    return writer.write(parts, make_text, lookups.still_hold, salt, progress, workers, memory=seen)


PARALLEL_ABOVE = 200  # readouts; a smaller archive is written sooner than workers start
SIGNATURE_SHARES = 4  # of the readouts, and of the subjects, signed by whichever process is free


def signatures(inputs: PlanInputs, workers: int) -> tuple[dict[str, str], dict[str, str]]:
    """The signatures of every readout and of every subject (leader, topic, country), worked
    out in shares by `workers` processes. The statements, which subjects' signatures count and
    pages show, are found first, in this process: forked workers share them, and the pages need
    them later."""
    inputs.quotes_by_person, inputs.quotes_by_topic  # found now, before forking
    sign_readouts = partial(readout_signatures, inputs.archive)
    jobs = [(sign, (number, SIGNATURE_SHARES)) for sign in (sign_readouts,
                                                            SubjectSigner(inputs).signatures)
            for number in range(SIGNATURE_SHARES)]
    readouts, subjects = {}, {}
    signed_shares = map_here_and_forked(_sign, jobs, workers if can_fork() else 1)
    for (sign, _), signed in zip(jobs, signed_shares):
        (readouts if sign is sign_readouts else subjects).update(signed)
    return readouts, subjects


def _sign(job: tuple) -> dict[str, str]:
    sign, share = job
    return sign(share)


def environment(lookups: Lookups, registry: Registry) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is Markdown: readout strings go through the md filter
    )
    env.filters.update(md=escape_markdown, day=format_day, span=day_span, attr=escape_attribute,
                       facet=search_facet, code=code_block)
    env.globals.update(person_name=lookups.person_name, topic_label=lookups.topic_label,
                       publisher_label=lambda name: publisher_label(name, registry),
                       month_anchor=month_anchor)
    env.globals.update(external_link=external_link, pair_title=pair_title, **_link_helpers(lookups))
    return env


def _link_helpers(lookups: Lookups) -> dict:
    """Template functions writing a Markdown link to a page, relative to the page being written."""

    def link(context, text: str, path: str) -> str:
        return markdown_link(text, f"{context['root']}{path}")

    def person_link(context, person_id: str) -> str:
        return link(context, lookups.person_name(person_id), person_path(person_id))

    def readout_link(context, entry: Entry) -> str:
        return link(context, readout_title(entry), readout_path(entry.slug))

    def topic_link(context, topic_id: str) -> str:
        return link(context, lookups.topic_label(topic_id), lookups.topic_page(topic_id))

    def country_link(context, country: str) -> str:
        """Countries that took part in a readout have a page; others are named only."""
        if lookups.has_country_page(country):
            return link(context, country, country_path(country))
        return escape_markdown(country)

    def pair_link(context, pair: Pair) -> str:
        return link(context, pair_title(pair), pair_path(pair))

    def year_link(context, year: int) -> str:
        return link(context, str(year), year_path(year))

    def event_link(context, event: Event) -> str:
        """A meeting told by several readouts links to its page; one told once, to its readout."""
        if event.told_by_several:
            return link(context, event_title(event, lookups), event_path(event.id))
        return readout_link(context, event.entries[0])

    def edition_link(context, edition) -> str:
        return link(context, edition.title, edition_path(edition))

    def series_link(context, series) -> str:
        return link(context, series.name, series_path(series))

    def side_link(context, side: str) -> str:
        """A side of a meeting: its country, or the person who was a side of their own."""
        if side in lookups.archive.people:
            return person_link(context, side)
        return country_link(context, side)

    helpers = [link, person_link, readout_link, topic_link, country_link, pair_link, year_link,
               event_link, edition_link, series_link, side_link]
    return {helper.__name__: jinja2.pass_context(helper) for helper in helpers}
