"""Render content/ into site/ with MkDocs, strictly: a broken link or anchor fails the build;
then index the built readout pages for search with Pagefind, into site/pagefind/."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from .feeds import feed_updated
from .outputs import mark
from .pages.addresses import feed_path

SEARCH_BUNDLE = "pagefind"  # site/pagefind/: the index the Search page's script asks


def build_site(config: Path, content: Path, site: Path, site_url: str | None = None) -> bool:
    """Run `mkdocs build --strict` over `content` into `site`; report and return success.

    `site_url`, when given, is the site's address (else mkdocs.yml's, from $SITE_URL).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(format="mkdocs: %(levelname)s %(message)s", level=logging.WARNING)
    overrides = {"site_url": site_url} if site_url else {}
    try:
        site.mkdir(parents=True, exist_ok=True)
        mark(site)  # claimed first: MkDocs keeps hidden files when it empties the folder
        cfg = load_config(
            config_file=str(config),
            docs_dir=str(content.resolve()),
            site_dir=str(site.resolve()),
            strict=True,
            **overrides,
        )
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            with archive_date(content):
                build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (MkDocsException, OSError) as exc:
        print(f"summit: site build failed: {exc}", file=sys.stderr)
        return False
    if not index_search(site):
        return False
    print(f"site written to {site}")
    return True


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


def index_search(site: Path) -> bool:
    """Run Pagefind (the binary from the `pagefind[bin]` package) over the built site.

    Pagefind reads only pages holding a data-pagefind-body element (readouts: see
    templates/readout.md.j2) and writes a split index that a browser fetches piece by piece.
    """
    bundle = Path(site) / SEARCH_BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)  # no index chunks of an earlier build linger
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", SEARCH_BUNDLE,
             "--exclude-selectors", ".headerlink", "--quiet"],  # no "¶" of heading permalinks
            capture_output=True, text=True, timeout=1800,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"summit: search index failed: {exc}", file=sys.stderr)
        return False
    if result.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        print(f"summit: search index failed (is the `pagefind[bin]` package installed?):\n"
              f"{result.stdout}{result.stderr}", file=sys.stderr)
        return False
    return True
