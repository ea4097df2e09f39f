"""Render content/ into site/ with MkDocs, strictly: a broken link or anchor fails the build."""

from __future__ import annotations

import logging
import sys
from pathlib import Path


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
    print(f"site written to {site}")
    return True
