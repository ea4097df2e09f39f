"""The build, stage by stage: sources → parse → extract → link → render.

Each readout is read, parsed and extracted on its own, so a bad file costs only its own page: its
problem goes into the report and the others carry on.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .extract import Extractor
from .link import build_archive
from .markdown import safe_url
from .model import Entry
from .outputs import check_output_folders, remove_leftovers
from .parse import parse
from .cache import (CacheError, FactsCache, Record, code_fingerprint, data_fingerprint,
                    default_cache_dir, extraction_fingerprint, file_identity, load_value,
                    readout_key, registry_fingerprint, save_value)
from .limits import limit_facts
from .progress import Progress
from .pages.addresses import readout_addresses, redirect_addresses, stem_address
from .registry import DATA_DIR, Registry, load_registry
from .render import render_content
from .report import Report
from .sidecar import unregistered_values
from .sources import Candidate, ReadoutError, SeedWarning, find_readouts, read_source
from .uptodate import LastRun
from .workers import die_with, worker_count
from .write import ContentWriter


@dataclass
class Reading:
    """A readout read in this build: its file, its extraction (cached or fresh), and what its
    sidecar says beyond facts: earlier addresses, and the event a curator puts it in."""

    label: str
    record: Record
    redirect_from: list[str]
    event: str | None = None


def _extract_one(source, extractor: Extractor):
    """Parse and extract one read readout: a cache Record, or (file, reason) when unreadable."""
    from .cache import make_record

    label = source.provenance.file
    try:
        readout = parse(source)
        facts, unregistered = extractor.extract(readout, source.overrides)
    except ReadoutError as exc:
        return (exc.file, exc.reason)
    except RecursionError:
        return (label, "text too deeply nested to read")
    except Exception as exc:  # a fault of the generator's that this text meets: the others still build
        return (label, f"not extracted: the generator failed on it ({type(exc).__name__}: {exc}); "
                       "please report it with this readout")
    facts.warnings[:0] = [*source.warnings,
                          *unregistered_values(source.overrides, extractor.registry)]
    facts.warnings += limit_facts(facts)
    return make_record(readout, facts, stem_address(label), unregistered, readout_key(source))


_worker_extractor: Extractor | None = None


def _start_worker(registry: Registry, build_pid: int) -> None:
    """Each worker process compiles the registry once, then extracts chunk after chunk."""
    global _worker_extractor
    die_with(build_pid)
    gc.enable()  # the build paused its collector for what it keeps; a worker keeps nothing
    _worker_extractor = Extractor(registry)


def _extract_chunk(sources: list) -> list:
    return [_extract_one(source, _worker_extractor) for source in sources]


POOL_ABOVE = 64  # fewer readouts to extract than this: not worth starting processes
CHUNK = 32


def extract_all(sources: list, registry: Registry, workers: int | None = None,
                progress: Progress | None = None) -> list:
    """`_extract_one` over every source, in input order, in a process pool when it pays.

    Each result depends on its source alone, so the pool changes the speed, never the output.
    """
    if not sources:
        return []  # all from the cache: not even the registry's patterns need compiling
    workers = worker_count() if workers is None else workers
    if workers <= 1 or len(sources) < POOL_ABOVE:
        extractor = Extractor(registry)
        results = []
        for source in sources:
            results.append(_extract_one(source, extractor))
            if progress:
                progress.advance()
        return results
    chunks = [sources[i:i + CHUNK] for i in range(0, len(sources), CHUNK)]
    results = []
    with ProcessPoolExecutor(workers, initializer=_start_worker,
                             initargs=(registry, os.getpid())) as pool:
        for done in pool.map(_extract_chunk, chunks):
            results.extend(done)
            if progress:
                progress.advance(len(done))
    return results


def read_entries(candidates: list[Candidate], extractor_or_registry, report: Report, *,
                 cache: FactsCache | None = None, workers: int | None = None,
                 progress: Progress | None = None) -> list[Reading]:
    """Read every candidate, extract those the cache does not hold; failures go to the report.

    A readout file (and sidecar) unchanged since the cache last read it is not read again: the
    cache knows its key. Returns the readouts in candidate order, duplicates and failures left out.
    """
    registry = getattr(extractor_or_registry, "registry", extractor_or_registry)
    cache = cache or FactsCache(None, "")
    sources, keys, sidecars = [], [], []
    for candidate in candidates:
        known = cache.known_source(candidate)
        if known is not None:
            sources.append(None)
            keys.append(known[0])
            sidecars.append(known[1])
            continue
        identity = (file_identity(candidate.path), file_identity(candidate.sidecar))
        try:
            source = read_source(candidate)
        except ReadoutError as exc:
            sources.append(exc)
            keys.append(None)
            sidecars.append(None)
            continue
        fields = {"redirect_from": source.overrides.get("redirect_from", []),
                  "event": source.overrides.get("event")}
        sources.append(source)
        keys.append(readout_key(source))
        sidecars.append(fields)
        cache.note_source(candidate, identity, keys[-1], fields)
    missing = [s for s, k in zip(sources, keys) if k is not None and cache.get(k) is None]
    if progress:
        progress.start("extract", len(missing))
    fresh = dict(zip((id(s) for s in missing), extract_all(missing, registry, workers, progress)))
    readings: list[Reading] = []
    seen: dict[str, str] = {}
    for candidate, source, key, fields in zip(candidates, sources, keys, sidecars):
        if key is None:
            report.error(source.file, source.reason)
            continue
        record = cache.get(key)
        extracted = record is None
        if extracted:
            record = fresh[id(source)]
            if isinstance(record, tuple):
                report.error(*record)
                continue
            cache.put(key, record)
        if record.sha256 in seen:
            report.warn(candidate.label, f"same text as {seen[record.sha256]}; skipped as a duplicate")
            continue
        seen[record.sha256] = candidate.label
        for warning in record.warnings:
            report.warn(candidate.label, warning)
        for name in record.unregistered:
            report.unregistered[name].add(candidate.label)
        if record.empty:
            report.warn(candidate.label, "no paragraphs of text after the title")
        readings.append(Reading(candidate.label, record, fields["redirect_from"], fields["event"]))
        report.readouts_extracted += extracted  # of the readouts read: the rest came from the cache
    return readings


def assign_addresses(readings: list[Reading], report: Report):
    """Each readout's address and the earlier addresses it keeps redirects from, by file;
    a readout that cannot have what it asks for is a warning."""
    addresses, notes = readout_addresses([r.label for r in readings])
    redirects, refused = redirect_addresses({r.label: r.redirect_from for r in readings}, addresses)
    for label, note in notes + refused:
        report.warn(label, note)
    return addresses, redirects


def load_entries(readings: list[Reading], addresses: dict[str, str],
                 redirects: dict[str, tuple[str, ...]]) -> list[Entry]:
    """The readings' entries. A record's digest was checked when the cache was read, so one that
    still fails to decode was written by hand: CacheError says which readout."""
    entries = []
    for reading in readings:
        try:
            readout, facts, cached_address = reading.record.load()
        except CacheError as exc:
            raise CacheError(f"cached facts of {reading.label} do not decode ({exc}); "
                             "run once with --no-cache") from None
        address, digest = addresses[reading.label], reading.record.digest
        if address != cached_address:  # another file asks for the same address
            digest = hashlib.sha1(f"{digest}:{address}".encode()).hexdigest()
        entries.append(Entry(readout, facts, address, digest, redirects.get(reading.label, ()),
                             reading.event))
    return entries


def _registry(cache_dir: Path | None, report: Report, fingerprint: str) -> Registry:
    """The curated registry (`fingerprint`: of its YAML); from the cache when that is unchanged."""
    path = cache_dir / f"registry-{fingerprint[:20]}.json" if cache_dir else None
    registry, damaged = load_value(path, Registry)
    if damaged:
        report.warn(str(path), "damaged cache file ignored; the registry was read afresh")
    if registry is None:
        registry = load_registry()
        if path is not None:
            for old in cache_dir.glob("registry-*"):
                old.unlink(missing_ok=True)
            save_value(path, registry)
    return registry


def normalize_site_url(site_url: str | None) -> str | None:
    """The site's address ending in "/", or None; ValueError when it is no http(s) address."""
    if not site_url:
        return None
    if not safe_url(site_url):
        raise ValueError(f"site address {site_url!r} is not an http(s) URL")
    return site_url if site_url.endswith("/") else site_url + "/"


def generate(seeds_dir: Path, content_dir: Path, registry: Registry | None = None, *,
             cache_dir: Path | None | bool = True, workers: int | None = None,
             progress: Progress | None = None, site_url: str | None = None) -> Report:
    """Write `content_dir` from the readouts in `seeds_dir`; the report says what happened.

    `cache_dir` True means `.cache/summit/` beside the content folder; None or False, no cache.
    `site_url`, the site's address, makes citations, feeds and data absolute.
    """
    # Reading, decoding and linking make millions of objects that live as long as the build:
    # the collector would walk them again and again (more than a second at 10,000 readouts), so
    # it waits until they are made and frozen (`_generate`); pages are made with it running.
    gc.disable()
    try:
        return _generate(seeds_dir, content_dir, registry, cache_dir, workers, progress, site_url)
    finally:
        gc.unfreeze()
        gc.enable()


def _generate(seeds_dir: Path, content_dir: Path, registry: Registry | None,
              cache_dir: Path | None | bool, workers: int | None, progress: Progress | None,
              site_url: str | None) -> Report:
    check_output_folders(seeds_dir, content_dir)
    site_url = normalize_site_url(site_url)
    report = Report(site_url=site_url)
    started = mark = time.perf_counter()
    remove_leftovers(content_dir)
    if cache_dir is True:
        cache_dir = default_cache_dir(content_dir)
    cache_dir = Path(cache_dir) if cache_dir else None
    last_run = None
    if registry is None:
        registry_fp = data_fingerprint(DATA_DIR)
        if cache_dir:  # (a registry given is not the curated data's: no run is remembered)
            last_run = LastRun(cache_dir, content_dir, seeds_dir,
                               "\0".join((code_fingerprint(), registry_fp, str(site_url))))
            again = last_run.report_if_unchanged()
            if again is not None:
                again.timings["nothing changed"] = time.perf_counter() - started
                return again
        registry = _registry(cache_dir, report, registry_fp)
    else:
        registry_fp = registry_fingerprint(registry)
    fingerprint = hashlib.sha256(f"{extraction_fingerprint()}:{registry_fp}".encode()).hexdigest()
    candidates, problems = find_readouts(seeds_dir)
    refused = [p for p in problems if isinstance(p, ReadoutError)]
    report.readouts_found = len(candidates) + len(refused)
    for problem in problems:
        (report.warn if isinstance(problem, SeedWarning) else report.error)(problem.file,
                                                                           problem.reason)
    cache = FactsCache(cache_dir, fingerprint)
    if cache.damaged:
        report.warn(str(cache.path), f"{cache.damaged} damaged record(s) ignored; those readouts "
                                     "were extracted afresh")
    report.timings["setup"] = time.perf_counter() - mark
    mark = time.perf_counter()
    readings = read_entries(candidates, registry, report, cache=cache, workers=workers,
                            progress=progress)
    report.readouts_read = len(readings)
    cache.save({r.record.key for r in readings})
    addresses, redirects = assign_addresses(readings, report)
    report.timings["read+extract"] = time.perf_counter() - mark
    mark = time.perf_counter()
    writer = ContentWriter(cache_dir, content_dir)
    build_fp = hashlib.sha256("\n".join([
        code_fingerprint(), fingerprint, str(site_url),
        *(f"{r.record.digest} {addresses[r.label]} {redirects.get(r.label)} {r.event}"
          for r in readings),
    ]).encode()).hexdigest()
    if writer.unchanged(build_fp):
        report.pages = writer.page_count
    else:
        entries = load_entries(readings, addresses, redirects)
        # The cached records' JSON text is no longer needed: let it go before the pages are
        # planned and forked workers copy what they touch of this process.
        del readings, cache
        archive = build_archive(entries, registry)
        gc.freeze()  # once made, neither the collector nor the pages made after need walk them
        report.timings["link"] = time.perf_counter() - mark
        mark = time.perf_counter()
        result = render_content(archive, registry, content_dir, writer=writer,
                                progress=progress, site_url=site_url,
                                workers=worker_count() if workers is None else workers,
                                collector_paused=True)
        writer.save(build_fp)  # before the linked archive is unfrozen: no collection walks it
        report.pages, report.pages_written = result.pages, result.written
        report.timings["render"] = time.perf_counter() - mark
    if last_run:
        last_run.save(report)
    report.timings["total"] = time.perf_counter() - started
    return report
