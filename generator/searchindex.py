"""Index the built readout pages for search with Pagefind, in bundles the Search page merges.

Pagefind holds about 0.2 MB per page until it has written its index, and cannot add a page to an
index it wrote: one index of a 10,000-readout archive took 2 GB and was made again in full for
every new readout. So the readout pages are split by date into bundles of at most BUNDLE_PAGES
(a run of years, or of months in a bigger year; undated readouts apart); each bundle is indexed
by a Pagefind run of its own, one after another, and the Search page merges them in the browser
(Pagefind's mergeIndex). site/pagefind/bundles.json lists them newest first with the filter that
selects each bundle's readouts, so that a search sorted by date can walk the bundles in order.

Pagefind reads only a page's data-pagefind-body element (templates/readout.md.j2). That element,
cut out of the built page, is what a bundle is indexed from and fingerprinted by: a bundle whose
pages' elements are all as they were is kept from the last build, whatever changed around them
(related readouts, the next meeting, the theme). Bundles are kept in the cache folder and linked
into site/pagefind/<bundle>/ after every build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

SEARCH_FOLDER = "pagefind"  # site/pagefind/: the bundles and the list the Search page reads
MANIFEST = "bundles.json"
SEARCH_PAGES = re.compile(r"readouts/[^/]+/index\.html")  # only readout pages hold a body element
BUNDLE_PAGES = 1500  # a year with more readout pages than this is indexed a month at a time
UNDATED = "undated"
# Pagefind's options, and what a bundle's fingerprint is made of besides its pages.
PAGEFIND_OPTIONS = ["--exclude-selectors", ".headerlink"]  # no "¶" of heading permalinks
INDEX_FORMAT = "1"
# Pagefind writes its own search interfaces into every bundle; the Search page has its own.
PAGEFIND_UI = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*",
               "pagefind-highlight.js")

_BODY = re.compile(r"<div data-pagefind-body\b")
_DIV = re.compile(r"<(/?)div\b")
_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"")
_MONTH = re.compile(r"data-pagefind-filter=\"month\[data-value\]\" data-value=\"(\d{4}-\d{2})\"")


class SearchIndexError(Exception):
    """Pagefind could not index a bundle; the message says which and why."""


def page_record(html: str) -> list[str] | None:
    """What the index needs to know of one built readout page: [month, digest of what Pagefind
    reads of it]; None when the page has nothing for search. Month is "" for an undated one."""
    document = search_document(html)
    if document is None:
        return None
    month = _MONTH.search(document)
    return [month.group(1) if month else "", hashlib.sha1(document.encode()).hexdigest()]


def search_document(html: str) -> str | None:
    """The page cut down to what Pagefind reads: its language and its data-pagefind-body element
    (a div: its end is found by counting the divs in it; a readout's own text cannot open one,
    it is escaped)."""
    start = _BODY.search(html)
    if start is None:
        return None
    depth = 0
    for tag in _DIV.finditer(html, start.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = html.index(">", tag.end()) + 1
            break
    else:
        return None  # a truncated page: nothing trustworthy to index
    lang = _LANG.search(html, 0, start.start())
    return (f'<!doctype html><html lang="{lang.group(1) if lang else "en"}"><head><meta charset="utf-8">'
            f"</head><body>{html[start.start():end]}</body></html>")


@dataclass
class Bundle:
    """Readout pages indexed together: those of a run of years, or of a run of months of one year
    too big to share a bundle."""

    units: list[str]  # years ("2019") or months ("2019-05"), oldest first; [] for undated pages
    pages: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        if not self.units:
            return UNDATED
        return self.units[0] if len(self.units) == 1 else f"{self.units[0]}_{self.units[-1]}"

    @property
    def filter(self) -> dict:
        """The search filter that selects its readouts (templates/readout.md.j2 sets them)."""
        if not self.units:
            return {"year": "Undated"}
        return {"month" if len(self.units[0]) == 7 else "year": {"any": self.units}}


def bundles_of(pages: dict[str, list[str]]) -> list[Bundle]:
    """Pages in bundles of at most BUNDLE_PAGES, newest first and undated last, made from the
    oldest year on: consecutive years share a bundle while they fit, a bigger year is split into
    runs of months. A readout added in the newest year changes only the newest bundle."""
    months = Counter(month for month, _ in pages.values() if month)
    per_year = Counter()
    for month, count in months.items():
        per_year[month[:4]] += count
    units = []  # (unit, pages in it), oldest first
    for year in sorted(per_year):
        if per_year[year] > BUNDLE_PAGES:
            units += [(month, months[month]) for month in sorted(months) if month[:4] == year]
        else:
            units.append((year, per_year[year]))
    dated: list[Bundle] = []
    room = 0
    for unit, count in units:
        last = dated[-1].units if dated else None
        same_kind = last and len(unit) == len(last[0]) and (len(unit) == 4 or unit[:4] == last[0][:4])
        if same_kind and count <= room:
            last.append(unit)
            room -= count
        else:
            dated.append(Bundle([unit]))
            room = BUNDLE_PAGES - count
    unit_of = {unit: bundle for bundle in dated for unit in bundle.units}
    undated = Bundle([])
    for path, (month, _) in sorted(pages.items()):
        bundle = (unit_of.get(month) or unit_of[month[:4]]) if month else undated
        bundle.pages.append(path)
    return dated[::-1] + ([undated] if undated.pages else [])


def index_search(site: Path, pages: dict[str, list[str]], store: Path | None) -> int | None:
    """Index `pages` (site path → page_record) into bundles under `store` (kept there between
    builds; a temporary folder when None) and link them into site/pagefind/. Returns how many
    bundles were indexed again, or None (reported) when one could not be."""
    bundles = bundles_of(pages)
    with tempfile.TemporaryDirectory(prefix="summit-search-") as scratch:
        store = Path(store) if store else Path(scratch) / "bundles"
        try:
            made = _update_bundles(site, bundles, pages, store)
            _publish(site, store, bundles)
        except (SearchIndexError, OSError) as exc:
            print(f"summit: search index failed: {exc}", file=sys.stderr)
            return None
    return made


def _update_bundles(site: Path, bundles: list[Bundle], pages: dict[str, list[str]],
                    store: Path) -> int:
    """Index again each bundle whose pages changed, drop the bundles no page is in any more;
    return how many were indexed."""
    store.mkdir(parents=True, exist_ok=True)
    for stale in {p.name for p in store.iterdir()} - {bundle.key for bundle in bundles}:
        shutil.rmtree(store / stale, ignore_errors=True)
    made = 0
    for bundle in bundles:
        digest = _bundle_digest(bundle.key, [(path, pages[path][1]) for path in bundle.pages])
        folder = store / bundle.key
        if _digest_of(folder) == digest:
            continue
        _index_bundle(site, bundle.pages, folder)
        (folder / ".digest").write_text(digest, encoding="utf-8")
        made += 1
    return made


def _bundle_digest(key: str, pages: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256(f"{INDEX_FORMAT}\0{_pagefind_version()}\0{PAGEFIND_OPTIONS}\0{key}\0"
                            .encode())
    for path, page in pages:
        digest.update(f"{path}\0{page}\n".encode())
    return digest.hexdigest()


def _digest_of(folder: Path) -> str | None:
    """The fingerprint a bundle was indexed from, when it is whole (its entry file is there)."""
    try:
        if (folder / "pagefind-entry.json").is_file():
            return (folder / ".digest").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    return None


def _index_bundle(site: Path, paths: list[str], folder: Path) -> None:
    """One Pagefind run over the cut-down pages of one bundle, written in place of `folder`."""
    shutil.rmtree(folder, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="summit-bundle-") as documents:
        for path in paths:
            document = search_document((site / path).read_text(encoding="utf-8"))
            if document is None:
                raise SearchIndexError(f"{path} has no search body any more")
            target = Path(documents) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document, encoding="utf-8")
        try:
            result = subprocess.run(
                [sys.executable, "-m", "pagefind", "--site", documents, "--output-path", str(folder),
                 *PAGEFIND_OPTIONS, "--quiet"],
                capture_output=True, text=True, timeout=1800)
        except (OSError, subprocess.SubprocessError) as exc:
            raise SearchIndexError(f"bundle {folder.name}: {exc}") from exc
    if result.returncode != 0 or not (folder / "pagefind-entry.json").is_file():
        raise SearchIndexError(f"bundle {folder.name} (is the `pagefind[bin]` package installed?):"
                               f"\n{result.stdout}{result.stderr}")


def _publish(site: Path, store: Path, bundles: list[Bundle]) -> None:
    """site/pagefind/: each bundle linked from the store, and the list of them in date order."""
    target = site / SEARCH_FOLDER
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for bundle in bundles:
        shutil.copytree(store / bundle.key, target / bundle.key, copy_function=_link_or_copy,
                        ignore=shutil.ignore_patterns(".digest", *PAGEFIND_UI))
    manifest = [{"path": f"{bundle.key}/", "filter": bundle.filter} for bundle in bundles]
    (target / MANIFEST).write_text(json.dumps(manifest) + "\n", encoding="utf-8")


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the store and the site share a file system (instant, no space), else a
    copy. Nothing writes into a published bundle, so the two never differ."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return "unknown"
