"""Every internal link of a built site (redirects too) must land on a file, and every #fragment
on an id there."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL_SCHEMES = {"http", "https", "mailto"}
LINK_ATTRIBUTES = {"href", "src"}
_REFRESH = re.compile(r"\s*\d+\s*;\s*url=(.+)", re.IGNORECASE)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            refresh = _REFRESH.match(values.get("content") or "")
            self.links.append(refresh.group(1) if refresh else "(a refresh without url=)")
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.links.append(value)


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, path: str) -> Path | None:
    """The file a link's path part points at, as a web server would serve it; None if missing."""
    base = site if path.startswith("/") else page.parent
    target = (base / unquote(path).lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file() or not target.is_relative_to(site):
        return None
    return target


def check_site(site_dir: Path) -> list[str]:
    """Problems as "page: link" lines: missing files, missing fragments, unexpected schemes."""
    site = Path(site_dir).resolve()
    pages = {path: _parse(path) for path in sorted(site.rglob("*.html"))}
    problems = []
    for page, parsed in pages.items():
        where = page.relative_to(site).as_posix()
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme in EXTERNAL_SCHEMES:
                continue
            if parts.scheme or parts.netloc:
                problems.append(f"{where}: {link} (not a site link)")
                continue
            target = _target(site, page, parts.path) if parts.path else page
            if target is None:
                problems.append(f"{where}: {link} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = (pages.get(target) or _parse(target)).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{where}: {link} (no such anchor)")
    return problems
