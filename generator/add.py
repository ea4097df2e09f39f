"""`summit add FILE --url URL`: file a saved readout into seeds/ with its sidecar, in one step.

The readout (text, HTML or Markdown, as saved from the publisher's page) is read and extracted as
a build would, then copied byte for byte into the seeds folder under a name made from its date
and title ("2024-05-16-xi-jinping-holds-talks-with-vladimir-putin.txt") - the address of its page
for good. The sidecar beside it records what the curator gave: the source URL, the publisher
when given, and the day the text was retrieved (the "accessed" day of its citation). The facts
extracted are shown as `summit explain` shows them, so a wrong one can be fixed in the sidecar
before the readout is pushed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .explain import render
from .extract import Extractor
from .pages.addresses import stem_address
from .parse import parse
from .registry import Registry, slugify
from .sidecar import SidecarError, checked
from .sources import READOUT_SUFFIXES, Candidate, ReadoutError, read_source, seeds_label

SUFFIXES = {".htm": ".html"}  # the suffix a filed readout gets, when not its own


@dataclass(frozen=True)
class Added:
    readout: Path
    sidecar: Path
    explanation: str  # the facts extracted, as `summit explain` prints them
    notes: tuple[str, ...]  # what the curator should know (an unregistered publisher)


def add_readout(file: Path, seeds: Path, registry: Registry, *, url: str,
                publisher: str | None = None, retrieved: dt.date | None = None) -> Added:
    """Copy `file` into `seeds` with a sidecar; ReadoutError naming the file when it cannot be."""
    label = file.name
    suffix = file.suffix.lower()
    if suffix not in READOUT_SUFFIXES:
        raise ReadoutError(label, f"not a readout file: the name must end in "
                                  f"{', '.join(sorted(READOUT_SUFFIXES))}")
    if not seeds.is_dir():
        raise ReadoutError(label, f"seeds folder {seeds} does not exist")
    given = {"url": url, "retrieved": retrieved or dt.date.today()}
    if publisher:
        given["publisher"] = publisher
    try:
        given = checked(given, "summit add")
    except SidecarError as exc:
        raise ReadoutError(label, str(exc)) from None
    source = read_source(Candidate(file, label), given)
    data = file.read_bytes()
    twin = _same_text(seeds, hashlib.sha256(data).hexdigest())
    if twin:
        raise ReadoutError(label, f"already in the archive as {seeds.name}/{twin}")
    facts, _ = Extractor(registry).extract(parse(source), source.overrides)
    target = _free_name(seeds, filed_name(facts.date, facts.title), SUFFIXES.get(suffix, suffix))
    sidecar = target.with_suffix(".yml")
    _write(target, data)
    try:
        _write(sidecar, sidecar_text(given).encode("utf-8"))
    except OSError:
        target.unlink(missing_ok=True)
        raise
    explained = read_source(Candidate(target, f"{seeds_label(seeds)}/{target.name}", sidecar))
    facts, unregistered = Extractor(registry).extract(parse(explained), explained.overrides)
    notes = []
    if publisher and registry.publisher(publisher) is None:
        notes.append(f"publisher {publisher!r} is not in generator/data/publishers.yml: pages "
                     f"show it as given")
    return Added(target, sidecar, render(facts, unregistered), tuple(notes))


def filed_name(date: dt.date | None, title: str) -> str:
    """A readout's file name (without suffix) from its date and title: a lowercase slug that
    `stem_address` keeps as it is, so it is the page's address too."""
    return stem_address(slugify(f"{date.isoformat() if date else 'undated'} {title}"))


def sidecar_text(given: dict) -> str:
    header = ("# Written by `summit add`: where the readout came from and when it was taken.\n"
              "# Add any field to correct extraction (see README.md, Adding a readout).\n")
    return header + yaml.safe_dump(given, allow_unicode=True, sort_keys=False)


def _same_text(seeds: Path, sha256: str) -> str | None:
    """The seeds file holding these very bytes, if any."""
    for path in sorted(seeds.iterdir()):
        if path.suffix.lower() in READOUT_SUFFIXES and path.is_file():
            if hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
                return path.name
    return None


def _free_name(seeds: Path, name: str, suffix: str) -> Path:
    """seeds/NAME.SUFFIX, or NAME-2, NAME-3… when a readout or sidecar of that name exists."""
    candidate, number = name, 1
    while any((seeds / f"{candidate}{s}").exists() for s in (*READOUT_SUFFIXES, ".yml")):
        number += 1
        candidate = f"{name}-{number}"
    return seeds / f"{candidate}{suffix}"


def _write(path: Path, data: bytes) -> None:
    """Write whole or not at all: a temporary file renamed into place."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
