"""Planned pages → content/: incremental and atomic writing, its state held in one object.

Every page is written into a fresh sibling folder that is then swapped for content/, so a build that
fails or is killed part way leaves the previous content/ as it was, and pages of readouts that are
gone do not linger. A page whose inputs are those of the last build is not made again: its file is
hard-linked into the new folder, as is any page made to the same bytes, so an unchanged page keeps
its file (and its modification time). What the last build wrote is kept by `ContentWriter` in the
cache folder; without one it remembers nothing and every page is made (unchanged files are still
kept rather than rewritten).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .cache import cache_path_for, read_records, write_records
from .model import Entry
from .outputs import mark, remove_tree, staging_prefix
from .workers import can_fork, map_here_and_forked


@dataclass
class Page:
    """A file to write: its path, its front matter, and the template and context of its body;
    or a file that a function makes whole (`text`: a feed, a data table), which MkDocs copies
    to the site as it is."""

    path: str  # relative to content/
    front_matter: str | None  # YAML; None until `build` has run
    template: str | None  # lays out the Markdown body; None for a file `text` makes
    context: dict | None
    build: Callable[[], tuple[str, dict]] | None = None  # makes front matter and context late
    key_inputs: tuple | None = None  # what the page depends on, when context is built late
    text: Callable[[], str] | None = None  # makes the whole file (then key_inputs are required)
    plan: Callable[[], Page] | None = None  # of a page known to have the last build's inputs
    subject: str | None = None  # the leader, topic or country whose pages it is one of

    @classmethod
    def as_before(cls, path: str, plan: Callable[[], Page], subject: str | None = None) -> Page:
        """A page the plan knows to have the inputs it had in the last build, without planning
        it: its file is kept when it can be, else `plan` plans it in full."""
        return cls(path, None, None, None, plan=plan, subject=subject)

    def materialize(self) -> None:
        if self.build is not None:
            self.front_matter, self.context = self.build()
            self.build = None

    def key(self, salt: str) -> str:
        """Identifies what the page is made from; `salt` stands for the code and the registry."""
        inputs = self.key_inputs if self.key_inputs is not None else (self.front_matter, self.context)
        return fingerprint((salt, self.path, self.template or "", inputs))


def fingerprint(value) -> str:
    """A digest of what a value holds, as page keys see it (`_fingerprint`)."""
    parts: list[str] = []
    _fingerprint(value, parts)
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fingerprint(value, out: list[str]) -> None:
    """What a page context holds, flattened to strings; an entry (or a meeting, anything that
    digests its own content) stands for itself by its digest."""
    kind = type(value)
    if kind is str:
        out.append(f"s{len(value)}:{value}")
    elif kind is Entry:
        out.append("e" + value.content_digest())
    elif kind in (list, tuple):
        out.append(f"[{len(value)}")
        kinds = set(map(type, value))
        if len(kinds) == 1:  # listings of readouts, meetings, statements, names: the common case
            (item_kind,) = kinds
            if item_kind is str:  # as each string alone, without a call for each
                out.extend([f"s{len(item)}:{item}" for item in value])
                return
            if item_kind is Entry:
                out.append("e" + ",".join([item.digest or item.content_digest() for item in value]))
                return
            if hasattr(item_kind, "content_digest"):
                out.append(f"{item_kind.__name__}*" + ",".join([item.content_digest() for item in value]))
                return
        for item in value:
            _fingerprint(item, out)
    elif kind is dict:
        out.append(f"{{{len(value)}")
        for k, v in value.items():
            _fingerprint(k, out)
            _fingerprint(v, out)
    elif value is None or kind in (int, float, bool, dt.date, dt.datetime):
        out.append(f"{kind.__name__}:{value!r}")
    elif hasattr(kind, "content_digest"):
        out.append(f"{kind.__name__}:{value.content_digest()}")
    elif dataclasses.is_dataclass(value):
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
        out.append(kind.__name__)
        for name in names:
            _fingerprint(getattr(value, name), out)
    else:
        raise TypeError(f"cannot fingerprint a {kind.__name__} in a page context")


@dataclass
class PageRecord:
    """How a page was written last time: its key, what it looked up, the file's identity, and
    the digest of its bytes (which still knows the file when its identity changed: content/
    restored from a CI cache has new inodes and times)."""

    key: str
    looked_up: tuple | list  # (kind, key, answer) of each lookup beyond the page's own context
    stat: tuple[int, int, int] | list | None  # size, mtime_ns, inode
    digest: str  # SHA-1 of the file's bytes
    subject: str | None = None  # the page's subject (Page.subject), whose pages may be kept whole


@dataclass
class WriteResult:
    pages: int  # pages in content/
    written: int  # files written because their bytes changed; the others were kept as they were


def _stat_of(path: str | Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


STATE_FORMAT = 5


class ContentWriter:
    """Writes a content folder, and keeps what it wrote there for the next build.

    Its state: the pages of the last build (`pages`, with their keys, lookups and files), what
    else those keys stood for (`salt`), what the plan remembered of that build (`memory`), and
    the lookups of the page being made (`note`). It is stored as plain JSON, so that reading it
    back costs little next to a build that has nothing to do.
    """

    def __init__(self, cache_dir: Path | None, content_dir: Path):
        self.content_dir = Path(content_dir)
        self.path = None
        if cache_dir:
            self.path = cache_path_for(cache_dir, "render", self.content_dir)
        self.build, self.salt, self.memory, self.pages = _load_state(self.path)
        self._refreshed = False
        self._looked_up: list[tuple[str, str, object]] = []

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def subject_paths(self) -> dict[str, list[str]]:
        """The pages the last build wrote of each subject (Page.subject)."""
        paths: dict[str, list[str]] = {}
        for path, record in self.pages.items():
            if record.subject is not None:
                paths.setdefault(record.subject, []).append(path)
        return paths

    def intact(self, path: str, record: PageRecord) -> bool:
        """The file is the one written last time: the same identity, or else the same bytes."""
        file = os.path.join(self.content_dir, path)
        stat = _stat_of(file)
        if stat is None or not record.stat:
            return False
        if list(stat) == list(record.stat):
            return True
        if stat[0] != record.stat[0] or _file_digest(file) != record.digest:
            return False
        record.stat = stat  # the same bytes under a new identity: known by it from now on
        self._refreshed = True
        return True

    def last_text(self, path: str) -> str | None:
        """The text the last build wrote to `path`, when the file is still as it was written."""
        record = self.pages.get(path)
        if record is None or not self.intact(path, record):
            return None
        try:
            with open(os.path.join(self.content_dir, path), encoding="utf-8", newline="") as handle:
                return handle.read()
        except (OSError, UnicodeDecodeError):
            return None

    def unchanged(self, build: str) -> bool:
        """The last build had these very inputs, and what it wrote is still there untouched."""
        same = (
            self.path is not None and self.build == build and bool(self.pages)
            and all(self.intact(path, record) for path, record in self.pages.items())
        )
        if same and self._refreshed:
            self.save(build)
        return same

    def save(self, build: str) -> None:
        """Store the pages; their lookups once each in a table (thousands of pages look up the
        same names), the pages by their numbers in it."""
        self.build = build
        if self.path is not None:
            numbers: dict[tuple, int] = {}
            pages = {path: [r.key, [numbers.setdefault(tuple(lookup), len(numbers))
                                    for lookup in r.looked_up], r.stat, r.digest, r.subject]
                     for path, r in self.pages.items()}
            write_records(self.path, [json.dumps({"format": STATE_FORMAT, "build": build,
                                                  "salt": self.salt, "memory": self.memory,
                                                  "lookups": list(numbers), "pages": pages},
                                                 ensure_ascii=False, separators=(",", ":"))])

    def note(self, kind: str, key: str, answer) -> None:
        """The page being made looked `key` up (a name, a label...) and got `answer`: a page kept
        from this build must get the same answers in the next."""
        self._looked_up.append((kind, key, answer))

    def write(self, parts: Sequence[Callable[[], Iterable[Page]]], make_text: Callable[[Page], str],
              lookups_hold: Callable[[tuple], bool], salt: str, progress=None,
              workers: int = 1, memory=None) -> WriteResult:
        """Plan and write every part's pages into a fresh sibling folder, then swap it for the
        content folder.

        Each part (a callable giving pages) is planned, keyed and made by one process: this one
        or one of `workers - 1` forked copies, which take parts in turn, so planning is spread
        as well as making and no process holds the whole plan. `make_text` gives a page's file
        text; `lookups_hold` tells whether a kept page's lookups still get the same answers;
        `salt` stands for everything else a page depends on. `memory` (plain data) is what the
        plan would have of this build in the next, given back there as `self.memory`.
        """
        content_dir = self.content_dir
        content_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(content_dir, "new"), dir=content_dir.parent))
        records: dict[str, PageRecord] = {}
        written = 0
        if progress:
            progress.start("render", len(parts))
        global _job
        _job = (self, parts, make_text, _asked_once(lookups_hold), salt, staging)
        try:
            staging.chmod(0o755)
            mark(staging, content_dir)  # the folder is the generator's: later builds may replace it
            numbers = range(len(parts))
            for done in map_here_and_forked(_write_part, numbers, workers if can_fork() else 1):
                for path, record, wrote in done:
                    if path in records:
                        raise ValueError(f"two pages would be written to the same file: {path}")
                    records[path] = record
                    written += wrote
                if progress:
                    progress.advance()
            _swap_in(staging, content_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            _job = None
        self.pages, self.salt, self.memory = records, salt, memory
        return WriteResult(len(records), written)

    def _write_part(self, pages: Iterable[Page], make_text, holds, salt: str,
                    staging: Path) -> list[tuple[str, PageRecord, bool]]:
        """Each page of a part kept from the last build when its key, file and lookups are as
        they were, else made: (its path, its record, whether its bytes were written afresh).
        A page the plan knows to have the last build's inputs is kept without a key when the
        rest of the key is as it was too (`salt`). Files are named by strings joined, not
        Paths: a Path made for each of 19,000 pages, several times over, was a fifth of
        keeping them."""
        done, folders = [], set()
        staging = str(staging)
        for page in pages:
            folder = os.path.dirname(os.path.join(staging, page.path))
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            old = self.pages.get(page.path)
            if page.plan is not None:
                if salt == self.salt and self._can_keep(page.path, old, holds, staging):
                    done.append((page.path, old, False))
                    continue
                page = page.plan()
            key = page.key(salt)
            if old is not None and old.key == key and self._can_keep(page.path, old, holds, staging):
                done.append((page.path, old, False))
                continue
            wrote, looked_up, stat, digest = self._make(page, make_text, staging)
            done.append((page.path, PageRecord(key, looked_up, stat, digest, page.subject), wrote))
        return done

    def _can_keep(self, path: str, old: PageRecord | None, holds, staging: str) -> bool:
        """The last build's file of a page whose inputs are as they were is still whole and its
        lookups still get the same answers: it is put into the new folder as it is."""
        return (old is not None and self.intact(path, old) and holds(old.looked_up)
                and _keep(os.path.join(self.content_dir, path), os.path.join(staging, path)))

    def _make(self, page: Page, make_text, staging: str) -> tuple[bool, tuple, tuple, str]:
        """Make one page's file in `staging`: (whether its bytes were written afresh, the lookups
        it made, the file's identity, its digest). A file made to the bytes it had is kept as
        it was."""
        self._looked_up = []
        data = make_text(page).encode("utf-8")
        old_file = os.path.join(self.content_dir, page.path)
        target = os.path.join(staging, page.path)
        wrote = not (_same_bytes(old_file, data) and _keep(old_file, target))
        if wrote:
            _write_page(target, data)
        looked_up = tuple(dict.fromkeys(self._looked_up))
        self._looked_up = []
        return wrote, looked_up, _stat_of(target), hashlib.sha1(data).hexdigest()


_job: tuple | None = None  # what a part is written with: (writer, parts, make_text, holds, salt, staging)


def _write_part(number: int) -> list[tuple[str, PageRecord, bool]]:
    writer, parts, make_text, holds, salt, staging = _job
    return writer._write_part(parts[number](), make_text, holds, salt, staging)


def _asked_once(lookups_hold: Callable[[tuple], bool]) -> Callable[[tuple], bool]:
    """`lookups_hold`, asking about each lookup once however many pages made it."""
    held: dict[tuple, bool] = {}

    def holds(looked_up) -> bool:
        for lookup in looked_up:
            answer = held.get(lookup)
            if answer is None:
                answer = held[lookup] = lookups_hold((lookup,))
            if not answer:
                return False
        return True

    return holds


def _load_state(path: Path | None) -> tuple[str | None, str | None, object, dict[str, PageRecord]]:
    """The last build's fingerprint, salt, memory and pages, when its state file is intact and
    current."""
    records, _ = read_records(path)
    try:
        saved = json.loads(records[0][1]) if len(records) == 1 else {}
        if saved.get("format") != STATE_FORMAT:
            return None, None, None, {}
        lookups = [tuple(lookup) for lookup in saved["lookups"]]
        return saved["build"], saved["salt"], saved["memory"], {
            path: PageRecord(key, [lookups[n] for n in looked_up], *rest)
            for path, (key, looked_up, *rest) in saved["pages"].items()}
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None, None, None, {}


def _file_digest(path: str | Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha1").hexdigest()
    except OSError:
        return None


def _same_bytes(path: str, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _keep(old_file: str, target: str) -> bool:
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


def _write_page(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


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
        remove_tree(staging)  # now the previous tree
        return
    retired = Path(tempfile.mkdtemp(prefix=staging_prefix(content_dir, "old"), dir=content_dir.parent))
    old = retired / content_dir.name
    os.rename(content_dir, old)
    try:
        os.rename(staging, content_dir)
    except BaseException:
        os.rename(old, content_dir)
        raise
    remove_tree(retired)
