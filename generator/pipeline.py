"""The build, stage by stage: sources → parse → extract → link → render.

Each readout is read, parsed and extracted on its own, so a bad file costs only its own page: its
problem goes into the report and the others carry on.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from .extract import Extractor
from .link import build_archive
from .model import Entry
from .parse import parse
from .registry import Registry, load_registry, slugify
from .render import render_content
from .report import Report
from .sources import Candidate, ReadoutError, find_readouts, read_source

SLUG_WORDS = 60  # characters of title kept in a readout's address


def readout_slug(entry_date, title: str, file: str) -> str:
    """A permanent address: date, title words, and a tag from the file name.

    The tag depends on the file alone, so adding or removing other readouts never renames a page,
    and two readouts whose titles and dates slugify alike still get different addresses.
    """
    words = slugify(title)
    if len(words) > SLUG_WORDS:
        words = words[:SLUG_WORDS].rsplit("-", 1)[0]
    tag = hashlib.sha1(Path(file).name.encode()).hexdigest()[:6]
    day = entry_date.isoformat() if entry_date else "undated"
    return f"{day}-{words or 'readout'}-{tag}"


def read_entries(candidates: list[Candidate], extractor: Extractor, report: Report) -> list[Entry]:
    """Read, parse and extract every candidate; failures go to the report, never raise."""
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for candidate in candidates:
        try:
            source = read_source(candidate)
            readout = parse(source)
            facts, unregistered = extractor.extract(readout, source.overrides)
        except ReadoutError as exc:
            report.error(exc.file, exc.reason)
            continue
        except RecursionError:
            report.error(candidate.label, "text too deeply nested to read")
            continue
        sha = readout.provenance.sha256
        if sha in seen:
            report.warn(candidate.label, f"same text as {seen[sha]}; skipped as a duplicate")
            continue
        seen[sha] = candidate.label
        for warning in facts.warnings:
            report.warn(candidate.label, warning)
        for name in unregistered:
            report.unregistered[name].add(candidate.label)
        if not readout.paragraphs:
            report.warn(candidate.label, "no paragraphs of text after the title")
        entries.append(Entry(readout, facts, readout_slug(facts.date, facts.title, candidate.label)))
    return entries


def generate(seeds_dir: Path, content_dir: Path, registry: Registry | None = None) -> Report:
    """Write `content_dir` from the readouts in `seeds_dir`; the report says what happened."""
    report = Report()
    started = time.perf_counter()
    registry = registry or load_registry()
    extractor = Extractor(registry)
    candidates, refused = find_readouts(seeds_dir)
    report.readouts_found = len(candidates) + len(refused)
    for problem in refused:
        report.error(problem.file, problem.reason)
    entries = read_entries(candidates, extractor, report)
    report.readouts_read = len(entries)
    report.timings["read+extract"] = time.perf_counter() - started
    mark = time.perf_counter()
    archive = build_archive(entries, registry)
    report.timings["link"] = time.perf_counter() - mark
    mark = time.perf_counter()
    report.pages_written = render_content(archive, registry, content_dir)
    report.timings["render"] = time.perf_counter() - mark
    return report
