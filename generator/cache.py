"""What a build can keep between runs: fingerprints of its inputs and the facts already extracted.

A readout's facts depend only on its bytes, its sidecar, its file name, the registry and the code
that extracts them. The facts cache is keyed by all five, so an unchanged readout is never parsed
or extracted twice, and any change to the code or the registry starts the cache afresh. The cache
is only ever a shortcut: deleting `.cache/summit/` changes no output.

What is cached is data, never code: JSON that can only rebuild the generator's own dataclasses
(never pickle, which would run code for anyone able to write `.cache/`). Every record is stored with
the SHA-256 of its bytes and checked on load, so a damaged record is a cache miss, never a crash
or altered text on the site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import model, registry as registry_types
from .extract import evidence

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR.parent / "templates"
CACHE_FORMAT = "4"


def _digest_files(paths) -> str:
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{_layout()}".encode())
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
                   "progress.py", "evaluate.py", "outputs.py", "__main__.py", "link.py", "archive",
                   "workers.py"}
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
    """For a registry built in memory (tests): its stored form, which is deterministic."""
    return hashlib.sha256(_dumps(registry).encode()).hexdigest()


def cache_path_for(cache_dir: Path, kind: str, folder: Path, suffix: str = ".json") -> Path:
    """Where the cache keeps what it knows of one output folder: the folder's kind and a hash of
    its full path, so two content or site folders sharing a cache never share a file."""
    where = hashlib.sha1(str(Path(folder).resolve()).encode()).hexdigest()[:16]
    return Path(cache_dir) / f"{kind}-{where}{suffix}"


def default_cache_dir(content_dir: Path) -> Path:
    """`.cache/summit/` beside the content folder: the repository's top level for `content/`."""
    override = os.environ.get("SUMMIT_CACHE")
    if override:
        return Path(override)
    return Path(content_dir).resolve().parent / ".cache" / "summit"


# ---------------------------------------------------------------- data, not code

class CacheError(ValueError):
    """A cached value that does not decode to what the generator stores."""


_TYPES: dict[str, type] = {}
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # of each type in _TYPES, in order: asked once


def cached_type(cls: type) -> type:
    """Allow a dataclass in cache files (as a decorator); no other class can ever be built.

    A cached value is rebuilt by setting its fields, not by calling its __init__ (a third of the
    time of decoding ten thousand readouts' facts): so the class may have nothing that its
    __init__ would do beyond setting them."""
    if hasattr(cls, "__post_init__") or any(not f.init for f in dataclasses.fields(cls)):
        raise TypeError(f"{cls.__name__} does more on construction than setting its fields")
    _TYPES[cls.__name__] = cls
    _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return cls


def _layout() -> str:
    """Every cached dataclass with its fields in order. A value's fields are stored by their
    places, so this is part of every fingerprint (`_digest_files`): a class whose fields change
    starts every cache afresh rather than being read with another's values."""
    return ";".join(f"{name}:{','.join(_FIELD_NAMES[cls])}" for name, cls in sorted(_TYPES.items()))


for _module in (model, registry_types, evidence):  # the facts, the registry, and their parts
    for _cls in vars(_module).values():
        if isinstance(_cls, type) and dataclasses.is_dataclass(_cls) \
                and _cls.__module__ == _module.__name__:
            cached_type(_cls)


def to_data(value):
    """A value as plain JSON data; tuples, dates, dicts and dataclasses tagged so they come back
    exactly as they were. A dataclass's fields are a list in their order: a third less to store
    and to decode than named ones."""
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is list:
        return [to_data(v) for v in value]
    if kind is tuple:
        return {"$tuple": [to_data(v) for v in value]}
    if kind is dt.datetime:
        return {"$datetime": value.isoformat()}
    if kind is dt.date:
        return {"$date": value.isoformat()}
    if kind is dict:
        return {"$dict": [[to_data(k), to_data(v)] for k, v in value.items()]}
    if kind in (set, frozenset):
        items = sorted((to_data(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        return {"$" + kind.__name__: items}
    if kind is re.Pattern:
        return {"$pattern": [value.pattern, value.flags]}
    if _TYPES.get(kind.__name__) is kind:
        return {"$" + kind.__name__: [to_data(getattr(value, name)) for name in _FIELD_NAMES[kind]]}
    raise TypeError(f"cannot store a {kind.__name__} in the cache")


def from_text(text: str):
    """The value `_dumps` stored as `text`; CacheError for anything it could not have made.

    Each tagged value is rebuilt by the JSON decoder's hook as soon as its payload is decoded,
    so lists and plain values never pass through Python (a sixth less time than walking the
    decoded tree for ten thousand readouts' facts)."""
    try:
        return _DECODER.decode(text)
    except (TypeError, ValueError, AttributeError, RecursionError, re.error) as exc:
        raise CacheError(f"not a cached value ({exc})") from None


def _tagged(data: dict):
    """The value of one tagged JSON object, whose payload is decoded already."""
    if len(data) != 1:
        raise CacheError("a tagged value has one key")
    [(tag, payload)] = data.items()
    cls = _TYPES.get(tag[1:]) if tag.startswith("$") else None
    if cls is not None:
        if len(_checked(payload, list)) != len(_FIELD_NAMES[cls]):
            raise CacheError(f"{tag!r} with {len(payload)} fields")
        built = cls.__new__(cls)
        built.__dict__.update(zip(_FIELD_NAMES[cls], payload))
        return built
    if tag == "$tuple":
        return tuple(_checked(payload, list))
    if tag == "$date":
        return dt.date.fromisoformat(_checked(payload, str))
    if tag == "$datetime":
        return dt.datetime.fromisoformat(_checked(payload, str))
    if tag in ("$set", "$frozenset"):
        return (set if tag == "$set" else frozenset)(_checked(payload, list))
    if tag == "$dict":
        return dict(_checked(pair, list) for pair in _checked(payload, list))
    if tag == "$pattern":
        pattern, flags = _checked(payload, list)
        return re.compile(_checked(pattern, str), _checked(flags, int))
    raise CacheError(f"unknown value {tag!r}")


_DECODER = json.JSONDecoder(object_hook=_tagged)


def _checked(value, kind: type):
    if not isinstance(value, kind):
        raise CacheError(f"expected a {kind.__name__}")
    return value


def _dumps(value) -> str:
    return json.dumps(to_data(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _digest(body) -> str:
    return hashlib.sha256(body).hexdigest()


def write_records(path: Path | None, bodies) -> None:
    """Write text records one a line, each after the SHA-256 of its bytes; atomically, so a
    build killed midway leaves the previous file whole. A read-only cache costs speed only."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            for body in bodies:
                data = body.encode("utf-8")
                handle.write(_digest(data).encode() + b" " + data + b"\n")
        os.replace(temporary, path)
    except OSError:
        pass


def read_records(path: Path | None) -> tuple[list[tuple[str, str]], int]:
    """The (digest, text) records of a file written by `write_records` whose bytes still match
    their digest, and how many did not (damaged); a missing or unreadable file has none. Each
    record is hashed and decoded where it lies in the file, not copied out first."""
    if path is None:
        return [], 0
    try:
        data = path.read_bytes()
    except OSError:
        return [], 0
    view, size = memoryview(data), len(data)
    records, damaged, start = [], 0, 0
    while start < size:
        end = data.find(b"\n", start)
        end = size if end == -1 else end
        space = data.find(b" ", start, end)
        digest = data[start:space] if space != -1 else b""
        if digest and digest == _digest(view[space + 1:end]).encode():
            try:
                records.append((digest.decode("ascii"), str(view[space + 1:end], "utf-8")))
            except UnicodeDecodeError:
                damaged += 1
        elif end > start:
            damaged += 1
        start = end + 1
    return records, damaged


def append_records(path: Path, bodies) -> bool:
    """Add records to the end of a file `write_records` wrote, when it ends as it should (a
    record and its newline); False, having written nothing, when it does not. A build killed
    while appending leaves a last line whose digest fails: a damaged record, as any other."""
    try:
        with open(path, "r+b") as handle:
            size = handle.seek(0, os.SEEK_END)
            if size == 0 or os.pread(handle.fileno(), 1, size - 1) != b"\n":
                return False
            for body in bodies:
                data = body.encode("utf-8")
                handle.write(_digest(data).encode() + b" " + data + b"\n")
        return True
    except OSError:
        return False


def load_value(path: Path | None, kind: type):
    """A single value `save_value` stored, when it is intact and a `kind`; else None."""
    records, damaged = read_records(path)
    if len(records) != 1:
        return None, damaged
    try:
        value = from_text(records[0][1])
    except (CacheError, ValueError, RecursionError):
        return None, damaged + 1
    return (value if isinstance(value, kind) else None), damaged


def save_value(path: Path | None, value) -> None:
    write_records(path, [_dumps(value)])


# ---------------------------------------------------------------- the facts cache

@dataclass
class Record:
    """One readout's extraction, as cached: small fields for the report, the rest as JSON text.

    `blob` decodes to (Readout, Facts, slug); it stays text until a later stage needs it, so an
    unchanged re-run never pays for decoding ten thousand readouts. The facts hold no evidence:
    only `summit explain` shows it, and it extracts afresh.
    """

    digest: str  # identifies the entry's content: what every page built from it depends on
    sha256: str  # of the readout file: duplicates are found by it
    warnings: tuple[str, ...]
    unregistered: tuple[str, ...]
    empty: bool  # no paragraphs after the title
    blob: str
    key: str = ""  # the readout key it is cached under
    loaded: tuple | None = None  # (Readout, Facts, slug), when this run made them itself

    def load(self):
        if self.loaded is None:
            value = from_text(self.blob)
            if not (isinstance(value, tuple) and len(value) == 3
                    and isinstance(value[0], model.Readout) and isinstance(value[1], model.Facts)
                    and isinstance(value[2], str)):
                raise CacheError("not a readout's facts")
            self.loaded = value
        return self.loaded

    def body(self) -> str:
        """The record as stored: its key, its small fields as JSON, and the blob, apart by tabs
        (JSON written compactly holds none), so reading the small fields leaves the blob alone."""
        fields = {"sha256": self.sha256, "warnings": list(self.warnings),
                  "unregistered": list(self.unregistered), "empty": self.empty}
        return "\t".join((self.key, json.dumps(fields, ensure_ascii=False, sort_keys=True,
                                                separators=(",", ":")), self.blob))


def make_record(readout, facts, slug: str, unregistered, key: str) -> Record:
    facts = dataclasses.replace(facts, evidence=[])
    record = Record(
        digest="",
        sha256=readout.provenance.sha256,
        warnings=tuple(facts.warnings),
        unregistered=tuple(unregistered),
        empty=not readout.paragraphs,
        blob=_dumps((readout, facts, slug)),
        key=key,
        loaded=(readout, facts, slug),
    )
    record.digest = _digest(record.body().encode("utf-8"))
    return record


def _parse_record(digest: str, body: str) -> Record:
    key, fields, blob = body.split("\t", 2)
    data = json.loads(fields)
    record = Record(digest, _checked(data["sha256"], str),
                    tuple(_checked(w, str) for w in _checked(data["warnings"], list)),
                    tuple(_checked(n, str) for n in _checked(data["unregistered"], list)),
                    _checked(data["empty"], bool), blob, key)
    return record


DEAD_RECORDS = 0.125  # of the live ones: records of readouts gone, kept in the file until then
RECENT_NS = 2_000_000_000  # a readout file changed less than this ago is read again next time


def file_identity(path: Path | None) -> list[int] | None:
    """What tells a file changed without reading it: size, times and inode (None: no file)."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


class FactsCache:
    """Records by readout key, in one file per (code, registry) fingerprint; and beside them,
    which readout file (with its sidecar) had which key when last read, so that a file whose
    size, times and inode are unchanged is not read and hashed again to find its record."""

    def __init__(self, folder: Path | None, fingerprint: str):
        self.path = folder / f"facts-{fingerprint[:20]}.jsonl" if folder else None
        self.sources_path = folder / f"sources-{fingerprint[:20]}.json" if folder else None
        self.folder = folder
        self.records: dict[str, Record] = {}
        found, self.damaged = read_records(self.path)
        for digest, body in found:
            try:
                record = _parse_record(digest, body)
            except (CacheError, ValueError, KeyError, TypeError, RecursionError):
                self.damaged += 1
                continue
            self.records[record.key] = record
        self.added: list[str] = []  # keys of the records put since the file was read
        self.sources, damaged = _load_sources(self.sources_path)
        self.damaged += damaged
        self.sources_now: dict[str, list] = {}

    def get(self, key: str) -> Record | None:
        return self.records.get(key)

    def put(self, key: str, record: Record) -> None:
        self.records[key] = record
        self.added.append(key)

    def known_source(self, candidate) -> tuple[str, dict] | None:
        """(readout key, sidecar fields) of a readout file and sidecar unchanged since they were
        last read, when its record is here; else None (then read it)."""
        seen = self.sources.get(candidate.label)
        if (seen is None or seen[0] != file_identity(candidate.path)
                or seen[1] != file_identity(candidate.sidecar) or seen[2] not in self.records):
            return None
        self.sources_now[candidate.label] = seen
        return seen[2], seen[3]

    def note_source(self, candidate, identity: tuple, key: str, fields: dict) -> None:
        """A readout was read: its file and sidecar identities (taken before reading), its key.

        A file changed a moment ago is not noted: file times tick coarsely, so a second edit of
        the same size within the same tick would keep its identity; such a file is read again."""
        recent = time.time_ns() - RECENT_NS
        if any(i is not None and max(i[1], i[2]) >= recent for i in identity):
            return
        self.sources_now[candidate.label] = [*identity, key, fields]

    def save(self, keep: set[str]) -> None:
        """Store the records of the readouts in `keep`; drop other fingerprints' files.

        New records are added to the end of the file, which is written whole only when it is
        damaged or holds many records no readout has any more (`DEAD_RECORDS`): a build that
        adds one readout to ten thousand writes one line, not 70 MB."""
        if self.path is None:
            return
        live = keep & self.records.keys()
        dead = len(self.records) - len(live)  # records of readouts gone, still in the file
        whole = self.damaged or dead > len(live) * DEAD_RECORDS or not self.path.exists()
        if whole or not append_records(self.path, (self.records[key].body() for key in self.added)):
            write_records(self.path, (self.records[key].body() for key in sorted(live)))
        self.added = []
        if self.sources_now != self.sources or not self.sources_path.exists():
            write_records(self.sources_path, [json.dumps(self.sources_now, ensure_ascii=False,
                                                         sort_keys=True, separators=(",", ":"))])
        for other in (*self.folder.glob("facts-*"), *self.folder.glob("sources-*")):
            if other not in (self.path, self.sources_path):
                try:
                    other.unlink()
                except OSError:
                    pass


def _load_sources(path: Path | None) -> tuple[dict[str, list], int]:
    records, damaged = read_records(path)
    try:
        sources = json.loads(records[0][1]) if len(records) == 1 else {}
        if isinstance(sources, dict) and all(isinstance(v, list) and len(v) == 4
                                             for v in sources.values()):
            return sources, damaged
    except ValueError:
        pass
    return {}, damaged + 1


def readout_key(source) -> str:
    """What a readout's facts depend on besides code and registry: name, bytes and sidecar."""
    provenance = source.provenance
    parts = (provenance.file, provenance.sha256, provenance.url, provenance.section,
             sorted((k, repr(v)) for k, v in source.overrides.items()), source.format)
    return hashlib.sha256(repr(parts).encode()).hexdigest()
