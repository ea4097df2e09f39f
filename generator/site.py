"""Render content/ into site/ with MkDocs, strictly: a broken link or anchor fails the build;
then index the built readout pages for search with Pagefind, into site/pagefind/.

A build is incremental when it can be: MkDocs makes again only the pages whose Markdown changed
since the last build that succeeded, and leaves the others' HTML as it was. What an unchanged
page's HTML is made from besides its Markdown (mkdocs.yml, the theme and overrides/, the
generator's code and templates, every installed package's version, the site's address) is
fingerprinted, and any change there makes the build a full one; so does a page gone from
content/ (a link to it may have to fail the build), and a page made again that lost an anchor
another page may link to. What is left to MkDocs is what depends on every page: the sitemap and
the 404 page are made each time, and links from the pages made into the pages kept are checked
against the anchors those had. The result is the same, byte for byte, as a full build of the
same content (tests/test_site_incremental.py builds both ways and compares).

The state of the last build that succeeded lives in the cache folder; a build that fails or is
killed deletes it first, so the next build is a full one. The search index is made in bundles
that are kept when what search reads of their pages did not change (searchindex.py).
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import hashlib
import json
import logging
import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .cache import cache_path_for, code_fingerprint, read_records, write_records
from .feeds import feed_updated
from .outputs import mark
from .pages.addresses import feed_path
from .searchindex import SEARCH_PAGES, index_search, page_record

STATE_FORMAT = "2"


def build_site(config: Path, content: Path, site: Path, site_url: str | None = None,
               cache_dir: Path | None = None) -> bool:
    """Run `mkdocs build --strict` over `content` into `site` (incrementally when the state of
    the last build is in `cache_dir`), then the search index; report and return success.

    `site_url`, when given, is the site's address (else mkdocs.yml's, from $SITE_URL).
    """
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(format="mkdocs: %(levelname)s %(message)s", level=logging.WARNING)
    state_path = _state_path(cache_dir, site)
    try:
        site.mkdir(parents=True, exist_ok=True)
        mark(site)  # claimed first: MkDocs keeps hidden files when it empties the folder
        previous = _load_state(state_path)
        _forget(state_path)  # until this build succeeds, the next one is a full one
        state = _run_mkdocs(config, content, site, site_url, previous)
    except (MkDocsException, OSError) as exc:
        print(f"summit: site build failed: {exc}", file=sys.stderr)
        return False
    _give_back_memory()  # Pagefind's peak is the build's: MkDocs' pages are not needed by then
    store = cache_path_for(cache_dir, "search", site, suffix="") if cache_dir else None
    bundles = index_search(site, state.search, store)
    if bundles is None:
        return False
    _save_state(state_path, state)
    how = (f"{state.made} of {len(state.anchors)} pages made again" if state.incremental
           else f"a full build: {state.full_because}")
    print(f"site written to {site} ({how}; search: {bundles} of its bundles indexed again)")
    return True


@dataclass
class SiteState:
    """What the last good build was made from: the fingerprint of everything but content/, each
    content file's identity and digest, and the anchors (ids) each page holds."""

    inputs: str
    files: dict[str, list] = field(default_factory=dict)  # path → [size, mtime_ns, inode, digest]
    anchors: dict[str, list[str]] = field(default_factory=dict)  # Markdown page → its ids
    search: dict[str, list[str]] = field(default_factory=dict)  # readout page → page_record
    incremental: bool = False  # this build kept pages of the last
    full_because: str = ""  # why it did not, when it did not
    made: int = 0  # Markdown pages MkDocs made in this build


class FullBuildNeeded(Exception):
    """An incremental build found it cannot equal a full one; the reason says why."""


def _run_mkdocs(config: Path, content: Path, site: Path, site_url: str | None,
                previous: SiteState | None) -> SiteState:
    """MkDocs over content/, incrementally from `previous` when it allows; the new state."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides = {"site_url": site_url} if site_url else {}
    cfg = load_config(config_file=str(config), docs_dir=str(content.resolve()),
                      site_dir=str(site.resolve()), strict=True, **overrides)
    inputs = _inputs_fingerprint(config, cfg)
    files = _content_files(content, previous.files if previous else {})
    changed, because = _changed_files(previous, inputs, files)
    pages = PageKeeper(inputs, files, changed, previous, because)
    cfg.plugins["summit-incremental"] = pages
    cfg.plugins.on_startup(command="build", dirty=changed is not None)
    try:
        with archive_date(content), _dirty_build_allowed():
            try:
                build(cfg, dirty=changed is not None)
            except FullBuildNeeded as reason:
                pages.reset(None, str(reason))
                build(cfg, dirty=False)
    finally:
        cfg.plugins.on_shutdown()
    return pages.state


def _changed_files(previous: SiteState | None, inputs: str, files: dict[str, list]
                   ) -> tuple[set[str] | None, str]:
    """The content files that changed since the last good build; or None, and why the build
    must be a full one."""
    if previous is None:
        return None, "no earlier build to keep pages from"
    if previous.inputs != inputs:
        return None, "mkdocs.yml, the theme, the site address, the code or a package changed"
    gone = set(previous.files) - set(files)
    if gone:  # links to it must fail the build
        return None, f"{min(gone)} is gone" + (f" (and {len(gone) - 1} more)" if len(gone) > 1 else "")
    return {path for path, identity in files.items()
            if previous.files.get(path, [None])[-1] != identity[-1]}, ""


def _content_files(content: Path, known: dict[str, list]) -> dict[str, list]:
    """Every file MkDocs may read from content/ (hidden ones are not), with its identity and
    digest; a file whose size, time and inode are those recorded keeps its recorded digest."""
    files = {}
    root = content.resolve()
    for folder, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            stat = path.stat()
            identity = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
            old = known.get(relative)
            digest = old[3] if old and old[:3] == identity else _file_digest(path)
            files[relative] = [*identity, digest]
    return files


def _file_digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha1").hexdigest()


class PageKeeper:
    """An MkDocs plugin that makes a dirty build equal to a full one, and records the state.

    In an incremental build, a file counts as modified when its bytes changed (not by time
    stamps) or its output is missing; a page kept has the anchors it had, so links into it are
    checked; a page made again must keep every anchor it had. In every build the HTML of each
    page waits in a spool file between the reading of all pages and the writing of each, so
    memory holds one page at a time instead of the whole site.
    """

    def __init__(self, inputs: str, files: dict[str, list], changed: set[str] | None,
                 previous: SiteState | None, full_because: str = ""):
        self.inputs, self.files, self.previous = inputs, files, previous
        self.reset(changed, full_because)

    def reset(self, changed: set[str] | None, full_because: str = "") -> None:
        self.changed = changed
        self.state = SiteState(self.inputs, self.files, incremental=changed is not None,
                               full_because=full_because)
        self.kept: dict[str, str] = {}  # Markdown page kept → its HTML page

    def on_files(self, files, config):
        if self.changed is None:
            return files
        docs = Path(config.docs_dir)
        for file in files:
            from_content = file.abs_src_path and Path(file.abs_src_path).is_relative_to(docs)
            modified = (file.src_uri in self.changed if from_content else False) \
                or not os.path.isfile(file.abs_dest_path)
            if not modified and file.is_documentation_page():
                self.kept[file.src_uri] = file.dest_uri
            file.is_modified = (lambda modified=modified: modified)
        return files

    def on_env(self, env, config, files):
        """All pages are read: the kept ones get their anchors, and those made again must not
        have lost one."""
        for file in files.documentation_pages():
            page = file.page
            if file.src_uri in self.kept:
                page.present_anchor_ids = set(self.previous.anchors.get(file.src_uri, ()))
            elif self.changed is not None and self.previous is not None:
                lost = set(self.previous.anchors.get(file.src_uri, ())) - page.present_anchor_ids
                if lost:
                    raise FullBuildNeeded(f"{file.src_uri} no longer has #{min(lost)}")
        return env

    def on_page_content(self, html, page, config, files):
        self.state.anchors[page.file.src_uri] = sorted(page.present_anchor_ids or ())
        self.state.made += 1
        page.markdown = None  # read and rendered: no longer needed
        return self._spool(page, html)

    def on_page_context(self, context, page, config, nav):
        page.content = self._unspool(page)
        return context

    def on_post_page(self, output, page, config):
        page.content = None  # written: this page's HTML can go
        if SEARCH_PAGES.fullmatch(page.file.dest_uri):
            record = page_record(output)
            if record:
                self.state.search[page.file.dest_uri] = record
        return output

    def on_post_build(self, config):
        for src_uri, dest_uri in self.kept.items():
            self.state.anchors[src_uri] = self.previous.anchors.get(src_uri, [])
            if dest_uri in self.previous.search:
                self.state.search[dest_uri] = self.previous.search[dest_uri]

    def on_startup(self, command, dirty):
        self._spool_dir = tempfile.TemporaryDirectory(prefix="summit-pages-")

    def on_shutdown(self):
        self._spool_dir.cleanup()

    def _spool_path(self, page) -> str:
        name = hashlib.sha1(page.file.src_uri.encode()).hexdigest()
        return os.path.join(self._spool_dir.name, name)

    def _spool(self, page, html: str) -> str:
        with open(self._spool_path(page), "w", encoding="utf-8", newline="") as handle:
            handle.write(html)
        return ""

    def _unspool(self, page) -> str:
        path = self._spool_path(page)
        with open(path, encoding="utf-8", newline="") as handle:
            html = handle.read()
        os.unlink(path)
        return html


def _inputs_fingerprint(config: Path, cfg) -> str:
    """Everything but content/ that a page's HTML is made from: mkdocs.yml, the site's address,
    the theme's own folder (overrides/) and hooks, the generator's code and templates (the
    hooks use it), and the version of every installed package (the theme, MkDocs, Markdown)."""
    from importlib import metadata

    digest = hashlib.sha256(f"{STATE_FORMAT}\0{sys.version}\0".encode())
    digest.update(Path(config).read_bytes() + b"\0")
    digest.update(f"{cfg.site_url}\0{cfg.use_directory_urls}\0{code_fingerprint()}\0".encode())
    folders = [Path(cfg.theme.custom_dir)] if cfg.theme.custom_dir else []
    hooks = [Path(config).parent / hook for hook in cfg.hooks]  # relative to mkdocs.yml
    for path in sorted(p for folder in folders for p in folder.rglob("*") if p.is_file()) + hooks:
        if "__pycache__" not in path.parts:
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    # (a set: a package seen twice on the path, as an egg-info in the working folder beside
    # its installed copy when the command runs as `python -m`, is the same package)
    packages = sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()})
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()


def _give_back_memory() -> None:
    """Free what MkDocs left behind and hand the freed heap back to the system (glibc keeps it
    otherwise), so this process stays small while Pagefind, a process of its own, indexes."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory stays with this process
        pass


def _state_path(cache_dir: Path | None, site: Path) -> Path | None:
    return cache_path_for(cache_dir, "site", site) if cache_dir else None


def _load_state(path: Path | None) -> SiteState | None:
    """The last good build's state, when it is there and intact."""
    records, _ = read_records(path)
    if len(records) != 1:
        return None
    try:
        data = json.loads(records[0][1])
        return SiteState(data["inputs"], data["files"], data["anchors"], data["search"])
    except (ValueError, KeyError, TypeError):
        return None


def _save_state(path: Path | None, state: SiteState) -> None:
    data = {"inputs": state.inputs, "files": state.files, "anchors": state.anchors,
            "search": state.search}
    write_records(path, [json.dumps(data, ensure_ascii=False, sort_keys=True,
                                    separators=(",", ":"))])


def _forget(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


class _NotDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may be inaccurate; this one is made exact (PageKeeper),
    and in strict mode the warning would fail it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextmanager
def _dirty_build_allowed():
    logger = logging.getLogger("mkdocs.commands.build")
    quiet = _NotDirtyWarning()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


@contextmanager
def archive_date(content: Path):
    """Date the build by the archive, not the clock: MkDocs dates sitemap.xml (each page's
    lastmod, and the gzip header of sitemap.xml.gz) by SOURCE_DATE_EPOCH, else today. Set to the
    day of the archive's newest readout (its feed's `updated`), two builds of the same archive
    are byte-identical on any day. A SOURCE_DATE_EPOCH already set is left as it is."""
    day = None if "SOURCE_DATE_EPOCH" in os.environ else feed_updated(content / feed_path())
    if day is None:
        yield
        return
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
