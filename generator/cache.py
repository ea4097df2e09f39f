"""What a build can keep between runs: fingerprints of its inputs and the facts already extracted.

A readout's facts depend only on its bytes, its sidecar, its file name, the registry and the code
that extracts them. The facts cache is keyed by all five, so an unchanged readout is never parsed
or extracted twice, and any change to the code or the registry starts the cache afresh. The cache
is only ever a shortcut: deleting `.cache/summit/` changes no output.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR.parent / "templates"
CACHE_FORMAT = "1"


def _digest_files(paths) -> str:
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for path in sorted(paths):
        digest.update(str(path.relative_to(PACKAGE_DIR.parent)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


_code_fingerprint: str | None = None


def code_fingerprint() -> str:
    """The generator's version as far as output goes: every source file and template, hashed.

    Hashing the sources themselves rather than trusting a version number means an edit to an
    extractor or a template can never be served stale facts or pages.
    """
    global _code_fingerprint
    if _code_fingerprint is None:
        files = [*PACKAGE_DIR.rglob("*.py"), *TEMPLATES_DIR.glob("*.j2")]
        _code_fingerprint = _digest_files(p for p in files if "__pycache__" not in p.parts)
    return _code_fingerprint


# Files (and folders) that cannot change a readout's facts: a change to them keeps the facts cache.
_NOT_EXTRACTION = {"render.py", "markdown.py", "write.py", "pages", "report.py", "cli.py", "site.py",
                   "feeds.py", "export.py", "metadata.py", "add.py",
                   "progress.py", "evaluate.py", "__main__.py"}
_extraction_fingerprint: str | None = None


def extraction_fingerprint() -> str:
    """Like `code_fingerprint`, over the code that reads and extracts readouts only."""
    global _extraction_fingerprint
    if _extraction_fingerprint is None:
        files = [p for p in PACKAGE_DIR.rglob("*.py")
                 if "__pycache__" not in p.parts
                 and p.relative_to(PACKAGE_DIR).parts[0] not in _NOT_EXTRACTION]
        _extraction_fingerprint = _digest_files(files)
    return _extraction_fingerprint


def data_fingerprint(data_dir: Path) -> str:
    return _digest_files(Path(data_dir).glob("*.yml"))


def registry_fingerprint(registry) -> str:
    """For a registry built in memory (tests): its pickled form, which is deterministic."""
    return hashlib.sha256(pickle.dumps(registry, protocol=5)).hexdigest()


def default_cache_dir(content_dir: Path) -> Path:
    """`.cache/summit/` beside the content folder: the repository's top level for `content/`."""
    override = os.environ.get("SUMMIT_CACHE")
    if override:
        return Path(override)
    return Path(content_dir).resolve().parent / ".cache" / "summit"


def load_pickle(path: Path | None, default=None):
    """A cache file's contents, or `default` when it is missing or unreadable (never an error)."""
    if path is None:
        return default
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # a damaged or foreign cache file is only a missed shortcut
        return default


def save_pickle(path: Path | None, value) -> None:
    """Write atomically: a build killed midway leaves the previous cache file whole."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=5)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only cache folder costs speed, never the build


@dataclass
class Record:
    """One readout's extraction, as cached: small fields for the report, the rest pickled.

    `blob` unpickles to (Readout, Facts, slug); it stays bytes until a later stage needs it, so an
    unchanged re-run never pays for unpickling ten thousand readouts.
    """

    digest: str  # identifies the entry's content: what every page built from it depends on
    sha256: str  # of the readout file: duplicates are found by it
    warnings: tuple[str, ...]
    unregistered: tuple[str, ...]
    empty: bool  # no paragraphs after the title
    blob: bytes
    key: str = ""  # the readout key it is cached under

    def load(self):
        return pickle.loads(self.blob)


def make_record(readout, facts, slug: str, unregistered) -> Record:
    blob = pickle.dumps((readout, facts, slug), protocol=5)
    return Record(
        digest=hashlib.sha1(blob).hexdigest(),
        sha256=readout.provenance.sha256,
        warnings=tuple(facts.warnings),
        unregistered=tuple(unregistered),
        empty=not readout.paragraphs,
        blob=blob,
    )


class FactsCache:
    """Records by readout key, in one file per (code, registry) fingerprint."""

    def __init__(self, folder: Path | None, fingerprint: str):
        self.path = folder / f"facts-{fingerprint[:20]}.pickle" if folder else None
        self.folder = folder
        self.records: dict[str, Record] = load_pickle(self.path, {}) if folder else {}
        if not isinstance(self.records, dict):
            self.records = {}
        self.changed = False

    def get(self, key: str) -> Record | None:
        return self.records.get(key)

    def put(self, key: str, record: Record) -> None:
        self.records[key] = record
        self.changed = True

    def save(self, keep: set[str]) -> None:
        """Keep only the records of readouts still present; drop other fingerprints' files."""
        if self.path is None:
            return
        stale = set(self.records) - keep
        for key in stale:
            del self.records[key]
        if self.changed or stale or not self.path.exists():
            save_pickle(self.path, self.records)
        for other in self.folder.glob("facts-*.pickle"):
            if other != self.path:
                try:
                    other.unlink()
                except OSError:
                    pass


def readout_key(source) -> str:
    """What a readout's facts depend on besides code and registry: name, bytes and sidecar."""
    provenance = source.provenance
    parts = (provenance.file, provenance.sha256, provenance.url, provenance.section,
             sorted((k, repr(v)) for k, v in source.overrides.items()), source.format)
    return hashlib.sha256(repr(parts).encode()).hexdigest()
