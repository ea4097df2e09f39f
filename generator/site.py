"""Render content/ into site/ with MkDocs, strictly: a broken link or anchor fails the build;
then index the built readout pages for search with Pagefind, into site/pagefind/."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

SEARCH_BUNDLE = "pagefind"  # site/pagefind/: the index the Search page's script asks


def build_site(config: Path, content: Path, site: Path) -> bool:
    """Run `mkdocs build --strict` over `content` into `site`; report and return success."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(format="mkdocs: %(levelname)s %(message)s", level=logging.WARNING)
    try:
        cfg = load_config(
            config_file=str(config),
            docs_dir=str(content.resolve()),
            site_dir=str(site.resolve()),
            strict=True,
        )
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
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
